/* The tables of svy-report (see report.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apa.h"
#include "cols.h"
#include "err.h"
#include "num.h"
#include "out.h"
#include "report.h"
#include "sbuf.h"
#include "tsv.h"

int report_latex;

/* C escaped for the output format (see report_put_text); BUF holds a
 * character that needs no escape. */
static const char *
escaped(char c, char buf[2])
{
	if (c == '\n' || c == '\t' || c == '\r')
		return " ";
	if (!report_latex) {
		switch (c) {
		case '|': return "\\|";
		case '<': return "&lt;";
		case '>': return "&gt;";
		}
	} else {
		switch (c) {
		case '\\': return "\\textbackslash{}";
		case '~': return "\\textasciitilde{}";
		case '^': return "\\textasciicircum{}";
		case '&': return "\\&";
		case '%': return "\\%";
		case '$': return "\\$";
		case '#': return "\\#";
		case '_': return "\\_";
		case '{': return "\\{";
		case '}': return "\\}";
		}
	}
	buf[0] = c;
	buf[1] = '\0';
	return buf;
}

/* Write S escaped for the output format: a Markdown cell keeps its column
 * ('|' escaped) and shows HTML as text ('<' and '>' as entities); LaTeX
 * escapes its specials. A line break or tab becomes a space. */
void
report_put_text(FILE *fp, const char *s)
{
	char b[2];
	for (const char *c = s; *c; c++)
		fputs(escaped(*c, b), fp);
}

static void
add_text(sbuf *o, const char *s)
{
	char b[2];
	for (const char *c = s; *c; c++)
		sbuf_add(o, escaped(*c, b));
}

/* Write S, as report_put_text does, where it begins a line or a Markdown
 * cell (a caption, a cell of a Markdown row, the first cell of a LaTeX row):
 * text that a spreadsheet would run as a formula (=, +, -, @ and not a
 * number, lib/tsv's rule) is neutralised by an escape that prints nothing,
 * "\\=" in Markdown (CommonMark's escape of punctuation; a caption's
 * leading "- " or "+ " would otherwise start a list) and "{}=" in LaTeX. The
 * page shows the text as given; no line or cell of the file starts with a
 * formula (a table pasted or imported into a spreadsheet runs none). */
void
report_put_lead(FILE *fp, const char *s)
{
	if (s[0] && strchr("=+-@", s[0]) && tsv_formula_like(s, strlen(s), 0))
		fputs(report_latex ? "{}" : "\\", fp);
	report_put_text(fp, s);
}

char *
report_p(double p)
{
	char buf[APA_BUFSIZE];
	apa_p(buf, p);
	if (report_latex && (buf[0] == '<' || buf[0] == '>')) {
		char l[APA_BUFSIZE + 8];
		snprintf(l, sizeof l, "$%c$%s", buf[0], buf + 1);
		return xstrdup(l);
	}
	return xstrdup(buf);
}

/* Field I of R as a number, or NAN when empty; a non-number is an error. */

/* X for a message, as every svy tool writes numbers. */
static const char *
shown(char v[NUM_BUFSIZE], double x)
{
	return num_format(v, x);
}

/* Statistics printed without degrees of freedom: U (its group sizes), V
 * (Wilcoxon's signed rank sum), z (a post-hoc pair or cell), McNemar's
 * exact min(b, c) and Fisher's exact test (no statistic). */
static int
needs_df(const char *name)
{
	return !(strcmp(name, "U") == 0 || strcmp(name, "V") == 0 || strcmp(name, "z") == 0 ||
	         strcmp(name, "z_adjusted") == 0 || strcmp(name, "min_bc") == 0 || !*name);
}

/* The degrees of freedom in COLUMN as text (empty when absent and not
 * needed): a whole number >= 0, or with FRACTIONAL (Welch) a number > 0
 * printed with two decimals when it is not whole. */
