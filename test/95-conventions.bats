#!/usr/bin/env bats
# What every tool promises: --help, --version, exit 2 on bad usage, a man page
# that documents every long option --help lists; and make install.

load test_helper

tools() {
	local f
	for f in "$SVY_ROOT"/tools/*.c; do
		basename "$f" .c
	done
}

@test "every tool: --help on stdout, exit 0; --version; unknown option exits 2" {
	for t in $(tools); do
		run --separate-stderr svy "$t" --help
		[ "$status" -eq 0 ] || fail "$t --help: status $status"
		[[ "${lines[0]}" == "usage: svy-$t "* ]] || fail "$t --help: '${lines[0]}'"
		[ -z "$stderr" ] || fail "$t --help wrote to stderr"
		run svy "$t" --version
		[ "$output" = "svy-$t (svy) $(cat "$SVY_ROOT/VERSION")" ] || fail "$t --version: '$output'"
		run --separate-stderr svy "$t" --no-such-option </dev/null
		[ "$status" -eq 2 ] || fail "$t --no-such-option: status $status"
		[[ "$stderr" == *"Try 'svy-$t --help' for more information."* ]] || fail "$t: '$stderr'"
	done
}

@test "every tool has a man page naming each long option of its --help" {
	for t in $(tools); do
		page="$SVY_ROOT/man/svy-$t.1"
		[ -f "$page" ] || fail "no man page for $t"
		# roff escapes the hyphens: \-\-option (one awk a tool, not a grep an option)
		missing=$(svy "$t" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u | awk -v page="$page" '
			BEGIN { while ((getline l < page) > 0) text = text l "\n" }
			{ n = split($0, part, "-"); o = part[1]
			  for (i = 2; i <= n; i++) o = o "\\-" part[i]
			  if (!index(text, o)) print $0 }')
		[ -n "$(svy "$t" --help | grep -oE -- '--[a-z][a-z0-9-]*')" ] || fail "$t --help names no long option"
		[ -z "$missing" ] || fail "man/svy-$t.1 does not document" $missing
	done
}

@test "make install puts svy-TOOL and its man page under DESTDIR; uninstall removes them" {
	dest="$BATS_TEST_TMPDIR/dest"
	run svy_make install PREFIX=/usr/local DESTDIR="$dest"
	assert_success
	for t in $(tools); do
		[ -x "$dest/usr/local/bin/svy-$t" ] || fail "svy-$t not installed"
		[ -f "$dest/usr/local/share/man/man1/svy-$t.1" ] || fail "svy-$t.1 not installed"
	done
	run "$dest/usr/local/bin/svy-filter-students" --version
	assert_output --partial "svy-filter-students (svy)"
	# man finds the installed page, and it renders without a warning
	run --separate-stderr env MANPATH="$dest/usr/local/share/man" MANWIDTH=80 man svy-factor
	assert_success
	[ -z "$stderr" ] || fail "man svy-factor: $stderr"
	assert_line --index 0 --partial "SVY-FACTOR(1)"
	for t in $(tools); do
		run --separate-stderr env MANWIDTH=80 MAN_KEEP_STDERR=1 man --warnings -l "$dest/usr/local/share/man/man1/svy-$t.1"
		[ -z "$stderr" ] || fail "man page of $t: $stderr"
	done
	run svy_make uninstall PREFIX=/usr/local DESTDIR="$dest"
	assert_success
	[ -z "$(find "$dest" -type f)" ] || fail "left behind: $(find "$dest" -type f)"
}

# a fake apt-get and id on PATH: what make deps would run, and as whom
fake_apt() {
	mkdir -p fake
	printf '#!/bin/sh\necho "apt-get $*" >>"%s/apt.log"\n' "$PWD" >fake/apt-get
	printf '#!/bin/sh\necho %s\n' "$1" >fake/id
	chmod +x fake/apt-get fake/id
}

@test "make deps: nothing missing, no apt-get at all; missing: apt-get as root, the sudo line otherwise, the names elsewhere" {
	fake_apt 0
	# everything the suite needs is here (it runs): no update, no install
	PATH="$PWD/fake:$PATH" run svy_make need-test-deps
	assert_success
	assert_output ""
	[ ! -e apt.log ] || fail "apt-get ran: $(cat apt.log)"
	# a compiler that links nothing: the four libraries are missing
	run svy_make deps-missing CC=false
	assert_output "libcsv gsl libxml2 jansson readstat"
	PATH="$PWD/fake:$PATH" run svy_make need-test-deps CC=false
	assert_success
	assert_line --index 0 "svy needs: libcsv gsl libxml2 jansson readstat"
	[ "$(sed -n 1p apt.log)" = "apt-get update -q" ] || fail "$(cat apt.log)"
	[[ "$(sed -n 2p apt.log)" == "apt-get install -y -q --no-install-recommends build-essential pkg-config libcsv-dev "* ]] ||
		fail "$(cat apt.log)"
	rm apt.log
	fake_apt 1000
	PATH="$PWD/fake:$PATH" run svy_make need-test-deps CC=false
	assert_failure
	assert_line "  sudo apt-get install build-essential pkg-config libcsv-dev libgsl-dev libxml2-dev libjansson-dev libreadstat-dev bats bats-assert bats-support gnuplot-nox unzip valgrind man-db pspp"
	[ ! -e apt.log ]
	# no apt-get: the names, and where to look them up
	PATH="$PWD/fake:$PATH" run svy_make need-test-deps CC=false APT_GET=no-such-apt-get
	assert_failure
	assert_line --index 0 "svy needs: libcsv gsl libxml2 jansson readstat"
	assert_line --index 1 "install them with your system's packages (README.md, \"Quick start\")"
	# a missing program or Bats library is named too
	run svy_make deps-missing PKG_CONFIG=no-such-pkg-config
	assert_output --partial "pkg-config"
	run svy_make deps-missing BATS_LIB_PATH=/nowhere
	[ -d /usr/lib/bats/bats-assert ] || assert_output --partial "bats-assert"
	# valgrind: make check needs it, make test and make study do not
	run svy_make deps-missing VALGRIND=no-such-valgrind
	assert_output "valgrind"
	PATH="$PWD/fake:$PATH" run svy_make need-test-deps VALGRIND=no-such-valgrind
	assert_success
	assert_output ""
	PATH="$PWD/fake:$PATH" run svy_make need-deps VALGRIND=no-such-valgrind APT_GET=no-such-apt-get
	assert_failure
	assert_line --index 0 "svy needs: valgrind"
}

@test "make: an older GNU make stops at once, naming the version it needs; make test is the suite without valgrind or ASan" {
	run svy_make .FEATURES=
	assert_failure
	assert_output --partial "svy needs GNU make 4.3 or later"
	run svy_make -n test
	assert_success
	assert_line --regexp "^BIN=.* bats test/05-simulate.bats .*test/99-extremes.bats$"
	refute_line --regexp "bats .*test/valgrind"
	refute_output --partial "SVY_SANITIZED"
	refute_output --partial "ASAN_OPTIONS"
	run grep -x 'CI=true' "$SVY_ROOT/.ci/run"
	assert_success
}

# Every tool that reads TSV, the same bad input: each tool with arguments that
# make it read standard input, and a header it accepts.
tsv_tools() {
	cat <<'EOF2'
filter-students	.	Q3
encode-likert	-b CODEBOOK	Q1\tQ2
codebook	--format tsv	a\tb
derive	--any d=a,b	a\tb
factor	-c a,b,c	a\tb\tc
score	--model MODEL	a\tb\tc
test-hypothesis	spearman -c a,b	a\tb
correlate	-c a,b	a\tb
bh-correct	.	p\tfamily
report	.	id\ttest\tstatistic\tstatistic_name\tdf\tgroup_sizes\tu_min\tp
tally	-c a	a\tb
cluster	-c a,b --k 2	a\tb
kappa	-c a,b	a\tb
describe	.	a\tb
filter	-w a=1	a\tb
plot	-c a	a\tb
EOF2
}

@test "every TSV tool: empty input, ragged row, NUL byte, duplicate column: exit 1, named" {
	printf 'column\trename\tlabel\tcode\tvalue\n@s\t\tYes\tY\t1\nQ1\tq1\t@s\t\t\n' >codebook.tsv
	awk 'BEGIN { print "a\tb\tc"; for (i = 1; i <= 40; i++) print i % 7 "\t" (i * 3) % 11 + i % 7 "\t" (i * 5) % 13 + i % 7 }' >fa.tsv
	svy factor -q -c a,b,c <fa.tsv >model.tsv
	while IFS=$'\t' read -r tool args header; do
		args=${args//CODEBOOK/codebook.tsv}
		args=${args//MODEL/model.tsv}
		[ "$args" = . ] && args=
		run --separate-stderr svy "$tool" $args </dev/null
		[ "$status" -eq 1 ] && [ "$stderr" = "svy-$tool: <stdin>: empty input: no header row" ] ||
			fail "$tool, empty input: status $status, '$stderr'"
		nf=$(printf "$header" | awk -F'\t' '{ print NF }')
		run --separate-stderr bash -c "printf '$header\nx\tx\tx\tx\tx\n' | '$BIN/$tool' $args"
		[ "$status" -eq 1 ] && [ "${stderr_lines[0]}" = "svy-$tool: <stdin>:2: row has 5 fields, header has $nf" ] ||
			fail "$tool, ragged row: status $status, '$stderr'"
		run --separate-stderr bash -c "printf '$header\n\0\n' | '$BIN/$tool' $args"
		[ "$status" -eq 1 ] && [ "${stderr_lines[0]}" = "svy-$tool: <stdin>:2: NUL byte in input" ] ||
			fail "$tool, NUL byte: status $status, '$stderr'"
		first=$(printf "$header" | cut -f1)
		run --separate-stderr bash -c "printf '$header\t$first\n' | '$BIN/$tool' $args"
		[ "$status" -ne 0 ] && [[ "$stderr" == *"column '$first': header has this name twice"* ]] ||
			fail "$tool, duplicate column: status $status, '$stderr'"
	done < <(tsv_tools)
}

@test "-o FILE: the file appears complete when the tool succeeds, never half-written" {
	printf 'id\tQ3\n1\tA2\n2\tA1\n' >good.tsv
	printf 'id\tQ3\n1\tA2\n2\n' >bad.tsv
	run svy filter-students -q -o out.tsv good.tsv
	assert_success
	assert_output ""
	[ "$(cat out.tsv)" = "$(printf 'id\tQ3\n1\tA2')" ]
	# a failure leaves the old file as it was, and no temporary file
	run svy filter-students -q -o out.tsv bad.tsv
	assert_failure 1
	[ "$(cat out.tsv)" = "$(printf 'id\tQ3\n1\tA2')" ]
	run svy filter-students -q -o new.tsv bad.tsv
	assert_failure 1
	[ ! -e new.tsv ]
	[ -z "$(ls | grep tmp)" ] || fail "left behind: $(ls)"
	# side files too (--rejects), and /dev/null is written, not replaced
	run svy filter-students -q --rejects rej.tsv -o /dev/null bad.tsv
	assert_failure 1
	[ ! -e rej.tsv ]
	run svy filter-students -q --rejects rej.tsv -o /dev/null good.tsv
	assert_success
	[ "$(wc -l <rej.tsv)" -eq 2 ]
	# --help is not sent to the file
	run svy filter-students -o help.tsv --help
	assert_line --index 0 --partial "usage: svy-filter-students"
	[ ! -e help.tsv ]
}

@test "-o FILE keeps the umask's permissions, as a shell redirection would" {
	printf 'id\tQ3\n1\tA2\n' >in.tsv
	(umask 022 && "$BIN/filter-students" -q -o out.tsv in.tsv)
	[ "$(stat -c %a out.tsv)" = 644 ]
	(umask 077 && "$BIN/filter-students" -q -o out2.tsv in.tsv)
	[ "$(stat -c %a out2.tsv)" = 600 ]
}

# ---- the command-line grammar (README "Conventions"): one row per tool ----
#
# Each table below is one rule; a tool is one row. Adding a tool is one row in
# each table that applies to it.

# rows TABLE: the rows of a table without its comments and pending rows
rows() {
	grep -v '^#' | grep -v '^[[:space:]]*$'
}

# Fixture files the rows below may name: in.csv, in.tsv, kappa.tsv,
# cluster.tsv, fa.tsv, model.tsv, codebook.tsv, p.tsv, tally.tsv, report.tsv.
grammar_fixtures() {
	printf 'id,a,submitdate\n1,0.5,2020\n2,1.5,2020\n' >in.csv
	printf 'a\tb\n1\t2\n2\t2\n4\t3\n' >in.tsv
	printf 'a\tb\nx\tx\ny\ty\nx\ty\ny\ty\nx\tx\ny\tx\nx\tx\ny\ty\nx\ty\ny\ty\nz\tz\nz\tx\n' >kappa.tsv
	printf 'a\tb\n0\t0\n0\t1\n5\t5\n5\t6\n' >cluster.tsv
	awk 'BEGIN { print "a\tb\tc"; for (i = 1; i <= 40; i++) print i % 7 "\t" (i * 3) % 11 + i % 7 "\t" (i * 5) % 13 + i % 7 }' >fa.tsv
	svy factor -q -c a,b,c <fa.tsv >model.tsv
	printf 'column\trename\tlabel\tcode\tvalue\n@s\t\tYes\tY\t1\nQ1\tq1\t@s\t\t\n' >codebook.tsv
	printf 'Q1\tQ2\nY\tY\n\tY\n' >likert.tsv
	printf 'p\tfamily\n0.01\tA\n0.04\tA\n0.03\tB\n' >p.tsv
	printf 'id\tQ3\n1\tA2\n2\tA1\n' >students.tsv
	printf 'a\tb\nx\t1\ny\t2\nx\t4\n' >tally.tsv
	svy test-hypothesis spearman -q --id H1 --family F -c a,b fa.tsv | svy bh-correct -q >report.tsv
}

# tool | arguments | input file: runs that succeed, for the rules below
grammar_runs() {
	cat <<'EOF2'
clean||in.csv
derive|--mean m=a,b|in.tsv
kappa|-c a,b|kappa.tsv
cluster|-c a,b --k 2|cluster.tsv
filter-students||students.tsv
encode-likert|-b codebook.tsv|likert.tsv
factor|-c a,b,c|fa.tsv
score|--model model.tsv|fa.tsv
test-hypothesis|spearman -c a,b|in.tsv
correlate|-c a,b,c|fa.tsv
bh-correct||p.tsv
tally|-c a|tally.tsv
report||report.tsv
describe||in.tsv
filter|-w a>=2|in.tsv
plot|-c a|in.tsv
codebook||in.csv
EOF2
}

@test "grammar: every tool reads a trailing FILE, -i FILE, --input=FILE and standard input the same" {
	grammar_fixtures
	rows <<'EOF2' | while IFS='|' read -r tool; do
clean
derive
kappa
cluster
filter-students
encode-likert
factor
score
test-hypothesis
correlate
bh-correct
tally
report
describe
filter
plot
codebook
EOF2
		IFS='|' read -r _ args file < <(grammar_runs | grep "^$tool|")
		[ -n "$file" ] || fail "$tool: no row in grammar_runs"
		svy "$tool" $args -q <"$file" >want || fail "$tool: stdin failed"
		[ -s want ] || fail "$tool: no output"
		for how in "$file" "-i $file" "--input=$file" "-i -" "-"; do
			svy "$tool" $args -q $how <"$file" >got || fail "$tool $how: failed"
			# the same output, but for the input's name where a tool records it
			sed "s/$file/<stdin>/g" got | cmp -s - want || fail "$tool $how: other output"
		done
		run --separate-stderr svy "$tool" $args -q -i "$file" "$file"
		[ "$status" -eq 2 ] && [ "${stderr_lines[0]}" = "svy-$tool: give the input once: -i '$file' or the operand '$file', not both" ] ||
			fail "$tool: -i and FILE: status $status, '$stderr'"
		echo "$tool" >>checked
	done
	[ "$(wc -l <checked)" -ge 4 ] || fail "rows checked: $(cat checked)"
}

@test "grammar: -o FILE writes what standard output would, and -q leaves standard error empty on success" {
	grammar_fixtures
	grammar_runs | rows | while IFS='|' read -r tool args file; do
		run --separate-stderr svy "$tool" $args -q <"$file"
		[ "$status" -eq 0 ] || fail "$tool: status $status, '$stderr'"
		[ -z "$stderr" ] || fail "$tool -q: '$stderr'"
		printf '%s\n' "$output" >want
		run --separate-stderr svy "$tool" $args -q -o out.tsv <"$file"
		[ "$status" -eq 0 ] && [ -z "$output" ] || fail "$tool -o: status $status, '$output'"
		cmp -s out.tsv want || fail "$tool -o: the file differs from stdout"
		echo "$tool" >>checked
	done
	[ "$(wc -l <checked)" -eq "$(grammar_runs | rows | wc -l)" ] || fail "rows checked: $(cat checked)"
	# simulate has no input
	svy simulate -q -n 5 >want
	svy simulate -q -n 5 -o out.csv
	cmp want out.csv
}

# tool | arguments | input: a run that prints fractions on standard output
@test "grammar: --digits N is accepted wherever fractions are printed, and rounds them" {
	grammar_fixtures
	rows <<'EOF2' | while IFS='|' read -r tool args file; do
derive|--mean m=a,b --mean t=a,a2,b|in3.tsv
kappa|-c a,b|kappa.tsv
factor|-c a,b,c|fa.tsv
score|--model model.tsv|fa.tsv
test-hypothesis|spearman -c a,b|in.tsv
correlate|-c a,b,c|fa.tsv
bh-correct||p.tsv
tally|-g a -c b|tally.tsv
describe|-c a,b|in.tsv
EOF2
		printf 'a\ta2\tb\n1\t1\t2\n2\t2\t2\n4\t1\t3\n' >in3.tsv
		run --separate-stderr svy "$tool" $args -q --digits 3 <"$file"
		[ "$status" -eq 0 ] || fail "$tool --digits 3: status $status, '$stderr'"
		# every number with a fraction: at most 3 significant digits; at least one
		printf '%s\n' "$output" | tr '\t' '\n' | awk -v t="$tool" '
			/^-?[0-9]*\.[0-9]+([eE][-+]?[0-9]+)?$/ {
				n++; m = $0; sub(/[eE].*/, "", m); gsub(/[-.]/, "", m); sub(/^0+/, "", m)
				if (length(m) > 3) { print t ": " $0 " has more than 3 digits"; bad = 1 }
			}
			END { if (!n) { print t ": no fraction printed"; bad = 1 } exit bad }' ||
			fail "$tool: $output"
		echo "$tool" >>checked
	done
	[ "$(wc -l <checked)" -ge 7 ] || fail "rows checked: $(cat checked)"
	# cluster prints its fractions in --centroids and --inertia
	svy cluster -q -c a,b --k 2 --digits 3 --centroids cent.tsv cluster.tsv >/dev/null
	grep -q '0\.5' cent.tsv
}

