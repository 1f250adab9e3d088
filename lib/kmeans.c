#include "kmeans.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "err.h"
#include "stats.h"

/* Safety net only: Lloyd's iterations end when no point moves, which they
 * always do since each move strictly lowers the inertia. */
enum { KM_MAX_ITER = 10000 };

static double
dist2(const double *a, const double *b, size_t d)
{
	double s = 0;
	for (size_t j = 0; j < d; j++) {
		double t = a[j] - b[j];
		s += t * t;
	}
	return s;
}

/* ---- distinct points ---- */

static const double *sort_x;
static size_t sort_d;

static int
cmp_rows(const void *pa, const void *pb)
{
	const double *a = sort_x + *(const size_t *)pa * sort_d;
	const double *b = sort_x + *(const size_t *)pb * sort_d;
	for (size_t j = 0; j < sort_d; j++)
		if (a[j] != b[j])
			return a[j] < b[j] ? -1 : 1;
	return 0;
}

size_t
km_distinct(const double *x, size_t n, size_t d)
{
	if (n == 0)
		return 0;
	size_t *idx = xmalloc(n * sizeof *idx);
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	sort_x = x;
	sort_d = d;
	qsort(idx, n, sizeof *idx, cmp_rows);
	size_t distinct = 1;
	for (size_t i = 1; i < n; i++)
		distinct += cmp_rows(&idx[i - 1], &idx[i]) != 0;
	free(idx);
	return distinct;
}

static int
cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a > b) - (a < b);
}

int
km_check_range(const double *x, size_t n, size_t d, size_t *col, double *a, double *b)
{
	int e = stats_scale_exp(x, n * d, 1);
	double *v = xmalloc((n ? n : 1) * sizeof *v);
	int rc = 0;
	for (size_t j = 0; j < d && rc == 0; j++) {
		for (size_t i = 0; i < n; i++)
			v[i] = x[i * d + j];
		qsort(v, n, sizeof *v, cmp_double);
		for (size_t i = 1; i < n && rc == 0; i++) {
			double g = ldexp(v[i] - v[i - 1], -e);
			if (v[i] != v[i - 1] && !(g * g >= DBL_MIN)) {
				*col = j;
				*a = v[i - 1];
				*b = v[i];
				rc = -1;
			}
		}
	}
	free(v);
	return rc;
}

/* ---- one run ---- */

typedef struct {
	const double *x;
	size_t n, d, k;
	double *c;		/* k x d centres */
	size_t *label, *size;
	double *mind;		/* n: squared distance to the nearest centre */
	int hartigan;
} km_run;

/* Index of a point drawn with probability proportional to W (total TOTAL > 0). */
static size_t
draw_weighted(gsl_rng *rng, const double *w, size_t n, double total)
{
	double r = gsl_rng_uniform(rng) * total, cum = 0;
	size_t last = n;
	for (size_t i = 0; i < n; i++) {
		if (w[i] <= 0)
			continue;
		cum += w[i];
		last = i;
		if (cum > r)
			return i;
	}
	if (last == n)
		die("k-means: no point left to seed a centre (internal error)");
	return last;
}

/* Greedy k-means++ (Arthur & Vassilvitskii 2007; the greedy variant of
 * scikit-learn's _kmeans_plusplus). */
static void
seed_centres(km_run *r, gsl_rng *rng)
{
	const double *x = r->x;
	size_t n = r->n, d = r->d;
	size_t trials = 2 + (size_t)floor(log((double)r->k));
	size_t first = (size_t)gsl_rng_uniform_int(rng, n);
	memcpy(r->c, x + first * d, d * sizeof *x);
	double pot = 0;
	for (size_t i = 0; i < n; i++)
		pot += r->mind[i] = dist2(x + i * d, r->c, d);
	for (size_t j = 1; j < r->k; j++) {
		size_t best = n;
		double best_pot = 0;
		for (size_t t = 0; t < trials; t++) {
			size_t c = draw_weighted(rng, r->mind, n, pot);
			double p = 0;
			for (size_t i = 0; i < n; i++) {
				double dd = dist2(x + i * d, x + c * d, d);
				p += dd < r->mind[i] ? dd : r->mind[i];
			}
			if (best == n || p < best_pot) {
				best = c;
				best_pot = p;
			}
		}
		memcpy(r->c + j * d, x + best * d, d * sizeof *x);
		pot = 0;
		for (size_t i = 0; i < n; i++) {
			double dd = dist2(x + i * d, x + best * d, d);
			if (dd < r->mind[i])
				r->mind[i] = dd;
			pot += r->mind[i];
		}
	}
}

/* Assign each point to its nearest centre; with FIRST, ties go to the lowest
 * index, otherwise a point keeps its cluster unless another centre is
 * strictly nearer. Returns the number of points that moved. */