static void
format_df(tsv_reader *r, const char *column, const char *name, double df, int need,
          int fractional, char d[NUM_BUFSIZE])
{
	char v[NUM_BUFSIZE];
	d[0] = '\0';
	if (need && isnan(df))
		die_at(r->name, r->lineno, column, NULL, "missing degrees of freedom for '%s'", name);
	if (isnan(df))
		return;
	if (fractional && df > 0 && df <= 1e15 && df != floor(df)) {
		snprintf(d, NUM_BUFSIZE, "%.2f", df);
		return;
	}
	if (df < 0 || df != floor(df) || df > 1e15)
		die_at(r->name, r->lineno, column, shown(v, df), fractional
		       ? "degrees of freedom must be a number > 0"
		       : "degrees of freedom must be a whole number >= 0");
	snprintf(d, NUM_BUFSIZE, "%.0f", df);
}

static int
is_correlation(const char *name)
{
	return strcmp(name, "rho") == 0 || strcmp(name, "r") == 0;
}

/* Statistics of either sign: t and z. */
static int
is_signed(const char *name)
{
	return strcmp(name, "t") == 0 || strcmp(name, "z") == 0 ||
	       strcmp(name, "z_adjusted") == 0;
}

/* A statistic in its range: a correlation in [-1, 1], t and z any, every
 * other >= 0. */
static void
check_stat(tsv_reader *r, const char *name, double stat)
{
	char v[NUM_BUFSIZE];
	if (is_correlation(name) && !(stat >= -1 && stat <= 1))
		die_at(r->name, r->lineno, "statistic", shown(v, stat),
		       "a correlation must be in [-1, 1]");
	if (!is_correlation(name) && !is_signed(name) && stat < 0)
		die_at(r->name, r->lineno, "statistic", shown(v, stat),
		       "'%s' cannot be negative", name);
}

/* "n1,n2" of a Mann-Whitney row: two whole numbers into N (the text of each
 * kept for printing in T1 and T2). */
static void
group_sizes(tsv_reader *r, const char *sizes, double n[2], char t1[32], char t2[32])
{
	const char *comma = strchr(sizes, ',');
	if (!comma || comma == sizes || !comma[1] || strchr(comma + 1, ','))
		die_at(r->name, r->lineno, "group_sizes", sizes,
		       "a Mann-Whitney row needs two group sizes");
	for (const char *c = sizes; *c; c++)
		if (c != comma && (*c < '0' || *c > '9'))
			die_at(r->name, r->lineno, "group_sizes", sizes,
			       "group sizes must be whole numbers >= 0");
	size_t l1 = (size_t)(comma - sizes), l2 = strlen(comma + 1);
	if (l1 > 15 || l2 > 15)
		die_at(r->name, r->lineno, "group_sizes", sizes, "a group size is too large");
	memcpy(t1, sizes, l1);
	t1[l1] = '\0';
	memcpy(t2, comma + 1, l2 + 1);
	n[0] = strtod(t1, NULL);
	n[1] = strtod(t2, NULL);
}

/* U cannot exceed n1 * n2: a row that says so is not a Mann-Whitney test. */
static void
check_u(tsv_reader *r, const char *column, double u, const double n[2], const char *sizes)
{
	char v[NUM_BUFSIZE], m[NUM_BUFSIZE];
	if (!isnan(u) && u > n[0] * n[1])
		die_at(r->name, r->lineno, column, shown(v, u),
		       "U cannot exceed n1 * n2 = %s (group sizes %s)", shown(m, n[0] * n[1]), sizes);
}

/* A statistic printed as NAME(DF) = X in APA style (t, Q), "$NAME(DF) = X$"
 * in LaTeX; without DF "NAME = X" (V, z). */
static void
simple_stat(char *buf, size_t size, const char *name, const char *d, const char *v)
{
	const char *m = report_latex ? "$" : "";
	if (*d)
		snprintf(buf, size, "%s%s(%s) = %s%s", m, name, d, v, m);
	else
		snprintf(buf, size, "%s%s = %s%s", m, name, v, m);
}

