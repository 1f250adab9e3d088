#!/bin/sh
# Input and expected outputs of test/46-model.bats, from R (lm, sandwich,
# glm, MASS::polr; see expected.R); from anywhere (make refs runs it from the
# repository root):  sh test/data/model/make-expected.sh
set -eu
cd "$(dirname "$0")"
Rscript make-inputs.R
Rscript -e 'write.table(mtcars, "mtcars.tsv", sep = "\t", quote = FALSE, row.names = FALSE)'
# MASS's survey: smoking (Never..Heavy as 1..4), sex, height
Rscript -e 'd <- MASS::survey; s <- factor(d$Smoke, levels = c("Never", "Occas", "Regul", "Heavy"))' \
	-e 'write.table(data.frame(smoke = as.integer(s), sex = d$Sex, height = d$Height), "smoke.tsv",' \
	-e '	sep = "\t", quote = FALSE, row.names = FALSE, na = "")'
Rscript expected.R
