/* APA number formats: see apa.h. */
#include <stdio.h>
#include <string.h>

#include "apa.h"

char *
apa_fixed(char buf[APA_BUFSIZE], double x, int dec)
{
	snprintf(buf, APA_BUFSIZE, "%.*f", dec, x);
	/* a negative value that rounds to zero ("-0.000") loses its sign */
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
	return buf;
}

char *
apa_bounded(char buf[APA_BUFSIZE], double x, int dec)
{
	apa_fixed(buf, x, dec);
	if (strncmp(buf, "0.", 2) == 0)
		memmove(buf, buf + 1, strlen(buf));
	else if (strncmp(buf, "-0.", 3) == 0)
		memmove(buf + 1, buf + 2, strlen(buf + 1));
	return buf;
}

char *
apa_p(char buf[APA_BUFSIZE], double p)
{
	if (p < 0.001) {
		snprintf(buf, APA_BUFSIZE, "< .001");
		return buf;
	}
	apa_fixed(buf, p, 3);
	if (strcmp(buf, "1.000") == 0) {
		snprintf(buf, APA_BUFSIZE, "> .999");
		return buf;
	}
	return apa_bounded(buf, p, 3);
}
