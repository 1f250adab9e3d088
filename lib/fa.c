/* Exploratory factor analysis: see fa.h. */
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

/* psych's bounds on the uniquenesses in fa(fm = "minres"). */
#define PSI_LO 0.005
#define PSI_HI 1.0

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

void
fa_moments(const double *x, size_t n, size_t p, double *mean, double *sd)
{
	for (size_t j = 0; j < p; j++) {
		double m = 0, ss = 0;
		for (size_t i = 0; i < n; i++)
			m += x[i * p + j];
		m /= (double)n;
		for (size_t i = 0; i < n; i++) {
			double d = x[i * p + j] - m;
			ss += d * d;
		}
		mean[j] = m;
		sd[j] = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
	}
}

void
fa_cov_cor(const double *x, size_t n, size_t p, const double *mean,
           const double *sd, double *cov, double *cor)
{
	for (size_t a = 0; a < p; a++)
		for (size_t b = a; b < p; b++) {
			double s = 0;
			for (size_t i = 0; i < n; i++)
				s += (x[i * p + a] - mean[a]) * (x[i * p + b] - mean[b]);
			s /= (double)(n - 1);
			if (cov)
				cov[a * p + b] = cov[b * p + a] = s;
			if (cor)
				cor[a * p + b] = cor[b * p + a] =
				    a == b ? 1.0 : s / (sd[a] * sd[b]);
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
fa_smc(const double *r, size_t p, double *smc)
{
	double *q = xmalloc(p * p * sizeof *q);
	int rc = spd_inverse(r, p, q);
	for (size_t i = 0; rc == 0 && i < p; i++)
		smc[i] = 1 - 1 / q[i * p + i];
	free(q);
	return rc;
}

/* ---- minres ------------------------------------------------------------ */

typedef struct {
	const double *r;
	size_t p, k;
	double *a, *val, *vec;	/* scratch: R - diag(psi), its eigen pairs */
	double *e;		/* scratch: off-diagonal residuals */
} minres_ws;

/* Loadings L (P x K) of the best rank-K part of R with 1 - PSI on the
 * diagonal (negative eigenvalues count as 0, as psych's FAout.wls). */
static void
minres_loadings(minres_ws *ws, const double *psi, double *l)
{
	size_t p = ws->p, k = ws->k;
	memcpy(ws->a, ws->r, p * p * sizeof *ws->a);
	for (size_t i = 0; i < p; i++)
		ws->a[i * p + i] = 1 - psi[i];
	fa_eigen(ws->a, p, ws->val, ws->vec);
	for (size_t j = 0; j < k; j++) {
		double s = ws->val[j] > 0 ? sqrt(ws->val[j]) : 0;
		for (size_t i = 0; i < p; i++)
			l[i * k + j] = ws->vec[i * p + j] * s;
	}
}

/* F(psi) = || R - diag(psi) - L L' ||^2 over the whole matrix, and its
 * gradient -2 diag(R - diag(psi) - L L') (psych's FAgr.minres, doubled: the
 * best L for a given psi makes the envelope theorem apply). */
static double
minres_f(minres_ws *ws, const double *psi, double *grad, double *l)
{
	size_t p = ws->p, k = ws->k;
	minres_loadings(ws, psi, l);
	double f = 0;
	for (size_t j = 0; j < p; j++) {
		double v = ws->val[j];
		if (j >= k || v < 0)
			f += v * v;
	}
	if (grad)
		for (size_t i = 0; i < p; i++) {
			double m = 0;
			for (size_t j = 0; j < k; j++)
				m += l[i * k + j] * l[i * k + j];
			grad[i] = -2 * (ws->a[i * p + i] - m);
		}
	return f;
}

static int
is_active(double x, double g)
{
	return (x <= PSI_LO && g > 0) || (x >= PSI_HI && g < 0);
}

static double
clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
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
		gsl_matrix *a = gsl_matrix_alloc(m, m);
		gsl_vector *b = gsl_vector_alloc(m), *x = gsl_vector_alloc(m);
		if (!a || !b || !x)
			die("out of memory");
		for (size_t s = 0; s < m; s++) {
			for (size_t t = 0; t < m; t++)
				gsl_matrix_set(a, s, t, h[ix[s] * p + ix[t]] + (s == t ? mu : 0));
			gsl_vector_set(b, s, -g[ix[s]]);
		}
		rc = gsl_linalg_cholesky_decomp1(a);
		if (rc == 0)
			rc = gsl_linalg_cholesky_solve(a, b, x);
		for (size_t s = 0; rc == 0 && s < m; s++)
			d[ix[s]] = gsl_vector_get(x, s);
		gsl_vector_free(x);
		gsl_vector_free(b);
		gsl_matrix_free(a);
	}
	free(ix);
	return rc == 0 ? 0 : -1;
}

