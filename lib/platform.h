/* Survey platforms, known by the header of their export: what clean needs of
 * each to turn an export into respondents.
 *
 *   LimeSurvey     submitdate (or 'Date submitted') and lastpage or
 *                  startlanguage ('Last page', 'Start language'); complete
 *                  when submitdate is not empty; personal data ipaddr,
 *                  refurl, token ('IP address', 'Referrer URL', 'Access code')
 *   Qualtrics      (CSV, or TSV in UTF-16 with a BOM) ResponseId and Finished (the current export: row 2 the
 *                  question texts, row 3 {"ImportId":...} for each column), or
 *                  V1, V2, ... whose names row 2 gives (the legacy export:
 *                  ResponseID, ..., Finished); complete when Finished is 1 or
 *                  True; personal data IPAddress, LocationLatitude,
 *                  LocationLongitude, RecipientLastName, RecipientFirstName,
 *                  RecipientEmail, ExternalReference (legacy: Name,
 *                  EmailAddress, ExternalDataReference)
 *   SoSci Survey   CASE, QUESTNNR and STARTED or FINISHED; complete when
 *                  FINISHED is 1; personal data REF, and SERIAL when it holds
 *                  anything (SoSci fills it only for a serial-number
 *                  invitation: each serial is one invitee's)
 *   Google Forms   Timestamp first; it records submitted responses only;
 *                  personal data 'Email Address'
 * An export none of these recognise gets LimeSurvey's rules, as before there
 * were platforms: completion by submitdate when it has one. */
#ifndef SVY_PLATFORM_H
#define SVY_PLATFORM_H

#include <stddef.h>
#include <stdio.h>

typedef enum {
	PLATFORM_OTHER, PLATFORM_LIMESURVEY, PLATFORM_QUALTRICS, PLATFORM_SOSCI,
	PLATFORM_GFORMS,
} platform_id;

/* How a complete response is told. */
typedef enum {
	DONE_NONEMPTY,      /* the completion column is not empty */
	DONE_TRUE,          /* the completion column is 1 or True (0, False, empty: not) */
	DONE_ALL,           /* every row is a complete response */
} done_rule;

typedef struct {
	platform_id id;
	const char *word;               /* --platform's word */
	const char *name;               /* "Qualtrics", for messages */
	const char *const *pii;         /* personal-data columns (any case), NULL-ended */
	const char *const *complete;    /* completion columns, the first found wins */
	const char *const *ids;         /* personal data when any value is not empty */
	done_rule rule;
} platform;

/* --platform's words, NULL-terminated, in platform_id order. */
extern const char *const platform_words[];

const platform *platform_get(platform_id id);

/* The platform whose header HEADER (N names) is. A legacy Qualtrics header
 * (V1, V2, ...) is told only by its second row: see platform_is_legacy. */
const platform *platform_detect(char *const *header, size_t n);

/* Does the header start V1, V2, ... as Qualtrics' legacy export's does? */
int platform_is_legacy(char *const *header, size_t n);

/* A legacy export's row 2 (V/LEN, N fields) names its V1, V2, ... (it
 * starts ResponseID): those names replace them in HEADER (allocated), the
 * texts of the other columns go to TEXTS (N, allocated; NULL: none), and 1
 * is returned; else 0. */
int platform_legacy_rename(char **header, const char *const *v, const size_t *len,
                           size_t n, char **texts);

/* The question texts of Qualtrics' second header row (V/LEN, N fields), as
 * N allocated strings. */
char **platform_texts(const char *const *v, const size_t *len, size_t n);

/* Write PATH (atomically): the header column, label, then each column of
 * HEADER (N) that KEEP marks with its text in TEXTS (NULL: none, or no
 * TEXTS); returns the labels written. */
size_t platform_write_labels(const char *path, char *const *header, char *const *texts,
                             const unsigned char *keep, size_t n);

/* Is column NAME one of P's that are personal data when not empty? */
int platform_is_id(const platform *p, const char *name);

/* FP (named NAME) as UTF-8: a file that starts with a UTF-16 byte-order
 * mark (Qualtrics' TSV export) is read whole and converted with iconv(3) into
 * a new stream (the caller closes both; malformed UTF-16 a data error
 * naming its line); any other is returned as it is. */
FILE *platform_utf8_input(FILE *fp, const char *name);

/* What a row after a Qualtrics header (NAMES; the row's N fields V/LEN, at
 * FILE:LINE) is: the question texts (ResponseId reads 'Response ID', or
 * Finished 'Finished'), the {"ImportId":...} of every column, or a response.
 * An ImportId row with another value in a column was edited: a data error. */
enum { QROW_RESPONSE, QROW_TEXTS, QROW_IMPORT };
int platform_qualtrics_row(const char *file, size_t line, char *const *names,
                           const char *const *v, const size_t *len, size_t n);

/* The platform of an export and its header rows after the first. */
typedef struct {
	const platform *plat;
	size_t header_rows;	/* the header and the platform's rows after it */
	int pending;		/* the row last read is a response, not yet taken */
	char **texts;		/* the question texts (N, allocated), or NULL */
} platform_rows;

/* Tell the platform of HEADER (N names, of FILE; FORCED a platform_id, or
 * -1: from the header) and read its header rows after the first: NEXT(CTX)
 * reads a row into V, LEN, *LINE (0 at the end). A legacy Qualtrics
 * export's names replace V1, V2, ... in HEADER. Rows that are not what the
 * platform writes there (edited header rows) are data errors. */
void platform_header_rows(platform_rows *p, int forced, const char *file, char **header,
                          size_t n, const char **v, const size_t *len, const size_t *line,
                          int (*next)(void *), void *ctx);

/* Which rows of an export are respondents' and kept: the completion column
 * and its rule, and the columns that tell a row no respondent wrote
 * (Qualtrics' Status: a survey preview, a test, spam, as its text or its
 * code; DistributionChannel: preview or test; SoSci Survey's MODE:
 * pretest). */
typedef struct {
	const char *file;
	char *const *header;
	long complete;		/* the completion column, or -1: every row complete */
	done_rule rule;
	long status, channel;	/* Qualtrics' columns, or -1 */
	long mode;		/* SoSci Survey's, or -1 */
	unsigned long long unknown;	/* rows with a Status value not known (kept) */
} platform_screen;

/* S for an export of platform P with HEADER (N names) from FILE; COMPLETE
 * and RULE as the caller found them; KEEP_PREVIEWS: no row is dropped as a
 * preview, pretest, test or spam. */
void platform_screen_init(platform_screen *s, const platform *p, const char *file,
                          char *const *header, size_t n, long complete, done_rule rule,
                          int keep_previews);

/* Why the row V/LEN (at LINE) is dropped: "preview", "pretest", "test",
 * "spam" or "incomplete"; NULL when it is kept. A Status value not known is kept,
 * with a warning for the first few. */
const char *platform_screen_row(platform_screen *s, const char *const *v,
                                const size_t *len, size_t line);

/* A DONE_TRUE flag: 1 for 1 or True, 0 for 0, False or empty (any case),
 * -1 for anything else. */
int platform_flag(const char *s, size_t n);
/* As platform_flag, anything else a data error naming FILE:LINE and COLUMN. */
int platform_done(const char *file, size_t line, const char *column, const char *s, size_t n);

#endif
