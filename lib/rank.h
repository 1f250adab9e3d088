/* Ranks with ties, as scipy.stats.rankdata(method="average") gives them. */
#ifndef SVY_RANK_H
#define SVY_RANK_H

#include <stddef.h>

/* Rank the N values X (1 = smallest), tied values getting the mean of the
 * ranks they span, into RANKS (N doubles, may not alias X; NULL: only the tie
 * term wanted). Returns the tie term sum(t^3 - t) over the groups of t tied
 * values (0 without ties), the quantity the tie corrections of
 * Kruskal-Wallis, Mann-Whitney and Friedman use. */
double rank_average(const double *x, size_t n, double *ranks);

#endif
