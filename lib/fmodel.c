/* The factor model file: see fmodel.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "fmodel.h"

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
	size_t cap = 0, capw = 0, capm = 0, capl = 0, capu = 0, caps = 0, capst = 0;
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
}
