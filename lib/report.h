/* The tables of svy-report: rows of test results formatted as the table a
 * paper prints (APA 7), in Markdown or, with report_latex set, LaTeX; the
 * number fields of a text (--fill). */
#ifndef SVY_REPORT_H
#define SVY_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "tsv.h"

/* The output format: Markdown (0) or LaTeX (1). */
extern int report_latex;

/* One test row, its cells formatted; the effect cell escaped for the
 * output format. A post-hoc row (dunn, pairwise-mannwhitney,
 * pairwise-wilcoxon, chi2-residuals) has its pair or cell in PAIR, its n in N, its test in
 * TEST and the adjustment of its p (test-hypothesis --adjust) in ADJUST
 * (or ""); the interval's method (or "") in CI_METHOD. */
typedef struct {
	char *id, *family, *stat, *p, *padj, *effect, *ci_method, *pair, *test;
	char *n, *adjust;
} report_line;

/* An effect size's interval: NAN ends when the row has none. */
typedef struct {
	double low, high, level;
	const char *method;
} report_ci;

/* Two columns of a TSV read into pairs: id -> hypothesis text (the plan), or
 * family -> caption (--captions). */
typedef struct {
	char **key, **text;
	size_t n;
} report_pairs;

/* What the table shows besides id, statistic and p. */
typedef struct {
	const report_pairs *h;	/* the hypothesis texts, or NULL */
	int padj, effect;
} report_layout;

/* Write S escaped for the output format: a Markdown cell keeps its column
 * ('|' escaped) and shows HTML as text ('<' and '>' as entities); LaTeX
 * escapes its specials. A line break or tab becomes a space. */
void report_put_text(FILE *fp, const char *s);
/* S where it begins a line: a formula-like start escaped (prints as given). */
void report_put_lead(FILE *fp, const char *s);

/* P as APA prints it (allocated): ".042", "< .001", "> .999". */
char *report_p(double p);

/* The statistic NAME of R's current row in APA style, checked against its
 * range, DF (DF2: F's denominator; Welch's fractional df with two decimals)
 * and (U) the group sizes SIZES "n1,n2"; allocated: r_s(df) = .xxx, r(df),
 * chi2(df) (chi2, H), t(df), F(df1, df2), Q(df), z (z, z_adjusted), V,
 * McNemar's min(b, c), Fisher's exact test (empty NAME, no STAT). U is
 * STAT, the first group's; with U_MIN, UMIN (the smaller U; missing is an
 * error). */
char *report_stat(tsv_reader *r, const char *name, double stat, double df, double df2,
                  const char *sizes, double umin, int u_min);

/* Whether TEST (the column 'test') writes a post-hoc family: one row a
 * pair or cell. */
int report_is_posthoc(const char *test);

/* The adjustment of a post-hoc row's p named at the end of its METHOD
 * ("normal+holm": "holm"), or "" when its p is unadjusted. */
const char *report_adjustment(const char *method);

/* The effect size "NAME = VALUE" (APA's symbol for test-hypothesis's names
 * of d, g, eta squared, omega squared, OR), escaped for the output format:
 * --digits significant digits, else DECIMALS decimals; with CI, its
 * interval ", 95% CI [LOW, HIGH]" (checked: both ends, low <= high, a level
 * in (0, 1), a method). "" when E is NaN. Allocated. */
char *report_effect(tsv_reader *r, const char *name, double e, long decimals,
                    const report_ci *ci);

/* Read the columns KCOL and TCOL of the TSV at PATH into H. */
void report_pairs_read(const char *path, const char *kcol, const char *tcol, report_pairs *h);
const char *report_pairs_text(const report_pairs *h, const char *key);
void report_pairs_free(report_pairs *h);

/* One table of the N LINES of FAMILY (NULL: all), titled CAPTION (or none). */
void report_table(FILE *o, const report_layout *lay, const report_line *lines, size_t n,
                  const char *family, const char *caption);

/* The title of FAMILY's table with --by-family: its --captions line, else
 * FMT with "%s" replaced by the family's name (the first "%s" only), by
 * default "Hypotheses of the family NAME". Allocated. */
char *report_family_caption(const report_pairs *captions, const char *fmt,
                            const char *family);

/* Copy IN to standard output, each field \001KIND VALUE\002 formatted;
 * nothing is written unless every field is good. */
void report_fill(FILE *in, const char *name);

#endif
