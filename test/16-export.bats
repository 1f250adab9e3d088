#!/usr/bin/env bats
# svy export: TSV to SPSS .sav/.zsav and Stata .dta through ReadStat, with the
# codebook's value labels and variable labels; read back by PSPP (the other
# program) and by svy import.

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	cp "$TESTDATA/sav/survey.tsv" "$TESTDATA/sav/survey.codebook.tsv" .
}

# pspp FILE.sav COMMANDS: PSPP's output, as CSV, of GET FILE then COMMANDS
pspp_csv() {
	printf "GET FILE='%s'.\n%s\n" "$1" "$2" >read.sps
	pspp -O format=csv read.sps
}

@test "round trip: import(export(x)) is x, for .sav, .zsav and .dta; the codebook comes back" {
	for f in sav zsav dta; do
		run --separate-stderr svy export -b survey.codebook.tsv -o "out.$f" survey.tsv
		assert_success
		[ "$stderr" = "svy-export: wrote 5 rows, 10 variables to out.$f; 3 with value labels, 4 with a variable label" ] ||
			fail "$f: $stderr"
		svy import -q -b back.tsv "out.$f" >back.tsv.data
		diff -u survey.tsv back.tsv.data || fail "$f: the data changed"
		# the labels: all but the header comment and text labels (comments)
		if [ "$f" != dta ]; then
			diff -u <(grep -v '^#' survey.codebook.tsv) <(grep -v '^#' back.tsv) || fail "$f: the labels changed"
		fi
	done
	# Stata has no user-missing values: their labels are not written
	grep -q "$(printf '^q2\tq2\tStrongly disagree\t1\t1\tI trust the model$')" back.tsv
	grep -q "$(printf '^q2\t\tStrongly agree\t5\t5\t$')" back.tsv
	! grep -q -e 'No answer' -e Refused back.tsv
	diff -u <(grep '^q1' survey.codebook.tsv) <(grep '^q1' back.tsv)
	# the fixture, encoded: 94 rows, 125 columns, every value back as it was
	svy clean -q "$FIXTURES/awareness-export.csv" | svy encode-likert -q -b "$FIXTURES/codebook.tsv" >enc.tsv
	svy export -q -b "$FIXTURES/codebook.tsv" -o enc.sav enc.tsv
	svy import -q enc.sav >back.tsv
	cmp enc.tsv back.tsv
	[ "$(wc -l <back.tsv)" -eq 95 ]
}

@test "PSPP reads what svy writes: values, missing values, variable labels (UTF-8), value labels, user-missing codes" {
	svy export -q -b survey.codebook.tsv -o out.sav survey.tsv
	run pspp_csv out.sav 'DISPLAY DICTIONARY.
LIST.'
	assert_success
	for want in \
		'q1,2,"Wie wichtig ist Sicherheit? – Größe, Ähnlichkeit",Nominal,Input,8,Right,F8.0,F8.0' \
		'q2,3,I trust the model,Nominal,Input,8,Right,F8.0,F8.0' \
		'score,4,,Nominal,Input,8,Right,F8.2,F8.2' \
		'born,7,Date of birth,Nominal,Input,8,Right,DATE11,DATE11' \
		'seen,8,,Nominal,Input,8,Right,DATETIME20.0,DATETIME20.0' \
		'note,9,,Nominal,Input,8,Left,A303,A303' \
		'"Wie wichtig ist Sicherheit? – Größe, Ähnlichkeit",1,Unwichtig' \
		',5,Sehr wichtig' \
		'I trust the model,-9[a],No answer' \
		',1,Strongly disagree' \
		',5,Strongly agree' \
		',99[a],Refused' \
		'2,2,.,-.50,Bo,m,02-MAR-1990,28-FEB-2021 02:00:30,long--' \
		'3,.,3,10.00,Ünïcödé ✓,f,03-MAR-1990,28-FEB-2021 03:00:30,long--' \
		'5,5,1,.  ,,m,05-MAR-1990,28-FEB-2021 05:00:30,'
	do
		[[ "$output" == *"$want"* ]] || fail "PSPP's output lacks '$want': $output"
	done
	# the fixture's codebook: labels of each value, several joined, cut to SPSS's 120 bytes
	svy clean -q "$FIXTURES/awareness-export.csv" | svy encode-likert -q -b "$FIXTURES/codebook.tsv" >enc.tsv
	run --separate-stderr svy export -b "$FIXTURES/codebook.tsv" -o enc.sav enc.tsv
	assert_success
	[ "${stderr_lines[0]}" = "svy-export: cut 9 labels to the length SPSS holds (the first: a value label of column 'responsible')" ] ||
		fail "$stderr"
	run pspp_csv enc.sav 'DISPLAY DICTIONARY /VARIABLES=education known_attack_inversion.
FREQUENCIES education.'
	assert_success
	for want in \
		'education,1,Less than high school or secondary school degree' \
		',2,"High school or secondary school degree (i.e. Abitur, baccalauréat, A levels etc.)"' \
		',5,Doctorate' \
		'known_attack_inversion,0,"No, I am not familiar with this type of attack."' \
		',1,"Yes, I have implemented solutions to prevent this type of attack. / I am familiar with this type of attack, but have not"' \
		",Master's degree or diploma,57," \
		'Missing,.,1,'
	do
		[[ "$output" == *"$want"* ]] || fail "PSPP's output lacks '$want': $output"
	done
	# 57 master's degrees, as svy counts them
	[ "$(cut -f"$(head -1 enc.tsv | tr '\t' '\n' | grep -nx education | cut -d: -f1)" enc.tsv | grep -cx 4)" -eq 57 ]
}

