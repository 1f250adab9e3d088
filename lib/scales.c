/* Scales: the answers a survey offers, recognised and named. */
#include "scales.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"

/* ---- strings interned byte for byte ----------------------------------------- */

static uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;	/* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

size_t
strtab_find(const strtab *t, const char *s, size_t len)
{
	if (!t->nslot)
		return STRTAB_NONE;
	size_t mask = t->nslot - 1;
	for (size_t k = hash_bytes(s, len) & mask; t->slot[k]; k = (k + 1) & mask) {
		size_t i = t->slot[k] - 1;
		if (t->len[i] == len && memcmp(t->s[i], s, len) == 0)
			return i;
	}
	return STRTAB_NONE;
}

static void
strtab_rehash(strtab *t)
{
	free(t->slot);
	t->nslot = t->nslot ? 2 * t->nslot : 16;
	t->slot = xcalloc(t->nslot, sizeof *t->slot);
	size_t mask = t->nslot - 1;
	for (size_t i = 0; i < t->n; i++) {
		size_t k = hash_bytes(t->s[i], t->len[i]) & mask;
		while (t->slot[k])
			k = (k + 1) & mask;
		t->slot[k] = i + 1;
	}
}

size_t
strtab_add(strtab *t, const char *s, size_t len, int *added)
{
	size_t i = strtab_find(t, s, len);
	if (added)
		*added = i == STRTAB_NONE;
	if (i != STRTAB_NONE)
		return i;
	if (2 * (t->n + 1) > t->nslot)
		strtab_rehash(t);
	size_t cap = t->cap;
	t->s = xgrow(t->s, &cap, t->n + 1, sizeof *t->s);
	t->len = xgrow(t->len, &t->cap, t->n + 1, sizeof *t->len);
	i = t->n++;
	t->s[i] = xstrndup(s, len);
	t->len[i] = len;
	size_t mask = t->nslot - 1, k = hash_bytes(s, len) & mask;
	while (t->slot[k])
		k = (k + 1) & mask;
	t->slot[k] = i + 1;
	return i;
}

void
strtab_free(strtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
	free(t->len);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

/* ---- answers: missing, scales, codes ---- */

static const char *const missing_labels[] = {
	"I don't know", "I don\u2019t know", "Don't know", "Don\u2019t know", "Do not know",
	"I do not know", "No answer", "Keine Angabe", "N/A", "Weiß nicht", "Weiss nicht",
	"Prefer not to say", "I prefer not to say", "I prefer not to answer",
	"I prefer not to share", "Not applicable", "Nicht zutreffend", "k. A.", "-oth-",
	NULL,
};

int
scale_is_missing(const char *s)
{
	for (int i = 0; missing_labels[i]; i++)
		if (strcasecmp(s, missing_labels[i]) == 0)
			return 1;
	return 0;
}

const known_scale scale_known[] = {
	{"yes_no", "yes/no", {{"No|de:Nein", "0"}, {"Yes|de:Ja", "1"}}},
	{"agreement4", "agreement, 4 points",
	 {{"Disagree completely|Completely disagree|de:Stimme gar nicht zu|de:Stimme garnicht zu", "1"},
	  {"Rather disagree|de:Stimme eher nicht zu", "2"},
	  {"Rather agree|de:Stimme eher zu", "3"},
	  {"Agree completely|Completely agree|de:Stimme vollständig zu", "4"}}},
	{"agreement5", "agreement, 5 points",
	 {{"Strongly disagree|de:Stimme überhaupt nicht zu", "1"},
	  {"Disagree|de:Stimme nicht zu", "2"},
	  {"Neither agree nor disagree|Neither agree or disagree|Neutral|Undecided|de:Weder noch", "3"},
	  {"Agree|de:Stimme zu", "4"},
	  {"Strongly agree|de:Stimme voll und ganz zu", "5"}}},
	{"agreement7", "agreement, 7 points",
	 {{"Strongly disagree", "1"}, {"Disagree", "2"},
	  {"Somewhat disagree|Slightly disagree", "3"},
	  {"Neither agree nor disagree|Neither agree or disagree|Neutral", "4"},
	  {"Somewhat agree|Slightly agree", "5"}, {"Agree", "6"}, {"Strongly agree", "7"}}},
	{"importance3", "importance, 3 points",
	 {{"Not important", "1"}, {"Somewhat important", "2"}, {"Very important", "3"}}},
	{"importance4", "importance, 4 points",
	 {{"Not important|Not important at all|de:Nicht wichtig|de:Gar nicht wichtig|de:Garnicht wichtig", "1"},
	  {"Rather unimportant|de:Eher unwichtig", "2"},
	  {"Rather important|de:Eher wichtig", "3"},
	  {"Very important|de:Sehr wichtig", "4"}}},
	{"importance5", "importance, 5 points",
	 {{"Unimportant|Not at all important|Not important", "1"},
	  {"Of little importance|Slightly important|Low importance", "2"},
	  {"Moderately important", "3"}, {"Important", "4"}, {"Very important", "5"}}},
	{"frequency", "frequency",
	 {{"Never|de:Nie", "1"}, {"Rarely|de:Selten", "2"}, {"Sometimes|de:Manchmal", "3"},
	  {"Often|de:Oft|de:Häufig", "4"}, {"Most of the time|Usually|Very often|de:Meistens", "5"},
	  {"Always|de:Immer", "6"}}},
	{"familiarity", "familiarity",
	 {{"Not at all familiar|Not familiar", "1"}, {"Slightly familiar", "2"},
	  {"Moderately familiar|Somewhat familiar", "3"}, {"Familiar|Very familiar", "4"},
	  {"Extremely familiar", "5"}}},
	{"usefulness", "usefulness",
	 {{"Not useful|Not at all useful", "1"}, {"Somewhat useful|Slightly useful", "2"},
	  {"Very useful", "3"}}},
	{"extent", "extent",
	 {{"Not at all", "1"}, {"Very little", "2"}, {"Somewhat", "3"}, {"Very much", "4"},
	  {"To a great extent", "5"}}},
};
const size_t scale_nknown = sizeof scale_known / sizeof *scale_known;

