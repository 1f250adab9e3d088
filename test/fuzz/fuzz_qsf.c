/* Fuzz the Qualtrics survey file reader (lib/qsf.c): parse, order the
 * questions by the survey flow and read each into svy's questions. */
#include <string.h>

#include "harness.h"
#include "qsf.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	fuzz_fds_mark();
	fuzz_track_begin();
	if (setjmp(fuzz_jmp) == 0) {
		size_t nq;
		lss_question *q = qsf_load_memory((const char *)data, size, "fuzz.qsf", &nq);
		for (size_t k = 0; k < nq; k++)
			(void)lss_has_assessment(&q[k]);
		lss_questions_free(q, nq);
	}
	fuzz_track_end();
	fuzz_fds_sweep();
	return 0;
}
