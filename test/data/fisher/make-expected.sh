#!/bin/sh
# Inputs (make-data.py) and the R (make-expected.R: fisher.test,
# mcnemar.test, chisq.test residuals) and Python (make-expected.py:
# statsmodels, scipy) references of test/52-tests-exact.bats. Run from the
# repository root (make refs does):
#   sh test/data/fisher/make-expected.sh
set -eu
D=test/data/fisher
/usr/bin/python3 $D/make-data.py $D
Rscript $D/make-expected.R $D
/usr/bin/python3 $D/make-expected.py $D
