#include "cond.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cols.h"
#include "err.h"
#include "levels.h"
#include "num.h"

static const char *op_text[] = {"=", "!=", "<", "<=", ">", ">="};

static int
fail(cond *c, char *err, size_t errsize, const char *text, const char *fmt, ...)
{
	char q[160], msg[COND_ERRSIZE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(err, errsize, "condition '%s': %s",
	         err_quote(q, sizeof q, text, strlen(text)), msg);
	cond_free(c);
	return -1;
}

/* A number as the levels' equality reads it (lib/levels): "1" is "1.0". */
static int
is_number(const char *s, double *x)
{
	return levels_number(s, strlen(s), x);
}

static void
add_value(cond *c, const char *s, size_t len, size_t *cap)
{
	c->values = xgrow(c->values, cap, c->nvalues + 1, sizeof *c->values);
	c->values[c->nvalues++] = xstrndup(s, len);
}

static void
number_values(cond *c)
{
	size_t n = c->nvalues ? c->nvalues : 1;
	c->isnum = xmalloc(n);
	c->num = xmalloc(n * sizeof *c->num);
	for (size_t k = 0; k < c->nvalues; k++) {
		c->num[k] = 0;
		c->isnum[k] = (unsigned char)is_number(c->values[k], &c->num[k]);
	}
}

int
cond_parse(cond *c, const char *text, int icase, char *err, size_t errsize)
{
	memset(c, 0, sizeof *c);
	c->icase = icase;
	size_t at = strcspn(text, "=!<>");
	const char *p = text + at;
	if (!*p)
		return fail(c, err, errsize, text,
		            "no operator (=, !=, <, <=, >, >=): give COLUMN=VALUE");
	if (at == 0)
		return fail(c, err, errsize, text, "no column name before '%c'", *p);
	size_t oplen = 1;
	if (p[0] == '!' && p[1] == '=') {
		c->op = COND_NE;
		oplen = 2;
	} else if (p[0] == '!') {
		return fail(c, err, errsize, text, "'!' must be followed by '='");
	} else if (p[0] == '=') {
		c->op = COND_EQ;
	} else {
		c->op = p[0] == '<' ? COND_LT : COND_GT;
		if (p[1] == '=') {
			c->op = p[0] == '<' ? COND_LE : COND_GE;
			oplen = 2;
		}
	}
	const char *v = p + oplen;
	c->text = xstrdup(text);
	c->column = xstrndup(text, at);
	if (c->op != COND_EQ && c->op != COND_NE) {
		if (!*v)
			return fail(c, err, errsize, text, "'%s' needs a number after it",
			            op_text[c->op]);
		enum num_status st = num_parse(v, &c->x);
		if (st != NUM_OK) {
			char q[160];
			return fail(c, err, errsize, text, "'%s': %s",
			            err_quote(q, sizeof q, v, strlen(v)), num_strerror(st));
		}
		return 0;
	}
	/* the list: items split on unescaped commas */
	size_t cap = 0, len = strlen(v);
	char *item = xmalloc(len + 1);
	size_t k = 0;
	if (len) {
		for (size_t i = 0;; i++) {
			if (i == len || v[i] == ',') {
				if (k == 0) {
					free(item);
					return fail(c, err, errsize, text, "empty value in the list "
					            "(COLUMN= alone means missing)");
				}
				add_value(c, item, k, &cap);
				k = 0;
				if (i == len)
					break;
			} else if (v[i] == '\\' && (v[i + 1] == ',' || v[i + 1] == '\\')) {
				item[k++] = v[++i];
			} else {
				item[k++] = v[i];
			}
		}
	}
	free(item);
	number_values(c);
	return 0;
}

void
cond_set_list(cond *c, const char *column, char *const *values, size_t n,
              const char *text, int icase)
{
	memset(c, 0, sizeof *c);
	c->icase = icase;
	c->text = xstrdup(text);
	c->column = xstrdup(column);
	c->op = COND_EQ;
	size_t cap = 0;
	for (size_t k = 0; k < n; k++)
		add_value(c, values[k], strlen(values[k]), &cap);
	number_values(c);
}

long
cond_which(const cond *c, const char *s)
{
	double x = 0;
	int isnum = -1;		/* not looked at yet */
	for (size_t k = 0; k < c->nvalues; k++) {
		if (c->icase ? strcasecmp(s, c->values[k]) == 0 : strcmp(s, c->values[k]) == 0)
			return (long)k;
		if (c->isnum[k]) {
			if (isnum < 0)
				isnum = is_number(s, &x);
			if (isnum && x == c->num[k])
				return (long)k;
		}
	}
	return -1;
}

static int
in_list(const cond *c, const char *s)
{
	return cond_which(c, s) >= 0;
}

int
cond_value(const cond *c, const char *s)
{
	int missing = !s || !*s;
	switch (c->op) {
	case COND_EQ:
		if (c->nvalues == 0)
			return missing;
		return !missing && in_list(c, s);
	case COND_NE:
		if (c->nvalues == 0)
			return !missing;
		return !missing && !in_list(c, s);
	default:
		break;
	}
	if (missing)
		return 0;
	double x;
	if (num_parse(s, &x) != NUM_OK)
		return -1;
	switch (c->op) {
	case COND_LT: return x < c->x;
	case COND_LE: return x <= c->x;
	case COND_GT: return x > c->x;
	default: return x >= c->x;
	}
}

void
cond_resolve(cond *c, const tsv_reader *r)
{
	c->col = cols_require(r, c->column);
}

int
cond_row(const cond *c, tsv_reader *r)
{
	const char *s = tsv_missing(r, c->col) ? NULL : tsv_get(r, c->col);
	int v = cond_value(c, s);
	if (v < 0) {
		double x;
		die_at(r->name, r->lineno, r->header[c->col], s, "%s, in condition '%s'",
		       num_strerror(num_parse(s, &x)), c->text);
	}
	return v;
}

void
cond_free(cond *c)
{
	for (size_t k = 0; k < c->nvalues; k++)
		free(c->values[k]);
	free(c->values);
	free(c->isnum);
	free(c->num);
	free(c->text);
	free(c->column);
	memset(c, 0, sizeof *c);
}
