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
		B="$BATS_TEST_TMPDIR/b" KAGGLE_ZIP="$SHARED/data/kaggle-mlds-2017/multipleChoiceResponses.zip" 2>kaggle.log
	grep -q "svy-clean: read 16716 rows, kept 16716, dropped 0 .*replaced 111 invalid UTF-8 sequences" kaggle.log
	grep -q "svy-filter-students: read 16716 rows, kept 15735, dropped 981 (student)" kaggle.log
	grep -q "svy-factor: read 15735 rows, used 2750, dropped 12985 with a missing item (listwise)" kaggle.log
	run cut -f1,3,4,6 b/kaggle/tests.tsv
	assert_output "$(printf 'id\ttest\tvariables\tn\nK.1\tkruskal\ttools_focus by education\t2737\nK.2\tkruskal\ttools_focus by employment\t2750\nK.3\tspearman\ttenure,tools_focus\t2586')"
}
