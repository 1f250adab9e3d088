#include "rowfilter.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
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
	while (tsv_next(r)) {
		f->nread++;
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
}

void
rowfilter_free(rowfilter *f)
{
	free(f->failed);
	f->failed = NULL;
}
