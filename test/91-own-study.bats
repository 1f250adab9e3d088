#!/usr/bin/env bats
# A study of your own, anywhere: make install puts svy, the tools, the study
# recipes and the completion under a prefix; svy init EXPORT DIR makes a study
# directory outside the checkout, svy study runs it into DIR/build/ with the
# installed recipes, and a second svy study does nothing.

load test_helper

setup_file() {
	export PREFIX="$BATS_FILE_TMPDIR/prefix"
	svy_make install PREFIX="$PREFIX" >/dev/null
}

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	# the installed svy first, no make wrapper, no make of a caller
	export PATH="$PREFIX/bin:$PATH"
	unset MAKEFLAGS MFLAGS MAKELEVEL B
	# svy is the installed command here, not test_helper's function
	unset -f svy
}

# the files of directory $1 made after the file mark, sorted
newer() {
	(cd "$1" && find . -type f -newer "$BATS_TEST_TMPDIR/mark" | sed 's#^\./##' | sort)
}

# own_study EXPORT: svy init EXPORT mystudy && cd mystudy && svy study gives
# build/report.md; a second svy study does nothing and says so
own_study() {
	mkdir empty && cd empty
	run svy init "$1" mystudy
	assert_success
	assert_output --partial "svy init: mystudy: a study of ${1##*/}"
	cd mystudy
	run svy study
	assert_success
	assert_no_sanitizer
	assert_line "svy study: build/report.md"
	[ -s build/report.md ] || fail "no build/report.md"
	grep -q '^# Results of the mystudy study$' build/report.md
	touch "$BATS_TEST_TMPDIR/mark"
	sleep 1
	run svy study
	assert_success
	assert_output "svy study: nothing to do: build/report.md is up to date"
	run newer .
	assert_output ''
	run svy study --dry-run
	assert_output "nothing would run: build/report.md is up to date"
}

@test "own study: the reference study's export (LimeSurvey, codes as headings)" {
	own_study "$FIXTURES/awareness-export.csv"
	# filled where svy can tell
	grep -qx 'COMPLETE        = submitdate' study
	grep -qx 'DELIMITER       = ,' study
	grep -qx 'FILTER_COLUMN   = Q3' study
	grep -qx "FILTER_VALUES   = 'I am a student.'" study
	# the draft leaves values to fill: CODEBOOK waits, and says why
	grep -qx '# CODEBOOK      = $(STUDY_DIR)/codebook.tsv' study
	grep -q "^# codebook.tsv does not encode as drafted: codebook.tsv:[0-9]*: column 'value': answer" study
	# the filter ran: 94 complete, 11 students out
	[ "$(($(wc -l <build/respondents.tsv) - 1))" -eq 83 ]
	[ "$(($(wc -l <build/filtered-out.tsv) - 1))" -eq 11 ]
}

@test "own study: the digital-twins export (';', full-text headings, repeated headings)" {
	own_study "$DATA/digital-twins-automotive/results_english.csv"
	grep -qx 'DELIMITER       = ;' study
	grep -qx 'CLEAN_OPTIONS   = --rename-duplicates -q' study
	grep -qx 'CODEBOOK        = $(STUDY_DIR)/codebook.tsv' study
	# the largest battery of one question on one ordinal scale: the twelve
	# characteristics (agreement, 4 levels)
	grep -q '^FA_ITEMS        = it_simulates_the_associated \\$' study
	[ "$(($(wc -l <build/model.tsv) - 1))" -eq 12 ]
	grep -qx '## The score score' build/report.md
	# no completion column: said, and left to the user
	grep -qx '# COMPLETE      = COLUMN' study
}

@test "own study: the digital-twins export in German" {
	own_study "$DATA/digital-twins-automotive/results_german.csv"
	grep -q '^FA_ITEMS        = er_' study
}

@test "own study: the Kaggle export (a zip, invalid UTF-8)" {
	own_study "$DATA/kaggle-mlds-2017/multipleChoiceResponses.zip"
	grep -qx 'EXPORT          = $(STUDY_DIR)/multipleChoiceResponses.zip' study
	grep -qx 'EXPORT_MEMBER   = multipleChoiceResponses.csv' study
	grep -qx 'CLEAN_OPTIONS   = --invalid-utf8=replace -q' study
	grep -qx 'FILTER_COLUMN   = StudentStatus' study
	cmp multipleChoiceResponses.zip "$DATA/kaggle-mlds-2017/multipleChoiceResponses.zip"
}

