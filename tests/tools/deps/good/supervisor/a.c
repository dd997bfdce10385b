#include "b.h"
#include "shared.h"

int a_f(int x)
{
	return b_f(x) + 1;
}