char *
report_stat(tsv_reader *r, const char *name, double stat, double df, double df2,
            const char *sizes, double umin, int u_min)
{
	char buf[1024], d[NUM_BUFSIZE], d2[NUM_BUFSIZE], v[APA_BUFSIZE];
	const char *fmt;
	format_df(r, "df", name, df, needs_df(name), strcmp(name, "t") == 0, d);
	if (!*name) {
		/* Fisher's exact test: no statistic, its p and odds ratio */
		if (!isnan(stat))
			die_at(r->name, r->lineno, "statistic", shown(v, stat),
			       "a statistic without a statistic_name");
		return xstrdup("Fisher's exact test");
	}
	if (isnan(stat))
		die_at(r->name, r->lineno, "statistic", NULL, "missing statistic");
	check_stat(r, name, stat);
	if (is_correlation(name)) {
		/* Spearman's rho as APA writes it, r_s (Pearson's r as r) */
		apa_bounded(v, stat, 3);
		if (strcmp(name, "rho") == 0)
			fmt = report_latex ? "$r_{s(%s)} = %s$" : "r_s(%s) = %s";
		else
			fmt = report_latex ? "$r_{(%s)} = %s$" : "r(%s) = %s";
		snprintf(buf, sizeof buf, fmt, d, v);
	} else if (strcmp(name, "chi2") == 0 || strcmp(name, "H") == 0) {
		apa_fixed(v, stat, 2);
		fmt = report_latex ? "$\\chi^2_{(%s)} = %s$" : "χ²(%s) = %s";
		snprintf(buf, sizeof buf, fmt, d, v);
	} else if (strcmp(name, "F") == 0) {
		format_df(r, "df2", name, df2, 1, 1, d2);
		apa_fixed(v, stat, 2);
		fmt = report_latex ? "$F(%s, %s) = %s$" : "F(%s, %s) = %s";
		snprintf(buf, sizeof buf, fmt, d, d2, v);
	} else if (strcmp(name, "t") == 0 || strcmp(name, "Q") == 0) {
		simple_stat(buf, sizeof buf, name, d, apa_fixed(v, stat, 2));
	} else if (strcmp(name, "z") == 0 || strcmp(name, "z_adjusted") == 0) {
		simple_stat(buf, sizeof buf, "z", "", apa_fixed(v, stat, 2));
	} else if (strcmp(name, "V") == 0) {
		simple_stat(buf, sizeof buf, "V", "", apa_fixed(v, stat, 1));
	} else if (strcmp(name, "min_bc") == 0) {
		/* McNemar's exact test: the binomial test of the smaller
		 * discordant count */
		if (stat != floor(stat))
			die_at(r->name, r->lineno, "statistic", shown(v, stat),
			       "McNemar's min(b, c) must be a whole number");
		apa_fixed(v, stat, 0);
		fmt = report_latex ? "McNemar, $\\min(b, c) = %s$" : "McNemar, min(b, c) = %s";
		snprintf(buf, sizeof buf, fmt, v);
	} else if (strcmp(name, "U") == 0) {
		double n[2];
		char t1[32], t2[32];
		group_sizes(r, sizes, n, t1, t2);
		check_u(r, "statistic", stat, n, sizes);
		check_u(r, "u_min", umin, n, sizes);
		if (u_min && isnan(umin))
			die_at(r->name, r->lineno, "u_min", NULL,
			       "--u-min: no smaller U in this Mann-Whitney row");
		/* U of the first group, as the statistic column holds it (the
		 * plan's --groups order), unless --u-min asks for the smaller */
		apa_fixed(v, u_min ? umin : stat, 1);
		fmt = report_latex ? "$U_{(%s, %s)} = %s$" : "U(%s, %s) = %s";
		snprintf(buf, sizeof buf, fmt, t1, t2, v);
	} else {
		die_at(r->name, r->lineno, "statistic_name", name,
		       "unknown statistic (rho, r, chi2, H, U, t, F, z, z_adjusted, Q, V, "
		       "min_bc or empty for Fisher's exact test)");
	}
	return xstrdup(buf);
}

void
report_pairs_read(const char *path, const char *kcol, const char *tcol, report_pairs *h)
{
	FILE *fp = tsv_fopen_in(path);
	tsv_reader r;
	tsv_open(&r, fp, path);
	size_t ck = cols_require(&r, kcol), ct = cols_require(&r, tcol);
	size_t cap = 0;
	while (tsv_next_uncommented(&r)) {
		if (h->n == cap) {
			size_t c2 = cap;
			h->key = xgrow(h->key, &c2, h->n + 1, sizeof *h->key);
			h->text = xrealloc(h->text, c2 * sizeof *h->text);
			cap = c2;
		}
		h->key[h->n] = xstrdup(tsv_get(&r, ck));
		h->text[h->n++] = xstrdup(tsv_get(&r, ct));
	}
	if (fp != stdin)
		fclose(fp);
	tsv_free(&r);
}

