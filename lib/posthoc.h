/* Post-hoc comparisons: Dunn's test of every pair of groups after a
 * Kruskal-Wallis test, and the adjusted standardised residuals of the cells
 * of a table after a chi-square test. The p of a family of comparisons is
 * adjusted by the caller (ht_adjust). */
#ifndef SVY_POSTHOC_H
#define SVY_POSTHOC_H

#include <stddef.h>

/* Dunn's test (1964) of the N values X in K groups (GROUP[i] in 0..K-1,
 * SIZES[j] values each, every group non-empty) with the tie correction, as
 * R's dunn.test and scikit-posthocs' posthoc_dunn: for each pair i < j in
 * order (k (k - 1) / 2 of them), Z the mean rank of i minus that of j over
 * sqrt((N (N + 1) / 12 - T / (12 (N - 1))) (1/n_i + 1/n_j)), T the tie term;
 * P two-sided from the normal distribution. NULL, or why it is undefined
 * (every value tied). */
const char *posthoc_dunn(const double *x, const size_t *group, const size_t *sizes,
                         size_t n, size_t k, double *z, double *p);

/* The adjusted standardised residual of each cell of the R x C table T
 * (row-major counts, every row and column non-empty), as R's
 * chisq.test()$stdres: (O - E) / sqrt(E (1 - row/n) (1 - col/n)), into Z
 * (R x C); P the two-sided normal p of each. */
void posthoc_cell_residuals(const double *t, size_t r, size_t c, double *z, double *p);

/* The number of pairs of K groups. */
size_t posthoc_npairs(size_t k);

#endif
