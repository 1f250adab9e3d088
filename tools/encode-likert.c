/* encode-likert: answers to numbers, column by column, with a codebook. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codebook.h"
#include "cols.h"
#include "err.h"
#include "opt.h"
#include "tsv.h"

/* One output column: a field of the input, copied or encoded. */
enum { C_COPY, C_SCALE, C_OPTION };
typedef struct {
	size_t in;		/* input field */
	const cb_entry *entry;	/* NULL: passed through */
	int kind;		/* C_COPY, C_SCALE or C_OPTION */
	int shares;		/* C_SCALE: its cell was looked up for the column
				 * before it, with the same answers */
	const char *empty;	/* C_SCALE: the value of an empty cell, or NULL */
	size_t empty_len;
	unsigned long long unknown;
	unsigned long long valued;	/* fields written with a value */
	char *first[3];			/* its first unknown answers, for a message */
} out_col;

/* A multiple-answer column's cell of the current row, split once for all
 * its option columns. */
typedef struct {
	unsigned long long row;	/* the row it was split for (from 1) */
	int state;		/* M_EMPTY, M_OK or M_UNKNOWN */
	unsigned char *on;	/* the options it holds */
} multi_cell;
enum { M_EMPTY, M_OK, M_UNKNOWN };

enum { OPT_CODEBOOK = CLI_OWN, OPT_UNKNOWN };

static const cli_opt own[] = {
	{OPT_CODEBOOK, "codebook", 'b', "CODEBOOK",
	 "the codebook (see below; svy-codebook drafts one)"},
	{OPT_UNKNOWN, "unknown", 'u', "ACTION",
	 "an answer the codebook does not know: 'error'\n"
	 "(default: stop, naming row, column and value) or\n"
	 "'missing' (encode as empty, counted on stderr)"},
	{0},
};

static const cli_tool tool = {
	.name = "encode-likert",
	.synopsis = "--codebook CODEBOOK [OPTION]... [FILE]",
	.about = "Encode survey answers as numbers with a codebook: Likert labels or\n"
	         "LimeSurvey answer codes to their values, multiple choice to 1/0, the\n"
	         "familiarity scale to 2/1/0, multiple answers in one cell (Qualtrics,\n"
	         "Google Forms) to a 0/1 column per option; rename columns.\n"
	         "Reads TSV from FILE or standard input, writes TSV to standard output.",
	.epilog = "The codebook is a TSV with the columns column, rename, label, code, value;\n"
	          "rows whose column is '@NAME' define the levels of scale NAME, a row with\n"
	          "label '@NAME' encodes a column with that scale into the column 'rename';\n"
	          "levels with label and code empty give the value of an empty answer;\n"
	          "rows with the value 'option' are the options of a multiple-answer column,\n"
	          "each written as the 0/1 column 'rename'.\n"
	          "Trailing empty fields of a row may be left out. A column is a name or a\n"
	          "shell glob over names; a key that matches no column is an error.\n"
	          "Columns not in the codebook pass through untouched. See svy-encode-likert(1).",
	.common = CLI_INPUT | CLI_OUTPUT | CLI_QUIET | CLI_SAFE_CELLS,
	.opts = own,
};

typedef struct {
	const char *codebook;
	int unknown_missing;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	static const char *const actions[] = {"error", "missing", NULL};
	options *o = ctx;
	switch (id) {
	case OPT_CODEBOOK: o->codebook = arg; break;
	case OPT_UNKNOWN: o->unknown_missing = opt_word(arg, actions, "--unknown"); break;
	}
}

static const char *
output_name(const tsv_reader *r, const out_col *c)
{
	return c->entry && !c->entry->keep_name ? c->entry->output : r->header[c->in];
}

static const tsv_reader *sort_r;
static const out_col *sort_cols;

static int
by_output_name(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(output_name(sort_r, &sort_cols[i]), output_name(sort_r, &sort_cols[j]));
	return c ? c : (i > j) - (i < j);
}

/* A renamed column must not take the name of another output column (sorted,
 * not pairwise: an export may have a million columns). */
