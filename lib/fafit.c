/* The extractions of fafit.h: minres, ml and pa, and the fit's reports.
 *
 * minres and ml minimise a criterion of the uniquenesses psi in [0.005, 1]
 * (psych's bounds) by projected Newton steps with the exact gradient and
 * Hessian, both from one eigendecomposition by first- and second-order
 * perturbation theory (so a step costs O(k p^3), not the O(p^4) of a Hessian
 * by differences), from several deterministic starts, keeping the best.
 * ml takes its steps in log psi, where its criterion is closer to quadratic
 * (from a spread start, half the steps). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "err.h"
#include "fa.h"
#include "fafit.h"
#include "rotate.h"
#include "matrix.h"

/* psych's bounds on the uniquenesses in fa(fm = "minres") and "ml". */
#define PSI_LO 0.005
#define PSI_HI 1.0

/* Two starts reach the same optimum when their objectives differ by no more
 * than this, relative to 1 + |objective|. */
#define SAME_OBJECTIVE 1e-8

/* An ml start joins an optimum already found when the point its Newton step
 * predicts is within JOIN_PSI of it (each uniqueness) and its criterion
 * within JOIN_F: from there Newton's steps converge quadratically to that
 * optimum, and taking them would only repeat a result. */
#define JOIN_PSI 1e-4
#define JOIN_F 1e-4

/* Spread starts are tried while a fit is cheap: as many as this budget over
 * p^3 (a step's cost) allows, between a floor and a ceiling; minres tries
 * them up to MINRES_MULTI_MAX items only (beyond, psych's start alone: its
 * criterion rarely has local minima, and the fit should stay as fast as
 * psych's). */
#define ML_BUDGET 4e6
#define ML_SPREAD_MIN 3
#define ML_SPREAD_MAX 97
#define MINRES_BUDGET 2e5
#define MINRES_SPREAD_MIN 2
#define MINRES_SPREAD_MAX 30
#define MINRES_MULTI_MAX 100

static int
spread_starts(size_t p, double budget, int floor, int ceiling)
{
	double n = budget / ((double)p * (double)p * (double)p);
	return n < floor ? floor : n > ceiling ? ceiling : (int)n;
}

typedef struct fit_ws fit_ws;

/* An objective: its value at PSI, the gradient into GRAD (may be NULL) and
 * the loadings into L; leaves the eigen pairs it used in the workspace. */
typedef double (*objective_fn)(fit_ws *, const double *psi, double *grad, double *l);

/* The Hessian at the point the objective was last evaluated at, from the
 * eigen pairs it left in the workspace. Returns 1 when exact, 0 when a model
 * to be refined by quasi-Newton updates. */
typedef int (*hessian_fn)(fit_ws *, const double *psi, const double *grad, double *h);

struct fit_ws {
	const double *r;
	size_t p, k;
	double *a, *val, *vec;	/* the matrix decomposed, its eigen pairs */
	double *e;		/* scratch, p x p */
	double *c;		/* scratch, p */
	double *row;		/* scratch, 2 p */
	double last_f;		/* the criterion where projected_newton ended */
	/* the optima earlier starts converged to, that a start may join
	 * (NULL: none); joined is the one it joined, or -1 */
	const double *known_psi, *known_f;
	const int *known_ok;
	int nknown, joined;
	/* the box of the variables projected_newton moves: the uniquenesses
	 * [PSI_LO, PSI_HI], or their logarithms (LOGSPACE, ml) */
	double lo, hi;
	int logspace;
	double *psi_of;		/* scratch, p: exp of the variables */
};

static void
ws_init(fit_ws *ws, const double *r, size_t p, size_t k)
{
	*ws = (fit_ws){r, p, k, xmalloc(p * p * sizeof(double)), xmalloc(p * sizeof(double)),
	               xmalloc(p * p * sizeof(double)), xmalloc(p * p * sizeof(double)),
	               xmalloc(p * sizeof(double)), xmalloc(2 * p * sizeof(double)), NAN, NULL, NULL, NULL, 0, -1,
	               PSI_LO, PSI_HI, 0, xmalloc(p * sizeof(double))};
}

static void
ws_free(fit_ws *ws)
{
	free(ws->a);
	free(ws->val);
	free(ws->vec);
	free(ws->e);
	free(ws->c);
	free(ws->row);
	free(ws->psi_of);
}

/* The eigen pairs of ws->a, largest first; with L NULL the eigenvalues
 * alone (about five times cheaper: what a trial point of the line search
 * needs), leaving ws->vec stale. */
static void
ws_eigen(fit_ws *ws, const double *l)
{
	if (l)
		mat_eigen(ws->a, ws->p, ws->val, ws->vec);
	else
		mat_eigenvalues(ws->a, ws->p, ws->val, ws->e);
}

static double
clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* ---- minres ------------------------------------------------------------ */

/* Is eigen pair J of R - diag(psi) one of the K kept (a leading one with a
 * positive eigenvalue, as psych's FAout.wls counts negative ones as 0)? */
static int
minres_kept(const fit_ws *ws, size_t j)
{
	return j < ws->k && ws->val[j] > 0;
}

/* Loadings L (P x K) of the best rank-K part of R with 1 - PSI on the
 * diagonal. */
static void
minres_loadings(fit_ws *ws, const double *psi, double *l)
{
	size_t p = ws->p, k = ws->k;
	memcpy(ws->a, ws->r, p * p * sizeof *ws->a);
	for (size_t i = 0; i < p; i++)
		ws->a[i * p + i] = 1 - psi[i];
	ws_eigen(ws, l);
	if (!l)
		return;
	for (size_t j = 0; j < k; j++) {
		double s = ws->val[j] > 0 ? sqrt(ws->val[j]) : 0;
		for (size_t i = 0; i < p; i++)
			l[i * k + j] = ws->vec[i * p + j] * s;
	}
}

