/* The codebook drafted from an SPSS or Stata file's labels: see savcb.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "err.h"
#include "num.h"
#include "savcb.h"
#include "tsv.h"

static int
has_label(const sav_labelset *s, double x)
{
	for (size_t k = 0; k < s->n; k++)
		if (!s->v[k].key && s->v[k].value == x)
			return 1;
	return 0;
}

/* Note X, a value of a labelled variable, when it has no label. */
static void
note_unlabelled(unlabelled *u, const sav_labelset *s, double x)
{
	if (u->overflow || (s && has_label(s, x)))
		return;
	for (size_t k = 0; k < u->n; k++)
		if (u->v[k] == x)
			return;
	if (u->n == MAX_UNLABELLED) {
		u->overflow = 1;
		return;
	}
	u->v = xgrow(u->v, &u->cap, u->n + 1, sizeof *u->v);
	u->v[u->n++] = x;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Is X one of V's user-missing values? V->missing lists them as text. */
static int
is_user_missing(const sav_var *v, double x)
{
	if (!v->missing)
		return 0;
	char buf[NUM_BUFSIZE];
	num_format(buf, x);
	const char *p = v->missing;
	size_t n = strlen(buf);
	while (*p) {
		const char *end = strstr(p, ", ");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *to = strstr(p, " to ");
		if (to && to < p + len) {
			double lo, hi;
			char *a = xstrndup(p, (size_t)(to - p));
			char *b = xstrndup(to + 4, len - (size_t)(to - p) - 4);
			int in = num_parse(a, &lo) == NUM_OK && num_parse(b, &hi) == NUM_OK &&
			         x >= lo && x <= hi;
			free(a);
			free(b);
			if (in)
				return 1;
		} else if (len == n && memcmp(p, buf, n) == 0) {
			return 1;
		}
		p += len;
		if (*p)
			p += 2;
	}
	return 0;
}

typedef struct {
	tsv_writer w;
	size_t labelled, renamed, commented;
} cbw;

static void
row(cbw *c, const char *column, const char *rename, const char *label,
    const char *code, const char *value, const char *question)
{
	tsvw_str(&c->w, column);
	tsvw_str(&c->w, rename);
	tsvw_str(&c->w, label);
	tsvw_str(&c->w, code);
	tsvw_str(&c->w, value);
	tsvw_str(&c->w, question);
	tsvw_end(&c->w);
}

/* NAME as a codebook's column: '#', '@' and '\\' first get a backslash
 * (an SPSS name may begin with '@'). Allocated. */
static char *
column_key(const char *name)
{
	char *k = xmalloc(strlen(name) + 2);
	sprintf(k, "%s%s", strchr("#@\\", name[0]) && name[0] ? "\\" : "", name);
	return k;
}

/* A '#' line: one field, whatever it holds (TSV escapes keep it one line). */
static void comment(cbw *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
comment(cbw *c, const char *fmt, ...)
{
	/* open_memstream, not vsnprintf(NULL, 0, ...): GCC's -Wformat-truncation
	 * misreads the sizing call at -O1 */
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	if (!m)
		die_errno("open_memstream");
	va_list ap;
	va_start(ap, fmt);
	vfprintf(m, fmt, ap);
	va_end(ap);
	if (fclose(m) != 0)
		die_errno("open_memstream");
	tsvw_str(&c->w, s);
	tsvw_end(&c->w);
	free(s);
}

/* Which labels of S repeat an earlier label or a value's code (the level
 * would be ambiguous): TAKEN[k] set for them. By sorting, not by comparing
 * every pair: 20,000 labels took 100 s. */
typedef struct {
	const char *s;
	size_t k;
} indexed;

static int
cmp_indexed(const void *a, const void *b)
{
	const indexed *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	return c ? c : (x->k > y->k) - (x->k < y->k);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
labels_taken(const sav_labelset *s, unsigned char *taken)
{
	size_t n = s->n, ncodes = 0;
	indexed *by = xmalloc((n + 1) * sizeof *by);
	char **codes = xmalloc((n + 1) * sizeof *codes);
	for (size_t k = 0; k < n; k++) {
		by[k] = (indexed){s->v[k].label, k};
		if (!s->v[k].key) {
			char buf[NUM_BUFSIZE];
			codes[ncodes++] = xstrdup(num_format(buf, s->v[k].value));
		}
	}
	qsort(by, n, sizeof *by, cmp_indexed);
	qsort(codes, ncodes, sizeof *codes, cmp_str);
	for (size_t k = 0; k < n; k++) {
		const char *l = by[k].s;
		taken[by[k].k] = (k > 0 && strcmp(by[k - 1].s, l) == 0) ||
		                 bsearch(&l, codes, ncodes, sizeof *codes, cmp_str) != NULL;
	}
	for (size_t k = 0; k < ncodes; k++)
		free(codes[k]);
	free(codes);
	free(by);
}

/* One level of a labelled numeric variable, as the codebook writes it. */
typedef struct {
	const char *label;	/* "" when none */
	const char *dropped;	/* a label left out (it repeats another), or NULL */
	char num[NUM_BUFSIZE];	/* the code and (unless user-missing) the value */
	int missing;
} level;

/* The levels of V: its value labels in the file's order, then the values
 * in the data without a label (U, sorted). */
static level *
levels_of(const sav_var *v, const sav_labelset *s, unlabelled *u, size_t *n)
{
	level *lv = xcalloc(s->n + u->n + 1, sizeof *lv);
	unsigned char *taken = xcalloc(s->n + 1, 1);
	labels_taken(s, taken);
	size_t m = 0;
	for (size_t k = 0; k < s->n; k++, m++) {
		const sav_vlabel *l = &s->v[k];
		num_format(lv[m].num, l->value);
		lv[m].label = l->label;
		if (*l->label && taken[k]) {
			lv[m].dropped = l->label;
			lv[m].label = "";
		}
		lv[m].missing = is_user_missing(v, l->value);
	}
	free(taken);
	if (u->n)
		qsort(u->v, u->n, sizeof *u->v, cmp_double);
	for (size_t k = 0; k < u->n; k++, m++) {
		num_format(lv[m].num, u->v[k]);
		lv[m].label = "";
	}
	*n = m;
	return lv;
}

/* The levels as one string: two variables with the same share a scale. */
static char *
levels_key(const level *lv, size_t n)
{
	size_t len = 1;
	for (size_t k = 0; k < n; k++)
		len += strlen(lv[k].label) + strlen(lv[k].num) + 4;
	char *key = xmalloc(len);
	size_t at = 0;
	for (size_t k = 0; k < n; k++)
		at += (size_t)snprintf(key + at, len - at, "%s\x1f%s\x1f%d\x1e", lv[k].label,
		                       lv[k].num, lv[k].missing);
	key[at] = '\0';
	return key;
}

/* The rows of levels LV under COLUMN (a column, or an @scale: NAME and
 * QUESTION then empty); UNLABELLED of them have no label. */
static void
write_levels(cbw *c, const char *column, const char *rename, const char *question,
             const level *lv, size_t n, size_t unlabelled_n)
{
	if (unlabelled_n)
		comment(c, "# '%s': %zu value%s in the data without a value label: levels "
		        "with an empty label", column, unlabelled_n, unlabelled_n == 1 ? "" : "s");
	for (size_t k = 0; k < n; k++) {
		if (lv[k].dropped)
			comment(c, "# '%s': the label of %s is another value's label or "
			        "code: left out of the level: %s", column, lv[k].num, lv[k].dropped);
		row(c, column, rename, lv[k].label, lv[k].num, lv[k].missing ? CB_MISSING : lv[k].num,
		    question);
		rename = question = "";
	}
}

/* A variable without a level of its own: its labels as comments, its
 * variable label on a row that renames it to itself. */
static void
variable_rows(cbw *c, const sav_var *v, const sav_labelset *s, const unlabelled *u)
{
	if (s && v->kind == SAV_NUMBER && u->overflow) {
		comment(c, "# '%s': more than %d values without a label in the data: "
		        "not encoded; its value labels:", v->name, MAX_UNLABELLED);
		char buf[NUM_BUFSIZE];
		for (size_t k = 0; k < s->n; k++)
			comment(c, "#   %s = %s", num_format(buf, s->v[k].value), s->v[k].label);
		s = NULL;
		c->commented++;
	}
	if (s && v->kind == SAV_TEXT) {
		/* a level needs a number: the labels stay notes, the text passes */
		comment(c, "# '%s': value labels of text values (to encode them, give "
		        "each a level with a number):", v->name);
		for (size_t k = 0; k < s->n; k++)
			comment(c, "#   %s = %s", s->v[k].key, s->v[k].label);
		c->commented++;
		s = NULL;
	}
	if (s) {
		comment(c, "# '%s': value labels on a date: left out", v->name);
		c->commented++;
	}
	if (*v->label) {
		char *key = column_key(v->name);
		row(c, key, v->name, "", "", "", v->label);
		free(key);
		c->renamed++;
	}
}

void
savcb_write(const char *path, const sav_file *f, savcb *st,
            const unsigned char *keep, const char *tool, int quiet)
{
	cbw c = {0};
	tsvw_open(&c.w, path);
	c.w.safe = 0;
	row(&c, "column", "rename", "label", "code", "value", "question");
	comment(&c, "# Drafted by svy-%s from %s: its value labels as they are "
	        "(code and value: the number in the data; a user-missing value's value "
	        "is '%s'); question: the variable label.", tool, f->name, CB_MISSING);
	size_t nv = f->nvars;
	const sav_labelset **sets = xcalloc(nv, sizeof *sets);
	unlabelled *none = xcalloc(nv, sizeof *none);
	level **lv = xcalloc(nv, sizeof *lv);
	size_t *nl = xcalloc(nv, sizeof *nl);
	char **key = xcalloc(nv, sizeof *key);
	long *group = xcalloc(nv, sizeof *group);
	int shared = 0;
	for (size_t i = 0; i < nv; i++) {
		const sav_var *v = &f->vars[i];
		const sav_labelset *s = sets[i] = sav_labels_of(f, v);
		unlabelled *u = st->seen ? &st->seen[i] : &none[i];
		/* Stata: values were noted before the labels were known */
		if (s && f->format == SAV_DTA && !u->overflow) {
			size_t m = 0;
			for (size_t k = 0; k < u->n; k++)
				if (!has_label(s, u->v[k]))
					u->v[m++] = u->v[k];
			u->n = m;
		}
		group[i] = -1;
		if ((keep && !keep[i]) || !s || v->kind != SAV_NUMBER || u->overflow)
			continue;
		lv[i] = levels_of(v, s, u, &nl[i]);
		key[i] = levels_key(lv[i], nl[i]);
		for (size_t j = 0; j < i; j++)
			if (key[j] && strcmp(key[j], key[i]) == 0) {
				if (group[j] < 0)
					group[j] = (long)j;
				group[i] = group[j];
				shared = 1;
				break;
			}
	}
	if (shared)
		comment(&c, "# Scales shared by several columns.");
	for (size_t i = 0; i < nv; i++) {
		if (group[i] != (long)i)
			continue;
		char *scale = xmalloc(strlen(f->vars[i].name) + 2);
		sprintf(scale, "@%s", f->vars[i].name);
		write_levels(&c, scale, "", "", lv[i], nl[i], st->seen ? st->seen[i].n : 0);
		free(scale);
	}
	if (shared)
		comment(&c, "# Columns.");
	for (size_t i = 0; i < nv; i++) {
		const sav_var *v = &f->vars[i];
		size_t nu = st->seen ? st->seen[i].n : 0;
		if (keep && !keep[i])
			continue;
		if (group[i] >= 0) {
			char *scale = xmalloc(strlen(f->vars[group[i]].name) + 2);
			sprintf(scale, "@%s", f->vars[group[i]].name);
			char *col = column_key(v->name);
			row(&c, col, v->name, scale, "", "", v->label);
			free(col);
			free(scale);
			c.labelled++;
		} else if (lv[i]) {
			char *col = column_key(v->name);
			write_levels(&c, col, v->name, v->label, lv[i], nl[i], nu);
			free(col);
			c.labelled++;
		} else {
			variable_rows(&c, v, sets[i], st->seen ? &st->seen[i] : &none[i]);
		}
	}
	tsvw_close(&c.w);
	if (!quiet)
		warn("codebook %s: value labels for %zu column%s, only a variable label for "
		     "%zu, value labels as comments for %zu", path, c.labelled,
		     c.labelled == 1 ? "" : "s", c.renamed, c.commented);
	for (size_t i = 0; i < nv; i++) {
		free(lv[i]);
		free(key[i]);
	}
	free(lv);
	free(nl);
	free(key);
	free(group);
	free(none);
	free(sets);
}

static void
savcb_start(savcb *st, const sav_file *f)
{
	/* an index: f->sets may still grow (Stata's come last) */
	st->nvars = f->nvars;
	st->set_at = xcalloc(f->nvars, sizeof *st->set_at);
	st->seen = xcalloc(f->nvars, sizeof *st->seen);
	for (size_t i = 0; i < f->nvars; i++) {
		const sav_labelset *s = sav_labels_of(f, &f->vars[i]);
		st->set_at[i] = s && f->vars[i].kind == SAV_NUMBER ? s - f->sets : -1;
	}
}

void
savcb_note(savcb *st, const sav_file *f, char **fields)
{
	if (!st->set_at)
		savcb_start(st, f);
	for (size_t i = 0; i < f->nvars; i++) {
		double x;
		/* Stata's value labels come after the data: every value is noted */
		if (!fields[i] || f->vars[i].kind != SAV_NUMBER)
			continue;
		const sav_labelset *s = st->set_at[i] >= 0 ? &f->sets[st->set_at[i]] : NULL;
		if ((s || f->format == SAV_DTA) && num_parse(fields[i], &x) == NUM_OK)
			note_unlabelled(&st->seen[i], s, x);
	}
}

void
savcb_free(savcb *st)
{
	for (size_t i = 0; st->seen && i < st->nvars; i++)
		free(st->seen[i].v);
	free(st->seen);
	free(st->set_at);
}
