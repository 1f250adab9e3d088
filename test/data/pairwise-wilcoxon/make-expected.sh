#!/bin/sh
# Inputs (make-data.py) and the Python (make-expected.py: scipy's wilcoxon,
# statsmodels' multipletests) and R (make-expected.R: wilcox.test,
# pairwise.wilcox.test, p.adjust) references of the pairwise-wilcoxon tests
# of test/52-tests-exact.bats. Run from the repository root (make refs does):
#   sh test/data/pairwise-wilcoxon/make-expected.sh
set -eu
D=test/data/pairwise-wilcoxon
/usr/bin/python3 $D/make-data.py $D
/usr/bin/python3 $D/make-expected.py $D
Rscript $D/make-expected.R $D