/* F(psi) = || R - diag(psi) - L L' ||^2 over the whole matrix, the sum of
 * the squared eigenvalues not kept, and its gradient -2 diag(R - diag(psi) -
 * L L') (psych's FAgr.minres, doubled: the best L for a given psi makes the
 * envelope theorem apply). */
static double
minres_f(fit_ws *ws, const double *psi, double *grad, double *l)
{
	size_t p = ws->p, k = ws->k;
	minres_loadings(ws, psi, l);
	double f = 0;
	for (size_t j = 0; j < p; j++)
		if (!minres_kept(ws, j))
			f += ws->val[j] * ws->val[j];
	if (grad)
		for (size_t i = 0; i < p; i++) {
			double m = 0;
			for (size_t j = 0; j < k; j++)
				m += l[i * k + j] * l[i * k + j];
			grad[i] = -2 * (ws->a[i * p + i] - m);
		}
	return f;
}

/* The sum over the kept pairs t of (v_t v_t') o (V diag(c_t.) V'), where
 * c_tj = COEF(lambda_t, lambda_j) for the pairs j not kept and 0 otherwise:
 * the part of a Hessian that couples kept and discarded eigenvectors. Adds
 * SCALE times it to the upper triangle of H. */
/* Two doubles a vector (SSE2 on x86-64, emulated where there is none): the
 * inner products below run down eight columns at once, each sum still
 * accumulated in the order of j, so their bits are those of a plain loop. */
typedef double v2d __attribute__((vector_size(16)));

static v2d
load2(const double *x)
{
	v2d r;
	memcpy(&r, x, sizeof r);
	return r;
}

/* ROW[n] = sum_j X_j VT_jn for n in [n0, p), VT p x p by rows. */
static void
row_times(const double *x, const double *vt, size_t p, size_t n0, double *row)
{
	size_t n = n0;
	for (; n + 8 <= p; n += 8) {
		v2d s0 = {0, 0}, s1 = s0, s2 = s0, s3 = s0;
		for (size_t j = 0; j < p; j++) {
			const double *q = vt + j * p + n;
			v2d xj = {x[j], x[j]};
			s0 += xj * load2(q);
			s1 += xj * load2(q + 2);
			s2 += xj * load2(q + 4);
			s3 += xj * load2(q + 6);
		}
		memcpy(row + n, &s0, sizeof s0);
		memcpy(row + n + 2, &s1, sizeof s1);
		memcpy(row + n + 4, &s2, sizeof s2);
		memcpy(row + n + 6, &s3, sizeof s3);
	}
	for (; n < p; n++) {
		double s = 0;
		for (size_t j = 0; j < p; j++)
			s += x[j] * vt[j * p + n];
		row[n] = s;
	}
}

/* The sum over the kept pairs t of (v_t v_t') o (V diag(c_t.) V'), where
 * c_tj = COEF(lambda_t, lambda_j) for the pairs j not kept and 0 otherwise:
 * the part of a Hessian that couples kept and discarded eigenvectors. Adds
 * SCALE times it to the upper triangle of H. */
static void
couple_kept(fit_ws *ws, int (*kept)(const fit_ws *, size_t),
            double (*coef)(double, double), double scale, double *h)
{
	size_t p = ws->p;
	const double *v = ws->vec, *lam = ws->val;
	double *vt = ws->e, *c = ws->c, *x = ws->row, *row = ws->row + p;
	for (size_t n = 0; n < p; n++)
		for (size_t j = 0; j < p; j++)
			vt[j * p + n] = v[n * p + j];
	for (size_t t = 0; t < ws->k; t++) {
		if (!kept(ws, t))
			continue;
		for (size_t j = 0; j < p; j++)
			c[j] = kept(ws, j) ? 0 : coef(lam[t], lam[j]);
		for (size_t m = 0; m < p; m++) {
			for (size_t j = 0; j < p; j++)
				x[j] = c[j] * v[m * p + j];
			row_times(x, vt, p, m, row);
			double vtm = v[m * p + t] * scale;
			for (size_t n = m; n < p; n++)
				h[m * p + n] += vtm * v[n * p + t] * row[n];
		}
	}
}

/* P = I - V_T V_T' (onto the pairs not kept) and, when Q is not NULL,
 * Q = A - V_T diag(lambda_T) V_T' (A's part there). */
static void
discarded_parts(fit_ws *ws, int (*kept)(const fit_ws *, size_t), double *pm, double *q)
{
	size_t p = ws->p;
	const double *v = ws->vec, *lam = ws->val;
	for (size_t m = 0; m < p; m++)
		for (size_t n = m; n < p; n++) {
			double s = 0, sl = 0;
			for (size_t t = 0; t < ws->k; t++)
				if (kept(ws, t)) {
					double w = v[m * p + t] * v[n * p + t];
					s += w;
					sl += w * lam[t];
				}
			pm[m * p + n] = (m == n) - s;
			if (q)
				q[m * p + n] = ws->a[m * p + n] - sl;
		}
}

static void
symmetrize_upper(double *h, size_t p)
{
	for (size_t m = 0; m < p; m++)
		for (size_t n = 0; n < m; n++)
			h[m * p + n] = h[n * p + m];
}

static double
minres_coef(double lt, double lj)
{
	return lj / (lj - lt);
}

/* The Hessian of minres_f: with S the pairs not kept and T the kept ones,
 * H = 2 (P o P) + 4 sum_{t in T} (v_t v_t') o (V_S diag(lambda_j /
 * (lambda_j - lambda_t)) V_S'), P the projection onto S. */
static int
minres_f_hessian(fit_ws *ws, const double *psi, const double *grad, double *h)
{
	(void)psi;
	(void)grad;
	size_t p = ws->p;
	discarded_parts(ws, minres_kept, h, NULL);
	for (size_t m = 0; m < p; m++)
		for (size_t n = m; n < p; n++)
			h[m * p + n] = 2 * h[m * p + n] * h[m * p + n];
	couple_kept(ws, minres_kept, minres_coef, 4, h);
	symmetrize_upper(h, p);
	return 1;
}