/* The level of scale K that S spells, or -1. */
int
scale_known_level(const known_scale *k, const char *s)
{
	size_t len = strlen(s);
	for (int i = 0; i < 8 && k->lv[i].labels; i++)
		for (const char *p = k->lv[i].labels; *p;) {
			size_t n = strcspn(p, "|"), de = strncmp(p, "de:", 3) == 0 ? 3 : 0;
			if (n - de == len && strncasecmp(p + de, s, len) == 0)
				return i;
			p += n + (p[n] == '|');
		}
	return -1;
}

/* Is S a German spelling of a level of K? */
int
scale_known_german(const known_scale *k, const char *s)
{
	size_t len = strlen(s);
	for (int i = 0; i < 8 && k->lv[i].labels; i++)
		for (const char *p = k->lv[i].labels; *p;) {
			size_t n = strcspn(p, "|");
			if (strncmp(p, "de:", 3) == 0 && n - 3 == len && strncasecmp(p + 3, s, len) == 0)
				return 1;
			p += n + (p[n] == '|');
		}
	return 0;
}

/* The first spelling of level L of K in German (GERMAN) or English:
 * allocated. */
char *
scale_known_spelling(const known_scale *k, int l, int german)
{
	for (const char *p = k->lv[l].labels; *p;) {
		size_t n = strcspn(p, "|");
		int de = strncmp(p, "de:", 3) == 0;
		if (de == german)
			return xstrndup(p + 3 * de, n - 3 * (size_t)de);
		p += n + (p[n] == '|');
	}
	return xstrndup(k->lv[l].labels, strcspn(k->lv[l].labels, "|"));
}

/* A LimeSurvey answer code ("A1", "AO01", "SQ002"): its number, or -1. */
long
scale_answer_code(const char *s)
{
	size_t letters = 0;
	while (isalpha((unsigned char)s[letters]) && letters < 3)
		letters++;
	if (!letters || !isdigit((unsigned char)s[letters]))
		return -1;
	char *end;
	long n = strtol(s + letters, &end, 10);
	return *end || n < 0 ? -1 : n;
}

/* An answer that starts with its number ("1 - Highly dissatisfied", "7"):
 * the number, or LONG_MIN. */
long
scale_numbered(const char *s)
{
	char *end;
	if (!isdigit((unsigned char)*s))
		return LONG_MIN;
	long n = strtol(s, &end, 10);
	if (!*end)
		return n;
	while (*end == ' ')
		end++;
	return strchr("-:.)", *end) && *end ? n : LONG_MIN;
}

/* ---- names ---- */

/* Latin letters beyond ASCII (UTF-8, two bytes from 0xc3) folded to ASCII. */
static const char *
fold(const unsigned char *s, size_t *used)
{
	static const char *const c3[64] = {
		"a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "oe", "x", "oe", "u", "u", "u", "ue", "y", "th", "ss",
		"a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "oe", "", "oe", "u", "u", "u", "ue", "y", "th", "y",
	};
	*used = 1;
	if (s[0] == 0xc3 && s[1] >= 0x80 && s[1] < 0xc0) {
		*used = 2;
		return c3[s[1] - 0x80];
	}
	if (s[0] >= 0xc0) {
		size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
		for (size_t i = 1; i < n && s[i] >= 0x80 && s[i] < 0xc0; i++)
			*used = i + 1;
	}
	return "";
}

