/* The regression table of svy model's rows (see regtable.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "apa.h"
#include "cols.h"
#include "err.h"
#include "num.h"
#include "out.h"
#include "regtable.h"
#include "report.h"

enum { LINEAR, LOGISTIC, ORDINAL };
static const char *const model_names[] = {"linear", "logistic", "ordinal", NULL};

/* One term: a coefficient or (ordinal) a threshold. */
typedef struct {
	char *term, *method;
	int threshold, has_or;
	double b, se, stat, df, p, lo, hi, odds, odds_lo, odds_hi;
} term;

typedef struct {
	term *t;
	size_t n, cap;
	char stat_name;		/* 't' or 'z' */
	int any_or, any_threshold;
} terms;

/* The columns of svy model's rows. */
enum { C_TERM, C_KIND, C_EST, C_SE, C_STAT, C_NAME, C_DF, C_P, C_LO, C_HI, C_METHOD,
       C_OR, C_OR_LO, C_OR_HI, C_COUNT };
static const char *const col_names[C_COUNT] = {
	"term", "kind", "estimate", "se", "statistic", "statistic_name", "df", "p",
	"ci_low", "ci_high", "ci_method", "odds_ratio", "or_low", "or_high",
};

int
regtable_is_model(const tsv_reader *r)
{
	return cols_find(r, "term") >= 0 && cols_find(r, "estimate") >= 0;
}

/* Field C of the current row as a number; NAN when empty and not NEEDED. */
static double
field(tsv_reader *r, const size_t *col, int c, int needed)
{
	double x = NAN;
	if (!tsv_number(r, col[c], &x) && needed)
		die_at(r->name, r->lineno, col_names[c], NULL, "missing value");
	return x;
}

/* A Wald interval must be estimate -+ q * se at the level O->conf: a table
 * labelled 95 % never shows another level's interval. */
static void
check_wald(tsv_reader *r, const term *t, char stat_name, double conf)
{
	double q = stat_name == 't' ? gsl_cdf_tdist_Pinv((1 + conf) / 2, t->df)
	                            : gsl_cdf_ugaussian_Pinv((1 + conf) / 2);
	double scale = fabs(t->b) + q * t->se, tol = 1e-7 * (scale > 1e-300 ? scale : 1e-300);
	if (fabs(t->lo - (t->b - q * t->se)) > tol || fabs(t->hi - (t->b + q * t->se)) > tol) {
		char v[NUM_BUFSIZE];
		die_at(r->name, r->lineno, "ci_low", num_format(v, t->lo),
		       "not the %g %% Wald interval of estimate and se: give --conf the "
		       "level svy model used", 100 * conf);
	}
}

/* The odds ratio and its interval: all three or none, positive, in order. */
static void
read_or(tsv_reader *r, const size_t *col, term *t)
{
	t->odds = field(r, col, C_OR, 0);
	t->odds_lo = field(r, col, C_OR_LO, 0);
	t->odds_hi = field(r, col, C_OR_HI, 0);
	int set = !isnan(t->odds) + !isnan(t->odds_lo) + !isnan(t->odds_hi);
	char v[NUM_BUFSIZE];
	if (set != 0 && set != 3)
		die_at(r->name, r->lineno, "odds_ratio", NULL,
		       "an odds ratio needs its interval (odds_ratio, or_low, or_high)");
	if (set && t->threshold)
		die_at(r->name, r->lineno, "odds_ratio", num_format(v, t->odds),
		       "a threshold has no odds ratio");
	if (set && !(t->odds_lo > 0 && t->odds_lo <= t->odds && t->odds <= t->odds_hi))
		die_at(r->name, r->lineno, "odds_ratio", num_format(v, t->odds),
		       "an odds ratio must be positive and within its interval");
	t->has_or = set == 3;
}

