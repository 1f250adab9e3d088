/* The plan engine of test-hypothesis: see plan.h. */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "plan.h"
#include "planparam.h"
#include "plantests.h"
#include "sbuf.h"

const char *const plan_test_names[] = {
	[PLAN_NONE] = "", [PLAN_SPEARMAN] = "spearman", [PLAN_PEARSON] = "pearson",
	[PLAN_CHI2] = "chi2", [PLAN_KRUSKAL] = "kruskal", [PLAN_MANNWHITNEY] = "mannwhitney",
	[PLAN_FRIEDMAN] = "friedman", [PLAN_FISHER] = "fisher", [PLAN_MCNEMAR] = "mcnemar",
	[PLAN_COCHRAN] = "cochran", [PLAN_DUNN] = "dunn",
	[PLAN_PAIRWISE_MW] = "pairwise-mannwhitney",
	[PLAN_PAIRWISE_WILCOXON] = "pairwise-wilcoxon", [PLAN_CHI2_CELLS] = "chi2-residuals",
	[PLAN_TTEST] = "ttest", [PLAN_PAIRED_TTEST] = "paired-ttest",
	[PLAN_WILCOXON] = "wilcoxon", [PLAN_ANOVA] = "anova",
};

const char *const plan_methods[] = {"auto", "exact", "asymptotic", NULL};

/* in ht_alternative's order */
static const char *const alternatives[] = {"two-sided", "less", "greater", NULL};

size_t plan_where_file_max = (size_t)PLAN_WHERE_FILE_MB << 20;

const cli_opt plan_options[] = {
	{CLI_BY, NULL, 0, NULL,
	 "the grouping column (kruskal, mannwhitney, dunn,\n"
	 "pairwise-mannwhitney)"},
	{CLI_COLUMNS, NULL, 0, NULL, "the test's columns (names or globs, comma-separated)"},
	{CLI_METHOD, NULL, 0, NULL,
	 "mannwhitney p: auto (scipy's default: exact when\n"
	 "a group has <= 8 values, there are no ties and\n"
	 "n1 n2 <= 10000), exact, or asymptotic (normal,\n"
	 "tie-corrected); mcnemar: auto and exact are the\n"
	 "binomial test, asymptotic the chi-square"},
	{CLI_WHERE, NULL, 0, NULL,
	 "use only rows satisfying COND, as svy filter -w:\n"
	 "COL=V1,V2 (one of), COL!=V, COL>=X, COL= (missing)"},
	{PLAN_OPT_WHERE_FILE, "where-file", 0, "COL=FILE",
	 "the values one per line in FILE; both repeat\nand combine with 'and'"},
	{PLAN_OPT_GROUPS, "groups", 0, "A,B", "the two levels of GROUP to compare; U is A's"},
	{PLAN_OPT_ALTERNATIVE, "alternative", 0, "ALT",
	 "two-sided (scipy's default), less or greater\n"
	 "(spearman, pearson, mannwhitney, 2x2 fisher,\n"
	 "pairwise-mannwhitney, pairwise-wilcoxon)"},
	{PLAN_OPT_NO_CONTINUITY, "no-continuity", 0, NULL,
	 "mannwhitney asymptotic p without the 1/2\n"
	 "continuity correction (scipy's default has it)"},
	{PLAN_OPT_NO_YATES, "no-yates", 0, NULL,
	 "chi2 without Yates' correction (scipy applies it\nwhen df = 1, never otherwise)"},
	{PLAN_OPT_WIDE, "wide", 0, NULL, "kruskal: each -c column is one group"},
	{PLAN_OPT_MIN_GROUP, "min-group", 0, "N", "smallest group size allowed (default 2)"},
	{PLAN_OPT_MAX_LEVELS, "max-levels", 0, "N",
	 "most levels of a chi2 column or kruskal group\ncolumn (default 1000)"},
	{PLAN_OPT_ADJUST, "adjust", 0, "METHOD",
	 "post-hoc p adjusted within the family of pairs\n"
	 "(or cells): none (the default), bh, by, holm,\n"
	 "bonferroni or hochberg, as bh-correct"},
	{PLAN_OPT_SIMULATE, "simulate", 0, "N",
	 "fisher: p from N random tables with the\n"
	 "table's margins (Monte Carlo, as R's\n"
	 "simulate.p.value; -s/--seed, default 1)"},
	{PLAN_OPT_EQUAL_VAR, "equal-var", 0, NULL,
	 "ttest, anova: Student's t and the classical F\n"
	 "(default: Welch's, as R's t.test and oneway.test)"},
	{PLAN_OPT_MU, "mu", 0, "X",
	 "ttest -c X (one sample), paired-ttest, wilcoxon:\n"
	 "the value or difference tested against\n"
	 "(default 0)"},
	{PLAN_OPT_ZERO_METHOD, "zero-method", 0, "ZM",
	 "wilcoxon's (pairwise-wilcoxon's) zero\n"
	 "differences: wilcox (dropped, as R and scipy's\n"
	 "default), pratt or zsplit"},
	{PLAN_OPT_AUTO_RULE, "auto-rule", 0, "RULE",
	 "wilcoxon -m auto: r (default: exact when under 50\n"
	 "nonzero differences, no zeros and no ties) or\n"
	 "scipy (exact when at most 50 and no zeros)"},
	{PLAN_OPT_EFFECT, "effect", 0, "NAME",
	 "the effect size: d (Cohen's, default) or g\n"
	 "(Hedges') for ttest and paired-ttest; eta2\n"
	 "(default) or omega2 for anova"},
	{PLAN_OPT_CONF, "conf", 0, "LEVEL",
	 "level of the effect size's interval (default\n0.95)"},
	{PLAN_OPT_BOOT, "boot", 0, "N",
	 "bootstrap resamples of the kruskal and friedman\n"
	 "intervals (default 2000; 0: none), drawn from\n"
	 "-s/--seed"},
	{PLAN_OPT_BOOT_CI, "boot-ci", 0, "TYPE",
	 "the bootstrap interval: bca (default) or\npercentile"},
	{PLAN_OPT_ID, "id", 0, "ID", "label of the row (e.g. H.1.3)"},
	{PLAN_OPT_FAMILY, "family", 0, "NAME", "hypothesis family (e.g. RQ1), for bh-correct"},
	{PLAN_OPT_PLAN, "plan", 'p', "FILE",
	 "run every test of a hypotheses TSV (columns id,\n"
	 "test, variables, and optionally family, options,\n"
	 "hypothesis); options as above, in the 'options'\n"
	 "column; -w on the command line applies to every\n"
	 "test of the plan"},
	{PLAN_OPT_MAX_WHERE_FILE, "max-where-file", 0, "MB",
	 "largest --where-file read, in megabytes\n(default 64)"},
	{PLAN_OPT_NO_HEADER, "no-header", 0, NULL, "no header row (to append to a file)"},
	{0},
};

