/* The draft of a codebook: columns drafted from answers or a survey file,
 * written as encode-likert reads them. */
#include "draft.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codebook.h"
#include "cols.h"
#include "err.h"
#include "num.h"
#include "email.h"
#include "pii.h"
#include "scales.h"
#include "tsv.h"


dcol *
draft_new_col(draft *d, const char *key)
{
	d->c = xgrow(d->c, &d->cap, d->n + 1, sizeof *d->c);
	dcol *c = &d->c[d->n++];
	memset(c, 0, sizeof *c);
	c->key = xstrdup(key);
	c->kind = K_SCALE;
	c->group = (size_t)-1;
	return c;
}

void
draft_free_col(dcol *c)
{
	for (size_t i = 0; i < c->nlv; i++) {
		free(c->lv[i].label);
		free(c->lv[i].code);
		free(c->lv[i].value);
	}
	free(c->lv);
	strtab_free(&c->lvidx);
	free(c->key);
	free(c->alt);
	free(c->rename);
	free(c->note);
	free(c->empty_value);
	free(c->scale);
	free(c->text);
}

static int
lv_has(const dcol *c, const char *s)
{
	return *s && strtab_find(&c->lvidx, s, strlen(s)) != STRTAB_NONE;
}

/* A level; a label or code another level already has is left out (the
 * codebook must not give one answer two values). */
static void
add_lv_rank(dcol *c, const char *label, const char *code, const char *value, int rank)
{
	if (lv_has(c, label))
		label = "";
	if (lv_has(c, code) || strcmp(code, label) == 0)
		code = "";
	if (!*label && !*code)
		return;
	c->lv = xgrow(c->lv, &c->lvcap, c->nlv + 1, sizeof *c->lv);
	c->lv[c->nlv++] = (level){xstrdup(label), xstrdup(code), xstrdup(value), rank};
	if (*label)
		strtab_add(&c->lvidx, label, strlen(label), NULL);
	if (*code)
		strtab_add(&c->lvidx, code, strlen(code), NULL);
}

static void
add_lv(dcol *c, const char *label, const char *code, const char *value)
{
	int missing = !*value || strcmp(value, CB_MISSING) == 0;
	add_lv_rank(c, label, code, value, missing ? 1000 : (int)c->nlv);
}

static void
set_note(dcol *c, const char *fmt, const char *arg)
{
	char buf[512];
	snprintf(buf, sizeof buf, fmt, arg);
	free(c->note);
	c->note = xstrdup(buf);
}

/* The column's kind, K_RENAME or K_COMMENT, with its note. */
static void
set_kind(dcol *c, int kind, const char *note)
{
	c->kind = kind;
	set_note(c, "%s", note);
}
/* ---- counting the answers ---- */

enum { MULTI_ANSWERS = 4096, MULTI_PIECES = 64, MULTI_PIECE_LEN = 200 };

/* Does S (N bytes) open more parentheses than it closes? */
static int
open_parens(const char *s, size_t n)
{
	long depth = 0;
	for (size_t i = 0; i < n; i++)
		depth += (s[i] == '(') - (s[i] == ')');
	return depth > 0;
}

/* A new distinct answer S of C split at ',' (', ': Google Forms): count
 * its pieces, for a multiple-answer column's options. */
static void
count_pieces(colstat *c, const char *s, size_t len)
{
	int added, n = 0;
	if (c->not_multi)
		return;
	if (c->answers.n >= MULTI_ANSWERS) {
		c->not_multi = 1;
		return;
	}
	strtab_add(&c->answers, s, len, &added);
	if (!added)
		return;
	/* a piece held twice by one answer counts once */
	strtab mine = {0};
	for (size_t p = 0; p <= len && !c->not_multi;) {
		const char *comma = memchr(s + p, ',', len - p);
		/* "Cloud service (AWS, Azure, GCE)": a comma inside parentheses
		 * is the option's */
		while (comma && open_parens(s + p, (size_t)(comma - (s + p))))
			comma = memchr(comma + 1, ',', len - (size_t)(comma + 1 - s));
		size_t e = comma ? (size_t)(comma - s) : len;
		if (e == p || e - p > MULTI_PIECE_LEN || c->pieces.n >= MULTI_PIECES) {
			c->not_multi = 1;
			break;
		}
		int fresh;
		strtab_add(&mine, s + p, e - p, &fresh);
		size_t k = strtab_add(&c->pieces, s + p, e - p, &added);
		if (added) {
			c->held = xgrow(c->held, &c->hcap, k + 1, sizeof *c->held);
			c->held[k] = 0;
		}
		c->held[k] += fresh;
		n++;
		p = e + 1;
		if (p < len && s[p] == ' ')
			p++;
		if (!comma)
			break;
	}
	strtab_free(&mine);
	c->joined |= n >= 2;
	if (n > c->longest)
		c->longest = n;
}

void
draft_count(colstat *c, const char *s, size_t len, size_t max)
{
	if (!len) {
		c->empty++;
		return;
	}
	c->nonempty++;
	count_pieces(c, s, len);
	c->emails += email_is_address(s, len);
	if (c->numeric || c->numbers) {
		double x;
		int num = num_parse(s, &x) == NUM_OK;
		c->numeric = c->numeric && num;
		c->numbers = c->numbers && (num || scale_is_missing(s));
	}
	if (c->many)
		return;
	size_t i = strtab_find(&c->seen, s, len);
	if (i != STRTAB_NONE) {
		c->v[i].n++;
		return;
	}
	if (c->nv >= max + 8) {
		c->many = 1;
		return;
	}
	i = strtab_add(&c->seen, s, len, NULL);
	c->v = xgrow(c->v, &c->cap, c->nv + 1, sizeof *c->v);
	c->v[c->nv++] = (val){c->seen.s[i], 1};
}

