/* Distributions GSL lacks: the noncentral t, chi-square and F, each with
 * both tails computed directly (an upper tail is never 1 minus a lower one,
 * so a tail of 1e-40 keeps its own digits), and the quantile or the
 * noncentrality that gives a probability, by root finding (GSL's Brent).
 *
 *   noncentral t       Lenth's AS 243 series (the method of R's pt(ncp=)),
 *                      its complement summed term by term; where the terms
 *                      of a tail have mixed signs (a lower tail below 0 with
 *                      a positive ncp, or the mirror case), the integral
 *                      P(T <= t) = E Phi(t sqrt(V / df) - ncp), V ~ chi2(df),
 *                      whose integrand is positive.
 *   noncentral chi2    the Poisson(ncp / 2) mixture of central chi-squares
 *                      with df + 2i degrees of freedom (R's pchisq(ncp=)),
 *                      summed outwards from the Poisson mode.
 *   noncentral F       the Poisson(ncp / 2) mixture of central betas
 *                      I_y(df1 / 2 + i, df2 / 2), y = df1 x / (df1 x + df2).
 *
 * Every function returns NaN for arguments outside its domain (df <= 0, a
 * probability outside (0, 1), a NaN argument) and never aborts. */
#ifndef SVY_DIST_H
#define SVY_DIST_H

/* P(T <= t) and P(T > t), T noncentral t with DF degrees of freedom and
 * noncentrality NCP. DF may be fractional. */
double dist_nct_cdf(double t, double df, double ncp);
double dist_nct_sf(double t, double df, double ncp);

/* The t with P(T <= t) = P. */
double dist_nct_quantile(double p, double df, double ncp);

/* The noncentrality NCP with P(T <= t) = P (the CDF falls as NCP grows, so
 * there is exactly one): the inversion behind confidence intervals for a
 * standardised mean difference. */
double dist_nct_ncp_for(double t, double df, double p);

/* P(X <= x) and P(X > x), X noncentral chi-square (DF, NCP). */
double dist_nchisq_cdf(double x, double df, double ncp);
double dist_nchisq_sf(double x, double df, double ncp);

/* The noncentrality NCP with P(X <= x) = P. */
double dist_nchisq_ncp_for(double x, double df, double p);

/* P(F <= x) and P(F > x), F noncentral F (DF1, DF2, NCP). */
double dist_nf_cdf(double x, double df1, double df2, double ncp);
double dist_nf_sf(double x, double df1, double df2, double ncp);

#endif
