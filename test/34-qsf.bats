#!/usr/bin/env bats
# codebook from a Qualtrics survey file (.qsf, lib/qsf): Qualtrics' column
# names, recode values as values, multiple answers as option rows (one cell)
# or a column per choice (older and split exports), text entries as comments;
# with --export, a Qualtrics export encodes with no unknown answer; bad .qsf
# files are named errors.

load test_helper

QSF="$TESTDATA/qsf/survey.qsf"
NOTE="svy-codebook: $QSF: note: question 'Q8': Qualtrics question type 'Slider' (selector 'HSLIDER') is not one svy reads: its answers are not encoded"

# encode-likert with codebook $1 on $2 into encoded.tsv: every answer known,
# and every encoded column (lower-case names: the renamed ones) has a value.
round_trip() {
	run --separate-stderr svy encode-likert -b "$1" -o encoded.tsv "$2"
	[ "$status" -eq 0 ] || fail "encode-likert -b $1 $2: status $status: $stderr"
	[[ "$stderr" == *"; 0 unknown answers" ]] || fail "encode-likert: $stderr"
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
		{ for (i = 1; i <= NF; i++) if ($i != "") full[i] = 1 }
		END { for (i in name) if (name[i] ~ /^[a-z]/ && !full[i]) { print "empty: " name[i]; bad = 1 }
		      exit bad }' encoded.tsv || fail "a column all empty"
}

@test "qsf: the draft from the survey file alone (golden file): Qualtrics' columns, recode values, options of the one cell" {
	run --separate-stderr svy codebook "$QSF"
	assert_success
	diff <(printf '%s\n' "$output" | sed 2d) <(sed 2d "$TESTDATA/qsf/survey.codebook.tsv")
	[ "${stderr_lines[0]}" = "$NOTE" ]
	[ "${stderr_lines[1]}" = "svy-codebook: drafted 12 columns from $QSF: 5 encoded (0 with values to fill in), 1 renamed, 6 as comments; 0 to check" ]
	# the recode values are the values; "Don't know" is missing whatever its value
	assert_line "@q11		Don't know	-99	missing"
	assert_line "Q1		Other:	-1	-1"
	assert_line "Q2	q2_two_factor	Two-factor authentication	2	option"
	assert_line "# 'Q1_4_TEXT': free text (a choice's text entry): not encoded"
	# the columns of the older exports are drafted only when the export has them
	refute_line --partial "Q2_1"
}

@test "qsf: known by its extension, by its content (standard input, another name) and by --format qsf" {
	svy codebook -q "$QSF" 2>/dev/null | sed 2d >want.tsv
	cp "$QSF" survey.json
	cp "$QSF" survey.txt
	for how in "survey.json" "- <survey.txt" "-i survey.txt" "--format qsf survey.txt"; do
		eval "svy codebook -q $how" 2>/dev/null | sed 2d >got.tsv
		cmp want.tsv got.tsv || fail "'$how' drafts otherwise"
	done
	# JSON that is no survey file is not read as a CSV
	printf '{\n "a": 1\n}\n' >x.txt
	run --separate-stderr svy codebook x.txt
	assert_failure 1
	[ "$stderr" = "svy-codebook: x.txt: not a Qualtrics survey file: no SurveyEntry and SurveyElements" ]
}

