/* power: the sample size a test needs (a priori), the power a sample has
 * (achieved), or the effect it can detect, as R's pwr computes them; the
 * Mann-Whitney and Wilcoxon tests through the asymptotic relative efficiency
 * of their t test, as G*Power's A.R.E. method. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "cli.h"
#include "dist.h"
#include "err.h"
#include "opt.h"
#include "tsv.h"

enum { T2, T1, PAIRED, R, CHISQ, ANOVA, MW, WILCOXON };
enum { TWO_SIDED, LESS, GREATER };
enum { PARENT_NORMAL, PARENT_LOGISTIC, PARENT_LAPLACE, PARENT_MIN };

enum {
	OPT_D = CLI_OWN, OPT_R, OPT_W, OPT_F, OPT_N, OPT_N2, OPT_POWER, OPT_ALPHA,
	OPT_ALTERNATIVE, OPT_DF, OPT_GROUPS, OPT_PARENT,
};

static const char *const methods[] = {"t2", "t1", "paired", "r", "chisq", "anova", "mw",
	"wilcoxon", NULL};
static const char *const alternatives[] = {"two-sided", "less", "greater", NULL};
static const char *const parents[] = {"normal", "logistic", "laplace", "min", NULL};

static const cli_opt own[] = {
	{OPT_D, "d", 0, "D", "Cohen's d (t2, t1, paired, mw, wilcoxon)"},
	{OPT_R, "r", 0, "R", "the correlation (r)"},
	{OPT_W, "w", 0, "W", "Cohen's w (chisq)"},
	{OPT_F, "f", 0, "F", "Cohen's f (anova)"},
	{OPT_N, "n", 0, "N", "the sample size: per group (t2, mw, anova), pairs\n"
	 "(paired), observations (t1, wilcoxon, r, chisq)"},
	{OPT_N2, "n2", 0, "N", "t2: the second group's size (unequal groups,\n"
	 "as pwr.t2n.test); then --n is the first group's"},
	{OPT_POWER, "power", 0, "P", "the power, 1 - beta"},
	{OPT_ALPHA, "alpha", 0, "A", "the significance level (default 0.05)"},
	{OPT_ALTERNATIVE, "alternative", 0, "H", "two-sided (default), less or greater"},
	{OPT_DF, "df", 0, "DF", "chisq: the degrees of freedom"},
	{OPT_GROUPS, "groups", 0, "K", "anova: the number of groups"},
	{OPT_PARENT, "parent", 0, "NAME", "mw, wilcoxon: the distribution of the data, for\n"
	 "the A.R.E.: normal (default, 3/pi), logistic\n"
	 "(pi^2/9), laplace (3/2) or min (0.864, the least)"},
	{0},
};

static const cli_tool tool = {
	.name = "power",
	.synopsis = "[-m TEST] [OPTION]...",
	.about = "Power analysis as R's pwr: give two of the effect, --n and --power and\n"
	         "get the third (with --alpha). Writes statistic/value rows: the test, the\n"
	         "effect, alpha, power, n as pwr reports it (fractional) and n_to_recruit,\n"
	         "the whole number to recruit.",
	.epilog = "Tests: t2 (two-sample t, pwr.t.test; --n2 for unequal groups,\n"
	          "pwr.t2n.test), t1 (one-sample t), paired (paired t), r (correlation,\n"
	          "pwr.r.test), chisq (chi-square with --w and --df, pwr.chisq.test), anova\n"
	          "(one-way with --f and --groups, pwr.anova.test), mw (Mann-Whitney) and\n"
	          "wilcoxon (signed-rank, one sample or pairs): the t test's power at\n"
	          "n x A.R.E., so their n is the t test's divided by the A.R.E. (G*Power).",
	.common = CLI_METHOD | CLI_DIGITS | CLI_QUIET | CLI_OUTPUT,
	.opts = own,
	.methods = methods,
	.method_help = "the test: t2 (default), t1, paired, r, chisq, anova,\nmw, wilcoxon",
};

typedef struct {
	int method, alt, parent;
	double effect, n, n2, power, alpha, df, groups;
	int has_effect, has_n, has_n2, has_power, has_df, has_groups, has_parent;
	const char *effect_option;   /* the option that gave the effect */
} options;