@test "grammar: every tool has -o/--output, -q/--quiet, --help, --version; every reader -i/--input" {
	pending=" "
	pending_input=" "
	for t in $(tools); do
		help=$(svy "$t" --help)
		for opt in '-o, --output' '--help' '--version'; do
			[[ "$help" == *"$opt"* ]] || fail "$t --help has no $opt"
		done
		[[ "$pending" == *" $t "* ]] || [[ "$help" == *"-q, --quiet"* ]] || fail "$t --help has no -q, --quiet"
		[[ "$t" =~ ^(simulate|power)$ ]] || [[ "$pending_input" == *" $t "* ]] || [[ "$help" == *"-i, --input"* ]] ||
			fail "$t --help has no -i, --input"
	done
}

@test "grammar: --help fits 80 columns, and says the common options in the same words" {
	for t in $(tools); do
		help=$(svy "$t" --help)
		long=$(awk 'length > 80' <<<"$help")
		[ -z "$long" ] || fail "$t --help, over 80 columns: $long"
		for line in '--help +show this help and exit' '--version +show the version and exit'; do
			grep -Eq -- "^ +$line\$" <<<"$help" || fail "$t --help: no '$line'"
		done
		case $t in
		simulate | power) ;;	# no input
		*) grep -Eq -- "^  -i, --input FILE +read FILE \(as the operand FILE; '-' is stdin\)\$" <<<"$help" ||
			fail "$t --help: -i worded otherwise" ;;
		esac
	done
}