@test "qsf with --export: a current export (choice texts, one cell) and a numeric one (a column per choice) encode alike, every answer known" {
	svy clean -q -o text.tsv "$TESTDATA/qsf/export.csv"
	svy clean -q -o numeric.tsv "$TESTDATA/qsf/export-numeric.csv"
	run --separate-stderr svy codebook -o text.cb.tsv --export text.tsv "$QSF"
	assert_success
	[ "${stderr_lines[1]}" = "svy-codebook: drafted 20 columns from $QSF: 5 encoded (0 with values to fill in), 4 renamed, 11 as comments; 0 to check" ]
	round_trip text.cb.tsv text.tsv
	mv encoded.tsv text.enc.tsv
	run --separate-stderr svy codebook -o numeric.cb.tsv --export numeric.tsv "$QSF"
	assert_success
	[ "${stderr_lines[1]}" = "svy-codebook: drafted 22 columns from $QSF: 7 encoded (0 with values to fill in), 4 renamed, 11 as comments; 0 to check" ]
	grep -qx "# 'Q2_2': a choice's column: chosen = 1, empty = 0" numeric.cb.tsv
	round_trip numeric.cb.tsv numeric.tsv
	# the same numbers from both; only the options' columns are named otherwise
	want='R_5aB6cD7eF8gH9iJ	3	1			1	1	0	2	3	70	2		Nice survey	34
R_6kL7mN8oP9qR0sT	4	2	3	Backups matter	0	0	1	1	5.5	40	-1	Diploma		41
R_7uV8wX9yZ0aB1cD		3			0	1	0	0	2	55	1			27
R_8eF9gH0iJ1kL2mN	2	4	1	Updates	1	0	0	3	4	90	3		Too long	52'
	for f in text.enc.tsv encoded.tsv; do
		[ "$(cut -f8- "$f" | sed 1d)" = "$want" ] || fail "$f: $(cat "$f")"
	done
	[ "$(head -1 text.enc.tsv | cut -f8-)" = "$(printf 'ResponseId\tq11_1\tq11_2\tq11_3\tQ11_3_TEXT\tq2_password_manager\tq2_two_factor\tq2_none_of_these\tq6_1\tq6_2\tq8_1\tq1\tQ1_4_TEXT\tQ4\tage')" ]
	[ "$(head -1 encoded.tsv | cut -f13-15)" = "$(printf 'q2_1\tq2_2\tq2_3')" ]
	# the raw CSV as the export: Qualtrics' header rows are no answers (the
	# question texts are comments), the draft encodes svy-clean's TSV of it
	svy codebook -q -o raw.cb.tsv --export "$TESTDATA/qsf/export.csv" "$QSF" 2>/dev/null
	! sed 2d raw.cb.tsv | grep -n 'ImportId\|check' || fail "header rows read as answers"
	grep -qx "# 'ResponseId' asks: Response ID" raw.cb.tsv
	round_trip raw.cb.tsv text.tsv
	[ "$(cut -f8- encoded.tsv | sed 1d)" = "$want" ]
	# the form's fields and the slider: drafted from their answers (numbers)
	grep -qx 'Q6_2	q6_2			' numeric.cb.tsv
	grep -qx "# 'Q8_1' asks: How much do you trust - your bank" numeric.cb.tsv
}

# name | the export (TSV) | a line the draft must have
merge_cases() {
	cat <<'EOF'
recode values in the one cell|Q2\n1,2\n3\n|Q2	q2_password_manager	Password manager	1	option
an option the survey file lacks|Q2\nPassword manager,Sticky notes\n|# 'Q2': multiple answers in one cell, joined by commas: an option each, the survey's choices (an empty cell is missing); check: answers not in the survey file, drafted as options: 'Sticky notes'
the lacking option's row|Q2\nPassword manager,Sticky notes\n|Q2	q2_sticky_notes	Sticky notes		option
a scale answer the survey file lacks|Q11_1\nAgree\nSomewhat agree\n|Q11_1		Somewhat agree		
a numeric answer to a matrix row|Q11_1\n3\n-99\n|Q11_1	q11_1	Strongly disagree	1	1
EOF
}

@test "qsf with --export: answers the survey file lacks are drafted to check or fill, never dropped" {
	while IFS='|' read -r name bytes line; do
		printf "$bytes" >e.tsv
		run --separate-stderr svy codebook -q --export e.tsv "$QSF"
		[ "$status" -eq 0 ] || fail "case '$name': $stderr"
		printf '%s\n' "$output" | grep -qxF "$line" || fail "case '$name': $output"
	done < <(merge_cases)
	[ "$(merge_cases | wc -l)" -eq 5 ]
	# filled where it says check, the lacking option encodes
	printf 'Q2\nPassword manager,Sticky notes\n1,3\n' >e.tsv
	svy codebook -q -o cb.tsv --export e.tsv "$QSF" 2>/dev/null
	round_trip cb.tsv e.tsv
	[ "$(cat encoded.tsv)" = "$(printf 'q2_password_manager\tq2_two_factor\tq2_none_of_these\tq2_sticky_notes\n1\t0\t0\t1\n1\t0\t1\t0')" ]
}

