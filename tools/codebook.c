/* codebook: draft the codebook that encode-likert reads, from an export (CSV
 * or TSV) or from a LimeSurvey survey structure file (.lss). The drafting is
 * lib/draft (columns, levels, writing) over lib/scales (what answers are). */
#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "cols.h"
#include "csvread.h"
#include "draft.h"
#include "err.h"
#include "lss.h"
#include "opt.h"
#include "scales.h"
#include "tsv.h"

enum {
	OPT_FORMAT = CLI_OWN, OPT_DELIM, OPT_MAX, OPT_EXPORT, OPT_HEADINGS, OPT_LANGUAGE,
	OPT_LABELS,
};

static const cli_opt own[] = {
	{CLI_COLUMNS, NULL, 0, NULL,
	 "draft only these columns (names or globs, comma list,\n"
	 "repeatable)"},
	{OPT_FORMAT, "format", 0, "FORMAT",
	 "the input is 'csv', 'tsv' or 'lss' (default: from the\n"
	 "file name's extension, else its content)"},
	{OPT_DELIM, "delimiter", 'd', "C", "CSV delimiter ',' ';' or 'tab' (default: detected)"},
	{OPT_MAX, "max-levels", 0, "N",
	 "a column with more distinct answers is free text\n(default 12)"},
	{OPT_EXPORT, "export", 0, "FILE",
	 "with an .lss: the export whose header and answers the\n"
	 "codebook must match (CSV or TSV)"},
	{OPT_HEADINGS, "headings", 0, "STYLE",
	 "with an .lss and no --export: the export's column\n"
	 "names, 'code' (Q1[SQ001], default) or 'text'\n"
	 "(Question text [Sub question])"},
	{OPT_LABELS, "labels", 0, "FILE",
	 "the question texts (columns column, label; svy-clean\n"
	 "--labels writes Qualtrics'), as comments of the draft"},
	{OPT_LANGUAGE, "language", 0, "LANG",
	 "with an .lss: the language of the texts (default: the\n"
	 "survey's base language)"},
	{0},
};

static const cli_tool tool = {
	.name = "codebook",
	.synopsis = "[OPTION]... [FILE]",
	.about = "Draft a codebook for svy-encode-likert, to be checked and edited by hand:\n"
	         "from a survey export (CSV as svy-clean reads it, or TSV), or from a\n"
	         "LimeSurvey survey structure file (.lss). Writes TSV to standard output.",
	.epilog = "Answers on a recognised scale (agreement, importance, frequency,\n"
	          "familiarity, usefulness, yes/no, checkboxes Y/empty, answer codes A1..An)\n"
	          "get values; others are listed with the value left empty for you to fill\n"
	          "('I don't know', 'No answer', 'N/A' and the like: empty, i.e. missing).\n"
	          "Answers that join a few options with commas (Qualtrics, Google Forms) are\n"
	          "drafted as a multiple-answer column, an 'option' row each, to check.\n"
	          "Free text and identifier columns are listed as comments. See\n"
	          "svy-codebook(1).",
	.common = CLI_INPUT | CLI_OUTPUT | CLI_QUIET | CLI_COLUMNS,
	.opts = own,
};

enum { FMT_AUTO, FMT_CSV, FMT_TSV, FMT_LSS };

typedef struct {
	int format;
	int delim;
	size_t max_levels;
	const char *export_path;
	int text_headings;
	const char *language;
	const char *labels;
	char **columns;
	size_t ncolumns;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	static const char *const formats[] = {"csv", "tsv", "lss", NULL};
	static const char *const styles[] = {"code", "text", NULL};
	options *o = ctx;
	switch (id) {
	case OPT_FORMAT: o->format = FMT_CSV + opt_word(arg, formats, "--format"); break;
	case OPT_DELIM: o->delim = opt_delimiter(arg, "--delimiter"); break;
	case OPT_MAX: o->max_levels = (size_t)opt_long(arg, 1, 100000, "--max-levels"); break;
	case OPT_EXPORT: o->export_path = arg; break;
	case OPT_HEADINGS: o->text_headings = opt_word(arg, styles, "--headings"); break;
	case OPT_LANGUAGE: o->language = arg; break;
	case OPT_LABELS: o->labels = arg; break;
	}
}

