/* Student's and Welch's t-tests (independent, paired, one-sample) and the
 * classical and Welch one-way ANOVA, with the conventions of R's t.test and
 * oneway.test (equal to scipy.stats.ttest_ind, ttest_rel, ttest_1samp and
 * f_oneway where both have the test), and their standardised effect sizes
 * as R's effectsize package defines them.
 *
 * Each test fills an ht_result (statistic t or F, df, p, effect) and
 * returns NULL, or returns why the test is undefined for the data. */
#ifndef SVY_TTEST_H
#define SVY_TTEST_H

#include <stddef.h>

#include "htest.h"

/* The effect size a t-test or ANOVA reports. */
typedef enum { TT_COHENS_D, TT_HEDGES_G, TT_ETA2, TT_OMEGA2 } tt_effect;

/* What the confidence interval of a d or g needs: the t of the effect and
 * its degrees of freedom (d = t sqrt(hn)), as effectsize's cohens_d. */
typedef struct {
	double t, df, hn;
	double j;		/* Hedges' correction (1 for d) */
} tt_dinfo;

/* Two independent samples X (N1) and Y (N2): Welch's t (EQUAL_VAR 0, R's
 * default) or Student's (EQUAL_VAR 1); the difference tested is
 * mean(X) - mean(Y) - MU. Effect: Cohen's d (mean(X) - mean(Y) - MU) / s
 * with the pooled standard deviation s (effectsize's default, whichever t),
 * or Hedges' g, d times the exact J = G(df/2) / (sqrt(df/2) G((df-1)/2)),
 * df = n1 + n2 - 2. */
const char *tt_independent(const double *x, size_t n1, const double *y, size_t n2,
                           double mu, int equal_var, ht_alternative alt, tt_effect eff,
                           ht_result *res, tt_dinfo *di);

/* One sample X (N) against MU; the paired test is this on the differences.
 * Effect: d = (mean - MU) / sd (Cohen's d_z for differences), or g (J with
 * df = n - 1). */
const char *tt_one_sample(const double *x, size_t n, double mu, ht_alternative alt,
                          tt_effect eff, ht_result *res, tt_dinfo *di);

/* What the interval of an eta or omega squared needs: the classical
 * ANOVA's df1 and df2. */
typedef struct {
	double df1, df2;
} tt_finfo;

/* One-way ANOVA of N values X in K groups (GROUP[i] in 0..K-1): the
 * classical F (EQUAL_VAR, scipy's f_oneway, R's aov) or Welch's (R's
 * oneway.test default). res->df is df1 = k - 1, *DF2 the denominator df.
 * Effect: eta squared SSB / SST or omega squared
 * (SSB - (k-1) MSW) / (SST + MSW), from the sums of squares in both. */
const char *tt_anova(const double *x, const size_t *group, size_t n, size_t k,
                     int equal_var, tt_effect eff, ht_result *res, double *df2,
                     tt_finfo *fi);

/* p of a t statistic with DF degrees of freedom for ALT. */
double tt_t_pvalue(double t, double df, ht_alternative alt);

#endif
