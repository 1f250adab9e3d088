#!/bin/sh
# Inputs (make-inputs.py) and expected outputs of test/70-kappa.bats; from
# anywhere (make refs runs it from the repository root):
#   sh test/data/kappa/make-expected.sh
# kappa: scikit-learn cohen_kappa_score via the project's test/refs/ref.py,
# and psych::cohen.kappa (kappa, its standard error and confidence interval)
# via kappa.R; Krippendorff's alpha: alpha.py (the definition, pair by pair).
# make refs runs it.
set -eu
cd "$(dirname "$0")"
REF=${REF:-../../refs/ref.py}
/usr/bin/python3 make-inputs.py
F=../../../fixtures/coders.tsv
CODES=access,anonymisation,consent,deletion,documentation,minimisation,no_change
/usr/bin/python3 "$REF" kappa coder_a coder_b < $F > coders.sklearn 2>/dev/null
Rscript kappa.R coder_a coder_b none $CODES < $F > coders.psych
for w in none linear quadratic; do
	/usr/bin/python3 "$REF" kappa r1 r2 --weights $w < ordinal.tsv > ordinal.sklearn.$w 2>/dev/null
	Rscript kappa.R r1 r2 $w < ordinal.tsv > ordinal.psych.$w
	# the scale fixed to 1..6 (6 never used): sklearn labels=, psych levels=
	Rscript kappa.R r1 r2 $w 1,2,3,4,5,6 < ordinal.tsv > ordinal6.psych.$w
done
/usr/bin/python3 - > ordinal6.sklearn <<'PY'
from sklearn.metrics import cohen_kappa_score
rows = [l.split("\t") for l in open("ordinal.tsv").read().splitlines()[1:]]
a, b = zip(*[(int(r[1]), int(r[2])) for r in rows if r[1] and r[2]])
print("weights\tkappa")
for w in ("none", "linear", "quadratic"):
    k = cohen_kappa_score(a, b, labels=[1, 2, 3, 4, 5, 6], weights=None if w == "none" else w)
    print("%s\t%.17g" % (w, k))
PY
for m in nominal ordinal interval ratio; do
	/usr/bin/python3 alpha.py $m obs_a obs_b obs_c obs_d < reliability.tsv > reliability.$m
done
# --se fce: statsmodels cohens_kappa (Fleiss, Cohen & Everitt 1969) on the 5 x 5 table
/usr/bin/python3 - > ordinal.statsmodels <<'PY'
import numpy as np
from statsmodels.stats.inter_rater import cohens_kappa
rows = [l.split("\t") for l in open("ordinal.tsv").read().splitlines()[1:]]
t = np.zeros((5, 5))
for r in rows:
    if r[1] and r[2]:
        t[int(r[1]) - 1, int(r[2]) - 1] += 1
print("weights\tkappa\tse")
for w in ("none", "linear", "quadratic"):
    k = cohens_kappa(t, wt=None if w == "none" else w)
    print("%s\t%.17g\t%.17g" % (w, k.kappa, k.std_kappa))
PY
/usr/bin/python3 alpha.py nominal coder_a coder_b < $F > coders.alpha
