#!/bin/sh
# Expected outputs of test/60-tally.bats, from pandas (expected.py). Run from
# this directory:  sh make-expected.sh   (input: /usr/bin/python3 make-inputs.py)
set -eu
for m in long wide multiple by by-multiple by-stats; do
	/usr/bin/python3 expected.py $m < survey.tsv > $m.tsv
done
/usr/bin/python3 expected.py by --ddof 0 < survey.tsv > by-ddof0.tsv
/usr/bin/python3 expected.py cross education method_dp < survey.tsv > cross.tsv
/usr/bin/python3 expected.py cross education method_smoothing --expected < survey.tsv > cross-expected.tsv
/usr/bin/python3 expected.py cross education method_dp --missing < survey.tsv > cross-missing.tsv
/usr/bin/python3 expected.py cross-wide education method_dp < survey.tsv > cross-wide.tsv
/usr/bin/python3 expected.py chi2 education method_smoothing < survey.tsv > chi2.tsv
/usr/bin/python3 expected.py chi2 field_academia field_hobby < survey.tsv > chi2-yates.tsv
/usr/bin/python3 expected.py chi2 field_academia field_hobby --no-yates < survey.tsv > chi2-no-yates.tsv
/usr/bin/python3 expected.py chi2 education method_dp --missing < survey.tsv > chi2-missing.tsv
/usr/bin/python3 expected.py chi2 r c < yates-small.tsv > chi2-yates-small.tsv   # |O - E| < 0.5: the correction stops at E
