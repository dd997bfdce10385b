#include "b.h"
#include "shared.h"

int b_f(int x)
{
	return x * 2;
}

int b_g(int x)
{
	return x;
}
