/* The plan engine of test-hypothesis: the tests to run (one from the command
 * line, or the lines of a plan file), the data columns they use, read once,
 * and the rows their --where conditions keep.
 *
 * A plan is a TSV with columns id, test, variables and optionally family,
 * options and hypothesis; its 'options' are parsed by the tool's own option
 * table (plan_options, through cli_parse_words), so a plan line says what
 * the command line says. An error about a test names the plan's line (a data
 * error, exit 1) or, on the command line, is a usage error (exit 2) where
 * the test's shape is wrong. */
#ifndef SVY_PLAN_H
#define SVY_PLAN_H

#include <stddef.h>
#include <stdnoreturn.h>

#include "cli.h"
#include "cond.h"
#include "htest.h"
#include "levels.h"
#include "tsv.h"

enum plan_kind {
	PLAN_NONE, PLAN_SPEARMAN, PLAN_PEARSON, PLAN_CHI2, PLAN_KRUSKAL,
	PLAN_MANNWHITNEY, PLAN_FRIEDMAN,
	/* lib/plantests */
	PLAN_FISHER, PLAN_MCNEMAR, PLAN_COCHRAN, PLAN_DUNN, PLAN_PAIRWISE_MW,
	PLAN_PAIRWISE_WILCOXON, PLAN_CHI2_CELLS,
	PLAN_TTEST, PLAN_PAIRED_TTEST, PLAN_WILCOXON, PLAN_ANOVA,	/* lib/planparam */
	PLAN_NKINDS
};

/* "spearman" ... by kind; "" for PLAN_NONE. */
extern const char *const plan_test_names[];

/* "spearman, pearson, ...": every test's name, for messages. */
const char *plan_test_list(void);

/* The kind named S, or PLAN_NONE. */
enum plan_kind plan_kind_by_name(const char *s);

/* The ids of the tool's own options (plan_options). */
enum {
	PLAN_OPT_ALTERNATIVE = CLI_OWN, PLAN_OPT_FAMILY, PLAN_OPT_GROUPS, PLAN_OPT_ID,
	PLAN_OPT_MIN_GROUP, PLAN_OPT_MAX_LEVELS, PLAN_OPT_NO_CONTINUITY,
	PLAN_OPT_NO_YATES, PLAN_OPT_WHERE_FILE, PLAN_OPT_WIDE,
	/* lib/planparam's */
	PLAN_OPT_MU, PLAN_OPT_EQUAL_VAR, PLAN_OPT_ZERO_METHOD, PLAN_OPT_AUTO_RULE,
	PLAN_OPT_EFFECT, PLAN_OPT_CONF, PLAN_OPT_BOOT, PLAN_OPT_BOOT_CI,
	/* the command line's only */
	PLAN_OPT_PLAN, PLAN_OPT_NO_HEADER, PLAN_OPT_MAX_WHERE_FILE,
};

/* The tool's own options, shared by the command line and plan lines. */
extern const cli_opt plan_options[];

/* The common options a plan line may hold. */
enum { PLAN_COMMON = CLI_BY | CLI_METHOD | CLI_WHERE };

/* The words of --method (in ht_method's order). */
extern const char *const plan_methods[];

/* Largest --where-file read, in bytes (--max-where-file, in MB). */
extern size_t plan_where_file_max;
enum { PLAN_WHERE_FILE_MB = 64 };

/* A column of the data the tests use, held in memory: numbers, level codes
 * or both, one per row. */
typedef struct {
	size_t idx;		/* field index in the data */
	int numeric, categorical;
	double *num;		/* NAN: missing */
	int *code;		/* -1: missing; else the level, in levels' order */
	levels lv;
} plan_column;

/* One row of a test that writes many (a post-hoc family: one per pair of
 * groups, or per cell of a table). */
typedef struct {
	char *groups, *group_sizes;
	size_t n;
	double statistic, u_min, p, effect;
	double ci_low, ci_high;	/* the effect's interval (NAN: none) */
	int exact, corrected;
} plan_row;

/* A row filter: a condition of lib/cond (COLUMN=V1,V2, COLUMN>=X, ...) or
 * COLUMN=@FILE (values one per line). */
typedef struct {
	char *text;		/* as given, for the output and messages */
	char *colname;
	cond c;
	size_t col;		/* in the data's columns */
} plan_where;

typedef struct {
	const char *file;	/* the plan, for messages; NULL: command line */
	size_t line;		/* its line; 0 for the command line */
	char *id, *family;
	enum plan_kind test;
	char **vars;		/* column names or globs as given */
	size_t nvars;
	char *by, *groups;
	int wide, yates, continuity, min_group, max_levels;
	ht_alternative alt;
	ht_method method;
	int alt_set, method_set, yates_set, continuity_set, groups_set, max_levels_set;
	plan_where *where;
	size_t nwhere;
	size_t nshared;		/* the first NSHARED are the command line's */

	/* lib/planparam's options: ttest, paired-ttest, wilcoxon, anova, and
	 * the interval of every effect size */
	double mu, conf;
	int mu_set, equal_var, zero_method, auto_rule, effect_kind, effect_set;
	int conf_set, boot, boot_set, boot_ci, boot_ci_set, zero_set, rule_set;

	/* resolved */
	size_t *vcol;		/* in the data's columns */
	size_t nv;
	size_t bycol;

	/* lib/plantests: --adjust (an ht_adjust_method, -1: none), --simulate */
	int adjust, effect_missing;
	unsigned long simulate;
	plan_row *rows;		/* the rows of a post-hoc family */
	size_t nrows;

	/* result */
	ht_result res;
	size_t n;
	char *variables, *where_text, *group_names, *group_sizes;
	double df2;		/* anova: the denominator df (NAN: none) */
	double ci_low, ci_high;	/* the effect size's interval (NAN: none) */
	const char *ci_method;	/* "fisher-z", "bca", ... ("": none) */
} plan_test;

