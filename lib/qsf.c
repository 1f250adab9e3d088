#include "qsf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "err.h"
#include "num.h"

/* A map from strings (the document's own) to numbers, open addressing. */
typedef struct {
	const char **key;
	size_t *val, n, cap;
} smap;

static size_t
hash(const char *s)
{
	size_t h = (size_t)14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211u;
	return h;
}

static size_t
smap_slot(const smap *m, const char *k)
{
	size_t i = hash(k) & (m->cap - 1);
	while (m->key[i] && strcmp(m->key[i], k) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* The value of K, or (size_t)-1. */
static size_t
smap_get(const smap *m, const char *k)
{
	if (!m->cap)
		return (size_t)-1;
	size_t i = smap_slot(m, k);
	return m->key[i] ? m->val[i] : (size_t)-1;
}

/* Set K to V unless K is there: its value then, else (size_t)-1. */
static size_t
smap_add(smap *m, const char *k, size_t v)
{
	if (2 * (m->n + 1) > m->cap) {
		smap old = *m;
		m->cap = m->cap ? 2 * m->cap : 16;
		m->key = xcalloc(m->cap, sizeof *m->key);
		m->val = xmalloc(m->cap * sizeof *m->val);
		for (size_t i = 0; i < old.cap; i++)
			if (old.key[i]) {
				size_t j = smap_slot(m, old.key[i]);
				m->key[j] = old.key[i];
				m->val[j] = old.val[i];
			}
		free(old.key);
		free(old.val);
	}
	size_t i = smap_slot(m, k);
	if (m->key[i])
		return m->val[i];
	m->key[i] = k;
	m->val[i] = v;
	m->n++;
	return (size_t)-1;
}

static void
smap_free(smap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof *m);
}

typedef struct {
	const char *path;
	json_t *root;
	lss_question *q;	/* the questions read so far */
	size_t n, cap;
	smap tags, blocks, qids, codes;
	json_t **order;		/* the question elements in survey order */
	size_t norder, ordercap;
	unsigned char *taken;	/* per survey element: in ORDER already */
	unsigned char *done;	/* per block: taken (or the trash) */
	json_t *scratch;	/* a list being used, freed on an error */
} reader;

/* A data error: what was read is freed (libjansson's memory too: it is not
 * the fuzz harness's to reclaim), then the message. */
static noreturn void
fail(reader *R, const char *value, const char *fmt, ...)
{
	char msg[1024], v[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (value)
		snprintf(v, sizeof v, "%s", value);
	lss_questions_free(R->q, R->n);
	smap_free(&R->tags);
	smap_free(&R->blocks);
	smap_free(&R->qids);
	smap_free(&R->codes);
	free(R->order);
	free(R->taken);
	free(R->done);
	json_decref(R->scratch);
	json_decref(R->root);
	die_at(R->path, 0, NULL, value ? v : NULL, "%s", msg);
}

/* NAME quoted for a message. */
static const char *
quote(char *buf, size_t size, const char *name)
{
	return err_quote(buf, size, name, strlen(name));
}

/* A JSON string or number as text (allocated), or NULL. */
static char *
text_of(const json_t *v)
{
	char buf[NUM_BUFSIZE];
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return xstrdup(buf);
	}
	if (json_is_real(v))
		return xstrdup(num_format(buf, json_real_value(v)));
	return NULL;
}

static const char *
str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* ---- survey order ------------------------------------------------------- */

static void
take(reader *R, json_t *sq, size_t index)
{
	if (R->taken[index])
		return;
	R->taken[index] = 1;
	R->order = xgrow(R->order, &R->ordercap, R->norder + 1, sizeof *R->order);
	R->order[R->norder++] = sq;
}

/* The questions of block B, in its order. */
static void
take_block(reader *R, const json_t *elements, const json_t *b)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(b, "BlockElements"), i, e) {
		if (strcmp(str(e, "Type"), "Question") != 0)
			continue;
		size_t k = smap_get(&R->qids, str(e, "QuestionID"));
		if (k != (size_t)-1)
			take(R, json_array_get(elements, k), k);
	}
}

