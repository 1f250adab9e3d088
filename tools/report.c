/* report: format test-hypothesis rows as the table a paper prints. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apa.h"
#include "cli.h"
#include "cols.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "out.h"
#include "tsv.h"

enum { OPT_BY_FAMILY = CLI_OWN, OPT_CAPTION, OPT_CAPTIONS, OPT_EFFECT, OPT_LATEX,
       OPT_U_FIRST, OPT_DECIMALS, OPT_FILL };

static const cli_opt own[] = {
	{'H', "hypotheses", 'H', "FILE", "a TSV with columns 'id' and 'hypothesis' (the\n"
	 "test-hypothesis plan): the hypothesis texts"},
	{'f', "family", 'f', "NAME", "only the rows of this family (column 'family');\n"
	 "a family the input lacks is an error that names\nthe families it has"},
	{OPT_BY_FAMILY, "by-family", 0, NULL, "one table a family (column 'family'), in input\n"
	 "order, each titled by --caption with %s the\nfamily (default 'Hypotheses of the family %s')"},
	{OPT_CAPTIONS, "captions", 0, "FILE", "with --by-family: a TSV with columns 'family' and\n"
	 "'caption', the title of that family's table"},
	{OPT_LATEX, "latex", 0, NULL, "a LaTeX tabular instead of a Markdown table"},
	{OPT_CAPTION, "caption", 0, "TEXT", "a title line (Markdown) or caption (LaTeX table)"},
	{OPT_EFFECT, "effect", 0, NULL, "add a column with the effect size and its name"},
	{OPT_U_FIRST, "u-first", 0, NULL, "print U of the first group (scipy >= 1.7) instead\n"
	 "of the smaller U (the paper's, scipy < 1.7)"},
	{OPT_DECIMALS, "decimals", 0, "N", "decimals of the effect size, 0 to 17 (default 3)"},
	{CLI_DIGITS, NULL, 0, NULL, "the effect size with N significant digits (1 to 17)\n"
	 "instead of --decimals"},
	{OPT_FILL, "fill", 0, NULL, "copy a text, its number fields formatted (below)"},
	{CLI_QUIET, NULL, 0, NULL, "no warning about hypotheses without a text"},
	{0},
};

static const cli_tool tool = {
	.name = "report",
	.synopsis = "[OPTION]... [FILE]",
	.about = "Format rows of test results (svy test-hypothesis, then bh-correct) as the\n"
	         "table a paper prints, in Markdown or LaTeX: one line per test with its id,\n"
	         "the hypothesis, the statistic in APA style (r(81) = .073, chi2(4) = 0.89,\n"
	         "U(41, 42) = 584.0), p and, when the input has 'p_adj', p*.",
	.epilog = "Numbers follow APA: no leading zero for r and p, p to three decimals and\n"
	          "'< .001' below that, '> .999' when it rounds to 1; chi-square and H (printed\n"
	          "as chi2, as the paper does) to two decimals, U to one; no '-.000'. Reads the\n"
	          "columns id, test, statistic, statistic_name, df, group_sizes, u_min, p (and\n"
	          "p_adj, effect_size, effect_name when present) by name, and checks them: r\n"
	          "and rho in [-1, 1], p in [0, 1], df and group sizes non-negative whole\n"
	          "numbers, U at most n1 * n2. Markdown cells escape '|', '<' and '>'.\n"
	          "\n"
	          "--fill copies FILE, each field \\001KIND VALUE\\002 replaced by VALUE in the\n"
	          "same formats: KIND 'a' (three decimals, no leading zero), 'p' (a p-value),\n"
	          "'P' (a p-value after 'p': '= .xxx', '< .001', '> .999'), 'fN' (N decimals),\n"
	          "'%N' (a share as a percentage, N decimals, then ' %'). The study's one-page\n"
	          "report is written so.",
	.common = CLI_INPUT | CLI_OUTPUT | CLI_QUIET | CLI_DIGITS,
	.opts = own,
};

typedef struct {
	const char *hyp_path, *family, *caption, *captions_path;
	int effect, u_first, by_family, fill, quiet;
	long decimals;
} options;

/* The output format: Markdown unless --latex. */
static int latex;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case 'H': o->hyp_path = arg; break;
	case 'f': o->family = arg; break;
	case OPT_BY_FAMILY: o->by_family = 1; break;
	case OPT_CAPTIONS: o->captions_path = arg; break;
	case OPT_LATEX: latex = 1; break;
	case OPT_CAPTION: o->caption = arg; break;
	case OPT_EFFECT: o->effect = 1; break;
	case OPT_U_FIRST: o->u_first = 1; break;
	case OPT_DECIMALS: o->decimals = opt_long(arg, 0, 17, "--decimals"); break;
	case OPT_FILL: o->fill = 1; break;
	}
}

