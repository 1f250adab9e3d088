#!/bin/sh
# Expected files of test/05-simulate.bats, from the committed fixture.
# Run from the repository root:  sh test/data/simulate/make-expected.sh
# Needs python3 and R with psych (see /work/shared/refs/README.md); the test
# suite itself does not.
set -eu
D=test/data/simulate
REFS=${SVY_SHARED:-../shared}/refs

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
