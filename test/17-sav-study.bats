#!/usr/bin/env bats
# An SPSS export through svy clean and the study: the same rules as for a
# CSV export (platform, completion, personal data, e-mail values, rejects,
# the summary), the codebook from the value labels, the study run on it.
# The exports are shaped as LimeSurvey's and Qualtrics' SPSS exports
# (test/data/sav-study/*.sps, written by PSPP).

load test_helper

SAV="$TESTDATA/sav-study"

# the LimeSurvey export's complete responses: every id but the multiples of 8
complete_ids() { seq 1 40 | awk '$1 % 8'; }

# tsv_to_csv: svy's TSV (no tabs or quotes inside its values here) as a CSV,
# every value quoted
tsv_to_csv() {
	awk -F'\t' -v OFS=, '{ for (i = 1; i <= NF; i++) $i = "\"" $i "\""; print }'
}

@test "a LimeSurvey .sav: complete responses, no personal data, the CSV's summary" {
	cp "$SAV/limesurvey.sav" .
	run --separate-stderr svy clean -r rejects.tsv -o out.tsv limesurvey.sav
	assert_success
	[ "$stderr" = "svy-clean: limesurvey.sav:4: column 'comment': value with an e-mail address removed (written empty); --pii 'comment' removes the column
svy-clean: LimeSurvey export: read 40 rows, kept 35, dropped 5 (incomplete: 'submitdate' empty); removed 3 of 18 columns: 'ipaddr', 'refurl' (personal data), 'contact' (e-mail, by values); emptied 1 value with an e-mail address" ] ||
		fail "$stderr"
	[ "$(head -1 out.tsv)" = "$(printf 'id\tsubmitdate\tlastpage\tstartlanguage\tseed\tstartdate\tdatestamp\trole\ta1\ta2\ta3\ta4\ta5\ta6\tcomment')" ]
	[ "$(cut -f1 out.tsv | tail -n +2)" = "$(complete_ids)" ]
	[ "$(cut -f1,16 rejects.tsv | tail -n +2)" = "$(printf '%s\tincomplete\n' 8 16 24 32 40)" ]
	# the values as svy-import writes them: ISO dates, a user-missing -9 empty
	# (by hand from limesurvey.sps's formulas for id 1)
	[ "$(sed -n 2p out.tsv | cut -f1-3,8-14)" = "$(printf '1\t2024-06-03T01:00:00\t3\t2\t1\t2\t3\t1\t1\t2')" ]
	[ "$(awk -F'\t' '$1 == 5 { print "[" $11 "]" }' out.tsv)" = "[]" ]
	# no personal data anywhere: no IP address, no referrer, no e-mail address
	! grep -q '10\.20\.\|example\.\|@' out.tsv rejects.tsv
	[ "$(awk -F'\t' '$1 == 3 { print "[" $15 "]" }' out.tsv)" = "[]" ]
	[ "$(awk -F'\t' '$1 == 9 { print $15 }' out.tsv)" = "Too long." ]
}

@test "a .sav and the CSV of the same data: the same output, rejects and summary" {
	cp "$SAV/limesurvey.sav" .
	svy import -q limesurvey.sav | tsv_to_csv >limesurvey.csv
	svy clean -r sav.rej -o sav.tsv limesurvey.sav 2>sav.err
	svy clean -r csv.rej -o csv.tsv limesurvey.csv 2>csv.err
	[ -s sav.tsv ] && [ -s sav.rej ] && [ -s sav.err ]
	cmp sav.tsv csv.tsv
	cmp sav.rej csv.rej
	diff <(sed 's/limesurvey\.sav/FILE/' sav.err) <(sed 's/limesurvey\.csv/FILE/' csv.err)
	# standard input: told by its content too
	svy clean -q <limesurvey.sav >stdin.tsv
	cmp sav.tsv stdin.tsv
	cat limesurvey.sav | svy clean -q >pipe.tsv
	cmp sav.tsv pipe.tsv
	# the options act as on a CSV
	while IFS='|' read -r args; do
		# shellcheck disable=SC2086
		svy clean -q $args limesurvey.sav >a.tsv
		# shellcheck disable=SC2086
		svy clean -q $args limesurvey.csv >b.tsv
		[ -s a.tsv ] && cmp a.tsv b.tsv || fail "$args: not the CSV's output"
	done <<-'EOT'
	--keep-pii ipaddr --keep-pii contact
	--keep-incomplete
	--pii comment --pii seed
	--complete-column a6
	--na 3
	--platform other
	EOT
	run svy clean -q --keep-pii '*' limesurvey.sav
	assert_output --partial 'person1@example.org'
}

@test "clean --codebook on a .sav: import's codebook of the kept columns, which encode-likert takes" {
	cp "$SAV/limesurvey.sav" .
	run --separate-stderr svy clean -b codebook.tsv -o out.tsv limesurvey.sav
	assert_success
	[[ "$stderr" == *"svy-clean: codebook codebook.tsv: value labels for 7 columns, only a variable label for 0, value labels as comments for 0"* ]] || fail "$stderr"
	svy import -q -b import.tsv limesurvey.sav >/dev/null
	# the same rows, less the removed column's and the tool's name
	diff <(sed 's/svy-clean/svy-import/' codebook.tsv) <(grep -v '^contact' import.tsv)
	grep -q '^contact' import.tsv
	grep -qx "$(printf '@a1\t\tNo answer\t-9\tmissing\t')" codebook.tsv
	run --separate-stderr svy encode-likert --codebook codebook.tsv -o encoded.tsv out.tsv
	assert_success
	[[ "$stderr" == *"read 35 rows, kept 35, dropped 0; encoded 7 columns"*"; 0 unknown answers" ]] || fail "$stderr"
	# --keep-pii keeps the column, and its codebook row
	svy clean -q --keep-pii contact -b kept.tsv limesurvey.sav >/dev/null
	grep -q "^contact	contact				Your e-mail address" kept.tsv
	# a CSV has no value labels: a usage error, no file written
	svy import -q limesurvey.sav | tsv_to_csv >limesurvey.csv
	run --separate-stderr svy clean -b cb.tsv limesurvey.csv
	assert_failure 2
	[[ "$stderr" == "svy-clean: --codebook: limesurvey.csv is no SPSS or Stata file (svy-codebook drafts a codebook from a CSV)"* ]] || fail "$stderr"
	[ ! -e cb.tsv ]
}

@test "the study runs on a LimeSurvey .sav with the codebook clean drafted" {
	svy clean -q -b "$BATS_TEST_TMPDIR/codebook.tsv" -o /dev/null "$SAV/limesurvey.sav"
	printf 'id\tfamily\ttest\tvariables\toptions\thypothesis\n' >plan.tsv
	printf 'L.1\tsav\tkruskal\tchecking\t--by role\tH0: The checking score does not differ across roles.\n' >>plan.tsv
	printf 'L.2\tsav\tspearman\ta1 a4\t\tH0: Checking the sender and a password manager do not correlate.\n' >>plan.tsv
	cat >my.study <<-EOF
		EXPORT = $SAV/limesurvey.sav
		B = $BATS_TEST_TMPDIR/b
		CODEBOOK = $BATS_TEST_TMPDIR/codebook.tsv
		FA_ITEMS = a*
		FA_FACTORS = 2
		SCORES = checking,tools
		HYPOTHESES = $BATS_TEST_TMPDIR/plan.tsv
	EOF
	svy_make study-outputs STUDY="$BATS_TEST_TMPDIR/my.study" 2>study.log ||
		fail "$(cat study.log)"
	grep -q "^svy-clean: LimeSurvey export: read 40 rows, kept 35, dropped 5" study.log
	[ "$(cut -f1 b/clean.tsv | tail -n +2)" = "$(complete_ids)" ]
	[ "$(($(wc -l <b/incomplete.tsv) - 1))" -eq 5 ]
	! grep -q '10\.20\.\|@' b/clean.tsv b/encoded.tsv
	# two factors, a1-a3 and a4-a6
	[ "$(awk -F'\t' 'NR > 1 { print $1, ($2 > $3 ? "F1" : "F2") }' b/model.tsv | tr '\n' ' ')" = "a1 F1 a2 F1 a3 F1 a4 F2 a5 F2 a6 F2 " ]
	[ "$(cut -f1 b/tests.tsv | tail -n +2 | tr '\n' ' ')" = "L.1 L.2 " ]
	grep -q '^| L\.1 ' b/hypotheses.md && grep -q '^| L\.2 ' b/hypotheses.md
	[ -s b/report.md ]
}

@test "a Qualtrics .sav: finished responses, its personal data removed; svy init and svy study" {
	cp "$SAV/qualtrics.sav" .
	run --separate-stderr svy clean -r rejects.tsv -b codebook.tsv -o out.tsv qualtrics.sav
	assert_success
	[[ "$stderr" == *"
svy-clean: Qualtrics export: read 36 rows, kept 30, dropped 6 (incomplete: 'Finished' not 1 or True); removed 7 of 24 columns: 'IPAddress', 'RecipientLastName', 'RecipientFirstName', 'RecipientEmail', 'ExternalReference', 'LocationLatitude', 'LocationLongitude' (personal data)" ]] ||
		fail "$stderr"
	[ "$(head -1 out.tsv)" = "$(printf 'StartDate\tEndDate\tStatus\tProgress\tDuration__in_seconds_\tFinished\tRecordedDate\tResponseId\tDistributionChannel\tUserLanguage\tQ1\tQ2_1\tQ2_2\tQ2_3\tQ2_4\tQ2_5\tQ2_6')" ]
	[ "$(cut -f6 out.tsv | tail -n +2 | sort -u)" = 1 ]
	[ "$(cut -f6 rejects.tsv | tail -n +2 | sort -u)" = 0 ]
	[ "$(($(wc -l <rejects.tsv) - 1))" -eq 6 ]
	! grep -q '172\.16\.\|@\|Last\|First\|EXT-\|52\.5200\|13\.4050' out.tsv rejects.tsv
	! grep -q '^Recipient\|^IPAddress\|^Location\|^External' codebook.tsv
	grep -qx "$(printf 'Finished\t\tTrue\t1\t1\t')" codebook.tsv
	run --separate-stderr svy encode-likert --codebook codebook.tsv -o encoded.tsv out.tsv
	assert_success
	[[ "$stderr" == *"read 30 rows, kept 30, dropped 0; encoded 9 columns"*"; 0 unknown answers" ]] || fail "$stderr"
	# svy init drafts the study with that codebook; svy study runs it
	export SVY_BINDIR="$BIN"
	run "$SVY_ROOT/cmd/svy" init qualtrics.sav mystudy
	assert_success
	assert_output --partial "svy init: mystudy: a study of qualtrics.sav (30 complete responses); the codebook encodes as drafted"
	grep -qx '# DELIMITER     = (none: an SPSS or Stata export)' mystudy/study
	grep -qx 'CODEBOOK        = $(STUDY_DIR)/codebook.tsv' mystudy/study
	grep -qx 'FA_ITEMS        = Q2_1 Q2_2 Q2_3 Q2_4 Q2_5 Q2_6' mystudy/study
	! grep -q -- '--codebook' mystudy/study
	diff <(grep -v '^#' codebook.tsv) <(grep -v '^#' mystudy/codebook.tsv)
	grep -q 'svy-clean --codebook (from its value labels: value labels for 9 columns' mystudy/README.md
	cd mystudy
	run "$SVY_ROOT/cmd/svy" study
	assert_success
	assert_line "svy study: build/report.md"
	[ "$(($(wc -l <build/clean.tsv) - 1))" -eq 30 ]
	[ "$(($(wc -l <build/model.tsv) - 1))" -eq 6 ]
}

@test "bad .sav input through clean: import's named errors, exit 1, no output" {
	cp "$TESTDATA/sav/survey.sav" .
	size=$(wc -c <survey.sav)
	head -c 1000 survey.sav >truncated-dictionary.sav
	head -c $((size - 10)) survey.sav >truncated-data.sav
	printf '$FL2 and nothing more' >header-only.sav
	printf '<stata_dta><header>' >stata-header.dta
	while IFS='|' read -r file want; do
		run --separate-stderr svy clean -q -o out.tsv "$file"
		[ "$status" -eq 1 ] || fail "$file: status $status, '$stderr'"
		[ "$stderr" = "$want" ] || fail "$file: '$stderr', want '$want'"
		[ ! -e out.tsv ] || fail "$file: out.tsv written"
		# the same from standard input
		run --separate-stderr svy clean -q -o out.tsv <"$file"
		[ "$status" -eq 1 ] || fail "<$file: status $status, '$stderr'"
		[ "$stderr" = "${want//$file/<stdin>}" ] || fail "<$file: '$stderr'"
	done <<-'EOT'
	truncated-dictionary.sav|svy-clean: truncated-dictionary.sav: damaged or truncated SPSS file: Unable to read from file
	truncated-data.sav|svy-clean: truncated-data.sav: truncated SPSS file: its header says 5 rows, 0 could be read
	EOT
	for f in header-only.sav stata-header.dta; do
		run --separate-stderr svy clean -q -o out.tsv "$f"
		assert_failure 1
		[[ "$stderr" == "svy-clean: $f: damaged or truncated "* ]] || fail "$f: $stderr"
		[ ! -e out.tsv ]
	done
	# the import's errors, word for word
	for f in truncated-dictionary.sav truncated-data.sav; do
		diff <(svy clean -q "$f" 2>&1 | sed 's/svy-clean/svy-TOOL/') \
			<(svy import -q "$f" 2>&1 | sed 's/svy-import/svy-TOOL/')
	done
}

@test "a Latin-1 .sav through clean: import's named error, then --encoding reads it; --encoding on a CSV is a usage error" {
	printf 'SET LOCALE="ISO-8859-1".\nDATA LIST LIST /id (F1.0) q (F1.0) t (A10).\nBEGIN DATA\n1 1 "\xe4\xf6\xfc"\nEND DATA.\nVARIABLE LABELS q "Gr\xf6\xdfe".\nVALUE LABELS q 1 "Sehr gro\xdf".\nSAVE OUTFILE="latin1.sav".\n' >latin1.sps
	LC_ALL=C.UTF-8 pspp latin1.sps >/dev/null
	run --separate-stderr svy clean -q latin1.sav
	assert_failure 1
	[ "$stderr" = "svy-clean: latin1.sav: SPSS file in a character set ReadStat cannot read as it is named: File has an unsupported character set (Unsupported character set: 819); give --encoding (e.g. ISO-8859-1, WINDOWS-1252)" ] ||
		fail "$stderr"
	run --separate-stderr svy clean -q --encoding ISO-8859-1 -b cb.tsv latin1.sav
	assert_success
	assert_output "$(printf 'id\tq\tt\n1\t1\täöü')"
	grep -q "$(printf '^q\tq\tSehr groß\t1\t1\tGröße$')" cb.tsv
	printf 'id,q\n1,2\n' >x.csv
	run --separate-stderr svy clean -q --encoding ISO-8859-1 x.csv
	assert_failure 2
	[[ "$stderr" == "svy-clean: --encoding: x.csv is no SPSS or Stata file (a CSV is read as UTF-8: see --invalid-utf8)"* ]] || fail "$stderr"
	[ -z "$output" ]
}
