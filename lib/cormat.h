/* Correlation tables (svy-correlate): Pearson's r or Spearman's rho of every
 * pair of K columns, with pairwise or listwise n, p from Student's t as
 * scipy's pearsonr and spearmanr (lib/htest), the p of the pairs adjusted as
 * one family (ht_adjust); written long (a row per pair) or as the
 * lower-triangle table with means, SDs and stars that papers print. */
#ifndef SVY_CORMAT_H
#define SVY_CORMAT_H

#include <stddef.h>
#include <stdio.h>

#include "tsv.h"

typedef struct {
	size_t k;		/* columns */
	const char *const *name;	/* their names (borrowed) */
	int spearman, listwise;
	int adjust;		/* an ht_adjust_method, -1: none */
	/* per column, over the values used (listwise: the complete rows) */
	size_t *n;
	double *mean, *sd;
	/* per pair (i < j, in column order: (0,1), (0,2), ..., (1,2), ...) */
	size_t npairs;
	size_t *a, *b, *pn;
	double *r, *p, *p_adj;
	size_t complete;	/* rows with every column present */
} cormat;

/* Correlate the K columns of X (NROWS x K, row-major, NAN missing) named
 * NAME into M. Returns 0, or -1 with why the table cannot be made (a
 * column or, pairwise, a pair's values constant; fewer than 3 values) in
 * WHY (SIZE bytes); M is freed then. */
int cormat_run(cormat *m, const double *x, size_t nrows, size_t k,
               const char *const *name, int spearman, int listwise, int adjust,
               char *why, size_t size);

void cormat_free(cormat *m);

/* The long table: a header, then one row per pair: a b n r p p_adj method
 * adjust. */
void cormat_write_long(const cormat *m, tsv_writer *w);

/* The lower-triangle table of a paper on FP: Markdown (LATEX 0) or a LaTeX
 * tabular; r to DEC decimals with stars for p (adjusted when adjusted) <
 * .05, .01, .001, and a note naming the coefficient, n and the adjustment. */
void cormat_write_table(const cormat *m, FILE *fp, int latex, int dec);

#endif
