/* Regression models: the design matrix of a formula-like specification, and
 * linear (OLS), binary logistic and ordinal logistic (proportional odds)
 * fits, each as R fits them (lm, glm(family = binomial), MASS::polr).
 *
 * The design (model_design): an outcome and predictors by column name, the
 * rows complete in all of them (listwise deletion, counted per column). A
 * predictor whose present values are all numbers is numeric, as it is; any
 * other (or one named in FACTORS) is categorical, dummy-coded against its
 * reference level: the first in svy's level order (lib/levels: numbers by
 * value, then text) unless REF names another, as R's treatment contrasts.
 * An interaction A:B is the product of A's and B's columns.
 *
 * Every fit refuses, by a named error, what would give a number that means
 * nothing: a constant outcome, a predictor with one level, a column that is
 * a linear combination of the others (perfect collinearity), fewer rows
 * than parameters, complete or quasi-complete separation in a logistic
 * model, an ordinal outcome with more levels than allowed. */
#ifndef SVY_MODEL_H
#define SVY_MODEL_H

#include <stddef.h>

#include "tsv.h"

typedef enum { MODEL_LINEAR, MODEL_LOGISTIC, MODEL_ORDINAL } model_kind;

typedef struct {
	char *column;   /* a categorical predictor */
	char *level;    /* its reference level */
} model_ref;

typedef struct {
	model_kind kind;
	const char *outcome;
	char **terms;          /* predictors: COL or A:B */
	size_t nterms;
	char **factors;        /* columns to treat as categorical though numeric */
	size_t nfactors;
	model_ref *refs;
	size_t nrefs;
	const char *event;     /* logistic: the level that is 1 (NULL: the second) */
	size_t max_levels;     /* ordinal: the most outcome levels allowed */
} model_spec;

typedef struct {
	size_t n, p;           /* rows used, columns of X */
	double *x;             /* n x p, row-major; an intercept first unless ordinal */
	double *y;             /* linear: the outcome; logistic: 0/1; ordinal: 0..K-1 */
	char **name;           /* the p column names ("(Intercept)", "x", "gLEVEL", "a:b") */
	char **ylevel;         /* logistic, ordinal: the outcome's levels in order */
	size_t nylevel;
	size_t nread;          /* rows read */
	size_t *dropped;       /* rows dropped for a missing value, per used column */
	char **used;           /* the columns of the design, outcome first */
	size_t nused;
	const char *file;       /* the input's name, for messages */
} model_data;

/* Read R to the end and build the design of SPEC; dies on bad data naming
 * the column, the line and the value. */
void model_design(model_data *d, const model_spec *spec, tsv_reader *r);
void model_data_free(model_data *d);

/* One row of the coefficient table. */
typedef struct {
	char *term;
	double estimate, se, stat, p, lo, hi;      /* stat: t (linear) or z */
	double plo, phi;       /* logistic, ordinal: profile-likelihood interval */
	double brant_chi2, brant_df, brant_p;      /* ordinal coefficients: Brant */
	int threshold;         /* ordinal: a threshold (cut point), not a coefficient */
} model_coef;

typedef struct {
	model_coef *coef;
	size_t ncoef;
	/* fit statistics: NaN where they do not apply */
	size_t n, df_model;
	double df_resid;
	double r2, adj_r2, f, f_p, sigma;          /* linear */
	double loglik, aic, bic, deviance, null_deviance;
	double lr_chi2, lr_df, lr_p;               /* against the null model */
	double mcfadden, nagelkerke;
	int iterations;
	/* ordinal: the Brant test of proportional odds (omnibus; per coefficient
	 * in coef); NaN with BRANT_NOTE saying why when it cannot be computed */
	double brant_chi2, brant_df, brant_p;
	const char *brant_note;
	const char *se_kind;   /* "classical" or "HC3" */
} model_fit;

typedef struct {
	double conf;           /* confidence level, (0, 1) */
	int hc3;               /* linear: HC3 robust standard errors */
	int profile;           /* logistic, ordinal: profile-likelihood intervals */
} model_options;

/* Fit D by its kind; dies with a named error where the model cannot be fitted
 * (see above). */
void model_fit_linear(const model_data *d, const model_options *o, model_fit *f);
void model_fit_logistic(const model_data *d, const model_options *o, model_fit *f);
void model_fit_ordinal(const model_data *d, const model_options *o, model_fit *f);
void model_fit_free(model_fit *f);

#endif