/* psych's criterion: the squared off-diagonal residuals of R against the
 * loadings of minres_loadings (summed over i < j), and its exact gradient by
 * first-order eigen perturbation (d(R - diag psi) = -e_m e_m'). */
static double
minres_g(fit_ws *ws, const double *psi, double *grad, double *l)
{
	size_t p = ws->p, k = ws->k;
	double *own = l ? NULL : xmalloc(p * k * sizeof *own);
	if (own)
		l = own;
	minres_loadings(ws, psi, l);
	double g = 0;
	double *e = ws->e;
	mat_outer(l, p, k, e);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++) {
			e[i * p + j] = i == j ? 0 : ws->r[i * p + j] - e[i * p + j];
			if (j < i)
				g += e[i * p + j] * e[i * p + j];
		}
	free(own);
	if (!grad)
		return g;
	const double *v = ws->vec, *lam = ws->val;
	/* u_ab = v_a' E v_b, so that sum_ij E_ij (v_a v_b' + v_b v_a')_ij = 2 u_ab */
	double *ev = xmalloc(p * p * sizeof *ev), *u = xmalloc(k * p * sizeof *u);
	double *vk = xmalloc(p * k * sizeof *vk);	/* V's first K columns */
	for (size_t i = 0; i < p; i++)
		memcpy(vk + i * k, v + i * p, k * sizeof *vk);
	mat_mul(e, 0, v, 0, p, p, p, ev);
	mat_mul(vk, 1, ev, 0, k, p, p, u);
	free(vk);
	for (size_t m = 0; m < p; m++) {
		/* d(L L')/d psi_m, contracted with E (the full symmetric sum, so
		 * half of it is the i < j sum) */
		double dm = 0;
		for (size_t a = 0; a < k; a++) {
			if (lam[a] <= 0)
				continue;
			double vam = v[m * p + a];
			dm += -vam * vam * u[a * p + a];
			for (size_t b = 0; b < p; b++) {
				if (b == a)
					continue;
				double vbm = v[m * p + b], c;
				if (b < k && lam[b] > 0) {
					if (b < a)
						continue;	/* the pair is counted once */
					c = -vam * vbm;
				} else {
					c = -vam * vbm * lam[a] / (lam[a] - lam[b]);
				}
				dm += c * 2 * u[a * p + b];
			}
		}
		grad[m] = -dm;	/* d/dpsi of sum_{i<j} E_ij^2 = -sum_ij E_ij dLL'_ij */
	}
	free(u);
	free(ev);
	return g;
}

/* minres_g has no Hessian of its own here: half minres_f's (the two agree
 * to first order away from the bounds) starts the quasi-Newton updates. */
static int
minres_g_hessian(fit_ws *ws, const double *psi, const double *grad, double *h)
{
	minres_f_hessian(ws, psi, grad, h);
	for (size_t i = 0; i < ws->p * ws->p; i++)
		h[i] /= 2;
	return 0;
}

/* ---- ml ---------------------------------------------------------------- */

static int
ml_kept(const fit_ws *ws, size_t j)
{
	return j < ws->k;
}

/* psych's maximum-likelihood criterion (FAfn) of the uniquenesses PSI, its
 * gradient and the loadings (FAout): from the eigen pairs of
 * A = Psi^-1/2 R Psi^-1/2, FAfn = -sum_{j > k} (log lambda_j - lambda_j) -
 * k + p, its gradient (1/psi_n) sum_{j > k} (1 - lambda_j) v_jn^2 (psych's
 * FAgr where every leading lambda exceeds 1), and L = Psi^1/2 V_K
 * diag(sqrt(max(lambda - 1, 0))). */
static double
ml_f(fit_ws *ws, const double *psi, double *grad, double *l)
{
	size_t p = ws->p, k = ws->k;
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++)
			ws->a[i * p + j] = ws->r[i * p + j] / sqrt(psi[i] * psi[j]);
	ws_eigen(ws, l);
	double e = 0;
	for (size_t j = k; j < p; j++) {
		if (!(ws->val[j] > 0))
			return INFINITY;
		e += log(ws->val[j]) - ws->val[j];
	}
	for (size_t j = 0; l && j < k; j++) {
		double s = ws->val[j] > 1 ? sqrt(ws->val[j] - 1) : 0;
		for (size_t i = 0; i < p; i++)
			l[i * k + j] = sqrt(psi[i]) * ws->vec[i * p + j] * s;
	}
	if (grad)
		for (size_t n = 0; n < p; n++) {
			double s = 1 - ws->a[n * p + n];
			for (size_t t = 0; t < k; t++) {
				double v = ws->vec[n * p + t];
				s -= (1 - ws->val[t]) * v * v;
			}
			grad[n] = s / psi[n];
		}
	return -(e - (double)k + (double)p);
}

static double
ml_coef(double lt, double lj)
{
	return -(1 - lj) * (lt + lj) / (lj - lt);
}

/* The Hessian of ml_f: H_nm = -delta_nm g_n / psi_n + (P o Q - sum_{t <= k}
 * (v_t v_t') o (V_S diag(c_tj) V_S'))_nm / (psi_n psi_m), with c_tj =
 * (1 - lambda_j) (lambda_t + lambda_j) / (lambda_j - lambda_t), P and Q the
 * parts of I and A on the discarded pairs S. */
static int
ml_hessian(fit_ws *ws, const double *psi, const double *grad, double *h)
{
	size_t p = ws->p;
	double *q = xmalloc(p * p * sizeof *q);
	discarded_parts(ws, ml_kept, h, q);
	for (size_t m = 0; m < p; m++)
		for (size_t n = m; n < p; n++)
			h[m * p + n] *= q[m * p + n];
	couple_kept(ws, ml_kept, ml_coef, 1, h);
	for (size_t m = 0; m < p; m++) {
		for (size_t n = m; n < p; n++)
			h[m * p + n] /= psi[m] * psi[n];
		h[m * p + m] -= grad[m] / psi[m];
	}
	symmetrize_upper(h, p);
	free(q);
	return 1;
}