/* ---- reading an export ---- */


/* The whole input (exports and survey files are read once, whole). */
static char *
slurp(FILE *fp, const char *name, size_t *n)
{
	size_t cap = 0, got;
	char *buf = NULL;
	*n = 0;
	do {
		buf = xgrow(buf, &cap, *n + 65536, 1);
		got = fread(buf + *n, 1, cap - *n - 1, fp);
		*n += got;
	} while (got > 0);
	if (ferror(fp)) {
		free(buf);
		die("%s: read error", name);
	}
	buf[*n] = '\0';
	return buf;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

static int
detect(const char *name, const char *buf, size_t n)
{
	if (ends_with(name, ".lss") || ends_with(name, ".xml"))
		return FMT_LSS;
	if (ends_with(name, ".tsv") || ends_with(name, ".tab"))
		return FMT_TSV;
	if (ends_with(name, ".csv"))
		return FMT_CSV;
	size_t i = 0;
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && isspace((unsigned char)buf[i]))
		i++;
	if (i < n && buf[i] == '<')
		return FMT_LSS;
	const char *nl = memchr(buf, '\n', n);
	size_t line = nl ? (size_t)(nl - buf) : n;
	return memchr(buf, '\t', line) && !memchr(buf, '"', line) ? FMT_TSV : FMT_CSV;
}

static FILE *
mem_stream(const char *buf, size_t n)
{
	static const char empty[1];
	FILE *fp = fmemopen((void *)(n ? buf : empty), n ? n : 1, "r");
	if (!fp)
		die_errno("fmemopen");
	if (!n)
		fgetc(fp);
	return fp;
}

static void
stats_header(export_stats *st, char *const *names, size_t n)
{
	st->ncols = n;
	st->c = xcalloc(n ? n : 1, sizeof *st->c);
	for (size_t i = 0; i < n; i++) {
		st->c[i].name = xstrdup(names[i]);
		st->c[i].numeric = 1;
		st->c[i].numbers = 1;
	}
}

static void
read_tsv(export_stats *st, FILE *fp, size_t max)
{
	tsv_reader r;
	tsv_open(&r, fp, st->name);
	cols_check_unique(&r);
	stats_header(st, r.header, r.ncols);
	while (tsv_next(&r)) {
		st->rows++;
		for (size_t i = 0; i < r.ncols; i++)
			draft_count(&st->c[i], tsv_get(&r, i), r.flen[i], max);
	}
	tsv_free(&r);
}

/* CSV as svy-clean reads it, invalid UTF-8 replaced as its
 * --invalid-utf8=replace does. */
static void
read_csv(export_stats *st, FILE *fp, int delim, size_t max)
{
	csvr *c = csvr_open(fp, st->name, delim);
	if (!csvr_next(c)) {
		csvr_close(c);
		die("%s: empty input: no header row", st->name);
	}
	size_t n = csvr_nfields(c), scap = 0;
	char **names = xmalloc(n * sizeof *names);
	/* held where a leak checker finds it when bad data ends the program */
	static char *scratch;
	scratch = NULL;
	for (size_t i = 0; i < n; i++) {
		size_t len, nr;
		const char *f = csvr_field(c, i, &len);
		names[i] = xmalloc(3 * len + 1);
		names[i][csvr_utf8_replace(f, len, names[i], &nr)] = '\0';
	}
	stats_header(st, names, n);
	cols_free_list(names, n);
	while (csvr_next(c)) {
		st->rows++;
		if (csvr_nfields(c) != n) {
			size_t got = csvr_nfields(c), line = csvr_line(c);
			free(scratch);
			csvr_close(c);
			die_at(st->name, line, NULL, NULL, "row has %zu field%s, header has %zu", got,
			       got == 1 ? "" : "s", n);
		}
		for (size_t i = 0; i < n; i++) {
			size_t len, nr;
			const char *f = csvr_field(c, i, &len);
			scratch = xgrow(scratch, &scap, 3 * len + 1, 1);
			size_t w = csvr_utf8_replace(f, len, scratch, &nr);
			scratch[w] = '\0';
			if (memchr(f, '\0', len))
				die_at(st->name, csvr_field_line(c, i), st->c[i].name, NULL,
				       "NUL byte in input");
			draft_count(&st->c[i], scratch, w, max);
		}
	}
	free(scratch);
	csvr_close(c);
}
static void
read_export(export_stats *st, const char *name, const char *buf, size_t n, int format,
            const options *o)
{
	memset(st, 0, sizeof *st);
	st->name = name;
	if (format == FMT_AUTO)
		format = detect(name, buf, n);
	if (format == FMT_LSS)
		die("%s: a survey file, not an export", name);
	FILE *fp = mem_stream(buf, n);
	if (format == FMT_TSV)
		read_tsv(st, fp, o->max_levels);
	else
		read_csv(st, fp, o->delim, o->max_levels);
	fclose(fp);
}