const char *
plan_test_list(void)
{
	static char list[256];
	size_t len = 0;
	for (size_t t = PLAN_SPEARMAN; t < PLAN_NKINDS; t++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
		                        t > PLAN_SPEARMAN ? ", " : "", plan_test_names[t]);
	return list;
}

enum plan_kind
plan_kind_by_name(const char *s)
{
	for (size_t t = PLAN_SPEARMAN; t < PLAN_NKINDS; t++)
		if (strcmp(s, plan_test_names[t]) == 0)
			return (enum plan_kind)t;
	return PLAN_NONE;
}

/* ---- scratch ---- */

static void **scratch;
static size_t nscratch, scratchcap;

void *
plan_scratch_keep(void *p)
{
	scratch = xgrow(scratch, &scratchcap, nscratch + 1, sizeof *scratch);
	return scratch[nscratch++] = p;
}

void *
plan_scratch_alloc(size_t n, size_t size)
{
	return plan_scratch_keep(xcalloc(n ? n : 1, size));
}

void
plan_scratch_free(void)
{
	for (size_t i = 0; i < nscratch; i++)
		free(scratch[i]);
	nscratch = 0;
}

/* plan_scratch_free, and the list itself (the tool is done, or failing). */
void
plan_scratch_release(void)
{
	plan_scratch_free();
	free(scratch);
	scratch = NULL;
	scratchcap = 0;
}

/* ---- errors that name the test ---- */

const char *
plan_label(const plan_test *e, char *buf, size_t size)
{
	if (e->id && *e->id)
		snprintf(buf, size, "%s (%s)", e->id, plan_test_names[e->test]);
	else
		snprintf(buf, size, "%s", plan_test_names[e->test]);
	return buf;
}

