/* Polychoric correlations: see polychoric.h. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "err.h"
#include "fa.h"
#include "num.h"
#include "polychoric.h"

/* Gauss-Legendre nodes and weights of Genz's BVNU (6, 12 and 20 points). */
static const double gl_x[3][10] = {
	{-0.9324695142031522, -0.6612093864662647, -0.2386191860831970},
	{-0.9815606342467191, -0.9041172563704750, -0.7699026741943050,
	 -0.5873179542866171, -0.3678314989981802, -0.1252334085114692},
	{-0.9931285991850949, -0.9639719272779138, -0.9122344282513259,
	 -0.8391169718222188, -0.7463319064601508, -0.6360536807265150,
	 -0.5108670019508271, -0.3737060887154196, -0.2277858511416451,
	 -0.07652652113349733}};
static const double gl_w[3][10] = {
	{0.1713244923791705, 0.3607615730481384, 0.4679139345726904},
	{0.04717533638651177, 0.1069393259953183, 0.1600783285433464,
	 0.2031674267230659, 0.2334925365383547, 0.2491470458134029},
	{0.01761400713915212, 0.04060142980038694, 0.06267204833410906,
	 0.08327674157670475, 0.1019301198172404, 0.1181945319615184,
	 0.1316886384491766, 0.1420961093183821, 0.1491729864726037,
	 0.1527533871307259}};

static double
phi(double z)
{
	return gsl_cdf_ugaussian_P(z);
}

/* Genz's BVNU: P(X > dh, Y > dk), finite dh, dk. */
static double
bvnu(double dh, double dk, double r)
{
	const double twopi = 2 * M_PI;
	int ng, lg;
	if (fabs(r) < 0.3) { ng = 0; lg = 3; }
	else if (fabs(r) < 0.75) { ng = 1; lg = 6; }
	else { ng = 2; lg = 10; }
	double h = dh, k = dk, hk = h * k, bvn = 0;
	if (fabs(r) < 0.925) {
		double hs = (h * h + k * k) / 2, asr = asin(r);
		for (int i = 0; i < lg; i++)
			for (int s = -1; s <= 1; s += 2) {
				double sn = sin(asr * (s * gl_x[ng][i] + 1) / 2);
				bvn += gl_w[ng][i] * exp((sn * hk - hs) / (1 - sn * sn));
			}
		return bvn * asr / (2 * twopi) + phi(-h) * phi(-k);
	}
	if (r < 0) {
		k = -k;
		hk = -hk;
	}
	if (fabs(r) < 1) {
		double as = (1 - r) * (1 + r), a = sqrt(as), bs = (h - k) * (h - k);
		double c = (4 - hk) / 8, d = (12 - hk) / 16;
		double asr = -(bs / as + hk) / 2;
		if (asr > -100)
			bvn = a * exp(asr) * (1 - c * (bs - as) * (1 - d * bs / 5) / 3 +
			                      c * d * as * as / 5);
		if (-hk < 100) {
			double b = sqrt(bs);
			bvn -= exp(-hk / 2) * sqrt(twopi) * phi(-b / a) * b *
			       (1 - c * bs * (1 - d * bs / 5) / 3);
		}
		a /= 2;
		for (int i = 0; i < lg; i++)
			for (int s = -1; s <= 1; s += 2) {
				double xs = a * (s * gl_x[ng][i] + 1);
				xs *= xs;
				double rs = sqrt(1 - xs);
				asr = -(bs / xs + hk) / 2;
				if (asr > -100)
					bvn += a * gl_w[ng][i] * exp(asr) *
					       (exp(-hk * (1 - rs) / (2 * (1 + rs))) / rs -
					        (1 + c * xs * (1 + d * xs)));
			}
		bvn = -bvn / twopi;
	}
	if (r > 0)
		return bvn + phi(-fmax(h, k));
	bvn = -bvn;
	if (k > h)
		bvn += phi(k) - phi(h);
	return bvn;
}

double
poly_bvn(double h, double k, double r)
{
	if (h == -INFINITY || k == -INFINITY)
		return 0;
	if (h == INFINITY)
		return k == INFINITY ? 1 : phi(k);
	if (k == INFINITY)
		return phi(h);
	return bvnu(-h, -k, r);
}

