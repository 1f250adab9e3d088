#!/usr/bin/env Rscript
# bench/factor.sh's R side: psych::fa(nfactors = 5, fm = FM) on the items of
# a TSV, rotated by ROTATE (oblimin, varimax or none); prints the seconds fa
# itself took, its objective (the fit's criterion, as svy's
# psych_objective) and the CPU seconds of fa (user + system), and writes the loadings (each factor signed to sum
# positive, ordered by variance, as svy does) to OUT.
# usage: Rscript factor.R DATA.tsv OUT.tsv ROTATE [FM (default minres)]
suppressPackageStartupMessages({ library(psych); library(GPArotation) })
a <- commandArgs(trailingOnly = TRUE)
fm <- if (length(a) >= 4) a[4] else "minres"
x <- as.matrix(read.delim(a[1], check.names = FALSE))
st <- system.time(f <- fa(x, nfactors = 5, fm = fm, rotate = a[3]))
t <- st[["elapsed"]]
cpu <- st[["user.self"]] + st[["sys.self"]]
l <- unclass(f$loadings)
l <- sweep(l, 2, sign(colSums(l)), "*")
l <- l[, order(-colSums(l^2)), drop = FALSE]
write.table(data.frame(item = colnames(x), format(l, digits = 17)), a[2], sep = "\t",
            quote = FALSE, row.names = FALSE)
cat(sprintf("%.3f\t%.17g\t%.3f\n", t, f$objective, cpu))