noreturn void
plan_fail(const plan_test *e, int usage_error, const char *fmt, ...)
{
	char msg[1024], lab[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	plan_scratch_release();
	if (e->line)
		die_at(e->file, e->line, NULL, NULL, "%s%s%s",
		       e->test ? plan_label(e, lab, sizeof lab) : "", e->test ? ": " : "", msg);
	if (usage_error)
		die_usage("%s", msg);
	if (e->test == PLAN_NONE)
		die("%s", msg);
	die("%s: %s", plan_label(e, lab, sizeof lab), msg);
}

int plan_quiet;

/* A message about test E on standard error: a note (counts, the chi-square
 * note, the normal fallback) is summary-class output that -q silences; a
 * WARNING (what the output alone does not show) is always written. */
static void
message(const plan_test *e, int warning, const char *fmt, va_list ap)
{
	char msg[1024], lab[256];
	if (plan_quiet && !warning)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	warn("%s: %s", plan_label(e, lab, sizeof lab), msg);
}

void
plan_note(const plan_test *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(e, 0, fmt, ap);
	va_end(ap);
}

void
plan_warning(const plan_test *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(e, 1, fmt, ap);
	va_end(ap);
}

/* ---- where filters ---- */

/* Directory part of BASE plus NAME, unless NAME is absolute or BASE NULL. */
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

/* The whole of FP, at most plan_where_file_max bytes (a named error past
 * it: /dev/zero must not fill the memory); *LEN its length. */
static char *
slurp_capped(const plan_test *e, FILE *fp, const char *path, size_t *len)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;
	for (;;) {
		buf = xgrow(buf, &cap, n + 65536 + 1, 1);
		size_t want = cap - n - 1, got = fread(buf + n, 1, want, fp);
		n += got;
		if (n > plan_where_file_max) {
			free(buf);
			fclose(fp);
			plan_fail(e, 0, "--where-file: %s: larger than %zu MB (--max-where-file)",
			          path, plan_where_file_max >> 20);
		}
		if (got < want)
			break;
	}
	if (ferror(fp)) {
		int err = errno;
		free(buf);
		fclose(fp);
		plan_fail(e, 0, "--where-file: %s: %s", path, strerror(err));
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static char **
read_value_file(const plan_test *e, const char *path, size_t *n)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		plan_fail(e, 0, "--where-file: %s: %s", path, strerror(errno));
	size_t len;
	char *text = slurp_capped(e, fp, path, &len);
	fclose(fp);
	if (memchr(text, '\0', len)) {
		free(text);
		plan_fail(e, 0, "--where-file: %s: a NUL byte: not a text file", path);
	}
	char **v = NULL;
	size_t vcap = 0, count = 0;
	for (char *line = text; line < text + len;) {
		char *end = strchr(line, '\n');
		size_t l = end ? (size_t)(end - line) : strlen(line);
		char *next = line + l + (end != NULL);
		while (l > 0 && line[l - 1] == '\r')
			l--;
		if (l > 0 && line[0] != '#') {	/* blank lines and comments */
			v = xgrow(v, &vcap, count + 1, sizeof *v);
			v[count++] = xstrndup(line, l);
		}
		line = next;
	}
	free(text);
	if (count == 0)
		plan_fail(e, 1, "--where-file: '%s' lists no values", path);
	*n = count;
	return v;
}

void
plan_add_where(plan_test *e, const char *arg, int from_file, const char *base)
{
	const char *eq = strchr(arg, '=');
	const char *opt = from_file ? "--where-file" : "--where";
	if (from_file ? !eq || eq == arg || !eq[1] : !strpbrk(arg, "=<>"))
		plan_fail(e, 1, "%s '%s': give COLUMN=%s", opt, arg,
		          from_file ? "FILE" : "VALUE,...");
	e->where = xrealloc(e->where, (e->nwhere + 1) * sizeof *e->where);
	plan_where *w = &e->where[e->nwhere++];
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
			plan_fail(e, 1, "--where: %s", err);
		w->colname = xstrdup(w->c.column);
		w->text = xstrdup(arg);
	}
}

void
plan_where_free(plan_where *w)
{
	free(w->text);
	free(w->colname);
	cond_free(&w->c);
}

/* ---- a test's options ---- */

void
plan_test_init(plan_test *e)
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
	e->adjust = -1;
	planparam_init(e);
}

void
plan_test_free(plan_test *e)
{
	free(e->id);
	free(e->family);
	cols_free_list(e->vars, e->nvars);
	free(e->by);
	free(e->groups);
	free(e->vcol);
	free(e->variables);
	free(e->where_text);
	free(e->group_names);
	free(e->group_sizes);
	plantests_free(e);
	for (size_t k = e->nshared; k < e->nwhere; k++)
		plan_where_free(&e->where[k]);
	free(e->where);
	memset(e, 0, sizeof *e);
}

