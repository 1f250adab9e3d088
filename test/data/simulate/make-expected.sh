#!/bin/sh
# Expected files of test/05-simulate.bats, from the committed fixture.
# Run from the repository root:  sh test/data/simulate/make-expected.sh
# Needs python3 and R with psych (see test/refs/README.md; make refs runs
# it); the test suite itself does not.
set -eu
D=test/data/simulate
REFS=test/refs

# The header: one column name a line.
/usr/bin/python3 - fixtures/awareness-export.csv >$D/header.txt <<'PY'
import csv, sys
print('\n'.join(next(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))
PY

# The 18 familiarity items of the 83 analysed respondents (complete, not
# students), in export order: implemented 2, familiar 1, not familiar 0.
/usr/bin/python3 - fixtures/awareness-export.csv >$D/items.tsv <<'PY'
import csv, sys
rows = csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))
cols = ['Q16[SQ%03d]' % i for i in range(1, 5)] + \
       ['Q18[SQ%03d]' % i for i in range(1, 8)] + ['Q19[SQ%03d]' % i for i in range(1, 8)]
names = ['attack_inversion', 'attack_impersonation', 'attack_poisoning', 'attack_evasion',
         'method_sanitization', 'method_provenance', 'method_adversarial_training',
         'method_ensemble', 'method_input_observation', 'method_output_smoothing',
         'method_federated', 'method_delay', 'method_access_control',
         'method_system_security', 'method_differential_privacy', 'method_homomorphic',
         'method_watermarking', 'method_record_linkage']
def code(s):
    if s.startswith('Yes, I have implemented'): return '2'
    if s.startswith('I am familiar'): return '1'
    if s.startswith('No, I am not familiar'): return '0'
    raise SystemExit('unknown answer %r' % s)
print('\t'.join(names))
for r in rows:
    if r['submitdate'] and r['Q3'] != 'I am a student.':
        print('\t'.join(code(r[c]) for c in cols))
PY

# R psych on those items: all 18, then the 13 retained (loading > .45).
Rscript $REFS/ref_fa.R --nfactors 1 --rotate none $(head -1 $D/items.tsv) \
	<$D/items.tsv >$D/fa-18.txt
RETAINED=$(awk '/^## loadings/ { on = 1; next } /^##/ { on = 0 }
	on && $1 != "item" && $2 > 0.45 { printf "%s ", $1 }' $D/fa-18.txt)
Rscript $REFS/ref_fa.R --nfactors 1 --rotate none $RETAINED <$D/items.tsv >$D/fa-13.txt

# Figure 9: the 14 methods' answers (counts of not familiar 0, familiar 1,
# implemented 2) and their shares, then scikit-learn's k-means on the shares:
# inertia for k = 1..8 (the elbow) and the clusters for k = 3.
/usr/bin/python3 - $D/items.tsv >$D/familiarity.tsv <<'PY'
import sys
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1])]
print('column\tcount_0\tcount_1\tcount_2\tshare_0\tshare_1\tshare_2')
for j, name in enumerate(rows[0]):
    if not name.startswith('method_'):
        continue
    c = [sum(r[j] == str(v) for r in rows[1:]) for v in range(3)]
    print('\t'.join([name] + [str(x) for x in c] + ['%.17g' % (x / (len(rows) - 1)) for x in c]))
PY
/usr/bin/python3 $REFS/ref.py kmeans-elbow share_0 share_1 share_2 --kmax 8 --n-init 500 \
	<$D/familiarity.tsv >$D/elbow.tsv
/usr/bin/python3 $REFS/ref.py kmeans share_0 share_1 share_2 --k 3 --n-init 500 \
	<$D/familiarity.tsv >$D/kmeans-3.txt
