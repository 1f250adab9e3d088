#!/bin/sh
# Inputs and expectations of test/51-tests-parametric.bats: scipy and
# statsmodels (make-expected.py: data.tsv, plan.tsv, expected.tsv) and R
# (make-expected.R: expected-R.tsv) and R's effectsize itself
# (make-expected-effectsize.R: expected-effectsize.tsv). Run from the
# repository root:
#   sh test/data/ttest/make-expected.sh
set -eu
D=test/data/ttest
/usr/bin/python3 $D/make-expected.py $D
Rscript $D/make-expected.R $D
Rscript $D/make-expected-effectsize.R $D
