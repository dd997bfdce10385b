#include "b.h"

int a_f(int x);

int b_f(int x)
{
	return a_f(x);
}