# haven's lines (test/data/sav-haven/haven.R) as the TSV they read: a column
# a variable, NA empty
haven_values() {
	awk -F'\t' '$1 == "value" {
		if (!($2 in seen)) { seen[$2] = 1; name[++k] = $2 }
		v[$2, $3] = $4 == "NA" ? "" : $4; if ($3 + 0 > n) n = $3 + 0 }
	END {
		for (j = 1; j <= k; j++) printf "%s%s", (j > 1 ? "\t" : ""), name[j]; print ""
		for (i = 1; i <= n; i++) {
			for (j = 1; j <= k; j++) printf "%s%s", (j > 1 ? "\t" : ""), v[name[j], i]; print ""
		}
	}' "$1"
}

@test "R haven reads what svy writes (.sav, .zsav, .dta): the TSV's values, the codebook's variable and value labels, the user-missing codes" {
	# haven's readings are recorded (test/data/sav-haven/make-expected.sh): they hold
	# for today's export because, at a fixed SOURCE_DATE_EPOCH, it writes
	# the same bytes
	H="$TESTDATA/sav-haven"
	for f in sav zsav dta; do
		SOURCE_DATE_EPOCH=1767225600 svy export -q -b survey.codebook.tsv -o "out.$f" survey.tsv
		cmp "out.$f" "$H/svy.$f" || fail "$f: svy export no longer writes the file haven read"
		haven_values "$H/svy.$f.haven.tsv" >haven.tsv
		[ "$(wc -l <haven.tsv)" -eq 6 ]
		diff -u survey.tsv haven.tsv || fail "$f: haven reads other values"
		grep '^variable' "$H/svy.$f.haven.tsv" | cut -f2- | grep -v -e '	class	' -e '	label	$' >labels.tsv
		# Stata has no user-missing values: their labels are not written
		if [ "$f" = dta ]; then skip='-9=\|99=\|na_values'; else skip='^$'; fi
		diff -u <(grep -v -e "$skip" <<'WANT'
q1	label	Wie wichtig ist Sicherheit? – Größe, Ähnlichkeit
q1	value_label	1=Unwichtig
q1	value_label	2=Wenig wichtig
q1	value_label	3=Mittel
q1	value_label	4=Wichtig
q1	value_label	5=Sehr wichtig
q2	label	I trust the model
q2	value_label	-9=No answer
q2	value_label	1=Strongly disagree
q2	value_label	5=Strongly agree
q2	value_label	99=Refused
q2	na_values	-9,99
born	label	Date of birth
q3	label	Wie wichtig ist Datenschutz?
q3	value_label	1=Unwichtig
q3	value_label	2=Wenig wichtig
q3	value_label	3=Mittel
q3	value_label	4=Wichtig
q3	value_label	5=Sehr wichtig
WANT
		) labels.tsv || fail "$f: haven reads other labels"
	done
	# the kinds haven gives: numbers, text, a date, a date-time
	run grep -c $'\tclass\tnumeric$' "$H/svy.sav.haven.tsv"
	assert_output 5
	grep -q $'^variable\tborn\tclass\tDate$' "$H/svy.sav.haven.tsv"
	grep -q $'^variable\tseen\tclass\tPOSIXct$' "$H/svy.sav.haven.tsv"
	grep -q $'^variable\tname\tclass\tcharacter$' "$H/svy.sav.haven.tsv"
}