# tool | arguments with one bad value | the first line of the message
@test "grammar: a bad option value has one wording per kind, in every tool" {
	rows <<'EOF2' | while IFS='|' read -r tool args message; do
clean|--scan-rows x|option '--scan-rows': 'x' is not a whole number from 0 to 9223372036854775807
clean|-d pipe|option '--delimiter': 'pipe' is not a delimiter (',', ';', 'tab')
clean|--invalid-utf8 skip|option '--invalid-utf8': 'skip' is not one of: error, replace
simulate|-d pipe|option '--delimiter': 'pipe' is not a delimiter (',', ';', 'tab')
simulate|-n +5|option '--respondents': '+5' is not a whole number from 0 to 1000000000
derive|--digits 0 --sum s=a|option '--digits': '0' is not a whole number from 1 to 17
kappa|--weights cubic -c a,b|option '--weights': 'cubic' is not one of: none, linear, quadratic
kappa|--conf-level 2 -c a,b|option '--conf-level': '2' is not a number from 0.5 to 0.999999
cluster|-c a --k 2 --algorithm elkan|option '--algorithm': 'elkan' is not one of: lloyd, hartigan
cluster|-c a --k +2|option '--k': '+2' is not a whole number from 1 to 1000000
factor|--digits 0 -c a,b|option '--digits': '0' is not a whole number from 1 to 17
bh-correct|--alpha 2|option '--alpha': '2' is not a number from 0 to 1
tally|--digits x -c a|option '--digits': 'x' is not a whole number from 1 to 17
test-hypothesis|spearman --digits 0 -c a,b|option '--digits': '0' is not a whole number from 1 to 17
bh-correct|--method x|option '--method': 'x' is not one of: bh, by, holm, bonferroni, hochberg
factor|--method x -c a,b|option '--method': 'x' is not one of: minres, ml, pa
score|--normalize x --model m|option '--normalize': 'x' is not one of: none, minmax
encode-likert|--unknown x -b c|option '--unknown': 'x' is not one of: error, missing
test-hypothesis|spearman --alternative x -c a,b|option '--alternative': 'x' is not one of: two-sided, less, greater
correlate|--adjust x -c a,b|option '--adjust': 'x' is not one of: bh, by, holm, bonferroni, hochberg, none
EOF2
		run --separate-stderr svy "$tool" $args </dev/null
		[ "$status" -eq 2 ] || fail "$tool $args: status $status, '$stderr'"
		[ "${stderr_lines[0]}" = "svy-$tool: $message" ] || fail "$tool $args: '${stderr_lines[0]}'"
		[ "${stderr_lines[1]}" = "Try 'svy-$tool --help' for more information." ] || fail "$tool $args: '$stderr'"
		echo "$tool" >>checked
	done
	[ "$(wc -l <checked)" -ge 19 ] || fail "rows checked: $(cat checked)"
}