@test "own study: the platforms' exports (Google Forms, Qualtrics, SoSci Survey)" {
	for e in google-forms qualtrics-legacy qualtrics sosci; do
		(own_study "$FIXTURES/platforms/$e.csv") || fail "$e"
		rm -rf empty
	done
	# a platform's own completion rule stays svy clean's (Finished 1 or True,
	# not "Finished not empty")
	mkdir q && cd q
	svy init "$FIXTURES/platforms/qualtrics.csv" 2>/dev/null
	grep -qx '# COMPLETE      = COLUMN' study
	grep -q "^# svy clean knows the platform's complete responses (incomplete: 'Finished' not 1 or True)" study
}

@test "svy init writes every study variable of the table (variables.mk), set or commented" {
	svy init "$FIXTURES/awareness-export.csv" s 2>/dev/null
	vars=$(sed -n '/^STUDY_VARS :=/,/[^\\]$/p' "$SVY_ROOT/pipelines/study/variables.mk" |
		sed 's/STUDY_VARS :=//; s/\\//' | tr -s ' \t' '\n' | grep .)
	[ "$(echo "$vars" | wc -l)" -ge 40 ]
	for v in $vars; do
		grep -qE "^(# )?$v +=" s/study || fail "the study file lacks $v"
	done
	for p in FAMILY_TITLE_ FAMILY_TABLE_ TABLE_respondents_SINGLE TABLE_respondents_MULTIPLE MODEL_main_OUTCOME MODEL_main_PREDICTORS \
		MODEL_main_METHOD MODEL_main_OPTIONS MODEL_main_TITLE FIG_TITLE_; do
		grep -qE "^# $p" s/study || fail "the study file shows no $p"
	done
	# and the rest of the directory
	run ls -A s
	assert_output "$(printf '%s\n' .gitignore README.md awareness-export.csv codebook.tsv hypotheses.tsv study)"
	cmp s/awareness-export.csv "$FIXTURES/awareness-export.csv"
	assert_equal "$(cat s/.gitignore)" "build/"
	grep -q '^# Drafted by svy-codebook from awareness-export.csv (cleaned, by svy init)' s/codebook.tsv
	# one commented example a test kind, the header first
	assert_equal "$(head -1 s/hypotheses.tsv)" "$(printf 'id\tfamily\ttest\tvariables\toptions\thypothesis')"
	for k in spearman pearson chi2 kruskal mannwhitney friedman ttest paired-ttest wilcoxon \
		anova fisher mcnemar cochran dunn pairwise-mannwhitney pairwise-wilcoxon chi2-residuals; do
		[ "$(grep -c "^# [HP]\.[0-9]*	[a-z]*	$k	" s/hypotheses.tsv)" -ge 1 ] || fail "no example of $k"
	done
	grep -q 'svy study' s/README.md
}

# A column name is text of the export, not make's: $, #, a backslash at the
# end (which joined the next line; and TSV's escape \\ was written for it),
# reach the study file as the name itself.
@test "svy init: a screening column named with \$( ), # and a final backslash is that column in the study file" {
	printf 'id,"Are you a student? $(shell touch PWNED) #x\\",q1\n1,Yes a student,1\n2,No,2\n3,No,3\n' >hx.csv
	svy init hx.csv s 2>/dev/null
	printf 'include study\n$(info [$(FILTER_COLUMN)] [$(FILTER_VALUES)])\nx-print: ; @:\n' >pr.mk
	cd s
	run make -s -f ../pr.mk x-print
	assert_success
	assert_output '[Are you a student? $(shell touch PWNED) #x\] ['\''Yes a student'\'']'
	[ ! -e PWNED ] && [ ! -e ../PWNED ]
}

