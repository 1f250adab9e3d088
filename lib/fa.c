/* Exploratory factor analysis: see fa.h. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "err.h"
#include "fa.h"
#include "matrix.h"

static void
gsl_quiet(void)
{
	/* Failures are reported through return codes, never by GSL aborting. */
	static int done;
	if (!done) {
		gsl_set_error_handler_off();
		done = 1;
	}
}

/* A fresh GSL copy of the P x P matrix A. */
static gsl_matrix *
to_gsl(const double *a, size_t p)
{
	gsl_matrix *m = gsl_matrix_alloc(p, p);
	if (!m)
		die("out of memory");
	memcpy(m->data, a, p * p * sizeof *a);
	return m;
}

int
fa_logdet(const double *r, size_t p, double *logdet)
{
	gsl_quiet();
	gsl_matrix *m = to_gsl(r, p);
	int rc = gsl_linalg_cholesky_decomp1(m);
	double s = 0;
	for (size_t i = 0; rc == 0 && i < p; i++) {
		double d = gsl_matrix_get(m, i, i);
		if (!(d > 0))
			rc = -1;
		else
			s += 2 * log(d);
	}
	gsl_matrix_free(m);
	*logdet = s;
	return rc == 0 ? 0 : -1;
}

/* The inverse of the symmetric positive definite R into INV; -1 when R is
 * not positive definite. */
static int
spd_inverse(const double *r, size_t p, double *inv)
{
	gsl_quiet();
	gsl_matrix *m = to_gsl(r, p);
	int rc = gsl_linalg_cholesky_decomp1(m);
	if (rc == 0)
		rc = gsl_linalg_cholesky_invert(m);
	if (rc == 0)
		memcpy(inv, m->data, p * p * sizeof *inv);
	gsl_matrix_free(m);
	return rc == 0 ? 0 : -1;
}

int
fa_bartlett(const double *r, size_t p, size_t n, double *chi2, double *df,
            double *pvalue)
{
	double ld;
	if (fa_logdet(r, p, &ld) != 0)
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
	if (spd_inverse(r, p, q) != 0) {
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

void
fa_eigen(const double *a, size_t p, double *val, double *vec)
{
	gsl_quiet();
	gsl_matrix *m = to_gsl(a, p);
	gsl_matrix *v = gsl_matrix_alloc(p, p);
	gsl_vector *e = gsl_vector_alloc(p);
	gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(p);
	if (!v || !e || !w)
		die("out of memory");
	gsl_eigen_symmv(m, e, v, w);
	gsl_eigen_symmv_sort(e, v, GSL_EIGEN_SORT_VAL_DESC);
	for (size_t i = 0; i < p; i++)
		val[i] = gsl_vector_get(e, i);
	if (vec)
		memcpy(vec, v->data, p * p * sizeof *vec);
	gsl_eigen_symmv_free(w);
	gsl_vector_free(e);
	gsl_matrix_free(v);
	gsl_matrix_free(m);
}

int
fa_cor_smooth(double *m, size_t p, double tol)
{
	double *val = xmalloc(p * sizeof *val), *vec = xmalloc(p * p * sizeof *vec);
	fa_eigen(m, p, val, vec);
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
	int rc = spd_inverse(r, p, q);
	for (size_t i = 0; rc == 0 && i < p; i++)
		smc[i] = 1 - 1 / q[i * p + i];
	free(q);
	return rc;
}

/* minres, ml and pa: lib/fafit.c */

/* ---- rotation and orientation ------------------------------------------ */

int
fa_varimax(double *l, size_t p, size_t k, double tol, int max_iter, int *converged)
{
	*converged = 1;
	if (k < 2)
		return 0;
	gsl_quiet();
	double *x = xmalloc(p * k * sizeof *x), *z = xmalloc(p * k * sizeof *z);
	double *sc = xmalloc(p * sizeof *sc), *cs = xmalloc(k * sizeof *cs);
	double *tt = xcalloc(k * k, sizeof *tt), *ttold = xcalloc(k * k, sizeof *tt);
	gsl_matrix *b = gsl_matrix_alloc(k, k), *v = gsl_matrix_alloc(k, k);
	gsl_vector *s = gsl_vector_alloc(k), *work = gsl_vector_alloc(k);
	if (!b || !v || !s || !work)
		die("out of memory");
	/* Kaiser normalisation: rows scaled to unit length */
	for (size_t i = 0; i < p; i++) {
		double ss = 0;
		for (size_t j = 0; j < k; j++)
			ss += l[i * k + j] * l[i * k + j];
		sc[i] = sqrt(ss);
		for (size_t j = 0; j < k; j++)
			x[i * k + j] = sc[i] > 0 ? l[i * k + j] / sc[i] : 0;
	}
	for (size_t j = 0; j < k; j++)
		tt[j * k + j] = 1;
	double dcur = 0;
	int it;
	*converged = 0;
	for (it = 1; it <= max_iter; it++) {
		/* z = x TT; B = x' (z^3 - z diag(colSums(z^2)) / p) */
		mat_mul(x, 0, tt, 0, p, k, k, z);
		for (size_t j = 0; j < k; j++) {
			cs[j] = 0;
			for (size_t i = 0; i < p; i++)
				cs[j] += z[i * k + j] * z[i * k + j];
		}
		for (size_t i = 0; i < p; i++)
			for (size_t c = 0; c < k; c++) {
				double zz = z[i * k + c];
				z[i * k + c] = zz * zz * zz - zz * cs[c] / (double)p;
			}
		mat_mul(x, 1, z, 0, k, p, k, b->data);
		/* TT = U V' from B = U diag(s) V' */
		gsl_linalg_SV_decomp(b, v, s, work);
		double dnew = 0;
		for (size_t j = 0; j < k; j++)
			dnew += gsl_vector_get(s, j);
		mat_mul(b->data, 0, v->data, 1, k, k, k, tt);
		double dpast = dcur, step = 0;
		dcur = dnew;
		for (size_t j = 0; j < k * k; j++)
			if (fabs(tt[j] - ttold[j]) > step)
				step = fabs(tt[j] - ttold[j]);
		memcpy(ttold, tt, k * k * sizeof *tt);
		/* R's rule stops when the criterion grows by less than a factor
		 * 1 + tol; at a maximum that leaves the rotation off by about
		 * sqrt(tol), so tol 0 waits for the rotation itself to settle */
		if (tol > 0 ? dcur < dpast * (1 + tol) : it > 1 && step < 1e-13) {
			*converged = 1;
			break;
		}
	}
	if (it > max_iter)
		it = max_iter;
	mat_mul(x, 0, tt, 0, p, k, k, l);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < k; j++)
			l[i * k + j] *= sc[i];
	gsl_vector_free(work);
	gsl_vector_free(s);
	gsl_matrix_free(v);
	gsl_matrix_free(b);
	free(ttold);
	free(tt);
	free(cs);
	free(sc);
	free(z);
	free(x);
	return it;
}

void
fa_sort_columns(double *l, size_t p, size_t k, const double *v, size_t *ord)
{
	for (size_t j = 0; j < k; j++)
		ord[j] = j;
	/* stable insertion sort by decreasing V, as R's order() */
	for (size_t a = 1; a < k; a++)
		for (size_t b = a; b > 0 && v[ord[b]] > v[ord[b - 1]]; b--) {
			size_t t = ord[b];
			ord[b] = ord[b - 1];
			ord[b - 1] = t;
		}
	double *tmp = xmalloc(p * k * sizeof *tmp);
	memcpy(tmp, l, p * k * sizeof *tmp);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < k; j++)
			l[i * k + j] = tmp[i * k + ord[j]];
	free(tmp);
}

