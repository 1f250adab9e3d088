/* Scales: the answers a survey offers, recognised and named. */
#include "scales.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"

/* ---- strings interned byte for byte ----------------------------------------- */

/* A hash of LEN bytes, eight at a time (encode-likert looks up every cell:
 * a byte at a time was most of its time); each word mixed in as splitmix64
 * mixes, the high bits folded down for the table's mask. Only where a
 * string sits in the table depends on it, never an output. */
static uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ len, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9u;
		h ^= h >> 31;
	}
	w = 0;
	memcpy(&w, s, len);
	h = (h ^ w) * 0x94d049bb133111ebu;
	return h ^ (h >> 29) ^ (h >> 47);
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

/* Non-answers, as LimeSurvey and Qualtrics ship them (and their users write
 * them) in English, German, French, Spanish, Italian, Dutch and Portuguese;
 * compared without ASCII case, blanks trimmed, U+2019 read as an apostrophe. */
static const char *const missing_labels[] = {
	/* English */
	"I don't know", "Don't know", "Do not know", "I do not know", "Dont know",
	"No answer", "No response", "Prefer not to say", "I prefer not to say",
	"I prefer not to answer", "Prefer not to answer", "I prefer not to share",
	"I'd rather not say", "Rather not say", "Decline to answer",
	"Not applicable", "N/A", "NA", "n.a.", "n/a.", "Can't say", "Cannot say",
	"Don't know / not applicable", "Don't know/Not applicable",
	/* German */
	"Keine Angabe", "Keine Antwort", "k.A.", "k. A.", "Weiß nicht", "Weiss nicht",
	"Ich weiß nicht", "Ich weiss nicht", "Weiß ich nicht", "Möchte ich nicht sagen",
	"Möchte ich nicht beantworten", "Nicht zutreffend", "Trifft nicht zu",
	"Keine Ahnung", "Kann ich nicht sagen", "Kann ich nicht beurteilen",
	/* French */
	"Je ne sais pas", "Ne sais pas", "NSP", "Sans réponse", "Pas de réponse",
	"Je préfère ne pas répondre", "Préfère ne pas répondre", "Non applicable",
	"Sans objet", "Ne se prononce pas",
	/* Spanish */
	"No sé", "No lo sé", "No sabe", "Sin respuesta", "No contesta", "NS/NC",
	"Prefiero no decirlo", "Prefiero no responder", "Prefiero no contestar",
	"No aplica", "No procede", "No corresponde",
	/* Italian */
	"Non so", "Non lo so", "Nessuna risposta", "Preferisco non rispondere",
	"Non applicabile", "Non pertinente",
	/* Dutch */
	"Weet niet", "Weet ik niet", "Geen antwoord", "Zeg ik liever niet",
	"Niet van toepassing",
	/* Portuguese */
	"Não sei", "Sem resposta", "Prefiro não dizer", "Prefiro não responder",
	"Não se aplica", "Não aplicável",
	/* LimeSurvey's code of "Other" */
	"-oth-",
	NULL,
};

/* S trimmed, U+2019 as an apostrophe, into BUF (SIZE bytes); NULL when it
 * does not fit (no non-answer is that long). */
static const char *
plain_answer(const char *s, char *buf, size_t size)
{
	while (*s == ' ')
		s++;
	size_t o = 0;
	for (; *s; s++) {
		if (o + 1 >= size)
			return NULL;
		if (strncmp(s, "\xe2\x80\x99", 3) == 0) {
			buf[o++] = '\'';
			s += 2;
		} else {
			buf[o++] = *s;
		}
	}
	while (o && buf[o - 1] == ' ')
		o--;
	buf[o] = '\0';
	return buf;
}

int
scale_is_missing(const char *s)
{
	char buf[64];
	const char *p = plain_answer(s, buf, sizeof buf);
	if (!p)
		return 0;
	for (int i = 0; missing_labels[i]; i++)
		if (strcasecmp(p, missing_labels[i]) == 0)
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
	/* Qualtrics' 5 points: before the 7 points, whose labels it shares */
	{"agreement5s", "agreement, 5 points (somewhat)",
	 {{"Strongly disagree", "1"}, {"Somewhat disagree|Slightly disagree", "2"},
	  {"Neither agree nor disagree|Neither agree or disagree|Neutral", "3"},
	  {"Somewhat agree|Slightly agree", "4"}, {"Strongly agree", "5"}}},
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
		size_t len = strlen(base) + 24;
		name = xmalloc(len);
		snprintf(name, len, "%s_%zu", base, nm->next[k]++);
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
	"refurl", "interviewtime", "date", "timestamp",
	/* Qualtrics' paradata */
	"start_date", "end_date", "recorded_date", "status", "progress", "duration_in_seconds",
	"finished", "distribution_channel", "user_language", "response_set", "location_accuracy",
	/* SoSci Survey's */
	"case", "serial", "questnnr", "mode", "started", "mailsent", "lastdata", "q_viewer",
	"maxpage", "missing", "missrel", "time_sum", "time_rsi", "deg_time", NULL,
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
	     (n > 5 && strcmp(s + n - 5, "_date") == 0) ||
	     /* SoSci's TIME001, the time spent on page 1 */
	     (n > 4 && strncmp(s, "time", 4) == 0 && strspn(s + 4, "0123456789") == n - 4);
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

/* ---- the natural order of an answer set ---- */

/* Does word W occur in S (ASCII case ignored) as a whole word? */
static int
has_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = s; *p; p++)
		if ((p == s || !isalnum((unsigned char)p[-1])) && strncasecmp(p, w, n) == 0 &&
		    !isalnum((unsigned char)p[n]))
			return 1;
	return 0;
}

