/* Random draws that give the same bytes on every machine: each one from a
 * GSL generator and decided by comparing a draw with a constant (no libm
 * routine decides a category), as svy-simulate needs. */
#ifndef SVY_DRAW_H
#define SVY_DRAW_H

#include <gsl/gsl_rng.h>

/* A standard normal deviate (GSL's ziggurat). */
double draw_gauss(gsl_rng *g);

/* A whole number in [0, N). */
int draw_int(gsl_rng *g, int n);

/* 1 with probability P: a uniform draw compared with P. */
int draw_chance(gsl_rng *g, double p);

/* A category 0..K-1 drawn with the weights COUNTS[0..K-1]. */
int draw_weighted(gsl_rng *g, const int *counts, int k);

/* LIST[0..N-1]: COUNTS[c] times each category c of K, in a random order (G
 * NULL: ascending, no draw). The counts adding up to other than N is an
 * internal error. */
void draw_list(gsl_rng *g, int *list, int n, const int *counts, int k);

/* ORDER[0..N-1]: the indices 0..N-1 by ascending KEY, ties by index (a total
 * order: the same on every libc). */
void draw_order(const double *key, int n, int *order);

#endif