void
draft_stats_free(export_stats *st)
{
	for (size_t i = 0; i < st->ncols; i++) {
		strtab_free(&st->c[i].answers);
		strtab_free(&st->c[i].pieces);
		free(st->c[i].held);
		free(st->c[i].text);
		strtab_free(&st->c[i].seen);
		free(st->c[i].v);
		free(st->c[i].name);
	}
	free(st->c);
	free(st->first);
}

static int
by_string(const void *a, const void *b)
{
	return strcmp(((const val *)a)->s, ((const val *)b)->s);
}

static void
add_missing(dcol *d, const colstat *c)
{
	for (size_t i = 0; i < c->nv; i++)
		if (scale_is_missing(c->v[i].s))
			add_lv(d, c->v[i].s, "", CB_MISSING);
}

static int
by_rank(const void *a, const void *b)
{
	const level *x = a, *y = b;
	return x->rank != y->rank ? (x->rank > y->rank) - (x->rank < y->rank)
	                          : strcmp(x->label, y->label);
}

/* Recognise the scale of the answers of C; 1 when D got its levels. */
static int
recognise(dcol *d, const colstat *c, size_t nreal)
{
	/* checkboxes: Y (or Yes) or empty */
	if (nreal == 1) {
		for (size_t i = 0; i < c->nv; i++)
			if (strcmp(c->v[i].s, "Y") == 0 || (c->empty && (strcasecmp(c->v[i].s, "Yes") == 0 ||
			                                                 strcasecmp(c->v[i].s, "Ja") == 0))) {
				add_lv(d, c->v[i].s, "", "1");
				add_missing(d, c);
				d->empty_value = xstrdup("0");
				d->scale = xstrdup("checked");
				d->known = 1;
				set_note(d, "%s", "checkbox: checked = 1, empty = 0");
				return 1;
			}
	}
	for (size_t k = 0; k < scale_nknown; k++) {
		size_t i;
		for (i = 0; i < c->nv; i++)
			if (!scale_is_missing(c->v[i].s) && scale_known_level(&scale_known[k], c->v[i].s) < 0)
				break;
		if (i < c->nv)
			continue;
		/* the levels as this column spells them; unite_known completes the
		 * scale from the other columns that have it */
		for (int l = 0; l < 8 && scale_known[k].lv[l].labels; l++)
			for (i = 0; i < c->nv; i++)
				if (scale_known_level(&scale_known[k], c->v[i].s) == l)
					add_lv_rank(d, c->v[i].s, "", scale_known[k].lv[l].value, l);
		add_missing(d, c);
		d->scale = xstrdup(scale_known[k].name);
		d->known = 1;
		d->ks = &scale_known[k];
		set_note(d, "%s", scale_known[k].note);
		return 1;
	}
	/* answer codes A1..An, and answers that start with their number */
	for (int pass = 0; pass < 2; pass++) {
		size_t i;
		for (i = 0; i < c->nv; i++)
			if (!scale_is_missing(c->v[i].s) &&
			    (pass ? scale_numbered(c->v[i].s) == LONG_MIN : scale_answer_code(c->v[i].s) < 0))
				break;
		if (i < c->nv)
			continue;
		for (i = 0; i < c->nv; i++) {
			if (scale_is_missing(c->v[i].s))
				continue;
			char v[32];
			snprintf(v, sizeof v, "%ld", pass ? scale_numbered(c->v[i].s) : scale_answer_code(c->v[i].s));
			int rank = (int)strtol(v, NULL, 10);
			if (pass)
				add_lv_rank(d, c->v[i].s, "", v, rank);
			else
				add_lv_rank(d, "", c->v[i].s, v, rank);
		}
		qsort(d->lv, d->nlv, sizeof *d->lv, by_rank);
		add_missing(d, c);
		set_note(d, "%s", pass ? "values are the numbers the answers start with: check them"
		                       : "values are the answer codes' numbers (A1 = 1): check them");
		return 1;
	}
	return 0;
}

/* Do the answers of C (non-answers aside) have a natural order? */
static int
ordered(const colstat *c)
{
	char **ans = xmalloc((c->nv ? c->nv : 1) * sizeof *ans);
	size_t n = 0;
	for (size_t i = 0; i < c->nv; i++)
		if (!scale_is_missing(c->v[i].s))
			ans[n++] = c->v[i].s;
	size_t *order = xmalloc((n ? n : 1) * sizeof *order);
	int yes = scale_natural_order(ans, n, order);
	free(order);
	free(ans);
	return yes;
}

/* An answer set no known scale has: in its natural order, valued 1..k, for
 * a person to check; else (nominal) its labels without values, to fill. */
static void
draft_unrecognised(dcol *d, const colstat *c)
{
	char **ans = xmalloc((c->nv ? c->nv : 1) * sizeof *ans);
	size_t n = 0;
	for (size_t i = 0; i < c->nv; i++)
		if (!scale_is_missing(c->v[i].s))
			ans[n++] = c->v[i].s;
	size_t *order = xmalloc((n ? n : 1) * sizeof *order);
	if (scale_natural_order(ans, n, order)) {
		for (size_t k = 0; k < n; k++) {
			char v[32];
			snprintf(v, sizeof v, "%zu", k + 1);
			add_lv(d, ans[order[k]], "", v);
		}
		d->check = 1;
		char buf[160];
		snprintf(buf, sizeof buf, "check order: no known scale; values 1 to %zu in the "
		         "answers' natural order", n);
		set_note(d, "%s", buf);
	} else {
		for (size_t k = 0; k < n; k++)
			add_lv(d, ans[k], "", "");
		d->fill = 1;
		set_note(d, "%s", "check: no known scale and no order: give each answer a value "
		         "(or 'missing'), or make the column a rename");
	}
	add_missing(d, c);
	free(order);
	free(ans);
}

