/* A survey export's CSV records, checked: see csvcheck.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvcheck.h"
#include "err.h"

/* Line of byte OFF of field I of the current record. */
static size_t
line_at(const csvr *in, size_t i, const char *s, size_t off)
{
	size_t line = csvr_field_line(in, i);
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + off - p))); p++)
		line++;
	return line;
}

/* Check field I of the current record (COLUMN its name for messages, NULL
 * for the header) for NUL bytes and invalid UTF-8, which is a data error
 * unless --invalid-utf8=replace. Sets *LEN; returns the field, or NULL when
 * it needs its invalid sequences replaced. */
static const char *
checked_field(csvcheck *k, size_t i, const char *column, size_t *len)
{
	size_t n;
	char *s = csvr_field(k->in, i, &n);
	*len = n;
	if (n == 0)
		return s;
	char colbuf[32];
	if (!column) {
		snprintf(colbuf, sizeof colbuf, "header field %zu", i + 1);
		column = colbuf;
	}
	const char *nul = memchr(s, '\0', n);
	if (nul)
		die_at(k->name, line_at(k->in, i, s, (size_t)(nul - s)), column, NULL,
		       "NUL byte (at byte %zu of the field)", (size_t)(nul - s) + 1);
	size_t bad = csvr_utf8_check(s, n);
	if (bad == n)
		return s;
	if (!k->replace)
		die_at(k->name, line_at(k->in, i, s, bad), column, NULL,
		       "invalid UTF-8 (byte 0x%02X at byte %zu of the field); "
		       "--invalid-utf8=replace writes U+FFFD instead",
		       (unsigned char)s[bad], bad + 1);
	return NULL;
}

int
csvcheck_row(csvcheck *k, char *const *names, size_t ncols, const char **v, size_t *len,
             size_t *line)
{
	if (!csvr_next(k->in))
		return 0;
	size_t nf = csvr_nfields(k->in);
	*line = csvr_line(k->in);
	if (nf != ncols)
		die_at(k->name, *line, NULL, NULL, "row has %zu field%s, header has %zu",
		       nf, nf == 1 ? "" : "s", ncols);
	if (csvr_plain(k->in)) {
		csvr_fields(k->in, v, len);
		return 1;
	}
	size_t need = 0;
	for (size_t i = 0; i < nf; i++) {
		v[i] = checked_field(k, i, names[i], &len[i]);
		if (!v[i])
			need += 3 * len[i];
	}
	if (need) {
		k->scratch = xgrow(k->scratch, &k->scratchcap, need, 1);
		size_t o = 0;
		for (size_t i = 0; i < nf; i++) {
			if (v[i])
				continue;
			size_t n, nr;
			const char *s = csvr_field(k->in, i, &n);
			size_t w = csvr_utf8_replace(s, n, k->scratch + o, &nr);
			v[i] = k->scratch + o;
			len[i] = w;
			k->replaced += nr;
			o += w;
		}
	}
	return 1;
}

size_t
csvcheck_header(csvcheck *k, char ***names)
{
	if (!csvr_next(k->in))
		die_at(k->name, 0, NULL, NULL, "empty input: no header row");
	size_t n = csvr_nfields(k->in);
	k->header_line = csvr_line(k->in);
	char **h = xmalloc(n * sizeof *h);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *s = checked_field(k, i, NULL, &len);
		if (s) {
			h[i] = xstrndup(s, len);
		} else {
			size_t nr, nf;
			char *raw = csvr_field(k->in, i, &nf);
			h[i] = xmalloc(3 * nf + 1);
			h[i][csvr_utf8_replace(raw, nf, h[i], &nr)] = '\0';
			k->replaced += nr;
		}
	}
	*names = h;
	return n;
}

void
csvcheck_free(csvcheck *k)
{
	free(k->scratch);
	k->scratch = NULL;
	k->scratchcap = 0;
}

static char **sort_header;

