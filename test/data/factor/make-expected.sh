#!/bin/sh
# Regenerates the inputs and expected outputs of test/40-factor.bats and
# test/45-score.bats with numpy (inputs) and R psych 2.2.9 (expected values).
# Run from the repository root:  sh test/data/factor/make-expected.sh
set -eu
F=test/data/factor
S=test/data/score
ONE="attack_inversion attack_impersonation attack_poisoning attack_evasion method_sanitization method_provenance method_adversarial_training method_ensemble method_input_observation method_output_smoothing method_federated method_delay method_access_control method_system_security method_differential_privacy method_homomorphic method_watermarking method_record_linkage"
L3="trust_1 trust_2 trust_3 trust_4 usage_1 usage_2 usage_3 usage_4 worry_1 worry_2 worry_3 worry_4"
MI="attack_inversion attack_impersonation attack_poisoning attack_evasion method_sanitization method_provenance method_adversarial_training method_ensemble"
R="Rscript $F/make-expected.R"

/usr/bin/python3 $F/gen.py $F
mkdir -p $F/expected
E=$F/expected
# psych as it is (fa minres, stats::varimax eps 1e-5) and polished to the true optimum
$R $E/one $ONE < $F/one.tsv
$R --tight $E/one-tight $ONE < $F/one.tsv
$R --threshold 0.45 --refit $E/one-refit $ONE < $F/one.tsv
$R --threshold 0.45 $E/one-threshold $ONE < $F/one.tsv
$R --nfactors 3 $E/likert3 $L3 < $F/likert3.tsv
$R --nfactors 3 --tight $E/likert3-tight $L3 < $F/likert3.tsv
$R --nfactors 3 --rotate none $E/likert3-none $L3 < $F/likert3.tsv
$R $E/missing $MI < $F/missing.tsv
$R $E/heywood h1 h2 h3 h4 h5 < $F/heywood.tsv 2>/dev/null
$R --tight $E/heywood-tight h1 h2 h3 h4 h5 < $F/heywood.tsv 2>/dev/null
rm -f $E/*-tight.scores.tsv $E/*-tight.score-summary.tsv $E/*-tight.eigenvalues.tsv

# score: psych's models, applied to their own and to a new sample
mkdir -p $S
head -41 $F/one.tsv > $S/half.tsv
Rscript $S/make-expected-score.R $E/one.model.tsv < $S/half.tsv > $S/half.expected.tsv
Rscript $S/make-expected-score.R $E/one.model.tsv < $F/one.tsv > $S/one.expected.tsv

# maximum likelihood (psych fm = "ml")
$R --fm ml $E/one-ml $ONE < $F/one.tsv
$R --fm ml --tight $E/one-ml-tight $ONE < $F/one.tsv
$R --fm ml --nfactors 3 --tight $E/likert3-ml-tight $L3 < $F/likert3.tsv
$R --fm ml --nfactors 3 $E/likert3-ml $L3 < $F/likert3.tsv
rm -f $E/*-tight.scores.tsv $E/*-tight.score-summary.tsv $E/*-tight.eigenvalues.tsv

# principal axes (psych fm = "pa"), with psych's stopping rule and to convergence
$R --fm pa $E/one-pa $ONE < $F/one.tsv
$R --fm pa --min-err 1e-12 --max-iter 10000 $E/one-pa-converged $ONE < $F/one.tsv
$R --fm pa --nfactors 3 $E/likert3-pa $L3 < $F/likert3.tsv
