#include "codebook.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "num.h"
#include "tsv.h"

enum { F_COLUMN, F_RENAME, F_LABEL, F_CODE, F_VALUE, NFIELDS };
static const char *field_names[NFIELDS] = {"column", "rename", "label", "code", "value"};

static cb_scale *
find_scale(const codebook *cb, const char *name)
{
	size_t i = strtab_find(&cb->scale_names, name, strlen(name));
	return i == STRTAB_NONE ? NULL : cb->scales[i];
}

static cb_scale *
new_scale(codebook *cb, const char *name, size_t line)
{
	cb_scale *s = xcalloc(1, sizeof *s);
	s->name = xstrdup(name);
	s->line = line;
	cb->scales = xgrow(cb->scales, &cb->scap, cb->nscales + 1, sizeof *cb->scales);
	cb->scales[cb->nscales++] = s;
	strtab_add(&cb->scale_names, name, strlen(name), NULL);
	return s;
}

static cb_entry *
add_entry(codebook *cb, const char *column, const char *output, size_t line)
{
	int added;
	size_t i = strtab_add(&cb->outputs, output, strlen(output), &added);
	if (!added)
		die_at(cb->path, line, "rename", output, "output column already defined on line %zu",
		       cb->entries[i].line);
	cb->entries = xgrow(cb->entries, &cb->ecap, cb->nentries + 1, sizeof *cb->entries);
	cb_entry *e = &cb->entries[cb->nentries++];
	e->column = xstrdup(column);
	e->output = xstrdup(output);
	e->keep_name = strcmp(column, output) == 0;
	e->scale = NULL;
	e->multi = NULL;
	e->option = 0;
	e->line = line;
	return e;
}

/* The entry that a level row of COLUMN belongs to: the one named RENAME, or
 * with RENAME empty the column's last entry with levels of its own. */
static cb_entry *
entry_for_level(codebook *cb, const char *column, const char *rename, size_t line)
{
	const char *output = *rename ? rename : NULL;
	for (size_t i = cb->nentries; i-- > 0;) {
		cb_entry *e = &cb->entries[i];
		if (strcmp(e->column, column) != 0)
			continue;
		if (output ? strcmp(e->output, output) == 0
		           : e->scale && e->scale->name[0] != '@')
			return e;
	}
	return add_entry(cb, column, output ? output : column, line);
}

static void
check_value(const codebook *cb, size_t line, const char *value)
{
	if (strcmp(value, CB_MISSING) == 0)
		return;
	double x;
	enum num_status st = num_parse(value, &x);
	if (st != NUM_OK && st != NUM_EMPTY)
		die_at(cb->path, line, "value", value, "%s", num_strerror(st));
}

static void
add_level(codebook *cb, cb_scale *s, size_t line, const char *label,
          const char *code, const char *value)
{
	check_value(cb, line, value);
	int missing = !*value || strcmp(value, CB_MISSING) == 0;
	if (!*label && !*code) {
		if (s->has_empty)
			die_at(cb->path, line, NULL, NULL,
			       "scale '%s' already gives the value of an empty answer", s->name);
		s->has_empty = 1;
		s->empty_value = missing ? NULL : xstrdup(value);
		return;
	}
	if (!*value)
		die_at(cb->path, line, "value", NULL,
		       "answer '%s' of scale '%s' has no value: give it one, or '%s' to "
		       "encode it as missing", *label ? label : code, s->name, CB_MISSING);
	const char *answer[2] = {label, code};
	for (int k = 0; k < 2; k++) {
		size_t i = *answer[k] ? strtab_find(&s->answers, answer[k], strlen(answer[k]))
		                      : STRTAB_NONE;
		if (i != STRTAB_NONE)
			die_at(cb->path, line, NULL, answer[k],
			       "scale '%s' already has this answer (line %zu)", s->name,
			       s->levels[s->level_of[i]].line);
	}
	for (int k = 0; k < 2; k++) {
		int added;
		if (!*answer[k])
			continue;
		size_t i = strtab_add(&s->answers, answer[k], strlen(answer[k]), &added);
		if (added) {
			s->level_of = xgrow(s->level_of, &s->lcap, i + 1, sizeof *s->level_of);
			s->level_of[i] = s->nlevels;
		}
	}
	s->levels = xgrow(s->levels, &s->cap, s->nlevels + 1, sizeof *s->levels);
	cb_level *l = &s->levels[s->nlevels++];
	l->label = xstrdup(label);
	l->code = xstrdup(code);
	l->label_len = strlen(label);
	l->code_len = strlen(code);
	l->value = missing ? NULL : xstrdup(value);
	l->value_len = missing ? 0 : strlen(value);
	l->line = line;
}

