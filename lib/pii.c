/* Personal data by column name: see pii.h. */
#include <strings.h>

#include "email.h"
#include "pii.h"
#include "platform.h"

int
pii_column(const char *name)
{
	for (int id = PLATFORM_OTHER; id <= PLATFORM_GFORMS; id++) {
		const platform *p = platform_get((platform_id)id);
		for (const char *const *n = p->pii; n && *n; n++)
			if (strcasecmp(name, *n) == 0)
				return PII_BY_NAME;
	}
	return email_in_name(name) ? PII_EMAIL : PII_NONE;
}
