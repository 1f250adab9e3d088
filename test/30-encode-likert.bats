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
	[ "$stderr" = "svy-encode-likert: columns by scale: @fam 1, @checked 1, own levels 1
svy-encode-likert: read 3 rows, kept 3, dropped 0; encoded 3 columns with $CB; 0 unknown answers" ]
	# the same from -i FILE and from standard input
	run --separate-stderr svy encode-likert -q -b "$CB" -i in.tsv
	assert_success
	[ "${lines[1]}" = "1	3	Bachelor's degree	1	1	NA" ]
	run --separate-stderr svy encode-likert -q -b "$CB" - <in.tsv
	[ "${lines[1]}" = "1	3	Bachelor's degree	1	1	NA" ]
}

@test "an unknown answer is an error naming row, column, value and the scale" {
	printf 'id\tQ2\tQ5[SQ001]\tQ18[SQ001]\n1\tMaster\t\t\n' >in.tsv
	run --separate-stderr svy encode-likert -b "$CB" in.tsv
	assert_failure 1
	[ "${stderr_lines[-1]}" = "svy-encode-likert: in.tsv:2: column 2 'Q2': answer not in the codebook (scale 'education' has 'Bachelor's degree', 'Other') (got 'Master')" ]
}

@test "--unknown=missing encodes it as empty and counts it" {
	printf 'id\tQ2\tQ5[SQ001]\tQ18[SQ001]\n1\tMaster\t\t\n2\t-oth-\t\t\n3\tMaster\t\t\n4\tA3\t\t\n' >in.tsv
	run --separate-stderr svy encode-likert -b "$CB" --unknown=missing in.tsv
	assert_success
	assert_output "$(printf 'id\teducation\teducation_group\ttask_coordinating\tmethod_sanitization\n1\t\tMaster\t0\t\n2\t\t-oth-\t0\t\n3\t\tMaster\t0\t\n4\t3\tA3\t0\t')"
	[[ "$stderr" == *"svy-encode-likert: column 2 'Q2': 2 unknown answers encoded as missing"* ]]
}

@test "a codebook key that matches no column of the input is an error (a typo is not silent)" {
	printf 'id\tQ2\tQ5[SQ001]\n1\tOther\t\n' >in.tsv
	run --separate-stderr svy encode-likert -b "$CB" in.tsv
	assert_failure 1
	[ "$stderr" = "svy-encode-likert: $CB:8: key 'Q18[SQ001]' matches no column of in.tsv" ]
	assert_output ""
}

@test "header only gives the renamed header" {
	printf 'Q5[SQ001]\tQ18[SQ001]\tQ2\n' >in.tsv
	run --separate-stderr svy encode-likert -q -b "$CB" in.tsv
	assert_success
	assert_output "$(printf 'task_coordinating\tmethod_sanitization\teducation\teducation_group')"
}

@test "short rows: trailing empty fields may be left out (the documented examples)" {
	printf 'column\trename\tlabel\tcode\tvalue\n@yn\t\tYes\tY\t1\n@yn\t\tNo\tN\t0\nQ1\tfirst\t@yn\nQ2\tsecond\nQ3\tthird\tI don'"'"'t know\t\tmissing\n' >cb.tsv
	printf 'Q1\tQ2\tQ3\nYes\ttext\tI don'"'"'t know\nN\tmore\t\n' >in.tsv
	run --separate-stderr svy encode-likert -b cb.tsv in.tsv
	assert_success
	assert_output "$(printf 'first\tsecond\tthird\n1\ttext\t\n0\tmore\t')"
}

