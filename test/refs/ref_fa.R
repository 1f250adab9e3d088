#!/usr/bin/env Rscript
# Reference exploratory factor analysis for svy's factor and score, with R psych.
#
# usage: Rscript ref_fa.R [--nfactors K] [--rotate varimax|none] COL... < data.tsv
#
# Reads a TSV on stdin (one header row, TAB-separated, an empty cell is a
# missing value), keeps the rows with a value in every COL (listwise), fits
# psych::fa(fm = "minres") and prints TSV sections, each after a line
# "## NAME": input, bartlett, kmo, msa, eigenvalues, loadings, communalities,
# variance, scores, scores-normalised, alpha.  Floats as %.17g.
# What each section is, and which psych call made it: test/refs/README.md.

suppressPackageStartupMessages(library(psych))

usage <- "usage: Rscript ref_fa.R [--nfactors K] [--rotate varimax|none] COL... < data.tsv"

stop_with <- function(message, status = 1) {
  cat("ref_fa.R: ", message, "\n", sep = "", file = stderr())
  quit(save = "no", status = status)
}

options_of <- function(args) {
  o <- list(nfactors = "1", rotate = "varimax", cols = character())
  i <- 1
  while (i <= length(args)) {
    a <- args[i]
    if (a %in% c("-h", "--help")) {
      cat(usage, "\n", sep = "")
      quit(save = "no", status = 0)
    } else if (a %in% c("--nfactors", "--rotate")) {
      if (i == length(args)) stop_with(paste(a, "needs a value"), 2)
      o[[substring(a, 3)]] <- args[i + 1]
      i <- i + 2
    } else if (startsWith(a, "-")) {
      stop_with(paste0("unknown option '", a, "'\n", usage), 2)
    } else {
      o$cols <- c(o$cols, a)
      i <- i + 1
    }
  }
  k <- suppressWarnings(as.integer(o$nfactors))
  if (is.na(k) || k < 1) stop_with("--nfactors: a positive whole number, please", 2)
  o$nfactors <- k
  if (!(o$rotate %in% c("varimax", "none"))) stop_with("--rotate: varimax or none", 2)
  if (length(o$cols) < 3) stop_with("name 3 item columns or more", 2)
  if (anyDuplicated(o$cols)) stop_with("an item column is named twice", 2)
  o
}

# the items as a numeric matrix, one row per data row (NA where empty)
read_items <- function(cols) {
  d <- tryCatch(read.delim(file("stdin"), sep = "\t", quote = "", comment.char = "",
                           na.strings = "", colClasses = "character",
                           check.names = FALSE),
                error = function(e) stop_with(paste("not a TSV:", conditionMessage(e))))
  if (nrow(d) == 0) stop_with("no data rows")
  for (cn in cols) if (!(cn %in% names(d))) stop_with(sprintf("column '%s': not in the header", cn), 2)
  m <- matrix(NA_real_, nrow(d), length(cols), dimnames = list(NULL, cols))
  for (cn in cols) {
    v <- suppressWarnings(as.numeric(d[[cn]]))
    bad <- which(!is.na(d[[cn]]) & (is.na(v) | is.infinite(v)))
    if (length(bad))
      stop_with(sprintf("line %d: column '%s': not a number (got '%s')",
                        bad[1] + 1, cn, d[[cn]][bad[1]]))
    m[, cn] <- v
  }
  m
}

cell <- function(v) {
  if (is.double(v)) ifelse(is.na(v), "", sprintf("%.17g", v))
  else ifelse(is.na(v), "", as.character(v))
}

print_section <- function(name, df) {
  cat("## ", name, "\n", paste(names(df), collapse = "\t"), "\n", sep = "")
  cat(paste0(do.call(paste, c(lapply(df, cell), sep = "\t")), "\n"), sep = "")
}

o <- options_of(commandArgs(trailingOnly = TRUE))
raw <- read_items(o$cols)
complete <- complete.cases(raw)
x <- raw[complete, , drop = FALSE]
n <- nrow(x)
p <- ncol(x)
if (n <= p) stop_with(sprintf("%d complete rows for %d items: need more rows than items", n, p))
if (any(!complete))
  cat(sprintf("ref_fa.R: left out %d of %d rows with a missing item\n",
              sum(!complete), length(complete)), file = stderr())
if (any(apply(x, 2, sd) == 0)) stop_with("an item is constant")

R <- cor(x)
fit <- fa(x, nfactors = o$nfactors, rotate = o$rotate, fm = "minres", warnings = TRUE)
L <- unclass(fit$loadings)
h2 <- rowSums(L^2)
ss <- colSums(L^2)
# regression scores of the complete rows, standardised with n - 1 as scale()
reg <- factor.scores(x, L, method = "Thurstone")$scores
minmax <- apply(reg, 2, function(s) (s - min(s)) / (max(s) - min(s)))
bartlett <- cortest.bartlett(R, n = n)
kmo <- KMO(R)
a <- psych::alpha(x, warnings = FALSE)$total

# a score per data row: empty for the rows left out
per_row <- function(s) {
  m <- matrix(NA_real_, nrow(raw), ncol(s), dimnames = list(NULL, colnames(L)))
  m[complete, ] <- s
  data.frame(row = seq_len(nrow(raw)), m, check.names = FALSE)
}

print_section("input", data.frame(rows = nrow(raw), used = n, dropped = sum(!complete),
                                  items = p, nfactors = o$nfactors,
                                  # psych does not rotate a single factor
                                  rotation = if (o$nfactors > 1) o$rotate else "none"))
print_section("bartlett", data.frame(chi2 = bartlett$chisq, df = as.integer(bartlett$df),
                                     p = bartlett$p.value))
print_section("kmo", data.frame(kmo = kmo$MSA))
print_section("msa", data.frame(item = colnames(x), msa = unname(kmo$MSAi)))
print_section("eigenvalues", data.frame(index = seq_len(p),
                                        eigenvalue = eigen(R, symmetric = TRUE,
                                                           only.values = TRUE)$values))
print_section("loadings", data.frame(item = colnames(x), L, check.names = FALSE))
print_section("communalities", data.frame(item = colnames(x), communality = h2,
                                          uniqueness = unname(fit$uniquenesses),
                                          heywood = as.integer(h2 >= 0.995)))
print_section("variance", data.frame(factor = colnames(L), ss_loadings = ss,
                                     proportion = ss / p, cumulative = cumsum(ss) / p))
print_section("scores", per_row(reg))
print_section("scores-normalised", per_row(minmax))
print_section("alpha", data.frame(n = n, k = p, raw_alpha = a$raw_alpha,
                                  std_alpha = a$std.alpha))
