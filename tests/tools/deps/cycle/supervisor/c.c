int a_f(int x);

int c_f(int x)
{
	return x ? a_f(x - 1) : 0;
}
