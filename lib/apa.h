/* Numbers as a paper prints them (APA style): the one formatter of the
 * hypothesis tables (svy-report) and of the study's one-page report, which
 * fills its number fields with svy-report --fill.
 *
 *   apa_fixed(buf, 0.8912, 2)     "0.89"    DEC decimals; never "-0.00"
 *   apa_bounded(buf, -0.5, 3)     "-.500"   no leading zero (values in [-1, 1])
 *   apa_p(buf, 0.0004)            "< .001"  p to three decimals, "> .999" when
 *                                           it rounds to 1
 * A value that rounds to zero prints without a sign: -0.0001 is ".000". */
#ifndef SVY_APA_H
#define SVY_APA_H

#include <stddef.h>

enum { APA_BUFSIZE = 352 };	/* "%.17f" of the largest double fits */

char *apa_fixed(char buf[APA_BUFSIZE], double x, int dec);
char *apa_bounded(char buf[APA_BUFSIZE], double x, int dec);
char *apa_p(char buf[APA_BUFSIZE], double p);

#endif