/* --labels: each column's question text, for the draft's comments. Returns
 * how many name a column of ST. */
static size_t
read_labels(export_stats *st, const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		die_errno("labels %s", path);
	tsv_reader r;
	tsv_open(&r, fp, path);
	size_t col = cols_require(&r, "column"), lab = cols_require(&r, "label"), n = 0;
	while (tsv_next(&r)) {
		const char *name = tsv_get(&r, col);
		for (size_t i = 0; i < st->ncols; i++)
			if (!st->c[i].text && strcmp(st->c[i].name, name) == 0) {
				st->c[i].text = xstrdup(tsv_get(&r, lab));
				n++;
				break;
			}
	}
	tsv_free(&r);
	fclose(fp);
	return n;
}

/* Draft from the survey file; with --export, in the export's column order,
 * columns the survey file does not know drafted from their answers. */
static void
draft_lss(draft *dr, const char *name, const char *buf, size_t n, const options *o)
{
	lss_doc *doc = lss_load_memory(buf, n, name);
	const char *const *langs;
	size_t nl = lss_languages(doc, &langs);
	const char *lang = o->language ? o->language : nl ? langs[0] : "en";
	int ok = !o->language;
	for (size_t i = 0; i < nl && !ok; i++)
		ok = strcmp(langs[i], o->language) == 0;
	if (!ok) {
		char list[256] = "";
		for (size_t i = 0; i < nl; i++) {
			size_t len = strlen(list);
			snprintf(list + len, sizeof list - len, "%s'%s'", i ? ", " : "", langs[i]);
		}
		char msg[400];
		snprintf(msg, sizeof msg, "%s", list);
		lss_doc_free(doc);
		die_usage("option '--language': %s has no language '%s' (it has %s)", name,
		          o->language, nl ? msg : "none");
	}
	size_t nq;
	lss_question *q = lss_build(doc, lang, &nq);
	words w = draft_words(lang);
	draft all = {0};
	for (size_t i = 0; i < nq; i++)
		draft_lss_question(&all, &q[i], o->text_headings, &w);
	lss_questions_free(q, nq);
	lss_doc_free(doc);
	if (!o->export_path) {
		*dr = all;
		return;
	}
	FILE *fp = fopen(o->export_path, "rb");
	if (!fp)
		die_errno("%s", o->export_path);
	size_t en;
	char *ebuf = slurp(fp, o->export_path, &en);
	fclose(fp);
	export_stats st;
	read_export(&st, o->export_path, ebuf, en, FMT_AUTO, o);
	free(ebuf);
	unsigned char *used = xcalloc(all.n ? all.n : 1, 1);
	heading_index *x = draft_heading_index(&all);
	strtab seen = {0};
	for (size_t i = 0; i < st.ncols; i++) {
		int added;
		strtab_add(&seen, st.c[i].name, strlen(st.c[i].name), &added);
		long m = !added ? -1 : draft_match_heading(x, used, st.c[i].name);
		if (m < 0) {
			dcol *c = draft_new_col(dr, st.c[i].name);
			draft_answers(c, &st, i, o->max_levels);
			continue;
		}
		used[m] = 1;
		dr->c = xgrow(dr->c, &dr->cap, dr->n + 1, sizeof *dr->c);
		dcol *c = &dr->c[dr->n++];
		*c = all.c[m];
		free(c->key);
		c->key = xstrdup(st.c[i].name);
		if (c->kind == K_SCALE)
			draft_merge_answers(c, &st.c[i]);
	}
	for (size_t i = 0; i < all.n; i++)
		if (!used[i])
			draft_free_col(&all.c[i]);
	free(all.c);
	free(used);
	draft_heading_index_free(x);
	strtab_free(&seen);
	draft_stats_free(&st);
}

