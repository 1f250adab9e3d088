/* clean: a survey's CSV export in (LimeSurvey, Qualtrics, SoSci Survey, Google
 * Forms, any CSV), the project's TSV out; incomplete responses and personal
 * data removed, nothing else changed. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "cols.h"
#include "csvcheck.h"
#include "email.h"
#include "err.h"
#include "opt.h"
#include "platform.h"
#include "savin.h"
#include "sbuf.h"
#include "tsv.h"

/* Why a column is removed. */
enum removal { KEEP = 0, PII_META, PII_EMAIL_NAME, PII_EMAIL_VALUES, PII_OPTION, NREASONS };
static const char *removal_why[NREASONS] = {
	"", "personal data", "e-mail, by name", "e-mail, by values", "--pii",
};

enum { WARN_EMAILS_SHOWN = 10, REMOVED_SHOWN = 12 };

struct opts {
	int delim;
	const char *complete_col;
	int keep_incomplete, keep_previews;
	char **pii;
	size_t npii;
	char **keep;		/* --keep-pii */
	size_t nkeep;
	int platform;		/* --platform, or -1: from the header */
	long scan_rows;
	char **na;
	size_t nna;
	size_t *nalen;
	int replace_utf8;
	int rename_dups;
	const char *labels;	/* --labels FILE */
	const char *codebook;	/* --codebook FILE */
	const char *encoding;	/* --encoding NAME (SPSS, Stata) */
};

/* One row as the tool sees it: field pointers and lengths for every input
 * column, and the line where the record starts. */
struct row {
	const char **v;
	size_t *len;
	size_t line;
};

struct clean {
	const struct opts *o;
	const char *name;
	const char *rejects;	/* -r FILE, or NULL */
	csvcheck ck;		/* the export's records, checked */
	size_t ncols;
	char **header;
	size_t header_line;
	const platform *plat;
	size_t header_rows;	/* the header and the platform's rows after it */
	int pending;		/* c->row holds a row read but not yet taken */
	long complete;		/* completion column, or -1 */
	done_rule rule;
	platform_screen screen;	/* which rows are kept, and why not */
	enum removal *removed;	/* per input column */
	enum removal *keep;	/* per input column: why it would go, kept by --keep-pii */
	size_t nout;		/* columns written */
	int check_emails;	/* empty e-mail-looking values in kept columns */
	char **texts;		/* Qualtrics' question texts, or NULL */
	size_t nlabels;		/* written to --labels */
	long serial;		/* an identifier column kept empty (SoSci's SERIAL), or -1 */

	struct row row;

	tsv_writer out, rej;
	int rejecting;

	unsigned long long nread, kept, dropped, emptied, previews;
	unsigned long long serials, minus9;	/* SoSci: emptied, and -9 written */
};

enum {
	OPT_DELIMITER = 'd', OPT_COMPLETE = CLI_OWN, OPT_KEEP_INCOMPLETE, OPT_PII,
	OPT_KEEP_PII, OPT_SCAN_ROWS, OPT_NA, OPT_INVALID_UTF8, OPT_RENAME_DUPS,
	OPT_PLATFORM, OPT_LABELS, OPT_ENCODING, OPT_KEEP_PREVIEWS, OPT_CODEBOOK = 'b',
};