static int
cmp_index(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int d = strcmp(sort_header[i], sort_header[j]);
	return d ? d : (i > j) - (i < j);
}

/* Index of a column named NAME (sorted lookup in IDX), or -1. */
static long
find_sorted(char **header, const size_t *idx, size_t n, const char *name)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(header[idx[mid]], name);
		if (d == 0)
			return (long)idx[mid];
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

void
csvcheck_unique(const csvcheck *ck, char **names, size_t n, int rename)
{
	size_t *idx = xmalloc(n * sizeof *idx);
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	sort_header = names;
	qsort(idx, n, sizeof *idx, cmp_index);
	for (size_t k = 1; k < n; k++) {
		size_t first = idx[k - 1], dup = idx[k];
		if (strcmp(names[first], names[dup]) != 0)
			continue;
		if (!rename) {
			free(idx);
			die_at(ck->name, ck->header_line, names[dup], NULL,
			       "header has this name twice (fields %zu and %zu); "
			       "--rename-duplicates renames the later one",
			       first + 1, dup + 1);
		}
	}
	if (rename) {
		/* In field order: the first of equal names keeps its name. */
		unsigned char *renamed = xcalloc(n, 1);
		char **orig = xmalloc(n * sizeof *orig);
		memcpy(orig, names, n * sizeof *orig);
		for (size_t k = 1; k < n; k++)
			if (strcmp(names[idx[k - 1]], names[idx[k]]) == 0)
				renamed[idx[k]] = 1;
		for (size_t i = 0; i < n; i++) {
			if (!renamed[i])
				continue;
			const char *base = names[i];
			size_t len = strlen(base) + 24;
			char *name = xmalloc(len);
			for (unsigned long s = 1;; s++) {
				snprintf(name, len, "%s.%lu", base, s);
				int taken = find_sorted(orig, idx, n, name) >= 0;
				/* Names given by earlier renames are not in the index. */
				for (size_t j = 0; !taken && j < i; j++)
					taken = renamed[j] && strcmp(names[j], name) == 0;
				if (!taken)
					break;
			}
			warn_at(ck->name, ck->header_line, base, NULL, "field %zu renamed '%s'",
			        i + 1, name);
			names[i] = name;
		}
		for (size_t i = 0; i < n; i++)
			if (renamed[i])
				free(orig[i]);
		free(orig);
		free(renamed);
	}
	free(idx);
}


void
csvheld_add(csvheld *h, const char *const *v, const size_t *len, size_t line)
{
	size_t bytes = 0;
	for (size_t i = 0; i < h->ncols; i++)
		bytes += len[i];
	h->buf = xgrow(h->buf, &h->bcap, h->blen + bytes + 1, 1);
	h->len = xgrow(h->len, &h->lencap, (h->nrows + 1) * h->ncols, sizeof *h->len);
	h->start = xgrow(h->start, &h->rowcap, h->nrows + 1, sizeof *h->start);
	h->line = xgrow(h->line, &h->linecap, h->nrows + 1, sizeof *h->line);
	h->start[h->nrows] = h->blen;
	size_t base = h->nrows * h->ncols;
	for (size_t i = 0; i < h->ncols; i++) {
		if (len[i] > UINT32_MAX)
			die("line %zu: a field longer than 4 GiB", line);
		if (len[i])
			memcpy(h->buf + h->blen, v[i], len[i]);
		h->len[base + i] = (uint32_t)len[i];
		h->blen += len[i];
	}
	h->line[h->nrows++] = line;
}

void
csvheld_get(const csvheld *h, size_t k, const char **v, size_t *len, size_t *line)
{
	const char *p = h->buf + h->start[k];
	for (size_t i = 0; i < h->ncols; i++) {
		v[i] = p;
		len[i] = h->len[k * h->ncols + i];
		p += len[i];
	}
	*line = h->line[k];
}

void
csvheld_free(csvheld *h)
{
	free(h->buf);
	free(h->len);
	free(h->start);
	free(h->line);
	*h = (csvheld){0};
}
