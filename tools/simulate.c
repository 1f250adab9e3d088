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
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "cli.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

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

/* ---- answer texts, as the questionnaire (the paper's appendix) words them */

/* Q1: country. Areas of the paper's Table 2: Europe (all EU member states),
 * North America, South America, Asia, Australia. */
static const char *const countries[] = {
	"Germany", "France", "Netherlands", "Austria", "Italy", "Spain",
	"Sweden", "Poland", "Belgium", "Ireland", "Finland", "Portugal",
	"United States", "Canada", "Brazil", "Argentina", "India", "China",
	"Japan", "Singapore", "Australia",
};
enum { NEU = 12 };	/* countries[0..NEU-1] are EU member states */
static const int country_counts[] = {	/* 64 EU, 9 NA, 2 SA, 5 Asia, 3 AU */
	30, 5, 5, 4, 4, 4, 3, 3, 2, 2, 1, 1,
	7, 2, 1, 1, 2, 1, 1, 1, 3,
};

static const char *const education[] = {
	"Less than high school or secondary school degree",
	"High school or secondary school degree (i.e. Abitur, baccalaur\303\251at, A levels etc.)",
	"Bachelor's degree",
	"Master's degree or diploma",
	"Doctorate",
	"-oth-",	/* LimeSurvey's value for "Other"; the text is in Q2[other] */
};
enum { EDU_OTHER = 5 };
static const int education_counts[] = {0, 2, 12, 55, 13, 1};
static const char *const education_other[] = {
	"Apprenticeship (vocational training)", "State examination",
	"Certificate in data science", "MBA",
};

static const char *const working[] = {
	"I am a student.", "I am an employee.", "I am self-employed.",
	"I am unemployed.",
};
enum { WORK_STUDENT, WORK_EMPLOYEE, WORK_SELF, WORK_UNEMPLOYED };
static const int working_counts[] = {0, 73, 6, 4};

static const char *const years[] = {
	"I have never worked with ML", "1-3 years", "4-6 years", "7-9 years",
	"10 years or more",
};
static const int years_counts[] = {0, 49, 18, 5, 11};

/* Q5 daily tasks, in questionnaire order; 2 and 3 make an "ML developer". */
enum { NTASKS = 9, TASK_CUSTOM = 2, TASK_SCRATCH = 3 };
static const int task_counts[NTASKS] = {44, 59, 36, 16, 45, 54, 31, 47, 27};
enum { DEVELOPERS = 41, DEV_BOTH = 36 + 16 - DEVELOPERS };
static const char *const task_other[] = {
	"Research", "Teaching ML courses", "MLOps infrastructure",
	"Writing grant proposals",
};
enum { TASK_OTHER_N = 3 };

/* Q6 fields: industry, industrial research, academic research, hobby. */
enum { NFIELDS = 4 };
static const int field_counts[NFIELDS] = {38, 39, 48, 17};
static const char *const field_other[] = {"Teaching", "Consulting", "Public administration"};
enum { FIELD_OTHER_N = 2 };

static const char *const company[] = {
	"Self-employed", "1-10 employees", "11-50 employees",
	"51-200 employees", "201-500 employees", "501-1000 employees",
	"1001-5000 employees", "5001-10,000 employees", "10,001+ employees",
};
/* Sizes 1..8 for the 77 who are not self-employed (size 0 = the 6 who are). */
static const int company_counts[] = {0, 5, 8, 10, 12, 8, 15, 7, 12};

static const char *const role[] = {
	"ML is key part of the product.",
	"ML is included in the product but not key part.",
	"ML is only used internally for marketing.",
	"ML is only used internally for other purposes than marketing (e.g. to improve the product, finance, ...).",
};
static const int role_counts[] = {47, 28, 2, 6};

static const char *const noyes[] = {"No", "Yes"};
enum { SENSITIVE_YES = 52 };

static const char *const relation[] = {
	"...not related to humans (any of my data).",
	"...indirectly related to humans (at least some data that I work with).",
	"...directly related to humans (at least some data that I work with).",
};
static const int relation_eu[] = {23, 17, 24};	/* the 64 EU respondents */
static const int relation_non_eu[] = {6, 5, 8};	/* the other 19 */

