/* simulate: a synthetic LimeSurvey export with the reference study's shape.
 *
 * Writes the CSV export of Boenisch et al. (2021), "ML practitioners'
 * security and privacy awareness": 1471 opened responses, 94 complete, 11 of
 * them students, and 83 complete non-students whose answers reproduce the
 * counts of the paper's appendix Tables 2 and 3 exactly. A latent awareness
 * (standard normal per respondent) drives the 18 familiarity items (question
 * 16: four attacks, 18-19: fourteen defence methods) through an ordinal model,
 * so that a one-factor analysis finds the paper's Table 1.
 *
 * Everything is drawn from one GSL Mersenne Twister seeded with --seed and
 * decided by comparing draws with constant thresholds, so the bytes written
 * depend only on the options, never on the machine. Rows are streamed: the
 * 83 analysed respondents are built as one block (exact counts), and a larger
 * --respondents builds as many such blocks as it needs, one at a time. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "cli.h"
#include "csvout.h"
#include "draw.h"
#include "err.h"
#include "opt.h"
#include "out.h"
#include "simulate/export.h"

#define NELEM(a) (sizeof(a) / sizeof *(a))

/* ---- the study's shape ------------------------------------------------- */

enum {
	DEFAULT_RESPONDENTS = 1471,	/* opened the survey */
	STUDY_COMPLETE = 94,		/* submitted it */
	STUDY_STUDENTS = 11,		/* of those, students */
	BLOCK = 83,			/* complete non-students: the analysed sample */
	DEFAULT_SEED = 2021,
	NPAGES = 7,
};

/* How awareness goes with the other answers: the correlation of the latent
 * with the key that orders the respondents before the exact list of answers
 * is handed out. */
static const double R_YEARS = 0.32, R_DEVELOPER = 0.24;

/* ---- one respondent ---------------------------------------------------- */

static int
ordinal(gsl_rng *g, const struct item *it, double z)
{
	double y = it->a * z + sqrt(1 - it->a * it->a) * draw_gauss(g);
	return y > it->hi ? 0 : y > it->lo ? 1 : 2;
}

static int
cut(double y, const double *cuts, int ncuts)
{
	int k = 0;
	while (k < ncuts && y > cuts[k])
		k++;
	return k;
}

/* What every respondent answers the same way, given the answers the block or
 * the per-respondent draw fixed: items, libraries, GDPR, texts, e-mails. */
static void
fill_common(gsl_rng *g, struct resp *r, int eu)
{
	for (int j = 0; j < NATTACKS; j++)
		r->attack[j] = ordinal(g, &items[j], r->z);
	for (int j = 0; j < NMETHODS; j++)
		r->method[j] = ordinal(g, &items[NATTACKS + j], r->z);
	for (int j = 0; j < NLIBS; j++)
		r->lib[j] = ordinal(g, &libs[j], r->z);

	double fam = (eu ? 0.6 : -0.4) + 0.3 * (r->relation - 1) + draw_gauss(g);
	static const double fam_cut[] = {-1.2, -0.3, 0.6, 1.5};
	r->gdpr_fam = cut(fam, fam_cut, 4);
	double deal = (eu ? 0.2 : -0.8) + 0.6 * (r->relation - 1) + draw_gauss(g);
	r->gdpr_deal = deal > 0.0 ? 0 : deal > -0.5 ? 1 : 2;
	double shift = eu ? change_shift_eu[r->relation] : change_shift_non_eu;
	r->gdpr_change = cut(shift + draw_gauss(g), change_cut, 4);
	/* Draws are made whatever they decide, so that the model's parameters
	 * never shift the random stream of the answers after them. */
	int says = draw_chance(g, 0.6), text = draw_int(g, (int)NELEM(gdpr_text));
	r->gdpr_text = r->gdpr_change > 0 && says ? text : -1;
	int gives24 = draw_chance(g, 0.25), gives25 = draw_chance(g, 0.35);
	int mail24 = draw_int(g, 1000000), mail25 = draw_int(g, 1000000);
	r->mail24 = gives24 ? mail24 : -1;
	r->mail25 = gives25 ? mail25 : -1;
}

/* ---- the analysed block: 83 complete non-students, exact counts -------- */

struct block {
	struct resp r[BLOCK];
	int next;
};

/* The order of the N respondents by a key that correlates R with their
 * awareness: ORDER[0] has the lowest key. */
