#!/usr/bin/env bats
# The LimeSurvey survey file reader (lib/lss), through svy-codebook and
# test/survey-dump.c: entities checked and bounded, libxml2's faults in svy's
# words with the line, the survey's structure checked, linear time.

load test_helper

MAKE_SURVEY="$TESTDATA/lss/make-survey.awk"

setup_file() {
	svy_make "$OBJ/survey-dump"
}

# survey ROWS [v6=1]: s.lss from make-survey.awk's lines (a printf
# format: '\n' between rows, '%%' for '%')
survey() {
	printf "$1" | awk ${2:+-v "$2"} -f "$MAKE_SURVEY" >s.lss
}

dump() {
	"$OBJ/survey-dump" "$@"
}

# name, rows, the message (after "svy-codebook: s.lss:"): every one exits 1
# with no output. The first rows would pass on main without a word (an entity
# dropped) or take gigabytes.
entity_cases() {
	cat <<'EOF'
undefined entity	q|1|Q&e;|L|Degree?\na|1|A1|0|1|B\n	6: not a LimeSurvey survey file: bad XML: entity '&e;' is not defined
undefined, a DTD that could declare it	d|<!ENTITY %% p ""> %%p;\nq|1|Q&e;|L|Degree?\na|1|A1|0|1|B\n	7: <title>: entity '&e;' is not defined
external entity in a text	d|<!ENTITY e SYSTEM "file:///etc/passwd">\nq|1|Q1|L|Degree&e;\na|1|A1|0|1|B\n	7: <question>: entity '&e;' is external (it names a file or address): svy reads nothing but the survey file
external entity, the whole code	d|<!ENTITY e SYSTEM "x">\nq|1|&e;|L|Degree\na|1|A1|0|1|B\n	7: <title>: entity '&e;' is external (it names a file or address): svy reads nothing but the survey file
unparsed entity	d|<!NOTATION n SYSTEM "n"><!ENTITY e SYSTEM "x" NDATA n>\nq|1|Q1|L|D&e;\na|1|A1|0|1|B\n	7: not a LimeSurvey survey file: bad XML: not well-formed (the XML reader: Entity reference to unparsed entity e)
billion laughs	d|<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">\nq|1|Q1|L|&h;\na|1|A1|0|1|B\n	7: not a LimeSurvey survey file: bad XML: its entities expand too far (an entity that contains itself, or entities that multiply)
an entity loop	d|<!ENTITY a "&b;"><!ENTITY b "&a;">\nq|1|Q1|L|&a;\na|1|A1|0|1|B\n	7: not a LimeSurvey survey file: bad XML: its entities expand too far (an entity that contains itself, or entities that multiply)
an element in a field	q|1|Q1|L|Degree <b>x</b>\na|1|A1|0|1|B\n	6: <question> holds an element <b>: a survey file's fields hold text (HTML inside CDATA)
XInclude	q|1|Q1<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>|L|D\na|1|A1|0|1|B\n	6: <title> holds an element <include>: a survey file's fields hold text (HTML inside CDATA)
an element brought by an entity	d|<!ENTITY e "<b>x</b>">\nq|1|Q1|L|D&e;\na|1|A1|0|1|B\n	7: <question> holds an element <b>: a survey file's fields hold text (HTML inside CDATA)
]]> outside CDATA	q|1|Q1|L|Degree ]]> x\na|1|A1|0|1|B\n	6: not a LimeSurvey survey file: bad XML: ']]>' in a text outside CDATA (write ']]&gt;')
a bare &	q|1|Q1|L|Degree & x\na|1|A1|0|1|B\n	6: not a LimeSurvey survey file: bad XML: an '&' that starts no entity (write '&amp;')
a control character	q|1|Q1|L|Degree \001 x\na|1|A1|0|1|B\n	6: not a LimeSurvey survey file: bad XML: a character XML does not allow (a control character, or its reference '&#...;')
&#0;	q|1|Q1|L|Degree &#0; x\na|1|A1|0|1|B\n	6: not a LimeSurvey survey file: bad XML: a character XML does not allow (a control character, or its reference '&#...;')
Latin-1, not UTF-8	q|1|Q1|L|Degr\351e\na|1|A1|0|1|B\n	6: not a LimeSurvey survey file: bad XML: not UTF-8, or not in the encoding it declares
a second XML declaration	q|1|Q1|L|Degree<?xml version="1.0"?>\na|1|A1|0|1|B\n	6: not a LimeSurvey survey file: bad XML: an XML declaration ('<?xml') after the start (two files joined?)
EOF
}