/* psych's polyBinBvn and polyF: minus the log-likelihood of the table TAB
 * (NR x NC proportions) for thresholds RC, CC and correlation RHO. */
typedef struct {
	const double *rc, *cc, *tab;
	size_t nr, nc;
	double *p;
} poly_problem;

static double
rect(double a1, double b1, double a2, double b2, double r)
{
	return poly_bvn(b1, b2, r) - poly_bvn(a1, b2, r) - poly_bvn(b1, a2, r) +
	       poly_bvn(a1, a2, r);
}

static double
poly_f(double rho, const poly_problem *q)
{
	size_t nr = q->nr, nc = q->nc;
	double *p = q->p;
#define CUT(v, n, i) ((i) == 0 ? -INFINITY : (i) == (n) ? INFINITY : (v)[(i) - 1])
	for (size_t i = 0; i + 1 < nr; i++)
		for (size_t j = 0; j + 1 < nc; j++)
			p[i * nc + j] = rect(CUT(q->rc, nr, i), CUT(q->rc, nr, i + 1),
			                     CUT(q->cc, nc, j), CUT(q->cc, nc, j + 1), rho);
#undef CUT
	double s = 0;
	for (size_t j = 0; j + 1 < nc; j++)
		s += p[j];
	p[nc - 1] = phi(q->rc[0]) - s;
	s = 0;
	for (size_t i = 0; i + 1 < nr; i++)
		s += p[i * nc];
	p[(nr - 1) * nc] = phi(q->cc[0]) - s;
	for (size_t i = 1; i + 1 < nr; i++) {
		s = 0;
		for (size_t j = 0; j + 1 < nc; j++)
			s += p[i * nc + j];
		p[i * nc + nc - 1] = phi(q->rc[i]) - phi(q->rc[i - 1]) - s;
	}
	for (size_t j = 1; j + 1 < nc; j++) {
		s = 0;
		for (size_t i = 0; i + 1 < nr; i++)
			s += p[i * nc + j];
		p[(nr - 1) * nc + j] = phi(q->cc[j]) - phi(q->cc[j - 1]) - s;
	}
	s = 0;
	for (size_t j = 0; j + 1 < nc; j++)
		s += p[(nr - 1) * nc + j];
	p[nr * nc - 1] = 1 - phi(q->rc[nr - 2]) - s;
	double f = 0;
	for (size_t i = 0; i < nr * nc; i++)
		if (p[i] > 0 && isfinite(log(p[i])))
			f -= q->tab[i] * log(p[i]);
	return f;
}

/* R's optimize(): Brent_fmin of R's stats package, step for step. */
static double
brent_fmin(double ax, double bx, const poly_problem *q, double tol)
{
	const double c = (3. - sqrt(5.)) * .5;
	double a = ax, b = bx, d = 0, e = 0, p, qq, r, u, v, w, x;
	double t2, fu, fv, fw, fx, xm, tol1, tol3;
	double eps = sqrt(DBL_EPSILON);
	v = a + c * (b - a);
	w = v;
	x = v;
	fx = poly_f(x, q);
	fv = fx;
	fw = fx;
	tol3 = tol / 3.;
	for (;;) {
		xm = (a + b) * .5;
		tol1 = eps * fabs(x) + tol3;
		t2 = tol1 * 2.;
		if (fabs(x - xm) <= t2 - (b - a) * .5)
			break;
		p = 0.;
		qq = 0.;
		r = 0.;
		if (fabs(e) > tol1) {
			r = (x - w) * (fx - fv);
			qq = (x - v) * (fx - fw);
			p = (x - v) * qq - (x - w) * r;
			qq = (qq - r) * 2.;
			if (qq > 0.)
				p = -p;
			else
				qq = -qq;
			r = e;
			e = d;
		}
		if (fabs(p) >= fabs(qq * .5 * r) || p <= qq * (a - x) || p >= qq * (b - x)) {
			if (x < xm)
				e = b - x;
			else
				e = a - x;
			d = c * e;
		} else {
			d = p / qq;
			u = x + d;
			if (u - a < t2 || b - u < t2) {
				d = tol1;
				if (x >= xm)
					d = -d;
			}
		}
		if (fabs(d) >= tol1)
			u = x + d;
		else if (d > 0.)
			u = x + tol1;
		else
			u = x - tol1;
		fu = poly_f(u, q);
		if (fu <= fx) {
			if (u < x)
				b = x;
			else
				a = x;
			v = w;
			w = x;
			x = u;
			fv = fw;
			fw = fx;
			fx = fu;
		} else {
			if (u < x)
				a = u;
			else
				b = u;
			if (fu <= fw || w == x) {
				v = w;
				fv = fw;
				w = u;
				fw = fu;
			} else if (fu <= fv || v == x || v == w) {
				v = u;
				fv = fu;
			}
		}
	}
	return x;
}