static const cli_opt own[] = {
	{OPT_DELIMITER, "delimiter", 'd', "C",
	 "',' ';' or 'tab' (default: detected from the header\n"
	 "line, the most frequent of , ; TAB outside quotes;\n"
	 "LimeSurvey's API exports use ';')"},
	{OPT_PLATFORM, "platform", 0, "NAME",
	 "the survey platform: limesurvey, qualtrics, sosci,\n"
	 "google-forms or other (default: told by the header)"},
	{OPT_LABELS, "labels", 0, "FILE",
	 "write Qualtrics' question texts to FILE (columns\n"
	 "column, label) for svy-codebook --labels"},
	{OPT_CODEBOOK, "codebook", 'b', "FILE",
	 "an SPSS or Stata file's value labels to FILE, as\n"
	 "svy-import --codebook writes them (kept columns)"},
	{OPT_ENCODING, "encoding", 0, "NAME", "an SPSS or Stata file's text read as NAME\n"
	 "(ISO-8859-1, WINDOWS-1252, ...), whatever it says"},
	{OPT_COMPLETE, "complete-column", 0, "NAME",
	 "a response is complete when NAME is not empty\n"
	 "(default: the platform's, below; without it, every\n"
	 "row is kept)"},
	{OPT_KEEP_INCOMPLETE, "keep-incomplete", 0, NULL, "keep incomplete responses too"},
	{OPT_KEEP_PREVIEWS, "keep-previews", 0, NULL,
	 "keep Qualtrics' previews, tests and spam (Status,\nDistributionChannel) and SoSci's pretests (MODE) too"},
	{OPT_PII, "pii", 0, "NAME",
	 "also remove column NAME as personal data; repeat for\n"
	 "several; shell globs match several columns"},
	{OPT_KEEP_PII, "keep-pii", 0, "NAME",
	 "keep column NAME although it is personal data, and\n"
	 "empty no value in it; repeat for several; globs\n"
	 "('*': remove no column, empty no value)"},
	{OPT_SCAN_ROWS, "scan-rows", 0, "N",
	 "rows read ahead to find e-mail columns by their\n"
	 "values (default 5000; 0: none)"},
	{OPT_NA, "na", 0, "TEXT",
	 "TEXT stands for a missing value and is written\n"
	 "empty; repeat for several (default: only an empty\n"
	 "field is missing; NA, N/A, None are data)"},
	{OPT_INVALID_UTF8, "invalid-utf8", 0, "MODE",
	 "error (default): invalid UTF-8 is a data error;\n"
	 "replace: each invalid sequence becomes U+FFFD, as\n"
	 "Python's errors='replace'"},
	{OPT_RENAME_DUPS, "rename-duplicates", 0, NULL,
	 "a column name seen before gets '.1', '.2', ...\n"
	 "appended (as pandas and R's make.unique) instead\n"
	 "of being an error"},
	{0},
};

static const cli_tool tool = {
	.name = "clean",
	.synopsis = "[OPTION]... [FILE]",
	.about = "Turn a survey's CSV export (LimeSurvey, Qualtrics, SoSci Survey, Google\n"
	         "Forms, or any CSV) into TSV: drop incomplete responses and personal-data\n"
	         "columns, check the encoding, change nothing else. An SPSS (.sav, .zsav)\n"
	         "or Stata (.dta) export, told by its first bytes, is read as svy-import\n"
	         "reads it, then cleaned by the same rules.\n"
	         "Reads FILE or standard input ('-'), writes TSV to standard output.",
	.epilog = "Platforms, as the summary names them: LimeSurvey (complete: submitdate not\n"
	          "empty; personal data ipaddr, refurl, token), Qualtrics (its 2nd and 3rd header\n"
	          "rows skipped; complete: Finished 1 or True; previews, tests and spam dropped\n"
	          "by Status; personal data IPAddress, Location*, Recipient*, ExternalReference;\n"
	          "its TSV export, UTF-16, is converted), SoSci Survey (complete: FINISHED 1;\n"
	          "pretests dropped by MODE; REF, and SERIAL when it holds serials), Google\n"
	          "Forms (every row submitted; 'Email Address'). Also removed: any column\n"
	          "whose name says e-mail (email, e-mail, mail address) and any column where most\n"
	          "values read ahead are e-mail addresses. Any other value holding an e-mail\n"
	          "address is emptied, with a warning. CSV: RFC 4180 quoting; a BOM, CRLF line\n"
	          "ends and blank lines are accepted; a ragged row, bad quoting (also a quote\n"
	          "inside an unquoted field), a NUL byte or duplicate column names are data errors.",
	.common = CLI_REJECTS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
};

/* ---- reading ---- */

/* Read the next record into c->row, checked, --na values emptied; 0 at the
 * end of the input. */
static int
read_row(struct clean *c)
{
	if (!csvcheck_row(&c->ck, c->header, c->ncols, c->row.v, c->row.len, &c->row.line))
		return 0;
	for (size_t k = 0; k < c->o->nna; k++)
		for (size_t i = 0; i < c->ncols; i++)
			if (c->row.len[i] == c->o->nalen[k] &&
			    memcmp(c->row.v[i], c->o->na[k], c->o->nalen[k]) == 0)
				c->row.len[i] = 0;
	return 1;
}

