#!/bin/sh
# Inputs (make-data.py) and scipy expectations (make-expected.py) of
# test/50-test-hypothesis.bats. Run from the repository root (make refs does):
#   sh test/data/test-hypothesis/make-expected.sh
set -eu
D=test/data/test-hypothesis
/usr/bin/python3 $D/make-data.py $D
/usr/bin/python3 $D/make-expected.py $D
