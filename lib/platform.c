/* Survey platforms: see platform.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "platform.h"

static const char *const limesurvey_pii[] = {
	"ipaddr", "IP address", "refurl", "Referrer URL", "token", "Access code", NULL,
};
static const char *const limesurvey_done[] = {"submitdate", "Date submitted", NULL};
static const char *const qualtrics_pii[] = {
	"IPAddress", "LocationLatitude", "LocationLongitude", "RecipientLastName",
	"RecipientFirstName", "RecipientEmail", "ExternalReference",
	/* the legacy export's */
	"Name", "EmailAddress", "ExternalDataReference", NULL,
};
static const char *const qualtrics_done[] = {"Finished", NULL};
static const char *const sosci_pii[] = {"REF", NULL};
static const char *const sosci_done[] = {"FINISHED", NULL};
static const char *const gforms_pii[] = {"Email Address", NULL};
static const char *const none[] = {NULL};

static const platform platforms[] = {
	{PLATFORM_OTHER, "other", "other", limesurvey_pii, limesurvey_done, DONE_NONEMPTY},
	{PLATFORM_LIMESURVEY, "limesurvey", "LimeSurvey", limesurvey_pii, limesurvey_done,
	 DONE_NONEMPTY},
	{PLATFORM_QUALTRICS, "qualtrics", "Qualtrics", qualtrics_pii, qualtrics_done, DONE_TRUE},
	{PLATFORM_SOSCI, "sosci", "SoSci Survey", sosci_pii, sosci_done, DONE_TRUE},
	{PLATFORM_GFORMS, "google-forms", "Google Forms", gforms_pii, none, DONE_ALL},
};

const char *const platform_words[] = {
	"other", "limesurvey", "qualtrics", "sosci", "google-forms", NULL,
};

const platform *
platform_get(platform_id id)
{
	return &platforms[id];
}

static int
has(char *const *header, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(header[i], name) == 0)
			return 1;
	return 0;
}

int
platform_is_legacy(char *const *header, size_t n)
{
	return n >= 2 && strcmp(header[0], "V1") == 0 && strcmp(header[1], "V2") == 0;
}

const platform *
platform_detect(char *const *header, size_t n)
{
	platform_id id = PLATFORM_OTHER;
	if (has(header, n, "ResponseId") && has(header, n, "Finished"))
		id = PLATFORM_QUALTRICS;
	else if (has(header, n, "CASE") && has(header, n, "QUESTNNR") &&
	         (has(header, n, "STARTED") || has(header, n, "FINISHED")))
		id = PLATFORM_SOSCI;
	else if (n > 0 && strcmp(header[0], "Timestamp") == 0)
		id = PLATFORM_GFORMS;
	else if ((has(header, n, "submitdate") &&
	          (has(header, n, "lastpage") || has(header, n, "startlanguage"))) ||
	         (has(header, n, "Date submitted") &&
	          (has(header, n, "Last page") || has(header, n, "Start language"))))
		id = PLATFORM_LIMESURVEY;
	return &platforms[id];
}

int
platform_flag(const char *s, size_t n)
{
	if (n == 0 || (n == 1 && s[0] == '0') || (n == 5 && strncasecmp(s, "false", 5) == 0))
		return 0;
	if ((n == 1 && s[0] == '1') || (n == 4 && strncasecmp(s, "true", 4) == 0))
		return 1;
	return -1;
}

static int
is_v_name(const char *name)
{
	return name[0] == 'V' && name[1] && strspn(name + 1, "0123456789") == strlen(name + 1);
}

static int
field_is(const char *const *v, const size_t *len, long i, const char *s)
{
	return i >= 0 && len[i] == strlen(s) && memcmp(v[i], s, len[i]) == 0;
}

int
platform_legacy_rename(char **header, const char *const *v, const size_t *len, size_t n)
{
	if (n == 0 || !field_is(v, len, 0, "ResponseID"))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (is_v_name(header[i]) && len[i]) {
			free(header[i]);
			header[i] = xstrndup(v[i], len[i]);
		}
	return 1;
}

static long
index_of(char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (long)i;
	return -1;
}

int
platform_qualtrics_row(const char *file, size_t line, char *const *names,
                       const char *const *v, const size_t *len, size_t n)
{
	static const char import[] = "{\"ImportId\":";
	size_t nimport = 0, other = n;
	for (size_t i = 0; i < n; i++) {
		if (len[i] >= sizeof import - 1 && memcmp(v[i], import, sizeof import - 1) == 0)
			nimport++;
		else if (len[i] && other == n)
			other = i;
	}
	if (nimport && other < n) {
		char got[64];
		snprintf(got, sizeof got, "%.*s", (int)(len[other] < 60 ? len[other] : 60),
		         v[other]);
		die_at(file, line, names[other], got, "Qualtrics' {\"ImportId\":...} header "
		       "row has another value here: were the header rows edited?");
	}
	if (nimport)
		return QROW_IMPORT;
	if (field_is(v, len, index_of(names, n, "ResponseId"), "Response ID") ||
	    field_is(v, len, index_of(names, n, "Finished"), "Finished"))
		return QROW_TEXTS;
	return QROW_RESPONSE;
}
