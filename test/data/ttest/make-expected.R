# R's view of test/data/ttest/data.tsv: t.test, wilcox.test, oneway.test,
# aov and cor.test with their defaults where the plan keeps them, and the
# noncentral-t interval of Cohen's d / Hedges' g and the noncentral-F one of
# eta squared computed by hand as R's
# effectsize package does (.get_ncp_t: the ncp with pt(t, df, ncp) at
# 1 - a/2 and a/2, times sqrt(hn), times J for g). Writes expected-R.tsv:
# id statistic df p ci_low ci_high (V for wilcoxon; F and df1 for anova).
#   Rscript test/data/ttest/make-expected.R test/data/ttest
args <- commandArgs(TRUE)
out <- args[1]
d <- read.delim(file.path(out, "data.tsv"), stringsAsFactors = FALSE)
ncp_for <- function(t, df, p)
	suppressWarnings(uniroot(function(ncp) pt(t, df, ncp) - p, c(t - 10, t + 10),
	                        tol = 1e-14)$root)  # pnt: "full precision may not ..."
d_ci <- function(t, df, hn, j, conf) {
	a <- 1 - conf
	c(ncp_for(t, df, 1 - a / 2), ncp_for(t, df, a / 2)) * sqrt(hn) * j
}
J <- function(df) exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))
rows <- list()
add <- function(id, st, df, p, ci = c(NA, NA))
	rows[[length(rows) + 1]] <<- c(id, sprintf("%.17g", c(st, df, p, ci)))
two <- function(id, a, b, var.equal, alt, g = FALSE, conf = 0.95) {
	x <- d$score[d$g == a]; y <- d$score[d$g == b]
	r <- t.test(x, y, var.equal = var.equal, alternative = alt)
	n1 <- length(x); n2 <- length(y); hn <- 1 / n1 + 1 / n2
	sp <- sqrt(((n1 - 1) * var(x) + (n2 - 1) * var(y)) / (n1 + n2 - 2))
	dd <- (mean(x) - mean(y)) / sp
	add(id, r$statistic, r$parameter, r$p.value,
	    d_ci(dd / sqrt(hn), n1 + n2 - 2, hn, if (g) J(n1 + n2 - 2) else 1, conf))
}
two("T1", "a", "b", FALSE, "two.sided")
two("T2", "b", "d", TRUE, "two.sided")
two("T3", "a", "d", FALSE, "less", g = TRUE)
two("T4", "c", "d", TRUE, "greater", conf = 0.9)
one <- function(id, x, mu, alt, g = FALSE, conf = 0.95, y = NULL) {
	r <- if (is.null(y)) t.test(x, mu = mu, alternative = alt)
	     else t.test(x, y, mu = mu, paired = TRUE, alternative = alt)
	dif <- if (is.null(y)) x - mu else x - y - mu
	n <- length(dif)
	add(id, r$statistic, r$parameter, r$p.value,
	    d_ci(mean(dif) / sd(dif) * sqrt(n), n - 1, 1 / n, if (g) J(n - 1) else 1, conf))
}
one("T5", d$pre, 48, "two.sided")
one("T6", d$small[d$g == "a"], 0, "greater", g = TRUE)
one("P1", d$post, 0, "two.sided", y = d$pre)
one("P2", d$lik_post, 0, "greater", g = TRUE, y = d$lik_pre)
one("P3", d$post, 2, "two.sided", conf = 0.99, y = d$pre)
w <- function(id, x, y = NULL, mu = 0, ...) {
	r <- suppressWarnings(if (is.null(y)) wilcox.test(x, mu = mu, ...)
	                      else wilcox.test(x, y, paired = TRUE, ...))
	add(id, r$statistic, NA, r$p.value)
}
ab <- d$g %in% c("a", "b")
w("W1", d$post, d$pre)
w("W2", d$post[ab], d$pre[ab])
w("W3", d$post[ab], d$pre[ab], exact = FALSE, correct = FALSE, alternative = "less")
w("W4", d$lik_post, d$lik_pre)
w("W8", d$small[d$g == "c"], mu = 0.1)
r <- oneway.test(score ~ g, d)
add("A1", r$statistic, r$parameter[1], r$p.value)
# effectsize's eta squared interval (.es_aov_simple, F_to_eta2): the F of
# which eta2 is the eta squared, the ncp of pf(F, df1, df2, ncp) at 1 - a/2
# and a/2 (0 where ncp 0 falls short), l / (l + df2)
nf_ncp <- function(f, df1, df2, p) {
	g <- function(ncp) pf(f, df1, df2, ncp) - p
	if (g(0) <= 0) return(0)
	hi <- max(1, f * df1)
	while (g(hi) > 0) hi <- hi * 2
	uniroot(g, c(0, hi), tol = 1e-14)$root
}
r <- summary(aov(score ~ g, d))[[1]]
f <- r[["F value"]][1]; df1 <- r$Df[1]; df2 <- r$Df[2]
eta2 <- r[["Sum Sq"]][1] / sum(r[["Sum Sq"]])
fe <- (eta2 / df1) / ((1 - eta2) / df2)	# = f for a one-way eta squared
l <- c(nf_ncp(fe, df1, df2, 0.975), nf_ncp(fe, df1, df2, 0.025))
add("A2", f, df1, r[["Pr(>F)"]][1], l / (l + df2))
r <- cor.test(d$pre, d$post)
add("R1", r$estimate, r$parameter, r$p.value, r$conf.int)
# effectsize's chisq_to_cramers_v interval (two-sided, unadjusted): the
# ncp of pchisq(chi2, df, ncp) at 1 - a/2 and a/2, sqrt(l / (n (min - 1)))
nchisq_ncp <- function(x, df, p) {
	g <- function(ncp) pchisq(x, df, ncp) - p
	if (g(0) <= 0) return(0)
	hi <- max(1, x)
	while (g(hi) > 0) hi <- hi * 2
	uniroot(g, c(0, hi), tol = 1e-14)$root
}
v_ci <- function(id, tab, conf = 0.95) {
	r <- suppressWarnings(chisq.test(tab))
	u <- suppressWarnings(chisq.test(tab, correct = FALSE))
	n <- sum(tab); m <- min(dim(tab)) - 1; a <- 1 - conf
	l <- c(nchisq_ncp(u$statistic, u$parameter, 1 - a / 2),
	       nchisq_ncp(u$statistic, u$parameter, a / 2))
	add(id, r$statistic, r$parameter, r$p.value, pmin(1, sqrt(l / (n * m))))
}
v_ci("C1", table(d$g, d$lik_pre))
v_ci("C2", table(d$g, d$flag), conf = 0.9)
v_ci("C3", table(d$flag[ab], d$g[ab]))
m <- do.call(rbind, rows)
colnames(m) <- c("id", "statistic", "df", "p", "ci_low", "ci_high")
m[m == "NA"] <- ""
write.table(m, file.path(out, "expected-R.tsv"), sep = "\t", quote = FALSE, row.names = FALSE)