@test "a key may be a shell glob over column names; an exact name is taken literally" {
	{ printf 'column\trename\tlabel\tcode\tvalue\n@yn\t\tYes\t\t1\n@yn\t\tNo\t\t0\n'
	  printf '13 - Regarding*\t\t@yn\n'
	  printf 'Q5[SQ001]\tfive\t@yn\n'; } >cb.tsv
	printf '13 - Regarding [A]\t13 - Regarding [B]\tQ5[SQ001]\tQ5S\tother\nYes\tNo\tNo\tYes\tx\n' >in.tsv
	run --separate-stderr svy encode-likert -b cb.tsv in.tsv
	assert_success
	assert_output "$(printf '13 - Regarding [A]\t13 - Regarding [B]\tfive\tQ5S\tother\n1\t0\t0\tYes\tx')"
	# a glob with its own levels: one scale for every column it matches
	printf 'column\trename\tlabel\tcode\tvalue\nQ*\t\tYes\t\t1\nQ*\t\tNo\t\t0\n' >cb.tsv
	printf 'Q1\tQ2\tR\nYes\tNo\tYes\n' >in.tsv
	run --separate-stderr svy encode-likert -q -b cb.tsv in.tsv
	assert_success
	assert_output "$(printf 'Q1\tQ2\tR\n1\t0\tYes')"
}

# Keys and columns: the codebook line, both keys, the column by position.
key_cases() {
	cat <<'EOF2'
glob matches nothing	Z*\tz\t\t\t\n	svy-encode-likert: cb.tsv:2: key 'Z*' matches no column of in.tsv
name matches nothing	Q9\tz\t\t\t\n	svy-encode-likert: cb.tsv:2: key 'Q9' matches no column of in.tsv
two keys one column	Q*\tz\t\t\t\nQ1\tone\t\t\t\n	svy-encode-likert: cb.tsv:3: key 'Q1' and key 'Q*' (line 2) both match column 1 'Q1'
two globs one column	Q*\t\tx\t\t1\n*1\tone\t\t\t\n	svy-encode-likert: cb.tsv:3: key '*1' and key 'Q*' (line 2) both match column 1 'Q1'
glob renames two	Q*\tz\t\t\t\n	svy-encode-likert: cb.tsv:2: output would have column 'z' twice
EOF2
}

@test "keys: one that matches nothing, two that match one column" {
	printf 'Q1\tQ2\nx\ty\n' >in.tsv
	while IFS=$'\t' read -r name rows message; do
		printf "column\trename\tlabel\tcode\tvalue\n$rows" >cb.tsv
		run --separate-stderr svy encode-likert -b cb.tsv in.tsv
		[ "$status" -eq 1 ] || fail "case '$name': status $status"
		[ "$stderr" = "$message" ] || fail "case '$name': got '$stderr'"
		[ -z "$output" ] || fail "case '$name': output '$output'"
	done < <(key_cases)
}

@test "an unknown answer names the column by position and keeps the end of a long heading" {
	h='13 - Regarding the following statements, how often did you experience them in your projects? [Library version conflicts were/are recurrent]'
	printf 'column\trename\tlabel\tcode\tvalue\n13 - Regarding*\t\tNever\t\t0\n' >cb.tsv
	printf 'id\t%s\n1\tNever\n2\tOften\n' "$h" >in.tsv
	run --separate-stderr svy encode-likert -b cb.tsv in.tsv
	assert_failure 1
	[ "$stderr" = "svy-encode-likert: in.tsv:3: column 2 '...our projects? [Library version conflicts were/are recurrent]': answer not in the codebook (scale '13 - Regarding*' has 'Never') (got 'Often')" ] ||
		fail "got: $stderr"
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
row too long	column\trename\tlabel\tcode\tvalue\nQ1\tx\t\t\t\t\t\n	svy-encode-likert: cb.tsv:2: row has 7 fields, header has 5
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
	assert_line --index 0 "usage: svy-encode-likert --codebook CODEBOOK [OPTION]... [FILE]"
}

