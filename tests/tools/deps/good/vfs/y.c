int y_f(int x)
{
	return x;
}
