/* The exact and post-hoc tests of test-hypothesis (lib/plan's table of
 * tests): fisher, mcnemar, cochran (lib/fisher), and the post-hoc families
 * dunn, pairwise-mannwhitney, pairwise-wilcoxon (lib/signrank's test of
 * every pair of related columns) and chi2-residuals (lib/posthoc), which
 * write one row per pair of groups or columns (or per cell) with the family
 * of the pairs as the rows' family, their p adjusted by --adjust
 * (ht_adjust). */
#ifndef SVY_PLANTESTS_H
#define SVY_PLANTESTS_H

#include "plan.h"
#include "tsv.h"

/* The test names, for the messages that list them. */
#define PLANTESTS_NAMES \
	"fisher, mcnemar, cochran, dunn, pairwise-mannwhitney, pairwise-wilcoxon, " \
	"chi2-residuals"

/* Option ids of plan_options for these tests (apart from plan.h's). */
enum { PLAN_OPT_ADJUST = CLI_OWN + 64, PLAN_OPT_SIMULATE };

/* The seed of fisher --simulate (the command line's -s; 1 when not given). */
extern unsigned long plantests_seed;

/* Is T one of these tests; does it take two columns; are its columns
 * categorical; does it take option OPT (CLI_BY, CLI_METHOD,
 * PLAN_OPT_ALTERNATIVE)? */
int plantests_owns(enum plan_kind t);
int plantests_pair(enum plan_kind t);
int plantests_categorical(enum plan_kind t);
int plantests_allows(enum plan_kind t, int opt);

/* Take --adjust or --simulate into E (1), or leave the option (0). */
int plantests_option(plan_test *e, int id, const char *arg);

/* The shape of one of these tests (columns, options that apply). */
void plantests_check(plan_test *e);

/* Run E over the rows KEEP of D. */
void plantests_run(const plan_data *d, plan_test *e, const unsigned char *keep,
                   size_t excluded);

/* Is E's result finite where it must be (statistic and effect may be
 * missing here)? */
int plantests_finite(const plan_test *e);

/* Write E's row(s) in the tool's schema (1), or leave E to the tool (0). */
int plantests_print(tsv_writer *w, const plan_test *e);

void plantests_free(plan_test *e);

#endif
