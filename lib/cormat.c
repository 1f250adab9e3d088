/* Correlation tables: see cormat.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apa.h"
#include "cormat.h"
#include "err.h"
#include "htest.h"
#include "num.h"

/* in ht_adjust_method's order */
static const char *const adjust_names[] = {"bh", "by", "holm", "bonferroni", "hochberg"};
static const char *const adjust_titles[] = {
	"Benjamini-Hochberg", "Benjamini-Yekutieli", "Holm", "Bonferroni", "Hochberg",
};

void
cormat_free(cormat *m)
{
	free(m->n);
	free(m->mean);
	free(m->sd);
	free(m->a);
	free(m->b);
	free(m->pn);
	free(m->r);
	free(m->p);
	free(m->p_adj);
	memset(m, 0, sizeof *m);
}

/* Row I is used for column J: present, and (listwise) complete. */
static int
used(const double *x, size_t k, size_t i, size_t j, const unsigned char *complete,
     int listwise)
{
	return !isnan(x[i * k + j]) && (!listwise || complete[i]);
}

/* Mean and SD (n - 1) of the values of column J used. */
static void
describe(cormat *m, const double *x, size_t nrows, size_t j, const unsigned char *complete)
{
	size_t n = 0;
	double mean = 0, ss = 0;
	for (size_t i = 0; i < nrows; i++)
		if (used(x, m->k, i, j, complete, m->listwise)) {	/* Welford */
			double d = x[i * m->k + j] - mean;
			mean += d / (double)++n;
			ss += d * (x[i * m->k + j] - mean);
		}
	m->n[j] = n;
	m->mean[j] = n ? mean : NAN;
	m->sd[j] = n > 1 ? sqrt(ss / (double)(n - 1)) : NAN;
}

/* The first value of V (N) that differs from V[0], or N: constant. */
static size_t
varies(const double *v, size_t n)
{
	size_t i = 1;
	while (i < n && v[i] == v[0])
		i++;
	return i;
}

/* The pair (I, J): its values, its r and p; -1 with WHY. */
static int
pair(cormat *m, size_t at, const double *x, size_t nrows, const unsigned char *complete,
     double *u, double *v, char *why, size_t size)
{
	size_t i = m->a[at], j = m->b[at], n = 0;
	for (size_t row = 0; row < nrows; row++)
		if (used(x, m->k, row, i, complete, m->listwise) &&
		    used(x, m->k, row, j, complete, m->listwise)) {
			u[n] = x[row * m->k + i];
			v[n++] = x[row * m->k + j];
		}
	m->pn[at] = n;
	if (n < 3) {
		snprintf(why, size, "columns '%s' and '%s' have %zu %s; a correlation "
		         "needs at least 3", m->name[i], m->name[j], n,
		         m->listwise ? "complete rows" : "rows with both values");
		return -1;
	}
	const double *w[2] = {u, v};
	for (int s = 0; s < 2; s++)
		if (varies(w[s], n) == n) {
			char val[NUM_BUFSIZE];
			size_t c = s ? j : i, o = s ? i : j;
			if (m->listwise || m->n[c] == n)
				snprintf(why, size, "column '%s' is constant (every value used is "
				         "%s)", m->name[c], num_format(val, w[s][0]));
			else
				snprintf(why, size, "column '%s' is constant where '%s' is present "
				         "(every value is %s)", m->name[c], m->name[o],
				         num_format(val, w[s][0]));
			return -1;
		}
	ht_result res;
	const char *e = m->spearman ? ht_spearman(u, v, n, HT_TWO_SIDED, &res)
	                            : ht_pearson(u, v, n, HT_TWO_SIDED, &res);
	if (e) {
		snprintf(why, size, "columns '%s' and '%s': %s", m->name[i], m->name[j], e);
		return -1;
	}
	m->r[at] = res.statistic;
	m->p[at] = res.p;
	return 0;
}

