/* The command line every tool shares: option values and the input operand.
 *
 * One wording per kind of error, all usage errors (exit 2):
 *   option '--NAME': 'VALUE' is not a whole number from MIN to MAX
 *   option '--NAME': 'VALUE' is not a number from MIN to MAX
 *   option '--NAME': 'VALUE' is not one of: a, b, c
 *   option '--NAME': 'VALUE' is not a delimiter (',', ';', 'tab')
 * The grammar itself (which letter means what) is in README "Conventions":
 *   -i/--input FILE or a trailing FILE, -o/--output FILE, -c/--columns,
 *   -g/--by, -m/--method, -q/--quiet, --digits N, --help, --version. */
#ifndef SVY_OPT_H
#define SVY_OPT_H

#include <stdio.h>

/* Whole numbers in [MIN, MAX] and finite doubles in [MIN, MAX], written
 * strictly (no blank, no '+', no trailing text); anything else is a usage
 * error naming OPTION ("--digits"). */
long opt_long(const char *s, long min, long max, const char *option);
double opt_double(const char *s, double min, double max, const char *option);

/* The index of S in the NULL-terminated list CHOICES, or -1. */
int opt_choice(const char *s, const char *const *choices);

/* As opt_choice, but a word not in CHOICES is a usage error that lists them. */
int opt_word(const char *s, const char *const *choices, const char *option);

/* A field delimiter: ',' ';' or TAB, written as the character itself or as
 * comma, semicolon, tab. */
char opt_delimiter(const char *s, const char *option);

/* --digits N: significant digits of printed numbers, 1 to 17. */
void opt_digits(const char *s);

/* The input of a tool that reads one file: -i/--input FILE (INPUT, or NULL)
 * or the one operand left in ARGV from OPTIND; neither, or "-", is standard
 * input. Both, or more than one operand, is a usage error. Dies when the file
 * cannot be opened. *NAME is set to the name for messages ("<stdin>" or the
 * path). Close the stream with opt_close_input. */
FILE *opt_input(const char *input, int argc, char **argv, int optind, const char **name);
void opt_close_input(FILE *fp);

#endif
