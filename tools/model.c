/* model: linear, logistic and ordinal regression of an outcome on
 * predictors, one row per term; the fit statistics with --summary. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "model.h"
#include "opt.h"
#include "tsv.h"

enum {
	OPT_OUTCOME = CLI_OWN, OPT_FACTOR, OPT_REF, OPT_EVENT, OPT_CONF, OPT_SE,
	OPT_CI, OPT_MAX_LEVELS, OPT_SUMMARY,
};

static const char *const methods[] = {"linear", "logistic", "ordinal", NULL};
static const char *const se_kinds[] = {"classical", "hc3", NULL};
static const char *const ci_kinds[] = {"profile", "wald", NULL};

static const cli_opt own[] = {
	{OPT_OUTCOME, "outcome", 'y', "COL", "the outcome (dependent variable)"},
	{CLI_COLUMNS, NULL, 0, NULL,
	 "the predictors, comma-separated; A:B is their interaction"},
	{OPT_FACTOR, "factor", 0, "LIST", "treat these numeric predictors as categorical"},
	{OPT_REF, "ref", 0, "COL=LEVEL",
	 "the reference level of a categorical predictor\n"
	 "(default: its first level, numbers by value, then text)"},
	{OPT_EVENT, "event", 0, "LEVEL",
	 "logistic: the outcome level that is 1 (default: second)"},
	{OPT_SE, "se", 0, "TYPE", "linear: standard errors classical (default) or hc3"},
	{OPT_CI, "ci", 0, "TYPE",
	 "logistic: intervals by profile likelihood (default,\n"
	 "as R's confint) or wald; linear and ordinal: Wald"},
	{OPT_CONF, "conf", 0, "LEVEL", "the confidence level of the intervals (default 0.95)"},
	{OPT_MAX_LEVELS, "max-levels", 0, "N", "ordinal: the most outcome levels (default 20)"},
	{OPT_SUMMARY, "summary", 0, "FILE", "write the fit statistics there (statistic, value)"},
	{0},
};

static const cli_tool tool = {
	.name = "model",
	.synopsis = "-y OUTCOME -c PREDICTORS [OPTION]... [FILE]",
	.about = "Regress OUTCOME on PREDICTORS in the TSV (FILE or standard input): linear\n"
	         "(OLS, as R lm), logistic (as R glm, binomial) or ordinal (proportional\n"
	         "odds, as MASS::polr). Writes one row per term: estimate, standard error,\n"
	         "statistic, p, confidence interval, and the odds ratio where it applies.",
	.epilog = "Rows missing the outcome or a predictor are dropped and counted. A predictor\n"
	          "with a value that is not a number is categorical: dummy-coded against its\n"
	          "reference level. Separation, collinearity, a constant outcome and too few\n"
	          "rows are errors, never estimates.",
	.common = CLI_COLUMNS | CLI_METHOD | CLI_DIGITS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
	.methods = methods,
	.method_help = "the model: linear (default), logistic, ordinal",
};

typedef struct {
	model_spec spec;
	model_options fit;
	int ci_set;
	const char *summary;
} options;

static void
add_ref(options *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1])
		die_usage("option '--ref': '%s' is not COLUMN=LEVEL", arg);
	o->spec.refs = xrealloc(o->spec.refs, (o->spec.nrefs + 1) * sizeof *o->spec.refs);
	model_ref *r = &o->spec.refs[o->spec.nrefs++];
	r->column = xstrndup(arg, (size_t)(eq - arg));
	r->level = xstrdup(eq + 1);
}

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case OPT_OUTCOME: o->spec.outcome = arg; break;
	case OPT_FACTOR: cli_list_append(&o->spec.factors, &o->spec.nfactors, arg, "--factor"); break;
	case OPT_REF: add_ref(o, arg); break;
	case OPT_EVENT: o->spec.event = arg; break;
	case OPT_CONF: o->fit.conf = opt_double(arg, 0.5, 0.9999, "--conf"); break;
	case OPT_SE: o->fit.hc3 = opt_word(arg, se_kinds, "--se"); break;
	case OPT_CI: o->fit.profile = opt_word(arg, ci_kinds, "--ci") == 0; o->ci_set = 1; break;
	case OPT_MAX_LEVELS:
		o->spec.max_levels = (size_t)opt_long(arg, 2, 1000, "--max-levels");
		break;
	case OPT_SUMMARY: o->summary = arg; break;
	}
}

static void
check_options(const options *o, const cli *c)
{
	if (!o->spec.outcome)
		die_usage("no outcome: give -y COLUMN");
	if (o->spec.kind != MODEL_LINEAR && o->fit.hc3)
		die_usage("option '--se hc3' is for linear models");
	if (o->spec.kind != MODEL_LOGISTIC && o->ci_set && o->fit.profile)
		die_usage("option '--ci profile' is for logistic models");
	if (o->spec.kind != MODEL_LOGISTIC && o->spec.event)
		die_usage("option '--event' is for logistic models");
	for (size_t k = 0; k < c->ncolumns; k++)
		if (strcmp(c->columns[k], o->spec.outcome) == 0)
			die_usage("'%s' is the outcome and a predictor", o->spec.outcome);
}

/* A fit with a number write_coefs would find beyond the range of numbers
 * (a run-away estimate, an odds ratio exp(5e4)) is refused before a row is
 * written: never half a table on standard output. An interval's end may be
 * missing (NaN: a profile not found), never infinite. */
