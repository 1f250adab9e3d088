/* Factor rotations as R psych fa(rotate = ...) computes them: orthogonal
 * (varimax, quartimax) and oblique (oblimin, quartimin, geomin, promax).
 *
 * The gradient-projection rotations are GPArotation's GPFoblq (oblique) and
 * GPForth (orthogonal) step for step: start at the identity, Armijo steps
 * that double and halve, stop when the projected gradient's Frobenius norm
 * is below TOL (GPArotation's eps, 1e-5) or after MAX_ITER steps (maxit,
 * 1000). Matrices are row-major: L is P x K, PHI is K x K. */
#ifndef SVY_ROTATE_H
#define SVY_ROTATE_H

#include <stddef.h>

enum {
	ROT_NONE, ROT_VARIMAX, ROT_QUARTIMAX, ROT_OBLIMIN, ROT_QUARTIMIN,
	ROT_GEOMIN, ROT_PROMAX
};

/* Varimax rotation of L (P x K) in place with Kaiser normalisation, by the
 * algorithm of R's stats::varimax (which psych calls). TOL > 0: R's rule,
 * stop when the criterion grows by a factor below 1 + TOL (R's default eps
 * is 1e-5, which leaves loadings off by up to ~1e-3); TOL 0: stop when the
 * rotation matrix moves by less than 1e-13, the true maximum. At most
 * MAX_ITER steps. Returns the steps taken; *CONVERGED says whether the
 * tolerance was met. K < 2 leaves L alone. */
int rot_varimax(double *l, size_t p, size_t k, double tol, int max_iter,
                int *converged);

/* The names of the rotations, in the order above, NULL-terminated. */
extern const char *const rot_names[];

/* Whether rotation METHOD leaves the factors correlated. */
int rot_oblique(int method);

typedef struct {
	int iterations;		/* steps of the iterative part */
	int converged;		/* its tolerance was met */
	double criterion;	/* the rotation criterion at the end (NaN for
				   varimax, none and promax) */
	int starts, at_best;	/* rot_rotate_starts: converged starts, and
				   how many reached the best criterion */
	const double *unrotated;	/* rot_rotate_starts: the loadings before */
} rot_info;

/* Rotate the P x K loadings L in place by METHOD; PHI (K x K) receives the
 * factor correlations (the identity for orthogonal rotations). TOL and
 * MAX_ITER bound the gradient-projection rotations; VARIMAX_TOL is
 * rot_varimax's tolerance (varimax, and the varimax inside promax). K < 2
 * leaves L alone. Returns -1 when a matrix to invert is singular. */
int rot_rotate(int method, double *l, size_t p, size_t k, double tol, int max_iter,
               double varimax_tol, double *phi, rot_info *info);

/* As rot_rotate (the identity start first, psych's), then STARTS - 1 more
 * gradient-projection runs (oblimin, quartimin, geomin, quartimax) from
 * random orthogonal matrices (GSL Mersenne Twister seeded with SEED), from
 * INFO->unrotated (P x K, the loadings before rotation, set by the caller):
 * the run of the lowest criterion is kept (a later one only when lower by
 * more than 1e-9 relative); INFO->starts counts the converged runs,
 * INFO->at_best those within 1e-9 of the best. */
int rot_rotate_starts(int method, double *l, size_t p, size_t k, double tol, int max_iter,
                      double varimax_tol, int starts, unsigned long seed, double *phi,
                      rot_info *info);

/* psych's orientation, after a rotation or none: flip each factor so its
 * loadings sum to >= 0 (with its row and column of PHI), then order the
 * factors by diag(PHI L'L), largest first (a stable order). PHI NULL: the
 * factors are uncorrelated, ordered by their sums of squared loadings. */
void rot_orient(double *l, double *phi, size_t p, size_t k);

/* The structure loadings S = L PHI (P x K). */
void rot_structure(const double *l, const double *phi, size_t p, size_t k, double *s);

/* Communalities diag(L PHI L') (P values). */
void rot_communality(const double *l, const double *phi, size_t p, size_t k, double *h2);

#endif
