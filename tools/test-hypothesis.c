/* test-hypothesis: run one hypothesis test, or every test of a plan, over one
 * read of a TSV, and print one row per test. */
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cols.h"
#include "cond.h"
#include "err.h"
#include "levels.h"
#include "htest.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

enum test { T_NONE, T_SPEARMAN, T_PEARSON, T_CHI2, T_KRUSKAL, T_MANNWHITNEY, T_FRIEDMAN };

static const char *test_names[] = {
	[T_NONE] = "", [T_SPEARMAN] = "spearman", [T_PEARSON] = "pearson",
	[T_CHI2] = "chi2", [T_KRUSKAL] = "kruskal", [T_MANNWHITNEY] = "mannwhitney",
	[T_FRIEDMAN] = "friedman",
};

/* The one output row schema, shared by every test (see the man page). */
static const char *out_header[] = {
	"id", "family", "test", "variables", "where", "n", "groups", "group_sizes",
	"df", "statistic", "statistic_name", "u_min", "p", "alternative", "method",
	"effect_size", "effect_name",
};

/* A column of the data the tests use, held in memory: numbers, level codes
 * or both, one per row. */
typedef struct {
	size_t idx;		/* field index in the data */
	int numeric, categorical;
	double *num;		/* NAN: missing */
	int *code;		/* -1: missing; else the level, in levels' order */
	levels lv;
} column;

/* A row filter: a condition of lib/cond (COLUMN=V1,V2, COLUMN>=X, ...) or
 * COLUMN=@FILE (values one per line). */
typedef struct {
	char *text;		/* as given, for the output and messages */
	char *colname;
	cond c;
	size_t col;		/* in columns[] */
	unsigned char *allow;	/* per level of the column */
} where_cond;

typedef struct {
	size_t line;		/* plan line; 0 for the command line */
	char *id, *family;
	enum test test;
	char **vars;		/* column names or globs as given */
	size_t nvars;
	char *by, *groups;
	int wide, yates, continuity, min_group, max_levels;
	ht_alternative alt;
	ht_method method;
	int alt_set, method_set, yates_set, continuity_set, groups_set, max_levels_set;
	where_cond *where;
	size_t nwhere;

	/* resolved */
	size_t *vcol;		/* in columns[] */
	size_t nv;
	size_t bycol;

	/* result */
	ht_result res;
	size_t n;
	char *variables, *where_text, *group_names, *group_sizes;
} entry;

static const char *plan_path;	/* for messages about plan lines */
static const char *data_name;
static int quiet;

static column *columns;
static size_t ncolumns, colcap;
static size_t nrows;

