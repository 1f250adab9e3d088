/* report: format test-hypothesis rows as the table a paper prints. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

static void
usage(void)
{
	printf("usage: %s [OPTION]... [FILE]\n"
	       "Format rows of test results (svy test-hypothesis, then bh-correct) as the\n"
	       "table a paper prints, in Markdown or LaTeX: one line per test with its id,\n"
	       "the hypothesis, the statistic in APA style (r(81) = .073, chi2(4) = 0.89,\n"
	       "U(41, 42) = 584.0), p and, when the input has 'p_adj', p*.\n"
	       "\n"
	       "  -i, --input FILE       read FILE (as the operand FILE; '-' is stdin)\n"
	       "  -H, --hypotheses FILE  a TSV with columns 'id' and 'hypothesis' (the\n"
	       "                         test-hypothesis plan): the hypothesis texts\n"
	       "  -f, --family NAME      only the rows of this family (column 'family');\n"
	       "                         a family the input lacks is an error that names\n"
	       "                         the families it has\n"
	       "      --by-family        one table a family (column 'family'), in input\n"
	       "                         order, each titled by --caption with %%s the\n"
	       "                         family (default 'Hypotheses of the family %%s')\n"
	       "      --latex            a LaTeX tabular instead of a Markdown table\n"
	       "      --caption TEXT     a title line (Markdown) or caption (LaTeX table)\n"
	       "      --effect           add a column with the effect size and its name\n"
	       "      --u-first          print U of the first group (scipy >= 1.7) instead\n"
	       "                         of the smaller U (the paper's, scipy < 1.7)\n"
	       "      --digits N         decimals of the effect size (default 3)\n"
	       "  -q, --quiet            no warning about hypotheses without a text\n"
	       "  -o, --output FILE      write to FILE, complete or not at all\n"
	       "      --help             show this help and exit\n"
	       "      --version          show the version and exit\n"
	       "\n"
	       "Numbers follow APA: no leading zero for r and p, p to three decimals and\n"
	       "'< .001' below that; chi-square and H (printed as chi2, as the paper does) to\n"
	       "two decimals, U to one. Reads the columns id, test, statistic,\n"
	       "statistic_name, df, group_sizes, u_min, p (and p_adj, effect_size,\n"
	       "effect_name when present) by name, and checks them: r and rho in [-1, 1],\n"
	       "p in [0, 1], df and group sizes non-negative whole numbers.\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog);
	exit(0);
}

typedef struct {
	char *id, *family, *stat, *p, *padj, *effect;
} line;

static int latex;

/* Write S escaped for the output format (Markdown or LaTeX). */
static void
put_text(FILE *fp, const char *s)
{
	for (const char *c = s; *c; c++) {
		if (!latex) {
			if (*c == '|')
				fputs("\\|", fp);
			else if (*c == '\n' || *c == '\t' || *c == '\r')
				fputc(' ', fp);
			else
				fputc(*c, fp);
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
		case '\n': case '\t': case '\r': fputc(' ', fp); break;
		default: fputc(*c, fp);
		}
	}
}

/* X with DEC decimals, without the leading zero of |x| < 1 (APA for values
 * that cannot exceed 1). */
static char *
no_leading_zero(double x, int dec)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", dec, x);
	char *s = buf;
	if (strncmp(s, "0.", 2) == 0)
		s++;
	else if (strncmp(s, "-0.", 3) == 0)
		memmove(s + 1, s + 2, strlen(s + 2) + 1);
	return xstrdup(s);
}