@test "entities: undefined, external, multiplying, markup: named errors with the line, at once" {
	while IFS=$'\t' read -r name rows message; do
		survey "$rows"
		run --separate-stderr timeout 10 "$BIN/codebook" s.lss
		[ "$status" -eq 1 ] || fail "case '$name': status $status: $stderr"
		[ "$stderr" = "svy-codebook: s.lss:$message" ] || fail "case '$name': got '$stderr'"
		[ -z "$output" ] || fail "case '$name': output '$output'"
	done < <(entity_cases)
	[ "$(entity_cases | wc -l)" -eq 16 ]
}

@test "entities: 1.5 GB from a 110 KB file is refused in a moment (it took 18 s)" {
	local x
	x=$(printf '%020000d' 0)
	{
		printf '<?xml version="1.0"?>\n<!DOCTYPE document [<!ENTITY a "%s">]>\n' "$x"
		printf '<document><LimeSurveyDocType>Survey</LimeSurveyDocType><questions><rows>\n'
		printf '<row><qid>1</qid><title>Q1</title><type>T</type><question>'
		printf '&a;%.0s' $(seq 30000)
		printf '</question><language>en</language></row></rows></questions></document>\n'
	} >big.lss
	run --separate-stderr timeout 10 "$BIN/codebook" big.lss
	assert_failure 1
	[ "$stderr" = "svy-codebook: big.lss:4: entities expand to more than 1000000 bytes of text (LimeSurvey writes none; svy stops there)" ]
}

@test "entities among the file's elements (rows an entity would bring) are refused" {
	survey 'd|<!ENTITY e "">\nq|1|Q1|L|D\na|1|A1|0|1|B\n'
	sed 's|<rows>|<rows>\&e;|' s.lss >e.lss
	run --separate-stderr "$BIN/codebook" e.lss
	assert_failure 1
	[ "$stderr" = "svy-codebook: e.lss:6: entity '&e;' among the elements of <rows>: svy reads entities only inside texts" ]
}

@test "entities: internal ones, predefined ones and character references are read; comments are no text" {
	survey 'd|<!ENTITY e "&#233;t&amp;"><!ENTITY unused SYSTEM "file:///etc/passwd">\nq|1|Q1|L|D&e;gree &lt;b&gt;<!-- not text --> &#x263A;\na|1|A1|0|1|B&quot;&apos;\n'
	run --separate-stderr dump s.lss
	assert_success
	[ "$output" = "$(printf 'question\tQ1\tL\t0\tDét&gree \xe2\x98\xba\nanswer\tQ1\t0\tA1\t1\tB"'"'")" ]
	[ "$stderr" = "" ]
}

@test "libxml2's faults in svy's words, with the line: cut short, mismatched, too deep" {
	printf '<?xml version="1.0"?>\n<document>\n<a>\n</b>\n</document>\n' >m.lss
	run --separate-stderr "$BIN/codebook" m.lss
	assert_failure 1
	[ "$stderr" = "svy-codebook: m.lss:4: not a LimeSurvey survey file: bad XML: </b> closes <a> (opened on line 3)" ]
	printf '<?xml version="1.0"?>\n<document>\n<questions>\n' >cut.lss
	run --separate-stderr "$BIN/codebook" cut.lss
	assert_failure 1
	[ "$stderr" = "svy-codebook: cut.lss:4: not a LimeSurvey survey file: bad XML: the file ends inside <questions> (opened on line 3): it is cut short" ]
	{ printf '<document>\n'; printf '<a>%.0s' $(seq 300); } >deep.lss
	run --separate-stderr "$BIN/codebook" deep.lss
	assert_failure 1
	[ "$stderr" = "svy-codebook: deep.lss:2: not a LimeSurvey survey file: bad XML: elements nested deeper than the XML reader's limit (256 levels)" ]
	printf '<?xml version="1.0"?>\n<document></document>\n<document>\n' >two.lss
	run --separate-stderr "$BIN/codebook" two.lss
	assert_failure 1
	[ "$stderr" = "svy-codebook: two.lss:3: not a LimeSurvey survey file: bad XML: text or elements after the end of the document" ]
	# no libxml2 wording anywhere
	for f in m cut deep two; do
		run --separate-stderr "$BIN/codebook" $f.lss
		[[ "$stderr" != *XML_PARSE* && "$stderr" != *"Premature"* && "$stderr" != *"Opening and"* ]]
	done
}

