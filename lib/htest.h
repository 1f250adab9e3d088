/* Hypothesis tests over arrays, with the conventions of scipy.stats (1.10)
 * and statsmodels; distributions from GSL, p-values from upper tails (Q).
 *
 * Each test fills an ht_result and returns NULL, or returns why the test is
 * undefined for the data ("a column is constant") and leaves it alone. */
#ifndef SVY_HTEST_H
#define SVY_HTEST_H

#include <stddef.h>

typedef enum { HT_TWO_SIDED, HT_LESS, HT_GREATER } ht_alternative;

typedef enum { HT_AUTO, HT_EXACT, HT_ASYMPTOTIC } ht_method;

typedef struct {
	double statistic;	/* rho, r, chi2, H, U of the first sample */
	double df;		/* NAN where it does not apply */
	double p;
	double effect;		/* the effect size (see each test) */
	double u_min;		/* Mann-Whitney: min(U1, U2) */
	int exact;		/* Mann-Whitney: the exact distribution was used */
	int exact_fallback;	/* MWU auto: exact was due, n1 n2 too large */
	int exact_with_ties;	/* MWU: exact p on tied data (ties ignored) */
	int corrected;		/* chi2: Yates applied; MWU: continuity applied */
	double min_expected;	/* chi2: smallest expected count */
	size_t n_small_expected;	/* chi2: cells with expected count < 5 */
} ht_result;

/* Name of an alternative as scipy spells it: "two-sided", "less", "greater". */
const char *ht_alternative_name(ht_alternative alt);

/* Upper tail P(T > t) of Student's t with DF degrees of freedom, to a few
 * ulps relative (about 1e-14; 1e-13 for p below 1e-100) for every df and t,
 * subnormal p included. */
double ht_t_sf(double t, double df);

/* Largest n1 * n2 for which ht_mannwhitney computes the exact distribution. */
enum { HT_EXACT_MAX_CELLS = 10000 };

/* Spearman's rho of N pairs (average ranks, Pearson on the ranks); df = n-2,
 * p from Student's t as scipy.stats.spearmanr. Effect size: rho. */
const char *ht_spearman(const double *x, const double *y, size_t n,
                        ht_alternative alt, ht_result *res);

/* Pearson's r of N pairs; df = n-2, p from Student's t (equal to scipy's
 * beta form). Effect size: r. */
const char *ht_pearson(const double *x, const double *y, size_t n,
                       ht_alternative alt, ht_result *res);

/* Chi-square test of independence of the R x C table of counts (row-major),
 * as scipy.stats.chi2_contingency: Yates' correction when YATES and df = 1.
 * Effect size: Cramer's V from the uncorrected chi-square,
 * sqrt(chi2 / (n (min(R, C) - 1))). */
const char *ht_chi2(const double *table, size_t r, size_t c, int yates,
                    ht_result *res);

/* As ht_chi2 without Yates, for a large sparse R x C table given as its NNZ
 * counted cells (row RI[k], column CJ[k], count COUNT[k]): memory in the
 * cells counted and the levels, not R x C. */
const char *ht_chi2_sparse(const size_t *ri, const size_t *cj, const double *count,
                           size_t nnz, size_t r, size_t c, ht_result *res);

/* Tables of more cells than this are counted by ht_chi2_pairs by the
 * cells that occur: 2000 x 2000 levels would be 32 MB of zeros. */
enum { HT_CHI2_DENSE_CELLS = 4000000 };

/* As ht_chi2, for the N observations of an R x C table: row RI[k], column
 * CJ[k] (every row and column occurring). A table of more than
 * HT_CHI2_DENSE_CELLS cells is counted by the cells that occur
 * (ht_chi2_sparse, without Yates: its df is above 1). */
const char *ht_chi2_pairs(const size_t *ri, const size_t *cj, size_t n, size_t r,
                          size_t c, int yates, ht_result *res);

/* Kruskal-Wallis H of N values X in K groups (GROUP[i] in 0..K-1, every
 * group non-empty), tie-corrected, df = k-1, p from chi-square as
 * scipy.stats.kruskal. Effect size: epsilon squared H / (n - 1). */
const char *ht_kruskal(const double *x, const size_t *group, size_t n,
                       size_t k, ht_result *res);

/* Mann-Whitney U of X (N1 values) against Y (N2 values) as
 * scipy.stats.mannwhitneyu (>= 1.7): statistic U1 of X; METHOD auto is exact
 * when n1 <= 8 or n2 <= 8 and there are no ties; the normal approximation
 * corrects for ties and, with CONTINUITY, by 1/2. Auto falls back to the
 * normal approximation when the exact path is due but n1 n2 exceeds
 * HT_EXACT_MAX_CELLS (exact_fallback set). Effect size: rank-biserial
 * correlation 2 U1 / (n1 n2) - 1 (positive when X tends to be larger). */
const char *ht_mannwhitney(const double *x, size_t n1, const double *y,
                           size_t n2, ht_alternative alt, ht_method method,
                           int continuity, ht_result *res);

/* Upper tail P(U >= u) of the exact null distribution of U for samples of
 * M and N values (no ties), scipy's _mwu_state.sf with u truncated to a
 * whole number. Needs m * n <= HT_EXACT_MAX_CELLS. */
double ht_mwu_exact_sf(double u, size_t m, size_t n);

/* Friedman chi-square of the N x K matrix X (row-major, rows = subjects),
 * ranks within rows with scipy's tie correction, df = k-1. Effect size:
 * Kendall's W = chi2 / (n (k - 1)). */
const char *ht_friedman(const double *x, size_t n, size_t k, ht_result *res);

typedef enum {
	HT_ADJ_BH, HT_ADJ_BY, HT_ADJ_HOLM, HT_ADJ_BONFERRONI, HT_ADJ_HOCHBERG
} ht_adjust_method;

/* Adjust the M p-values P into ADJ (may alias P) as statsmodels
 * multipletests: fdr_bh, fdr_by, holm, bonferroni, simes-hochberg; REJECT
 * (NULL: not wanted) as statsmodels decides it at level ALPHA: each sorted
 * p_(i) against its threshold (i alpha / m for bh, step-up; alpha / (m - i + 1)
 * for holm, step-down, and hochberg, step-up; alpha / m for bonferroni). */
void ht_adjust(const double *p, size_t m, ht_adjust_method method, double alpha,
               double *adj, int *reject);

#endif
