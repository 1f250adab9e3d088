#!/bin/sh
# Input (make-input.py) and expected output of test/61-describe.bats, from
# pandas quantiles and exact mean/sd (make-expected.py); from anywhere (make
# refs runs it from the repository root):  sh test/data/describe/make-expected.sh
set -eu
cd "$(dirname "$0")"
/usr/bin/python3 make-input.py
/usr/bin/python3 make-expected.py > expected.tsv