/* Q11 data types and Q12 domains, in questionnaire order. */
enum { NTYPES = 8, NDOMAINS = 8 };
static const int type_counts[NTYPES] = {44, 17, 15, 37, 24, 30, 39, 38};
static const char *const type_other[] = {
	"Industrial and manufacturing data", "Publicly available datasets",
	"Education-related data", "Graph data", "Log files",
};
enum { TYPE_OTHER_N = 4 };
static const int domain_counts[NDOMAINS] = {19, 20, 19, 32, 8, 22, 7, 11};
static const char *const domain_other[] = {
	"Manufacturing", "Industry 4.0", "Education", "Energy", "Agriculture",
	"Publicly available datasets", "Telecommunications", "Automotive",
	"Retail", "Insurance", "Cybersecurity", "Logistics", "Research data",
	"Chemistry", "Astronomy", "E-commerce", "Gaming", "Human resources",
	"Legal documents", "Sports", "Biology", "Robotics",
};
enum { DOMAIN_OTHER_N = 22 };

static const char *const importance[] = {
	"Unimportant", "Of little importance", "Moderately important",
	"Important", "Very important",
};
static const int importance_counts[] = {2, 6, 21, 34, 20};

/* Q14: university, workshops, practice, self-study. */
enum { NKNOW = 4 };
static const int know_counts[NKNOW] = {25, 28, 61, 56};
static const char *const know_other[] = {
	"Conferences and research papers", "Discussions with colleagues",
	"I didn't yet work with sensitive data, so I didn't yet have to build that knowledge",
};
enum { KNOW_OTHER_N = 3 };

static const char *const responsibility[] = {
	"I take care of my ML projects' security.",
	"I solely take care of all ML security.",
	"I take care of all ML security, together with some others.",
	"A designated expert takes care of ML security.",
	"Nobody takes care of ML security.",
};
/* The first three answers make a respondent "responsible": 48 of 83. */
static const int responsibility_counts[] = {22, 8, 18, 20, 15};
enum { RESPONSIBLE_ANSWERS = 3 };
static const char *const responsibility_comment[] = {
	"Our IT department is in charge of that.",
	"Security is ensured through the processes our company has set up.",
	"Whoever deploys the model is responsible for securing it.",
	"The data science team, together with the security team.",
	"Mostly nobody, to be honest; we rely on the cloud provider.",
};
enum { RESP_COMMENT_N = 5 };

static const char *const attack_answer[] = {
	"Yes, I have implemented solutions to prevent this type of attack.",
	"I am familiar with this type of attack, but have not implemented solutions against it, yet.",
	"No, I am not familiar with this type of attack.",
};
static const char *const library_answer[] = {
	"I have already worked with this library.",
	"I have heard about this library but have not used it, yet.",
	"I have never heard about this library before.",
};
static const char *const method_answer[] = {
	"Yes, I have implemented this method.",
	"I am familiar with this method, but have not implemented it, yet.",
	"No, I am not familiar with this method.",
};

/* The ordinal item model: answer = implemented when a*z + sqrt(1-a^2)*e >
 * hi, familiar when it is > lo, else not familiar (z the respondent's
 * awareness, e standard normal noise). The thresholds are the normal
 * quantiles of the intended shares (written out, not computed, so that no
 * libm routine decides a category). The methods' shares form the three
 * well-separated groups of the paper's Figure 9, so that k-means on the
 * shares (implemented, familiar, not familiar) finds them at the elbow:
 * classic security (sanitization, provenance, ensemble, input observation,
 * access control, system security) about 40-46% implemented, 25-30% not
 * familiar; ML-specific defences (adversarial training, output smoothing,
 * federated learning, delay) 10-13% implemented, about 58% familiar only;
 * privacy (differential privacy, homomorphic encryption, watermarking,
 * record linkage) 5-6% implemented, most not familiar. The five items the
 * paper excludes (its loading <= .45: adversarial training, input
 * observation, output smoothing, federated learning, system security) have
 * low loadings (a skewed item loads below its a). Loadings and thresholds
 * were tuned together so that the default seed's 83 respondents show the
 * paper's Table 1, its Friedman tests H.2.8/H.2.9 and its H.1.5
 * (fixtures/README.md). A parameter changes no draw, so tuning one item
 * moves only that item. */
