/* Products of dense row-major matrices, by GSL's BLAS (gsl_blas_dgemm).
 *
 * The factor-analysis code keeps its matrices as plain row-major arrays of
 * doubles (element (i, j) of an R x C matrix at [i * C + j]); these wrap
 * them in GSL views so that every product goes through one BLAS call. */
#ifndef SVY_MATRIX_H
#define SVY_MATRIX_H

#include <stddef.h>

/* C = op(A) op(B), C M x Q, op(A) M x N, op(B) N x Q. TA: A is stored N x M
 * and op(A) = A'; TB: B is stored Q x N and op(B) = B'. C must not overlap
 * A or B. */
void mat_mul(const double *a, int ta, const double *b, int tb, size_t m,
             size_t n, size_t q, double *c);

/* C = L L' (P x P, symmetric, both triangles filled) of L (P x K), by
 * gsl_blas_dsyrk: half the work of mat_mul. */
void mat_outer(const double *l, size_t p, size_t k, double *c);

#endif