static void
check_finite(const model_fit *f, const model_data *d, const model_options *o, int odds)
{
	int linear = isnan(f->lr_chi2) && !isnan(f->r2);
	for (size_t k = 0; k < f->ncoef; k++) {
		const model_coef *c = &f->coef[k];
		int prof = o->profile && !c->threshold && !linear;
		double lo = prof ? c->plo : c->lo, hi = prof ? c->phi : c->hi;
		if (!isfinite(c->estimate) || !isfinite(c->se) || !isfinite(c->stat) ||
		    isnan(c->p) || isinf(lo) || isinf(hi))
			die_at(d->file, 0, NULL, NULL, "the fit gives no finite estimate or "
			       "standard error for '%s' (separation, or a predictor that "
			       "nearly is a combination of the others?)", c->term);
		if (odds && !c->threshold && strcmp(c->term, "(Intercept)") != 0 &&
		    (isinf(exp(c->estimate)) || isinf(exp(lo)) || isinf(exp(hi))))
			die_at(d->file, 0, NULL, NULL, "the odds ratio of '%s' (or an end of "
			       "its interval) is beyond the range of numbers (estimate %g, "
			       "interval %g to %g): rescale the predictor (an estimate this "
			       "large means a unit this small), or look for separation", c->term,
			       c->estimate, lo, hi);
	}
}

