# R kmeans(nstart = 50) (Hartigan-Wong, R's default) on COL... of a TSV on stdin:
# prints "## kmeans" k, n, inertia (tot.withinss) and "## labels" (one cluster per
# complete row, renumbered 1..k by first appearance).
# usage: Rscript kmeans.R K SEED COL...
args <- commandArgs(trailingOnly = TRUE)
k <- as.integer(args[1]); seed <- as.integer(args[2]); cols <- args[-(1:2)]
d <- read.delim(file("stdin"), na.strings = "", check.names = FALSE, quote = "")
x <- na.omit(as.matrix(d[, cols, drop = FALSE]))
set.seed(seed)
km <- kmeans(x, centers = k, nstart = 50, iter.max = 100)
lab <- match(km$cluster, unique(km$cluster))
cat("## kmeans\nk\tn\tinertia\n")
cat(k, "\t", nrow(x), "\t", sprintf("%.17g", km$tot.withinss), "\n", sep = "")
cat("## labels\ncluster\n")
cat(lab, sep = "\n")
