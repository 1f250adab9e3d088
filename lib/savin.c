/* SPSS and Stata files for svy-clean: see savin.h. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "savin.h"

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
		return in;
	}
	s->is_sav = 1;
	if (!(s->csv = tmpfile()))
		die_errno("cannot create a temporary file for %s", name);
	sav_read(&s->f, in, name, SAV_MAX_STRING, on_row, s);
	if (s->f.rows == 0)
		for (size_t i = 0; i < s->f.nvars; i++)
			put_field(s->csv, s->f.vars[i].name, i == 0);
	putc('\n', s->csv);
	if (fflush(s->csv) != 0 || ferror(s->csv) || fseeko(s->csv, 0, SEEK_SET) != 0)
		die_errno("%s: writing a temporary file", name);
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
		fclose(s->csv);
	if (s->copy)
		fclose(s->copy);
	if (s->is_sav) {
		savcb_free(&s->cb);
		sav_free(&s->f);
	}
}
