/* Exact and related tests of tables of counts: Fisher's exact test (2x2 as
 * R's fisher.test, with the conditional maximum-likelihood odds ratio and its
 * exact interval; r x c by a network algorithm, or Monte Carlo as R's
 * simulate.p.value), McNemar's test of a paired 2x2 table and Cochran's Q of
 * k related binary items.
 *
 * As lib/htest, each test fills an ht_result and returns NULL, or returns
 * why the test is undefined for the data and leaves it alone. */
#ifndef SVY_FISHER_H
#define SVY_FISHER_H

#include <stddef.h>

#include "htest.h"

/* Fisher's exact test of the 2x2 table {{A, B}, {C, D}} as R's fisher.test
 * (or = 1): p of ALT (two-sided: the tables no more likely than the one
 * seen, within 1e-7 relative); *OR the conditional maximum-likelihood
 * estimate of the odds ratio (0 or HUGE_VAL at the ends of the support) and
 * CI[2] its exact interval at level CONF (two-sided, or one bound 0 /
 * HUGE_VAL for less / greater), roots found as R's uniroot finds them (its
 * tolerance 1.2e-4 included, so the numbers are R's). statistic: A. An empty
 * row or column is an error. */
const char *fisher_2x2(const double t[4], ht_alternative alt, double conf, double *or,
                       double ci[2], ht_result *res);

/* Most steps (nodes of its walk) fisher_rxc takes before it gives up (and
 * names --simulate). */
enum { FISHER_MAX_TABLES = 20000000 };

/* Fisher's exact test of the R x C table T (row-major counts, every row and
 * column non-empty): the probability of the tables with the same margins no
 * more likely than T (within 1e-7 relative), as R's fisher.test. Walks the
 * tables with bounds that count or skip whole subtrees at once; past
 * FISHER_MAX_TABLES steps an error says so. */
const char *fisher_rxc(const double *t, size_t r, size_t c, ht_result *res);

/* As fisher_rxc, the p estimated from B random tables with T's margins
 * (simulated by shuffling, a GSL Mersenne Twister seeded with SEED): (1 + the
 * tables no more likely than T) / (B + 1), as R's simulate.p.value. */
const char *fisher_simulate(const double *t, size_t r, size_t c, unsigned long b,
                            unsigned long seed, ht_result *res);

/* McNemar's test of the paired 2x2 table {{A, B}, {C, D}} (B, C: the
 * discordant pairs). EXACT: the binomial test of B against B + C at 1/2,
 * two-sided, statistic min(B, C) (statsmodels' mcnemar, exact=True);
 * otherwise chi-square (|B - C| - CONTINUITY)^2 / (B + C), df 1, as R's
 * mcnemar.test (no correction when B = C). Effect size: Cohen's g,
 * max(B, C) / (B + C) - 1/2. No discordant pair is an error. */
const char *mcnemar(const double t[4], int exact, int continuity, ht_result *res);

/* Cochran's Q of the N x K 0/1 matrix X (row-major: 1 is a success) as
 * statsmodels' cochrans_q: df = k - 1, p from chi-square. Effect size:
 * Q / (n (k - 1)) (eta squared of Q, Tomczak & Tomczak 2014). */
const char *cochran_q(const unsigned char *x, size_t n, size_t k, ht_result *res);

#endif