/* Leave out the answers that hold an e-mail address (svy-clean empties them):
 * a draft never copies personal data. Returns how many kinds were left out. */
static size_t
drop_emails(colstat *c)
{
	size_t n = 0, dropped = 0;
	for (size_t i = 0; i < c->nv; i++) {
		if (email_in_text(c->v[i].s, strlen(c->v[i].s))) {
			c->nonempty -= c->v[i].n;
			c->empty += c->v[i].n;
			dropped++;
			continue;
		}
		c->v[n++] = c->v[i];
	}
	c->nv = n;
	return dropped;
}

/* Are C's answers combinations of a few options joined by commas? Some
 * answer joins two or more, there are 2 to MAX pieces, and at least half of
 * them are in two distinct answers or more (free text with a comma is not);
 * numbers only when some answer joins three (2,5 may be a decimal comma). */
static int
multi_answers(const colstat *c, size_t max)
{
	if (c->not_multi || !c->joined || c->pieces.n < 2 || c->pieces.n > max)
		return 0;
	size_t shared = 0, numbers = 0;
	for (size_t k = 0; k < c->pieces.n; k++) {
		double x;
		shared += c->held[k] >= 2;
		numbers += num_parse(c->pieces.s[k], &x) == NUM_OK;
	}
	if (numbers == c->pieces.n && c->longest < 3)
		return 0;
	return 2 * shared >= c->pieces.n;
}

/* A multiple-answer column: its pieces are the options, for a person to
 * check (an option with a comma in it was split: join the two). */
static void
draft_multi(dcol *d, const colstat *c)
{
	d->kind = K_MULTI;
	for (size_t k = 0; k < c->pieces.n; k++)
		add_lv(d, c->pieces.s[k], "", "");
	d->check = 1;
	char buf[200];
	snprintf(buf, sizeof buf, "check: multiple answers joined by commas, drafted as %zu "
	         "options (an option with a comma in it was split in two: join them)",
	         c->pieces.n);
	set_note(d, "%s", buf);
}

static void
draft_answers_of(dcol *d, colstat *c, size_t max)
{
	if (pii_column(c->name) != PII_NONE ||
	    (c->emails && 2 * c->emails > c->nonempty)) {
		set_kind(d, K_COMMENT, "personal data, removed by svy-clean: not drafted");
		d->pii = 1;
		return;
	}
	if (!c->many && drop_emails(c))
		d->emails = 1;
	size_t nreal = 0;
	for (size_t i = 0; i < c->nv; i++)
		nreal += !scale_is_missing(c->v[i].s);
	char buf[160];
	if (scale_is_identifier(c->name)) {
		set_kind(d, K_COMMENT, "identifier, date or paradata: not encoded");
	} else if (multi_answers(c, max)) {
		draft_multi(d, c);
	} else if (c->many || nreal > max) {
		d->kind = K_COMMENT;
		if (!c->numeric && c->numbers) {
			/* ages with an "N/A": passed through, the non-answers would
			 * stay text */
			snprintf(buf, sizeof buf, "numbers and non-answers, more than %zu distinct "
			         "answers: not encoded; check: with --max-levels above their "
			         "number each is drafted as its value", max);
			d->check = 1;
		} else {
			snprintf(buf, sizeof buf, "%s more than %zu distinct answers: not encoded",
			         c->numeric ? "numbers," : "free text,", max);
		}
		set_note(d, "%s", buf);
	} else if (!c->nonempty) {
		set_kind(d, K_COMMENT, "always empty: not encoded");
	} else if (!nreal) {
		d->kind = K_COMMENT;
		set_note(d, "only '%s' and the like (missing): not encoded", c->v[0].s);
	} else if (c->numeric) {
		set_kind(d, K_RENAME, "numbers: passed through, renamed");
	} else if (scale_is_other_column(c->name)) {
		set_kind(d, K_COMMENT, "free text (other): not encoded");
	} else if (!recognise(d, c, nreal)) {
		qsort(c->v, c->nv, sizeof *c->v, by_string);
		unsigned long once = 0;
		size_t bytes = 0;
		int lines = 0;
		for (size_t i = 0; i < c->nv; i++) {
			once += c->v[i].n == 1;
			bytes += strlen(c->v[i].s);
			lines |= strchr(c->v[i].s, '\n') != NULL;
		}
		if (lines || bytes > 100 * c->nv || (nreal >= 4 && once == c->nv && !ordered(c))) {
			set_kind(d, K_COMMENT, "free text (long, multi-line or all different answers): not encoded");
			return;
		}
		draft_unrecognised(d, c);
	}
}

/* ---- drafting from a survey file --------------------------------------------- */


words
draft_words(const char *lang)
{
	if (strncmp(lang, "de", 2) == 0)
		return (words){"Ja", "Nein", "Sonstiges"};
	if (strncmp(lang, "fr", 2) == 0)
		return (words){"Oui", "Non", "Autre"};
	if (strncmp(lang, "es", 2) == 0)
		return (words){"Sí", "No", "Otro"};
	return (words){"Yes", "No", "Other"};
}

static char *
heading(const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(fmt) + strlen(a) + (b ? strlen(b) : 0) + 1;
	char *s = xmalloc(n);
	snprintf(s, n, fmt, a, b ? b : "");
	return s;
}

static dcol *
lss_col(draft *dr, int text, char *code, char *full)
{
	dcol *c = draft_new_col(dr, text ? full : code);
	c->alt = xstrdup(text ? code : full);
	free(code);
	free(full);
	return c;
}