@test "regression (fuzzing): an unknown answer on a scale of long labels, message cut with ..." {
	{ printf 'column\trename\tlabel\tcode\tvalue\n'
	  for i in 1 2 3 4 5 6 7 8; do
		printf 'Q1\tq\t%s %d\tA%d\t%d\n' "$(printf 'x%.0s' $(seq 100))" "$i" "$i" "$i"
	  done; } >cb.tsv
	printf 'Q1\nnope\n' >in.tsv
	run --separate-stderr svy encode-likert -b cb.tsv in.tsv
	assert_failure 1
	[[ "$stderr" == "svy-encode-likert: in.tsv:2: column 1 'Q1': answer not in the codebook (scale 'q' has 'xxx"*"', ...) (got 'nope')" ]] ||
		fail "got: $stderr"
	[ "${#stderr}" -lt 600 ]
}

@test "keys that begin with '#' or '@' are written with a backslash: columns, not comments or scales" {
	{ printf 'column\trename\tlabel\tcode\tvalue\n@s\t\tYes\t\t1\n@s\t\tNo\t\t0\n'
	  printf '#n\tcomment\t@s\n'
	  printf '\\#n\tn\t@s\n\\@s\ts\t@s\n\\\\\\\\x\tx\t@s\n'; } >cb.tsv
	printf '#n\t@s\t\\\\x\nYes\tNo\tYes\n' >in.tsv
	run --separate-stderr svy encode-likert -b cb.tsv in.tsv
	assert_success
	assert_output "$(printf 'n\ts\tx\n1\t0\t1')"
	[ "${stderr_lines[0]}" = "svy-encode-likert: columns by scale: @s 3" ]
}

@test "missing is declared: 'missing' encodes as empty; an answer with an empty value is an error" {
	printf 'column\trename\tlabel\tcode\tvalue\n@yn\t\tYes\t\t1\n@yn\t\tNo\t\t0\n@yn\t\tN/A\t\tmissing\nQ1\t\t@yn\n' >cb.tsv
	printf 'Q1\nYes\nN/A\nNo\n' >in.tsv
	run --separate-stderr svy encode-likert -q -b cb.tsv in.tsv
	assert_success
	assert_output "$(printf 'Q1\n1\n\n0')"
	# the ways an answer could be left without a value by accident
	while IFS='|' read -r rows message; do
		{ printf 'column\trename\tlabel\tcode\tvalue\n'; printf "$rows"; } >cb.tsv
		run --separate-stderr svy encode-likert -q -b cb.tsv in.tsv
		[ "$status" -eq 1 ] || fail "'$rows': status $status"
		[ "$stderr" = "$message" ] || fail "'$rows': got '$stderr'"
		assert_output ""
	done <<'EOF2'
@yn\t\tYes\t\t1\n@yn\t\tNo\t\t0\n@yn\t\tN/A\t\t\nQ1\t\t@yn\n|svy-encode-likert: cb.tsv:4: column 'value': answer 'N/A' of scale '@yn' has no value: give it one, or 'missing' to encode it as missing
@yn\t\tYes\t\t1\n@yn\t\tNo\t\t0\n@yn\t\tN/A\nQ1\t\t@yn\n|svy-encode-likert: cb.tsv:4: column 'value': answer 'N/A' of scale '@yn' has no value: give it one, or 'missing' to encode it as missing
Q1\tq\tYes\t\t1\nQ1\t\tNo\tN\n|svy-encode-likert: cb.tsv:3: column 'value': answer 'No' of scale 'q' has no value: give it one, or 'missing' to encode it as missing
Q1\tq\tYes\t\t1\nQ1\t\t\tN\n|svy-encode-likert: cb.tsv:3: column 'value': answer 'N' of scale 'q' has no value: give it one, or 'missing' to encode it as missing
Q1\tq\tYes\t\tMissing\n|svy-encode-likert: cb.tsv:2: column 'value': not a number (got 'Missing')
EOF2
}