/* ---- the minimiser ----------------------------------------------------- */

static int
is_active(const fit_ws *ws, double x, double g)
{
	return (x <= ws->lo && g > 0) || (x >= ws->hi && g < 0);
}

/* Solve (H + mu I) d = -g on the free variables (Cholesky); -1 when the
 * damped Hessian is not positive definite. */
static int
newton_direction(const double *h, const double *g, const unsigned char *freev,
                 size_t p, double mu, double *d)
{
	size_t m = 0, *ix = xmalloc(p * sizeof *ix);
	for (size_t i = 0; i < p; i++)
		if (freev[i])
			ix[m++] = i;
	for (size_t i = 0; i < p; i++)
		d[i] = 0;
	int rc = 0;
	if (m > 0) {
		double *a = xmalloc(m * m * sizeof *a);
		double *b = xmalloc(m * sizeof *b), *x = xmalloc(m * sizeof *x);
		for (size_t s = 0; s < m; s++) {
			for (size_t t = 0; t < m; t++)
				a[s * m + t] = h[ix[s] * p + ix[t]] + (s == t ? mu : 0);
			b[s] = -g[ix[s]];
		}
		rc = mat_cholesky(a, m);
		if (rc == 0)
			rc = mat_cholesky_solve(a, m, b, x);
		for (size_t s = 0; rc == 0 && s < m; s++)
			d[ix[s]] = x[s];
		free(x);
		free(b);
		free(a);
	}
	free(ix);
	return rc == 0 ? 0 : -1;
}

/* BFGS update of H with the step S and the change of gradient Y; skipped
 * when the curvature y's is not positive. */
static void
bfgs_update(double *h, const double *s, const double *y, size_t p, double *hs)
{
	double ys = 0, shs = 0;
	for (size_t i = 0; i < p; i++) {
		double t = 0;
		for (size_t j = 0; j < p; j++)
			t += h[i * p + j] * s[j];
		hs[i] = t;
		ys += y[i] * s[i];
		shs += s[i] * t;
	}
	if (!(ys > 1e-300) || !(shs > 1e-300))
		return;
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++)
			h[i * p + j] += y[i] * y[j] / ys - hs[i] * hs[j] / shs;
}

/* The optimum already found that the Newton step D from PSI, at criterion
 * F, lands on (see JOIN_PSI), or -1. */
static int
joins_known(const fit_ws *ws, const double *psi, const double *d, double f)
{
	size_t p = ws->p;
	for (int j = 0; j < ws->nknown; j++) {
		const double *o = ws->known_psi + (size_t)j * p;
		if (!ws->known_ok[j] || !(fabs(f - ws->known_f[j]) <= JOIN_F * (1 + fabs(f))))
			continue;
		size_t i = 0;
		for (; i < p; i++) {
			double x = clampd(psi[i] + d[i], ws->lo, ws->hi);
			if (ws->logspace)
				x = exp(x);
			if (!(fabs(x - o[i]) <= JOIN_PSI))
				break;
		}
		if (i == p)
			return j;
	}
	return -1;
}

/* Minimise FN over PSI in [PSI_LO, PSI_HI] by projected Newton steps (the
 * Hessian of HESS, exact or refined by BFGS updates, damped until positive
 * definite, Armijo backtracking; projected steepest descent when Newton's
 * step fails). Returns the steps taken; *CONVERGED is set when the projected
 * gradient is below TOL, or no descent is left and it is below 1e-7. */
