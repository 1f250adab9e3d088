#!/bin/sh
# Regenerates the inputs and expected values of test/41-factor-fit.bats with
# numpy (gen-fit.py) and R psych 2.2.9 / factanal (make-fit.R).
# Run from the repository root:  sh test/data/factor/make-fit.sh
set -eu
F=test/data/factor
E=$F/expected
PY=/usr/bin/python3
R="Rscript $F/make-fit.R --starts 200"
mkdir -p $E
L22="a1 a2 a3 a4 a5 a6 a7 a8 b1 b2 b3 b4 b5 b6 b7 b8 c1 c2 c3 c4 c5 c6"
L19="a1 a2 a3 a4 a5 a6 a7 a8 b1 b2 b3 b4 b5 b6 b7 b8 c1 c2 c3"
Q="q1 q2 q3 q4 q5 q6 q7 q8 q9 q10 q11 q12"

$PY $F/gen-fit.py likert22 8 > $F/fit-likert22.tsv
$PY $F/gen-fit.py likert22 12 > $F/fit-likert22b.tsv
$PY $F/gen-fit.py likert22 5 > $F/fit-likert22c.tsv
$PY $F/gen-fit.py ord 7 > $F/fit-ord.tsv
# 7 and 5 factors of 22 items: overfactored, many local minima; the 5-factor
# best ml fit is reached by svy from 1 start of 100
$PY $F/gen-fit.py likert22 4 > $F/fit-likert22d.tsv
$PY $F/gen-fit.py likert22 13 > $F/fit-likert22e.tsv

# maximum likelihood: 22 items, 2 factors; 19 of them, 5 factors; 22, 4
# factors (where psych and factanal both stop in a local minimum); 0/1/2
# items, 3 and 4 factors
$R --fm ml --nfactors 2 $E/fit-ml-22-2 $L22 < $F/fit-likert22.tsv
$R --fm ml --nfactors 5 $E/fit-ml-19-5 $L19 < $F/fit-likert22b.tsv
$R --fm ml --nfactors 4 $E/fit-ml-22-4 $L22 < $F/fit-likert22c.tsv
$R --fm ml --nfactors 7 $E/fit-ml-22-7 $L22 < $F/fit-likert22d.tsv
$R --fm ml --nfactors 5 $E/fit-ml-22-5 $L22 < $F/fit-likert22e.tsv
$R --fm ml --nfactors 3 $E/fit-ml-ord-3 $Q < $F/fit-ord.tsv
$R --fm ml --nfactors 4 $E/fit-ml-ord-4 $Q < $F/fit-ord.tsv
# minres on the same
$R --fm minres --nfactors 2 $E/fit-minres-22-2 $L22 < $F/fit-likert22.tsv
$R --fm minres --nfactors 5 $E/fit-minres-19-5 $L19 < $F/fit-likert22b.tsv
$R --fm minres --nfactors 3 $E/fit-minres-ord-3 $Q < $F/fit-ord.tsv

# extreme magnitudes: of the 22 items, two scaled by 1e200, two by 1e-320
# (subnormal), one to about +-1e308
$PY - $F/fit-likert22.tsv > $F/fit-extreme.tsv <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
print("\t".join(rows[0]))
for r in rows[1:]:
    v = [float(x) for x in r]
    v[0] *= 1e200
    v[9] *= 1e200
    v[3] = v[3] * 1e-320
    v[12] = v[12] * 1e-320
    v[5] = (v[5] - 3) * 5e307
    print("\t".join(repr(x) for x in v))
PY

$R --fm minres --nfactors 2 --rescale $E/fit-minres-extreme $L22 < $F/fit-extreme.tsv

# the size test: 300 items, 5 factors
$PY $F/gen-fit.py wide 1 > $F/fit-wide.tsv