/* Option values with lib/opt's wording; in a plan, the error names the
 * plan's line. */
static int
test_word(const plan_test *e, const char *s, const char *const *choices, const char *option)
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
		plan_fail(e, 1, "option '%s': '%s' is not one of: %s", option, s, list);
	}
	return i;
}

static long
test_long(const plan_test *e, const char *s, long min, long max, const char *option)
{
	if (!e->line)
		return opt_long(s, min, max, option);
	/* as opt_long: digits only, no blank or '+' */
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	int shaped = (*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' && s[1] <= '9');
	if (!shaped || *end || errno == ERANGE || v < min || v > max)
		plan_fail(e, 1, "option '%s': '%s' is not a whole number from %ld to %ld",
		          option, s, min, max);
	return v;
}

int
plan_opt_word(const plan_test *e, const char *s, const char *const *choices,
              const char *option)
{
	return test_word(e, s, choices, option);
}

long
plan_opt_long(const plan_test *e, const char *s, long min, long max, const char *option)
{
	return test_long(e, s, min, max, option);
}

double
plan_opt_double(const plan_test *e, const char *s, double min, double max,
                const char *option)
{
	double v;
	if (!e->line)
		return opt_double(s, min, max, option);
	if (num_parse(s, &v) != NUM_OK || v < min || v > max) {
		char a[NUM_BUFSIZE], b[NUM_BUFSIZE];
		plan_fail(e, 1, "option '%s': '%s' is not a number from %s to %s", option, s,
		          num_format(a, min), num_format(b, max));
	}
	return v;
}

void
plan_option(void *ctx, int id, const char *arg)
{
	plan_test *e = ctx;
	switch (id) {
	case PLAN_OPT_ALTERNATIVE:
		e->alt = (ht_alternative)test_word(e, arg, alternatives, "--alternative");
		e->alt_set = 1;
		break;
	case CLI_METHOD:
		e->method = (ht_method)test_word(e, arg, plan_methods, "--method");
		e->method_set = 1;
		break;
	case CLI_BY: free(e->by); e->by = xstrdup(arg); break;
	case CLI_WHERE: plan_add_where(e, arg, 0, e->file); break;
	case PLAN_OPT_WHERE_FILE: plan_add_where(e, arg, 1, e->file); break;
	case PLAN_OPT_FAMILY: free(e->family); e->family = xstrdup(arg); break;
	case PLAN_OPT_GROUPS: free(e->groups); e->groups = xstrdup(arg); e->groups_set = 1; break;
	case PLAN_OPT_ID: free(e->id); e->id = xstrdup(arg); break;
	case PLAN_OPT_MIN_GROUP:
		e->min_group = (int)test_long(e, arg, 1, 1000000, "--min-group");
		break;
	case PLAN_OPT_MAX_LEVELS:
		e->max_levels = (int)test_long(e, arg, 2, 100000000, "--max-levels");
		e->max_levels_set = 1;
		break;
	case PLAN_OPT_NO_CONTINUITY: e->continuity = 0; e->continuity_set = 1; break;
	case PLAN_OPT_NO_YATES: e->yates = 0; e->yates_set = 1; break;
	case PLAN_OPT_WIDE: e->wide = 1; break;
	default:
		if (plantests_option(e, id, arg) || planparam_option(e, id, arg))
			break;
		for (const cli_opt *o = plan_options; o->id; o++)
			if (o->id == id)
				plan_fail(e, 1, "option '--%s' belongs on the command line, "
				          "not in a plan", o->name);
		plan_fail(e, 1, "option not allowed here");
	}
}

void
plan_check(plan_test *e)
{
	const char *t = plan_test_names[e->test];
	if (e->test == PLAN_NONE)
		plan_fail(e, 1, "no test given (%s)", plan_test_list());
	if (planparam_check(e)) {
		plantests_check(e);	/* --adjust and --simulate do not apply */
		return;
	}
	int corr = e->test == PLAN_SPEARMAN || e->test == PLAN_PEARSON;
	if ((corr || e->test == PLAN_CHI2) && (e->nvars < 1 || e->nvars > 2))
		plan_fail(e, 1, "%s takes 2 columns, got %zu", t, e->nvars);
	if (e->test == PLAN_KRUSKAL && !e->wide && (e->nvars != 1 || !e->by))
		plan_fail(e, 1, "kruskal takes -c VALUE -g GROUP, or --wide -c COL,...");
	if (e->test == PLAN_KRUSKAL && e->wide && (e->nvars < 1 || e->by))
		plan_fail(e, 1, "kruskal --wide takes columns and no -g");
	if (e->test == PLAN_MANNWHITNEY && (e->nvars != 1 || !e->by || !e->groups))
		plan_fail(e, 1, "mannwhitney takes -c VALUE -g GROUP --groups A,B");
	if (e->test == PLAN_FRIEDMAN && e->nvars < 1)
		plan_fail(e, 1, "friedman takes 3 or more columns");
	plantests_check(e);
	int own = plantests_owns(e->test);
	if (e->by && e->test != PLAN_KRUSKAL && e->test != PLAN_MANNWHITNEY &&
	    !plantests_allows(e->test, CLI_BY))
		plan_fail(e, 1, "--by applies to kruskal, mannwhitney, dunn, "
		          "pairwise-mannwhitney, ttest and anova, not %s", t);
	if (e->wide && e->test != PLAN_KRUSKAL)
		plan_fail(e, 1, "--wide applies to kruskal, not %s", t);
	if (e->groups_set && e->test != PLAN_MANNWHITNEY)
		plan_fail(e, 1, "--groups applies to mannwhitney and ttest, not %s", t);
	if (e->alt_set && !corr && e->test != PLAN_MANNWHITNEY &&
	    !plantests_allows(e->test, PLAN_OPT_ALTERNATIVE))
		plan_fail(e, 1, "--alternative applies to spearman, pearson, mannwhitney, "
		          "fisher, pairwise-mannwhitney, pairwise-wilcoxon, ttest, paired-ttest "
		          "and wilcoxon, not %s", t);
	if ((e->method_set || e->continuity_set) && e->test != PLAN_MANNWHITNEY &&
	    !plantests_allows(e->test, CLI_METHOD))
		plan_fail(e, 1, "--method and --no-continuity apply to mannwhitney, mcnemar, "
		          "pairwise-mannwhitney, pairwise-wilcoxon and wilcoxon, not %s", t);
	if (e->yates_set && e->test != PLAN_CHI2)
		plan_fail(e, 1, "--no-yates applies to chi2, not %s", t);
	if (e->max_levels_set && e->test != PLAN_CHI2 && e->test != PLAN_KRUSKAL && !own)
		plan_fail(e, 1, "--max-levels applies to chi2, kruskal and anova, not %s", t);
	if (e->groups) {
		size_t n;
		char **g = cols_split_list(e->groups, &n);
		int bad = n != 2 || !*g[0] || !*g[1] || levels_equal(g[0], g[1]);
		cols_free_list(g, n);
		if (bad)
			plan_fail(e, 1, "--groups '%s': give two different levels A,B", e->groups);
	}
}

/* ---- the plan ---- */

/* Split S into words on blanks; '...' and "..." quote. Appends to *V. */
static void
split_words(const plan_test *e, const char *s, char ***v, size_t *n)
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
				if (!*p) {
					free(w);
					plan_fail(e, 1, "unbalanced quote in '%s'", s);
				}
				p++;
			} else {
				*o++ = *p++;
			}
		}
		*o = '\0';
		*v = xrealloc(*v, (*n + 2) * sizeof **v);
		(*v)[(*n)++] = w;
		(*v)[*n] = NULL;
	}
}