struct item {
	double a, hi, lo;
};
enum { NATTACKS = 4, NLIBS = 8, NMETHODS = 14, NITEMS = NATTACKS + NMETHODS };
static const struct item items[NITEMS] = {
	/* Q16: inversion, impersonation, poisoning, evasion */
	{0.62, 1.0085, -0.0454}, {0.46, 0.9822, -0.0208},
	{0.70, 1.0270, -0.0354}, {0.68, 0.9112, -0.1002},
	/* Q18: sanitization, provenance, adversarial training, ensemble,
	 * input observation, output smoothing, federated learning */
	{0.70, 0.2464, -0.4463}, {0.60, 0.4798, -0.4410},
	{0.53, 1.0736, -0.6529}, {0.56, 0.4380, -0.3531},
	{0.36, 0.3989, -0.3780}, {0.25, 1.2351, -0.3470},
	{0.36, 1.3761, -0.3872},
	/* Q19: delay, access control, system security, differential privacy,
	 * homomorphic encryption, watermarking, record linkage */
	{0.72, 1.2983, -0.4529}, {0.64, 0.1733, -0.4499},
	{0.26, 0.1204, -0.5446}, {0.64, 1.4017, 0.1571},
	{0.76, 1.7660, 0.1981}, {0.58, 1.5607, 0.3582},
	{0.70, 1.7071, 0.1593},
};
/* Q17 libraries, the same model with answers used / heard of / never. */
static const struct item libs[NLIBS] = {
	{0.50, 1.2816, 0.0000}, {0.50, 1.6449, 0.5244}, {0.50, 1.6449, 0.5244},
	{0.50, 1.7507, 0.6433}, {0.45, 2.0537, 1.0803}, {0.50, 1.8808, 0.9154},
	{0.50, 1.7507, 0.7063}, {0.50, 1.6449, 0.6128},
};

/* How awareness goes with the other answers: the correlation of the latent
 * with the key that orders the respondents before the exact list of answers
 * is handed out. */
static const double R_YEARS = 0.32, R_DEVELOPER = 0.24;

static const char *const gdpr_familiarity[] = {
	"Not at all familiar", "Slightly familiar", "Moderately familiar",
	"Familiar", "Extremely familiar",
};
static const char *const gdpr_dealing[] = {"Yes", "I don't know", "No"};
static const char *const gdpr_change[] = {
	"Not at all", "Very little", "Somewhat", "Very much", "To a great extent",
};
/* GDPR change: shift by data relation (not, indirectly, directly related)
 * plus standard normal noise, cut at these thresholds. */
static const double change_shift_eu[] = {-0.8, 0.5, 0.7}, change_shift_non_eu = -1.0;
static const double change_cut[] = {0.0, 0.8, 1.5, 2.2};

static const char *const gdpr_text[] = {
	"It [the GDPR] is more important when it comes to data collection than the training phase or ML model development",
	"I can not use a lot of features that I used before and so, the strategy to solve some problems has changed",
	"Since GDPR requires the \"right to be forgotten\", we would need to artificially keep a correlation in order to be able to forget a specific individual, which, however, violates the GDPRs requirement to only store information that is required to operate a system",
	"checked some boxes in AWS",
	"I heavily rely on third part services to train and store my data, such as google cloud platform and AWS. Thereby, I hope their default security support is enough to protect my models and data",
	"Safe data storage: location and security measures of the servers, access control, encryption.",
	"Anonymization of all personal data before training.",
	"More documentation; data minimisation; deletion concepts.",
	"Changes:\n- data is anonymised before it reaches the ML team\n- access to raw data is logged",
	"Mostly general workflows, not ML specific.\nWe now document where every data set comes from.",
	"We collect less data; only what we need.",
	"Not sure how to implement the right to be forgotten for trained models.",
};

static const char *const first_names[] = {
	"alex", "maria", "jan", "sofia", "li", "ana", "tom", "eva", "raj",
	"lena", "omar", "julia", "kim", "paul", "nina", "felix",
};
static const char *const mail_domains[] = {"example.org", "example.com", "example.net"};
static const char *const ip_prefixes[] = {"192.0.2.", "198.51.100.", "203.0.113."};
static const char *const referrers[] = {
	"https://www.linkedin.com/", "https://www.reddit.com/r/MachineLearning/",
	"https://t.co/", "https://www.facebook.com/",
	"https://www.aisec.fraunhofer.de/", "https://www.example.org/news/ml-security-survey",
};

/* The page each question is on: 1 demographics, 2 data, 3 ML security,
 * 4 attacks, 5 practices, 6 GDPR, 7 final. */
