/* Exploratory factor analysis: see fa.h. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "err.h"
#include "fa.h"
#include "matrix.h"

int
fa_bartlett(const double *r, size_t p, size_t n, double *chi2, double *df,
            double *pvalue)
{
	double ld;
	if (mat_logdet(r, p, &ld) != 0)
		return -1;
	*chi2 = -ld * ((double)n - 1 - (2.0 * (double)p + 5) / 6);
	*df = (double)p * ((double)p - 1) / 2;
	*pvalue = gsl_cdf_chisq_Q(*chi2, *df);
	return 0;
}

int
fa_kmo(const double *r, size_t p, double *kmo, double *msa)
{
	double *q = xmalloc(p * p * sizeof *q);
	if (mat_spd_inverse(r, p, q) != 0) {
		free(q);
		return -1;
	}
	double sr = 0, sq = 0;
	for (size_t j = 0; j < p; j++) {
		double cr = 0, cq = 0;
		for (size_t i = 0; i < p; i++) {
			if (i == j)
				continue;
			/* the anti-image (negated partial) correlation */
			double a = q[i * p + j] / sqrt(q[i * p + i] * q[j * p + j]);
			cr += r[i * p + j] * r[i * p + j];
			cq += a * a;
		}
		msa[j] = cr / (cr + cq);
		sr += cr;
		sq += cq;
	}
	*kmo = sr / (sr + sq);
	free(q);
	return 0;
}

int
fa_cor_smooth(double *m, size_t p, double tol)
{
	double *val = xmalloc(p * sizeof *val), *vec = xmalloc(p * p * sizeof *vec);
	mat_eigen(m, p, val, vec);
	int smoothed = val[p - 1] < DBL_EPSILON;
	if (smoothed) {
		double sum = 0;
		for (size_t j = 0; j < p; j++) {
			if (val[j] < tol)
				val[j] = 100 * tol;
			sum += val[j];
		}
		/* V diag(val) V' as (V diag(sqrt(val))) (V diag(sqrt(val)))' */
		for (size_t a = 0; a < p; a++)
			for (size_t j = 0; j < p; j++)
				vec[a * p + j] *= sqrt(val[j] * (double)p / sum);
		mat_outer(vec, p, p, m);
		for (size_t a = 0; a < p; a++)
			val[a] = sqrt(m[a * p + a]);
		for (size_t a = 0; a < p; a++)
			for (size_t b = 0; b < p; b++)
				m[a * p + b] = a == b ? 1 : m[a * p + b] / (val[a] * val[b]);
	}
	free(vec);
	free(val);
	return smoothed;
}

int
fa_smc(const double *r, size_t p, double *smc)
{
	double *q = xmalloc(p * p * sizeof *q);
	int rc = mat_spd_inverse(r, p, q);
	for (size_t i = 0; rc == 0 && i < p; i++)
		smc[i] = 1 - 1 / q[i * p + i];
	free(q);
	return rc;
}

/* minres, ml and pa: lib/fafit.c */

/* ---- scores and reliability ------------------------------------------- */

int
fa_regression_weights(const double *r, const double *l, size_t p, size_t k,
                      double *w)
{
	double *chol = xmalloc(p * p * sizeof *chol);
	double *b = xmalloc(p * sizeof *b), *x = xmalloc(p * sizeof *x);
	memcpy(chol, r, p * p * sizeof *chol);
	int rc = mat_cholesky(chol, p);
	for (size_t j = 0; rc == 0 && j < k; j++) {
		for (size_t i = 0; i < p; i++)
			b[i] = l[i * k + j];
		rc = mat_cholesky_solve(chol, p, b, x);
		for (size_t i = 0; rc == 0 && i < p; i++)
			w[i * k + j] = x[i];
	}
	free(x);
	free(b);
	free(chol);
	return rc == 0 ? 0 : -1;
}

int
fa_bartlett_weights(const double *l, const double *uniq, size_t p, size_t k,
                    double *w)
{
	for (size_t i = 0; i < p; i++)
		if (uniq[i] == 0 || !isfinite(1 / uniq[i]))
			return -1;
	/* M = L' U^-2 L (K x K), W = U^-2 L M^-1 */
	double *m = xmalloc(k * k * sizeof *m), *inv = xmalloc(k * k * sizeof *inv);
	double *lu = xmalloc(p * k * sizeof *lu);	/* U^-2 L */
	for (size_t i = 0; i < p; i++)
		for (size_t a = 0; a < k; a++)
			lu[i * k + a] = l[i * k + a] / uniq[i];
	mat_mul(l, 1, lu, 0, k, p, k, m);
	int rc = mat_inverse(m, k, inv);
	if (rc == 0)
		mat_mul(lu, 0, inv, 0, p, k, k, w);
	free(lu);
	free(inv);
	free(m);
	return rc;
}

double
fa_alpha(const double *c, size_t p, const unsigned char *use, size_t skip)
{
	double tr = 0, sum = 0;
	size_t m = 0;
	for (size_t i = 0; i < p; i++) {
		if (!use[i] || i == skip)
			continue;
		m++;
		tr += c[i * p + i];
		for (size_t j = 0; j < p; j++)
			if (use[j] && j != skip)
				sum += c[i * p + j];
	}
	if (m < 2)
		return NAN;
	return (double)m / (double)(m - 1) * (1 - tr / sum);
}

