/* Fuzz the TSV reader with escapes, and number parsing of every field. The
 * split is checked against what a split is: fields side by side over the
 * whole line, none holding a TAB. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "num.h"
#include "tsv.h"

static void
check_split(const tsv_reader *r)
{
	size_t total = 0;
	for (size_t i = 0; i < r->nf; i++) {
		if (strlen(r->f[i]) != r->flen[i] || memchr(r->f[i], '\t', r->flen[i]))
			abort();
		if (i + 1 < r->nf && r->f[i + 1] != r->f[i] + r->flen[i] + 1)
			abort();
		total += r->flen[i] + 1;
	}
	if (r->f[0] != r->line || total - 1 != r->linelen)
		abort();
}

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
		while (tsv_next(&r)) {
			check_split(&r);
			for (size_t i = 0; i < r.nf; i++) {
				double x;
				(void)num_parse(tsv_get(&r, i), &x);
			}
		}
	}
	tsv_free(&r);
	fclose(fp);
	return 0;
}
