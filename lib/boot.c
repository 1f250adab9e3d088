/* Bootstrap intervals: see boot.h. */
#include "boot.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>

#include "err.h"

const char *const boot_types[] = {"bca", "percentile", NULL};

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* numpy.percentile(SORTED, 100 Q), method 'linear', with numpy's _lerp. */
static double
percentile(const double *sorted, size_t n, double q)
{
	double h = q * (double)(n - 1), f = floor(h), t = h - f;
	size_t i = (size_t)f;
	if (i + 1 >= n)
		return sorted[n - 1];
	double a = sorted[i], b = sorted[i + 1], d = b - a;
	return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/* The jackknife acceleration: each stratum's observations left out in turn.
 * A stratum of one adds nothing ((m - 1) (mean - theta_i) is 0 there) and
 * is skipped: leaving its one observation out would empty a group. */
static double
acceleration(boot_stat *stat, boot_jack *jack, void *ctx, const size_t *sizes,
             size_t nstrata, size_t n)
{
	size_t *idx = xmalloc(n * sizeof *idx), *sz = xmalloc(nstrata * sizeof *sz);
	double num = 0, den = 0;
	for (size_t s = 0, start = 0; s < nstrata; start += sizes[s], s++) {
		size_t m = sizes[s];
		if (m < 2)
			continue;
		double *th = xmalloc(m * sizeof *th), mean = 0;
		if (jack) {
			jack(s, sizes, nstrata, ctx, th);
		} else {
			for (size_t j = 0; j < nstrata; j++)
				sz[j] = sizes[j] - (j == s);
			for (size_t leave = 0; leave < m; leave++) {
				size_t k = 0;
				for (size_t i = 0; i < n; i++)
					if (i != start + leave)
						idx[k++] = i;
				th[leave] = stat(idx, sz, nstrata, ctx);
			}
		}
		for (size_t i = 0; i < m; i++)
			mean += th[i];
		mean /= (double)m;
		double s3 = 0, s2 = 0, dm = (double)m;
		for (size_t i = 0; i < m; i++) {
			double u = (dm - 1) * (mean - th[i]);
			s3 += u * u * u;
			s2 += u * u;
		}
		num += s3 / (dm * dm * dm);
		den += s2 / (dm * dm);
		free(th);
	}
	free(idx);
	free(sz);
	return num / 6 / pow(den, 1.5);
}

const char *
boot_ci(boot_stat *stat, boot_jack *jack, void *ctx, const size_t *sizes, size_t nstrata,
        size_t nboot, unsigned long seed, double conf, boot_type type, double *lo,
        double *hi)
{
	size_t n = 0;
	for (size_t s = 0; s < nstrata; s++)
		n += sizes[s];
	size_t *idx = xmalloc(n * sizeof *idx);
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	double theta = stat(idx, sizes, nstrata, ctx);
	double *tb = xmalloc(nboot * sizeof *tb);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, seed);
	for (size_t b = 0; b < nboot; b++) {
		for (size_t s = 0, start = 0; s < nstrata; start += sizes[s], s++)
			for (size_t i = 0; i < sizes[s]; i++)
				idx[start + i] = start + gsl_rng_uniform_int(rng, sizes[s]);
		tb[b] = stat(idx, sizes, nstrata, ctx);
	}
	gsl_rng_free(rng);
	free(idx);
	double a1 = (1 - conf) / 2, a2 = 1 - a1;
	if (type == BOOT_BCA) {
		size_t below = 0, at_or_below = 0;
		for (size_t b = 0; b < nboot; b++) {
			below += tb[b] < theta;
			at_or_below += tb[b] <= theta;
		}
		double z0 = gsl_cdf_ugaussian_Pinv((double)(below + at_or_below) /
		                                   (2.0 * (double)nboot));
		if (!isfinite(z0)) {
			free(tb);
			return "every resample's statistic lies on one side of the estimate "
			       "(BCa's bias is infinite)";
		}
		double a = acceleration(stat, jack, ctx, sizes, nstrata, n);
		if (!isfinite(a)) {
			free(tb);
			return "the jackknife's statistics are all equal (BCa's acceleration "
			       "is undefined)";
		}
		double za = gsl_cdf_ugaussian_Pinv(a1), n1 = z0 + za, n2 = z0 - za;
		a1 = gsl_cdf_ugaussian_P(z0 + n1 / (1 - a * n1));
		a2 = gsl_cdf_ugaussian_P(z0 + n2 / (1 - a * n2));
	}
	qsort(tb, nboot, sizeof *tb, cmp_double);
	*lo = percentile(tb, nboot, a1);
	*hi = percentile(tb, nboot, a2);
	free(tb);
	return NULL;
}