static void
set_effect(options *o, const char *arg, const char *name, double lo, double hi)
{
	if (o->effect_option)
		die_usage("give one effect: '--%s' and '--%s'", o->effect_option, name);
	char option[16];
	snprintf(option, sizeof option, "--%s", name);
	o->effect = opt_double(arg, lo, hi, option);
	o->effect_option = name;
	o->has_effect = 1;
}

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case OPT_D: set_effect(o, arg, "d", -100, 100); break;
	case OPT_R: set_effect(o, arg, "r", -1, 1); break;
	case OPT_W: set_effect(o, arg, "w", 0, 100); break;
	case OPT_F: set_effect(o, arg, "f", 0, 100); break;
	case OPT_N: o->n = opt_double(arg, 0, 1e9, "--n"); o->has_n = 1; break;
	case OPT_N2: o->n2 = opt_double(arg, 0, 1e9, "--n2"); o->has_n2 = 1; break;
	case OPT_POWER: o->power = opt_double(arg, 0, 1, "--power"); o->has_power = 1; break;
	case OPT_ALPHA: o->alpha = opt_double(arg, 0, 1, "--alpha"); break;
	case OPT_ALTERNATIVE: o->alt = opt_word(arg, alternatives, "--alternative"); break;
	case OPT_DF: o->df = (double)opt_long(arg, 1, 1000000, "--df"); o->has_df = 1; break;
	case OPT_GROUPS:
		o->groups = (double)opt_long(arg, 2, 1000000, "--groups");
		o->has_groups = 1;
		break;
	case OPT_PARENT: o->parent = opt_word(arg, parents, "--parent"); o->has_parent = 1; break;
	}
}

/* ---- the power functions, each as pwr writes it ------------------------- */

/* The asymptotic relative efficiency of the rank test to the t test, for
 * data from the parent distribution (Lehmann 1975; G*Power's values). */
static double
are_of(int parent)
{
	switch (parent) {
	case PARENT_LOGISTIC: return M_PI * M_PI / 9;
	case PARENT_LAPLACE: return 1.5;
	case PARENT_MIN: return 0.864;
	default: return 3 / M_PI;
	}
}

/* The power of a t test with NU degrees of freedom and noncentrality NCP
 * (pwr.t.test's three bodies). */
static double
t_power(double nu, double ncp, double alpha, int alt)
{
	if (alt == LESS)
		return dist_nct_cdf(-gsl_cdf_tdist_Qinv(alpha, nu), nu, ncp);
	if (alt == GREATER)
		return dist_nct_sf(gsl_cdf_tdist_Qinv(alpha, nu), nu, ncp);
	double q = gsl_cdf_tdist_Qinv(alpha / 2, nu);
	ncp = fabs(ncp);
	return dist_nct_sf(q, nu, ncp) + dist_nct_cdf(-q, nu, ncp);
}

/* pwr.r.test: Fisher's z with pwr's bias term r / (2 (n - 1)) */
static double
r_power(double r, double n, double alpha, int alt)
{
	double q = gsl_cdf_tdist_Qinv(alt == TWO_SIDED ? alpha / 2 : alpha, n - 2);
	double rc = sqrt(q * q / (q * q + n - 2)), zrc = atanh(rc);
	if (alt == LESS)
		r = -r;
	if (alt == TWO_SIDED)
		r = fabs(r);
	double zr = atanh(r) + r / (2 * (n - 1)), s = sqrt(n - 3);
	double p = gsl_cdf_ugaussian_P((zr - zrc) * s);
	if (alt == TWO_SIDED)
		p += gsl_cdf_ugaussian_P((-zr - zrc) * s);
	return p;
}