# name, rows, the message (after "svy-codebook: s.lss:"), in the layout of
# LimeSurvey 3 to 5; the same rows in LimeSurvey 6's layout give the same
# message (at another line).
structure_cases() {
	cat <<'EOF'
a question without a code	q|1||L|Degree\na|1|A1|0|1|B\n	6: a question without a code (<title>)
a question code twice	q|1|Q1|L|Degree\na|1|A1|0|1|B\nq|2|Q1|L|Again\na|2|A1|0|1|B\n	7: question code 'Q1' twice (also on line 6)
a question id twice	q|1|Q1|L|Degree\na|1|A1|0|1|B\nq|1|Q2|L|Again\n	7: question 'Q2': its <qid> is another question's (line 6) (got '1')
no question id	q||Q1|L|Degree\na|1|A1|0|1|B\n	6: question 'Q1': no question id (<qid>)
question id 0	q|0|Q1|L|Degree\na|1|A1|0|1|B\n	6: question 'Q1': no question id (<qid>) (got '0')
an answer code twice	q|1|Q1|L|Degree\na|1|A1|0|1|B\na|1|A1|0|2|M\n	12: question 'Q1': answer code 'A1' twice (also on line 11)
an answer without a code	q|1|Q1|L|Degree\na|1||0|1|B\n	11: question 'Q1': an answer without a code (<code>)
a list without answers	q|1|Q1|L|Degree\n	6: question 'Q1' (type 'L') has no answers in language 'en': nothing to encode (LimeSurvey does not activate a survey with it)
a drop-down list without answers	q|1|Q1|!|Degree\n	6: question 'Q1' (type '!') has no answers in language 'en': nothing to encode (LimeSurvey does not activate a survey with it)
a ranking without answers	q|1|Q1|R|Rank\n	6: question 'Q1' (type 'R') has no answers in language 'en': nothing to encode (LimeSurvey does not activate a survey with it)
an array without sub-questions	q|1|Q1|F|Agree\na|1|A1|0|1|B\n	6: question 'Q1' (type 'F') has no sub-questions in language 'en': nothing to encode (LimeSurvey does not activate a survey with it)
a checkbox question without options	q|1|Q1|M|Tools\n	6: question 'Q1' (type 'M') has no sub-questions in language 'en': nothing to encode (LimeSurvey does not activate a survey with it)
an array without answers	q|1|Q1|F|Agree\ns|2|1|SQ1|0|x\n	6: question 'Q1' (type 'F') has no answers in language 'en': nothing to encode (LimeSurvey does not activate a survey with it)
a dual scale with one scale	q|1|Q1|1|Agree\ns|2|1|SQ1|0|x\na|1|A1|0|1|B\n	6: question 'Q1' (type '1') has no answers on its second scale in language 'en': nothing to encode (LimeSurvey does not activate a survey with it)
an array of numbers without columns	q|1|Q1|:|Agree\ns|2|1|SQ1|0|x\n	6: question 'Q1' (type ':') has no sub-questions of its second scale (the columns) in language 'en': nothing to encode (LimeSurvey does not activate a survey with it)
a sub-question code twice	q|1|Q1|F|Agree\ns|2|1|SQ1|0|x\ns|3|1|SQ1|0|y\na|1|A1|0|1|B\n	10: question 'Q1': sub-question code 'SQ1' twice (also on line 9)
a sub-question without a code	q|1|Q1|F|Agree\ns|2|1||0|x\na|1|A1|0|1|B\n	9: question 'Q1': a sub-question without a code (<title>)
a sub-question on a scale the type lacks	q|1|Q1|F|Agree\ns|2|1|SQ1|1|x\na|1|A1|0|1|B\n	9: question 'Q1': sub-question 'SQ1': a question of type 'F' has no such <scale_id> (got '1')
an answer on a scale the type lacks	q|1|Q1|L|Agree\na|1|A1|2|1|B\n	11: question 'Q1': answer 'A1': a question of type 'L' has no such <scale_id> (got '2')
a scale that is no number	q|1|Q1|L|Agree\na|1|A1|x|1|B\n	11: <scale_id> is not a whole number (got 'x')
assessment 0x10	q|1|Q1|L|Degree\na|1|A1|0|0x10|B\n	11: question 'Q1': answer 'A1': assessment value: not a number (got '0x10')
assessment nan	q|1|Q1|L|Degree\na|1|A1|0|nan|B\n	11: question 'Q1': answer 'A1': assessment value: not a finite number (got 'nan')
assessment inf	q|1|Q1|L|Degree\na|1|A1|0|-inf|B\n	11: question 'Q1': answer 'A1': assessment value: not a finite number (got '-inf')
assessment with a leading blank	q|1|Q1|L|Degree\na|1|A1|0| 2|B\n	11: question 'Q1': answer 'A1': assessment value: not a number (got ' 2')
assessment with a trailing blank	q|1|Q1|L|Degree\na|1|A1|0|2 |B\n	11: question 'Q1': answer 'A1': assessment value: not a number (got '2 ')
assessment 1e400	q|1|Q1|L|Degree\na|1|A1|0|1e400|B\n	11: question 'Q1': answer 'A1': assessment value: number out of range (got '1e400')
assessment 1,5	q|1|Q1|L|Degree\na|1|A1|0|1,5|B\n	11: question 'Q1': answer 'A1': assessment value: not a number (got '1,5')
assessment .	q|1|Q1|L|Degree\na|1|A1|0|.|B\n	11: question 'Q1': answer 'A1': assessment value: not a number (got '.')
assessment in an array	q|1|Q1|F|Agree\ns|2|1|SQ1|0|x\na|1|A1|0|1e|B\n	12: question 'Q1': answer 'A1': assessment value: not a number (got '1e')
EOF
}

