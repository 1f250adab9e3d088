/* E-mail addresses, the personal data a survey export holds most often:
 * in a column named for them, or typed into an answer.
 *
 * An address is local@domain.tld: a local part without spaces, '@', '<',
 * '>' or ','; a domain of dot-separated non-empty labels of letters, digits,
 * '-' or non-ASCII bytes, the last of two or more letters. */
#ifndef SVY_EMAIL_H
#define SVY_EMAIL_H

#include <stddef.h>

/* Is S (N bytes) one address, with spaces around at most? */
int email_is_address(const char *s, size_t n);

/* Does S (N bytes) hold an address, alone or inside text? Linear in N. */
int email_in_text(const char *s, size_t n);

/* Does a column NAME say e-mail ("email", "e-mail", "mail address", in any
 * case)? */
int email_in_name(const char *name);

#endif