void
fa_orient(double *l, size_t p, size_t k)
{
	double *ss = xmalloc(k * sizeof *ss);
	size_t *ord = xmalloc(k * sizeof *ord);
	for (size_t j = 0; j < k; j++) {
		double sum = 0;
		ss[j] = 0;
		for (size_t i = 0; i < p; i++) {
			sum += l[i * k + j];
			ss[j] += l[i * k + j] * l[i * k + j];
		}
		if (sum < 0)
			for (size_t i = 0; i < p; i++)
				l[i * k + j] = -l[i * k + j];
	}
	fa_sort_columns(l, p, k, ss, ord);
	free(ord);
	free(ss);
}

/* ---- scores and reliability ------------------------------------------- */

int
fa_regression_weights(const double *r, const double *l, size_t p, size_t k,
                      double *w)
{
	gsl_quiet();
	gsl_matrix *m = to_gsl(r, p);
	gsl_vector *b = gsl_vector_alloc(p), *x = gsl_vector_alloc(p);
	if (!b || !x)
		die("out of memory");
	int rc = gsl_linalg_cholesky_decomp1(m);
	for (size_t j = 0; rc == 0 && j < k; j++) {
		for (size_t i = 0; i < p; i++)
			gsl_vector_set(b, i, l[i * k + j]);
		rc = gsl_linalg_cholesky_solve(m, b, x);
		for (size_t i = 0; rc == 0 && i < p; i++)
			w[i * k + j] = gsl_vector_get(x, i);
	}
	gsl_vector_free(x);
	gsl_vector_free(b);
	gsl_matrix_free(m);
	return rc == 0 ? 0 : -1;
}

int
fa_bartlett_weights(const double *l, const double *uniq, size_t p, size_t k,
                    double *w)
{
	gsl_quiet();
	for (size_t i = 0; i < p; i++)
		if (uniq[i] == 0 || !isfinite(1 / uniq[i]))
			return -1;
	/* M = L' U^-2 L (K x K), W = U^-2 L M^-1 */
	gsl_matrix *m = gsl_matrix_alloc(k, k), *inv = gsl_matrix_alloc(k, k);
	gsl_permutation *perm = gsl_permutation_alloc(k);
	if (!m || !inv || !perm)
		die("out of memory");
	double *lu = xmalloc(p * k * sizeof *lu);	/* U^-2 L */
	for (size_t i = 0; i < p; i++)
		for (size_t a = 0; a < k; a++)
			lu[i * k + a] = l[i * k + a] / uniq[i];
	mat_mul(l, 1, lu, 0, k, p, k, m->data);
	int sign, rc = gsl_linalg_LU_decomp(m, perm, &sign);
	if (rc == 0 && gsl_linalg_LU_det(m, sign) == 0)
		rc = -1;
	if (rc == 0)
		rc = gsl_linalg_LU_invert(m, perm, inv);
	if (rc == 0)
		mat_mul(lu, 0, inv->data, 0, p, k, k, w);
	free(lu);
	gsl_permutation_free(perm);
	gsl_matrix_free(inv);
	gsl_matrix_free(m);
	return rc == 0 ? 0 : -1;
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

