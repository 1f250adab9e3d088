/* The answers of the reference study (Boenisch et al. 2021), as svy-simulate
 * writes them: the answer texts as the questionnaire (the paper's appendix)
 * words them, the counts of the paper's Tables 2 and 3, and the parameters
 * of the familiarity items. Data of one survey, not of svy: kept beside the
 * tool, not in lib/. */
#include "answers.h"

/* Q1: country. Areas of the paper's Table 2: Europe (all EU member states),
 * North America, South America, Asia, Australia. */
const char *const countries[] = {
	"Germany", "France", "Netherlands", "Austria", "Italy", "Spain",
	"Sweden", "Poland", "Belgium", "Ireland", "Finland", "Portugal",
	"United States", "Canada", "Brazil", "Argentina", "India", "China",
	"Japan", "Singapore", "Australia",
};
const int country_counts[] = {	/* 64 EU, 9 NA, 2 SA, 5 Asia, 3 AU */
	30, 5, 5, 4, 4, 4, 3, 3, 2, 2, 1, 1,
	7, 2, 1, 1, 2, 1, 1, 1, 3,
};

const char *const education[] = {
	"Less than high school or secondary school degree",
	"High school or secondary school degree (i.e. Abitur, baccalaur\303\251at, A levels etc.)",
	"Bachelor's degree",
	"Master's degree or diploma",
	"Doctorate",
	"-oth-",	/* LimeSurvey's value for "Other"; the text is in Q2[other] */
};
const int education_counts[] = {0, 2, 12, 55, 13, 1};
const char *const education_other[] = {
	"Apprenticeship (vocational training)", "State examination",
	"Certificate in data science", "MBA",
};

const char *const working[] = {
	"I am a student.", "I am an employee.", "I am self-employed.",
	"I am unemployed.",
};
const int working_counts[] = {0, 73, 6, 4};

const char *const years[] = {
	"I have never worked with ML", "1-3 years", "4-6 years", "7-9 years",
	"10 years or more",
};
const int years_counts[] = {0, 49, 18, 5, 11};

/* Q5 daily tasks, in questionnaire order; 2 and 3 make an "ML developer". */
const int task_counts[NTASKS] = {44, 59, 36, 16, 45, 54, 31, 47, 27};
const char *const task_other[] = {
	"Research", "Teaching ML courses", "MLOps infrastructure",
	"Writing grant proposals",
};

/* Q6 fields: industry, industrial research, academic research, hobby. */
const int field_counts[NFIELDS] = {38, 39, 48, 17};
const char *const field_other[] = {"Teaching", "Consulting", "Public administration"};

const char *const company[] = {
	"Self-employed", "1-10 employees", "11-50 employees",
	"51-200 employees", "201-500 employees", "501-1000 employees",
	"1001-5000 employees", "5001-10,000 employees", "10,001+ employees",
};
/* Sizes 1..8 for the 77 who are not self-employed (size 0 = the 6 who are). */
const int company_counts[] = {0, 5, 8, 10, 12, 8, 15, 7, 12};

const char *const role[] = {
	"ML is key part of the product.",
	"ML is included in the product but not key part.",
	"ML is only used internally for marketing.",
	"ML is only used internally for other purposes than marketing (e.g. to improve the product, finance, ...).",
};
const int role_counts[] = {47, 28, 2, 6};

const char *const noyes[] = {"No", "Yes"};

const char *const relation[] = {
	"...not related to humans (any of my data).",
	"...indirectly related to humans (at least some data that I work with).",
	"...directly related to humans (at least some data that I work with).",
};
const int relation_eu[] = {23, 17, 24};	/* the 64 EU respondents */
const int relation_non_eu[] = {6, 5, 8};	/* the other 19 */

