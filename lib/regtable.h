/* The regression table a paper prints (APA 7), from the rows of svy model
 * (term, kind, estimate, se, statistic, statistic_name, df, p, ci_low,
 * ci_high, ci_method, odds_ratio, or_low, or_high) and its --summary file
 * (statistic, value): B, SE, t or z, p and the CI of each term, the odds
 * ratio and its CI for logistic and ordinal models (thresholds first, without
 * one), and a note with n and the fit: R², adjusted R² and F for a linear
 * model, the likelihood-ratio chi-square and McFadden's and Nagelkerke's R²
 * otherwise. Markdown, or LaTeX with report_latex (lib/report). */
#ifndef SVY_REGTABLE_H
#define SVY_REGTABLE_H

#include <stdio.h>

#include "tsv.h"

typedef struct {
	const char *summary;	/* the --summary file of svy model, or NULL */
	const char *caption;	/* a title (Markdown) or caption (LaTeX), or NULL */
	double conf;		/* the level of the intervals, e.g. 0.95 */
	int decimals;		/* decimals of B, SE, the statistic, CIs, OR */
} regtable_options;

/* Whether R's header is svy model's (columns term and estimate). */
int regtable_is_model(const tsv_reader *r);

/* Read the rest of R and the summary, check every number (a Wald interval
 * must be the one of O->conf), then (lib/out's out_begin) write the table to
 * FP. */
void regtable_write(FILE *fp, tsv_reader *r, const regtable_options *o);

#endif
