/* Fuzz the TSV reader with escapes, and number parsing of every field. */
#include "harness.h"
#include "num.h"
#include "tsv.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	FILE *fp = fuzz_stream(data, size);
	if (!fp)
		return 0;
	static tsv_reader r;
	if (setjmp(fuzz_jmp) == 0) {
		tsv_open(&r, fp, "fuzz");
		while (tsv_next(&r))
			for (size_t i = 0; i < r.nf; i++) {
				double x;
				(void)num_parse(tsv_get(&r, i), &x);
			}
	}
	tsv_free(&r);
	fclose(fp);
	return 0;
}