/* Q11 data types and Q12 domains, in questionnaire order. */
const int type_counts[NTYPES] = {44, 17, 15, 37, 24, 30, 39, 38};
const char *const type_other[] = {
	"Industrial and manufacturing data", "Publicly available datasets",
	"Education-related data", "Graph data", "Log files",
};
const int domain_counts[NDOMAINS] = {19, 20, 19, 32, 8, 22, 7, 11};
const char *const domain_other[] = {
	"Manufacturing", "Industry 4.0", "Education", "Energy", "Agriculture",
	"Publicly available datasets", "Telecommunications", "Automotive",
	"Retail", "Insurance", "Cybersecurity", "Logistics", "Research data",
	"Chemistry", "Astronomy", "E-commerce", "Gaming", "Human resources",
	"Legal documents", "Sports", "Biology", "Robotics",
};

const char *const importance[] = {
	"Unimportant", "Of little importance", "Moderately important",
	"Important", "Very important",
};
const int importance_counts[] = {2, 6, 21, 34, 20};

/* Q14: university, workshops, practice, self-study. */
const int know_counts[NKNOW] = {25, 28, 61, 56};
const char *const know_other[] = {
	"Conferences and research papers", "Discussions with colleagues",
	"I didn't yet work with sensitive data, so I didn't yet have to build that knowledge",
};

const char *const responsibility[] = {
	"I take care of my ML projects' security.",
	"I solely take care of all ML security.",
	"I take care of all ML security, together with some others.",
	"A designated expert takes care of ML security.",
	"Nobody takes care of ML security.",
};
/* The first three answers make a respondent "responsible": 48 of 83. */
const int responsibility_counts[] = {22, 8, 18, 20, 15};
const char *const responsibility_comment[] = {
	"Our IT department is in charge of that.",
	"Security is ensured through the processes our company has set up.",
	"Whoever deploys the model is responsible for securing it.",
	"The data science team, together with the security team.",
	"Mostly nobody, to be honest; we rely on the cloud provider.",
};

const char *const attack_answer[] = {
	"Yes, I have implemented solutions to prevent this type of attack.",
	"I am familiar with this type of attack, but have not implemented solutions against it, yet.",
	"No, I am not familiar with this type of attack.",
};
const char *const library_answer[] = {
	"I have already worked with this library.",
	"I have heard about this library but have not used it, yet.",
	"I have never heard about this library before.",
};
const char *const method_answer[] = {
	"Yes, I have implemented this method.",
	"I am familiar with this method, but have not implemented it, yet.",
	"No, I am not familiar with this method.",
};

const struct item items[NITEMS] = {
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
const struct item libs[NLIBS] = {
	{0.50, 1.2816, 0.0000}, {0.50, 1.6449, 0.5244}, {0.50, 1.6449, 0.5244},
	{0.50, 1.7507, 0.6433}, {0.45, 2.0537, 1.0803}, {0.50, 1.8808, 0.9154},
	{0.50, 1.7507, 0.7063}, {0.50, 1.6449, 0.6128},
};

const char *const gdpr_familiarity[] = {
	"Not at all familiar", "Slightly familiar", "Moderately familiar",
	"Familiar", "Extremely familiar",
};
const char *const gdpr_dealing[] = {"Yes", "I don't know", "No"};
const char *const gdpr_change[] = {
	"Not at all", "Very little", "Somewhat", "Very much", "To a great extent",
};
/* GDPR change: shift by data relation (not, indirectly, directly related)
 * plus standard normal noise, cut at these thresholds. */
const double change_shift_eu[] = {-0.8, 0.5, 0.7};
const double change_shift_non_eu = -1.0;
const double change_cut[] = {0.0, 0.8, 1.5, 2.2};

const char *const gdpr_text[] = {
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

const char *const first_names[] = {
	"alex", "maria", "jan", "sofia", "li", "ana", "tom", "eva", "raj",
	"lena", "omar", "julia", "kim", "paul", "nina", "felix",
};
const char *const mail_domains[] = {"example.org", "example.com", "example.net"};
const char *const ip_prefixes[] = {"192.0.2.", "198.51.100.", "203.0.113."};
const char *const referrers[] = {
	"https://www.linkedin.com/", "https://www.reddit.com/r/MachineLearning/",
	"https://t.co/", "https://www.facebook.com/",
	"https://www.aisec.fraunhofer.de/", "https://www.example.org/news/ml-security-survey",
};