# name | file bytes (printf; - for empty) | codebook's options | the message after "svy-codebook: "
bad_cases() {
	cat <<'EOF'
empty|-||s.qsf:1: not a Qualtrics survey file: empty: not JSON
not JSON|a,b\n1,2\n||s.qsf:1: not a Qualtrics survey file: not JSON (no '{' where the file should begin) (at 'a')
JSON, not a survey file|{"a": 1}\n||s.qsf: not a Qualtrics survey file: no SurveyEntry and SurveyElements
a list|[1, 2]\n||s.qsf: not a Qualtrics survey file: no SurveyEntry and SurveyElements
cut short|{"SurveyEntry": {},\n"SurveyElements": [||s.qsf:2: not a Qualtrics survey file: bad JSON: the file ends early (it is cut short)
a question without its export tag|{"SurveyEntry": {}, "SurveyElements": [{"Element": "SQ", "PrimaryAttribute": "QID1", "Payload": {"QuestionType": "TE"}}]}||s.qsf: a question without an export tag (DataExportTag) (got 'QID1')
an export as --format qsf|a,b\n1,2\n|--format qsf|s.qsf:1: not a Qualtrics survey file: not JSON (no '{' where the file should begin) (at 'a')
a survey file as the export|{"a": 1}\n|--export s.qsf|s.qsf: a survey file, not an export
EOF
}

@test "bad .qsf: not JSON, JSON that is no survey file, cut short, a survey file as the export: exit 1, named, no output" {
	while IFS='|' read -r name bytes opts message; do
		if [ "$bytes" = - ]; then : >s.qsf; else printf "$bytes" >s.qsf; fi
		in=s.qsf
		[ "$opts" != "--export s.qsf" ] || in=$QSF
		# shellcheck disable=SC2086
		run --separate-stderr svy codebook $opts "$in"
		[ "$status" -eq 1 ] || fail "case '$name': status $status"
		[ "${stderr_lines[-1]}" = "svy-codebook: $message" ] || fail "case '$name': got '$stderr'"
		[ -z "$output" ] || fail "case '$name': output"
	done < <(bad_cases)
	[ "$(bad_cases | wc -l)" -eq 8 ]
	# an export whose Qualtrics header rows were edited
	printf 'ResponseId,Finished,Q1\n"{""ImportId"":""_recordId""}","{""ImportId"":""finished""}",edited\nR_1,1,Master\n' >e.csv
	run --separate-stderr svy codebook --export e.csv "$QSF"
	assert_failure 1
	[ "${stderr_lines[-1]}" = "svy-codebook: e.csv:2: column 'Q1': Qualtrics' {\"ImportId\":...} header row has another value here: were the header rows edited? (got 'edited')" ] || fail "$stderr"
	assert_output ""
}

@test "qsf usage errors: --language, --headings and --labels are not for a .qsf (exit 2)" {
	for opt in "--language en" "--headings code" "--labels l.tsv"; do
		# shellcheck disable=SC2086
		run --separate-stderr svy codebook $opt "$QSF"
		[ "$status" -eq 2 ] || fail "'$opt': status $status"
		[ -z "$output" ] || fail "'$opt': output"
	done
	[ "${stderr_lines[0]}" = "svy-codebook: --labels is for an export; $QSF is a survey file (.qsf)" ]
	run --separate-stderr svy codebook --language en "$QSF"
	[ "${stderr_lines[0]}" = "svy-codebook: --language and --headings are for an .lss; $QSF is a Qualtrics survey file (.qsf): its columns are named as the export names them" ]
	run --separate-stderr svy codebook --format json "$QSF"
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-codebook: option '--format': 'json' is not one of: csv, tsv, lss, qsf" ]
}