/* psych's criterion: the squared off-diagonal residuals of R against the
 * loadings of minres_loadings (summed over i < j), and its exact gradient by
 * first-order eigen perturbation (d(R - diag psi) = -e_m e_m'). */
static double
minres_g(minres_ws *ws, const double *psi, double *grad, double *l)
{
	size_t p = ws->p, k = ws->k;
	minres_loadings(ws, psi, l);
	double g = 0;
	double *e = ws->e;
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++) {
			double m = 0;
			for (size_t s = 0; s < k; s++)
				m += l[i * k + s] * l[j * k + s];
			e[i * p + j] = i == j ? 0 : ws->r[i * p + j] - m;
			if (j < i)
				g += e[i * p + j] * e[i * p + j];
		}
	if (!grad)
		return g;
	const double *v = ws->vec, *lam = ws->val;
	/* u_ab = v_a' E v_b, so that sum_ij E_ij (v_a v_b' + v_b v_a')_ij = 2 u_ab */
	double *ev = xmalloc(p * p * sizeof *ev), *u = xmalloc(k * p * sizeof *u);
	for (size_t i = 0; i < p; i++)
		for (size_t b = 0; b < p; b++) {
			double t = 0;
			for (size_t j = 0; j < p; j++)
				t += e[i * p + j] * v[j * p + b];
			ev[i * p + b] = t;
		}
	for (size_t a = 0; a < k; a++)
		for (size_t b = 0; b < p; b++) {
			double t = 0;
			for (size_t i = 0; i < p; i++)
				t += v[i * p + a] * ev[i * p + b];
			u[a * p + b] = t;
		}
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

typedef double (*minres_objective)(minres_ws *, const double *, double *, double *);

/* Minimise FN over PSI in [PSI_LO, PSI_HI] by projected Newton steps (Hessian
 * by central differences of the exact gradient, damped until positive
 * definite, Armijo backtracking; projected steepest descent when Newton's
 * step fails). Returns the steps taken; *CONVERGED is set when the projected
 * gradient is below TOL, or no descent is left and it is below 1e-7. */
static int
projected_newton(minres_ws *ws, minres_objective fn, double *psi, int max_iter,
                 double tol, int *converged, double *pgrad)
{
	size_t p = ws->p;
	double *g = xmalloc(p * sizeof *g), *h = xmalloc(p * p * sizeof *h);
	double *d = xmalloc(p * sizeof *d), *trial = xmalloc(p * sizeof *trial);
	double *gt = xmalloc(p * sizeof *gt), *gp = xmalloc(p * sizeof *gp);
	double *gm = xmalloc(p * sizeof *gm), *l = xmalloc(p * ws->k * sizeof *l);
	unsigned char *freev = xmalloc(p);
	double f = fn(ws, psi, g, l), pg = 0;
	int it;
	*converged = 0;
	for (it = 0;; it++) {
		pg = 0;
		for (size_t i = 0; i < p; i++) {
			freev[i] = !is_active(psi[i], g[i]);
			if (freev[i] && fabs(g[i]) > pg)
				pg = fabs(g[i]);
		}
		if (pg < tol) {
			*converged = 1;
			break;
		}
		if (it >= max_iter)
			break;

		for (size_t j = 0; j < p; j++) {
			double e = 1e-6, save = psi[j];
			psi[j] = save + e;
			fn(ws, psi, gp, l);
			psi[j] = save - e;
			fn(ws, psi, gm, l);
			psi[j] = save;
			for (size_t i = 0; i < p; i++)
				h[i * p + j] = (gp[i] - gm[i]) / (2 * e);
		}
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < i; j++)
				h[i * p + j] = h[j * p + i] = (h[i * p + j] + h[j * p + i]) / 2;

		double mu = 0;
		while (newton_direction(h, g, freev, p, mu, d) != 0)
			mu = mu == 0 ? 1e-8 : mu * 10;
		int moved = 0;
		for (int attempt = 0; attempt < 2 && !moved; attempt++) {
			if (attempt == 1)
				for (size_t i = 0; i < p; i++)
					d[i] = freev[i] ? -g[i] : 0;
			for (double t = 1; t > 1e-20; t /= 2) {
				double dec = 0;
				for (size_t i = 0; i < p; i++) {
					trial[i] = clampd(psi[i] + t * d[i], PSI_LO, PSI_HI);
					dec += g[i] * (trial[i] - psi[i]);
				}
				double ft = fn(ws, trial, gt, l);
				if (ft <= f + 1e-4 * dec && ft < f) {
					moved = 1;
					memcpy(psi, trial, p * sizeof *psi);
					memcpy(g, gt, p * sizeof *g);
					f = ft;
					break;
				}
			}
		}
		if (!moved) {
			/* no descent is left at machine precision */
			*converged = pg < 1e-7;
			break;
		}
	}
	*pgrad = pg;
	free(freev);
	free(l);
	free(gm);
	free(gp);
	free(gt);
	free(trial);
	free(d);
	free(h);
	free(g);
	return it;
}

