int s_f(int x);

int x_f(int x)
{
	return s_f(x);
}