static cb_multi *
find_multi(const codebook *cb, const char *column)
{
	for (size_t i = 0; i < cb->nmultis; i++)
		if (strcmp(cb->multis[i]->column, column) == 0)
			return cb->multis[i];
	return NULL;
}

/* COLUMN NAME LABEL CODE option: an option of the multiple-answer COLUMN,
 * written as the 0/1 column NAME. */
static void
add_option(codebook *cb, size_t line, const char *column, const char *name,
           const char *label, const char *code)
{
	if (!*name)
		die_at(cb->path, line, "rename", NULL, "an option of column '%s' needs the "
		       "name of its 0/1 column", column);
	if (!*label && !*code)
		die_at(cb->path, line, "label", NULL, "an option of column '%s' needs a "
		       "label or a code (the answer it is)", column);
	cb_multi *m = find_multi(cb, column);
	if (!m) {
		m = xcalloc(1, sizeof *m);
		m->column = xstrdup(column);
		m->line = line;
		m->index = cb->nmultis;
		cb->multis = xgrow(cb->multis, &cb->mcap, cb->nmultis + 1, sizeof *cb->multis);
		cb->multis[cb->nmultis++] = m;
	}
	if (m->has_empty)
		die_at(cb->path, line, NULL, NULL, "an option of column '%s' after the value of "
		       "its empty cell: the options come first", column);
	const char *answer[2] = {label, code};
	for (int a = 0; a < 2; a++)
		for (size_t k = 0; *answer[a] && k < m->nopt; k++)
			if (strcmp(m->label[k], answer[a]) == 0 || strcmp(m->code[k], answer[a]) == 0)
				die_at(cb->path, line, NULL, answer[a], "column '%s' already has this "
				       "option", column);
	m->label = xgrow(m->label, &m->cap, m->nopt + 1, sizeof *m->label);
	m->code = xrealloc(m->code, m->cap * sizeof *m->code);
	m->label[m->nopt] = xstrdup(label);
	m->code[m->nopt] = xstrdup(code);
	cb_entry *e = add_entry(cb, column, name, line);
	e->keep_name = 0;
	e->multi = m;
	e->option = m->nopt++;
}

/* COLUMN - - - VALUE after the options of a multiple-answer column: the
 * value of every option column when the cell is empty. */
static void
set_multi_empty(codebook *cb, cb_multi *m, size_t line, const char *value)
{
	check_value(cb, line, value);
	if (m->has_empty)
		die_at(cb->path, line, NULL, NULL, "column '%s' already gives the value of an "
		       "empty cell", m->column);
	m->has_empty = 1;
	m->empty_value = !*value || strcmp(value, CB_MISSING) == 0 ? NULL : xstrdup(value);
}

