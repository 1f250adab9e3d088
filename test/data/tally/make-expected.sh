#!/bin/sh
# Input (make-inputs.py) and expected outputs of test/60-tally.bats, from
# pandas (expected.py); from anywhere (make refs runs it from the repository
# root):  sh test/data/tally/make-expected.sh
set -eu
cd "$(dirname "$0")"
/usr/bin/python3 make-inputs.py
for m in long wide multiple by by-multiple; do
	/usr/bin/python3 expected.py $m < survey.tsv > $m.tsv
done
/usr/bin/python3 expected.py by --ddof 0 < survey.tsv > by-ddof0.tsv
