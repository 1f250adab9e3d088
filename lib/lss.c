#include "lss.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "err.h"
#include "num.h"
#include "out.h"

/* The fields svy reads; a row's other fields are skipped. */
enum { F_QID, F_PARENT_QID, F_GID, F_TYPE, F_TITLE, F_QUESTION, F_LANGUAGE, F_OTHER,
       F_QUESTION_ORDER, F_SCALE_ID, F_CODE, F_ANSWER, F_SORTORDER, F_ASSESSMENT_VALUE,
       F_AID, F_GROUP_ORDER, F_ADDITIONAL_LANGUAGES, NFIELDS };
static const char *field_names[NFIELDS] = {
	"qid", "parent_qid", "gid", "type", "title", "question", "language", "other",
	"question_order", "scale_id", "code", "answer", "sortorder", "assessment_value",
	"aid", "group_order", "additional_languages",
};

/* One row of a table: its fields (NULL: absent) and their lines. */
typedef struct {
	char *v[NFIELDS];
	long line, fline[NFIELDS];
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

/* The rows of a table by one or two key fields, so that joining the tables
 * is linear: an open-addressing hash of each key's first row, and per row the
 * next row with the same key (table order). Row numbers are stored plus one;
 * 0 is none. */
typedef struct {
	const table *t;
	int f1, f2;		/* key fields; f2 -1: one */
	size_t *head, cap;
	size_t *next;
} row_index;

enum { IX_GROUPS, IX_SUBS, IX_OLDSUBS, IX_ANSWERS, IX_QL10N, IX_AL10N, NINDEXES };

struct lss_doc {
	const char *path;
	table t[NTABLES];
	row_index ix[NINDEXES];
	char **langs;
	size_t nlangs, lcap;
};

/* Entities may add at most this many bytes (and nodes) to the survey's texts:
 * LimeSurvey writes none, and expanding them unchecked after parsing is how
 * a 100 KB file becomes gigabytes. */
enum { EXPAND_MAX = 1000000, EXPAND_DEPTH = 32 };

static size_t
hash_str(size_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211u;
	return (h ^ 0xff) * (size_t)1099511628211u;
}

static const char *
row_str(const row *r, int f)
{
	return r->v[f] ? r->v[f] : "";
}

static size_t
key_hash(const row *r, int f1, int f2)
{
	size_t h = hash_str((size_t)14695981039346656037u, row_str(r, f1));
	return f2 < 0 ? h : hash_str(h, row_str(r, f2));
}

static int
key_eq(const row *r, int f1, int f2, const char *k1, const char *k2)
{
	return strcmp(row_str(r, f1), k1) == 0 && (f2 < 0 || strcmp(row_str(r, f2), k2) == 0);
}

static void
index_build(row_index *ix, const table *t, int f1, int f2)
{
	ix->t = t;
	ix->f1 = f1;
	ix->f2 = f2;
	ix->cap = 16;
	while (ix->cap < 2 * t->n)
		ix->cap *= 2;
	ix->head = xcalloc(ix->cap, sizeof *ix->head);
	ix->next = xcalloc(t->n ? t->n : 1, sizeof *ix->next);
	/* backwards, each row put first: the chains are in table order */
	for (size_t i = t->n; i-- > 0;) {
		const row *r = &t->rows[i];
		size_t s = key_hash(r, f1, f2) & (ix->cap - 1);
		while (ix->head[s] && !key_eq(&t->rows[ix->head[s] - 1], f1, f2,
		                              row_str(r, f1), f2 < 0 ? NULL : row_str(r, f2)))
			s = (s + 1) & (ix->cap - 1);
		ix->next[i] = ix->head[s];
		ix->head[s] = i + 1;
	}
}

/* The first row with key K1 (and K2), or NULL; index_next the following. */
static const row *
index_first(const row_index *ix, const char *k1, const char *k2)
{
	size_t h = hash_str((size_t)14695981039346656037u, k1);
	if (ix->f2 >= 0)
		h = hash_str(h, k2);
	for (size_t s = h & (ix->cap - 1); ix->head[s]; s = (s + 1) & (ix->cap - 1)) {
		const row *r = &ix->t->rows[ix->head[s] - 1];
		if (key_eq(r, ix->f1, ix->f2, k1, k2))
			return r;
	}
	return NULL;
}

static const row *
index_next(const row_index *ix, const row *r)
{
	size_t n = ix->next[r - ix->t->rows];
	return n ? &ix->t->rows[n - 1] : NULL;
}

static void
index_free(row_index *ix)
{
	free(ix->head);
	free(ix->next);
}

/* ---- reading the XML ------------------------------------------------------- */

typedef struct {
	char *s;
	size_t n, cap;
} sbuf;

static void
sb_add(sbuf *b, const char *s, size_t n)
{
	b->s = xgrow(b->s, &b->cap, b->n + n + 1, 1);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

typedef struct {
	const char *path;
	xmlDoc *doc;
	lss_doc *d;
	sbuf text;		/* the field being read */
	size_t expanded;	/* bytes and nodes entities added so far */
	long at;		/* the line of the entity reference being expanded */
} loader;

static long
line_of(const xmlNode *n)
{
	long l = n ? xmlGetLineNo((xmlNode *)n) : 0;
	return l > 0 ? l : 0;
}

/* A data error in the survey file at LINE: everything read so far is freed
 * first (the message is formatted before, as its names may be the
 * document's). */
static noreturn void
fail(loader *L, long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	free(L->text.s);
	lss_doc_free(L->d);
	xmlFreeDoc(L->doc);
	die_at(L->path, line > 0 ? (size_t)line : 0, NULL, NULL, "%s", msg);
}

/* NAME quoted for a message (control bytes escaped, long names cut). */
static const char *
q(char *buf, size_t size, const xmlChar *name)
{
	const char *s = name ? (const char *)name : "";
	return err_quote(buf, size, s, strlen(s));
}

static void
charge(loader *L, size_t bytes)
{
	L->expanded += bytes + 1;
	if (L->expanded > EXPAND_MAX)
		fail(L, L->at, "entities expand to more than %d bytes of text "
		     "(LimeSurvey writes none; svy stops there)", EXPAND_MAX);
}

static void collect(loader *L, const xmlNode *field, const xmlNode *n, int depth);

/* The text of entity reference N, checked: defined, internal, bounded. */
static void
expand(loader *L, const xmlNode *field, const xmlNode *n, int depth)
{
	char b[128], f[128];
	if (!depth)
		L->at = line_of(n);
	xmlEntity *e = xmlGetDocEntity(L->doc, n->name);
	if (!e)
		fail(L, L->at, "<%s>: entity '&%s;' is not defined",
		     q(f, sizeof f, field->name), q(b, sizeof b, n->name));
	if (e->etype == XML_INTERNAL_PREDEFINED_ENTITY) {
		sb_add(&L->text, (const char *)e->content, (size_t)xmlStrlen(e->content));
		return;
	}
	if (e->etype != XML_INTERNAL_GENERAL_ENTITY)
		fail(L, L->at, "<%s>: entity '&%s;' is external (it names a file or "
		     "address): svy reads nothing but the survey file",
		     q(f, sizeof f, field->name), q(b, sizeof b, n->name));
	if (depth >= EXPAND_DEPTH)
		fail(L, L->at, "<%s>: entities nested more than %d deep ('&%s;')",
		     q(f, sizeof f, field->name), EXPAND_DEPTH, q(b, sizeof b, n->name));
	charge(L, 0);
	if (e->children) {
		collect(L, field, e->children, depth + 1);
	} else if (e->content && *e->content) {
		/* not parsed by libxml2 (never referenced in content before):
		 * plain text is taken as it is, anything else is not read */
		if (xmlStrchr(e->content, '<') || xmlStrchr(e->content, '&'))
			fail(L, L->at, "<%s>: entity '&%s;' holds markup svy does not read",
			     q(f, sizeof f, field->name), q(b, sizeof b, n->name));
		size_t len = (size_t)xmlStrlen(e->content);
		charge(L, len);
		sb_add(&L->text, (const char *)e->content, len);
	}
}

/* The text of the nodes from N on (a field's content, or an entity's),
 * into L->text. DEPTH: entities entered. */
static void
collect(loader *L, const xmlNode *field, const xmlNode *n, int depth)
{
	char b[128], f[128];
	for (; n; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE: {
			size_t len = (size_t)xmlStrlen(n->content);
			if (depth)
				charge(L, len);
			sb_add(&L->text, (const char *)n->content, len);
			break;
		}
		case XML_ENTITY_REF_NODE:
			expand(L, field, n, depth);
			break;
		case XML_ELEMENT_NODE:
			/* xmlNodeGetContent would take its text: an XInclude, or
			 * markup an entity brought, would pass unnoticed */
			fail(L, depth ? L->at : line_of(n), "<%s> holds an element <%s>: a survey "
			     "file's fields hold text (HTML inside CDATA)", q(f, sizeof f, field->name),
			     q(b, sizeof b, n->name));
		default:
			break;	/* comments, processing instructions */
		}
	}
}

/* The text of element FIELD (allocated). */
static char *
field_text(loader *L, const xmlNode *field)
{
	L->text.n = 0;
	sb_add(&L->text, "", 0);
	collect(L, field, field->children, 0);
	return xstrdup(L->text.s);
}

/* The first element from N on; an entity reference among the elements of the
 * file's structure is an error (its rows or tables would be lost). */
static xmlNode *
element(loader *L, xmlNode *n)
{
	char b[128];
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			return n;
		if (n->type == XML_ENTITY_REF_NODE)
			fail(L, line_of(n), "entity '&%s;' among the elements of <%s>: svy reads "
			     "entities only inside texts", q(b, sizeof b, n->name),
			     (const char *)(n->parent ? n->parent->name : BAD_CAST "document"));
	}
	return NULL;
}

