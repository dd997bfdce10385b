#include "b.h"

int a_f(int x)
{
	return x;
}
