/* import: an SPSS (.sav, .zsav) or Stata (.dta) file to TSV, and its value
 * labels as a codebook. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "opt.h"
#include "sav.h"
#include "savcb.h"
#include "tsv.h"

enum { OPT_CODEBOOK = CLI_OWN, OPT_MAX_STRING, OPT_ENCODING };

static const cli_opt own[] = {
	{OPT_CODEBOOK, "codebook", 'b', "FILE", "write the value labels and variable labels\n"
	 "to FILE, as a codebook (see below)"},
	{OPT_MAX_STRING, "max-string", 0, "N", "longer text values are an error (bytes;\n"
	 "default 32767, SPSS's longest string)"},
	{OPT_ENCODING, "encoding", 0, "NAME", "read the file's text as NAME (ISO-8859-1,\n"
	 "WINDOWS-1252, ...), whatever the file says"},
	{0},
};

static const cli_tool tool = {
	.name = "import",
	.synopsis = "[OPTION]... [FILE]",
	.about = "Read an SPSS (.sav, .zsav) or Stata (.dta) file (FILE or standard\n"
	         "input; the kind is told by its first bytes) and write its data as TSV:\n"
	         "the variable names as the header, numbers in svy's number format, text as\n"
	         "it is, dates as YYYY-MM-DD and date-times as YYYY-MM-DDTHH:MM:SS, and\n"
	         "missing values (SPSS system- and user-missing, Stata . and .a-.z) empty.",
	.epilog = "The codebook (--codebook) has encode-likert's columns and a sixth,\n"
	          "'question', the variable label. Each labelled value is a level: label,\n"
	          "code = value = the number as the TSV holds it (a user-missing value's\n"
	          "value is 'missing'); values in the data without a label are levels\n"
	          "with an empty label. A variable with only a variable label gets a row\n"
	          "renaming it to itself. Value labels of text are comments.\n"
	          "See svy-import(1).",
	.common = CLI_INPUT | CLI_OUTPUT | CLI_QUIET | CLI_SAFE_CELLS,
	.opts = own,
};

typedef struct {
	const char *codebook, *encoding;
	long max_string;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case OPT_CODEBOOK: o->codebook = arg; break;
	case OPT_ENCODING: o->encoding = arg; break;
	case OPT_MAX_STRING: o->max_string = opt_long(arg, 1, 1L << 30, "--max-string"); break;
	}
}

typedef struct {
	tsv_writer w;
	int header;
	savcb cb;
	int want_codebook;
} state;

static void
write_header(state *st, const sav_file *f)
{
	for (size_t i = 0; i < f->nvars; i++)
		tsvw_str(&st->w, f->vars[i].name);
	tsvw_end(&st->w);
	st->header = 1;
}

static void
on_row(void *ctx, const sav_file *f, char **fields)
{
	state *st = ctx;
	if (!st->header)
		write_header(st, f);
	for (size_t i = 0; i < f->nvars; i++)
		tsvw_str(&st->w, fields[i]);
	if (st->want_codebook)
		savcb_note(&st->cb, f, fields);
	tsvw_end(&st->w);
}

int
main(int argc, char **argv)
{
	options o = {.max_string = SAV_MAX_STRING};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	FILE *in = cli_input(&c);
	state st = {.want_codebook = o.codebook != NULL};
	tsvw_init(&st.w, stdout, "<stdout>");
	sav_file f;
	sav_read_as(&f, in, c.in_name, o.encoding, (size_t)o.max_string, on_row, &st);
	if (!st.header)
		write_header(&st, &f);
	if (o.codebook)
		savcb_write(o.codebook, &f, &st.cb, NULL, "import", c.quiet);
	out_flush();
	if (!c.quiet)
		warn("read %zu row%s, %zu column%s from %s; %zu value%s missing "
		     "(%zu user-missing), written empty", f.rows, f.rows == 1 ? "" : "s",
		     f.nvars, f.nvars == 1 ? "" : "s", c.in_name, f.missing,
		     f.missing == 1 ? "" : "s", f.user_missing);
	close_stdout();
	savcb_free(&st.cb);
	sav_free(&f);
	cli_free(&c);
	return 0;
}
