/* Dense row-major matrices: products by GSL's BLAS (gsl_blas_dgemm), and
 * the one place the factor-analysis code inverts, factors or decomposes a
 * matrix (GSL's linalg and eigen, its error handler off: failures come back
 * as return codes, never as an abort).
 *
 * The factor-analysis code keeps its matrices as plain row-major arrays of
 * doubles (element (i, j) of an R x C matrix at [i * C + j]); these wrap
 * them in GSL views. */
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

/* Cholesky factor of the symmetric P x P matrix A, in place (GSL's
 * cholesky_decomp1: L in the lower triangle, L' in the upper). Returns -1
 * when A is not positive definite. */
int mat_cholesky(double *a, size_t p);

/* Solve A x = B (P values) with A's Cholesky factor CHOL (mat_cholesky). X
 * may be B. Returns -1 on failure. */
int mat_cholesky_solve(const double *chol, size_t p, const double *b, double *x);

/* log det A of the symmetric P x P matrix A, by Cholesky. Returns -1 when A
 * is not positive definite. */
int mat_logdet(const double *a, size_t p, double *logdet);

/* The inverse of the symmetric positive definite P x P matrix A into INV,
 * by Cholesky; -1 when A is not positive definite. */
int mat_spd_inverse(const double *a, size_t p, double *inv);

/* The inverse of the K x K matrix A into INV, by LU; -1 when A is singular
 * (a zero pivot). */
int mat_inverse(const double *a, size_t k, double *inv);

/* Eigenvalues of the symmetric P x P matrix A, largest first, into VAL; the
 * eigenvectors as columns of VEC (P x P) when VEC is not NULL. */
void mat_eigen(const double *a, size_t p, double *val, double *vec);

/* The eigenvalues alone of the symmetric P x P matrix A, largest first (GSL's
 * eigen_symm: about five times cheaper than mat_eigen, and not always equal
 * to it in the last bits). WORK holds P x P doubles. */
void mat_eigenvalues(const double *a, size_t p, double *val, double *work);

#endif