@test "the survey's structure: codes missing or twice, lists without answers, bad assessment values: named errors" {
	while IFS=$'\t' read -r name rows message; do
		for layout in '' v6=1; do
			survey "$rows" "$layout"
			run --separate-stderr "$BIN/codebook" s.lss
			[ "$status" -eq 1 ] || fail "case '$name' ($layout): status $status: $stderr"
			[ -z "$output" ] || fail "case '$name' ($layout): output '$output'"
			if [ -z "$layout" ]; then
				[ "$stderr" = "svy-codebook: s.lss:$message" ] || fail "case '$name': got '$stderr'"
			else
				[ "${stderr#svy-codebook: s.lss:*: }" = "${message#*: }" ] ||
					fail "case '$name' (LimeSurvey 6): got '$stderr'"
			fi
		done
	done < <(structure_cases)
	[ "$(structure_cases | wc -l)" -eq 29 ]
}

@test "a row with a field twice is an error" {
	printf '<?xml version="1.0"?>\n<document>\n<LimeSurveyDocType>Survey</LimeSurveyDocType>\n<questions><rows>\n<row><qid>1</qid>\n<title>Q1</title><title>Q2</title></row></rows></questions></document>\n' >t.lss
	run --separate-stderr "$BIN/codebook" t.lss
	assert_failure 1
	[ "$stderr" = "svy-codebook: t.lss:6: <row> has <title> twice (also on line 6)" ]
}

@test "a question type svy does not know: a note naming it; its sub-questions drafted as comments" {
	survey 'q|1|Q1|Z|Odd\nq|2|Q2|LL|Two letters\ns|3|2|SQ1|0|Row\nq|3|Q3||No type\nq|4|Q4|L|Degree\na|4|A1|0|1|B\n'
	run --separate-stderr "$BIN/codebook" s.lss
	assert_success
	assert_equal "${stderr_lines[0]}" "svy-codebook: s.lss:6: note: question 'Q1': not a question type svy knows: its answers are not encoded (got 'Z')"
	assert_equal "${stderr_lines[1]}" "svy-codebook: s.lss:7: note: question 'Q2': not a question type svy knows: its answers are not encoded (got 'LL')"
	assert_equal "${stderr_lines[2]}" "svy-codebook: s.lss:8: note: question 'Q3': not a question type svy knows: its answers are not encoded (got '')"
	# 'LL' is not read as 'L': its sub-question is a comment, not a list
	assert_line "Q4	q4	B	A1	1"
	[[ "$output" == *"Q2[SQ1]"* ]]
	run dump s.lss
	assert_line "question	Q2	?	0	Two letters"
}