/* ---- the platform and its header rows ---- */

/* The next row: the one a header check read and left, or a new one. */
static int
next_row(struct clean *c)
{
	if (c->pending) {
		c->pending = 0;
		return 1;
	}
	return read_row(c);
}

static int
next_record(void *c)
{
	return read_row(c);
}

static void
read_header(struct clean *c)
{
	c->ncols = csvcheck_header(&c->ck, &c->header);
	c->header_line = c->ck.header_line;
	c->row.v = xmalloc(c->ncols * sizeof *c->row.v);
	c->row.len = xmalloc(c->ncols * sizeof *c->row.len);
	c->removed = xcalloc(c->ncols, sizeof *c->removed);
	c->keep = xcalloc(c->ncols, sizeof *c->keep);
	platform_rows pr;
	platform_header_rows(&pr, c->o->platform, c->name, c->header, c->ncols, c->row.v,
	                     c->row.len, &c->row.line, next_record, c);
	c->plat = pr.plat;
	c->header_rows = pr.header_rows;
	c->pending = pr.pending;
	c->texts = pr.texts;
	csvcheck_unique(&c->ck, c->header, c->ncols, c->o->rename_dups);
}

/* The completion column: --complete-column (not empty), else the platform's. */
static void
find_complete(struct clean *c, tsv_reader *hr)
{
	const struct opts *o = c->o;
	c->complete = -1;
	c->rule = DONE_NONEMPTY;
	if (o->complete_col) {
		c->complete = (long)cols_require(hr, o->complete_col);
		return;
	}
	c->rule = c->plat->rule;
	for (const char *const *n = c->plat->complete; c->complete < 0 && *n; n++)
		c->complete = cols_find(hr, *n);
	if (c->complete < 0 && o->platform > PLATFORM_OTHER && c->plat->complete[0] &&
	    !o->keep_incomplete)
		die_at(c->name, c->header_line, c->plat->complete[0], NULL, "not in the header, "
		       "which a %s export has (--complete-column names another)", c->plat->name);
}

/* --keep-pii: those columns stay, and none of their values is emptied. */
static void
keep_columns(struct clean *c, tsv_reader *hr)
{
	size_t *idx, n = cols_expand(hr, c->o->keep, c->o->nkeep, &idx);
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		if (c->removed[i] == PII_OPTION) {
			free(idx);
			die_usage("column '%s': --pii and --keep-pii contradict each other",
			          c->header[i]);
		}
		c->keep[i] = c->removed[i] ? c->removed[i] : NREASONS;
		c->removed[i] = KEEP;
	}
	free(idx);
}

static void
find_columns(struct clean *c)
{
	const struct opts *o = c->o;
	/* a tsv_reader holding just the header, for the shared column lookup */
	tsv_reader hr = {.name = c->name, .ncols = c->ncols, .header = c->header};
	find_complete(c, &hr);
	platform_screen_init(&c->screen, c->plat, c->name, c->header, c->ncols,
	                     o->keep_incomplete ? -1 : c->complete, c->rule, o->keep_previews);
	for (size_t i = 0; i < c->ncols; i++) {
		for (const char *const *n = c->plat->pii; *n; n++)
			if (strcasecmp(c->header[i], *n) == 0)
				c->removed[i] = PII_META;
		if (!c->removed[i] && email_in_name(c->header[i]))
			c->removed[i] = PII_EMAIL_NAME;
	}
	if (o->npii) {
		size_t *idx, n = cols_expand(&hr, o->pii, o->npii, &idx);
		for (size_t k = 0; k < n; k++)
			if (!c->removed[idx[k]])
				c->removed[idx[k]] = PII_OPTION;
		free(idx);
	}
	if (o->nkeep)
		keep_columns(c, &hr);
	for (size_t i = 0; i < c->ncols; i++)
		c->check_emails |= !c->keep[i];
}

/* ---- the look-ahead ---- */

