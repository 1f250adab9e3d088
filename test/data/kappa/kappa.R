# psych::cohen.kappa of columns A and B of a TSV on stdin (codes as strings):
# n, kappa, se = sqrt(var), lower, upper for unweighted (W = none) or weighted
# kappa (W = linear | quadratic: weight matrix 1 - d/(L-1) or 1 - (d/(L-1))^2
# over LEVELS, the scale's codes in order, comma-separated).
# usage: Rscript kappa.R A B W [LEVELS]
suppressMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
d <- read.delim(file("stdin"), na.strings = "", colClasses = "character",
                check.names = FALSE, quote = "")
x <- na.omit(data.frame(a = d[[args[1]]], b = d[[args[2]]], stringsAsFactors = FALSE))
lev <- if (length(args) >= 4) strsplit(args[4], ",")[[1]] else
	as.character(sort(unique(as.numeric(c(x$a, x$b)))))
L <- length(lev)
dist <- abs(outer(1:L, 1:L, "-")) / (L - 1)
w <- switch(args[3], none = diag(L), linear = 1 - dist, quadratic = 1 - dist^2)
ck <- suppressWarnings(cohen.kappa(x, w = w, levels = lev))
row <- if (args[3] == "none") 1 else 2
k <- if (args[3] == "none") ck$kappa else ck$weighted.kappa
v <- if (args[3] == "none") ck$var.kappa else ck$var.weighted
f <- function(z) sprintf("%.17g", z)
cat("n\tkappa\tse\tci_lower\tci_upper\n")
cat(nrow(x), f(k), f(sqrt(v)), f(ck$confid[row, 1]), f(ck$confid[row, 3]), sep = "\t")
cat("\n")
