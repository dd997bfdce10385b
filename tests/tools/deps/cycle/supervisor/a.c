int b_f(int x);

int a_f(int x)
{
	return x ? b_f(x - 1) : 0;
}
