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
		for opt in $(svy "$t" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
			# roff escapes the hyphens: \-\-option
			grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$page" ||
				fail "man/svy-$t.1 does not document $opt"
		done
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

# Every tool that reads TSV, the same bad input: each tool with arguments that
# make it read standard input, and a header it accepts.
tsv_tools() {
	cat <<'EOF2'
filter-students	.	Q3
encode-likert	-b CODEBOOK	Q1\tQ2
derive	--any d=a,b	a\tb
factor	a b c	a\tb\tc
score	--model MODEL	a\tb\tc
test-hypothesis	spearman a b	a\tb
bh-correct	.	p\tfamily
report	.	id\ttest\tstatistic\tstatistic_name\tdf\tgroup_sizes\tu_min\tp
tally	a	a\tb
cluster	-c a,b --k 2	a\tb
kappa	a b	a\tb
describe	.	a\tb
filter	-w a=1	a\tb
plot	-c a	a\tb
EOF2
}

@test "every TSV tool: empty input, ragged row, NUL byte, duplicate column: exit 1, named" {
	printf 'column\trename\tlabel\tcode\tvalue\n@s\t\tYes\tY\t1\nQ1\tq1\t@s\t\t\n' >codebook.tsv
	awk 'BEGIN { print "a\tb\tc"; for (i = 1; i <= 40; i++) print i % 7 "\t" (i * 3) % 11 + i % 7 "\t" (i * 5) % 13 + i % 7 }' >fa.tsv
	svy factor -q a b c <fa.tsv >model.tsv
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
