/* The tables of svy-tally (see tally.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "htest.h"
#include "stats.h"
#include "tally.h"

const char *const tally_stat_names[] = {"n", "mean", "sd", "median", "q1", "q3", "iqr", "min",
                                        "max", NULL};

/* The values of scale S in order, each once (an empty answer's value too). */
static char **
scale_order(const cb_scale *s, size_t *n)
{
	char **v = xmalloc((s->nlevels + 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i <= s->nlevels; i++) {
		const char *val = i < s->nlevels ? s->levels[i].value :
		                  s->has_empty ? s->empty_value : NULL;
		if (!val)
			continue;
		int dup = 0;
		for (size_t j = 0; j < k && !dup; j++)
			dup = levels_equal(v[j], val);
		if (!dup)
			v[k++] = (char *)val;
	}
	*n = k;
	return v;
}

/* Put LV (the levels of COLUMN) in order; returns MAP (old index -> new). */
size_t *
tally_order_levels(levels *lv, const char *column, const tsv_reader *r,
                   const tally_opts *o)
{
	const cb_scale *s = o->cb && !o->levels ? cb_scale_of(o->cb, column) : NULL;
	size_t *map = xmalloc((lv->n ? lv->n : 1) * sizeof *map);
	if (o->multiple) {
		char *zero_one[] = {"0", "1"};
		levels_order(lv, zero_one, 2, map);
	} else if (o->levels || s) {
		size_t norder = o->nlevels;
		char **order = o->levels ? o->levels : scale_order(s, &norder);
		size_t bad = levels_order(lv, order, norder, map);
		if (!o->levels)
			free(order);
		if (bad != LEVELS_FULL) {
			free(map);	/* nothing left behind for the leak checker */
			char *have = levels_quoted(lv, NULL, 20), msg[4096];
			snprintf(msg, sizeof msg, "; the column's values are %s", have);
			free(have);
			die_at(r->name, 0, column, lv->value[bad], o->levels ?
			       "level not in --levels%s" :
			       "level not in the codebook's scale %s%s", o->levels ? msg :
			       s ? s->name : "", o->levels ? "" : msg);
		}
	} else {
		levels_sort(lv, map);
	}
	return map;
}

/* The printed name of level CODE: its --labels entry, or itself. */
static const char *
label_of(const char *code, const tally_opts *o)
{
	if (o->labels)
		for (size_t i = 0; i < o->nlevels; i++)
			if (levels_equal(o->levels[i], code))
				return o->labels[i];
	return code;
}

static void
share(tsv_writer *out, double n, double of)
{
	if (of > 0)
		tsvw_num(out, n / of);
	else
		tsvw_str(out, NULL);
}

/* ---- counts: long and wide ---- */

size_t
tally_write_long(tsv_writer *out, const tsv_reader *r, tally_col *t, size_t ncols,
                 size_t nrows, const tally_opts *o)
{
	static const char *head[] = {"column", "level", "n", "share"};
	size_t empty_share = 0;
	for (size_t k = 0; k < sizeof head / sizeof *head; k++)
		tsvw_str(out, head[k]);
	tsvw_end(out);
	for (size_t j = 0; j < ncols; j++) {
		tally_col *tc = &t[j];
		double denom = (double)(o->with_missing ? nrows : nrows - tc->missing);
		empty_share += denom == 0;
		for (size_t i = o->multiple ? 1 : 0; i <= tc->lv.n; i++) {
			if (i == tc->lv.n && !o->with_missing)
				break;
			size_t cnt = i == tc->lv.n ? tc->missing : tc->lv.count[i];
			tsvw_str(out, r->header[tc->col]);
			tsvw_str(out, i == tc->lv.n ? NULL : label_of(tc->lv.value[i], o));
			tsvw_int(out, (long long)cnt);
			share(out, (double)cnt, denom);
			tsvw_end(out);
		}
	}
	return empty_share;
}

size_t
tally_write_wide(tsv_writer *out, const tsv_reader *r, tally_col *t, size_t ncols,
                 size_t nrows, const tally_opts *o)
{
	levels all;
	levels_init(&all, 0);
	for (size_t j = 0; j < ncols; j++)
		for (size_t i = 0; i < t[j].lv.n; i++)
			levels_add(&all, t[j].lv.value[i], strlen(t[j].lv.value[i]), 0);
	if (!o->levels && !o->cb)
		levels_sort(&all, NULL);
	tsvw_str(out, "column");
	tsvw_str(out, "n");
	for (size_t i = 0; i < all.n; i++) {
		const char *lab = label_of(all.value[i], o);
		char *h = xmalloc(strlen(lab) + 7);
		sprintf(h, "share_%s", lab);
		tsvw_str(out, h);
		free(h);
	}
	if (o->with_missing)
		tsvw_str(out, "share_missing");
	tsvw_end(out);
	size_t empty_share = 0;
	for (size_t j = 0; j < ncols; j++) {
		tally_col *tc = &t[j];
		size_t denom = o->with_missing ? nrows : nrows - tc->missing;
		tsvw_str(out, r->header[tc->col]);
		tsvw_int(out, (long long)denom);
		for (size_t i = 0; i < all.n; i++) {
			size_t k = levels_find(&tc->lv, all.value[i], strlen(all.value[i]));
			share(out, k == LEVELS_FULL ? 0 : (double)tc->lv.count[k], (double)denom);
		}
		if (o->with_missing)
			share(out, (double)tc->missing, (double)denom);
		empty_share += denom == 0;
		tsvw_end(out);
	}
	levels_free(&all);
	return empty_share;
}

/* ---- statistics by group ---- */

static void
summarize(tally_vec *a, const tally_opts *o, double val[TALLY_NSTATS])
{
	stats_summary s;
	stats_summarize(a->x, a->n, (size_t)o->ddof, &s);
	double v[TALLY_NSTATS] = {(double)a->n, s.mean, s.sd, s.median, s.q1, s.q3, s.iqr,
	                     s.min, s.max};
	memcpy(val, v, sizeof v);
}

/* Every statistic asked for is finite or undefined (empty): one beyond the
 * range of numbers (the sd of 1.7e308 and -1.7e308) is an error before
 * anything is written, as in derive. */
static void
check_finite(const tsv_reader *r, tally_col *t, size_t ncols, const size_t *vars, size_t nvar,
             const tally_opts *o)
{
	for (size_t j = 0; j < ncols; j++)
		for (size_t i = o->multiple ? 1 : 0; i < t[j].lv.n; i++)
			for (size_t v = 0; v < nvar; v++) {
				double val[TALLY_NSTATS];
				summarize(&t[j].val[i * nvar + v], o, val);
				for (size_t k = 0; k < o->nstats; k++)
					if (isinf(val[o->stats[k]]))
						die_at(r->name, 0, r->header[vars[v]], NULL,
						       "the %s in group '%s' of '%s' is beyond "
						       "the range of numbers (about 1.8e308)",
						       tally_stat_names[o->stats[k]],
						       t[j].lv.value[i],
						       r->header[t[j].col]);
			}
}

void
tally_write_by(tsv_writer *out, const tsv_reader *r, tally_col *t, size_t ncols,
               const size_t *vars, size_t nvar, const tally_opts *o)
{
	size_t no_value = 0, undefined_sd = 0;
	check_finite(r, t, ncols, vars, nvar, o);
	tsvw_str(out, "column");
	tsvw_str(out, "level");
	tsvw_str(out, "variable");
	for (size_t k = 0; k < o->nstats; k++)
		tsvw_str(out, tally_stat_names[o->stats[k]]);
	tsvw_end(out);
	for (size_t j = 0; j < ncols; j++) {
		tally_col *tc = &t[j];
		for (size_t i = o->multiple ? 1 : 0; i < tc->lv.n; i++) {
			for (size_t v = 0; v < nvar; v++) {
				tally_vec *a = &tc->val[i * nvar + v];
				double val[TALLY_NSTATS];
				summarize(a, o, val);
				tsvw_str(out, r->header[tc->col]);
				tsvw_str(out, label_of(tc->lv.value[i], o));
				tsvw_str(out, r->header[vars[v]]);
				int other = 0;
				for (size_t k = 0; k < o->nstats; k++) {
					if (o->stats[k] == TALLY_N)
						tsvw_int(out, (long long)a->n);
					else
						tsvw_num_or_missing(out, val[o->stats[k]]);
					other |= o->stats[k] != TALLY_N;
					undefined_sd += o->stats[k] == TALLY_SD &&
					                isnan(val[TALLY_SD]);
				}
				no_value += other && a->n == 0;
				tsvw_end(out);
			}
		}
	}
	if (no_value)
		warn("%zu group%s with no value: statistics left empty", no_value,
		     no_value == 1 ? "" : "s");
	if (undefined_sd)
		warn("%zu sd left empty: n <= ddof (%ld)", undefined_sd, o->ddof);
}

/* ---- crosstab ---- */

/* Move the missing level (the empty value, with --missing) to the end, as
 * the long form prints it; MAP (NOLD old levels) follows. */
static void
missing_last(levels *lv, size_t *map, size_t nold)
{
	size_t m = levels_find(lv, "", 0);
	if (m == LEVELS_FULL || m + 1 == lv->n)
		return;
	char **order = xmalloc(lv->n * sizeof *order);
	size_t k = 0;
	for (size_t i = 0; i < lv->n; i++)
		if (i != m)
			order[k++] = xstrdup(lv->value[i]);
	order[k++] = xstrdup("");
	size_t *again = xmalloc(lv->n * sizeof *again);
	levels_order(lv, order, k, again);
	for (size_t i = 0; i < nold; i++)
		map[i] = again[map[i]];
	cols_free_list(order, k);
	free(again);
}

void
tally_cross_count(tsv_reader *r, const size_t cc[2], tally_xtab *x, const tally_opts *o,
                  size_t *nrows)
{
	size_t *pairs = NULL, npairs = 0, cap = 0;
	levels *lv[2] = {&x->row, &x->col};
	while (tsv_next(r)) {
		(*nrows)++;
		size_t idx[2];
		int skip = 0;
		for (int k = 0; k < 2; k++) {
			if (tsv_missing(r, cc[k]) && !o->with_missing) {
				skip = 1;
				break;
			}
			idx[k] = levels_add_or_die(lv[k], r, cc[k], 1);
		}
		if (skip) {
			x->left_out++;
			continue;
		}
		pairs = xgrow(pairs, &cap, npairs + 2, sizeof *pairs);
		pairs[npairs++] = idx[0];
		pairs[npairs++] = idx[1];
	}
	if (*nrows == 0)
		die_at(r->name, 0, NULL, NULL, "no data rows, only a header");
	size_t *map[2], nold[2] = {x->row.n, x->col.n};
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < lv[k]->n; i++)
			if (strcmp(lv[k]->value[i], "(all)") == 0)
				die_at(r->name, 0, r->header[cc[k]], "(all)",
				       "a level has the name of the margins");
		map[k] = tally_order_levels(lv[k], r->header[cc[k]], r, o);
		missing_last(lv[k], map[k], nold[k]);
	}
	size_t nr = x->row.n, nc = x->col.n;
	x->n = xcalloc(nr * nc + 1, sizeof *x->n);
	x->rsum = xcalloc(nr + 1, sizeof *x->rsum);
	x->csum = xcalloc(nc + 1, sizeof *x->csum);
	for (size_t p = 0; p < npairs; p += 2) {
		size_t i = map[0][pairs[p]], j = map[1][pairs[p + 1]];
		x->n[i * nc + j]++;
		x->rsum[i]++;
		x->csum[j]++;
		x->total++;
	}
	free(pairs);
	free(map[0]);
	free(map[1]);
}