/* The power of O's test with effect E and size N (the first group's with
 * --n2). */
static double
power_at(const options *o, double e, double n)
{
	switch (o->method) {
	case T2:
		if (o->has_n2)
			return t_power(n + o->n2 - 2, e / sqrt(1 / n + 1 / o->n2), o->alpha, o->alt);
		return t_power(2 * (n - 1), sqrt(n / 2) * e, o->alpha, o->alt);
	case T1:
	case PAIRED:
		return t_power(n - 1, sqrt(n) * e, o->alpha, o->alt);
	case MW:
		n *= are_of(o->parent);
		return t_power(2 * (n - 1), sqrt(n / 2) * e, o->alpha, o->alt);
	case WILCOXON:
		n *= are_of(o->parent);
		return t_power(n - 1, sqrt(n) * e, o->alpha, o->alt);
	case R:
		return r_power(e, n, o->alpha, o->alt);
	case CHISQ:
		return dist_nchisq_sf(gsl_cdf_chisq_Qinv(o->alpha, o->df), o->df, n * e * e);
	default: {
		double k = o->groups, df2 = (n - 1) * k;
		return dist_nf_sf(gsl_cdf_fdist_Qinv(o->alpha, k - 1, df2), k - 1, df2,
		                  k * n * e * e);
	}
	}
}

/* The smallest n of each test, as pwr checks it (r: n - 3 > 0); the rank
 * tests' t test needs 2 at n x A.R.E. */
static double
min_n(const options *o)
{
	switch (o->method) {
	case R: return 4;
	case CHISQ: return 1;
	case MW: case WILCOXON: return 2 / are_of(o->parent);
	default: return 2;
	}
}

static const char *
effect_name(int method)
{
	switch (method) {
	case R: return "r";
	case CHISQ: return "w";
	case ANOVA: return "f";
	default: return "d";
	}
}

static const char *n_unit(const options *o);

/* ---- solving --------------------------------------------------------------- */

typedef struct {
	const options *o;
	int solve_n;     /* else the effect */
} solve_ctx;

static double
gap(double v, void *arg)
{
	const solve_ctx *c = arg;
	const options *o = c->o;
	double p = c->solve_n ? power_at(o, o->effect, v) : power_at(o, v, o->n);
	return p - o->power;
}

/* The root of gap in [LO, HI], where it changes sign, to full precision. */
static double
root(solve_ctx *c, double lo, double hi)
{
	gsl_function f = {gap, c};
	gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	double x = NAN;
	if (gsl_root_fsolver_set(s, &f, lo, hi) == GSL_SUCCESS)
		for (int it = 0; it < 500; it++) {
			if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS) {
				x = NAN;
				break;
			}
			x = gsl_root_fsolver_root(s);
			if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
			                           gsl_root_fsolver_x_upper(s), 0,
			                           4 * DBL_EPSILON) == GSL_SUCCESS)
				break;
		}
	gsl_set_error_handler(old);
	gsl_root_fsolver_free(s);
	return x;
}

static void
numeric_failure(const char *what)
{
	die("the %s could not be computed (a distribution did not converge)", what);
}

/* The n (the first group's with --n2) at which the power is O's target:
 * the power rises with n, so n doubles from the smallest until it passes. */
static double
solve_n(const options *o)
{
	solve_ctx c = {o, 1};
	double lo = min_n(o) + 1e-10, hi = 2 * min_n(o);
	double at_lo = gap(lo, &c), at_hi = gap(hi, &c);
	if (isnan(at_lo))
		numeric_failure("power");
	if (at_lo >= 0)
		die("impossible target: the smallest n (%g) already has power %.4g >= %g; "
		    "the test needs no more", min_n(o), at_lo + o->power, o->power);
	while (!isnan(at_hi) && at_hi < 0 && hi < 1e9) {
		lo = hi;
		hi *= 2;
		at_hi = gap(hi, &c);
	}
	if (isnan(at_hi))
		numeric_failure("power");
	/* with --n2 fixed the power has a ceiling below 1 as n grows */
	if (at_hi < 0 && o->has_n2)
		die("impossible target: with --n2 %g the power stays below %.4g however "
		    "large the first group (power %.10g needs a larger --n2)", o->n2,
		    at_hi + o->power + 5e-5, o->power);
	if (at_hi < 0)
		die("impossible target: power %.10g needs n above 1e9 (%s; the effect is "
		    "too small, or points the other way than --alternative)", o->power,
		    n_unit(o));
	double n = root(&c, lo, hi);
	if (isnan(n))
		numeric_failure("sample size");
	return n;
}

