/* Codebooks: how answers become numbers, and which columns get readable names.
 *
 * A codebook is a TSV with the header  column rename label code value
 * ('#' lines are comments, blank lines ignored). Each row is one of:
 *   @SCALE  -  LABEL CODE VALUE   a level of scale SCALE: an answer equal to LABEL or
 *                                 CODE encodes as VALUE; LABEL and CODE both empty
 *                                 give the value of an empty answer; the VALUE
 *                                 'missing' encodes the answer as missing
 *   COLUMN  NAME  @SCALE - -      COLUMN is encoded with SCALE into column NAME
 *                                 (NAME empty: the column keeps its name)
 *   COLUMN  NAME  LABEL CODE VALUE  a level of COLUMN's own scale (later rows of the
 *                                 same column may leave NAME empty)
 *   COLUMN  NAME  - - -           COLUMN renamed to NAME, values passed through
 *   COLUMN  NAME  LABEL CODE option  an option of the multiple-answer column
 *                                 COLUMN (options joined by ',' or ', ' in one
 *                                 cell): NAME is its 0/1 column (1: LABEL or
 *                                 CODE among the cell's answers); a row
 *                                 COLUMN - - - VALUE after the options gives
 *                                 every option column's value of an empty cell
 *                                 (default: missing)
 * One export column may be listed under several NAMEs: each is an output column.
 * A VALUE is a number, or 'missing' (the answer encodes as missing); an answer
 * with an empty VALUE is an error (only the empty answer's row may leave it
 * empty). A COLUMN that begins with '#' or '@' (or '\' before one of '#@\')
 * is written with a backslash before it: '\#n' is the column '#n'.
 * Trailing empty fields may be left out (a short row). COLUMN is a column name
 * or, when the input has no column of that name, a shell glob over them
 * ("13 - Regarding*"): every column it matches is encoded alike and keeps its
 * name unless the row renames it. */
#ifndef SVY_CODEBOOK_H
#define SVY_CODEBOOK_H

/* The value that declares an answer missing (an empty value is an error: a
 * person must say which answers are missing, not forget a value). */
#define CB_MISSING "missing"
/* The value that makes a row an option of a multiple-answer column. */
#define CB_OPTION "option"

#include <stddef.h>
#include <stdint.h>

#include "scales.h"

typedef struct {
	char *label, *code;
	size_t label_len, code_len;
	char *value;		/* NULL: the answer encodes as missing */
	size_t value_len;
	size_t line;
} cb_level;

typedef struct {
	char *name;		/* "@familiarity", or the column's own: "Q13" */
	cb_level *levels;
	size_t nlevels, cap;
	int has_empty;		/* an empty answer has a value */
	char *empty_value;	/* that value (NULL: missing) */
	size_t line;		/* where it was first defined */
	strtab answers;		/* the labels and codes of the levels ... */
	size_t *level_of;	/* ... and the level each one is (by strtab index) */
	size_t lcap;
	uint64_t *head;		/* their first words, when few (cb_lookup), or NULL, */
	unsigned char *head_slot; /* ... hashed with their lengths: index + 1 */
} cb_scale;

/* A multiple-answer column: its options, each one output column of 0/1. */
typedef struct {
	char *column;		/* the export's column (the key) */
	char **label, **code;	/* option k's label and code ("" none) */
	size_t nopt, cap;
	int has_empty;		/* an empty cell has a value ... */
	char *empty_value;	/* ... this one (NULL: missing) */
	size_t index;		/* in cb->multis */
	size_t line;		/* its first option's line */
	size_t *by_len;		/* the answers (2k label, 2k+1 code), longest first */
	size_t nby;
} cb_multi;

typedef struct {
	char *column;		/* the export's column */
	char *output;		/* the output column's name */
	cb_scale *scale;	/* NULL: renamed only (or an option) */
	cb_multi *multi;	/* an option of this multiple-answer column, or NULL */
	size_t option;		/* which */
	int keep_name;		/* no rename: each matched column keeps its name */
	size_t line;
} cb_entry;

typedef struct {
	const char *path;
	cb_entry *entries;
	size_t nentries, ecap;
	cb_scale **scales;
	size_t nscales, scap;
	strtab scale_names;	/* the scales' names, in the order of scales */
	strtab outputs;		/* the entries' output names, in their order */
	cb_multi **multis;
	size_t nmultis, mcap;
} codebook;

/* Read and check the codebook at PATH; any mistake in it is a data error
 * naming its line. */
codebook *codebook_load(const char *path);
void codebook_free(codebook *cb);

/* The level of S that ANSWER (LEN bytes) matches by label or code, or NULL. */
const cb_level *cb_lookup(const cb_scale *s, const char *answer, size_t len);

/* The same in two steps: which of S's answers (labels and codes) ANSWER is,
 * or STRTAB_NONE; and the level answer I is. Scales with the same answers
 * (cb_same_answers: @familiarity and @method_known) share the first step:
 * encode-likert looks a cell up once for all the columns it becomes. */
size_t cb_answer(const cb_scale *s, const char *answer, size_t len);
static inline const cb_level *
cb_level_of_answer(const cb_scale *s, size_t i)
{
	return &s->levels[s->level_of[i]];
}
int cb_same_answers(const cb_scale *a, const cb_scale *b);

/* Split the cell S (LEN bytes, not empty) of multiple-answer column M into
 * its options: ON[k] set for each option k the cell holds. The answers are
 * the options' labels or codes joined by ',' or ', ' (an option may hold a
 * comma: the known answers are matched, longest first, not the commas).
 * Returns 1; 0 when some part is no option, *BAD and *BADLEN the first such
 * part (up to the next comma). */
int cb_multi_split(const cb_multi *m, const char *s, size_t len, unsigned char *on,
                   size_t *bad, size_t *badlen);

/* The scale used for output column NAME (by output name, then by export
 * column, then by a glob key that keeps the names it matches), or NULL. */
const cb_scale *cb_scale_of(const codebook *cb, const char *name);

/* Which input columns the entries encode, in column order then codebook
 * order: HEADER (NCOLS names, of the file INPUT) against each key. A key that
 * matches no column, or two keys that match one column, is a data error
 * naming the codebook's line. Returns the matches (allocated), *NMATCH set. */
typedef struct {
	size_t column;		/* index in HEADER */
	size_t entry;		/* index in cb->entries */
} cb_match;
cb_match *cb_resolve(const codebook *cb, const char *input, char *const *header,
                     size_t ncols, size_t *nmatch);

/* "column 17 '...[Sub question]'": column I (from 0) by position and the end
 * of its NAME, for messages. Returns BUF. */
const char *cb_column_label(char *buf, size_t size, size_t i, const char *name);

#endif
