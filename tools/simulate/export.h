/* The reference study's LimeSurvey export: the columns of its header and
 * the row of one respondent, whose answers are indices into the tables of
 * answers.c. */
#ifndef SVY_SIMULATE_EXPORT_H
#define SVY_SIMULATE_EXPORT_H

#include <gsl/gsl_rng.h>

#include "answers.h"
#include "csvout.h"

/* The page each question is on: 1 demographics, 2 data, 3 ML security,
 * 4 attacks, 5 practices, 6 GDPR, 7 final. */
enum { PAGE_DEMO = 1, PAGE_DATA, PAGE_SECURITY, PAGE_ATTACKS, PAGE_PRACTICES,
       PAGE_GDPR, PAGE_FINAL };

/* Answers as indices into the tables above; -1 is no answer. */
struct resp {
	int complete, lastpage;
	double z;
	int country, edu, edu_other, work, years;
	unsigned tasks, fields, types, domains, know;
	int task_other, field_other, type_other, domain_other, know_other;
	int company, role, sensitive, relation, importance;
	int resp, resp_comment;
	int attack[NATTACKS], lib[NLIBS], method[NMETHODS];
	int gdpr_fam, gdpr_deal, gdpr_change, gdpr_text;
	int mail24, mail25;
};

/* The header: the question codes as LimeSurvey names its columns. */
void export_header(csvout *o);

/* The row of respondent R, number ID of N (metadata: the times spread over
 * the study, drawn from G), written up to the page R reached. */
void export_row(csvout *o, gsl_rng *g, const struct resp *r, long long id, long long n);

#endif
