/* Personal data by column name: the columns svy-clean removes, for clean
 * and for codebook (whose draft must never copy them).  E-mail addresses in
 * values are lib/email's. */
#ifndef SVY_PII_H
#define SVY_PII_H

enum { PII_NONE, PII_BY_NAME, PII_EMAIL };

/* Does column NAME hold personal data by its name: PII_BY_NAME for a
 * personal-data column of any platform svy knows (lib/platform: LimeSurvey's
 * ipaddr, refurl, token; Qualtrics' IPAddress, Location*, Recipient*; ...),
 * PII_EMAIL for a name that says e-mail (email, e-mail, mail address; any
 * case), else PII_NONE. */
int pii_column(const char *name);

#endif
