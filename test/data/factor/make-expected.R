#!/usr/bin/env Rscript
# Expected output of svy factor and score, from R psych (see make-expected.sh).
# usage: Rscript make-expected.R [--nfactors K] [--rotate varimax|none]
#          [--fm minres|ml|pa] [--min-err E] [--max-iter N]
#          [--threshold T] [--refit] [--tight] OUTPREFIX COL... < data.tsv
# Writes OUTPREFIX.model.tsv, .summary.tsv, .eigenvalues.tsv, .scores.tsv in
# svy's formats, numbers at %.17g.  The fit is psych::fa(fm = "minres") with
# stats::varimax as psych calls it; --tight polishes both to their true optimum
# (optim L-BFGS-B to machine precision on the minres criterion, psych's own
# off-diagonal one when a uniqueness is at its bound, varimax with
# eps = 1e-15), to show what psych's early stop costs.
suppressPackageStartupMessages(library(psych))

args <- commandArgs(trailingOnly = TRUE)
opt <- list(nfactors = 1L, rotate = "varimax", threshold = NA, refit = FALSE, tight = FALSE,
            fm = "minres", min.err = 0.001, max.iter = 50L)
rest <- character()
i <- 1
while (i <= length(args)) {
  a <- args[i]
  if (a == "--nfactors") { opt$nfactors <- as.integer(args[i + 1]); i <- i + 2 }
  else if (a == "--rotate") { opt$rotate <- args[i + 1]; i <- i + 2 }
  else if (a == "--fm") { opt$fm <- args[i + 1]; i <- i + 2 }
  else if (a == "--min-err") { opt$min.err <- as.numeric(args[i + 1]); i <- i + 2 }
  else if (a == "--max-iter") { opt$max.iter <- as.integer(args[i + 1]); i <- i + 2 }
  else if (a == "--threshold") { opt$threshold <- as.numeric(args[i + 1]); i <- i + 2 }
  else if (a == "--refit") { opt$refit <- TRUE; i <- i + 1 }
  else if (a == "--tight") { opt$tight <- TRUE; i <- i + 1 }
  else { rest <- c(rest, a); i <- i + 1 }
}
prefix <- rest[1]
cols <- rest[-1]

d <- read.delim(file("stdin"), sep = "\t", quote = "", comment.char = "", na.strings = "",
                colClasses = "character", check.names = FALSE)
raw <- sapply(cols, function(cn) as.numeric(d[[cn]]))
raw <- matrix(raw, nrow = nrow(d), dimnames = list(NULL, cols))
keep <- complete.cases(raw)
x <- raw[keep, , drop = FALSE]
n <- nrow(x)

fmt <- function(v) {
  if (is.double(v)) ifelse(is.na(v), "", sprintf("%.17g", v))
  else ifelse(is.na(v), "", as.character(v))
}
put <- function(file, df) {
  con <- file(file, "w")
  cat(paste(names(df), collapse = "\t"), "\n", sep = "", file = con)
  cat(paste0(do.call(paste, c(lapply(df, fmt), sep = "\t")), "\n"), sep = "", file = con)
  close(con)
}

# the minres criterion psych minimises: squared off-diagonal residuals
objective <- function(R, L) { res <- R - L %*% t(L); sum(res[lower.tri(res)]^2) }