static void
order_by_awareness(gsl_rng *g, const struct resp *r, int n, double rho, int *order)
{
	double key[BLOCK];
	double s = sqrt(1 - rho * rho);
	for (int i = 0; i < n; i++)
		key[i] = rho * r[i].z + s * draw_gauss(g);
	draw_order(key, n, order);
}

/* Set BIT in exactly COUNT of the N masks, chosen at random among those
 * whose index is in IDX[0..N-1]. */
static void
check_exactly(gsl_rng *g, unsigned *const masks[], const int *idx, int n, int count, unsigned bit)
{
	int pick[BLOCK];
	memcpy(pick, idx, (size_t)n * sizeof *pick);
	gsl_ran_shuffle(g, pick, (size_t)n, sizeof *pick);
	for (int i = 0; i < count; i++)
		*masks[pick[i]] |= bit;
}

/* Give exactly COUNT respondents of the block an "other" text (FIELD). */
static void
other_texts(gsl_rng *g, struct block *b, size_t offset, int count, int ntexts)
{
	int pick[BLOCK];
	for (int i = 0; i < BLOCK; i++) {
		pick[i] = i;
		*(int *)((char *)&b->r[i] + offset) = -1;
	}
	gsl_ran_shuffle(g, pick, BLOCK, sizeof *pick);
	for (int i = 0; i < count; i++)
		*(int *)((char *)&b->r[pick[i]] + offset) = i % ntexts;
}

/* The int field at OFFSET of respondent R. */
#define FIELD_INT(r, offset) (*(int *)((char *)(r) + (offset)))

/* Exact counts COUNTS[0..K-1] of the values of the int field at OFFSET,
 * in a random order over the block. */
static void
block_exact(gsl_rng *g, struct block *b, size_t offset, const int *counts, int k)
{
	int list[BLOCK];
	draw_list(g, list, BLOCK, counts, k);
	for (int i = 0; i < BLOCK; i++)
		FIELD_INT(&b->r[i], offset) = list[i];
}

/* A multiple-choice question (the bit mask at OFFSET): exactly COUNTS[t]
 * respondents tick choice t, for each t not in SKIP (bits); then the
 * "other" texts (the int at OTHER), OTHER_N of NTEXTS. */
static void
block_ticks(gsl_rng *g, struct block *b, size_t offset, const int *counts, int n,
            unsigned skip, size_t other, int other_n, int ntexts)
{
	unsigned *masks[BLOCK];
	int all[BLOCK];
	for (int i = 0; i < BLOCK; i++) {
		masks[i] = (unsigned *)((char *)&b->r[i] + offset);
		all[i] = i;
	}
	for (int t = 0; t < n; t++)
		if (!(skip >> t & 1))
			check_exactly(g, masks, all, BLOCK, counts[t], 1u << t);
	other_texts(g, b, other, other_n, ntexts);
}

/* Education does not go with awareness (the paper finds no effect, H.1.2;
 * its H is .89 on 4 df): in the order of awareness, each degree comes up
 * at its share's pace, so every group spans the whole range. Decided
 * without a draw (the draws before keep the stream in place). */
static void
block_education(struct resp *r)
{
	int order[BLOCK], other_text = -1;
	double zkey[BLOCK];
	for (int i = 0; i < BLOCK; i++) {
		if (r[i].edu_other >= 0)
			other_text = r[i].edu_other;
		zkey[i] = r[i].z;
	}
	draw_order(zkey, BLOCK, order);
	int given[NELEM(education_counts)] = {0};
	for (int k = 0; k < BLOCK; k++) {
		int best = -1;
		double most = 0;
		for (int e = 0; e < (int)NELEM(education_counts); e++) {
			if (given[e] == education_counts[e])
				continue;
			double behind = (double)education_counts[e] * (k + 1) / BLOCK - given[e];
			if (best < 0 || behind > most) {
				best = e;
				most = behind;
			}
		}
		given[best]++;
		r[order[k]].edu = best;
		r[order[k]].edu_other = best == EDU_OTHER ? other_text : -1;
	}
}

/* Years with ML and being an ML developer go with awareness; the tasks
 * and fields of work. */
