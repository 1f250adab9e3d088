# R haven's reading of a file svy export wrote (test/16-export.bats compares
# it with the TSV and codebook svy wrote it from). One line a variable fact
# (its class, variable label, each value label as code=label, its
# user-missing codes) and one line a value (the row, the value as R gives
# it: numbers to 15 digits, dates ISO, NA for missing, user-missing too).
# Run by make.sh:  Rscript haven.R FILE > FILE.haven.tsv
suppressMessages(library(haven))
f <- commandArgs(TRUE)[1]
d <- switch(tools::file_ext(f), sav = read_sav(f, user_na = TRUE),
            zsav = read_sav(f, user_na = TRUE), dta = read_dta(f))
esc <- function(s) gsub("\t", "\\\\t", gsub("\\\\", "\\\\\\\\", s))
line <- function(...) cat(paste(..., sep = "\t"), "\n", sep = "")
num <- function(v) format(v, digits = 15, trim = TRUE)
line("kind", "name", "field", "value")
for (v in names(d)) {
	x <- d[[v]]
	lab <- attr(x, "label")
	line("variable", v, "class", class(zap_labels(x))[1])
	line("variable", v, "label", esc(if (is.null(lab)) "" else lab))
	vl <- attr(x, "labels")
	for (i in seq_along(vl))
		line("variable", v, "value_label", paste0(num(unname(vl[i])), "=", esc(names(vl)[i])))
	na <- attr(x, "na_values")
	if (!is.null(na))
		line("variable", v, "na_values", paste(sapply(na, num), collapse = ","))
	y <- zap_labels(zap_missing(x))
	s <- if (inherits(y, "POSIXct")) format(y, "%Y-%m-%dT%H:%M:%S", tz = "UTC")
	     else if (inherits(y, "Date")) format(y)
	     else if (is.numeric(y)) sapply(y, num)
	     else esc(y)
	s[is.na(y)] <- "NA"
	for (i in seq_along(s)) line("value", v, i, s[i])
}
