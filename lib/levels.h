/* The levels (distinct values) of a column, interned and counted.
 *
 * One equality and one order for every tool:
 *  - a value that reads as a finite number (num_parse) is compared by its
 *    value: "1", "1.0" and "1e0" are one level, and so are "0" and "-0"; the
 *    level keeps the spelling seen first;
 *  - any other value (NaN, "NA", "x") is compared as bytes;
 *  - the order (levels_sort) is numbers by value first, then text in byte
 *    order (strcmp): 9, 10, NA, x.
 * A bound on the number of levels (MAX, 0 for none) keeps a free-text column
 * from eating memory: levels_add returns LEVELS_FULL for a new value past it,
 * levels_add_or_die names the column in the error. */
#ifndef SVY_LEVELS_H
#define SVY_LEVELS_H

#include <stddef.h>

#include "tsv.h"

#define LEVELS_FULL ((size_t)-1)

typedef struct {
	char **value;		/* the levels, unescaped, as first seen */
	size_t *count;		/* how often each was added */
	unsigned char *isnum;	/* the level is a number ... */
	double *num;		/* ... of this value (-0 stored as 0) */
	size_t n, cap;
	size_t max;		/* bound on n; 0: none */
	size_t *slot;		/* hash table of indices + 1 (0: empty) */
	size_t nslot;
} levels;

void levels_init(levels *lv, size_t max);
void levels_free(levels *lv);

/* The index of S (LEN bytes), added if new; counted COUNT times (0: only
 * interned). LEVELS_FULL when S is new and MAX levels are already there. */
size_t levels_add(levels *lv, const char *s, size_t len, size_t count);

/* As levels_add, but a value past the bound is a data error at R's current
 * row: "FILE:LINE: column 'NAME' has more than MAX levels (got 'S')". */
size_t levels_add_or_die(levels *lv, const tsv_reader *r, size_t col, size_t count);

/* The index of S, or LEVELS_FULL when it is not a level. */
size_t levels_find(const levels *lv, const char *s, size_t len);

/* Are S and T the same level? */
int levels_equal(const char *s, const char *t);

/* Is S (LEN bytes) a number in this equality (finite, as num_parse reads
 * it)? Its value, -0 as 0, to *X: for code that compares values as levels
 * do without interning them (lib/cond). */
int levels_number(const char *s, size_t len, double *x);

/* The levels as a message lists them: "'a' (12), 'b' (3)", most frequent
 * first (ties in the order first seen), each quoted (err_quote), at most SHOWN of them, then ", ..." when
 * there are more (or MORE is set: values past the bound). Allocated. For
 * "column 'g' has no value 'x'; it holds ..." wherever a value the user
 * gave (a group, a level) is not in the data. */
char *levels_list(const levels *lv, size_t shown, int more);

/* Sort the levels (numbers by value, then text by bytes). MAP (N entries, or
 * NULL) receives each old index's new one. */
void levels_sort(levels *lv, size_t *map);

/* Put the levels in the order of ORDER (NORDER values, each once); values of
 * ORDER not seen are added with count 0. Returns the index of the first
 * level not in ORDER (the caller reports it), or LEVELS_FULL when all are
 * there; MAP as for levels_sort. The bound does not apply here. */
size_t levels_order(levels *lv, char *const *order, size_t norder, size_t *map);

/* Indices of the levels by count, most frequent first (ties in level order);
 * allocated, N entries. */
size_t *levels_by_count(const levels *lv);

/* The levels I with WHICH[I] set (WHICH NULL: those with a count), in level
 * order, quoted and comma-separated for a message: "'a', 'b'", the first
 * SHOWN and then " and N more"; "" when none. Allocated. */
char *levels_quoted(const levels *lv, const unsigned char *which, size_t shown);

#endif
