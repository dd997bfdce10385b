int c_f(int x);

int b_f(int x)
{
	return x ? c_f(x - 1) : 0;
}
