# R's values of the cases in dist-cases.tsv (function, arguments; "-" for
# none): pt, pchisq, pf with ncp, qt with ncp, and the noncentrality by
# uniroot at tol 1e-15 (R has no function for it). Writes FUNCTION A B C D
# R_VALUE as TSV on standard output.
cases <- read.delim("dist-cases.tsv", header = FALSE, colClasses = "character")
num <- function(s) as.numeric(s)
value <- function(fn, a, b, c, d) switch(fn,
	nct_cdf = pt(a, b, c), nct_sf = pt(a, b, c, lower.tail = FALSE),
	nct_quantile = qt(a, b, c),
	nct_ncp_for = uniroot(function(n) pt(a, b, n) - c, c(a - 50, a + 50), tol = 1e-15)$root,
	nchisq_cdf = pchisq(a, b, c), nchisq_sf = pchisq(a, b, c, lower.tail = FALSE),
	nchisq_ncp_for = uniroot(function(n) pchisq(a, b, n) - c, c(0, 200), tol = 1e-15)$root,
	nf_cdf = pf(a, b, c, d), nf_sf = pf(a, b, c, d, lower.tail = FALSE))
r <- suppressWarnings(mapply(function(fn, a, b, c, d) value(fn, num(a), num(b), num(c), num(d)),
	cases[[1]], cases[[2]], cases[[3]], cases[[4]], cases[[5]]))
write.table(cbind(cases, sprintf("%.17g", r)), stdout(), sep = "\t", quote = FALSE,
	row.names = FALSE, col.names = FALSE)
