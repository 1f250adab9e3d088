#include "cols.h"

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

static noreturn void
die_no_column(const tsv_reader *r, const char *name)
{
	enum { SHOWN = 30 };
	size_t len = 0;
	for (size_t i = 0; i < r->ncols && i < SHOWN; i++)
		len += strlen(r->header[i]) + 4;
	char *list = xmalloc(len + 64), *p = list;
	*p = '\0';
	for (size_t i = 0; i < r->ncols && i < SHOWN; i++)
		p += sprintf(p, "%s'%s'", i ? ", " : "", r->header[i]);
	if (r->ncols > SHOWN)
		sprintf(p, " and %zu more", r->ncols - SHOWN);
	die_usage("%s: no column '%s'; the columns are %s", r->name, name, list);
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
		if (exact >= 0 || !is_glob(pat)) {
			size_t i = exact >= 0 ? (size_t)exact : cols_require(r, pat);
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
		if (!matched)
			die_no_column(r, pat);
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
