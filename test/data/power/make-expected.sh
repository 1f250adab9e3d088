#!/bin/sh
# Expected values of test/47-power.bats; from anywhere (make refs runs it
# from the repository root):  sh test/data/power/make-expected.sh
#   dist-expected.tsv   R's pt, pchisq, pf with ncp (dist-expected.R) and the
#                       exact values by mpmath at 40 digits (dist-exact.py)
#   power-expected.tsv  R's pwr, its n and effect solved to 1e-12 (power-expected.R)
set -eu
cd "$(dirname "$0")"
Rscript dist-expected.R | /usr/bin/python3 dist-exact.py > dist-expected.tsv
Rscript power-expected.R > power-expected.tsv