static int
projected_newton(fit_ws *ws, objective_fn fn, hessian_fn hess, double *psi,
                 int max_iter, double tol, int *converged, double *pgrad)
{
	size_t p = ws->p;
	double *g = xmalloc(p * sizeof *g), *h = xmalloc(p * p * sizeof *h);
	double *d = xmalloc(p * sizeof *d), *trial = xmalloc(p * sizeof *trial);
	double *gt = xmalloc(p * sizeof *gt), *l = xmalloc(p * ws->k * sizeof *l);
	double *s = xmalloc(p * sizeof *s), *y = xmalloc(p * sizeof *y);
	unsigned char *freev = xmalloc(p);
	double f = fn(ws, psi, g, l), pg = 0;
	int it, exact = 1, have_h = 0;
	*converged = 0;
	ws->joined = -1;
	if (!(f < INFINITY)) {
		/* no finite criterion at the start (ml with a singular scaled
		 * matrix): this start goes nowhere */
		pg = NAN;
		it = 0;
		goto out;
	}
	for (it = 0;; it++) {
		pg = 0;
		for (size_t i = 0; i < p; i++) {
			freev[i] = !is_active(ws, psi[i], g[i]);
			if (freev[i] && fabs(g[i]) > pg)
				pg = fabs(g[i]);
		}
		if (pg < tol) {
			*converged = 1;
			break;
		}
		if (it >= max_iter)
			break;
		/* the workspace holds the eigen pairs of the current point */
		if (exact || !have_h)
			exact = hess(ws, psi, g, h);
		have_h = 1;

		double mu = 0;
		while (newton_direction(h, g, freev, p, mu, d) != 0)
			mu = mu == 0 ? 1e-8 : mu * 10;
		if (exact && mu == 0 && ws->known_psi &&
		    (ws->joined = joins_known(ws, psi, d, f)) >= 0)
			break;
		int moved = 0;
		for (int attempt = 0; attempt < 2 && !moved; attempt++) {
			if (attempt == 1)
				for (size_t i = 0; i < p; i++)
					d[i] = freev[i] ? -g[i] : 0;
			/* no uniqueness moves by more than 0.5 at first: a step
			 * beyond the box's width only costs halvings */
			double dmax = 0, t0 = 1;
			for (size_t i = 0; i < p; i++)
				if (fabs(d[i]) > dmax)
					dmax = fabs(d[i]);
			if (dmax > 0.5)
				t0 = 0.5 / dmax;
			for (double t = t0; t > 1e-20 * t0; t /= 2) {
				double dec = 0;
				int same = 1;
				for (size_t i = 0; i < p; i++) {
					trial[i] = clampd(psi[i] + t * d[i], ws->lo, ws->hi);
					dec += g[i] * (trial[i] - psi[i]);
					same &= trial[i] == psi[i];
				}
				/* the step rounds to no step, or promises a decrease
				 * below the rounding of f: no shorter one can show a
				 * real decrease */
				if (same || -dec <= 4 * DBL_EPSILON * (1 + fabs(f)))
					break;
				/* the first trial in full, the halvings by their
				 * criterion alone, the one taken in full again */
				int full = t == t0;
				double ft = full ? fn(ws, trial, gt, l) : fn(ws, trial, NULL, NULL);
				if (ft <= f + 1e-4 * dec && ft < f) {
					if (!full)
						ft = fn(ws, trial, gt, l);
					moved = 1;
					for (size_t i = 0; i < p; i++) {
						s[i] = trial[i] - psi[i];
						y[i] = gt[i] - g[i];
					}
					memcpy(psi, trial, p * sizeof *psi);
					memcpy(g, gt, p * sizeof *g);
					f = ft;
					break;
				}
			}
		}
		if (!moved) {
			/* no descent is left at machine precision: converged when
			 * the gradient is small or the Newton decrement says the
			 * minimum is within rounding of the objective */
			double dec = 0;
			if (newton_direction(h, g, freev, p, mu, d) == 0)
				for (size_t i = 0; i < p; i++)
					dec -= g[i] * d[i];
			*converged = pg < 1e-7 || (dec >= 0 && dec < 1e-12 * (1 + fabs(f)));
			break;
		}
		if (!exact)
			bfgs_update(h, s, y, p, d);
		else if (!(f < INFINITY))
			break;
	}
out:
	*pgrad = pg;
	ws->last_f = f;
	free(freev);
	free(y);
	free(s);
	free(l);
	free(gt);
	free(trial);
	free(d);
	free(h);
	free(g);
	return it;
}

/* ---- starts and the best of them --------------------------------------- */

/* The deterministic starts of a fit, NSTART x P: psych's (1 - SMC),
 * factanal's ((1 - k / 2p) (1 - SMC)), 0.5 everywhere, then spread ones,
 * uniform in [0.05, 0.95] from a fixed xorshift sequence. */
static double *
make_starts(const double *smc, size_t p, size_t k, int nstart)
{
	double *st = xmalloc((size_t)nstart * p * sizeof *st);
	unsigned long long state = 0x9E3779B97F4A7C15ULL;
	for (int s = 0; s < nstart; s++)
		for (size_t i = 0; i < p; i++) {
			double x, u = 1 - smc[i];
			if (s == 0)
				x = u;
			else if (s == 1)
				x = (1 - 0.5 * (double)k / (double)p) * u;
			else if (s == 2)
				x = 0.5;
			else {
				state ^= state << 13;
				state ^= state >> 7;
				state ^= state << 17;
				x = 0.05 + 0.9 * (double)(state >> 11) * 0x1p-53;
			}
			st[(size_t)s * p + i] = clampd(x, PSI_LO, PSI_HI);
		}
	return st;
}

/* One minimisation from PSI (in place); returns the criterion reached. */
typedef double (*run_fn)(fit_ws *, double *psi, int max_iter, int *iterations,
                         int *converged, double *gradient);

/* Boender and Rinnooy Kan's Bayesian stopping rule for multistart
 * (Mathematical Programming 37, 1987): after N starts that ended at W
 * distinct criteria, the posterior expectation of the number of local
 * minima is W (N - 1) / (N - W - 2); once it is below W + 1/2, all of them
 * have most likely been found, and no more starts are run. Its first stop
 * is at N = 8, every start at one minimum. */
static int
enough_starts(int n, int w)
{
	return n > w + 2 && (double)w * (n - 1) < (w + 0.5) * (n - w - 2);
}

/* Does F end at a criterion none of the first N of FS ended at? */
static int
new_criterion(const double *fs, int n, double f)
{
	for (int s = 0; s < n; s++)
		if (fabs(fs[s] - f) <= SAME_OBJECTIVE * (1 + fabs(f)))
			return 0;
	return 1;
}

/* Runs RUN from each start until enough_starts says the minima are all
 * found (with JOIN, a start stops where it joins an optimum an earlier one
 * converged to), keeps the best in PSI and reports how many reached it. Of
 * the starts that reached the best criterion (within SAME_OBJECTIVE: at the
 * optimum the criterion is flat to rounding), the one that ended with the
 * smallest gradient, the most precisely converged, is kept. */
