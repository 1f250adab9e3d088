#include "agree.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"

/* ---- codes ---- */

static size_t
hash(const char *s, size_t len)
{
	size_t h = (size_t)14695981039346656037ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= (size_t)1099511628211ULL;
	}
	return h;
}

void
agree_codes_init(agree_codes *s)
{
	memset(s, 0, sizeof *s);
}

void
agree_codes_free(agree_codes *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->code[i]);
	free(s->code);
	free(s->count);
	free(s->slot);
	memset(s, 0, sizeof *s);
}

static void
rehash(agree_codes *s, size_t nslot)
{
	free(s->slot);
	s->slot = xcalloc(nslot, sizeof *s->slot);
	s->nslot = nslot;
	for (size_t i = 0; i < s->n; i++) {
		size_t h = hash(s->code[i], strlen(s->code[i])) & (nslot - 1);
		while (s->slot[h])
			h = (h + 1) & (nslot - 1);
		s->slot[h] = i + 1;
	}
}

size_t
agree_codes_find(const agree_codes *s, const char *code, size_t len)
{
	if (!s->nslot)
		return (size_t)-1;
	size_t h = hash(code, len) & (s->nslot - 1);
	while (s->slot[h]) {
		const char *c = s->code[s->slot[h] - 1];
		if (strlen(c) == len && memcmp(c, code, len) == 0)
			return s->slot[h] - 1;
		h = (h + 1) & (s->nslot - 1);
	}
	return (size_t)-1;
}

size_t
agree_codes_add(agree_codes *s, const char *code, size_t len, int count)
{
	size_t i = agree_codes_find(s, code, len);
	if (i == (size_t)-1) {
		if (2 * (s->n + 1) > s->nslot)
			rehash(s, s->nslot ? 2 * s->nslot : 16);
		size_t cap = s->cap;
		s->code = xgrow(s->code, &cap, s->n + 1, sizeof *s->code);
		s->count = xrealloc(s->count, cap * sizeof *s->count);
		s->cap = cap;
		i = s->n++;
		s->code[i] = xstrndup(code, len);
		s->count[i] = 0;
		size_t h = hash(code, len) & (s->nslot - 1);
		while (s->slot[h])
			h = (h + 1) & (s->nslot - 1);
		s->slot[h] = i + 1;
	}
	if (count)
		s->count[i]++;
	return i;
}

/* X in the fewest significant digits that read back as X; 0 for -0. */
static int
shortest(char buf[32], double x)
{
	if (x == 0)
		x = 0;
	for (int prec = 1; prec <= 17; prec++) {
		int n = snprintf(buf, 32, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			return n;
	}
	return snprintf(buf, 32, "%.17g", x);
}

size_t
agree_codes_add_by_value(agree_codes *s, const char *code, size_t len, int count)
{
	double x;
	if (num_parse(code, &x) != NUM_OK)
		return agree_codes_add(s, code, len, count);
	char buf[32];
	int n = shortest(buf, x);
	return agree_codes_add(s, buf, (size_t)n, count);
}

char *
agree_code_by_value(const char *code)
{
	double x;
	if (num_parse(code, &x) != NUM_OK)
		return xstrdup(code);
	char buf[32];
	shortest(buf, x);
	return xstrdup(buf);
}

int
agree_codes_numeric(const agree_codes *s, double *value)
{
	for (size_t i = 0; i < s->n; i++) {
		double x;
		if (num_parse(s->code[i], &x) != NUM_OK)
			return 0;
		if (value)
			value[i] = x;
	}
	return 1;
}

/* Reorder the codes by PERM (PERM[new] = old) and fill MAP (MAP[old] = new). */
static void
permute(agree_codes *s, const size_t *perm, size_t *map)
{
	if (s->n == 0)
		return;
	char **code = xmalloc((s->n ? s->n : 1) * sizeof *code);
	size_t *count = xmalloc((s->n ? s->n : 1) * sizeof *count);
	for (size_t i = 0; i < s->n; i++) {
		code[i] = s->code[perm[i]];
		count[i] = s->count[perm[i]];
		if (map)
			map[perm[i]] = i;
	}
	memcpy(s->code, code, s->n * sizeof *code);
	memcpy(s->count, count, s->n * sizeof *count);
	free(code);
	free(count);
	rehash(s, s->nslot ? s->nslot : 16);
}

static const double *sort_value;
static char **sort_code;

static int
cmp_value(const void *a, const void *b)
{
	double x = sort_value[*(const size_t *)a], y = sort_value[*(const size_t *)b];
	if (x != y)
		return x < y ? -1 : 1;
	/* "1" and "1.0" are one number but two codes: keep them apart. */
	return strcmp(sort_code[*(const size_t *)a], sort_code[*(const size_t *)b]);
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(sort_code[*(const size_t *)a], sort_code[*(const size_t *)b]);
}

void
agree_codes_sort(agree_codes *s, size_t *map)
{
	size_t n = s->n ? s->n : 1;
	size_t *perm = xmalloc(n * sizeof *perm);
	double *value = xmalloc(n * sizeof *value);
	for (size_t i = 0; i < s->n; i++)
		perm[i] = i;
	sort_code = s->code;
	if (agree_codes_numeric(s, value)) {
		sort_value = value;
		qsort(perm, s->n, sizeof *perm, cmp_value);
	} else {
		qsort(perm, s->n, sizeof *perm, cmp_code);
	}
	permute(s, perm, map);
	free(perm);
	free(value);
}

size_t
agree_codes_order(agree_codes *s, char *const *order, size_t norder, size_t *map)
{
	for (size_t i = 0; i < s->n; i++) {
		int found = 0;
		for (size_t j = 0; j < norder && !found; j++)
			found = strcmp(s->code[i], order[j]) == 0;
		if (!found)
			return i;
	}
	size_t old = s->n;
	for (size_t j = 0; j < norder; j++)
		agree_codes_add(s, order[j], strlen(order[j]), 0);
	size_t *perm = xmalloc((s->n ? s->n : 1) * sizeof *perm);
	for (size_t j = 0; j < s->n; j++)
		perm[j] = agree_codes_find(s, order[j], strlen(order[j]));
	/* MAP is the caller's, sized for the OLD codes; the new ones have no
	 * old index to map. */
	size_t *full = xmalloc((s->n ? s->n : 1) * sizeof *full);
	permute(s, perm, full);
	if (map)
		memcpy(map, full, old * sizeof *map);
	free(full);
	free(perm);
	return (size_t)-1;
}

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