static void
check_unique_outputs(const tsv_reader *r, const codebook *cb, const out_col *cols, size_t n)
{
	size_t *idx = xmalloc((n ? n : 1) * sizeof *idx);
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	sort_r = r;
	sort_cols = cols;
	qsort(idx, n, sizeof *idx, by_output_name);
	for (size_t k = 1; k < n; k++) {
		const out_col *a = &cols[idx[k - 1]], *b = &cols[idx[k]];
		const char *name = output_name(r, a);
		if (strcmp(name, output_name(r, b)) == 0) {
			size_t line = a->entry ? a->entry->line : b->entry ? b->entry->line : 0;
			free(idx);
			die_at(cb->path, line, NULL, NULL, "output would have column '%s' twice", name);
		}
	}
	free(idx);
}

/* The output columns, in input order; an input column with codebook entries
 * becomes those entries' columns, in codebook order. Every key must match. */
static out_col *
plan_columns(const tsv_reader *r, const codebook *cb, size_t *nout)
{
	size_t nm, n = 0, cap = 0, j = 0;
	cb_match *m = cb_resolve(cb, r->name, r->header, r->ncols, &nm);
	out_col *cols = NULL;
	for (size_t i = 0; i < r->ncols; i++) {
		int any = 0;
		for (; j < nm && m[j].column == i; j++, any = 1) {
			cols = xgrow(cols, &cap, n + 1, sizeof *cols);
			cols[n++] = (out_col){.in = i, .entry = &cb->entries[m[j].entry]};
		}
		if (!any) {
			cols = xgrow(cols, &cap, n + 1, sizeof *cols);
			cols[n++] = (out_col){.in = i};
		}
	}
	free(m);
	for (size_t k = 0; k < n; k++) {
		out_col *c = &cols[k];
		c->kind = !c->entry ? C_COPY : c->entry->multi ? C_OPTION
		        : c->entry->scale ? C_SCALE : C_COPY;
		c->shares = k > 0 && c->kind == C_SCALE && cols[k - 1].kind == C_SCALE &&
		            cols[k - 1].in == c->in &&
		            cb_same_answers(cols[k - 1].entry->scale, c->entry->scale);
		const cb_scale *s = c->kind == C_SCALE ? c->entry->scale : NULL;
		if (s && s->has_empty && s->empty_value) {
			c->empty = s->empty_value;
			c->empty_len = strlen(c->empty);
		}
	}
	check_unique_outputs(r, cb, cols, n);
	*nout = n;
	return cols;
}

static noreturn void
die_unknown(tsv_reader *r, const out_col *c, const char *answer)
{
	const cb_scale *s = c->entry->scale;
	/* the scale's labels, as many as fit in a readable message */
	char known[400];
	size_t o = 0, k;
	for (k = 0; k < s->nlevels; k++) {
		int n = snprintf(known + o, sizeof known - o, "%s'%s'", k ? ", " : "",
		                 s->levels[k].label);
		if (n < 0 || (size_t)n >= sizeof known - o - sizeof ", ...")
			break;
		o += (size_t)n;
	}
	known[o] = '\0';
	if (k < s->nlevels)
		snprintf(known + o, sizeof known - o, "%s...", k ? ", " : "");
	char col[320];
	cb_column_label(col, sizeof col, c->in, r->header[c->in]);
	die_at(r->name, r->lineno, NULL, answer,
	       "%s: answer not in the codebook (scale '%s' has %s)", col, s->name,
	       s->nlevels ? known : "no levels");
}

static noreturn void
die_option(tsv_reader *r, const out_col *c, size_t bad, size_t badlen)
{
	const cb_multi *m = c->entry->multi;
	char known[400], col[320], got[200];
	size_t o = 0, k;
	for (k = 0; k < m->nopt; k++) {
		const char *a = *m->label[k] ? m->label[k] : m->code[k];
		int n = snprintf(known + o, sizeof known - o, "%s'%s'", k ? ", " : "", a);
		if (n < 0 || (size_t)n >= sizeof known - o - sizeof ", ...")
			break;
		o += (size_t)n;
	}
	known[o] = '\0';
	if (k < m->nopt)
		snprintf(known + o, sizeof known - o, ", ...");
	cb_column_label(col, sizeof col, c->in, r->header[c->in]);
	snprintf(got, sizeof got, "%.*s", (int)(badlen < 190 ? badlen : 190),
	         tsv_get(r, c->in) + bad);
	die_at(r->name, r->lineno, NULL, got, "%s: answer not among the options of the "
	       "codebook (line %zu: %s)", col, m->line, known);
}

/* Write option C's 0/1 of its multiple-answer cell (split once a row, in
 * CELLS); returns 0 when the cell holds an answer that is no option. */
