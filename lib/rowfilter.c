#include "rowfilter.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "levels.h"
#include "rejects.h"

char *
rowfilter_joined(const rowfilter *f)
{
	size_t len = 1;
	for (size_t k = 0; k < f->nconds; k++)
		len += strlen(f->conds[k].text) + 5;
	char *s = xmalloc(len);
	s[0] = '\0';
	for (size_t k = 0; k < f->nconds; k++) {
		if (k)
			strcat(s, " and ");
		strcat(s, f->conds[k].text);
	}
	return s;
}

/* Which values of each list some row has, and (while one is still
 * unseen) the values its column holds, for warn_absent. */
enum { MAX_SEEN = 10000, MAX_LISTED = 10 };
typedef struct {
	unsigned char *seen;	/* per value of the list */
	size_t unseen;		/* values not seen yet; 0: no longer tracked */
	levels held;
	int more;
} presence;

static presence *
presence_begin(const rowfilter *f)
{
	if (!f->warn_absent)
		return NULL;
	presence *p = xcalloc(f->nconds ? f->nconds : 1, sizeof *p);
	for (size_t k = 0; k < f->nconds; k++) {
		const cond *c = &f->conds[k];
		levels_init(&p[k].held, MAX_SEEN);
		if ((c->op == COND_EQ || c->op == COND_NE) && c->nvalues) {
			p[k].seen = xcalloc(c->nvalues, 1);
			p[k].unseen = c->nvalues;
		}
	}
	return p;
}

static void
presence_row(presence *p, const rowfilter *f, tsv_reader *r)
{
	for (size_t k = 0; k < f->nconds; k++) {
		const cond *c = &f->conds[k];
		if (!p[k].unseen || tsv_missing(r, c->col))
			continue;
		const char *s = tsv_get(r, c->col);
		long i = cond_which(c, s);
		if (i >= 0 && !p[k].seen[i]) {
			p[k].seen[i] = 1;
			p[k].unseen--;
		}
		if (!p[k].more && levels_add(&p[k].held, s, r->flen[c->col], 1) == LEVELS_FULL)
			p[k].more = 1;
	}
}

/* "condition 'g=femal': no row has 'femal'; column 'g' holds 'female' (2)" */
static void
presence_end(presence *p, const rowfilter *f, const tsv_reader *r)
{
	if (!p || f->nread == 0)
		return;
	for (size_t k = 0; k < f->nconds; k++) {
		const cond *c = &f->conds[k];
		for (size_t i = 0; p[k].unseen && i < c->nvalues; i++) {
			if (p[k].seen[i])
				continue;
			if (p[k].held.n == 0) {
				warn("condition '%s': no row has '%s'; column '%s' is empty in "
				     "every row", err_q(c->text), err_q(c->values[i]),
				     err_q(r->header[c->col]));
				continue;
			}
			char *list = levels_list(&p[k].held, MAX_LISTED, p[k].more);
			warn("condition '%s': no row has '%s'; column '%s' holds %s",
			     err_q(c->text), err_q(c->values[i]), err_q(r->header[c->col]),
			     list);
			free(list);
		}
	}
}

static void
presence_free(presence *p, const rowfilter *f)
{
	if (!p)
		return;
	for (size_t k = 0; k < f->nconds; k++) {
		free(p[k].seen);
		levels_free(&p[k].held);
	}
	free(p);
}

void
rowfilter_run(rowfilter *f, tsv_reader *r, const char *rejects_path)
{
	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	tsvw_header(&out, r);
	tsvw_end(&out);
	rejects rj;
	rejects_open(&rj, rejects_path, r);
	char *all = f->drop && !f->reason ? rowfilter_joined(f) : NULL;
	free(f->failed);
	f->failed = xcalloc(f->nconds ? f->nconds : 1, sizeof *f->failed);
	f->nread = f->kept = 0;
	presence *seen = presence_begin(f);
	while (tsv_next(r)) {
		f->nread++;
		if (seen)
			presence_row(seen, f, r);
		size_t k = 0;
		while (k < f->nconds && cond_row(&f->conds[k], r))
			k++;
		int holds = k == f->nconds, kept = holds != f->drop;
		if (f->on_row)
			f->on_row(f->ctx, r, kept);
		if (kept) {
			f->kept++;
			tsvw_copy_row(&out, r);
			tsvw_end(&out);
			continue;
		}
		if (!f->drop)
			f->failed[k]++;
		rejects_add(&rj, r, f->reason ? f->reason : f->drop ? all : f->conds[k].text);
	}
	rejects_close(&rj);
	free(all);
	presence_end(seen, f, r);
	presence_free(seen, f);
}

void
rowfilter_free(rowfilter *f)
{
	free(f->failed);
	f->failed = NULL;
}
