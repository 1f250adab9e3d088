#!/usr/bin/env Rscript
# The reference study written as an R user would: base R, stats and psych.
# For svy's benchmark: same input, same numbers, timed.
# usage: Rscript study.R EXPORT.csv CODEBOOK.tsv [TIMES.tsv] > key-numbers.tsv
# TIMES.tsv, when given, gets the wall seconds of each step (step<TAB>seconds),
# named after the svy tool doing the same work; 'startup' is loading psych.
t_last <- proc.time()[["elapsed"]]
steps <- c()
step <- function(name) {
  now <- proc.time()[["elapsed"]]
  steps[[name]] <<- now - t_last
  t_last <<- now
}
suppressPackageStartupMessages(library(psych))
step("startup")

args <- commandArgs(trailingOnly = TRUE)
raw <- read.csv(args[1], colClasses = "character", check.names = FALSE, na.strings = NULL,
                fileEncoding = "UTF-8-BOM")
cb <- read.delim(args[2], colClasses = "character", quote = "", comment.char = "#",
                 na.strings = NULL)

complete <- raw[raw$submitdate != "", setdiff(names(raw), c("ipaddr", "refurl", "Q24", "Q25"))]
step("clean")
people <- complete[complete$Q3 != "I am a student.", ]
step("filter-students")

# svy's codebook: @scales, columns with a scale, own levels, or a rename only
level_map <- function(rows) {
  m <- list(); empty <- NA_real_
  for (i in seq_len(nrow(rows))) {
    v <- if (rows$value[i] %in% c("", "missing")) NA_real_ else as.numeric(rows$value[i])
    if (rows$label[i] == "" && rows$code[i] == "") empty <- v
    for (key in c(rows$label[i], rows$code[i])) if (key != "") m[[key]] <- v
  }
  list(map = m, empty = empty)
}
scale_rows <- cb[startsWith(cb$column, "@"), ]
scales <- lapply(split(scale_rows, scale_rows$column), level_map)
col_rows <- cb[!startsWith(cb$column, "@"), ]
encode <- function(x, s) vapply(x, function(a) {
  if (a == "") s$empty else { v <- s$map[[a]]; if (is.null(v)) stop("unknown answer ", a); v }
}, numeric(1), USE.NAMES = FALSE)
# entries in codebook order: column, output, scale name / own levels / rename only
entries <- list(); current <- list()
for (i in seq_len(nrow(col_rows))) {
  r <- col_rows[i, ]
  name <- if (r$rename == "") r$column else r$rename
  if (startsWith(r$label, "@")) {
    entries[[length(entries) + 1]] <- list(column = r$column, output = name, scale = scales[[r$label]])
  } else if (r$label == "" && r$code == "" && r$value == "") {
    entries[[length(entries) + 1]] <- list(column = r$column, output = name, scale = NULL)
  } else {
    if (r$rename == "" && !is.null(current[[r$column]])) name <- current[[r$column]]
    k <- Position(function(e) e$output == name && !is.null(e$rows), entries)
    if (is.na(k)) {
      entries[[length(entries) + 1]] <- list(column = r$column, output = name, rows = r)
      current[[r$column]] <- name
    } else entries[[k]]$rows <- rbind(entries[[k]]$rows, r)
  }
}
out <- list()
for (col in names(people)) {
  mine <- Filter(function(e) e$column == col, entries)
  if (length(mine) == 0) { out[[col]] <- people[[col]]; next }
  for (e in mine) {
    if (!is.null(e$rows)) out[[e$output]] <- encode(people[[col]], level_map(e$rows))
    else if (is.null(e$scale)) out[[e$output]] <- people[[col]]
    else out[[e$output]] <- encode(people[[col]], e$scale)
  }
}
d <- as.data.frame(out, check.names = FALSE)
d$ml_developer <- as.integer(d$task_custom_apps == 1 | d$task_tools_from_scratch == 1)
step("encode-likert")

