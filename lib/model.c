/* The design matrix of a model: see model.h. The fits are in modelfit.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "levels.h"
#include "model.h"
#include "num.h"

/* A column of the design as read: the kept rows' values, and what it is. */
typedef struct {
	char *name;
	size_t col;            /* index in the input */
	char **value;          /* the kept rows' values (unescaped) */
	size_t *line;          /* their input lines */
	int numeric;           /* every value is a number, and not a --factor */
	size_t bad_line;       /* the first value that is not a number (0: none) */
	char *bad_value;
	levels lv;             /* categorical: the levels, sorted */
	size_t ref;            /* categorical: the reference level's index */
	size_t dropped;        /* rows missing in this column */
} dcol;

typedef struct {
	dcol *v;
	size_t n, cap;
} dcols;

enum { MAX_PREDICTOR_LEVELS = 100 };
/* The fits cost rows x parameters^2 and hold rows x parameters numbers:
 * two 100-level factors and their interaction would be 10,000 columns
 * (gigabytes, hours). 200 is far above a survey's regression. */
enum { MAX_PARAMETERS = 200 };

static size_t
dcols_add(dcols *c, tsv_reader *r, const char *name)
{
	for (size_t k = 0; k < c->n; k++)
		if (strcmp(c->v[k].name, name) == 0)
			return k;
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	dcol *d = &c->v[c->n];
	memset(d, 0, sizeof *d);
	d->name = xstrdup(name);
	d->col = cols_require(r, name);
	return c->n++;
}

static int
listed(char *const *list, size_t n, const char *name)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(list[k], name) == 0)
			return 1;
	return 0;
}

/* Read every row; keep those complete in every column of C. */
static size_t
read_rows(dcols *c, tsv_reader *r, size_t *nread)
{
	size_t kept = 0, cap = 0;
	while (tsv_next(r)) {
		(*nread)++;
		int complete = 1;
		for (size_t k = 0; k < c->n; k++)
			if (tsv_missing(r, c->v[k].col)) {
				c->v[k].dropped++;
				complete = 0;
			}
		if (!complete)
			continue;
		if (kept == cap) {
			size_t newcap = cap ? 2 * cap : 64;
			for (size_t k = 0; k < c->n; k++) {
				c->v[k].value = xrealloc(c->v[k].value, newcap * sizeof(char *));
				c->v[k].line = xrealloc(c->v[k].line, newcap * sizeof(size_t));
			}
			cap = newcap;
		}
		for (size_t k = 0; k < c->n; k++) {
			c->v[k].value[kept] = xstrdup(tsv_get(r, c->v[k].col));
			c->v[k].line[kept] = r->lineno;
		}
		kept++;
	}
	return kept;
}

/* The fits square the values (norms, cross-products, X'WX): beyond 1e150
 * in magnitude a square overflows, and a column whose values are all below
 * 1e-150 squares to nothing. Either made "perfect collinearity" of the
 * intercept, or a NaN: a named error for the column instead. */
#define MAX_MAGNITUDE 1e150

static void
check_magnitude(const dcol *d, const double *x, size_t n, const char *file)
{
	double largest = 0;
	for (size_t i = 0; i < n; i++) {
		if (fabs(x[i]) > MAX_MAGNITUDE)
			die_at(file, d->line[i], d->name, d->value[i], "a value beyond "
			       "1e150 in magnitude: the fit squares it (rescale the column)");
		if (fabs(x[i]) > largest)
			largest = fabs(x[i]);
	}
	if (largest > 0 && largest < 1 / MAX_MAGNITUDE)
		die_at(file, 0, d->name, NULL, "every value is below 1e-150 in magnitude "
		       "(at most %g): the fit squares them (rescale the column)", largest);
}

/* Decide numeric or categorical; intern a categorical column's levels. */
static void
classify(dcol *d, size_t n, int factor, const char *file)
{
	d->numeric = !factor;
	double *x = xmalloc((n ? n : 1) * sizeof *x);
	for (size_t i = 0; i < n && d->numeric; i++)
		if (num_parse(d->value[i], &x[i]) != NUM_OK) {
			d->numeric = 0;
			d->bad_line = d->line[i];
			d->bad_value = d->value[i];
		}
	if (d->numeric)
		check_magnitude(d, x, n, file);
	free(x);
	if (d->numeric)
		return;
	levels_init(&d->lv, 0);
	for (size_t i = 0; i < n; i++)
		levels_add(&d->lv, d->value[i], strlen(d->value[i]), 1);
	levels_sort(&d->lv, NULL);
	(void)file;
}

