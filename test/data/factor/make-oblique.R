#!/usr/bin/env Rscript
# Inputs and expected values of test/42-factor-oblique.bats (and the oblique
# cases of test/45-score.bats), from R psych 2.2.9 and GPArotation 2022.10.2.
# Run from the repository root:  Rscript test/data/factor/make-oblique.R
# Writes test/data/factor/oblique/:
#   oblique.tsv       generated: 15 five-point items of 3 correlated factors
#   bfi.tsv           psych's bfi (Big Five Inventory, SAPA project), the 25
#                     items, complete rows only
#   CASE.model.tsv    fa(x, k, rotate = ROT): item, pattern F1.., structure_F1..,
#                     communality, uniqueness, mean, sd, n, weight_F1.. (fa's
#                     weights): a model svy-score reads
#   CASE.summary.tsv  statistic/value: ss_loadings_F*, phi_Fa_Fb (oblique only)
#   CASE.scores.tsv   regression and Bartlett scores of the fitting sample
#                     (factor.scores with fa's Phi), one column each per factor
#   oblique-first.newdata.tsv: factor.scores(second half, fa of the first
#                     half, method = "Thurstone") (weights from the
#                     new sample's own correlations) and predict(fa, second half)
#   NAME.omega.tsv    omega(x) with its defaults (and nfactors = 2 for oblique-2)
#   NAME.parallel*.tsv fa.parallel(x, n.iter = 100) (see the end of this script)
#   NAME.cor.tsv      polychoric(x)$rho / tetrachoric(x)$rho (the end of this script)
suppressPackageStartupMessages({ library(psych); library(GPArotation) })
dir <- "test/data/factor/oblique"
dir.create(dir, showWarnings = FALSE)

fmt <- function(v) ifelse(is.na(v), "", sprintf("%.17g", v))
put <- function(file, df) {
  con <- file(file, "w")
  cat(paste(names(df), collapse = "\t"), "\n", sep = "", file = con)
  cat(paste0(do.call(paste, c(lapply(df, function(v) if (is.numeric(v)) fmt(v) else v),
                              sep = "\t")), "\n"), sep = "", file = con)
  close(con)
}
put_data <- function(file, x) {
  con <- file(file, "w")
  cat(paste(colnames(x), collapse = "\t"), "\n", sep = "", file = con)
  write.table(x, con, sep = "\t", quote = FALSE, row.names = FALSE, col.names = FALSE)
  close(con)
}

# generated: 3 factors correlated .4, .3, .5; 5 items each, one cross-loading
set.seed(16)
n <- 400
Phi <- matrix(c(1, .4, .3, .4, 1, .5, .3, .5, 1), 3)
f <- matrix(rnorm(n * 3), n) %*% chol(Phi)
L <- matrix(0, 15, 3)
L[1:5, 1] <- c(.8, .7, .6, .7, .5)
L[6:10, 2] <- c(.7, .6, .8, .5, .6)
L[11:15, 3] <- c(.6, .7, .5, .8, .6)
L[5, 2] <- .3
x <- f %*% t(L) + matrix(rnorm(n * 15), n) %*% diag(sqrt(pmax(.2, 1 - rowSums(L^2))))
x <- apply(x, 2, function(v) as.integer(cut(v, c(-Inf, -1.5, -.5, .5, 1.5, Inf))))
colnames(x) <- c(paste0("a", 1:5), paste0("b", 1:5), paste0("c", 1:5))
put_data(file.path(dir, "oblique.tsv"), x)

data(bfi)
b <- as.matrix(bfi[complete.cases(bfi[, 1:25]), 1:25])
rownames(b) <- NULL
put_data(file.path(dir, "bfi.tsv"), b)

likert <- as.matrix(read.delim("test/data/factor/likert3.tsv"))