/* The blocks of survey flow node F (branches and randomisers within), in
 * order; each block is taken once. */
static void
take_flow(reader *R, const json_t *elements, const json_t *blocks, const json_t *f, int depth)
{
	size_t i;
	json_t *c;
	if (depth > 64)
		fail(R, NULL, "not a Qualtrics survey file: its survey flow nests more than 64 deep");
	size_t b = smap_get(&R->blocks, str(f, "ID"));
	if (b != (size_t)-1 && !R->done[b]) {
		R->done[b] = 1;
		take_block(R, elements, json_array_get(blocks, b));
	}
	json_array_foreach(json_object_get(f, "Flow"), i, c)
		take_flow(R, elements, blocks, c, depth + 1);
}

/* The blocks as an array (a survey file has an array or an object). */
static json_t *
block_list(json_t *payload)
{
	json_t *list = json_array();
	if (json_is_array(payload)) {
		json_array_extend(list, payload);
	} else if (json_is_object(payload)) {
		const char *k;
		json_t *v;
		json_object_foreach(payload, k, v)
			json_array_append(list, v);
	}
	return list;
}

/* The question elements in survey order: the flow's blocks, then blocks the
 * flow leaves out (the trash block never); without blocks, the file's order. */
static void
survey_order(reader *R, const json_t *elements)
{
	json_t *e, *bl = NULL, *fl = NULL;
	size_t i, n = json_array_size(elements);
	R->taken = xcalloc(n ? n : 1, 1);
	json_array_foreach(elements, i, e) {
		const char *kind = str(e, "Element");
		if (strcmp(kind, "SQ") == 0)
			smap_add(&R->qids, str(e, "PrimaryAttribute"), i);
		else if (strcmp(kind, "BL") == 0 && !bl)
			bl = json_object_get(e, "Payload");
		else if (strcmp(kind, "FL") == 0 && !fl)
			fl = json_object_get(e, "Payload");
	}
	if (!bl) {
		json_array_foreach(elements, i, e)
			if (strcmp(str(e, "Element"), "SQ") == 0)
				take(R, e, i);
		return;
	}
	json_t *blocks = block_list(bl);
	size_t nb = json_array_size(blocks);
	R->scratch = blocks;
	R->done = xcalloc(nb ? nb : 1, 1);
	json_array_foreach(blocks, i, e) {
		if (strcmp(str(e, "Type"), "Trash") == 0)
			R->done[i] = 1;
		smap_add(&R->blocks, str(e, "ID"), i);
	}
	if (fl)
		take_flow(R, elements, blocks, fl, 0);
	json_array_foreach(blocks, i, e)
		if (!R->done[i])
			take_block(R, elements, e);
	free(R->done);
	R->done = NULL;
	R->scratch = NULL;
	json_decref(blocks);
}

/* ---- questions ------------------------------------------------------------ */

/* The ids of CHOICES (an object, or an array of them) in the order ORDER
 * gives, then any ORDER leaves out; as an array of strings (new reference). */
static json_t *
ids_in_order(reader *R, const lss_question *q, const json_t *choices, const json_t *order)
{
	char qn[128];
	json_t *ids = json_array(), *v;
	size_t i;
	smap seen = {0};
	R->scratch = ids;
	json_array_foreach(order, i, v) {
		char *id = text_of(v);
		json_array_append_new(ids, json_string(id ? id : ""));
		free(id);
		const char *k = json_string_value(json_array_get(ids, i));
		const char *why = !json_object_get(choices, k) ? "a choice it does not have"
		                : smap_add(&seen, k, i) != (size_t)-1 ? "a choice twice" : NULL;
		if (why) {
			smap_free(&seen);
			fail(R, k, "question '%s': its choice order names %s",
			     quote(qn, sizeof qn, q->title), why);
		}
	}
	const char *k;
	json_object_foreach((json_t *)choices, k, v)
		if (smap_get(&seen, k) == (size_t)-1)
			json_array_append_new(ids, json_string(k));
	smap_free(&seen);
	R->scratch = NULL;
	return ids;
}