static void
read_term(tsv_reader *r, const size_t *col, term *t, terms *ts, double conf)
{
	char v[NUM_BUFSIZE];
	const char *kind = tsv_get(r, col[C_KIND]), *name = tsv_get(r, col[C_NAME]);
	memset(t, 0, sizeof *t);
	if (tsv_missing(r, col[C_TERM]))
		die_at(r->name, r->lineno, "term", NULL, "missing term");
	if (strcmp(kind, "coefficient") != 0 && strcmp(kind, "threshold") != 0)
		die_at(r->name, r->lineno, "kind", kind, "a term is a coefficient or a threshold");
	t->threshold = kind[0] == 't';
	if (strcmp(name, "t") != 0 && strcmp(name, "z") != 0)
		die_at(r->name, r->lineno, "statistic_name", name, "a model's statistic is t or z");
	if (ts->stat_name && ts->stat_name != name[0])
		die_at(r->name, r->lineno, "statistic_name", name,
		       "one model has one statistic (the rows before have %c)", ts->stat_name);
	ts->stat_name = name[0];
	t->b = field(r, col, C_EST, 1);
	t->se = field(r, col, C_SE, 1);
	t->stat = field(r, col, C_STAT, 1);
	t->p = field(r, col, C_P, 1);
	t->lo = field(r, col, C_LO, 1);
	t->hi = field(r, col, C_HI, 1);
	t->df = field(r, col, C_DF, name[0] == 't');
	if (t->se < 0)
		die_at(r->name, r->lineno, "se", num_format(v, t->se),
		       "a standard error cannot be negative");
	if (!(t->p >= 0 && t->p <= 1))
		die_at(r->name, r->lineno, "p", num_format(v, t->p), "a p-value must be in [0, 1]");
	if (t->lo > t->hi)
		die_at(r->name, r->lineno, "ci_low", num_format(v, t->lo),
		       "the interval's low end is above its high end");
	if (name[0] == 't' && !(t->df >= 1 && t->df == floor(t->df) && t->df < 1e15))
		die_at(r->name, r->lineno, "df", num_format(v, t->df),
		       "degrees of freedom must be a whole number >= 1");
	if (name[0] == 'z' && !isnan(t->df))
		die_at(r->name, r->lineno, "df", num_format(v, t->df), "a z statistic has no df");
	t->method = xstrdup(tsv_get(r, col[C_METHOD]));
	if (strncmp(t->method, "Wald", 4) == 0)
		check_wald(r, t, ts->stat_name, conf);
	read_or(r, col, t);
	t->term = xstrdup(tsv_get(r, col[C_TERM]));
	ts->any_or |= t->has_or;
	ts->any_threshold |= t->threshold;
}

static void
read_terms(tsv_reader *r, terms *ts, double conf)
{
	size_t col[C_COUNT];
	for (int c = 0; c < C_COUNT; c++)
		col[c] = cols_require(r, col_names[c]);
	while (tsv_next(r)) {
		ts->t = xgrow(ts->t, &ts->cap, ts->n + 1, sizeof *ts->t);
		read_term(r, col, &ts->t[ts->n++], ts, conf);
	}
	if (ts->n == 0)
		die_at(r->name, 0, NULL, NULL, "no term rows: an empty table is not written");
}

/* ---- the summary: statistic -> value ---- */

static const char *
stat_text(const report_pairs *s, const char *path, const char *name)
{
	const char *v = report_pairs_text(s, name);
	if (!v)
		die_at(path, 0, "statistic", name, "the summary lacks this statistic");
	return v;
}

static double
stat_num(const report_pairs *s, const char *path, const char *name)
{
	double x;
	const char *v = stat_text(s, path, name);
	enum num_status st = num_parse(v, &x);
	if (st != NUM_OK)
		die_at(path, 0, "value", v, "statistic '%s': %s", name, num_strerror(st));
	return x;
}

/* The model the rows are of: the summary's, which must agree with them. */
static int
model_kind(const terms *ts, const report_pairs *s, const char *path)
{
	int kind = ts->stat_name == 't' ? LINEAR : ts->any_threshold ? ORDINAL : LOGISTIC;
	if (!path)
		return kind;
	const char *m = stat_text(s, path, "model");
	int k = 0;
	while (model_names[k] && strcmp(model_names[k], m) != 0)
		k++;
	if (!model_names[k])
		die_at(path, 0, "model", m, "not a model of svy model (linear, logistic, ordinal)");
	if (k != kind)
		die_at(path, 0, "model", m, "the summary is not of these rows (their model: %s)",
		       model_names[kind]);
	return k;
}

/* ---- writing ---- */

/* X with O's decimals, or --digits significant digits; never "-0". */
static char *
number(char buf[APA_BUFSIZE], double x, const regtable_options *o)
{
	if (num_digits > 0) {
		snprintf(buf, APA_BUFSIZE, "%.*g", num_digits, x);
		if (strcmp(buf, "-0") == 0)
			strcpy(buf, "0");
		return buf;
	}
	return apa_fixed(buf, x, o->decimals);
}

/* A number's cell (allocated): in LaTeX in math mode, so that a minus is one. */
static char *
num_cell(double x, const regtable_options *o)
{
	char a[APA_BUFSIZE], s[APA_BUFSIZE + 4];
	snprintf(s, sizeof s, report_latex ? "$%s$" : "%s", number(a, x, o));
	return xstrdup(s);
}

