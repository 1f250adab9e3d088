/* E-mail addresses in survey answers and column names: see email.h. */
#include <string.h>
#include <strings.h>

#include "email.h"

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
email_is_address(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	if (!at)
		return 0;
	const char *b = s, *e = s + n;
	while (b < e && is_space(*b))
		b++;
	while (e > b && is_space(e[-1]))
		e--;
	if (at == b)
		return 0;
	for (const char *p = b; p < at; p++)
		if (is_space(*p) || *p == '@' || *p == '<' || *p == '>' || *p == ',')
			return 0;
	/* Domain: dot-separated non-empty labels, the last of 2+ letters. */
	const char *label = at + 1;
	size_t nlabels = 0;
	for (const char *p = at + 1;; p++) {
		if (p == e || *p == '.') {
			if (p == label)
				return 0;
			nlabels++;
			if (p == e)
				break;
			label = p + 1;
			continue;
		}
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || (unsigned char)c >= 0x80))
			return 0;
	}
	if (nlabels < 2 || e - label < 2)
		return 0;
	for (const char *p = label; p < e; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return 0;
	return 1;
}

static int
breaks_token(char c)
{
	return is_space(c) || strchr("<>()[],;:\"'", c) != NULL;
}

int
email_in_text(const char *s, size_t n)
{
	const char *end = s + n, *p = s;
	while ((p = memchr(p, '@', (size_t)(end - p)))) {
		const char *b = p, *e = p + 1;
		while (b > s && !breaks_token(b[-1]))
			b--;
		while (e < end && !breaks_token(*e))
			e++;
		while (e > p + 1 && e[-1] == '.')
			e--;
		if (email_is_address(b, (size_t)(e - b)))
			return 1;
		/* Another '@' in this token gives the same token: skip it, so
		 * that a field full of '@' is read once. */
		while (e < end && !breaks_token(*e))
			e++;
		p = e;
	}
	return 0;
}

static int
contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return 1;
	return 0;
}

/* Header words that mark an e-mail question (case-insensitive). */
static const char *email_words[] = {"email", "e-mail", "mail address"};

int
email_in_name(const char *name)
{
	for (size_t k = 0; k < sizeof email_words / sizeof *email_words; k++)
		if (contains_nocase(name, email_words[k]))
			return 1;
	return 0;
}