/* The choices (or answers) of a question as an object, or NULL: Qualtrics
 * writes an empty list as []. */
static const json_t *
object(const json_t *v)
{
	return json_is_object(v) ? v : NULL;
}

static void
add_sub(lss_question *q, size_t *cap, const char *id, const char *column, const char *label,
        int free_text)
{
	q->subs = xgrow(q->subs, cap, q->nsubs + 1, sizeof *q->subs);
	lss_sub *s = &q->subs[q->nsubs];
	memset(s, 0, sizeof *s);
	s->title = xstrdup(id);
	s->text = lss_plain(label);
	s->order = (long)q->nsubs;
	s->column = xstrdup(column);
	s->free_text = free_text;
	q->nsubs++;
}

static int
has_text_entry(const json_t *choice)
{
	const json_t *t = json_object_get(choice, "TextEntry");
	return json_is_true(t) || (json_is_string(t) && strcmp(json_string_value(t), "true") == 0);
}

/* The column of choice ID: its export tag, else "TAG_ID", SUFFIX appended. */
static char *
choice_column(const lss_question *q, const json_t *p, const char *id, const char *suffix)
{
	const json_t *tags = json_object_get(p, "ChoiceDataExportTags");
	const char *t = json_string_value(json_object_get(tags, id));
	size_t n = strlen(q->title) + strlen(id) + strlen(suffix) + 2;
	char *s = xmalloc(n + (t ? strlen(t) : 0));
	if (t && *t)
		sprintf(s, "%s%s", t, suffix);
	else
		sprintf(s, "%s_%s%s", q->title, id, suffix);
	return s;
}

/* A column name for the whole survey: twice is an error. */
static void
add_column(reader *R, const lss_question *q, const char *column)
{
	char qn[128];
	if (smap_add(&R->tags, column, R->n) != (size_t)-1)
		fail(R, column, "question '%s': its column is another question's or choice's",
		     quote(qn, sizeof qn, q->title));
}

/* ITEMS (choices, or a matrix's scale points) in ORDER as Q's answers: the
 * code and the assessment value their recode value (RECODE[id]), else the
 * id; one code twice, or one that is not a number, is an error. */
static void
add_answers(reader *R, lss_question *q, const json_t *items, const json_t *order,
            const json_t *recode)
{
	char qn[128];
	json_t *ids = ids_in_order(R, q, items, order), *v;
	size_t i, cap = 0;
	R->scratch = ids;
	smap_free(&R->codes);
	json_array_foreach(ids, i, v) {
		const char *id = json_string_value(v);
		char *code = text_of(json_object_get(recode, id));
		q->answers = xgrow(q->answers, &cap, q->nanswers + 1, sizeof *q->answers);
		lss_answer *a = &q->answers[q->nanswers++];
		memset(a, 0, sizeof *a);
		a->code = code ? code : xstrdup(id);
		a->label = lss_plain(str(json_object_get(items, id), "Display"));
		a->sortorder = (long)i;
		a->assessment = xstrdup(a->code);
		double x;
		enum num_status st = num_parse(a->code, &x);
		if (st != NUM_OK)
			fail(R, a->code, "question '%s': choice %s: recode value: %s",
			     quote(qn, sizeof qn, q->title), id, num_strerror(st));
		size_t was = smap_add(&R->codes, a->code, i);
		if (was != (size_t)-1)
			fail(R, a->code, "question '%s': choices %s and %s have one recode value",
			     quote(qn, sizeof qn, q->title), json_string_value(json_array_get(ids, was)),
			     id);
	}
	smap_free(&R->codes);
	R->scratch = NULL;
	json_decref(ids);
}

/* ITEMS in ORDER as sub-questions (matrix rows, choices, form fields): each a
 * column "TAG_ID"; a text entry adds "TAG_ID_TEXT". */
