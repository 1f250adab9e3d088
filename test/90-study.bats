#!/usr/bin/env bats
# make study: the reference study, end to end, as a researcher runs it.

load test_helper

# the study's recipes with the tools under test, into a directory of the test
study() {
	svy_make study-outputs "$@" 2>study.log
}

@test "the fixture goes 1471 -> 94 -> 83 rows; every table is made" {
	study B="$BATS_TEST_TMPDIR/b"
	cd b
	[ "$(($(wc -l <clean.tsv) - 1))" -eq 94 ]
	[ "$(($(wc -l <incomplete.tsv) - 1))" -eq 1377 ]
	[ "$(($(wc -l <practitioners.tsv) - 1))" -eq 83 ]
	[ "$(($(wc -l <students.tsv) - 1))" -eq 11 ]
	[ "$(($(wc -l <scored.tsv) - 1))" -eq 83 ]
	[ "$(($(wc -l <tests.tsv) - 1))" -eq 18 ]
	[ "$(grep -c '^| H\.1\.' table4.md)" -eq 6 ]
	[ "$(grep -c '^| H\.2\.' table5.md)" -eq 12 ]
	[ "$(($(wc -l <table1.tsv) - 1))" -eq 18 ]
	[ "$(($(wc -l <clusters.tsv) - 1))" -eq 14 ]
	for f in table2.tsv table3.tsv familiarity.tsv kappa.tsv factor-summary.tsv \
		score-summary.tsv eigenvalues.tsv inertia.tsv; do
		[ -s "$f" ] || fail "$f missing or empty"
	done
	# personal data is gone
	run grep -c '@example' scored.tsv
	assert_output 0
}

@test "running the study twice gives byte-identical outputs; make -j gives the same" {
	study B="$BATS_TEST_TMPDIR/one"
	study B="$BATS_TEST_TMPDIR/two" -j4
	diff -r one two
	rm one/encoded.tsv one/tests.tsv
	study B="$BATS_TEST_TMPDIR/one"
	diff -r one two
}

@test "nothing is redone when nothing changed" {
	study B="$BATS_TEST_TMPDIR/b"
	before=$(ls -l --time-style=+%s.%N b)
	sleep 1
	study B="$BATS_TEST_TMPDIR/b"
	[ "$(ls -l --time-style=+%s.%N b)" = "$before" ]
}

@test "a failing step leaves no target behind and says why" {
	printf 'column\trename\tlabel\tcode\tvalue\nQ13\timportance\tVery important\tA5\t5\n' >bad.tsv
	run study B="$BATS_TEST_TMPDIR/b" CODEBOOK="$BATS_TEST_TMPDIR/bad.tsv"
	assert_failure
	[ ! -e b/encoded.tsv ]
	[ -s b/practitioners.tsv ]
	grep -q "svy-encode-likert: .*column 'Q13': answer not in the codebook" study.log
}

@test "EXPORT and CODEBOOK point the same recipes at another export" {
	"$BIN/simulate" --respondents 3000 --seed 7 --delimiter ';' >other.csv
	study B="$BATS_TEST_TMPDIR/b" EXPORT="$BATS_TEST_TMPDIR/other.csv"
	[ "$(($(wc -l <b/clean.tsv) - 1))" -eq 192 ]
	[ "$(($(wc -l <b/tests.tsv) - 1))" -eq 18 ]
}

@test "make kaggle: the real Kaggle 2017 export through the same tools" {
	svy_make kaggle-outputs \
		B="$BATS_TEST_TMPDIR/b" KAGGLE_ZIP="$DATA/kaggle-mlds-2017/multipleChoiceResponses.zip" 2>kaggle.log
	grep -q "svy-clean: read 16716 rows, kept 16716, dropped 0 .*replaced 111 invalid UTF-8 sequences" kaggle.log
	grep -q "svy-filter-students: read 16716 rows, kept 15735, dropped 981 (student)" kaggle.log
	grep -q "svy-factor: read 15735 rows, used 2750, dropped 12985 with a missing item (listwise)" kaggle.log
	run cut -f1,3,4,6 b/kaggle/tests.tsv
	assert_output "$(printf 'id\ttest\tvariables\tn\nK.1\tkruskal\ttools_focus by education\t2737\nK.2\tkruskal\ttools_focus by employment\t2750\nK.3\tspearman\ttenure,tools_focus\t2586')"
}