static char *
interval(double lo, double hi, const regtable_options *o)
{
	char a[APA_BUFSIZE], b[APA_BUFSIZE], s[2 * APA_BUFSIZE + 8];
	snprintf(s, sizeof s, report_latex ? "$[%s, %s]$" : "[%s, %s]", number(a, lo, o),
	         number(b, hi, o));
	return xstrdup(s);
}

/* One row of N cells; TEXT[k]: cell k is text from the data (escaped). */
static void
put_row(FILE *fp, char *const *cell, const int *text, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		fputs(report_latex ? (k ? " & " : "") : (k ? " " : "| "), fp);
		if (text[k])
			report_put_text(fp, cell[k]);
		else
			fputs(cell[k], fp);
		if (!report_latex)
			fputs(" |", fp);
	}
	fputs(report_latex ? " \\\\\n" : "\n", fp);
}

static void
put_head(FILE *fp, const terms *ts, const regtable_options *o)
{
	char ci[64], ci_or[80], stat[8];
	snprintf(ci, sizeof ci, report_latex ? "%g\\%% CI" : "%g%% CI", 100 * o->conf);
	snprintf(ci_or, sizeof ci_or, report_latex ? "%s ($OR$)" : "%s (OR)", ci);
	snprintf(stat, sizeof stat, report_latex ? "$%c$" : "%c", ts->stat_name);
	char *cell[] = {"Term", report_latex ? "$B$" : "B", report_latex ? "$SE$" : "SE", stat,
	                report_latex ? "$p$" : "p", ci, report_latex ? "$OR$" : "OR", ci_or};
	int text[8] = {0};
	size_t n = ts->any_or ? 8 : 6;
	if (report_latex) {
		if (o->caption) {
			fputs("\\begin{table}\n\\caption{", fp);
			report_put_text(fp, o->caption);
			fputs("}\n", fp);
		}
		fputs(ts->any_or ? "\\begin{tabular}{lrrrllrl}\n\\hline\n" :
		      "\\begin{tabular}{lrrrll}\n\\hline\n", fp);
		put_row(fp, cell, text, n);
		fputs("\\hline\n", fp);
		return;
	}
	if (o->caption) {
		report_put_text(fp, o->caption);
		fputs("\n\n", fp);
	}
	put_row(fp, cell, text, n);
	fputs(ts->any_or ? "|---|---:|---:|---:|---|---|---:|---|\n" :
	      "|---|---:|---:|---:|---|---|\n", fp);
}

static void
put_term(FILE *fp, const term *t, const terms *ts, const regtable_options *o)
{
	char *name = xmalloc(strlen(t->term) + 16);
	sprintf(name, t->threshold ? "%s (threshold)" : "%s", t->term);
	char *cell[] = {name, num_cell(t->b, o), num_cell(t->se, o), num_cell(t->stat, o),
	                report_p(t->p), interval(t->lo, t->hi, o),
	                t->has_or ? num_cell(t->odds, o) : xstrdup(""),
	                t->has_or ? interval(t->odds_lo, t->odds_hi, o) : xstrdup("")};
	int text[8] = {1, 0, 0, 0, 0, 0, 0, 0};
	put_row(fp, cell, text, ts->any_or ? 8 : 6);
	for (size_t k = 0; k < 8; k++)
		free(cell[k]);
}

/* "p = .042" or "p < .001": P after "p" as APA writes it. */
static void
put_p(FILE *fp, double p)
{
	char buf[APA_BUFSIZE];
	apa_p(buf, p);
	int rel = buf[0] == '<' || buf[0] == '>';
	if (report_latex)
		fprintf(fp, "$p %c %s$", rel ? buf[0] : '=', rel ? buf + 2 : buf);
	else
		fprintf(fp, "p %s%s", rel ? "" : "= ", buf);
}

/* The fit statistics of the summary: n, then R² and F, or the LR test and
 * the pseudo R². */