/* The answers of Q (scale SCALE) as levels: assessment values when the survey
 * has them, else the sort order. */
static void
lss_levels(dcol *c, const lss_question *q, int scale, const words *w)
{
	int assess = lss_has_assessment(q);
	long rank = 0;
	for (size_t i = 0; i < q->nanswers; i++) {
		const lss_answer *a = &q->answers[i];
		if (a->scale != scale)
			continue;
		char v[32];
		if (scale_is_missing(a->label))
			snprintf(v, sizeof v, "%s", CB_MISSING);
		else if (assess)
			snprintf(v, sizeof v, "%s", a->assessment);
		else
			snprintf(v, sizeof v, "%ld", ++rank);
		add_lv(c, a->label, a->code, v);
	}
	if (q->other && strchr("L!", q->type))
		add_lv(c, w->other, "-oth-", CB_MISSING);
	c->scale = scale_snake(q->title, 32);
	set_note(c, "%s", assess ? "values: the survey's assessment values"
	                         : "values: the answers' sort order (1 = first)");
}

static void
fixed_levels(dcol *c, const char *const *lv, const char *name, const char *note)
{
	for (size_t i = 0; lv[i]; i += 3)
		add_lv(c, lv[i], lv[i + 1], lv[i + 2]);
	c->scale = xstrdup(name);
	set_note(c, "%s", note);
}

static void
checkbox(dcol *c, const words *w)
{
	add_lv(c, w->yes, "Y", "1");
	add_lv(c, w->no, "N", "0");
	c->empty_value = xstrdup("0");
	c->scale = xstrdup("checked");
	c->known = 1;
	set_note(c, "%s", "checkbox: checked = 1, not = 0");
}

static const char *const five[] = {"1", "1", "1", "2", "2", "2", "3", "3", "3",
                                   "4", "4", "4", "5", "5", "5", NULL};

/* A question of one column (list, yes/no, gender, numeric, text, date). */
static void
lss_single_col(draft *dr, const lss_question *q, int text, const words *w)
{
	const char *t = q->title, *x = q->text;
	char type = q->type;
	dcol *c = lss_col(dr, text, xstrdup(t), xstrdup(x));
	if (strchr("L!O", type)) {
		lss_levels(c, q, 0, w);
	} else if (type == '5') {
		fixed_levels(c, five, "points5", "values: the points 1 to 5");
	} else if (type == 'Y') {
		add_lv(c, w->yes, "Y", "1");
		add_lv(c, w->no, "N", "0");
		c->scale = xstrdup("yes_no");
		c->known = 1;
		set_note(c, "%s", "yes/no");
	} else if (type == 'G') {
		const char *const g[] = {"Female", "F", "", "Male", "M", "", NULL};
		fixed_levels(c, g, "gender", "check: gender, no order: give each answer a value "
		             "(or 'missing')");
		c->fill = 1;
	} else if (type == 'N') {
		set_kind(c, K_RENAME, "numbers: passed through, renamed");
	} else {
		set_kind(c, K_COMMENT, type == 'D' ? "date: not encoded" : "free text: not encoded");
	}
	if (q->other && strchr("L!", type))
		set_kind(lss_col(dr, text, heading("%s[other]", t, NULL),
		                 heading("%s [%s]", x, w->other)),
		         K_COMMENT, "free text (other): not encoded");
	if (type == 'O')
		set_kind(lss_col(dr, text, heading("%s[comment]", t, NULL),
		                 heading("%s [Comment]", x, NULL)),
		         K_COMMENT, "free text (comment): not encoded");
}

/* The values of sub-question column C of an array or checkbox question of
 * TYPE. */
static void
lss_sub_values(dcol *c, const lss_question *q, char type, const words *w)
{
	static const char *const ten[] = {"1", "1", "1", "2", "2", "2", "3", "3", "3", "4", "4", "4",
	                                  "5", "5", "5", "6", "6", "6", "7", "7", "7", "8", "8", "8",
	                                  "9", "9", "9", "10", "10", "10", NULL};
	static const char *const yun[] = {"Yes", "Y", "1", "Uncertain", "U", CB_MISSING, "No", "N", "0", NULL};
	static const char *const isd[] = {"Increase", "I", "1", "Same", "S", "0", "Decrease", "D", "-1",
	                                  NULL};
	switch (type) {
	case 'M': case 'P': checkbox(c, w); break;
	case 'F': case 'H': lss_levels(c, q, 0, w); break;
	case 'A': fixed_levels(c, five, "points5", "values: the points 1 to 5"); break;
	case 'B': fixed_levels(c, ten, "points10", "values: the points 1 to 10"); break;
	case 'C':
		fixed_levels(c, yun, "yes_uncertain_no", "yes/uncertain/no: Yes = 1, No = 0, Uncertain missing");
		break;
	case 'E': fixed_levels(c, isd, "increase_same_decrease", "increase/same/decrease: 1/0/-1"); break;
	case 'K': set_kind(c, K_RENAME, "numbers: passed through, renamed"); break;
	case 'R': set_kind(c, K_COMMENT, "ranking: not encoded"); break;
	default: set_kind(c, K_COMMENT, "free text or a question type svy does not encode"); break;
	}
}

/* The columns of sub-question S: two scales (dual array), one per
 * column of the second axis (array of numbers or texts), or one. */
