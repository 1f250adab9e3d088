/* k-means clustering: greedy k-means++ seeding, Lloyd iterations to a fixed
 * assignment, the best of several restarts; and the elbow rule for choosing k.
 * Points are the N rows of a row-major N x D matrix. */
#ifndef SVY_KMEANS_H
#define SVY_KMEANS_H

#include <stddef.h>

typedef struct {
	size_t k, d;
	size_t *label;		/* N: the cluster of each point, 0..k-1 numbered
				   by first appearance */
	double *centroid;	/* k x D: the mean of each cluster */
	size_t *size;		/* k: points in each cluster */
	double *within;		/* k: sum of squared distances to the centroid */
	double inertia;		/* sum of WITHIN */
	double total;		/* sum of squared distances to the grand mean */
	double r2;		/* 1 - inertia / total, computed where both are
				   finite (NaN when total is 0) */
	unsigned restarts;	/* runs made */
	unsigned found;		/* runs that reached the best inertia */
} km_result;

/* How many distinct points X holds. */
size_t km_distinct(const double *x, size_t n, size_t d);

/* Whether km_fit can compute the squared distances of X (N x D) in full:
 * on its scale (X divided by a power of two near the largest magnitude),
 * every difference between two distinct values of a column must square to a
 * normal number (no underflow to subnormals or 0, which would merge points).
 * Returns 0, or -1 with *COL the first column where it fails and *A, *B two
 * neighbouring values there: their span is more than about 1e154 times
 * their difference. */
int km_check_range(const double *x, size_t n, size_t d, size_t *col, double *a, double *b);

/* The best of RESTARTS (>= 1) k-means runs on X (N x D) with K clusters,
 * 1 <= K <= km_distinct(X). Runs use one Mersenne Twister (gsl_rng_mt19937)
 * seeded with SEED, in order, so the result depends only on the input, K,
 * RESTARTS and SEED. Each run seeds its centres by greedy k-means++ (as
 * scikit-learn: 2 + floor(ln K) candidates per centre, the one that lowers
 * the potential most is kept), then alternates means and assignments until
 * no point changes cluster (a point moves only to a strictly nearer centre;
 * an emptied cluster takes the point farthest from its centre). With
 * HARTIGAN, each fixed point of Lloyd's is then improved by Hartigan-Wong
 * single-point moves (a point moves when that lowers the inertia, means
 * updated at once) and Lloyd's resumes, until neither changes anything.
 * The best run has the lowest inertia; among equal ones the first. K = 1
 * makes one run, whatever RESTARTS. The points are fitted divided by a power
 * of two near their largest magnitude (exact, so results are unchanged where
 * nothing overflowed): the clusters and centroids are right across the whole
 * range of numbers; WITHIN, INERTIA and TOTAL are Inf when they exceed it. */
void km_fit(const double *x, size_t n, size_t d, size_t k, unsigned restarts,
            unsigned long seed, int hartigan, km_result *res);

/* As km_fit, but stop before RESTARTS once at least 4 ENOUGH runs are made
 * and ENOUGH of them (> 0) reached the best inertia: fewer runs where the
 * best repeats (ENOUGH 0: all RESTARTS). */
void km_fit_until(const double *x, size_t n, size_t d, size_t k, unsigned restarts,
                  unsigned enough, unsigned long seed, int hartigan, km_result *res);
void km_free(km_result *res);

/* The elbow of INERTIA[0..KMAX-1] (inertia for k = 1..KMAX, KMAX >= 3): the k
 * whose point (k, inertia) lies farthest below the chord from k = 1 to
 * k = KMAX (the smallest such k on ties). GAP, if not NULL, receives for each
 * k that distance as a share of INERTIA[0] - INERTIA[KMAX-1] (0 when those
 * are equal). Returns k (1-based). */
size_t km_elbow(const double *inertia, size_t kmax, double *gap);

#endif
