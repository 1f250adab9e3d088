#include "stats.h"

#include <math.h>

#include <gsl/gsl_sort.h>

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
