#!/bin/sh
# Expected outputs of test/60-tally.bats, from pandas (expected.py). Run from
# this directory:  sh make-expected.sh   (input: /usr/bin/python3 make-inputs.py)
set -eu
for m in long wide multiple by by-multiple; do
	/usr/bin/python3 expected.py $m < survey.tsv > $m.tsv
done
/usr/bin/python3 expected.py by --ddof 0 < survey.tsv > by-ddof0.tsv
