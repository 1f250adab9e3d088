/* Qualtrics survey files (.qsf, JSON), read with jansson into the questions
 * lib/lss builds from a LimeSurvey file (lss_question), in survey order (the
 * survey flow's blocks, then each block's questions; the trash left out):
 *
 *   multiple choice, one answer (MC: SAVR SAHR SACOL DL SB NPS)    'L'
 *     answers: the choices, code and assessment their recode value
 *   multiple choice, several answers (MC: MAVR MAHR MACOL MSB)      'M'
 *     sub-questions: the choices, column "Q2_1"; answers: the choices
 *   matrix, one answer a row (Matrix, SubSelector SingleAnswer)     'F'
 *     sub-questions: the rows, column "Q11_1" (or its export tag);
 *     answers: the scale points, code and assessment their recode value
 *   text entry (TE: SL ML ESTB PW), 'N' when validated as a number  'T'
 *   text entry form (TE: FORM): sub-questions its fields "Q5_1"     'Q'
 *   descriptive text (DB): no column                                'X'
 *   any other type: '?', with a note naming it
 *
 * A choice with a text entry adds a sub-question with column "Q1_3_TEXT"
 * and free_text set. The question's title is its export tag ("Q1"). Not JSON, not
 * a Qualtrics survey, a question without an export tag or with one twice,
 * choices with one recode value twice or one that is not a number: data
 * errors naming the question. */
#ifndef SVY_QSF_H
#define SVY_QSF_H

#include <stddef.h>

#include "lss.h"

/* The questions of the survey file at PATH, or of SIZE bytes of DATA named
 * PATH in messages; free them with lss_questions_free. */
lss_question *qsf_load(const char *path, size_t *nq);
lss_question *qsf_load_memory(const char *data, size_t size, const char *path, size_t *nq);

#endif