@test "SOURCE_DATE_EPOCH: the file's creation time, so one input gives one file; malformed, a usage error and no file" {
	SOURCE_DATE_EPOCH=0 svy export -q -b survey.codebook.tsv -o a.sav survey.tsv
	sleep 1
	SOURCE_DATE_EPOCH=0 svy export -q -b survey.codebook.tsv -o b.sav survey.tsv
	cmp a.sav b.sav
	run pspp_csv a.sav 'SYSFILE INFO FILE=a.sav.'
	assert_line 'Created,01 Jan 70 00:00:00 by - https://github.com/WizardMac/ReadStat'
	for bad in x 1.5 -1 253402300800; do
		run --separate-stderr env SOURCE_DATE_EPOCH="$bad" "$BIN/export" -q -b survey.codebook.tsv -o c.sav survey.tsv
		assert_failure 2
		[ "${stderr_lines[0]}" = "svy-export: SOURCE_DATE_EPOCH: not a whole number of seconds since 1970 up to the year 9999 (got '$bad')" ]
		[ ! -e c.sav ]
	done
}

@test "column kinds: numbers, dates, text as wide as its longest value; trailing spaces warned; no codebook" {
	printf 'n\td\tt\tmixed\n1\t2021-03-01\t a \t2021-03-01\n2.5\t\tbb  \t7\n\t1999-12-31\t\t\n' >in.tsv
	run --separate-stderr svy export -o out.sav in.tsv
	assert_success
	[ "${stderr_lines[0]}" = "svy-export: in.tsv:2: column 't': 2 values end in spaces, which SPSS files do not keep (the first here)" ] ||
		fail "$stderr"
	run pspp_csv out.sav 'DISPLAY DICTIONARY.'
	[[ "$output" == *'n,1,Nominal,Input,8,Right,F8.1,F8.1'* ]] || fail "$output"
	[[ "$output" == *'d,2,Nominal,Input,8,Right,DATE11,DATE11'* ]] || fail "$output"
	[[ "$output" == *'t,3,Nominal,Input,8,Left,A4,A4'* ]] || fail "$output"
	[[ "$output" == *'mixed,4,Nominal,Input,8,Left,A10,A10'* ]] || fail "$output"
	run svy import -q out.sav
	assert_output "$(printf 'n\td\tt\tmixed\n1\t2021-03-01\t a\t2021-03-01\n2.5\t\tbb\t7\n\t1999-12-31\t\t')"
}

@test "bad input and usage: named errors, no file written" {
	printf 'id\tq1\n1\tStrongly agree\n' >text.tsv
	printf 'column\trename\tlabel\tcode\tvalue\n@agree\t\tStrongly agree\t\t5\nq1\t\t@agree\n' >cb.tsv
	printf 'Q5[SQ001]\tx\n1\t2\n' >badname.tsv
	printf 'a\tA\n1\t2\n' >case.tsv
	printf 'and\tx\n1\t2\n' >reserved.tsv
	printf 'q1\n1.5\n' >half.tsv
	printf 'column\trename\tlabel\tcode\tvalue\nq1\t\tHalf\t\t1.5\n' >half-cb.tsv
	printf 'x\n1\n-1.7976931348623157e308\n' >sysmis.tsv
	printf 'x\n-1.7976931348623155e308\n' >lowest.tsv
	printf 'x\n1.7976931348623157e308\n' >highest.tsv
	printf 'x\n1\n8.98846567431158e307\n' >stata-big.tsv
	printf 'x\n-1e308\n' >stata-small.tsv
	awk 'BEGIN { printf "t\n"; for (i = 0; i < 2046; i++) printf "x"; printf "\n" }' >long.tsv
	while IFS='|' read -r code args want; do
		run --separate-stderr svy export -q $args
		[ "$status" -eq "$code" ] && [ "${stderr_lines[0]}" = "$want" ] ||
			fail "$args: status $status, '$stderr', want $code, '$want'"
		[ -z "$(ls out.* 2>/dev/null)" ] || fail "$args: wrote $(ls out.*)"
	done <<-'EOT'
	1|-b cb.tsv -o out.sav text.tsv|svy-export: text.tsv:2: column 'q1': not a number, but the codebook gives the column value labels (scale '@agree', line 2): encode it first (svy-encode-likert) (got 'Strongly agree')
	1|-o out.sav badname.tsv|svy-export: badname.tsv:1: column 'Q5[SQ001]': not a valid SPSS variable name: it holds a character a variable name cannot hold (rename the column, e.g. in the codebook)
	1|-o out.sav case.tsv|svy-export: case.tsv:1: column 'A': the same variable name as column 'a' (SPSS does not tell case apart)
	1|-o out.sav reserved.tsv|svy-export: reserved.tsv:1: column 'and': not a valid SPSS variable name: a reserved word of SPSS (rename the column, e.g. in the codebook)
	1|-b half-cb.tsv -o out.dta half.tsv|svy-export: half.tsv: column 'q1': Stata labels only whole numbers: the codebook's scale 'q1' (line 2) gives this value a label (got '1.5')
	1|-o out.dta long.tsv|svy-export: long.tsv:2: column 't': a value of 2046 bytes: longer than Stata's strings (2045 bytes)
	1|-o out.sav sysmis.tsv|svy-export: sysmis.tsv:3: column 'x': SPSS reserves this number (system-missing, LOWEST or HIGHEST): it would come back empty (got '-1.7976931348623157e308')
	1|-o out.zsav sysmis.tsv|svy-export: sysmis.tsv:3: column 'x': SPSS reserves this number (system-missing, LOWEST or HIGHEST): it would come back empty (got '-1.7976931348623157e308')
	1|-o out.sav lowest.tsv|svy-export: lowest.tsv:2: column 'x': SPSS reserves this number (system-missing, LOWEST or HIGHEST): it would come back empty (got '-1.7976931348623155e308')
	1|-o out.sav highest.tsv|svy-export: highest.tsv:2: column 'x': SPSS reserves this number (system-missing, LOWEST or HIGHEST): it would come back empty (got '1.7976931348623157e308')
	1|-o out.dta stata-big.tsv|svy-export: stata-big.tsv:3: column 'x': beyond the numbers a Stata file holds (about -8.99e307 to 8.99e307) (got '8.98846567431158e307')
	1|-o out.dta stata-small.tsv|svy-export: stata-small.tsv:2: column 'x': beyond the numbers a Stata file holds (about -8.99e307 to 8.99e307) (got '-1e308')
	2|--format xls -o out.sav text.tsv|svy-export: option '--format': 'xls' is not one of: sav, zsav, dta
	2|-o out.xls text.tsv|svy-export: give --format sav, zsav or dta (the name 'out.xls' does not say)
	2|text.tsv|svy-export: no output file: give -o FILE (a .sav, .zsav or .dta file)
	EOT
	# a failure leaves the old file as it was
	svy export -q -o out.sav half.tsv
	cp out.sav before.sav
	run svy export -q -b cb.tsv -o out.sav text.tsv
	assert_failure 1
	cmp out.sav before.sav
}