/* S as snake_case: ASCII, lower case, words joined by '_', camelCase split,
 * at most MAXLEN bytes (cut at a word). Allocated. */
char *
scale_snake(const char *s, size_t maxlen)
{
	size_t len = strlen(s);
	char *out = xmalloc(2 * len + 2), *o = out;
	int sep = 0;
	unsigned char prev = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (*p >= 0x80) {
			size_t used;
			const char *f = fold(p, &used);
			p += used;
			if (*f) {
				if (sep && o > out)
					*o++ = '_';
				sep = 0;
				while (*f)
					*o++ = *f++;
				prev = 'a';
			} else {
				sep = 1;
			}
			continue;
		}
		if (isalnum(*p)) {
			if (isupper(*p) && islower(prev))
				sep = 1;
			if (sep && o > out)
				*o++ = '_';
			sep = 0;
			*o++ = (char)tolower(*p);
		} else {
			sep = 1;
		}
		prev = *p++;
	}
	*o = '\0';
	if ((size_t)(o - out) > maxlen) {
		int at_word = out[maxlen] == '_';
		out[maxlen] = '\0';
		if (at_word)
			return out;
		char *cut = strrchr(out, '_');
		if (cut && cut - out >= (ptrdiff_t)(maxlen / 2))
			*cut = '\0';
	}
	return out;
}

/* The last bracketed part of a full-text heading ("Question [Sub]": "Sub"),
 * or NULL. A code heading (Q1[SQ001], no blank before '[') gives NULL. */
char *
scale_bracketed(const char *h)
{
	size_t len = strlen(h);
	while (len && (h[len - 1] == ' ' || (h[len - 1] >= '0' && h[len - 1] <= '9') ||
	               h[len - 1] == '.'))
		len--;		/* "... [Sub].1" from svy-clean --rename-duplicates */
	if (!len || h[len - 1] != ']')
		return NULL;
	const char *open = NULL;
	for (size_t i = len - 1; i-- > 0;)
		if (h[i] == '[') {
			open = h + i;
			break;
		}
	if (!open || open == h || open[-1] != ' ')
		return NULL;
	return xstrndup(open + 1, (size_t)(h + len - 1 - (open + 1)));
}

/* A readable, unique name for column KEY: its base, else the base with the
 * first free suffix _2, _3 ... (counted from where the base left off, so
 * that many columns of one base take linear time). */
char *
scale_propose_name(namer *nm, const char *key)
{
	char *sub = scale_bracketed(key);
	char *base = scale_snake(sub ? sub : key, 32);
	free(sub);
	if (!*base || isdigit((unsigned char)base[0])) {
		char *b = xmalloc(strlen(base) + 3);
		sprintf(b, "q_%s", base);
		if (!*base)
			b[1] = '\0';
		free(base);
		base = b;
	}
	int added;
	size_t k = strtab_add(&nm->bases, base, strlen(base), &added);
	nm->next = xgrow(nm->next, &nm->cap, k + 1, sizeof *nm->next);
	if (added)
		nm->next[k] = 2;
	char *name = xstrdup(base);
	while (strtab_find(&nm->names, name, strlen(name)) != STRTAB_NONE) {
		free(name);
		name = xmalloc(strlen(base) + 24);
		sprintf(name, "%s_%zu", base, nm->next[k]++);
	}
	free(base);
	strtab_add(&nm->names, name, strlen(name), NULL);
	return name;
}

void
namer_free(namer *nm)
{
	strtab_free(&nm->names);
	strtab_free(&nm->bases);
	free(nm->next);
}


static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

static const char *const id_names[] = {
	"id", "response_id", "answer_id", "antwort_id", "respondent_id", "submitdate",
	"startdate", "datestamp", "lastpage", "startlanguage", "seed", "token", "ipaddr",
	"refurl", "interviewtime", "date", "timestamp", NULL,
};

int
scale_is_identifier(const char *name)
{
	char *s = scale_snake(name, 64);
	int id = 0;
	for (int i = 0; id_names[i] && !id; i++)
		id = strcmp(s, id_names[i]) == 0;
	size_t n = strlen(s);
	id = id || (n > 3 && strcmp(s + n - 3, "_id") == 0) ||
	     (n > 5 && strcmp(s + n - 5, "_date") == 0);
	free(s);
	return id;
}

int
scale_is_other_column(const char *name)
{
	char *sub = scale_bracketed(name);
	int other = sub && (strcasecmp(sub, "other") == 0 || strcasecmp(sub, "sonstiges") == 0);
	free(sub);
	return other || ends_with(name, "[other]") || ends_with(name, "comment]");
}

/* Missing answers (I don't know, N/A) the column has, as empty values. */