static void
best_of(fit_ws *ws, run_fn run, const double *starts, int nstart, int max_iter,
        int join, double *psi, fa_fit_info *info)
{
	size_t p = ws->p;
	double *x = xmalloc((size_t)nstart * p * sizeof *x);
	double *fs = xmalloc((size_t)nstart * sizeof *fs), *gs = xmalloc((size_t)nstart * sizeof *gs);
	int *its = xmalloc((size_t)nstart * sizeof *its), *convs = xmalloc((size_t)nstart * sizeof *convs);
	double best = INFINITY;
	int ran = 0, distinct = 0;
	while (ran < nstart && !enough_starts(ran, distinct)) {
		int s = ran++;
		double *xs = x + (size_t)s * p;
		memcpy(xs, starts + (size_t)s * p, p * sizeof *xs);
		if (join) {
			ws->known_psi = x;
			ws->known_f = fs;
			ws->known_ok = convs;
			ws->nknown = s;
		}
		fs[s] = run(ws, xs, max_iter, &its[s], &convs[s], &gs[s]);
		if (ws->joined >= 0) {
			/* it reached that optimum: its result is that one */
			int j = ws->joined;
			memcpy(xs, x + (size_t)j * p, p * sizeof *xs);
			fs[s] = fs[j];
			convs[s] = convs[j];
			gs[s] = gs[j];
		}
		/* a criterion that is no number counts as a minimum of its
		 * own: such starts make the rule run more of them, not fewer */
		distinct += !(fs[s] < INFINITY) || new_criterion(fs, s, fs[s]);
		if (fs[s] < best)
			best = fs[s];
	}
	int bi = -1;
	info->starts = ran;
	info->starts_best = 0;
	for (int s = 0; s < ran; s++) {
		if (!(fabs(fs[s] - best) <= SAME_OBJECTIVE * (1 + fabs(best))))
			continue;
		info->starts_best++;
		if (bi < 0 || (convs[s] && !convs[bi]) ||
		    (convs[s] == convs[bi] && gs[s] < gs[bi]))
			bi = s;
	}
	if (bi < 0)	/* no finite criterion anywhere */
		bi = 0;
	memcpy(psi, x + (size_t)bi * p, p * sizeof *psi);
	info->iterations = its[bi];
	info->converged = convs[bi];
	info->gradient = gs[bi];
	info->best_start = bi + 1;
	free(convs);
	free(its);
	free(gs);
	free(fs);
	free(x);
}

/* ---- the extractions --------------------------------------------------- */

static void
info_init(fa_fit_info *info)
{
	info->iterations = 0;
	info->converged = 0;
	info->gradient = NAN;
	info->objective = NAN;
	info->psych_objective = NAN;
	info->starts = 1;
	info->starts_best = 1;
	info->best_start = 1;
}

static double
minres_run(fit_ws *ws, double *psi, int max_iter, int *iterations, int *converged,
           double *gradient)
{
	size_t p = ws->p;
	/* The whole-matrix criterion F is smooth and its stationary points with
	 * no bound active are exactly those of psych's off-diagonal criterion;
	 * when a uniqueness ends at a bound (a Heywood case) the two part, and
	 * psych's criterion itself is polished from there. */
	*iterations = projected_newton(ws, minres_f, minres_f_hessian, psi, max_iter, 1e-11,
	                               converged, gradient);
	int bound = 0;
	for (size_t i = 0; i < p; i++)
		bound |= psi[i] <= PSI_LO || psi[i] >= PSI_HI;
	if (bound) {
		int more = max_iter > *iterations ? max_iter - *iterations : 0;
		*iterations += projected_newton(ws, minres_g, minres_g_hessian, psi, more,
		                                1e-11, converged, gradient);
	}
	double *l = xmalloc(p * ws->k * sizeof *l);
	double g = minres_g(ws, psi, NULL, l);
	free(l);
	return g;
}

/* fit_best's flags: leave out the second start (factanal's, psych's
 * scaled) for the spread ones (minres); let starts join an optimum already
 * found (ml: minres's run polishes a second criterion, see minres_run). */
enum { SKIP_SCALED = 1, JOIN_KNOWN = 2 };

/* The fit of RUN from NSTART starts of make_starts, the best by the
 * objective F: its loadings to L. */
static int
fit_best(const double *r, size_t p, size_t k, int max_iter, double *l,
         fa_fit_info *info, run_fn run, objective_fn f, int nstart, int flags)
{
	double *smc = xmalloc(p * sizeof *smc), *psi = xmalloc(p * sizeof *psi);
	fit_ws ws;
	ws_init(&ws, r, p, k);
	info_init(info);
	int rc = fa_smc(r, p, smc);
	if (rc == 0) {
		double *st = make_starts(smc, p, k, nstart);
		if ((flags & SKIP_SCALED) && nstart > 1) {
			memmove(st + p, st + 2 * p, (size_t)(nstart - 2) * p * sizeof *st);
			nstart--;
		}
		best_of(&ws, run, st, nstart, max_iter, flags & JOIN_KNOWN, psi, info);
		free(st);
		info->objective = f(&ws, psi, NULL, l);
		info->psych_objective = fa_psych_objective(r, l, p, k);
	}
	ws_free(&ws);
	free(psi);
	free(smc);
	return rc;
}

int
fa_minres(const double *r, size_t p, size_t k, int max_iter, double *l,
          fa_fit_info *info)
{
	int nstart = p <= MINRES_MULTI_MAX ?
	             3 + spread_starts(p, MINRES_BUDGET, MINRES_SPREAD_MIN, MINRES_SPREAD_MAX) : 1;
	return fit_best(r, p, k, max_iter, l, info, minres_run, minres_g, nstart, SKIP_SCALED);
}

int
fa_minres_one(const double *r, size_t p, size_t k, int max_iter, double *l,
              fa_fit_info *info)
{
	return fit_best(r, p, k, max_iter, l, info, minres_run, minres_g, 1, SKIP_SCALED);
}

/* ml_f of the logarithms TH of the uniquenesses: its gradient by the
 * chain rule (g_psi psi). */
static double
ml_f_log(fit_ws *ws, const double *th, double *grad, double *l)
{
	size_t p = ws->p;
	for (size_t i = 0; i < p; i++)
		ws->psi_of[i] = exp(th[i]);
	double f = ml_f(ws, ws->psi_of, grad, l);
	if (grad)
		for (size_t i = 0; i < p; i++)
			grad[i] *= ws->psi_of[i];
	return f;
}

/* The Hessian of ml_f_log: diag(psi) H diag(psi) + diag(g_psi psi), at the
 * point ml_f_log last evaluated in full (its psi in ws->psi_of). */