static int
is(const xmlNode *n, const char *name)
{
	return xmlStrEqual(n->name, BAD_CAST name);
}

static int
field_id(const xmlChar *name)
{
	for (int k = 0; k < NFIELDS; k++)
		if (xmlStrEqual(name, BAD_CAST field_names[k]))
			return k;
	return -1;
}

static void
read_row(loader *L, table *t, xmlNode *rn)
{
	t->rows = xgrow(t->rows, &t->cap, t->n + 1, sizeof *t->rows);
	row *r = &t->rows[t->n++];
	memset(r, 0, sizeof *r);
	r->line = line_of(rn);
	for (xmlNode *f = element(L, rn->children); f; f = element(L, f->next)) {
		int k = field_id(f->name);
		if (k < 0)
			continue;
		if (r->v[k])
			fail(L, line_of(f), "<row> has <%s> twice (also on line %ld)",
			     field_names[k], r->fline[k]);
		r->v[k] = field_text(L, f);
		r->fline[k] = line_of(f);
	}
}

static void
read_table(loader *L, table *t, xmlNode *section)
{
	for (xmlNode *rows = element(L, section->children); rows; rows = element(L, rows->next)) {
		if (!is(rows, "rows"))
			continue;
		for (xmlNode *rn = element(L, rows->children); rn; rn = element(L, rn->next))
			if (is(rn, "row"))
				read_row(L, t, rn);
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
read_languages(loader *L, xmlNode *section)
{
	for (xmlNode *n = element(L, section->children); n; n = element(L, n->next))
		if (is(n, "language")) {
			char *s = field_text(L, n);
			char *p = s;
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			size_t len = strcspn(p, " \t\r\n");
			p[len] = '\0';
			add_language(L->d, p, 0);
			free(s);
		}
}

/* libxml2's error in svy's words: what is wrong with the file. */
static void
xml_error_words(const xmlError *e, char *buf, size_t size)
{
	char a[128], b[128];
	const char *m = e && e->message ? e->message : "";
	int code = e ? e->code : XML_ERR_OK;
	/* libxml2 gives some faults a code shared with others */
	if (strncmp(m, "Input is not proper UTF-8", 25) == 0)
		code = XML_ERR_INVALID_ENCODING;
	else if (strncmp(m, "xmlParseEntityRef", 17) == 0)
		code = XML_ERR_ENTITYREF_NO_NAME;
	switch (code) {
	case XML_ERR_DOCUMENT_EMPTY:
		snprintf(buf, size, "not XML (no element where the file should begin)");
		break;
	case XML_ERR_DOCUMENT_END:
		snprintf(buf, size, "bad XML: text or elements after the end of the document");
		break;
	case XML_ERR_TAG_NOT_FINISHED:
		snprintf(buf, size, "bad XML: the file ends inside <%s> (opened on line %d): "
		         "it is cut short", q(a, sizeof a, BAD_CAST e->str1), e->int1);
		break;
	case XML_ERR_TAG_NAME_MISMATCH:
		snprintf(buf, size, "bad XML: </%s> closes <%s> (opened on line %d)",
		         q(a, sizeof a, BAD_CAST e->str2), q(b, sizeof b, BAD_CAST e->str1), e->int1);
		break;
	case XML_ERR_MISPLACED_CDATA_END:
		snprintf(buf, size, "bad XML: ']]>' in a text outside CDATA (write ']]&gt;')");
		break;
	case XML_ERR_ENTITY_LOOP:
		snprintf(buf, size, "bad XML: its entities expand too far (an entity that "
		         "contains itself, or entities that multiply)");
		break;
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		snprintf(buf, size, "bad XML: entity '&%s;' is not defined",
		         q(a, sizeof a, BAD_CAST e->str1));
		break;
	case XML_ERR_ENTITYREF_NO_NAME:
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
		snprintf(buf, size, "bad XML: an '&' that starts no entity (write '&amp;')");
		break;
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_CHARREF:
	case XML_ERR_INVALID_DEC_CHARREF:
	case XML_ERR_INVALID_HEX_CHARREF:
		snprintf(buf, size, "bad XML: a character XML does not allow (a control "
		         "character, or its reference '&#...;')");
		break;
	case XML_ERR_INVALID_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
	case XML_ERR_UNSUPPORTED_ENCODING:
		snprintf(buf, size, "bad XML: not UTF-8, or not in the encoding it declares");
		break;
	case XML_ERR_RESERVED_XML_NAME:
		snprintf(buf, size, "bad XML: an XML declaration ('<?xml') after the start "
		         "(two files joined?)");
		break;
	case XML_ERR_NOT_WELL_BALANCED:
		snprintf(buf, size, "bad XML: an entity's text opens or closes elements it does not end");
		break;
	case XML_ERR_NO_MEMORY:
		snprintf(buf, size, "out of memory reading it");
		break;
	default:
		if (strstr(m, "XML_PARSE_HUGE") && strstr(m, "depth"))
			snprintf(buf, size, "bad XML: elements nested deeper than the XML "
			         "reader's limit (256 levels)");
		else if (strstr(m, "XML_PARSE_HUGE") || strstr(m, "huge") || strstr(m, "Huge"))
			snprintf(buf, size, "bad XML: a text, name or nesting beyond the XML "
			         "reader's limits (10,000,000 bytes of text)");
		else {
			/* the rarer faults: libxml2's words, marked as such */
			char msg[200];
			snprintf(msg, sizeof msg, "%s", m);
			msg[strcspn(msg, "\n")] = '\0';
			snprintf(buf, size, "bad XML: not well-formed (the XML reader: %s)", msg);
		}
	}
}

/* The survey's tables from the parsed document (freed here). */
static lss_doc *
from_xml(xmlDoc *doc, const char *path)
{
	if (!doc) {
		char msg[512];
		const xmlError *e = xmlGetLastError();
		int line = e ? e->line : 0;
		xml_error_words(e, msg, sizeof msg);
		xmlResetLastError();
		die_at(path, line > 0 ? (size_t)line : 0, NULL, NULL,
		       "not a LimeSurvey survey file: %s", msg);
	}
	xmlResetLastError();
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || !is(root, "document")) {
		xmlFreeDoc(doc);
		die("%s: not a LimeSurvey survey file: the XML has no <document> root", path);
	}
	loader L = {.path = path, .doc = doc, .d = xcalloc(1, sizeof *L.d)};
	lss_doc *d = L.d;
	d->path = path;
	int doctype = 0;
	for (xmlNode *n = element(&L, root->children); n; n = element(&L, n->next)) {
		if (is(n, "LimeSurveyDocType")) {
			doctype = 1;
			continue;
		}
		if (is(n, "languages")) {
			read_languages(&L, n);
			continue;
		}
		for (int k = 0; k < NTABLES; k++)
			if (is(n, table_names[k]))
				read_table(&L, &d->t[k], n);
	}
	free(L.text.s);
	xmlFreeDoc(doc);
	if (!doctype) {
		lss_doc_free(d);
		die("%s: not a LimeSurvey survey file: no <LimeSurveyDocType>", path);
	}
	/* the base language first, then additional ones */
	for (size_t i = 0; i < d->t[T_SURVEYS].n; i++) {
		const row *r = &d->t[T_SURVEYS].rows[i];
		char *more = xstrdup(row_str(r, F_ADDITIONAL_LANGUAGES));
		for (char *tok = strtok(more, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n"))
			add_language(d, tok, 0);
		free(more);
		add_language(d, row_str(r, F_LANGUAGE), 1);
	}
	/* a file without a language list: the languages its questions have */
	for (size_t i = 0; i < d->t[T_QUESTIONS].n && d->nlangs == 0; i++)
		add_language(d, row_str(&d->t[T_QUESTIONS].rows[i], F_LANGUAGE), 0);
	for (size_t i = 0; i < d->t[T_QUESTION_L10NS].n && d->nlangs == 0; i++)
		add_language(d, row_str(&d->t[T_QUESTION_L10NS].rows[i], F_LANGUAGE), 0);
	index_build(&d->ix[IX_GROUPS], &d->t[T_GROUPS], F_GID, -1);
	index_build(&d->ix[IX_SUBS], &d->t[T_SUBQUESTIONS], F_PARENT_QID, -1);
	index_build(&d->ix[IX_OLDSUBS], &d->t[T_QUESTIONS], F_PARENT_QID, -1);
	index_build(&d->ix[IX_ANSWERS], &d->t[T_ANSWERS], F_QID, -1);
	index_build(&d->ix[IX_QL10N], &d->t[T_QUESTION_L10NS], F_QID, F_LANGUAGE);
	index_build(&d->ix[IX_AL10N], &d->t[T_ANSWER_L10NS], F_AID, F_LANGUAGE);
	return d;
}

/* No network, no external DTD (neither is loaded without XML_PARSE_DTDLOAD),
 * no entity substitution while parsing (expand checks and bounds it), line
 * numbers past 65535. */
enum { PARSE = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES };

static lss_doc *
parse(const char *data, size_t size, const char *path)
{
	if (size > (size_t)0x7fffffff)
		die("%s: too large for a survey file (2 GB or more)", path);
	xmlResetLastError();
	return from_xml(xmlReadMemory(data, (int)size, path, NULL, PARSE), path);
}

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
	} while (got > 0 && n <= (size_t)0x7fffffff);
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		free(buf);
		die("%s: read error", path);
	}
	if (n > (size_t)0x7fffffff) {
		free(buf);
		die("%s: too large for a survey file (2 GB or more)", path);
	}
	xmlResetLastError();
	xmlDoc *doc = xmlReadMemory(buf, (int)n, path, NULL, PARSE);
	free(buf);
	return from_xml(doc, path);
}

