/* The command line of every tool: one table owns the grammar.
 *
 * A tool declares a cli_tool: its synopsis, what it does, which of the
 * common options it takes (CLI_* bits) and a table of its own options. The
 * common options (their letters, long names, values and help lines) live in
 * one table in cli.c, as GNU datamash's op-defs.c or sbase's ARGBEGIN own
 * theirs; no tool spells out --help, --version, -o or -c itself.
 *
 *   static const cli_opt own[] = {
 *           {OPT_DROP, "drop", 0, NULL, "drop the rows that satisfy the conditions"},
 *           {'I', "ignore-case", 'I', NULL, "compare text ignoring ASCII case"},
 *           {0},
 *   };
 *   static const cli_tool tool = {
 *           .name = "filter", .synopsis = "-w CONDITION [OPTION]... [FILE]",
 *           .about = "Keep the rows of the TSV that satisfy every CONDITION.",
 *           .common = CLI_INPUT | CLI_OUTPUT | CLI_QUIET | CLI_WHERE | CLI_REJECTS,
 *           .opts = own,
 *   };
 *   cli c;
 *   cli_parse(&c, &tool, argc, argv, on_option, &my_options);
 *   FILE *in = cli_input(&c);          (the one input file, or stdin)
 *   ...
 *   cli_free(&c);
 *
 * The grammar (README "Conventions"):
 *   --help, --version             every tool
 *   -i/--input FILE or FILE       the input: the only operand a tool takes
 *   -o/--output FILE              standard output to FILE, atomically
 *   -q/--quiet                    no summary on standard error
 *   -c/--columns LIST             columns by header name or glob; repeatable
 *   -g/--by LIST                  grouping columns; repeatable
 *   -m/--method NAME              the method, one of the tool's .methods
 *   -w/--where COND               a row condition; repeatable
 *   -r/--rejects FILE             the rows dropped, with a reason
 *   -s/--seed N                   the random seed
 *   --digits N                    significant digits of printed numbers
 *   --safe-cells                  a ' before cells a spreadsheet would run
 * A list value is split at commas; an empty item or an item given twice is a
 * usage error. Every usage error exits 2 with "Try 'svy-TOOL --help'". */
#ifndef SVY_CLI_H
#define SVY_CLI_H

#include <stddef.h>
#include <stdio.h>

/* The common options: bits of cli_tool.common, and the ids cli_parse uses for
 * them. --help and --version are always there. */
enum {
	CLI_INPUT = 1 << 0,
	CLI_OUTPUT = 1 << 1,
	CLI_QUIET = 1 << 2,
	CLI_COLUMNS = 1 << 3,
	CLI_BY = 1 << 4,
	CLI_METHOD = 1 << 5,
	CLI_WHERE = 1 << 6,
	CLI_REJECTS = 1 << 7,
	CLI_SEED = 1 << 8,
	CLI_DIGITS = 1 << 9,
	CLI_HELP = 1 << 10,
	CLI_VERSION = 1 << 11,
	CLI_SAFE_CELLS = 1 << 12,	/* --safe-cells: for tools writing TSV */
	/* ids of a tool's own options start here (letters may be used too) */
	CLI_OWN = 1 << 16,
};

/* One option of a tool's own table, or (ID a CLI_* bit, NAME NULL) a common
 * option whose help line the tool words for itself. The table ends with an
 * entry whose ID is 0. */
typedef struct {
	int id;             /* what the handler is called with: a letter or >= CLI_OWN */
	const char *name;   /* the long name, without "--" */
	int letter;         /* the short letter, or 0 */
	const char *arg;    /* the value's name ("FILE", "N"), NULL for a flag */
	const char *help;   /* the help line (may hold '\n' for more lines) */
} cli_opt;

typedef struct {
	const char *name;              /* "filter": the program is svy-filter */
	const char *synopsis;          /* after "usage: svy-NAME " */
	const char *about;             /* what the tool does, before the options */
	const char *epilog;            /* after the options (NULL: none) */
	unsigned common;               /* CLI_* bits */
	const cli_opt *opts;           /* the tool's own options (NULL: none) */
	const char *const *methods;    /* -m's words, NULL-terminated (CLI_METHOD) */
	const char *method_help;       /* -m's help line (NULL: "the method: a, b") */
	long seed_max;                 /* -s's largest value (0: LONG_MAX) */
} cli_tool;

/* What the command line said, for the common options. */
typedef struct {
	const cli_tool *tool;
	const char *input;          /* -i or the operand; NULL: standard input */
	const char *output;         /* -o, or NULL */
	const char *rejects;        /* -r, or NULL */
	int quiet;
	char **columns;             /* -c items, in order (NULL when none) */
	size_t ncolumns;
	char **by;                  /* -g items */
	size_t nby;
	char **where;               /* -w values, one per option */
	size_t nwhere;
	int method;                 /* index in tool->methods, -1 when not given */
	unsigned long seed;
	int seed_set;
	/* set by cli_input */
	FILE *in;
	const char *in_name;        /* "<stdin>" or the path, for messages */
} cli;

/* Called for each of the tool's own options, in command-line order, with its
 * ID and value (NULL for a flag). */
typedef void cli_handler(void *ctx, int id, const char *arg);

/* Parse ARGV by TOOL's table into C; call ON_OPTION(CTX, ...) for the tool's
 * own options. --help prints the help made from the tables and exits 0;
 * --version prints the version and exits 0; anything else not in the tables,
 * a missing value, or more than one operand is a usage error. Calls err_init. */
void cli_parse(cli *c, const cli_tool *tool, int argc, char **argv,
               cli_handler *on_option, void *ctx);

/* Parse the words ARGV[0..ARGC) of a line of a file (a plan's options) by
 * TOOL's table without dying: each option of the tool's own table, and each
 * common option whose CLI_* bit is in ALLOWED, goes to ON_OPTION(CTX, id,
 * value) with its raw value (the handler checks it: common options too). An
 * option not in the table, a missing value, another common option or an
 * operand is an error: returns -1 with the message in ERR (SIZE bytes), e.g.
 * "option '--digits' belongs on the command line, not PLACE" with PLACE "in
 * a plan". Returns 0 when every word was taken. */
int cli_parse_words(const cli_tool *tool, unsigned allowed, const char *place,
                    int argc, char **argv, cli_handler *on_option, void *ctx,
                    char *err, size_t size);

/* Open the input (the operand or -i; standard input when neither, or "-").
 * Dies when it cannot be opened. Returns c->in; c->in_name names it. */
FILE *cli_input(cli *c);

/* The help text of TOOL on FP (what --help prints). */
void cli_help(const cli_tool *tool, FILE *fp);

/* Close the input and free the lists. */
void cli_free(cli *c);

/* An own option's value as a comma-separated list appended to *V (*N items):
 * empty items or repeats are a usage error naming OPTION ("--levels"). */
void cli_list_append(char ***v, size_t *n, const char *value, const char *option);

#endif
