#include <math.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sort_vector.h>

#include "err.h"
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

void
mat_mul(const double *a, int ta, const double *b, int tb, size_t m, size_t n,
        size_t q, double *c)
{
	if (m == 0 || q == 0)
		return;
	if (n == 0) {
		for (size_t i = 0; i < m * q; i++)
			c[i] = 0;
		return;
	}
	gsl_matrix_const_view av = ta ? gsl_matrix_const_view_array(a, n, m)
	                              : gsl_matrix_const_view_array(a, m, n);
	gsl_matrix_const_view bv = tb ? gsl_matrix_const_view_array(b, q, n)
	                              : gsl_matrix_const_view_array(b, n, q);
	gsl_matrix_view cv = gsl_matrix_view_array(c, m, q);
	gsl_blas_dgemm(ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
	               1.0, &av.matrix, &bv.matrix, 0.0, &cv.matrix);
}

void
mat_outer(const double *l, size_t p, size_t k, double *c)
{
	if (p == 0)
		return;
	if (k == 0) {
		for (size_t i = 0; i < p * p; i++)
			c[i] = 0;
		return;
	}
	gsl_matrix_const_view lv = gsl_matrix_const_view_array(l, p, k);
	gsl_matrix_view cv = gsl_matrix_view_array(c, p, p);
	gsl_blas_dsyrk(CblasUpper, CblasNoTrans, 1.0, &lv.matrix, 0.0, &cv.matrix);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < i; j++)
			c[i * p + j] = c[j * p + i];
}

int
mat_cholesky(double *a, size_t p)
{
	gsl_quiet();
	gsl_matrix_view m = gsl_matrix_view_array(a, p, p);
	return gsl_linalg_cholesky_decomp1(&m.matrix) == 0 ? 0 : -1;
}

int
mat_cholesky_solve(const double *chol, size_t p, const double *b, double *x)
{
	gsl_quiet();
	gsl_matrix_const_view m = gsl_matrix_const_view_array(chol, p, p);
	gsl_vector_view xv = gsl_vector_view_array(x, p);
	if (x != b)
		memcpy(x, b, p * sizeof *x);
	return gsl_linalg_cholesky_svx(&m.matrix, &xv.vector) == 0 ? 0 : -1;
}

int
mat_logdet(const double *a, size_t p, double *logdet)
{
	gsl_quiet();
	gsl_matrix *m = to_gsl(a, p);
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

int
mat_spd_inverse(const double *a, size_t p, double *inv)
{
	gsl_quiet();
	gsl_matrix *m = to_gsl(a, p);
	int rc = gsl_linalg_cholesky_decomp1(m);
	if (rc == 0)
		rc = gsl_linalg_cholesky_invert(m);
	if (rc == 0)
		memcpy(inv, m->data, p * p * sizeof *inv);
	gsl_matrix_free(m);
	return rc == 0 ? 0 : -1;
}

int
mat_inverse(const double *a, size_t k, double *inv)
{
	gsl_quiet();
	gsl_matrix *m = to_gsl(a, k), *mi = gsl_matrix_alloc(k, k);
	gsl_permutation *perm = gsl_permutation_alloc(k);
	if (!mi || !perm)
		die("out of memory");
	int sgn, rc = gsl_linalg_LU_decomp(m, perm, &sgn);
	for (size_t i = 0; rc == 0 && i < k; i++)
		if (gsl_matrix_get(m, i, i) == 0)
			rc = -1;
	if (rc == 0)
		rc = gsl_linalg_LU_invert(m, perm, mi);
	if (rc == 0)
		memcpy(inv, mi->data, k * k * sizeof *inv);
	gsl_permutation_free(perm);
	gsl_matrix_free(mi);
	gsl_matrix_free(m);
	return rc == 0 ? 0 : -1;
}

void
mat_eigen(const double *a, size_t p, double *val, double *vec)
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

void
mat_eigenvalues(const double *a, size_t p, double *val, double *work)
{
	gsl_quiet();
	gsl_matrix_view m = gsl_matrix_view_array(work, p, p);
	gsl_vector_view v = gsl_vector_view_array(val, p);
	gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(p);
	if (!w)
		die("out of memory");
	memcpy(work, a, p * p * sizeof *work);
	gsl_eigen_symm(&m.matrix, &v.vector, w);
	gsl_eigen_symm_free(w);
	gsl_sort_vector(&v.vector);
	for (size_t i = 0; i < p / 2; i++) {
		double t = val[i];
		val[i] = val[p - 1 - i];
		val[p - 1 - i] = t;
	}
}
