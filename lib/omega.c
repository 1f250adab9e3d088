/* McDonald's omega: see omega.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fafit.h"
#include "omega.h"
#include "rotate.h"

int
omega_compute(const double *r, size_t p, size_t nf, omega_result *res, double *h2out)
{
	if (nf < 1 || nf >= p)
		return -1;
	double *orth = xmalloc(p * nf * sizeof *orth), *fl = xmalloc(p * nf * sizeof *fl);
	double *phi = xmalloc(nf * nf * sizeof *phi), *gl = xmalloc(nf * sizeof *gl);
	double *g = xmalloc(p * sizeof *g);
	int rc = -1, conv;
	res->heywood = 0;
	fa_fit_info info;
	rot_info ri;
	if (fa_minres(r, p, nf, 200, orth, &info) != 0)
		goto done;
	/* psych's schmid: fa(rotate = "varimax"), signed and ordered */
	rot_varimax(orth, p, nf, 1e-5, 1000, &conv);
	rot_orient(orth, NULL, p, nf);
	memcpy(fl, orth, p * nf * sizeof *fl);
	if (rot_rotate(nf > 1 ? ROT_OBLIMIN : ROT_NONE, fl, p, nf, 1e-5, 1000, 0, phi,
	               &ri) != 0)
		goto done;
	if (nf > 2) {
		fa_fit_info gi;
		if (fa_minres(phi, nf, 1, 200, gl, &gi) != 0)
			goto done;
		double s = 0;
		for (size_t j = 0; j < nf; j++)
			s += gl[j];
		if (s < 0)
			for (size_t j = 0; j < nf; j++)
				gl[j] = -gl[j];
	} else if (nf == 2) {
		double a = sqrt(fabs(phi[1]));
		gl[0] = a;
		gl[1] = phi[1] < 0 ? -a : a;
	} else {
		gl[0] = 1;
	}
	/* Schmid-Leiman: g = L gload, group loadings L sqrt(1 - gload^2) */
	double sumg = 0, sumg2 = 0, sumsm2 = 0, u2 = 0, vt = 0;
	for (size_t i = 0; i < p; i++) {
		double t = 0, h2 = 0;
		for (size_t j = 0; j < nf; j++) {
			double l = fl[i * nf + j], q = l * l * (1 - gl[j] * gl[j]);
			t += l * gl[j];
			sumsm2 += q > 0 ? q : 0;
			h2 += orth[i * nf + j] * orth[i * nf + j];
		}
		g[i] = t;
		u2 += 1 - h2;
		if (h2out)
			h2out[i] = h2;
		res->heywood += h2 >= FA_HEYWOOD;
	}
	/* flip: items with a negative general loading reversed */
	for (size_t i = 0; i < p; i++) {
		double ki = g[i] < 0 ? -1 : 1;
		sumg += ki * g[i];
		sumg2 += g[i] * g[i];
		for (size_t j = 0; j < p; j++)
			vt += ki * (g[j] < 0 ? -1 : 1) * r[i * p + j];
	}
	res->total = (vt - u2) / vt;
	res->hierarchical = sumg * sumg / vt;
	res->limit = sumg * sumg / (vt - u2);
	res->ecv = sumg2 / (sumg2 + sumsm2);
	res->alpha = (vt - (double)p) / vt * (double)p / ((double)p - 1);
	rc = 0;
done:
	free(g);
	free(gl);
	free(phi);
	free(fl);
	free(orth);
	return rc;
}