static void
read_row(codebook *cb, tsv_reader *r, const size_t *idx, char **scale_refs)
{
	const char *f[NFIELDS];
	/* a short row: the missing trailing fields are empty */
	for (int k = 0; k < NFIELDS; k++)
		f[k] = idx[k] < r->nf ? tsv_get(r, idx[k]) : "";
	size_t line = r->lineno;
	if (!*f[F_COLUMN])
		die_at(cb->path, line, "column", NULL, "missing: every row names a column or an @scale");
	/* '\#n', '\@s', '\\x': the columns '#n', '@s', '\x' (not a comment, a scale) */
	int escaped = f[F_COLUMN][0] == '\\' && f[F_COLUMN][1] && strchr("#@\\", f[F_COLUMN][1]);
	if (escaped)
		f[F_COLUMN]++;
	if (!escaped && f[F_COLUMN][0] == '@') {
		if (*f[F_RENAME])
			die_at(cb->path, line, "rename", f[F_RENAME], "a scale level renames nothing");
		cb_scale *s = find_scale(cb, f[F_COLUMN]);
		if (!s)
			s = new_scale(cb, f[F_COLUMN], line);
		add_level(cb, s, line, f[F_LABEL], f[F_CODE], f[F_VALUE]);
		return;
	}
	if (strcmp(f[F_VALUE], CB_OPTION) == 0) {
		add_option(cb, line, f[F_COLUMN], f[F_RENAME], f[F_LABEL], f[F_CODE]);
		return;
	}
	cb_multi *m = *f[F_RENAME] || *f[F_LABEL] || *f[F_CODE] ? NULL
	              : find_multi(cb, f[F_COLUMN]);
	if (m) {
		set_multi_empty(cb, m, line, f[F_VALUE]);
		return;
	}
	if (f[F_LABEL][0] == '@') {
		if (*f[F_CODE] || *f[F_VALUE])
			die_at(cb->path, line, NULL, NULL,
			       "a row that assigns scale '%s' has no code or value", f[F_LABEL]);
		add_entry(cb, f[F_COLUMN], *f[F_RENAME] ? f[F_RENAME] : f[F_COLUMN], line);
		/* resolved once every scale is read: scales may come after use */
		scale_refs[cb->nentries - 1] = xstrdup(f[F_LABEL]);
		return;
	}
	if (!*f[F_LABEL] && !*f[F_CODE] && !*f[F_VALUE]) {
		if (!*f[F_RENAME])
			die_at(cb->path, line, NULL, NULL,
			       "row for column '%s' does nothing: give a rename, a scale or a level",
			       f[F_COLUMN]);
		add_entry(cb, f[F_COLUMN], f[F_RENAME], line);
		return;
	}
	cb_entry *e = entry_for_level(cb, f[F_COLUMN], f[F_RENAME], line);
	if (!e->scale) {
		if (scale_refs[e - cb->entries])
			die_at(cb->path, line, NULL, NULL,
			       "column '%s' (as '%s') already uses scale '%s'", e->column,
			       e->output, scale_refs[e - cb->entries]);
		e->scale = new_scale(cb, e->output, line);
	}
	add_level(cb, e->scale, line, f[F_LABEL], f[F_CODE], f[F_VALUE]);
}

static const cb_multi *sort_m;

static const char *
answer_of(const cb_multi *m, size_t a)
{
	return a % 2 ? m->code[a / 2] : m->label[a / 2];
}

static int
by_length_desc(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	size_t la = strlen(answer_of(sort_m, a)), lb = strlen(answer_of(sort_m, b));
	if (la != lb)
		return la < lb ? 1 : -1;
	return (a > b) - (a < b);
}

/* The first eight bytes of S (LEN bytes), zero-padded: for a given length,
 * one word per string (the lookup then compares only the bytes after
 * eight). Made in registers: a short answer ("Yes") copied byte by byte
 * into a word on the stack stalls the load of that word, every lookup. */
static uint64_t
head_word(const char *s, size_t len)
{
	uint64_t w = 0;
	if (len >= 8) {
		memcpy(&w, s, 8);
		return w;
	}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const unsigned char *u = (const unsigned char *)s;
	if (len >= 4) {	/* two words of four, overlapping where they agree */
		uint32_t lo, hi;
		memcpy(&lo, s, 4);
		memcpy(&hi, s + len - 4, 4);
		return lo | (uint64_t)hi << 8 * (len - 4);
	}
	if (len > 0)	/* bytes 0, len/2 and len-1: all of 1 to 3 */
		w = (uint64_t)u[0] | (uint64_t)u[len / 2] << 8 * (len / 2) |
		    (uint64_t)u[len - 1] << 8 * (len - 1);
#else
	memcpy(&w, s, len);
#endif
	return w;
}

/* A scale of at most HEAD_MAX answers is looked up by their first words
 * and lengths, hashed into HEAD_SLOTS slots (cb_lookup); a larger one by
 * strtab's hash of every byte. */
#define HEAD_MAX 32
#define HEAD_SLOTS 64

static size_t
head_slot(uint64_t w, size_t len)
{
	return (size_t)(((w ^ len) * 0x9e3779b97f4a7c15u) >> 58);
}

