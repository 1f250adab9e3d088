#include "agree.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"

/* ---- Cohen's kappa ---- */

void
agree_cohen(const double *table, size_t l, const double *w, enum agree_se se,
            agree_kappa *out)
{
	double tot = 0;
	for (size_t i = 0; i < l * l; i++)
		tot += table[i];
	double *p = xmalloc(l * l * sizeof *p);
	double *r = xcalloc(l, sizeof *r), *c = xcalloc(l, sizeof *c);
	double *a = xcalloc(l, sizeof *a), *b = xcalloc(l, sizeof *b);
	for (size_t i = 0; i < l; i++)
		for (size_t j = 0; j < l; j++) {
			p[i * l + j] = table[i * l + j] / tot;
			r[i] += p[i * l + j];
			c[j] += p[i * l + j];
		}
	double po = 0, pe = 0;
	for (size_t i = 0; i < l; i++)
		for (size_t j = 0; j < l; j++) {
			po += w[i * l + j] * p[i * l + j];
			pe += w[i * l + j] * r[i] * c[j];
		}
	for (size_t i = 0; i < l; i++)
		for (size_t k = 0; k < l; k++) {
			a[i] += w[i * l + k] * c[k];
			if (se == AGREE_SE_FCE)
				b[i] += w[k * l + i] * r[k];
			else
				b[i] += r[i] * w[i * l + k];
		}
	double sum = 0;
	for (size_t i = 0; i < l; i++)
		for (size_t j = 0; j < l; j++) {
			double t = w[i * l + j] * (1 - pe) - (a[i] + b[j]) * (1 - po);
			sum += p[i * l + j] * t * t;
		}
	double last = po * pe - 2 * pe + po;
	double var = (sum - last * last) / (tot * pow(1 - pe, 4));
	out->n = tot;
	out->po = po;
	out->pe = pe;
	out->kappa = (po - pe) / (1 - pe);
	out->var = var > 0 ? var : 0;
	out->var_negative = var < 0;
	free(p);
	free(r);
	free(c);
	free(a);
	free(b);
}

/* ---- Krippendorff's alpha ---- */

int
agree_krippendorff(const size_t *code, size_t nunits, size_t m, size_t l,
                   const double *value, enum agree_metric metric, agree_alpha *out)
{
	const size_t none = (size_t)-1;
	double *o = xcalloc(l * l, sizeof *o);	/* coincidences */
	double *cnt = xcalloc(l, sizeof *cnt);
	size_t *seen = xmalloc((m ? m : 1) * sizeof *seen), units = 0;
	for (size_t u = 0; u < nunits; u++) {
		const size_t *v = code + u * m;
		size_t mu = 0, nseen = 0;
		for (size_t j = 0; j < m; j++) {
			if (v[j] == none)
				continue;
			mu++;
			if (cnt[v[j]]++ == 0)
				seen[nseen++] = v[j];
		}
		if (mu >= 2) {
			units++;
			for (size_t x = 0; x < nseen; x++)
				for (size_t y = 0; y < nseen; y++) {
					size_t c = seen[x], k = seen[y];
					o[c * l + k] += cnt[c] * (cnt[k] - (c == k)) / (double)(mu - 1);
				}
		}
		for (size_t x = 0; x < nseen; x++)
			cnt[seen[x]] = 0;
	}
	free(seen);
	double *nc = xcalloc(l ? l : 1, sizeof *nc), n = 0;
	for (size_t c = 0; c < l; c++) {
		for (size_t k = 0; k < l; k++)
			nc[c] += o[c * l + k];
		n += nc[c];
	}
	/* The interval and ratio metrics on the values divided by a power of
	 * two near the largest: squared differences of codes near 1e200 stay
	 * finite; the interval disagreements are scaled back at the end (alpha,
	 * their ratio, does not change; ratio's differences have no unit). */
	double scale = 1, *v = NULL;
	if (metric == AGREE_INTERVAL || metric == AGREE_RATIO) {
		double big = 0;
		for (size_t c = 0; c < l; c++)
			if (fabs(value[c]) > big)
				big = fabs(value[c]);
		if (big > 0) {
			int e;
			frexp(big, &e);
			scale = ldexp(1, e);
		}
		v = xmalloc((l ? l : 1) * sizeof *v);
		for (size_t c = 0; c < l; c++)
			v[c] = value[c] / scale;
	}
	/* ordinal: cum[g] = nc[0] + ... + nc[g-1] */
	double *cum = NULL;
	if (metric == AGREE_ORDINAL) {
		cum = xmalloc((l + 1) * sizeof *cum);
		cum[0] = 0;
		for (size_t g = 0; g < l; g++)
			cum[g + 1] = cum[g] + nc[g];
	}
	double dobs = 0, dexp = 0;
	for (size_t c = 0; c < l; c++)
		for (size_t k = 0; k < l; k++) {
			double d2;
			if (c == k) {
				continue;
			} else if (metric == AGREE_NOMINAL) {
				d2 = 1;
			} else if (metric == AGREE_ORDINAL) {
				size_t lo = c < k ? c : k, hi = c < k ? k : c;
				double s = cum[hi + 1] - cum[lo] - (nc[c] + nc[k]) / 2;
				d2 = s * s;
			} else if (metric == AGREE_INTERVAL) {
				d2 = (v[c] - v[k]) * (v[c] - v[k]);
			} else {
				double sum = v[c] + v[k];
				d2 = sum == 0 ? 0 : (v[c] - v[k]) / sum;
				d2 *= d2;
			}
			dobs += o[c * l + k] * d2;
			dexp += nc[c] * nc[k] * d2;
		}
	free(o);
	free(cnt);
	free(nc);
	free(cum);
	free(v);
	out->units = units;
	out->n = n;
	if (units == 0 || n < 2 || dexp <= 0)
		return -1;
	double s2 = metric == AGREE_INTERVAL ? scale * scale : 1;
	out->alpha = 1 - (dobs / n) / (dexp / (n * (n - 1)));
	/* may overflow to Inf, or underflow to 0: the caller says so */
	out->d_obs = dobs == 0 ? 0 : dobs / n * s2;
	out->d_exp = dexp / (n * (n - 1)) * s2;
	return 0;
}