lss_doc *
lss_load_memory(const char *data, size_t size, const char *path)
{
	return parse(data, size, path);
}

static void
free_table(table *t)
{
	for (size_t i = 0; i < t->n; i++)
		for (int k = 0; k < NFIELDS; k++)
			free(t->rows[i].v[k]);
	free(t->rows);
}

void
lss_doc_free(lss_doc *d)
{
	if (!d)
		return;
	for (int k = 0; k < NTABLES; k++)
		free_table(&d->t[k]);
	for (int k = 0; k < NINDEXES; k++)
		index_free(&d->ix[k]);
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

/* The first '>' (or NEEDLE, case ignored) at or after S: *CACHE holds the
 * last answer, so that a text of many '<' without '>' stays linear. */
typedef struct {
	const char *at;
	int known;
} found;

static const char *
find_cached(found *f, const char *s, const char *needle)
{
	if (!f->known || (f->at && f->at < s)) {
		f->at = needle ? find_ci(s, needle) : strchr(s, '>');
		f->known = 1;
	}
	return f->at;
}

char *
lss_plain(const char *text)
{
	size_t len = strlen(text);
	char *out = xmalloc(len + 1), *o = out;
	int space = 0;
	found gt = {0}, style = {0}, script = {0};
	for (const char *s = text; *s;) {
		const unsigned char c = (unsigned char)*s;
		char ent[8];
		size_t w = 0, n;
		if (c == '<' && find_cached(&gt, s, NULL)) {
			/* a tag: <br>, <p> and the like separate words; what a
			 * style sheet or a script holds is no text */
			const char *end = NULL;
			if (strncasecmp(s, "<style", 6) == 0)
				end = find_cached(&style, s, "</style>");
			else if (strncasecmp(s, "<script", 7) == 0)
				end = find_cached(&script, s, "</script>");
			/* LimeSurvey's headings drop tags (strip_tags): only a
			 * line or paragraph break separates words */
			int brk = strncasecmp(s, "<br", 3) == 0 || strncasecmp(s, "<p", 2) == 0 ||
			          strncasecmp(s, "</p", 3) == 0 || strncasecmp(s, "<div", 4) == 0 ||
			          strncasecmp(s, "</div", 5) == 0 || strncasecmp(s, "<li", 3) == 0;
			s = end ? end : s;
			s = find_cached(&gt, s, NULL) + 1;
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

/* Is row R of the language LANG (rows without a language are of every one)? */
static int
of_language(const row *r, const char *lang)
{
	return !r->v[F_LANGUAGE] || strcmp(r->v[F_LANGUAGE], lang) == 0;
}

/* A set of (string, tag) keys, each with the line it was first seen on. */
typedef struct {
	const char **key;
	long *tag, *line;
	size_t n, cap;
} sset;

static void
sset_free(sset *s)
{
	free(s->key);
	free(s->tag);
	free(s->line);
	memset(s, 0, sizeof *s);
}

static size_t
sset_slot(const sset *s, const char *k, long tag)
{
	size_t h = hash_str((size_t)14695981039346656037u, k) ^ (size_t)tag * (size_t)0x9e3779b97f4a7c15u;
	size_t i = h & (s->cap - 1);
	while (s->key[i] && (s->tag[i] != tag || strcmp(s->key[i], k) != 0))
		i = (i + 1) & (s->cap - 1);
	return i;
}

/* Add K with TAG first seen on LINE: NULL when it is new, else the line
 * it was first seen on. */
static const long *
sset_add(sset *s, const char *k, long tag, long line)
{
	if (2 * (s->n + 1) > s->cap) {
		sset old = *s;
		s->cap = s->cap ? 2 * s->cap : 16;
		s->key = xcalloc(s->cap, sizeof *s->key);
		s->tag = xmalloc(s->cap * sizeof *s->tag);
		s->line = xmalloc(s->cap * sizeof *s->line);
		for (size_t i = 0; i < old.cap; i++)
			if (old.key[i]) {
				size_t j = sset_slot(s, old.key[i], old.tag[i]);
				s->key[j] = old.key[i];
				s->tag[j] = old.tag[i];
				s->line[j] = old.line[i];
			}
		sset_free(&old);
	}
	size_t i = sset_slot(s, k, tag);
	if (s->key[i])
		return &s->line[i];
	s->key[i] = k;
	s->tag[i] = tag;
	s->line[i] = line;
	s->n++;
	return NULL;
}

typedef struct {
	lss_question q;
	long group, order, id;
} qsort_item;

/* The questions of one language being built: on an error in the survey's
 * structure, what was built is freed before the message. */
typedef struct {
	const lss_doc *d;
	const char *lang;
	qsort_item *items;
	size_t n, cap;
	sset titles, qids, keys;
	size_t untranslated;	/* rows without a text in the language */
} builder;

static void
question_free(lss_question *q)
{
	for (size_t k = 0; k < q->nsubs; k++) {
		free(q->subs[k].title);
		free(q->subs[k].text);
		free(q->subs[k].column);
	}
	free(q->subs);
	for (size_t k = 0; k < q->nanswers; k++) {
		free(q->answers[k].code);
		free(q->answers[k].label);
		free(q->answers[k].assessment);
	}
	free(q->answers);
	free(q->title);
	free(q->text);
}

/* An error in the survey's structure at LINE, about VALUE (NULL: none). */
static noreturn void
bfail(builder *b, long line, const char *value, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < b->n; i++)
		question_free(&b->items[i].q);
	free(b->items);
	sset_free(&b->titles);
	sset_free(&b->qids);
	sset_free(&b->keys);
	die_at(b->d->path, line > 0 ? (size_t)line : 0, NULL, value, "%s", msg);
}

/* Field F of R as a whole number (absent or empty: 0). */
static long
field_long(builder *b, const row *r, int f)
{
	const char *v = r->v[f];
	if (!v || !*v)
		return 0;
	char *end;
	long x = strtol(v, &end, 10);
	const char *p = v + (*v == '-' || *v == '+');
	if (*p < '0' || *p > '9' || *end || x == LONG_MIN || x == LONG_MAX)
		bfail(b, r->fline[f], v, "<%s> is not a whole number", field_names[f]);
	return x;
}

/* A row of LimeSurvey 6's layout without a text in the language (a
 * translation left out): kept, its label empty, and said; the first few by
 * name, then how many in all (lss_build). */
static void
no_text(builder *b, const row *r, const char *title, const char *what, const char *code)
{
	char qn[128], cn[128], item[160] = "";
	if (++b->untranslated > 5)
		return;
	if (what)
		snprintf(item, sizeof item, ": %s '%s'", what,
		         err_quote(cn, sizeof cn, code, strlen(code)));
	warn_at(b->d->path, r->line > 0 ? (size_t)r->line : 0, NULL, NULL,
	        "note: question '%s'%s: no text in language '%s' (its label left empty)",
	        err_quote(qn, sizeof qn, title, strlen(title)), item, b->lang);
}

/* The question's code quoted for a message. */
static const char *
qname(char *buf, size_t size, const lss_question *q)
{
	return err_quote(buf, size, q->title, strlen(q->title));
}

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

/* LimeSurvey's question types; the ones whose columns are sub-questions,
 * with two scales of them, whose levels are the answers, and with two scales
 * of answers. */
static const char known_types[] = "15ABCDEFGHIKLMNOPQRSTUXY!:;|*";
static const char single_types[] = "L!O5YGNDSTU|IX*";
static const char subs2_types[] = ":;";
static const char answer_types[] = "L!OFHR1";
static const char answers2_types[] = "1";

static int
type_in(char type, const char *set)
{
	return type && strchr(set, type);
}

static void
add_subs(builder *b, qsort_item *it, const row_index *ix, const char *qid, size_t *cap)
{
	const lss_doc *d = b->d;
	char qn[128], sn[128];
	int check = !type_in(it->q.type, single_types);
	for (const row *r = index_first(ix, qid, NULL); r; r = index_next(ix, r)) {
		if (!of_language(r, b->lang))
			continue;
		const char *text = r->v[F_QUESTION];
		if (!text) {
			const row *l = index_first(&d->ix[IX_QL10N], row_str(r, F_QID), b->lang);
			text = l ? row_str(l, F_QUESTION) : NULL;
		}
		long scale = field_long(b, r, F_SCALE_ID), order = field_long(b, r, F_QUESTION_ORDER);
		const char *title = row_str(r, F_TITLE);
		if (!r->v[F_LANGUAGE] && !text)
			no_text(b, r, it->q.title, "sub-question", title);
		if (check && !*title)
			bfail(b, r->line, NULL, "question '%s': a sub-question without a code (<title>)",
			      qname(qn, sizeof qn, &it->q));
		if (check && (scale < 0 || scale > type_in(it->q.type, subs2_types)))
			bfail(b, r->fline[F_SCALE_ID], row_str(r, F_SCALE_ID),
			      "question '%s': sub-question '%s': a question of type '%c' has no such "
			      "<scale_id>", qname(qn, sizeof qn, &it->q),
			      err_quote(sn, sizeof sn, title, strlen(title)), it->q.type);
		const long *was = check ? sset_add(&b->keys, title, scale, r->line) : NULL;
		if (was)
			bfail(b, r->line, NULL, "question '%s': sub-question code '%s' twice "
			      "(also on line %ld)", qname(qn, sizeof qn, &it->q),
			      err_quote(sn, sizeof sn, title, strlen(title)), *was);
		it->q.subs = xgrow(it->q.subs, cap, it->q.nsubs + 1, sizeof *it->q.subs);
		lss_sub *s = &it->q.subs[it->q.nsubs++];
		memset(s, 0, sizeof *s);
		s->title = xstrdup(title);
		s->text = lss_plain(text ? text : "");
		s->scale = (int)scale;
		s->order = order;
	}
}

/* The assessment value of answer row R: empty, or a number svy reads. */
static const char *
assessment(builder *b, const lss_question *q, const row *r)
{
	char qn[128], an[128];
	const char *v = row_str(r, F_ASSESSMENT_VALUE), *code = row_str(r, F_CODE);
	double x;
	enum num_status st = *v ? num_parse(v, &x) : NUM_OK;
	if (st != NUM_OK)
		bfail(b, r->fline[F_ASSESSMENT_VALUE], v, "question '%s': answer '%s': "
		      "assessment value: %s", qname(qn, sizeof qn, q),
		      err_quote(an, sizeof an, code, strlen(code)), num_strerror(st));
	return v;
}

static void
add_answers(builder *b, qsort_item *it, const char *qid)
{
	const lss_doc *d = b->d;
	const row_index *ix = &d->ix[IX_ANSWERS];
	char qn[128], an[128];
	/* the answers of the types that have them (others keep theirs unread) */
	int check = type_in(it->q.type, answer_types);
	size_t cap = 0;
	sset_free(&b->keys);
	for (const row *r = index_first(ix, qid, NULL); r; r = index_next(ix, r)) {
		if (!of_language(r, b->lang))
			continue;
		const char *text = r->v[F_ANSWER];
		if (!text) {
			const row *l = index_first(&d->ix[IX_AL10N], row_str(r, F_AID), b->lang);
			text = l ? row_str(l, F_ANSWER) : NULL;
		}
		long scale = field_long(b, r, F_SCALE_ID), order = field_long(b, r, F_SORTORDER);
		const char *code = row_str(r, F_CODE);
		if (!r->v[F_LANGUAGE] && !text)
			no_text(b, r, it->q.title, "answer", code);
		if (check && !*code)
			bfail(b, r->line, NULL, "question '%s': an answer without a code (<code>)",
			      qname(qn, sizeof qn, &it->q));
		if (check && (scale < 0 || scale > type_in(it->q.type, answers2_types)))
			bfail(b, r->fline[F_SCALE_ID], row_str(r, F_SCALE_ID),
			      "question '%s': answer '%s': a question of type '%c' has no such "
			      "<scale_id>", qname(qn, sizeof qn, &it->q),
			      err_quote(an, sizeof an, code, strlen(code)), it->q.type);
		const long *was = check ? sset_add(&b->keys, code, scale, r->line) : NULL;
		if (was)
			bfail(b, r->line, NULL, "question '%s': answer code '%s' twice (also on "
			      "line %ld)", qname(qn, sizeof qn, &it->q),
			      err_quote(an, sizeof an, code, strlen(code)), *was);
		const char *value = check ? assessment(b, &it->q, r) : row_str(r, F_ASSESSMENT_VALUE);
		it->q.answers = xgrow(it->q.answers, &cap, it->q.nanswers + 1, sizeof *it->q.answers);
		lss_answer *a = &it->q.answers[it->q.nanswers++];
		memset(a, 0, sizeof *a);
		a->code = xstrdup(code);
		a->label = lss_plain(text ? text : "");
		a->sortorder = order;
		a->assessment = xstrdup(value);
		a->scale = (int)scale;
	}
	sset_free(&b->keys);
}

/* A question svy would draft nothing from: a list without answers, an
 * array without sub-questions (LimeSurvey does not activate such a survey). */
static void
check_complete(builder *b, const qsort_item *it, long line)
{
	char qn[128];
	char type = it->q.type;
	int n[2][2] = {{0, 0}, {0, 0}};	/* [subs, answers][scale] */
	for (size_t i = 0; i < it->q.nsubs; i++)
		n[0][it->q.subs[i].scale != 0]++;
	for (size_t i = 0; i < it->q.nanswers; i++)
		n[1][it->q.answers[i].scale != 0]++;
	const char *what = NULL;
	if (!type_in(type, single_types) && type != 'R' && type != '?' && !n[0][0])
		what = "sub-questions";
	else if (type_in(type, subs2_types) && !n[0][1])
		what = "sub-questions of its second scale (the columns)";
	else if (type_in(type, answer_types) && !n[1][0])
		what = "answers";
	else if (type_in(type, answers2_types) && !n[1][1])
		what = "answers on its second scale";
	if (what)
		bfail(b, line, NULL, "question '%s' (type '%c') has no %s in language '%s': "
		      "nothing to encode (LimeSurvey does not activate a survey with it)",
		      qname(qn, sizeof qn, &it->q), type, what, b->lang);
}

/* The question's type; a type svy does not know is '?', with a note. */
static char
question_type(builder *b, const row *r, const char *title)
{
	char qn[128];
	const char *t = row_str(r, F_TYPE);
	if (t[0] && !t[1] && strchr(known_types, t[0]))
		return t[0];
	warn_at(b->d->path, (size_t)r->fline[F_TYPE] ? (size_t)r->fline[F_TYPE] : (size_t)r->line,
	        NULL, t, "note: question '%s': not a question type svy knows: its answers "
	        "are not encoded", err_quote(qn, sizeof qn, title, strlen(title)));
	return '?';
}

/* Question row R: its code, id, type, texts, sub-questions and answers. */
static void
add_question(builder *b, const row *r, const char *text)
{
	char qn[128];
	const lss_doc *d = b->d;
	const char *title = row_str(r, F_TITLE), *qid = row_str(r, F_QID);
	if (!*title)
		bfail(b, r->line, NULL, "a question without a code (<title>)");
	long id = field_long(b, r, F_QID);
	if (id <= 0)
		bfail(b, r->fline[F_QID] ? r->fline[F_QID] : r->line, *qid ? qid : NULL,
		      "question '%s': no question id (<qid>)",
		      err_quote(qn, sizeof qn, title, strlen(title)));
	const long *was = sset_add(&b->titles, title, 0, r->line);
	if (was)
		bfail(b, r->line, NULL, "question code '%s' twice (also on line %ld)",
		      err_quote(qn, sizeof qn, title, strlen(title)), *was);
	if ((was = sset_add(&b->qids, qid, 0, r->line)))
		bfail(b, r->line, qid, "question '%s': its <qid> is another question's (line %ld)",
		      err_quote(qn, sizeof qn, title, strlen(title)), *was);
	long order = field_long(b, r, F_QUESTION_ORDER);
	const row *g = index_first(&d->ix[IX_GROUPS], row_str(r, F_GID), NULL);
	long group = g ? field_long(b, g, F_GROUP_ORDER) : 0;
	char type = question_type(b, r, title);
	b->items = xgrow(b->items, &b->cap, b->n + 1, sizeof *b->items);
	qsort_item *it = &b->items[b->n++];
	memset(it, 0, sizeof *it);
	it->id = id;
	it->group = group;
	it->order = order;
	it->q.title = xstrdup(title);
	it->q.type = type;
	it->q.text = lss_plain(text ? text : "");
	it->q.other = strcmp(row_str(r, F_OTHER), "Y") == 0;
	size_t cap = 0;
	sset_free(&b->keys);
	add_subs(b, it, &d->ix[IX_SUBS], qid, &cap);
	/* older files keep sub-questions among the questions */
	add_subs(b, it, &d->ix[IX_OLDSUBS], qid, &cap);
	sset_free(&b->keys);
	add_answers(b, it, qid);
	check_complete(b, it, r->line);
	if (it->q.nsubs)
		qsort(it->q.subs, it->q.nsubs, sizeof *it->q.subs, by_sub_order);
	if (it->q.nanswers)
		qsort(it->q.answers, it->q.nanswers, sizeof *it->q.answers, by_answer_order);
}

lss_question *
lss_build(const lss_doc *d, const char *lang, size_t *nq)
{
	builder b = {.d = d, .lang = lang};
	const table *t = &d->t[T_QUESTIONS];
	for (size_t i = 0; i < t->n; i++) {
		const row *r = &t->rows[i];
		const char *parent = r->v[F_PARENT_QID];
		if ((parent && strcmp(parent, "0") != 0 && *parent) || !of_language(r, lang))
			continue;
		const char *text = r->v[F_QUESTION];
		if (!text) {
			const row *l = index_first(&d->ix[IX_QL10N], row_str(r, F_QID), lang);
			text = l ? row_str(l, F_QUESTION) : NULL;
		}
		if (!r->v[F_LANGUAGE] && !text)
			no_text(&b, r, row_str(r, F_TITLE), NULL, NULL);
		add_question(&b, r, text);
	}
	/* the layout of LimeSurvey 3 to 5: a question with rows in other
	 * languages only is left out, and said */
	for (size_t i = 0; i < t->n; i++) {
		const row *r = &t->rows[i];
		const char *parent = r->v[F_PARENT_QID], *qid = row_str(r, F_QID);
		char qn[128], ln[64];
		if ((parent && strcmp(parent, "0") != 0 && *parent) || of_language(r, lang) ||
		    sset_add(&b.qids, qid, 0, r->line) || ++b.untranslated > 5)
			continue;
		warn_at(d->path, r->line > 0 ? (size_t)r->line : 0, NULL, NULL,
		        "note: question '%s' is in language '%s' but not in '%s': left out",
		        err_quote(qn, sizeof qn, row_str(r, F_TITLE), strlen(row_str(r, F_TITLE))),
		        err_quote(ln, sizeof ln, r->v[F_LANGUAGE], strlen(r->v[F_LANGUAGE])), lang);
	}
	if (b.untranslated > 5)
		warn_at(d->path, 0, NULL, NULL, "note: %zu questions, sub-questions and answers in "
		        "all have no text in language '%s'", b.untranslated, lang);
	sset_free(&b.titles);
	sset_free(&b.qids);
	if (b.n)
		qsort(b.items, b.n, sizeof *b.items, by_survey_order);
	lss_question *q = xmalloc((b.n ? b.n : 1) * sizeof *q);
	for (size_t i = 0; i < b.n; i++)
		q[i] = b.items[i].q;
	free(b.items);
	*nq = b.n;
	return q;
}

void
lss_questions_free(lss_question *q, size_t nq)
{
	for (size_t i = 0; i < nq; i++)
		question_free(&q[i]);
	free(q);
}

int
lss_has_assessment(const lss_question *q)
{
	for (size_t i = 0; i < q->nanswers; i++) {
		double x;
		const char *a = q->answers[i].assessment;
		if (*a && num_parse(a, &x) == NUM_OK && x != 0)
			return 1;
	}
	return 0;
}