static void
index_answers(cb_scale *s)
{
	size_t n = s->answers.n;
	if (n == 0 || n > HEAD_MAX)
		return;
	s->head = xmalloc(n * sizeof *s->head);
	s->head_slot = xcalloc(HEAD_SLOTS, sizeof *s->head_slot);
	for (size_t k = 0; k < n; k++) {
		s->head[k] = head_word(s->answers.s[k], s->answers.len[k]);
		size_t h = head_slot(s->head[k], s->answers.len[k]);
		while (s->head_slot[h])
			h = (h + 1) % HEAD_SLOTS;
		s->head_slot[h] = (unsigned char)(k + 1);
	}
}

/* M's answers (labels and codes), longest first: the longest is tried first
 * at each place of a cell. */
static void
order_answers(cb_multi *m)
{
	m->by_len = xmalloc((2 * m->nopt + 1) * sizeof *m->by_len);
	for (size_t a = 0; a < 2 * m->nopt; a++)
		if (*answer_of(m, a))
			m->by_len[m->nby++] = a;
	sort_m = m;
	qsort(m->by_len, m->nby, sizeof *m->by_len, by_length_desc);
}

codebook *
codebook_load(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		die_errno("codebook %s", path);
	out_input(path, fp);
	codebook *cb = xcalloc(1, sizeof *cb);
	cb->path = path;
	tsv_reader r;
	tsv_open(&r, fp, path);
	size_t idx[NFIELDS];
	for (int k = 0; k < NFIELDS; k++) {
		long i = cols_find(&r, field_names[k]);
		if (i < 0)
			die_at(path, 1, NULL, NULL,
			       "not a codebook: the header needs the columns column, rename, "
			       "label, code, value; '%s' is missing", field_names[k]);
		idx[k] = (size_t)i;
	}
	/* held where a leak checker finds it when a mistake ends the program */
	static char **scale_refs;
	size_t refcap = 0;
	scale_refs = NULL;
	for (;;) {
		/* comments and blank lines are for people */
		if (!tsv_next_lenient(&r))
			break;
		if (r.nf == 1 && r.flen[0] == 0)
			continue;
		if (r.f[0][0] == '#')
			continue;
		if (r.nf > r.ncols)
			die_at(path, r.lineno, NULL, NULL, "row has %zu fields, header has %zu",
			       r.nf, r.ncols);
		size_t had = refcap;
		scale_refs = xgrow(scale_refs, &refcap, cb->nentries + 1, sizeof *scale_refs);
		for (size_t i = had; i < refcap; i++)
			scale_refs[i] = NULL;
		read_row(cb, &r, idx, scale_refs);
	}
	for (size_t i = 0; i < cb->nentries; i++) {
		if (!scale_refs || !scale_refs[i])
			continue;
		cb_scale *s = find_scale(cb, scale_refs[i]);
		if (!s)
			die_at(path, cb->entries[i].line, "label", scale_refs[i],
			       "no such scale: define its levels in rows whose column is the scale name");
		cb->entries[i].scale = s;
		free(scale_refs[i]);
	}
	free(scale_refs);
	tsv_free(&r);
	fclose(fp);
	for (size_t i = 0; i < cb->nmultis; i++)
		order_answers(cb->multis[i]);
	for (size_t i = 0; i < cb->nscales; i++)
		index_answers(cb->scales[i]);
	return cb;
}

void
codebook_free(codebook *cb)
{
	if (!cb)
		return;
	for (size_t i = 0; i < cb->nentries; i++) {
		free(cb->entries[i].column);
		free(cb->entries[i].output);
	}
	free(cb->entries);
	for (size_t i = 0; i < cb->nscales; i++) {
		cb_scale *s = cb->scales[i];
		for (size_t k = 0; k < s->nlevels; k++) {
			free(s->levels[k].label);
			free(s->levels[k].code);
			free(s->levels[k].value);
		}
		free(s->levels);
		strtab_free(&s->answers);
		free(s->head);
		free(s->head_slot);
		free(s->level_of);
		free(s->empty_value);
		free(s->name);
		free(s);
	}
	free(cb->scales);
	for (size_t i = 0; i < cb->nmultis; i++) {
		cb_multi *m = cb->multis[i];
		for (size_t k = 0; k < m->nopt; k++) {
			free(m->label[k]);
			free(m->code[k]);
		}
		free(m->label);
		free(m->code);
		free(m->by_len);
		free(m->empty_value);
		free(m->column);
		free(m);
	}
	free(cb->multis);
	strtab_free(&cb->scale_names);
	strtab_free(&cb->outputs);
	free(cb);
}

