/* McDonald's omega as R psych omega() computes it with its defaults
 * (nfactors 3, fm "minres", rotate "oblimin", flip TRUE): a minres fit of
 * NF factors, varimax (psych's stats::varimax, eps 1e-5), oblimin
 * (GPArotation, from the varimax loadings), a general factor of the factor
 * correlations (a one-factor minres fit of Phi when NF > 2; sqrt|phi_12|
 * when NF = 2, psych's option "equal"), the Schmid-Leiman loadings, items
 * flipped by the sign of their general loading. */
#ifndef SVY_OMEGA_H
#define SVY_OMEGA_H

#include <stddef.h>

typedef struct {
	double total;		/* omega_t: (Vt - sum u2) / Vt */
	double hierarchical;	/* omega_h: (sum g)^2 / Vt */
	double limit;		/* omega_h asymptotic: (sum g)^2 / (Vt - sum u2) */
	double ecv;		/* explained common variance of g */
	double alpha;		/* standardised alpha of the flipped items */
	size_t heywood;		/* Heywood cases of the NF-factor fit
				   (communality >= FA_HEYWOOD) */
} omega_result;

/* Omega of the P x P correlation matrix R with NF group factors. H2 (P
 * values, may be NULL) receives the communalities of the NF-factor minres
 * fit (a Heywood case reaches 1). Returns -1 when a fit fails (R not
 * positive definite, NF >= P). */
int omega_compute(const double *r, size_t p, size_t nf, omega_result *res, double *h2);

#endif
