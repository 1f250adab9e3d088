/* filter: keep (or drop) the rows that satisfy conditions on named columns. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "err.h"
#include "opt.h"
#include "rejects.h"
#include "tsv.h"

static void
usage(void)
{
	printf("usage: %s -w CONDITION [OPTION]... [FILE]\n"
	       "Keep the rows of the TSV (FILE or standard input) that satisfy every\n"
	       "CONDITION; with --drop, drop them instead. Writes TSV to standard output.\n"
	       "\n"
	       "  -w, --where COND     a condition; repeat for several (all must hold):\n"
	       "                         COL=A,B    COL is A or B     COL!=A,B  present, neither\n"
	       "                         COL=       COL is missing    COL!=     COL is present\n"
	       "                         COL<X  COL<=X  COL>X  COL>=X  numeric comparisons\n"
	       "                       ('\\,' is a comma inside a value)\n"
	       "      --drop           drop the rows that satisfy the conditions, keep the rest\n"
	       "  -I, --ignore-case    compare text ignoring ASCII case\n"
	       "      --rejects FILE   write the dropped rows there, with a 'reason' column\n"
	       "  -i, --input FILE     read FILE (as the operand FILE; '-' is stdin)\n"
	       "  -q, --quiet          no summary line on standard error\n"
	       "  -o, --output FILE    write to FILE, complete or not at all\n"
	       "      --help           show this help and exit\n"
	       "      --version        show the version and exit\n"
	       "\n"
	       "Numbers compare by value ('1' equals '1.0'); other values as text. A missing\n"
	       "value satisfies only COL= . A comparison with a non-number is an error.\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog);
	exit(0);
}

/* The reason a dropped row gets: the first condition it fails, or (--drop)
 * all the conditions it satisfies, joined by " and ". */
static char *
joined(cond *cs, size_t n)
{
	size_t len = 1;
	for (size_t k = 0; k < n; k++)
		len += strlen(cs[k].text) + 5;
	char *s = xmalloc(len);
	s[0] = '\0';
	for (size_t k = 0; k < n; k++) {
		if (k)
			strcat(s, " and ");
		strcat(s, cs[k].text);
	}
	return s;
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
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_DROP, OPT_REJECTS };
	static const struct option longopts[] = {
		{"drop", no_argument, NULL, OPT_DROP},
		{"help", no_argument, NULL, OPT_HELP},
		{"ignore-case", no_argument, NULL, 'I'},
		{"input", required_argument, NULL, 'i'},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"rejects", required_argument, NULL, OPT_REJECTS},
		{"version", no_argument, NULL, OPT_VERSION},
		{"where", required_argument, NULL, 'w'},
		{NULL, 0, NULL, 0},
	};
	const char *input = NULL, *rejects_path = NULL;
	char **where = xmalloc((size_t)argc * sizeof *where);
	size_t nwhere = 0;
	int drop = 0, icase = 0, quiet = 0, c;

	err_init("filter");
	while ((c = getopt_long(argc, argv, ":Ii:o:qw:", longopts, NULL)) != -1) {
		switch (c) {
		case 'I': icase = 1; break;
		case 'i': input = optarg; break;
		case 'q': quiet = 1; break;
		case 'w': where[nwhere++] = optarg; break;
		case OPT_DROP: drop = 1; break;
		case OPT_REJECTS: rejects_path = optarg; break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	if (nwhere == 0)
		die_usage("no condition: give one or more -w COLUMN=VALUE");
	cond *cs = xcalloc(nwhere, sizeof *cs);
	for (size_t k = 0; k < nwhere; k++) {
		char msg[COND_ERRSIZE];
		if (cond_parse(&cs[k], where[k], icase, msg, sizeof msg) < 0)
			die_usage("%s", msg);
	}
	const char *name;
	FILE *in = opt_input(input, argc, argv, optind, &name);
	tsv_reader r;
	tsv_open(&r, in, name);
	for (size_t k = 0; k < nwhere; k++)
		cond_resolve(&cs[k], &r);

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	tsvw_header(&out, &r);
	tsvw_end(&out);
	rejects rj;
	rejects_open(&rj, rejects_path, &r);
	char *all = joined(cs, nwhere);
	size_t *failed = xcalloc(nwhere, sizeof *failed), nread = 0, kept = 0;
	while (tsv_next(&r)) {
		nread++;
		size_t k = 0;
		while (k < nwhere && cond_row(&cs[k], &r))
			k++;
		int holds = k == nwhere;
		if (holds != drop) {
			kept++;
			tsvw_copy_row(&out, &r);
			tsvw_end(&out);
		} else {
			if (!drop)
				failed[k]++;
			rejects_add(&rj, &r, drop ? all : cs[k].text);
		}
	}
	rejects_close(&rj);
	if (!quiet)
		summary(nread, kept, cs, nwhere, failed, drop, all);
	close_stdout();
	opt_close_input(in);
	tsv_free(&r);
	for (size_t k = 0; k < nwhere; k++)
		cond_free(&cs[k]);
	free(cs);
	free(all);
	free(failed);
	free(where);
	return 0;
}