/* The answer of S that is ANSWER (LEN bytes, not 0), found by its first
 * word and length (then the rest compared): about twice as fast as hashing
 * every byte of a long answer, the work of encode-likert's every cell. */
static size_t
find_by_head(const cb_scale *s, const char *answer, size_t len)
{
	uint64_t w = head_word(answer, len);
	for (size_t h = head_slot(w, len); s->head_slot[h]; h = (h + 1) % HEAD_SLOTS) {
		size_t k = s->head_slot[h] - 1u;
		if (s->answers.len[k] == len && s->head[k] == w &&
		    (len <= 8 || memcmp(s->answers.s[k] + 8, answer + 8, len - 8) == 0))
			return k;
	}
	return STRTAB_NONE;
}

size_t
cb_answer(const cb_scale *s, const char *answer, size_t len)
{
	return !len ? STRTAB_NONE
	     : s->head ? find_by_head(s, answer, len)
	               : strtab_find(&s->answers, answer, len);
}

const cb_level *
cb_lookup(const cb_scale *s, const char *answer, size_t len)
{
	size_t i = cb_answer(s, answer, len);
	return i == STRTAB_NONE ? NULL : cb_level_of_answer(s, i);
}

int
cb_same_answers(const cb_scale *a, const cb_scale *b)
{
	if (a->answers.n != b->answers.n)
		return 0;
	for (size_t k = 0; k < a->answers.n; k++)
		if (a->answers.len[k] != b->answers.len[k] ||
		    memcmp(a->answers.s[k], b->answers.s[k], a->answers.len[k]) != 0)
			return 0;
	return 1;
}

/* The length of M's answer I if it is at S[P..LEN) and ends the cell or
 * comes before a comma; else 0. */
static size_t
answer_at(const cb_multi *m, size_t i, const char *s, size_t len, size_t p)
{
	const char *a = answer_of(m, m->by_len[i]);
	size_t n = strlen(a);
	if (n > len - p || memcmp(s + p, a, n) != 0 || (p + n < len && s[p + n] != ','))
		return 0;
	return n;
}

/* Where the answers after an answer that ends at Q begin: past ", " (Google
 * Forms) or "," (Qualtrics); FIRST: try the space first. */
static size_t
next_at(const char *s, size_t len, size_t q, int first)
{
	return first && q + 1 < len && s[q + 1] == ' ' ? q + 2 : q + 1;
}

/* Read from the end (no recursion: a cell may be long): OK[p] when S[p..)
 * is answers joined by commas, TAKE[p] the answer (longest first) and
 * NEXT[p] where the rest begins. Then from the start, marking ON. */
int
cb_multi_split(const cb_multi *m, const char *s, size_t len, unsigned char *on,
               size_t *bad, size_t *badlen)
{
	memset(on, 0, m->nopt);
	unsigned char *ok = xcalloc(len + 1, 1);
	size_t *take = xmalloc((len + 1) * sizeof *take), *next = xmalloc((len + 1) * sizeof *next);
	for (size_t p = len + 1; p-- > 0;) {
		for (size_t i = 0; i < m->nby && !ok[p]; i++) {
			size_t n = p < len ? answer_at(m, i, s, len, p) : 0;
			if (!n)
				continue;
			size_t q = p + n;
			for (int first = 1; first >= 0 && !ok[p]; first--) {
				size_t r = next_at(s, len, q, first);
				if (q == len || ok[r]) {
					ok[p] = 1;
					take[p] = m->by_len[i];
					next[p] = q == len ? len : r;
				}
			}
		}
	}
	int whole = ok[0];
	if (whole) {
		for (size_t p = 0; p < len; p = next[p])
			on[take[p] / 2] = 1;
	} else {
		/* the furthest place a reading from the start reaches */
		unsigned char *reach = ok;
		memset(reach, 0, len + 1);
		reach[0] = 1;
		size_t far = 0;
		for (size_t p = 0; p <= len; p++) {
			if (!reach[p])
				continue;
			far = p;
			for (size_t i = 0; p < len && i < m->nby; i++) {
				size_t n = answer_at(m, i, s, len, p);
				if (n && p + n < len)
					reach[next_at(s, len, p + n, 1)] = reach[p + n + 1] = 1;
			}
		}
		const char *comma = memchr(s + far, ',', len - far);
		*bad = far;
		*badlen = comma ? (size_t)(comma - (s + far)) : len - far;
	}
	free(ok);
	free(take);
	free(next);
	return whole;
}