/* Columns where most non-empty values read ahead are e-mail addresses. */
static void
find_email_columns(struct clean *c, const csvheld *la)
{
	size_t *nonempty = xcalloc(c->ncols, sizeof *nonempty);
	size_t *emails = xcalloc(c->ncols, sizeof *emails);
	for (size_t k = 0; k < la->nrows; k++) {
		csvheld_get(la, k, c->row.v, c->row.len, &c->row.line);
		for (size_t i = 0; i < c->ncols; i++)
			if (c->row.len[i] && !c->removed[i] && !c->keep[i]) {
				nonempty[i]++;
				emails[i] += email_is_address(c->row.v[i], c->row.len[i]);
			}
	}
	for (size_t i = 0; i < c->ncols; i++) {
		if (emails[i] > 0 && 2 * emails[i] > nonempty[i])
			c->removed[i] = PII_EMAIL_VALUES;
		/* SoSci's SERIAL: removed when it holds serials, else kept (empty) */
		if (!c->removed[i] && !c->keep[i] && platform_is_id(c->plat, c->header[i])) {
			if (nonempty[i])
				c->removed[i] = PII_META;
			else
				c->serial = (long)i;
		}
	}
	free(nonempty);
	free(emails);
}

/* ---- writing ---- */

static void
write_header(struct clean *c, tsv_writer *w, int reason)
{
	for (size_t i = 0; i < c->ncols; i++)
		if (!c->removed[i])
			tsvw_str(w, c->header[i]);
	if (reason)
		tsvw_str(w, "reason");
	tsvw_end(w);
}

static void
emit(struct clean *c, const struct row *r)
{
	c->nread++;
	const char *why = platform_screen_row(&c->screen, r->v, r->len, r->line);
	int drop = why != NULL;
	c->previews += drop && strcmp(why, "incomplete") != 0;
	tsv_writer *w = drop ? &c->rej : &c->out;
	if (drop) {
		c->dropped++;
		if (!c->rejecting)
			return;
	} else {
		c->kept++;
	}
	for (size_t i = 0; i < c->ncols; i++) {
		if (c->removed[i])
			continue;
		c->minus9 += c->plat->id == PLATFORM_SOSCI && r->len[i] == 2 &&
		             memcmp(r->v[i], "-9", 2) == 0;
		if ((long)i == c->serial && r->len[i]) {
			if (c->serials++ < WARN_EMAILS_SHOWN)
				warn_at(c->name, r->line, c->header[i], NULL, "an identifier after "
				        "the rows read ahead, which had none: written empty");
			tsvw_strn(w, "", 0);
			continue;
		}
		if (!c->keep[i] && r->len[i] && email_in_text(r->v[i], r->len[i])) {
			if (c->emptied++ < WARN_EMAILS_SHOWN)
				warn_at(c->name, r->line, c->header[i], NULL,
				        "value with an e-mail address removed (written empty); "
				        "--pii '%s' removes the column", c->header[i]);
			else if (c->emptied == WARN_EMAILS_SHOWN + 1)
				warn("further e-mail addresses are removed without a warning each");
			tsvw_strn(w, "", 0);
			continue;
		}
		tsvw_strn(w, r->v[i], r->len[i]);
	}
	if (drop)
		tsvw_str(w, why);
	tsvw_end(w);
}

/* --labels and --codebook: of the columns written. */
static void
write_extras(struct clean *c, savin *sv, int quiet)
{
	unsigned char *keep = xcalloc(c->ncols, 1);
	for (size_t i = 0; i < c->ncols; i++)
		keep[i] = !c->removed[i];
	if (c->o->labels)
		c->nlabels = platform_write_labels(c->o->labels, c->header, c->texts, keep,
		                                   c->ncols);
	if (c->o->codebook)
		savin_codebook(sv, c->o->codebook, keep, quiet);
	free(keep);
}

/* ---- the summary ---- */