static size_t
level_index(const dcol *d, const char *s)
{
	return levels_find(&d->lv, s, strlen(s));
}

/* The values a column has, for an error: "'a', 'b', 'c'". */
static void
level_list(const dcol *d, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < d->lv.n && len + 8 < size; k++) {
		char q[64];
		len += (size_t)snprintf(buf + len, size - len, "%s'%s'", k ? ", " : "",
		                        err_quote(q, sizeof q, d->lv.value[k],
		                                  strlen(d->lv.value[k])));
	}
}

/* A categorical predictor: at least two levels, a reference that exists. */
static void
check_predictor(dcol *d, const model_spec *s, const char *file)
{
	if (d->numeric)
		return;
	char list[512];
	level_list(d, list, sizeof list);
	if (d->lv.n < 2)
		die_at(file, 0, d->name, NULL, "a predictor needs two levels or more in the "
		       "rows used; it has one (%s)", list);
	if (d->lv.n > MAX_PREDICTOR_LEVELS) {
		if (d->bad_line)
			die_at(file, d->bad_line, d->name, d->bad_value,
			       "has %zu levels: a numeric predictor with a value that is "
			       "not a number?", d->lv.n);
		die_at(file, 0, d->name, NULL, "a categorical predictor with %zu levels "
		       "(at most %d)", d->lv.n, MAX_PREDICTOR_LEVELS);
	}
	d->ref = 0;
	for (size_t k = 0; k < s->nrefs; k++)
		if (strcmp(s->refs[k].column, d->name) == 0) {
			d->ref = level_index(d, s->refs[k].level);
			if (d->ref == LEVELS_FULL)
				die_usage("option '--ref': column '%s' has no level '%s'; its "
				          "levels are %s", d->name, s->refs[k].level, list);
		}
}

/* The outcome: numbers (linear), two levels (logistic), ordered levels
 * (ordinal), into D->y. */
static void
outcome(model_data *md, dcol *d, const model_spec *s, const char *file, size_t n)
{
	md->y = xmalloc((n ? n : 1) * sizeof *md->y);
	if (s->kind == MODEL_LINEAR) {
		for (size_t i = 0; i < n; i++)
			if (num_parse(d->value[i], &md->y[i]) != NUM_OK)
				die_at(file, d->line[i], d->name, d->value[i],
				       "the outcome of a linear model is not a number");
		check_magnitude(d, md->y, n, file);
		return;
	}
	levels lv;
	levels_init(&lv, 0);
	for (size_t i = 0; i < n; i++)
		levels_add(&lv, d->value[i], strlen(d->value[i]), 1);
	levels_sort(&lv, NULL);
	if (lv.n < 2)
		die_at(file, 0, d->name, lv.n ? lv.value[0] : NULL,
		       "the outcome is constant in the rows used");
	if (s->kind == MODEL_LOGISTIC && lv.n != 2)
		die_at(file, 0, d->name, NULL, "a logistic model's outcome has two levels; "
		       "this one has %zu (give -m ordinal for ordered levels)", lv.n);
	if (s->kind == MODEL_ORDINAL) {
		if (s->max_levels && lv.n > s->max_levels)
			die_at(file, 0, d->name, NULL, "an ordinal outcome with %zu levels "
			       "(at most %zu: --max-levels)", lv.n, s->max_levels);
		for (size_t k = 0; k < lv.n; k++)
			if (!lv.isnum[k])
				die_at(file, 0, d->name, lv.value[k], "an ordinal outcome "
				       "orders its levels by value: encode the answers as "
				       "numbers first (svy-encode-likert)");
	}
	size_t event = 1;
	if (s->kind == MODEL_LOGISTIC && s->event) {
		event = levels_find(&lv, s->event, strlen(s->event));
		if (event == LEVELS_FULL)
			die_usage("option '--event': the outcome '%s' has no level '%s' "
			          "(it has '%s' and '%s')", d->name, s->event, lv.value[0],
			          lv.value[1]);
	}
	for (size_t i = 0; i < n; i++) {
		size_t k = levels_find(&lv, d->value[i], strlen(d->value[i]));
		md->y[i] = s->kind == MODEL_LOGISTIC ? (double)(k == event) : (double)k;
	}
	md->nylevel = lv.n;
	md->ylevel = xmalloc(lv.n * sizeof *md->ylevel);
	for (size_t k = 0; k < lv.n; k++)
		md->ylevel[k] = xstrdup(lv.value[s->kind == MODEL_LOGISTIC && event == 0 ?
		                                 1 - k : k]);
	levels_free(&lv);
}