static size_t
assign(km_run *r, int first)
{
	size_t moved = 0;
	for (size_t i = 0; i < r->n; i++) {
		const double *p = r->x + i * r->d;
		size_t best = first ? 0 : r->label[i];
		double bd = dist2(p, r->c + best * r->d, r->d);
		for (size_t j = 0; j < r->k; j++) {
			if (j == best)
				continue;
			double dd = dist2(p, r->c + j * r->d, r->d);
			if (dd < bd || (first && dd == bd && j < best)) {
				bd = dd;
				best = j;
			}
		}
		if (first || best != r->label[i])
			moved++;
		r->label[i] = best;
		r->mind[i] = bd;
	}
	return moved;
}

/* Centres as the means of their clusters. */
static void
means(km_run *r)
{
	size_t d = r->d;
	memset(r->c, 0, r->k * d * sizeof *r->c);
	memset(r->size, 0, r->k * sizeof *r->size);
	for (size_t i = 0; i < r->n; i++) {
		double *c = r->c + r->label[i] * d;
		for (size_t j = 0; j < d; j++)
			c[j] += r->x[i * d + j];
		r->size[r->label[i]]++;
	}
	for (size_t c = 0; c < r->k; c++)
		if (r->size[c])
			for (size_t j = 0; j < d; j++)
				r->c[c * d + j] /= (double)r->size[c];
}

/* Give each empty cluster the point farthest from its centre (in a cluster
 * of two or more points). Returns whether any point moved. */
static int
fill_empty(km_run *r)
{
	int moved = 0;
	for (size_t e = 0; e < r->k; e++) {
		if (r->size[e])
			continue;
		size_t far = r->n;
		double fd = 0;
		for (size_t i = 0; i < r->n; i++) {
			if (r->size[r->label[i]] < 2)
				continue;
			double dd = dist2(r->x + i * r->d, r->c + r->label[i] * r->d, r->d);
			if (dd > fd) {
				fd = dd;
				far = i;
			}
		}
		if (far == r->n)
			die("k-means: an empty cluster cannot be filled (internal error)");
		r->label[far] = e;
		means(r);
		moved = 1;
	}
	return moved;
}

/* Hartigan & Wong's single-point moves: a point leaves its cluster A (of two
 * or more) for cluster B when that lowers the inertia, i.e. when
 * n_B/(n_B+1) |x-c_B|^2 < n_A/(n_A-1) |x-c_A|^2, means updated at once.
 * A Lloyd fixed point can still have such moves; R's kmeans (Hartigan-Wong)
 * makes them. Returns the number of moves. */
static size_t
single_moves(km_run *r)
{
	size_t d = r->d, moves = 0;
	for (int pass = 0; pass < KM_MAX_ITER; pass++) {
		size_t moved = 0;
		for (size_t i = 0; i < r->n; i++) {
			const double *p = r->x + i * d;
			size_t a = r->label[i];
			if (r->size[a] < 2)
				continue;
			double na = (double)r->size[a];
			double leave = na / (na - 1) * dist2(p, r->c + a * d, d);
			size_t best = a;
			double bcost = leave;
			for (size_t b = 0; b < r->k; b++) {
				if (b == a)
					continue;
				double nb = (double)r->size[b];
				double join = nb / (nb + 1) * dist2(p, r->c + b * d, d);
				if (join < bcost) {
					bcost = join;
					best = b;
				}
			}
			/* A margin against moves that only rounding makes look good. */
			if (best == a || bcost >= leave * (1 - 1e-12))
				continue;
			double *ca = r->c + a * d, *cb = r->c + best * d;
			double nb = (double)r->size[best];
			for (size_t j = 0; j < d; j++) {
				ca[j] = (ca[j] * na - p[j]) / (na - 1);
				cb[j] = (cb[j] * nb + p[j]) / (nb + 1);
			}
			r->size[a]--;
			r->size[best]++;
			r->label[i] = best;
			moved++;
		}
		moves += moved;
		if (!moved)
			break;
	}
	return moves;
}

static double
lloyd(km_run *r)
{
	assign(r, 1);
	for (int it = 0; it < KM_MAX_ITER; it++) {
		means(r);
		if (fill_empty(r))
			continue;
		if (assign(r, 0) > 0)
			continue;
		/* A fixed point of Lloyd's: improve it by single moves, if asked,
		 * and go on while they change anything. */
		if (!r->hartigan || single_moves(r) == 0)
			break;
		means(r);
		assign(r, 0);
	}
	means(r);
	double inertia = 0;
	for (size_t i = 0; i < r->n; i++)
		inertia += dist2(r->x + i * r->d, r->c + r->label[i] * r->d, r->d);
	return inertia;
}

/* ---- the fit ---- */