int
cormat_run(cormat *m, const double *x, size_t nrows, size_t k, const char *const *name,
           int spearman, int listwise, int adjust, char *why, size_t size)
{
	memset(m, 0, sizeof *m);
	m->k = k;
	m->name = name;
	m->spearman = spearman;
	m->listwise = listwise;
	m->adjust = adjust;
	m->n = xcalloc(k, sizeof *m->n);
	m->mean = xcalloc(k, sizeof *m->mean);
	m->sd = xcalloc(k, sizeof *m->sd);
	m->npairs = k * (k - 1) / 2;
	size_t np = m->npairs ? m->npairs : 1;
	m->a = xcalloc(np, sizeof *m->a);
	m->b = xcalloc(np, sizeof *m->b);
	m->pn = xcalloc(np, sizeof *m->pn);
	m->r = xcalloc(np, sizeof *m->r);
	m->p = xcalloc(np, sizeof *m->p);
	m->p_adj = xcalloc(np, sizeof *m->p_adj);
	unsigned char *complete = xcalloc(nrows + 1, 1);
	for (size_t i = 0; i < nrows; i++) {
		complete[i] = 1;
		for (size_t j = 0; j < k; j++)
			if (isnan(x[i * k + j]))
				complete[i] = 0;
		m->complete += complete[i];
	}
	for (size_t j = 0; j < k; j++)
		describe(m, x, nrows, j, complete);
	double *u = xmalloc((nrows + 1) * sizeof *u), *v = xmalloc((nrows + 1) * sizeof *v);
	int rc = 0;
	for (size_t i = 0, at = 0; i < k && rc == 0; i++)
		for (size_t j = i + 1; j < k && rc == 0; j++, at++) {
			m->a[at] = i;
			m->b[at] = j;
			rc = pair(m, at, x, nrows, complete, u, v, why, size);
		}
	free(u);
	free(v);
	free(complete);
	if (rc < 0) {
		cormat_free(m);
		return -1;
	}
	if (adjust >= 0)
		ht_adjust(m->p, m->npairs, (ht_adjust_method)adjust, 0.05, m->p_adj, NULL);
	else
		memcpy(m->p_adj, m->p, m->npairs * sizeof *m->p);
	return 0;
}

void
cormat_write_long(const cormat *m, tsv_writer *w)
{
	static const char *const header[] = {"a", "b", "n", "r", "p", "p_adj", "method", "adjust"};
	for (size_t c = 0; c < sizeof header / sizeof *header; c++)
		tsvw_str(w, header[c]);
	tsvw_end(w);
	for (size_t at = 0; at < m->npairs; at++) {
		tsvw_str(w, m->name[m->a[at]]);
		tsvw_str(w, m->name[m->b[at]]);
		tsvw_int(w, (long long)m->pn[at]);
		tsvw_num(w, m->r[at]);
		tsvw_num(w, m->p[at]);
		tsvw_num(w, m->p_adj[at]);
		tsvw_str(w, m->spearman ? "spearman" : "pearson");
		tsvw_str(w, m->adjust >= 0 ? adjust_names[m->adjust] : "none");
		tsvw_end(w);
	}
}

/* ---- the paper's table ---- */

static void
put_text(FILE *fp, const char *s, int latex)
{
	for (const char *c = s; *c; c++) {
		if (*c == '\n' || *c == '\t' || *c == '\r') {
			fputc(' ', fp);
		} else if (!latex) {
			if (*c == '|')
				fputs("\\|", fp);
			else if (*c == '<')
				fputs("&lt;", fp);
			else if (*c == '>')
				fputs("&gt;", fp);
			else
				fputc(*c, fp);
		} else if (*c == '\\') {
			fputs("\\textbackslash{}", fp);
		} else if (*c == '~' || *c == '^') {
			fputs(*c == '~' ? "\\textasciitilde{}" : "\\textasciicircum{}", fp);
		} else if (strchr("&%$#_{}", *c)) {
			fputc('\\', fp);
			fputc(*c, fp);
		} else {
			fputc(*c, fp);
		}
	}
}