static double
optimize_rho(const double *rc, size_t nr, const double *cc, size_t nc, const double *tab)
{
	double *p = xmalloc(nr * nc * sizeof *p);
	poly_problem q = {rc, cc, tab, nr, nc, p};
	double rho = brent_fmin(-1, 1, &q, pow(DBL_EPSILON, 0.25));
	free(p);
	return rho;
}

/* One pair with psych's global = FALSE: thresholds from the table itself. */
static double
pair_local(double *tab, size_t nr, size_t nc, double tot, size_t *fixed)
{
	unsigned char *zr = xcalloc(nr, 1), *zc = xcalloc(nc, 1);
	size_t kr = 0, kc = 0;
	for (size_t i = 0; i < nr; i++) {
		int z = 1;
		for (size_t j = 0; j < nc; j++)
			z &= tab[i * nc + j] == 0;
		zr[i] = (unsigned char)z;
		kr += !z;
	}
	for (size_t j = 0; j < nc; j++) {
		int z = 1;
		for (size_t i = 0; i < nr; i++)
			z &= tab[i * nc + j] == 0;
		zc[j] = (unsigned char)z;
		kc += !z;
	}
	double rho = NAN;
	if (kr >= 2 && kc >= 2) {
		double *t = xmalloc(kr * kc * sizeof *t), *rs = xcalloc(kr, sizeof *rs);
		double *cs = xcalloc(kc, sizeof *cs);
		double *rc = xmalloc(kr * sizeof *rc), *cc = xmalloc(kc * sizeof *cc);
		size_t a = 0, any0 = 0;
		for (size_t i = 0; i < nr; i++) {
			if (zr[i])
				continue;
			size_t b = 0;
			for (size_t j = 0; j < nc; j++)
				if (!zc[j]) {
					t[a * kc + b] = tab[i * nc + j];
					any0 |= t[a * kc + b] == 0;
					b++;
				}
			a++;
		}
		if (any0) {
			(*fixed)++;
			for (size_t i = 0; i < kr * kc; i++)
				if (t[i] == 0)
					t[i] = 0.5 / tot;
		}
		for (size_t i = 0; i < kr; i++)
			for (size_t j = 0; j < kc; j++) {
				rs[i] += t[i * kc + j];
				cs[j] += t[i * kc + j];
			}
		double s = 0;
		for (size_t i = 0; i + 1 < kr; i++)
			rc[i] = gsl_cdf_ugaussian_Pinv(s += rs[i]);
		s = 0;
		for (size_t j = 0; j + 1 < kc; j++)
			cc[j] = gsl_cdf_ugaussian_Pinv(s += cs[j]);
		rho = optimize_rho(rc, kr, cc, kc, t);
		free(cc);
		free(rc);
		free(cs);
		free(rs);
		free(t);
	}
	free(zc);
	free(zr);
	return rho;
}

/* qnorm that gives R's -Inf and Inf at 0 and 1. */
static double
qnorm01(double u)
{
	if (u <= 0)
		return -INFINITY;
	if (u >= 1)
		return INFINITY;
	return gsl_cdf_ugaussian_Pinv(u);
}

