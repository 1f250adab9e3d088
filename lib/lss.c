#include "lss.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "err.h"
#include "out.h"

/* One row of a table: its fields by name. */
typedef struct {
	char **name, **value;
	size_t n, cap;
} row;

typedef struct {
	row *rows;
	size_t n, cap;
} table;

enum { T_GROUPS, T_QUESTIONS, T_SUBQUESTIONS, T_ANSWERS, T_QUESTION_L10NS,
       T_ANSWER_L10NS, T_SURVEYS, NTABLES };
static const char *table_names[NTABLES] = {
	"groups", "questions", "subquestions", "answers", "question_l10ns",
	"answer_l10ns", "surveys",
};

struct lss_doc {
	const char *path;
	table t[NTABLES];
	char **langs;
	size_t nlangs, lcap;
};

static const char *
row_get(const row *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->name[i], name) == 0)
			return r->value[i];
	return NULL;
}

static const char *
row_str(const row *r, const char *name)
{
	const char *v = row_get(r, name);
	return v ? v : "";
}

static long
row_long(const row *r, const char *name)
{
	const char *v = row_get(r, name);
	if (!v)
		return 0;
	char *end;
	long x = strtol(v, &end, 10);
	return end == v ? 0 : x;
}

static char *
node_text(xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = xstrdup(c ? (const char *)c : "");
	xmlFree(c);
	return s;
}

static void
read_table(table *t, xmlNode *section)
{
	for (xmlNode *rows = section->children; rows; rows = rows->next) {
		if (rows->type != XML_ELEMENT_NODE || !xmlStrEqual(rows->name, BAD_CAST "rows"))
			continue;
		for (xmlNode *rn = rows->children; rn; rn = rn->next) {
			if (rn->type != XML_ELEMENT_NODE || !xmlStrEqual(rn->name, BAD_CAST "row"))
				continue;
			t->rows = xgrow(t->rows, &t->cap, t->n + 1, sizeof *t->rows);
			row *r = &t->rows[t->n++];
			memset(r, 0, sizeof *r);
			for (xmlNode *f = rn->children; f; f = f->next) {
				if (f->type != XML_ELEMENT_NODE)
					continue;
				size_t need = r->n + 1, cap = r->cap;
				r->name = xgrow(r->name, &cap, need, sizeof *r->name);
				r->value = xgrow(r->value, &r->cap, need, sizeof *r->value);
				r->name[r->n] = xstrdup((const char *)f->name);
				r->value[r->n] = node_text(f);
				r->n++;
			}
		}
	}
}

static void
add_language(lss_doc *d, const char *lang, int first)
{
	if (!*lang)
		return;
	for (size_t i = 0; i < d->nlangs; i++)
		if (strcmp(d->langs[i], lang) == 0) {
			if (first) {	/* the base language goes first */
				char *l = d->langs[i];
				memmove(d->langs + 1, d->langs, i * sizeof *d->langs);
				d->langs[0] = l;
			}
			return;
		}
	d->langs = xgrow(d->langs, &d->lcap, d->nlangs + 1, sizeof *d->langs);
	if (first) {
		memmove(d->langs + 1, d->langs, d->nlangs * sizeof *d->langs);
		d->langs[0] = xstrdup(lang);
	} else {
		d->langs[d->nlangs] = xstrdup(lang);
	}
	d->nlangs++;
}

/* The languages: the <languages> list, the survey's base language first. */
static void
read_languages(lss_doc *d, xmlNode *section)
{
	for (xmlNode *n = section->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "language")) {
			char *s = node_text(n);
			char *p = s;
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			size_t len = strcspn(p, " \t\r\n");
			p[len] = '\0';
			add_language(d, p, 0);
			free(s);
		}
}