static const char *
stars(double p)
{
	return p < .001 ? "***" : p < .01 ? "**" : p < .05 ? "*" : "";
}

/* The pair (I, J), I > J, in the pair order. */
static size_t
pair_index(const cormat *m, size_t i, size_t j)
{
	/* pairs of row J come after those of rows 0..J-1 */
	return j * m->k - j * (j + 1) / 2 + (i - j - 1);
}

/* A number cell: "4.95", or "" when there is no value. */
static void
put_fixed(FILE *fp, double x, int dec)
{
	char v[APA_BUFSIZE];
	if (!isnan(x))
		fputs(apa_fixed(v, x, dec), fp);
}

static void
put_note(const cormat *m, FILE *fp, int latex)
{
	size_t lo = (size_t)-1, hi = 0;
	for (size_t at = 0; at < m->npairs; at++) {
		lo = m->pn[at] < lo ? m->pn[at] : lo;
		hi = m->pn[at] > hi ? m->pn[at] : hi;
	}
	fputs(latex ? "\\par\\textit{Note.} " : "*Note.* ", fp);
	fputs(m->spearman ? (latex ? "Spearman's $\\rho$" : "Spearman's rho")
	                  : (latex ? "Pearson's $r$" : "Pearson's r"), fp);
	if (m->listwise)
		fprintf(fp, "; listwise, n = %zu", m->complete);
	else if (lo == hi)
		fprintf(fp, "; n = %zu for every pair", lo);
	else
		fprintf(fp, "; pairwise, n = %zu to %zu", lo, hi);
	if (m->adjust >= 0)
		fprintf(fp, "; p adjusted (%s, %zu pairs)", adjust_titles[m->adjust], m->npairs);
	if (latex)
		fputs(". $^{*}p < .05$, $^{**}p < .01$, $^{***}p < .001$.\n", fp);
	else
		fputs(". \\* p < .05, \\*\\* p < .01, \\*\\*\\* p < .001.\n", fp);
}

void
cormat_write_table(const cormat *m, FILE *fp, int latex, int dec)
{
	const char *sep = latex ? " & " : " | ";
	if (latex) {
		fputs("\\begin{tabular}{lrrr", fp);
		for (size_t j = 0; j < m->k; j++)
			fputc('c', fp);
		fputs("}\n\\hline\nVariable & $n$ & $M$ & $SD$", fp);
	} else {
		fputs("| Variable | n | M | SD", fp);
	}
	for (size_t j = 0; j < m->k; j++)
		fprintf(fp, "%s%zu", sep, j + 1);
	fputs(latex ? " \\\\\n\\hline\n" : " |\n|---|---|---|---", fp);
	if (!latex) {
		for (size_t j = 0; j < m->k; j++)
			fputs("|---", fp);
		fputs("|\n", fp);
	}
	for (size_t i = 0; i < m->k; i++) {
		fprintf(fp, "%s%zu. ", latex ? "" : "| ", i + 1);
		put_text(fp, m->name[i], latex);
		fprintf(fp, "%s%zu%s", sep, m->listwise ? m->complete : m->n[i], sep);
		put_fixed(fp, m->mean[i], dec);
		fputs(sep, fp);
		put_fixed(fp, m->sd[i], dec);
		for (size_t j = 0; j < m->k; j++) {
			fputs(sep, fp);
			if (j < i) {
				size_t at = pair_index(m, i, j);
				char v[APA_BUFSIZE];
				const char *s = stars(m->p_adj[at]);
				fputs(apa_bounded(v, m->r[at], dec), fp);
				if (*s)
					fprintf(fp, latex ? "$^{%s}$" : "%s", latex ? s : s[1] ? s[2] ? "\\*\\*\\*" : "\\*\\*" : "\\*");
			} else if (j == i) {
				fputs(latex ? "---" : "—", fp);
			}
		}
		fputs(latex ? " \\\\\n" : " |\n", fp);
	}
	if (latex)
		fputs("\\hline\n\\end{tabular}\n", fp);
	else
		fputc('\n', fp);
	put_note(m, fp, latex);
}