static void
add_subs(reader *R, lss_question *q, const json_t *p, const json_t *items,
         const json_t *order, int entries_only)
{
	json_t *ids = ids_in_order(R, q, items, order), *v;
	size_t i, cap = 0;
	R->scratch = ids;
	json_array_foreach(ids, i, v) {
		const char *id = json_string_value(v);
		const json_t *c = json_object_get(items, id);
		const char *label = str(c, "Display");
		if (!entries_only) {
			char *col = choice_column(q, p, id, "");
			add_sub(q, &cap, id, col, label, 0);
			free(col);
			add_column(R, q, q->subs[q->nsubs - 1].column);
		}
		if (has_text_entry(c)) {
			char *col = choice_column(q, p, id, "_TEXT");
			char *title = xmalloc(strlen(id) + 6);
			sprintf(title, "%s_TEXT", id);
			add_sub(q, &cap, title, col, label, 1);
			free(col);
			free(title);
			add_column(R, q, q->subs[q->nsubs - 1].column);
		}
	}
	R->scratch = NULL;
	json_decref(ids);
}

/* The type letter of Qualtrics' TYPE and SELECTOR; 0 for one svy does not read. */
static char
type_letter(const char *type, const char *sel, const char *sub, const json_t *p)
{
	static const char *const one[] = {"SAVR", "SAHR", "SACOL", "DL", "SB", "NPS", NULL};
	static const char *const many[] = {"MAVR", "MAHR", "MACOL", "MSB", NULL};
	if (strcmp(type, "MC") == 0) {
		for (size_t i = 0; one[i]; i++)
			if (strcmp(sel, one[i]) == 0)
				return 'L';
		for (size_t i = 0; many[i]; i++)
			if (strcmp(sel, many[i]) == 0)
				return 'M';
		return 0;
	}
	if (strcmp(type, "Matrix") == 0)
		return strcmp(sub, "SingleAnswer") == 0 && strcmp(sel, "Profile") != 0 ? 'F' : 0;
	if (strcmp(type, "TE") == 0) {
		if (strcmp(sel, "FORM") == 0)
			return 'Q';
		if (strcmp(sel, "SL") && strcmp(sel, "ML") && strcmp(sel, "ESTB") && strcmp(sel, "PW"))
			return 0;
		const json_t *v = json_object_get(json_object_get(p, "Validation"), "Settings");
		return strcmp(str(v, "ContentType"), "ValidNumber") == 0 ? 'N' : 'T';
	}
	if (strcmp(type, "DB") == 0)
		return 'X';
	return 0;
}

static void
read_question(reader *R, const json_t *sq)
{
	char qn[128], tn[128], sn[128];
	const json_t *p = json_object_get(sq, "Payload");
	const char *tag = str(p, "DataExportTag"), *qid = str(sq, "PrimaryAttribute");
	if (!json_is_object(p))
		fail(R, qid, "a question element without its payload");
	if (!*tag)
		fail(R, qid, "a question without an export tag (DataExportTag)");
	R->q = xgrow(R->q, &R->cap, R->n + 1, sizeof *R->q);
	lss_question *q = &R->q[R->n++];
	memset(q, 0, sizeof *q);
	q->title = xstrdup(tag);
	q->text = lss_plain(*str(p, "QuestionText") ? str(p, "QuestionText")
	                                              : str(p, "QuestionDescription"));
	const char *type = str(p, "QuestionType"), *sel = str(p, "Selector");
	const json_t *choices = object(json_object_get(p, "Choices"));
	const json_t *corder = json_object_get(p, "ChoiceOrder");
	const json_t *recode = json_object_get(p, "RecodeValues");
	q->type = type_letter(type, sel, str(p, "SubSelector"), p);
	if (q->type != 'X')
		add_column(R, q, q->title);
	switch (q->type) {
	case 'L':
		add_answers(R, q, choices, corder, recode);
		add_subs(R, q, p, choices, corder, 1);
		break;
	case 'M':
		add_answers(R, q, choices, corder, recode);
		add_subs(R, q, p, choices, corder, 0);
		break;
	case 'F':
		add_subs(R, q, p, choices, corder, 0);
		add_answers(R, q, object(json_object_get(p, "Answers")),
		            json_object_get(p, "AnswerOrder"), recode);
		break;
	case 'Q':
		add_subs(R, q, p, choices, corder, 0);
		break;
	case 0:
		q->type = '?';
		add_subs(R, q, p, choices, corder, 0);
		warn_at(R->path, 0, NULL, NULL, "note: question '%s': Qualtrics question type "
		        "'%s' (selector '%s') is not one svy reads: its answers are not encoded",
		        quote(qn, sizeof qn, q->title), quote(tn, sizeof tn, type),
		        quote(sn, sizeof sn, sel));
		break;
	default:
		break;
	}
	const char *none = (q->type == 'L' || q->type == 'M') && !q->nanswers ? "choices"
	                 : q->type == 'F' && !q->nanswers ? "scale points (answers)"
	                 : q->type == 'F' && !q->nsubs ? "rows"
	                 : q->type == 'Q' && !q->nsubs ? "fields" : NULL;
	if (none)
		fail(R, NULL, "question '%s' (%s) has no %s: nothing to encode",
		     quote(qn, sizeof qn, q->title), type, none);
}