@test "svy init --link links the export; an export in the directory is used where it is" {
	svy init --link "$FIXTURES/awareness-export.csv" l 2>/dev/null
	[ -L l/awareness-export.csv ]
	mkdir here
	cp "$FIXTURES/platforms/sosci.csv" here/
	(cd here && svy init sosci.csv) 2>/dev/null
	run ls -A here
	assert_output "$(printf '%s\n' .gitignore README.md codebook.tsv hypotheses.tsv sosci.csv study)"
	grep -qx 'EXPORT          = $(STUDY_DIR)/sosci.csv' here/study
	# under the directory: used where it is
	mkdir -p sub/data
	cp "$FIXTURES/platforms/sosci.csv" sub/data/
	svy init sub/data/sosci.csv sub 2>/dev/null
	grep -qx 'EXPORT          = $(STUDY_DIR)/data/sosci.csv' sub/study
	[ ! -e sub/sosci.csv ]
	(cd sub && svy study 2>/dev/null)
	[ -s sub/build/report.md ]
	# a name with a blank is copied without it (make cannot name such a file)
	cp "$FIXTURES/platforms/sosci.csv" 'my export.csv'
	svy init 'my export.csv' b 2>/dev/null
	[ -f b/my-export.csv ]
	(cd b && svy study 2>/dev/null)
	[ -s b/build/report.md ]
}

@test "svy init: its errors, named; nothing is written" {
	printf 'a,b\n1,2,3\n' >ragged.csv
	printf 'PK\003\004 not a zip' >bad.zip
	mkdir taken && printf 'mine\n' >taken/study && printf 'mine\n' >taken/README.md
	touch afile
	export FIXTURES
	# args | status | message
	while IFS='|' read -r args st msg; do
		run --separate-stderr bash -c "svy init $args"
		[ "$status" -eq "$st" ] || fail "svy init $args: status $status, want $st: $stderr"
		[[ "$stderr" == *"$msg"* ]] || fail "svy init $args: '$stderr' lacks '$msg'"
		[ -z "$output" ] || fail "svy init $args: printed '$output'"
	done <<-'EOF'
		|2|svy init: no export given: svy init EXPORT [DIR]
		no/such.csv d1|1|svy init: no/such.csv: no such export
		ragged.csv d2|1|svy init: ragged.csv: svy cannot read it:
		bad.zip d3|1|svy init: bad.zip: svy cannot read it: not a zip unzip can read
		ragged.csv afile|1|svy init: afile: exists and is not a directory
		$FIXTURES/platforms/sosci.csv taken|1|svy init: 'taken/study', 'taken/README.md': already there; svy init writes no file over another
		--frobnicate x.csv|2|svy init: unknown option '--frobnicate'
		a.csv b c|2|svy init: too many operands ('c')
	EOF
	# nothing written: no directory made, the taken one as it was
	[ ! -e d1 ] && [ ! -e d2 ] && [ ! -e d3 ]
	run ls -A taken
	assert_output "$(printf '%s\n' README.md study)"
	assert_equal "$(cat taken/study)" mine
}

@test "svy study: its errors, named" {
	mkdir nothing && cd nothing
	run --separate-stderr svy study
	assert_failure 2
	assert_equal "$stderr" "svy study: no study file here ($PWD/study): run svy study in a study directory (svy init EXPORT DIR makes one), or name the study file: svy study FILE"
	run --separate-stderr svy study no/such
	assert_failure 2
	assert_equal "$stderr" "svy study: no/such: no such study file"
	mkdir d
	run --separate-stderr svy study d
	assert_failure 2
	assert_equal "$stderr" "svy study: d: a directory without a study file (d/study)"
	run --separate-stderr svy study --frob
	assert_failure 2
	assert_equal "$stderr" "svy study: unknown option '--frob' (svy study --help)"
	# a mistake of the study file: the recipes' own error, named
	printf 'EXPORT = x.csv\nFA_ITEM = a\n' >study
	run svy study
	assert_failure
	assert_output --partial "FA_ITEM: not a study variable (did you mean FA_ITEMS?)"
}

