/* SPSS (.sav, .zsav) and Stata (.dta) files, read through ReadStat (no
 * parser of our own), and the names, dates and labels both tools share.
 *
 * A file is read in one pass: its dictionary (variables, variable labels,
 * value-label sets) is kept, its rows are handed over one at a time, each
 * field already in svy's form:
 *   - a number as num_format writes it;
 *   - a date (SPSS DATE, ADATE, EDATE, JDATE, SDATE, MOYR, QYR, WKYR;
 *     Stata %td) as YYYY-MM-DD, a date and time (SPSS DATETIME, YMDHMS;
 *     Stata %tc, %tC) as YYYY-MM-DDTHH:MM:SS, with the fraction of a second
 *     when there is one (a date with a time of day gets it too);
 *   - text as it is (UTF-8; ReadStat converts from the file's encoding);
 *   - a missing value (SPSS system-missing and user-missing, Stata's . and
 *     .a to .z) as NULL: the field is empty.
 * Any problem is a data error naming the file, and the variable and row
 * where there is one. ReadStat is never left by a fatal error from inside
 * one of its callbacks: they record what is wrong and stop the parse. */
#ifndef SVY_SAV_H
#define SVY_SAV_H

#include <stddef.h>
#include <stdio.h>

enum sav_kind { SAV_NUMBER, SAV_TEXT, SAV_DATE, SAV_DATETIME };
enum sav_format { SAV_SAV, SAV_DTA };

/* The longest text value (bytes) read by default: SPSS's own limit. */
enum { SAV_MAX_STRING = 32767 };

typedef struct {
	double value;		/* a numeric variable's value */
	char *key;		/* a string variable's value (NULL: numeric) */
	char *label;
} sav_vlabel;

typedef struct {
	char *name;		/* the file's name for the set ("labels0") */
	sav_vlabel *v;
	size_t n, cap;
} sav_labelset;

typedef struct {
	char *name;
	char *label;		/* the variable label, "" when none */
	char *format;		/* the display format ("F8.2", "DATE11", "%td") */
	char *labelset;		/* the name of its value labels, NULL: none */
	int kind;		/* enum sav_kind */
	char *missing;		/* the user-missing values as text ("-9, 99"), or NULL */
} sav_var;

typedef struct sav_file_s sav_file;

/* A row callback: FIELDS[i] is variable i's field (NULL: missing). */
typedef void sav_row_fn(void *ctx, const sav_file *f, char **fields);

struct sav_file_s {
	const char *name;	/* the file, for messages */
	int format;		/* enum sav_format */
	sav_var *vars;
	size_t nvars, varcap;
	sav_labelset *sets;
	size_t nsets, setcap;
	long declared_rows;	/* the row count in the header; -1: not given */
	size_t rows;		/* rows read */
	size_t missing;		/* values written empty */
	size_t user_missing;	/* of those, SPSS user-missing or Stata .a-.z */
	size_t max_string;	/* longer text is an error */
	const char *encoding;	/* the file's character set, NULL: what it says */

	/* while reading */
	char **cells;
	long row_at;
	size_t partial;		/* variables of the current row read so far */
	sav_row_fn *on_row;
	void *ctx;
	char err[512];		/* what a callback found wrong */
	char err_var[128];
	char rs_err[256];	/* ReadStat's own message */
};

/* Read the SPSS or Stata file FP (named NAME; any kind of stream: one that
 * cannot seek is copied to a temporary file first) into F, calling ON_ROW
 * for each row. The kind of file is told by its first bytes, not its name:
 * anything else (an empty file, a CSV) is a data error saying what it is. */
void sav_read(sav_file *f, FILE *fp, const char *name, size_t max_string,
              sav_row_fn *on_row, void *ctx);
/* As sav_read, the text read as ENCODING ("ISO-8859-1", an iconv name)
 * whatever the file says (NULL: what it says). */
void sav_read_as(sav_file *f, FILE *fp, const char *name, const char *encoding,
                 size_t max_string, sav_row_fn *on_row, void *ctx);
void sav_free(sav_file *f);

/* FP itself when it can seek, else a copy of it in a temporary file (at
 * its start), which the caller closes. */
FILE *sav_seekable(FILE *fp, const char *name);
/* Could a file starting with byte C be an SPSS or Stata file? ('$', '<',
 * or an old Stata version byte: a quick look before a stream is copied.) */
int sav_may_be(int c);
/* What the first bytes of the seekable FP say it is: SAV_SAV, SAV_DTA, or
 * -1: neither. FP is left at its start. */
int sav_kind(FILE *fp, const char *name);

/* The value labels of variable V, or NULL. */
const sav_labelset *sav_labels_of(const sav_file *f, const sav_var *v);

/* Seconds since 1582-10-14 (SPSS) as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.f]
 * (DATE_ONLY: the time left out when it is midnight). Returns 0, or -1
 * when X is no date from year 1 to 9999. BUF holds 40 bytes. */
int sav_iso_from_spss(char *buf, double x, int date_only);

/* ISO text as seconds since 1582-10-14: "YYYY-MM-DD" (*KIND SAV_DATE) or
 * "YYYY-MM-DDTHH:MM:SS[.f]" (SAV_DATETIME). Returns 0, or -1 when S is
 * neither (or no such day). */
int sav_spss_from_iso(const char *s, double *x, int *kind);

#endif
