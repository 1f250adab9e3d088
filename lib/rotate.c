/* Factor rotations: see rotate.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "err.h"
#include "matrix.h"
#include "rotate.h"

const char *const rot_names[] = {"none", "varimax", "quartimax", "oblimin", "quartimin",
                                 "geomin", "promax", NULL};

int
rot_oblique(int method)
{
	return method == ROT_OBLIMIN || method == ROT_QUARTIMIN || method == ROT_GEOMIN ||
	       method == ROT_PROMAX;
}

/* Put the K columns of L (P x K) in decreasing order of V, stably (R's
 * order(-v)); ORD[j] receives the old index of the column now at j. */
static void
sort_columns(double *l, size_t p, size_t k, const double *v, size_t *ord)
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

int
rot_varimax(double *l, size_t p, size_t k, double tol, int max_iter, int *converged)
{
	*converged = 1;
	if (k < 2)
		return 0;
	gsl_set_error_handler_off();
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


/* GPArotation's vgQ.<criterion>: the criterion f of L and its gradient GQ. */
static double
vgq(int method, const double *l, size_t p, size_t k, double *gq)
{
	double f = 0;
	if (method == ROT_QUARTIMAX) {
		for (size_t i = 0; i < p * k; i++) {
			double x = l[i];
			gq[i] = -x * x * x;
			f -= x * x * x * x / 4;
		}
	} else if (method == ROT_GEOMIN) {
		const double delta = 0.01;
		for (size_t i = 0; i < p; i++) {
			double lg = 0;
			for (size_t j = 0; j < k; j++)
				lg += log(l[i * k + j] * l[i * k + j] + delta);
			double pro = exp(lg / (double)k);
			for (size_t j = 0; j < k; j++) {
				double x = l[i * k + j];
				gq[i * k + j] = 2.0 / (double)k * x / (x * x + delta) * pro;
			}
			f += pro;
		}
	} else {	/* oblimin with gamma 0: quartimin */
		for (size_t i = 0; i < p; i++) {
			double ss = 0;
			for (size_t j = 0; j < k; j++)
				ss += l[i * k + j] * l[i * k + j];
			for (size_t j = 0; j < k; j++) {
				double x = l[i * k + j], xo = ss - x * x;
				gq[i * k + j] = x * xo;
				f += x * x * xo;
			}
		}
		f /= 4;
	}
	return f;
}

/* L = A (T^-1)' ; -1 when T is singular. */
static int
oblique_loadings(const double *a, const double *t, size_t p, size_t k, double *ti,
                 double *l)
{
	if (mat_inverse(t, k, ti) != 0)
		return -1;
	mat_mul(a, 0, ti, 1, p, k, k, l);
	return 0;
}

/* GPArotation's GPA: GPFoblq (oblique) or GPForth, on the loadings A.
 * The two differ in three places only: the loadings of T (A (T^-1)' or
 * A T) and the criterion's gradient in T, the projection of the gradient
 * onto the constraint (unit columns, or T'T = I), and the step back onto
 * it (columns normalised, or the polar factor U V' of T - al Gp). */
typedef struct {
	int method, oblique;
	const double *a;	/* the unrotated loadings, P x K */
	size_t p, k;
	double *l, *gq;		/* the loadings of the last T, and vgq's gradient */
	double *ti, *m, *m2;	/* T^-1 (oblique) and K x K scratch */
	gsl_matrix *u, *v;	/* the polar factor (orthogonal) */
	gsl_vector *sv, *work;
} gpa;

/* The loadings of T and their criterion (to *F); -1 when T is singular. */
static int
gpa_eval(gpa *w, const double *t, double *f)
{
	if (w->oblique) {
		if (oblique_loadings(w->a, t, w->p, w->k, w->ti, w->l) != 0)
			return -1;
	} else {
		mat_mul(w->a, 0, t, 0, w->p, w->k, w->k, w->l);
	}
	*f = vgq(w->method, w->l, w->p, w->k, w->gq);
	return 0;
}

/* G, the criterion's gradient in T at the last gpa_eval: -(L' Gq T^-1)'
 * (oblique) or A' Gq. */
static void
gpa_gradient(gpa *w, double *g)
{
	size_t p = w->p, k = w->k;
	if (!w->oblique) {
		mat_mul(w->a, 1, w->gq, 0, k, p, k, g);
		return;
	}
	mat_mul(w->l, 1, w->gq, 0, k, p, k, w->m);
	mat_mul(w->m, 0, w->ti, 0, k, k, k, w->m2);
	for (size_t a = 0; a < k; a++)
		for (size_t b = 0; b < k; b++)
			g[a * k + b] = -w->m2[b * k + a];
}

/* GP, G projected onto the constraint at T: G - T diag(colSums(T * G))
 * (oblique) or G - T (M + M')/2 with M = T'G. Returns its norm. */
static double
gpa_project(gpa *w, const double *t, const double *g, double *gp)
{
	size_t k = w->k;
	if (w->oblique) {
		for (size_t j = 0; j < k; j++) {
			double c = 0;
			for (size_t i = 0; i < k; i++)
				c += t[i * k + j] * g[i * k + j];
			for (size_t i = 0; i < k; i++)
				w->m[i * k + j] = t[i * k + j] * c;
		}
	} else {
		mat_mul(t, 1, g, 0, k, k, k, w->m);
		for (size_t i = 0; i < k; i++)
			for (size_t j = 0; j < k; j++)
				w->m2[i * k + j] = (w->m[i * k + j] + w->m[j * k + i]) / 2;
		mat_mul(t, 0, w->m2, 0, k, k, k, w->m);
	}
	double s = 0;
	for (size_t i = 0; i < k * k; i++) {
		gp[i] = g[i] - w->m[i];
		s += gp[i] * gp[i];
	}
	return sqrt(s);
}

/* TT = T - AL GP, brought back onto the constraint. */
static void
gpa_retract(gpa *w, const double *t, const double *gp, double al, double *tt)
{
	size_t k = w->k;
	if (w->oblique) {
		for (size_t i = 0; i < k * k; i++)
			tt[i] = t[i] - al * gp[i];
		for (size_t j = 0; j < k; j++) {
			double c = 0;
			for (size_t i = 0; i < k; i++)
				c += tt[i * k + j] * tt[i * k + j];
			c = 1 / sqrt(c);
			for (size_t i = 0; i < k; i++)
				tt[i * k + j] *= c;
		}
		return;
	}
	for (size_t i = 0; i < k * k; i++)
		w->u->data[i] = t[i] - al * gp[i];
	gsl_linalg_SV_decomp(w->u, w->v, w->sv, w->work);
	mat_mul(w->u->data, 0, w->v->data, 1, k, k, k, tt);
}

/* The rotation of A (P x K, replaced by the rotated loadings) from Tmat = T0
 * (NULL: I) by GPArotation's GPFoblq (OBLIQUE; Phi = T'T to PHI) or GPForth;
 * -1 when an oblique T turns singular. */
static int
gpa_rotate(int method, int oblique, double *a, size_t p, size_t k, double eps,
           int maxit, const double *t0, double *phi, rot_info *info)
{
	size_t kk = k * k;
	gpa w = {
		.method = method, .oblique = oblique, .a = a, .p = p, .k = k,
		.l = xmalloc(p * k * sizeof(double)), .gq = xmalloc(p * k * sizeof(double)),
		.ti = xmalloc(kk * sizeof(double)), .m = xmalloc(kk * sizeof(double)),
		.m2 = xmalloc(kk * sizeof(double)),
		.u = gsl_matrix_alloc(k, k), .v = gsl_matrix_alloc(k, k),
		.sv = gsl_vector_alloc(k), .work = gsl_vector_alloc(k),
	};
	double *t = xcalloc(kk, sizeof *t), *tt = xmalloc(kk * sizeof *tt);
	double *g = xmalloc(kk * sizeof *g), *gp = xmalloc(kk * sizeof *gp);
	if (!w.u || !w.v || !w.sv || !w.work)
		die("out of memory");
	gsl_set_error_handler_off();
	for (size_t j = 0; j < k; j++)
		t[j * k + j] = 1;
	if (t0)
		memcpy(t, t0, kk * sizeof *t);
	double f, al = 1, s = INFINITY;
	int iter, rc = gpa_eval(&w, t, &f);
	if (rc != 0)
		goto done;
	gpa_gradient(&w, g);
	for (iter = 0; iter <= maxit; iter++) {
		s = gpa_project(&w, t, g, gp);
		if (s < eps)
			break;
		/* Armijo: from twice the last step, halved up to ten times */
		al *= 2;
		double ft = f;
		for (int h = 0; h <= 10; h++) {
			gpa_retract(&w, t, gp, al, tt);
			if (gpa_eval(&w, tt, &ft) != 0) {
				rc = -1;
				goto done;
			}
			if (f - ft > 0.5 * s * s * al)
				break;
			al /= 2;
		}
		memcpy(t, tt, kk * sizeof *t);
		f = ft;
		gpa_gradient(&w, g);
	}
	info->iterations = iter > maxit ? maxit : iter;
	info->converged = s < eps;
	info->criterion = f;
	memcpy(a, w.l, p * k * sizeof *a);
	if (oblique)
		mat_mul(t, 1, t, 0, k, k, k, phi);	/* Phi = T'T */
done:
	gsl_vector_free(w.work);
	gsl_vector_free(w.sv);
	gsl_matrix_free(w.v);
	gsl_matrix_free(w.u);
	free(w.m2);
	free(w.m);
	free(w.ti);
	free(w.gq);
	free(w.l);
	free(gp);
	free(g);
	free(tt);
	free(t);
	return rc;
}

/* psych's rotate = "promax": kaiser(L, "Promax"), rows scaled to unit
 * length, varimax, then the power-4 target fitted by least squares. */
static int
promax(double *l, size_t p, size_t k, double varimax_tol, double *phi, rot_info *info)
{
	double *h = xmalloc(p * sizeof *h), *x = xmalloc(p * k * sizeof *x);
	double *q = xmalloc(p * k * sizeof *q), *xtx = xmalloc(k * k * sizeof *xtx);
	double *xtq = xmalloc(k * k * sizeof *xtq), *u = xmalloc(k * k * sizeof *u);
	double *w = xmalloc(k * k * sizeof *w), *wi = xmalloc(k * k * sizeof *wi);
	int rc = -1;
	for (size_t i = 0; i < p; i++) {
		double ss = 0;
		for (size_t j = 0; j < k; j++)
			ss += l[i * k + j] * l[i * k + j];
		h[i] = sqrt(ss);
		if (!(h[i] > 0))
			goto done;
		for (size_t j = 0; j < k; j++)
			x[i * k + j] = l[i * k + j] / h[i];
	}
	info->iterations = rot_varimax(x, p, k, varimax_tol, 10000, &info->converged);
	info->criterion = NAN;
	for (size_t i = 0; i < p * k; i++)
		q[i] = x[i] * x[i] * x[i] * fabs(x[i]);
	/* U = (x'x)^-1 x'Q, then its columns scaled by sqrt(diag((U'U)^-1)) */
	mat_mul(x, 1, x, 0, k, p, k, xtx);
	mat_mul(x, 1, q, 0, k, p, k, xtq);
	if (mat_inverse(xtx, k, w) != 0)
		goto done;
	mat_mul(w, 0, xtq, 0, k, k, k, u);
	mat_mul(u, 1, u, 0, k, k, k, w);
	if (mat_inverse(w, k, wi) != 0)
		goto done;
	for (size_t j = 0; j < k; j++)
		for (size_t i = 0; i < k; i++)
			u[i * k + j] *= sqrt(wi[j * k + j]);
	mat_mul(x, 0, u, 0, p, k, k, q);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < k; j++)
			l[i * k + j] = q[i * k + j] * h[i];
	/* Phi = U^-1 U^-1' (the varimax rotation, orthogonal, cancels) */
	if (mat_inverse(u, k, wi) != 0)
		goto done;
	mat_outer(wi, k, k, phi);
	rc = 0;
done:
	free(wi);
	free(w);
	free(u);
	free(xtq);
	free(xtx);
	free(q);
	free(x);
	free(h);
	return rc;
}

