/* Error reporting and checked allocation, shared by every tool.
 *
 * Exit status: 0 success, 1 bad data or failure, 2 bad usage.
 * Messages: "svy-TOOL: what is wrong" or, for data,
 *           "svy-TOOL: FILE:LINE: column 'NAME': what is wrong (got 'VALUE')". */
#ifndef SVY_ERR_H
#define SVY_ERR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdnoreturn.h>

enum { EXIT_DATA = 1, EXIT_USAGE = 2 };

/* Name used in every message: "svy-" TOOL. */
extern char err_prog[64];

/* Set the program name to "svy-TOOL", pin SIGPIPE to its default and make
 * stdout fully buffered. Call first in main. */
void err_init(const char *tool);

/* How a fatal error ends the program: exit(STATUS) unless a fuzz harness set
 * this to a function that returns to it (longjmp); it must not return. */
extern void (*err_exit_hook)(int status);

/* Set by close_stdout: stdout is closed, messages no longer flush it. */
extern int err_stdout_closed;

/* "svy-TOOL: MSG" on stderr, exit 1. */
noreturn void die(const char *fmt, ...);
/* As die, with ": strerror(errno)" appended. */
noreturn void die_errno(const char *fmt, ...);
/* "svy-TOOL: MSG" and a hint to --help, exit 2. */
noreturn void die_usage(const char *fmt, ...);
/* A data error at FILE:LINE (LINE 0: none), in COLUMN (NULL: none), with the
 * offending VALUE quoted (NULL: none); exit 1. */
noreturn void die_at(const char *file, size_t line, const char *column,
                     const char *value, const char *fmt, ...);
/* The usage error for what getopt_long rejected: C is the '?' or ':' it
 * returned (err_init turns getopt's own messages off; give getopt_long an
 * optstring that starts with ':' so that a missing value is told apart). */
noreturn void die_bad_option(int c, char *const *argv);

/* "svy-TOOL: MSG" on stderr; execution goes on. Standard output is flushed
 * first: when that fails, the write error is reported instead (exit 1), so a
 * summary never claims success for output that was lost. */
void warn(const char *fmt, ...);
void warn_at(const char *file, size_t line, const char *column,
             const char *value, const char *fmt, ...);

/* Print "svy-TOOL (svy) VERSION" to stdout. */
void print_version(void);

/* Allocation that never returns NULL: it dies with a message instead. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of *cap elements of SIZE bytes to hold at least NEED. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Write VALUE (LEN bytes) quoted for a message: control bytes escaped, long
 * values cut with "...". Returns BUF. */
char *err_quote(char *buf, size_t bufsize, const char *value, size_t len);
/* S quoted as err_quote does (but up to 250 bytes), into one of 8 static
 * buffers used in turn:
 * for a name or value in a message, "column '%s'", err_q(name). A TAB,
 * newline or ESC in a column name never reaches the terminal raw. */
const char *err_q(const char *s);
/* As err_quote, but a long value keeps its END ("...[Sub question]"), where a
 * LimeSurvey heading has its sub-question. */
char *err_quote_tail(char *buf, size_t bufsize, const char *value, size_t len);

#endif