static void
usage(void)
{
	printf("usage: %s [OPTION]... TEST VARIABLE... [DATA]\n"
	       "       %s [OPTION]... --plan FILE [DATA]\n"
	       "Run a hypothesis test over the columns of a TSV and print one TSV row with\n"
	       "the test's n, group sizes, df, statistic, p and effect size.\n"
	       "\n"
	       "Tests (as scipy.stats computes them):\n"
	       "  spearman X Y                  Spearman's rho; df = n-2, p from Student's t\n"
	       "  pearson X Y                   Pearson's r; df = n-2, p from Student's t\n"
	       "  chi2 A B                      chi-square test of independence of two\n"
	       "                                categorical columns; effect: Cramer's V\n"
	       "  kruskal VALUE -g GROUP        Kruskal-Wallis H, tie-corrected; effect:\n"
	       "  kruskal --wide COL...         epsilon squared H/(n-1); --wide: each\n"
	       "                                column is a group\n"
	       "  mannwhitney VALUE -g GROUP --groups A,B\n"
	       "                                Mann-Whitney U of group A (scipy >= 1.7),\n"
	       "                                also the smaller U; effect: rank-biserial\n"
	       "                                correlation 2U/(n1 n2) - 1\n"
	       "  friedman COL...               Friedman chi-square over 3 or more columns\n"
	       "                                (complete rows); effect: Kendall's W\n"
	       "VARIABLES are column names; shell globs (known_attack_*) work too. DATA is\n"
	       "the last operand when it is one more than the test takes (or, for friedman\n"
	       "and kruskal --wide, names a file), -i DATA, or standard input.\n"
	       "\n"
	       "Test options:\n"
	       "      --alternative ALT   two-sided (scipy's default), less or greater\n"
	       "                          (spearman, pearson, mannwhitney)\n"
	       "  -g, --by GROUP          the grouping column (kruskal, mannwhitney)\n"
	       "      --groups A,B        the two levels of GROUP to compare; U is A's\n"
	       "  -m, --method M          mannwhitney p: auto (scipy's default: exact when\n"
	       "                          a group has <= 8 values, there are no ties and\n"
	       "                          n1 n2 <= 10000), exact, or asymptotic (normal,\n"
	       "                          tie-corrected)\n"
	       "      --no-continuity     mannwhitney asymptotic p without the 1/2\n"
	       "                          continuity correction (scipy's default has it)\n"
	       "      --no-yates          chi2 without Yates' correction (scipy applies it\n"
	       "                          when df = 1, never otherwise)\n"
	       "      --wide              kruskal: each VARIABLE column is one group\n"
	       "      --min-group N       smallest group size allowed (default 2)\n"
	       "      --max-levels N      most levels of a chi2 column or kruskal group\n"
	       "                          column (default 1000)\n"
	       "      --where COND        use only rows satisfying COND, as svy filter -w:\n"
	       "                          COL=V1,V2 (one of), COL!=V, COL>=X, COL= (missing)\n"
	       "      --where-file COL=FILE  the values one per line in FILE; both repeat\n"
	       "                          and combine with 'and'\n"
	       "      --id ID             label of the row (e.g. H.1.3)\n"
	       "      --family NAME       hypothesis family (e.g. RQ1), for bh-correct\n"
	       "\n"
	       "Other options:\n"
	       "  -i, --input FILE        read the data from FILE (as the DATA operand)\n"
	       "  -p, --plan FILE         run every test of a hypotheses TSV (columns id,\n"
	       "                          test, variables, and optionally family, options,\n"
	       "                          hypothesis); options as above, in the 'options'\n"
	       "                          column; --where on the command line applies to\n"
	       "                          every test of the plan\n"
	       "      --no-header         no header row (to append to a file)\n"
	       "      --digits N          round numbers to N significant digits\n"
	       "  -q, --quiet             no notes on standard error (counts, the chi-square\n"
	       "                          note, the normal fallback); warnings stay\n"
	       "  -o, --output FILE       write to FILE, complete or not at all\n"
	       "      --help              show this help and exit\n"
	       "      --version           show the version and exit\n"
	       "\n"
	       "Rows missing a value the test uses are dropped and counted on standard\n"
	       "error. Output columns: id family test variables where n groups group_sizes\n"
	       "df statistic statistic_name u_min p alternative method effect_size\n"
	       "effect_name.\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog, err_prog);
	exit(0);
}

/* ---- errors that name the test ---- */

static const char *
entry_label(const entry *e, char *buf, size_t size)
{
	if (e->id && *e->id)
		snprintf(buf, size, "%s (%s)", e->id, test_names[e->test]);
	else
		snprintf(buf, size, "%s", test_names[e->test]);
	return buf;
}

/* The buffers of the test being run, freed together when it ends or fails
 * (entry_fail), so that a test that cannot run leaks nothing either. */
static void **scratch;
static size_t nscratch, scratchcap;

static void *
scratch_keep(void *p)
{
	scratch = xgrow(scratch, &scratchcap, nscratch + 1, sizeof *scratch);
	return scratch[nscratch++] = p;
}

static void *
scratch_alloc(size_t n, size_t size)
{
	return scratch_keep(xcalloc(n ? n : 1, size));
}

static void
scratch_free(void)
{
	for (size_t i = 0; i < nscratch; i++)
		free(scratch[i]);
	nscratch = 0;
}

/* scratch_free, and the list itself (the tool is done, or failing). */
static void
scratch_release(void)
{
	scratch_free();
	free(scratch);
	scratch = NULL;
	scratchcap = 0;
}

/* A test that cannot run: on the command line a usage error when USAGE is
 * set, a data error otherwise; in a plan always a data error at its line. */
static noreturn void
entry_fail(const entry *e, int usage_error, const char *fmt, ...)
{
	char msg[1024], label[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	scratch_release();
	if (e->line)
		die_at(plan_path, e->line, NULL, NULL, "%s%s%s", e->test ? entry_label(e, label, sizeof label) : "",
		       e->test ? ": " : "", msg);
	if (usage_error)
		die_usage("%s", msg);
	if (e->test == T_NONE)
		die("%s", msg);
	die("%s: %s", entry_label(e, label, sizeof label), msg);
}

/* ---- a small string builder ---- */

typedef struct {
	char *s;
	size_t len, cap;
} sbuf;

static void
sb_add(sbuf *b, const char *s)
{
	size_t n = strlen(s);
	b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

static char *
sb_take(sbuf *b)
{
	if (!b->s)
		return xstrdup("");
	return b->s;
}

/* ---- where filters ---- */

/* Directory part of PATH plus NAME, unless NAME is absolute or BASE NULL. */
static char *
relative_to(const char *base, const char *name)
{
	const char *slash = base ? strrchr(base, '/') : NULL;
	if (name[0] == '/' || !slash)
		return xstrdup(name);
	size_t d = (size_t)(slash - base) + 1;
	char *p = xmalloc(d + strlen(name) + 1);
	memcpy(p, base, d);
	strcpy(p + d, name);
	return p;
}

static char **
read_value_file(const entry *e, const char *path, size_t *n)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		entry_fail(e, 0, "--where-file: %s: %s", path, strerror(errno));
	char *line = NULL, **v = NULL;
	size_t cap = 0, vcap = 0, count = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;	/* blank lines and comments */
		v = xgrow(v, &vcap, count + 1, sizeof *v);
		v[count++] = xstrndup(line, (size_t)len);
	}
	if (ferror(fp))
		die_errno("%s: read error", path);
	fclose(fp);
	free(line);
	if (count == 0)
		entry_fail(e, 1, "--where-file: '%s' lists no values", path);
	*n = count;
	return v;
}

static void
add_where(entry *e, const char *arg, int from_file, const char *base)
{
	const char *eq = strchr(arg, '=');
	const char *opt = from_file ? "--where-file" : "--where";
	if (from_file ? !eq || eq == arg || !eq[1] : !strpbrk(arg, "=<>"))
		entry_fail(e, 1, "%s '%s': give COLUMN=%s", opt, arg,
		           from_file ? "FILE" : "VALUE,...");
	e->where = xrealloc(e->where, (e->nwhere + 1) * sizeof *e->where);
	where_cond *w = &e->where[e->nwhere++];
	memset(w, 0, sizeof *w);
	if (from_file) {
		w->colname = xstrndup(arg, (size_t)(eq - arg));
		char *path = relative_to(base, eq + 1);
		size_t nvalues, len = strlen(w->colname) + strlen(eq + 1) + 4;
		char **values = read_value_file(e, path, &nvalues);
		w->text = xmalloc(len);
		snprintf(w->text, len, "%s=@%s", w->colname, eq + 1);
		cond_set_list(&w->c, w->colname, values, nvalues, w->text, 0);
		cols_free_list(values, nvalues);
		free(path);
	} else {
		char err[COND_ERRSIZE];
		if (cond_parse(&w->c, arg, 0, err, sizeof err) < 0)
			entry_fail(e, 1, "--where: %s", err);
		w->colname = xstrdup(w->c.column);
		w->text = xstrdup(arg);
	}
}

/* ---- options of a test, from the command line or a plan line ---- */

enum {
	OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_ALTERNATIVE, OPT_DIGITS,
	OPT_FAMILY, OPT_GROUPS, OPT_ID, OPT_MIN_GROUP, OPT_NO_CONTINUITY,
	OPT_NO_HEADER, OPT_NO_YATES, OPT_WHERE, OPT_WHERE_FILE, OPT_WIDE, OPT_MAX_LEVELS,
};

static const struct option longopts[] = {
	{"alternative", required_argument, NULL, OPT_ALTERNATIVE},
	{"by", required_argument, NULL, 'g'},
	{"digits", required_argument, NULL, OPT_DIGITS},
	{"family", required_argument, NULL, OPT_FAMILY},
	{"groups", required_argument, NULL, OPT_GROUPS},
	{"help", no_argument, NULL, OPT_HELP},
	{"id", required_argument, NULL, OPT_ID},
	{"input", required_argument, NULL, 'i'},
	{"max-levels", required_argument, NULL, OPT_MAX_LEVELS},
	{"method", required_argument, NULL, 'm'},
	{"min-group", required_argument, NULL, OPT_MIN_GROUP},
	{"no-continuity", no_argument, NULL, OPT_NO_CONTINUITY},
	{"no-header", no_argument, NULL, OPT_NO_HEADER},
	{"no-yates", no_argument, NULL, OPT_NO_YATES},
	{"output", required_argument, NULL, 'o'},
	{"plan", required_argument, NULL, 'p'},
	{"quiet", no_argument, NULL, 'q'},
	{"version", no_argument, NULL, OPT_VERSION},
	{"where", required_argument, NULL, OPT_WHERE},
	{"where-file", required_argument, NULL, OPT_WHERE_FILE},
	{"wide", no_argument, NULL, OPT_WIDE},
	{NULL, 0, NULL, 0},
};

typedef struct {
	const char *input, *plan;
	int no_header;
} globals;

static void
entry_defaults(entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = xstrdup("");
	e->family = xstrdup("");
	e->yates = 1;
	e->continuity = 1;
	e->min_group = 2;
	e->max_levels = 1000;
	e->alt = HT_TWO_SIDED;
	e->method = HT_AUTO;
}

static enum test
test_by_name(const char *s)
{
	for (size_t t = T_SPEARMAN; t <= T_FRIEDMAN; t++)
		if (strcmp(s, test_names[t]) == 0)
			return (enum test)t;
	return T_NONE;
}

static void
push_var(entry *e, const char *arg)
{
	e->vars = xrealloc(e->vars, (e->nvars + 1) * sizeof *e->vars);
	e->vars[e->nvars++] = xstrdup(arg);
}

/* The first operand names the test, the others are its variables. (On the
 * command line the operands are kept as given, push_var, until the options
 * are known: they may be the data FILE; see operands().) */
static void
add_operand(entry *e, const char *arg)
{
	if (e->test == T_NONE) {
		e->test = test_by_name(arg);
		if (e->test == T_NONE)
			entry_fail(e, 1, "unknown test '%s' (spearman, pearson, chi2, kruskal, "
			           "mannwhitney, friedman)", arg);
		return;
	}
	push_var(e, arg);
}

/* Option values with lib/opt's wording; in a plan, the error names the
 * plan's line. */
static int
entry_word(const entry *e, const char *s, const char *const *choices, const char *option)
{
	if (!e->line)
		return opt_word(s, choices, option);
	int i = opt_choice(s, choices);
	if (i < 0) {
		char list[256] = "";
		size_t len = 0;
		for (int k = 0; choices[k]; k++)
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
			                        k ? ", " : "", choices[k]);
		entry_fail(e, 1, "option '%s': '%s' is not one of: %s", option, s, list);
	}
	return i;
}