int
rot_rotate(int method, double *l, size_t p, size_t k, double tol, int max_iter,
           double varimax_tol, double *phi, rot_info *info)
{
	for (size_t i = 0; i < k * k; i++)
		phi[i] = i % (k + 1) == 0;
	info->iterations = 0;
	info->converged = 1;
	info->criterion = NAN;
	if (k < 2 || method == ROT_NONE)
		return 0;
	switch (method) {
	case ROT_VARIMAX:
		info->iterations = rot_varimax(l, p, k, varimax_tol, 10000, &info->converged);
		return 0;
	case ROT_QUARTIMAX:
		return gpa_rotate(method, 0, l, p, k, tol, max_iter, NULL, NULL, info);
	case ROT_PROMAX:
		return promax(l, p, k, varimax_tol, phi, info);
	default:
		return gpa_rotate(method, 1, l, p, k, tol, max_iter, NULL, phi, info);
	}
}

/* A random orthogonal K x K matrix: Gram-Schmidt of normal columns. */
static void
random_orthogonal(gsl_rng *g, size_t k, double *t)
{
	for (size_t i = 0; i < k * k; i++)
		t[i] = gsl_ran_gaussian_ziggurat(g, 1.0);
	for (size_t j = 0; j < k; j++) {
		for (size_t c = 0; c < j; c++) {
			double d = 0;
			for (size_t i = 0; i < k; i++)
				d += t[i * k + j] * t[i * k + c];
			for (size_t i = 0; i < k; i++)
				t[i * k + j] -= d * t[i * k + c];
		}
		double nrm = 0;
		for (size_t i = 0; i < k; i++)
			nrm += t[i * k + j] * t[i * k + j];
		nrm = sqrt(nrm);
		for (size_t i = 0; i < k; i++)
			t[i * k + j] /= nrm;
	}
}