/* What every extraction starts with: its workspace, an empty report, and
 * the squared multiple correlations in SMC (psych's start). Returns
 * fa_smc's status. */
static int
fit_begin(const double *r, size_t p, size_t k, minres_ws *ws, double *smc,
          fa_fit_info *info)
{
	*ws = (minres_ws){r, p, k, xmalloc(p * p * sizeof(double)),
	                  xmalloc(p * sizeof(double)), xmalloc(p * p * sizeof(double)),
	                  xmalloc(p * p * sizeof(double))};
	info->iterations = 0;
	info->converged = 0;
	info->gradient = NAN;
	info->objective = NAN;
	return fa_smc(r, p, smc);
}

static void
ws_free(minres_ws *ws)
{
	free(ws->a);
	free(ws->val);
	free(ws->vec);
	free(ws->e);
}

int
fa_minres(const double *r, size_t p, size_t k, int max_iter, double *l,
          fa_fit_info *info)
{
	double *psi = xmalloc(p * sizeof *psi);
	minres_ws ws;
	int rc = fit_begin(r, p, k, &ws, psi, info);
	if (rc != 0)
		goto out;
	/* psych's start: the uniquenesses implied by the SMCs */
	for (size_t i = 0; i < p; i++)
		psi[i] = clampd(1 - psi[i], PSI_LO, PSI_HI);
	/* The whole-matrix criterion F is smooth and its stationary points with
	 * no bound active are exactly those of psych's off-diagonal criterion;
	 * when a uniqueness ends at a bound (a Heywood case) the two part, and
	 * psych's criterion itself is polished from there. */
	info->iterations = projected_newton(&ws, minres_f, psi, max_iter, 1e-11,
	                                    &info->converged, &info->gradient);
	int bound = 0;
	for (size_t i = 0; i < p; i++)
		bound |= psi[i] <= PSI_LO || psi[i] >= PSI_HI;
	if (bound) {
		int more = max_iter > info->iterations ? max_iter - info->iterations : 0;
		info->iterations += projected_newton(&ws, minres_g, psi, more, 1e-11,
		                                     &info->converged, &info->gradient);
	}
	info->objective = minres_g(&ws, psi, NULL, l);
out:
	ws_free(&ws);
	free(psi);
	return rc;
}

/* psych's maximum-likelihood criterion (FAfn) of the uniquenesses PSI, its
 * gradient (FAgr) and the loadings (FAout): from the eigen pairs of
 * Psi^-1/2 R Psi^-1/2, L = Psi^1/2 V_K diag(sqrt(max(lambda - 1, 0))). */
static double
ml_f(minres_ws *ws, const double *psi, double *grad, double *l)
{
	size_t p = ws->p, k = ws->k;
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++)
			ws->a[i * p + j] = ws->r[i * p + j] / sqrt(psi[i] * psi[j]);
	fa_eigen(ws->a, p, ws->val, ws->vec);
	double e = 0;
	for (size_t j = k; j < p; j++) {
		if (!(ws->val[j] > 0))
			return INFINITY;
		e += log(ws->val[j]) - ws->val[j];
	}
	for (size_t j = 0; j < k; j++) {
		double s = ws->val[j] > 1 ? sqrt(ws->val[j] - 1) : 0;
		for (size_t i = 0; i < p; i++)
			l[i * k + j] = sqrt(psi[i]) * ws->vec[i * p + j] * s;
	}
	if (grad)
		for (size_t i = 0; i < p; i++) {
			double m = 0;
			for (size_t j = 0; j < k; j++)
				m += l[i * k + j] * l[i * k + j];
			grad[i] = (m + psi[i] - ws->r[i * p + i]) / (psi[i] * psi[i]);
		}
	return -(e - (double)k + (double)p);
}