static long
entry_long(const entry *e, const char *s, long min, long max, const char *option)
{
	if (!e->line)
		return opt_long(s, min, max, option);
	/* as opt_long: digits only, no blank or '+' */
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	int shaped = (*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' && s[1] <= '9');
	if (!shaped || *end || errno == ERANGE || v < min || v > max)
		entry_fail(e, 1, "option '%s': '%s' is not a whole number from %ld to %ld",
		           option, s, min, max);
	return v;
}

/* Parse ARGV (ARGV[0] ignored) into E. G is NULL for a plan line, where only
 * test options are allowed; BASE is where relative --where-file names are. */
static void
parse_args(entry *e, int argc, char **argv, globals *g, const char *base)
{
	int c, li;
	optind = 0;
	for (;;) {
		li = -1;
		c = getopt_long(argc, argv, g ? "+:g:i:m:o:p:q" : "+:g:m:", longopts, &li);
		if (c == -1) {
			if (optind >= argc)
				break;
			if (strcmp(argv[optind - 1], "--") == 0) {
				while (optind < argc)
					(g ? push_var : add_operand)(e, argv[optind++]);
				break;
			}
			(g ? push_var : add_operand)(e, argv[optind++]);
			continue;
		}
		if (!g && (c == 'i' || c == 'o' || c == 'p' || c == 'q' || c == OPT_DIGITS ||
		           c == OPT_NO_HEADER || c == OPT_HELP || c == OPT_VERSION))
			entry_fail(e, 1, "option '--%s' belongs on the command line, not in a plan",
			           li >= 0 ? longopts[li].name : "?");
		switch (c) {
		case 'i': g->input = optarg; break;
		case 'p': g->plan = optarg; break;
		case 'q': quiet = 1; break;
		case OPT_ALTERNATIVE:
		{
			/* in ht_alternative's order */
			static const char *const alts[] = {"two-sided", "less", "greater", NULL};
			e->alt = (ht_alternative)entry_word(e, optarg, alts, "--alternative");
			e->alt_set = 1;
			break;
		}
		case 'g': free(e->by); e->by = xstrdup(optarg); break;
		case OPT_DIGITS: num_digits = (int)opt_long(optarg, 1, 17, "--digits"); break;
		case OPT_FAMILY: free(e->family); e->family = xstrdup(optarg); break;
		case OPT_GROUPS: free(e->groups); e->groups = xstrdup(optarg); e->groups_set = 1; break;
		case OPT_ID: free(e->id); e->id = xstrdup(optarg); break;
		case 'm':
		{
			/* in ht_method's order */
			static const char *const methods[] = {"auto", "exact", "asymptotic", NULL};
			e->method = (ht_method)entry_word(e, optarg, methods, "--method");
			e->method_set = 1;
			break;
		}
		case OPT_MIN_GROUP:
			e->min_group = (int)entry_long(e, optarg, 1, 1000000, "--min-group");
			break;
		case OPT_MAX_LEVELS:
			e->max_levels = (int)entry_long(e, optarg, 2, 100000000, "--max-levels");
			e->max_levels_set = 1;
			break;
		case OPT_NO_CONTINUITY: e->continuity = 0; e->continuity_set = 1; break;
		case OPT_NO_HEADER: g->no_header = 1; break;
		case OPT_NO_YATES: e->yates = 0; e->yates_set = 1; break;
		case OPT_WHERE: add_where(e, optarg, 0, base); break;
		case OPT_WHERE_FILE: add_where(e, optarg, 1, base); break;
		case OPT_WIDE: e->wide = 1; break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default:
			if (g)
				die_bad_option(c, argv);
			entry_fail(e, 1, "unknown option or missing argument in '%s'",
			           argv[optind - 1 < argc ? optind - 1 : argc - 1]);
		}
	}
}

/* Is the test's shape right: number of variables, options that apply? */
static void
check_entry(entry *e)
{
	const char *t = test_names[e->test];
	if (e->test == T_NONE)
		entry_fail(e, 1, "no test given (spearman, pearson, chi2, kruskal, "
		           "mannwhitney, friedman)");
	int corr = e->test == T_SPEARMAN || e->test == T_PEARSON;
	if ((corr || e->test == T_CHI2) && (e->nvars < 1 || e->nvars > 2))
		entry_fail(e, 1, "%s takes 2 variables, got %zu", t, e->nvars);
	if (e->test == T_KRUSKAL && !e->wide && (e->nvars != 1 || !e->by))
		entry_fail(e, 1, "kruskal takes VALUE --by GROUP, or --wide COL...");
	if (e->test == T_KRUSKAL && e->wide && (e->nvars < 1 || e->by))
		entry_fail(e, 1, "kruskal --wide takes columns and no --by");
	if (e->test == T_MANNWHITNEY && (e->nvars != 1 || !e->by || !e->groups))
		entry_fail(e, 1, "mannwhitney takes VALUE --by GROUP --groups A,B");
	if (e->test == T_FRIEDMAN && e->nvars < 1)
		entry_fail(e, 1, "friedman takes 3 or more columns");
	if (e->by && e->test != T_KRUSKAL && e->test != T_MANNWHITNEY)
		entry_fail(e, 1, "--by applies to kruskal and mannwhitney, not %s", t);
	if (e->wide && e->test != T_KRUSKAL)
		entry_fail(e, 1, "--wide applies to kruskal, not %s", t);
	if (e->groups_set && e->test != T_MANNWHITNEY)
		entry_fail(e, 1, "--groups applies to mannwhitney, not %s", t);
	if (e->alt_set && !corr && e->test != T_MANNWHITNEY)
		entry_fail(e, 1, "--alternative applies to spearman, pearson and "
		           "mannwhitney, not %s", t);
	if ((e->method_set || e->continuity_set) && e->test != T_MANNWHITNEY)
		entry_fail(e, 1, "--method and --no-continuity apply to mannwhitney, not %s", t);
	if (e->yates_set && e->test != T_CHI2)
		entry_fail(e, 1, "--no-yates applies to chi2, not %s", t);
	if (e->max_levels_set && e->test != T_CHI2 && e->test != T_KRUSKAL)
		entry_fail(e, 1, "--max-levels applies to chi2 and kruskal, not %s", t);
	if (e->groups) {
		size_t n;
		char **g = cols_split_list(e->groups, &n);
		int bad = n != 2 || !*g[0] || !*g[1] || levels_equal(g[0], g[1]);
		for (size_t k = 0; k < n; k++)
			free(g[k]);
		free(g);
		if (bad)
			entry_fail(e, 1, "--groups '%s': give two different levels A,B", e->groups);
	}
}

/* ---- the plan ---- */

/* Split S into words on blanks; '...' and "..." quote. Appends to *V. */
static void
split_words(const entry *e, const char *s, char ***v, size_t *n)
{
	const char *p = s;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		char *w = xmalloc(strlen(p) + 1), *o = w;
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '\'' || *p == '"') {
				char q = *p++;
				while (*p && *p != q)
					*o++ = *p++;
				if (!*p)
					entry_fail(e, 1, "unbalanced quote in '%s'", s);
				p++;
			} else {
				*o++ = *p++;
			}
		}
		*o = '\0';
		*v = xrealloc(*v, (*n + 2) * sizeof **v);
		(*v)[(*n)++] = w;
	}
}

