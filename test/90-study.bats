#!/usr/bin/env bats
# make study: the study recipes (pipelines/study/) end to end, as a researcher
# runs them: the reference study (pipelines/studies/awareness), the Kaggle and
# the digital-twins studies, study files with steps left off, a study that
# never goes stale, and a study file's mistakes.

load test_helper

# the study's recipes with the tools under test, into a directory of the test
study() {
	svy_make study-outputs "$@" 2>study.log
}

# the reference study and the digital-twins study, built once for the file
setup_file() {
	export AW="$BATS_FILE_TMPDIR/aw" DT="$BATS_FILE_TMPDIR/dt"
	svy_make study-outputs B="$AW" 2>"$BATS_FILE_TMPDIR/aw.log" &&
		svy_make study-outputs STUDY=pipelines/studies/digital-twins B="$DT" 2>"$BATS_FILE_TMPDIR/dt.log" ||
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
	[ "$(($(wc -l <model.tsv) - 1))" -eq 18 ]
	[ "$(($(wc -l <clusters.tsv) - 1))" -eq 14 ]
	# the model of MODELS (HC3 standard errors as R sandwich::vcovHC, type HC3)
	[ "$(($(wc -l <model-awareness.tsv) - 1))" -eq 4 ]
	grep -qxF '## Regression models' report.md
	grep -qF '| ml_developer | 0.16 | 0.05 | 3.14 | .002 | [0.06, 0.26] |' report.md
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
	svy_make study-outputs STUDY=pipelines/studies/digital-twins B="$BATS_TEST_TMPDIR/two" -j4 2>two.log &
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
	svy_make study-outputs STUDY=pipelines/studies/kaggle B="$BATS_TEST_TMPDIR/b" 2>kaggle.log
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
	# one table a family, in plan order, in hypotheses.md
	run grep -n '^Hypotheses ' hypotheses.md
	assert_output "$(printf '%s\n' '1:Hypotheses on the professional background (p* Benjamini-Hochberg within the family)' \
		'11:Hypotheses of the family batteries (p* Benjamini-Hochberg within the family)')"
	[ "$(grep -c '^| D\.1\.' hypotheses.md)" -eq 3 ]
	# every effect size with its interval, the method named below each table
	[ "$(grep -c '^| D\..*, 95% CI \[' hypotheses.md)" -eq 6 ]
	[ "$(grep -c '^\*Note\.\* CI: confidence interval' hypotheses.md)" -eq 2 ]
	[ "$(grep -c '^| D\.2\.' hypotheses.md)" -eq 3 ]
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
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "p_adj") c = i; next }
		{ print $1 "\t" $c }' "$DT/tests.tsv" >got.tsv
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
	run svy_make study-dir STUDY=pipelines/studies/kaggle
	assert_output build/kaggle
	run svy_make study-dir
	assert_output build
	# an environment variable of the same name is not the study's
	STUDY=/no/such.study NAME=other run svy_make study-dir
	assert_output build
	study STUDY="$BATS_TEST_TMPDIR/bare.study" B="$BATS_TEST_TMPDIR/bare"
	ls bare >got
	assert_equal "$(cat got)" "$(printf '%s\n' clean.tsv encoded.tsv figures.stamp figures.tsv incomplete.tsv report.md steps.tsv)"
	# a study directory names its study file "study", and the study its name
	mkdir -p dir/mine
	cp bare.study dir/mine/study
	run svy_make study-dir STUDY="$BATS_TEST_TMPDIR/dir/mine"
	assert_output build/mine
	run svy_make study-dir STUDY="$BATS_TEST_TMPDIR/dir/mine/study"
	assert_output build/mine
	cmp bare/clean.tsv bare/encoded.tsv
	[ ! -s bare/figures.stamp ]
	run cat bare/report.md
	assert_output "# Results of the bare study

