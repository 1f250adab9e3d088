/* filter-students: drop respondents whose working situation is "student";
 * a preset of filter's engine (lib/rowfilter): --drop -w COLUMN=VALUES. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "cond.h"
#include "err.h"
#include "levels.h"
#include "rowfilter.h"
#include "tsv.h"

/* The questionnaire's answer (question 3) and its LimeSurvey answer code. */
static const char *default_values[] = {"I am a student.", "A1"};
/* The column: the LimeSurvey question code, or its codebook name. */
static const char *default_columns[] = {"Q3", "working_situation"};

enum { OPT_VALUE = 'v', OPT_ICASE = 'I' };

static const cli_opt own[] = {
	{CLI_COLUMNS, NULL, 0, NULL,
	 "the working-situation column (default: Q3, or\n"
	 "working_situation when there is no Q3)"},
	{OPT_VALUE, "value", 'v', "TEXT",
	 "the student answer; repeat for several (default:\n"
	 "'I am a student.' and its answer code 'A1')"},
	{OPT_ICASE, "ignore-case", 'I', NULL, "compare the values ignoring ASCII case"},
	{0},
};

static const cli_tool tool = {
	.name = "filter-students",
	.synopsis = "[OPTION]... [FILE]",
	.about = "Drop survey respondents who answered that they are students.\n"
	         "Reads TSV from FILE or standard input, writes TSV to standard output.",
	.epilog = "The values compare as in svy-filter (numbers by value). Respondents with\n"
	          "the column missing are kept and counted separately. When no row holds\n"
	          "one of the values, a warning lists the values the column holds, most\n"
	          "frequent first (a misspelt value drops nobody); -q silences it with the\n"
	          "summary. The same as: svy-filter --drop -w 'Q3=I am a student.,A1'.",
	.common = CLI_COLUMNS | CLI_REJECTS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
};

typedef struct {
	char **values;
	size_t nvalues;
	int icase;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case OPT_VALUE:
		o->values = xrealloc(o->values, (o->nvalues + 1) * sizeof *o->values);
		o->values[o->nvalues++] = xstrdup(arg);
		break;
	case OPT_ICASE: o->icase = 1; break;
	}
}

static size_t
find_column(const tsv_reader *r, const cli *c)
{
	if (c->ncolumns > 1)
		die_usage("one working-situation column (got '%s' and '%s')",
		          c->columns[0], c->columns[1]);
	if (c->ncolumns)
		return cols_require(r, c->columns[0]);
	for (size_t k = 0; k < sizeof default_columns / sizeof *default_columns; k++) {
		long i = cols_find(r, default_columns[k]);
		if (i >= 0)
			return (size_t)i;
	}
	return cols_require(r, default_columns[0]);
}

/* What the summary and the no-match warning need: the rows kept with the
 * column missing and, until a row is dropped, the column's values. */
enum { MAX_SEEN = 10000, MAX_LISTED = 10 };
typedef struct {
	size_t col;
	size_t missing, dropped;
	levels seen;
	int more;		/* distinct values beyond MAX_SEEN */
} tally;

static void
on_row(void *ctx, tsv_reader *r, int kept)
{
	tally *t = ctx;
	if (!kept) {
		t->dropped++;
		return;
	}
	if (tsv_missing(r, t->col)) {
		t->missing++;
		return;
	}
	if (t->dropped == 0 && !t->more &&
	    levels_add(&t->seen, tsv_get(r, t->col), r->flen[t->col], 1) == LEVELS_FULL)
		t->more = 1;
}

static void
warn_no_match(const char *column, const tally *t)
{
	char q[256];
	err_quote(q, sizeof q, column, strlen(column));
	if (t->seen.n == 0) {
		warn("no row matched the values given: column '%s' is empty in every row", q);
		return;
	}
	char *list = levels_list(&t->seen, MAX_LISTED, t->more);
	warn("no row matched the values given; column '%s' holds %s", q, list);
	free(list);
}

int
main(int argc, char **argv)
{
	options o = {0};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	if (o.nvalues == 0)
		for (size_t k = 0; k < sizeof default_values / sizeof *default_values; k++)
			on_option(&o, OPT_VALUE, default_values[k]);
	FILE *in = cli_input(&c);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	tally t = {.col = find_column(&r, &c)};
	levels_init(&t.seen, MAX_SEEN);

	cond student;
	cond_set_list(&student, r.header[t.col], o.values, o.nvalues, "student", o.icase);
	cond_resolve(&student, &r);
	rowfilter f = {.conds = &student, .nconds = 1, .drop = 1, .reason = "student",
	               .on_row = on_row, .ctx = &t};
	rowfilter_run(&f, &r, c.rejects);
	char q[256];
	err_quote(q, sizeof q, r.header[t.col], strlen(r.header[t.col]));
	if (t.dropped == 0 && f.nread > 0 && !c.quiet)
		warn_no_match(r.header[t.col], &t);
	/* the summary before stdout is closed: in a pipeline, the next tool
	 * cannot finish (and speak) before this one has */
	if (!c.quiet)
		warn("read %zu rows, kept %zu, dropped %zu (student); %zu kept "
		     "with '%s' missing", f.nread, f.kept, t.dropped, t.missing, q);
	close_stdout();
	rowfilter_free(&f);
	cond_free(&student);
	levels_free(&t.seen);
	tsv_free(&r);
	for (size_t k = 0; k < o.nvalues; k++)
		free(o.values[k]);
	free(o.values);
	cli_free(&c);
	return 0;
}
