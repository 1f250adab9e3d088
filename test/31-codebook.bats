#!/usr/bin/env bats
# codebook: draft the codebook encode-likert reads, from an export or an .lss.

load test_helper

CBDATA="$TESTDATA/codebook"
DT="$FIXTURES/digital-twins-automotive"
LSS="$DT/limesurvey_survey_222232.lss"

# The rows of a draft that are not comments or blank.
rows() {
	grep -v '^#' "$@" | grep -v '^$'
}

# The edit a person makes where the draft says check: each value left empty
# filled (with the level's place among the key's levels). Fails when such a row is not under a comment
# that says check.
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

# encode-likert with codebook $1 on $2: must report 0 unknown answers.
round_trip() {
	run --separate-stderr svy encode-likert -b "$1" -o encoded.tsv "$2"
	[ "$status" -eq 0 ] || fail "encode-likert -b $1 $2: status $status: $stderr"
	[[ "$stderr" == *"; 0 unknown answers" ]] || fail "encode-likert: $stderr"
	[[ "$stderr" != *"encoded 0 columns"* ]] || fail "nothing encoded: $stderr"
}

@test "the fixture: the draft, the edit of what the tool cannot know (a diff), then the fixture's encoding" {
	run --separate-stderr svy codebook "$FIXTURES/awareness-export.csv"
	assert_success
	[ "$stderr" = "svy-codebook: drafted 91 columns from $FIXTURES/awareness-export.csv: 71 encoded (32 with values to fill in), 0 renamed, 20 as comments (4 personal data); 1 to check" ]
	printf '%s\n' "$output" >draft.tsv
	diff -u <(sed 2d "$CBDATA/awareness.draft.tsv") <(sed 2d draft.tsv) || fail "the draft changed"
	# the edit: readable names, the values of the scales it did not recognise
	# (make-edit.py takes them from fixtures/codebook.tsv), Q3 kept as text
	run diff "$CBDATA/awareness.draft.tsv" "$CBDATA/awareness.edited.tsv"
	diff <(printf '%s\n' "$output") "$CBDATA/awareness.edit.diff" || fail "the edit changed"
	# the edit touches names and values only: keys, labels, codes stay
	diff <(rows "$CBDATA/awareness.draft.tsv" | grep -v '^Q3	' | cut -f1,3,4) \
	     <(rows "$CBDATA/awareness.edited.tsv" | grep -v '^Q3	' | cut -f1,3,4)
	svy clean -q "$FIXTURES/awareness-export.csv" >clean.tsv
	fill_checks draft.tsv >filled.tsv
	round_trip filled.tsv clean.tsv
	round_trip "$CBDATA/awareness.edited.tsv" clean.tsv
	mv encoded.tsv edited.tsv
	svy encode-likert -q -b "$FIXTURES/codebook.tsv" clean.tsv >fixture.tsv
	# every column of the edited draft's output equals the fixture's column of that name
	run awk -F'\t' '
		FNR == 1 { f++ }
		f == 1 && FNR == 1 { for (i = 1; i <= NF; i++) a[$i] = i; next }
		f == 1 { for (i = 1; i <= NF; i++) A[FNR, i] = $i; rows = FNR; next }
		f == 2 && FNR == 1 { for (i = 1; i <= NF; i++) if ($i in a) { m[i] = a[$i]; n++ }; next }
		f == 2 { for (i in m) if ($i != A[FNR, m[i]]) bad++ }
		END { print n " columns, " rows - 1 " rows, " bad + 0 " differences" }' edited.tsv fixture.tsv
	assert_output "78 columns, 94 rows, 0 differences"
	# and each encoded column of the edit is among them
	for name in $(rows "$CBDATA/awareness.edited.tsv" | cut -f2 | grep -v '^$' | grep -v rename); do
		head -1 fixture.tsv | tr '\t' '\n' | grep -qx "$name" || fail "$name is not a fixture column"
	done
}

