/* The tests test-hypothesis gained with lib/ttest and lib/signrank (ttest,
 * paired-ttest, wilcoxon, anova), their options, and the confidence
 * interval of every test's effect size (lib/effect, lib/boot): the plan
 * engine calls in here for what is theirs, so plan.c only lists them. */
#ifndef SVY_PLANPARAM_H
#define SVY_PLANPARAM_H

#include <stddef.h>

#include "plan.h"

/* The defaults of these options in a new test E. */
void planparam_init(plan_test *e);

/* Take option ID (one of PLAN_OPT_MU ... PLAN_OPT_BOOT_CI) into E; 0 when
 * ID is not one of them. */
int planparam_option(plan_test *e, int id, const char *arg);

/* The shape check of E when it is one of these tests (returns 1), else
 * that E uses none of their options (returns 0: plan_check goes on). */
int planparam_check(plan_test *e);

/* Run test E (one of these) over the rows KEEP of D. */
void planparam_run(const plan_data *d, plan_test *e, const unsigned char *keep,
                   size_t excluded);

/* The statistic's, the effect's, the method's and the alternative's names
 * of E's row, for these tests. */
void planparam_names(const plan_test *e, const char **stat, const char **effect,
                     const char **method, const char **alt);

/* The intervals of the older tests' effects, from what their runners hold:
 * a correlation of N pairs; a chi-square of N observations in an R x C
 * table; a Mann-Whitney of N1 and N2 values; Kruskal-
 * Wallis (N values X in K groups GROUP, bootstrap); Friedman (the N x K
 * matrix X, bootstrap). */
void planparam_ci_correlation(plan_test *e, size_t n);
void planparam_ci_chi2(plan_test *e, size_t n, size_t r, size_t c);
void planparam_ci_mannwhitney(plan_test *e, size_t n1, size_t n2);
void planparam_ci_kruskal(plan_test *e, const double *x, const size_t *group, size_t n,
                          size_t k);
void planparam_ci_friedman(plan_test *e, const double *x, size_t n, size_t k);

#endif
