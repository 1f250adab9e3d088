#include "tsv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"

FILE *
tsv_fopen_in(const char *path)
{
	if (strcmp(path, "-") == 0)
		return stdin;
	FILE *fp = fopen(path, "r");
	if (!fp)
		die_errno("%s", path);
	return fp;
}

/* Read one physical line without its LF (and a CR before it). 0 at EOF. */
static int
read_line(tsv_reader *r)
{
	errno = 0;
	r->linelen = getline(&r->line, &r->linecap, r->fp);
	if (r->linelen < 0) {
		if (ferror(r->fp))
			die_errno("%s: read error", r->name);
		return 0;
	}
	r->lineno++;
	if (r->linelen > 0 && r->line[r->linelen - 1] == '\n')
		r->line[--r->linelen] = '\0';
	if (r->linelen > 0 && r->line[r->linelen - 1] == '\r')
		r->line[--r->linelen] = '\0';
	if (memchr(r->line, '\0', (size_t)r->linelen))
		die_at(r->name, r->lineno, NULL, NULL, "NUL byte in input");
	return 1;
}

/* Split the line on TABs into r->f, growing f, flen and unesc together. */
static void
split_fields(tsv_reader *r)
{
	char *p = r->line, *end = r->line + r->linelen;
	r->nf = 0;
	for (;;) {
		if (r->nf == r->fcap) {
			size_t cap = r->fcap;
			r->f = xgrow(r->f, &cap, r->nf + 1, sizeof *r->f);
			r->flen = xrealloc(r->flen, cap * sizeof *r->flen);
			r->unesc = xrealloc(r->unesc, cap);
			r->fcap = cap;
		}
		char *tab = memchr(p, '\t', (size_t)(end - p));
		char *stop = tab ? tab : end;
		*stop = '\0';
		r->flen[r->nf] = (size_t)(stop - p);
		r->f[r->nf++] = p;
		if (!tab)
			break;
		p = tab + 1;
	}
	memset(r->unesc, 0, r->nf);
}

static size_t
unescape(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p == '\\' && p[1]) {
			switch (p[1]) {
			case 't': *o++ = '\t'; p++; continue;
			case 'n': *o++ = '\n'; p++; continue;
			case 'r': *o++ = '\r'; p++; continue;
			case '\\': *o++ = '\\'; p++; continue;
			}
		}
		*o++ = *p;
	}
	*o = '\0';
	return (size_t)(o - s);
}

void
tsv_open(tsv_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->name = name;
	if (!read_line(r))
		die_at(name, 0, NULL, NULL, "empty input: no header row");
	if (r->linelen >= 3 && memcmp(r->line, "\xEF\xBB\xBF", 3) == 0) {
		memmove(r->line, r->line + 3, (size_t)r->linelen - 2);
		r->linelen -= 3;
	}
	split_fields(r);
	r->ncols = r->nf;
	r->header = xmalloc(r->ncols * sizeof *r->header);
	for (size_t i = 0; i < r->ncols; i++) {
		r->header[i] = xstrdup(r->f[i]);
		unescape(r->header[i]);
	}
	r->nf = 0;
}

int
tsv_next_lenient(tsv_reader *r)
{
	if (!read_line(r))
		return 0;
	split_fields(r);
	return 1;
}

int
tsv_next(tsv_reader *r)
{
	if (!tsv_next_lenient(r))
		return 0;
	if (r->nf != r->ncols)
		die_at(r->name, r->lineno, NULL, NULL,
		       "row has %zu field%s, header has %zu", r->nf,
		       r->nf == 1 ? "" : "s", r->ncols);
	return 1;
}

const char *
tsv_get(tsv_reader *r, size_t i)
{
	if (!r->unesc[i]) {
		if (memchr(r->f[i], '\\', r->flen[i]))
			r->flen[i] = unescape(r->f[i]);
		r->unesc[i] = 1;
	}
	return r->f[i];
}

int
tsv_number(tsv_reader *r, size_t i, double *x)
{
	const char *s = tsv_get(r, i);
	enum num_status st = num_parse(s, x);
	if (st == NUM_EMPTY)
		return 0;
	if (st != NUM_OK)
		die_at(r->name, r->lineno, r->header[i], s, "%s", num_strerror(st));
	return 1;
}

void
tsv_free(tsv_reader *r)
{
	for (size_t i = 0; i < r->ncols; i++)
		free(r->header[i]);
	free(r->header);
	free(r->f);
	free(r->flen);
	free(r->unesc);
	free(r->line);
	memset(r, 0, sizeof *r);
}

/* ---- writing ---- */

void
tsvw_init(tsv_writer *w, FILE *fp, const char *name)
{
	w->fp = fp;
	w->name = name;
	w->nf = 0;
}

void
tsvw_open(tsv_writer *w, const char *path)
{
	FILE *fp = fopen(path, "w");
	if (!fp)
		die_errno("%s", path);
	tsvw_init(w, fp, path);
}

static void
separate(tsv_writer *w)
{
	if (w->nf++)
		putc('\t', w->fp);
}

void
tsvw_strn(tsv_writer *w, const char *s, size_t n)
{
	separate(w);
	const char *run = s, *end = s + n;
	for (const char *p = s; p < end; p++) {
		const char *esc;
		switch (*p) {
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\\': esc = "\\\\"; break;
		default: continue;
		}
		fwrite(run, 1, (size_t)(p - run), w->fp);
		fwrite(esc, 1, 2, w->fp);
		run = p + 1;
	}
	fwrite(run, 1, (size_t)(end - run), w->fp);
}

void
tsvw_str(tsv_writer *w, const char *s)
{
	tsvw_strn(w, s ? s : "", s ? strlen(s) : 0);
}

void
tsvw_raw(tsv_writer *w, const char *s, size_t n)
{
	separate(w);
	fwrite(s, 1, n, w->fp);
}

void
tsvw_copy(tsv_writer *w, const tsv_reader *r, size_t i)
{
	if (r->unesc[i])
		tsvw_strn(w, r->f[i], r->flen[i]);
	else
		tsvw_raw(w, r->f[i], r->flen[i]);
}

void
tsvw_copy_row(tsv_writer *w, const tsv_reader *r)
{
	for (size_t i = 0; i < r->nf; i++)
		tsvw_copy(w, r, i);
}

void
tsvw_header(tsv_writer *w, const tsv_reader *r)
{
	for (size_t i = 0; i < r->ncols; i++)
		tsvw_str(w, r->header[i]);
}

void
tsvw_num(tsv_writer *w, double x)
{
	char buf[NUM_BUFSIZE];
	const char *s = num_format(buf, x);
	tsvw_raw(w, s, strlen(s));
}

void
tsvw_int(tsv_writer *w, long long x)
{
	separate(w);
	fprintf(w->fp, "%lld", x);
}

static noreturn void
write_failed(const char *name)
{
	if (errno == EPIPE)
		exit(EXIT_DATA);	/* quietly: the reader has gone */
	die_errno("%s: write error", name);
}

void
tsvw_end(tsv_writer *w)
{
	putc('\n', w->fp);
	w->nf = 0;
	if (ferror(w->fp))
		write_failed(w->name);
}

void
tsvw_close(tsv_writer *w)
{
	if (w->fp == stdout) {
		close_stdout();
		return;
	}
	if (fflush(w->fp) != 0 || ferror(w->fp) || fclose(w->fp) != 0)
		write_failed(w->name);
	w->fp = NULL;
}

void
close_stdout(void)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		write_failed("<stdout>");
	if (fclose(stdout) != 0)
		write_failed("<stdout>");
}