int
fa_ml(const double *r, size_t p, size_t k, int max_iter, double *l,
      fa_fit_info *info)
{
	double *psi = xmalloc(p * sizeof *psi);
	minres_ws ws;
	int rc = fit_begin(r, p, k, &ws, psi, info);
	if (rc == 0) {
		/* psych's start, as for minres */
		for (size_t i = 0; i < p; i++)
			psi[i] = clampd(1 - psi[i], PSI_LO, PSI_HI);
		info->iterations = projected_newton(&ws, ml_f, psi, max_iter, 1e-10,
		                                    &info->converged, &info->gradient);
		info->objective = ml_f(&ws, psi, NULL, l);
	}
	ws_free(&ws);
	free(psi);
	return rc;
}

int
fa_pa(const double *r, size_t p, size_t k, double min_err, int max_iter,
      double *l, fa_fit_info *info)
{
	double *h = xmalloc(p * sizeof *h);
	minres_ws ws;
	int rc = fit_begin(r, p, k, &ws, h, info);
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
		info->converged = err <= min_err;
		info->gradient = err;
		info->objective = 0;
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < i; j++) {
				double m = 0;
				for (size_t s = 0; s < k; s++)
					m += l[i * k + s] * l[j * k + s];
				info->objective += (r[i * p + j] - m) * (r[i * p + j] - m);
			}
	}
	ws_free(&ws);
	free(h);
	return rc;
}

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
		for (size_t i = 0; i < p; i++)
			for (size_t j = 0; j < k; j++) {
				double t = 0;
				for (size_t m = 0; m < k; m++)
					t += x[i * k + m] * tt[m * k + j];
				z[i * k + j] = t;
			}
		for (size_t j = 0; j < k; j++) {
			cs[j] = 0;
			for (size_t i = 0; i < p; i++)
				cs[j] += z[i * k + j] * z[i * k + j];
		}
		for (size_t a = 0; a < k; a++)
			for (size_t c = 0; c < k; c++) {
				double t = 0;
				for (size_t i = 0; i < p; i++) {
					double zz = z[i * k + c];
					t += x[i * k + a] * (zz * zz * zz - zz * cs[c] / (double)p);
				}
				gsl_matrix_set(b, a, c, t);
			}
		/* TT = U V' from B = U diag(s) V' */
		gsl_linalg_SV_decomp(b, v, s, work);
		double dnew = 0;
		for (size_t j = 0; j < k; j++)
			dnew += gsl_vector_get(s, j);
		for (size_t a = 0; a < k; a++)
			for (size_t c = 0; c < k; c++) {
				double t = 0;
				for (size_t m = 0; m < k; m++)
					t += gsl_matrix_get(b, a, m) * gsl_matrix_get(v, c, m);
				tt[a * k + c] = t;
			}
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
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < k; j++) {
			double t = 0;
			for (size_t m = 0; m < k; m++)
				t += x[i * k + m] * tt[m * k + j];
			l[i * k + j] = t * sc[i];
		}
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
fa_orient(double *l, size_t p, size_t k)
{
	double *ss = xmalloc(k * sizeof *ss), *tmp = xmalloc(p * k * sizeof *tmp);
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
		ord[j] = j;
	}
	/* stable insertion sort by decreasing variance, as R's order() */
	for (size_t a = 1; a < k; a++)
		for (size_t b = a; b > 0 && ss[ord[b]] > ss[ord[b - 1]]; b--) {
			size_t t = ord[b];
			ord[b] = ord[b - 1];
			ord[b - 1] = t;
		}
	memcpy(tmp, l, p * k * sizeof *tmp);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < k; j++)
			l[i * k + j] = tmp[i * k + ord[j]];
	free(ord);
	free(tmp);
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
	for (size_t a = 0; a < k; a++)
		for (size_t b = 0; b < k; b++) {
			double t = 0;
			for (size_t i = 0; i < p; i++)
				t += l[i * k + a] * l[i * k + b] / uniq[i];
			gsl_matrix_set(m, a, b, t);
		}
	int sign, rc = gsl_linalg_LU_decomp(m, perm, &sign);
	if (rc == 0 && gsl_linalg_LU_det(m, sign) == 0)
		rc = -1;
	if (rc == 0)
		rc = gsl_linalg_LU_invert(m, perm, inv);
	for (size_t i = 0; rc == 0 && i < p; i++)
		for (size_t j = 0; j < k; j++) {
			double t = 0;
			for (size_t a = 0; a < k; a++)
				t += l[i * k + a] / uniq[i] * gsl_matrix_get(inv, a, j);
			w[i * k + j] = t;
		}
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

double
fa_quantile(const double *x, size_t n, double q)
{
	double h = (double)(n - 1) * q;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return x[n - 1];
	return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}
