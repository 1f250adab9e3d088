#include "err.h"
#include "out.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SVY_VERSION
#define SVY_VERSION "unknown"
#endif

char err_prog[64] = "svy";
void (*err_exit_hook)(int status) = NULL;
int err_stdout_closed;

static noreturn void
fatal(int status)
{
	if (err_exit_hook)
		err_exit_hook(status);
	exit(status);
}

void
err_init(const char *tool)
{
	snprintf(err_prog, sizeof err_prog, "svy-%s", tool);
	err_stdout_closed = 0;
	out_reset();
	/* A closed pipe ends the tool quietly, as with any Unix filter, even when
	 * the parent ignored SIGPIPE. */
	signal(SIGPIPE, SIG_DFL);
	opterr = 0;	/* die_bad_option names the program as svy-TOOL */
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
}

/* Write S to stderr with its control bytes escaped (TAB as \t, ESC as
 * \x1b ...): a column name or value never reaches the terminal raw, whatever
 * the message (no message holds a newline or TAB of its own). */
static void
put_escaped(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\t')
			fputs("\\t", stderr);
		else if (c == '\n')
			fputs("\\n", stderr);
		else if (c == '\r')
			fputs("\\r", stderr);
		else if (c < 0x20 || c == 0x7f)
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
}

/* FMT with AP, escaped (put_escaped). */
static void
vput(const char *fmt, va_list ap)
{
	char small[4096];
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(small, sizeof small, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	char *big = (size_t)n < sizeof small ? NULL : malloc((size_t)n + 1);
	if (big)
		vsnprintf(big, (size_t)n + 1, fmt, ap);
	put_escaped(big ? big : small);	/* cut at 4 KiB when out of memory */
	free(big);
}

static void
vmessage(const char *fmt, va_list ap, const char *suffix)
{
	if (!err_stdout_closed)
		fflush(stdout);
	fprintf(stderr, "%s: ", err_prog);
	vput(fmt, ap);
	if (suffix)
		fprintf(stderr, ": %s", suffix);
	fputc('\n', stderr);
}

noreturn void
die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap, NULL);
	va_end(ap);
	fatal(EXIT_DATA);
}

noreturn void
die_errno(const char *fmt, ...)
{
	const char *why = strerror(errno);
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap, why);
	va_end(ap);
	fatal(EXIT_DATA);
}

noreturn void
die_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap, NULL);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", err_prog);
	fatal(EXIT_USAGE);
}

noreturn void
die_bad_option(int c, char *const *argv)
{
	const char *arg = argv[optind - 1];
	if (c == ':')
		die_usage("option '%s' needs a value", arg);
	if (strncmp(arg, "--", 2) == 0) {
		const char *eq = strchr(arg, '=');
		if (eq && optopt)
			die_usage("option '%.*s' takes no value", (int)(eq - arg), arg);
		die_usage("unknown option '%s'", arg);
	}
	if (optopt)
		die_usage("unknown option '-%c'", optopt);
	die_usage("unknown option '%s'", arg);
}

/* VALUE quoted into BUF, at most SHOWN bytes of it. */
static char *
quote(char *buf, size_t bufsize, const char *value, size_t len, size_t shown)
{
	size_t o = 0;
	for (size_t i = 0; i < len && i < shown && o + 5 < bufsize; i++) {
		unsigned char c = (unsigned char)value[i];
		if (c == '\t')
			o += snprintf(buf + o, bufsize - o, "\\t");
		else if (c == '\n')
			o += snprintf(buf + o, bufsize - o, "\\n");
		else if (c == '\r')
			o += snprintf(buf + o, bufsize - o, "\\r");
		else if (c < 0x20 || c == 0x7f)
			o += snprintf(buf + o, bufsize - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	if (len > shown && o + 4 < bufsize)
		o += snprintf(buf + o, bufsize - o, "...");
	buf[o < bufsize ? o : bufsize - 1] = '\0';
	return buf;
}

char *
err_quote(char *buf, size_t bufsize, const char *value, size_t len)
{
	return quote(buf, bufsize, value, len, 60);
}

const char *
err_q(const char *s)
{
	/* a name is shown whole (to be copied), up to 250 bytes */
	static char buf[8][1024];
	static unsigned next;
	char *b = buf[next++ % 8];
	return quote(b, sizeof buf[0], s ? s : "", s ? strlen(s) : 0, 250);
}

char *
err_quote_tail(char *buf, size_t bufsize, const char *value, size_t len)
{
	static const size_t shown = 60;
	if (len <= shown || bufsize < 8)
		return err_quote(buf, bufsize, value, len);
	size_t from = len - shown;
	/* start on a character, not inside a UTF-8 sequence */
	while (from < len && ((unsigned char)value[from] & 0xc0) == 0x80)
		from++;
	memcpy(buf, "...", 3);
	err_quote(buf + 3, bufsize - 3, value + from, len - from);
	return buf;
}

static void
vmessage_at(const char *file, size_t line, const char *column,
            const char *value, const char *fmt, va_list ap)
{
	char q[512];
	if (!err_stdout_closed)
		fflush(stdout);
	fprintf(stderr, "%s: ", err_prog);
	if (file)
		put_escaped(file);
	if (file && line)
		fprintf(stderr, ":%zu: ", line);
	else if (file)
		fputs(": ", stderr);
	if (column)
		fprintf(stderr, "column '%s': ",
		        err_quote(q, sizeof q, column, strlen(column)));
	vput(fmt, ap);
	if (value)
		fprintf(stderr, " (got '%s')", err_quote(q, sizeof q, value, strlen(value)));
	fputc('\n', stderr);
}

noreturn void
die_at(const char *file, size_t line, const char *column, const char *value,
       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage_at(file, line, column, value, fmt, ap);
	va_end(ap);
	fatal(EXIT_DATA);
}

/* A warning (a tool's summary above all) is never printed after its output
 * failed: the write error is reported instead, with the reason the system
 * gave ("No space left on device", not a later "Success"). */
static void
check_stdout(void)
{
	if (err_stdout_closed)
		return;
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	if (errno == EPIPE)
		fatal(EXIT_DATA);	/* quietly: the reader has gone */
	if (errno == 0)
		errno = EIO;
	die_errno("<stdout>: write error");
}

void
warn(const char *fmt, ...)
{
	check_stdout();
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap, NULL);
	va_end(ap);
}

void
warn_at(const char *file, size_t line, const char *column, const char *value,
        const char *fmt, ...)
{
	check_stdout();
	va_list ap;
	va_start(ap, fmt);
	vmessage_at(file, line, column, value, fmt, ap);
	va_end(ap);
}

void
print_version(void)
{
	printf("%s (svy) %s\n", err_prog, SVY_VERSION);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 8;
	while (c < need) {
		if (c > ((size_t)-1 / 2) / size)
			die("out of memory (%zu elements)", need);
		c *= 2;
	}
	*cap = c;
	return xrealloc(p, c * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