const char *
report_pairs_text(const report_pairs *h, const char *key)
{
	for (size_t k = 0; k < h->n; k++)
		if (strcmp(h->key[k], key) == 0)
			return h->text[k];
	return NULL;
}

void
report_pairs_free(report_pairs *h)
{
	for (size_t k = 0; k < h->n; k++) {
		free(h->key[k]);
		free(h->text[k]);
	}
	free(h->key);
	free(h->text);
}

/* The effect size's names of test-hypothesis that APA writes as a symbol
 * (Markdown, LaTeX); the others print as named. */
static const struct {
	const char *name, *md, *tex;
} symbols[] = {
	{"cohens_d", "d", "$d$"},
	{"hedges_g", "g", "$g$"},
	{"cohens_dz", "d_z", "$d_z$"},
	{"hedges_gz", "g_z", "$g_z$"},
	{"eta_squared", "η²", "$\\eta^2$"},
	{"omega_squared", "ω²", "$\\omega^2$"},
	{"eta_squared_q", "η²_Q", "$\\eta^2_Q$"},
	{"odds_ratio", "OR", "OR"},
	{"cohens_g", "Cohen's g", "Cohen's $g$"},
};

/* X with --digits significant digits, else DECIMALS decimals. */
static void
effect_number(char v[APA_BUFSIZE], double x, long decimals)
{
	if (num_digits > 0) {
		snprintf(v, APA_BUFSIZE, "%.*g", num_digits, x);
		if (strcmp(v, "-0") == 0)
			strcpy(v, "0");
	} else {
		apa_fixed(v, x, (int)decimals);
	}
}

/* The interval of R's row checked: both ends or neither, low <= high, the
 * level in (0, 1) and its method named. */
static void
check_ci(tsv_reader *r, const report_ci *ci, double e)
{
	char v[NUM_BUFSIZE], w[NUM_BUFSIZE];
	if (isnan(ci->low) != isnan(ci->high))
		die_at(r->name, r->lineno, isnan(ci->low) ? "ci_low" : "ci_high", NULL,
		       "an interval needs both ends (ci_low and ci_high)");
	if (isnan(ci->low))
		return;
	if (isnan(e))
		die_at(r->name, r->lineno, "effect_size", NULL, "an interval without its effect size");
	if (ci->low > ci->high)
		die_at(r->name, r->lineno, "ci_low", shown(v, ci->low),
		       "the interval's low end is above its high end %s", shown(w, ci->high));
	if (!(ci->level > 0 && ci->level < 1))
		die_at(r->name, r->lineno, "ci_level", isnan(ci->level) ? NULL : shown(v, ci->level),
		       "the interval's level must be in (0, 1), e.g. 0.95");
	if (!ci->method || !*ci->method)
		die_at(r->name, r->lineno, "ci_method", NULL, "an interval without its method");
}

char *
report_effect(tsv_reader *r, const char *name, double e, long decimals, const report_ci *ci)
{
	char v[APA_BUFSIZE], lo[APA_BUFSIZE], hi[APA_BUFSIZE];
	if (ci)
		check_ci(r, ci, e);
	if (isnan(e))
		return xstrdup("");
	sbuf o = {0};
	const char *sym = NULL;
	for (size_t k = 0; k < sizeof symbols / sizeof *symbols; k++)
		if (strcmp(symbols[k].name, name) == 0)
			sym = report_latex ? symbols[k].tex : symbols[k].md;
	if (!sym && !report_latex && name[0] && strchr("=+-@", name[0]) &&
	    tsv_formula_like(name, strlen(name), 0))
		sbuf_add(&o, "\\");
	if (sym)
		sbuf_add(&o, sym);
	else
		add_text(&o, name);
	effect_number(v, e, decimals);
	sbuf_addf(&o, " = %s", v);
	if (ci && !isnan(ci->low)) {
		/* APA 7: "d = 0.52, 95% CI [0.10, 0.94]" */
		char level[32];
		snprintf(level, sizeof level, "%.10g", 100 * ci->level);
		effect_number(lo, ci->low, decimals);
		effect_number(hi, ci->high, decimals);
		sbuf_addf(&o, ", %s%s CI [%s, %s]", level, report_latex ? "\\%" : "%", lo, hi);
	}
	return sbuf_take(&o);
}

