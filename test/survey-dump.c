/* The questions svy reads from a survey file, one line each, with their
 * sub-questions and answers, as TSV: what test/32-lss.bats compares.
 *   survey-dump FILE.lss [LANGUAGE]
 *   survey-dump FILE.qsf
 *   question TITLE TYPE OTHER TEXT
 *   sub      TITLE SCALE CODE TEXT [COLUMN [free text]]
 *   answer   TITLE SCALE CODE ASSESSMENT LABEL */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "lss.h"
#include "qsf.h"

static void
dump(const lss_question *q, size_t nq)
{
	for (size_t i = 0; i < nq; i++) {
		printf("question\t%s\t%c\t%d\t%s\n", q[i].title, q[i].type ? q[i].type : '-',
		       q[i].other, q[i].text);
		for (size_t k = 0; k < q[i].nsubs; k++)
			printf("sub\t%s\t%d\t%s\t%s%s%s%s\n", q[i].title, q[i].subs[k].scale,
			       q[i].subs[k].title, q[i].subs[k].text,
			       q[i].subs[k].column ? "\t" : "",
			       q[i].subs[k].column ? q[i].subs[k].column : "",
			       q[i].subs[k].free_text ? "\tfree text" : "");
		for (size_t k = 0; k < q[i].nanswers; k++)
			printf("answer\t%s\t%d\t%s\t%s\t%s\n", q[i].title, q[i].answers[k].scale,
			       q[i].answers[k].code, q[i].answers[k].assessment,
			       q[i].answers[k].label);
	}
}

int
main(int argc, char **argv)
{
	err_init("survey-dump");
	if (argc < 2 || argc > 3)
		die_usage("usage: survey-dump FILE.lss [LANGUAGE] | FILE.qsf");
	size_t nq, len = strlen(argv[1]);
	if (len > 4 && strcmp(argv[1] + len - 4, ".qsf") == 0) {
		lss_question *q = qsf_load(argv[1], &nq);
		dump(q, nq);
		lss_questions_free(q, nq);
		return fclose(stdout) != 0;
	}
	lss_doc *d = lss_load(argv[1]);
	const char *const *langs;
	size_t nl = lss_languages(d, &langs);
	const char *lang = argc > 2 ? argv[2] : nl ? langs[0] : "en";
	lss_question *q = lss_build(d, lang, &nq);
	dump(q, nq);
	lss_questions_free(q, nq);
	lss_doc_free(d);
	return fclose(stdout) != 0;
}