/* The level's printed name: empty for missing, (all) for the margin. */
static const char *
xlabel(const levels *lv, size_t i, const tally_opts *o)
{
	return i == lv->n ? "(all)" : label_of(lv->value[i], o);
}

void
tally_write_cross(tsv_writer *out, const tsv_reader *r, const size_t cc[2],
                  const tally_xtab *x, const tally_opts *o)
{
	size_t nr = x->row.n, nc = x->col.n;
	if (o->wide) {
		tsvw_str(out, r->header[cc[0]]);
		for (size_t j = 0; j <= nc; j++)
			tsvw_str(out, xlabel(&x->col, j, o));
		tsvw_end(out);
		for (size_t i = 0; i <= nr; i++) {
			tsvw_str(out, xlabel(&x->row, i, o));
			for (size_t j = 0; j <= nc; j++) {
				double n = i < nr && j < nc ? x->n[i * nc + j] : i < nr ? x->rsum[i] :
				           j < nc ? x->csum[j] : x->total;
				tsvw_int(out, (long long)n);
			}
			tsvw_end(out);
		}
		return;
	}
	const char *head[] = {r->header[cc[0]], r->header[cc[1]], "n", "share", "row_share",
	                      "col_share", "expected"};
	for (size_t k = 0; k < 6u + (size_t)o->expected; k++)
		tsvw_str(out, head[k]);
	tsvw_end(out);
	for (size_t i = 0; i <= nr; i++) {
		for (size_t j = 0; j <= nc; j++) {
			double rs = i < nr ? x->rsum[i] : x->total;
			double cs = j < nc ? x->csum[j] : x->total;
			double n = i < nr && j < nc ? x->n[i * nc + j] : i < nr ? rs : cs;
			tsvw_str(out, xlabel(&x->row, i, o));
			tsvw_str(out, xlabel(&x->col, j, o));
			tsvw_int(out, (long long)n);
			share(out, n, x->total);
			share(out, n, rs);
			share(out, n, cs);
			if (o->expected) {
				if (i < nr && j < nc && x->total > 0)
					tsvw_num(out, rs * cs / x->total);
				else
					tsvw_str(out, NULL);
			}
			tsvw_end(out);
		}
	}
}