# ---- the fixture's numbers, against the reference libraries ----------------
# test/data/study/make-expected.sh computed them with scipy, statsmodels and R
# psych on the inputs svy's pipeline gives those libraries.

S="$TESTDATA/study"

# section FILE NAME: the table after "## NAME" in a ref_fa.R output, no header
section() {
	awk -v s="## $2" '$0 == s { on = 1; getline; next } /^## / { on = 0 } on' "$1"
}

@test "the fixture encodes to exactly the committed values" {
	study B="$BATS_TEST_TMPDIR/b"
	diff -u "$S/encoded.tsv" b/encoded.tsv
}

@test "every hypothesis on the fixture: n, statistic, p as scipy (1e-9)" {
	study B="$BATS_TEST_TMPDIR/b"
	# svy's row to the fields ref.py prints for the same test
	awk -F'\t' -v OFS='\t' 'NR > 1 {
		k = split($8, g, ",")
		if ($3 == "spearman") print $1, $6, $10, $13
		else if ($3 == "kruskal") print $1, $6, k, $10, $9, $13, $16
		else if ($3 == "mannwhitney") print $1, g[1], g[2], $10, $12, $13, $16
		else if ($3 == "chi2") print $1, $6, $10, $9, $13, $16
		else if ($3 == "friedman") print $1, $6, $10, $9, $13, $16
	}' b/tests.tsv >got.tsv
	# ref.py's method column (asymptotic) is not one svy prints that way
	awk -F'\t' -v OFS='\t' 'NR > 1 { if ($NF ~ /^[a-z]+$/) NF--; print }' "$S/tests-scipy.tsv" >want.tsv
	run compare_relative got.tsv want.tsv 1e-9
	assert_success
}

@test "p* on the fixture: Benjamini-Hochberg per family as statsmodels (1e-12)" {
	study B="$BATS_TEST_TMPDIR/b"
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "p_adj") c = i; next }
		{ print $c }' b/tests.tsv >got.tsv
	awk -F'\t' 'NR > 1 { print $4 }' "$S/bh-statsmodels.tsv" >want.tsv
	run compare_relative got.tsv want.tsv 1e-12
	assert_success
}

@test "the factor analysis of the fixture as R psych: adequacy 1e-9, loadings and scores 1e-5" {
	study B="$BATS_TEST_TMPDIR/b"
	stat() { awk -F'\t' -v s="$2" '$1 == s { print $2 }' "$1"; }
	fs=b/factor-summary.tsv
	# all 18 items (adequacy before selection) and the 13 retained
	numeq "$(stat $fs all_items_bartlett_chi2)" "$(section "$S/fa-18.txt" bartlett | cut -f1)" 1e-9
	numeq "$(stat $fs all_items_kmo)" "$(section "$S/fa-18.txt" kmo)" 1e-9
	numeq "$(stat $fs bartlett_chi2)" "$(section "$S/fa-13.txt" bartlett | cut -f1)" 1e-9
	numeq "$(stat $fs kmo)" "$(section "$S/fa-13.txt" kmo)" 1e-9
	numeq "$(stat $fs alpha)" "$(section "$S/fa-13.txt" alpha | cut -f3)" 1e-9
	numeq "$(stat $fs std_alpha)" "$(section "$S/fa-13.txt" alpha | cut -f4)" 1e-9
	# loadings of the retained items (refit), and their communalities
	awk -F'\t' 'NR > 1 && $7 == 1 { print $1 "\t" $2 "\t" $3 }' b/model.tsv >got.tsv
	paste <(section "$S/fa-13.txt" loadings) <(section "$S/fa-13.txt" communalities | cut -f2) >want.tsv
	run compare_numeric got.tsv want.tsv 1e-5
	assert_success
	# the awareness score, min-max normalised, row by row
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "awareness") c = i; next }
		{ print NR - 1 "\t" $c }' b/scored.tsv >got.tsv
	section "$S/fa-13.txt" scores-normalised >want.tsv
	run compare_numeric got.tsv want.tsv 1e-5
	assert_success
}
