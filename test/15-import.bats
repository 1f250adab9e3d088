#!/usr/bin/env bats
# svy import: SPSS .sav/.zsav and Stata .dta to TSV through ReadStat, and the
# value labels as a codebook. test/data/sav/: survey.sps is what PSPP wrote
# survey.sav from; survey.tsv is PSPP's own reading of it (make-expected.sh).

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	cp "$TESTDATA/sav/survey.sav" "$TESTDATA/sav/survey.zsav" .
}

@test "a .sav written by PSPP: values, user- and system-missing empty, dates ISO, long text; as PSPP reads it" {
	run --separate-stderr svy import survey.sav
	assert_success
	[ "$output" = "$(cat "$TESTDATA/sav/survey.tsv")" ] || fail "got: $output"
	[ "$stderr" = "svy-import: read 5 rows, 10 columns from survey.sav; 5 values missing (2 user-missing), written empty" ] ||
		fail "stderr: $stderr"
	# the things the file was made to hold, spelt out
	assert_line --index 0 "$(printf 'id\tq1\tq2\tscore\tname\tsex\tborn\tseen\tnote\tq3')"
	assert_line --index 2 --partial "$(printf '2\t2\t\t-0.5\tBo\tm\t1990-03-02\t2021-02-28T02:00:30\tlong---')"
	assert_line --index 4 --partial "$(printf '4\t4\t\t0\ttab\\there\tx\t')"
	[ "$(svy import -q survey.sav | awk -F'\t' 'NR == 2 { print length($9) }')" = 303 ]
}

@test "a .zsav (compressed), standard input (a pipe), -i and -o give the same TSV" {
	svy import -q survey.sav >want.tsv
	run svy import -q survey.zsav
	assert_success
	[ "$output" = "$(cat want.tsv)" ]
	run bash -c "cat survey.sav | '$BIN/import' -q"
	assert_success
	[ "$output" = "$(cat want.tsv)" ]
	run svy import -q -i survey.sav -o out.tsv
	assert_success
	assert_output ""
	cmp out.tsv want.tsv
}

@test "--codebook: the value labels exactly, variable labels in 'question'; encode-likert takes it, 0 unknown answers" {
	run svy import -o data.tsv --codebook codebook.tsv survey.sav
	assert_success
	assert_line --index 0 "svy-import: codebook codebook.tsv: value labels for 3 columns, only a variable label for 1, value labels as comments for 1"
	diff -u "$TESTDATA/sav/survey.codebook.tsv" codebook.tsv
	# every labelled value, user-missing ones with the value 'missing'
	grep -q "$(printf '^q2\tq2\tNo answer\t-9\tmissing\tI trust the model$')" codebook.tsv
	grep -q "$(printf '^q2\t\tRefused\t99\tmissing\t$')" codebook.tsv
	# q1 and q3 share their labels: one scale
	grep -q "$(printf '^@q1\t\tUnwichtig\t1\t1\t$')" codebook.tsv
	grep -q "$(printf '^q1\tq1\t@q1\t\t\tWie wichtig ist Sicherheit? – Größe, Ähnlichkeit$')" codebook.tsv
	grep -q "$(printf '^q3\tq3\t@q1\t\t\tWie wichtig ist Datenschutz?$')" codebook.tsv
	run --separate-stderr svy encode-likert -b codebook.tsv data.tsv
	assert_success
	[ "$output" = "$(cat data.tsv)" ] || fail "encode-likert changed the data: $output"
	[[ "$stderr" == *"encoded 3 columns with codebook.tsv; 0 unknown answers" ]] || fail "$stderr"
}

@test "dates: the first day of SPSS's calendar, leap days, fractions of a second, a time of day on a date" {
	# the seconds from Python: (datetime(2000, 2, 29) - datetime(1582, 10, 14)).total_seconds()
	cat >dates.sps <<-'EOF2'
	DATA LIST LIST /k (F2.0).
	BEGIN DATA
	1
	2
	3
	4
	END DATA.
	RECODE k (1 = 0) (2 = 10287561600) (3 = 13171161600.25) (4 = 13171161600) INTO d.
	COMPUTE t = d.
	COMPUTE dt = d.
	IF (k = 4) d = d + 3600.
	FORMATS d (DATE11) t (TIME11.2) dt (DATETIME25.2).
	SAVE OUTFILE='dates.sav'.
	EOF2
	pspp dates.sps >/dev/null
	run svy import -q dates.sav
	assert_success
	assert_output - <<-'EOT'
	k	d	t	dt
	1	1582-10-14	0	1582-10-14T00:00:00
	2	1908-10-14	10287561600	1908-10-14T00:00:00
	3	2000-02-29T00:00:00.25	13171161600.25	2000-02-29T00:00:00.25
	4	2000-02-29T01:00:00	13171161600	2000-02-29T00:00:00
	EOT
}

@test "a Stata .dta: values, dates, labels (written by svy-export, read back)" {
	printf 'id\tscore\tday\twhen\tname\n1\t2.5\t1960-01-01\t1959-12-31T23:59:59.5\tÅsa\n2\t\t2024-02-29\t2024-02-29T12:00:00\t\n' >in.tsv
	printf 'column\trename\tlabel\tcode\tvalue\tquestion\nid\tid\tfirst\t\t1\tRespondent\n' >cb.tsv
	svy export -q -b cb.tsv -o in.dta in.tsv
	run svy import -b back.tsv in.dta
	assert_success
	assert_output - <<-'EOT'
	id	score	day	when	name
	1	2.5	1960-01-01	1959-12-31T23:59:59.5	Åsa
	2		2024-02-29	2024-02-29T12:00:00	
	svy-import: codebook back.tsv: value labels for 1 column, only a variable label for 0, value labels as comments for 0
	svy-import: read 2 rows, 5 columns from in.dta; 1 value missing (0 user-missing), written empty
	EOT
	grep -q "$(printf '^id\tid\tfirst\t1\t1\tRespondent$')" back.tsv
	grep -q "$(printf '^id\t\t\t2\t2\t$')" back.tsv
}