/* The columns the tests use, read once. */
typedef struct {
	plan_column *col;
	size_t ncol, colcap;
	size_t nrows;
	const tsv_reader *r;
} plan_data;

/* A test with the defaults (two-sided, auto, Yates, min group 2, 1000
 * levels). */
void plan_test_init(plan_test *e);
void plan_test_free(plan_test *e);

/* "ID (TEST)", or "TEST" when the test has no id, into BUF. */
const char *plan_label(const plan_test *e, char *buf, size_t size);

/* A test that cannot run: in a plan a data error at its line; on the
 * command line a usage error when USAGE is set, a data error otherwise.
 * Frees the scratch buffers first. */
noreturn void plan_fail(const plan_test *e, int usage, const char *fmt, ...);

/* -q: no notes. */
extern int plan_quiet;

/* A note on test E (counts, the chi-square note, the normal fallback):
 * summary-class output that plan_quiet silences; a warning (what the output
 * alone does not show) is always written. "svy-TOOL: LABEL: MESSAGE". */
void plan_note(const plan_test *e, const char *fmt, ...);
void plan_warning(const plan_test *e, const char *fmt, ...);

/* The handler of plan_options (and of -g, -m, -w on a plan line) for test
 * CTX (a plan_test). */
void plan_option(void *ctx, int id, const char *arg);

/* An option's value as lib/opt reads it; a bad one names the plan's line
 * (in a plan) or is a usage error (on the command line). */
int plan_opt_word(const plan_test *e, const char *s, const char *const *choices,
                  const char *option);
long plan_opt_long(const plan_test *e, const char *s, long min, long max,
                   const char *option);
double plan_opt_double(const plan_test *e, const char *s, double min, double max,
                       const char *option);

/* Add a --where (FROM_FILE 0) or --where-file condition to E; a relative
 * --where-file name is relative to the directory of BASE (the plan; NULL:
 * the working directory). */
void plan_add_where(plan_test *e, const char *arg, int from_file, const char *base);

void plan_where_free(plan_where *w);

/* Is the test's shape right (number of variables, options that apply)? */
void plan_check(plan_test *e);

/* The tests of the plan at PATH ("-": standard input), each checked, in
 * order; TOOL's table parses the 'options' column. */
plan_test *plan_read(const char *path, const cli_tool *tool, size_t *n);

/* Resolve E's columns in D (the header of D->r), with the command line's
 * filters GW (NGW) before its own. */
void plan_resolve(plan_data *d, plan_test *e, const plan_where *gw, size_t ngw);

/* Read the rows of R into the columns of D. */
void plan_read_data(plan_data *d, tsv_reader *r);
void plan_data_free(plan_data *d);

/* The header name of data field IDX. */
const char *plan_header(const plan_data *d, size_t idx);

/* The header names of E's columns, joined by SEP. */
char *plan_join_names(const plan_data *d, const plan_test *e, const char *sep);

/* The rows E's conditions keep (scratch); *EXCLUDED the others. */
unsigned char *plan_where_mask(const plan_data *d, plan_test *e, size_t *excluded);

/* Codes of the levels of C present among rows with PRESENT set, in output
 * order (scratch, *ORDER); MAP[code] becomes the position (or -1). Returns
 * the count. */
size_t plan_present_levels(const plan_column *c, const unsigned char *present,
                           int *map, int **order);

/* What a test says on standard error: n of the rows, the rows dropped for a
 * missing value, excluded by --where and (mannwhitney) in OTHER groups. */
void plan_report_counts(const plan_data *d, const plan_test *e, size_t missing,
                        size_t excluded, size_t other);

/* K levels of C over --max-levels is an error, not gigabytes of table. */
void plan_check_levels(const plan_data *d, const plan_test *e, const plan_column *c,
                       size_t k);

/* Each of the K groups (levels ORDER of G, or E's columns when G is NULL)
 * holds at least --min-group values (SIZES), or an error names it. */
void plan_check_group_sizes(const plan_data *d, const plan_test *e, const plan_column *g,
                            const int *order, const size_t *sizes, size_t k);

/* E's groups and group_sizes columns ("a,b", "3,4"). */
void plan_group_text(const plan_data *d, plan_test *e, const plan_column *g,
                     const int *order, const size_t *sizes, size_t k);

/* --groups names NAME, a value group column G lacks among the rows KEEP
 * with V present: the error lists the values G has there. */
noreturn void plan_no_group(const plan_data *d, const plan_test *e,
                            const unsigned char *keep, const plan_column *v,
                            const plan_column *g, const char *name);

/* Buffers of the test being run, freed together when it ends
 * (plan_scratch_free) or fails (plan_fail). */
void *plan_scratch_keep(void *p);
void *plan_scratch_alloc(size_t n, size_t size);
void plan_scratch_free(void);
void plan_scratch_release(void);

#endif