/* Why rows were kept or dropped. */
static void
add_completion(sbuf *l, const struct clean *c)
{
	if (c->complete < 0 && c->rule == DONE_ALL)
		sbuf_addf(l, " (%s records submitted responses only: every row kept", c->plat->name);
	else if (c->complete < 0)
		sbuf_addf(l, " (no %s column and no --complete-column: every row kept",
		    c->plat->complete[0]);
	else if (c->o->keep_incomplete)
		sbuf_addf(l, " (--keep-incomplete");
	else
		sbuf_addf(l, " (incomplete: '%s' %s", c->header[c->complete],
		    c->rule == DONE_TRUE ? "not 1 or True" : "empty");
	if (c->previews)
		sbuf_addf(l, "; %llu a preview, pretest, test or spam by '%s'",
		          c->previews, c->header[c->screen.status >= 0 ? c->screen.status :
		                                 c->screen.mode >= 0 ? c->screen.mode : c->screen.channel]);
	sbuf_add(l, ")");
}

/* The columns removed, by reason, the first REMOVED_SHOWN named. */
static void
add_removed(sbuf *l, const struct clean *c)
{
	size_t shown = 0, nremoved = 0;
	for (size_t i = 0; i < c->ncols; i++)
		nremoved += c->removed[i] != KEEP;
	if (nremoved)
		sbuf_addf(l, "; removed %zu of %zu columns:", nremoved, c->ncols);
	for (int why = 1; why < NREASONS; why++) {
		size_t inwhy = 0;
		for (size_t i = 0; i < c->ncols && shown < REMOVED_SHOWN; i++)
			if (c->removed[i] == (enum removal)why) {
				sbuf_addf(l, "%s'%s'", shown++ ? ", " : " ", c->header[i]);
				inwhy++;
			}
		if (inwhy)
			sbuf_addf(l, " (%s)", removal_why[why]);
	}
	if (nremoved > shown)
		sbuf_addf(l, " and %zu more", nremoved - shown);
	for (size_t i = 0, n = 0; i < c->ncols; i++)
		if (c->keep[i] && c->keep[i] != NREASONS)
			sbuf_addf(l, "%s'%s'", n++ ? ", " : "; kept by --keep-pii: ", c->header[i]);
}

static void
summarize(const struct clean *c)
{
	sbuf l = {0};
	if (c->plat->id != PLATFORM_OTHER && c->header_rows > 1)
		sbuf_addf(&l, "%s export (%zu header rows): ", c->plat->name, c->header_rows);
	else if (c->plat->id != PLATFORM_OTHER)
		sbuf_addf(&l, "%s export: ", c->plat->name);
	sbuf_addf(&l, "read %llu row%s, kept %llu, dropped %llu", c->nread,
	    c->nread == 1 ? "" : "s", c->kept, c->dropped);
	add_completion(&l, c);
	add_removed(&l, c);
	if (c->emptied)
		sbuf_addf(&l, "; emptied %llu value%s with an e-mail address", c->emptied,
		    c->emptied == 1 ? "" : "s");
	if (c->serials)
		sbuf_addf(&l, "; emptied %llu serial%s", c->serials, c->serials == 1 ? "" : "s");
	if (c->minus9)
		sbuf_addf(&l, "; wrote %llu value%s -9 (SoSci Survey's 'not answered': --na -9 writes "
		          "them empty)", c->minus9, c->minus9 == 1 ? "" : "s");
	if (c->o->labels)
		sbuf_addf(&l, "; the question texts of %zu column%s in %s", c->nlabels,
		          c->nlabels == 1 ? "" : "s", c->o->labels);
	if (c->ck.replaced)
		sbuf_addf(&l, "; replaced %llu invalid UTF-8 sequence%s", c->ck.replaced,
		    c->ck.replaced == 1 ? "" : "s");
	warn("%s", l.s);
	free(l.s);
}

/* A repeatable option's value appended to *V (*N of them). */
static void
append(char ***v, size_t *n, const char *value)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = (char *)value;
}