@test "a good survey reads the same in both layouts; the same code in two languages is no duplicate" {
	local rows='q|1|Q1|L|Degree?\na|1|A1|0|1|Bachelor\na|1|A2|0|2|Master\nq|2|Q2|F|Agree?\ns|3|2|SQ1|0|Useful\na|2|Y|0||Yes\na|2|N|0||No\n'
	survey "$rows"
	dump s.lss >v5.txt
	survey "$rows" v6=1
	dump s.lss >v6.txt
	diff v5.txt v6.txt
	[ "$(wc -l <v5.txt)" -eq 7 ]
	grep -qx "$(printf 'answer\tQ1\t0\tA2\t2\tMaster')" v5.txt
	run --separate-stderr "$BIN/codebook" -q "$TESTDATA/codebook/types.lss"
	assert_success
	[ "$stderr" = "" ]
}

@test "LimeSurvey 6: a question or answer without a text in the language is kept, its label empty, and said" {
	survey 'q|1|Q1|L|Degree?\na|1|A1|0|1|Bachelor\na|1|A2|0|2|Master\nq|2|Q2|F|Agree?\ns|3|2|SQ1|0|Useful\na|2|Y|0||Yes\na|2|N|0||No\n' v6=1
	# every text in German only, the survey's language English: on main the
	# questions vanished without a word
	sed 's|<language>en</language></row>|<language>de</language></row>|' s.lss >u.lss
	run --separate-stderr dump u.lss en
	assert_success
	[ "$(printf '%s\n' "$output" | cut -f1-3 | paste -sd ' ')" = "$(printf 'question\tQ1\tL answer\tQ1\t0 answer\tQ1\t0 question\tQ2\tF sub\tQ2\t0 answer\tQ2\t0 answer\tQ2\t0')" ]
	assert_equal "${stderr_lines[0]}" "svy-survey-dump: u.lss:6: note: question 'Q1': no text in language 'en' (its label left empty)"
	assert_equal "${stderr_lines[1]}" "svy-survey-dump: u.lss:13: note: question 'Q1': answer 'A1': no text in language 'en' (its label left empty)"
	assert_equal "${stderr_lines[4]}" "svy-survey-dump: u.lss:10: note: question 'Q2': sub-question 'SQ1': no text in language 'en' (its label left empty)"
	assert_equal "${stderr_lines[5]}" "svy-survey-dump: u.lss: note: 7 questions, sub-questions and answers in all have no text in language 'en'"
	# in German, all there and no note
	run --separate-stderr dump u.lss de
	assert_success
	assert_line "$(printf 'answer\tQ1\t0\tA2\t2\tMaster')"
	[ "$stderr" = "" ]
}

@test "LimeSurvey 3 to 5: a question with rows in another language only is left out, and said" {
	survey 'q|1|Q1|L|Degree?\na|1|A1|0|1|Bachelor\nq|2|Q2|T|Comment\n'
	sed '/<qid>2<\/qid>/s|<language>en</language>|<language>de</language>|' s.lss >w.lss
	run --separate-stderr dump w.lss en
	assert_success
	[ "$output" = "$(printf 'question\tQ1\tL\t0\tDegree?\nanswer\tQ1\t0\tA1\t1\tBachelor')" ]
	[ "$stderr" = "svy-survey-dump: w.lss:7: note: question 'Q2' is in language 'de' but not in 'en': left out" ]
}