int
report_is_posthoc(const char *test)
{
	return strcmp(test, "dunn") == 0 || strcmp(test, "pairwise-mannwhitney") == 0 ||
	       strcmp(test, "pairwise-wilcoxon") == 0 || strcmp(test, "chi2-residuals") == 0;
}

const char *
report_adjustment(const char *method)
{
	static const char *const names[] = {"bh", "by", "holm", "bonferroni", "hochberg"};
	const char *plus = strrchr(method, '+');
	if (plus)
		for (size_t k = 0; k < sizeof names / sizeof *names; k++)
			if (strcmp(plus + 1, names[k]) == 0)
				return names[k];
	return "";
}

/* The head of a table: of the tests (PAIRWISE NULL) or of a post-hoc
 * family's pairs (its first row). */
static void
write_head(FILE *o, const report_layout *lay, const char *caption, const report_line *pairwise)
{
	const char *cols[7];
	size_t nc = 0;
	if (pairwise) {
		cols[nc++] = strcmp(pairwise->test, "chi2-residuals") == 0 ? "Cell" : "Pair";
		cols[nc++] = report_latex ? "$n$" : "n";
	} else {
		cols[nc++] = "No.";
		if (lay->h)
			cols[nc++] = "Hypothesis";
	}
	cols[nc++] = "Test statistic";
	cols[nc++] = report_latex ? "$p$" : "p";
	if (lay->padj)
		cols[nc++] = report_latex ? "$p^*$" : "p*";
	if (lay->effect)
		cols[nc++] = "Effect size";
	if (report_latex) {
		if (caption) {
			fputs("\\begin{table}\n\\caption{", o);
			report_put_text(o, caption);
			fputs("}\n", o);
		}
		fputs("\\begin{tabular}{", o);
		for (size_t k = 0; k < nc; k++)
			fputs(k == 1 && lay->h && !pairwise ? "p{0.45\\linewidth}" : "l", o);
		fputs("}\n\\hline\n", o);
		for (size_t k = 0; k < nc; k++)
			fprintf(o, "%s%s", k ? " & " : "", cols[k]);
		fputs(" \\\\\n\\hline\n", o);
		return;
	}
	if (caption) {
		report_put_lead(o, caption);
		fputs("\n\n", o);
	}
	fputs("|", o);
	for (size_t k = 0; k < nc; k++)
		fprintf(o, " %s |", cols[k]);
	fputs("\n|", o);
	for (size_t k = 0; k < nc; k++)
		fputs("---|", o);
	fputs("\n", o);
}

static void
write_row(FILE *o, const report_layout *lay, const report_line *l)
{
	const char *cells[7];
	size_t k = 0, ntext;
	if (l->pair) {
		cells[k++] = l->pair;
		cells[k++] = l->n;
	} else {
		cells[k++] = l->id;
		if (lay->h) {
			const char *t = report_pairs_text(lay->h, l->id);
			cells[k++] = t ? t : "";
		}
	}
	ntext = l->pair ? 1 : k;
	cells[k++] = l->stat;
	cells[k++] = l->p;
	if (lay->padj)
		cells[k++] = l->padj;
	if (lay->effect)
		cells[k++] = l->effect;
	for (size_t j = 0; j < k; j++) {
		/* the effect size comes escaped (report_effect) */
		int text = j < ntext;
		fputs(report_latex ? (j ? " & " : "") : (j ? " " : "| "), o);
		if (text && (j == 0 || !report_latex))
			report_put_lead(o, cells[j]);
		else if (text)
			report_put_text(o, cells[j]);
		else
			fputs(cells[j], o);
		if (!report_latex)
			fputs(" |", o);
	}
	fputs(report_latex ? " \\\\\n" : "\n", o);
}

/* Whether line L belongs to the table of FAMILY (NULL: any) and of the
 * post-hoc family ID (NULL: the tests). */
static int
in_table(const report_line *l, const char *family, const char *id)
{
	if (family && strcmp(l->family, family) != 0)
		return 0;
	return id ? l->pair && strcmp(l->id, id) == 0 : !l->pair;
}

/* The adjustment of the p of post-hoc family ID, as its first row says. */
static const char *
first_adjust(const report_line *lines, size_t n, const char *family, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (in_table(&lines[i], family, id))
			return lines[i].adjust;
	return "";
}

