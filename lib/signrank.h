/* The Wilcoxon signed-rank test of differences D (paired, or a sample
 * minus a value), as scipy.stats.wilcoxon (1.10) and R's wilcox.test.
 *
 * Zeros (ZERO_METHOD): wilcox drops them (R's only way, scipy's default);
 * pratt ranks them with the others and drops their ranks; zsplit gives half
 * of their ranks to each sign. The statistic is V = the sum of the positive
 * ranks (R's; scipy prints min(V, V-) two-sided, which gives the same p).
 *
 * Exact or normal: METHOD exact always (an error with zeros or tied
 * |differences|, whose ranks the exact distribution does not have),
 * asymptotic always, auto by RULE: R's (exact when fewer than 50 nonzero
 * differences and neither zeros nor ties) or scipy's (exact when at most 50
 * differences and no zeros, ties or not: V of tied ranks is truncated to a
 * whole number, as scipy does). The normal approximation corrects the
 * variance for ties and (pratt) zeros, and with CONTINUITY shifts by 1/2
 * towards the mean (R's default; scipy's correction=False turns it off).
 *
 * Effect: the matched-pairs rank-biserial correlation (V+ - V-) / (V+ + V-)
 * over the nonzero differences, as effectsize's rank_biserial (zeros
 * dropped, whatever ZERO_METHOD). */
#ifndef SVY_SIGNRANK_H
#define SVY_SIGNRANK_H

#include <stddef.h>

#include "htest.h"

typedef enum { SR_WILCOX, SR_PRATT, SR_ZSPLIT } sr_zero_method;

typedef enum { SR_RULE_R, SR_RULE_SCIPY } sr_rule;

/* Largest number of differences the exact distribution is computed for:
 * its n^3 / 4 steps and n^2 / 2 probabilities (2^-n, the smallest, stays a
 * normal double). */
enum { SR_EXACT_MAX = 1000 };

/* What the test saw, for notes and the effect's interval. */
typedef struct {
	size_t nzero, nnonzero, ntied;	/* zeros, nonzero differences, tied |d| */
	double v_minus;
} sr_info;

/* Names: "wilcox", "pratt", "zsplit"; "r", "scipy" (NULL-terminated). */
extern const char *const sr_zero_methods[];
extern const char *const sr_rules[];

const char *sr_wilcoxon(const double *d, size_t n, sr_zero_method zm, ht_method method,
                        sr_rule rule, int continuity, ht_alternative alt, ht_result *res,
                        sr_info *info);

/* P(V >= v) of the exact null distribution of V for N distinct ranks. */
double sr_exact_sf(double v, size_t n);

#endif
