#!/bin/sh
# Expected values for test/90-study.bats: the reference study's statistics on the
# bundled fixture, computed by scipy (test/refs/ref.py) and R psych
# (test/refs/ref_fa.R) from the inputs svy's pipeline gives them.
# Run from the project root after `make` (make refs does):
#   sh test/data/study/make-expected.sh
# Needs /usr/bin/python3 with scipy, statsmodels; Rscript with psych.
set -eu
here=test/data/study
refs=test/refs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s study-outputs B="$tmp" 2>/dev/null
# encoded.tsv is svy's own output, checked by eye (test/data/PROVENANCE.md):
# rewritten only when asked (make refs OWN=1), else only compared
if [ -n "${OWN:-}" ]; then
	cp "$tmp/encoded.tsv" "$here/encoded.tsv"
	echo "OWN=1: rewrote $here/encoded.tsv (svy's own: check the diff by eye)"
elif ! cmp -s "$tmp/encoded.tsv" "$here/encoded.tsv"; then
	echo "note: svy now encodes the fixture otherwise than $here/encoded.tsv; left as it is (make refs OWN=1 rewrites it)"
fi
scored=$tmp/scored.tsv
# the EU member states' rows, for H.2.5
awk -F'\t' 'NR == FNR { eu[$0] = 1; next }
	FNR == 1 { for (i = 1; i <= NF; i++) if ($i == "country") c = i; print; next }
	$c in eu' pipelines/studies/awareness/eu-member-states.txt "$scored" >"$tmp/eu.tsv"
py() { /usr/bin/python3 "$refs/ref.py" "$@" 2>/dev/null | tail -n 1; }
cols() { head -1 "$scored" | tr '\t' '\n' | grep -E "$1" | tr '\n' ' '; }
{
	printf 'id\tref\n'
	printf 'H.1.1\t%s\n' "$(py spearman importance awareness <"$scored")"
	printf 'H.1.2\t%s\n' "$(py kruskal awareness education_group <"$scored")"
	printf 'H.1.3\t%s\n' "$(py spearman years_ml awareness <"$scored")"
	printf 'H.1.4\t%s\n' "$(py kruskal awareness company_size <"$scored")"
	printf 'H.1.5\t%s\n' "$(py mannwhitney awareness ml_developer --first 1 --second 0 --alternative greater <"$scored")"
	printf 'H.1.6\t%s\n' "$(py kruskal awareness data_relation <"$scored")"
	printf 'H.2.1\t%s\n' "$(py spearman years_ml importance <"$scored")"
	printf 'H.2.2\t%s\n' "$(py chi2 company_size responsibility <"$scored")"
	printf 'H.2.3\t%s\n' "$(py mannwhitney education responsible --first 1 --second 0 <"$scored")"
	printf 'H.2.4\t%s\n' "$(py mannwhitney years_ml responsible --first 1 --second 0 <"$scored")"
	printf 'H.2.5\t%s\n' "$(py kruskal gdpr_change data_relation <"$tmp/eu.tsv")"
	printf 'H.2.5.1\t%s\n' "$(py mannwhitney gdpr_change data_relation --first 1 --second 2 <"$tmp/eu.tsv")"
	printf 'H.2.5.2\t%s\n' "$(py mannwhitney gdpr_change data_relation --first 1 --second 3 <"$tmp/eu.tsv")"
	printf 'H.2.5.3\t%s\n' "$(py mannwhitney gdpr_change data_relation --first 2 --second 3 <"$tmp/eu.tsv")"
	# shellcheck disable=SC2046
	printf 'H.2.6\t%s\n' "$(py friedman $(cols '^known_attack_') <"$scored")"
	printf 'H.2.7\t%s\n' "$(py friedman $(cols '^implemented_attack_') <"$scored")"
	printf 'H.2.8\t%s\n' "$(py friedman $(cols '^known_method_') <"$scored")"
	printf 'H.2.9\t%s\n' "$(py friedman $(cols '^implemented_method_') <"$scored")"
} >"$here/tests-scipy.tsv"
# Benjamini-Hochberg per family (statsmodels) on svy's p
cut -f1,2,13 "$tmp/tests.tsv" | /usr/bin/python3 "$refs/ref.py" bh >"$here/bh-statsmodels.tsv"
# factor analysis: all 18 items, and the 13 retained ones (psych)
# shellcheck disable=SC2046
Rscript "$refs/ref_fa.R" $(cols '^(attack|method)_') <"$tmp/encoded.tsv" >"$here/fa-18.txt" 2>/dev/null
retained=$(awk -F'\t' 'NR > 1 && $7 == 1 { print $1 }' "$tmp/model.tsv" | tr '\n' ' ')
# shellcheck disable=SC2086
Rscript "$refs/ref_fa.R" $retained <"$tmp/encoded.tsv" >"$here/fa-13.txt" 2>/dev/null
echo "written: $here/tests-scipy.tsv bh-statsmodels.tsv fa-18.txt fa-13.txt"
