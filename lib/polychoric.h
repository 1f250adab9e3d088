/* Polychoric correlations as R psych polychoric(x) computes them with its
 * defaults (global = TRUE, correct = 0.5, smooth = TRUE): each item's
 * thresholds from its own marginal proportions (qnorm of the cumulative
 * proportions over the categories min..max of all items), then, pair by
 * pair, the correlation that maximises the bivariate-normal likelihood of
 * their table with the thresholds held fixed (the two-step estimate), found
 * by R's optimize() on [-1, 1] (Brent's fmin, tolerance eps^0.25, replayed
 * step for step). When the items do not all reach the same highest
 * category psych switches to global = FALSE: thresholds from each pair's
 * table, empty rows and columns dropped, empty cells set to 0.5 / n. The
 * matrix is smoothed as psych cor.smooth when not positive definite. */
#ifndef SVY_POLYCHORIC_H
#define SVY_POLYCHORIC_H

#include <stddef.h>

/* P(X <= h, Y <= k) for standard normals of correlation r (Genz's BVN,
 * double precision; h, k may be infinite). */
double poly_bvn(double h, double k, double r);

typedef struct {
	int global;		/* thresholds from the items' marginals */
	size_t fixed;		/* pairs whose empty cells were corrected */
	int smoothed;		/* the matrix was not positive definite */
	size_t categories;	/* max - min + 1 over all items */
} poly_info;

/* The P x P polychoric correlation matrix R of the N x P data X (whole
 * numbers, at most MAX_CAT categories from the smallest to the largest value
 * of all items). TETRACHORIC: psych tetrachoric(x) instead, for items of two
 * values (the same two for all items): global thresholds always, and empty
 * cells of a pair's 2 x 2 table set to 0.5 (psych's correct). Returns -1 when
 * there are more than MAX_CAT categories, -2 when a value is not a whole
 * number, -3 when TETRACHORIC and the items take more than two values. */
int poly_matrix(const double *x, size_t n, size_t p, size_t max_cat, int tetrachoric,
                double *r, poly_info *info);

/* poly_matrix of the N x P items X with psych's max.cat (8), as svy-factor
 * --cor needs it: a data error (naming FILE and the item from NAMES) when an
 * answer code is not a whole number, the items take more than 8 values (or,
 * TETRA, more than 2), or a pair has no correlation; a warning when empty
 * cells were corrected or the matrix was smoothed. */
void poly_items(const double *x, size_t n, size_t p, int tetra, const char *file,
                char **names, double *r, poly_info *info);

#endif