# ---- the grammar as lib/cli's table says it: --grammar ----------------------
#
# Every tool answers the hidden --grammar with the table lib/cli parses its
# command line by (long, letter, value, kind: common or own), aliases
# included: the rules below read that, not the help text.

# grammar_all: "tool<TAB>long<TAB>letter<TAB>value<TAB>kind" for every tool
grammar_all() {
	local t
	for t in $(tools); do
		# a tool not yet on lib/cli answers nothing: the first test names it
		svy "$t" --grammar 2>/dev/null | sed 1d | sed "s/^/$t\t/"
	done
}

@test "grammar table: every tool answers --grammar with its options as TSV (long, letter, value, kind)" {
	for t in $(tools); do
		run --separate-stderr svy "$t" --grammar
		[ "$status" -eq 0 ] || { echo "$t" >>unconverted; continue; }
		[ "${lines[0]}" = $'long\tletter\tvalue\tkind' ] || fail "$t --grammar: '${lines[0]}'"
		printf '%s\n' "$output" | sed 1d | awk -F'\t' -v t="$t" '
			NF != 4 || $1 !~ /^[a-z][a-z0-9-]*$/ || $2 !~ /^([a-zA-Z]|-)$/ ||
			$3 !~ /^([A-Z][A-Z_,=]*)?$/ || $4 !~ /^(common|own)$/ { print t ": bad row: " $0; bad = 1 }
			{ n[$1]++; if (n[$1] == 2) { print t ": --" $1 " twice"; bad = 1 } }
			END { if (!n["help"] || !n["version"]) { print t ": no --help or --version"; bad = 1 }
			      exit bad }' || fail "$t --grammar"
	done
	[ ! -e unconverted ] || fail "not on lib/cli (no --grammar):" $(cat unconverted)
}

