/* The command line of every tool: see cli.h. */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "out.h"
#include "tsv.h"

/* The common options: the one place their letters, names and help live. */
static const cli_opt common[] = {
	{CLI_COLUMNS, "columns", 'c', "LIST", "columns by name or glob, comma-separated; repeatable"},
	{CLI_BY, "by", 'g', "LIST", "group by these columns, comma-separated; repeatable"},
	{CLI_METHOD, "method", 'm', "NAME", NULL},
	{CLI_WHERE, "where", 'w', "COND", "a condition on a column; repeat for several"},
	{CLI_REJECTS, "rejects", 'r', "FILE", "write the dropped rows there, with a 'reason' column"},
	{CLI_SEED, "seed", 's', "N", "the random seed (a whole number)"},
	{CLI_DIGITS, "digits", 0, "N", "significant digits of printed numbers, 1 to 17"},
	{CLI_INPUT, "input", 'i', "FILE", "read FILE (as the operand FILE; '-' is stdin)"},
	{CLI_SAFE_CELLS, "safe-cells", 0, NULL, "a ' before cells a spreadsheet would run as\n"
	 "formulas (starting = + - @ TAB CR; numbers stay)"},
	{CLI_QUIET, "quiet", 'q', NULL, "no summary line on standard error"},
	{CLI_OUTPUT, "output", 'o', "FILE", "write to FILE, complete or not at all"},
	{CLI_HELP, "help", 0, NULL, "show this help and exit"},
	{CLI_VERSION, "version", 0, NULL, "show the version and exit"},
	{0},
};

enum { NCOMMON = sizeof common / sizeof common[0] - 1 };
/* getopt_long's value for the K-th option of the merged table */
enum { VAL_BASE = CHAR_MAX + 1 };

static int
is_common(const cli_opt *o)
{
	return o->name == NULL;
}

/* The tool's options as they are shown and parsed: its own first, in its
 * order, then the common ones it takes (help and version last). An own entry
 * with NAME NULL rewords a common option's help and is merged into it. */
typedef struct {
	cli_opt v[128];
	int common[128];    /* 1: a common option, handled here */
	size_t n;
} optset;

static const char *
own_help_for(const cli_tool *t, int id)
{
	for (const cli_opt *o = t->opts; o && o->id; o++)
		if (is_common(o) && o->id == id)
			return o->help;
	return NULL;
}

static void
optset_build(optset *s, const cli_tool *t)
{
	s->n = 0;
	for (const cli_opt *o = t->opts; o && o->id; o++)
		if (!is_common(o)) {
			if (s->n == sizeof s->v / sizeof s->v[0] - NCOMMON)
				die("internal error: svy-%s has too many options", t->name);
			s->common[s->n] = 0;
			s->v[s->n++] = *o;
		}
	unsigned bits = t->common | CLI_HELP | CLI_VERSION;
	for (const cli_opt *o = common; o->id; o++)
		if (bits & (unsigned)o->id) {
			cli_opt e = *o;
			const char *h = own_help_for(t, o->id);
			if (h)
				e.help = h;
			s->common[s->n] = 1;
			s->v[s->n++] = e;
		}
}

static void
method_help(const cli_tool *t, char *buf, size_t size)
{
	if (t->method_help) {
		snprintf(buf, size, "%s", t->method_help);
		return;
	}
	size_t len = (size_t)snprintf(buf, size, "the method: ");
	for (int k = 0; t->methods && t->methods[k] && len < size; k++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", k ? ", " : "",
		                        t->methods[k]);
}

/* One help entry: "  -c, --columns LIST   text", the text aligned at
 * column 23 and its further lines indented to match. */
static void
help_entry(FILE *fp, const cli_opt *o, const char *text)
{
	char head[64];
	int n;
	if (o->letter)
		n = snprintf(head, sizeof head, "  -%c, --%s%s%s", o->letter, o->name,
		             o->arg ? " " : "", o->arg ? o->arg : "");
	else
		n = snprintf(head, sizeof head, "      --%s%s%s", o->name,
		             o->arg ? " " : "", o->arg ? o->arg : "");
	fputs(head, fp);
	if (n >= 22) {
		fputc('\n', fp);
		n = 0;
	}
	fprintf(fp, "%*s", 23 - n, "");
	for (const char *p = text; *p; p++) {
		fputc(*p, fp);
		if (*p == '\n' && p[1])
			fprintf(fp, "%23s", "");
	}
	fputc('\n', fp);
}

