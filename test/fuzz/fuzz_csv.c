/* Fuzz the CSV reader (libcsv underneath) with every delimiter, and the
 * UTF-8 check and replacement on every field. Each input is read twice,
 * with the fast path (whole lines split in place) and with libcsv alone
 * (SVY_CSV_SLOW): the records, or the failure, must be the same. */
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "harness.h"

/* The records as one string: each field's length and bytes, each record's
 * line; or "" when reading failed. */
struct dump {
	char *s;
	size_t len, cap;
};

static void
put(struct dump *d, const void *p, size_t n)
{
	if (d->len + n > d->cap) {
		size_t cap = 2 * (d->len + n) + 64;
		char *s = realloc(d->s, cap);
		if (!s)
			abort();
		d->s = s;
		d->cap = cap;
	}
	memcpy(d->s + d->len, p, n);
	d->len += n;
}

/* Read DATA with the fast path or SLOW; 1 when it read to the end. */
static int
read_all(const uint8_t *data, size_t size, int delim, int slow, struct dump *d)
{
	FILE *fp = fuzz_stream(data, size);
	if (!fp)
		return -1;
	if (slow)
		setenv("SVY_CSV_SLOW", "1", 1);
	else
		unsetenv("SVY_CSV_SLOW");
	csvr *volatile r = NULL;
	volatile int ok = 0;
	if (setjmp(fuzz_jmp) == 0) {
		r = csvr_open(fp, "fuzz", delim);
		while (csvr_next(r)) {
			size_t line = csvr_line(r), nf = csvr_nfields(r);
			put(d, &line, sizeof line);
			put(d, &nf, sizeof nf);
			for (size_t i = 0; i < nf; i++) {
				size_t len, nrepl;
				char *f = csvr_field(r, i, &len);
				size_t fl = csvr_field_line(r, i);
				put(d, &len, sizeof len);
				put(d, &fl, sizeof fl);
				put(d, f, len);
				if (csvr_utf8_check(f, len) < len) {
					char *out = malloc(3 * len + 1);
					if (out)
						(void)csvr_utf8_replace(f, len, out, &nrepl);
					free(out);
				}
			}
		}
		ok = 1;
	}
	if (r)
		csvr_close(r);
	fclose(fp);
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	static const int delims[] = {0, ',', ';', '\t'};
	int delim = size ? delims[data[0] % 4] : 0;
	struct dump fast = {0}, slow = {0};
	int a = read_all(data, size, delim, 0, &fast);
	int b = read_all(data, size, delim, 1, &slow);
	/* a failure may come after some records: compare those only when both
	 * read to the end */
	if (a >= 0 && b >= 0 && (a != b || (a && (fast.len != slow.len ||
	    (fast.len && memcmp(fast.s, slow.s, fast.len) != 0)))))
		abort();
	free(fast.s);
	free(slow.s);
	unsetenv("SVY_CSV_SLOW");
	return 0;
}