items <- grep("^(attack|method)_", names(d), value = TRUE)
x <- as.matrix(d[items])
# svy factor --threshold 0.45 --refit: fit all items, keep |loading| > .45, fit
# again on the kept items; adequacy (KMO, Bartlett) and alpha are the refit's
f <- fa(x, nfactors = 1, fm = "minres", rotate = "none")
kept <- items[abs(f$loadings[, 1]) > 0.45]
xk <- as.matrix(d[kept])
Rk <- cor(xk)
bart <- cortest.bartlett(Rk, n = nrow(xk))
kmo <- KMO(Rk)$MSA
fk <- fa(xk, nfactors = 1, fm = "minres", rotate = "none")
# psych stops its minres fit up to ~1e-5 (communalities) short of the minimum,
# enough to reorder near-tied scores of 50,000 people; svy goes to the minimum
# (svy factor --help). Polish psych's fit with psych's criterion, the sum of
# squared off-diagonal residuals, at a tight tolerance.
polish <- function(R, f) {
  load1 <- function(psi) {
    S <- R; diag(S) <- 1 - psi
    e <- eigen(S, symmetric = TRUE)
    list(S = S, l = e$vectors[, 1] * sqrt(max(e$values[1], 0)))
  }
  crit <- function(psi) {
    m <- load1(psi); res <- (m$S - tcrossprod(m$l))^2; diag(res) <- 0; sum(res)
  }
  o <- optim(f$uniquenesses, crit, method = "L-BFGS-B", lower = 0.005, upper = 1,
             control = list(factr = 10, pgtol = 0, maxit = 10000, ndeps = rep(1e-6, ncol(R))))
  l <- load1(o$par)$l
  if (sum(l) < 0) l <- -l
  matrix(l, ncol = 1, dimnames = list(colnames(R), "MR1"))
}
fk$loadings <- polish(Rk, fk)
a <- psych::alpha(xk, warnings = FALSE)$total$raw_alpha
step("factor")
s <- factor.scores(xk, fk$loadings, method = "Thurstone")$scores[, 1]
d$awareness <- (s - min(s)) / (max(s) - min(s))
q <- quantile(d$awareness, c(0.25, 0.5, 0.75))  # type 7, R's default
step("score")

p <- c(
  H.1.1 = cor.test(d$importance, d$awareness, method = "spearman", exact = FALSE)$p.value,
  H.1.2 = kruskal.test(awareness ~ education_group, data = d)$p.value,
  H.1.3 = cor.test(d$years_ml, d$awareness, method = "spearman", exact = FALSE)$p.value,
  H.1.4 = kruskal.test(awareness ~ company_size, data = d)$p.value,
  H.1.5 = wilcox.test(d$awareness[d$ml_developer == 1], d$awareness[d$ml_developer == 0],
                      alternative = "greater", exact = FALSE, correct = TRUE)$p.value,
  H.1.6 = kruskal.test(awareness ~ data_relation, data = d)$p.value)
padj <- p.adjust(p, method = "BH")
step("test-hypothesis")

methods <- grep("^method_", names(d), value = TRUE)
shares <- t(sapply(methods, function(m) sapply(0:2, function(v) mean(d[[m]] == v))))
set.seed(0)
km <- kmeans(shares, centers = 3, nstart = 50)
step("cluster")

res <- c(complete = nrow(complete), practitioners = nrow(d), kmo = kmo,
         bartlett_chi2 = bart$chisq, items_retained = length(kept), alpha = a,
         awareness_q1 = unname(q[1]), awareness_median = unname(q[2]),
         awareness_q3 = unname(q[3]),
         kmeans3_inertia = km$tot.withinss)
res <- c(res, setNames(p, paste0("p_", names(p))), setNames(padj, paste0("p_adj_", names(p))))
cat("statistic\tvalue\n")
cat(sprintf("%s\t%s\n", names(res),
            ifelse(res == round(res), sprintf("%d", as.integer(round(res))), sprintf("%.17g", res))), sep = "")
if (length(args) > 2)
  writeLines(sprintf("%s\t%.6f", names(steps), unlist(steps)), args[3])