@test "user-missing codes from the codebook: three at most (SPSS), the rest left out with a warning" {
	printf 'q\n1\n\n' >in.tsv
	printf 'column\trename\tlabel\tcode\tvalue\nq\tq\tYes\t1\t1\nq\t\tA\t-1\tmissing\nq\t\tB\t-2\tmissing\nq\t\tC\t-3\tmissing\nq\t\tD\t-4\tmissing\nq\t\tOther\t-oth-\tmissing\n' >cb.tsv
	run --separate-stderr svy export -b cb.tsv -o out.sav in.tsv
	assert_success
	[ "${stderr_lines[0]}" = "svy-export: left out 1 user-missing code past SPSS's three per variable (the first: -4 of column 'q')" ] ||
		fail "$stderr"
	svy import -q -b back.tsv out.sav >back.data.tsv
	cmp in.tsv back.data.tsv
	[ "$(grep -v '^#' back.tsv)" = "$(printf 'column\trename\tlabel\tcode\tvalue\tquestion\nq\tq\tYes\t1\t1\t\nq\t\tA\t-1\tmissing\t\nq\t\tB\t-2\tmissing\t\nq\t\tC\t-3\tmissing\t')" ] ||
		fail "$(cat back.tsv)"
}

@test "a variable name that begins with '@' (SPSS allows it): the codebook writes it escaped, as a column, and reads it back" {
	printf '@a\tb\n1\t2\n' >in.tsv
	printf 'column\trename\tlabel\tcode\tvalue\tquestion\n\\@a\t\tOne\t\t1\tAt question\n' >cb.tsv
	svy export -q -b cb.tsv -o out.sav in.tsv
	svy import -q -b back.tsv out.sav >back.data.tsv
	cmp in.tsv back.data.tsv
	[ "$(grep -v '^#' back.tsv | tail -1)" = "$(printf '\\\\@a\t@a\tOne\t1\t1\tAt question')" ] || fail "$(cat back.tsv)"
	run --separate-stderr svy encode-likert -b back.tsv back.data.tsv
	assert_success
	[[ "$stderr" == *"encoded 1 columns with back.tsv; 0 unknown answers" ]] || fail "$stderr"
	run pspp_csv out.sav 'DISPLAY DICTIONARY.'
	[[ "$output" == *'@a,1,At question,'* ]] || fail "$output"
}