static entry *
read_plan(const char *path, size_t *nentries)
{
	FILE *fp = tsv_fopen_in(path);
	tsv_reader r;
	tsv_open(&r, fp, strcmp(path, "-") == 0 ? "<stdin>" : path);
	size_t cid = cols_require(&r, "id"), ctest = cols_require(&r, "test");
	size_t cvars = cols_require(&r, "variables");
	long cfam = cols_find(&r, "family"), copt = cols_find(&r, "options");
	entry *es = NULL;
	size_t n = 0, cap = 0;
	while (tsv_next(&r)) {
		es = xgrow(es, &cap, n + 1, sizeof *es);
		entry *e = &es[n++];
		entry_defaults(e);
		e->line = r.lineno;
		if (tsv_missing(&r, cid))
			die_at(r.name, r.lineno, "id", NULL, "missing hypothesis id");
		free(e->id);
		e->id = xstrdup(tsv_get(&r, cid));
		if (cfam >= 0) {
			free(e->family);
			e->family = xstrdup(tsv_get(&r, (size_t)cfam));
		}
		char **argv = xmalloc(2 * sizeof *argv);
		size_t argc = 0;
		argv[argc++] = xstrdup("plan");
		split_words(e, tsv_get(&r, ctest), &argv, &argc);
		if (argc != 2)
			die_at(r.name, r.lineno, "test", tsv_get(&r, ctest), "give one test name");
		split_words(e, tsv_get(&r, cvars), &argv, &argc);
		if (copt >= 0)
			split_words(e, tsv_get(&r, (size_t)copt), &argv, &argc);
		argv[argc] = NULL;
		parse_args(e, (int)argc, argv, NULL, path);
		check_entry(e);
		for (size_t k = 0; k < argc; k++)
			free(argv[k]);
		free(argv);
	}
	if (n == 0)
		die_at(r.name, 0, NULL, NULL, "the plan lists no tests");
	if (fp != stdin)
		fclose(fp);
	tsv_free(&r);
	*nentries = n;
	return es;
}

/* ---- the data, read once ---- */

static size_t
use_column(size_t idx, int numeric)
{
	size_t k;
	for (k = 0; k < ncolumns; k++)
		if (columns[k].idx == idx)
			break;
	if (k == ncolumns) {
		columns = xgrow(columns, &colcap, ncolumns + 1, sizeof *columns);
		memset(&columns[k], 0, sizeof columns[k]);
		columns[k].idx = idx;
		ncolumns++;
	}
	if (numeric)
		columns[k].numeric = 1;
	else
		columns[k].categorical = 1;
	return k;
}

/* A plan's test names a column the data do not have: the error at the
 * plan's line lists the columns, as cols_require does on the command line. */
static noreturn void
no_column(const entry *e, const tsv_reader *r, const char *name)
{
	enum { SHOWN = 30 };
	sbuf b = {0};
	for (size_t i = 0; i < r->ncols && i < SHOWN; i++) {
		sb_add(&b, i ? ", '" : "'");
		sb_add(&b, r->header[i]);
		sb_add(&b, "'");
	}
	char more[64] = "";
	if (r->ncols > SHOWN)
		snprintf(more, sizeof more, " and %zu more", r->ncols - SHOWN);
	entry_fail(e, 0, "%s: no column '%s'; the columns are %s%s", r->name, name,
	           b.s ? b.s : "", more);
}

/* Column NAME of the data; in a plan, its absence is an error at the plan's
 * line. */
static size_t
entry_column(const entry *e, const tsv_reader *r, const char *name)
{
	if (e->line && cols_find(r, name) < 0)
		no_column(e, r, name);
	return cols_require(r, name);
}

static void
resolve_entry(entry *e, const tsv_reader *r, const where_cond *gw, size_t ngw)
{
	size_t *idx;
	for (size_t k = 0; k < e->nvars && e->line; k++) {
		int found = cols_find(r, e->vars[k]) >= 0;
		for (size_t i = 0; i < r->ncols && !found; i++)
			found = fnmatch(e->vars[k], r->header[i], 0) == 0;
		if (!found)
			no_column(e, r, e->vars[k]);
	}
	e->nv = cols_expand(r, e->vars, e->nvars, &idx);
	if (e->test == T_FRIEDMAN && e->nv < 3)
		entry_fail(e, 1, "friedman needs 3 or more columns, got %zu", e->nv);
	if (e->test == T_KRUSKAL && e->wide && e->nv < 2)
		entry_fail(e, 1, "kruskal --wide needs 2 or more columns, got %zu", e->nv);
	if ((e->test == T_SPEARMAN || e->test == T_PEARSON || e->test == T_CHI2) &&
	    e->nv != 2)
		entry_fail(e, 1, "%s takes 2 variables, the names match %zu columns",
		           test_names[e->test], e->nv);
	e->vcol = xmalloc(e->nv * sizeof *e->vcol);
	for (size_t k = 0; k < e->nv; k++)
		e->vcol[k] = use_column(idx[k], e->test != T_CHI2);
	free(idx);
	if (e->by)
		e->bycol = use_column(entry_column(e, r, e->by), 0);
	/* The command line's filters apply to every test of a plan. */
	if (ngw) {
		where_cond *all = xmalloc((e->nwhere + ngw) * sizeof *all);
		for (size_t k = 0; k < ngw; k++) {
			all[k] = gw[k];
			all[k].allow = NULL;
		}
		for (size_t k = 0; k < e->nwhere; k++)
			all[ngw + k] = e->where[k];
		free(e->where);
		e->where = all;
		e->nwhere += ngw;
	}
	for (size_t k = 0; k < e->nwhere; k++)
		e->where[k].col = use_column(entry_column(e, r, e->where[k].colname), 0);
}