int
rot_rotate_starts(int method, double *l, size_t p, size_t k, double tol, int max_iter,
                  double varimax_tol, int starts, unsigned long seed, double *phi,
                  rot_info *info)
{
	int rc = rot_rotate(method, l, p, k, tol, max_iter, varimax_tol, phi, info);
	info->starts = 1;
	info->at_best = 1;
	if (rc != 0 || starts < 2 || k < 2 || isnan(info->criterion))
		return rc;
	double *a = xmalloc(p * k * sizeof *a), *lt = xmalloc(p * k * sizeof *lt);
	double *pt = xmalloc(k * k * sizeof *pt), *t0 = xmalloc(k * k * sizeof *t0);
	/* the unrotated loadings back: L (T^-1)' = A, so A = L T'; T from Phi
	 * is not unique, so keep A from the caller's copy instead */
	memcpy(a, info->unrotated, p * k * sizeof *a);
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!g)
		die("out of memory");
	gsl_rng_set(g, seed);
	double best = info->criterion;
	for (int s = 1; s < starts; s++) {
		rot_info ti;
		random_orthogonal(g, k, t0);
		memcpy(lt, a, p * k * sizeof *lt);
		int r = gpa_rotate(method, method != ROT_QUARTIMAX, lt, p, k, tol, max_iter,
		                   t0, pt, &ti);
		if (r != 0 || !ti.converged)
			continue;
		if (method == ROT_QUARTIMAX)
			for (size_t i = 0; i < k * k; i++)
				pt[i] = i % (k + 1) == 0;
		double scale = fmax(1, fabs(best));
		if (ti.criterion < best - 1e-9 * scale) {
			best = ti.criterion;
			info->at_best = 1;
			info->iterations = ti.iterations;
			info->converged = ti.converged;
			info->criterion = ti.criterion;
			memcpy(l, lt, p * k * sizeof *l);
			memcpy(phi, pt, k * k * sizeof *phi);
		} else if (ti.criterion <= best + 1e-9 * scale) {
			info->at_best++;
		}
		info->starts++;
	}
	gsl_rng_free(g);
	free(t0);
	free(pt);
	free(lt);
	free(a);
	return 0;
}

