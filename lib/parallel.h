/* Horn's parallel analysis as R psych fa.parallel(x) computes it (fm =
 * "minres", SMC = FALSE, sim = TRUE, quant = 0.95; its suggestions those of
 * fa = "fa" and fa = "pc", from the simulated percentiles: psych's default
 * fa = "both" takes the resampled ones): the eigenvalues of the items' correlation matrix (components) and
 * of the matrix with the communalities of a one-factor minres fit on its
 * diagonal (factors), beside the same of ITERS simulated data sets (normal,
 * same n and p) and ITERS resampled ones (each column drawn with
 * replacement from its own values). The random numbers are GSL's Mersenne
 * Twister, not R's: the simulated values agree with psych's in
 * distribution, not digit for digit. */
#ifndef SVY_PARALLEL_H
#define SVY_PARALLEL_H

#include <stddef.h>

enum { PAR_PC_SIM, PAR_FA_SIM, PAR_PC_RESAMPLED, PAR_FA_RESAMPLED, PAR_KINDS };

typedef struct {
	size_t p;
	double *pc, *fa;		/* observed eigenvalues, P each */
	double *mean[PAR_KINDS];	/* the means over the data sets, P each */
	double *q95[PAR_KINDS];		/* their 95th percentiles (R type 7) */
	size_t ncomp, nfact;		/* the suggestions: psych's pc.test and
					   fa.test (simulated 95th percentiles) */
} parallel_result;

/* Parallel analysis of the N x P complete data X whose correlation matrix is
 * R. Returns -1 when a one-factor fit fails (a matrix not positive definite),
 * -2 when 1000 resampled data sets in a row had a constant column. RES is
 * to be freed with parallel_free only on success. */
int parallel_run(const double *x, size_t n, size_t p, const double *r, int iters,
                 unsigned long seed, parallel_result *res);

void parallel_free(parallel_result *res);

/* The eigenvalues file of svy-factor --eigenvalues at PATH: index,
 * eigenvalue, proportion and cumulative of the P x P matrix COR, and with
 * PA (may be NULL) the one-factor eigenvalues and the simulated and
 * resampled means and 95th percentiles. */
void parallel_write_eigenvalues(const char *path, const double *cor, size_t p,
                                const parallel_result *pa);

#endif
