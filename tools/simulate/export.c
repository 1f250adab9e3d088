/* The reference study's LimeSurvey export (see export.h): its columns, and
 * one respondent's answers as the export writes them. */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "csvout.h"
#include "draw.h"
#include "export.h"

#define NELEM(a) (sizeof(a) / sizeof *(a))

/* A field from a table, or empty when IDX < 0 or the page was not reached. */
static void
field_idx(csvout *o, const char *const *table, int idx, int shown)
{
	csvout_field(o, shown && idx >= 0 ? table[idx] : NULL);
}

static void
field_checks(csvout *o, unsigned mask, int n, int shown)
{
	for (int t = 0; t < n; t++)
		csvout_field(o, shown && (mask >> t & 1) ? "Yes" : NULL);
}

void
export_header(csvout *o)
{
	static const char *const meta[] = {
		"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate",
		"datestamp", "ipaddr", "refurl", "Q1", "Q2", "Q2[other]", "Q3", "Q4",
	};
	char name[32];
	for (size_t i = 0; i < NELEM(meta); i++)
		csvout_field(o, meta[i]);
	/* Multiple choice and arrays: Qn[SQ001].., then Qn[other] where it has one. */
	static const struct { int q, n, other; } groups1[] = {{5, 9, 1}, {6, 4, 1}};
	for (size_t k = 0; k < NELEM(groups1); k++) {
		for (int i = 1; i <= groups1[k].n; i++) {
			snprintf(name, sizeof name, "Q%d[SQ%03d]", groups1[k].q, i);
			csvout_field(o, name);
		}
		snprintf(name, sizeof name, "Q%d[other]", groups1[k].q);
		csvout_field(o, name);
	}
	csvout_field(o, "Q7");
	csvout_field(o, "Q8");
	csvout_field(o, "Q9");
	csvout_field(o, "Q10");
	static const struct { int q, n, other; } groups2[] = {{11, 8, 1}, {12, 8, 1}};
	for (size_t k = 0; k < NELEM(groups2); k++) {
		for (int i = 1; i <= groups2[k].n; i++) {
			snprintf(name, sizeof name, "Q%d[SQ%03d]", groups2[k].q, i);
			csvout_field(o, name);
		}
		snprintf(name, sizeof name, "Q%d[other]", groups2[k].q);
		csvout_field(o, name);
	}
	csvout_field(o, "Q13");
	for (int i = 1; i <= NKNOW; i++) {
		snprintf(name, sizeof name, "Q14[SQ%03d]", i);
		csvout_field(o, name);
	}
	csvout_field(o, "Q14[other]");
	csvout_field(o, "Q15");
	csvout_field(o, "Q15[comment]");
	static const struct { int q, n; } arrays[] = {{16, 4}, {17, 8}, {18, 7}, {19, 7}};
	for (size_t k = 0; k < NELEM(arrays); k++)
		for (int i = 1; i <= arrays[k].n; i++) {
			snprintf(name, sizeof name, "Q%d[SQ%03d]", arrays[k].q, i);
			csvout_field(o, name);
		}
	for (int q = 20; q <= 25; q++) {
		snprintf(name, sizeof name, "Q%d", q);
		csvout_field(o, name);
	}
	csvout_end_row(o);
}

/* The study ran from July to October 2020: seconds since 2020-07-01 00:00. */
enum { STUDY_SECONDS = (31 + 31 + 30 + 31) * 86400 };

static void
format_time(char *buf, size_t size, long long t)
{
	static const int mdays[] = {31, 31, 30, 31};
	int day = (int)(t / 86400), month = 0;
	int sec = (int)(t % 86400);
	while (month < 3 && day >= mdays[month])
		day -= mdays[month++];
	snprintf(buf, size, "2020-%02d-%02d %02d:%02d:%02d", 7 + month, day + 1,
	         sec / 3600, sec / 60 % 60, sec % 60);
}

