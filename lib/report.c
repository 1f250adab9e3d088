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

int report_latex;

/* Write S escaped for the output format: a Markdown cell keeps its column
 * ('|' escaped) and shows HTML as text ('<' and '>' as entities); LaTeX
 * escapes its specials. A line break or tab becomes a space. */
void
report_put_text(FILE *fp, const char *s)
{
	for (const char *c = s; *c; c++) {
		if (*c == '\n' || *c == '\t' || *c == '\r') {
			fputc(' ', fp);
			continue;
		}
		if (!report_latex) {
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

char *
report_stat(tsv_reader *r, const char *name, double stat, double df, const char *sizes,
            double umin, int u_min)
{
	char buf[1024], d[NUM_BUFSIZE], v[APA_BUFSIZE];
	const char *fmt;
	format_df(r, name, df, d);
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
		       "unknown statistic (rho, r, chi2, H or U)");
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

/* The effect size: --digits significant digits, else DECIMALS decimals. */
char *
report_effect(const char *name, double e, long decimals)
{
	char buf[APA_BUFSIZE + 272], v[APA_BUFSIZE];
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

static void
write_head(FILE *o, const report_layout *lay, const char *caption)
{
	const char *cols[6];
	size_t nc = 0;
	cols[nc++] = "No.";
	if (lay->h)
		cols[nc++] = "Hypothesis";
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
			fputs(k == 1 && lay->h ? "p{0.45\\linewidth}" : "l", o);
		fputs("}\n\\hline\n", o);
		for (size_t k = 0; k < nc; k++)
			fprintf(o, "%s%s", k ? " & " : "", cols[k]);
		fputs(" \\\\\n\\hline\n", o);
		return;
	}
	if (caption) {
		report_put_text(o, caption);
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
	const char *cells[6];
	size_t k = 0;
	cells[k++] = l->id;
	if (lay->h) {
		const char *t = report_pairs_text(lay->h, l->id);
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
		fputs(report_latex ? (j ? " & " : "") : (j ? " " : "| "), o);
		if (text)
			report_put_text(o, cells[j]);
		else
			fputs(cells[j], o);
		if (!report_latex)
			fputs(" |", o);
	}
	fputs(report_latex ? " \\\\\n" : "\n", o);
}

/* One table of the LINES of FAMILY (NULL: all), titled CAPTION (or none). */
void
report_table(FILE *o, const report_layout *lay, const report_line *lines, size_t n,
             const char *family, const char *caption)
{
	write_head(o, lay, caption);
	for (size_t i = 0; i < n; i++)
		if (!family || strcmp(lines[i].family, family) == 0)
			write_row(o, lay, &lines[i]);
	if (report_latex) {
		fputs("\\hline\n\\end{tabular}\n", o);
		if (caption)
			fputs("\\end{table}\n", o);
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
