/* The tables of svy-tally: counts and shares of levels (long and wide),
 * statistics of numeric columns per group, and crosstabs of two columns with
 * their chi-square test. The tool reads the options and the rows; these
 * put the levels in order and write the tables. */
#ifndef SVY_TALLY_H
#define SVY_TALLY_H

#include <stddef.h>

#include "codebook.h"
#include "levels.h"
#include "tsv.h"

/* The statistics of --stats, in the order of their names. */
enum tally_stat { TALLY_N, TALLY_MEAN, TALLY_SD, TALLY_MEDIAN, TALLY_Q1, TALLY_Q3, TALLY_IQR,
                  TALLY_MIN, TALLY_MAX, TALLY_NSTATS };
extern const char *const tally_stat_names[];	/* NULL-terminated */

/* A growing array of doubles: one group's values of one variable. */
typedef struct {
	double *x;
	size_t n, cap;
} tally_vec;

typedef struct {
	size_t col;
	levels lv;		/* levels seen, counted */
	size_t missing;
	tally_vec *val;		/* --by: level-major, NVAR per level */
	size_t vallevels;
} tally_col;

/* Everything the options say. */
typedef struct {
	char **cols, **by, **levels, **labels, **cross;
	size_t ncols, nby, nlevels, nlabels, ncross;
	const char *codebook_path;
	long ddof, max_levels;
	int wide, multiple, with_missing, quiet, chi2, yates, expected;
	enum tally_stat stats[TALLY_NSTATS];
	size_t nstats;
	codebook *cb;
} tally_opts;

/* A crosstab: the counts of the pairs of levels, with their margins. */
typedef struct {
	levels row, col;
	double *n;		/* row-major, row.n x col.n */
	double *rsum, *csum, total;
	size_t left_out;	/* rows with either value missing */
} tally_xtab;

/* Put LV (the levels of COLUMN) in the order the options say (0/1 for
 * --multiple, --levels, the codebook's scale, else by value); returns MAP
 * (old index -> new), allocated. A level outside --levels or the scale is
 * an error. */
size_t *tally_order_levels(levels *lv, const char *column, const tsv_reader *r,
                           const tally_opts *o);

/* The long (column, level, n, share) and wide (column, n, share_LEVEL...)
 * tables of the NCOLS columns T of NROWS rows; each returns how many columns
 * had no answer (their shares left empty). */
size_t tally_write_long(tsv_writer *out, const tsv_reader *r, tally_col *t, size_t ncols,
                        size_t nrows, const tally_opts *o);
size_t tally_write_wide(tsv_writer *out, const tsv_reader *r, tally_col *t, size_t ncols,
                        size_t nrows, const tally_opts *o);

/* The --stats of the NVAR variables VARS per level of each group column T;
 * a statistic beyond the range of numbers is an error before anything is
 * written. */
void tally_write_by(tsv_writer *out, const tsv_reader *r, tally_col *t, size_t ncols,
                    const size_t *vars, size_t nvar, const tally_opts *o);

/* Read the rest of R into X, the crosstab of columns CC[0] (rows) and CC[1]
 * (columns), levels in order; *NROWS counts the rows read. */
void tally_cross_count(tsv_reader *r, const size_t cc[2], tally_xtab *x, const tally_opts *o,
                       size_t *nrows);

/* The crosstab X, long (with shares and, by option, expected counts) or
 * wide; or its chi-square test of independence (lib/htest). */
void tally_write_cross(tsv_writer *out, const tsv_reader *r, const size_t cc[2],
                       const tally_xtab *x, const tally_opts *o);
void tally_write_chi2(tsv_writer *out, const tsv_reader *r, const size_t cc[2],
                      const tally_xtab *x, const tally_opts *o);

void tally_xtab_free(tally_xtab *x);

#endif
