int b_f(int x);
