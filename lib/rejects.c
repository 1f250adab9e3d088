#include "rejects.h"

void
rejects_open(rejects *rj, const char *path, const tsv_reader *r)
{
	rj->active = path != NULL;
	if (!rj->active)
		return;
	tsvw_open(&rj->w, path);
	tsvw_header(&rj->w, r);
	tsvw_str(&rj->w, "reason");
	tsvw_end(&rj->w);
}

void
rejects_add(rejects *rj, const tsv_reader *r, const char *reason)
{
	if (!rj->active)
		return;
	tsvw_copy_row(&rj->w, r);
	tsvw_str(&rj->w, reason);
	tsvw_end(&rj->w);
}

void
rejects_close(rejects *rj)
{
	if (rj->active)
		tsvw_close(&rj->w);
	rj->active = 0;
}