/* One line of the plan into E: the test, its columns, its options. */
static void
read_test(plan_test *e, tsv_reader *r, size_t ctest, size_t cvars, long copt,
          const cli_tool *tool)
{
	char **words = NULL;
	size_t n = 0;
	split_words(e, tsv_get(r, ctest), &words, &n);
	if (n != 1) {
		cols_free_list(words, n);
		die_at(r->name, r->lineno, "test", tsv_get(r, ctest), "give one test name");
	}
	e->test = plan_kind_by_name(words[0]);
	if (e->test == PLAN_NONE) {
		char msg[256];
		snprintf(msg, sizeof msg, "unknown test '%s' (%s)", words[0], plan_test_list());
		cols_free_list(words, n);
		plan_fail(e, 1, "%s", msg);
	}
	cols_free_list(words, n);
	split_words(e, tsv_get(r, cvars), &e->vars, &e->nvars);
	if (copt < 0)
		return;
	words = NULL;
	n = 0;
	split_words(e, tsv_get(r, (size_t)copt), &words, &n);
	char err[512];
	int rc = cli_parse_words(tool, PLAN_COMMON, "in a plan", (int)n, words, plan_option,
	                         e, err, sizeof err);
	cols_free_list(words, n);
	if (rc < 0)
		plan_fail(e, 1, "%s", err);
}

