#!/bin/sh
# Input and expected outputs of test/46-model.bats, from R (lm, sandwich,
# glm, MASS::polr; see expected.R); from anywhere (make refs runs it from the
# repository root):  sh test/data/model/make-expected.sh
set -eu
cd "$(dirname "$0")"
Rscript make-inputs.R
Rscript -e 'write.table(mtcars, "mtcars.tsv", sep = "\t", quote = FALSE, row.names = FALSE)'
Rscript expected.R
