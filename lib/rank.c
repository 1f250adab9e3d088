#include "rank.h"

#include <stdlib.h>

#include "err.h"

typedef struct {
	double v;
	size_t i;
} rank_item;

static int
rank_cmp(const void *a, const void *b)
{
	const rank_item *x = a, *y = b;
	if (x->v < y->v)
		return -1;
	if (x->v > y->v)
		return 1;
	/* Equal values: keep input order, so the result does not depend on
	 * qsort's stability. */
	return (x->i > y->i) - (x->i < y->i);
}

static rank_item *
rank_sorted(const double *x, size_t n)
{
	rank_item *it = xmalloc(n * sizeof *it);
	for (size_t i = 0; i < n; i++) {
		it[i].v = x[i];
		it[i].i = i;
	}
	qsort(it, n, sizeof *it, rank_cmp);
	return it;
}

double
rank_average(const double *x, size_t n, double *ranks)
{
	rank_item *it = rank_sorted(x, n);
	double ties = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && it[j].v == it[i].v)
			j++;
		/* Positions i..j-1 (0-based) hold ranks i+1..j: their mean. */
		double r = ((double)i + 1 + (double)j) / 2;
		for (size_t k = i; ranks && k < j; k++)
			ranks[it[k].i] = r;
		double t = (double)(j - i);
		ties += t * t * t - t;
		i = j;
	}
	free(it);
	return ties;
}