@test "round trips: 0 unknown answers on the real exports, drafted from the export or its .lss" {
	svy clean -q --rename-duplicates "$DT/results_english.csv" >en.tsv
	svy clean -q --rename-duplicates "$DT/results_german.csv" >de.tsv
	svy codebook -q en.tsv >en.draft.tsv
	fill_checks en.draft.tsv >en.cb.tsv
	round_trip en.cb.tsv en.tsv
	svy codebook -q de.tsv >de.draft.tsv
	fill_checks de.draft.tsv >de.cb.tsv
	round_trip de.cb.tsv de.tsv
	# from the raw CSV (';'-separated, its repeated headings listed as comments)
	svy codebook -q "$DT/results_german.csv" >raw.draft.tsv
	fill_checks raw.draft.tsv >raw.cb.tsv
	round_trip raw.cb.tsv de.tsv
	[ "$(grep -c 'again (rename it with svy-clean --rename-duplicates)' raw.cb.tsv)" -eq 5 ]
	# the .lss is German: matched to the German export's headings and answers
	run --separate-stderr svy codebook "$LSS" --export de.tsv -o lss.de.tsv
	assert_success
	[ "$stderr" = "svy-codebook: drafted 317 columns from $LSS: 286 encoded (0 with values to fill in), 0 renamed, 31 as comments; 0 to check" ]
	round_trip lss.de.tsv de.tsv
	# its scales: the survey's answers with their codes and assessment values
	grep -qx '@dzz1		Sehr wichtig	W01	2' lss.de.tsv
	grep -qx '# @dzz1: values: the survey'"'"'s assessment values, 57 columns' lss.de.tsv
	# matched to the raw CSV: a repeated heading is drafted once
	svy codebook -q "$LSS" --export "$DT/results_german.csv" >lss.raw.tsv
	round_trip lss.raw.tsv de.tsv
	[ "$(grep -c 'again (rename it with svy-clean --rename-duplicates)' lss.raw.tsv)" -eq 5 ]
	# the English export matches none of its German headings: drafted from the answers
	svy codebook -q "$LSS" --export en.tsv >lss.en.tsv
	fill_checks lss.en.tsv >lss.en.cb.tsv
	round_trip lss.en.cb.tsv en.tsv
	# the same draft but for the line naming its source
	diff <(sed 2d lss.en.tsv) <(sed 2d en.draft.tsv)
}

@test "round trip: the Kaggle export" {
	unzip -p "$FIXTURES/kaggle-mlds-2017/multipleChoiceResponses.zip" |
		svy clean -q --invalid-utf8=replace >kaggle.tsv
	run --separate-stderr svy codebook -o kaggle.draft.tsv kaggle.tsv
	assert_success
	[ "$stderr" = "svy-codebook: drafted 228 columns from kaggle.tsv: 193 encoded (31 with values to fill in), 0 renamed, 35 as comments; 29 to check" ]
	fill_checks kaggle.draft.tsv >kaggle.cb.tsv
	round_trip kaggle.cb.tsv kaggle.tsv
	grep -qx '@frequency		Rarely		2' kaggle.cb.tsv
	grep -qx '@importance3		Very Important		3' kaggle.cb.tsv
	grep -qx 'JobSatisfaction	job_satisfaction	1 - Highly Dissatisfied		1' kaggle.cb.tsv
	grep -qx 'JobSatisfaction		10 - Highly Satisfied		10' kaggle.cb.tsv
	grep -qx "JobSatisfaction		I prefer not to share		missing" kaggle.cb.tsv
	# ranges in their natural order, to check
	grep -qx "# 'EmployerSize': check order: no known scale; values 1 to 8 in the answers' natural order" kaggle.cb.tsv
	grep -qx "EmployerSize	employer_size	Fewer than 10 employees		1" kaggle.cb.tsv
	grep -qx "EmployerSize		10,000 or more employees		8" kaggle.cb.tsv
}

