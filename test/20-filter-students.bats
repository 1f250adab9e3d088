#!/usr/bin/env bats
# filter-students: drop students; and, through it, the TSV conventions every
# streaming tool shares (lib/tsv.c).

load test_helper

@test "drops the questionnaire's student answer and its code, keeps missing" {
	printf 'id\tQ3\n1\tI am a student.\n2\tI am an employee.\n3\t\n4\tA1\n' >in.tsv
	run svy filter-students in.tsv
	assert_success
	assert_output "$(printf 'id\tQ3\n2\tI am an employee.\n3\t\nsvy-filter-students: read 4 rows, kept 2, dropped 2 (student); 1 kept with '"'Q3'"' missing')"
}

@test "--columns, --value, --quiet and --rejects" {
	printf 'id\tjob\n1\tstudent\n2\tdev\n' >in.tsv
	run svy filter-students --quiet --columns job --value student --rejects rej.tsv in.tsv
	assert_success
	assert_output "$(printf 'id\tjob\n2\tdev')"
	run cat rej.tsv
	assert_output "$(printf 'id\tjob\treason\n1\tstudent\tstudent')"
}

@test "falls back to the codebook name working_situation" {
	printf 'working_situation\nI am a student.\nI am unemployed.\n' | {
		run svy filter-students -q
		assert_output "$(printf 'working_situation\nI am unemployed.')"
	}
}

@test "reads stdin and writes the header for header-only input" {
	run bash -c "printf 'id\tQ3\n' | '$BIN/filter-students' -q"
	assert_success
	assert_output "$(printf 'id\tQ3')"
}

@test "--help and --version" {
	run svy filter-students --help
	assert_success
	assert_line --index 0 "usage: svy-filter-students [OPTION]... [FILE]"
	run svy filter-students --version
	assert_success
	assert_output "svy-filter-students (svy) $(cat "$SVY_ROOT/VERSION")"
}

# TSV conventions, asserted once here for every tool built on lib/tsv.

@test "escaped fields pass through unchanged" {
	printf 'id\tQ3\ttext\n1\tA2\ta\\tb\\\\c\\nd\\re\n' >in.tsv
	run svy filter-students -q in.tsv
	assert_success
	assert_output "$(cat in.tsv)"
}

@test "a UTF-8 BOM and CRLF line ends are accepted and not written" {
	printf '\xef\xbb\xbfid\tQ3\r\n1\tA2\r\n2\tA1\r\n' >in.tsv
	run svy filter-students -q in.tsv
	assert_success
	assert_output "$(printf 'id\tQ3\n1\tA2')"
}

@test "NA, N/A and None are data, not missing" {
	printf 'Q3\tcountry\nNA\tNA\nNone\tN/A\n' >in.tsv
	run svy filter-students in.tsv
	assert_success
	assert_line --index 1 "$(printf 'NA\tNA')"
	assert_line --index 3 "svy-filter-students: no row matched the values given; column 'Q3' holds 'NA' (1), 'None' (1)"
	assert_line --index 4 "svy-filter-students: read 2 rows, kept 2, dropped 0 (student); 0 kept with 'Q3' missing"
}