# minres to machine precision: min over Psi in [.005, 1] of the squared
# residuals of R - Psi against its best rank-K part (whose gradient is psych's
# FAgr.minres), from psych's answer; loadings as psych's FAout.wls.
tight_loadings <- function(R, nf, psi0) {
  load_of <- function(psi) {
    S <- R; diag(S) <- 1 - psi
    E <- eigen(S, symmetric = TRUE)
    E$vectors[, 1:nf, drop = FALSE] %*% diag(sqrt(pmax(E$values[1:nf], 0)), nf)
  }
  fn <- function(psi) { L <- load_of(psi); sum((R - diag(psi) - L %*% t(L))^2) }
  gr <- function(psi) { L <- load_of(psi); 2 * diag(L %*% t(L) + diag(psi) - R) }
  polish <- function(best, f, g) {
    for (k in 1:20) {
      r <- optim(best, f, g, method = "L-BFGS-B", lower = .005, upper = 1,
                 control = list(factr = 0, pgtol = 0, maxit = 10000, lmm = 20,
                                ndeps = rep(1e-6, length(best))))
      if (f(r$par) >= f(best)) break
      best <- r$par
    }
    best
  }
  best <- polish(pmin(pmax(psi0, .005), 1), fn, gr)
  # at a bound (a Heywood case) the whole-matrix and the off-diagonal
  # criteria part: polish psych's own one (numerical gradient)
  if (any(best <= .005 | best >= 1))
    best <- polish(best, function(psi) objective(R, load_of(psi)), NULL)
  load_of(best)
}

# maximum likelihood to machine precision: psych's FAfn and FAgr (as in
# psych:::fac) with optim at full precision; loadings as psych's FAout
ml_fn <- function(Psi, S, nf) {
  sc <- diag(1 / sqrt(Psi)); E <- eigen(sc %*% S %*% sc, symmetric = TRUE, only.values = TRUE)
  e <- E$values[-(1:nf)]; -(sum(log(e) - e) - nf + nrow(S))
}
ml_load <- function(Psi, S, nf) {
  sc <- diag(1 / sqrt(Psi)); E <- eigen(sc %*% S %*% sc, symmetric = TRUE)
  diag(sqrt(Psi)) %*% E$vectors[, 1:nf, drop = FALSE] %*%
    diag(sqrt(pmax(E$values[1:nf] - 1, 0)), nf)
}
ml_gr <- function(Psi, S, nf) {
  L <- ml_load(Psi, S, nf); diag(L %*% t(L) + diag(Psi) - S) / Psi^2
}
tight_ml <- function(R, nf, psi0) {
  best <- pmin(pmax(psi0, .005), 1)
  for (k in 1:20) {
    r <- optim(best, ml_fn, ml_gr, method = "L-BFGS-B", lower = .005, upper = 1,
               control = list(factr = 0, pgtol = 0, maxit = 10000, lmm = 20), S = R, nf = nf)
    if (ml_fn(r$par, R, nf) >= ml_fn(best, R, nf)) break
    best <- r$par
  }
  ml_load(best, R, nf)
}

fit <- function(x) {
  R <- cor(x)
  nf <- opt$nfactors
  f <- fa(x, nfactors = nf, rotate = "none", fm = opt$fm, warnings = FALSE,
          min.err = opt$min.err, max.iter = opt$max.iter)
  L <- unclass(f$loadings)
  if (opt$tight)
    L <- if (opt$fm == "ml") tight_ml(R, nf, f$uniquenesses) else
      tight_loadings(R, nf, 1 - rowSums(L^2))
  if (nf > 1 && opt$rotate == "varimax")
    L <- unclass(stats::varimax(L, eps = if (opt$tight) 1e-15 else 1e-5)$loadings)
  # psych's rule: each factor's loadings sum positive, factors by variance
  s <- sign(colSums(L)); s[s == 0] <- 1
  L <- L %*% diag(s, nf)
  L <- L[, order(colSums(L^2), decreasing = TRUE), drop = FALSE]
  colnames(L) <- paste0("F", 1:nf)
  list(R = R, L = L, x = x)
}

first <- fit(x)
maxabs <- apply(abs(first$L), 1, max)
retained <- if (is.na(opt$threshold)) rep(TRUE, ncol(x)) else maxabs > opt$threshold
final <- if (opt$refit && !all(retained)) fit(x[, retained, drop = FALSE]) else first
fitted <- if (identical(final, first)) rep(TRUE, ncol(x)) else retained
nf <- opt$nfactors
R <- final$R
L <- final$L
p <- ncol(R)
h2 <- rowSums(L^2)
kmo <- KMO(first$R)
bart <- cortest.bartlett(R, n = n)
kmo_final <- KMO(R)
W <- solve(R, L)