/* The code of the level of field K of R's row in column C, new if new. */
static int
intern(column *c, const tsv_reader *r)
{
	if (!c->lv.max)
		c->lv.max = INT_MAX / 4;
	size_t l = levels_add(&c->lv, tsv_get((tsv_reader *)r, c->idx), r->flen[c->idx], 1);
	if (l == LEVELS_FULL)
		die_at(r->name, r->lineno, r->header[c->idx], NULL,
		       "too many distinct values in a column");
	return (int)l;
}

/* Number the levels of every categorical column in levels' order (numbers
 * by value, then text), so that code order is output order. */
static void
sort_levels(void)
{
	for (size_t k = 0; k < ncolumns; k++) {
		column *c = &columns[k];
		if (!c->categorical)
			continue;
		size_t *map = xmalloc((c->lv.n + 1) * sizeof *map);
		levels_sort(&c->lv, map);
		for (size_t i = 0; i < nrows; i++)
			if (c->code[i] >= 0)
				c->code[i] = (int)map[c->code[i]];
		free(map);
	}
}

static void
read_data(tsv_reader *r)
{
	size_t cap = 0;
	while (tsv_next(r)) {
		if (nrows == cap) {
			cap = cap ? 2 * cap : 1024;
			for (size_t k = 0; k < ncolumns; k++) {
				column *c = &columns[k];
				if (c->numeric)
					c->num = xrealloc(c->num, cap * sizeof *c->num);
				if (c->categorical)
					c->code = xrealloc(c->code, cap * sizeof *c->code);
			}
		}
		for (size_t k = 0; k < ncolumns; k++) {
			column *c = &columns[k];
			int missing = tsv_missing(r, c->idx);
			if (c->numeric) {
				double x = NAN;
				if (!missing)
					tsv_number(r, c->idx, &x);
				c->num[nrows] = x;
			}
			if (c->categorical)
				c->code[nrows] = missing ? -1 : intern(c, r);
		}
		nrows++;
	}
	sort_levels();
}

/* ---- running a test ---- */

/* Codes of the levels of C present among rows with PRESENT set, in output
 * order; MAP[code] becomes the position (or -1). Returns the count. */
static size_t
present_levels(const column *c, const unsigned char *present_code, int *map, int **order)
{
	int *ord = scratch_alloc(c->lv.n + 1, sizeof *ord);
	size_t k = 0;
	for (size_t l = 0; l < c->lv.n; l++)
		if (present_code[l])
			ord[k++] = (int)l;
	for (size_t l = 0; l < c->lv.n; l++)
		map[l] = -1;
	for (size_t i = 0; i < k; i++)
		map[ord[i]] = (int)i;
	*order = ord;
	return k;
}

static unsigned char *
where_mask(entry *e, size_t *excluded)
{
	unsigned char *keep = scratch_alloc(nrows + 1, 1);
	memset(keep, 1, nrows + 1);
	for (size_t k = 0; k < e->nwhere; k++) {
		where_cond *w = &e->where[k];
		column *c = &columns[w->col];
		signed char *allow = scratch_alloc(c->lv.n + 1, 1);
		for (size_t l = 0; l < c->lv.n; l++)
			allow[l] = (signed char)cond_value(&w->c, c->lv.value[l]);
		/* the value that is not a number named as the data first has it */
		for (size_t i = 0; i < nrows; i++)
			if (c->code[i] >= 0 && allow[c->code[i]] < 0) {
				const char *bad = c->lv.value[c->code[i]];
										entry_fail(e, 0, "--where '%s': column '%s' has '%s', not a number",
				           w->text, w->colname, bad);
			}
		int keep_missing = cond_value(&w->c, NULL) == 1;
		for (size_t i = 0; i < nrows; i++)
			if (keep[i] && (c->code[i] < 0 ? !keep_missing : !allow[c->code[i]]))
				keep[i] = 0;
		}
	*excluded = 0;
	for (size_t i = 0; i < nrows; i++)
		*excluded += !keep[i];
	return keep;
}

static const tsv_reader *data_reader;

static const char *
th_header_name(size_t idx)
{
	return data_reader->header[idx];
}

/* The header names of the test's columns, joined by SEP. */
static char *
join_names(const entry *e, const char *sep)
{
	sbuf b = {0};
	for (size_t k = 0; k < e->nv; k++) {
		if (k)
			sb_add(&b, sep);
		sb_add(&b, th_header_name(columns[e->vcol[k]].idx));
	}
	return sb_take(&b);
}

/* A message about test E on standard error: a note (counts, the chi-square
 * note, the normal fallback) is summary-class output that -q silences; a
 * WARNING (what the output alone does not show) is always written. */
static void
message(const entry *e, int warning, const char *fmt, va_list ap)
{
	char msg[1024], label[256];
	if (quiet && !warning)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	warn("%s: %s", entry_label(e, label, sizeof label), msg);
}

static void
note(const entry *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(e, 0, fmt, ap);
	va_end(ap);
}

static void
warning(const entry *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(e, 1, fmt, ap);
	va_end(ap);
}

static void
report_counts(const entry *e, size_t missing, size_t excluded, size_t other)
{
	if (quiet)
		return;
	if (e->wide) {
		note(e, "n = %zu values from %zu columns of %zu rows (%zu missing values "
		     "dropped, %zu rows excluded by --where)", e->n, e->nv, nrows, missing,
		     excluded);
		return;
	}
	char extra[128] = "";
	if (other)
		snprintf(extra, sizeof extra, ", %zu in other groups", other);
	note(e, "n = %zu of %zu rows (%zu dropped for a missing value, %zu excluded by "
	     "--where%s)", e->n, nrows, missing, excluded, extra);
}

static void
check_numeric_not_constant(const entry *e, const double *x, size_t n, size_t col)
{
	for (size_t i = 1; i < n; i++)
		if (x[i] != x[0])
			return;
	char v[NUM_BUFSIZE];
	entry_fail(e, 0, "column '%s' is constant (every value is %s)",
	           th_header_name(columns[col].idx), n ? num_format(v, x[0]) : "missing");
}

static void
run_correlation(entry *e, const unsigned char *keep, size_t excluded)
{
	column *a = &columns[e->vcol[0]], *b = &columns[e->vcol[1]];
	/* static: still reachable when a check below dies (no leak report) */
	static double *x, *y;
	x = scratch_alloc(nrows + 1, sizeof *x);
	y = scratch_alloc(nrows + 1, sizeof *y);
	size_t n = 0, missing = 0;
	for (size_t i = 0; i < nrows; i++) {
		if (!keep[i])
			continue;
		if (isnan(a->num[i]) || isnan(b->num[i])) {
			missing++;
			continue;
		}
		x[n] = a->num[i];
		y[n++] = b->num[i];
	}
	e->n = n;
	report_counts(e, missing, excluded, 0);
	if (n < 3)
		entry_fail(e, 0, "%zu complete pairs; the test needs at least 3", n);
	check_numeric_not_constant(e, x, n, e->vcol[0]);
	check_numeric_not_constant(e, y, n, e->vcol[1]);
	const char *why = e->test == T_SPEARMAN ? ht_spearman(x, y, n, e->alt, &e->res)
	                                        : ht_pearson(x, y, n, e->alt, &e->res);
	if (why)
		entry_fail(e, 0, "%s", why);
	e->variables = join_names(e, ",");
}