static char *
format_p(double p)
{
	if (p < 0.001)
		return xstrdup(latex ? "$<$ .001" : "< .001");
	char buf[64];
	snprintf(buf, sizeof buf, "%.3f", p);
	if (strcmp(buf, "1.000") == 0)
		return xstrdup(latex ? "$>$ .999" : "> .999");
	return no_leading_zero(p, 3);
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

static char *
format_stat(tsv_reader *r, const char *name, double stat, double df, const char *sizes,
            double umin, int u_first)
{
	char buf[512], d[NUM_BUFSIZE];
	int saved = num_digits;
	int needs_df = strcmp(name, "U") != 0;
	if (needs_df && isnan(df))
		die_at(r->name, r->lineno, "df", NULL, "missing degrees of freedom for '%s'", name);
	if (!isnan(df) && (df < 0 || df != floor(df) || df > 1e15)) {
		char v[NUM_BUFSIZE];
		num_format(v, df);
		die_at(r->name, r->lineno, "df", v, "degrees of freedom must be a whole number >= 0");
	}
	num_digits = 0;
	d[0] = '\0';
	if (!isnan(df))
		num_format(d, df);
	num_digits = saved;
	if ((strcmp(name, "rho") == 0 || strcmp(name, "r") == 0) && !(stat >= -1 && stat <= 1)) {
		char v[NUM_BUFSIZE];
		num_format(v, stat);
		die_at(r->name, r->lineno, "statistic", v, "a correlation must be in [-1, 1]");
	}
	if (strcmp(name, "rho") != 0 && strcmp(name, "r") != 0 && stat < 0) {
		char v[NUM_BUFSIZE];
		num_format(v, stat);
		die_at(r->name, r->lineno, "statistic", v, "'%s' cannot be negative", name);
	}
	if (strcmp(name, "rho") == 0 || strcmp(name, "r") == 0) {
		char *v = no_leading_zero(stat, 3);
		if (latex)
			snprintf(buf, sizeof buf, "$r_{(%s)} = %s$", d, v);
		else
			snprintf(buf, sizeof buf, "r(%s) = %s", d, v);
		free(v);
	} else if (strcmp(name, "chi2") == 0 || strcmp(name, "H") == 0) {
		if (latex)
			snprintf(buf, sizeof buf, "$\\chi^2_{(%s)} = %.2f$", d, stat);
		else
			snprintf(buf, sizeof buf, "χ²(%s) = %.2f", d, stat);
	} else if (strcmp(name, "U") == 0) {
		/* "n1,n2": two non-empty sizes */
		const char *comma = strchr(sizes, ',');
		if (!comma || comma == sizes || !comma[1] || strchr(comma + 1, ','))
			die_at(r->name, r->lineno, "group_sizes", sizes,
			       "a Mann-Whitney row needs two group sizes");
		int n1 = (int)(comma - sizes);
		for (const char *c = sizes; *c; c++)
			if (c != comma && (*c < '0' || *c > '9'))
				die_at(r->name, r->lineno, "group_sizes", sizes,
				       "group sizes must be whole numbers >= 0");
		double u = u_first || isnan(umin) ? stat : umin;
		if (latex)
			snprintf(buf, sizeof buf, "$U_{(%.*s, %s)} = %.1f$", n1, sizes, comma + 1, u);
		else
			snprintf(buf, sizeof buf, "U(%.*s, %s) = %.1f", n1, sizes, comma + 1, u);
	} else {
		die_at(r->name, r->lineno, "statistic_name", name,
		       "unknown statistic (rho, r, chi2, H or U)");
	}
	return xstrdup(buf);
}

/* id -> hypothesis text, from the plan. */
typedef struct {
	char **id, **text;
	size_t n;
} hyps;

static void
read_hypotheses(const char *path, hyps *h)
{
	FILE *fp = tsv_fopen_in(path);
	tsv_reader r;
	tsv_open(&r, fp, path);
	size_t ci = cols_require(&r, "id"), ct = cols_require(&r, "hypothesis");
	size_t cap = 0;
	memset(h, 0, sizeof *h);
	while (tsv_next(&r)) {
		if (h->n == cap) {
			size_t c2 = cap;
			h->id = xgrow(h->id, &c2, h->n + 1, sizeof *h->id);
			h->text = xrealloc(h->text, c2 * sizeof *h->text);
			cap = c2;
		}
		h->id[h->n] = xstrdup(tsv_get(&r, ci));
		h->text[h->n++] = xstrdup(tsv_get(&r, ct));
	}
	if (fp != stdin)
		fclose(fp);
	tsv_free(&r);
}

static const char *
hypothesis_of(const hyps *h, const char *id)
{
	for (size_t k = 0; k < h->n; k++)
		if (strcmp(h->id[k], id) == 0)
			return h->text[k];
	return NULL;
}

/* A p-value must be a probability. */
static void
check_p(tsv_reader *r, const char *column, double p)
{
	if (p >= 0 && p <= 1)
		return;
	char v[NUM_BUFSIZE];
	num_format(v, p);
	die_at(r->name, r->lineno, column, v, "a p-value must be in [0, 1]");
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

/* The cells of the current row of R, checked and formatted. The effect size
 * (when C->eff is set) with DIGITS decimals. */
static void
read_line(line *l, tsv_reader *r, const incols *c, int u_first, long digits)
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
	                      number(r, c->umin), u_first);
	l->p = format_p(p);
	if (c->adj >= 0) {
		double q = number(r, c->adj);
		if (!isnan(q))
			check_p(r, "p_adj", q);
		l->padj = isnan(q) ? xstrdup("") : format_p(q);
	}
	if (c->eff >= 0) {
		double e = number(r, c->eff);
		char buf[128];
		if (isnan(e))
			buf[0] = '\0';
		else
			snprintf(buf, sizeof buf, "%s = %.*f", tsv_get(r, (size_t)c->ename), (int)digits, e);
		l->effect = xstrdup(buf);
	}
}

/* What the table shows besides id, statistic and p. */
typedef struct {
	const hyps *h;	/* the hypothesis texts, or NULL */
	int padj, effect;
} layout;

