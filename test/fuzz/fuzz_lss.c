/* Fuzz the LimeSurvey survey file reader (lib/lss.c): parse, then build the
 * questions of each of its languages and strip HTML from every text. */
#include <string.h>

#include "harness.h"
#include "lss.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	fuzz_fds_mark();
	fuzz_track_begin();
	if (setjmp(fuzz_jmp) == 0) {
		lss_doc *d = lss_load_memory((const char *)data, size, "fuzz.lss");
		const char *const *langs;
		size_t nl = lss_languages(d, &langs);
		for (size_t i = 0; i < nl && i < 4; i++) {
			size_t nq;
			lss_question *q = lss_build(d, langs[i], &nq);
			for (size_t k = 0; k < nq; k++)
				(void)lss_has_assessment(&q[k]);
			lss_questions_free(q, nq);
		}
		lss_doc_free(d);
	}
	fuzz_track_end();
	fuzz_fds_sweep();
	return 0;
}