static void
put_fit(FILE *fp, int kind, const report_pairs *s, const char *path)
{
	char a[APA_BUFSIZE], b[APA_BUFSIZE], f[APA_BUFSIZE];
	const int L = report_latex;
	double n = stat_num(s, path, "n"), dropped = stat_num(s, path, "rows_dropped");
	fprintf(fp, L ? "$n = %.0f$" : "n = %.0f", n);
	if (dropped > 0)
		fprintf(fp, " (%.0f row%s dropped with a missing value)", dropped,
		        dropped == 1 ? "" : "s");
	fputs(". Outcome: ", fp);
	report_put_text(fp, stat_text(s, path, "outcome"));
	if (kind == LOGISTIC) {
		fputs(" (event: ", fp);
		report_put_text(fp, stat_text(s, path, "event"));
		fputs(")", fp);
	}
	fputs(". ", fp);
	if (kind == LINEAR) {
		fprintf(fp, L ? "$R^2 = %s$, adjusted $R^2 = %s$, $F(%.0f, %.0f) = %s$, " :
		        "R² = %s, adjusted R² = %s, F(%.0f, %.0f) = %s, ",
		        apa_bounded(a, stat_num(s, path, "r_squared"), 3),
		        apa_bounded(b, stat_num(s, path, "adj_r_squared"), 3),
		        stat_num(s, path, "df_model"), stat_num(s, path, "df_residual"),
		        apa_fixed(f, stat_num(s, path, "f"), 2));
		put_p(fp, stat_num(s, path, "f_p"));
		fputs(".", fp);
		return;
	}
	fprintf(fp, L ? "Likelihood-ratio test against the null model: $\\chi^2(%.0f) = %s$, " :
	        "Likelihood-ratio test against the null model: χ²(%.0f) = %s, ",
	        stat_num(s, path, "lr_df"), apa_fixed(a, stat_num(s, path, "lr_chi2"), 2));
	put_p(fp, stat_num(s, path, "lr_p"));
	fprintf(fp, L ? ". McFadden $R^2 = %s$, Nagelkerke $R^2 = %s$." :
	        ". McFadden R² = %s, Nagelkerke R² = %s.",
	        apa_bounded(a, stat_num(s, path, "mcfadden_r2"), 3),
	        apa_bounded(b, stat_num(s, path, "nagelkerke_r2"), 3));
}

/* Every statistic the note prints is there and a number, before anything
 * is written. */
static void
check_fit(int kind, const report_pairs *s, const char *path)
{
	static const char *const common[] = {"n", "rows_dropped", NULL};
	static const char *const linear[] = {"r_squared", "adj_r_squared", "df_model",
	                                     "df_residual", "f", "f_p", NULL};
	static const char *const other[] = {"lr_df", "lr_chi2", "lr_p", "mcfadden_r2",
	                                    "nagelkerke_r2", NULL};
	for (size_t i = 0; common[i]; i++)
		stat_num(s, path, common[i]);
	for (const char *const *k = kind == LINEAR ? linear : other; *k; k++)
		stat_num(s, path, *k);
	stat_text(s, path, "outcome");
	if (kind == LOGISTIC)
		stat_text(s, path, "event");
}

/* The note under the table: the fit (with a summary), the thresholds, and
 * the methods of the intervals, each once, in order. */
static void
put_note(FILE *fp, const terms *ts, int kind, const report_pairs *s, const char *path)
{
	fputs(report_latex ? "\\par\\textit{Note.} " : "\n*Note.* ", fp);
	if (path) {
		put_fit(fp, kind, s, path);
		fputs(" ", fp);
	}
	if (ts->any_threshold)
		fputs("Thresholds: the cut points between adjacent levels of the outcome. ", fp);
	fputs("CI: ", fp);
	for (size_t i = 0; i < ts->n; i++) {
		size_t j = 0;
		while (j < i && strcmp(ts->t[j].method, ts->t[i].method) != 0)
			j++;
		if (j < i)
			continue;
		if (i)
			fputs(", ", fp);
		report_put_text(fp, ts->t[i].method[0] ? ts->t[i].method : "not named");
	}
	fputs(ts->any_or ? "; OR: the odds ratio, exp(B).\n" : ".\n", fp);
}

void
regtable_write(FILE *fp, tsv_reader *r, const regtable_options *o)
{
	terms ts = {0};
	report_pairs s = {0};
	read_terms(r, &ts, o->conf);
	if (o->summary)
		report_pairs_read(o->summary, "statistic", "value", &s);
	int kind = model_kind(&ts, &s, o->summary);
	if (o->summary)
		check_fit(kind, &s, o->summary);
	out_begin();
	put_head(fp, &ts, o);
	for (size_t i = 0; i < ts.n; i++)
		put_term(fp, &ts.t[i], &ts, o);
	if (report_latex)
		fputs("\\hline\n\\end{tabular}\n", fp);
	put_note(fp, &ts, kind, &s, o->summary);
	if (report_latex && o->caption)
		fputs("\\end{table}\n", fp);
	for (size_t i = 0; i < ts.n; i++) {
		free(ts.t[i].term);
		free(ts.t[i].method);
	}
	free(ts.t);
	report_pairs_free(&s);
}
