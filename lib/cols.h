/* Columns addressed by header name. */
#ifndef SVY_COLS_H
#define SVY_COLS_H

#include <stddef.h>

#include "tsv.h"

/* Index of column NAME in R's header, or -1 when there is none. A name that
 * the header holds more than once is a data error. */
long cols_find(const tsv_reader *r, const char *name);

/* Index of column NAME; its absence is a usage error that suggests the
 * nearest name ("did you mean 'age'?") or, when none is near, lists the
 * columns the input has. */
size_t cols_require(const tsv_reader *r, const char *name);

/* The column whose name is nearest NAME (edit distance at most a third of
 * NAME's length, at least 1; a difference of case only first), or -1: for
 * "did you mean" in the messages of any tool that looks a name up. */
long cols_nearest(const tsv_reader *r, const char *name);

/* The columns matching each of the NPAT names or shell globs ("attack_*"),
 * in the order given, each once. A pattern that matches nothing is a usage
 * error. Returns the count; *OUT is allocated. */
size_t cols_expand(const tsv_reader *r, char *const *patterns, size_t npat,
                   size_t **out);

/* Die (a data error) when R's header holds a name twice: for tools that
 * pass every column through and must not write an ambiguous header. */
void cols_check_unique(const tsv_reader *r);

/* Split a comma-separated list into a NULL-terminated array (allocated). */
char **cols_split_list(const char *list, size_t *n);

/* A comma-separated option value as a list (allocated): an empty item or one
 * given twice is a usage error naming OPTION. */
char **cols_option_list(const char *list, const char *option, size_t *n);

/* Free a list of N strings from cols_split_list or cols_option_list. */
void cols_free_list(char **v, size_t n);

#endif
