/* Implemented by a.c and b.c: maps to no file, so b.c -> a.c is no edge. */
int a_f(int x);
int b_g(int x);
