#include "cols.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

long
cols_find(const tsv_reader *r, const char *name)
{
	long found = -1;
	for (size_t i = 0; i < r->ncols; i++) {
		if (strcmp(r->header[i], name) != 0)
			continue;
		if (found >= 0)
			die_at(r->name, 1, name, NULL,
			       "header has this name twice (fields %ld and %zu)",
			       found + 1, i + 1);
		found = (long)i;
	}
	return found;
}

/* The edit distance of A and B (optimal string alignment: insertions,
 * deletions, substitutions and swaps of two neighbours, ASCII case ignored),
 * or LIMIT + 1 when it is more than LIMIT. */
static size_t
distance(const char *a, const char *b, size_t limit)
{
	size_t m = strlen(a), n = strlen(b);
	if ((m > n ? m - n : n - m) > limit || n > 256 || m > 256)
		return limit + 1;
	size_t *d = xmalloc(3 * (n + 1) * sizeof *d);
	size_t *prev2 = d, *prev = d + n + 1, *cur = d + 2 * (n + 1);
	for (size_t j = 0; j <= n; j++)
		prev[j] = j;
	for (size_t i = 1; i <= m; i++) {
		cur[0] = i;
		size_t best = cur[0];
		for (size_t j = 1; j <= n; j++) {
			int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
			size_t v = prev[j - 1] + !same;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit) {
			free(d);
			return limit + 1;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	size_t r = prev[n];
	free(d);
	return r <= limit ? r : limit + 1;
}

long
cols_nearest(const tsv_reader *r, const char *name)
{
	size_t len = strlen(name), limit = len < 3 ? 0 : len < 6 ? 1 : len / 3;
	size_t best = limit + 1;
	long at = -1;
	for (size_t i = 0; i < r->ncols; i++) {
		size_t d = distance(name, r->header[i], best < limit ? best : limit);
		/* a case-only difference first, then the nearest */
		if (d == 0 && strcmp(name, r->header[i]) != 0)
			return (long)i;
		if (d < best) {
			best = d;
			at = (long)i;
		}
	}
	return at;
}

static noreturn void
die_no_column(const tsv_reader *r, const char *name)
{
	long near = cols_nearest(r, name);
	if (near >= 0)
		die_usage("%s: no column '%s'; did you mean '%s'?", r->name, err_q(name),
		          err_q(r->header[near]));
	enum { SHOWN = 30 };
	/* static: the message is the program's last act (nothing to free) */
	static char list[SHOWN * (1024 + 4) + 64];
	char *p = list;
	*p = '\0';
	for (size_t i = 0; i < r->ncols && i < SHOWN; i++)
		p += sprintf(p, "%s'%s'", i ? ", " : "", err_q(r->header[i]));
	if (r->ncols > SHOWN)
		sprintf(p, " and %zu more", r->ncols - SHOWN);
	die_usage("%s: no column '%s'; the columns are %s", r->name, err_q(name), list);
}

size_t
cols_require(const tsv_reader *r, const char *name)
{
	long i = cols_find(r, name);
	if (i < 0)
		die_no_column(r, name);
	return (size_t)i;
}

static int
is_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

size_t
cols_expand(const tsv_reader *r, char *const *patterns, size_t npat, size_t **out)
{
	size_t n = 0, cap = 0, *idx = NULL;
	unsigned char *taken = xcalloc(r->ncols, 1);
	for (size_t k = 0; k < npat; k++) {
		const char *pat = patterns[k];
		/* A LimeSurvey name such as Q16[SQ001] is taken literally when the
		 * header has it, though it looks like a glob. */
		long exact = cols_find(r, pat);
		if (exact < 0 && !is_glob(pat)) {
			free(taken);
			free(idx);
			die_no_column(r, pat);
		}
		if (exact >= 0) {
			size_t i = (size_t)exact;
			if (!taken[i]) {
				idx = xgrow(idx, &cap, n + 1, sizeof *idx);
				idx[n++] = i;
				taken[i] = 1;
			}
			continue;
		}
		size_t matched = 0;
		for (size_t i = 0; i < r->ncols; i++) {
			if (fnmatch(pat, r->header[i], 0) != 0)
				continue;
			matched++;
			if (!taken[i]) {
				idx = xgrow(idx, &cap, n + 1, sizeof *idx);
				idx[n++] = i;
				taken[i] = 1;
			}
		}
		if (!matched) {
			free(taken);
			free(idx);
			die_no_column(r, pat);
		}
	}
	free(taken);
	*out = idx;
	return n;
}

static const tsv_reader *sort_reader;

static int
by_name(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_reader->header[i], sort_reader->header[j]);
	return c ? c : (i > j) - (i < j);
}

void
cols_check_unique(const tsv_reader *r)
{
	size_t *idx = xmalloc(r->ncols * sizeof *idx);
	for (size_t i = 0; i < r->ncols; i++)
		idx[i] = i;
	sort_reader = r;
	qsort(idx, r->ncols, sizeof *idx, by_name);
	for (size_t k = 1; k < r->ncols; k++)
		if (strcmp(r->header[idx[k - 1]], r->header[idx[k]]) == 0) {
			size_t a = idx[k - 1], b = idx[k];
			free(idx);
			die_at(r->name, 1, r->header[a], NULL,
			       "header has this name twice (fields %zu and %zu)", a + 1, b + 1);
		}
	free(idx);
}

char **
cols_split_list(const char *list, size_t *n)
{
	size_t count = 1;
	for (const char *p = list; *p; p++)
		count += *p == ',';
	char **v = xmalloc((count + 1) * sizeof *v);
	const char *start = list;
	for (size_t k = 0; k < count; k++) {
		const char *comma = strchr(start, ',');
		size_t len = comma ? (size_t)(comma - start) : strlen(start);
		v[k] = xstrndup(start, len);
		start = comma ? comma + 1 : start + len;
	}
	v[count] = NULL;
	*n = count;
	return v;
}

char **
cols_option_list(const char *list, const char *option, size_t *n)
{
	char **v = cols_split_list(list, n);
	for (size_t i = 0; i < *n; i++) {
		if (!*v[i])
			die_usage("option '%s': empty item in '%s'", option, list);
		for (size_t j = 0; j < i; j++)
			if (strcmp(v[i], v[j]) == 0)
				die_usage("option '%s': '%s' given twice", option, v[i]);
	}
	return v;
}

void
cols_free_list(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