static void
lss_sub_cols(draft *dr, const lss_question *q, const lss_sub *s, int text, const words *w)
{
	const char *t = q->title, *x = q->text;
	char type = q->type;
	if (type == '1') {
		for (int sc = 0; sc < 2; sc++) {
			char *h = heading("%s[%s", t, s->title);
			dcol *c = lss_col(dr, text, heading(sc ? "%s#1]" : "%s#0]", h, NULL),
			                  heading("%s [%s]", x, s->text));
			free(h);
			lss_levels(c, q, sc, w);
		}
		return;
	}
	if (type == ':' || type == ';') {
		for (size_t j = 0; j < q->nsubs; j++) {
			if (q->subs[j].scale != 1)
				continue;
			char *sq = heading("%s_%s", s->title, q->subs[j].title);
			char *st = heading("%s] [%s", s->text, q->subs[j].text);
			dcol *c = lss_col(dr, text, heading("%s[%s]", t, sq), heading("%s [%s]", x, st));
			free(sq);
			free(st);
			if (type == ':')
				set_kind(c, K_RENAME, "numbers: passed through, renamed");
			else
				set_kind(c, K_COMMENT, "free text: not encoded");
		}
		return;
	}
	lss_sub_values(lss_col(dr, text, heading("%s[%s]", t, s->title),
	                       heading("%s [%s]", x, s->text)), q, type, w);
	if (type == 'P')
		set_kind(lss_col(dr, text, heading("%s[%scomment]", t, s->title),
		                 heading("%s [%s comment]", x, s->text)),
		         K_COMMENT, "free text (comment): not encoded");
}

/* The export columns of question Q, as LimeSurvey names them, drafted. */
void
draft_lss_question(draft *dr, const lss_question *q, int text, const words *w)
{
	const char *t = q->title, *x = q->text;
	char type = q->type;
	if (type == 'X' || type == '*')
		return;		/* text display, equation: no column */
	if (type && strchr("L!O5YGNDSTU|I", type)) {
		lss_single_col(dr, q, text, w);
		return;
	}
	for (size_t i = 0; i < q->nsubs; i++)
		if (q->subs[i].scale == 0)
			lss_sub_cols(dr, q, &q->subs[i], text, w);
	for (size_t i = 0; type == 'R' && i < q->nanswers; i++) {
		char n[32];
		snprintf(n, sizeof n, "%zu", i + 1);
		set_kind(lss_col(dr, text, heading("%s[%s]", t, n), heading("%s [Ranking %s]", x, n)),
		         K_COMMENT, "ranking: not encoded");
	}
	if (q->other && strchr("MP", type))
		set_kind(lss_col(dr, text, heading("%s[other]", t, NULL), heading("%s [%s]", x, w->other)),
		         K_COMMENT, "free text (other): not encoded");
}

/* ---- matching an export -------------------------------------------------------- */

/* Headings compared with blanks collapsed and trimmed, also inside brackets. */
static char *
norm_heading(const char *h)
{
	char *p = lss_plain(h), *o = p;
	for (const char *s = p; *s; s++) {
		if (*s == ' ' && (s[1] == ']' || (o > p && o[-1] == '[')))
			continue;
		*o++ = *s;
	}
	*o = '\0';
	return p;
}

/* Headings to columns: for each heading, the columns that have it, in order,
 * and how far the used ones go. */
typedef struct {
	size_t *v;
	size_t n, cap, at;
} col_list;

struct heading_index {
	strtab exact, norm;	/* key and alt; the same normalised */
	col_list *lexact, *lnorm;
	size_t cexact, cnorm;
};

static void
index_add(strtab *t, col_list **l, size_t *cap, const char *s, size_t col)
{
	int added;
	size_t k = strtab_add(t, s, strlen(s), &added);
	if (added) {
		*l = xgrow(*l, cap, k + 1, sizeof **l);
		memset(&(*l)[k], 0, sizeof **l);
	}
	col_list *c = &(*l)[k];
	if (c->n && c->v[c->n - 1] == col)
		return;
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = col;
}

heading_index *
draft_heading_index(const draft *dr)
{
	heading_index *x = xcalloc(1, sizeof *x);
	for (size_t i = 0; i < dr->n; i++) {
		const char *h[2] = {dr->c[i].key, dr->c[i].alt};
		for (int k = 0; k < 2 && h[k]; k++) {
			index_add(&x->exact, &x->lexact, &x->cexact, h[k], i);
			char *n = norm_heading(h[k]);
			index_add(&x->norm, &x->lnorm, &x->cnorm, n, i);
			free(n);
		}
	}
	return x;
}

void
draft_heading_index_free(heading_index *x)
{
	for (size_t k = 0; k < x->exact.n; k++)
		free(x->lexact[k].v);
	for (size_t k = 0; k < x->norm.n; k++)
		free(x->lnorm[k].v);
	free(x->lexact);
	free(x->lnorm);
	strtab_free(&x->exact);
	strtab_free(&x->norm);
	free(x);
}

/* The first column not USED that heading S has in T, or -1. */
static long
first_unused(const strtab *t, col_list *l, const unsigned char *used, const char *s)
{
	size_t k = strtab_find(t, s, strlen(s));
	if (k == STRTAB_NONE)
		return -1;
	col_list *c = &l[k];
	while (c->at < c->n && used[c->v[c->at]])
		c->at++;
	return c->at < c->n ? (long)c->v[c->at] : -1;
}

/* The survey file's column for export heading H (not USED), or -1. */
long
draft_match_heading(heading_index *x, const unsigned char *used, const char *h)
{
	long m = first_unused(&x->exact, x->lexact, used, h);
	if (m >= 0)
		return m;
	char *n = norm_heading(h);
	size_t len = strlen(n);
	for (int pass = 0; pass < 2; pass++) {
		m = first_unused(&x->norm, x->lnorm, used, n);
		if (m >= 0)
			break;
		/* "[Sub].1": a heading svy-clean --rename-duplicates renamed */
		while (len && n[len - 1] >= '0' && n[len - 1] <= '9')
			len--;
		if (len < 2 || n[len - 1] != '.' || n[len - 2] != ']')
			break;
		n[len - 1] = '\0';
	}
	free(n);
	return m;
}

