/* The extractions of exploratory factor analysis as R psych fa() computes
 * them (minres, ml, pa), to the true minimum of each criterion, and the
 * fit's reports (psych's printed objective, convergence).
 *
 * Matrices are row-major arrays of doubles: a p x k matrix A has A[i*k + j]. */
#ifndef SVY_FAFIT_H
#define SVY_FAFIT_H

#include <stddef.h>

#include "rotate.h"

typedef struct {
	int iterations;		/* Newton steps taken (by the best start) */
	int converged;		/* projected gradient below tolerance */
	double objective;	/* the method's criterion at the solution: for
				   minres, the sum over i < j of (R - L L')_ij
				   squared (what psych's fa reports as
				   fit.residuals); for ml,
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
 * as 2e5 / p^3 allows, fewer when Boender and Rinnooy Kan's stopping rule
 * says the optima are all found), keeping the best. Writes the unrotated
 * loadings L (P x K) as psych's
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
 * true minimum, by projected Newton steps as fa_minres's but in log psi,
 * from deterministic starts (psych's 1 - SMC, factanal's (1 - k/2p)(1 -
 * SMC), 0.5 everywhere, and 3 to 97 spread ones, as many as 4e6 / p^3
 * allows: 97 up to 34 items; fewer by the same stopping rule; a start that
 * reaches an optimum already found stops there), keeping the best; loadings
 * as psych's FAout. INFO's objective is FAfn at the solution, its gradient
 * that of log psi. Returns -1 when R is not positive definite. */
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

/* ---- a fit of a set of items, as svy-factor makes it ---- */

/* A communality at psych's bound (uniqueness 0.005) or above: a Heywood case. */
#define FA_HEYWOOD 0.995

enum { FA_MINRES, FA_ML, FA_PA };

/* The names of the extraction methods, in the order above, NULL-terminated. */
extern const char *const fa_method_names[];

/* How to fit: factors, extraction, rotation. */
typedef struct {
	size_t k;		/* factors */
	int method;		/* FA_* */
	int max_iter;		/* steps of the extraction */
	double pa_tol;		/* pa's min.err */
	int rotate;		/* ROT_* */
	double rotate_tol, varimax_tol;
	int rotate_starts;	/* runs of the rotation (1: the identity start) */
	unsigned long seed;	/* of the random starts of the rotation */
	int smoothed;		/* R was smoothed (psych cor.smooth): positive
				   definite by construction */
} fa_spec;

/* One fit: the items it uses (indexes into all items) and its results. */
typedef struct {
	size_t p, *items;
	double *r;		/* correlation matrix, p x p */
	double *l;		/* loadings, p x k (pattern), oriented */
	double *phi;		/* factor correlations, k x k */
	double *w;		/* regression weights, p x k */
	double *wr;		/* the Pearson correlations they come from */
	double *unrotated;	/* loadings before the rotation */
	fa_fit_info info;
	rot_info rot;
	double chi2, df, pvalue, kmo;	/* Bartlett's test, KMO */
} fa_items;

/* Fit S to the items I with USE[i] set of the PALL x PALL matrix RALL (from
 * N complete rows): Bartlett's test and KMO, the extraction, the rotation,
 * psych's orientation, and regression weights from WALL (the Pearson
 * correlations, also after a polychoric fit, as psych's factor.scores).
 * NAMES name the items in errors: a singular matrix is a data error naming
 * the perfectly correlated pair when there is one. */
void fa_fit_items(fa_items *f, const fa_spec *s, const double *rall, const double *wall,
                  size_t pall, const unsigned char *use, size_t n, char **names);

/* Degrees of freedom of K factors of P items (psych's dof):
 * ((P - K)^2 - (P + K)) / 2; below 0 the model is not identified. */
double fa_dof(size_t p, size_t k);

/* Which items of the fit F (of all P items, K factors) load above
 * THRESHOLD in absolute value (all when THRESHOLD is NaN): RETAINED[i] set;
 * returns their number. None is a data error. */
size_t fa_select_items(const fa_items *f, size_t p, size_t k, double threshold,
                       unsigned char *retained);

/* psych alpha's check of the keying: warn, naming it, about each item of the
 * fit F whose loading has the opposite sign to the other items of its factor
 * (the factor of its largest absolute loading; at least two others) and
 * whose correlation with their sum is negative. COV is the PALL x PALL
 * covariance matrix of all items, NAMES their names. */
void fa_warn_keying(const fa_items *f, size_t k, const double *cov, size_t pall,
                    char **names);

/* Free what fa_fit_items allocated. */
void fa_items_free(fa_items *f);

/* Exit with a data error about the singular P x P matrix R of the items
 * ITEMS (indexes into NAMES): the perfectly correlated pair, if any. */
void fa_die_singular(const double *r, size_t p, const size_t *items, char **names);

#endif