/* A table over more levels than --max-levels is an error, not gigabytes. */
static void
check_levels(const entry *e, const column *c, size_t k)
{
	if (k > (size_t)e->max_levels)
		entry_fail(e, 0, "column '%s' has %zu levels (limit %d, --max-levels)",
		           th_header_name(c->idx), k, e->max_levels);
}

/* Tables of more cells than this are counted sparsely (by the cells that
 * occur): 2000 x 2000 levels would be 32 MB of zeros. */
enum { CHI2_DENSE_CELLS = 4000000 };

static const char *
chi2_dense(entry *e, const unsigned char *keep, const int *ma, const int *mb,
           size_t ra, size_t cb)
{
	const column *a = &columns[e->vcol[0]], *b = &columns[e->vcol[1]];
	double *table = scratch_alloc(ra * cb, sizeof *table);
	for (size_t i = 0; i < nrows; i++)
		if (keep[i] && a->code[i] >= 0 && b->code[i] >= 0)
			table[(size_t)ma[a->code[i]] * cb + (size_t)mb[b->code[i]]] += 1;
	const char *why = ht_chi2(table, ra, cb, e->yates, &e->res);
	return why;
}

typedef struct {
	size_t i, j;
} cell;

static int
cell_cmp(const void *x, const void *y)
{
	const cell *p = x, *q = y;
	if (p->i != q->i)
		return (p->i > q->i) - (p->i < q->i);
	return (p->j > q->j) - (p->j < q->j);
}

static const char *
chi2_sparse(entry *e, const unsigned char *keep, const int *ma, const int *mb,
            size_t ra, size_t cb)
{
	const column *a = &columns[e->vcol[0]], *b = &columns[e->vcol[1]];
	cell *cl = scratch_alloc(nrows + 1, sizeof *cl);
	size_t n = 0;
	for (size_t i = 0; i < nrows; i++)
		if (keep[i] && a->code[i] >= 0 && b->code[i] >= 0) {
			cl[n].i = (size_t)ma[a->code[i]];
			cl[n++].j = (size_t)mb[b->code[i]];
		}
	qsort(cl, n, sizeof *cl, cell_cmp);
	size_t *ri = scratch_alloc(n + 1, sizeof *ri), *cj = scratch_alloc(n + 1, sizeof *cj), nnz = 0;
	double *cnt = scratch_alloc(n + 1, sizeof *cnt);
	for (size_t k = 0; k < n; k++) {
		if (nnz && ri[nnz - 1] == cl[k].i && cj[nnz - 1] == cl[k].j) {
			cnt[nnz - 1] += 1;
			continue;
		}
		ri[nnz] = cl[k].i;
		cj[nnz] = cl[k].j;
		cnt[nnz++] = 1;
	}
	const char *why = ht_chi2_sparse(ri, cj, cnt, nnz, ra, cb, &e->res);
	return why;
}

static void
run_chi2(entry *e, const unsigned char *keep, size_t excluded)
{
	column *a = &columns[e->vcol[0]], *b = &columns[e->vcol[1]];
	unsigned char *pa = scratch_alloc(a->lv.n + 1, 1), *pb = scratch_alloc(b->lv.n + 1, 1);
	size_t n = 0, missing = 0;
	for (size_t i = 0; i < nrows; i++) {
		if (!keep[i])
			continue;
		if (a->code[i] < 0 || b->code[i] < 0) {
			missing++;
			continue;
		}
		pa[a->code[i]] = pb[b->code[i]] = 1;
		n++;
	}
	e->n = n;
	report_counts(e, missing, excluded, 0);
	int *ma = scratch_alloc(a->lv.n + 1, sizeof *ma), *mb = scratch_alloc(b->lv.n + 1, sizeof *mb);
	int *oa, *ob;
	size_t ra = present_levels(a, pa, ma, &oa), cb = present_levels(b, pb, mb, &ob);
	check_levels(e, a, ra);
	check_levels(e, b, cb);
	if (ra < 2 || cb < 2)
		entry_fail(e, 0, "column '%s' is constant (the table needs at least 2 levels "
		           "in each column)", th_header_name(ra < 2 ? a->idx : b->idx));
	const char *why = ra * cb <= CHI2_DENSE_CELLS
	                  ? chi2_dense(e, keep, ma, mb, ra, cb)
	                  : chi2_sparse(e, keep, ma, mb, ra, cb);
	if (why)
		entry_fail(e, 0, "%s", why);
	if (e->res.n_small_expected)
		note(e, "%zu of %zu expected counts are below 5 (smallest %.3g): the "
		     "chi-square approximation may be poor", e->res.n_small_expected,
		     ra * cb, e->res.min_expected);
	e->variables = join_names(e, ",");
	char dims[64];
	snprintf(dims, sizeof dims, "%zux%zu", ra, cb);
	e->group_names = xstrdup(dims);
}

static void
group_text(entry *e, const column *g, const int *order, const size_t *sizes, size_t k)
{
	sbuf names = {0}, counts = {0};
	for (size_t j = 0; j < k; j++) {
		char num[32];
		if (j) {
			sb_add(&names, ",");
			sb_add(&counts, ",");
		}
		sb_add(&names, g ? g->lv.value[order[j]] : th_header_name(columns[e->vcol[j]].idx));
		snprintf(num, sizeof num, "%zu", sizes[j]);
		sb_add(&counts, num);
	}
	e->group_names = sb_take(&names);
	e->group_sizes = sb_take(&counts);
}

static void
check_group_sizes(const entry *e, const column *g, const int *order, const size_t *sizes,
                  size_t k)
{
	for (size_t j = 0; j < k; j++)
		if (sizes[j] < (size_t)e->min_group) {
			if (g)
				entry_fail(e, 0, "group '%s' of column '%s' has %zu value%s; "
				           "each group needs at least %d (--min-group)",
				           g->lv.value[order[j]], th_header_name(g->idx), sizes[j],
				           sizes[j] == 1 ? "" : "s", e->min_group);
			entry_fail(e, 0, "column '%s' has %zu value%s; each group needs at "
			           "least %d (--min-group)", th_header_name(columns[e->vcol[j]].idx),
			           sizes[j], sizes[j] == 1 ? "" : "s", e->min_group);
		}
}