/* The note under a table: the methods of its intervals, when it has any;
 * under a post-hoc family's, the adjustment of its p. */
static void
write_note(FILE *o, const report_line *lines, size_t n, const char *family, const char *id)
{
	size_t seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (!in_table(&lines[i], family, id) || !*lines[i].ci_method)
			continue;
		size_t j = 0;
		while (j < i && !(in_table(&lines[j], family, id) &&
		                  strcmp(lines[j].ci_method, lines[i].ci_method) == 0))
			j++;
		if (j < i)
			continue;
		if (!seen++)
			fputs(report_latex ? "\\textit{Note.} CI: confidence interval (" :
			      "\n*Note.* CI: confidence interval (", o);
		else
			fputs(", ", o);
		report_put_text(o, lines[i].ci_method);
	}
	if (seen)
		fputs(").\n", o);
	if (id && *first_adjust(lines, n, family, id)) {
		fputs(report_latex ? "\\textit{Note.} $p$ adjusted within the family (" :
		      "\n*Note.* p adjusted within the family (", o);
		report_put_text(o, first_adjust(lines, n, family, id));
		fputs(").\n", o);
	}
}

static void
write_one(FILE *o, const report_layout *lay, const report_line *lines, size_t n,
          const char *family, const char *id, const char *caption, const report_line *first)
{
	write_head(o, lay, caption, first);
	for (size_t i = 0; i < n; i++)
		if (in_table(&lines[i], family, id))
			write_row(o, lay, &lines[i]);
	if (report_latex)
		fputs("\\hline\n\\end{tabular}\n", o);
	write_note(o, lines, n, family, id);
	if (report_latex && caption)
		fputs("\\end{table}\n", o);
}

/* One table of the tests of FAMILY (NULL: all), titled CAPTION (or none),
 * then one of the pairs or cells of each post-hoc family among them (titled
 * "Pairwise comparisons of ID (TEST): HYPOTHESIS", or CAPTION when it is the
 * only one). */
void
report_table(FILE *o, const report_layout *lay, const report_line *lines, size_t n,
             const char *family, const char *caption)
{
	size_t tests = 0, posthocs = 0;
	for (size_t i = 0; i < n; i++) {
		if (in_table(&lines[i], family, NULL))
			tests++;
		else if (in_table(&lines[i], family, lines[i].id) &&
		         (i == 0 || !lines[i - 1].pair || strcmp(lines[i - 1].id, lines[i].id) != 0))
			posthocs++;
	}
	int written = 0;
	if (tests) {
		write_one(o, lay, lines, n, family, NULL, caption, NULL);
		written = 1;
	}
	for (size_t i = 0; i < n; i++) {
		const report_line *l = &lines[i];
		if (!in_table(l, family, l->id) ||
		    (i > 0 && lines[i - 1].pair && strcmp(lines[i - 1].id, l->id) == 0))
			continue;
		char *title = NULL;
		if (!caption || tests || posthocs > 1) {
			const char *h = lay->h ? report_pairs_text(lay->h, l->id) : NULL;
			sbuf b = {0};
			sbuf_addf(&b, "Pairwise comparisons of %s (%s)", l->id, l->test);
			if (h && *h)
				sbuf_addf(&b, ": %s", h);
			title = sbuf_take(&b);
		}
		if (written++)
			fputs("\n", o);
		write_one(o, lay, lines, n, family, l->id, title ? title : caption, l);
		free(title);
	}
}

/* The title of FAMILY's table with --by-family: its --captions line, else
 * FMT with "%s" replaced by the family's name (the first "%s" only), by
 * default "Hypotheses of the family NAME". */
char *
report_family_caption(const report_pairs *captions, const char *fmt,
                      const char *family)
{
	const char *own_title = report_pairs_text(captions, family);
	if (own_title)
		return xstrdup(own_title);
	if (!fmt)
		fmt = "Hypotheses of the family %s";
	const char *at = strstr(fmt, "%s");
	if (!at)
		return xstrdup(fmt);
	size_t head = (size_t)(at - fmt);
	char *s = xmalloc(strlen(fmt) + strlen(family) + 1);
	memcpy(s, fmt, head);
	strcpy(s + head, family);
	strcat(s, at + 2);
	return s;
}