# One column of answers (';' between rows) and the draft's rows for it (';'
# between rows, ':' for a TAB).
scale_cases() {
	cat <<'EOF2'
agreement 5 points | Agree;Strongly agree;Neutral;Agree | Q1:q1:Strongly disagree::1;Q1::Disagree::2;Q1::Neutral::3;Q1::Agree::4;Q1::Strongly agree::5
agreement 7 points | Somewhat agree;Agree | Q1:q1:Strongly disagree::1;Q1::Disagree::2;Q1::Somewhat disagree::3;Q1::Neither agree nor disagree::4;Q1::Somewhat agree::5;Q1::Agree::6;Q1::Strongly agree::7
agreement 4 points | Rather agree;Agree completely;Rather disagree | Q1:q1:Disagree completely::1;Q1::Rather disagree::2;Q1::Rather agree::3;Q1::Agree completely::4
agreement German | Stimme eher zu;Stimme garnicht zu | Q1:q1:Stimme garnicht zu::1;Q1::Stimme eher nicht zu::2;Q1::Stimme eher zu::3;Q1::Stimme vollständig zu::4
importance 3 | Very Important;Not important;Somewhat important | Q1:q1:Not important::1;Q1::Somewhat important::2;Q1::Very Important::3
importance 4 German | Eher wichtig;Sehr wichtig;Nicht wichtig | Q1:q1:Nicht wichtig::1;Q1::Eher unwichtig::2;Q1::Eher wichtig::3;Q1::Sehr wichtig::4
importance 5 | Important;Unimportant | Q1:q1:Unimportant::1;Q1::Of little importance::2;Q1::Moderately important::3;Q1::Important::4;Q1::Very important::5
frequency | Often;Rarely;Don't know | Q1:q1:Never::1;Q1::Rarely::2;Q1::Sometimes::3;Q1::Often::4;Q1::Most of the time::5;Q1::Always::6;Q1::Don't know::missing
familiarity | Familiar;Slightly familiar | Q1:q1:Not at all familiar::1;Q1::Slightly familiar::2;Q1::Moderately familiar::3;Q1::Familiar::4;Q1::Extremely familiar::5
usefulness | Very useful;Not Useful | Q1:q1:Not Useful::1;Q1::Somewhat useful::2;Q1::Very useful::3
yes/no, I don't know missing | Yes;No;I don't know | Q1:q1:No::0;Q1::Yes::1;Q1::I don't know::missing
German yes/no, Keine Angabe | Ja;Keine Angabe;Nein | Q1:q1:Nein::0;Q1::Ja::1;Q1::Keine Angabe::missing
checkbox Y or empty | Y;;Y | Q1:q1:Y::1;Q1::::0
checkbox Yes or empty | ;Yes | Q1:q1:Yes::1;Q1::::0
answer codes | A2;A10;A1;-oth- | Q1:q1::A1:1;Q1:::A2:2;Q1:::A10:10;Q1::-oth-::missing
numbered answers | 1 - Bad;5 - Good;3;N/A | Q1:q1:1 - Bad::1;Q1::3::3;Q1::5 - Good::5;Q1::N/A::missing
not recognised: values to fill | red;green;red;blue | Q1:q1:blue::;Q1::green::;Q1::red::
agreement 5 points, somewhat (Qualtrics) | Somewhat agree;Strongly disagree;Somewhat disagree;Strongly agree;Neither agree nor disagree | Q1:q1:Strongly disagree::1;Q1::Somewhat disagree::2;Q1::Neither agree nor disagree::3;Q1::Somewhat agree::4;Q1::Strongly agree::5
ranges by value | 1 ~ 3;15 or more;1 year or less;10 ~ 15;3 ~ 5;5 ~ 10;1 ~ 3 | Q1:q1:1 year or less::1;Q1::1 ~ 3::2;Q1::3 ~ 5::3;Q1::5 ~ 10::4;Q1::10 ~ 15::5;Q1::15 or more::6
less than, more than, a non-answer | More than 10;Less than 2;2-5;6-10;I don't know | Q1:q1:Less than 2::1;Q1::2-5::2;Q1::6-10::3;Q1::More than 10::4;Q1::I don't know::missing
thousands, none, plus | 10,001+;None;1-10;1,001-10,000;11-1,000 | Q1:q1:None::1;Q1::1-10::2;Q1::11-1,000::3;Q1::1,001-10,000::4;Q1::10,001+::5
order words | Seldom;Never;Frequently;Occasionally | Q1:q1:Never::1;Q1::Seldom::2;Q1::Occasionally::3;Q1::Frequently::4
degrees of one stem | Very satisfied;Somewhat dissatisfied;Neither satisfied nor dissatisfied;Dissatisfied;Satisfied;Very dissatisfied;Somewhat satisfied | Q1:q1:Very dissatisfied::1;Q1::Dissatisfied::2;Q1::Somewhat dissatisfied::3;Q1::Neither satisfied nor dissatisfied::4;Q1::Somewhat satisfied::5;Q1::Satisfied::6;Q1::Very satisfied::7
negating prefix | Very likely;Unlikely;Likely;Very unlikely | Q1:q1:Very unlikely::1;Q1::Unlikely::2;Q1::Likely::3;Q1::Very likely::4
nominal: no order | Yes;No;Maybe;Yes | Q1:q1:Maybe::;Q1::No::;Q1::Yes::
non-answers in the languages LimeSurvey and Qualtrics ship | 1;2;Weiß nicht;No sé;Non so;Prefer not to say;Not applicable;Je ne sais pas;Keine Antwort;I don’t know;Weet niet;Não sei | Q1:q1:1::1;Q1::2::2;Q1::Weiß nicht::missing;Q1::No sé::missing;Q1::Non so::missing;Q1::Prefer not to say::missing;Q1::Not applicable::missing;Q1::Je ne sais pas::missing;Q1::Keine Antwort::missing;Q1::I don’t know::missing;Q1::Weet niet::missing;Q1::Não sei::missing
numbers: renamed | 1;2.5;3 | Q1:q1:::
free text: every answer different | a cat;a dog;a cow;a hen | 
only missing answers | N/A;N/A | 
always empty | ; | 
EOF2
}