plan_test *
plan_read(const char *path, const cli_tool *tool, size_t *nentries)
{
	FILE *fp = tsv_fopen_in(path);
	tsv_reader r;
	tsv_open(&r, fp, strcmp(path, "-") == 0 ? "<stdin>" : path);
	size_t cid = cols_require(&r, "id"), ctest = cols_require(&r, "test");
	size_t cvars = cols_require(&r, "variables");
	long cfam = cols_find(&r, "family"), copt = cols_find(&r, "options");
	/* static: still reachable when a line below dies (no leak report) */
	static plan_test *es;
	es = NULL;
	size_t n = 0, cap = 0;
	while (tsv_next_uncommented(&r)) {
		es = xgrow(es, &cap, n + 1, sizeof *es);
		plan_test *e = &es[n++];
		plan_test_init(e);
		e->file = r.name;
		e->line = r.lineno;
		if (tsv_missing(&r, cid))
			die_at(r.name, r.lineno, "id", NULL, "missing hypothesis id");
		free(e->id);
		e->id = xstrdup(tsv_get(&r, cid));
		if (cfam >= 0) {
			free(e->family);
			e->family = xstrdup(tsv_get(&r, (size_t)cfam));
		}
		read_test(e, &r, ctest, cvars, copt, tool);
		plan_check(e);
	}
	if (n == 0)
		die_at(r.name, 0, NULL, NULL, "the plan lists no tests");
	if (fp != stdin)
		fclose(fp);
	/* the entries keep the plan's name for messages */
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	for (size_t k = 0; k < n; k++)
		es[k].file = name;
	tsv_free(&r);
	*nentries = n;
	return es;
}

/* ---- the data, read once ---- */

static size_t
use_column(plan_data *d, size_t idx, int numeric)
{
	size_t k;
	for (k = 0; k < d->ncol; k++)
		if (d->col[k].idx == idx)
			break;
	if (k == d->ncol) {
		d->col = xgrow(d->col, &d->colcap, d->ncol + 1, sizeof *d->col);
		memset(&d->col[k], 0, sizeof d->col[k]);
		d->col[k].idx = idx;
		d->ncol++;
	}
	if (numeric)
		d->col[k].numeric = 1;
	else
		d->col[k].categorical = 1;
	return k;
}

/* A plan's test names a column the data do not have: the error at the
 * plan's line lists the columns, as cols_require does on the command line. */
static noreturn void
no_column(const plan_test *e, const tsv_reader *r, const char *name)
{
	enum { SHOWN = 30 };
	sbuf b = {0};
	for (size_t i = 0; i < r->ncols && i < SHOWN; i++) {
		sbuf_add(&b, i ? ", '" : "'");
		sbuf_add(&b, r->header[i]);
		sbuf_add(&b, "'");
	}
	char more[64] = "", *list = sbuf_take(&b), msg[2048];
	if (r->ncols > SHOWN)
		snprintf(more, sizeof more, " and %zu more", r->ncols - SHOWN);
	snprintf(msg, sizeof msg, "%s: no column '%s'; the columns are %s%s", r->name, name,
	         list, more);
	free(list);
	plan_fail(e, 0, "%s", msg);
}

/* Column NAME of the data; in a plan, its absence is an error at the plan's
 * line. */
static size_t
test_column(const plan_test *e, const tsv_reader *r, const char *name)
{
	if (e->line && cols_find(r, name) < 0)
		no_column(e, r, name);
	return cols_require(r, name);
}