static lss_doc *
from_xml(xmlDoc *doc, const char *path)
{
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		char msg[256] = "not well-formed";
		int line = e ? e->line : 0;
		if (e && e->message) {
			snprintf(msg, sizeof msg, "%s", e->message);
			msg[strcspn(msg, "\n")] = '\0';
		}
		xmlResetLastError();
		die_at(path, line > 0 ? (size_t)line : 0, NULL, NULL,
		       "not a LimeSurvey survey file: bad XML: %s", msg);
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || !xmlStrEqual(root->name, BAD_CAST "document")) {
		xmlFreeDoc(doc);
		die("%s: not a LimeSurvey survey file: the XML has no <document> root", path);
	}
	lss_doc *d = xcalloc(1, sizeof *d);
	d->path = path;
	int doctype = 0;
	for (xmlNode *n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, BAD_CAST "LimeSurveyDocType")) {
			doctype = 1;
			continue;
		}
		if (xmlStrEqual(n->name, BAD_CAST "languages")) {
			read_languages(d, n);
			continue;
		}
		for (int k = 0; k < NTABLES; k++)
			if (xmlStrEqual(n->name, BAD_CAST table_names[k]))
				read_table(&d->t[k], n);
	}
	xmlFreeDoc(doc);
	if (!doctype) {
		lss_doc_free(d);
		die("%s: not a LimeSurvey survey file: no <LimeSurveyDocType>", path);
	}
	/* the base language first, then additional ones */
	for (size_t i = 0; i < d->t[T_SURVEYS].n; i++) {
		const row *r = &d->t[T_SURVEYS].rows[i];
		char *more = xstrdup(row_str(r, "additional_languages"));
		for (char *tok = strtok(more, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n"))
			add_language(d, tok, 0);
		free(more);
		add_language(d, row_str(r, "language"), 1);
	}
	/* a file without a language list: the languages its questions have */
	for (size_t i = 0; i < d->t[T_QUESTIONS].n && d->nlangs == 0; i++)
		add_language(d, row_str(&d->t[T_QUESTIONS].rows[i], "language"), 0);
	for (size_t i = 0; i < d->t[T_QUESTION_L10NS].n && d->nlangs == 0; i++)
		add_language(d, row_str(&d->t[T_QUESTION_L10NS].rows[i], "language"), 0);
	return d;
}

enum { PARSE = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING };

lss_doc *
lss_load(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		die_errno("%s", path);
	out_input(path, fp);
	size_t n = 0, cap = 0, got;
	char *buf = NULL;
	do {
		buf = xgrow(buf, &cap, n + 65536, 1);
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		free(buf);
		die("%s: read error", path);
	}
	if (n > (size_t)0x7fffffff) {
		free(buf);
		die("%s: too large for a survey file", path);
	}
	xmlDoc *doc = xmlReadMemory(buf, (int)n, path, NULL, PARSE);
	free(buf);
	return from_xml(doc, path);
}

lss_doc *
lss_load_memory(const char *data, size_t size, const char *path)
{
	if (size > (size_t)0x7fffffff)
		die("%s: too large for a survey file", path);
	return from_xml(xmlReadMemory(data, (int)size, path, NULL, PARSE), path);
}

static void
free_table(table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t k = 0; k < t->rows[i].n; k++) {
			free(t->rows[i].name[k]);
			free(t->rows[i].value[k]);
		}
		free(t->rows[i].name);
		free(t->rows[i].value);
	}
	free(t->rows);
}

void
lss_doc_free(lss_doc *d)
{
	if (!d)
		return;
	for (int k = 0; k < NTABLES; k++)
		free_table(&d->t[k]);
	for (size_t i = 0; i < d->nlangs; i++)
		free(d->langs[i]);
	free(d->langs);
	free(d);
}

size_t
lss_languages(const lss_doc *d, const char *const **langs)
{
	*langs = (const char *const *)d->langs;
	return d->nlangs;
}

/* ---- plain text ----------------------------------------------------------- */