@test "scales: recognised ones get values; others in their natural order, to check, or left to fill; non-answers missing" {
	while IFS='|' read -r name answers want; do
		name=${name% } answers=${answers# } answers=${answers% } want=${want# }
		{ printf 'Q1\n'; printf '%s\n' "$answers" | tr ';' '\n'; } >in.tsv
		run --separate-stderr svy codebook -q in.tsv
		[ "$status" -eq 0 ] || fail "case '$name': status $status: $stderr"
		got=$(printf '%s\n' "$output" | rows | tail -n +2 | tr '\t' ':' | paste -sd ';')
		[ "$got" = "$want" ] || fail "case '$name': got '$got'"
	done < <(scale_cases)
}

@test "columns that are not encoded are listed as comments saying why" {
	printf 'id\tsubmitdate\tseed\tQ1\tQ2[other]\tQ3\n' >in.tsv
	for i in $(seq 40); do printf '%d\t2020-01-0%d\t%d\tanswer %d\tx\t\n' "$i" $((i % 9 + 1)) $((i * 7)) $((i % 20)); done >>in.tsv
	run --separate-stderr svy codebook -q in.tsv
	assert_success
	assert_line "# 'id': identifier, date or paradata: not encoded"
	assert_line "# 'submitdate': identifier, date or paradata: not encoded"
	assert_line "# 'seed': identifier, date or paradata: not encoded"
	assert_line "# 'Q1': free text, more than 12 distinct answers: not encoded"
	assert_line "# 'Q2[other]': free text (other): not encoded"
	assert_line "# 'Q3': always empty: not encoded"
	[ "$(printf '%s\n' "$output" | rows | wc -l)" -eq 1 ]
	# --max-levels: 20 distinct answers are few enough
	run --separate-stderr svy codebook -q --max-levels 20 in.tsv
	[ "$(printf '%s\n' "$output" | rows | grep -c '^Q1	')" -eq 20 ]
}

# A heading and the name proposed for it.
name_cases() {
	cat <<'EOF2'
Q5[SQ001]	q5_sq001
Q15[comment2]	q15_comment2
What is it? [Über Größe]	ueber_groesse
Was ist es?  [ Öl, Straße & Café ]	oel_strasse_cafe
WorkToolsFrequencyR	work_tools_frequency_r
A question without brackets	a_question_without_brackets
How relevant? [Concept: profile and requirements analysis of the whole system]	concept_profile_and_requirements
2nd try	q_2nd_try
Again [Über Größe]	ueber_groesse_2
???	q
How relevant? [Concept: x].1	concept_x
EOF2
}

@test "names: snake_case from the question code or the bracketed sub-question, ASCII, bounded, unique" {
	cut -f1 < <(name_cases) | paste -sd '\t' >in.tsv
	name_cases | awk -F'\t' '{ printf "%s%s", (NR > 1 ? "\t" : ""), (NR % 2 ? "Yes" : "No") } END { print "" }' >>in.tsv
	run --separate-stderr svy codebook -q in.tsv
	assert_success
	while IFS=$'\t' read -r heading want; do
		got=$(printf '%s\n' "$output" | awk -F'\t' -v h="$heading" '$1 == h { print $2 }')
		[ "$got" = "$want" ] || fail "'$heading': got '$got', want '$want'"
	done < <(name_cases)
}

@test "columns with one answer set share one @scale; a scale's spellings are united" {
	printf 'a\tb\tc\td\te\n' >in.tsv
	printf 'red\tred\tAgree\tagree\tx\ngreen\tgreen\tNeutral\tNeutral\ty\n' >>in.tsv
	run --separate-stderr svy codebook -q in.tsv
	assert_success
	run rows <(printf '%s\n' "$output")
	assert_output "$(printf 'column\trename\tlabel\tcode\tvalue
@a\t\tgreen\t\t
@a\t\tred\t\t
@agreement5\t\tStrongly disagree\t\t1
@agreement5\t\tDisagree\t\t2
@agreement5\t\tNeutral\t\t3
@agreement5\t\tAgree\t\t4
@agreement5\t\tagree\t\t4
@agreement5\t\tStrongly agree\t\t5
a\ta\t@a\t\t
b\tb\t@a\t\t
c\tc\t@agreement5\t\t
d\td\t@agreement5\t\t
e\te\tx\t\t
e\t\ty\t\t')"
}

@test "-c/--columns drafts only the columns named or matched" {
	printf 'Q1\tQ2[SQ001]\tQ2[SQ002]\tQ3\nYes\tY\tY\tNo\n' >in.tsv
	run --separate-stderr svy codebook -q -c 'Q2*' -c Q3 in.tsv
	assert_success
	[ "$(printf '%s\n' "$output" | rows | cut -f1 | grep -v '^@' | tail -n +2 | uniq | paste -sd ' ')" = "Q2[SQ001] Q2[SQ002] Q3" ]
	run --separate-stderr svy codebook -q -c Q9 in.tsv
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-codebook: option '--columns': no column 'Q9' to draft" ]
}

@test "CSV as svy-clean reads it: delimiter detected or given, BOM, quotes, invalid UTF-8 replaced" {
	printf '\xef\xbb\xbf"id";"Q1"\n"1";"Yes"\n"2";"No"\n' >in.csv
	run --separate-stderr svy codebook -q in.csv
	assert_success
	assert_line "Q1	q1	No		0"
	assert_line "Q1		Yes		1"
	# the same bytes from standard input, and with the delimiter given
	run --separate-stderr svy codebook -q -d ';' <in.csv
	assert_line "Q1		Yes		1"
	printf 'Q1,Q2\n"a\nb",\xff\n"c",\xff\n' >bad.csv
	run --separate-stderr svy codebook -q bad.csv
	assert_success
	assert_line "$(printf 'Q2\tq2\t\xef\xbf\xbd\t\t')"
	# a TSV is known by its extension or its content
	printf 'Q1\tQ2\nYes\tNo\n' >in.txt
	run --separate-stderr svy codebook -q in.txt
	assert_line "Q2	q2	@yes_no		"
}

@test "the survey file: every question type, code headings (golden file)" {
	run --separate-stderr svy codebook "$CBDATA/types.lss"
	assert_success
	[ "$stderr" = "svy-codebook: drafted 33 columns from $CBDATA/types.lss: 18 encoded (1 with values to fill in), 4 renamed, 11 as comments; 0 to check" ]
	diff <(printf '%s\n' "$output" | sed 2d) <(sed 2d "$CBDATA/types.code.tsv")
	# encode-likert reads it, once the gender's values are given
	rows "$CBDATA/types.code.tsv" | cut -f1 | grep -v '^@' | tail -n +2 | uniq | paste -sd '\t' >header.tsv
	fill_checks "$CBDATA/types.code.tsv" >filled.tsv
	run svy encode-likert -q -b filled.tsv header.tsv
	assert_success
	[ "$(head -1 <<<"$output" | tr '\t' '\n' | wc -l)" -eq 22 ]
}

@test "the survey file: text headings in the other language (golden file)" {
	run --separate-stderr svy codebook -q --headings text --language de "$CBDATA/types.lss"
	assert_success
	diff <(printf '%s\n' "$output" | sed 2d) <(sed 2d "$CBDATA/types.de-text.tsv")
	# LimeSurvey 6's layout (texts in l10n tables); German is its base language
	run --separate-stderr svy codebook -q "$CBDATA/types6.lss"
	assert_success
	[ "$(printf '%s\n' "$output" | rows | paste -sd '|')" = "$(printf 'column\trename\tlabel\tcode\tvalue|Use[SQ001]\tuse_sq001\tOft\tA1\t1|Use[SQ001]\t\tNie\tA2\t2')" ]
	run --separate-stderr svy codebook -q --language en --headings text "$CBDATA/types6.lss"
	assert_line "How often do you use [Git]	git	Often	A1	1"
}

@test "the survey file with --export: its headings and answers; answers it lacks are left to fill" {
	printf 'id\tQ1\tQ4[SQ001]\tYour country?\tQ12\tQ10[SQ001]\n' >export.tsv
	printf '1\tMaster\tAgree\tGermany\tYes\tY\n2\t-oth-\tNo answer\tSpain\tNo\t\n3\tOther\tdisagree\t\tN/A\t\n' >>export.tsv
	run --separate-stderr svy codebook -o cb.tsv "$CBDATA/types.lss" --export export.tsv
	assert_success
	[ "$stderr" = "svy-codebook: drafted 6 columns from $CBDATA/types.lss: 5 encoded (1 with values to fill in), 0 renamed, 1 as comments; 0 to check" ]
	fill_checks cb.tsv >filled.tsv
	round_trip filled.tsv export.tsv
	assert_equal "$(cat encoded.tsv)" "$(printf 'id\tq1\tq4_sq001\tyour_country\tq12\tq10_sq001\n1\t2\t2\t1\t1\t1\n2\t\t\t3\t0\t0\n3\t\t-2\t\t\t0')"
	grep -qx "# 'Your country?': values: the answers' sort order (1 = first); check: answers not in the survey file, give them values: 'Spain'" cb.tsv
	grep -qx "Q4\[SQ001\]		disagree		-2" cb.tsv
}

@test "survey file errors: bad XML and not LimeSurvey exit 1, unknown language exit 2, no questions" {
	run --separate-stderr svy codebook "$CBDATA/bad.lss"
	assert_failure 1
	[ "$stderr" = "svy-codebook: $CBDATA/bad.lss:6: not a LimeSurvey survey file: bad XML: the file ends inside <document> (opened on line 2): it is cut short" ]
	assert_output ""
	run --separate-stderr svy codebook "$CBDATA/not-limesurvey.lss"
	assert_failure 1
	[ "$stderr" = "svy-codebook: $CBDATA/not-limesurvey.lss: not a LimeSurvey survey file: the XML has no <document> root" ]
	printf '<?xml version="1.0"?>\n<document><questions/></document>\n' >nodoctype.lss
	run --separate-stderr svy codebook nodoctype.lss
	assert_failure 1
	[ "$stderr" = "svy-codebook: nodoctype.lss: not a LimeSurvey survey file: no <LimeSurveyDocType>" ]
	run --separate-stderr svy codebook --language fr "$CBDATA/types.lss"
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-codebook: option '--language': $CBDATA/types.lss has no language 'fr' (it has 'en', 'de')" ]
	run --separate-stderr svy codebook --language en "$LSS"
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-codebook: option '--language': $LSS has no language 'en' (it has 'de')" ]
	# no questions: a codebook with no rows, and a comment that says so
	run --separate-stderr svy codebook "$CBDATA/empty.lss"
	assert_success
	[ "$(printf '%s\n' "$output" | rows)" = "$(printf 'column\trename\tlabel\tcode\tvalue')" ]
	assert_line "# $CBDATA/empty.lss has no questions (or no columns to draft): nothing to encode."
	[ "$stderr" = "svy-codebook: drafted 0 columns from $CBDATA/empty.lss: 0 encoded (0 with values to fill in), 0 renamed, 0 as comments; 0 to check" ]
	# an .lss from standard input is known by its content
	run --separate-stderr svy codebook -q - <"$CBDATA/types6.lss"
	assert_success
	assert_line "Use[SQ001]	use_sq001	Oft	A1	1"
}

# Bad input: the message, and no output.
bad_cases() {
	cat <<'EOF2'
empty	--format tsv	-	svy-codebook: in: empty input: no header row
empty CSV	--format csv	-	svy-codebook: in: empty input: no header row
ragged TSV	--format tsv	a\tb\nx\n	svy-codebook: in:2: row has 1 field, header has 2
ragged CSV	--format csv	a,b\nx\n	svy-codebook: in:2: row has 1 field, header has 2
unterminated quote	--format csv	a,b\n"x,y\n	svy-codebook: in:2: unterminated quoted field at the end of the input (the field starts here)
NUL in TSV	--format tsv	a\tb\nx\0\ty\n	svy-codebook: in:2: NUL byte in input
NUL in CSV	--format csv	a,b\n"x\0",y\n	svy-codebook: in:2: column 'a': NUL byte in input
duplicate TSV column	--format tsv	a\tb\ta\n	svy-codebook: in:1: column 'a': header has this name twice (fields 1 and 3)
an export given as --export's survey	--format lss	a,b\n	svy-codebook: in:1: not a LimeSurvey survey file: not XML (no element where the file should begin)
EOF2
}

@test "bad input: empty, ragged, unterminated, NUL, duplicate column: exit 1, named, no output" {
	while IFS=$'\t' read -r name args bytes message; do
		if [ "$bytes" = - ]; then : >in; else printf "$bytes" >in; fi
		run --separate-stderr svy codebook $args in
		[ "$status" -eq 1 ] || fail "case '$name': status $status"
		[ "$stderr" = "$message" ] || fail "case '$name': got '$stderr'"
		[ -z "$output" ] || fail "case '$name': output"
	done < <(bad_cases)
}

@test "header only, thousands of levels, thousands of columns" {
	printf 'Q1\tQ2\n' >in.tsv
	run --separate-stderr svy codebook -q in.tsv
	assert_success
	assert_line "# 'Q1': always empty: not encoded"
	{ printf 'Q1\tQ2\n'; seq 5000 | awk '{ print "answer " $1 "\tYes" }'; } >many.tsv
	run --separate-stderr svy codebook -q many.tsv
	assert_success
	assert_line "# 'Q1': free text, more than 12 distinct answers: not encoded"
	assert_line "Q2		Yes		1"
	seq 3000 | awk '{ printf "%sC%d", (NR > 1 ? "\t" : ""), $1 } END { print "" }' >wide.tsv
	seq 3000 | awk '{ printf "%s%s", (NR > 1 ? "\t" : ""), (NR % 2 ? "Yes" : "No") } END { print "" }' >>wide.tsv
	run --separate-stderr svy codebook -o wide.cb.tsv wide.tsv
	assert_success
	round_trip wide.cb.tsv wide.tsv
}

@test "usage errors exit 2" {
	printf 'a\nx\n' >in.tsv
	while IFS='#' read -r args message; do
		run --separate-stderr svy codebook $args
		[ "$status" -eq 2 ] || fail "'$args': status $status"
		[ "${stderr_lines[0]}" = "$message" ] || fail "'$args': got '${stderr_lines[0]}'"
	done <<'EOF2'
--max-levels 0 in.tsv#svy-codebook: option '--max-levels': '0' is not a whole number from 1 to 100000
--headings both in.tsv#svy-codebook: option '--headings': 'both' is not one of: code, text
--format xml in.tsv#svy-codebook: option '--format': 'xml' is not one of: csv, tsv, lss
-d | in.tsv#svy-codebook: option '--delimiter': '|' is not a delimiter (',', ';', 'tab')
--export in.tsv in.tsv#svy-codebook: --export and --language are for a survey file (.lss); in.tsv is an export
in.tsv in.tsv#svy-codebook: too many operands: one input file at most (got 'in.tsv' and 'in.tsv')
-i in.tsv in.tsv#svy-codebook: give the input once: -i 'in.tsv' or the operand 'in.tsv', not both
EOF2
	run --separate-stderr svy codebook /nonexistent.csv
	assert_failure 1
	[ "$stderr" = "svy-codebook: /nonexistent.csv: No such file or directory" ]
}

@test "-o writes the file whole; -i reads the input" {
	printf 'Q1\nYes\nNo\n' >in.tsv
	run --separate-stderr svy codebook -q -o cb.tsv -i in.tsv
	assert_success
	assert_output ""
	grep -qx 'Q1	q1	No		0' cb.tsv
	run --separate-stderr svy codebook -q -o cb.tsv --format tsv </dev/null
	assert_failure 1
	grep -qx 'Q1	q1	No		0' cb.tsv
}

@test "a comment on a very long heading is cut at a character (valid UTF-8)" {
	{ printf 'Q1\t'; printf 'ä%.0s' $(seq 600); printf ' [x]\n'; for i in $(seq 30); do printf '%d\tfree %d\n' "$i" "$i"; done; } >in.tsv
	run --separate-stderr svy codebook -q in.tsv
	assert_success
	printf '%s\n' "$output" | iconv -f UTF-8 -t UTF-8 >/dev/null
	[ "$(printf '%s\n' "$output" | grep -c "^# 'ää")" -eq 1 ]
}

# The export test/data/codebook/gen-export.sh writes (40 rows): 5- and
# 7-point agreement side by side, ranges, non-answers, gender, e-mail
# columns (by name and by values), an e-mail inside an answer, '#' and '@'
# headings, ipaddr.
@test "a raw export: the draft, edited only where it says check, encodes every column; no merged scales, natural orders, no personal data" {
	bash "$CBDATA/gen-export.sh" >raw.csv
	run --separate-stderr svy codebook -o draft.tsv raw.csv
	assert_success
	[ "$stderr" = "svy-codebook: drafted 12 columns from raw.csv: 8 encoded (2 with values to fill in), 0 renamed, 4 as comments (3 personal data); 3 to check" ]
	# no personal data: the columns are comments saying so, no address anywhere
	! grep -q 'example' draft.tsv
	for col in 'Please enter your e-mail address' contact ipaddr; do
		grep -qxF "# '$col': personal data, removed by svy-clean: not drafted" draft.tsv || fail "$col"
	done
	grep -qF "answers with an e-mail address left out (svy-clean empties them)" draft.tsv
	# 5 points and 7 points: two scales, each with its own values; the 5
	# points could be 7 with two never answered: to check
	[ "$(grep -c '^@agreement5s	' draft.tsv)" -eq 5 ]
	grep -qx "# @agreement5s: agreement, 5 points (somewhat); check: the answers also fit agreement, 7 points (values differ), 2 columns" draft.tsv
	grep -qx "# 'Q2 \[seven\]': agreement, 7 points" draft.tsv
	grep -qx "@agreement5s		Somewhat agree		4" draft.tsv
	grep -qx "Q2 \[seven\]		Somewhat agree		5" draft.tsv
	grep -qx "Q2 \[seven\]		Strongly agree		7" draft.tsv
	# ranges by value, to check; non-answers declared missing; '#'/'@' escaped
	[ "$(grep '^Years' draft.tsv | cut -f3,5 | paste -sd '|')" = "1 year or less	1|1 ~ 3	2|3 ~ 5	3|5 ~ 10	4|10 ~ 15	5|15 or more	6" ]
	grep -qx "# 'Years': check order: no known scale; values 1 to 6 in the answers' natural order" draft.tsv
	grep -qx "@yes_no		N/A		missing" draft.tsv
	grep -qx "Gender		Prefer not to say		missing" draft.tsv
	grep -qx '\\#n	n	@yes_no		' draft.tsv
	grep -qx '\\@s	s	@agreement5s		' draft.tsv
	# unedited, the draft does not encode: the answers left to fill are named
	svy clean -q raw.csv >clean.tsv
	run --separate-stderr svy encode-likert -b draft.tsv clean.tsv
	assert_failure 1
	[[ "$stderr" == "svy-encode-likert: draft.tsv:"*": column 'value': answer 'Female' of scale 'gender' has no value: give it one, or 'missing' to encode it as missing" ]] || fail "$stderr"
	# edited where it says check: every column encoded, none all empty
	fill_checks draft.tsv >filled.tsv
	round_trip filled.tsv clean.tsv
	[ "$(head -1 encoded.tsv)" = "$(printf 'id\tfive\tseven\tyears\tstance\tgender\tn\ts\tnote')" ]
	run awk -F'\t' 'NR > 1 { for (i = 2; i <= NF; i++) if ($i != "") { seen[i] = 1; if ($i !~ /^[0-9]+$/) bad = bad " " $i } }
		END { for (i = 2; i <= 9; i++) if (!(i in seen)) print "column " i " all empty"; if (bad) print "not numbers:" bad }' encoded.tsv
	assert_output ""
	# the answers and their numbers, row by row
	[ "$(paste <(cut -f2 clean.tsv) <(cut -f2 encoded.tsv) | tail -n +2 | sort -u | paste -sd '|')" = "Neither agree nor disagree	3|Somewhat agree	4|Somewhat disagree	2|Strongly agree	5|Strongly disagree	1" ]
	[ "$(paste <(cut -f3 clean.tsv) <(cut -f3 encoded.tsv) | tail -n +2 | sort -t'	' -k2n -u | cut -f2 | paste -sd ' ')" = "1 2 3 4 5 6 7" ]
	[ "$(paste <(cut -f4 clean.tsv) <(cut -f4 encoded.tsv) | tail -n +2 | sort -t'	' -k2n -u | cut -f1 | paste -sd '|')" = "1 year or less|1 ~ 3|3 ~ 5|5 ~ 10|10 ~ 15|15 or more" ]
	[ "$(paste <(cut -f5 clean.tsv) <(cut -f5 encoded.tsv) | tail -n +2 | sort -u | paste -sd '|')" = "N/A	|No	0|Yes	1" ]
}

@test "linear in columns and in answers: 100,000 columns, 50,000 distinct answers (would time out if quadratic)" {
	awk 'BEGIN { n = 100000; for (i = 1; i <= n; i++) printf "%sQ%d [Yes]", (i > 1 ? "\t" : ""), i; print ""
		for (r = 0; r < 3; r++) { for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? "\t" : ""), ((i + r) % 2 ? "Yes" : "No"); print "" } }' >wide.tsv
	run timeout 20 "$BIN/codebook" -q -o wide.cb.tsv wide.tsv
	assert_success
	run --separate-stderr timeout 20 "$BIN/encode-likert" -b wide.cb.tsv -o wide.out.tsv wide.tsv
	assert_success
	[ "${stderr_lines[0]}" = "svy-encode-likert: columns by scale: @yes_no 100000" ]
	[ "$(tail -1 wide.out.tsv | cut -f99999-)" = "1	0" ]
	awk 'BEGIN { print "Q"; for (k = 0; k < 2; k++) for (i = 1; i <= 50000; i++) print "answer " i }' >tall.tsv
	run timeout 20 "$BIN/codebook" -q --max-levels 60000 -o tall.draft.tsv tall.tsv
	assert_success
	fill_checks tall.draft.tsv >tall.cb.tsv
	run --separate-stderr timeout 20 "$BIN/encode-likert" -b tall.cb.tsv -o tall.out.tsv tall.tsv
	assert_success
	[ "$(sed -n '50001p' tall.out.tsv)" = "50000" ]
}

@test "numbers with non-answers: a comment to check; with --max-levels each number is its value, the non-answers missing" {
	{ printf 'Age\n'; seq 20 60; seq 20 60; printf 'N/A\nPrefer not to say\n'; } >in.tsv
	run --separate-stderr svy codebook in.tsv
	assert_success
	assert_line "# 'Age': numbers and non-answers, more than 12 distinct answers: not encoded; check: with --max-levels above their number each is drafted as its value"
	[ "${stderr_lines[-1]}" = "svy-codebook: drafted 1 columns from in.tsv: 0 encoded (0 with values to fill in), 0 renamed, 1 as comments; 1 to check" ]
	svy codebook -q --max-levels 100 -o cb.tsv in.tsv
	round_trip cb.tsv in.tsv
	[ "$(paste in.tsv encoded.tsv | tail -n +2 | sort -u | awk -F'\t' '$1 != $2' | paste -sd '|')" = "N/A	|Prefer not to say	" ]
}