/* Keep the columns -c names; name the columns the encoded ones must not
 * take the name of. */
static void
select_and_name(draft *dr, const options *o)
{
	if (o->ncolumns) {
		unsigned char *keep = xcalloc(dr->n ? dr->n : 1, 1);
		for (size_t p = 0; p < o->ncolumns; p++) {
			size_t hits = 0;
			for (size_t i = 0; i < dr->n; i++)
				if (strcmp(dr->c[i].key, o->columns[p]) == 0 ||
				    fnmatch(o->columns[p], dr->c[i].key, 0) == 0)
					keep[i] = 1, hits++;
			if (!hits) {
				free(keep);
				die_usage("option '--columns': no column '%s' to draft", o->columns[p]);
			}
		}
		size_t n = 0;
		for (size_t i = 0; i < dr->n; i++) {
			if (keep[i])
				dr->c[n++] = dr->c[i];
			else
				draft_free_col(&dr->c[i]);
		}
		dr->n = n;
		free(keep);
	}
	namer ns = {0};
	for (size_t i = 0; i < dr->n; i++)
		if (dr->c[i].kind == K_COMMENT)
			strtab_add(&ns.names, dr->c[i].key, strlen(dr->c[i].key), NULL);
	for (size_t i = 0; i < dr->n; i++)
		if (dr->c[i].kind != K_COMMENT)
			dr->c[i].rename = scale_propose_name(&ns, dr->c[i].key);
	for (size_t i = 0; i < dr->n; i++)
		if (dr->c[i].kind == K_MULTI)
			draft_name_options(&dr->c[i], &ns);
	namer_free(&ns);
}

int
main(int argc, char **argv)
{
	options o = {.format = FMT_AUTO, .max_levels = 12};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	o.columns = c.columns;
	o.ncolumns = c.ncolumns;
	FILE *in = cli_input(&c);
	const char *name = c.in_name;
	size_t n;
	/* held where a leak checker finds it when bad data ends the program */
	static char *buf;
	buf = slurp(in, name, &n);
	int format = o.format == FMT_AUTO ? detect(name, buf, n) : o.format;
	if (format != FMT_LSS && (o.export_path || o.language)) {
		free(buf);
		die_usage("--export and --language are for a survey file (.lss); %s is an export",
		          name);
	}
	if (format == FMT_LSS && o.labels) {
		free(buf);
		die_usage("--labels is for an export; %s is a survey file (.lss)", name);
	}

	draft dr = {0};
	size_t nlabels = 0;
	if (format == FMT_LSS) {
		draft_lss(&dr, name, buf, n, &o);
	} else {
		export_stats st;
		read_export(&st, name, buf, n, format, &o);
		if (o.labels)
			nlabels = read_labels(&st, o.labels);
		draft_export(&dr, &st, o.max_levels, NULL);
		draft_stats_free(&st);
	}
	free(buf);
	select_and_name(&dr, &o);
	draft_write(&dr, name);

	if (!c.quiet) {
		size_t enc = 0, ren = 0, com = 0, fill = 0, check = 0, pii = 0;
		for (size_t i = 0; i < dr.n; i++) {
			enc += dr.c[i].kind == K_SCALE || dr.c[i].kind == K_MULTI;
			ren += dr.c[i].kind == K_RENAME;
			com += dr.c[i].kind == K_COMMENT;
			fill += dr.c[i].kind == K_SCALE && dr.c[i].fill;
			check += dr.c[i].check && !dr.c[i].fill;
			pii += dr.c[i].pii;
		}
		char p[64] = "";
		if (pii)
			snprintf(p, sizeof p, " (%zu personal data)", pii);
		char l[64 + FILENAME_MAX] = "";
		if (o.labels)
			snprintf(l, sizeof l, "; the question texts of %zu from %s", nlabels, o.labels);
		warn("drafted %zu columns from %s: %zu encoded (%zu with values to fill in), "
		     "%zu renamed, %zu as comments%s; %zu to check%s", dr.n, name, enc, fill, ren,
		     com, p, check, l);
	}
	close_stdout();
	draft_free(&dr);
	cli_free(&c);
	return 0;
}