int
poly_matrix(const double *x, size_t n, size_t p, size_t max_cat, int tetrachoric,
            double *r, poly_info *info)
{
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < n * p; i++) {
		if (x[i] != floor(x[i]))
			return -2;
		lo = fmin(lo, x[i]);
		hi = fmax(hi, x[i]);
	}
	if (hi - lo + 1 > (double)max_cat)
		return -1;
	if (tetrachoric && hi - lo != 1)
		return -3;
	size_t m = (size_t)(hi - lo) + 1;
	info->categories = m;
	info->fixed = 0;
	/* global unless the items' highest categories differ */
	info->global = 1;	/* psych tetrachoric: always */
	double first = -INFINITY;
	for (size_t j = 0; j < p; j++) {
		double mx = -INFINITY;
		for (size_t i = 0; i < n; i++)
			mx = fmax(mx, x[i * p + j]);
		if (j > 0 && mx != first && !tetrachoric)
			info->global = 0;
		first = j == 0 ? mx : first;
	}
	double *tau = xmalloc(p * (m - 1 ? m - 1 : 1) * sizeof *tau);
	for (size_t j = 0; j < p; j++) {
		double cum = 0;
		for (size_t c = 0; c + 1 < m; c++) {
			size_t cnt = 0;
			for (size_t i = 0; i < n; i++)
				cnt += x[i * p + j] - lo == (double)c;
			cum += (double)cnt / (double)n;
			tau[j * (m - 1) + c] = qnorm01(cum);
		}
	}
	double *tab = xmalloc(m * m * sizeof *tab);
	for (size_t a = 0; a < p; a++) {
		r[a * p + a] = 1;
		for (size_t b = 0; b < a; b++) {
			/* psych's matpLower: x is item a (rows), y item b */
			memset(tab, 0, m * m * sizeof *tab);
			for (size_t i = 0; i < n; i++)
				tab[(size_t)(x[i * p + a] - lo) * m + (size_t)(x[i * p + b] - lo)] += 1;
			for (size_t i = 0; i < m * m; i++)
				tab[i] /= (double)n;
			if (tetrachoric) {
				/* psych tetrac: empty cells of the 2 x 2 table get
				 * correct = 0.5 (counts) */
				int any0 = 0;
				for (size_t i = 0; i < 4; i++)
					if (tab[i] == 0) {
						tab[i] = 0.5 / (double)n;
						any0 = 1;
					}
				info->fixed += (size_t)any0;
			}
			double rho = info->global
			    ? optimize_rho(tau + a * (m - 1), m, tau + b * (m - 1), m, tab)
			    : pair_local(tab, m, m, (double)n, &info->fixed);
			r[a * p + b] = r[b * p + a] = rho;
		}
	}
	free(tab);
	free(tau);
	info->smoothed = 0;
	for (size_t i = 0; i < p * p; i++)
		if (isnan(r[i]))
			return 0;	/* psych turns smoothing off */
	info->smoothed = fa_cor_smooth(r, p, 1e-12);	/* psych's eig.tol */
	return 0;
}


void
poly_items(const double *x, size_t n, size_t p, int tetra, const char *file,
           char **names, double *r, poly_info *info)
{
	int rc = poly_matrix(x, n, p, 8, tetra, r, info);
	const char *what = tetra ? "tetrachoric" : "polychoric";
	for (size_t j = 0; rc == -2 && j < p; j++)
		for (size_t i = 0; i < n; i++)
			if (x[i * p + j] != floor(x[i * p + j])) {
				char buf[NUM_BUFSIZE];
				die_at(file, 0, names[j], num_format(buf, x[i * p + j]),
				       "--cor %s needs whole-number answer codes", what);
			}
	if (rc == -1)
		die("%s: --cor polychoric: the items take more than 8 values from the "
		    "smallest to the largest (psych's max.cat): not ordered categories",
		    file);
	if (rc == -3)
		die("%s: --cor tetrachoric: the items take more than two values (use "
		    "--cor polychoric)", file);
	for (size_t i = 0; i < p * p; i++)
		if (isnan(r[i]))
			die("items '%s' and '%s': no %s correlation (a table with fewer "
			    "than two rows or columns)", names[i / p], names[i % p], what);
	if (info->fixed)
		warn("%s: %zu pairs of items had empty cells, set to 0.5 / n "
		     "(psych's correct = 0.5)", what, info->fixed);
	if (info->smoothed)
		warn("the %s matrix was not positive definite: smoothed as psych "
		     "cor.smooth does", what);
}
