/* The factor model file: see fmodel.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "fa.h"
#include "fmodel.h"
#include "rotate.h"

void
fmodel_write(const fmodel *m, tsv_writer *w)
{
	size_t p = m->p, k = m->k;
	char name[300];
	tsvw_str(w, "item");
	for (size_t j = 0; j < k; j++)
		tsvw_str(w, m->factor[j]);
	for (size_t j = 0; m->structure && j < k; j++) {
		snprintf(name, sizeof name, "structure_%s", m->factor[j]);
		tsvw_str(w, name);
	}
	const char *fixed[] = {"communality", "uniqueness", "heywood", "msa", "retained",
	                       "alpha_if_dropped", "std_alpha_if_dropped", "mean", "sd", "n"};
	for (size_t j = 0; j < sizeof fixed / sizeof *fixed; j++)
		tsvw_str(w, fixed[j]);
	for (size_t j = 0; j < k; j++) {
		snprintf(name, sizeof name, "weight_%s", m->factor[j]);
		tsvw_str(w, name);
	}
	if (m->reverse)
		tsvw_str(w, "reverse");
	tsvw_end(w);
	for (size_t i = 0; i < p; i++) {
		tsvw_str(w, m->item[i]);
		for (size_t j = 0; j < k; j++)
			tsvw_num(w, m->load[i * k + j]);
		for (size_t j = 0; m->structure && j < k; j++)
			tsvw_num(w, m->structure[i * k + j]);
		tsvw_num(w, m->h2[i]);
		tsvw_num(w, 1 - m->h2[i]);
		tsvw_int(w, m->heywood[i]);
		tsvw_num(w, m->msa[i]);
		tsvw_int(w, m->retained[i]);
		tsvw_num_or_missing(w, m->alpha_drop[i]);
		tsvw_num_or_missing(w, m->std_alpha_drop[i]);
		tsvw_num(w, m->mean[i]);
		tsvw_num(w, m->sd[i]);
		tsvw_int(w, (long long)m->n);
		for (size_t j = 0; j < k; j++)
			tsvw_num_or_missing(w, m->w[i * k + j]);
		if (m->reverse)
			tsvw_num_or_missing(w, m->reverse[i]);
		tsvw_end(w);
	}
}

static double
model_number(tsv_reader *r, size_t i)
{
	double x;
	if (!tsv_number(r, i, &x))
		die_at(r->name, r->lineno, r->header[i], NULL, "missing value");
	return x;
}

void
fmodel_read(fmodel *m, const char *path, int need_loadings)
{
	memset(m, 0, sizeof *m);
	FILE *fp = tsv_fopen_in(path);
	tsv_reader r;
	tsv_open(&r, fp, path);
	long ci = cols_find(&r, "item"), cm = cols_find(&r, "mean"), cs = cols_find(&r, "sd");
	long cn = cols_find(&r, "n"), cu = cols_find(&r, "uniqueness");
	long crev = cols_find(&r, "reverse");
	const char *need[] = {"item", "mean", "sd", "n"};
	long have[] = {ci, cm, cs, cn};
	for (size_t j = 0; j < 4; j++)
		if (have[j] < 0)
			die_at(path, 1, need[j], NULL, "the model has no such column (not a "
			       "model written by svy-factor?)");
	/* held in M so that they stay reachable when a data error exits */
	size_t *cw = m->cw = xmalloc(r.ncols * sizeof *cw);
	size_t *cl = m->cl = xmalloc(r.ncols * sizeof *cl);
	size_t *cst = m->cs = xmalloc(r.ncols * sizeof *cst);
	size_t nstruct = 0;
	m->factor = xmalloc(r.ncols * sizeof *m->factor);
	for (size_t i = 0; i < r.ncols; i++) {
		if (strncmp(r.header[i], "weight_", 7) != 0 || r.header[i][7] == '\0')
			continue;
		cw[m->k] = i;
		m->factor[m->k] = xstrdup(r.header[i] + 7);
		if (need_loadings) {
			long c = cols_find(&r, m->factor[m->k]);
			if (c < 0)
				die_at(path, 1, m->factor[m->k], NULL, "the model has no loadings "
				       "column for weight column '%s'", r.header[i]);
			cl[m->k] = (size_t)c;
			char sname[300];
			snprintf(sname, sizeof sname, "structure_%s", m->factor[m->k]);
			long s = cols_find(&r, sname);
			if (s >= 0)
				cst[nstruct++] = (size_t)s;
		}
		m->k++;
	}
	if (m->k == 0)
		die_at(path, 1, NULL, NULL, "the model has no weight_* column");
	if (need_loadings && cu < 0)
		die_at(path, 1, "uniqueness", NULL, "the model has no such column");
	if (nstruct != 0 && nstruct != m->k)
		die_at(path, 1, NULL, NULL, "the model has structure_ columns for some "
		       "factors but not all");
	size_t k = m->k;
	size_t cap = 0, capw = 0, capm = 0, capl = 0, capu = 0, caps = 0, capst = 0, caprev = 0;
	while (tsv_next(&r)) {
		size_t empty = 0;
		for (size_t j = 0; j < k; j++)
			empty += tsv_missing(&r, cw[j]);
		if (empty == k)
			continue;	/* an item left out of the final fit */
		const char *name = tsv_get(&r, (size_t)ci);
		if (empty)
			die_at(path, r.lineno, NULL, NULL, "item '%s' has some weights but not all",
			       name);
		for (size_t i = 0; i < m->p; i++)
			if (strcmp(m->item[i], name) == 0)
				die_at(path, r.lineno, "item", name, "the model lists this item "
				       "twice");
		size_t p = m->p;
		m->item = xgrow(m->item, &cap, p + 1, sizeof *m->item);
		m->mean = xgrow(m->mean, &capm, p + 1, sizeof *m->mean);
		m->sd = xgrow(m->sd, &caps, p + 1, sizeof *m->sd);
		m->w = xgrow(m->w, &capw, (p + 1) * k, sizeof *m->w);
		m->item[p] = xstrdup(name);
		m->p++;
		m->mean[p] = model_number(&r, (size_t)cm);
		m->sd[p] = model_number(&r, (size_t)cs);
		if (!(m->sd[p] > 0))
			die_at(path, r.lineno, "sd", tsv_get(&r, (size_t)cs), "not a positive "
			       "standard deviation");
		double n = model_number(&r, (size_t)cn);
		if (!(n >= 2) || (m->n != 0 && n != m->n))
			die_at(path, r.lineno, "n", tsv_get(&r, (size_t)cn), "not the same "
			       "sample size (at least 2) on every row");
		m->n = n;
		for (size_t j = 0; j < k; j++)
			m->w[p * k + j] = model_number(&r, cw[j]);
		if (crev >= 0) {
			/* the item was fitted as reverse - x */
			m->reverse = xgrow(m->reverse, &caprev, p + 1, sizeof *m->reverse);
			m->reverse[p] = NAN;
			if (!tsv_missing(&r, (size_t)crev))
				m->reverse[p] = model_number(&r, (size_t)crev);
		}
		if (need_loadings) {
			m->load = xgrow(m->load, &capl, (p + 1) * k, sizeof *m->load);
			m->uniq = xgrow(m->uniq, &capu, p + 1, sizeof *m->uniq);
			for (size_t j = 0; j < k; j++)
				m->load[p * k + j] = model_number(&r, cl[j]);
			m->uniq[p] = model_number(&r, (size_t)cu);
			if (nstruct) {
				m->structure = xgrow(m->structure, &capst, (p + 1) * k,
				                     sizeof *m->structure);
				for (size_t j = 0; j < k; j++)
					m->structure[p * k + j] = model_number(&r, cst[j]);
			}
		}
	}
	if (m->p == 0)
		die("%s: the model has no item with weights", path);
	tsv_free(&r);
	if (fp != stdin)
		fclose(fp);
}