typedef struct {
	char *id, *family, *stat, *p, *padj, *effect;
} line;

/* Write S escaped for the output format: a Markdown cell keeps its column
 * ('|' escaped) and shows HTML as text ('<' and '>' as entities); LaTeX
 * escapes its specials. A line break or tab becomes a space. */
static void
put_text(FILE *fp, const char *s)
{
	for (const char *c = s; *c; c++) {
		if (*c == '\n' || *c == '\t' || *c == '\r') {
			fputc(' ', fp);
			continue;
		}
		if (!latex) {
			switch (*c) {
			case '|': fputs("\\|", fp); break;
			case '<': fputs("&lt;", fp); break;
			case '>': fputs("&gt;", fp); break;
			default: fputc(*c, fp);
			}
			continue;
		}
		switch (*c) {
		case '\\': fputs("\\textbackslash{}", fp); break;
		case '~': fputs("\\textasciitilde{}", fp); break;
		case '^': fputs("\\textasciicircum{}", fp); break;
		case '&': case '%': case '$': case '#': case '_': case '{': case '}':
			fputc('\\', fp);
			fputc(*c, fp);
			break;
		default: fputc(*c, fp);
		}
	}
}

static char *
format_p(double p)
{
	char buf[APA_BUFSIZE];
	apa_p(buf, p);
	if (latex && (buf[0] == '<' || buf[0] == '>')) {
		char l[APA_BUFSIZE + 8];
		snprintf(l, sizeof l, "$%c$%s", buf[0], buf + 1);
		return xstrdup(l);
	}
	return xstrdup(buf);
}

/* Field I of R as a number, or NAN when empty; a non-number is an error. */
static double
number(tsv_reader *r, long i)
{
	double x = NAN;
	if (i >= 0)
		tsv_number(r, (size_t)i, &x);
	return x;
}

/* X for a message, as every svy tool writes numbers. */
static const char *
shown(char v[NUM_BUFSIZE], double x)
{
	return num_format(v, x);
}

/* The degrees of freedom as text (empty when absent): a whole number >= 0. */
static void
format_df(tsv_reader *r, const char *name, double df, char d[NUM_BUFSIZE])
{
	char v[NUM_BUFSIZE];
	d[0] = '\0';
	if (strcmp(name, "U") != 0 && isnan(df))
		die_at(r->name, r->lineno, "df", NULL, "missing degrees of freedom for '%s'", name);
	if (isnan(df))
		return;
	if (df < 0 || df != floor(df) || df > 1e15)
		die_at(r->name, r->lineno, "df", shown(v, df),
		       "degrees of freedom must be a whole number >= 0");
	snprintf(d, NUM_BUFSIZE, "%.0f", df);
}

static int
is_correlation(const char *name)
{
	return strcmp(name, "rho") == 0 || strcmp(name, "r") == 0;
}