/* Give C the answers the export has that its levels lack: a spelling of a
 * label (blanks, case), a missing answer, or one the survey file does not
 * know (value left empty, said in the note). */
void
draft_merge_answers(dcol *c, const colstat *st)
{
	char unknown[256] = "";
	size_t nunknown = 0;
	for (size_t i = 0; i < st->nv; i++) {
		const char *s = st->v[i].s;
		if (lv_has(c, s))
			continue;
		char *ns = lss_plain(s);
		size_t k;
		for (k = 0; k < c->nlv; k++) {
			char *nl = lss_plain(c->lv[k].label);
			int eq = *nl && strcasecmp(nl, ns) == 0;
			free(nl);
			if (eq)
				break;
		}
		free(ns);
		if (k < c->nlv) {
			add_lv(c, s, "", c->lv[k].value);
		} else if (scale_is_missing(s)) {
			add_lv(c, s, "", CB_MISSING);
		} else {
			add_lv(c, s, "", "");
			c->fill = 1;
			if (nunknown++ < 3) {
				size_t o = strlen(unknown);
				snprintf(unknown + o, sizeof unknown - o, "%s'%.40s'", o ? ", " : "", s);
			}
		}
	}
	if (nunknown) {
		char buf[512];
		snprintf(buf, sizeof buf, "%s; check: answers not in the survey file, give them "
		         "values: %s%s",
		         c->note ? c->note : "", unknown, nunknown > 3 ? ", ..." : "");
		free(c->note);
		c->note = xstrdup(buf);
	}
}

/* ---- writing -------------------------------------------------------------------- */

/* A scale's levels as one string, to find columns that share them. */
static char *
signature(const dcol *c)
{
	size_t n = 16;
	for (size_t i = 0; i < c->nlv; i++)
		n += strlen(c->lv[i].label) + strlen(c->lv[i].code) + strlen(c->lv[i].value) + 3;
	char *s = xmalloc(n), *o = s;
	o += sprintf(o, "%s\x1f", c->empty_value ? c->empty_value : "-");
	for (size_t i = 0; i < c->nlv; i++)
		o += sprintf(o, "%s\x1f%s\x1f%s\x1e", c->lv[i].label, c->lv[i].code, c->lv[i].value);
	return s;
}

typedef struct {
	char *name;		/* "@agreement4" */
	size_t first, n;	/* its first column, how many use it */
} block;

static void
comment(tsv_writer *w, const char *fmt, const char *a, const char *b)
{
	char buf[1024];
	size_t n = (size_t)snprintf(buf, sizeof buf, fmt, a, b ? b : "");
	if (n >= sizeof buf) {
		/* never inside a UTF-8 sequence: drop the last one if it is cut */
		n = sizeof buf - 1;
		size_t i = n;
		while (i > 0 && ((unsigned char)buf[i - 1] & 0xc0) == 0x80)
			i--;
		if (i > 0 && (unsigned char)buf[i - 1] >= 0xc0) {
			unsigned char lead = (unsigned char)buf[i - 1];
			size_t len = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
			if (i - 1 + len > n)
				n = i - 1;
		}
		buf[n] = '\0';
	}
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	tsvw_raw(w, buf, strlen(buf));
	tsvw_end(w);
}

/* Column KEY as a codebook's key: a key that would read as a comment, a
 * scale or an escape ('#', '@', '\\#' ...) escaped with a backslash. */
static char *
key_field(const char *key)
{
	int esc = key[0] == '#' || key[0] == '@' ||
	          (key[0] == '\\' && key[1] && strchr("#@\\", key[1]));
	char *s = xmalloc(strlen(key) + 2);
	sprintf(s, "%s%s", esc ? "\\" : "", key);
	return s;
}

static void
row(tsv_writer *w, const char *column, const char *rename, const char *label,
    const char *code, const char *value)
{
	/* '\#n' as is: a backslash before '#' or '@' is no TSV escape */
	if (column[0] == '\\' && (column[1] == '#' || column[1] == '@') &&
	    !strpbrk(column + 1, "\t\n\r\\"))
		tsvw_raw(w, column, strlen(column));
	else
		tsvw_str(w, column);
	tsvw_str(w, rename);
	tsvw_str(w, label);
	tsvw_str(w, code);
	tsvw_str(w, value);
	tsvw_end(w);
}

static void
write_levels(tsv_writer *w, const dcol *c, const char *column, const char *rename)
{
	for (size_t i = 0; i < c->nlv; i++, rename = "")
		row(w, column, rename, c->lv[i].label, c->lv[i].code, c->lv[i].value);
	if (c->empty_value)
		row(w, column, rename, "", "", c->empty_value);
}

static void
clear_levels(dcol *c)
{
	for (size_t i = 0; i < c->nlv; i++) {
		free(c->lv[i].label);
		free(c->lv[i].code);
		free(c->lv[i].value);
	}
	c->nlv = 0;
	strtab_free(&c->lvidx);
}

/* Another known scale than KS (among those ONLY marks, when not NULL) that
 * every answer of U (not missing) fits, or NULL: the answers alone cannot
 * tell the two apart. */
static const known_scale *
other_fit(const known_scale *ks, const dcol *u, const unsigned char *only)
{
	for (size_t k = 0; k < scale_nknown; k++) {
		const known_scale *o = &scale_known[k];
		if (o == ks || (only && !only[k]))
			continue;
		size_t i, n = 0;
		for (i = 0; i < u->nlv; i++) {
			if (strcmp(u->lv[i].value, CB_MISSING) == 0 || !*u->lv[i].label)
				continue;
			if (scale_known_level(o, u->lv[i].label) < 0)
				break;
			n++;
		}
		if (i == u->nlv && n)
			return o;
	}
	return NULL;
}