static void
mail(csvout *o, int x, int shown)
{
	char buf[64];
	if (!shown || x < 0) {
		csvout_field(o, NULL);
		return;
	}
	snprintf(buf, sizeof buf, "%s.%d@%s", first_names[x % NELEM(first_names)],
	         x / (int)NELEM(first_names) % 1000,
	         mail_domains[x / 7 % NELEM(mail_domains)]);
	csvout_field(o, buf);
}

void
export_row(csvout *o, gsl_rng *g, const struct resp *r, long long id, long long n)
{
	char buf[64];
	int p = r->lastpage;

	/* Metadata: ids in the order people arrived, times spread over the study. */
	long long span = STUDY_SECONDS - 7200;
	long long slot = span / (n > 0 ? n : 1);
	long long start = (id - 1) * span / n + (slot > 1 ? (long long)gsl_rng_uniform_int(g, (unsigned long)slot) : 0);
	long long took = r->complete ? 300 + draw_int(g, 2100) : 5 + draw_int(g, 60 + 240 * p);
	csvout_num(o, id);
	format_time(buf, sizeof buf, start + took);
	csvout_field(o, r->complete ? buf : NULL);
	if (p > 0)
		csvout_num(o, p);
	else
		csvout_field(o, NULL);
	csvout_field(o, "en");
	csvout_num(o, (long long)gsl_rng_uniform_int(g, 2000000000UL) + 1);
	format_time(buf, sizeof buf, start);
	csvout_field(o, buf);
	format_time(buf, sizeof buf, start + took);
	csvout_field(o, buf);
	/* One draw per statement: the order in which a compiler evaluates
	 * function arguments is unspecified. */
	int net = draw_int(g, 3);
	int host = 1 + draw_int(g, 254);
	snprintf(buf, sizeof buf, "%s%d", ip_prefixes[net], host);
	csvout_field(o, buf);
	int ref = draw_int(g, 10);
	csvout_field(o, ref < (int)NELEM(referrers) ? referrers[ref] : NULL);

	int d = p >= PAGE_DEMO, student = r->work == WORK_STUDENT;
	field_idx(o, countries, r->country, d);
	field_idx(o, education, r->edu, d);
	field_idx(o, education_other, r->edu_other, d);
	field_idx(o, working, r->work, d);
	field_idx(o, years, r->years, d);
	field_checks(o, r->tasks, NTASKS, d);
	field_idx(o, task_other, r->task_other, d);
	field_checks(o, r->fields, NFIELDS, d);
	field_idx(o, field_other, r->field_other, d);
	field_idx(o, company, r->company, d && !student);
	field_idx(o, role, r->role, d && !student);

	int dt = p >= PAGE_DATA;
	field_idx(o, noyes, r->sensitive, dt);
	field_idx(o, relation, r->relation, dt);
	field_checks(o, r->types, NTYPES, dt);
	field_idx(o, type_other, r->type_other, dt);
	field_checks(o, r->domains, NDOMAINS, dt);
	field_idx(o, domain_other, r->domain_other, dt);

	int s = p >= PAGE_SECURITY;
	field_idx(o, importance, r->importance, s);
	field_checks(o, r->know, NKNOW, s);
	field_idx(o, know_other, r->know_other, s);
	field_idx(o, responsibility, r->resp, s && !student);
	field_idx(o, responsibility_comment, r->resp_comment, s && !student);

	for (int j = 0; j < NATTACKS; j++)
		field_idx(o, attack_answer, r->attack[j], p >= PAGE_ATTACKS);
	for (int j = 0; j < NLIBS; j++)
		field_idx(o, library_answer, r->lib[j], p >= PAGE_PRACTICES);
	for (int j = 0; j < NMETHODS; j++)
		field_idx(o, method_answer, r->method[j], p >= PAGE_PRACTICES);

	int gd = p >= PAGE_GDPR;
	field_idx(o, gdpr_familiarity, r->gdpr_fam, gd);
	field_idx(o, gdpr_dealing, r->gdpr_deal, gd);
	field_idx(o, gdpr_change, r->gdpr_change, gd);
	field_idx(o, gdpr_text, r->gdpr_text, gd);
	mail(o, r->mail24, p >= PAGE_FINAL);
	mail(o, r->mail25, p >= PAGE_FINAL);
	csvout_end_row(o);
}