/* A statistic in its range: a correlation in [-1, 1], any other >= 0. */
static void
check_stat(tsv_reader *r, const char *name, double stat)
{
	char v[NUM_BUFSIZE];
	if (is_correlation(name) && !(stat >= -1 && stat <= 1))
		die_at(r->name, r->lineno, "statistic", shown(v, stat),
		       "a correlation must be in [-1, 1]");
	if (!is_correlation(name) && stat < 0)
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

static char *
format_stat(tsv_reader *r, const char *name, double stat, double df, const char *sizes,
            double umin, int u_first)
{
	char buf[1024], d[NUM_BUFSIZE], v[APA_BUFSIZE];
	format_df(r, name, df, d);
	check_stat(r, name, stat);
	if (is_correlation(name)) {
		apa_bounded(v, stat, 3);
		snprintf(buf, sizeof buf, latex ? "$r_{(%s)} = %s$" : "r(%s) = %s", d, v);
	} else if (strcmp(name, "chi2") == 0 || strcmp(name, "H") == 0) {
		apa_fixed(v, stat, 2);
		snprintf(buf, sizeof buf, latex ? "$\\chi^2_{(%s)} = %s$" : "χ²(%s) = %s", d, v);
	} else if (strcmp(name, "U") == 0) {
		double n[2];
		char t1[32], t2[32];
		group_sizes(r, sizes, n, t1, t2);
		check_u(r, "statistic", stat, n, sizes);
		check_u(r, "u_min", umin, n, sizes);
		apa_fixed(v, u_first || isnan(umin) ? stat : umin, 1);
		snprintf(buf, sizeof buf, latex ? "$U_{(%s, %s)} = %s$" : "U(%s, %s) = %s", t1, t2, v);
	} else {
		die_at(r->name, r->lineno, "statistic_name", name,
		       "unknown statistic (rho, r, chi2, H or U)");
	}
	return xstrdup(buf);
}

/* Two columns of a TSV read into pairs: id -> hypothesis text (the plan), or
 * family -> caption (--captions). */
typedef struct {
	char **key, **text;
	size_t n;
} pairs;

static void
read_pairs(const char *path, const char *kcol, const char *tcol, pairs *h)
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

static const char *
text_of(const pairs *h, const char *key)
{
	for (size_t k = 0; k < h->n; k++)
		if (strcmp(h->key[k], key) == 0)
			return h->text[k];
	return NULL;
}

static void
pairs_free(pairs *h)
{
	for (size_t k = 0; k < h->n; k++) {
		free(h->key[k]);
		free(h->text[k]);
	}
	free(h->key);
	free(h->text);
}

/* A p-value must be a probability. */
static void
check_p(tsv_reader *r, const char *column, double p)
{
	char v[NUM_BUFSIZE];
	if (!(p >= 0 && p <= 1))
		die_at(r->name, r->lineno, column, shown(v, p), "a p-value must be in [0, 1]");
}

/* The families of the input, in order of first appearance. */
typedef struct {
	char **name;
	size_t n, cap;
} families;

static void
families_add(families *f, const char *name)
{
	for (size_t k = f->n; k-- > 0;)
		if (strcmp(f->name[k], name) == 0)
			return;
	f->name = xgrow(f->name, &f->cap, f->n + 1, sizeof *f->name);
	f->name[f->n++] = xstrdup(name);
}

static void
families_free(families *f)
{
	for (size_t k = 0; k < f->n; k++)
		free(f->name[k]);
	free(f->name);
}

/* -f NAME matched no row: an error that names the families the input has
 * (the list stays reachable for the leak checker: static). */
static noreturn void
die_no_family(tsv_reader *r, const char *family, const families *f)
{
	static char *list;
	if (f->n == 0)
		die_at(r->name, 0, "family", NULL, "no family '%s': the input has no rows", family);
	size_t len = 1;
	for (size_t k = 0; k < f->n; k++)
		len += strlen(f->name[k]) + 4;
	list = xmalloc(len);
	list[0] = '\0';
	for (size_t k = 0; k < f->n; k++) {
		strcat(list, k ? ", '" : "'");
		strcat(list, f->name[k]);
		strcat(list, "'");
	}
	die_at(r->name, 0, "family", NULL, "no family '%s'; the families are %s", family, list);
}

/* The columns of the input: required, and (-1) absent or not needed. */
typedef struct {
	size_t id, stat, name, p;
	long df, sizes, umin, adj, eff, ename, fam;
} incols;

/* The effect size: --digits significant digits, else DECIMALS decimals. */
static char *
format_effect(const char *name, double e, long decimals)
{
	char buf[APA_BUFSIZE + 256], v[APA_BUFSIZE];
	if (isnan(e))
		return xstrdup("");
	if (num_digits > 0) {
		snprintf(v, sizeof v, "%.*g", num_digits, e);
		if (strcmp(v, "-0") == 0)
			strcpy(v, "0");
	} else {
		apa_fixed(v, e, (int)decimals);
	}
	snprintf(buf, sizeof buf, "%.255s = %s", name, v);
	return xstrdup(buf);
}

/* The cells of the current row of R, checked and formatted. */
static void
read_line(line *l, tsv_reader *r, const incols *c, const options *o)
{
	memset(l, 0, sizeof *l);
	l->id = xstrdup(tsv_get(r, c->id));
	l->family = xstrdup(c->fam >= 0 ? tsv_get(r, (size_t)c->fam) : "");
	double stat = number(r, (long)c->stat), p = number(r, (long)c->p);
	if (isnan(stat))
		die_at(r->name, r->lineno, "statistic", NULL, "missing statistic");
	if (isnan(p))
		die_at(r->name, r->lineno, "p", NULL, "missing p-value");
	check_p(r, "p", p);
	const char *sizes = c->sizes >= 0 ? tsv_get(r, (size_t)c->sizes) : "";
	l->stat = format_stat(r, tsv_get(r, c->name), stat, number(r, c->df), sizes,
	                      number(r, c->umin), o->u_first);
	l->p = format_p(p);
	if (c->adj >= 0) {
		double q = number(r, c->adj);
		if (!isnan(q))
			check_p(r, "p_adj", q);
		l->padj = isnan(q) ? xstrdup("") : format_p(q);
	}
	if (c->eff >= 0)
		l->effect = format_effect(tsv_get(r, (size_t)c->ename), number(r, c->eff),
		                          o->decimals);
}

static void
line_free(line *l)
{
	free(l->id);
	free(l->family);
	free(l->stat);
	free(l->p);
	free(l->padj);
	free(l->effect);
}

/* What the table shows besides id, statistic and p. */
typedef struct {
	const pairs *h;	/* the hypothesis texts, or NULL */
	int padj, effect;
} layout;

static void
write_head(FILE *o, const layout *lay, const char *caption)
{
	const char *cols[6];
	size_t nc = 0;
	cols[nc++] = "No.";
	if (lay->h)
		cols[nc++] = "Hypothesis";
	cols[nc++] = "Test statistic";
	cols[nc++] = latex ? "$p$" : "p";
	if (lay->padj)
		cols[nc++] = latex ? "$p^*$" : "p*";
	if (lay->effect)
		cols[nc++] = "Effect size";
	if (latex) {
		if (caption) {
			fputs("\\begin{table}\n\\caption{", o);
			put_text(o, caption);
			fputs("}\n", o);
		}
		fputs("\\begin{tabular}{", o);
		for (size_t k = 0; k < nc; k++)
			fputs(k == 1 && lay->h ? "p{0.45\\linewidth}" : "l", o);
		fputs("}\n\\hline\n", o);
		for (size_t k = 0; k < nc; k++)
			fprintf(o, "%s%s", k ? " & " : "", cols[k]);
		fputs(" \\\\\n\\hline\n", o);
		return;
	}
	if (caption) {
		put_text(o, caption);
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
write_row(FILE *o, const layout *lay, const line *l)
{
	const char *cells[6];
	size_t k = 0;
	cells[k++] = l->id;
	if (lay->h) {
		const char *t = text_of(lay->h, l->id);
		cells[k++] = t ? t : "";
	}
	cells[k++] = l->stat;
	cells[k++] = l->p;
	if (lay->padj)
		cells[k++] = l->padj;
	if (lay->effect)
		cells[k++] = l->effect;
	for (size_t j = 0; j < k; j++) {
		int text = j == 0 || (lay->h && j == 1) || (lay->effect && j == k - 1);
		fputs(latex ? (j ? " & " : "") : (j ? " " : "| "), o);
		if (text)
			put_text(o, cells[j]);
		else
			fputs(cells[j], o);
		if (!latex)
			fputs(" |", o);
	}
	fputs(latex ? " \\\\\n" : "\n", o);
}

/* One table of the LINES of FAMILY (NULL: all), titled CAPTION (or none). */
static void
write_table(FILE *o, const layout *lay, const line *lines, size_t n, const char *family,
            const char *caption)
{
	write_head(o, lay, caption);
	for (size_t i = 0; i < n; i++)
		if (!family || strcmp(lines[i].family, family) == 0)
			write_row(o, lay, &lines[i]);
	if (latex) {
		fputs("\\hline\n\\end{tabular}\n", o);
		if (caption)
			fputs("\\end{table}\n", o);
	}
}

/* The title of FAMILY's table with --by-family: its --captions line, else
 * FMT with "%s" replaced by the family's name (the first "%s" only), by
 * default "Hypotheses of the family NAME". */
static char *
family_caption(const pairs *captions, const char *fmt, const char *family)
{
	const char *own_title = text_of(captions, family);
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
static void
fill(FILE *in, const char *name)
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

/* ---- the tables ---------------------------------------------------------- */

/* Every test row of R (of O->family only, when set), checked and formatted,
 * into *LINES; the families seen into FAMS. */
static size_t
read_lines(tsv_reader *r, const options *o, const pairs *h, families *fams, line **lines)
{
	incols c = {
		cols_require(r, "id"), cols_require(r, "statistic"),
		cols_require(r, "statistic_name"), cols_require(r, "p"),
		cols_find(r, "df"), cols_find(r, "group_sizes"), cols_find(r, "u_min"),
		cols_find(r, "p_adj"), o->effect ? cols_find(r, "effect_size") : -1,
		cols_find(r, "effect_name"),
		o->family || o->by_family ? (long)cols_require(r, "family") : -1,
	};
	if (o->effect && (c.eff < 0 || c.ename < 0))
		die_usage("--effect: the input has no 'effect_size' and 'effect_name' columns");
	size_t n = 0, cap = 0;
	while (tsv_next(r)) {
		if (c.fam >= 0) {
			families_add(fams, tsv_get(r, (size_t)c.fam));
			if (o->family && strcmp(tsv_get(r, (size_t)c.fam), o->family) != 0)
				continue;
		}
		*lines = xgrow(*lines, &cap, n + 1, sizeof **lines);
		line *l = &(*lines)[n++];
		read_line(l, r, &c, o);
		if (o->hyp_path && !o->quiet && !text_of(h, l->id))
			warn("%s: no hypothesis text for '%s'", o->hyp_path, l->id);
	}
	return n;
}

int
main(int argc, char **argv)
{
	options o = {.decimals = 3};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	o.quiet = c.quiet;
	if (o.by_family && o.family)
		die_usage("--by-family and --family: one table a family, or one family");
	if (o.captions_path && !o.by_family)
		die_usage("--captions: the titles of the tables of --by-family");
	FILE *in = cli_input(&c);
	if (o.fill) {
		fill(in, c.in_name);
		cli_free(&c);
		return 0;
	}
	pairs h = {0}, captions = {0};
	if (o.hyp_path)
		read_pairs(o.hyp_path, "id", "hypothesis", &h);
	if (o.captions_path)
		read_pairs(o.captions_path, "family", "caption", &captions);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	line *lines = NULL;
	families fams = {0};
	size_t n = read_lines(&r, &o, &h, &fams, &lines);
	if (o.family && n == 0)
		die_no_family(&r, o.family, &fams);
	if (n == 0)
		die_at(r.name, 0, NULL, NULL, "no test rows: an empty table is not written");

	layout lay = {o.hyp_path ? &h : NULL, 0, o.effect};
	lay.padj = cols_find(&r, "p_adj") >= 0;
	out_begin();
	if (o.by_family) {
		for (size_t k = 0; k < fams.n; k++) {
			char *title = family_caption(&captions, o.caption, fams.name[k]);
			if (k)
				fputs("\n", stdout);
			write_table(stdout, &lay, lines, n, fams.name[k], title);
			free(title);
		}
	} else {
		write_table(stdout, &lay, lines, n, NULL, o.caption);
	}
	close_stdout();
	families_free(&fams);
	for (size_t i = 0; i < n; i++)
		line_free(&lines[i]);
	free(lines);
	pairs_free(&h);
	pairs_free(&captions);
	tsv_free(&r);
	cli_free(&c);
	return 0;
}