/* The effect at which the power is O's target: its size grows from 0 in
 * the direction of the alternative until the power passes the target. */
static double
solve_effect(const options *o)
{
	solve_ctx c = {o, 0};
	double sign = o->alt == LESS ? -1 : 1, lo = 1e-10, hi = 0.5;
	double top = o->method == R ? 1 - 1e-10 : 1e4;
	double at = gap(sign * hi, &c);
	while (!isnan(at) && at < 0 && hi < top) {
		lo = hi;
		hi = o->method == R ? (1 + hi) / 2 : hi * 2;	/* r: halfway to 1 */
		if (hi > top)
			hi = top;
		at = gap(sign * hi, &c);
	}
	if (isnan(at))
		numeric_failure("power");
	if (at < 0)
		die("impossible target: no effect reaches power %.10g with n %g", o->power, o->n);
	double e = sign > 0 ? root(&c, lo, hi) : root(&c, -hi, -lo);
	if (isnan(e))
		numeric_failure("effect");
	return e;
}

/* ---- checks and output ------------------------------------------------- */

static void
check(options *o)
{
	int given = o->has_effect + o->has_n + o->has_power;
	if (given != 2)
		die_usage("give two of the effect (--%s), --n and --power: the third is "
		          "solved for", effect_name(o->method));
	if (o->has_effect && strcmp(o->effect_option, effect_name(o->method)) != 0)
		die_usage("option '--%s' is not the effect of %s: give --%s",
		          o->effect_option, methods[o->method], effect_name(o->method));
	if (o->has_n2 && o->method != T2)
		die_usage("option '--n2' is for t2 (two groups of unequal size)");
	if (o->has_n2 && !o->has_n && !o->has_power)
		die_usage("--n2 with the effect and power solves --n (the first group): "
		          "give --power");
	if ((o->method == CHISQ) != o->has_df)
		die_usage(o->has_df ? "option '--df' is for chisq" : "chisq needs --df");
	if ((o->method == ANOVA) != o->has_groups)
		die_usage(o->has_groups ? "option '--groups' is for anova" : "anova needs --groups");
	if (o->has_parent && o->method != MW && o->method != WILCOXON)
		die_usage("option '--parent' is for mw and wilcoxon");
	if ((o->method == CHISQ || o->method == ANOVA) && o->alt != TWO_SIDED)
		die_usage("option '--alternative' is for t tests, r, mw and wilcoxon: %s "
		          "tests are one-tailed by nature", methods[o->method]);
	if (!(o->alpha > 0 && o->alpha < 1))
		die_usage("option '--alpha': '%g' is not a number between 0 and 1 (both excluded)",
		          o->alpha);
	if (o->has_effect && o->effect == 0)
		die_usage("an effect of 0 cannot be detected: the power is alpha at every n");
	if (o->method == R && o->has_effect && fabs(o->effect) >= 1)
		die_usage("option '--r': a correlation of %g leaves nothing to test", o->effect);
	if (o->has_power && !(o->power > o->alpha && o->power < 1))
		die_usage("option '--power': %g is not between alpha (%g) and 1: %s", o->power,
		          o->alpha, o->power >= 1 ? "no finite n reaches power 1"
		          : "a test with power <= alpha detects nothing");
	double lo = min_n(o);
	if (o->has_n && o->n < lo)
		die_usage("option '--n': n %g is too small for %s (at least %g)", o->n,
		          methods[o->method], lo);
	if (o->has_n2 && o->n2 < 2)
		die_usage("option '--n2': n %g is too small (at least 2)", o->n2);
}