enum { PAGE_DEMO = 1, PAGE_DATA, PAGE_SECURITY, PAGE_ATTACKS, PAGE_PRACTICES,
       PAGE_GDPR, PAGE_FINAL };

/* ---- one respondent ---------------------------------------------------- */

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

static double
gauss(gsl_rng *g)
{
	return gsl_ran_gaussian_ziggurat(g, 1.0);
}

static int
uniform_int(gsl_rng *g, int n)
{
	return (int)gsl_rng_uniform_int(g, (unsigned long)n);
}

/* Probability P as a comparison of a uniform draw. */
static int
chance(gsl_rng *g, double p)
{
	return gsl_rng_uniform(g) < p;
}

/* A category drawn with the weights COUNTS[0..K-1]. */
static int
draw_weighted(gsl_rng *g, const int *counts, int k)
{
	int total = 0;
	for (int i = 0; i < k; i++)
		total += counts[i];
	int u = uniform_int(g, total);
	for (int i = 0; i < k; i++) {
		if (u < counts[i])
			return i;
		u -= counts[i];
	}
	return k - 1;
}

static int
ordinal(gsl_rng *g, const struct item *it, double z)
{
	double y = it->a * z + sqrt(1 - it->a * it->a) * gauss(g);
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

	double fam = (eu ? 0.6 : -0.4) + 0.3 * (r->relation - 1) + gauss(g);
	static const double fam_cut[] = {-1.2, -0.3, 0.6, 1.5};
	r->gdpr_fam = cut(fam, fam_cut, 4);
	double deal = (eu ? 0.2 : -0.8) + 0.6 * (r->relation - 1) + gauss(g);
	r->gdpr_deal = deal > 0.0 ? 0 : deal > -0.5 ? 1 : 2;
	double shift = eu ? change_shift_eu[r->relation] : change_shift_non_eu;
	r->gdpr_change = cut(shift + gauss(g), change_cut, 4);
	/* Draws are made whatever they decide, so that the model's parameters
	 * never shift the random stream of the answers after them. */
	int says = chance(g, 0.6), text = uniform_int(g, (int)NELEM(gdpr_text));
	r->gdpr_text = r->gdpr_change > 0 && says ? text : -1;
	int gives24 = chance(g, 0.25), gives25 = chance(g, 0.35);
	int mail24 = uniform_int(g, 1000000), mail25 = uniform_int(g, 1000000);
	r->mail24 = gives24 ? mail24 : -1;
	r->mail25 = gives25 ? mail25 : -1;
}

/* ---- the analysed block: 83 complete non-students, exact counts -------- */

struct block {
	struct resp r[BLOCK];
	int next;
};

/* A list of N category indices, COUNTS[c] of each c, ascending. */
static void
make_list(int *list, int n, const int *counts, int k)
{
	int o = 0;
	for (int c = 0; c < k; c++)
		for (int i = 0; i < counts[c]; i++)
			list[o++] = c;
	if (o != n)
		die("internal error: counts add up to %d, not %d", o, n);
}

static const double *sort_keys;

static int
by_key(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b;
	if (sort_keys[i] != sort_keys[j])
		return sort_keys[i] < sort_keys[j] ? -1 : 1;
	return (i > j) - (i < j);	/* a total order: same result on every libc */
}

/* The order of the N respondents by a key that correlates R with their
 * awareness: ORDER[0] has the lowest key. */