static void
on_option(void *ctx, int id, const char *arg)
{
	static const char *const utf8_modes[] = {"error", "replace", NULL};
	struct opts *o = ctx;
	switch (id) {
	case OPT_DELIMITER: o->delim = opt_delimiter(arg, "--delimiter"); break;
	case OPT_COMPLETE: o->complete_col = arg; break;
	case OPT_KEEP_INCOMPLETE: o->keep_incomplete = 1; break;
	case OPT_KEEP_PREVIEWS: o->keep_previews = 1; break;
	case OPT_PII: append(&o->pii, &o->npii, arg); break;
	case OPT_KEEP_PII: append(&o->keep, &o->nkeep, arg); break;
	case OPT_PLATFORM: o->platform = opt_word(arg, platform_words, "--platform"); break;
	case OPT_SCAN_ROWS: o->scan_rows = opt_long(arg, 0, LONG_MAX, "--scan-rows"); break;
	case OPT_NA:
		o->nalen = xrealloc(o->nalen, (o->nna + 1) * sizeof *o->nalen);
		o->nalen[o->nna] = strlen(arg);
		append(&o->na, &o->nna, arg);
		break;
	case OPT_INVALID_UTF8: o->replace_utf8 = opt_word(arg, utf8_modes, "--invalid-utf8"); break;
	case OPT_RENAME_DUPS: o->rename_dups = 1; break;
	case OPT_LABELS: o->labels = arg; break;
	case OPT_CODEBOOK: o->codebook = arg; break;
	case OPT_ENCODING: o->encoding = arg; break;
	}
}

/* The rows read ahead (for e-mail columns), then the rest, to the output
 * or the rejects. */
static void
stream(struct clean *c, const csvheld *la, int more)
{
	tsvw_init(&c->out, stdout, "<stdout>");
	write_header(c, &c->out, 0);
	if (c->rejects) {
		tsvw_open(&c->rej, c->rejects);
		c->rejecting = 1;
		write_header(c, &c->rej, 1);
	}
	for (size_t k = 0; k < la->nrows; k++) {
		csvheld_get(la, k, c->row.v, c->row.len, &c->row.line);
		emit(c, &c->row);
	}
	while (more && next_row(c))
		emit(c, &c->row);
	if (c->rejecting)
		tsvw_close(&c->rej);
}

int
main(int argc, char **argv)
{
	struct opts o = {.scan_rows = 5000, .platform = -1};
	cli cl;
	cli_parse(&cl, &tool, argc, argv, on_option, &o);
	struct clean c = {.o = &o, .rejects = cl.rejects, .serial = -1};
	FILE *in = cli_input(&cl);
	c.name = cl.in_name;
	savin sv = {.want_codebook = o.codebook != NULL, .encoding = o.encoding};
	in = savin_open(&sv, in, c.name);
	o.delim = sv.is_sav ? ',' : o.delim;
	FILE *fp = platform_utf8_input(in, c.name);
	c.ck = (csvcheck){.in = csvr_open(fp, c.name, o.delim), .name = c.name,
	                  .replace = o.replace_utf8};
	read_header(&c);
	find_columns(&c);

	csvheld la = {.ncols = c.ncols};
	int more = 1;
	if (c.check_emails) {
		while (la.nrows < (size_t)o.scan_rows && (more = next_row(&c)))
			csvheld_add(&la, c.row.v, c.row.len, c.row.line);
		find_email_columns(&c, &la);
	}
	for (size_t i = 0; i < c.ncols; i++)
		c.nout += !c.removed[i];
	if (c.nout == 0)
		die_usage("every column is personal data: nothing left to write "
		          "(see --keep-pii)");
	stream(&c, &la, more);
	write_extras(&c, &sv, cl.quiet);

	/* the summary before stdout is closed (in a pipeline, the next tool
	 * cannot finish, and speak, before this one has), after it is known
	 * written */
	out_flush();
	if (!cl.quiet)
		summarize(&c);
	close_stdout();

	csvr_close(c.ck.in);
	if (fp != in)
		fclose(fp);
	savin_close(&sv);
	cli_free(&cl);
	for (size_t i = 0; c.texts && i < c.ncols; i++)
		free(c.texts[i]);
	free(c.texts);
	for (size_t i = 0; i < c.ncols; i++)
		free(c.header[i]);
	free(c.header);
	free(c.removed);
	free(c.keep);
	free(c.row.v);
	free(c.row.len);
	csvcheck_free(&c.ck);
	csvheld_free(&la);
	free(o.pii);
	free(o.keep);
	free(o.na);
	free(o.nalen);
	return 0;
}