Generated by \`make study\` (pipelines/study/report.sh) from the files of this
directory; edit the pipeline, not this page.

## Steps not run

The study file leaves these steps off; they were not run:

- the respondent filter (FILTER_COLUMN not set)
- the answers encoded with a codebook (CODEBOOK not set)
- derived columns (DERIVE not set)
- the factor analysis and the score (FA_ITEMS not set)
- the hypothesis tests (HYPOTHESES not set)
- the regression models (MODELS not set)
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
	run grep '^Hypotheses \|^The ' my/hypotheses.md
	assert_output "$(printf '%s\n' 'Hypotheses of the family zeta family (p* Benjamini-Hochberg within the family)' 'The alpha tests')"
	grep -qxF 'Hypotheses of the family zeta family (p* Benjamini-Hochberg within the family)' my/report.md
	grep -qxF 'The alpha tests' my/report.md
	[ "$(grep -c '^| A\.' my/hypotheses.md)" -eq 2 ]
	# no file is named after a family unless the study names it
	[ ! -e my/families.tsv ] && ! ls my/family-*.md 2>/dev/null
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

# ---- the walk through a study in the checkout (doc/STUDY-WALK.md) ----------

@test "doc/STUDY-WALK.md (README 'Running your own survey'): the walk works as written" {
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
	' "$SVY_ROOT/doc/STUDY-WALK.md"
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

# ---- a study never goes stale ---------------------------------------------

# the files of directory $1 (under it) made after the file mark, sorted
newer() {
	(cd "$1" && find . -type f -newer "$BATS_TEST_TMPDIR/mark" | sed 's#^\./##' | sort)
}

@test "a variable changed on the command line, then back: exactly the steps it shapes are made again" {
	cat >s.study <<-EOF
		EXPORT = fixtures/awareness-export.csv
		CODEBOOK = fixtures/codebook.tsv
		FA_ITEMS = attack_* method_*
		HYPOTHESES = $BATS_TEST_TMPDIR/plan.tsv
	EOF
	printf 'id\tfamily\ttest\tvariables\toptions\thypothesis\nA.1\tf\tspearman\tyears_ml importance\t\tH0.\n' >plan.tsv
	study STUDY="$BATS_TEST_TMPDIR/s.study" B="$BATS_TEST_TMPDIR/s"
	grep -q '^| Factors | 1 (minres' s/report.md
	touch mark
	study STUDY="$BATS_TEST_TMPDIR/s.study" B="$BATS_TEST_TMPDIR/s" FA_FACTORS=3
	grep -q '^| Factors | 3 (minres' s/report.md
	grep -qxF '## The score3 score' s/report.md
	# the factor analysis, the scores, their figures and the report; not the
	# steps before, nor the tests (on the encoded answers, not the scores)
	run newer s
	assert_output "$(printf '%s\n' .stamps/factor .stamps/fig-score1-histogram .stamps/fig-score2-histogram \
		.stamps/fig-score3-histogram .stamps/score eigenvalues.tsv factor-summary.tsv figures.stamp figures.tsv \
		figures/score1-histogram.png figures/score1-histogram.svg figures/score2-histogram.png \
		figures/score2-histogram.svg figures/score3-histogram.png figures/score3-histogram.svg \
		figures/scree.png figures/scree.svg hypotheses.md model.tsv report.md score-summary.tsv scored.tsv tests.tsv)"
	# and back: a plain make study is not stale
	touch mark
	study STUDY="$BATS_TEST_TMPDIR/s.study" B="$BATS_TEST_TMPDIR/s"
	grep -q '^| Factors | 1 (minres' s/report.md
	run grep -c 'Factors | 3\|score3' s/report.md
	assert_output 0
	run newer s
	assert_output "$(printf '%s\n' .stamps/factor .stamps/score eigenvalues.tsv factor-summary.tsv figures.stamp \
		figures.tsv figures/score-histogram.png figures/score-histogram.svg figures/scree.png figures/scree.svg \
		hypotheses.md model.tsv report.md score-summary.tsv scored.tsv tests.tsv)"
	# nothing changed: nothing to do (make -n shows no step)
	touch mark
	run svy_make -n study-outputs STUDY="$BATS_TEST_TMPDIR/s.study" B="$BATS_TEST_TMPDIR/s"
	assert_success
	refute_output --regexp '(bin|asan)/[a-z-]+ |printf|gnuplot|report\.sh'
	study STUDY="$BATS_TEST_TMPDIR/s.study" B="$BATS_TEST_TMPDIR/s"
	run newer s
	assert_output ''
}

@test "make -n on a new build directory shows every recipe and writes nothing (make writes the stamps itself, but not then)" {
	run svy_make -n study-outputs B="$BATS_TEST_TMPDIR/fresh"
	assert_success
	assert_output --partial "/clean "
	assert_output --partial "printf '%b' 'EXPORT="
	assert_output --partial "report.sh"
	[ ! -e "$BATS_TEST_TMPDIR/fresh" ] || fail "make -n wrote $(find "$BATS_TEST_TMPDIR/fresh")"
	run svy_make -q study-outputs B="$BATS_TEST_TMPDIR/fresh"
	assert_failure 1
	[ ! -e "$BATS_TEST_TMPDIR/fresh" ] || fail "make -q wrote $(find "$BATS_TEST_TMPDIR/fresh")"
}

@test "the study file edited: a comment changes nothing, a title only the report, a filter value the rest" {
	cat >e.study <<-EOF
		EXPORT = fixtures/awareness-export.csv
		FILTER_COLUMN = Q3
		FILTER_VALUES = A1
		CODEBOOK = fixtures/codebook.tsv
		SHARES_ITEMS = attack_*
	EOF
	study STUDY="$BATS_TEST_TMPDIR/e.study" B="$BATS_TEST_TMPDIR/e"
	touch mark
	printf '# a comment\n' >>e.study
	study STUDY="$BATS_TEST_TMPDIR/e.study" B="$BATS_TEST_TMPDIR/e"
	run newer e
	assert_output ''
	printf 'TITLE = Another title\n' >>e.study
	study STUDY="$BATS_TEST_TMPDIR/e.study" B="$BATS_TEST_TMPDIR/e"
	run newer e
	assert_output "$(printf '%s\n' .stamps/report report.md)"
	grep -qx '# Another title' e/report.md
	touch mark
	sed -i 's/^FILTER_VALUES = A1$/FILTER_VALUES = A1 A2/' e.study
	study STUDY="$BATS_TEST_TMPDIR/e.study" B="$BATS_TEST_TMPDIR/e"
	run newer e
	assert_output "$(printf '%s\n' .stamps/filter encoded.tsv figures.stamp figures/shares.png figures/shares.svg \
		filtered-out.tsv report.md respondents.tsv shares.tsv)"
}

@test "item lists reach the tools as patterns: files named like the items change nothing" {
	# a directory like the project's, where the recipes run, holding files
	# that an unquoted char_* would expand to
	mkdir proj
	for f in Makefile VERSION pipelines fixtures; do ln -s "$SVY_ROOT/$f" "proj/$f"; done
	touch proj/char_simulates proj/char_services proj/goal_x
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C proj -f pipelines/study/main.mk BINDIR="$BIN" \
		STUDY=pipelines/studies/digital-twins B="$BATS_TEST_TMPDIR/g" study-outputs 2>g.log
	[ "$(($(wc -l <g/agreement.tsv) - 1))" -eq 12 ]
	[ "$(awk -F'\t' 'NR > 1' g/model.tsv | wc -l)" -eq 7 ]
	diff "$DT/agreement.tsv" g/agreement.tsv
	diff "$DT/report.md" g/report.md
}

# ---- a study file's mistakes: named before any step runs ------------------

@test "a study file's mistake: an error that names the variable" {
	while IFS='|' read -r lines message; do
		printf "EXPORT = fixtures/awareness-export.csv\n$lines" >m.study
		run svy_make study-outputs STUDY="$BATS_TEST_TMPDIR/m.study" B="$BATS_TEST_TMPDIR/m"
		assert_failure
		assert_output --partial "$BATS_TEST_TMPDIR/m.study: $message"
		[ ! -e m ] || fail "a step ran: $(ls m)"
	done <<-'EOF_CASES'
		FA_ITEM = attack_*\n|FA_ITEM: not a study variable (did you mean FA_ITEMS?)
		SHARE_ITEMS = attack_*\nCODEBOK = x\n|SHARE_ITEMS: not a study variable (did you mean SHARES_ITEMS?); CODEBOK: not a study variable (did you mean CODEBOOK?)
		FIG_TITEL_scree = x\n|FIG_TITEL_scree: not a study variable
		COMPLETELY_UNKNOWN = 1\n|COMPLETELY_UNKNOWN: not a study variable; the study variables: README "The study file" (a variable of your own: a lower-case name)
		CODEBOOK = no/such.tsv\n|CODEBOOK = no/such.tsv: no such file
		HYPOTHESES_DEPS = fixtures/codebook.tsv no/such.txt\n|HYPOTHESES_DEPS = fixtures/codebook.tsv no/such.txt: no such file ('no/such.txt')
		LABELS = missing.tsv\n|LABELS = missing.tsv: no such file
		FA_ITEMS = attack_*\nFA_FACTORS = 2\nSCORES = pain\n|SCORES = pain names 1 score(s) but FA_FACTORS = 2: give one name a factor, comma-separated
		FA_ITEMS = attack_*\nSCORES = a,b\n|SCORES = a,b names 2 score(s) but FA_FACTORS = 1: give one name a factor, comma-separated
		FA_ITEMS = attack_*\nFA_FACTORS = two\n|FA_FACTORS = two: not a whole number from 1 to 99
		FA_ITEMS = 'attack_*'\n|FA_ITEMS = 'attack_*': write the patterns without quotes (FA_ITEMS = attack_* method_*)
		HYPOTHESES = fixtures/codebook.tsv\nFAMILY_TABLE_a = t\nFAMILY_TABLE_b = t\n|FAMILY_TABLE_...: two families write t.md: give each its own name
		HYPOTHESES = fixtures/codebook.tsv\nFAMILY_TABLE_a = report\n|FAMILY_TABLE_...: report is the name of a file of the study: choose another
	EOF_CASES
	# a variable of the study's own (lower case) is no mistake
	printf 'EXPORT = fixtures/awareness-export.csv\nmy_items = attack_*\nFA_ITEMS = $(my_items)\n' >m.study
	run svy_make study-dir STUDY="$BATS_TEST_TMPDIR/m.study"
	assert_success
	# on the command line too
	run svy_make study-dir STUDY="$BATS_TEST_TMPDIR/m.study" FA_FACTOR=3
	assert_failure
	assert_output --partial "the command line: FA_FACTOR: not a study variable (did you mean FA_FACTORS?)"
	run svy_make study-dir STUDY="$BATS_TEST_TMPDIR/m.study" SHARE_ITEMS=x
	assert_failure
	assert_output --partial "the command line: SHARE_ITEMS: not a study variable (did you mean SHARES_ITEMS?)"
}

@test "a blank in a study's path: an error that says so, not 'multiple target patterns'" {
	mkdir -p 'my studies'
	printf 'EXPORT = fixtures/awareness-export.csv\n' >'my studies/x.study'
	run svy_make study-outputs STUDY="$BATS_TEST_TMPDIR/my studies/x.study" B="$BATS_TEST_TMPDIR/x"
	assert_failure
	assert_output --partial "STUDY='$BATS_TEST_TMPDIR/my studies/x.study': a path with a blank; make cannot name such a file: move or link the study to a path without one"
	refute_output --partial 'multiple target patterns'
	printf 'EXPORT = fixtures/awareness-export.csv\nCODEBOOK = my\\ codebook.tsv\n' >y.study
	run svy_make study-outputs STUDY="$BATS_TEST_TMPDIR/y.study" B="$BATS_TEST_TMPDIR/y"
	assert_failure
	assert_output --partial "CODEBOOK = my\\ codebook.tsv: a path with a blank"
	run svy_make study-outputs STUDY="$BATS_TEST_TMPDIR/my studies/../m.study" B="$BATS_TEST_TMPDIR/a b"
	assert_failure
	printf 'EXPORT = fixtures/awareness-export.csv\n' >z.study
	run svy_make study-outputs STUDY="$BATS_TEST_TMPDIR/z.study" B="$BATS_TEST_TMPDIR/a b"
	assert_failure
	assert_output --partial "B = $BATS_TEST_TMPDIR/a b: a path with a blank"
}

# ---- the report: text from the data escaped, every family shown -----------

@test "the report escapes '|' and HTML of labels, names and families; families that look alike both show" {
	printf 'column\tlabel\nattack_inversion\tModel | inversion <script>alert(1)</script>\n' >labels.tsv
	printf 'attack_poisoning\t<img src=x onerror=alert(1)>\n' >>labels.tsv
	printf 'id\tfamily\ttest\tvariables\toptions\thypothesis\n' >plan.tsv
	printf 'A.1\tRQ 1\tspearman\tyears_ml importance\t\tH0: a | b <b>.\n' >>plan.tsv
	printf 'A.2\tRQ_1\tspearman\tyears_ml importance\t\tH0: second.\n' >>plan.tsv
	printf 'A.3\tRQ ä\tspearman\tyears_ml importance\t\tH0: third.\n' >>plan.tsv
	printf 'A.4\tRQ ö\tspearman\tyears_ml importance\t\tH0: fourth.\n' >>plan.tsv
	cat >h.study <<-EOF
		EXPORT = fixtures/awareness-export.csv
		CODEBOOK = fixtures/codebook.tsv
		FA_ITEMS = attack_*
		HYPOTHESES = $BATS_TEST_TMPDIR/plan.tsv
		LABELS = $BATS_TEST_TMPDIR/labels.tsv
		TITLE = Results <i>here</i>
		SHARES_ITEMS = attack_*
		CLUSTER_ITEMS = attack_*
		CLUSTER_MAX_K = 3
		CLUSTER_NOUN = at<b>tack
		CODERS = $BATS_TEST_TMPDIR/coders.tsv
		CODER_COLUMNS = a|b <u>c
	EOF
	awk -F'\t' -v OFS='\t' 'NR == 1 { $3 = "a|b"; $4 = "<u>c" } 1' "$SVY_ROOT/fixtures/coders.tsv" >coders.tsv
	study STUDY="$BATS_TEST_TMPDIR/h.study" B="$BATS_TEST_TMPDIR/h"
	r=h/report.md
	grep -qxF '# Results &lt;i&gt;here&lt;/i&gt;' $r
	grep -qF '| Model \| inversion &lt;script&gt;alert(1)&lt;/script&gt; | `attack_inversion` | ' $r
	grep -qF '| &lt;img src=x onerror=alert(1)&gt; | `attack_poisoning` | ' $r
	run grep -c '<script\|<img\|<i>\|<b>\|<u>' $r
	assert_output 0
	# the clusters' and the coders' tables
	grep -q '^| [0-9] ([0-9]) | .*Model \\| inversion &lt;script&gt;' $r
	grep -qF '## Clusters of the at&lt;b&gt;tacks' $r
	grep -qF '| a\|b, &lt;u&gt;c | none | ' $r
	# every row of Table 1 has its 6 cells (7 unescaped '|')
	run awk '/^\| .* \| `attack_/ { s = $0; gsub(/\\\|/, "", s); n = gsub(/\|/, "", s); if (n != 7) print }' $r
	assert_output ''
	grep -qF '| A.1 | H0: a \| b &lt;b&gt;. |' $r
	# four families, four tables, in plan order: none lost to a file name
	run grep '^Hypotheses of the family' $r
	assert_output "$(printf 'Hypotheses of the family %s (p* Benjamini-Hochberg within the family)\n' 'RQ 1' 'RQ_1' 'RQ ä' 'RQ ö')"
	for h in A.1 A.2 A.3 A.4; do grep -q "^| $h |" $r || fail "no row $h"; done
}

@test "FA_REVERSE: the items are reversed by factor --reverse and the report says which" {
	"$BIN/factor" --help | grep -q -- '--reverse' || skip "svy-factor has no --reverse yet"
	cat >r.study <<-EOF
		EXPORT = fixtures/awareness-export.csv
		CODEBOOK = fixtures/codebook.tsv
		FA_ITEMS = attack_*
		FA_REVERSE = attack_inversion
	EOF
	study STUDY="$BATS_TEST_TMPDIR/r.study" B="$BATS_TEST_TMPDIR/r"
	grep -q '^| Items reversed before the fit (max + min - x) | .*attack_inversion' r/report.md
	grep -qx 'FA_REVERSE=attack_inversion' r/.stamps/factor
}