@test "linear time: 100,000 answers in LimeSurvey 6's layout, 100,000 in the older one, a text of 500,000 '<'" {
	# on main: over a minute (every answer looked its text up in every row)
	awk 'BEGIN { for (q = 1; q <= 2000; q++) { printf "q|%d|Q%d|L|Question %d\n", q, q, q
		for (a = 1; a <= 50; a++) printf "a|%d|A%d|0|%d|Answer %d\n", q, a, a, a } }' |
		awk -v v6=1 -f "$MAKE_SURVEY" >v6.lss
	run timeout 30 "$OBJ/survey-dump" v6.lss
	assert_success
	[ "${#lines[@]}" -eq 102000 ]
	assert_line "$(printf 'answer\tQ2000\t0\tA50\t50\tAnswer 50')"
	# 1,000 questions of 100 answers (20 MB): 8 s on main
	awk 'BEGIN { for (q = 1; q <= 1000; q++) { printf "q|%d|Q%d|L|Question %d\n", q, q, q
		for (a = 1; a <= 100; a++) printf "a|%d|A%d|0|%d|Answer %d of %d\n", q, a, a, a, q } }' |
		awk -f "$MAKE_SURVEY" >v5.lss
	run --separate-stderr timeout 30 "$BIN/codebook" v5.lss
	assert_success
	[ "$stderr" = "svy-codebook: drafted 1000 columns from v5.lss: 1000 encoded (0 with values to fill in), 0 renamed, 0 as comments; 0 to check" ]
	# a text of many '<' without '>': each looked for the end of its tag
	{ printf 'q|1|Q1|T|'; printf '&lt;%.0s' $(seq 500000); printf '\n'; } | awk -f "$MAKE_SURVEY" >lt.lss
	run timeout 30 "$OBJ/survey-dump" lt.lss
	assert_success
	[ "${#output}" -eq $((500000 + 16)) ]
}

# ---- Qualtrics survey files (.qsf), read into the same questions ----------

# qsf_file PAYLOAD...: s.qsf, one question element per payload (the inside
# of its JSON object), in the file's order (no blocks)
qsf_file() {
	local sep='' i=0 p
	{
		printf '{"SurveyEntry": {"SurveyID": "SV_1"}, "SurveyElements": ['
		for p in "$@"; do
			i=$((i + 1))
			printf '%s{"Element": "SQ", "PrimaryAttribute": "QID%d", "Payload": {%s}}' "$sep" $i "$p"
			sep=', '
		done
		printf ']}\n'
	} >s.qsf
}

@test "qsf: every question kind, in the survey flow's order, the trash left out (golden file)" {
	run --separate-stderr dump "$TESTDATA/qsf/survey.qsf"
	assert_success
	diff <(printf '%s\n' "$output") "$TESTDATA/qsf/survey.dump.tsv"
	[ "$stderr" = "svy-survey-dump: $TESTDATA/qsf/survey.qsf: note: question 'Q8': Qualtrics question type 'Slider' (selector 'HSLIDER') is not one svy reads: its answers are not encoded" ]
	# the flow puts block 2 (in a branch) first; Q9 is in the trash
	[ "$(grep -c '^question' <<<"$output")" -eq 8 ]
	[ "$(grep '^question' <<<"$output" | cut -f2 | paste -sd ' ')" = "Q7 Q11 Q2 Q6 Q8 Q1 Q4 age" ]
	# matrix rows are Q11_1-style columns, scale points coded by their recode values
	assert_line "$(printf 'sub\tQ11\t0\t2\tPasswords are a burden\tQ11_2')"
	assert_line "$(printf 'answer\tQ11\t0\t-99\t-99\tDon'"'"'t know')"
	assert_line "$(printf 'sub\tQ1\t0\t4_TEXT\tOther:\tQ1_4_TEXT\tfree text')"
	assert_line "$(printf 'question\tage\tN\t0\tYour age')"
}

@test "qsf: blocks as an object, choices' own export tags, numbers as recode values" {
	run --separate-stderr dump "$SVY_ROOT/test/fuzz/corpus/qsf/blocks-object.qsf"
	assert_success
	[ "$output" = "$(printf 'question\tQ2\tF\t0\t\nsub\tQ2\t0\t1\tx\tTrust_bank\nanswer\tQ2\t0\t1\t1\tlow\nanswer\tQ2\t0\t2\t2\thigh\nquestion\tQ1\tL\t0\t\nsub\tQ1\t0\t2_TEXT\tb\tQ1_2_TEXT\tfree text\nanswer\tQ1\t0\t5\t5\ta\nanswer\tQ1\t0\t1.5\t1.5\tb')" ]
}