static void
block_ml_work(gsl_rng *g, struct block *b)
{
	struct resp *r = b->r;
	int list[BLOCK], order[BLOCK];
	draw_list(NULL, list, BLOCK, years_counts, (int)NELEM(years_counts));
	order_by_awareness(g, r, BLOCK, R_YEARS, order);
	for (int i = 0; i < BLOCK; i++)
		r[order[i]].years = list[i];

	order_by_awareness(g, r, BLOCK, R_DEVELOPER, order);
	int dev[DEVELOPERS];
	for (int i = 0; i < DEVELOPERS; i++)
		dev[i] = order[BLOCK - DEVELOPERS + i];
	gsl_ran_shuffle(g, dev, DEVELOPERS, sizeof *dev);
	for (int i = 0; i < DEVELOPERS; i++) {
		/* both, then custom applications only, then from scratch only */
		if (i < task_counts[TASK_CUSTOM])
			r[dev[i]].tasks |= 1u << TASK_CUSTOM;
		if (i < DEV_BOTH || i >= task_counts[TASK_CUSTOM])
			r[dev[i]].tasks |= 1u << TASK_SCRATCH;
	}
	block_ticks(g, b, offsetof(struct resp, tasks), task_counts, NTASKS,
	            1u << TASK_CUSTOM | 1u << TASK_SCRATCH, offsetof(struct resp, task_other),
	            TASK_OTHER_N, (int)NELEM(task_other));
	block_ticks(g, b, offsetof(struct resp, fields), field_counts, NFIELDS, 0,
	            offsetof(struct resp, field_other), FIELD_OTHER_N, (int)NELEM(field_other));
}

/* Company size (the self-employed say so; the others share the rest),
 * role, sensitive data, and the data relation with exact counts within
 * the EU respondents and without. */
static void
block_company(gsl_rng *g, struct block *b)
{
	static const int sensitive_counts[] = {BLOCK - SENSITIVE_YES, SENSITIVE_YES};
	struct resp *r = b->r;
	int list[BLOCK], nemp = 0;
	draw_list(g, list, BLOCK - working_counts[WORK_SELF], company_counts, (int)NELEM(company_counts));
	for (int i = 0; i < BLOCK; i++)
		r[i].company = r[i].work == WORK_SELF ? 0 : list[nemp++];
	block_exact(g, b, offsetof(struct resp, role), role_counts, (int)NELEM(role_counts));
	block_exact(g, b, offsetof(struct resp, sensitive), sensitive_counts, 2);

	int eu[BLOCK], neu = 0, other[BLOCK], nother = 0;
	for (int i = 0; i < BLOCK; i++) {
		if (r[i].country < NEU)
			eu[neu++] = i;
		else
			other[nother++] = i;
	}
	draw_list(g, list, neu, relation_eu, 3);
	for (int i = 0; i < neu; i++)
		r[eu[i]].relation = list[i];
	draw_list(g, list, nother, relation_non_eu, 3);
	for (int i = 0; i < nother; i++)
		r[other[i]].relation = list[i];
}

/* Responsibility; the one respondent with education "Other" is among the
 * responsible (so that excluding them leaves 47 vs 35). */
static void
block_responsibility(gsl_rng *g, struct block *b)
{
	struct resp *r = b->r;
	block_exact(g, b, offsetof(struct resp, resp), responsibility_counts,
	            (int)NELEM(responsibility_counts));
	for (int i = 0; i < BLOCK; i++) {
		if (r[i].edu != EDU_OTHER || r[i].resp < RESPONSIBLE_ANSWERS)
			continue;
		for (int j = 0; j < BLOCK; j++) {
			if (r[j].resp < RESPONSIBLE_ANSWERS && r[j].edu != EDU_OTHER) {
				int t = r[i].resp;
				r[i].resp = r[j].resp;
				r[j].resp = t;
				break;
			}
		}
	}
	other_texts(g, b, offsetof(struct resp, resp_comment), RESP_COMMENT_N, (int)NELEM(responsibility_comment));
}

/* A block of BLOCK respondents whose answers have the paper's counts
 * exactly, drawn in one fixed order of the random stream. */