/* The questions of the survey in ROOT (its reference is taken). */
static lss_question *
read_survey(json_t *root, const char *path, size_t *nq)
{
	reader R = {.path = path, .root = root};
	json_t *elements = json_object_get(root, "SurveyElements");
	if (!json_is_object(json_object_get(root, "SurveyEntry")) || !json_is_array(elements))
		fail(&R, NULL, "not a Qualtrics survey file: no SurveyEntry and SurveyElements");
	survey_order(&R, elements);
	for (size_t i = 0; i < R.norder; i++)
		read_question(&R, R.order[i]);
	lss_question *q = R.n ? R.q : xmalloc(sizeof *q);
	*nq = R.n;
	smap_free(&R.tags);
	smap_free(&R.blocks);
	smap_free(&R.qids);
	free(R.order);
	free(R.taken);
	json_decref(root);
	return q;
}

/* jansson's error in svy's words, with the line (and where, when that
 * helps: a key, a number, the first word). */
static noreturn void
bad_json(const char *path, const json_error_t *e)
{
	const char *t = e->text, *near = strstr(t, " near ");
	int at = 0;
	const char *what = strncmp(t, "end of file expected", 20) == 0
	        ? "bad JSON: more after the end of the survey's object"
	    : e->position == 0 && strstr(t, "end of file") ? "empty: not JSON"
	    : strstr(t, "end of file") || strstr(t, "premature end of input")
	        ? "bad JSON: the file ends early (it is cut short)"
	    : (at = 1, strncmp(t, "'[' or '{' expected", 19) == 0 && e->line <= 1)
	        ? "not JSON (no '{' where the file should begin)"
	    : strncmp(t, "duplicate object key", 20) == 0 ? "bad JSON: an object has one key twice"
	    : strstr(t, "too big integer") || strstr(t, "overflow") ? "bad JSON: a number too large"
	    : (at = 0, strncmp(t, "unable to decode byte", 21) == 0) ? "bad JSON: not UTF-8 text"
	    : strstr(t, "u0000") ? "bad JSON: a NUL character (\\u0000) in a text" : NULL;
	size_t line = e->line > 0 ? (size_t)e->line : 0;
	if (!what)
		die_at(path, line, NULL, NULL, "not a Qualtrics survey file: bad JSON: %s", t);
	char got[128] = "";
	if (at && near)
		snprintf(got, sizeof got, " (at %s)", near + 6);
	die_at(path, line, NULL, NULL, "not a Qualtrics survey file: %s%s", what, got);
}

lss_question *
qsf_load_memory(const char *data, size_t size, const char *path, size_t *nq)
{
	json_error_t e;
	json_t *root = json_loadb(data, size, JSON_REJECT_DUPLICATES, &e);
	if (!root)
		bad_json(path, &e);
	return read_survey(root, path, nq);
}

lss_question *
qsf_load(const char *path, size_t *nq)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		die_errno("%s", path);
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
	json_error_t e;
	json_t *root = json_loadb(buf, n, JSON_REJECT_DUPLICATES, &e);
	free(buf);
	if (!root)
		bad_json(path, &e);
	return read_survey(root, path, nq);
}
