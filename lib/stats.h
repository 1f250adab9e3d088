/* Descriptive statistics of a sample of doubles, and the moments,
 * covariances and correlations of the columns of a matrix, once for every tool.
 *
 * Mean and standard deviation are computed on the values scaled by a power
 * of two near their largest magnitude (exact, no rounding), with a second,
 * corrective pass over the deviations: values near 1e300 do not overflow,
 * values near 1e-320 (subnormal) do not lose their digits, and the result
 * is what pandas' mean and std(ddof) give to the last digit or two.
 * Quantiles are R's type 7 (pandas' and numpy's default "linear") on sorted
 * values, interpolated without overflow. */
#ifndef SVY_STATS_H
#define SVY_STATS_H

#include <stddef.h>

/* E such that the largest magnitude of X[0], X[STRIDE], ... (N values) over
 * 2^E is in [1, 2); 0 when all are 0 or one is not finite. Dividing by 2^E
 * is exact (barring underflow far below the largest value), and sums of
 * squares of the scaled values neither overflow nor underflow. */
int stats_scale_exp(const double *x, size_t n, size_t stride);

/* The mean of X[0..N-1]; NaN when N is 0. */
double stats_mean(const double *x, size_t n);

/* The standard deviation dividing by N - DDOF; NaN when N <= DDOF. */
double stats_sd(const double *x, size_t n, size_t ddof);

/* Sort X ascending (GSL's gsl_sort). */
void stats_sort(double *x, size_t n);

/* The P-quantile (0 <= P <= 1) of sorted X, R type 7; NaN when N is 0. */
double stats_quantile(const double *sorted, size_t n, double p);

typedef struct {
	size_t n;
	double min, q1, median, q3, max, iqr, mean, sd;
} stats_summary;

/* Every statistic above of X (sorted in place); those undefined (N 0, or
 * N <= DDOF for sd) are NaN: the caller prints them empty. */
void stats_summarize(double *x, size_t n, size_t ddof, stats_summary *s);

/* The name of the first statistic of S beyond the range of numbers (about
 * 1.8e308), "sd" or "iqr" (1.7e308 and -1.7e308: sd 2.4e308), or NULL when
 * every one is finite or undefined (NaN). The minimum, quartiles, maximum
 * and mean of finite values are always finite. */
const char *stats_summary_overflow(const stats_summary *s);

/* Die (a data error) when S holds a statistic beyond the range of numbers,
 * naming FILE, COLUMN (NULL: none) and GROUP (NULL: none): never an Inf
 * written with exit 0, as derive's "the sum is beyond the range". */
void stats_summary_check(const stats_summary *s, const char *file,
                         const char *column, const char *group);

/* Means and standard deviations (n - 1 in the denominator) of the P
 * columns of X (N x P), each column scaled by a power of two and centred
 * first, so that values near 1e300 or 1e-320 give the right figures. */
void stats_columns(const double *x, size_t n, size_t p, double *mean, double *sd);

/* Covariance (n - 1) and correlation matrices (P x P) of X; either output
 * may be NULL. The correlations come from the columns scaled and centred as
 * in stats_columns, so they are right across the whole double range (a
 * covariance itself beyond it is +-Inf). A column must vary for its
 * correlations. */
void stats_cov_cor(const double *x, size_t n, size_t p, double *cov, double *cor);

#endif