# name, payloads (separated by ' ;; '), the message after "svy-survey-dump: s.qsf"
qsf_cases() {
	local mc='"DataExportTag": "Q1", "QuestionType": "MC", "Selector": "SAVR", "Choices": {"1": {"Display": "a"}, "2": {"Display": "b"}}'
	cat <<EOF
no export tag	"QuestionType": "TE", "Selector": "SL"	: a question without an export tag (DataExportTag) (got 'QID1')
an export tag twice	"DataExportTag": "Q1", "QuestionType": "TE", "Selector": "SL" ;; "DataExportTag": "Q1", "QuestionType": "TE", "Selector": "SL"	: question 'Q1': its column is another question's or choice's (got 'Q1')
a choice's column taken	"DataExportTag": "Q2_1", "QuestionType": "TE", "Selector": "SL" ;; "DataExportTag": "Q2", "QuestionType": "MC", "Selector": "MAVR", "Choices": {"1": {"Display": "a"}}	: question 'Q2': its column is another question's or choice's (got 'Q2_1')
a choice order naming no choice	$mc, "ChoiceOrder": [1, 7]	: question 'Q1': its choice order names a choice it does not have (got '7')
a choice order naming one twice	$mc, "ChoiceOrder": [1, "1"]	: question 'Q1': its choice order names a choice twice (got '1')
a recode value twice	$mc, "RecodeValues": {"1": "1", "2": 1}	: question 'Q1': choices 1 and 2 have one recode value (got '1')
recode value nan	$mc, "RecodeValues": {"1": "nan"}	: question 'Q1': choice 1: recode value: not a finite number (got 'nan')
recode value 0x10	$mc, "RecodeValues": {"1": "0x10"}	: question 'Q1': choice 1: recode value: not a number (got '0x10')
recode value 1,5	$mc, "RecodeValues": {"1": "1,5"}	: question 'Q1': choice 1: recode value: not a number (got '1,5')
recode value with a blank	$mc, "RecodeValues": {"2": " 2"}	: question 'Q1': choice 2: recode value: not a number (got ' 2')
recode value 1e400	$mc, "RecodeValues": {"1": "1e400"}	: question 'Q1': choice 1: recode value: number out of range (got '1e400')
recode value empty	$mc, "RecodeValues": {"1": ""}	: question 'Q1': choice 1: recode value: missing number (got '')
multiple choice without choices	"DataExportTag": "Q1", "QuestionType": "MC", "Selector": "MAVR", "Choices": []	: question 'Q1' (MC) has no choices: nothing to encode
a matrix without scale points	"DataExportTag": "Q1", "QuestionType": "Matrix", "Selector": "Likert", "SubSelector": "SingleAnswer", "Choices": {"1": {"Display": "a"}}	: question 'Q1' (Matrix) has no scale points (answers): nothing to encode
a matrix without rows	"DataExportTag": "Q1", "QuestionType": "Matrix", "Selector": "Likert", "SubSelector": "SingleAnswer", "Answers": {"1": {"Display": "a"}}	: question 'Q1' (Matrix) has no rows: nothing to encode
a form without fields	"DataExportTag": "Q1", "QuestionType": "TE", "Selector": "FORM"	: question 'Q1' (TE) has no fields: nothing to encode
EOF
}