static void
block_make(gsl_rng *g, struct block *b)
{
	struct resp *r = b->r;
	memset(b, 0, sizeof *b);
	for (int i = 0; i < BLOCK; i++) {
		r[i].complete = 1;
		r[i].lastpage = NPAGES;
		r[i].z = draw_gauss(g);
	}
	block_exact(g, b, offsetof(struct resp, country), country_counts, (int)NELEM(country_counts));
	block_exact(g, b, offsetof(struct resp, edu), education_counts, (int)NELEM(education_counts));
	for (int i = 0; i < BLOCK; i++)
		r[i].edu_other = r[i].edu == EDU_OTHER ? draw_int(g, (int)NELEM(education_other)) : -1;
	block_education(r);
	block_exact(g, b, offsetof(struct resp, work), working_counts, (int)NELEM(working_counts));
	block_ml_work(g, b);
	block_company(g, b);
	block_ticks(g, b, offsetof(struct resp, types), type_counts, NTYPES, 0,
	            offsetof(struct resp, type_other), TYPE_OTHER_N, (int)NELEM(type_other));
	block_ticks(g, b, offsetof(struct resp, domains), domain_counts, NDOMAINS, 0,
	            offsetof(struct resp, domain_other), DOMAIN_OTHER_N, (int)NELEM(domain_other));
	block_exact(g, b, offsetof(struct resp, importance), importance_counts,
	            (int)NELEM(importance_counts));
	block_ticks(g, b, offsetof(struct resp, know), know_counts, NKNOW, 0,
	            offsetof(struct resp, know_other), KNOW_OTHER_N, (int)NELEM(know_other));
	block_responsibility(g, b);
	for (int i = 0; i < BLOCK; i++)
		fill_common(g, &r[i], r[i].country < NEU);
	/* One directly-related EU respondent leaves the GDPR change unanswered. */
	for (int i = 0; i < BLOCK; i++) {
		if (r[i].country < NEU && r[i].relation == 2) {
			r[i].gdpr_change = -1;
			r[i].gdpr_text = -1;
			break;
		}
	}
	gsl_ran_shuffle(g, r, BLOCK, sizeof *r);
	b->next = 0;
}

/* ---- respondents outside the block: drawn one by one ------------------- */

static unsigned
draw_checks(gsl_rng *g, const int *counts, int k)
{
	unsigned m = 0;
	for (int t = 0; t < k; t++)
		if (draw_int(g, BLOCK) < counts[t])
			m |= 1u << t;
	return m;
}

static int
draw_other(gsl_rng *g, int count, int ntexts)
{
	return draw_int(g, BLOCK) < count ? draw_int(g, ntexts) : -1;
}

/* A respondent drawn with the block's shares as probabilities: the students
 * and everyone who did not complete. STUDENT forces the working situation. */
static void
resp_draw(gsl_rng *g, struct resp *r, int complete, int student)
{
	static const int student_education[] = {0, 4, 5, 2, 0, 0};
	static const int student_years[] = {1, 8, 2, 0, 0};
	static const int work_all[] = {15, 73, 6, 4};

	memset(r, 0, sizeof *r);
	r->complete = complete;
	r->z = draw_gauss(g);
	r->country = draw_weighted(g, country_counts, (int)NELEM(country_counts));
	r->work = student ? WORK_STUDENT : draw_weighted(g, work_all, 4);
	int is_student = r->work == WORK_STUDENT;
	r->edu = draw_weighted(g, is_student ? student_education : education_counts, 6);
	r->edu_other = r->edu == EDU_OTHER ? draw_int(g, (int)NELEM(education_other)) : -1;
	r->years = draw_weighted(g, is_student ? student_years : years_counts, 5);
	r->tasks = draw_checks(g, task_counts, NTASKS);
	r->task_other = draw_other(g, TASK_OTHER_N, (int)NELEM(task_other));
	r->fields = draw_checks(g, field_counts, NFIELDS);
	r->field_other = draw_other(g, FIELD_OTHER_N, (int)NELEM(field_other));
	if (is_student) {
		r->company = r->role = r->resp = r->resp_comment = -1;	/* not shown */
	} else {
		r->company = r->work == WORK_SELF ? 0 :
			draw_weighted(g, company_counts, (int)NELEM(company_counts));
		r->role = draw_weighted(g, role_counts, (int)NELEM(role_counts));
		r->resp = draw_weighted(g, responsibility_counts, (int)NELEM(responsibility_counts));
		r->resp_comment = draw_other(g, RESP_COMMENT_N, (int)NELEM(responsibility_comment));
	}
	r->sensitive = draw_int(g, BLOCK) < SENSITIVE_YES;
	r->relation = draw_weighted(g, relation_eu, 3);
	r->types = draw_checks(g, type_counts, NTYPES);
	r->type_other = draw_other(g, TYPE_OTHER_N, (int)NELEM(type_other));
	r->domains = draw_checks(g, domain_counts, NDOMAINS);
	r->domain_other = draw_other(g, DOMAIN_OTHER_N, (int)NELEM(domain_other));
	r->importance = draw_weighted(g, importance_counts, (int)NELEM(importance_counts));
	r->know = draw_checks(g, know_counts, NKNOW);
	r->know_other = draw_other(g, KNOW_OTHER_N, (int)NELEM(know_other));
	fill_common(g, r, r->country < NEU);

	/* Where the incomplete stopped: most never got past the first page. */
	static const int stop_counts[] = {60, 20, 7, 5, 3, 3, 2};
	r->lastpage = complete ? NPAGES : draw_weighted(g, stop_counts, (int)NELEM(stop_counts));
}