static void
run_kruskal(entry *e, const unsigned char *keep, size_t excluded)
{
	double *x = NULL;
	size_t *grp = NULL, n = 0, missing = 0, k;
	size_t *sizes;
	int *order = NULL;
	const column *g = NULL;
	if (e->wide) {
		k = e->nv;
		x = scratch_alloc(nrows * k + 1, sizeof *x);
		grp = scratch_alloc(nrows * k + 1, sizeof *grp);
		sizes = scratch_alloc(k, sizeof *sizes);
		for (size_t j = 0; j < k; j++) {
			const column *c = &columns[e->vcol[j]];
			for (size_t i = 0; i < nrows; i++) {
				if (!keep[i])
					continue;
				if (isnan(c->num[i])) {
					missing++;
					continue;
				}
				x[n] = c->num[i];
				grp[n++] = j;
				sizes[j]++;
			}
		}
		e->n = n;
		report_counts(e, missing, excluded, 0);
	} else {
		const column *v = &columns[e->vcol[0]];
		g = &columns[e->bycol];
		unsigned char *pres = scratch_alloc(g->lv.n + 1, 1);
		int *map = scratch_alloc(g->lv.n + 1, sizeof *map);
		x = scratch_alloc(nrows + 1, sizeof *x);
		grp = scratch_alloc(nrows + 1, sizeof *grp);
		for (size_t i = 0; i < nrows; i++) {
			if (!keep[i])
				continue;
			if (isnan(v->num[i]) || g->code[i] < 0) {
				missing++;
				continue;
			}
			pres[g->code[i]] = 1;
			x[n] = v->num[i];
			grp[n++] = (size_t)g->code[i];
		}
		k = present_levels(g, pres, map, &order);
		check_levels(e, g, k);
		sizes = scratch_alloc(k + 1, sizeof *sizes);
		for (size_t i = 0; i < n; i++) {
			grp[i] = (size_t)map[grp[i]];
			sizes[grp[i]]++;
		}
		e->n = n;
		report_counts(e, missing, excluded, 0);
		if (k < 2)
			entry_fail(e, 0, "column '%s' has %zu group%s; the test needs at least 2",
			           th_header_name(g->idx), k, k == 1 ? "" : "s");
			}
	check_group_sizes(e, g, order, sizes, k);
	const char *why = ht_kruskal(x, grp, n, k, &e->res);
	if (why)
		entry_fail(e, 0, "%s", why);
	group_text(e, g, order, sizes, k);
	if (e->wide) {
		e->variables = join_names(e, ",");
	} else {
		size_t len = strlen(th_header_name(columns[e->vcol[0]].idx)) +
		             strlen(th_header_name(g->idx)) + 8;
		e->variables = xmalloc(len);
		snprintf(e->variables, len, "%s by %s", th_header_name(columns[e->vcol[0]].idx),
		         th_header_name(g->idx));
	}
}

static void
run_mannwhitney(entry *e, const unsigned char *keep, size_t excluded)
{
	const column *v = &columns[e->vcol[0]], *g = &columns[e->bycol];
	size_t ng;
	char **names = scratch_keep(cols_split_list(e->groups, &ng));
	for (size_t j = 0; j < ng; j++)
		scratch_keep(names[j]);
	int code[2] = {-1, -1};
	for (int j = 0; j < 2; j++) {
		size_t l = levels_find(&g->lv, names[j], strlen(names[j]));
		if (l != LEVELS_FULL)
			code[j] = (int)l;
	}
	double *xs[2];
	size_t sizes[2] = {0, 0}, missing = 0, other = 0;
	xs[0] = scratch_alloc(nrows + 1, sizeof *xs[0]);
	xs[1] = scratch_alloc(nrows + 1, sizeof *xs[1]);
	for (size_t i = 0; i < nrows; i++) {
		if (!keep[i])
			continue;
		if (isnan(v->num[i]) || g->code[i] < 0) {
			missing++;
			continue;
		}
		int j = g->code[i] == code[0] ? 0 : g->code[i] == code[1] ? 1 : -1;
		if (j < 0) {
			other++;
			continue;
		}
		xs[j][sizes[j]++] = v->num[i];
	}
	e->n = sizes[0] + sizes[1];
	report_counts(e, missing, excluded, other);
	for (int j = 0; j < 2; j++)
		if (sizes[j] == 0)
			entry_fail(e, 0, "column '%s' has no value '%s' (with '%s' present)",
			           th_header_name(g->idx), names[j],
			           th_header_name(v->idx));
	int order[2] = {code[0], code[1]};
	check_group_sizes(e, g, order, sizes, 2);
	const char *why = ht_mannwhitney(xs[0], sizes[0], xs[1], sizes[1], e->alt, e->method,
	                                 e->continuity, &e->res);
	if (why)
		entry_fail(e, 0, "%s", why);
	if (e->res.exact_fallback)
		note(e, "n1 * n2 = %zu is too large for the exact distribution (at most %d): "
		     "normal approximation used", sizes[0] * sizes[1], HT_EXACT_MAX_CELLS);
	if (e->res.exact_with_ties)
		warning(e, "the data have ties; the exact p ignores them, as scipy's does");
	group_text(e, g, order, sizes, 2);
	size_t len = strlen(th_header_name(v->idx)) + strlen(th_header_name(g->idx)) + 8;
	e->variables = xmalloc(len);
	snprintf(e->variables, len, "%s by %s", th_header_name(v->idx), th_header_name(g->idx));
}

static void
run_friedman(entry *e, const unsigned char *keep, size_t excluded)
{
	size_t k = e->nv, n = 0, missing = 0;
	double *x = scratch_alloc(nrows * k + 1, sizeof *x);
	for (size_t i = 0; i < nrows; i++) {
		if (!keep[i])
			continue;
		int complete = 1;
		for (size_t j = 0; j < k; j++)
			if (isnan(columns[e->vcol[j]].num[i]))
				complete = 0;
		if (!complete) {
			missing++;
			continue;
		}
		for (size_t j = 0; j < k; j++)
			x[n * k + j] = columns[e->vcol[j]].num[i];
		n++;
	}
	e->n = n;
	report_counts(e, missing, excluded, 0);
	const char *why = ht_friedman(x, n, k, &e->res);
	if (why)
		entry_fail(e, 0, "%s", why);
	e->variables = join_names(e, ",");
}

static void
run_entry(entry *e)
{
	size_t excluded;
	unsigned char *keep = where_mask(e, &excluded);
	switch (e->test) {
	case T_SPEARMAN:
	case T_PEARSON: run_correlation(e, keep, excluded); break;
	case T_CHI2: run_chi2(e, keep, excluded); break;
	case T_KRUSKAL: run_kruskal(e, keep, excluded); break;
	case T_MANNWHITNEY: run_mannwhitney(e, keep, excluded); break;
	case T_FRIEDMAN: run_friedman(e, keep, excluded); break;
	case T_NONE: break;
	}
	scratch_free();
	if (!isfinite(e->res.statistic) || !isfinite(e->res.p) || !isfinite(e->res.effect) ||
	    isinf(e->res.df) || isinf(e->res.u_min))
		entry_fail(e, 0, "the statistic of %s is not a finite number for these data",
		           e->variables);
	sbuf w = {0};
	for (size_t k = 0; k < e->nwhere; k++) {
		if (k)
			sb_add(&w, " ");
		sb_add(&w, e->where[k].text);
	}
	e->where_text = sb_take(&w);
}

/* ---- output ---- */