void
cli_help(const cli_tool *t, FILE *fp)
{
	optset s;
	optset_build(&s, t);
	fprintf(fp, "usage: svy-%s %s\n%s\n\n", t->name, t->synopsis, t->about);
	for (size_t k = 0; k < s.n; k++) {
		char buf[512];
		const char *text = s.v[k].help;
		if (s.v[k].id == CLI_METHOD && !own_help_for(t, CLI_METHOD)) {
			method_help(t, buf, sizeof buf);
			text = buf;
		}
		help_entry(fp, &s.v[k], text ? text : "");
	}
	if (t->epilog)
		fprintf(fp, "\n%s\n", t->epilog);
	fputs("Exit status: 0 success, 1 bad data, 2 bad usage.\n", fp);
}

/* The hidden --grammar: the tool's table as TSV (long, letter, value,
 * common|own), for the conventions test. */
static void
print_grammar(const cli_tool *t)
{
	optset s;
	optset_build(&s, t);
	printf("long\tletter\tvalue\tkind\n");
	for (size_t k = 0; k < s.n; k++) {
		const cli_opt *o = &s.v[k];
		printf("%s\t%c\t%s\t%s\n", o->name, o->letter ? o->letter : '-',
		       o->arg ? o->arg : "", s.common[k] ? "common" : "own");
	}
	exit(0);
}

void
cli_list_append(char ***v, size_t *n, const char *value, const char *option)
{
	size_t m;
	char **items = cols_option_list(value, option, &m);
	*v = xrealloc(*v, (*n + m + 1) * sizeof **v);
	for (size_t k = 0; k < m; k++) {
		for (size_t j = 0; j < *n; j++)
			if (strcmp((*v)[j], items[k]) == 0)
				die_usage("option '%s': '%s' given twice", option, items[k]);
		(*v)[(*n)++] = items[k];
	}
	(*v)[*n] = NULL;
	free(items);
}

static void
take_common(cli *c, int id, const char *arg)
{
	switch (id) {
	case CLI_INPUT:
		if (c->input)
			die_usage("give the input once (got '%s' and '%s')", c->input, arg);
		c->input = arg;
		break;
	case CLI_OUTPUT:
		c->output = arg;
		out_to_file(arg);
		break;
	case CLI_QUIET: c->quiet = 1; break;
	case CLI_SAFE_CELLS: tsv_safe_cells = 1; break;
	case CLI_COLUMNS: cli_list_append(&c->columns, &c->ncolumns, arg, "--columns"); break;
	case CLI_BY: cli_list_append(&c->by, &c->nby, arg, "--by"); break;
	case CLI_WHERE:
		c->where = xrealloc(c->where, (c->nwhere + 2) * sizeof *c->where);
		c->where[c->nwhere++] = xstrdup(arg);
		c->where[c->nwhere] = NULL;
		break;
	case CLI_REJECTS: c->rejects = arg; break;
	case CLI_SEED:
		c->seed = (unsigned long)opt_long(arg, 0,
		                                  c->tool->seed_max ? c->tool->seed_max : LONG_MAX,
		                                  "--seed");
		c->seed_set = 1;
		break;
	case CLI_DIGITS: opt_digits(arg); break;
	case CLI_METHOD:
		c->method = opt_word(arg, c->tool->methods, "--method");
		break;
	case CLI_HELP:
		cli_help(c->tool, stdout);
		exit(0);
	case CLI_VERSION:
		print_version();
		exit(0);
	}
}

/* getopt_long's tables for S: LONGOPTS (S->n + 2 entries: the options, the
 * hidden --grammar, the end) and SHORTS (':' first). */
static void
getopt_tables(const optset *s, struct option *longopts, char *shorts)
{
	size_t ns = 0;
	shorts[ns++] = ':';
	for (size_t k = 0; k < s->n; k++) {
		longopts[k] = (struct option){s->v[k].name,
		                              s->v[k].arg ? required_argument : no_argument,
		                              NULL, VAL_BASE + (int)k};
		if (s->v[k].letter) {
			shorts[ns++] = (char)s->v[k].letter;
			if (s->v[k].arg)
				shorts[ns++] = ':';
		}
	}
	longopts[s->n] = (struct option){"grammar", no_argument, NULL, VAL_BASE + (int)s->n};
	longopts[s->n + 1] = (struct option){NULL, 0, NULL, 0};
	shorts[ns] = '\0';
}

/* The entry of S that getopt_long's CH stands for, or NULL. */
static const cli_opt *
getopt_entry(const optset *s, int ch)
{
	if (ch >= VAL_BASE && ch < VAL_BASE + (int)s->n)
		return &s->v[ch - VAL_BASE];
	for (size_t k = 0; k < s->n; k++)
		if (s->v[k].letter && s->v[k].letter == ch)
			return &s->v[k];
	return NULL;
}