static int
ml_hessian_log(fit_ws *ws, const double *th, const double *grad, double *h)
{
	(void)th;
	size_t p = ws->p;
	const double *psi = ws->psi_of;
	double *gp = xmalloc(p * sizeof *gp);
	for (size_t i = 0; i < p; i++)
		gp[i] = grad[i] / psi[i];
	ml_hessian(ws, psi, gp, h);
	free(gp);
	for (size_t m = 0; m < p; m++) {
		for (size_t n = 0; n < p; n++)
			h[m * p + n] *= psi[m] * psi[n];
		h[m * p + m] += grad[m];
	}
	return 1;
}

static double
ml_run(fit_ws *ws, double *psi, int max_iter, int *iterations, int *converged,
       double *gradient)
{
	size_t p = ws->p;
	ws->logspace = 1;
	ws->lo = log(PSI_LO);
	ws->hi = log(PSI_HI);
	for (size_t i = 0; i < p; i++)
		psi[i] = log(psi[i]);
	*iterations = projected_newton(ws, ml_f_log, ml_hessian_log, psi, max_iter, 1e-10,
	                               converged, gradient);
	for (size_t i = 0; i < p; i++)
		psi[i] = clampd(exp(psi[i]), PSI_LO, PSI_HI);
	ws->logspace = 0;
	ws->lo = PSI_LO;
	ws->hi = PSI_HI;
	return ws->last_f;
}

int
fa_ml(const double *r, size_t p, size_t k, int max_iter, double *l,
      fa_fit_info *info)
{
	int nstart = 3 + spread_starts(p, ML_BUDGET, ML_SPREAD_MIN, ML_SPREAD_MAX);
	return fit_best(r, p, k, max_iter, l, info, ml_run, ml_f, nstart, JOIN_KNOWN);
}

int
fa_pa(const double *r, size_t p, size_t k, double min_err, int max_iter,
      double *l, fa_fit_info *info)
{
	double *h = xmalloc(p * sizeof *h);
	fit_ws ws;
	ws_init(&ws, r, p, k);
	info_init(info);
	int rc = fa_smc(r, p, h);
	if (rc == 0) {
		/* psych's loop: communalities from the SMCs, replaced by the
		 * diagonal of L L' until their sum moves by no more than MIN_ERR */
		double comm = 0, err;
		for (size_t i = 0; i < p; i++)
			comm += h[i];
		err = comm;
		while (err > min_err) {
			if (info->iterations >= max_iter)
				break;
			for (size_t i = 0; i < p; i++)
				h[i] = 1 - h[i];	/* minres_loadings takes 1 - psi */
			minres_loadings(&ws, h, l);
			double comm1 = 0;
			for (size_t i = 0; i < p; i++) {
				double m = 0;
				for (size_t j = 0; j < k; j++)
					m += l[i * k + j] * l[i * k + j];
				h[i] = m;
				comm1 += m;
			}
			err = fabs(comm - comm1);
			comm = comm1;
			info->iterations++;
		}
		if (info->iterations == 0) {
			/* no step taken: the loadings of the starting communalities */
			for (size_t i = 0; i < p; i++)
				h[i] = 1 - h[i];
			minres_loadings(&ws, h, l);
		}
		info->converged = err <= min_err;
		info->gradient = err;
		info->objective = 0;
		double *ll = xmalloc(p * p * sizeof *ll);
		mat_outer(l, p, k, ll);
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < i; j++) {
				double d = r[i * p + j] - ll[i * p + j];
				info->objective += d * d;
			}
		free(ll);
		info->psych_objective = fa_psych_objective(r, l, p, k);
	}
	ws_free(&ws);
	free(h);
	return rc;
}

/* ---- reports ----------------------------------------------------------- */

double
fa_psych_objective(const double *r, const double *l, size_t p, size_t k)
{
	/* M = L L' with R's diagonal, smoothed; tr(M^-1 R) - log det(M^-1 R) - p */
	double *m = xmalloc(p * p * sizeof *m);
	mat_outer(l, p, k, m);
	for (size_t a = 0; a < p; a++)
		m[a * p + a] = r[a * p + a];
	fa_cor_smooth(m, p, DBL_EPSILON);
	double *x = xmalloc(p * sizeof *x);
	double ldm = 0, ldr = 0, tr = 0;
	int rc = mat_cholesky(m, p);
	for (size_t i = 0; rc == 0 && i < p; i++)
		ldm += 2 * log(m[i * p + i]);
	/* tr(M^-1 R): the diagonal of M^-1 times each column of R */
	for (size_t j = 0; rc == 0 && j < p; j++) {
		for (size_t i = 0; i < p; i++)
			x[i] = r[i * p + j];
		rc = mat_cholesky_solve(m, p, x, x);
		tr += x[j];
	}
	if (rc == 0)
		rc = mat_logdet(r, p, &ldr);
	free(x);
	free(m);
	return rc == 0 ? tr - (ldr - ldm) - (double)p : NAN;
}

void
fa_require_converged(const char *what, int converged, int steps, const char *measure,
                     double last, int allow)
{
	if (converged)
		return;
	char how[128] = "";
	if (measure)
		snprintf(how, sizeof how, " (%s %.3g)", measure, last);
	if (allow)
		warn("%s did not converge in %d steps%s", what, steps, how);
	else
		die("%s did not converge in %d steps%s: the result is not a solution "
		    "(--allow-nonconvergence keeps it)", what, steps, how);
}

/* ---- a fit of a set of items ------------------------------------------ */

const char *const fa_method_names[] = {"minres", "ml", "pa", NULL};

void
fa_die_singular(const double *r, size_t p, const size_t *items, char **names)
{
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < i; j++)
			if (fabs(r[i * p + j]) > 1 - 1e-10)
				die("items '%s' and '%s' are perfectly correlated (r = %.17g): "
				    "the correlation matrix is singular; drop one of them",
				    names[items[j]], names[items[i]], r[i * p + j]);
	die("the correlation matrix of the %zu items is singular (not positive "
	    "definite): an item is a linear combination of others", p);
}

