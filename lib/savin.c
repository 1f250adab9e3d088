/* SPSS and Stata files for svy-clean: see savin.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "savin.h"

/* The CSV is written to memory, then read from it: no descriptor, and
 * held where the next run frees it when a data error ended this one (the
 * fuzz harness runs the tool again in one process) and where a leak
 * checker finds it. */
static char *held_buf;
static FILE *held_csv;

static void
release(void)
{
	if (held_csv)
		fclose(held_csv);
	free(held_buf);
	held_csv = NULL;
	held_buf = NULL;
}

static void
put_field(FILE *out, const char *v, int first)
{
	if (!first)
		putc(',', out);
	putc('"', out);
	for (; v && *v; v++) {
		if (*v == '"')
			putc('"', out);
		putc(*v, out);
	}
	putc('"', out);
}

static void
on_row(void *ctx, const sav_file *f, char **fields)
{
	savin *s = ctx;
	if (f->rows == 0)
		for (size_t i = 0; i < f->nvars; i++)
			put_field(s->csv, f->vars[i].name, i == 0);
	putc('\n', s->csv);
	for (size_t i = 0; i < f->nvars; i++)
		put_field(s->csv, fields[i], i == 0);
	if (s->want_codebook)
		savcb_note(&s->cb, f, fields);
}

FILE *
savin_open(savin *s, FILE *fp, const char *name)
{
	int c = getc(fp);
	FILE *in = fp;
	if (c != EOF)
		ungetc(c, fp);
	if (c != EOF && sav_may_be(c) && (in = sav_seekable(fp, name)) != fp)
		s->copy = in;
	if (c == EOF || !sav_may_be(c) || sav_kind(in, name) < 0) {
		if (s->want_codebook)
			die_usage("--codebook: %s is no SPSS or Stata file (svy-codebook "
			          "drafts a codebook from a CSV)", name);
		if (s->encoding)
			die_usage("--encoding: %s is no SPSS or Stata file (a CSV is read as "
			          "UTF-8: see --invalid-utf8)", name);
		return in;
	}
	s->is_sav = 1;
	release();
	size_t size = 0;
	if (!(s->csv = held_csv = open_memstream(&held_buf, &size)))
		die_errno("%s: open_memstream", name);
	sav_read_as(&s->f, in, name, s->encoding, SAV_MAX_STRING, on_row, s);
	if (s->f.rows == 0)
		for (size_t i = 0; i < s->f.nvars; i++)
			put_field(s->csv, s->f.vars[i].name, i == 0);
	putc('\n', s->csv);
	held_csv = NULL;
	if (fclose(s->csv) != 0)
		die_errno("%s: open_memstream", name);
	if (!(s->csv = held_csv = fmemopen(held_buf, size, "r")))
		die_errno("%s: fmemopen", name);
	return s->csv;
}

void
savin_codebook(savin *s, const char *path, const unsigned char *keep, int quiet)
{
	savcb_write(path, &s->f, &s->cb, keep, "clean", quiet);
}

void
savin_close(savin *s)
{
	if (s->csv)
		release();
	if (s->copy)
		fclose(s->copy);
	if (s->is_sav) {
		savcb_free(&s->cb);
		sav_free(&s->f);
	}
}
