/* Fuzz the CSV reader (libcsv underneath) with every delimiter, and the
 * UTF-8 check and replacement on every field. */
#include <stdlib.h>

#include "csvread.h"
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	static const int delims[] = {0, ',', ';', '\t'};
	int delim = size ? delims[data[0] % 4] : 0;
	FILE *fp = fuzz_stream(data, size);
	if (!fp)
		return 0;
	csvr *volatile r = NULL;
	if (setjmp(fuzz_jmp) == 0) {
		r = csvr_open(fp, "fuzz", delim);
		while (csvr_next(r))
			for (size_t i = 0; i < csvr_nfields(r); i++) {
				size_t len, nrepl;
				char *f = csvr_field(r, i, &len);
				if (csvr_utf8_check(f, len) < len) {
					char *out = malloc(3 * len + 1);
					if (out)
						(void)csvr_utf8_replace(f, len, out, &nrepl);
					free(out);
				}
			}
	}
	if (r)
		csvr_close(r);
	fclose(fp);
	return 0;
}