static int
encode_option(tsv_writer *w, tsv_reader *r, out_col *c, multi_cell *cells,
              unsigned long long row, int unknown_missing)
{
	const cb_multi *m = c->entry->multi;
	multi_cell *mc = &cells[m->index];
	if (mc->row != row) {
		mc->row = row;
		size_t bad, badlen;
		if (tsv_missing(r, c->in))
			mc->state = M_EMPTY;
		else if (cb_multi_split(m, tsv_get(r, c->in), r->flen[c->in], mc->on, &bad, &badlen))
			mc->state = M_OK;
		else if (!unknown_missing)
			die_option(r, c, bad, badlen);
		else
			mc->state = M_UNKNOWN;
	}
	if (mc->state == M_UNKNOWN) {
		tsvw_raw(w, "", 0);
		return c->entry->option > 0;	/* counted once, on the first option */
	}
	const char *v = mc->state == M_OK ? (mc->on[c->entry->option] ? "1" : "0")
	                                  : m->empty_value ? m->empty_value : "";
	tsvw_raw(w, v, strlen(v));
	c->valued += *v != '\0';
	return 1;
}

/* Write the encoded value of C's input field; returns 0 when unknown.
 * *ANS: the cell's answer (cb_answer), found here unless C shares it. */
static int
encode_field(tsv_writer *w, tsv_reader *r, out_col *c, size_t *ans)
{
	const cb_scale *s = c->entry->scale;
	if (tsv_missing(r, c->in)) {
		if (c->empty) {
			tsvw_raw(w, c->empty, c->empty_len);
			c->valued++;
		} else {
			tsvw_raw(w, "", 0);
		}
		return 1;
	}
	if (!c->shares) {
		const char *answer = tsv_get(r, c->in);	/* (may change flen) */
		*ans = cb_answer(s, answer, r->flen[c->in]);
	}
	if (*ans == STRTAB_NONE)
		return 0;
	const cb_level *l = cb_level_of_answer(s, *ans);
	/* a value is a number (the codebook checked): nothing to escape */
	tsvw_raw(w, l->value ? l->value : "", l->value_len);
	c->valued += l->value != NULL;
	return 1;
}

/* An unknown answer of C (encoded as missing): the first few kept. */
static void
note_unknown(out_col *c, const char *answer)
{
	size_t k = 0;
	while (k < 3 && c->first[k] && strcmp(c->first[k], answer) != 0)
		k++;
	if (k < 3 && !c->first[k])
		c->first[k] = xstrdup(answer);
}

static void
free_cols(out_col *cols, size_t n)
{
	for (size_t k = 0; k < n; k++)
		for (int i = 0; i < 3; i++)
			free(cols[k].first[i]);
	free(cols);
}

/* A column that had answers and comes out all empty, not because the
 * codebook declares them missing (--unknown=missing made every one missing),
 * is an error naming it and its first answers. */
static void
refuse_emptied(tsv_reader *r, codebook *cb, out_col *cols, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		out_col *c = &cols[k];
		if (!c->unknown || c->valued)
			continue;
		char col[320], msg[600];
		cb_column_label(col, sizeof col, c->in, r->header[c->in]);
		size_t o = 0;
		for (int i = 0; i < 3 && c->first[i]; i++) {
			char q[128];
			o += (size_t)snprintf(msg + o, sizeof msg - o, "%s'%s'", i ? ", " : "",
			                      err_quote_tail(q, sizeof q, c->first[i],
			                                     strlen(c->first[i])));
		}
		char where[64];
		snprintf(where, sizeof where, "%s", r->name);
		size_t line = c->entry->line;
		free_cols(cols, n);
		tsv_free(r);
		die_at(cb->path, line, NULL, NULL,
		       "%s of %s would come out all empty: no answer has a value (answers %s%s); "
		       "give them values, or declare them '%s' in the codebook",
		       col, where, msg, "", CB_MISSING);
	}
}

/* "columns by scale: @familiarity 18, @checked 40, own levels 49": the
 * encoded columns, counted by the scale they were encoded with. */