@test "a column with answers never comes out all empty: --unknown=missing that would empty it is an error" {
	printf 'column\trename\tlabel\tcode\tvalue\n@yn\t\tYes\t\t1\n@yn\t\tNo\t\t0\n@yn\t\tN/A\t\tmissing\nQ1\tq1\t@yn\nQ2\tq2\t@yn\n' >cb.tsv
	# Q1: every answer unknown; Q2: some known
	printf 'Q1\tQ2\nJa\tYes\nNein\tNo\nJa\tvielleicht\n' >in.tsv
	run --separate-stderr svy encode-likert -b cb.tsv --unknown=missing -o out.tsv in.tsv
	assert_failure 1
	[ "${stderr_lines[-1]}" = "svy-encode-likert: cb.tsv:5: column 1 'Q1' of in.tsv would come out all empty: no answer has a value (answers 'Ja', 'Nein'); give them values, or declare them 'missing' in the codebook" ]
	[ ! -e out.tsv ]
	# declared missing: the codebook says so, and the column may be empty
	printf 'Q1\tQ2\nN/A\tYes\n\tNo\n' >in.tsv
	run --separate-stderr svy encode-likert -q -b cb.tsv in.tsv
	assert_success
	assert_output "$(printf 'q1\tq2\n\t1\n\t0')"
	# an empty column stays empty without a word
	printf 'Q1\tQ2\n\tYes\n' >in.tsv
	run --separate-stderr svy encode-likert -q -b cb.tsv --unknown=missing in.tsv
	assert_success
}

# One cell, three columns: scales with the same answers (labels and codes, in
# the same order) share one lookup; a scale whose answers differ, in content
# or order, looks the cell up itself. Each column must come out as if alone.
@test "one cell encoded by several scales: shared and separate lookups give each scale's values" {
	printf 'column\trename\tlabel\tcode\tvalue
@fam\t\tYes\tA1\t2
@fam\t\tSome\tA2\t1
@fam\t\tNo\tA3\t0
@known\t\tYes\tA1\t1
@known\t\tSome\tA2\t1
@known\t\tNo\tA3\t0
@reordered\t\tNo\tA3\t10
@reordered\t\tSome\tA2\t11
@reordered\t\tYes\tA1\t12
@fewer\t\tYes\tA1\t7
@fewer\t\tNo\tA3\t8
q\tq_fam\t@fam\t\t
q\tq_known\t@known\t\t
q\tq_reordered\t@reordered\t\t
q\tq_fewer\t@fewer\t\t
q\tq_fam2\t@fam\t\t
' >cb.tsv
	printf 'q\nYes\nA2\nNo\n\nA3\n' >in.tsv
	run --separate-stderr svy encode-likert -b cb.tsv --unknown missing in.tsv
	assert_success
	assert_output "$(printf 'q_fam\tq_known\tq_reordered\tq_fewer\tq_fam2
2\t1\t12\t7\t2
1\t1\t11\t\t1
0\t0\t10\t8\t0
\t\t\t\t
0\t0\t10\t8\t0')"
	[ "${stderr_lines[0]}" = "svy-encode-likert: column 1 'q': 1 unknown answer encoded as missing" ]
}

# An answer is found by its length and first eight bytes, then the rest: every
# length from 1 to 10, and cells that differ from an answer in one byte only
# (first, middle or last), which must stay unknown.
@test "answers of every short length are found exactly; one byte off is unknown" {
	{
		printf 'column\trename\tlabel\tcode\tvalue\n'
		for n in 1 2 3 4 5 6 7 8 9 10; do
			printf '@len\t\t%s\t\t%s\n' "$(printf 'abcdefghij' | head -c "$n")" "$n"
		done
		printf 'q\tq\t@len\t\t\n'
	} >cb.tsv
	printf 'q\na\nab\nabc\nabcd\nabcde\nabcdef\nabcdefg\nabcdefgh\nabcdefghi\nabcdefghij\n' >in.tsv
	printf 'b\naX\naXc\nabXd\nabcdX\nXbcdef\nabcXefg\nabcdefgX\nabcdefgXi\nabcdeXghij\n' >>in.tsv
	svy encode-likert -q -b cb.tsv --unknown missing in.tsv >out.tsv
	printf 'q\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n\n\n\n\n\n\n\n\n\n\n' >want.tsv
	cmp out.tsv want.tsv
}