/* The columns of one recognised scale (FIRST, then NEXT[FIRST] ...) share
 * one level list: every spelling any of them has, the scale's levels none
 * has in its first spelling, in the scale's order. */
static void
unite_scale(draft *dr, size_t first, const size_t *next, const unsigned char *present)
{
	const dcol *a = &dr->c[first];
	dcol u = {0};
	for (size_t j = first; j != (size_t)-1; j = next[j]) {
		const dcol *b = &dr->c[j];
		for (size_t k = 0; k < b->nlv; k++)
			add_lv_rank(&u, b->lv[k].label, b->lv[k].code, b->lv[k].value, b->lv[k].rank);
		if (!u.empty_value && b->empty_value)
			u.empty_value = xstrdup(b->empty_value);
	}
	/* the levels no column has, in the language of those it has */
	const known_scale *ks = a->ks;
	/* answers that fill the scale leave no doubt; a part of it may fit
	 * another scale too */
	int whole = ks != NULL;
	for (int l = 0; ks && l < 8 && ks->lv[l].labels && whole; l++) {
		size_t k;
		for (k = 0; k < u.nlv && u.lv[k].rank != l; k++)
			;
		whole = k < u.nlv;
	}
	/* the whole scale may still be part of another that other columns
	 * have (5 points of a 7-point battery nobody answered Agree in) */
	const known_scale *also = !ks ? NULL : whole ? other_fit(ks, &u, present)
	                                             : other_fit(ks, &u, NULL);
	int german = 0;
	for (size_t k = 0; ks && k < u.nlv; k++)
		german |= scale_known_german(ks, u.lv[k].label);
	for (int l = 0; ks && l < 8 && ks->lv[l].labels; l++) {
		size_t k;
		for (k = 0; k < u.nlv && u.lv[k].rank != l; k++)
			;
		if (k == u.nlv) {
			char *one = scale_known_spelling(ks, l, german);
			add_lv_rank(&u, one, "", ks->lv[l].value, l);
			free(one);
		}
	}
	if (u.nlv)
		qsort(u.lv, u.nlv, sizeof *u.lv, by_rank);
	for (size_t j = first; j != (size_t)-1; j = next[j]) {
		dcol *b = &dr->c[j];
		clear_levels(b);
		for (size_t k = 0; k < u.nlv; k++)
			add_lv_rank(b, u.lv[k].label, u.lv[k].code, u.lv[k].value, u.lv[k].rank);
		free(b->empty_value);
		b->empty_value = u.empty_value ? xstrdup(u.empty_value) : NULL;
		if (also) {
			char buf[500];
			snprintf(buf, sizeof buf, "%.200s; check: the answers also fit %s (values "
			         "differ)", b->note ? b->note : "", also->note);
			set_note(b, "%s", buf);
			b->check = 1;
		}
	}
	free(u.empty_value);
	u.empty_value = NULL;
	draft_free_col(&u);
}

static void
unite_known(draft *dr)
{
	/* the columns of each recognised scale, by its name: NEXT chains them */
	strtab names = {0};
	size_t *head = NULL, *tail = NULL, cap = 0, cap2 = 0;
	size_t *next = xmalloc((dr->n ? dr->n : 1) * sizeof *next);
	for (size_t i = 0; i < dr->n; i++) {
		const dcol *a = &dr->c[i];
		next[i] = (size_t)-1;
		if (a->kind != K_SCALE || !a->known)
			continue;
		int added;
		size_t k = strtab_add(&names, a->scale, strlen(a->scale), &added);
		head = xgrow(head, &cap, k + 1, sizeof *head);
		tail = xgrow(tail, &cap2, k + 1, sizeof *tail);
		if (added)
			head[k] = i;
		else
			next[tail[k]] = i;
		tail[k] = i;
	}
	/* the known scales some column has */
	unsigned char *present = xcalloc(scale_nknown, 1);
	for (size_t k = 0; k < names.n; k++) {
		const known_scale *ks = dr->c[head[k]].ks;
		if (ks)
			present[ks - scale_known] = 1;
	}
	for (size_t k = 0; k < names.n; k++)
		unite_scale(dr, head[k], next, present);
	free(present);
	strtab_free(&names);
	free(head);
	free(tail);
	free(next);
}

static size_t
plan_blocks(draft *dr, block **out)
{
	size_t nb = 0, cap = 0;
	block *b = NULL;
	strtab sigs = {0}, names = {0};
	for (size_t i = 0; i < dr->n; i++) {
		dcol *c = &dr->c[i];
		if (c->kind != K_SCALE)
			continue;
		char *sig = signature(c);
		int added;
		size_t k = strtab_add(&sigs, sig, strlen(sig), &added);
		free(sig);
		if (added) {	/* a new signature, a new block: k == nb */
			b = xgrow(b, &cap, nb + 1, sizeof *b);
			b[nb] = (block){NULL, i, 0};
			nb++;
		}
		c->group = k;
		b[k].n++;
	}
	/* names for the blocks used more than once */
	for (size_t k = 0; k < nb; k++) {
		if (b[k].n < 2)
			continue;
		const dcol *c = &dr->c[b[k].first];
		char *base = c->scale ? xstrdup(c->scale) : xstrdup(c->rename);
		char *name = xmalloc(strlen(base) + 20);
		sprintf(name, "@%s", base);
		for (unsigned n = 2; strtab_find(&names, name, strlen(name)) != STRTAB_NONE; n++)
			sprintf(name, "@%s_%u", base, n);
		strtab_add(&names, name, strlen(name), NULL);
		b[k].name = name;
		free(base);
	}
	strtab_free(&sigs);
	strtab_free(&names);
	*out = b;
	return nb;
}

