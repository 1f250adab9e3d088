#!/usr/bin/env bats
# The survey platforms end to end (issue 22): each platform's export through
# clean (the right respondents, no personal data), codebook (a draft that
# encode-likert accepts once its check lines are filled) and a study; multiple
# answers in one cell; Qualtrics' TSV export and question texts; SoSci's
# SERIAL; the named errors of bad input.

load test_helper

P="$FIXTURES/platforms"

# The draft $1 with every value a 'check' comment leaves empty filled (1, 2,
# ... per column), as a person would; a value left empty without a 'check'
# comment before it fails.
fill_checks() {
	awk -F'\t' 'BEGIN { OFS = "\t" }
		/^#/ { note = $0; print; next }
		FNR > 1 && NF >= 3 && $3 !~ /^@/ && ($3 != "" || $4 != "") && ++n[$1] && $5 == "" {
			if (note !~ /check/) { print "not flagged: " $0 >"/dev/stderr"; bad = 1 }
			NF = 5; $5 = n[$1]
		}
		{ print }
		END { exit bad }' "$1"
}

# No personal data of the fixtures in files $@: their e-mail addresses, IP
# addresses, coordinates, recipients' names, panel references, serials.
no_personal_data() {
	if grep -nE 'example\.(org|com|net)|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|52\.5200|Doe|staff-0042|panel-|SER-|ImportId' "$@"; then
		fail "personal data left in $*"
	fi
}

# platform | export | clean's options | the kept rows' key column and keys |
# the encoded columns a table of the study counts (single; multiple)
platforms() {
	cat <<'EOF'
qualtrics|qualtrics.csv|--labels labels.tsv|ResponseId:R_1a2B3c4D5e6F7g8 R_3o4P5q6R7s8T9u0 R_4v5W6x7Y8z9A0b1|q1|q4_*
qualtrics-tsv|qualtrics.tsv|--labels labels.tsv|ResponseId:R_1a2B3c4D5e6F7g8 R_3o4P5q6R7s8T9u0 R_4v5W6x7Y8z9A0b1|q1|q4_*
qualtrics-legacy|qualtrics-legacy.csv|--labels labels.tsv|ResponseID:R_8cP2xZkQ4bLm1Aa R_0eR4zBmS6dNo3Cc|q1|
sosci|sosci.csv|--na -9|CASE:112 115 116|pw01|
google-forms|google-forms.csv||Timestamp:2024/03/04 10:19:40 AM GMT+1 2024/03/04 11:03:01 AM GMT+1 2024/03/05 9:41:12 AM GMT+1 2024/03/05 2:12:55 PM GMT+1 2024/03/06 8:30:07 AM GMT+1|how_often_do_you_use_a_password|which_of_the_*
EOF
}

