/* Exploratory factor analysis as R psych computes it, around the fit:
 * Bartlett's sphericity test, Kaiser-Meyer-Olkin adequacy, cor.smooth,
 * squared multiple correlations, factor-score weights and Cronbach's alpha.
 * The fits (minres, ml, pa) are in fafit.h, the rotations in rotate.h, the
 * matrix algebra in matrix.h.
 *
 * Matrices are row-major arrays of doubles: a p x k matrix A has A[i*k + j].
 * Data X (n x p) holds complete rows only. */
#ifndef SVY_FA_H
#define SVY_FA_H

#include <stddef.h>

/* Bartlett's test that R (from N rows) is an identity matrix, as
 * psych::cortest.bartlett: chi2 = -log det R * (n - 1 - (2p + 5) / 6),
 * df = p (p - 1) / 2. Returns -1 when R is not positive definite. */
int fa_bartlett(const double *r, size_t p, size_t n, double *chi2, double *df,
                double *pvalue);

/* Kaiser-Meyer-Olkin measure of sampling adequacy, overall (*KMO) and per
 * item (MSA[p]), from R and its inverse, as psych::KMO. Returns -1 when R is
 * not positive definite. */
int fa_kmo(const double *r, size_t p, double *kmo, double *msa);

/* psych's cor.smooth: when the smallest eigenvalue of the P x P matrix M is
 * below machine epsilon, eigenvalues below TOL become 100 TOL, all are
 * rescaled to sum to P, and the rebuilt matrix is made a correlation matrix
 * again (R's cov2cor: diagonal exactly 1). Returns 1 when M was smoothed. */
int fa_cor_smooth(double *m, size_t p, double tol);

/* Squared multiple correlations 1 - 1 / diag(R^-1). Returns -1 when R is not
 * positive definite. */
int fa_smc(const double *r, size_t p, double *smc);

/* Regression (Thurstone) factor-score weights W = R^-1 L (P x K), as
 * psych::factor.scores. Returns -1 when R is not positive definite. */
int fa_regression_weights(const double *r, const double *l, size_t p, size_t k,
                          double *w);

/* Bartlett factor-score weights W = U^-2 L (L' U^-2 L)^-1, U^2 the
 * uniquenesses. Returns -1 when a uniqueness is zero or L' U^-2 L is
 * singular. */
int fa_bartlett_weights(const double *l, const double *uniq, size_t p, size_t k,
                        double *w);

/* Cronbach's alpha of the items I with USE[i] set, from their covariance (or,
 * for the standardised alpha, correlation) matrix C (P x P), skipping item
 * SKIP (pass P to skip none): (m / (m - 1)) (1 - tr C / sum C), as psych::alpha.
 * NaN when fewer than two items remain. */
double fa_alpha(const double *c, size_t p, const unsigned char *use, size_t skip);

#endif