@test "svy TOOL runs svy-TOOL; an unknown tool is named, with the nearest; help; --version" {
	run svy describe --version
	assert_success
	assert_output --partial "svy-describe (svy)"
	printf 'a\n1\n2\n' >x.tsv
	run svy tally -q -c a x.tsv
	assert_success
	assert_output "$("$BIN/tally" -q -c a x.tsv)"
	run --separate-stderr svy tallly -c a x.tsv
	assert_failure 2
	assert_equal "$stderr" "svy: 'tallly': no such tool: no svy-tallly beside svy ($PREFIX/bin) nor on the PATH (did you mean 'tally'?); svy help lists them"
	run svy --version
	assert_output "svy $(cat "$SVY_ROOT/VERSION")"
	run svy help
	assert_success
	for t in $(cd "$SVY_ROOT/tools" && ls *.c | sed 's/\.c$//'); do
		assert_line --regexp "^  $t +[A-Za-z]"
	done
	for v in init study help; do assert_line --regexp "^  $v +"; done
	run svy help init
	assert_line --index 0 "usage: svy init [--link] EXPORT [DIR]"
	run svy
	assert_failure 2
}

@test "svy study --dry-run says what would run and why; editing the plan makes the tests and the report only" {
	svy init "$DATA/digital-twins-automotive/results_english.csv" dt 2>/dev/null
	cd dt
	svy study 2>/dev/null
	touch "$BATS_TEST_TMPDIR/mark"
	sleep 1
	# a variable on the command line: what it shapes, and nothing is made
	run svy study --dry-run FA_FACTORS=2
	assert_success
	assert_line "factor: FA_FACTORS changed (was '1', now '2')"
	assert_line "score: SCORES changed (was 'score', now 'score1,score2'); after factor"
	assert_line "figure score1-histogram: not made yet; after score"
	assert_line "figure scree: after factor"
	assert_line --regexp "^report: .*after .*factor, score"
	refute_line --partial "clean:"
	refute_line --partial "encode:"
	run newer .
	assert_output ''
	# a plan: a test written, HYPOTHESES set
	printf 'D.1\tgoals\tfriedman\tit_describes_*\t\tH0: The three descriptions are agreed with equally.\n' >>hypotheses.tsv
	sed -i 's|^# HYPOTHESES    = |HYPOTHESES = |' study
	run svy study -n
	assert_line "hypotheses: not made yet"
	svy study 2>/dev/null
	grep -q '^| D\.1 ' build/report.md
	# the plan edited: the tests, their table and the report, nothing else
	touch "$BATS_TEST_TMPDIR/mark"
	sleep 1
	printf 'D.2\tgoals\tspearman\tit_can_influence_the_cps it_can_collect_current_data_from\t\tH0: None.\n' >>hypotheses.tsv
	run svy study --dry-run
	assert_output "$(printf '%s\n' 'hypotheses: changed: ./hypotheses.tsv' \
		'families: changed: ./hypotheses.tsv; after hypotheses' 'report: after hypotheses, families')"
	svy study 2>/dev/null
	run newer build
	assert_output "$(printf '%s\n' hypotheses.md report.md tests.tsv)"
	grep -q '^| D\.2 ' build/report.md
	# a file of the study changed: named
	touch results_english.csv
	run svy study -n
	assert_line "clean: changed: ./results_english.csv"
	assert_line "encode: after clean"
}

@test "svy study -j2 makes what svy study makes; a study file named, from another directory's files" {
	svy init "$DATA/digital-twins-automotive/results_english.csv" a 2>/dev/null
	cp -r a b
	(cd a && svy study 2>/dev/null)
	(cd b && svy study -j2 NAME=a 2>/dev/null)
	diff -r a/build b/build
	# svy study FILE: the study file named, run here
	mkdir elsewhere && cd elsewhere
	svy study ../a/study 2>/dev/null
	[ -s build/report.md ]
	diff build/encoded.tsv ../a/build/encoded.tsv
}

