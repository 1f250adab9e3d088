/* filter: keep (or drop) the rows that satisfy conditions on named columns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cond.h"
#include "err.h"
#include "rowfilter.h"
#include "tsv.h"

enum { OPT_DROP = CLI_OWN, OPT_ICASE };

static const cli_opt own[] = {
	{CLI_WHERE, NULL, 0, NULL,
	 "a condition; repeat for several (all must hold):\n"
	 "  COL=A,B    COL is A or B     COL!=A,B  present, neither\n"
	 "  COL=       COL is missing    COL!=     COL is present\n"
	 "  COL<X  COL<=X  COL>X  COL>=X  numeric comparisons\n"
	 "('\\,' is a comma inside a value)"},
	{OPT_DROP, "drop", 0, NULL, "drop the rows that satisfy the conditions, keep the rest"},
	{OPT_ICASE, "ignore-case", 'I', NULL, "compare text ignoring ASCII case"},
	{0},
};

static const cli_tool tool = {
	.name = "filter",
	.synopsis = "-w CONDITION [OPTION]... [FILE]",
	.about = "Keep the rows of the TSV (FILE or standard input) that satisfy every\n"
	         "CONDITION; with --drop, drop them instead. Writes TSV to standard output.",
	.epilog = "Numbers compare by value ('1' equals '1.0'); other values as text. A missing\n"
	          "value satisfies only COL= . A comparison with a non-number is an error.",
	.common = CLI_WHERE | CLI_REJECTS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
};

typedef struct {
	int drop, icase;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case OPT_DROP: o->drop = 1; break;
	case OPT_ICASE: o->icase = 1; break;
	}
}

/* "read N rows, kept K, dropped D (COND: n; COND: n)" */
static void
summary(size_t nread, size_t kept, cond *cs, size_t n, const size_t *failed,
        int drop, const char *all)
{
	size_t dropped = nread - kept;
	if (drop) {
		warn("read %zu row%s, kept %zu, dropped %zu (%s)", nread,
		     nread == 1 ? "" : "s", kept, dropped, all);
		return;
	}
	size_t len = 64;
	for (size_t k = 0; k < n; k++)
		len += strlen(cs[k].text) + 32;
	char *why = xmalloc(len);
	size_t at = 0;
	for (size_t k = 0; k < n; k++)
		at += (size_t)snprintf(why + at, len - at, "%snot %s: %zu", k ? "; " : "",
		                       cs[k].text, failed[k]);
	warn("read %zu row%s, kept %zu, dropped %zu (%s)", nread, nread == 1 ? "" : "s",
	     kept, dropped, why);
	free(why);
}

int
main(int argc, char **argv)
{
	options o = {0};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	size_t nwhere = c.nwhere;
	if (nwhere == 0)
		die_usage("no condition: give one or more -w COLUMN=VALUE");
	cond *cs = xcalloc(nwhere, sizeof *cs);
	for (size_t k = 0; k < nwhere; k++) {
		char msg[COND_ERRSIZE];
		if (cond_parse(&cs[k], c.where[k], o.icase, msg, sizeof msg) < 0)
			die_usage("%s", msg);
	}
	FILE *in = cli_input(&c);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	for (size_t k = 0; k < nwhere; k++)
		cond_resolve(&cs[k], &r);

	rowfilter f = {.conds = cs, .nconds = nwhere, .drop = o.drop, .warn_absent = !c.quiet};
	rowfilter_run(&f, &r, c.rejects);
	if (!c.quiet) {
		char *all = rowfilter_joined(&f);
		summary(f.nread, f.kept, cs, nwhere, f.failed, o.drop, all);
		free(all);
	}
	close_stdout();
	rowfilter_free(&f);
	tsv_free(&r);
	for (size_t k = 0; k < nwhere; k++)
		cond_free(&cs[k]);
	free(cs);
	cli_free(&c);
	return 0;
}
