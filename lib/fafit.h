/* The extractions of exploratory factor analysis as R psych fa() computes
 * them (minres, ml, pa), to the true minimum of each criterion, and the
 * fit's reports (psych's printed objective, convergence).
 *
 * Matrices are row-major arrays of doubles: a p x k matrix A has A[i*k + j]. */
#ifndef SVY_FAFIT_H
#define SVY_FAFIT_H

#include <stddef.h>

typedef struct {
	int iterations;		/* Newton steps taken (by the best start) */
	int converged;		/* projected gradient below tolerance */
	double objective;	/* the method's criterion at the solution: for
				   minres, the sum over i < j of (R - L L')_ij
				   squared (half psych's fit.residuals); for ml,
				   psych's FAfn */
	double psych_objective;	/* what psych prints as "the objective function
				   was": fa_psych_objective of the loadings */
	double gradient;	/* largest projected gradient component at the end */
	int starts;		/* starts tried (minres, ml; 1 for pa) */
	int starts_best;	/* of them, how many reached the best objective
				   (within 1e-8 relative): 1 of several says the
				   optimum was found once only */
	int best_start;		/* which start gave it, from 1 */
} fa_fit_info;

/* Minimum-residual (unweighted least squares) extraction of K factors from
 * the P x P correlation matrix R, to the true minimum: minimise over the
 * uniquenesses psi in [0.005, 1] (psych's bounds) the squared residuals of
 * R - diag(psi) against its best rank-K part, by projected Newton steps with
 * the exact gradient and Hessian (lib/fafit.c) from psych's start (1 - SMC)
 * and, up to 100 items, from 0.5 everywhere and 2 to 30 spread ones (as many
 * as 2e5 / p^3 allows), keeping the best. Writes the unrotated loadings L (P x K) as psych's
 * FAout.wls (top eigenvectors of R with 1 - psi on the diagonal, scaled by
 * the square roots of their eigenvalues). Returns -1 when R is not positive
 * definite. */
int fa_minres(const double *r, size_t p, size_t k, int max_iter, double *l,
              fa_fit_info *info);
/* As fa_minres, from psych's start (1 - SMC) alone: what psych's fa does, for
 * the many fits of parallel analysis, where psych's procedure is the point. */
int fa_minres_one(const double *r, size_t p, size_t k, int max_iter, double *l,
                  fa_fit_info *info);

/* Maximum-likelihood extraction of K factors, as psych fa(fm = "ml") (and
 * factanal): minimise psych's FAfn over the uniquenesses in [0.005, 1] to the
 * true minimum, by the same projected Newton steps as fa_minres, from
 * deterministic starts (psych's 1 - SMC, factanal's (1 - k/2p)(1 - SMC), 0.5
 * everywhere, and 3 to 97 spread ones, as many as 4e6 / p^3 allows: 97 up
 * to 34 items), keeping the best; loadings as psych's FAout. INFO's objective is FAfn at the solution. Returns -1 when R
 * is not positive definite. */
int fa_ml(const double *r, size_t p, size_t k, int max_iter, double *l,
          fa_fit_info *info);

/* Principal axis factoring as psych fa(fm = "pa"): communalities start at the
 * SMCs and are replaced by those of the K leading eigen pairs until their sum
 * changes by no more than MIN_ERR (psych's min.err, 0.001) or MAX_ITER steps
 * (psych's max.iter, 50) are done. Negative eigenvalues count as 0 (psych
 * gives up there). INFO's objective is the minres criterion of the
 * loadings; its gradient the last change. Returns -1 when R is not positive
 * definite. */
int fa_pa(const double *r, size_t p, size_t k, double min_err, int max_iter,
          double *l, fa_fit_info *info);

/* psych's printed objective (fa.stats) of the loadings L of R: with M = L L'
 * given R's diagonal (and smoothed as psych's cor.smooth when not positive
 * definite), tr(M^-1 R) - log det(M^-1 R) - P. Invariant under rotation. NaN
 * when M or R is singular. */
double fa_psych_objective(const double *r, const double *l, size_t p, size_t k);

/* A fit that did not converge is an error (exit 1) naming WHAT, its STEPS
 * and, when MEASURE is not NULL, the LAST value of it (e.g. "largest
 * gradient"), unless ALLOW: then a warning. */
void fa_require_converged(const char *what, int converged, int steps, const char *measure,
                          double last, int allow);

#endif