static void
write_coefs(const model_fit *f, const model_data *d, const model_options *o, int odds)
{
	tsv_writer w;
	tsvw_init(&w, stdout, "<stdout>");
	static const char *const head[] = {"term", "kind", "estimate", "se", "statistic",
		"statistic_name", "df", "p", "ci_low", "ci_high", "ci_method", "odds_ratio",
		"or_low", "or_high"};
	for (size_t k = 0; k < sizeof head / sizeof *head; k++)
		tsvw_str(&w, head[k]);
	tsvw_end(&w);
	int linear = isnan(f->lr_chi2) && !isnan(f->r2);
	for (size_t k = 0; k < f->ncoef; k++) {
		const model_coef *c = &f->coef[k];
		int prof = o->profile && !c->threshold && !linear;
		double lo = prof ? c->plo : c->lo, hi = prof ? c->phi : c->hi;
		tsvw_str(&w, c->term);
		tsvw_str(&w, c->threshold ? "threshold" : "coefficient");
		tsvw_num(&w, c->estimate);
		tsvw_num(&w, c->se);
		tsvw_num(&w, c->stat);
		tsvw_str(&w, linear ? "t" : "z");
		if (linear)
			tsvw_num(&w, f->df_resid);
		else
			tsvw_str(&w, NULL);
		tsvw_num(&w, c->p);
		tsvw_num_or_missing(&w, lo);
		tsvw_num_or_missing(&w, hi);
		tsvw_str(&w, linear ? (strcmp(f->se_kind, "HC3") == 0 ? "Wald t, HC3" : "Wald t")
		             : prof ? "profile likelihood" : "Wald z");
		if (odds && !c->threshold && strcmp(c->term, "(Intercept)") != 0) {
			tsvw_num(&w, exp(c->estimate));
			tsvw_num_or_missing(&w, exp(lo));
			tsvw_num_or_missing(&w, exp(hi));
		} else {
			tsvw_str(&w, NULL);
			tsvw_str(&w, NULL);
			tsvw_str(&w, NULL);
		}
		tsvw_end(&w);
	}
	(void)d;
}

static void
stat_row(tsv_writer *w, const char *name, double v)
{
	if (isnan(v))
		return;
	tsvw_str(w, name);
	tsvw_num(w, v);
	tsvw_end(w);
}

/* ordinal: the Brant test, omnibus and per coefficient ("brant_p[x1]"), or
 * the note saying why it cannot be computed */
static void
write_brant(tsv_writer *w, const model_fit *f)
{
	stat_row(w, "brant_chi2", f->brant_chi2);
	stat_row(w, "brant_df", f->brant_df);
	stat_row(w, "brant_p", f->brant_p);
	for (size_t k = 0; k < f->ncoef; k++) {
		const model_coef *c = &f->coef[k];
		static const char *const names[] = {"brant_chi2", "brant_df", "brant_p"};
		const double v[] = {c->brant_chi2, c->brant_df, c->brant_p};
		for (size_t j = 0; j < 3; j++) {
			if (isnan(v[j]))
				continue;
			size_t len = strlen(names[j]) + strlen(c->term) + 3;
			char *name = xmalloc(len);
			snprintf(name, len, "%s[%s]", names[j], c->term);
			tsvw_str(w, name);
			free(name);
			tsvw_num(w, v[j]);
			tsvw_end(w);
		}
	}
	if (f->brant_note) {
		tsvw_str(w, "brant_note");
		tsvw_str(w, f->brant_note);
		tsvw_end(w);
	}
}

static void
write_summary(const char *path, const model_fit *f, const model_data *d,
              const options *o)
{
	tsv_writer w;
	tsvw_open(&w, path);
	tsvw_str(&w, "statistic");
	tsvw_str(&w, "value");
	tsvw_end(&w);
	tsvw_str(&w, "model");
	tsvw_str(&w, methods[o->spec.kind]);
	tsvw_end(&w);
	tsvw_str(&w, "outcome");
	tsvw_str(&w, o->spec.outcome);
	tsvw_end(&w);
	if (o->spec.kind == MODEL_LOGISTIC) {
		tsvw_str(&w, "event");
		tsvw_str(&w, d->ylevel[1]);
		tsvw_end(&w);
	}
	stat_row(&w, "n", (double)f->n);
	stat_row(&w, "rows_dropped", (double)(d->nread - d->n));
	stat_row(&w, "df_model", (double)f->df_model);
	stat_row(&w, "df_residual", f->df_resid);
	stat_row(&w, "r_squared", f->r2);
	stat_row(&w, "adj_r_squared", f->adj_r2);
	stat_row(&w, "f", f->f);
	stat_row(&w, "f_p", f->f_p);
	stat_row(&w, "sigma", f->sigma);
	stat_row(&w, "loglik", f->loglik);
	stat_row(&w, "aic", f->aic);
	stat_row(&w, "bic", f->bic);
	stat_row(&w, "deviance", f->deviance);
	stat_row(&w, "null_deviance", f->null_deviance);
	stat_row(&w, "lr_chi2", f->lr_chi2);
	stat_row(&w, "lr_df", f->lr_df);
	stat_row(&w, "lr_p", f->lr_p);
	stat_row(&w, "mcfadden_r2", f->mcfadden);
	stat_row(&w, "nagelkerke_r2", f->nagelkerke);
	if (f->iterations)
		stat_row(&w, "iterations", (double)f->iterations);
	write_brant(&w, f);
	tsvw_close(&w);
}