/* One table of the LINES of FAMILY (NULL: all), titled CAPTION (or none). */
static void
write_table(FILE *o, const layout *lay, const line *lines, size_t n, const char *family,
            const char *caption)
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
	} else {
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
	for (size_t i = 0; i < n; i++) {
		const line *l = &lines[i];
		if (family && strcmp(l->family, family) != 0)
			continue;
		const char *cells[6];
		size_t k = 0;
		cells[k++] = l->id;
		if (lay->h) {
			const char *t = hypothesis_of(lay->h, l->id);
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
	if (latex) {
		fputs("\\hline\n\\end{tabular}\n", o);
		if (caption)
			fputs("\\end{table}\n", o);
	}
}

/* The title of FAMILY's table with --by-family: FMT with "%s" replaced by
 * the family's name (the first "%s" only), by default "Hypotheses of the
 * family NAME". */
static char *
family_caption(const char *fmt, const char *family)
{
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

int
main(int argc, char **argv)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_CAPTION, OPT_EFFECT, OPT_LATEX,
	       OPT_U_FIRST, OPT_DIGITS, OPT_BY_FAMILY };
	static const struct option longopts[] = {
		{"by-family", no_argument, NULL, OPT_BY_FAMILY},
		{"caption", required_argument, NULL, OPT_CAPTION},
		{"digits", required_argument, NULL, OPT_DIGITS},
		{"effect", no_argument, NULL, OPT_EFFECT},
		{"family", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, OPT_HELP},
		{"hypotheses", required_argument, NULL, 'H'},
		{"input", required_argument, NULL, 'i'},
		{"latex", no_argument, NULL, OPT_LATEX},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"u-first", no_argument, NULL, OPT_U_FIRST},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	const char *hyp_path = NULL, *family = NULL, *caption = NULL, *input = NULL;
	int effect = 0, u_first = 0, quiet = 0, by_family = 0, opt;
	long effect_digits = 3;

	err_init("report");
	while ((opt = getopt_long(argc, argv, ":o:f:H:i:q", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f': family = optarg; break;
		case 'H': hyp_path = optarg; break;
		case 'i': input = optarg; break;
		case 'q': quiet = 1; break;
		case OPT_DIGITS: effect_digits = opt_long(optarg, 0, 17, "--digits"); break;
		case OPT_CAPTION: caption = optarg; break;
		case OPT_EFFECT: effect = 1; break;
		case OPT_BY_FAMILY: by_family = 1; break;
		case OPT_LATEX: latex = 1; break;
		case OPT_U_FIRST: u_first = 1; break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(opt, argv);
		}
	}
	if (by_family && family)
		die_usage("--by-family and --family: one table a family, or one family");
	hyps h = {0};
	const char *name;
	FILE *in = opt_input(input, argc, argv, optind, &name);
	if (hyp_path)
		read_hypotheses(hyp_path, &h);
	tsv_reader r;
	tsv_open(&r, in, name);
	incols c = {
		cols_require(&r, "id"), cols_require(&r, "statistic"),
		cols_require(&r, "statistic_name"), cols_require(&r, "p"),
		cols_find(&r, "df"), cols_find(&r, "group_sizes"), cols_find(&r, "u_min"),
		cols_find(&r, "p_adj"), effect ? cols_find(&r, "effect_size") : -1,
		cols_find(&r, "effect_name"),
		family || by_family ? (long)cols_require(&r, "family") : -1,
	};
	if (effect && (c.eff < 0 || c.ename < 0))
		die_usage("--effect: the input has no 'effect_size' and 'effect_name' columns");

	line *lines = NULL;
	size_t n = 0, cap = 0;
	families fams = {0};
	while (tsv_next(&r)) {
		if (c.fam >= 0) {
			families_add(&fams, tsv_get(&r, (size_t)c.fam));
			if (family && strcmp(tsv_get(&r, (size_t)c.fam), family) != 0)
				continue;
		}
		lines = xgrow(lines, &cap, n + 1, sizeof *lines);
		line *l = &lines[n++];
		read_line(l, &r, &c, u_first, effect_digits);
		if (hyp_path && !quiet && !hypothesis_of(&h, l->id))
			warn("%s: no hypothesis text for '%s'", hyp_path, l->id);
	}

	if (family && n == 0)
		die_no_family(&r, family, &fams);
	if (n == 0)
		die_at(r.name, 0, NULL, NULL, "no test rows: an empty table is not written");

	layout lay = {hyp_path ? &h : NULL, c.adj >= 0, effect};
	out_begin();
	if (by_family) {
		for (size_t k = 0; k < fams.n; k++) {
			char *title = family_caption(caption, fams.name[k]);
			if (k)
				fputs("\n", stdout);
			write_table(stdout, &lay, lines, n, fams.name[k], title);
			free(title);
		}
	} else {
		write_table(stdout, &lay, lines, n, NULL, caption);
	}
	close_stdout();
	families_free(&fams);

	for (size_t i = 0; i < n; i++) {
		free(lines[i].id);
		free(lines[i].family);
		free(lines[i].stat);
		free(lines[i].p);
		free(lines[i].padj);
		free(lines[i].effect);
	}
	free(lines);
	for (size_t k = 0; k < h.n; k++) {
		free(h.id[k]);
		free(h.text[k]);
	}
	free(h.id);
	free(h.text);
	opt_close_input(in);
	tsv_free(&r);
	return 0;
}