expect <- function(name, x, k, rotate, fm = "minres", cor = "cor") {
  fa1 <- suppressWarnings(fa(x, k, rotate = rotate, fm = fm, cor = cor))
  Lp <- unclass(fa1$loadings)
  Phi <- if (is.null(fa1$Phi)) diag(k) else fa1$Phi
  S <- Lp %*% Phi
  h2 <- diag(Lp %*% Phi %*% t(Lp))
  m <- data.frame(item = colnames(x), check.names = FALSE)
  for (j in 1:k) m[[paste0("F", j)]] <- Lp[, j]
  for (j in 1:k) m[[paste0("structure_F", j)]] <- S[, j]
  m$communality <- h2
  m$uniqueness <- 1 - h2
  m$mean <- colMeans(x)
  m$sd <- apply(x, 2, sd)
  m$n <- nrow(x)
  for (j in 1:k) m[[paste0("weight_F", j)]] <- fa1$weights[, j]
  put(file.path(dir, paste0(name, ".model.tsv")), m)
  vx <- diag(Phi %*% t(Lp) %*% Lp)
  st <- c(ss_loadings = NULL)
  s <- data.frame(statistic = character(), value = numeric())
  for (j in 1:k) s <- rbind(s, data.frame(statistic = paste0("ss_loadings_F", j), value = vx[j]))
  if (!is.null(fa1$Phi)) for (a in 1:k) for (b2 in 1:k) if (a < b2)
    s <- rbind(s, data.frame(statistic = sprintf("phi_F%d_F%d", a, b2), value = Phi[a, b2]))
  put(file.path(dir, paste0(name, ".summary.tsv")), s)
  reg <- factor.scores(x, fa1, method = "Thurstone")$scores
  bart <- factor.scores(x, fa1, method = "Bartlett")$scores
  sc <- data.frame(row = seq_len(nrow(x)))
  for (j in 1:k) sc[[paste0("regression_F", j)]] <- reg[, j]
  for (j in 1:k) sc[[paste0("bartlett_F", j)]] <- bart[, j]
  if (nrow(x) <= 500) put(file.path(dir, paste0(name, ".scores.tsv")), sc)
  invisible(fa1)
}

expect("likert3-oblimin", likert, 3, "oblimin")
expect("likert3-promax", likert, 3, "promax")
expect("likert3-geomin", likert, 3, "geominQ")
expect("likert3-quartimax", likert, 3, "quartimax")
expect("likert3-ml-oblimin", likert, 3, "oblimin", fm = "ml")
expect("oblique-oblimin", x, 3, "oblimin")
expect("oblique-promax", x, 3, "promax")
expect("oblique-geomin", x, 3, "geominQ")
expect("oblique-2-oblimin", x, 2, "oblimin")
expect("bfi-oblimin", b, 5, "oblimin")
expect("bfi-promax", b, 5, "promax")

# --threshold 0.55 --refit: fa again on the items whose largest absolute
# pattern loading is above 0.55
fa0 <- fa(x, 3)
keep <- apply(abs(unclass(fa0$loadings)), 1, max) > 0.55
expect("oblique-refit", x[, keep], 3, "oblimin")

# a new sample scored with the weights rebuilt from its own correlations
half <- 200
first <- x[1:half, ]
second <- x[(half + 1):n, ]
put_data(file.path(dir, "oblique-first.tsv"), first)
put_data(file.path(dir, "oblique-second.tsv"), second)
fa1 <- expect("oblique-first", first, 3, "oblimin")
refit <- factor.scores(second, fa1, method = "Thurstone")$scores
pred <- predict(fa1, second)
sc <- data.frame(row = seq_len(nrow(second)))
for (j in 1:3) sc[[paste0("refit_F", j)]] <- refit[, j]
for (j in 1:3) sc[[paste0("predict_F", j)]] <- pred[, j]
put(file.path(dir, "oblique-first.newdata.tsv"), sc)

