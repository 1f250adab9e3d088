#!/bin/sh
# Input (make-data.py) and scipy/pandas/statsmodels references
# (make-expected.py) of test/53-correlate.bats. Run from the repository root
# (make refs does):
#   sh test/data/correlate/make-expected.sh
set -eu
D=test/data/correlate
/usr/bin/python3 $D/make-data.py $D
/usr/bin/python3 $D/make-expected.py $D
