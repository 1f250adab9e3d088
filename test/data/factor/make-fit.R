#!/usr/bin/env Rscript
# Expected values of test/41-factor-fit.bats (see make-fit.sh): the fit's
# global optimum, by psych, factanal and many starts.
# usage: Rscript make-fit.R [--fm ml|minres] [--nfactors K] [--starts N]
#          [--rescale] OUTPREFIX COL... < data.tsv
# Writes OUTPREFIX.fit.tsv (statistic/value rows: psych's printed objective
# and its criterion at psych's own answer, polished to machine precision;
# the same for factanal (ml); the best criterion of N random starts and
# those two, each polished; how many of the N reached it) and
# OUTPREFIX.loadings.tsv (the best solution's unrotated loadings, each
# factor signed to sum positive, by variance, psych's rule), at %.17g.
# --rescale: items of extreme magnitude (1e200, 1e-320) are divided by their
# largest absolute value first (the correlations are unchanged, and R's own
# sums of squares would overflow or underflow), and OUTPREFIX.moments.tsv
# gets their means and standard deviations computed at that scale.
suppressPackageStartupMessages(library(psych))

args <- commandArgs(trailingOnly = TRUE)
fm <- "ml"; nf <- 1L; nstart <- 100L; rescale <- FALSE; rest <- character()
i <- 1
while (i <= length(args)) {
  a <- args[i]
  if (a == "--fm") { fm <- args[i + 1]; i <- i + 2 }
  else if (a == "--nfactors") { nf <- as.integer(args[i + 1]); i <- i + 2 }
  else if (a == "--starts") { nstart <- as.integer(args[i + 1]); i <- i + 2 }
  else if (a == "--rescale") { rescale <- TRUE; i <- i + 1 }
  else { rest <- c(rest, a); i <- i + 1 }
}
prefix <- rest[1]
cols <- rest[-1]
d <- read.delim(file("stdin"), sep = "\t", check.names = FALSE)
x <- as.matrix(d[, cols])
put <- function(file, df) write.table(df, file, sep = "\t", quote = FALSE, row.names = FALSE)
if (rescale) {
  s <- apply(abs(x), 2, max)
  x <- sweep(x, 2, s, "/")
  put(paste0(prefix, ".moments.tsv"),
      data.frame(item = cols, mean = sprintf("%.17g", colMeans(x) * s),
                 sd = sprintf("%.17g", apply(x, 2, sd) * s)))
}
R <- cor(x)
p <- ncol(R)

# psych's criteria (psych:::fac's FAfn; the minres one as svy states it:
# the squared off-diagonal residuals, i < j) and loadings (FAout, FAout.wls)
ml_fn <- function(Psi) {
  sc <- diag(1 / sqrt(Psi)); e <- eigen(sc %*% R %*% sc, symmetric = TRUE, only.values = TRUE)$values
  e <- e[-(1:nf)]; -(sum(log(e) - e) - nf + p)
}
ml_load <- function(Psi) {
  sc <- diag(1 / sqrt(Psi)); E <- eigen(sc %*% R %*% sc, symmetric = TRUE)
  diag(sqrt(Psi)) %*% E$vectors[, 1:nf, drop = FALSE] %*%
    diag(sqrt(pmax(E$values[1:nf] - 1, 0)), nf)
}
ml_gr <- function(Psi) { L <- ml_load(Psi); diag(L %*% t(L) + diag(Psi) - R) / Psi^2 }
mr_load <- function(psi) {
  S <- R; diag(S) <- 1 - psi
  E <- eigen(S, symmetric = TRUE)
  E$vectors[, 1:nf, drop = FALSE] %*% diag(sqrt(pmax(E$values[1:nf], 0)), nf)
}
mr_fn <- function(psi) { L <- mr_load(psi); res <- R - L %*% t(L); sum(res[lower.tri(res)]^2) }
mr_gr <- function(psi) { L <- mr_load(psi); diag(L %*% t(L) + diag(psi) - R) }
fn <- if (fm == "ml") ml_fn else mr_fn
gr <- if (fm == "ml") ml_gr else mr_gr
load <- if (fm == "ml") ml_load else mr_load

# optim to machine precision from PSI, repeated while it improves
polish <- function(psi) {
  best <- pmin(pmax(psi, .005), 1)
  for (k in 1:30) {
    r <- optim(best, fn, gr, method = "L-BFGS-B", lower = .005, upper = 1,
               control = list(factr = 0, pgtol = 0, maxit = 10000, lmm = 20))
    if (!(fn(r$par) < fn(best))) break
    best <- r$par
  }
  best
}

f <- fa(R, nfactors = nf, n.obs = nrow(x), rotate = "none", fm = fm, warnings = FALSE)
stat <- c("psych_printed_objective", "psych_criterion")
psy <- pmin(pmax(1 - rowSums(unclass(f$loadings)^2), .005), 1)
val <- c(f$objective, fn(psy))
cand <- list(polish(psy))
if (fm == "ml") {
  fa2 <- tryCatch(factanal(covmat = R, factors = nf, n.obs = nrow(x)), error = function(e) NULL)
  stat <- c(stat, "factanal_criterion")
  val <- c(val, if (is.null(fa2)) NA else fa2$criteria[["objective"]])
  if (!is.null(fa2)) cand <- c(cand, list(polish(fa2$uniquenesses)))
}
set.seed(20261202)
for (s in seq_len(nstart)) cand <- c(cand, list(polish(runif(p, 0.05, 0.95))))
crit <- sapply(cand, fn)
best <- which.min(crit)
stat <- c(stat, "psych_polished", "best", "starts", "starts_best")
val <- c(val, crit[1], crit[best], length(cand),
         sum(abs(crit - crit[best]) <= 1e-8 * (1 + abs(crit[best]))))
L <- load(cand[[best]])
# psych's printed objective of the best loadings (psych's fa.stats)
M <- L %*% t(L); diag(M) <- diag(R); M <- cor.smooth(M)
mr <- solve(M, R)
stat <- c(stat, "best_psych_objective")
val <- c(val, sum(diag(mr)) - log(det(mr)) - p)
s <- sign(colSums(L)); s[s == 0] <- 1
L <- L %*% diag(s, nf)
L <- L[, order(colSums(L^2), decreasing = TRUE), drop = FALSE]

put(paste0(prefix, ".fit.tsv"),
    data.frame(statistic = stat, value = sprintf("%.17g", val)))
colnames(L) <- paste0("F", 1:nf)
put(paste0(prefix, ".loadings.tsv"),
    data.frame(item = colnames(x), apply(L, 2, function(v) sprintf("%.17g", v))))