# the model: one row per item; items left out of the final fit keep their
# first-fit loadings and get no weights
Lall <- first$L
Lall[fitted, ] <- L
h2all <- rowSums(Lall^2)
Wall <- matrix(NA_real_, ncol(x), nf)
Wall[fitted, ] <- W
xr <- x[, retained, drop = FALSE]
adrop <- rep(NA_real_, ncol(x)); sdrop <- adrop
a <- NULL
if (sum(retained) >= 2) {
  a <- psych::alpha(xr, warnings = FALSE, check.keys = FALSE)
  if (sum(retained) >= 3) {
    adrop[retained] <- a$alpha.drop$raw_alpha
    sdrop[retained] <- a$alpha.drop$std.alpha
  }
}
model <- data.frame(item = colnames(x), Lall, communality = h2all, uniqueness = 1 - h2all,
                    heywood = as.integer(h2all >= 0.995), msa = unname(kmo$MSAi),
                    retained = as.integer(retained), alpha_if_dropped = adrop,
                    std_alpha_if_dropped = sdrop, mean = colMeans(x), sd = apply(x, 2, sd),
                    n = n, check.names = FALSE)
for (k in 1:nf) model[[paste0("weight_F", k)]] <- Wall[, k]
put(paste0(prefix, ".model.tsv"), model)

ss <- colSums(L^2)
stat <- c("rows", "dropped_missing", "n", "items", "items_retained", "items_fitted", "factors")
val <- c(nrow(raw), sum(!keep), n, ncol(x), sum(retained), p, nf)
stat <- c(stat, "bartlett_chi2", "bartlett_df", "bartlett_p", "kmo")
val <- c(val, bart$chisq, bart$df, bart$p.value, kmo_final$MSA)
for (k in 1:nf) {
  stat <- c(stat, paste0(c("ss_loadings_", "proportion_", "cumulative_"), "F", k))
  val <- c(val, ss[k], ss[k] / p, sum(ss[1:k]) / p)
}
# the criterion: minres's squared off-diagonal residuals; ml's FAfn at the
# uniquenesses of the loadings
crit <- if (opt$fm == "ml") ml_fn(pmin(pmax(1 - h2, .005), 1), R, nf) else objective(R, L)
stat <- c(stat, "objective", "alpha", "std_alpha", "heywood")
val <- c(val, crit, if (is.null(a)) NA else a$total$raw_alpha,
         if (is.null(a)) NA else a$total$std.alpha, sum(h2 >= 0.995))
put(paste0(prefix, ".summary.tsv"), data.frame(statistic = stat, value = val))

ev <- eigen(first$R, TRUE, TRUE)$values
put(paste0(prefix, ".eigenvalues.tsv"),
    data.frame(index = seq_along(ev), eigenvalue = ev, proportion = ev / length(ev),
               cumulative = cumsum(ev) / length(ev)))

# scores of the complete rows as psych::factor.scores gives them (scale() with
# n - 1), the Bartlett variant, and min-max normalised regression scores
xf <- x[, fitted, drop = FALSE]
reg <- factor.scores(xf, L, method = "Thurstone")$scores
bar <- factor.scores(xf, L, method = "Bartlett")$scores
norm <- apply(reg, 2, function(s) (s - min(s)) / (max(s) - min(s)))
full <- function(s) { m <- matrix(NA_real_, nrow(raw), nf); m[keep, ] <- s; m }
sc <- data.frame(row = seq_len(nrow(raw)))
for (k in 1:nf) {
  sc[[paste0("F", k)]] <- full(reg)[, k]
  sc[[paste0("bartlett_F", k)]] <- full(bar)[, k]
  sc[[paste0("minmax_F", k)]] <- full(norm)[, k]
}
put(paste0(prefix, ".scores.tsv"), sc)
q <- quantile(norm[, 1], c(.25, .5, .75), type = 7)
put(paste0(prefix, ".score-summary.tsv"),
    data.frame(statistic = c("n", "min", "max", "q1", "median", "q3"),
               value = c(n, min(reg[, 1]), max(reg[, 1]), q)))
