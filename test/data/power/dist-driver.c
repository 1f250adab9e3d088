/* The functions of lib/dist.h on the command line, for test/47-power.bats:
 * reads lines "FUNCTION ARG..." (a TSV without header) and writes each with
 * the value appended, %.17g. Built by the test against the build's objects. */
#include <stdio.h>
#include <string.h>

#include "dist.h"

int
main(void)
{
	char fn[64];
	double a, b, c, d;
	char line[512];
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = 0;
		int n = sscanf(line, "%63s %lf %lf %lf %lf", fn, &a, &b, &c, &d);
		double v;
		if (n == 4 && strcmp(fn, "nct_cdf") == 0)
			v = dist_nct_cdf(a, b, c);
		else if (n == 4 && strcmp(fn, "nct_sf") == 0)
			v = dist_nct_sf(a, b, c);
		else if (n == 4 && strcmp(fn, "nct_quantile") == 0)
			v = dist_nct_quantile(a, b, c);
		else if (n == 4 && strcmp(fn, "nct_ncp_for") == 0)
			v = dist_nct_ncp_for(a, b, c);
		else if (n == 4 && strcmp(fn, "nchisq_cdf") == 0)
			v = dist_nchisq_cdf(a, b, c);
		else if (n == 4 && strcmp(fn, "nchisq_sf") == 0)
			v = dist_nchisq_sf(a, b, c);
		else if (n == 4 && strcmp(fn, "nchisq_ncp_for") == 0)
			v = dist_nchisq_ncp_for(a, b, c);
		else if (n == 5 && strcmp(fn, "nf_cdf") == 0)
			v = dist_nf_cdf(a, b, c, d);
		else if (n == 5 && strcmp(fn, "nf_sf") == 0)
			v = dist_nf_sf(a, b, c, d);
		else {
			fprintf(stderr, "dist-driver: bad line '%s'\n", line);
			return 2;
		}
		printf("%s\t%.17g\n", line, v);
	}
	return 0;
}