void
km_fit(const double *x, size_t n, size_t d, size_t k, unsigned restarts,
       unsigned long seed, int hartigan, km_result *res)
{
	km_fit_until(x, n, d, k, restarts, 0, seed, hartigan, res);
}

void
km_fit_until(const double *x_in, size_t n, size_t d, size_t k, unsigned restarts,
             unsigned enough, unsigned long seed, int hartigan, km_result *res)
{
	if (k < 1 || k > n || restarts < 1)
		die("k-means: bad arguments (internal error)");
	/* Fit on the points divided by a power of two: k-means does not change
	 * under a common scale, and the arithmetic is the same bit for bit
	 * where it did not overflow; values near 1e300 no longer make Inf. */
	int e = stats_scale_exp(x_in, n * d, 1);
	size_t nx = n * d;
	double *xs = xmalloc((nx ? nx : 1) * sizeof *xs);
	for (size_t i = 0; i < nx; i++)
		xs[i] = ldexp(x_in[i], -e);
	const double *x = xs;
	/* One cluster has one answer: no restarts needed. */
	if (k == 1)
		restarts = 1;
	km_run r = {
		.x = x, .n = n, .d = d, .k = k,
		.c = xmalloc(k * d * sizeof(double)),
		.label = xmalloc(n * sizeof(size_t)),
		.size = xmalloc(k * sizeof(size_t)),
		.mind = xmalloc(n * sizeof(double)),
		.hartigan = hartigan,
	};
	size_t *best = xmalloc(n * sizeof *best);
	double best_inertia = 0;
	unsigned found = 0;

	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!rng)
		die("out of memory");
	gsl_rng_set(rng, seed);
	unsigned t;
	for (t = 0; t < restarts && !(enough && t >= 4 * enough && found >= enough); t++) {
		seed_centres(&r, rng);
		double inertia = lloyd(&r);
		if (t == 0 || inertia < best_inertia) {
			best_inertia = inertia;
			memcpy(best, r.label, n * sizeof *best);
			found = 1;
		} else if (inertia == best_inertia) {
			found++;
		}
	}
	gsl_rng_free(rng);

	/* Number the clusters by first appearance. */
	size_t *map = xmalloc(k * sizeof *map);
	for (size_t c = 0; c < k; c++)
		map[c] = k;
	size_t next = 0;
	for (size_t i = 0; i < n; i++) {
		if (map[best[i]] == k)
			map[best[i]] = next++;
		best[i] = map[best[i]];
	}
	free(map);

	memcpy(r.label, best, n * sizeof *best);
	means(&r);
	res->k = k;
	res->d = d;
	res->label = best;
	res->centroid = r.c;
	res->size = r.size;
	res->within = xcalloc(k, sizeof *res->within);
	res->inertia = 0;
	for (size_t i = 0; i < n; i++) {
		double dd = dist2(x + i * d, r.c + best[i] * d, d);
		res->within[best[i]] += dd;
		res->inertia += dd;
	}
	double *mean = xcalloc(d ? d : 1, sizeof *mean);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < d; j++)
			mean[j] += x[i * d + j];
	for (size_t j = 0; j < d; j++)
		mean[j] /= (double)n;
	res->total = 0;
	for (size_t i = 0; i < n; i++)
		res->total += dist2(x + i * d, mean, d);
	free(mean);
	res->r2 = res->total > 0 ? 1 - res->inertia / res->total : NAN;
	/* Back to the data's scale: the sums of squares may now exceed the
	 * range of numbers (Inf), which the caller reports. */
	for (size_t i = 0; i < k * d; i++)
		r.c[i] = ldexp(r.c[i], e);
	for (size_t c = 0; c < k; c++)
		res->within[c] = ldexp(res->within[c], 2 * e);
	res->inertia = ldexp(res->inertia, 2 * e);
	res->total = ldexp(res->total, 2 * e);
	free(xs);
	res->restarts = t;
	res->found = found;
	free(r.label);
	free(r.mind);
}

void
km_free(km_result *res)
{
	free(res->label);
	free(res->centroid);
	free(res->size);
	free(res->within);
	memset(res, 0, sizeof *res);
}

size_t
km_elbow(const double *inertia, size_t kmax, double *gap)
{
	double first = inertia[0], last = inertia[kmax - 1];
	double span = first - last;
	size_t best = 1;
	double best_gap = 0;
	for (size_t k = 1; k <= kmax; k++) {
		double chord = first + (last - first) * (double)(k - 1) / (double)(kmax - 1);
		double g = chord - inertia[k - 1];
		if (span > 0 && k > 1 && k < kmax)
			g /= span;
		else
			g = 0;	/* the chord's ends lie on the curve */
		if (gap)
			gap[k - 1] = g;
		if (g > best_gap) {
			best_gap = g;
			best = k;
		}
	}
	return best;
}