/* The design columns of one predictor column D at row I into OUT (the
 * dummies of a categorical one); returns how many. */
static size_t
expand(const dcol *d, size_t i, double *out)
{
	if (d->numeric) {
		num_parse(d->value[i], out);
		return 1;
	}
	size_t k = level_index(d, d->value[i]), m = 0;
	for (size_t l = 0; l < d->lv.n; l++)
		if (l != d->ref)
			out[m++] = (double)(k == l);
	return m;
}

static size_t
width(const dcol *d)
{
	return d->numeric ? 1 : d->lv.n - 1;
}

static char *
column_name(const dcol *d, size_t m)
{
	if (d->numeric)
		return xstrdup(d->name);
	size_t l = m < d->ref ? m : m + 1;
	size_t len = strlen(d->name) + strlen(d->lv.value[l]) + 1;
	char *s = xmalloc(len);
	snprintf(s, len, "%s%s", d->name, d->lv.value[l]);
	return s;
}

/* A term: one column or A:B:..., as indices into the design columns. */
typedef struct {
	size_t part[8];
	size_t nparts;
} term;

static void
parse_term(term *t, dcols *c, tsv_reader *r, const char *text)
{
	char *copy = xstrdup(text);
	t->nparts = 0;
	for (char *tok = copy, *next; tok; tok = next) {
		next = strchr(tok, ':');
		if (next)
			*next++ = '\0';
		if (!*tok)
			die_usage("term '%s': an empty name in an interaction", text);
		if (t->nparts == sizeof t->part / sizeof t->part[0])
			die_usage("term '%s': more than 8 columns in one interaction", text);
		t->part[t->nparts] = dcols_add(c, r, tok);
		if (t->part[t->nparts++] == 0)
			die_usage("'%s' is the outcome and a predictor", tok);
	}
	free(copy);
}

/* The width of a term (the product of its parts' widths). */
static size_t
term_width(const term *t, const dcols *c)
{
	size_t w = 1;
	for (size_t k = 0; k < t->nparts; k++)
		w *= width(&c->v[t->part[k]]);
	return w;
}

/* The columns of term T at row I into OUT: every product of one column of
 * each part, the first part varying fastest (R's order). */
static void
term_row(const term *t, const dcols *c, size_t i, double *out)
{
	double part[8][MAX_PREDICTOR_LEVELS];
	size_t w[8], total = term_width(t, c);
	for (size_t k = 0; k < t->nparts; k++)
		w[k] = expand(&c->v[t->part[k]], i, part[k]);
	for (size_t m = 0; m < total; m++) {
		double v = 1;
		size_t rest = m;
		for (size_t k = 0; k < t->nparts; k++) {
			v *= part[k][rest % w[k]];
			rest /= w[k];
		}
		out[m] = v;
	}
}

static char *
term_column_name(const term *t, const dcols *c, size_t m)
{
	char *name = NULL;
	size_t rest = m;
	for (size_t k = 0; k < t->nparts; k++) {
		const dcol *d = &c->v[t->part[k]];
		char *part = column_name(d, rest % width(d));
		rest /= width(d);
		if (!name) {
			name = part;
			continue;
		}
		size_t len = strlen(name) + strlen(part) + 2;
		char *s = xmalloc(len);
		snprintf(s, len, "%s:%s", name, part);
		free(name);
		free(part);
		name = s;
	}
	return name;
}

/* An interaction A:B needs A and B as terms of their own: the dummies of
 * an interaction are then those R makes (treatment contrasts on each part). */
