#!/usr/bin/env Rscript
# bench/factor.sh's R side: psych::fa(nfactors = 5, fm = "minres", varimax) on
# the items of a TSV; prints the seconds fa took and writes the loadings
# (oriented as svy does: each factor summing positive, by variance) to OUT.
# usage: Rscript factor.R DATA.tsv OUT.tsv
suppressPackageStartupMessages(library(psych))
a <- commandArgs(trailingOnly = TRUE)
x <- as.matrix(read.delim(a[1], check.names = FALSE))
t <- system.time(f <- fa(x, nfactors = 5, fm = "minres", rotate = "varimax"))[["elapsed"]]
l <- unclass(f$loadings)
l <- sweep(l, 2, sign(colSums(l)), "*")
l <- l[, order(-colSums(l^2)), drop = FALSE]
write.table(format(l, digits = 17), a[2], sep = "\t", quote = FALSE, col.names = FALSE)
cat(sprintf("%.3f\n", t))
