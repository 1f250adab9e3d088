# R's effectsize package (0.8.3) itself on test/data/ttest/data.tsv: the
# effect sizes and two-sided intervals of the plan's lines it computes, for
# test/51's check that svy's intervals are effectsize's (effectsize finds
# its noncentralities with optim/uniroot to a few 1e-6; svy and
# make-expected.R to the last digits, hence the looser tolerance there).
# Left out: paired rank-biserial of two columns, whose interval 0.8.3 bases
# on the nonzero values of the first column (x - mu) instead of the
# differences; one sample (W8) it gets right. Cramer's V unadjusted
# (adjust = FALSE; 0.8.3's default adjusts), as svy's. Left out too: C1,
# where 0.8.3's joint optim of both noncentralities misses the upper one
# when the lower is 0 (pchisq(17.33, 12, ncp) at its bound is 0.0028, not
# 0.025; svy's and make-expected.R's bound gives 0.025).
# Writes expected-effectsize.tsv: id effect ci_low ci_high.
#   Rscript test/data/ttest/make-expected-effectsize.R test/data/ttest
suppressMessages(library(effectsize))
args <- commandArgs(TRUE)
out <- args[1]
d <- read.delim(file.path(out, "data.tsv"), stringsAsFactors = FALSE)
rows <- list()
add <- function(id, e) {
	e <- as.data.frame(e)
	es <- e[[which(vapply(e, is.numeric, TRUE))[1]]][1]	# after a Parameter column
	rows[[length(rows) + 1]] <<- c(id, sprintf("%.17g", c(es, e$CI_low[1], e$CI_high[1])))
}
s <- function(l) d$score[d$g == l]
ts <- "two.sided"
add("T1", cohens_d(s("a"), s("b"), alternative = ts))
add("T2", cohens_d(s("b"), s("d"), alternative = ts))
add("T3", hedges_g(s("a"), s("d"), alternative = ts))
add("T4", cohens_d(s("c"), s("d"), alternative = ts, ci = 0.9))
add("T5", cohens_d(d$pre, mu = 48, alternative = ts))
add("T6", hedges_g(d$small[d$g == "a"], mu = 0, alternative = ts))
add("P1", cohens_d(d$post, d$pre, paired = TRUE, alternative = ts))
add("P2", hedges_g(d$lik_post, d$lik_pre, paired = TRUE, alternative = ts))
add("P3", cohens_d(d$post, d$pre, mu = 2, paired = TRUE, alternative = ts, ci = 0.99))
add("W8", rank_biserial(d$small[d$g == "c"], mu = 0.1, alternative = ts))
m <- aov(score ~ g, d)
add("A2", eta_squared(m, partial = FALSE, alternative = ts))
add("A3", omega_squared(m, partial = FALSE, alternative = ts))
add("M1", rank_biserial(s("a"), s("b"), alternative = ts))
add("C2", cramers_v(table(d$g, d$flag), adjust = FALSE, alternative = ts, ci = 0.9))
ab <- d$g %in% c("a", "b")
add("C3", cramers_v(table(d$flag[ab], d$g[ab]), adjust = FALSE, alternative = ts))
m <- do.call(rbind, rows)
colnames(m) <- c("id", "effect", "ci_low", "ci_high")
write.table(m, file.path(out, "expected-effectsize.tsv"), sep = "\t", quote = FALSE,
            row.names = FALSE)
