#!/bin/sh
# Inputs and statsmodels expectations of test/55-bh-correct.bats (see
# make-expected.py). Run from the repository root (make refs does):
#   sh test/data/bh-correct/make-expected.sh
set -eu
/usr/bin/python3 test/data/bh-correct/make-expected.py test/data/bh-correct