@test "make install: relocatable (the prefix moved, svy study still runs); uninstall removes exactly what was installed" {
	p="$BATS_TEST_TMPDIR/p"
	mkdir -p "$p/bin" "$p/share/man/man1"
	printf 'mine\n' >"$p/bin/other"
	before=$(cd "$p" && find . ! -type d | sort)
	svy_make install PREFIX="$p" >/dev/null
	# svy, each tool, its man page, its link for the recipes, its completion
	for t in $(cd "$SVY_ROOT/tools" && ls *.c | sed 's/\.c$//'); do
		[ -x "$p/bin/svy-$t" ] || fail "svy-$t"
		[ -f "$p/share/man/man1/svy-$t.1" ] || fail "svy-$t.1"
		[ "$(readlink "$p/libexec/svy/$t")" = "../../bin/svy-$t" ] || fail "libexec/svy/$t"
		[ -e "$p/share/bash-completion/completions/svy-$t" ] || fail "completion svy-$t"
	done
	[ -x "$p/bin/svy" ] && [ -f "$p/share/man/man1/svy.1" ] && [ -f "$p/share/bash-completion/completions/svy" ]
	cmp "$SVY_ROOT/README.md" "$p/share/doc/svy/README.md"
	run --separate-stderr env MANWIDTH=80 MAN_KEEP_STDERR=1 man --warnings -l "$p/share/man/man1/svy.1"
	assert_success
	[ -z "$stderr" ] || fail "man svy: $stderr"
	assert_line --index 0 --partial "SVY(1)"
	for f in "$SVY_ROOT"/pipelines/study/*; do
		cmp "$f" "$p/share/svy/study/${f##*/}" || fail "recipe ${f##*/}"
	done
	# moved: it finds its recipes and tools from where it is
	mv "$p" "$BATS_TEST_TMPDIR/moved"
	PATH="$BATS_TEST_TMPDIR/moved/bin:$PATH"
	svy init "$FIXTURES/platforms/sosci.csv" s 2>/dev/null
	(cd s && svy study 2>/dev/null)
	[ -s s/build/report.md ]
	run svy help
	assert_output --partial "$BATS_TEST_TMPDIR/moved/share/svy/study"
	mv "$BATS_TEST_TMPDIR/moved" "$p"
	svy_make uninstall PREFIX="$p" >/dev/null
	after=$(cd "$p" && find . ! -type d | sort)
	assert_equal "$after" "$before"
	[ ! -e "$p/share/svy" ] && [ ! -e "$p/libexec/svy" ] && [ ! -e "$p/share/doc/svy" ]
}

@test "bash completion: tools and verbs, options from --grammar, column names of the TSV given" {
	printf 'age\tjob title\tQ1\n30\tx\t1\n' >data.tsv
	complete_words() {
		bash -c '
			source "$1"; shift
			COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			_svy; printf "%s\n" "${COMPREPLY[@]}"' _ "$PREFIX/share/bash-completion/completions/svy" "$@"
	}
	run complete_words svy tal
	assert_output tally
	run complete_words svy in
	assert_output init
	run complete_words svy factor --rot
	assert_output "$(printf '%s\n' --rotate --rotate-tol --rotate-starts)"
	run complete_words svy-factor --rot
	assert_output "$(printf '%s\n' --rotate --rotate-tol --rotate-starts)"
	run complete_words svy tally -i data.tsv -c a
	assert_output age
	run complete_words svy tally data.tsv -c age,j
	assert_output 'age\,job\ title'
	run complete_words svy test-hypothesis data.tsv --by Q
	assert_output Q1
	run complete_words svy study --dr
	assert_output --dry-run
}

@test "zsh completion (bashcompinit): the same tools, options and columns" {
	command -v zsh >/dev/null || skip "no zsh here"
	printf 'age\tjob\tQ1\n30\tx\t1\n' >data.tsv
	# an interactive zsh on a pseudo-terminal, TAB pressed; what it shows
	cat >t.zsh <<-EOF
		zmodload zsh/zpty
		zpty z 'PATH=$PREFIX/bin:\$PATH TERM=dumb zsh -f -i'
		zpty -w z 'PS1="> "; fpath=($PREFIX/share/zsh/site-functions \$fpath); autoload -U compinit; compinit -u; print READY'
		zpty -r z out '*READY*'
		for line in 'svy tal' 'svy-factor --rot' 'svy tally data.tsv -c jo'; do
			zpty -w -n z "\$line"\$'\t'
			sleep 1
			all=
			while zpty -r -t z chunk; do all+=\$chunk; done
			print -r -- "\$all"
			zpty -w -n z \$'\x15'
			sleep 0.2
			while zpty -r -t z chunk; do :; done
		done
		zpty -d z
	EOF
	run timeout 60 zsh -f t.zsh
	assert_output --partial "svy tally "
	assert_output --partial "svy-factor --rotate"
	assert_output --partial "svy tally data.tsv -c job"
}

