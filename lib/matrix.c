#include "matrix.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_matrix.h>

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