void
fmodel_free(fmodel *m)
{
	for (size_t i = 0; i < m->p; i++)
		free(m->item[i]);
	for (size_t j = 0; j < m->k; j++)
		free(m->factor[j]);
	free(m->item);
	free(m->factor);
	free(m->cw);
	free(m->cl);
	free(m->cs);
	free(m->mean);
	free(m->sd);
	free(m->w);
	free(m->load);
	free(m->structure);
	free(m->uniq);
	free(m->reverse);
}

size_t
fmodel_build(fmodel *m, const fa_sample *d, size_t k, int oblique, const fa_items *first,
             const fa_items *final, const unsigned char *retained, size_t nret)
{
	size_t p = d->p, heywood = 0;
	memset(m, 0, sizeof *m);
	m->p = p;
	m->k = k;
	m->item = d->names;
	m->factor = xmalloc(k * sizeof *m->factor);
	for (size_t j = 0; j < k; j++) {
		char name[32];
		snprintf(name, sizeof name, "F%zu", j + 1);
		m->factor[j] = xstrdup(name);
	}
	m->load = xmalloc(p * k * sizeof *m->load);
	m->structure = oblique ? xmalloc(p * k * sizeof *m->structure) : NULL;
	m->w = xmalloc(p * k * sizeof *m->w);
	m->h2 = xmalloc(p * sizeof *m->h2);
	m->msa = xmalloc(p * sizeof *m->msa);
	m->alpha_drop = xmalloc(p * sizeof *m->alpha_drop);
	m->std_alpha_drop = xmalloc(p * sizeof *m->std_alpha_drop);
	m->heywood = xcalloc(p, 1);
	m->retained = (unsigned char *)retained;
	m->mean = d->mean;
	m->sd = d->sd;
	m->n = (double)d->n;
	m->reverse = d->reverse;
	double kmo;
	if (fa_kmo(d->fitcor, p, &kmo, m->msa) != 0)
		fa_die_singular(d->fitcor, p, first->items, d->names);
	unsigned char *fitted = xcalloc(p, 1);
	memcpy(m->load, first->l, p * k * sizeof *m->load);
	if (oblique)
		rot_structure(first->l, first->phi, p, k, m->structure);
	for (size_t i = 0; i < p * k; i++)
		m->w[i] = NAN;
	for (size_t s = 0; s < final->p; s++) {
		size_t i = final->items[s];
		fitted[i] = 1;
		memcpy(m->load + i * k, final->l + s * k, k * sizeof *m->load);
		memcpy(m->w + i * k, final->w + s * k, k * sizeof *m->w);
		if (oblique)
			rot_structure(final->l + s * k, final->phi, 1, k, m->structure + i * k);
	}
	for (size_t i = 0; i < p; i++) {
		if (oblique) {
			const double *phi = fitted[i] ? final->phi : first->phi;
			rot_communality(m->load + i * k, phi, 1, k, &m->h2[i]);
		} else {
			m->h2[i] = 0;
			for (size_t j = 0; j < k; j++)
				m->h2[i] += m->load[i * k + j] * m->load[i * k + j];
		}
		if (fitted[i] && m->h2[i] >= FA_HEYWOOD) {
			heywood++;
			m->heywood[i] = 1;
			warn("item '%s': Heywood case: communality %.6g reaches 1 (uniqueness "
			     "at its bound): the fit is improper", d->names[i], m->h2[i]);
		}
		int drop = retained[i] && nret >= 3;
		m->alpha_drop[i] = drop ? fa_alpha(d->cov, p, retained, i) : NAN;
		m->std_alpha_drop[i] = drop ? fa_alpha(d->cor, p, retained, i) : NAN;
	}
	free(fitted);
	return heywood;
}

void
fmodel_release(fmodel *m)
{
	for (size_t j = 0; j < m->k; j++)
		free(m->factor[j]);
	free(m->factor);
	free(m->load);
	free(m->structure);
	free(m->w);
	free(m->h2);
	free(m->msa);
	free(m->alpha_drop);
	free(m->std_alpha_drop);
	free(m->heywood);
}
