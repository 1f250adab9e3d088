/* Option values and the input operand: see opt.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "out.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

long
opt_long(const char *s, long min, long max, const char *option)
{
	char *end;
	errno = 0;
	/* strtol would skip blanks and take a '+': a number here is digits */
	int shaped = (*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' && s[1] <= '9');
	long v = strtol(s, &end, 10);
	if (!shaped || *end != '\0' || errno == ERANGE || v < min || v > max)
		die_usage("option '%s': '%s' is not a whole number from %ld to %ld",
		          option, s, min, max);
	return v;
}

double
opt_double(const char *s, double min, double max, const char *option)
{
	double v;
	if (num_parse(s, &v) != NUM_OK || v < min || v > max) {
		char a[NUM_BUFSIZE], b[NUM_BUFSIZE];
		die_usage("option '%s': '%s' is not a number from %s to %s", option, s,
		          num_format(a, min), num_format(b, max));
	}
	return v;
}

int
opt_choice(const char *s, const char *const *choices)
{
	for (int i = 0; choices[i]; i++)
		if (strcmp(s, choices[i]) == 0)
			return i;
	return -1;
}

int
opt_word(const char *s, const char *const *choices, const char *option)
{
	int i = opt_choice(s, choices);
	if (i >= 0)
		return i;
	char list[512] = "";
	size_t len = 0;
	for (int k = 0; choices[k] && len < sizeof list - 1; k++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
		                        k ? ", " : "", choices[k]);
	die_usage("option '%s': '%s' is not one of: %s", option, s, list);
}

char
opt_delimiter(const char *s, const char *option)
{
	if (strcmp(s, ",") == 0 || strcmp(s, "comma") == 0)
		return ',';
	if (strcmp(s, ";") == 0 || strcmp(s, "semicolon") == 0)
		return ';';
	if (strcmp(s, "\t") == 0 || strcmp(s, "tab") == 0)
		return '\t';
	die_usage("option '%s': '%s' is not a delimiter (',', ';', 'tab')", option, s);
}

void
opt_digits(const char *s)
{
	num_digits = (int)opt_long(s, 1, 17, "--digits");
}

FILE *
opt_input(const char *input, int argc, char **argv, int optind, const char **name)
{
	if (argc - optind > 1)
		die_usage("too many arguments: one input file at most (got '%s')",
		          argv[optind + 1]);
	if (input && optind < argc)
		die_usage("give the input once: -i '%s' or the operand '%s', not both",
		          input, argv[optind]);
	const char *path = input ? input : optind < argc ? argv[optind] : "-";
	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		out_input(*name, stdin);
		return stdin;
	}
	FILE *fp = tsv_fopen_in(path);	/* says so when PATH is a directory */
	*name = path;
	return fp;
}

void
opt_close_input(FILE *fp)
{
	if (fp && fp != stdin)
		fclose(fp);
}