static void
order_by_awareness(gsl_rng *g, const struct resp *r, int n, double rho, int *order)
{
	double key[BLOCK];
	double s = sqrt(1 - rho * rho);
	for (int i = 0; i < n; i++) {
		key[i] = rho * r[i].z + s * gauss(g);
		order[i] = i;
	}
	sort_keys = key;
	qsort(order, (size_t)n, sizeof *order, by_key);
	sort_keys = NULL;
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

static void
shuffled_list(gsl_rng *g, int *list, int n, const int *counts, int k)
{
	make_list(list, n, counts, k);
	gsl_ran_shuffle(g, list, (size_t)n, sizeof *list);
}

/* The int field at OFFSET of respondent R. */
#define FIELD_INT(r, offset) (*(int *)((char *)(r) + (offset)))

/* Exact counts COUNTS[0..K-1] of the values of the int field at OFFSET,
 * in a random order over the block. */
static void
block_exact(gsl_rng *g, struct block *b, size_t offset, const int *counts, int k)
{
	int list[BLOCK];
	shuffled_list(g, list, BLOCK, counts, k);
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
		order[i] = i;
	}
	sort_keys = zkey;
	qsort(order, BLOCK, sizeof *order, by_key);
	sort_keys = NULL;
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
	make_list(list, BLOCK, years_counts, (int)NELEM(years_counts));
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
	shuffled_list(g, list, BLOCK - working_counts[WORK_SELF], company_counts, (int)NELEM(company_counts));
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
	shuffled_list(g, list, neu, relation_eu, 3);
	for (int i = 0; i < neu; i++)
		r[eu[i]].relation = list[i];
	shuffled_list(g, list, nother, relation_non_eu, 3);
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
		r[i].z = gauss(g);
	}
	block_exact(g, b, offsetof(struct resp, country), country_counts, (int)NELEM(country_counts));
	block_exact(g, b, offsetof(struct resp, edu), education_counts, (int)NELEM(education_counts));
	for (int i = 0; i < BLOCK; i++)
		r[i].edu_other = r[i].edu == EDU_OTHER ? uniform_int(g, (int)NELEM(education_other)) : -1;
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
		if (uniform_int(g, BLOCK) < counts[t])
			m |= 1u << t;
	return m;
}

