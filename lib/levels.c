#include "levels.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "sbuf.h"

void
levels_init(levels *lv, size_t max)
{
	memset(lv, 0, sizeof *lv);
	lv->max = max;
}

void
levels_free(levels *lv)
{
	for (size_t i = 0; i < lv->n; i++)
		free(lv->value[i]);
	free(lv->value);
	free(lv->count);
	free(lv->isnum);
	free(lv->num);
	free(lv->slot);
	memset(lv, 0, sizeof *lv);
}

/* Is S (LEN bytes, NUL-terminated) a finite number? Its value to *X.
 * Past 400 bytes a value is text: no number needs more, and num_parse of a
 * long field would cost more than the rest of the row. */
static int
as_number(const char *s, size_t len, double *x)
{
	if (len == 0 || len > 400 || memchr(s, '\0', len))
		return 0;
	if (num_parse(s, x) != NUM_OK)
		return 0;
	if (*x == 0)
		*x = 0;		/* -0 is 0 */
	return 1;
}

static size_t
hash_of(const char *s, size_t len, int isnum, double x)
{
	uint64_t h = 14695981039346656037u;	/* FNV-1a */
	if (isnum) {
		unsigned char b[sizeof x];
		memcpy(b, &x, sizeof x);
		for (size_t i = 0; i < sizeof x; i++)
			h = (h ^ b[i]) * 1099511628211u;
		return (size_t)(h ^ 1);
	}
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return (size_t)h;
}

static int
same(const levels *lv, size_t i, const char *s, size_t len, int isnum, double x)
{
	if (lv->isnum[i] != isnum)
		return 0;
	if (isnum)
		return lv->num[i] == x;
	return strlen(lv->value[i]) == len && memcmp(lv->value[i], s, len) == 0;
}

static size_t
lookup(const levels *lv, const char *s, size_t len, int isnum, double x, size_t *slot)
{
	if (!lv->nslot) {
		*slot = 0;
		return LEVELS_FULL;
	}
	size_t mask = lv->nslot - 1, k = hash_of(s, len, isnum, x) & mask;
	while (lv->slot[k]) {
		size_t i = lv->slot[k] - 1;
		if (same(lv, i, s, len, isnum, x)) {
			*slot = k;
			return i;
		}
		k = (k + 1) & mask;
	}
	*slot = k;
	return LEVELS_FULL;
}

static void
rehash(levels *lv)
{
	free(lv->slot);
	lv->nslot = lv->nslot ? lv->nslot * 2 : 64;
	lv->slot = xcalloc(lv->nslot, sizeof *lv->slot);
	size_t mask = lv->nslot - 1;
	for (size_t i = 0; i < lv->n; i++) {
		const char *v = lv->value[i];
		size_t k = hash_of(v, strlen(v), lv->isnum[i], lv->num[i]) & mask;
		while (lv->slot[k])
			k = (k + 1) & mask;
		lv->slot[k] = i + 1;
	}
}

/* Add S as a new level, without the bound. */
static size_t
append(levels *lv, const char *s, size_t len, int isnum, double x, size_t count)
{
	if (lv->n + 1 > lv->cap) {
		size_t cap = lv->cap;
		lv->value = xgrow(lv->value, &cap, lv->n + 1, sizeof *lv->value);
		lv->count = xrealloc(lv->count, cap * sizeof *lv->count);
		lv->isnum = xrealloc(lv->isnum, cap * sizeof *lv->isnum);
		lv->num = xrealloc(lv->num, cap * sizeof *lv->num);
		lv->cap = cap;
	}
	size_t i = lv->n++;
	lv->value[i] = xstrndup(s, len);
	lv->count[i] = count;
	lv->isnum[i] = (unsigned char)isnum;
	lv->num[i] = isnum ? x : 0;
	if (2 * lv->n > lv->nslot) {
		rehash(lv);
	} else {
		size_t mask = lv->nslot - 1, k = hash_of(s, len, isnum, x) & mask;
		while (lv->slot[k])
			k = (k + 1) & mask;
		lv->slot[k] = i + 1;
	}
	return i;
}

size_t
levels_add(levels *lv, const char *s, size_t len, size_t count)
{
	double x = 0;
	int isnum = as_number(s, len, &x);
	size_t slot, i = lookup(lv, s, len, isnum, x, &slot);
	if (i != LEVELS_FULL) {
		lv->count[i] += count;
		return i;
	}
	if (lv->max && lv->n >= lv->max)
		return LEVELS_FULL;
	return append(lv, s, len, isnum, x, count);
}

size_t
levels_add_or_die(levels *lv, const tsv_reader *r, size_t col, size_t count)
{
	const char *s = tsv_get((tsv_reader *)r, col);
	size_t i = levels_add(lv, s, r->flen[col], count);
	if (i == LEVELS_FULL)
		die_at(r->name, r->lineno, NULL, s, "column '%s' has more than %zu levels",
		       r->header[col], lv->max);
	return i;
}

size_t
levels_find(const levels *lv, const char *s, size_t len)
{
	double x = 0;
	int isnum = as_number(s, len, &x);
	size_t slot;
	return lookup(lv, s, len, isnum, x, &slot);
}

int
levels_equal(const char *s, const char *t)
{
	double x, y;
	int a = as_number(s, strlen(s), &x), b = as_number(t, strlen(t), &y);
	if (a != b)
		return 0;
	return a ? x == y : strcmp(s, t) == 0;
}

int
levels_number(const char *s, size_t len, double *x)
{
	return as_number(s, len, x);
}

static const levels *sort_lv;