@test "grammar table: a short letter means one long option across all tools (known exceptions listed)" {
	grammar_all >grammar.tsv
	[ "$(cut -f1 grammar.tsv | sort -u | wc -l)" -ge 3 ] || fail "tools answering --grammar: $(cut -f1 grammar.tsv | sort -u)"
	# letter -> the long names it may have; anything else is a new conflict
	awk -F'\t' '$3 != "-" { print $3 "\t" $2 "\t" $1 }' grammar.tsv | sort -u | awk -F'\t' '
		BEGIN { allowed["k"] = "^(k|factors)$" }	# how many clusters / factors: one idea
		{ longs[$1] = longs[$1] " --" $2 "(" $3 ")"; n[$1, $2]++; if (n[$1, $2] == 1) kinds[$1]++
		  if (!($1 in allowed) || $2 !~ allowed[$1]) strict[$1] = 1 }
		END { for (l in kinds) if (kinds[l] > 1 && strict[l]) { print "-" l " means several options:" longs[l]; bad = 1 }
		      exit bad }' || fail "letters"
}

@test "grammar table: the common options carry their common letters; no tool's own option takes a common name or letter" {
	grammar_all >grammar.tsv
	[ -s grammar.tsv ] || fail "no tool answers --grammar"
	awk -F'\t' '
		BEGIN { split("columns:c by:g method:m where:w rejects:r seed:s digits:- safe-cells:- input:i quiet:q output:o help:- version:-", v, " ")
		        for (k in v) { split(v[k], p, ":"); letter[p[1]] = p[2]; if (p[2] != "-") common[p[2]] = p[1] } }
		$5 == "common" && !($2 in letter) { print $1 ": --" $2 " is not a common option"; bad = 1 }
		$5 == "common" && letter[$2] != $3 { print $1 ": --" $2 " has the letter " $3 ", the grammar says " letter[$2]; bad = 1 }
		$5 == "own" && ($2 in letter) { print $1 ": --" $2 " is a common option, declared as its own"; bad = 1 }
		$5 == "own" && ($3 in common) { print $1 ": -" $3 " (--" $2 ") is the common -" $3 " (--" common[$3] ")"; bad = 1 }
		END { exit bad }' grammar.tsv || fail "common options"
	# and every tool takes -o, -q, --help, --version; every tool but simulate and power -i
	for t in $(cut -f1 grammar.tsv | sort -u); do
		for o in output quiet help version input; do
			[[ "$t.$o" = simulate.input || "$t.$o" = power.input ]] && continue
			grep -q "^$t	$o	" grammar.tsv || fail "$t: no --$o in its --grammar"
		done
	done
}

