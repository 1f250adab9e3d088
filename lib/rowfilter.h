/* The row filter of svy-filter, and of its presets (svy-filter-students):
 * the rows of a TSV that satisfy every condition (lib/cond) are kept, or,
 * dropping, the rows that satisfy them all are dropped; the rows kept go to
 * standard output under the input's header, the rows dropped to the rejects
 * file (when there is one) with their reason. One row loop for every tool
 * that filters rows. */
#ifndef SVY_ROWFILTER_H
#define SVY_ROWFILTER_H

#include <stddef.h>

#include "cond.h"
#include "tsv.h"

typedef struct {
	cond *conds;		/* resolved against the reader (cond_resolve) */
	size_t nconds;
	int drop;		/* drop the rows that satisfy every condition */
	const char *reason;	/* a dropped row's reason; NULL: the first condition
				   it fails (keeping) or all of them joined (dropping) */
	/* called for each row read, before it is written or dropped, with
	 * whether it is kept (NULL: none) */
	void (*on_row)(void *ctx, tsv_reader *r, int kept);
	void *ctx;
	/* warn, for a value of a COL=A,B or COL!=A,B list that no row has, which
	 * values the column holds (a misspelt group drops nobody silently) */
	int warn_absent;

	/* what happened */
	size_t nread, kept;
	size_t *failed;		/* keeping: per condition, the rows it dropped */
} rowfilter;

/* Filter the rows of R by F, writing the header and the rows kept to
 * standard output and the rows dropped to REJECTS (NULL: none). */
void rowfilter_run(rowfilter *f, tsv_reader *r, const char *rejects);

/* The conditions' texts joined by " and " (allocated). */
char *rowfilter_joined(const rowfilter *f);

void rowfilter_free(rowfilter *f);

#endif
