/* The factor model file: written by svy-factor, read by svy-score. One TSV
 * row per item:
 *   item, F1..Fk (pattern loadings), structure_F1..structure_Fk (only after
 *   an oblique rotation: S = L Phi), communality, uniqueness, heywood, msa,
 *   retained, alpha_if_dropped, std_alpha_if_dropped, mean, sd, n,
 *   weight_F1..weight_Fk (regression weights R^-1 S; empty for an item left
 *   out of the final fit), and, when svy-factor --reverse keyed items the
 *   other way, reverse (max + min: the item was taken as reverse - x; empty
 *   for the others).
 * A reader needs item, mean, sd, n and the weight_ columns; the loadings and
 * uniquenesses only for Bartlett scores or refitted weights. */
#ifndef SVY_FMODEL_H
#define SVY_FMODEL_H

#include <stddef.h>

#include "fafit.h"
#include "tsv.h"

typedef struct {
	size_t p, k;
	char **item;		/* p names */
	char **factor;		/* k names: F1.. when written, as read */
	double *load;		/* p x k pattern loadings */
	double *structure;	/* p x k structure loadings, NULL: orthogonal */
	double *h2, *uniq;	/* p communalities, uniquenesses */
	double *msa, *alpha_drop, *std_alpha_drop;	/* p each; NaN: empty */
	double *mean, *sd;	/* p each */
	unsigned char *heywood, *retained;	/* p each */
	double *w;		/* p x k weights; NaN: not fitted */
	double *reverse;	/* p: max + min of an item reversed before the fit
				   (the item is taken as reverse - x), NaN for
				   the others; NULL: none reversed */
	double n;
	size_t *cw, *cl, *cs;	/* reader's columns of weights, loadings, structure */
} fmodel;

/* Write M to W (header and one row per item). */
void fmodel_write(const fmodel *m, tsv_writer *w);

/* Read the model at PATH ("-": standard input) into M: only the items with
 * weights (those of the final fit). NEED_LOADINGS: also the pattern (and
 * structure, when present) loadings and the uniquenesses. An item listed
 * twice, a missing or non-positive sd, differing n are data errors. */
void fmodel_read(fmodel *m, const char *path, int need_loadings);

/* Free what fmodel_read allocated. */
void fmodel_free(fmodel *m);

/* The sample a model is built from: N complete rows of P items. */
typedef struct {
	size_t n, p;
	char **names;
	double *mean, *sd;	/* of the items as fitted (after --reverse) */
	double *cov, *cor;	/* Pearson covariances and correlations */
	double *fitcor;		/* the matrix fitted (cor, or polychoric) */
	double *reverse;	/* see fmodel.reverse */
} fa_sample;

/* The model M of K factors, item by item: the FINAL fit's rows where the
 * item is in it, the FIRST fit's loadings (and no weights) for the others;
 * RETAINED (NRET set) the items kept; OBLIQUE: structure loadings too. M
 * points into D and RETAINED. Warns about each Heywood case of the final fit
 * and returns their number. */
size_t fmodel_build(fmodel *m, const fa_sample *d, size_t k, int oblique,
                    const fa_items *first, const fa_items *final,
                    const unsigned char *retained, size_t nret);

/* Free what fmodel_build allocated. */
void fmodel_release(fmodel *m);

#endif
