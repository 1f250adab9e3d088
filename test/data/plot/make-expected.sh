#!/bin/sh
# Expected histogram counts of test/63-plot.bats, from numpy.histogram
# (make-expected.py); from anywhere (make refs runs it from the repository
# root):  sh test/data/plot/make-expected.sh
# The golden drawings (hist.txt, bar.txt, box.txt) are svy plot's own output,
# checked by eye: rerun  bin/plot -q -c awareness --width 60 ../tally/survey.tsv
# (and -c education, -c awareness -g education) when the drawing changes.
set -eu
cd "$(dirname "$0")"
/usr/bin/python3 make-expected.py > hist-counts.txt
