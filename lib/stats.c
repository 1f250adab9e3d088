#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>

#include "err.h"
#include "matrix.h"

int
stats_scale_exp(const double *x, size_t n, size_t stride)
{
	double m = 0;
	for (size_t i = 0; i < n; i++)
		if (fabs(x[i * stride]) > m)
			m = fabs(x[i * stride]);
	if (m == 0 || !isfinite(m))
		return 0;
	int e;
	frexp(m, &e);
	return e - 1;	/* m / 2^(e-1) in [1, 2); 2^1023 at most */
}

/* A power of two near the largest magnitude of X (1 when all are 0). */
static double
scale_of(const double *x, size_t n)
{
	return ldexp(1, stats_scale_exp(x, n, 1));
}

/* The mean of X / S (S a power of two: the division is exact). */
static double
scaled_mean(const double *x, size_t n, double s)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += x[i] / s;
	return sum / (double)n;
}

double
stats_mean(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double s = scale_of(x, n);
	return scaled_mean(x, n, s) * s;
}

double
stats_sd(const double *x, size_t n, size_t ddof)
{
	if (n <= ddof)
		return NAN;
	double s = scale_of(x, n), m = scaled_mean(x, n, s), ss = 0, sd = 0;
	for (size_t i = 0; i < n; i++) {
		double d = x[i] / s - m;
		ss += d * d;
		sd += d;
	}
	/* the compensated two-pass formula (Chan, Golub & LeVeque) */
	double var = (ss - sd * sd / (double)n) / (double)(n - ddof);
	return sqrt(var < 0 ? 0 : var) * s;
}

void
stats_sort(double *x, size_t n)
{
	if (n > 1)
		gsl_sort(x, 1, n);
}

double
stats_quantile(const double *sorted, size_t n, double p)
{
	if (n == 0)
		return NAN;
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return sorted[n - 1];
	double a = sorted[lo], b = sorted[lo + 1], t = h - (double)lo;
	/* a + t (b - a), as numpy's lerp for t < 1/2 (and the reference study's
	 * quartiles); where b - a overflows (-1e308 to 1e308), GSL's and R's
	 * (1 - t) a + t b */
	return isfinite(b - a) ? a + t * (b - a) : (1 - t) * a + t * b;
}

void
stats_summarize(double *x, size_t n, size_t ddof, stats_summary *s)
{
	stats_sort(x, n);
	s->n = n;
	s->min = n ? x[0] : NAN;
	s->max = n ? x[n - 1] : NAN;
	s->q1 = stats_quantile(x, n, 0.25);
	s->median = stats_quantile(x, n, 0.5);
	s->q3 = stats_quantile(x, n, 0.75);
	/* q3 - q1 would overflow for q1 = -1e308, q3 = 1e308: halve first */
	s->iqr = n ? 2 * (s->q3 / 2 - s->q1 / 2) : NAN;
	s->mean = stats_mean(x, n);
	s->sd = stats_sd(x, n, ddof);
}

const char *
stats_summary_overflow(const stats_summary *s)
{
	if (isinf(s->sd))
		return "sd";
	if (isinf(s->iqr))
		return "iqr";
	return NULL;
}

void
stats_summary_check(const stats_summary *s, const char *file, const char *column,
                    const char *group)
{
	const char *what = stats_summary_overflow(s);
	if (!what)
		return;
	char q[256];
	if (group)
		die_at(file, 0, column, NULL, "the %s of group '%s' is beyond the range of "
		       "numbers (about 1.8e308)", what, err_quote(q, sizeof q, group,
		                                                    strlen(group)));
	die_at(file, 0, column, NULL, "the %s is beyond the range of numbers "
	       "(about 1.8e308)", what);
}

/* ---- columns of a matrix ---- */

/* Column J of X (N x P), scaled by a power of two, 2^-*E, that brings its
 * largest magnitude near 1 (exactly, so values near 1e300 or 1e-320 keep
 * every bit) and centred, into Z[N]; returns the scaled mean. Sums of
 * squares and products of Z then neither overflow nor underflow. */
static double
scaled_column(const double *x, size_t n, size_t p, size_t j, double *z, int *e)
{
	*e = stats_scale_exp(x + j, n, p);
	double m = 0;
	for (size_t i = 0; i < n; i++)
		m += z[i] = ldexp(x[i * p + j], -*e);
	m /= (double)n;
	for (size_t i = 0; i < n; i++)
		z[i] -= m;
	return m;
}

void
stats_columns(const double *x, size_t n, size_t p, double *mean, double *sd)
{
	double *z = xmalloc((n ? n : 1) * sizeof *z);
	for (size_t j = 0; j < p; j++) {
		int e;
		double ss = 0, m = n ? scaled_column(x, n, p, j, z, &e) : 0;
		for (size_t i = 0; i < n; i++)
			ss += z[i] * z[i];
		mean[j] = n ? ldexp(m, e) : 0;
		sd[j] = n > 1 ? ldexp(sqrt(ss / (double)(n - 1)), e) : 0;
	}
	free(z);
}

void
stats_cov_cor(const double *x, size_t n, size_t p, double *cov, double *cor)
{
	/* from the centred columns scaled to magnitude ~1 */
	double *z = xmalloc(p * (n ? n : 1) * sizeof *z), *sds = xmalloc(p * sizeof *sds);
	int *e = xmalloc(p * sizeof *e);
	for (size_t j = 0; j < p; j++) {
		double *zj = z + j * n;
		scaled_column(x, n, p, j, zj, &e[j]);
		double ss = 0;
		for (size_t i = 0; i < n; i++)
			ss += zj[i] * zj[i];
		sds[j] = sqrt(ss / (double)(n - 1));
	}
	double *zz = xmalloc(p * p * sizeof *zz);
	mat_outer(z, p, n, zz);		/* Z Z', Z the columns as rows */
	for (size_t a = 0; a < p; a++)
		for (size_t b = a; b < p; b++) {
			double s = zz[a * p + b] / (double)(n - 1);
			if (cov)
				cov[a * p + b] = cov[b * p + a] = ldexp(s, e[a] + e[b]);
			if (cor)
				cor[a * p + b] = cor[b * p + a] =
				    a == b ? 1.0 : s / (sds[a] * sds[b]);
		}
	free(zz);
	free(e);
	free(sds);
	free(z);
}
