/* Random draws the same on every machine (see draw.h). */
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "draw.h"
#include "err.h"

double
draw_gauss(gsl_rng *g)
{
	return gsl_ran_gaussian_ziggurat(g, 1.0);
}

int
draw_int(gsl_rng *g, int n)
{
	return (int)gsl_rng_uniform_int(g, (unsigned long)n);
}

int
draw_chance(gsl_rng *g, double p)
{
	return gsl_rng_uniform(g) < p;
}

int
draw_weighted(gsl_rng *g, const int *counts, int k)
{
	int total = 0;
	for (int i = 0; i < k; i++)
		total += counts[i];
	int u = draw_int(g, total);
	for (int i = 0; i < k; i++) {
		if (u < counts[i])
			return i;
		u -= counts[i];
	}
	return k - 1;
}

void
draw_list(gsl_rng *g, int *list, int n, const int *counts, int k)
{
	int o = 0;
	for (int c = 0; c < k; c++)
		for (int i = 0; i < counts[c]; i++)
			list[o++] = c;
	if (o != n)
		die("internal error: counts add up to %d, not %d", o, n);
	if (g)
		gsl_ran_shuffle(g, list, (size_t)n, sizeof *list);
}

/* The keys of draw_order's sort (qsort passes no context). */
static const double *sort_keys;

static int
by_key(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b;
	if (sort_keys[i] != sort_keys[j])
		return sort_keys[i] < sort_keys[j] ? -1 : 1;
	return (i > j) - (i < j);
}

void
draw_order(const double *key, int n, int *order)
{
	for (int i = 0; i < n; i++)
		order[i] = i;
	sort_keys = key;
	qsort(order, (size_t)n, sizeof *order, by_key);
	sort_keys = NULL;
}
