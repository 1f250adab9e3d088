/* The draft of a codebook (svy-codebook): one entry per export column, drafted
 * from the column's answers or from a LimeSurvey survey file, then written in
 * the format encode-likert reads (codebook.h), shared scales as @blocks. */
#ifndef SVY_DRAFT_H
#define SVY_DRAFT_H

#include <stddef.h>

#include "lss.h"
#include "scales.h"

typedef struct {
	char *label, *code;
	char *value;		/* "" missing */
	int rank;		/* place on a recognised scale (missing last) */
} level;

/* K_MULTI: a multiple-answer column; lv are its options, each one's value
 * the name of its 0/1 column. */
enum { K_SCALE, K_RENAME, K_COMMENT, K_MULTI };

typedef struct {
	char *key;		/* the column as the export names it */
	char *alt;		/* .lss: the other heading style */
	char *rename;
	int kind;
	char *note;		/* why not encoded; what to check */
	level *lv;
	size_t nlv, lvcap;
	strtab lvidx;		/* the labels and codes of lv, to find them */
	char *empty_value;	/* the value of an empty answer, or NULL */
	char *scale;		/* a name for a shared scale */
	char *text;		/* the question's text (--labels), or NULL */
	int known;		/* a recognised scale: one block for all its columns */
	const known_scale *ks;	/* the known scale, when recognised from answers */
	int fill;		/* values left for a person to fill */
	int check;		/* values drafted for a person to check (an order) */
	int pii;		/* personal data: a comment, no values */
	int emails;		/* answers with an e-mail address were left out */
	size_t group;		/* index of its scale block, or (size_t)-1 */
} dcol;

typedef struct {
	dcol *c;
	size_t n, cap;
} draft;

/* The answers of one export column, counted byte for byte. */
typedef struct {
	char *s;		/* owned by the column's strtab */
	unsigned long n;
} val;

typedef struct {
	char *name;
	val *v;
	size_t nv, cap;
	strtab seen;		/* the answers of v, to count them */
	unsigned long emails;	/* answers that look like an e-mail address */
	int many;		/* more distinct answers than counted */
	unsigned long nonempty, empty;
	int numeric;		/* every answer is a number */
	int numbers;		/* every answer is a number or a non-answer */
	/* the answers split at ',' (or ', '), for a multiple-answer column */
	strtab answers;		/* its distinct answers (up to a cap) ... */
	strtab pieces;		/* ... their pieces ... */
	unsigned long *held;	/* ... and how many distinct answers hold each */
	size_t hcap;
	int joined;		/* an answer has two pieces or more */
	int longest;		/* the most pieces an answer has */
	int not_multi;		/* an empty or long piece, too many answers */
	char *text;		/* the question's text (--labels), or NULL */
} colstat;

typedef struct {
	const char *name;
	colstat *c;
	size_t ncols;
	unsigned long rows;
	size_t *first;		/* the first column of each one's heading (or NULL) */
} export_stats;

/* Count answer S (LEN bytes) of column C; past MAX distinct answers (and a
 * few more) the column is free text and its answers are no longer kept. */
void draft_count(colstat *c, const char *s, size_t len, size_t max);
void draft_stats_free(export_stats *st);

/* A new column of D keyed KEY (a scale until said otherwise). */
dcol *draft_new_col(draft *d, const char *key);
void draft_free_col(dcol *c);
void draft_free(draft *d);

/* Draft every column of the export ST (those SKIP marks excepted) from its
 * answers; MAX as --max-levels. */
void draft_export(draft *dr, export_stats *st, size_t max, const unsigned char *skip);
/* Draft column I of ST into D; a heading ST has twice is drafted once. */
void draft_answers(dcol *d, export_stats *st, size_t i, size_t max);

/* The words LimeSurvey uses in language LANG for yes, no and other. */
typedef struct {
	const char *yes, *no, *other;
} words;
words draft_words(const char *lang);
/* The export columns of survey-file question Q, as LimeSurvey names them
 * (TEXT: full-text headings), drafted into DR. */
void draft_lss_question(draft *dr, const lss_question *q, int text, const words *w);
/* The columns of DR by their headings (key and alt, as they are and with
 * blanks and HTML aside), to match an export's. */
typedef struct heading_index heading_index;
heading_index *draft_heading_index(const draft *dr);
void draft_heading_index_free(heading_index *x);
/* The first column of the index (not USED) for export heading H, or -1. */
long draft_match_heading(heading_index *x, const unsigned char *used, const char *h);
/* Give C the answers of ST its levels lack (spellings, missing answers, and
 * answers the survey file does not know: said in the note). */
void draft_merge_answers(dcol *c, const colstat *st);

/* Names for the 0/1 columns of multiple-answer column C (renamed already). */
void draft_name_options(dcol *c, namer *ns);

/* Write DR (drafted from SOURCE) as a codebook to standard output. */
void draft_write(draft *dr, const char *source);

#endif
