# R references of test/52-tests-exact.bats (R's fisher.test, mcnemar.test,
# chisq.test()$stdres) over exact.tsv, as the cases of exact-plan.tsv and
# posthoc-plan.tsv name them. Run from the repository root:
#   Rscript test/data/fisher/make-expected.R test/data/fisher
args <- commandArgs(trailingOnly = TRUE)
D <- args[1]
x <- read.delim(file.path(D, "exact.tsv"), na.strings = "", colClasses = "character")
num <- function(v) trimws(formatC(v, digits = 17, format = "g"))
tab <- function(a, b, keep = rep(TRUE, nrow(x))) {
	ok <- keep & !is.na(x[[a]]) & !is.na(x[[b]])
	table(x[[a]][ok], x[[b]][ok])
}
fisher <- function(id, t, alt = "two.sided", ...) {
	r <- fisher.test(t, alternative = alt, workspace = 2e8, ...)
	est <- if (is.null(r$estimate)) "" else num(r$estimate)
	ci <- if (is.null(r$conf.int)) c("", "") else num(r$conf.int)
	ci[ci == "Inf"] <- "Inf"
	c(id, num(r$p.value), est, ci)
}
rows <- rbind(
	fisher("F1", tab("a", "b")),
	fisher("F2", tab("a", "b"), "less"),
	fisher("F3", tab("a", "b"), "greater"),
	fisher("F4", tab("s1", "s2")),
	fisher("F5", tab("c", "d")),
	fisher("F6", tab("c", "g")),
	fisher("F7", tab("a", "b", x$c %in% c("red", "green"))),
	fisher("F8", tab("h1", "h2")))
# the 2x2 effect (odds ratio) and p; the interval separately (stderr)
out <- rows[, 1:3]
colnames(out) <- c("id", "p", "effect_size")
write.table(out, file.path(D, "fisher-expected.tsv"), sep = "\t", quote = FALSE,
            row.names = FALSE)
ci <- rows[rows[, 4] != "", c(1, 4, 5), drop = FALSE]
colnames(ci) <- c("id", "ci_low", "ci_high")
write.table(ci, file.path(D, "fisher-ci-expected.tsv"), sep = "\t", quote = FALSE,
            row.names = FALSE)

mc <- function(id, correct) {
	r <- mcnemar.test(tab("pre", "post"), correct = correct)
	c(id, num(r$statistic), num(r$p.value))
}
m <- rbind(mc("M2", TRUE), mc("M3", FALSE))
colnames(m) <- c("id", "statistic", "p")
write.table(m, file.path(D, "mcnemar-expected.tsv"), sep = "\t", quote = FALSE,
            row.names = FALSE)

res <- function(id, a, b, adjust) {
	t <- tab(a, b)
	r <- suppressWarnings(chisq.test(t, correct = FALSE))
	z <- r$stdres
	cells <- expand.grid(i = seq_len(nrow(t)), j = seq_len(ncol(t)))
	cells <- cells[order(cells$i, cells$j), ]
	zz <- z[cbind(cells$i, cells$j)]
	p <- p.adjust(2 * pnorm(-abs(zz)), adjust)
	cbind(id, paste(rownames(t)[cells$i], colnames(t)[cells$j], sep = ","), num(zz), num(p))
}
r <- rbind(res("P5", "c", "d", "none"), res("P6", "c", "g", "hochberg"))
colnames(r) <- c("id", "groups", "statistic", "p")
write.table(r, file.path(D, "residuals-expected.tsv"), sep = "\t", quote = FALSE,
            row.names = FALSE)
