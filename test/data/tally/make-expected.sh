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
/usr/bin/python3 expected.py by-stats < survey.tsv > by-stats.tsv
/usr/bin/python3 expected.py cross education method_dp < survey.tsv > cross.tsv
/usr/bin/python3 expected.py cross education method_smoothing --expected < survey.tsv > cross-expected.tsv
/usr/bin/python3 expected.py cross education method_dp --missing < survey.tsv > cross-missing.tsv
/usr/bin/python3 expected.py cross-wide education method_dp < survey.tsv > cross-wide.tsv
/usr/bin/python3 expected.py chi2 education method_smoothing < survey.tsv > chi2.tsv
/usr/bin/python3 expected.py chi2 field_academia field_hobby < survey.tsv > chi2-yates.tsv
/usr/bin/python3 expected.py chi2 field_academia field_hobby --no-yates < survey.tsv > chi2-no-yates.tsv
/usr/bin/python3 expected.py chi2 education method_dp --missing < survey.tsv > chi2-missing.tsv
/usr/bin/python3 expected.py chi2 r c < yates-small.tsv > chi2-yates-small.tsv   # |O - E| < 0.5: the correction stops at E