void
plan_resolve(plan_data *d, plan_test *e, const plan_where *gw, size_t ngw)
{
	const tsv_reader *r = d->r;
	size_t *idx;
	for (size_t k = 0; k < e->nvars && e->line; k++) {
		int found = cols_find(r, e->vars[k]) >= 0;
		for (size_t i = 0; i < r->ncols && !found; i++)
			found = fnmatch(e->vars[k], r->header[i], 0) == 0;
		if (!found)
			no_column(e, r, e->vars[k]);
	}
	e->nv = cols_expand(r, e->vars, e->nvars, &idx);
	size_t least = e->test == PLAN_FRIEDMAN ? 3 : e->test == PLAN_KRUSKAL && e->wide ? 2 :
	               e->test == PLAN_COCHRAN || e->test == PLAN_PAIRWISE_WILCOXON ? 2 : 0;
	int pair = e->test == PLAN_SPEARMAN || e->test == PLAN_PEARSON || e->test == PLAN_CHI2 ||
	           plantests_pair(e->test);
	if (e->nv < least || (pair && e->nv != 2)) {
		free(idx);
		if (pair)
			plan_fail(e, 1, "%s takes 2 columns, the names match %zu columns",
			          plan_test_names[e->test], e->nv);
		plan_fail(e, 1, "%s%s needs %zu or more columns, got %zu",
		          plan_test_names[e->test], e->wide ? " --wide" : "", least, e->nv);
	}
	e->vcol = xmalloc(e->nv * sizeof *e->vcol);
	for (size_t k = 0; k < e->nv; k++)
		e->vcol[k] = use_column(d, idx[k], e->test != PLAN_CHI2 &&
		                        !plantests_categorical(e->test));
	free(idx);
	if (e->by)
		e->bycol = use_column(d, test_column(e, r, e->by), 0);
	/* The command line's filters apply to every test of a plan: shared,
	 * not copied (plan_test_free leaves them to their owner). */
	if (ngw) {
		plan_where *all = xmalloc((e->nwhere + ngw) * sizeof *all);
		memcpy(all, gw, ngw * sizeof *all);
		if (e->nwhere)
			memcpy(all + ngw, e->where, e->nwhere * sizeof *all);
		free(e->where);
		e->where = all;
		e->nwhere += ngw;
		e->nshared = ngw;
	}
	for (size_t k = 0; k < e->nwhere; k++)
		e->where[k].col = use_column(d, test_column(e, r, e->where[k].colname), 0);
}

/* The code of the level of column C in R's row, new if new. */
static int
intern(plan_column *c, const tsv_reader *r)
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
sort_levels(plan_data *d)
{
	for (size_t k = 0; k < d->ncol; k++) {
		plan_column *c = &d->col[k];
		if (!c->categorical)
			continue;
		size_t *map = xmalloc((c->lv.n + 1) * sizeof *map);
		levels_sort(&c->lv, map);
		for (size_t i = 0; i < d->nrows; i++)
			if (c->code[i] >= 0)
				c->code[i] = (int)map[c->code[i]];
		free(map);
	}
}

void
plan_read_data(plan_data *d, tsv_reader *r)
{
	size_t cap = 0;
	while (tsv_next(r)) {
		if (d->nrows == cap) {
			cap = cap ? 2 * cap : 1024;
			for (size_t k = 0; k < d->ncol; k++) {
				plan_column *c = &d->col[k];
				if (c->numeric)
					c->num = xrealloc(c->num, cap * sizeof *c->num);
				if (c->categorical)
					c->code = xrealloc(c->code, cap * sizeof *c->code);
			}
		}
		for (size_t k = 0; k < d->ncol; k++) {
			plan_column *c = &d->col[k];
			int missing = tsv_missing(r, c->idx);
			if (c->numeric) {
				double x = NAN;
				if (!missing)
					tsv_number(r, c->idx, &x);
				c->num[d->nrows] = x;
			}
			if (c->categorical)
				c->code[d->nrows] = missing ? -1 : intern(c, r);
		}
		d->nrows++;
	}
	sort_levels(d);
}

void
plan_data_free(plan_data *d)
{
	for (size_t k = 0; k < d->ncol; k++) {
		levels_free(&d->col[k].lv);
		free(d->col[k].num);
		free(d->col[k].code);
	}
	free(d->col);
	memset(d, 0, sizeof *d);
}

/* ---- what a test uses ---- */

size_t
plan_present_levels(const plan_column *c, const unsigned char *present, int *map,
                    int **order)
{
	int *ord = plan_scratch_alloc(c->lv.n + 1, sizeof *ord);
	size_t k = 0;
	for (size_t l = 0; l < c->lv.n; l++)
		if (present[l])
			ord[k++] = (int)l;
	for (size_t l = 0; l < c->lv.n; l++)
		map[l] = -1;
	for (size_t i = 0; i < k; i++)
		map[ord[i]] = (int)i;
	*order = ord;
	return k;
}

