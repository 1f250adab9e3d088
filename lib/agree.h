/* Agreement of coders: the distinct codes of columns, Cohen's kappa with
 * psych's standard error, and Krippendorff's alpha. */
#ifndef SVY_AGREE_H
#define SVY_AGREE_H

#include <stddef.h>

/* ---- codes: a set of strings, numbered in order of first appearance ---- */

typedef struct {
	char **code;		/* the codes, unescaped */
	size_t *count;		/* how often each was added */
	size_t n, cap;
	size_t *slot;		/* hash table of indices + 1 (0: empty) */
	size_t nslot;
} agree_codes;

void agree_codes_init(agree_codes *s);
void agree_codes_free(agree_codes *s);
/* The index of CODE (LEN bytes), adding it if new; counts it when COUNT. */
size_t agree_codes_add(agree_codes *s, const char *code, size_t len, int count);
/* As agree_codes_add, but a code that reads as a number (num_parse) is
 * taken by its value: 0 and -0, 1 and 1.0 and 1e0 are one code, kept as the
 * shortest form that reads back as that number ("0", "1", "0.1"). */
size_t agree_codes_add_by_value(agree_codes *s, const char *code, size_t len, int count);
/* CODE as agree_codes_add_by_value keeps it (allocated). */
char *agree_code_by_value(const char *code);
/* The index of CODE, or (size_t)-1 when the set does not have it. */
size_t agree_codes_find(const agree_codes *s, const char *code, size_t len);
/* Do all codes read as numbers (num_parse)? Their values go to VALUE (if
 * not NULL, N doubles) when they do. */
int agree_codes_numeric(const agree_codes *s, double *value);
/* Sort the codes numerically when all are numbers, else by bytes (strcmp);
 * MAP (N entries) receives each old index's new one. */
void agree_codes_sort(agree_codes *s, size_t *map);
/* Put the codes in the order of ORDER (NORDER codes, each once): codes not in
 * ORDER are an error the caller reports: returns the index of the first such
 * code, or (size_t)-1 when all are there. ORDER's codes not seen are added
 * (count 0). MAP as for agree_codes_sort. */
size_t agree_codes_order(agree_codes *s, char *const *order, size_t norder,
                         size_t *map);

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