/* ---- --fill: the number fields of a text -------------------------------- */

/* A growing text (the page being filled). */
typedef struct {
	char *s;
	size_t n, cap;
} text;

static void
text_add(text *t, const char *s, size_t n)
{
	t->s = xgrow(t->s, &t->cap, t->n + n + 1, 1);
	memcpy(t->s + t->n, s, n);
	t->n += n;
	t->s[t->n] = '\0';
}

static void
text_puts(text *t, const char *s)
{
	text_add(t, s, strlen(s));
}

/* One field's text "KIND VALUE" (NUL-terminated) of line LINENO, formatted. */
static void
fill_field(text *o, const char *name, size_t lineno, const char *field)
{
	char kind[8], buf[APA_BUFSIZE];
	const char *sp = strchr(field, ' ');
	size_t kl = sp ? (size_t)(sp - field) : 0;
	if (!sp || kl == 0 || kl >= sizeof kind)
		die_at(name, lineno, NULL, field, "a number field is \\001KIND VALUE\\002");
	memcpy(kind, field, kl);
	kind[kl] = '\0';
	double x;
	enum num_status st = num_parse(sp + 1, &x);
	if (st != NUM_OK)
		die_at(name, lineno, NULL, sp + 1, "number field '%s': %s", kind, num_strerror(st));
	if (strcmp(kind, "a") == 0) {
		text_puts(o, apa_bounded(buf, x, 3));
	} else if (strcmp(kind, "p") == 0 || strcmp(kind, "P") == 0) {
		if (!(x >= 0 && x <= 1))
			die_at(name, lineno, NULL, sp + 1, "a p-value must be in [0, 1]");
		apa_p(buf, x);
		if (kind[0] == 'P' && buf[0] != '<' && buf[0] != '>')
			text_puts(o, "= ");
		text_puts(o, buf);
	} else if ((kind[0] == 'f' || kind[0] == '%') && kind[1] >= '0' && kind[1] <= '9' &&
	           (kind[2] == '\0' || (kind[2] >= '0' && kind[2] <= '9' && kind[3] == '\0'))) {
		int dec = atoi(kind + 1);
		if (dec > 17)
			die_at(name, lineno, NULL, kind, "number field: at most 17 decimals");
		text_puts(o, apa_fixed(buf, kind[0] == '%' ? 100 * x : x, dec));
		if (kind[0] == '%')
			text_puts(o, " %");
	} else {
		die_at(name, lineno, NULL, kind, "unknown number field (a, p, P, fN, %%N)");
	}
}

/* The whole of IN, NUL-terminated (a NUL inside is an error). */
static char *
read_all(FILE *in, const char *name, size_t *len)
{
	char *s = NULL;
	size_t n = 0, cap = 0, got;
	do {
		s = xgrow(s, &cap, n + 4096 + 1, 1);
		got = fread(s + n, 1, cap - n - 1, in);
		n += got;
	} while (got > 0);
	if (ferror(in))
		die_errno("%s", name);
	s[n] = '\0';
	if (strlen(s) != n)
		die_at(name, 0, NULL, NULL, "a NUL byte in the text");
	*len = n;
	return s;
}

/* Copy IN to standard output, its number fields formatted; nothing is
 * written unless every field is good. */
void
report_fill(FILE *in, const char *name)
{
	size_t len, lineno = 1;
	char *all = read_all(in, name, &len);
	text o = {0};
	for (char *s = all; *s;) {
		size_t plain = strcspn(s, "\001\002\n");
		text_add(&o, s, plain);
		s += plain;
		if (*s == '\n') {
			text_add(&o, s++, 1);
			lineno++;
		} else if (*s == '\002') {
			die_at(name, lineno, NULL, NULL, "a number field without its start (\\001)");
		} else if (*s == '\001') {
			char *end = s + 1 + strcspn(s + 1, "\001\002\n");
			if (*end != '\002')
				die_at(name, lineno, NULL, NULL, "a number field without its end (\\002)");
			*end = '\0';
			fill_field(&o, name, lineno, s + 1);
			s = end + 1;
		}
	}
	out_begin();
	if (o.n)
		fwrite(o.s, 1, o.n, stdout);
	close_stdout();
	free(o.s);
	free(all);
}