void
rot_orient(double *l, double *phi, size_t p, size_t k)
{
	double *v = xmalloc(k * sizeof *v);
	size_t *ord = xmalloc(k * sizeof *ord);
	for (size_t j = 0; j < k; j++) {
		double sum = 0, ss = 0;
		for (size_t i = 0; i < p; i++) {
			sum += l[i * k + j];
			ss += l[i * k + j] * l[i * k + j];
		}
		v[j] = ss;
		if (sum < 0) {
			for (size_t i = 0; i < p; i++)
				l[i * k + j] = -l[i * k + j];
			for (size_t c = 0; phi && c < k; c++)
				if (c != j) {
					phi[j * k + c] = -phi[j * k + c];
					phi[c * k + j] = -phi[c * k + j];
				}
		}
	}
	if (phi) {
		/* diag(Phi L'L) */
		double *ltl = xmalloc(k * k * sizeof *ltl);
		mat_mul(l, 1, l, 0, k, p, k, ltl);
		for (size_t j = 0; j < k; j++) {
			v[j] = 0;
			for (size_t c = 0; c < k; c++)
				v[j] += phi[j * k + c] * ltl[c * k + j];
		}
		free(ltl);
	}
	sort_columns(l, p, k, v, ord);
	if (phi) {
		double *ph = xmalloc(k * k * sizeof *ph);
		memcpy(ph, phi, k * k * sizeof *ph);
		for (size_t a = 0; a < k; a++)
			for (size_t b = 0; b < k; b++)
				phi[a * k + b] = ph[ord[a] * k + ord[b]];
		free(ph);
	}
	free(ord);
	free(v);
}

void
rot_structure(const double *l, const double *phi, size_t p, size_t k, double *s)
{
	mat_mul(l, 0, phi, 0, p, k, k, s);
}

void
rot_communality(const double *l, const double *phi, size_t p, size_t k, double *h2)
{
	for (size_t i = 0; i < p; i++) {
		double s = 0;
		for (size_t a = 0; a < k; a++)
			for (size_t b = 0; b < k; b++)
				s += l[i * k + a] * phi[a * k + b] * l[i * k + b];
		h2[i] = s;
	}
}