# omega with psych's defaults (3 factors, minres, oblimin): NAME.omega.tsv
put_omega <- function(name, x) {
  o <- omega(x, plot = FALSE)
  put(file.path(dir, paste0(name, ".omega.tsv")),
      data.frame(statistic = c("omega_total", "omega_hierarchical", "omega_limit", "omega_ecv"),
                 value = c(o$omega.tot, o$omega_h, o$omega.lim, o$ECV)))
}
put_omega("oblique", x)
put_omega("bfi", b)
put_omega("likert3", likert)
one <- as.matrix(read.delim("test/data/factor/one.tsv"))
one <- one[, grep("^(attack|method)_", colnames(one))]
mode(one) <- "numeric"
put_omega("one", one)
o2 <- omega(x, nfactors = 2, plot = FALSE)
put(file.path(dir, "oblique-2.omega.tsv"),
    data.frame(statistic = c("omega_total", "omega_hierarchical", "omega_limit", "omega_ecv"),
               value = c(o2$omega.tot, o2$omega_h, o2$omega.lim, o2$ECV)))

# parallel analysis, fa.parallel(x, n.iter = 100) with its defaults:
# NAME.parallel.tsv (index, eigenvalue, fa_eigenvalue, then the means of the
# simulated and resampled data sets) and NAME.parallel-summary.tsv (psych's
# suggested numbers of factors and components). The random parts come from
# R's generator: svy's agree in distribution only.
put_parallel <- function(name, x) {
  set.seed(16)
  pdf(NULL)
  pa <- fa.parallel(x, n.iter = 100, plot = FALSE)
  invisible(dev.off())
  put(file.path(dir, paste0(name, ".parallel.tsv")),
      data.frame(index = seq_along(pa$pc.values), eigenvalue = pa$pc.values,
                 fa_eigenvalue = pa$fa.values, pc_simulated_mean = pa$pc.sim,
                 fa_simulated_mean = pa$fa.sim, pc_resampled_mean = pa$pc.simr,
                 fa_resampled_mean = pa$fa.simr))
  put(file.path(dir, paste0(name, ".parallel-summary.tsv")),
      data.frame(statistic = c("parallel_factors", "parallel_components"),
                 value = c(pa$nfact, pa$ncomp)))
}
put_parallel("oblique", x)
put_parallel("likert3", likert)
put_parallel("bfi", b)
put_parallel("one", one)

# polychoric and tetrachoric correlations, psych's defaults: NAME.cor.tsv
# (item, then one column per item), and fa(x, k, cor = "poly") models
put_cor <- function(name, r) {
  m <- data.frame(item = colnames(r), check.names = FALSE)
  for (j in seq_len(ncol(r))) m[[colnames(r)[j]]] <- r[, j]
  put(file.path(dir, paste0(name, ".cor.tsv")), m)
}
put_cor("likert3-poly", polychoric(likert)$rho)
put_cor("one-poly", suppressWarnings(polychoric(one)$rho))
expect("likert3-poly", likert, 3, "oblimin", cor = "poly")
expect("one-poly", one, 1, "oblimin", cor = "poly")
# items of different highest categories: psych's global = FALSE, empty cells
set.seed(42)
uneven <- x[1:120, c(1:3, 6:8)]
uneven[, 1] <- pmin(uneven[, 1], 3)
uneven[, 4] <- pmin(uneven[, 4], 4)
put_data(file.path(dir, "uneven.tsv"), uneven)
put_cor("uneven-poly", suppressWarnings(polychoric(uneven)$rho))
# two-valued items: tetrachoric (a zero cell corrected in one pair)
bin <- (x[, c(1:4, 6:9, 11:14)] >= 4) * 1L
bin[1:3, 12] <- 1L
put_data(file.path(dir, "binary.tsv"), bin)
put_cor("binary-tetra", suppressWarnings(suppressMessages(tetrachoric(bin)$rho)))
expect("binary-tetra", bin, 3, "oblimin", cor = "tet")
# a small sample whose polychoric matrix is not positive definite: smoothed
set.seed(1)
small <- x[sample(nrow(x), 30), ]
put_data(file.path(dir, "small.tsv"), small)
put_cor("small-poly", suppressWarnings(polychoric(small)$rho))