@test "no row matched: a warning lists the column's values, most frequent first" {
	printf 'id\tjob\n1\tdev\n2\tStudent\n3\tdev\n4\t\n5\tops\n6\tdev\n7\tops\n' >in.tsv
	run --separate-stderr svy filter-students -c job -v student in.tsv
	assert_success
	assert_output "$(cat in.tsv)"
	[ "$stderr" = "svy-filter-students: no row matched the values given; column 'job' holds 'dev' (3), 'ops' (2), 'Student' (1)
svy-filter-students: read 7 rows, kept 7, dropped 0 (student); 1 kept with 'job' missing" ]
	# -q: neither the warning nor the summary
	run --separate-stderr svy filter-students -q -c job -v student in.tsv
	assert_success
	[ "$stderr" = "" ]
	# the column empty in every row
	printf 'id\tjob\n1\t\n' | {
		run --separate-stderr svy filter-students -c job -v student
		[ "${stderr_lines[0]}" = "svy-filter-students: no row matched the values given: column 'job' is empty in every row" ]
	}
	# at most ten values are listed
	awk 'BEGIN { print "job"; for (i = 1; i <= 12; i++) print "v" i }' >many.tsv
	run --separate-stderr svy filter-students -c job -v x many.tsv
	[ "${stderr_lines[0]}" = "svy-filter-students: no row matched the values given; column 'job' holds 'v1' (1), 'v2' (1), 'v3' (1), 'v4' (1), 'v5' (1), 'v6' (1), 'v7' (1), 'v8' (1), 'v9' (1), 'v10' (1), ..." ]
}

@test "-I/--ignore-case: the values match in any case" {
	printf 'id\tjob\n1\tStudent\n2\tdev\n3\tSTUDENT\n' >in.tsv
	for opt in -I --ignore-case; do
		run --separate-stderr svy filter-students "$opt" -c job -v student in.tsv
		assert_success
		assert_output "$(printf 'id\tjob\n2\tdev')"
		[ "$stderr" = "svy-filter-students: read 3 rows, kept 1, dropped 2 (student); 0 kept with 'job' missing" ]
	done
	# without it, case counts
	run --separate-stderr svy filter-students -c job -v student in.tsv
	assert_output "$(cat in.tsv)"
}

@test "a last line without newline is a row" {
	printf 'id\tQ3\n1\tA2' >in.tsv
	run svy filter-students -q in.tsv
	assert_output "$(printf 'id\tQ3\n1\tA2')"
}

@test "a 1 MB field and a 100,000-column header work" {
	awk 'BEGIN { printf "id\tQ3\n1\t"; for (i = 0; i < 1048576; i++) printf "x"; printf "\n" }' >big.tsv
	run svy filter-students -q big.tsv
	assert_success
	[ "$(wc -c <big.tsv)" -eq "$(svy filter-students -q big.tsv | wc -c)" ]
	awk 'BEGIN { printf "Q3"; for (i = 1; i < 100000; i++) printf "\tc%d", i; printf "\n" }' >wide.tsv
	run svy filter-students -q wide.tsv
	assert_success
}

# Bad input: each with its message and exit status.
bad_input_cases() {
	cat <<'EOF2'
empty input	-	1	svy-filter-students: in.tsv: empty input: no header row
ragged: too few	id\tQ3\n1\n	1	svy-filter-students: in.tsv:2: row has 1 field, header has 2
ragged: too many	id\tQ3\n1\tA2\tx\n	1	svy-filter-students: in.tsv:2: row has 3 fields, header has 2
blank line	id\tQ3\n1\tA2\n\n	1	svy-filter-students: in.tsv:3: row has 1 field, header has 2
NUL byte	id\tQ3\n1\tA\0002\n	1	svy-filter-students: in.tsv:2: NUL byte in input
duplicate column	Q3\tQ3\nx\ty\n	1	svy-filter-students: in.tsv:1: column 'Q3': header has this name twice (fields 1 and 2)
missing column	id\tjob\n	2	svy-filter-students: in.tsv: no column 'Q3'; the columns are 'id', 'job'
EOF2
}

@test "bad input: specific message and exit status" {
	while IFS=$'\t' read -r name input want message; do
		if [ "$input" = - ]; then : >in.tsv; else printf "$input" >in.tsv; fi
		run --separate-stderr svy filter-students in.tsv
		[ "$status" -eq "$want" ] || fail "case '$name': status $status, want $want"
		[ "${stderr_lines[0]}" = "$message" ] ||
			fail "case '$name': stderr '${stderr}', want '$message'"
	done < <(bad_input_cases)
}

@test "bad usage exits 2" {
	run svy filter-students --no-such-option
	assert_failure 2
	run svy filter-students a b
	assert_failure 2
	assert_line --index 0 "svy-filter-students: too many operands: one input file at most (got 'a' and 'b')"
	printf 'a\tb\n' >in.tsv
	run svy filter-students -c a,b in.tsv
	assert_failure 2
	assert_line --index 0 "svy-filter-students: one working-situation column (got 'a' and 'b')"
	run svy filter-students /nonexistent/file
	assert_failure 1
	assert_output "svy-filter-students: /nonexistent/file: No such file or directory"
}

@test "a write error on stdout is an error" {
	[ -w /dev/full ] || skip "no /dev/full"
	printf 'id\tQ3\n1\tA2\n' >in.tsv
	run bash -c "'$BIN/filter-students' -q in.tsv >/dev/full"
	assert_failure 1
	assert_output --partial "write error"
}