@test "each platform: clean keeps the right respondents and no personal data, the filled draft encodes, the study runs" {
	while IFS='|' read -r name file opts keys single multiple; do
		mkdir "$name" && cd "$name"
		# shellcheck disable=SC2086
		run --separate-stderr svy clean $opts -r rejects.tsv -o clean.tsv "$P/$file"
		[ "$status" -eq 0 ] || fail "$name: clean: $stderr"
		col=$(head -1 clean.tsv | tr '\t' '\n' | grep -nx "${keys%%:*}" | cut -d: -f1)
		[ "$(tail -n +2 clean.tsv | cut -f"$col" | paste -sd ' ')" = "${keys#*:}" ] ||
			fail "$name: respondents $(tail -n +2 clean.tsv | cut -f"$col")"
		no_personal_data clean.tsv rejects.tsv
		# the draft (with the question texts where the platform has them),
		# its check lines filled: encode-likert takes every answer
		labels=()
		[ ! -e labels.tsv ] || labels=(--labels labels.tsv)
		svy codebook -q "${labels[@]}" -o draft.tsv clean.tsv
		no_personal_data draft.tsv
		fill_checks draft.tsv >codebook.tsv || fail "$name: a value to fill without a check comment"
		run --separate-stderr svy encode-likert -b codebook.tsv -o encoded.tsv clean.tsv
		[ "$status" -eq 0 ] || fail "$name: encode-likert: $stderr"
		[[ "$stderr" == *"; 0 unknown answers" ]] || fail "$name: $stderr"
		# the study on the export, as a researcher writes it
		{
			printf 'EXPORT = %s\nCODEBOOK = %s\n' "$P/$file" "$PWD/codebook.tsv"
			[ -z "$opts" ] || [[ "$opts" == --labels* ]] || printf 'CLEAN_OPTIONS = %s\n' "$opts"
			printf 'TABLES = answers\nTABLE_answers_SINGLE = %s\n' "$single"
			[ -z "$multiple" ] || printf 'TABLE_answers_MULTIPLE = %s\n' "$multiple"
		} >study
		svy_make study-outputs STUDY="$PWD/study" B="$PWD/out" 2>study.log ||
			fail "$name: make study: $(cat study.log)"
		cmp out/encoded.tsv encoded.tsv || fail "$name: the study encoded otherwise"
		[ "$(grep -c "^$single	" out/answers.tsv)" -ge 2 ] || fail "$name: $(cat out/answers.tsv)"
		[ -z "$multiple" ] || [ "$(grep -c "^${multiple%\*}" out/answers.tsv)" -eq 3 ] ||
			fail "$name: the options' rows: $(cat out/answers.tsv)"
		grep -q '^# Results of the' out/report.md
		no_personal_data out/*.tsv out/report.md
		cd ..
		echo "$name" >>checked
	done < <(platforms)
	[ "$(wc -l <checked)" -eq 5 ]
}

@test "Qualtrics: the TSV export (UTF-16) reads as the CSV; --labels writes the question texts, codebook comments with them" {
	svy clean -q --labels csv-labels.tsv "$P/qualtrics.csv" >csv.tsv
	run --separate-stderr svy clean --labels tsv-labels.tsv "$P/qualtrics.tsv"
	assert_success
	diff csv.tsv <(printf '%s\n' "$output")
	cmp csv-labels.tsv tsv-labels.tsv
	[[ "$stderr" == *"; the question texts of 15 columns in tsv-labels.tsv" ]] || fail "$stderr"
	# the kept columns only, with row 2's texts
	[ "$(head -1 csv-labels.tsv)" = "$(printf 'column\tlabel')" ]
	grep -qxF "$(printf 'Q4\tWhich of these do you use? - Selected Choice')" csv-labels.tsv
	grep -qxF "$(printf 'Q2_1\tHow much do you agree with each statement? - I reuse passwords across sites')" csv-labels.tsv
	! grep -q 'IPAddress\|Recipient\|Location' csv-labels.tsv
	# the legacy export: row 2 names V1 ... and gives the questions' texts
	svy clean -q --labels legacy.tsv "$P/qualtrics-legacy.csv" >/dev/null
	assert_equal "$(cut -f1 legacy.tsv | paste -sd ' ')" "column Q1 Q2_1 Q2_2 Q3 LocationAccuracy"
	# the draft says what each column asks
	svy codebook --labels csv-labels.tsv csv.tsv >draft.tsv 2>draft.log
	grep -qxF "# 'Q1' asks: How often do you use a password manager?" draft.tsv
	grep -qxF "# 'Q4' asks: Which of these do you use? - Selected Choice" draft.tsv
	grep -q "; the question texts of 15 from csv-labels.tsv$" draft.log
	# an export without question texts: the file has its header only, and
	# the summary says none
	run --separate-stderr svy clean --labels none.tsv "$P/google-forms.csv"
	assert_success
	[[ "$stderr" == *"; the question texts of 0 columns in none.tsv" ]] || fail "$stderr"
	assert_equal "$(cat none.tsv)" "$(printf 'column\tlabel')"
	# --labels is for an export, not a survey file
	run --separate-stderr svy codebook --labels none.tsv "$FIXTURES/digital-twins-automotive/limesurvey_survey_222232.lss"
	[ "$status" -eq 2 ] || fail "$status $stderr"
}

@test "multiple answers: one 0/1 column per option, options with commas matched whole, empty cells missing unless declared" {
	printf 'id\tQ7\n1\tPassword manager, Two-factor authentication\n2\t\n3\tSticky notes, mostly, yes\n4\tA,B\n5\t2,1\n6\tB\n' >in.tsv
	cat >cb.tsv <<-'EOF'
		column	rename	label	code	value
		Q7	pm	Password manager	1	option
		Q7	tfa	Two-factor authentication	2	option
		Q7	notes	Sticky notes, mostly, yes		option
		Q7	a	A		option
		Q7	b	B		option
	EOF
	run --separate-stderr svy encode-likert -b cb.tsv in.tsv
	assert_success
	assert_output "$(printf '%s\n' 'id	pm	tfa	notes	a	b' '1	1	1	0	0	0' '2					' \
		'3	0	0	1	0	0' '4	0	0	0	1	1' '5	1	1	0	0	0' '6	0	0	0	0	1')"
	[ "${stderr##*$'\n'}" = "svy-encode-likert: read 6 rows, kept 6, dropped 0; encoded 5 columns with cb.tsv; 0 unknown answers" ] || fail "$stderr"
	[[ "$stderr" == *"columns by scale: options of multiple answers 5"* ]] || fail "$stderr"
	# an empty cell declared as answered with none: 0 in every option column
	printf 'Q7\t\t\t\t0\n' >>cb.tsv
	run --separate-stderr svy encode-likert -q -b cb.tsv in.tsv
	assert_success
	[ "$(sed -n 3p <<<"$output")" = "$(printf '2\t0\t0\t0\t0\t0')" ]
	# a cell of 100,000 answers: read without recursion, in linear time
	printf 'id\tQ7\n1\t%s\n' "$(yes B | head -100000 | paste -sd,)" >long.tsv
	run --separate-stderr svy encode-likert -q -b cb.tsv long.tsv
	assert_success
	[ "$(sed -n 2p <<<"$output")" = "$(printf '1\t0\t0\t0\t0\t1')" ]
	# an option is not split at its own comma though "Sticky notes" could be read first
	printf 'Q8\tsn\tSticky notes\t\toption\nQ8\tsnm\tSticky notes, mostly\t\toption\n' >>cb.tsv
	printf 'id\tQ7\tQ8\n1\tA\tSticky notes, mostly, Sticky notes\n' >in2.tsv
	run --separate-stderr svy encode-likert -q -b cb.tsv in2.tsv
	assert_success
	[ "$(sed -n 2p <<<"$output")" = "$(printf '1\t0\t0\t0\t1\t0\t1\t1')" ]
}

@test "multiple answers: an answer no option has is an error naming it, its line and the options; --unknown missing empties the row's options" {
	cat >cb.tsv <<-'EOF'
		column	rename	label	code	value
		Q7	pm	Password manager		option
		Q7	tfa	Two-factor authentication		option
	EOF
	# the cells | what the message names
	while IFS='|' read -r cell got; do
		printf 'id\tQ7\n1\tPassword manager\n2\t%s\n' "$cell" >in.tsv
		run --separate-stderr svy encode-likert -b cb.tsv in.tsv
		[ "$status" -eq 1 ] || fail "'$cell': status $status"
		[ "$stderr" = "svy-encode-likert: in.tsv:3: column 2 'Q7': answer not among the options of the codebook (line 2: 'Password manager', 'Two-factor authentication') (got '$got')" ] ||
			fail "'$cell': $stderr"
		echo . >>checked
	done <<-'EOF'
		Sticky notes|Sticky notes
		Password manager, Sticky notes|Sticky notes
		Sticky notes, Password manager|Sticky notes
		Password manager,|
		password manager|password manager
		Password manager; Two-factor authentication|Password manager; Two-factor authentication
	EOF
	[ "$(wc -l <checked)" -eq 6 ]
	printf 'id\tQ7\n1\tPassword manager\n2\tSticky notes\n' >in.tsv
	run --separate-stderr svy encode-likert -u missing -b cb.tsv in.tsv
	assert_success
	assert_output "$(printf 'id\tpm\ttfa\n1\t1\t0\n2\t\t')"
	[[ "$stderr" == *"column 2 'Q7': 1 unknown answer encoded as missing"*"; 1 unknown answers" ]] || fail "$stderr"
	# every cell unknown: the options would come out empty, an error
	printf 'id\tQ7\n1\tSticky notes\n' >in.tsv
	run --separate-stderr svy encode-likert -u missing -b cb.tsv in.tsv
	assert_failure 1
	[[ "$stderr" == *"would come out all empty"* ]] || fail "$stderr"
}

@test "multiple answers: the codebook's mistakes are named errors with their line" {
	# rows after the header | the message after "svy-encode-likert: cb.tsv:"
	while IFS='|' read -r rows message; do
		printf 'column\trename\tlabel\tcode\tvalue\n'"$rows" >cb.tsv
		printf 'id\tQ7\n1\tA\n' >in.tsv
		run --separate-stderr svy encode-likert -b cb.tsv in.tsv
		[ "$status" -eq 1 ] || fail "$rows: status $status: $stderr"
		[ "$stderr" = "svy-encode-likert: cb.tsv:$message" ] || fail "$rows: $stderr"
		echo . >>checked
	done <<-'EOF'
		Q7\t\tA\t\toption\n|2: column 'rename': an option of column 'Q7' needs the name of its 0/1 column
		Q7\ta\t\t\toption\n|2: column 'label': an option of column 'Q7' needs a label or a code (the answer it is)
		Q7\ta\tA\t\toption\nQ7\tb\tA\t\toption\n|3: column 'Q7' already has this option (got 'A')
		Q7\ta\tA\t1\toption\nQ7\tb\tB\t1\toption\n|3: column 'Q7' already has this option (got '1')
		Q7\ta\tA\t\toption\nQ7\t\t\t\t0\nQ7\tb\tB\t\toption\n|4: an option of column 'Q7' after the value of its empty cell: the options come first
		Q7\ta\tA\t\toption\nQ7\t\t\t\t0\nQ7\t\t\t\t1\n|4: column 'Q7' already gives the value of an empty cell
		Q7\ta\tA\t\toption\nQ7\t\t\t\tnone\n|3: column 'value': not a number (got 'none')
		Q7\ta\tA\t\toption\nQ7\ta\tB\t\toption\n|3: column 'rename': output column already defined on line 2 (got 'a')
		Q8\ta\tA\t\toption\n|2: key 'Q8' matches no column of in.tsv
	EOF
	[ "$(wc -l <checked)" -eq 9 ]
}

@test "codebook drafts comma-joined answers as a multiple-answer column, with a check; free text with commas and decimal commas are not" {
	# answers (';' between rows) | the draft's rows for the column (';', ':' a TAB)
	while IFS='|' read -r answers rows; do
		{ printf 'Q\n'; tr ';' '\n' <<<"$answers"; } >in.tsv
		run --separate-stderr svy codebook in.tsv
		assert_success
		[ "$(grep -v '^#' <<<"$output" | sed 1d | grep -v '^$' | paste -sd ';' | tr '\t' ':')" = "$rows" ] ||
			fail "$answers: $(grep -v '^#' <<<"$output")"
		echo . >>checked
	done <<-'EOF'
		A, B;B, C;A;C, A|Q:q_a:A::option;Q:q_b:B::option;Q:q_c:C::option
		Laptop + Cloud (AWS, Azure),Basic laptop;Basic laptop;Laptop + Cloud (AWS, Azure)|Q:q_laptop_cloud_aws:Laptop + Cloud (AWS, Azure)::option;Q:q_basic_laptop:Basic laptop::option
		1,2,3;2,3;1|Q:q_1:1::option;Q:q_2:2::option;Q:q_3:3::option
		Sticky notes, mostly.;No;Yes|Q:q:No::;Q::Sticky notes, mostly.::;Q::Yes::
	EOF
	[ "$(wc -l <checked)" -eq 4 ]
	# the check comment; decimal commas are numbers, not options
	printf 'Q\nA, B\nB, C\nA\n' >in.tsv
	svy codebook -q in.tsv | grep -qxF "# 'Q': check: multiple answers joined by commas, drafted as 3 options (an option with a comma in it was split in two: join them)"
	printf 'Q\n2,5\n1,5\n2,0\n' >in.tsv
	run ! bash -c "'$BIN/codebook' -q in.tsv | grep -q option"
}

@test "Qualtrics: survey previews, tests and spam are no respondents: dropped by Status (text or code) or DistributionChannel, named in the summary and the rejects; --keep-previews keeps them" {
	# one row a Status Qualtrics writes (as text, and as the code its
	# numeric export writes), a channel, and a Status it does not write
	{
		printf 'ResponseId,Status,Finished,DistributionChannel,Q1\n'
		printf 'Response ID,Response Type,Finished,Distribution Channel,How often?\n'
		printf '"{""ImportId"":""_recordId""}","{""ImportId"":""status""}","{""ImportId"":""finished""}","{""ImportId"":""distributionChannel""}","{""ImportId"":""QID1""}"\n'
		while IFS='|' read -r id status finished channel; do
			printf '%s,%s,%s,%s,3\n' "$id" "$status" "$finished" "$channel"
		done <<'ROWS'
R_ip|IP Address|True|anonymous
R_ip0|0|1|email
R_imported|Imported|True|
R_offline|16|True|offline
R_ex|EX Offline|True|
R_preview|Survey Preview|True|preview
R_preview1|1|True|anonymous
R_offprev|Offline Survey Preview|True|
R_test|Survey Test|True|test
R_test2|2|True|
R_spam|Spam|True|anonymous
R_spam9|Survey Preview Spam|True|
R_spam12|12|True|
R_spam40|EX Spam|True|
R_chan|IP Address|True|preview
R_chantest|0|True|test
R_unfinished|IP Address|False|anonymous
R_unknown|Panel Response|True|anonymous
ROWS
	} >q.csv
	run --separate-stderr svy clean -r rejects.tsv -o clean.tsv q.csv
	assert_success
	[ "${stderr_lines[0]}" = "svy-clean: q.csv:21: column 'Status': not a Status Qualtrics writes (IP Address, Survey Preview, Survey Test, Imported, Spam, ...): the row is kept (got 'Panel Response')" ]
	[ "${stderr_lines[1]}" = "svy-clean: Qualtrics export (3 header rows): read 18 rows, kept 6, dropped 12 (incomplete: 'Finished' not 1 or True; 11 a preview, pretest, test or spam by 'Status')" ]
	[ "$(cut -f1 clean.tsv | paste -sd ' ')" = "ResponseId R_ip R_ip0 R_imported R_offline R_ex R_unknown" ]
	[ "$(awk -F'\t' 'NR > 1 { print $1 ":" $NF }' rejects.tsv | paste -sd ' ')" = "R_preview:preview R_preview1:preview R_offprev:preview R_test:test R_test2:test R_spam:spam R_spam9:spam R_spam12:spam R_spam40:spam R_chan:preview R_chantest:test R_unfinished:incomplete" ]
	# --keep-previews: only the unfinished row goes, no Status is read
	run --separate-stderr svy clean --keep-previews -o all.tsv q.csv
	assert_success
	[ "$stderr" = "svy-clean: Qualtrics export (3 header rows): read 18 rows, kept 17, dropped 1 (incomplete: 'Finished' not 1 or True)" ]
	! grep -q R_unfinished all.tsv
	# the bundled exports hold responses only: nothing more is dropped there
	run --separate-stderr svy clean -o /dev/null "$P/qualtrics.csv"
	[[ "$stderr" != *preview* ]]
}

@test "SoSci Survey: a pretest (MODE pretest) is no respondent: dropped, counted, its reason in the rejects; --keep-previews keeps it" {
	# the bundled export with its third interview (115, complete) a pretest
	awk -F'\t' 'BEGIN { OFS = "\t" } NR == 4 { $5 = "\"pretest\"" } { print }' "$P/sosci.csv" >s.csv
	run --separate-stderr svy clean --na -9 -r rejects.tsv -o clean.tsv s.csv
	assert_success
	[[ "$stderr" == *"read 4 rows, kept 2, dropped 2 (incomplete: 'FINISHED' not 1 or True; 1 a preview, pretest, test or spam by 'MODE')"* ]] || fail "$stderr"
	[ "$(awk -F'\t' 'NR > 1 { print $1 ":" $NF }' rejects.tsv | paste -sd ' ')" = "113:incomplete 115:pretest" ]
	[ "$(cut -f1 clean.tsv | paste -sd ' ')" = "CASE 112 116" ]
	run --separate-stderr svy clean --na -9 --keep-previews -o all.tsv s.csv
	assert_success
	[ "$(($(wc -l <all.tsv) - 1))" -eq 3 ]
}

@test "SoSci Survey: SERIAL goes when it holds serials, stays when empty; a serial after the rows read ahead is emptied, with a warning" {
	awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 { $2 = "\"SER-" NR "\"" } { print }' "$P/sosci.csv" >serial.csv
	run --separate-stderr svy clean serial.csv
	assert_success
	[[ "$stderr" == *"removed 2 of 23 columns: 'SERIAL', 'REF' (personal data)" ]] || fail "$stderr"
	! grep -q SER- <<<"$output"
	# empty: kept, as the platform table says
	run --separate-stderr svy clean "$P/sosci.csv"
	[ "$(head -1 <<<"$output" | cut -f2)" = SERIAL ]
	# nothing read ahead: the serials are emptied, each said
	run --separate-stderr svy clean --scan-rows 0 serial.csv
	assert_success
	[ "$(tail -n +2 <<<"$output" | cut -f2 | sort -u)" = "" ]
	[ "$(grep -c "column 'SERIAL': an identifier after the rows read ahead, which had none: written empty" <<<"$stderr")" -eq 3 ] || fail "$stderr"
	[[ "${stderr_lines[-1]}" == *"; emptied 3 serials" ]] || fail "$stderr"
	# --keep-pii keeps them
	run --separate-stderr svy clean -q --keep-pii SERIAL serial.csv
	[ "$(sed -n 2p <<<"$output" | cut -f2)" = SER-2 ]
}

@test "SoSci Survey: values -9 (not answered) are counted in the summary, with the option that empties them" {
	run --separate-stderr svy clean -r rej.tsv "$P/sosci.csv"
	assert_success
	[[ "$stderr" == *"; wrote 2 values -9 (SoSci Survey's 'not answered': --na -9 writes them empty)" ]] || fail "$stderr"
	[ "$(tr '\t' '\n' <rej.tsv | grep -cx -- -9)" -eq 2 ]
	run --separate-stderr svy clean -r rej.tsv --na -9 "$P/sosci.csv"
	[[ "$stderr" != *"-9"* ]] || fail "$stderr"
	! grep -q -- '-9' rej.tsv
	# another platform's -9 is a number like any other
	printf 'Timestamp,Q1
2024,-9
' >gf.csv
	run --separate-stderr svy clean gf.csv
	[[ "$stderr" != *"-9"* ]] || fail "$stderr"
}

@test "bad input: malformed UTF-16, edited Qualtrics header rows: named errors, exit 1, no output" {
	# bytes (printf) | the message after "svy-clean: in.csv:"
	while IFS='|' read -r bytes message; do
		printf "$bytes" >in.csv
		run --separate-stderr svy clean -o out.tsv in.csv
		[ "$status" -eq 1 ] || fail "$bytes: status $status: $stderr"
		[ "$stderr" = "svy-clean: in.csv:$message" ] || fail "$bytes: $stderr"
		[ ! -e out.tsv ] || fail "$bytes: output written"
		echo . >>checked
	done <<-'EOF'
		\xff\xfea\x00\n\x00b|2: malformed UTF-16 at byte 6: the file ends inside a character (truncated?)
		\xff\xfea\x00\x00\xdc\n\x00|1: malformed UTF-16 at byte 4: not a UTF-16 character (a lone surrogate)
		\xff\xfea\x00\n\x00\x00\xd8b\x00|2: malformed UTF-16 at byte 6: not a UTF-16 character (a lone surrogate)
		ResponseId,Finished,Q1\nResponse ID,Finished,Q1\nResponse ID,Finished,Q1\nR_1,1,a\n|3: Qualtrics' question texts after its question texts row: were the header rows edited?
		ResponseId,Finished,Q1\n"{""ImportId"":""_recordId""}","{""ImportId"":""finished""}",edited\nR_1,1,a\n|2: column 'Q1': Qualtrics' {"ImportId":...} header row has another value here: were the header rows edited? (got 'edited')
	EOF
	[ "$(wc -l <checked)" -eq 5 ]
	# the UTF-16 export of a one-respondent Qualtrics export whose texts row
	# was deleted and ImportId row edited reads no respondent from them
	iconv -f UTF-8 -t UTF-16 >in.csv <<-'EOF'
		ResponseId,Finished,Q1
		"{""ImportId"":""_recordId""}",Finished,"{""ImportId"":""QID1""}"
		R_1,1,a
	EOF
	run --separate-stderr svy clean in.csv
	assert_failure 1
	[ "$stderr" = "svy-clean: in.csv:2: column 'Finished': Qualtrics' {\"ImportId\":...} header row has another value here: were the header rows edited? (got 'Finished')" ] || fail "$stderr"
}
