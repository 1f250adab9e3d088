#!/usr/bin/env bats
# encode-likert: answers to numbers with a codebook.

load test_helper

CB="$TESTDATA/encode-likert/codebook.tsv"

input() {
	printf 'id\tQ2\tQ5[SQ001]\tQ18[SQ001]\tfree\n'
	printf "1\tBachelor's degree\tYes\tA2\tNA\n"
	printf '2\t-oth-\t\tNo, I am not familiar with this method.\ta\\tb\n'
	printf '3\t\tY\tYes, I have implemented this method.\t\n'
}

@test "labels and codes encode; multiple choice Yes/Y to 1, empty to 0; others pass" {
	input >in.tsv
	run --separate-stderr svy encode-likert --codebook "$CB" in.tsv
	assert_success
	assert_output "$(printf 'id\teducation\teducation_group\ttask_coordinating\tmethod_sanitization\tfree
1\t3\tBachelor'"'"'s degree\t1\t1\tNA
2\t\t-oth-\t0\t0\ta\\tb
3\t\t\t1\t2\t')"
	[ "$stderr" = "svy-encode-likert: read 3 rows, kept 3, dropped 0; encoded 3 columns with $CB; 0 unknown answers" ]
}

@test "an unknown answer is an error naming row, column, value and the scale" {
	printf 'id\tQ2\n1\tMaster\n' >in.tsv
	run --separate-stderr svy encode-likert -b "$CB" in.tsv
	assert_failure 1
	[ "${stderr_lines[-1]}" = "svy-encode-likert: in.tsv:2: column 'Q2': answer not in the codebook (scale 'education' has 'Bachelor's degree', 'Other') (got 'Master')" ]
}

@test "--unknown=missing encodes it as empty and counts it" {
	printf 'id\tQ2\n1\tMaster\n2\t-oth-\n3\tMaster\n' >in.tsv
	run --separate-stderr svy encode-likert -b "$CB" --unknown=missing in.tsv
	assert_success
	assert_output "$(printf 'id\teducation\teducation_group\n1\t\tMaster\n2\t\t-oth-\n3\t\tMaster')"
	[[ "$stderr" == *"svy-encode-likert: column 'Q2': 2 unknown answers encoded as missing"* ]]
}

@test "codebook columns absent from the input are named on stderr" {
	printf 'id\tQ2\n1\tOther\n' >in.tsv
	run --separate-stderr svy encode-likert -b "$CB" in.tsv
	assert_success
	[ "${stderr_lines[0]}" = "svy-encode-likert: $CB:8: column 'Q18[SQ001]' is not in the input" ]
	[ "${stderr_lines[1]}" = "svy-encode-likert: $CB:9: column 'Q5[SQ001]' is not in the input" ]
}

@test "header only gives the renamed header" {
	printf 'Q5[SQ001]\n' >in.tsv
	run --separate-stderr svy encode-likert -q -b "$CB" in.tsv
	assert_success
	assert_output "task_coordinating"
}

# Codebook mistakes: the codebook's file and line.
codebook_cases() {
	cat <<'EOF2'
not a codebook	a\tb\n	svy-encode-likert: cb.tsv:1: not a codebook: the header needs the columns column, rename, label, code, value; 'column' is missing
undefined scale	column\trename\tlabel\tcode\tvalue\nQ1\tx\t@nope\t\t\n	svy-encode-likert: cb.tsv:2: column 'label': no such scale: define its levels in rows whose column is the scale name (got '@nope')
duplicate level	column\trename\tlabel\tcode\tvalue\n@s\t\tYes\tY\t1\n@s\t\tYes\tA\t2\n	svy-encode-likert: cb.tsv:3: scale '@s' already has this answer (line 2) (got 'Yes')
value not a number	column\trename\tlabel\tcode\tvalue\n@s\t\tYes\tY\tone\n	svy-encode-likert: cb.tsv:2: column 'value': not a number (got 'one')
output twice	column\trename\tlabel\tcode\tvalue\nQ1\tx\t\t\t\nQ2\tx\t\t\t\n	svy-encode-likert: cb.tsv:3: column 'rename': output column already defined on line 2 (got 'x')
row does nothing	column\trename\tlabel\tcode\tvalue\nQ1\t\t\t\t\n	svy-encode-likert: cb.tsv:2: row for column 'Q1' does nothing: give a rename, a scale or a level
ragged row	column\trename\tlabel\tcode\tvalue\nQ1\tx\n	svy-encode-likert: cb.tsv:2: row has 2 fields, header has 5
empty codebook	-	svy-encode-likert: cb.tsv: empty input: no header row
EOF2
}

@test "codebook mistakes are data errors naming the codebook line" {
	printf 'Q1\n' >in.tsv
	while IFS=$'\t' read -r name book message; do
		if [ "$book" = - ]; then : >cb.tsv; else printf "$book" >cb.tsv; fi
		run --separate-stderr svy encode-likert -b cb.tsv in.tsv
		[ "$status" -eq 1 ] || fail "case '$name': status $status"
		[ "$stderr" = "$message" ] || fail "case '$name': got '$stderr'"
	done < <(codebook_cases)
}

@test "comments and blank lines in a codebook; scales defined after use" {
	printf 'column\trename\tlabel\tcode\tvalue\n# a comment\n\nQ1\timp\t@five\t\t\n@five\t\tVery important\tA5\t5\n' >cb.tsv
	printf 'Q1\nA5\nVery important\n' >in.tsv
	run svy encode-likert -q -b cb.tsv in.tsv
	assert_success
	assert_output "$(printf 'imp\n5\n5')"
}

@test "usage errors exit 2" {
	run --separate-stderr svy encode-likert </dev/null
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-encode-likert: no codebook: give one with --codebook FILE" ]
	run svy encode-likert -b "$CB" --unknown=maybe
	assert_failure 2
	run --separate-stderr svy encode-likert -b /nonexistent.tsv
	assert_failure 1
	[ "$stderr" = "svy-encode-likert: codebook /nonexistent.tsv: No such file or directory" ]
	run svy encode-likert --help
	assert_success
	assert_line --index 0 "usage: svy-encode-likert --codebook FILE [OPTION]... [FILE]"
}

@test "regression (fuzzing): an unknown answer on a scale of long labels, message cut with ..." {
	{ printf 'column\trename\tlabel\tcode\tvalue\n'
	  for i in 1 2 3 4 5 6 7 8; do
		printf 'Q1\tq\t%s %d\tA%d\t%d\n' "$(printf 'x%.0s' $(seq 100))" "$i" "$i" "$i"
	  done; } >cb.tsv
	printf 'Q1\nnope\n' >in.tsv
	run --separate-stderr svy encode-likert -b cb.tsv in.tsv
	assert_failure 1
	[[ "$stderr" == "svy-encode-likert: in.tsv:2: column 'Q1': answer not in the codebook (scale 'q' has 'xxx"*"', ...) (got 'nope')" ]] ||
		fail "got: $stderr"
	[ "${#stderr}" -lt 600 ]
}
