# R references of the pairwise-wilcoxon tests of test/52-tests-exact.bats over
# data.tsv: wilcox.test(A_i, A_j, paired = TRUE) of every pair (V, p) with
# p.adjust, for the cases of plan.tsv R can compute (zeros dropped, R's own
# choice of exact or normal): expected-R.tsv (id groups n statistic p); and
# pairwise.wilcox.test(paired = TRUE) itself on the complete rows, two-sided,
# for W1 (none), W3 (BH) and W5 (bonferroni): expected-R-pairwise.tsv (id
# groups p). Run from the repository root:
#   Rscript test/data/pairwise-wilcoxon/make-expected.R test/data/pairwise-wilcoxon
args <- commandArgs(trailingOnly = TRUE)
D <- args[1]
x <- read.delim(file.path(D, "data.tsv"), na.strings = "")
num <- function(v) trimws(formatC(v, digits = 17, format = "g"))
rows <- function(cols, keep = rep(TRUE, nrow(x))) x[keep & complete.cases(x[cols]), cols]

# ID: the columns COLS, the rows KEEP, wilcox.test's options, the adjustment
family <- function(id, cols, adjust = "none", keep = rep(TRUE, nrow(x)), ...) {
	d <- rows(cols, keep)
	pairs <- combn(cols, 2)
	out <- NULL
	for (k in seq_len(ncol(pairs))) {
		a <- pairs[1, k]
		b <- pairs[2, k]
		r <- suppressWarnings(wilcox.test(d[[a]], d[[b]], paired = TRUE, ...))
		out <- rbind(out, c(id, paste(a, b, sep = ","), nrow(d), r$statistic, r$p.value))
	}
	p <- p.adjust(as.numeric(out[, 5]), adjust)
	cbind(out[, 1:3, drop = FALSE], num(as.numeric(out[, 4])), num(p))
}
c4 <- c("c1", "c2", "c3", "c4")
c3 <- c("c1", "c2", "c3")
l3 <- c("l1", "l2", "l3")
r <- rbind(
	family("W1", c4),
	family("W2", c4, "holm", alternative = "greater"),
	family("W3", c3, "BH", exact = FALSE),
	family("W4", c3, "BY", exact = FALSE, correct = FALSE, alternative = "less"),
	family("W5", l3, "bonferroni"),
	family("W9", c3, "none", keep = x$g == "a", exact = TRUE, alternative = "less"))
colnames(r) <- c("id", "groups", "n", "statistic", "p")
write.table(r, file.path(D, "expected-R.tsv"), sep = "\t", quote = FALSE, row.names = FALSE)

# pairwise.wilcox.test on the long form: level i minus level j for i > j,
# the same two-sided p as A_j - A_i
pw <- function(id, cols, adjust, ...) {
	d <- rows(cols)
	long <- unlist(d, use.names = FALSE)
	g <- factor(rep(cols, each = nrow(d)), levels = cols)
	m <- suppressWarnings(pairwise.wilcox.test(long, g, p.adjust.method = adjust,
	                                           paired = TRUE, ...))$p.value
	pairs <- combn(cols, 2)
	cbind(id, paste(pairs[1, ], pairs[2, ], sep = ","), num(m[cbind(pairs[2, ], pairs[1, ])]))
}
r <- rbind(pw("W1", c4, "none"), pw("W3", c3, "BH", exact = FALSE), pw("W5", l3, "bonferroni"))
colnames(r) <- c("id", "groups", "p")
write.table(r, file.path(D, "expected-R-pairwise.tsv"), sep = "\t", quote = FALSE,
            row.names = FALSE)