/* Chi-square test of independence (lib/htest, as scipy.stats.
 * chi2_contingency) of the levels with a count: unseen levels of a codebook
 * are left out. */
void
tally_write_chi2(tsv_writer *out, const tsv_reader *r, const size_t cc[2],
                 const tally_xtab *x, const tally_opts *o)
{
	size_t nr = x->row.n, nc = x->col.n, rr = 0, kc = 0;
	for (size_t i = 0; i < nr; i++)
		rr += x->rsum[i] > 0;
	for (size_t j = 0; j < nc; j++)
		kc += x->csum[j] > 0;
	if (rr < 2 || kc < 2)
		die_at(r->name, 0, NULL, NULL, "the chi-square test needs 2 or more levels in "
		       "each column ('%s' has %zu, '%s' %zu)", r->header[cc[0]], rr,
		       r->header[cc[1]], kc);
	double *t = xmalloc(rr * kc * sizeof *t);
	size_t k = 0;
	for (size_t i = 0; i < nr; i++)
		for (size_t j = 0; j < nc && x->rsum[i] > 0; j++)
			if (x->csum[j] > 0)
				t[k++] = x->n[i * nc + j];
	ht_result res;
	const char *why = ht_chi2(t, rr, kc, o->yates, &res);
	free(t);
	if (why)	/* not reached: the empty margins are left out above */
		die("internal error: %s", why);
	static const char *head[] = {"row", "column", "n", "chi2", "df", "p", "cramers_v",
	                             "yates", "min_expected"};
	for (size_t h = 0; h < sizeof head / sizeof *head; h++)
		tsvw_str(out, head[h]);
	tsvw_end(out);
	tsvw_str(out, r->header[cc[0]]);
	tsvw_str(out, r->header[cc[1]]);
	tsvw_int(out, (long long)x->total);
	tsvw_num(out, res.statistic);
	tsvw_int(out, (long long)res.df);
	tsvw_num(out, res.p);
	tsvw_num(out, res.effect);
	tsvw_str(out, res.corrected ? "yes" : "no");
	tsvw_num(out, res.min_expected);
	tsvw_end(out);
}

void
tally_xtab_free(tally_xtab *x)
{
	levels_free(&x->row);
	levels_free(&x->col);
	free(x->n);
	free(x->rsum);
	free(x->csum);
}
