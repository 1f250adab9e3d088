#!/usr/bin/env Rscript
# Expected svy score output for a saved model applied to a (new) sample.
# usage: Rscript make-expected-score.R MODEL.tsv < data.tsv > expected.tsv
# The formulas of psych's predict.psych(fit, newdata[, old.data]): the model's
# regression weights applied to z-scores of the new data, standardised with
# the model's means and sds (old.data given: "model") or the new sample's own
# ("sample"); "ddof0" uses sds with n (factor_analyzer); "minmax" rescales the
# model-standardised scores to [0, 1] over the scored rows.
args <- commandArgs(trailingOnly = TRUE)
m <- read.delim(args[1], quote = "", na.strings = "", check.names = FALSE)
m <- m[!is.na(m$weight_F1), ]
d <- read.delim(file("stdin"), quote = "", na.strings = "", check.names = FALSE)
x <- as.matrix(d[, m$item, drop = FALSE])
keep <- complete.cases(x)
xc <- x[keep, , drop = FALSE]
W <- as.matrix(m[, grep("^weight_", names(m)), drop = FALSE])
n <- m$n[1]
z_model <- scale(xc, center = m$mean, scale = m$sd)
z_sample <- scale(xc)
z_ddof0 <- scale(xc, center = m$mean, scale = m$sd * sqrt((n - 1) / n))
out <- data.frame(row = seq_len(nrow(d)))
full <- function(v) { r <- rep(NA_real_, nrow(d)); r[keep] <- v; r }
for (k in seq_len(ncol(W))) {
  s <- drop(z_model %*% W[, k])
  out[[paste0("model_F", k)]] <- full(s)
  out[[paste0("sample_F", k)]] <- full(drop(z_sample %*% W[, k]))
  out[[paste0("ddof0_F", k)]] <- full(drop(z_ddof0 %*% W[, k]))
  out[[paste0("minmax_F", k)]] <- full((s - min(s)) / (max(s) - min(s)))
}
fmt <- function(v) ifelse(is.na(v), "", sprintf("%.17g", v))
cat(paste(names(out), collapse = "\t"), "\n", sep = "")
cat(paste0(do.call(paste, c(lapply(out, fmt), sep = "\t")), "\n"), sep = "")