static int
cmp_level(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const levels *lv = sort_lv;
	if (lv->isnum[a] != lv->isnum[b])
		return lv->isnum[a] ? -1 : 1;
	if (lv->isnum[a])
		return (lv->num[a] > lv->num[b]) - (lv->num[a] < lv->num[b]);
	return strcmp(lv->value[a], lv->value[b]);
}

/* Rearrange the levels so that the new I-th is the old PERM[I]. */
static void
permute(levels *lv, const size_t *perm, size_t *map)
{
	size_t n = lv->n;
	if (n == 0)
		return;
	char **value = xmalloc(n * sizeof *value);
	size_t *count = xmalloc(n * sizeof *count);
	unsigned char *isnum = xmalloc(n);
	double *num = xmalloc(n * sizeof *num);
	for (size_t i = 0; i < n; i++) {
		value[i] = lv->value[perm[i]];
		count[i] = lv->count[perm[i]];
		isnum[i] = lv->isnum[perm[i]];
		num[i] = lv->num[perm[i]];
		if (map)
			map[perm[i]] = i;
	}
	memcpy(lv->value, value, n * sizeof *value);
	memcpy(lv->count, count, n * sizeof *count);
	memcpy(lv->isnum, isnum, n);
	memcpy(lv->num, num, n * sizeof *num);
	free(value);
	free(count);
	free(isnum);
	free(num);
	rehash(lv);
}

void
levels_sort(levels *lv, size_t *map)
{
	size_t *perm = xmalloc((lv->n ? lv->n : 1) * sizeof *perm);
	for (size_t i = 0; i < lv->n; i++)
		perm[i] = i;
	sort_lv = lv;
	qsort(perm, lv->n, sizeof *perm, cmp_level);
	permute(lv, perm, map);
	free(perm);
}

size_t
levels_order(levels *lv, char *const *order, size_t norder, size_t *map)
{
	size_t old = lv->n;
	for (size_t i = 0; i < old; i++) {
		int found = 0;
		for (size_t k = 0; k < norder && !found; k++)
			found = levels_equal(lv->value[i], order[k]);
		if (!found)
			return i;
	}
	size_t *perm = xmalloc((norder + old + 1) * sizeof *perm), np = 0;
	for (size_t k = 0; k < norder; k++) {
		size_t len = strlen(order[k]), i = levels_find(lv, order[k], len);
		if (i == LEVELS_FULL) {
			double x = 0;
			int isnum = as_number(order[k], len, &x);
			i = append(lv, order[k], len, isnum, x, 0);
		}
		int dup = 0;
		for (size_t j = 0; j < np && !dup; j++)
			dup = perm[j] == i;
		if (!dup)
			perm[np++] = i;
	}
	/* N grew with the unseen levels: the map covers the old ones only */
	size_t *full = xmalloc((lv->n ? lv->n : 1) * sizeof *full);
	permute(lv, perm, full);
	if (map)
		memcpy(map, full, old * sizeof *map);
	free(full);
	free(perm);
	return LEVELS_FULL;
}

static int
cmp_count(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const levels *lv = sort_lv;
	if (lv->count[a] != lv->count[b])
		return lv->count[a] > lv->count[b] ? -1 : 1;
	return cmp_level(pa, pb);
}

size_t *
levels_by_count(const levels *lv)
{
	size_t *idx = xmalloc((lv->n ? lv->n : 1) * sizeof *idx);
	for (size_t i = 0; i < lv->n; i++)
		idx[i] = i;
	sort_lv = lv;
	qsort(idx, lv->n, sizeof *idx, cmp_count);
	return idx;
}

/* Most frequent first, ties in the order first seen (the levels' indices
 * before any levels_sort). */
static int
cmp_count_seen(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const levels *lv = sort_lv;
	if (lv->count[a] != lv->count[b])
		return lv->count[a] > lv->count[b] ? -1 : 1;
	return (a > b) - (a < b);
}

char *
levels_list(const levels *lv, size_t shown, int more)
{
	size_t *by = xmalloc((lv->n ? lv->n : 1) * sizeof *by);
	for (size_t i = 0; i < lv->n; i++)
		by[i] = i;
	sort_lv = lv;
	qsort(by, lv->n, sizeof *by, cmp_count_seen);
	size_t n = lv->n < shown ? lv->n : shown;
	size_t len = 16;
	for (size_t k = 0; k < n; k++)
		len += 256 + 32;	/* a quoted value and its count */
	char *s = xmalloc(len), *p = s;
	*p = '\0';
	for (size_t k = 0; k < n; k++) {
		char q[256];
		const char *v = lv->value[by[k]];
		p += sprintf(p, "%s'%s' (%zu)", k ? ", " : "",
		             err_quote(q, sizeof q, v, strlen(v)), lv->count[by[k]]);
	}
	if (lv->n > n || more)
		strcpy(p, ", ...");
	free(by);
	return s;
}

char *
levels_quoted(const levels *lv, const unsigned char *which, size_t shown)
{
	sbuf b = {0};
	size_t k = 0, more = 0;
	for (size_t i = 0; i < lv->n; i++) {
		if (which ? !which[i] : !lv->count[i])
			continue;
		if (k == shown) {
			more++;
			continue;
		}
		sbuf_add(&b, k++ ? ", '" : "'");
		sbuf_add(&b, lv->value[i]);
		sbuf_add(&b, "'");
	}
	if (more) {
		char tail[64];
		snprintf(tail, sizeof tail, " and %zu more", more);
		sbuf_add(&b, tail);
	}
	return sbuf_take(&b);
}