static void
check_hierarchy(const model_spec *s)
{
	for (size_t k = 0; k < s->nterms; k++) {
		char *copy = xstrdup(s->terms[k]);
		if (strchr(copy, ':'))
			for (char *tok = copy, *next; tok; tok = next) {
				next = strchr(tok, ':');
				if (next)
					*next++ = '\0';
				if (!listed(s->terms, s->nterms, tok)) {
					char part[256];
					snprintf(part, sizeof part, "%s", tok);
					free(copy);
					die_usage("the interaction '%s' needs '%s' as a predictor "
					          "of its own too", s->terms[k], part);
				}
			}
		free(copy);
	}
}

void
model_design(model_data *md, const model_spec *s, tsv_reader *r)
{
	memset(md, 0, sizeof *md);
	md->file = r->name;
	dcols c = {0};
	dcols_add(&c, r, s->outcome);
	term *t = xcalloc(s->nterms ? s->nterms : 1, sizeof *t);
	for (size_t k = 0; k < s->nterms; k++)
		parse_term(&t[k], &c, r, s->terms[k]);
	check_hierarchy(s);
	for (size_t k = 0; k < s->nfactors; k++) {
		size_t j = 1;
		while (j < c.n && strcmp(c.v[j].name, s->factors[k]) != 0)
			j++;
		if (j == c.n)
			die_usage("option '--factor': '%s' is not a predictor of the model",
			          s->factors[k]);
	}
	size_t n = read_rows(&c, r, &md->nread);
	for (size_t k = 1; k < c.n; k++) {
		classify(&c.v[k], n, listed(s->factors, s->nfactors, c.v[k].name), r->name);
		check_predictor(&c.v[k], s, r->name);
	}
	for (size_t k = 0; k < s->nrefs; k++) {
		size_t j = 1;
		while (j < c.n && strcmp(c.v[j].name, s->refs[k].column) != 0)
			j++;
		if (j == c.n || c.v[j].numeric)
			die_usage("option '--ref': '%s' is not a categorical predictor of "
			          "the model", s->refs[k].column);
	}
	outcome(md, &c.v[0], s, r->name, n);

	int intercept = s->kind != MODEL_ORDINAL;
	size_t p = intercept;
	for (size_t k = 0; k < s->nterms; k++)
		p += term_width(&t[k], &c);
	if (p > MAX_PARAMETERS)
		die_at(r->name, 0, NULL, NULL, "the model has %zu parameters (dummy "
		       "columns and interactions included; at most %d)", p, MAX_PARAMETERS);
	md->n = n;
	md->p = p;
	md->x = xmalloc((n * p > 0 ? n * p : 1) * sizeof *md->x);
	md->name = xmalloc((p ? p : 1) * sizeof *md->name);
	size_t j = 0;
	if (intercept)
		md->name[j++] = xstrdup("(Intercept)");
	for (size_t k = 0; k < s->nterms; k++)
		for (size_t m = 0; m < term_width(&t[k], &c); m++)
			md->name[j++] = term_column_name(&t[k], &c, m);
	for (size_t i = 0; i < n; i++) {
		double *row = md->x + i * p;
		size_t at = 0;
		if (intercept)
			row[at++] = 1;
		for (size_t k = 0; k < s->nterms; k++) {
			term_row(&t[k], &c, i, row + at);
			at += term_width(&t[k], &c);
		}
	}
	md->nused = c.n;
	md->used = xmalloc(c.n * sizeof *md->used);
	md->dropped = xmalloc(c.n * sizeof *md->dropped);
	for (size_t k = 0; k < c.n; k++) {
		dcol *d = &c.v[k];
		md->used[k] = d->name;
		md->dropped[k] = d->dropped;
		for (size_t i = 0; i < n; i++)
			free(d->value[i]);
		free(d->value);
		free(d->line);
		if (!d->numeric && k > 0)
			levels_free(&d->lv);
	}
	free(c.v);
	free(t);
}

void
model_data_free(model_data *d)
{
	for (size_t k = 0; k < d->p; k++)
		free(d->name[k]);
	for (size_t k = 0; k < d->nylevel; k++)
		free(d->ylevel[k]);
	for (size_t k = 0; k < d->nused; k++)
		free(d->used[k]);
	free(d->name);
	free(d->ylevel);
	free(d->used);
	free(d->dropped);
	free(d->x);
	free(d->y);
	memset(d, 0, sizeof *d);
}