@test "bad input: named errors, exit 1, no output file" {
	size=$(wc -c <survey.sav)
	head -c 1000 survey.sav >truncated-dictionary.sav
	head -c $((size - 10)) survey.sav >truncated-data.sav
	printf 'id,q1\n1,2\n' >csv.sav
	: >empty.sav
	gzip -c survey.sav >gzipped.sav
	while IFS='|' read -r args want; do
		run --separate-stderr svy import -q -o out.tsv $args
		[ "$status" -eq 1 ] || fail "$args: status $status, '$stderr'"
		[ "$stderr" = "$want" ] || fail "$args: '$stderr', want '$want'"
		[ ! -e out.tsv ] || fail "$args: out.tsv written"
	done <<-'EOT'
	truncated-dictionary.sav|svy-import: truncated-dictionary.sav: damaged or truncated SPSS file: Unable to read from file
	truncated-data.sav|svy-import: truncated-data.sav: truncated SPSS file: its header says 5 rows, 0 could be read
	csv.sav|svy-import: csv.sav: not an SPSS (.sav, .zsav) or Stata (.dta) file: it starts with neither '$FL2', '$FL3' nor a Stata header (got 'id,q1\n1,2\n')
	empty.sav|svy-import: empty.sav: empty file: not an SPSS (.sav, .zsav) or Stata (.dta) file
	--max-string 100 survey.sav|svy-import: survey.sav: column 'note': row 1: text of 303 bytes, longer than 100 (--max-string)
	EOT
	run --separate-stderr svy import -q gzipped.sav
	assert_failure 1
	[[ "$stderr" == "svy-import: gzipped.sav: not an SPSS (.sav, .zsav) or Stata (.dta) file: it starts with"* ]] || fail "$stderr"
	run svy import survey.sav extra.sav
	assert_failure 2
	run svy import --max-string 0 survey.sav
	assert_failure 2
}

# A header's row count of -1 ("not known") is legal; ReadStat then reads
# every row of a compressed file but none of an uncompressed one (svy-export
# writes those): never 0 rows with exit 0.
@test "a row count of -1 in the header: every row, or a named error, never 0 rows and exit 0" {
	printf 'a\tb\n1\tx\n2\ty\n3\tz\n' >in.tsv
	svy export -q -o plain.sav in.tsv
	svy export -q -o packed.zsav in.tsv
	for f in plain.sav packed.zsav survey.sav; do
		{ head -c 80 "$f"; printf '\377\377\377\377'; tail -c +85 "$f"; } >"unknown-$f"
		run --separate-stderr svy import -q -o out.tsv "unknown-$f"
		case $status in
		0) cmp out.tsv <(svy import -q "$f") || fail "$f: not the rows of the file" ;;
		1) [ "$stderr" = "svy-import: unknown-$f: its header does not say how many rows it holds (-1) and none could be read: save it again from SPSS or PSPP (or as .zsav)" ] ||
			fail "$f: '$stderr'"
			[ ! -e out.tsv ] || fail "$f: out.tsv written" ;;
		*) fail "$f: exit $status" ;;
		esac
		rm -f out.tsv
	done
	# the compressed files are read whole
	[ "$(svy import -q unknown-packed.zsav | wc -l)" -eq 4 ]
	[ "$(svy import -q unknown-survey.sav | wc -l)" -eq 6 ]
}

@test "a Latin-1 .sav (code page 819, which ReadStat does not name): a named error, then --encoding reads it" {
	printf 'SET LOCALE="ISO-8859-1".\nDATA LIST LIST /q (F1.0) t (A10).\nBEGIN DATA\n1 "\xe4\xf6\xfc"\nEND DATA.\nVARIABLE LABELS q "Gr\xf6\xdfe".\nVALUE LABELS q 1 "Sehr gro\xdf".\nSAVE OUTFILE="latin1.sav".\n' >latin1.sps
	# (PSPP in the C locale would write the text as ?)
	LC_ALL=C.UTF-8 pspp latin1.sps >/dev/null
	run --separate-stderr svy import -q latin1.sav
	assert_failure 1
	[ "$stderr" = "svy-import: latin1.sav: SPSS file in a character set ReadStat cannot read as it is named: File has an unsupported character set (Unsupported character set: 819); give --encoding (e.g. ISO-8859-1, WINDOWS-1252)" ] ||
		fail "$stderr"
	run svy import -q --encoding ISO-8859-1 -b cb.tsv latin1.sav
	assert_success
	assert_output "$(printf 'q\tt\n1\täöü')"
	grep -q "$(printf '^q\tq\tSehr groß\t1\t1\tGröße$')" cb.tsv
	run --separate-stderr svy import -q --encoding NO-SUCH latin1.sav
	assert_failure 1
	[ "$stderr" = "svy-import: latin1.sav: cannot read the text of this SPSS file in this encoding: File has an unsupported character set (got 'NO-SUCH')" ] ||
		fail "$stderr"
}
