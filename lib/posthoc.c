/* Post-hoc comparisons: see posthoc.h. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "err.h"
#include "posthoc.h"
#include "rank.h"

size_t
posthoc_npairs(size_t k)
{
	return k * (k - 1) / 2;
}

/* Two-sided normal p of Z, from the upper tail (no cancellation). */
static double
normal_p2(double z)
{
	return 2 * gsl_cdf_ugaussian_Q(fabs(z));
}

const char *
posthoc_dunn(const double *x, const size_t *group, const size_t *sizes, size_t n,
             size_t k, double *z, double *p)
{
	double *rk = xmalloc(n * sizeof *rk), *mean = xcalloc(k, sizeof *mean);
	double ties = rank_average(x, n, rk), nn = (double)n;
	for (size_t i = 0; i < n; i++)
		mean[group[i]] += rk[i];
	for (size_t j = 0; j < k; j++)
		mean[j] /= (double)sizes[j];
	free(rk);
	double var = nn * (nn + 1) / 12 - ties / (12 * (nn - 1));
	if (!(var > 0)) {
		free(mean);
		return "every value is tied: the ranks do not vary";
	}
	size_t at = 0;
	for (size_t i = 0; i < k; i++)
		for (size_t j = i + 1; j < k; j++, at++) {
			double se = sqrt(var * (1 / (double)sizes[i] + 1 / (double)sizes[j]));
			z[at] = (mean[i] - mean[j]) / se;
			p[at] = normal_p2(z[at]);
		}
	free(mean);
	return NULL;
}

void
posthoc_cell_residuals(const double *t, size_t r, size_t c, double *z, double *p)
{
	double *row = xcalloc(r, sizeof *row), *col = xcalloc(c, sizeof *col), n = 0;
	for (size_t i = 0; i < r; i++)
		for (size_t j = 0; j < c; j++) {
			row[i] += t[i * c + j];
			col[j] += t[i * c + j];
			n += t[i * c + j];
		}
	for (size_t i = 0; i < r; i++)
		for (size_t j = 0; j < c; j++) {
			double e = row[i] * col[j] / n;
			double v = e * (1 - row[i] / n) * (1 - col[j] / n);
			z[i * c + j] = (t[i * c + j] - e) / sqrt(v);
			p[i * c + j] = normal_p2(z[i * c + j]);
		}
	free(row);
	free(col);
}