/* ---- main ---------------------------------------------------------------- */

enum { OPT_RESPONDENTS = 'n', OPT_DELIMITER = 'd' };

static const cli_opt own[] = {
	{OPT_RESPONDENTS, "respondents", 'n', "N",
	 "responses opened (default 1471: 94 complete, 11 of them\n"
	 "students, so 83 analysed); another N scales the shares\n"
	 "(complete N*94/1471, students 11/94 of those, rounded)"},
	{CLI_SEED, NULL, 0, NULL,
	 "seed of the random generator, 0 to 4294967295\n"
	 "(default 2021; GSL's mt19937, where 0 acts as 4357)"},
	{OPT_DELIMITER, "delimiter", 'd', "D", "',' (default), ';' or 'tab'"},
	{CLI_QUIET, NULL, 0, NULL,
	 "accepted, as by every tool (simulate prints nothing\n"
	 "on standard error when it succeeds)"},
	{0},
};

static const cli_tool tool = {
	.name = "simulate",
	.synopsis = "[OPTION]...",
	.about = "Write a synthetic LimeSurvey CSV export of the reference study (Boenisch\n"
	         "et al. 2021) to standard output: same questions, answer texts and shape.",
	.epilog = "The output is what LimeSurvey writes: a UTF-8 BOM, a header of question\n"
	          "codes, every value double-quoted, CRLF line ends, a blank line at the end.\n"
	          "The 83 analysed respondents reproduce the counts of the paper's Tables 2\n"
	          "and 3 exactly (a larger N repeats that block of 83, drawn anew); a latent\n"
	          "awareness drives the 18 familiarity items (questions 16, 18, 19).\n"
	          "The same options give the same bytes on every machine.",
	.common = CLI_SEED | CLI_QUIET | CLI_OUTPUT,
	.opts = own,
	.seed_max = 4294967295L,
};

typedef struct {
	long long n;
	char delim;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case OPT_RESPONDENTS: o->n = opt_long(arg, 0, 1000000000L, "--respondents"); break;
	case OPT_DELIMITER: o->delim = opt_delimiter(arg, "--delimiter"); break;
	}
}

int
main(int argc, char **argv)
{
	options opt = {DEFAULT_RESPONDENTS, ','};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &opt);
	long long n = opt.n;
	unsigned long seed = c.seed_set ? c.seed : DEFAULT_SEED;
	char delim = opt.delim;
	cli_free(&c);

	/* How many complete, and of those students, by the study's shares. */
	long long ncomplete = (n * STUDY_COMPLETE + DEFAULT_RESPONDENTS / 2) / DEFAULT_RESPONDENTS;
	long long nstudents = (ncomplete * STUDY_STUDENTS + STUDY_COMPLETE / 2) / STUDY_COMPLETE;

	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!g)
		die("out of memory");
	gsl_rng_set(g, seed);

	csvout o = {NULL, 0, 0, delim, 0};
	struct block *b = xmalloc(sizeof *b);
	b->next = BLOCK;
	struct resp one;

	out_begin();
	fputs("\xef\xbb\xbf", stdout);
	export_header(&o);
	/* Exactly NCOMPLETE of the N rows complete, and exactly NSTUDENTS of
	 * those students, chosen row by row (selection sampling, Knuth's
	 * algorithm S): constant memory, exact counts. */
	long long need_c = ncomplete, need_s = nstudents;
	for (long long i = 0; i < n; i++) {
		const struct resp *r;
		if ((double)need_c > gsl_rng_uniform(g) * (double)(n - i)) {
			if ((double)need_s > gsl_rng_uniform(g) * (double)need_c) {
				resp_draw(g, &one, 1, 1);
				r = &one;
				need_s--;
			} else {
				if (b->next == BLOCK)
					block_make(g, b);
				r = &b->r[b->next++];
			}
			need_c--;
		} else {
			resp_draw(g, &one, 0, 0);
			r = &one;
		}
		export_row(&o, g, r, i + 1, n);
	}
	csvout_raw(&o, "\r\n", 2);	/* LimeSurvey ends with an empty line */
	csvout_flush(&o);
	close_stdout();
	free(o.buf);
	free(b);
	gsl_rng_free(g);
	return 0;
}