static void
print_entry(tsv_writer *w, const entry *e)
{
	static const char *stat_names[] = {
		[T_SPEARMAN] = "rho", [T_PEARSON] = "r", [T_CHI2] = "chi2",
		[T_KRUSKAL] = "H", [T_MANNWHITNEY] = "U", [T_FRIEDMAN] = "chi2",
	};
	static const char *effect_names[] = {
		[T_SPEARMAN] = "rho", [T_PEARSON] = "r", [T_CHI2] = "cramers_v",
		[T_KRUSKAL] = "epsilon_squared", [T_MANNWHITNEY] = "rank_biserial",
		[T_FRIEDMAN] = "kendalls_w",
	};
	const char *method = "asymptotic", *alt = "";
	switch (e->test) {
	case T_SPEARMAN:
	case T_PEARSON:
		method = "t";
		alt = ht_alternative_name(e->alt);
		break;
	case T_CHI2:
		method = e->res.corrected ? "asymptotic+yates" : "asymptotic";
		break;
	case T_MANNWHITNEY:
		method = e->res.exact ? "exact" : e->res.corrected ? "asymptotic+continuity"
		                                                   : "asymptotic";
		alt = ht_alternative_name(e->alt);
		break;
	default:
		break;
	}
	tsvw_str(w, e->id);
	tsvw_str(w, e->family);
	tsvw_str(w, test_names[e->test]);
	tsvw_str(w, e->variables);
	tsvw_str(w, e->where_text);
	tsvw_int(w, (long long)e->n);
	tsvw_str(w, e->group_names);
	tsvw_str(w, e->group_sizes);
	tsvw_num_or_missing(w, e->res.df);
	tsvw_num_or_missing(w, e->res.statistic);
	tsvw_str(w, stat_names[e->test]);
	tsvw_num_or_missing(w, e->test == T_MANNWHITNEY ? e->res.u_min : NAN);
	tsvw_num_or_missing(w, e->res.p);
	tsvw_str(w, alt);
	tsvw_str(w, method);
	tsvw_num_or_missing(w, e->res.effect);
	tsvw_str(w, effect_names[e->test]);
	tsvw_end(w);
}

static void
free_entry(entry *e)
{
	free(e->id);
	free(e->family);
	for (size_t k = 0; k < e->nvars; k++)
		free(e->vars[k]);
	free(e->vars);
	free(e->by);
	free(e->groups);
	free(e->vcol);
	free(e->variables);
	free(e->where_text);
	free(e->group_names);
	free(e->group_sizes);
}

static void
free_where(where_cond *w)
{
	free(w->text);
	free(w->colname);
	cond_free(&w->c);
}

/* The command line's operands, kept as given in CMD's vars: with --plan at
 * most the data FILE; otherwise TEST VARIABLE... [FILE]. The last operand is
 * the data FILE when it is one more than the test takes (spearman, pearson,
 * chi2 take 2 variables; kruskal --by and mannwhitney 1) or, for friedman
 * and kruskal --wide, when it is '-' or names an existing file. Leaves the
 * test and its variables in CMD and returns the opened data. */
static FILE *
operands(entry *cmd, const globals *g)
{
	char **ops = cmd->vars;
	size_t nops = cmd->nvars, first_file = 0;
	cmd->vars = NULL;
	cmd->nvars = 0;
	if (!g->plan && nops > 0) {
		add_operand(cmd, ops[0]);
		size_t nv = nops - 1, arity = 0;
		if (cmd->test == T_SPEARMAN || cmd->test == T_PEARSON || cmd->test == T_CHI2)
			arity = 2;
		else if (cmd->test == T_MANNWHITNEY || (cmd->test == T_KRUSKAL && !cmd->wide))
			arity = 1;
		struct stat st;
		const char *last = ops[nops - 1];
		if (arity ? nv == arity + 1
		          : nv >= 2 && !g->input &&
		            (strcmp(last, "-") == 0 || (stat(last, &st) == 0 && !S_ISDIR(st.st_mode))))
			nv--;
		for (size_t k = 1; k <= nv; k++)
			add_operand(cmd, ops[k]);
		first_file = nv + 1;
	}
	if (g->plan && (nops > 1 || (nops == 1 && test_by_name(ops[0]) != T_NONE)))
		die_usage("--plan runs the plan's tests: no test on the command line");
	if (!g->plan)
		check_entry(cmd);
	FILE *in = opt_input(g->input, (int)nops, ops, (int)first_file, &data_name);
	data_name = xstrdup(data_name);	/* ops[] are freed below */
	if (g->plan && in == stdin && strcmp(g->plan, "-") == 0)
		die_usage("--plan - reads the plan from standard input: give the data "
		          "as FILE or with --input FILE");
	for (size_t k = 0; k < nops; k++)
		free(ops[k]);
	free(ops);
	return in;
}

int
main(int argc, char **argv)
{
	globals g = {0};
	entry cmd;

	err_init("test-hypothesis");
	/* a fresh start (the fuzz harness runs main again in one process) */
	columns = NULL;
	ncolumns = colcap = nrows = 0;
	quiet = 0;
	plan_path = NULL;
	entry_defaults(&cmd);
	parse_args(&cmd, argc, argv, &g, NULL);
	FILE *in = operands(&cmd, &g);

	entry *es;
	size_t nes;
	where_cond *gw = NULL;
	size_t ngw = 0;
	if (g.plan) {
		if (*cmd.id || *cmd.family || cmd.by || cmd.groups || cmd.wide ||
		    cmd.alt_set || cmd.method_set || cmd.yates_set || cmd.continuity_set ||
		    cmd.min_group != 2 || cmd.max_levels_set)
			die_usage("with --plan, test options go in the plan's 'options' column");
		plan_path = strcmp(g.plan, "-") == 0 ? "<stdin>" : g.plan;
		es = read_plan(g.plan, &nes);
		gw = cmd.where;
		ngw = cmd.nwhere;
		cmd.where = NULL;
		cmd.nwhere = 0;
		free_entry(&cmd);
	} else {
		es = xmalloc(sizeof *es);
		es[0] = cmd;
		nes = 1;
	}

	tsv_reader r;
	tsv_open(&r, in, data_name);
	data_reader = &r;
	for (size_t k = 0; k < nes; k++)
		resolve_entry(&es[k], &r, gw, ngw);
	read_data(&r);
	if (nrows == 0)
		die_at(data_name, 0, NULL, NULL, "no data rows, only a header");

	for (size_t k = 0; k < nes; k++)
		run_entry(&es[k]);

	tsv_writer w;
	tsvw_init(&w, stdout, "<stdout>");
	if (!g.no_header) {
		for (size_t k = 0; k < sizeof out_header / sizeof *out_header; k++)
			tsvw_str(&w, out_header[k]);
		tsvw_end(&w);
	}
	for (size_t k = 0; k < nes; k++)
		print_entry(&w, &es[k]);
	close_stdout();

	for (size_t k = 0; k < nes; k++) {
		for (size_t j = ngw; j < es[k].nwhere; j++)
			free_where(&es[k].where[j]);
		free(es[k].where);
		free_entry(&es[k]);
	}
	free(es);
	for (size_t k = 0; k < ngw; k++)
		free_where(&gw[k]);
	free(gw);
	for (size_t k = 0; k < ncolumns; k++) {
		levels_free(&columns[k].lv);
		free(columns[k].num);
		free(columns[k].code);
	}
	free(columns);
	scratch_release();
	opt_close_input(in);
	tsv_free(&r);
	free((char *)data_name);
	return 0;
}
