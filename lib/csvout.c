/* CSV as LimeSurvey writes it (see csvout.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "err.h"

void
csvout_raw(csvout *o, const char *s, size_t n)
{
	o->buf = xgrow(o->buf, &o->cap, o->len + n, 1);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

void
csvout_field(csvout *o, const char *s)
{
	if (o->nf++ > 0)
		csvout_raw(o, &o->delim, 1);
	csvout_raw(o, "\"", 1);
	if (s) {
		const char *q;
		while ((q = strchr(s, '"')) != NULL) {
			csvout_raw(o, s, (size_t)(q - s) + 1);
			csvout_raw(o, "\"", 1);
			s = q + 1;
		}
		csvout_raw(o, s, strlen(s));
	}
	csvout_raw(o, "\"", 1);
}

void
csvout_num(csvout *o, long long x)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", x);
	csvout_field(o, buf);
}

void
csvout_flush(csvout *o)
{
	if (fwrite(o->buf, 1, o->len, stdout) != o->len) {
		if (errno == EPIPE)
			exit(EXIT_DATA);
		die_errno("<stdout>: write error");
	}
	o->len = 0;
}

void
csvout_end_row(csvout *o)
{
	csvout_raw(o, "\r\n", 2);
	csvout_flush(o);
	o->nf = 0;
}