@test "grammar table: every long option of --grammar is in the tool's --help and its man page" {
	for t in $(tools); do
		svy "$t" --grammar >g.tsv 2>/dev/null || continue	# the first test names it
		echo "$t" >>checked
		help=$(svy "$t" --help)
		page="$SVY_ROOT/man/svy-$t.1"
		missing=$(sed 1d g.tsv | cut -f1 | while read -r long; do
			grep -q -- "--$long\b" <<<"$help" || echo "--$long (help)"
			grep -qF -- "\\-\\-${long//-/\\-}" "$page" || echo "--$long (man)"
		done)
		[ -z "$missing" ] || fail "$t:" $missing
	done
	[ "$(wc -l <checked)" -ge 3 ] || fail "tools checked: $(cat checked)"
}

@test "size: no tool file over 600 lines, and tools/ smaller than lib/" {
	big=$(wc -l "$SVY_ROOT"/tools/*.c | awk '$2 != "total" && $1 > 600 { print $2 ": " $1 }')
	[ -z "$big" ] || fail "over 600 lines:" $big
	t=$(cat "$SVY_ROOT"/tools/*.c | wc -l)
	l=$(cat "$SVY_ROOT"/lib/*.[ch] | wc -l)
	[ "$t" -lt "$l" ] || fail "tools/ has $t lines, lib/ $l"
}

# provenance_rows: "DIR<TAB>PATTERN<TAB>KIND" for every file pattern of
# test/data/PROVENANCE.md (a table row's first cell, each `pattern` in it)
provenance_rows() {
	awk '
		/^### test\/data\// { dir = $2; sub(/^test\/data\//, "", dir); sub(/\/$/, "", dir); next }
		/^\| `/ && dir != "" {
			split($0, cell, "|"); kind = cell[3]; sub(/^ */, "", kind); sub(/[:,(].*/, "", kind)
			s = cell[2]
			while (match(s, /`[^`]+`/)) {
				print dir "\t" substr(s, RSTART + 1, RLENGTH - 2) "\t" kind
				s = substr(s, RSTART + RLENGTH)
			}
		}' "$SVY_ROOT/test/data/PROVENANCE.md"
}

@test "golden files: every file under test/data/ has its row in PROVENANCE.md; make refs leaves exactly svy's own" {
	provenance_rows >rows.tsv
	[ "$(wc -l <rows.tsv)" -ge 50 ] || fail "$(wc -l <rows.tsv) rows in PROVENANCE.md"
	cd "$SVY_ROOT/test/data"
	missing=$(find . -type f ! -name '*.sh' ! -name '*.py' ! -name '*.R' ! -name README ! -name PROVENANCE.md |
		sed 's|^\./||' | sort | while read -r f; do
			dir=${f%%/*} rest=${f#*/} found=
			while IFS=$'\t' read -r d pattern _; do
				# shellcheck disable=SC2053
				[ "$d/" = "$dir/" ] && [[ "$rest" == $pattern ]] && { found=1; break; }
			done <"$BATS_TEST_TMPDIR/rows.tsv"
			[ -n "$found" ] || echo "$f"
		done)
	[ -z "$missing" ] || fail "not in test/data/PROVENANCE.md:" $missing
	cd "$BATS_TEST_TMPDIR"
	awk -F'\t' '$3 == "svy'"'"'s own" { print "test/data/" $1 "/" $2 }' rows.tsv | sort >own.txt
	[ -s own.txt ] || fail "no svy's own file in PROVENANCE.md"
	svy_make refs-own | sort >listed.txt
	diff own.txt listed.txt || fail "svy's own files: PROVENANCE.md and the Makefile's OWN_GOLDENS differ"
}
