/* b.c's header: b_f() only. */
int b_f(int x);