static int
has_any(const char *s, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (has_word(s, words[i]))
			return 1;
	return 0;
}

/* An answer as a range of numbers: "3", "1 ~ 3", "1-3", "10 to 15", "1 year or
 * less" and "less than 1" (from minus infinity), "15 or more", "more than
 * 15" and "15+" (to infinity), "None" or "never ..." (before all). 0 when it
 * is not one. Thousands separators ("10,000") are read. */
static int
answer_range(const char *s, double *lo, double *hi)
{
	static const char *const below[] = {"less", "fewer", "under", "below", "younger",
	                                    "up to", "max", "maximum", "bis", "unter",
	                                    "weniger", NULL};
	static const char *const above[] = {"more", "over", "above", "older", "least",
	                                    "plus", "min", "minimum", "mehr", "über", NULL};
	double x[2];
	int n = 0;
	for (const char *p = s; *p;) {
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		if (n == 2)
			return 0;
		char num[64];
		size_t o = 0;
		while (o + 1 < sizeof num && (isdigit((unsigned char)*p) ||
		       (*p == ',' && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
		        isdigit((unsigned char)p[3]) && !isdigit((unsigned char)p[4])) ||
		       (*p == '.' && isdigit((unsigned char)p[1])))) {
			if (*p != ',')
				num[o++] = *p;
			p++;
		}
		num[o] = '\0';
		x[n++] = strtod(num, NULL);
	}
	if (n == 2) {
		*lo = x[0];
		*hi = x[1];
		return x[0] <= x[1];
	}
	if (n == 0) {
		/* "Less than a year": one */
		static const char *const one[] = {"a year", "a month", "a week", "a day",
		                                  "an hour", "one", NULL};
		if (has_any(s, one))
			x[n++] = 1;
	}
	if (n == 0) {
		/* "None", "I have never worked with ML": before every number */
		static const char *const none[] = {"none", "never", "no", "nie", "kein",
		                                   "keine", "nothing", "zero", "don't",
		                                   "do not", NULL};
		*lo = *hi = -HUGE_VAL;
		return has_any(s, none);
	}
	int lt = has_any(s, below) || strchr(s, '<') != NULL;
	int gt = has_any(s, above) || strchr(s, '>') != NULL || strchr(s, '+') != NULL;
	if (lt && gt)
		return 0;
	*lo = lt ? -HUGE_VAL : x[0];
	*hi = gt ? HUGE_VAL : x[0];
	return 1;
}

