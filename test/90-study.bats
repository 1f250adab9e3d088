#!/usr/bin/env bats
# make study: the study recipes (pipelines/study/) end to end, as a researcher
# runs them: the reference study (pipelines/awareness.study), the Kaggle and
# the digital-twins studies, and study files with steps left off.

load test_helper

# the study's recipes with the tools under test, into a directory of the test
study() {
	svy_make study-outputs "$@" 2>study.log
}

# the reference study and the digital-twins study, built once for the file
setup_file() {
	export AW="$BATS_FILE_TMPDIR/aw" DT="$BATS_FILE_TMPDIR/dt"
	svy_make study-outputs B="$AW" 2>"$BATS_FILE_TMPDIR/aw.log" &&
		svy_make study-outputs STUDY=pipelines/digital-twins.study B="$DT" 2>"$BATS_FILE_TMPDIR/dt.log" ||
		{ cat "$BATS_FILE_TMPDIR"/*.log >&3; return 1; }
}

@test "the fixture goes 1471 -> 94 -> 83 rows; every table is made" {
	cd "$AW"
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

@test "two studies side by side, each with make -j, into two build directories: as one at a time" {
	svy_make study-outputs B="$BATS_TEST_TMPDIR/one" -j4 2>one.log &
	a=$!
	svy_make study-outputs STUDY=pipelines/digital-twins.study B="$BATS_TEST_TMPDIR/two" -j4 2>two.log &
	b=$!
	wait $a || fail "the reference study failed: $(cat one.log)"
	wait $b || fail "the digital-twins study failed: $(cat two.log)"
	diff -r "$AW" one
	diff -r "$DT" two
	# a step made again gives the same bytes
	rm one/encoded.tsv one/tests.tsv
	study B="$BATS_TEST_TMPDIR/one"
	diff -r "$AW" one
}

@test "nothing is redone when nothing changed" {
	before=$(ls -l --time-style=+%s.%N "$AW")
	sleep 1
	study B="$AW"
	[ "$(ls -l --time-style=+%s.%N "$AW")" = "$before" ]
}

@test "a failing step leaves no target behind and says why" {
	printf 'column\trename\tlabel\tcode\tvalue\nQ13\timportance\tVery important\tA5\t5\n' >bad.tsv
	run study B="$BATS_TEST_TMPDIR/b" CODEBOOK="$BATS_TEST_TMPDIR/bad.tsv"
	assert_failure
	[ ! -e b/encoded.tsv ]
	[ -s b/practitioners.tsv ]
	grep -qE "svy-encode-likert: .*column 50 'Q13': answer not in the codebook" study.log
}

@test "EXPORT and CODEBOOK point the same recipes at another export" {
	"$BIN/simulate" --respondents 3000 --seed 7 --delimiter ';' >other.csv
	study B="$BATS_TEST_TMPDIR/b" EXPORT="$BATS_TEST_TMPDIR/other.csv"
	[ "$(($(wc -l <b/clean.tsv) - 1))" -eq 192 ]
	[ "$(($(wc -l <b/tests.tsv) - 1))" -eq 18 ]
}

@test "the Kaggle study: the real Kaggle 2017 export, from its study file, through the same recipes" {
	svy_make study-outputs STUDY=pipelines/kaggle.study B="$BATS_TEST_TMPDIR/b" 2>kaggle.log
	grep -q "svy-clean: read 16716 rows, kept 16716, dropped 0 .*replaced 111 invalid UTF-8 sequences" kaggle.log
	grep -q "svy-filter-students: read 16716 rows, kept 15735, dropped 981 (student)" kaggle.log
	grep -q "svy-factor: read 15735 rows, used 2750, dropped 12985 with a missing item (listwise)" kaggle.log
	run cut -f1,3,4,6 b/tests.tsv
	assert_output "$(printf 'id\ttest\tvariables\tn\nK.1\tkruskal\ttools_focus by education\t2737\nK.2\tkruskal\ttools_focus by employment\t2750\nK.3\tspearman\ttenure,tools_focus\t2586')"
	# two scores, one family, no clusters and no coders
	grep -qxF '## The tools_focus score' b/report.md
	grep -qxF '## The credentials_focus score' b/report.md
	grep -qxF 'Hypotheses of the Kaggle study (p* Benjamini-Hochberg)' b/report.md
	grep -qxF -- '- the agreement of the coders (CODERS not set)' b/report.md
	grep -qxF -- '- the k-means clusters of the items (CLUSTER_ITEMS not set)' b/report.md
	[ ! -e b/kappa.tsv ] && [ ! -e b/clusters.tsv ]
	# the shares figure's key: the labels of the codebook's scale
	grep -q 'Nice to have' b/figures/shares.svg
	grep -q 'Skills (10)' b/figures/shares.svg
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
	diff -u "$S/encoded.tsv" "$AW/encoded.tsv"
}

# svy's test rows cut to the fields the scipy reference prints
cut_tests() {
	awk -F'\t' -v OFS='\t' 'NR > 1 {
		k = split($8, g, ",")
		if ($3 == "spearman") print $1, $6, $10, $13
		else if ($3 == "kruskal") print $1, $6, k, $10, $9, $13, $16
		else if ($3 == "mannwhitney") print $1, g[1], g[2], $10, $12, $13, $16
		else if ($3 == "chi2") print $1, $6, $10, $9, $13, $16
		else if ($3 == "friedman") print $1, $6, $10, $9, $13, $16
	}' "$1"
}

@test "every hypothesis on the fixture: n, statistic, p as scipy (1e-9)" {
	cut_tests "$AW/tests.tsv" >got.tsv
	# ref.py's method column (asymptotic) is not one svy prints that way
	awk -F'\t' -v OFS='\t' 'NR > 1 { if ($NF ~ /^[a-z]+$/) NF--; print }' "$S/tests-scipy.tsv" >want.tsv
	run compare_relative got.tsv want.tsv 1e-9
	assert_success
}

@test "p* on the fixture: Benjamini-Hochberg per family as statsmodels (1e-12)" {
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "p_adj") c = i; next }
		{ print $c }' "$AW/tests.tsv" >got.tsv
	awk -F'\t' 'NR > 1 { print $4 }' "$S/bh-statsmodels.tsv" >want.tsv
	run compare_relative got.tsv want.tsv 1e-12
	assert_success
}

@test "the factor analysis of the fixture as R psych: adequacy 1e-9, loadings and scores 1e-5" {
	stat() { awk -F'\t' -v s="$2" '$1 == s { print $2 }' "$1"; }
	fs=$AW/factor-summary.tsv
	# all 18 items (adequacy before selection) and the 13 retained
	numeq "$(stat $fs all_items_bartlett_chi2)" "$(section "$S/fa-18.txt" bartlett | cut -f1)" 1e-9
	numeq "$(stat $fs all_items_kmo)" "$(section "$S/fa-18.txt" kmo)" 1e-9
	numeq "$(stat $fs bartlett_chi2)" "$(section "$S/fa-13.txt" bartlett | cut -f1)" 1e-9
	numeq "$(stat $fs kmo)" "$(section "$S/fa-13.txt" kmo)" 1e-9
	numeq "$(stat $fs alpha)" "$(section "$S/fa-13.txt" alpha | cut -f3)" 1e-9
	numeq "$(stat $fs std_alpha)" "$(section "$S/fa-13.txt" alpha | cut -f4)" 1e-9
	# loadings of the retained items (refit), and their communalities
	awk -F'\t' 'NR > 1 && $7 == 1 { print $1 "\t" $2 "\t" $3 }' "$AW/model.tsv" >got.tsv
	paste <(section "$S/fa-13.txt" loadings) <(section "$S/fa-13.txt" communalities | cut -f2) >want.tsv
	run compare_numeric got.tsv want.tsv 1e-5
	assert_success
	# the awareness score, min-max normalised, row by row
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "awareness") c = i; next }
		{ print NR - 1 "\t" $c }' "$AW/scored.tsv" >got.tsv
	section "$S/fa-13.txt" scores-normalised >want.tsv
	run compare_numeric got.tsv want.tsv 1e-5
	assert_success
}

# ---- the digital-twins study: a real export the recipes were not written for

@test "digital-twins: 96 responses, 43 complete, no filter, six hypotheses in two families" {
	cd "$DT"
	[ "$(($(wc -l <clean.tsv) - 1))" -eq 43 ]
	[ "$(($(wc -l <incomplete.tsv) - 1))" -eq 53 ]
	[ "$(($(wc -l <encoded.tsv) - 1))" -eq 43 ]
	[ ! -e respondents.tsv ] && [ ! -e kappa.tsv ]
	[ "$(($(wc -l <tests.tsv) - 1))" -eq 6 ]
	run cut -f1-2 families.tsv
	assert_output "$(printf 'family\tfile\nbackground\tfamily-background.md\nbatteries\tfamily-batteries.md')"
	[ "$(grep -c '^| D\.1\.' family-background.md)" -eq 3 ]
	[ "$(grep -c '^| D\.2\.' family-batteries.md)" -eq 3 ]
	# the goals battery: 7 items, 5 retained, the score of 38 respondents
	[ "$(awk -F'\t' 'NR > 1 && $7 == 1' model.tsv | wc -l)" -eq 5 ]
	grep -qx 'scored	38' score-summary.tsv
	# the report: one table a family in plan order, titled, the steps not run
	r=report.md
	grep -qxF '# Results of the digital-twins survey' $r
	grep -qxF '## The goals_score score' $r
	[ "$(grep -nxF 'Hypotheses on the professional background (p* Benjamini-Hochberg within the family)' $r | cut -d: -f1)" -lt \
	  "$(grep -nxF 'Hypotheses of the family batteries (p* Benjamini-Hochberg within the family)' $r | cut -d: -f1)" ]
	grep -qxF '## Clusters of the characteristics' $r
	grep -qxF '| Cluster | Characteristics | Disagree completely | Rather disagree | Rather agree | Agree completely |' $r
	grep -qxF -- '- the respondent filter (FILTER_COLUMN not set)' $r
	grep -qxF -- '- derived columns (DERIVE not set)' $r
	grep -qxF -- '- the agreement of the coders (CODERS not set)' $r
	run grep -ci 'kappa\|awareness\|coder_a' $r
	assert_output 0
	# every figure its inputs allow, each linked
	for f in goals_score-histogram goals_score-by-bg_computer_science agreement scree elbow; do
		[ -s "figures/$f.svg" ] && [ -s "figures/$f.png" ] || fail "no figure $f"
		grep -qF "](figures/$f.png)" $r || fail "no link to $f"
	done
	grep -q 'Computer science' figures/goals_score-by-bg_computer_science.svg
	grep -q 'Several twins of one CPS' figures/agreement.svg
}

@test "digital-twins: the scored data as committed; every test as scipy (1e-9), p* as statsmodels (1e-12)" {
	# the scores to 1e-12: the fit's last digits are the optimiser's
	run compare_numeric "$DT/scored.tsv" "$S/digital-twins-scored.tsv" 1e-12
	assert_success
	cut_tests "$DT/tests.tsv" >got.tsv
	sed -n '2,/^id\tp_adj/p' "$S/digital-twins-tests-scipy.tsv" | sed '$d' >want.tsv
	[ "$(wc -l <want.tsv)" -eq 6 ]
	run compare_relative got.tsv want.tsv 1e-9
	assert_success
	cut -f1,18 "$DT/tests.tsv" | tail -n +2 >got.tsv
	sed -n '/^id\tp_adj/,$p' "$S/digital-twins-tests-scipy.tsv" | tail -n +2 >want.tsv
	[ "$(wc -l <want.tsv)" -eq 6 ]
	run compare_relative got.tsv want.tsv 1e-12
	assert_success
}

# ---- study files with steps left off --------------------------------------

@test "a study with every optional step off: the report says so, no step fails" {
	printf 'EXPORT = fixtures/awareness-export.csv\n' >bare.study
	# the build directory defaults from the study's name
	run svy_make study-dir STUDY="$BATS_TEST_TMPDIR/bare.study"
	assert_output build/bare
	run svy_make study-dir STUDY=pipelines/kaggle.study
	assert_output build/kaggle
	run svy_make study-dir
	assert_output build
	# an environment variable of the same name is not the study's
	STUDY=/no/such.study NAME=other run svy_make study-dir
	assert_output build
	study STUDY="$BATS_TEST_TMPDIR/bare.study" B="$BATS_TEST_TMPDIR/bare"
	ls bare >got
	assert_equal "$(cat got)" "$(printf '%s\n' clean.tsv encoded.tsv figures.stamp figures.tsv incomplete.tsv report.md steps.tsv)"
	cmp bare/clean.tsv bare/encoded.tsv
	[ ! -s bare/figures.stamp ]
	run cat bare/report.md
	assert_output "# Results of the bare study

Generated by \`make study\` (pipelines/report.sh) from the files of this
directory; edit the pipeline, not this page.

## Steps not run

The study file leaves these steps off; they were not run:

- the respondent filter (FILTER_COLUMN not set)
- the answers encoded with a codebook (CODEBOOK not set)
- derived columns (DERIVE not set)
- the factor analysis and the score (FA_ITEMS not set)
- the hypothesis tests (HYPOTHESES not set)
- the descriptive tables (TABLES not set)
- the shares of the items' answers (SHARES_ITEMS not set)
- the k-means clusters of the items (CLUSTER_ITEMS not set)
- the agreement of the coders (CODERS not set)

## Figures

None: the steps that were run give no figure."
}

@test "no factor analysis, a score named anything, families named anything: one table a family" {
	printf 'id\tfamily\ttest\tvariables\toptions\thypothesis\n' >plan.tsv
	printf 'A.1\tzeta family\tspearman\tyears_ml importance\t\tH0: none.\n' >>plan.tsv
	printf 'B.1\talpha\tkruskal\timportance\t--by company_size\tH0: none either.\n' >>plan.tsv
	printf 'A.2\tzeta family\tmannwhitney\tyears_ml\t--by resp --groups 1,0\tH0: no.\n' >>plan.tsv
	cat >my.study <<-EOF
		EXPORT = fixtures/awareness-export.csv
		B = $BATS_TEST_TMPDIR/my
		CODEBOOK = fixtures/codebook.tsv
		DERIVE = --any resp=responsible
		HYPOTHESES = $BATS_TEST_TMPDIR/plan.tsv
		FAMILY_TITLE_alpha = The alpha tests
	EOF
	study STUDY="$BATS_TEST_TMPDIR/my.study"
	[ ! -e my/model.tsv ] && [ ! -e my/scored.tsv ]
	run cut -f1-2 my/families.tsv
	assert_output "$(printf 'family\tfile\nzeta family\tfamily-zeta_family.md\nalpha\tfamily-alpha.md')"
	grep -qxF 'Hypotheses of the family zeta family (p* Benjamini-Hochberg within the family)' my/report.md
	grep -qxF 'The alpha tests' my/report.md
	[ "$(grep -c '^| A\.' my/family-zeta_family.md)" -eq 2 ]
	grep -qxF -- '- the factor analysis and the score (FA_ITEMS not set)' my/report.md
	# a score named anything: the same export, scored as "grit"
	cat >>my.study <<-EOF
		FA_ITEMS = attack_*
		SCORES = grit
		FIG_GROUPS = company_size
	EOF
	study STUDY="$BATS_TEST_TMPDIR/my.study"
	grep -qxF '## The grit score' my/report.md
	[ -s my/figures/grit-histogram.svg ] && [ -s my/figures/grit-by-company_size.svg ]
	grep -qF '](figures/grit-by-company_size.png)' my/report.md
}

@test "a respondent filter that matches nothing: a warning with the column's values, the study goes on" {
	cat >f.study <<-EOF
		EXPORT = fixtures/awareness-export.csv
		B = $BATS_TEST_TMPDIR/f
		FILTER_COLUMN = Q3
		FILTER_VALUES = 'I am a Student.'
	EOF
	study STUDY="$BATS_TEST_TMPDIR/f.study"
	grep -q "^svy-filter-students: no row matched the values given; column 'Q3' holds 'I am an employee.' (73), 'I am a student.' (11), 'I am self-employed.' (6), 'I am unemployed.' (4)$" study.log
	[ "$(($(wc -l <f/respondents.tsv) - 1))" -eq 94 ]
	# FILTER_OPTIONS = --ignore-case finds them
	printf 'FILTER_OPTIONS = --ignore-case\n' >>f.study
	study STUDY="$BATS_TEST_TMPDIR/f.study"
	[ "$(($(wc -l <f/respondents.tsv) - 1))" -eq 83 ]
	[ "$(($(wc -l <f/filtered-out.tsv) - 1))" -eq 11 ]
}

@test "a study file that does not exist, or sets no export: an error that says so" {
	run svy_make study-outputs STUDY=no/such.study
	assert_failure
	assert_output --partial "STUDY=no/such.study: no such study file"
	printf 'B = x\n' >empty.study
	run svy_make study-outputs STUDY="$BATS_TEST_TMPDIR/empty.study"
	assert_failure
	assert_output --partial "empty.study: EXPORT is not set (the survey export, a CSV file)"
}

# ---- the README's walk through a study of one's own -----------------------

@test "README 'Running your own survey': the walk works as written" {
	# a directory like the project's: its Makefile, pipelines and fixtures, the
	# tools under test as bin/ (no sources: make builds nothing) and on the PATH
	mkdir walk cmds tools
	for f in Makefile VERSION pipelines fixtures; do ln -s "$SVY_ROOT/$f" "walk/$f"; done
	ln -s "$BIN" walk/bin
	for t in "$BIN"/*; do
		[ -f "$t" ] && [ -x "$t" ] && ln -s "$t" "tools/svy-$(basename "$t")"
	done
	awk '
		/^<!-- study-walk -->/ { on = 1; next }
		/^<!-- \/study-walk -->/ { on = 0; next }
		!on { next }
		/^    \$ / { n++; print substr($0, 7) > ("cmds/" n); printf "" > ("cmds/" n ".out"); out = 1; next }
		/^    / && out { print substr($0, 5) > ("cmds/" n ".out"); next }
		{ out = 0 }
	' "$SVY_ROOT/README.md"
	count=$(ls cmds | grep -vc '\.out$')
	[ "$count" -ge 8 ] || fail "only $count commands found in the walk"
	cd walk
	for ((i = 1; i <= count; i++)); do
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL PATH="$BATS_TEST_TMPDIR/tools:$PATH" \
			bash -c "set -o pipefail; $(cat "../cmds/$i")" >"../got.$i" 2>&1 ||
			fail "command $i failed: $(cat "../cmds/$i"): $(cat "../got.$i")"
		diff -u "../cmds/$i.out" "../got.$i" || fail "command $i prints otherwise: $(cat "../cmds/$i")"
	done
	[ -s build/digital-twins/report.md ]
}