static void
by_scale(const codebook *cb, const out_col *cols, size_t n)
{
	size_t *count = xcalloc(cb->nscales ? cb->nscales : 1, sizeof *count), nown = 0, any = 0;
	size_t nopt = 0;
	for (size_t k = 0; k < n; k++) {
		const cb_scale *s = cols[k].entry ? cols[k].entry->scale : NULL;
		nopt += cols[k].entry && cols[k].entry->multi;
		any += cols[k].entry && cols[k].entry->multi;
		if (!s)
			continue;
		any++;
		if (s->name[0] != '@') {
			nown++;
			continue;
		}
		size_t i = strtab_find(&cb->scale_names, s->name, strlen(s->name));
		count[i]++;
	}
	if (!any) {
		free(count);
		return;
	}
	size_t len = 64;
	for (size_t i = 0; i < cb->nscales; i++)
		len += strlen(cb->scales[i]->name) + 24;
	char *line = xmalloc(len);
	size_t o = 0;
	line[0] = '\0';
	for (size_t i = 0; i < cb->nscales; i++)
		if (count[i])
			o += (size_t)snprintf(line + o, len - o, "%s%s %zu", o ? ", " : "",
			                      cb->scales[i]->name, count[i]);
	if (nown)
		o += (size_t)snprintf(line + o, len - o, "%sown levels %zu", o ? ", " : "", nown);
	if (nopt)
		snprintf(line + o, len - o, "%soptions of multiple answers %zu", o ? ", " : "",
		         nopt);
	warn("columns by scale: %s", line);
	free(line);
	free(count);
}

int
main(int argc, char **argv)
{
	options o = {0};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	if (!o.codebook)
		die_usage("no codebook: give one with --codebook FILE");
	const char *codebook_path = o.codebook;
	int unknown_missing = o.unknown_missing;
	FILE *in = cli_input(&c);
	const char *name = c.in_name;
	/* held where a leak checker finds them when bad data ends the program */
	static codebook *cb;
	static out_col *cols;
	static multi_cell *cells;
	cb = codebook_load(codebook_path);
	cells = xcalloc(cb->nmultis ? cb->nmultis : 1, sizeof *cells);
	for (size_t i = 0; i < cb->nmultis; i++)
		cells[i].on = xcalloc(cb->multis[i]->nopt, 1);
	tsv_reader r;
	tsv_open(&r, in, name);
	cols_check_unique(&r);
	size_t nout;
	cols = plan_columns(&r, cb, &nout);

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	for (size_t k = 0; k < nout; k++)
		tsvw_str(&out, output_name(&r, &cols[k]));
	tsvw_end(&out);

	unsigned long long nread = 0, unknown = 0;
	size_t encoded = 0;
	for (size_t k = 0; k < nout; k++)
		encoded += cols[k].entry && (cols[k].entry->scale || cols[k].entry->multi);
	while (tsv_next(&r)) {
		nread++;
		size_t ans = STRTAB_NONE;
		for (size_t k = 0; k < nout; k++) {
			out_col *oc = &cols[k];
			if (oc->kind == C_COPY) {
				tsvw_copy(&out, &r, oc->in);
			} else if (oc->kind == C_OPTION) {
				if (!encode_option(&out, &r, oc, cells, nread, unknown_missing)) {
					note_unknown(oc, tsv_get(&r, oc->in));
					oc->unknown++;
					unknown++;
				}
			} else if (!encode_field(&out, &r, oc, &ans)) {
				if (!unknown_missing)
					die_unknown(&r, oc, tsv_get(&r, oc->in));
				tsvw_str(&out, NULL);
				note_unknown(oc, tsv_get(&r, oc->in));
				oc->unknown++;
				unknown++;
			}
		}
		tsvw_end(&out);
	}
	refuse_emptied(&r, cb, cols, nout);
	/* the summary before stdout is closed: in a pipeline, the next tool
	 * cannot finish (and speak) before this one has */
	if (!c.quiet) {
		char col[320];
		for (size_t k = 0; k < nout; k++)
			if (cols[k].unknown)
				warn("%s: %llu unknown answer%s encoded as missing",
				     cb_column_label(col, sizeof col, cols[k].in, r.header[cols[k].in]),
				     cols[k].unknown,
				     cols[k].unknown == 1 ? "" : "s");
		by_scale(cb, cols, nout);
		warn("read %llu rows, kept %llu, dropped 0; encoded %zu columns with %s; "
		     "%llu unknown answers", nread, nread, encoded, codebook_path, unknown);
	}
	close_stdout();
	free_cols(cols, nout);
	for (size_t i = 0; i < cb->nmultis; i++)
		free(cells[i].on);
	free(cells);
	tsv_free(&r);
	codebook_free(cb);
	cli_free(&c);
	return 0;
}
