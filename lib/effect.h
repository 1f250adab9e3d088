/* Confidence intervals of effect sizes, each with the method R's
 * packages use (cor.test, effectsize):
 *
 *   r (Pearson)         Fisher's z: tanh(atanh r -+ q / sqrt(n - 3))
 *   rho (Spearman)      Fisher's z with Bonett and Wright's (2000) standard
 *                       error sqrt((1 + rho^2 / 2) / (n - 3))
 *   rank-biserial r     Fisher's z with effectsize's standard errors:
 *                       sqrt((n1 + n2 + 1) / (3 n1 n2)) for two samples,
 *                       sqrt((2n^3 + 3n^2 + n) / 6) / ((n^2 + n) / 2) for n
 *                       nonzero paired differences (effectsize 0.8.3 counts
 *                       the nonzero values of x, not x - y, for two columns)
 *   Cohen's d, Hedges' g the noncentral t: the noncentralities whose t
 *                       distributions put the observed t at the 1 - a/2 and
 *                       a/2 quantiles, times sqrt(hn) (and J for g), as
 *                       effectsize's cohens_d / hedges_g (lib/dist)
 *   eta^2, omega^2      the noncentral F (ef_ci_eta2)
 *   Cramer's V          the noncentral chi-square (ef_ci_cramers_v)
 *
 * Q is the standard normal quantile of (1 + CONF) / 2. Each returns 0 and
 * sets *LO, *HI, or -1 when the interval does not exist (n too small). */
#ifndef SVY_EFFECT_H
#define SVY_EFFECT_H

#include <stddef.h>

int ef_ci_fisher_z(double r, size_t n, int bonett_wright, double conf, double *lo,
                   double *hi);

/* The rank-biserial R with standard error SE of atanh R. */
int ef_ci_rank_biserial(double r, double se, double conf, double *lo, double *hi);
double ef_rbs_se_two(size_t n1, size_t n2);
double ef_rbs_se_paired(size_t nd);

/* d = t sqrt(HN) (times J), T with DF degrees of freedom. */
int ef_ci_d(double t, double df, double hn, double j, double conf, double *lo,
            double *hi);

/* Cramer's V of a table of N observations whose uncorrected chi-square
 * CHI2 has DF degrees of freedom, M = min(rows, columns) - 1: the
 * noncentralities l of the noncentral chi-square at 1 - a/2 and a/2 (0
 * where even l = 0 falls short) as sqrt(l / (n m)), at most 1: effectsize's
 * chisq_to_cramers_v (unadjusted). */
int ef_ci_cramers_v(double chi2, double n, double df, double m, double conf, double *lo,
                    double *hi);

/* Eta or omega squared ES of a one-way ANOVA with DF1 and DF2 degrees of
 * freedom, as effectsize (0.8.3) does it for either: the F of which ES
 * would be the eta squared, F = (ES / df1) / ((1 - ES) / df2) (0 when ES
 * <= 0); the noncentralities l whose noncentral F puts it at the 1 - a/2
 * and a/2 quantiles (0 where even l = 0 falls short); l / (l + df2). */
int ef_ci_eta2(double es, double df1, double df2, double conf, double *lo, double *hi);

#endif