static void
row_str(tsv_writer *w, const char *name, const char *value)
{
	tsvw_str(w, name);
	tsvw_str(w, value);
	tsvw_end(w);
}

static void
row_num(tsv_writer *w, const char *name, double value)
{
	tsvw_str(w, name);
	tsvw_num(w, value);
	tsvw_end(w);
}

/* The whole number of subjects: N rounded up (an N within 1e-10 of a whole
 * number is that number: the root is no more precise). */
static double
recruit(double n)
{
	double r = round(n);
	return fabs(n - r) <= 1e-10 * n ? r : ceil(n);
}

static const char *const descriptions[] = {
	"two-sample t test (pwr.t.test, type two.sample)",
	"one-sample t test (pwr.t.test, type one.sample)",
	"paired t test (pwr.t.test, type paired)",
	"correlation, Fisher's z (pwr.r.test)",
	"chi-square test (pwr.chisq.test)",
	"one-way ANOVA, balanced (pwr.anova.test)",
	"Mann-Whitney U, the two-sample t test at n x A.R.E. (G*Power)",
	"Wilcoxon signed-rank, the one-sample t test at n x A.R.E. (G*Power)",
};

static const char *
n_unit(const options *o)
{
	switch (o->method) {
	case T2: return o->has_n2 ? "first group" : "per group";
	case MW: case ANOVA: return "per group";
	case PAIRED: return "pairs";
	default: return "observations";
	}
}

static void
write_result(const options *o, const char *solved)
{
	tsv_writer w;
	tsvw_init(&w, stdout, "<stdout>");
	row_str(&w, "statistic", "value");
	row_str(&w, "test", methods[o->method]);
	row_str(&w, "method", o->method == T2 && o->has_n2
	        ? "two-sample t test, unequal groups (pwr.t2n.test)" : descriptions[o->method]);
	if (o->method != CHISQ && o->method != ANOVA)
		row_str(&w, "alternative", alternatives[o->alt]);
	if (o->method == CHISQ)
		row_num(&w, "df", o->df);
	if (o->method == ANOVA)
		row_num(&w, "groups", o->groups);
	if (o->method == MW || o->method == WILCOXON) {
		row_str(&w, "parent", parents[o->parent]);
		row_num(&w, "are", are_of(o->parent));
	}
	row_str(&w, "effect_size", effect_name(o->method));
	row_num(&w, "effect", o->effect);
	row_num(&w, "alpha", o->alpha);
	row_num(&w, "power", o->power);
	if (o->has_n2) {
		row_num(&w, "n1", o->n);
		row_num(&w, "n2", o->n2);
		row_num(&w, "n1_to_recruit", recruit(o->n));
		row_num(&w, "n2_to_recruit", recruit(o->n2));
	} else {
		row_num(&w, "n", o->n);
		row_str(&w, "n_unit", n_unit(o));
		row_num(&w, "n_to_recruit", recruit(o->n));
	}
	row_str(&w, "solved_for", solved);
}

int
main(int argc, char **argv)
{
	options o = {.alpha = 0.05};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	/* a distribution that fails returns NaN, which is checked */
	gsl_set_error_handler_off();
	o.method = c.method < 0 ? T2 : c.method;
	check(&o);
	const char *solved;
	if (!o.has_power) {
		o.power = power_at(&o, o.effect, o.n);
		if (isnan(o.power))
			numeric_failure("power");
		solved = "power";
	} else if (!o.has_n) {
		o.n = solve_n(&o);
		solved = o.has_n2 ? "n1" : "n";
	} else {
		o.effect = solve_effect(&o);
		solved = "effect";
	}
	write_result(&o, solved);
	close_stdout();
	cli_free(&c);
	return 0;
}