void
cli_parse(cli *c, const cli_tool *t, int argc, char **argv,
          cli_handler *on_option, void *ctx)
{
	memset(c, 0, sizeof *c);
	c->tool = t;
	c->method = -1;
	err_init(t->name);

	optset s;
	optset_build(&s, t);
	struct option longopts[sizeof s.v / sizeof s.v[0] + 2];
	char shorts[2 + 2 * sizeof s.v / sizeof s.v[0]];
	getopt_tables(&s, longopts, shorts);

	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, shorts, longopts, NULL)) != -1) {
		if (ch == VAL_BASE + (int)s.n)
			print_grammar(t);
		const cli_opt *o = getopt_entry(&s, ch);
		if (!o)
			die_bad_option(ch, argv);
		if (s.common[o - s.v])
			take_common(c, o->id, optarg);
		else
			on_option(ctx, o->id, optarg);
	}
	if (optind < argc) {
		if (!(t->common & CLI_INPUT))
			die_usage("no operand expected (got '%s')", argv[optind]);
		if (argc - optind > 1)
			die_usage("too many operands: one input file at most (got '%s' and '%s')",
			          argv[optind], argv[optind + 1]);
		if (c->input)
			die_usage("give the input once: -i '%s' or the operand '%s', not both",
			          c->input, argv[optind]);
		c->input = argv[optind];
	}
}

/* What die_bad_option says about getopt_long's CH, into ERR. */
static void
bad_option_text(int ch, char *const *argv, char *err, size_t size)
{
	const char *arg = argv[optind - 1];
	const char *eq = strchr(arg, '=');
	if (ch == ':')
		snprintf(err, size, "option '%s' needs a value", arg);
	else if (strncmp(arg, "--", 2) == 0 && eq && optopt)
		snprintf(err, size, "option '%.*s' takes no value", (int)(eq - arg), arg);
	else if (strncmp(arg, "--", 2) != 0 && optopt)
		snprintf(err, size, "unknown option '-%c'", optopt);
	else
		snprintf(err, size, "unknown option '%s'", arg);
}

int
cli_parse_words(const cli_tool *t, unsigned allowed, const char *place, int argc,
                char **argv, cli_handler *on_option, void *ctx, char *err, size_t size)
{
	optset s;
	optset_build(&s, t);
	struct option longopts[sizeof s.v / sizeof s.v[0] + 2];
	char shorts[2 + 2 * sizeof s.v / sizeof s.v[0]];
	getopt_tables(&s, longopts, shorts);
	/* a word list of its own: ARGV[0] is a placeholder for getopt */
	char **v = xmalloc(((size_t)argc + 2) * sizeof *v);
	v[0] = (char *)t->name;
	if (argc > 0)
		memcpy(v + 1, argv, (size_t)argc * sizeof *v);
	v[argc + 1] = NULL;
	int ch, n = argc + 1, rc = 0, saved = optind;
	shorts[0] = ':';
	optind = 0;	/* a fresh scan (glibc: re-initialise) */
	while (rc == 0 && (ch = getopt_long(n, v, shorts, longopts, NULL)) != -1) {
		const cli_opt *o = ch == VAL_BASE + (int)s.n ? NULL : getopt_entry(&s, ch);
		if (!o) {
			bad_option_text(ch, v, err, size);
			rc = -1;
		} else if (s.common[o - s.v] && !(allowed & (unsigned)o->id)) {
			snprintf(err, size, "option '--%s' belongs on the command line, not %s",
			         o->name, place);
			rc = -1;
		} else {
			on_option(ctx, o->id, optarg);
		}
	}
	if (rc == 0 && optind < n) {
		snprintf(err, size, "'%s' is not an option (no operand %s)", v[optind], place);
		rc = -1;
	}
	optind = saved;
	free(v);
	return rc;
}

FILE *
cli_input(cli *c)
{
	if (c->in)
		return c->in;
	if (!c->input || strcmp(c->input, "-") == 0) {
		c->in = stdin;
		c->in_name = "<stdin>";
		out_input(c->in_name, c->in);
		return c->in;
	}
	c->in = tsv_fopen_in(c->input);	/* registers it with lib/out */
	c->in_name = c->input;
	return c->in;
}

static void
free_list(char **v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

void
cli_free(cli *c)
{
	if (c->in && c->in != stdin)
		fclose(c->in);
	c->in = NULL;
	free_list(c->columns, c->ncolumns);
	free_list(c->by, c->nby);
	free_list(c->where, c->nwhere);
	c->columns = c->by = c->where = NULL;
	c->ncolumns = c->nby = c->nwhere = 0;
}
