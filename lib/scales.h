/* Scales: the answers a survey offers, recognised and named.
 *
 * What svy-codebook knows about answers without a survey file: the words
 * that are not answers (N/A, I don't know, Keine Angabe: missing), the
 * scales it recognises by their labels (agreement, importance, frequency ...,
 * English and German spellings), LimeSurvey's answer codes (A1..An), answers
 * that start with their number, the natural order of an answer set it does
 * not recognise (numbers and ranges by value, order words), and readable
 * snake_case names for columns and scales.
 *
 * Answers are counted and compared byte for byte here (strtab), not by
 * levels' equality: encode-likert matches an answer by its bytes, so "1" and
 * "1.0" are two answers a codebook must list. */
#ifndef SVY_SCALES_H
#define SVY_SCALES_H

#include <stddef.h>

/* ---- strings interned byte for byte (a hash table) ---- */

#define STRTAB_NONE ((size_t)-1)

typedef struct {
	char **s;		/* the strings, in the order added */
	size_t *len;
	size_t n, cap;
	size_t *slot;		/* indices + 1 (0: empty) */
	size_t nslot;
} strtab;

/* The index of S (LEN bytes), or STRTAB_NONE. */
size_t strtab_find(const strtab *t, const char *s, size_t len);
/* The index of S, added if new (*ADDED, when not NULL, says whether it was). */
size_t strtab_add(strtab *t, const char *s, size_t len, int *added);
void strtab_free(strtab *t);

/* ---- answers ---- */

/* Is S a non-answer (N/A, I don't know, Prefer not to say, Keine Angabe, ...,
 * in the languages LimeSurvey and Qualtrics ship)? Compared without case. */
int scale_is_missing(const char *s);

typedef struct {
	const char *labels;	/* '|'-separated spellings, compared without case;
				 * German ones marked "de:" */
	const char *value;
} slevel;

typedef struct {
	const char *name, *note;
	slevel lv[8];
} known_scale;

extern const known_scale scale_known[];
extern const size_t scale_nknown;

/* The level of scale K that S spells, or -1. */
int scale_known_level(const known_scale *k, const char *s);
/* Is S a German spelling of a level of K? */
int scale_known_german(const known_scale *k, const char *s);
/* The first spelling of level L of K in German (GERMAN) or English: allocated. */
char *scale_known_spelling(const known_scale *k, int l, int german);

/* A LimeSurvey answer code ("A1", "AO01", "SQ002"): its number, or -1. */
long scale_answer_code(const char *s);
/* An answer that starts with its number ("1 - Highly dissatisfied", "7"): the
 * number, or LONG_MIN. */
long scale_numbered(const char *s);

/* The natural order of an answer set no known scale has: numbers and ranges
 * of numbers by value ("1 year or less", "1 ~ 3", ..., "15 or more"), words
 * of frequency (never .. always), or degrees of one stem ("Very
 * dissatisfied" .. "Very satisfied"). Returns 1 and ORDER (N indices of
 * ANSWERS, first to last) when it finds one and no two answers tie, else 0
 * (a nominal set). Non-answers are not to be among ANSWERS. */
int scale_natural_order(char *const *answers, size_t n, size_t *order);

/* ---- names ---- */

/* S as snake_case: ASCII, lower case, words joined by '_', camelCase split,
 * at most MAXLEN bytes (cut at a word). Allocated. */
char *scale_snake(const char *s, size_t maxlen);
/* The last bracketed part of a full-text heading ("Question [Sub]": "Sub"),
 * or NULL. A code heading (Q1[SQ001], no blank before '[') gives NULL. */
char *scale_bracketed(const char *h);
/* The names given so far. */
typedef struct {
	strtab names;		/* every name taken */
	strtab bases;		/* the bases of proposed names ... */
	size_t *next;		/* ... and the next suffix to try for each */
	size_t cap;
} namer;
/* A readable name for column KEY not yet in NM->names (added to it):
 * allocated. A name taken otherwise goes into NM->names with strtab_add. */
char *scale_propose_name(namer *nm, const char *key);
void namer_free(namer *nm);
/* Does NAME say identifier, date or paradata (id, submitdate, seed, ..._id;
 * Qualtrics' and SoSci Survey's paradata: Progress, TIME001, ...)? */
int scale_is_identifier(const char *name);
/* Is NAME the free-text column of an "other" or a comment? */
int scale_is_other_column(const char *name);

#endif
