#!/usr/bin/env Rscript
# bench/factor.sh's R side: psych::fa(nfactors = 5, fm = "minres") on the
# items of a TSV, rotated by ROTATE (varimax or none); prints the seconds fa
# itself took and writes the loadings (each factor signed to sum positive,
# ordered by variance, as svy does) to OUT.
# usage: Rscript factor.R DATA.tsv OUT.tsv ROTATE
suppressPackageStartupMessages(library(psych))
a <- commandArgs(trailingOnly = TRUE)
x <- as.matrix(read.delim(a[1], check.names = FALSE))
t <- system.time(f <- fa(x, nfactors = 5, fm = "minres", rotate = a[3]))[["elapsed"]]
l <- unclass(f$loadings)
l <- sweep(l, 2, sign(colSums(l)), "*")
l <- l[, order(-colSums(l^2)), drop = FALSE]
write.table(data.frame(item = colnames(x), format(l, digits = 17)), a[2], sep = "\t",
            quote = FALSE, row.names = FALSE)
cat(sprintf("%.3f\n", t))
