int s_f(int x)
{
	return x;
}