static int
draw_other(gsl_rng *g, int count, int ntexts)
{
	return uniform_int(g, BLOCK) < count ? uniform_int(g, ntexts) : -1;
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
	r->z = gauss(g);
	r->country = draw_weighted(g, country_counts, (int)NELEM(country_counts));
	r->work = student ? WORK_STUDENT : draw_weighted(g, work_all, 4);
	int is_student = r->work == WORK_STUDENT;
	r->edu = draw_weighted(g, is_student ? student_education : education_counts, 6);
	r->edu_other = r->edu == EDU_OTHER ? uniform_int(g, (int)NELEM(education_other)) : -1;
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
	r->sensitive = uniform_int(g, BLOCK) < SENSITIVE_YES;
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

/* ---- writing the CSV ---------------------------------------------------- */

struct out {
	char *buf;
	size_t len, cap;
	char delim;
	int nf;
};

static void
csv_put(struct out *o, const char *s, size_t n)
{
	o->buf = xgrow(o->buf, &o->cap, o->len + n, 1);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* One value, double-quoted with inner quotes doubled, as LimeSurvey does. */
static void
field(struct out *o, const char *s)
{
	if (o->nf++ > 0)
		csv_put(o, &o->delim, 1);
	csv_put(o, "\"", 1);
	if (s) {
		const char *q;
		while ((q = strchr(s, '"')) != NULL) {
			csv_put(o, s, (size_t)(q - s) + 1);
			csv_put(o, "\"", 1);
			s = q + 1;
		}
		csv_put(o, s, strlen(s));
	}
	csv_put(o, "\"", 1);
}

static void
field_num(struct out *o, long long x)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", x);
	field(o, buf);
}

/* A field from a table, or empty when IDX < 0 or the page was not reached. */
static void
field_idx(struct out *o, const char *const *table, int idx, int shown)
{
	field(o, shown && idx >= 0 ? table[idx] : NULL);
}

static void
field_checks(struct out *o, unsigned mask, int n, int shown)
{
	for (int t = 0; t < n; t++)
		field(o, shown && (mask >> t & 1) ? "Yes" : NULL);
}

/* Write what the buffer holds; a closed pipe ends the tool quietly. */
static void
csv_write(struct out *o)
{
	if (fwrite(o->buf, 1, o->len, stdout) != o->len) {
		if (errno == EPIPE)
			exit(EXIT_DATA);
		die_errno("<stdout>: write error");
	}
	o->len = 0;
}

static void
row_end(struct out *o)
{
	csv_put(o, "\r\n", 2);
	csv_write(o);
	o->nf = 0;
}

static void
write_header(struct out *o)
{
	static const char *const meta[] = {
		"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate",
		"datestamp", "ipaddr", "refurl", "Q1", "Q2", "Q2[other]", "Q3", "Q4",
	};
	char name[32];
	for (size_t i = 0; i < NELEM(meta); i++)
		field(o, meta[i]);
	/* Multiple choice and arrays: Qn[SQ001].., then Qn[other] where it has one. */
	static const struct { int q, n, other; } groups1[] = {{5, 9, 1}, {6, 4, 1}};
	for (size_t k = 0; k < NELEM(groups1); k++) {
		for (int i = 1; i <= groups1[k].n; i++) {
			snprintf(name, sizeof name, "Q%d[SQ%03d]", groups1[k].q, i);
			field(o, name);
		}
		snprintf(name, sizeof name, "Q%d[other]", groups1[k].q);
		field(o, name);
	}
	field(o, "Q7");
	field(o, "Q8");
	field(o, "Q9");
	field(o, "Q10");
	static const struct { int q, n, other; } groups2[] = {{11, 8, 1}, {12, 8, 1}};
	for (size_t k = 0; k < NELEM(groups2); k++) {
		for (int i = 1; i <= groups2[k].n; i++) {
			snprintf(name, sizeof name, "Q%d[SQ%03d]", groups2[k].q, i);
			field(o, name);
		}
		snprintf(name, sizeof name, "Q%d[other]", groups2[k].q);
		field(o, name);
	}
	field(o, "Q13");
	for (int i = 1; i <= NKNOW; i++) {
		snprintf(name, sizeof name, "Q14[SQ%03d]", i);
		field(o, name);
	}
	field(o, "Q14[other]");
	field(o, "Q15");
	field(o, "Q15[comment]");
	static const struct { int q, n; } arrays[] = {{16, 4}, {17, 8}, {18, 7}, {19, 7}};
	for (size_t k = 0; k < NELEM(arrays); k++)
		for (int i = 1; i <= arrays[k].n; i++) {
			snprintf(name, sizeof name, "Q%d[SQ%03d]", arrays[k].q, i);
			field(o, name);
		}
	for (int q = 20; q <= 25; q++) {
		snprintf(name, sizeof name, "Q%d", q);
		field(o, name);
	}
	row_end(o);
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
mail(struct out *o, int x, int shown)
{
	char buf[64];
	if (!shown || x < 0) {
		field(o, NULL);
		return;
	}
	snprintf(buf, sizeof buf, "%s.%d@%s", first_names[x % NELEM(first_names)],
	         x / (int)NELEM(first_names) % 1000,
	         mail_domains[x / 7 % NELEM(mail_domains)]);
	field(o, buf);
}

static void
write_row(struct out *o, gsl_rng *g, const struct resp *r, long long id, long long n)
{
	char buf[64];
	int p = r->lastpage;

	/* Metadata: ids in the order people arrived, times spread over the study. */
	long long span = STUDY_SECONDS - 7200;
	long long slot = span / (n > 0 ? n : 1);
	long long start = (id - 1) * span / n + (slot > 1 ? (long long)gsl_rng_uniform_int(g, (unsigned long)slot) : 0);
	long long took = r->complete ? 300 + uniform_int(g, 2100) : 5 + uniform_int(g, 60 + 240 * p);
	field_num(o, id);
	format_time(buf, sizeof buf, start + took);
	field(o, r->complete ? buf : NULL);
	if (p > 0)
		field_num(o, p);
	else
		field(o, NULL);
	field(o, "en");
	field_num(o, (long long)gsl_rng_uniform_int(g, 2000000000UL) + 1);
	format_time(buf, sizeof buf, start);
	field(o, buf);
	format_time(buf, sizeof buf, start + took);
	field(o, buf);
	/* One draw per statement: the order in which a compiler evaluates
	 * function arguments is unspecified. */
	int net = uniform_int(g, 3);
	int host = 1 + uniform_int(g, 254);
	snprintf(buf, sizeof buf, "%s%d", ip_prefixes[net], host);
	field(o, buf);
	int ref = uniform_int(g, 10);
	field(o, ref < (int)NELEM(referrers) ? referrers[ref] : NULL);

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
	row_end(o);
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

	struct out o = {NULL, 0, 0, delim, 0};
	struct block *b = xmalloc(sizeof *b);
	b->next = BLOCK;
	struct resp one;

	out_begin();
	fputs("\xef\xbb\xbf", stdout);
	write_header(&o);
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
		write_row(&o, g, r, i + 1, n);
	}
	csv_put(&o, "\r\n", 2);	/* LimeSurvey ends with an empty line */
	csv_write(&o);
	close_stdout();
	free(o.buf);
	free(b);
	gsl_rng_free(g);
	return 0;
}
