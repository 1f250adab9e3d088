/* Agreement of coders: Cohen's kappa with psych's standard error, and
 * Krippendorff's alpha, on codes already numbered (lib/levels). */
#ifndef SVY_AGREE_H
#define SVY_AGREE_H

#include <stddef.h>

/* ---- Cohen's kappa ---- */

enum agree_se { AGREE_SE_PSYCH, AGREE_SE_FCE };

typedef struct {
	double n;		/* pairs */
	double po, pe;		/* observed and expected (weighted) agreement */
	double kappa;
	double var;		/* asymptotic variance of kappa */
	int var_negative;	/* the formula gave a negative variance, set to 0 */
} agree_kappa;

/* Kappa of the L x L table of counts TABLE (rows: coder A's code, columns:
 * coder B's) with agreement weights W (L x L, 1 on the diagonal; the identity
 * for unweighted kappa), as psych::cohen.kappa and sklearn cohen_kappa_score:
 * po = sum w p_ij, pe = sum w p_i. p_.j, kappa = (po - pe) / (1 - pe).
 * The variance is Fleiss, Cohen & Everitt (1969):
 *   [sum_ij p_ij (w_ij (1-pe) - (a_i + b_j)(1-po))^2 - (po pe - 2 pe + po)^2]
 *   / (n (1-pe)^4)
 * with a_i = sum_k w_ik p_.k and, for AGREE_SE_FCE, b_j = sum_k w_kj p_k.;
 * for AGREE_SE_PSYCH b_j = p_j. sum_k w_jk, as psych computes it (the same for
 * unweighted kappa; statsmodels' cohens_kappa has FCE's). A negative variance
 * is set to 0, as psych does, and flagged.
 * The caller makes sure pe < 1. */
void agree_cohen(const double *table, size_t l, const double *w, enum agree_se se,
                 agree_kappa *out);

/* ---- Krippendorff's alpha ---- */

enum agree_metric { AGREE_NOMINAL, AGREE_ORDINAL, AGREE_INTERVAL, AGREE_RATIO };

typedef struct {
	size_t units;		/* units with two or more codes (pairable) */
	double n;		/* pairable values */
	double d_obs, d_exp;	/* observed and expected disagreement */
	double alpha;		/* 1 - d_obs / d_exp */
} agree_alpha;

/* Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's
 * alpha-reliability") of NUNITS units by M coders: CODE[u * M + c] is the
 * index (0..L-1, in the scale's order) of coder c's code for unit u, or
 * (size_t)-1 when missing. VALUE (L numbers) is needed for the interval and
 * ratio metrics, which are computed on the values divided by a power of two
 * near the largest, so alpha is right across the range of numbers; D_OBS and
 * D_EXP are in the codes' units and may be Inf (codes near 1e200) or 0
 * (near 1e-200) where alpha is not. Returns 0, or -1 when no unit has two
 * codes or the expected disagreement is 0 (alpha undefined). Time and memory
 * grow as L^2. */
int agree_krippendorff(const size_t *code, size_t nunits, size_t m, size_t l,
                       const double *value, enum agree_metric metric,
                       agree_alpha *out);

#endif