static int
is_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

const cb_scale *
cb_scale_of(const codebook *cb, const char *name)
{
	for (size_t i = 0; i < cb->nentries; i++)
		if (strcmp(cb->entries[i].output, name) == 0)
			return cb->entries[i].scale;
	for (size_t i = 0; i < cb->nentries; i++)
		if (strcmp(cb->entries[i].column, name) == 0)
			return cb->entries[i].scale;
	/* a column a glob key encodes under its own name */
	for (size_t i = 0; i < cb->nentries; i++)
		if (cb->entries[i].keep_name && is_glob(cb->entries[i].column) &&
		    fnmatch(cb->entries[i].column, name, 0) == 0)
			return cb->entries[i].scale;
	return NULL;
}

/* Column I named for a message: its position and the end of its name. */
const char *
cb_column_label(char *buf, size_t size, size_t i, const char *name)
{
	char q[256];
	snprintf(buf, size, "column %zu '%s'", i + 1, err_quote_tail(q, sizeof q, name, strlen(name)));
	return buf;
}

static int
by_column_entry(const void *a, const void *b)
{
	const cb_match *x = a, *y = b;
	if (x->column != y->column)
		return (x->column > y->column) - (x->column < y->column);
	return (x->entry > y->entry) - (x->entry < y->entry);
}

cb_match *
cb_resolve(const codebook *cb, const char *input, char *const *header, size_t ncols,
           size_t *nmatch)
{
	size_t n = 0, cap = 0, prev = 0;
	cb_match *m = NULL;
	/* the header's names, to find a key in it (the first column of a name) */
	strtab names = {0};
	size_t *first = xmalloc((ncols ? ncols : 1) * sizeof *first);
	for (size_t i = 0; i < ncols; i++) {
		int added;
		size_t k = strtab_add(&names, header[i], strlen(header[i]), &added);
		if (added)
			first[k] = i;
	}
	for (size_t k = 0; k < cb->nentries; k++) {
		const cb_entry *e = &cb->entries[k];
		/* the same key as the entry before: the same columns (its matches
		 * are the last ones, from PREV) */
		if (k > 0 && strcmp(e->column, cb->entries[k - 1].column) == 0) {
			size_t from = n;
			for (size_t j = prev; j < from; j++) {
				m = xgrow(m, &cap, n + 1, sizeof *m);
				m[n++] = (cb_match){m[j].column, k};
			}
			prev = from;
			continue;
		}
		size_t before = n;
		prev = n;
		size_t hit = strtab_find(&names, e->column, strlen(e->column));
		long exact = hit == STRTAB_NONE ? -1 : (long)first[hit];
		if (exact >= 0) {
			m = xgrow(m, &cap, n + 1, sizeof *m);
			m[n++] = (cb_match){(size_t)exact, k};
		} else if (is_glob(e->column)) {
			for (size_t i = 0; i < ncols; i++)
				if (fnmatch(e->column, header[i], 0) == 0) {
					m = xgrow(m, &cap, n + 1, sizeof *m);
					m[n++] = (cb_match){i, k};
				}
		}
		if (n == before) {
			free(m);
			free(first);
			strtab_free(&names);
			die_at(cb->path, e->line, NULL, NULL, "key '%s' matches no column of %s",
			       e->column, input);
		}
	}
	free(first);
	strtab_free(&names);
	if (n)
		qsort(m, n, sizeof *m, by_column_entry);
	/* one column, one key (a key may give it several output columns) */
	for (size_t j = 1; j < n; j++) {
		const cb_entry *a = &cb->entries[m[j - 1].entry], *b = &cb->entries[m[j].entry];
		if (m[j].column == m[j - 1].column && strcmp(a->column, b->column) != 0) {
			char col[320];
			cb_column_label(col, sizeof col, m[j].column, header[m[j].column]);
			free(m);
			die_at(cb->path, b->line, NULL, NULL,
			       "key '%s' and key '%s' (line %zu) both match %s", b->column,
			       a->column, a->line, col);
		}
	}
	*nmatch = n;
	return m;
}