void
draft_write(draft *dr, const char *source)
{
	unite_known(dr);
	block *b;
	size_t nb = plan_blocks(dr, &b);
	tsv_writer w;
	tsvw_init(&w, stdout, "<stdout>");
	row(&w, "column", "rename", "label", "code", "value");
	comment(&w, "# Drafted by svy-codebook from %s: check every value, fill the empty ones%s",
	        source, " (the value 'missing' encodes the answer as missing).");
	if (!dr->n)
		comment(&w, "# %s has no questions (or no columns to draft): nothing to encode.",
		        source, NULL);
	int any = 0;
	for (size_t k = 0; k < nb; k++) {
		if (!b[k].name)
			continue;
		const dcol *c = &dr->c[b[k].first];
		if (!any++)
			comment(&w, "%s", "", NULL), comment(&w, "%s", "# Scales shared by several columns.", NULL);
		char n[32];
		snprintf(n, sizeof n, "%zu", b[k].n);
		char head[600];
		snprintf(head, sizeof head, "# %s: %s, %s columns", b[k].name,
		         c->note ? c->note : "", n);
		comment(&w, "%s", head, NULL);
		write_levels(&w, c, b[k].name, "");
	}
	comment(&w, "%s", "", NULL);
	comment(&w, "%s", "# Columns.", NULL);
	for (size_t i = 0; i < dr->n; i++) {
		const dcol *c = &dr->c[i];
		if (c->text && strcmp(c->text, c->key) != 0)
			comment(&w, "# '%s' asks: %s", c->key, c->text);
		if (c->kind == K_COMMENT) {
			comment(&w, "# '%s': %s", c->key, c->note);
			continue;
		}
		char *key = key_field(c->key);
		const block *bk = c->kind == K_SCALE ? &b[c->group] : NULL;
		if (c->kind == K_MULTI) {
			comment(&w, "# '%s': %s", c->key, c->note);
			for (size_t k = 0; k < c->nlv; k++)
				row(&w, key, c->lv[k].value, c->lv[k].label, c->lv[k].code, CB_OPTION);
		} else if (c->kind == K_RENAME) {
			row(&w, key, c->rename, "", "", "");
		} else if (bk->name) {
			row(&w, key, c->rename, bk->name, "", "");
		} else {
			if (c->note)
				comment(&w, "# '%s': %s", c->key, c->note);
			write_levels(&w, c, key, c->rename);
		}
		free(key);
	}
	for (size_t k = 0; k < nb; k++)
		free(b[k].name);
	free(b);
}

/* The first column of ST with each column's heading (computed once). */
static const size_t *
first_of_heading(export_stats *st)
{
	if (st->first)
		return st->first;
	size_t n = st->ncols ? st->ncols : 1;
	st->first = xmalloc(n * sizeof *st->first);
	size_t *col = xmalloc(n * sizeof *col);
	strtab seen = {0};
	for (size_t i = 0; i < st->ncols; i++) {
		int added;
		size_t k = strtab_add(&seen, st->c[i].name, strlen(st->c[i].name), &added);
		if (added)
			col[k] = i;
		st->first[i] = col[k];
	}
	strtab_free(&seen);
	free(col);
	return st->first;
}

/* Column I of the export; a heading it has twice is not drafted twice. */
void
draft_answers(dcol *d, export_stats *st, size_t i, size_t max)
{
	size_t k = first_of_heading(st)[i];
	if (k < i) {
		char buf[200];
		snprintf(buf, sizeof buf, "the heading of column %zu again (rename it with "
		         "svy-clean --rename-duplicates): not encoded", k + 1);
		d->kind = K_COMMENT;
		set_note(d, "%s", buf);
		return;
	}
	if (st->c[i].text)
		d->text = xstrdup(st->c[i].text);
	draft_answers_of(d, &st->c[i], max);
	if (d->emails) {
		char buf[500];
		snprintf(buf, sizeof buf, "%.300s%sanswers with an e-mail address left out (svy-clean "
		         "empties them)", d->note ? d->note : "", d->note ? "; " : "");
		set_note(d, "%s", buf);
	}
}

void
draft_export(draft *dr, export_stats *st, size_t max, const unsigned char *skip)
{
	for (size_t i = 0; i < st->ncols; i++) {
		if (skip && skip[i])
			continue;
		dcol *c = draft_new_col(dr, st->c[i].name);
		draft_answers(c, st, i, max);
	}
}

void
draft_name_options(dcol *c, namer *ns)
{
	for (size_t k = 0; k < c->nlv; k++) {
		/* the question's name cut short, then the option's */
		const char *o = *c->lv[k].label ? c->lv[k].label : c->lv[k].code;
		char *opt = scale_snake(o, 19);
		int cut = (int)strlen(c->rename) < 12 ? (int)strlen(c->rename) : 12;
		while (cut > 0 && c->rename[cut - 1] == '_')
			cut--;
		char *key = xmalloc((size_t)cut + strlen(opt) + 2);
		sprintf(key, "%.*s_%s", cut, c->rename, opt);
		free(c->lv[k].value);
		c->lv[k].value = scale_propose_name(ns, key);
		free(key);
		free(opt);
	}
}

void
draft_free(draft *d)
{
	for (size_t i = 0; i < d->n; i++)
		draft_free_col(&d->c[i]);
	free(d->c);
	d->c = NULL;
	d->n = d->cap = 0;
}
