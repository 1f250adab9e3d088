/* Bootstrap confidence intervals, percentile and BCa, as
 * scipy.stats.bootstrap (1.10) computes them from the resamples, drawn
 * reproducibly: GSL's MT19937 seeded with SEED, each resample drawing the
 * positions of every stratum in turn (gsl_rng_uniform_int), so that the
 * same seed gives the same interval byte for byte on every machine, and a
 * script replaying the generator reproduces it.
 *
 * The data are NSTRATA strata of SIZES[s] observations, stored one stratum
 * after the other (independent samples, as scipy's multi-sample bootstrap
 * resamples them; one stratum for paired data, whose rows are resampled).
 * The statistic STAT sees the observations IDX[0 .. sum SIZES) in that
 * layout (IDX[i] an observation of position i's stratum) and the sizes.
 *
 * BCa: bias z0 from the share of resampled statistics below (and half of
 * those equal to) the estimate, acceleration from the jackknife of each
 * stratum, as scipy's _bca_interval; the percentiles are numpy's linear
 * ones. */
#ifndef SVY_BOOT_H
#define SVY_BOOT_H

#include <stddef.h>

typedef double boot_stat(const size_t *idx, const size_t *sizes, size_t nstrata,
                         void *ctx);

/* The jackknife of stratum S: into TH[i] the statistic with its i-th
 * observation left out (i < SIZES[S], in the stratum's order), exactly as
 * boot_stat computes it on those indices; for a statistic that can update
 * its sums in less than a whole evaluation. */
typedef void boot_jack(size_t s, const size_t *sizes, size_t nstrata, void *ctx,
                       double *th);

typedef enum { BOOT_BCA, BOOT_PERCENTILE } boot_type;

extern const char *const boot_types[];	/* "bca", "percentile", NULL */

/* The interval of STAT at level CONF from NBOOT resamples into *LO, *HI;
 * BCa's jackknife by JACK (NULL: by STAT on each leave-one-out sample).
 * Returns NULL, or why it does not exist (every resample gave the
 * estimate: BCa's bias is infinite). */
const char *boot_ci(boot_stat *stat, boot_jack *jack, void *ctx, const size_t *sizes,
                    size_t nstrata, size_t nboot, unsigned long seed, double conf,
                    boot_type type, double *lo, double *hi);

#endif
