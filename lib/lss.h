/* LimeSurvey survey structure files (.lss), read with libxml2.
 *
 * An .lss is an XML <document> with one section per database table
 * (<languages>, <groups>, <questions>, <subquestions>, <answers>, and from
 * LimeSurvey 6 on <question_l10ns>, <answer_l10ns> for the texts), each with
 * <rows><row><FIELD>value</FIELD>...</row></rows>. lss_load reads the tables;
 * lss_build joins them into the questions of one language, in survey order
 * (group order, then question order), through hash tables: linear in the
 * size of the file.
 *
 * Entities: libxml2 does not substitute them; lss_load expands the internal
 * ones itself, at most 1,000,000 bytes in all, and refuses undefined and
 * external ones (svy reads no other file: no external DTD, no XInclude, no
 * network). libxml2's errors are said in svy's words, with the line. */
#ifndef SVY_LSS_H
#define SVY_LSS_H

#include <stddef.h>

typedef struct {
	char *code;		/* "A1" */
	char *label;		/* the answer's text, HTML tags removed, blanks collapsed */
	long sortorder;
	char *assessment;	/* the assessment value as written ("" when none) */
	int scale;		/* 0, or 1 for the second scale of a dual-scale array */
} lss_answer;

typedef struct {
	char *title;		/* the code: "SQ001" */
	char *text;		/* its text, as a label */
	int scale;		/* 0 rows; 1 the columns of an array of texts or numbers */
	long order;
	char *column;		/* the export's column when the platform names it so
				 * (Qualtrics: "Q11_1", "Q1_3_TEXT"); NULL for LimeSurvey,
				 * whose columns are "TITLE[SUB]" */
	int free_text;		/* a free-text column (Qualtrics: a choice's text entry) */
} lss_sub;

typedef struct {
	char *title;		/* the question code: "Q1" */
	char type;		/* LimeSurvey's letter: L ! O F A B C E H M P Y N K S T U ...;
				 * '?' a type svy does not know (lss_build notes it) */
	char *text;		/* the question text, HTML tags removed, blanks collapsed */
	int other;		/* has an "Other" option */
	lss_sub *subs;
	size_t nsubs;
	lss_answer *answers;	/* sorted by scale then sort order */
	size_t nanswers;
} lss_question;

typedef struct lss_doc lss_doc;

/* Read the survey file at PATH, or SIZE bytes of DATA named PATH in messages
 * (lss_load_memory). Not well-formed XML, or XML that is not a LimeSurvey
 * survey, is a data error naming the file (and the line). */
lss_doc *lss_load(const char *path);
lss_doc *lss_load_memory(const char *data, size_t size, const char *path);
void lss_doc_free(lss_doc *d);

/* The survey's languages, the base language first. */
size_t lss_languages(const lss_doc *d, const char *const **langs);

/* The questions in LANGUAGE (one of lss_languages), in survey order. The
 * structure is checked: a question without a code (title) or id, a question
 * code or id twice, an answer or sub-question code empty or twice, a scale
 * the question type does not have, an assessment value that is not a finite
 * decimal number (num_parse), a list without answers or an array without
 * sub-questions: each a data error at its line. A question type svy does not
 * know is a note on standard error. */
lss_question *lss_build(const lss_doc *d, const char *language, size_t *nq);
void lss_questions_free(lss_question *q, size_t nq);

/* Does any answer of Q have a nonzero assessment value? */
int lss_has_assessment(const lss_question *q);

/* TEXT without HTML tags and entities, blanks collapsed to one space, trimmed
 * (allocated). */
char *lss_plain(const char *text);

#endif
