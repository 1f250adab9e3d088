/* Personal data: the columns svy-clean removes, and e-mail addresses.
 *
 * One rule for clean (which removes the columns and empties the values) and
 * codebook (whose draft must never copy them). */
#ifndef SVY_PII_H
#define SVY_PII_H

#include <stddef.h>

enum { PII_NONE, PII_BY_NAME, PII_EMAIL };

/* Does column NAME hold personal data by its name: PII_BY_NAME for
 * LimeSurvey's ipaddr, refurl, token (or 'IP address', 'Referrer URL',
 * 'Access code'), PII_EMAIL for a name that says e-mail (email, e-mail,
 * mail address; any case), else PII_NONE. */
int pii_column(const char *name);

/* Does S (N bytes) look like one e-mail address (local@domain.tld, spaces
 * around)? */
int pii_looks_like_email(const char *s, size_t n);

/* Does S (N bytes) contain an e-mail address, alone or inside text? */
int pii_contains_email(const char *s, size_t n);

#endif