/* R's summary.lm: a residual variance below 1e-30 of the outcome's mean
 * square is an essentially perfect fit, whose se, t and p are rounding. */
static void
warn_perfect_fit(const model_fit *f, const model_data *d)
{
	double m = 0, ss = 0;
	for (size_t i = 0; i < d->n; i++)
		m += d->y[i];
	m /= (double)d->n;
	for (size_t i = 0; i < d->n; i++)
		ss += (d->y[i] - m) * (d->y[i] - m);
	if (f->sigma * f->sigma < (m * m + ss / (double)(d->n - 1)) * 1e-30)
		warn_at(d->file, 0, NULL, NULL, "an essentially perfect fit (sigma %g): "
		        "its standard errors, t and p are rounding, not evidence", f->sigma);
}

/* "read N rows, used K, dropped D (missing: COL n, COL n)" */
static void
report_rows(const model_data *d)
{
	char why[512] = "";
	size_t len = 0;
	for (size_t k = 0; k < d->nused && len + 64 < sizeof why; k++)
		if (d->dropped[k])
			len += (size_t)snprintf(why + len, sizeof why - len, "%s'%s' %zu",
			                        len ? ", " : "", d->used[k], d->dropped[k]);
	warn("read %zu row%s, used %zu, dropped %zu%s%s%s", d->nread, d->nread == 1 ? "" : "s",
	     d->n, d->nread - d->n, len ? " (missing: " : "", why, len ? ")" : "");
}

int
main(int argc, char **argv)
{
	options o = {.fit = {.conf = 0.95, .profile = 1}, .spec = {.max_levels = 20}};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	o.spec.kind = c.method < 0 ? MODEL_LINEAR : (model_kind)c.method;
	check_options(&o, &c);
	if (o.spec.kind != MODEL_LOGISTIC)
		o.fit.profile = 0;
	o.spec.terms = c.columns;
	o.spec.nterms = c.ncolumns;

	tsv_reader r;
	FILE *in = cli_input(&c);
	tsv_open(&r, in, c.in_name);
	model_data d;
	model_design(&d, &o.spec, &r);
	if (!c.quiet)
		report_rows(&d);
	model_fit f;
	if (o.spec.kind == MODEL_LINEAR)
		model_fit_linear(&d, &o.fit, &f);
	else if (o.spec.kind == MODEL_LOGISTIC)
		model_fit_logistic(&d, &o.fit, &f);
	else
		model_fit_ordinal(&d, &o.fit, &f);
	if (o.spec.kind == MODEL_LINEAR)
		warn_perfect_fit(&f, &d);
	check_finite(&f, &d, &o.fit, o.spec.kind != MODEL_LINEAR);
	write_coefs(&f, &d, &o.fit, o.spec.kind != MODEL_LINEAR);
	if (o.summary)
		write_summary(o.summary, &f, &d, &o);
	close_stdout();
	model_fit_free(&f);
	model_data_free(&d);
	tsv_free(&r);
	for (size_t k = 0; k < o.spec.nrefs; k++) {
		free(o.spec.refs[k].column);
		free(o.spec.refs[k].level);
	}
	free(o.spec.refs);
	cols_free_list(o.spec.factors, o.spec.nfactors);
	cli_free(&c);
	return 0;
}