void
fa_fit_items(fa_items *f, const fa_spec *o, const double *rall, const double *wall,
             size_t pall, const unsigned char *use, size_t n, char **names)
{
	size_t k = o->k;
	f->p = 0;
	f->items = xmalloc(pall * sizeof *f->items);
	for (size_t i = 0; i < pall; i++)
		if (use[i])
			f->items[f->p++] = i;
	size_t p = f->p;
	if (k >= p)
		die("%zu factors need more than %zu items", k, p);
	f->r = xmalloc(p * p * sizeof *f->r);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++)
			f->r[i * p + j] = rall[f->items[i] * pall + f->items[j]];
	/* Cholesky succeeds on a matrix singular up to rounding (an item the
	 * sum of others): judge by the smallest eigenvalue */
	double *ev = xmalloc(p * sizeof *ev);
	mat_eigen(f->r, p, ev, NULL);
	/* a smoothed matrix is positive definite by construction, its smallest
	 * eigenvalues set to about 1e-10 (psych fits it) */
	int singular = !(ev[p - 1] > (o->smoothed ? 0 : 1e-10));
	free(ev);
	if (singular)
		fa_die_singular(f->r, p, f->items, names);
	double *msa = xmalloc(p * sizeof *msa);
	singular = fa_bartlett(f->r, p, n, &f->chi2, &f->df, &f->pvalue) != 0 ||
	           fa_kmo(f->r, p, &f->kmo, msa) != 0;
	free(msa);
	if (singular)
		fa_die_singular(f->r, p, f->items, names);
	f->l = xmalloc(p * k * sizeof *f->l);
	int rc = o->method == FA_PA ? fa_pa(f->r, p, k, o->pa_tol, o->max_iter, f->l, &f->info)
	       : o->method == FA_ML ? fa_ml(f->r, p, k, o->max_iter, f->l, &f->info)
	       : fa_minres(f->r, p, k, o->max_iter, f->l, &f->info);
	if (rc != 0)
		fa_die_singular(f->r, p, f->items, names);
	f->phi = xmalloc(k * k * sizeof *f->phi);
	f->unrotated = xmalloc(p * k * sizeof *f->unrotated);
	memcpy(f->unrotated, f->l, p * k * sizeof *f->l);
	f->rot.unrotated = f->unrotated;
	if (rot_rotate_starts(o->rotate, f->l, p, k, o->rotate_tol, 1000, o->varimax_tol,
	                      o->rotate_starts, o->seed, f->phi, &f->rot) != 0)
		die("the %s rotation failed: a matrix it inverts is singular",
		    rot_names[o->rotate]);
	/* the fit's criterion is the same for the rotated loadings */
	double *s = xmalloc(p * k * sizeof *s);
	if (rot_oblique(o->rotate)) {
		rot_orient(f->l, f->phi, p, k);
		rot_structure(f->l, f->phi, p, k, s);
	} else {
		rot_orient(f->l, NULL, p, k);
		memcpy(s, f->l, p * k * sizeof *s);
	}
	/* weights for z-scores of the observed items: R^-1 S with their Pearson
	 * correlations, also after a polychoric fit (psych's factor.scores) */
	double *wr = f->wr = xmalloc(p * p * sizeof *wr);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++)
			wr[i * p + j] = wall[f->items[i] * pall + f->items[j]];
	f->w = xmalloc(p * k * sizeof *f->w);
	singular = fa_regression_weights(wr, s, p, k, f->w) != 0;
	free(s);
	if (singular)
		fa_die_singular(wr, p, f->items, names);
}

void
fa_items_free(fa_items *f)
{
	free(f->items);
	free(f->r);
	free(f->l);
	free(f->phi);
	free(f->w);
	free(f->wr);
	free(f->unrotated);
}

double
fa_dof(size_t p, size_t k)
{
	double pf = (double)p, kf = (double)k;
	return ((pf - kf) * (pf - kf) - (pf + kf)) / 2;
}

size_t
fa_select_items(const fa_items *f, size_t p, size_t k, double threshold, unsigned char *retained)
{
	size_t nret = 0;
	for (size_t i = 0; i < p; i++) {
		double m = 0;
		for (size_t j = 0; j < k; j++)
			if (fabs(f->l[i * k + j]) > m)
				m = fabs(f->l[i * k + j]);
		retained[i] = isnan(threshold) || m > threshold;
		nret += retained[i];
	}
	if (nret == 0)
		die("no item loads above the threshold %g", threshold);
	return nret;
}

void
fa_warn_keying(const fa_items *f, size_t k, const double *cov, size_t pall, char **names)
{
	size_t p = f->p, *fac = xmalloc(p * sizeof *fac);
	for (size_t s = 0; s < p; s++) {
		fac[s] = 0;
		for (size_t j = 1; j < k; j++)
			if (fabs(f->l[s * k + j]) > fabs(f->l[s * k + fac[s]]))
				fac[s] = j;
	}
	for (size_t s = 0; s < p; s++) {
		size_t j = fac[s], i = f->items[s], others = 0;
		double sum = 0, cross = 0, tot = 0;
		for (size_t t = 0; t < p; t++)
			if (fac[t] == j && t != s) {
				others++;
				sum += f->l[t * k + j];
				cross += cov[i * pall + f->items[t]];
				for (size_t u = 0; u < p; u++)
					if (fac[u] == j && u != s)
						tot += cov[f->items[t] * pall + f->items[u]];
			}
		double l = f->l[s * k + j], r = cross / sqrt(cov[i * pall + i] * tot);
		if (others >= 2 && l * sum < 0 && r < 0)
			warn("item '%s': keyed the wrong way? its loading (%.3g) has the opposite "
			     "sign to the other items of F%zu and it correlates negatively with "
			     "their sum (r = %.3g; psych alpha's check): key it with --reverse %s",
			     names[i], l, j + 1, r, names[i]);
	}
	free(fac);
}