@test "qsf: export tags missing or twice, choice orders, recode values (strict numbers), empty questions: named errors" {
	local name payloads message
	while IFS=$'\t' read -r name payloads message; do
		local -a p=()
		while [[ "$payloads" == *' ;; '* ]]; do
			p+=("${payloads%% ;; *}")
			payloads=${payloads#* ;; }
		done
		p+=("$payloads")
		qsf_file "${p[@]}"
		run --separate-stderr dump s.qsf
		[ "$status" -eq 1 ] || fail "case '$name': status $status: $stderr"
		[ "$stderr" = "svy-survey-dump: s.qsf$message" ] || fail "case '$name': got '$stderr'"
		[ -z "$output" ] || fail "case '$name': output '$output'"
	done < <(qsf_cases)
	[ "$(qsf_cases | wc -l)" -eq 16 ]
}

@test "qsf: not JSON, not Qualtrics, duplicate keys, cut short, not UTF-8: named errors with the line" {
	while IFS=$'\t' read -r name bytes message; do
		if [ "$bytes" = - ]; then
			: >s.qsf
		elif [ "$bytes" = FLOW ]; then
			{
				printf '{"SurveyEntry": {}, "SurveyElements": [{"Element": "BL", "Payload": []}, '
				printf '{"Element": "FL", "Payload": '
				printf '{"Flow": [%.0s' $(seq 70)
				printf '{}'
				printf ']}%.0s' $(seq 70)
				printf '}]}\n'
			} >s.qsf
		else
			printf "$bytes" >s.qsf
		fi
		run --separate-stderr dump s.qsf
		[ "$status" -eq 1 ] || fail "case '$name': status $status: $stderr"
		[ "$stderr" = "svy-survey-dump: s.qsf$message" ] || fail "case '$name': got '$stderr'"
		[ -z "$output" ] || fail "case '$name': output '$output'"
	done <<'EOF'
empty	-	:1: not a Qualtrics survey file: empty: not JSON
a CSV	a,b\n1,2\n	:1: not a Qualtrics survey file: not JSON (no '{' where the file should begin) (at 'a')
cut short	{"SurveyEntry": {},\n"SurveyElements": [	:2: not a Qualtrics survey file: bad JSON: the file ends early (it is cut short)
cut short in a text	{"SurveyEntry": {"a": "x	:1: not a Qualtrics survey file: bad JSON: the file ends early (it is cut short)
a key twice	{"SurveyEntry": {},\n"SurveyEntry": {}}	:2: not a Qualtrics survey file: bad JSON: an object has one key twice (at '"SurveyEntry"')
not UTF-8	{"SurveyEntry": {"a": "\351"}}	:1: not a Qualtrics survey file: bad JSON: not UTF-8 text
a NUL	{"SurveyEntry": {"a": "\\u0000"}}	:1: not a Qualtrics survey file: bad JSON: a NUL character (\u0000) in a text
a number too large	{"SurveyEntry": {"a": 1e999}}	:1: not a Qualtrics survey file: bad JSON: a number too large (at '1e999')
two objects	{"SurveyEntry": {}}\n{}	:2: not a Qualtrics survey file: bad JSON: more after the end of the survey's object
JSON, not Qualtrics	{"a": 1}	: not a Qualtrics survey file: no SurveyEntry and SurveyElements
elements not a list	{"SurveyEntry": {}, "SurveyElements": {}}	: not a Qualtrics survey file: no SurveyEntry and SurveyElements
a payload not an object	{"SurveyEntry": {}, "SurveyElements": [{"Element": "SQ", "PrimaryAttribute": "QID1", "Payload": []}]}	: a question element without its payload (got 'QID1')
a flow nested 70 deep	FLOW	: not a Qualtrics survey file: its survey flow nests more than 64 deep
EOF
}

@test "qsf: linear time: 20,000 questions, and one question of 30,000 choices" {
	awk 'BEGIN { printf "{\"SurveyEntry\": {}, \"SurveyElements\": ["
		for (q = 1; q <= 20000; q++) {
			printf "%s{\"Element\": \"SQ\", \"PrimaryAttribute\": \"QID%d\", \"Payload\": {\"DataExportTag\": \"Q%d\", \"QuestionType\": \"MC\", \"Selector\": \"SAVR\", \"Choices\": {", (q > 1 ? ", " : ""), q, q
			for (c = 1; c <= 5; c++) printf "%s\"%d\": {\"Display\": \"c%d\"}", (c > 1 ? ", " : ""), c, c
			printf "}}}"
		}
		printf ", {\"Element\": \"SQ\", \"PrimaryAttribute\": \"QIDX\", \"Payload\": {\"DataExportTag\": \"X\", \"QuestionType\": \"MC\", \"Selector\": \"MAVR\", \"Choices\": {"
		for (c = 1; c <= 30000; c++) printf "%s\"%d\": {\"Display\": \"c%d\"}", (c > 1 ? ", " : ""), c, c
		printf "}}}]}\n" }' >big.qsf
	run timeout 30 "$OBJ/survey-dump" big.qsf
	assert_success
	[ "${#lines[@]}" -eq $((20000 * 6 + 1 + 2 * 30000)) ]
	assert_line "$(printf 'sub\tX\t0\t30000\tc30000\tX_30000')"
}