static size_t
put_utf8(char *o, unsigned long c)
{
	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3f));
	o[2] = (char)(0x80 | (c >> 6 & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* An HTML entity at S ("&amp;"): its length, and its text written to O
 * (*W bytes); 0 when S is not one. */
static size_t
entity(const char *s, char *o, size_t *w)
{
	static const struct { const char *name, *text; } named[] = {
		{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
		{"&apos;", "'"}, {"&nbsp;", " "}, {"&#39;", "'"},
	};
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		size_t n = strlen(named[i].name);
		if (strncmp(s, named[i].name, n) == 0) {
			*w = strlen(named[i].text);
			memcpy(o, named[i].text, *w);
			return n;
		}
	}
	if (s[1] != '#')
		return 0;
	int hex = s[2] == 'x' || s[2] == 'X';
	const char *p = s + 2 + hex;
	unsigned long c = 0;
	size_t digits = 0;
	for (; digits < 7; p++, digits++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0'
		      : hex && *p >= 'a' && *p <= 'f' ? *p - 'a' + 10
		      : hex && *p >= 'A' && *p <= 'F' ? *p - 'A' + 10 : -1;
		if (d < 0)
			break;
		c = c * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (!digits || *p != ';')
		return 0;
	*w = put_utf8(o, c);
	return (size_t)(p + 1 - s);
}

/* The first NEEDLE in S, case ignored (ASCII), or NULL. */
static const char *
find_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);
	for (; *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return s;
	return NULL;
}

char *
lss_plain(const char *text)
{
	size_t len = strlen(text);
	char *out = xmalloc(len + 1), *o = out;
	int space = 0;
	for (const char *s = text; *s;) {
		const unsigned char c = (unsigned char)*s;
		char ent[8];
		size_t w = 0, n;
		if (c == '<' && strchr(s, '>')) {
			/* a tag: <br>, <p> and the like separate words; what a
			 * style sheet or a script holds is no text */
			const char *end = NULL;
			if (strncasecmp(s, "<style", 6) == 0)
				end = find_ci(s, "</style>");
			else if (strncasecmp(s, "<script", 7) == 0)
				end = find_ci(s, "</script>");
			/* LimeSurvey's headings drop tags (strip_tags): only a
			 * line or paragraph break separates words */
			int brk = strncasecmp(s, "<br", 3) == 0 || strncasecmp(s, "<p", 2) == 0 ||
			          strncasecmp(s, "</p", 3) == 0 || strncasecmp(s, "<div", 4) == 0 ||
			          strncasecmp(s, "</div", 5) == 0 || strncasecmp(s, "<li", 3) == 0;
			s = end ? end : s;
			s = strchr(s, '>') + 1;
			space |= brk;
			continue;
		}
		if (c == '&' && (n = entity(s, ent, &w)) > 0 && w <= n) {
			s += n;
			if (w == 1 && ent[0] == ' ') {
				space = 1;
				continue;
			}
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			s++;
			space = 1;
			continue;
		} else if (c == 0xc2 && (unsigned char)s[1] == 0xa0) {
			s += 2;		/* no-break space */
			space = 1;
			continue;
		} else {
			ent[0] = (char)c;
			w = 1;
			s++;
		}
		if (space && o > out)
			*o++ = ' ';
		space = 0;
		memcpy(o, ent, w);
		o += w;
	}
	*o = '\0';
	return out;
}

/* ---- questions ------------------------------------------------------------ */

/* The text of qid (or aid) ID in LANG from an l10n table, or NULL. */
static const char *
l10n(const table *t, const char *idfield, const char *id, const char *lang,
     const char *textfield)
{
	for (size_t i = 0; i < t->n; i++) {
		const row *r = &t->rows[i];
		if (strcmp(row_str(r, idfield), id) == 0 && strcmp(row_str(r, "language"), lang) == 0)
			return row_str(r, textfield);
	}
	return NULL;
}

/* Is row R of the language LANG (rows without a language are of every one)? */
static int
of_language(const row *r, const char *lang)
{
	const char *l = row_get(r, "language");
	return !l || strcmp(l, lang) == 0;
}

typedef struct {
	lss_question q;
	char *qid;
	long group, order, id;
} qsort_item;

static int
by_survey_order(const void *a, const void *b)
{
	const qsort_item *x = a, *y = b;
	if (x->group != y->group)
		return (x->group > y->group) - (x->group < y->group);
	if (x->order != y->order)
		return (x->order > y->order) - (x->order < y->order);
	return (x->id > y->id) - (x->id < y->id);
}

static int
by_sub_order(const void *a, const void *b)
{
	const lss_sub *x = a, *y = b;
	if (x->scale != y->scale)
		return x->scale - y->scale;
	return (x->order > y->order) - (x->order < y->order);
}

static int
by_answer_order(const void *a, const void *b)
{
	const lss_answer *x = a, *y = b;
	if (x->scale != y->scale)
		return x->scale - y->scale;
	return (x->sortorder > y->sortorder) - (x->sortorder < y->sortorder);
}

static long
group_order(const lss_doc *d, const char *gid)
{
	const table *t = &d->t[T_GROUPS];
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(row_str(&t->rows[i], "gid"), gid) == 0)
			return row_long(&t->rows[i], "group_order");
	return 0;
}

static void
add_subs(const lss_doc *d, const table *t, qsort_item *it, const char *lang)
{
	size_t cap = 0;
	for (size_t i = 0; i < t->n; i++) {
		const row *r = &t->rows[i];
		if (strcmp(row_str(r, "parent_qid"), it->qid) != 0 || !of_language(r, lang))
			continue;
		const char *text = row_get(r, "question");
		if (!text)
			text = l10n(&d->t[T_QUESTION_L10NS], "qid", row_str(r, "qid"), lang, "question");
		if (!row_get(r, "language") && !text)
			continue;	/* LimeSurvey 6: not in this language */
		it->q.subs = xgrow(it->q.subs, &cap, it->q.nsubs + 1, sizeof *it->q.subs);
		lss_sub *s = &it->q.subs[it->q.nsubs++];
		s->title = xstrdup(row_str(r, "title"));
		s->text = lss_plain(text ? text : "");
		s->scale = (int)row_long(r, "scale_id");
		s->order = row_long(r, "question_order");
	}
	if (it->q.nsubs)
		qsort(it->q.subs, it->q.nsubs, sizeof *it->q.subs, by_sub_order);
}

static void
add_answers(const lss_doc *d, qsort_item *it, const char *lang)
{
	const table *t = &d->t[T_ANSWERS];
	size_t cap = 0;
	for (size_t i = 0; i < t->n; i++) {
		const row *r = &t->rows[i];
		if (strcmp(row_str(r, "qid"), it->qid) != 0 || !of_language(r, lang))
			continue;
		const char *text = row_get(r, "answer");
		if (!text)
			text = l10n(&d->t[T_ANSWER_L10NS], "aid", row_str(r, "aid"), lang, "answer");
		if (!row_get(r, "language") && !text)
			continue;
		it->q.answers = xgrow(it->q.answers, &cap, it->q.nanswers + 1, sizeof *it->q.answers);
		lss_answer *a = &it->q.answers[it->q.nanswers++];
		a->code = xstrdup(row_str(r, "code"));
		a->label = lss_plain(text ? text : "");
		a->sortorder = row_long(r, "sortorder");
		a->assessment = xstrdup(row_str(r, "assessment_value"));
		a->scale = (int)row_long(r, "scale_id");
	}
	if (it->q.nanswers)
		qsort(it->q.answers, it->q.nanswers, sizeof *it->q.answers, by_answer_order);
}

lss_question *
lss_build(const lss_doc *d, const char *lang, size_t *nq)
{
	const table *t = &d->t[T_QUESTIONS];
	qsort_item *items = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < t->n; i++) {
		const row *r = &t->rows[i];
		const char *parent = row_get(r, "parent_qid");
		if ((parent && strcmp(parent, "0") != 0 && *parent) || !of_language(r, lang))
			continue;
		const char *text = row_get(r, "question");
		if (!text)
			text = l10n(&d->t[T_QUESTION_L10NS], "qid", row_str(r, "qid"), lang, "question");
		if (!row_get(r, "language") && !text)
			continue;
		items = xgrow(items, &cap, n + 1, sizeof *items);
		qsort_item *it = &items[n++];
		memset(it, 0, sizeof *it);
		it->qid = xstrdup(row_str(r, "qid"));
		it->id = row_long(r, "qid");
		it->group = group_order(d, row_str(r, "gid"));
		it->order = row_long(r, "question_order");
		it->q.title = xstrdup(row_str(r, "title"));
		it->q.type = row_str(r, "type")[0];
		it->q.text = lss_plain(text ? text : "");
		it->q.other = strcmp(row_str(r, "other"), "Y") == 0;
		add_subs(d, &d->t[T_SUBQUESTIONS], it, lang);
		/* older files keep sub-questions among the questions */
		add_subs(d, t, it, lang);
		add_answers(d, it, lang);
	}
	if (n)
		qsort(items, n, sizeof *items, by_survey_order);
	lss_question *q = xmalloc((n ? n : 1) * sizeof *q);
	for (size_t i = 0; i < n; i++) {
		q[i] = items[i].q;
		free(items[i].qid);
	}
	free(items);
	*nq = n;
	return q;
}

void
lss_questions_free(lss_question *q, size_t nq)
{
	for (size_t i = 0; i < nq; i++) {
		for (size_t k = 0; k < q[i].nsubs; k++) {
			free(q[i].subs[k].title);
			free(q[i].subs[k].text);
		}
		free(q[i].subs);
		for (size_t k = 0; k < q[i].nanswers; k++) {
			free(q[i].answers[k].code);
			free(q[i].answers[k].label);
			free(q[i].answers[k].assessment);
		}
		free(q[i].answers);
		free(q[i].title);
		free(q[i].text);
	}
	free(q);
}

int
lss_has_assessment(const lss_question *q)
{
	for (size_t i = 0; i < q->nanswers; i++) {
		const char *a = q->answers[i].assessment;
		if (*a && strtod(a, NULL) != 0)
			return 1;
	}
	return 0;
}
