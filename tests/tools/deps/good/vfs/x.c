int y_f(int x);

int x_f(int x)
{
	return y_f(x);
}