@test "svy init's example plan runs: every example, on made-up data, to report's tables" {
	svy init "$FIXTURES/awareness-export.csv" s 2>/dev/null
	# made-up data with the examples' column names (a fixed congruential sequence)
	awk 'BEGIN { OFS = "\t"; x = 7
		print "ITEM_A", "ITEM_B", "SCORE", "AGE", "GROUP", "ANSWER", "ITEM_1", "ITEM_2", "ITEM_3",
		      "BEFORE", "AFTER", "BEFORE_YES", "AFTER_YES", "YES_1", "YES_2", "YES_3"
		for (i = 0; i < 60; i++) {
			for (k = 0; k < 16; k++) { x = (x * 1103515245 + 12345) % 2147483648; u[k] = x / 2147483648 }
			print int(u[0] * 5) + 1, int(u[1] * 5) + 1, sprintf("%.2f", u[2] * 4 + i % 3 * 0.3),
			      18 + int(u[3] * 40), i % 3, substr("xyz", int(u[5] * 3) + 1, 1),
			      int(u[6] * 5) + 1, int(u[7] * 5) + 1, int(u[8] * 5) + 1,
			      sprintf("%.2f", u[9] * 4), sprintf("%.2f", u[10] * 4 + 0.3),
			      int(u[11] * 2), int(u[12] * 2), int(u[13] * 2), int(u[14] * 2), int(u[15] * 2)
		} }' >d.tsv
	{ head -1 s/hypotheses.tsv; sed -n 's/^# \([HP]\.[0-9]*\t\)/\1/p' s/hypotheses.tsv; } >plan.tsv
	[ "$(wc -l <plan.tsv)" -eq 19 ]
	svy test-hypothesis -q --plan plan.tsv -i d.tsv | svy bh-correct -q >tests.tsv
	[ "$(wc -l <tests.tsv)" -gt 18 ]
	run --separate-stderr svy report -q --ci --by-family -H plan.tsv tests.tsv
	assert_success
	for s in 'r_s(58) = ' 'r(58) = ' 'U(20, 20) = ' 't(59) = ' 'V = ' 'F(2, ' 'Q(2) = ' \
		"Fisher's exact test" 'McNemar, min(b, c) = ' '| Pair | n |' '| Cell | n |' '95% CI [' \
		'| ITEM_A vs. ITEM_B | 60 | V = '; do
		assert_output --partial "$s"
	done
}

@test "a plan's comment lines and blank lines are skipped, by test-hypothesis and report -H" {
	printf 'a\tb\n1\t2\n2\t1\n3\t4\n4\t3\n5\t6\n' >d.tsv
	printf 'id\tfamily\ttest\tvariables\toptions\thypothesis\nT.1\tf\tspearman\ta b\t\tH0: none.\n' >plan.tsv
	{ head -1 plan.tsv; printf '# T.0\tf\tspearman\tno such\t\tH0: x.\n\n'; tail -1 plan.tsv; printf '#\n'; } >commented.tsv
	run svy test-hypothesis --plan plan.tsv -i d.tsv
	want=$output
	[ -n "$want" ]
	run svy test-hypothesis --plan commented.tsv -i d.tsv
	assert_success
	assert_output "$want"
	svy test-hypothesis --plan plan.tsv -i d.tsv | svy bh-correct >tests.tsv
	run svy report -H commented.tsv tests.tsv
	assert_success
	assert_output --partial "H0: none."
	# a line of another shape is still an error, named
	printf 'T.2\tf\n' >>commented.tsv
	run svy test-hypothesis --plan commented.tsv -i d.tsv
	assert_failure 1
	assert_output --partial "commented.tsv:6: row has 2 fields, header has 6"
}

@test "cmd/svy in a checkout: the tools of bin/ (SVY_BINDIR), the recipes of pipelines/study" {
	run env SVY_BINDIR="$BIN" "$SVY_ROOT/cmd/svy" describe --version
	assert_success
	assert_output --partial "svy-describe (svy)"
	run env SVY_BINDIR="$BIN" "$SVY_ROOT/cmd/svy" --version
	assert_output "svy $(cat "$SVY_ROOT/VERSION")"
	SVY_BINDIR="$BIN" "$SVY_ROOT/cmd/svy" init "$FIXTURES/platforms/sosci.csv" s 2>/dev/null
	(cd s && SVY_BINDIR="$BIN" "$SVY_ROOT/cmd/svy" study 2>/dev/null)
	[ -s s/build/report.md ]
}