unsigned char *
plan_where_mask(const plan_data *d, plan_test *e, size_t *excluded)
{
	size_t nrows = d->nrows;
	unsigned char *keep = plan_scratch_alloc(nrows + 1, 1);
	memset(keep, 1, nrows + 1);
	for (size_t k = 0; k < e->nwhere; k++) {
		plan_where *w = &e->where[k];
		const plan_column *c = &d->col[w->col];
		signed char *allow = plan_scratch_alloc(c->lv.n + 1, 1);
		for (size_t l = 0; l < c->lv.n; l++)
			allow[l] = (signed char)cond_value(&w->c, c->lv.value[l]);
		/* the value that is not a number named as the data first has it */
		for (size_t i = 0; i < nrows; i++)
			if (c->code[i] >= 0 && allow[c->code[i]] < 0)
				plan_fail(e, 0, "--where '%s': column '%s' has '%s', not a number",
				          w->text, w->colname, c->lv.value[c->code[i]]);
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

const char *
plan_header(const plan_data *d, size_t idx)
{
	return d->r->header[idx];
}

char *
plan_join_names(const plan_data *d, const plan_test *e, const char *sep)
{
	sbuf b = {0};
	for (size_t k = 0; k < e->nv; k++) {
		if (k)
			sbuf_add(&b, sep);
		sbuf_add(&b, plan_header(d, d->col[e->vcol[k]].idx));
	}
	return sbuf_take(&b);
}

/* ---- what a test says ---- */

void
plan_report_counts(const plan_data *d, const plan_test *e, size_t missing, size_t excluded,
                   size_t other)
{
	if (plan_quiet)
		return;
	if (e->wide) {
		plan_note(e, "n = %zu values from %zu columns of %zu rows (%zu missing values "
		          "dropped, %zu rows excluded by --where)", e->n, e->nv, d->nrows, missing,
		          excluded);
		return;
	}
	char extra[128] = "";
	if (other)
		snprintf(extra, sizeof extra, ", %zu in other groups", other);
	plan_note(e, "n = %zu of %zu rows (%zu dropped for a missing value, %zu excluded by "
	          "--where%s)", e->n, d->nrows, missing, excluded, extra);
}

/* A table over more levels than --max-levels is an error, not gigabytes. */
void
plan_check_levels(const plan_data *d, const plan_test *e, const plan_column *c, size_t k)
{
	if (k > (size_t)e->max_levels)
		plan_fail(e, 0, "column '%s' has %zu levels (limit %d, --max-levels)",
		          plan_header(d, c->idx), k, e->max_levels);
}

void
plan_group_text(const plan_data *d, plan_test *e, const plan_column *g, const int *order,
                const size_t *sizes, size_t k)
{
	sbuf names = {0}, counts = {0};
	for (size_t j = 0; j < k; j++) {
		char num[32];
		if (j) {
			sbuf_add(&names, ",");
			sbuf_add(&counts, ",");
		}
		sbuf_add(&names, g ? g->lv.value[order[j]] : plan_header(d, d->col[e->vcol[j]].idx));
		snprintf(num, sizeof num, "%zu", sizes[j]);
		sbuf_add(&counts, num);
	}
	e->group_names = sbuf_take(&names);
	e->group_sizes = sbuf_take(&counts);
}

void
plan_check_group_sizes(const plan_data *d, const plan_test *e, const plan_column *g,
                       const int *order, const size_t *sizes, size_t k)
{
	for (size_t j = 0; j < k; j++)
		if (sizes[j] < (size_t)e->min_group) {
			if (g)
				plan_fail(e, 0, "group '%s' of column '%s' has %zu value%s; "
				          "each group needs at least %d (--min-group)",
				          g->lv.value[order[j]], plan_header(d, g->idx), sizes[j],
				          sizes[j] == 1 ? "" : "s", e->min_group);
			plan_fail(e, 0, "column '%s' has %zu value%s; each group needs at "
			          "least %d (--min-group)", plan_header(d, d->col[e->vcol[j]].idx),
			          sizes[j], sizes[j] == 1 ? "" : "s", e->min_group);
		}
}

/* --groups names a value the group column does not have (among the rows
 * used): the error lists the values it has, as levels order them. */
noreturn void
plan_no_group(const plan_data *d, const plan_test *e, const unsigned char *keep,
              const plan_column *v, const plan_column *g, const char *name)
{
	unsigned char *seen = plan_scratch_alloc(g->lv.n + 1, 1);
	for (size_t i = 0; i < d->nrows; i++)
		if (keep[i] && !isnan(v->num[i]) && g->code[i] >= 0)
			seen[g->code[i]] = 1;
	char *list = levels_quoted(&g->lv, seen, 20), msg[2048];
	snprintf(msg, sizeof msg, "column '%s' has no value '%s' (with '%s' present); "
	         "its values are %s", plan_header(d, g->idx), name, plan_header(d, v->idx),
	         *list ? list : "none");
	free(list);
	plan_fail(e, 0, "%s", msg);
}