/* An order word's rank: how often (never .. always), or -1. */
static int
frequency_rank(const char *s)
{
	static const struct { const char *w; int rank; } f[] = {
		{"very often", 5}, {"very rarely", 1}, {"most of the time", 6}, {"never", 0},
		{"rarely", 2}, {"seldom", 2}, {"sometimes", 3}, {"occasionally", 3},
		{"often", 4}, {"frequently", 4}, {"usually", 6}, {"mostly", 6}, {"always", 7},
		{"nie", 0}, {"selten", 2}, {"manchmal", 3}, {"gelegentlich", 3}, {"oft", 4},
		{"häufig", 4}, {"meistens", 6}, {"immer", 7},
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		if (has_word(s, f[i].w))
			return f[i].rank;
	return -1;
}

/* An answer on a bipolar scale as a signed degree ("Very dissatisfied" -3,
 * "Somewhat satisfied" 1, "Neither ..." 0), its stem (what is left without
 * the degree and negation words, into STEM) or 0 when it has no stem. */
static int
degree(const char *s, int *deg, char *stem, size_t size)
{
	static const struct { const char *w; int strength; } adv[] = {
		{"extremely", 3}, {"very", 3}, {"strongly", 3}, {"completely", 3},
		{"totally", 3}, {"highly", 3}, {"fully", 3}, {"somewhat", 1}, {"rather", 1},
		{"slightly", 1}, {"fairly", 1}, {"moderately", 1}, {"a little", 1},
		{"quite", 1}, {"mostly", 1}, {"sehr", 3}, {"eher", 1}, {"etwas", 1},
	};
	if (has_word(s, "neither") || has_word(s, "neutral") || has_word(s, "weder")) {
		*deg = 0;
		stem[0] = '\0';
		return 1;
	}
	int strength = 2, neg = 0;
	char buf[256];
	size_t o = 0;
	for (const char *p = s; *p;) {
		while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
			p++;
		const char *w = p;
		while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
			p++;
		size_t n = (size_t)(p - w);
		if (!n)
			break;
		int skip = 0;
		for (size_t i = 0; i < sizeof adv / sizeof *adv && !skip; i++)
			if (strlen(adv[i].w) == n && strncasecmp(w, adv[i].w, n) == 0)
				strength = adv[i].strength, skip = 1;
		if ((n == 3 && strncasecmp(w, "not", 3) == 0) ||
		    (n == 5 && strncasecmp(w, "nicht", 5) == 0)) {
			neg = 1;
			skip = 1;
		} else if (n == 2 && strncasecmp(w, "at", 2) == 0) {
			skip = 1;	/* "not at all" */
		} else if (n == 3 && strncasecmp(w, "all", 3) == 0) {
			strength = 3;
			skip = 1;
		}
		if (skip)
			continue;
		if (o + n + 2 >= sizeof buf)
			return 0;
		if (o)
			buf[o++] = ' ';
		for (size_t i = 0; i < n; i++)
			buf[o++] = (char)tolower((unsigned char)w[i]);
	}
	buf[o] = '\0';
	if (!o || o + 1 > size)
		return 0;
	memcpy(stem, buf, o + 1);
	*deg = neg ? -strength : strength;
	return 1;
}

static const double *sort_key;

static int
by_key(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const double *x = sort_key + 2 * i, *y = sort_key + 2 * j;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	if (x[1] != y[1])
		return x[1] < y[1] ? -1 : 1;
	return (i > j) - (i < j);
}

/* ORDER by KEY (two numbers an answer); 0 when two answers tie. */
static int
order_by(const double *key, size_t n, size_t *order)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_key = key;
	qsort(order, n, sizeof *order, by_key);
	for (size_t k = 1; k < n; k++) {
		const double *x = key + 2 * order[k - 1], *y = key + 2 * order[k];
		if (x[0] == y[0] && x[1] == y[1])
			return 0;
	}
	return 1;
}

int
scale_natural_order(char *const *answers, size_t n, size_t *order)
{
	if (n < 2)
		return 0;
	double *key = xmalloc(2 * n * sizeof *key);
	int ok = 1;
	/* numbers and ranges of numbers, by value */
	for (size_t i = 0; i < n && ok; i++)
		ok = answer_range(answers[i], &key[2 * i], &key[2 * i + 1]);
	if (ok && order_by(key, n, order))
		goto found;
	/* how often */
	ok = 1;
	for (size_t i = 0; i < n && ok; i++) {
		int r = frequency_rank(answers[i]);
		ok = r >= 0;
		key[2 * i] = r;
		key[2 * i + 1] = 0;
	}
	if (ok && order_by(key, n, order))
		goto found;
	/* one stem, by degree: very dissatisfied .. very satisfied */
	ok = 1;
	char (*stem)[128] = xmalloc(n * sizeof *stem);
	int *deg = xmalloc(n * sizeof *deg);
	for (size_t i = 0; i < n && ok; i++)
		ok = degree(answers[i], &deg[i], stem[i], sizeof stem[i]);
	/* a negating prefix (dissatisfied, unlikely) where the stem without it
	 * is another answer's */
	static const char *const prefix[] = {"dis", "un", "in", "im", "ir", NULL};
	for (size_t i = 0; i < n && ok; i++)
		for (int p = 0; prefix[p]; p++) {
			size_t k = strlen(prefix[p]);
			if (strncmp(stem[i], prefix[p], k) != 0 || !stem[i][k])
				continue;
			size_t j;
			for (j = 0; j < n && strcmp(stem[j], stem[i] + k) != 0; j++)
				;
			if (j < n) {
				memmove(stem[i], stem[i] + k, strlen(stem[i] + k) + 1);
				deg[i] = -deg[i];
				break;
			}
		}
	int nstem = 0;
	const char *first = NULL;
	for (size_t i = 0; i < n && ok; i++) {
		key[2 * i] = deg[i];
		key[2 * i + 1] = 0;
		if (!stem[i][0])
			continue;	/* neither .. nor: the middle */
		if (!nstem++)
			first = stem[i];
		else
			ok = strcmp(first, stem[i]) == 0;
	}
	ok = ok && nstem >= 2 && order_by(key, n, order);
	free(stem);
	free(deg);
	if (ok)
		goto found;
	free(key);
	return 0;
found:
	free(key);
	return 1;
}
