#!/usr/bin/env bats
# clean: a LimeSurvey CSV export in, the project's TSV out; incomplete
# responses and personal data removed; nothing else lost.

load test_helper

D="$TESTDATA/clean"

# ---- the LimeSurvey export, whole ----------------------------------------

@test "a LimeSurvey export with answer codes: golden TSV, rejects and summary" {
	# BOM, every value quoted, CRLF, LF inside a value, trailing blank line;
	# token/ipaddr/refurl and the e-mail question Q24 removed; NA, N/A, None
	# kept; 1980-01-01 submitdate complete; an address in Q30 emptied.
	run --separate-stderr svy clean --rejects rej.tsv "$D/limesurvey-codes.csv"
	assert_success
	diff -u "$D/limesurvey-codes.tsv" <(printf '%s\n' "$output")
	diff -u "$D/limesurvey-codes.rejects.tsv" rej.tsv
	[ "$stderr" = "svy-clean: $D/limesurvey-codes.csv:6: column 'Q30': value with an e-mail address removed (written empty); --pii 'Q30' removes the column
svy-clean: LimeSurvey export: read 4 rows, kept 3, dropped 1 (incomplete: 'submitdate' empty); removed 4 of 19 columns: 'token', 'ipaddr', 'refurl' (personal data), 'Q24' (e-mail, by values); emptied 1 value with an e-mail address" ] ||
		fail "stderr: $stderr"
}

@test "a LimeSurvey export with full question texts and ';': golden TSV" {
	run --separate-stderr svy clean "$D/limesurvey-text.csv"
	assert_success
	diff -u "$D/limesurvey-text.tsv" <(printf '%s\n' "$output")
	[ "$stderr" = "svy-clean: LimeSurvey export: read 3 rows, kept 2, dropped 1 (incomplete: 'Date submitted' empty); removed 3 of 12 columns: 'IP address', 'Referrer URL' (personal data), 'Your e-mail address, if you want the results' (e-mail, by name)" ] ||
		fail "stderr: $stderr"
}

# ---- CSV features, one by one --------------------------------------------

# clean_is INPUT(printf format) WANT(printf format) [ARGS...]: stdout of
# `clean -q ARGS` on INPUT is WANT.
clean_is() {
	local in=$1 want=$2
	shift 2
	printf "$in" >in.csv
	run --separate-stderr svy clean -q "$@" in.csv
	assert_success
	assert_output "$(printf "$want")"
}

@test "CSV to TSV, feature by feature" {
	# input                                     output                        args
	clean_is '\xef\xbb\xbfid,Q1\n1,a\n'         'id\tQ1\n1\ta'                # BOM stripped from the first name
	clean_is '"id","Q1"\n"1","say ""hi"""\n'    'id\tQ1\n1\tsay "hi"'         # quoted, quotes doubled
	clean_is 'id,Q1\r\n1,a\r\n2,b\r\n'          'id\tQ1\n1\ta\n2\tb'          # CRLF
	clean_is 'id,Q1\r\n1,"a\nb"\r\n'            'id\tQ1\n1\ta\\nb'            # LF in a value
	clean_is 'id,Q1\r\n1,"a\r\nb"\r\n'          'id\tQ1\n1\ta\\r\\nb'         # CRLF in a value
	clean_is 'id,Q1\n1,"a\tb"\n'                'id\tQ1\n1\ta\\tb'            # TAB in a value
	clean_is 'id,Q1\n1,a\\b\n'                  'id\tQ1\n1\ta\\\\b'           # a backslash doubles
	clean_is 'id,Q1\r\n1,a\r\n\r\n'             'id\tQ1\n1\ta'                # trailing blank line
	clean_is 'id,Q1\n\n1,a\n\n\n2,b'            'id\tQ1\n1\ta\n2\tb'          # blank lines; no final LF
	clean_is '\r\n\nid;Q1;Q2\r\n1;a;b\r\n'     'id\tQ1\tQ2\n1\ta\tb'     # blank lines before the header
	clean_is 'id,Q1\n1, a \n'                   'id\tQ1\n1\t a '              # spaces kept
	clean_is 'id,Q1,Q2\n1,,""\n'                'id\tQ1\tQ2\n1\t\t'           # empty either way
	clean_is 'id;Q1;Q2,x\n1;a;b,c\n'            'id\tQ1\tQ2,x\n1\ta\tb,c'     # ';' detected (most frequent)
	clean_is 'id;Q1,x\n1;a,b\n'                 'id;Q1\tx\n1;a\tb'            # a tie goes to ','
	clean_is 'id\tQ1\tQ2;x\n1\t"a\tb"\tc\n'     'id\tQ1\tQ2;x\n1\ta\\tb\tc'   # TAB detected
	clean_is '"a,b";c;d\n1;2;3\n'               'a,b\tc\td\n1\t2\t3'          # quoted commas do not count
	clean_is 'id;Q1;Q2,Q3\n1;a;b,c\n'           'id;Q1;Q2\tQ3\n1;a;b\tc' -d , # --delimiter wins
	clean_is 'id;Q1\n1;a\n'                     'id\tQ1\n1\ta'      -d ';'
	clean_is 'id,Q1\n1,a\n'                     'id,Q1\n1,a'        --delimiter tab
	clean_is 'id,Q1\n1,\xc3\xa9\xe2\x9c\x93\n'  'id\tQ1\n1\t\xc3\xa9\xe2\x9c\x93' # UTF-8 passes
}

@test "submitdate: empty is incomplete, 1980-01-01 00:00:00 is complete" {
	clean_is 'id,submitdate\n1,1980-01-01 00:00:00\n2,\n3,2021-01-01 10:00:00\n' \
		'id\tsubmitdate\n1\t1980-01-01 00:00:00\n3\t2021-01-01 10:00:00'
	clean_is 'id,submitdate\n1,1980-01-01 00:00:00\n2,\n' \
		'id\tsubmitdate\n1\t1980-01-01 00:00:00\n2\t' --keep-incomplete
}

@test "--complete-column: a non-empty value marks a complete response" {
	clean_is 'id,submitdate,done\n1,,x\n2,2021,\n' 'id\tsubmitdate\tdone\n1\t\tx' --complete-column done
}

@test "without submitdate or --complete-column every row is kept, and stderr says so" {
	printf 'id,Q1\n1,\n2,a\n' >in.csv
	run --separate-stderr svy clean in.csv
	assert_success
	assert_output "$(printf 'id\tQ1\n1\t\n2\ta')"
	[ "$stderr" = "svy-clean: read 2 rows, kept 2, dropped 0 (no submitdate column and no --complete-column: every row kept)" ]
}

@test "only an empty field is missing: NA, N/A, None survive unless --na says" {
	clean_is 'country,x\nNA,N/A\nNone,\n' 'country\tx\nNA\tN/A\nNone\t'
	clean_is 'country,x\nNA,N/A\nNone,a\n' 'country\tx\n\t\nNone\ta' --na NA --na N/A
}

@test "personal data: ipaddr, refurl, token removed; --keep-pii COL keeps one, '*' all; --pii adds" {
	in='id,token,ipaddr,refurl,Q1,Q2\n1,t,192.0.2.1,http://r,a,b\n'
	clean_is "$in" 'id\tQ1\tQ2\n1\ta\tb'
	clean_is "$in" 'id\ttoken\tipaddr\trefurl\tQ1\tQ2\n1\tt\t192.0.2.1\thttp://r\ta\tb' --keep-pii '*'
	clean_is "$in" 'id\tipaddr\tQ1\tQ2\n1\t192.0.2.1\ta\tb' --keep-pii ipaddr
	clean_is "$in" 'id\ttoken\tipaddr\tQ1\tQ2\n1\tt\t192.0.2.1\ta\tb' --keep-pii token --keep-pii ipaddr
	# the summary names what was kept; an address in a kept column stays
	printf 'id,token,Email,Q1\n1,t,a@example.org,write to b@example.org\n' >in.csv
	run --separate-stderr svy clean --keep-pii token --keep-pii Email --keep-pii Q1 in.csv
	assert_output "$(printf 'id\ttoken\tEmail\tQ1\n1\tt\ta@example.org\twrite to b@example.org')"
	[ "$stderr" = "svy-clean: read 1 row, kept 1, dropped 0 (no submitdate column and no --complete-column: every row kept); kept by --keep-pii: 'token', 'Email'" ] ||
		fail "stderr: $stderr"
	clean_is "$in" 'id\tQ2\n1\tb' --pii Q1
	clean_is "$in" 'id\n1' --pii 'Q*'
	clean_is 'id,Q5[SQ001],Q5[SQ002]\n1,Y,\n' 'id\tQ5[SQ002]\n1\t' --pii 'Q5[SQ001]'
}

@test "e-mail columns: by name (email, e-mail, mail address) and by values" {
	clean_is 'id,Your EMAIL,E-Mail-Adresse,Mail address?,Q1\n1,a,b,c,d\n' 'id\tQ1\n1\td'
	# Most of the non-empty values read ahead are addresses: the column goes.
	clean_is 'id,Q24\n1,a@example.org\n2,\n3,none\n4,b@example.org\n' 'id\n1\n2\n3\n4'
	# An address outside that column, or after the look-ahead, is emptied.
	printf 'id,Q24\n1,no\n2,x\n3,mail me: c@example.org.\n' >in.csv
	run --separate-stderr svy clean --scan-rows 2 in.csv
	assert_success
	assert_output "$(printf 'id\tQ24\n1\tno\n2\tx\n3\t')"
	[ "$stderr" = "svy-clean: in.csv:4: column 'Q24': value with an e-mail address removed (written empty); --pii 'Q24' removes the column
svy-clean: read 3 rows, kept 3, dropped 0 (no submitdate column and no --complete-column: every row kept); emptied 1 value with an e-mail address" ]
	# Not addresses: no dot in the domain, a version, a handle.
	clean_is 'id,Q\n1,user@localhost\n2,python@3.8\n3,@handle\n' 'id\tQ\n1\tuser@localhost\n2\tpython@3.8\n3\t@handle'
	# --scan-rows 0: no column found by values, each value emptied instead.
	clean_is 'id,Q24\n1,a@example.org\n' 'id\tQ24\n1\t' --scan-rows 0
}

@test "--rejects: the dropped rows, output columns plus 'reason'" {
	printf 'id,submitdate,ipaddr,Q1\n1,,192.0.2.1,"a\tb"\n2,2021,192.0.2.2,c\n' >in.csv
	run svy clean -q --rejects rej.tsv in.csv
	assert_success
	assert_output "$(printf 'id\tsubmitdate\tQ1\n2\t2021\tc')"
	run cat rej.tsv
	assert_output "$(printf 'id\tsubmitdate\tQ1\treason\n1\t\ta\\tb\tincomplete')"
}

@test "duplicate names: an error naming both fields, or renamed with --rename-duplicates" {
	printf 'a,b,a,a.1,a\n1,2,3,4,5\n' >in.csv
	run svy clean in.csv
	assert_failure 1
	assert_output "svy-clean: in.csv:1: column 'a': header has this name twice (fields 1 and 3); --rename-duplicates renames the later one"
	run --separate-stderr svy clean -q --rename-duplicates in.csv
	assert_success
	assert_output "$(printf 'a\tb\ta.2\ta.1\ta.3\n1\t2\t3\t4\t5')"
	[ "$stderr" = "svy-clean: in.csv:1: column 'a': field 3 renamed 'a.2'
svy-clean: in.csv:1: column 'a': field 5 renamed 'a.3'" ]
}

@test "invalid UTF-8: an error with line, column, byte; or U+FFFD with --invalid-utf8=replace" {
	printf 'id,Q1\n1,"two\nlines \xcc\x41"\n2,\xe2\x82\n' >in.csv
	run svy clean in.csv
	assert_failure 1
	assert_output "svy-clean: in.csv:3: column 'Q1': invalid UTF-8 (byte 0xCC at byte 11 of the field); --invalid-utf8=replace writes U+FFFD instead"
	run --separate-stderr svy clean --invalid-utf8=replace in.csv
	assert_success
	assert_output "$(printf 'id\tQ1\n1\ttwo\\nlines \xef\xbf\xbdA\n2\t\xef\xbf\xbd')"
	[ "$stderr" = "svy-clean: read 2 rows, kept 2, dropped 0 (no submitdate column and no --complete-column: every row kept); replaced 2 invalid UTF-8 sequences" ]
	# Overlong forms, surrogates and code points above U+10FFFF are invalid;
	# each maximal invalid subpart is one U+FFFD (as Python's errors='replace').
	clean_is 'a\n\xc0\xaf\n\xed\xa0\x80\n\xf4\x90\x80\x80\n\xf0\x9f\x98\n' \
		'a\n\xef\xbf\xbd\xef\xbf\xbd\n\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\n\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\n\xef\xbf\xbd' \
		--invalid-utf8=replace
}

# ---- the real exports in fixtures/ -----------------------------------------

# expected NAME FIELD: from real-exports.expected (make-expected.sh, Python's
# csv module): 2 rows, 3 columns, 4 replacements, 5 SHA-256 of the TSV.
expected() {
	awk -v n="$1" -v f="$2" '$1 == n { print $f }' "$D/real-exports.expected"
}

# rows_cols FILE: "ROWS COLUMNS" of a TSV, checking every row has as many
# fields as the header.
rows_cols() {
	awk -F'\t' 'NR == 1 { n = NF } NF != n { print "ragged line " NR; exit 1 }
		END { print NR - 1, n }' "$1"
}

@test "real export, digital twins (English): duplicate names; then 96 rows x 317 columns, as Python reads it" {
	csv="$DATA/digital-twins-automotive/results_english.csv"
	run svy clean "$csv"
	assert_failure 1
	assert_output "svy-clean: $csv:1: column 'How relevant are Circuit models in the following development...': header has this name twice (fields 209 and 219); --rename-duplicates renames the later one"
	run --separate-stderr svy clean --rename-duplicates "$csv"
	assert_success
	printf '%s\n' "$output" >out.tsv
	run rows_cols out.tsv
	assert_output "96 317"
	[ "$(expected digital-twins-english 2) $(expected digital-twins-english 3)" = "96 317" ]
	[ "$(sha256sum <out.tsv | cut -d' ' -f1)" = "$(expected digital-twins-english 5)" ]
	[ "${stderr##*$'\n'}" = "svy-clean: read 96 rows, kept 96, dropped 0 (no submitdate column and no --complete-column: every row kept)" ]
}

@test "real export, digital twins (German): 96 rows x 317 columns, as Python reads it" {
	csv="$DATA/digital-twins-automotive/results_german.csv"
	svy clean -q --rename-duplicates "$csv" 2>/dev/null >out.tsv
	run rows_cols out.tsv
	assert_output "96 317"
	[ "$(sha256sum <out.tsv | cut -d' ' -f1)" = "$(expected digital-twins-german 5)" ]
}

@test "real export, Kaggle 2017: invalid UTF-8 is an error; replaced, 16716 rows x 228 columns" {
	command -v unzip >/dev/null || fail "unzip is not installed (make deps)"
	unzip -p "$DATA/kaggle-mlds-2017/multipleChoiceResponses.zip" >kaggle.csv
	run svy clean kaggle.csv
	assert_failure 1
	assert_output "svy-clean: kaggle.csv:228: column 'WorkDatasets': invalid UTF-8 (byte 0xCC at byte 43 of the field); --invalid-utf8=replace writes U+FFFD instead"
	svy clean --invalid-utf8=replace kaggle.csv >out.tsv 2>err.txt
	run rows_cols out.tsv
	assert_output "16716 228"
	[ "$(expected kaggle-replace 2) $(expected kaggle-replace 3) $(expected kaggle-replace 4)" = "16716 228 111" ]
	[ "$(sha256sum <out.tsv | cut -d' ' -f1)" = "$(expected kaggle-replace 5)" ]
	run cat err.txt
	assert_output "svy-clean: read 16716 rows, kept 16716, dropped 0 (no submitdate column and no --complete-column: every row kept); replaced 111 invalid UTF-8 sequences"
}

# ---- bad input -----------------------------------------------------------

# fails_with STATUS INPUT(printf format) MESSAGE [ARGS...]: clean ARGS on
# INPUT (in.csv) exits STATUS with exactly MESSAGE on stderr, nothing on stdout
# but what came before the error.
fails_with() {
	local status=$1 in=$2 msg=$3
	shift 3
	printf "$in" >in.csv
	run --separate-stderr svy clean "$@" in.csv
	assert_failure "$status"
	[ "$stderr" = "$msg" ] || fail "stderr: '$stderr', want '$msg'"
}

@test "bad input: each its exact message and exit status" {
	#          status input                      message
	fails_with 1 'a,b\n1,2\n3,4,5\n'             "svy-clean: in.csv:3: row has 3 fields, header has 2"
	fails_with 1 'a,b\n1,"x\ny"\n3\n'            "svy-clean: in.csv:4: row has 1 field, header has 2"
	fails_with 1 'a,b\n1,2\n3,"4\n5\n\n'         "svy-clean: in.csv:3: unterminated quoted field at the end of the input (the field starts here)"
	fails_with 1 'a,b\n1,x"y\n'                  "svy-clean: in.csv:2: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter ',')"
	fails_with 1 'a;b\n1;"x"y\n'                 "svy-clean: in.csv:2: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter ';')"
	fails_with 1 'a,b\n1,\xff\n'                 "svy-clean: in.csv:2: column 'b': invalid UTF-8 (byte 0xFF at byte 1 of the field); --invalid-utf8=replace writes U+FFFD instead"
	fails_with 1 'a,\xe9\n'                      "svy-clean: in.csv:1: column 'header field 2': invalid UTF-8 (byte 0xE9 at byte 1 of the field); --invalid-utf8=replace writes U+FFFD instead"
	fails_with 1 ''                              "svy-clean: in.csv: empty input: no header row"
	fails_with 1 '\xef\xbb\xbf\r\n\r\n'          "svy-clean: in.csv: empty input: no header row"
	fails_with 1 'a,b,a\n'                       "svy-clean: in.csv:1: column 'a': header has this name twice (fields 1 and 3); --rename-duplicates renames the later one"
	fails_with 1 '\n\na,b,a\n'                   "svy-clean: in.csv:3: column 'a': header has this name twice (fields 1 and 3); --rename-duplicates renames the later one"
	fails_with 1 'a,b\n1,x\0y\n'                 "svy-clean: in.csv:2: column 'b': NUL byte (at byte 2 of the field)"
	fails_with 1 'a,b\n1,x\0y\n'                 "svy-clean: in.csv:2: column 'b': NUL byte (at byte 2 of the field)" --invalid-utf8=replace
	fails_with 2 'a,b\n'                         "svy-clean: unknown option '--frobnicate'
Try 'svy-clean --help' for more information." --frobnicate
	fails_with 2 'id,submitdate,Q1\n'            "svy-clean: in.csv: no column 'done'; the columns are 'id', 'submitdate', 'Q1'
Try 'svy-clean --help' for more information." --complete-column done
	fails_with 2 'id,Q1\n'                       "svy-clean: in.csv: no column 'Q9'; the columns are 'id', 'Q1'
Try 'svy-clean --help' for more information." --pii Q9
	fails_with 2 'a\n'                           "svy-clean: option '--delimiter': '|' is not a delimiter (',', ';', 'tab')
Try 'svy-clean --help' for more information." --delimiter '|'
	fails_with 2 'a\n'                           "svy-clean: option '--invalid-utf8': 'skip' is not one of: error, replace
Try 'svy-clean --help' for more information." --invalid-utf8=skip
	fails_with 2 'a\n'                           "svy-clean: column 'a': --pii and --keep-pii contradict each other
Try 'svy-clean --help' for more information." --keep-pii a --pii a
	fails_with 2 'a\n'                           "svy-clean: in.csv: no column 'b'; the columns are 'a'
Try 'svy-clean --help' for more information." --keep-pii b
	fails_with 2 'a\n'                           "svy-clean: option '--platform': 'spss' is not one of: other, limesurvey, qualtrics, sosci, google-forms
Try 'svy-clean --help' for more information." --platform spss
	fails_with 2 'a,email\n'                     "svy-clean: every column is personal data: nothing left to write (see --keep-pii)
Try 'svy-clean --help' for more information." --pii a
}

@test "header only: the header alone; blank lines only after it: the same" {
	clean_is 'id,submitdate\r\n' 'id\tsubmitdate'
	clean_is 'id,submitdate\r\n\r\n\n' 'id\tsubmitdate'
}

@test "a missing file, two files, an option without its argument" {
	run svy clean no-such.csv
	assert_failure 1
	assert_output "svy-clean: no-such.csv: No such file or directory"
	run svy clean a.csv b.csv
	assert_failure 2
	assert_line --index 0 "svy-clean: too many operands: one input file at most (got 'a.csv' and 'b.csv')"
	run svy clean --pii </dev/null
	assert_failure 2
	assert_line --index 0 "svy-clean: option '--pii' needs a value"
}

@test "a 1 MB field passes whole" {
	awk 'BEGIN { printf "id,Q1\n1,\""; for (i = 0; i < 65536; i++) printf "0123456789abcd\"\""; print "\"" }' >in.csv
	run svy clean -q in.csv
	assert_success
	[ "${#lines[1]}" -eq $((2 + 65536 * 15)) ] || fail "length ${#lines[1]}"
	[ "${lines[1]:0:21}" = "1	0123456789abcd\"0123" ]
}

@test "a 1 MB field of '@' is scanned for e-mail addresses in linear time" {
	awk 'BEGIN { print "id,Q1"; printf "1,"; for (i = 0; i < 65536; i++) printf "@@@@@@@@@@@@@@@@"; print "" }' >in.csv
	run timeout 20 "$BIN/clean" -q in.csv
	assert_success
	[ "${#lines[1]}" -eq $((2 + 65536 * 16)) ] || fail "length ${#lines[1]}"
}

@test "a 100,000-column header, quickly" {
	awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "%sQ%d", (i > 1 ? "," : ""), i; print ""
		for (i = 1; i <= 100000; i++) printf "%s%d", (i > 1 ? "," : ""), i; print "" }' >in.csv
	run timeout 20 "$BIN/clean" -q in.csv
	assert_success
	[ "${#lines[@]}" -eq 2 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '{ print NF, $NF }' | tr '\n' ' ')" = "100000 Q100000 100000 100000 " ]
}

@test "stdin as '-' and as no argument" {
	run bash -c "printf 'a,b\n1,2\n' | '$BIN/clean' -q -"
	assert_success
	assert_output "$(printf 'a\tb\n1\t2')"
	run bash -c "printf 'a;b\n1;2\n' | '$BIN/clean' -q"
	assert_output "$(printf 'a\tb\n1\t2')"
}

@test "--help and --version" {
	run svy clean --help
	assert_success
	assert_line --index 0 "usage: svy-clean [OPTION]... [FILE]"
	run svy clean --version
	assert_output "svy-clean (svy) $(cat "$SVY_ROOT/VERSION")"
}

@test "the grammar: -i FILE, --input FILE, a trailing FILE and stdin read the same" {
	printf 'id,Q1,submitdate\n1,a,2020\n2,b,\n' >in.csv
	svy clean -q in.csv >want.tsv
	for how in "-i in.csv" "--input in.csv" "--input=in.csv" "-i -" "-"; do
		run --separate-stderr bash -c "'$BIN/clean' -q $how <in.csv"
		assert_success
		[ "$output" = "$(cat want.tsv)" ] || fail "$how: $output"
	done
	run --separate-stderr svy clean -i in.csv in.csv
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-clean: give the input once: -i 'in.csv' or the operand 'in.csv', not both" ]
	# a tab delimiter is 'tab' or a TAB; the old spellings TAB and '\t' are gone
	printf 'a\tb\n1\t2\n' >tab.csv
	for d in tab "$(printf '\t')"; do
		run --separate-stderr svy clean -q -d "$d" tab.csv
		assert_output "$(printf 'a\tb\n1\t2')"
	done
	for d in TAB '\t'; do
		run --separate-stderr svy clean -q -d "$d" tab.csv
		assert_failure 2
		[ "${stderr_lines[0]}" = "svy-clean: option '--delimiter': '$d' is not a delimiter (',', ';', 'tab')" ] || fail "-d $d: $stderr"
	done
	run --separate-stderr svy clean -q -d semicolon in.csv
	assert_output "$(printf 'id,Q1,submitdate\n1,a,2020\n2,b,')"
}

# ---- platforms: LimeSurvey, Qualtrics, SoSci Survey, Google Forms ----------

P="$FIXTURES/platforms"

# fixture | its summary line | the output's header | the kept rows' key column
platform_rows() {
	cat <<'EOF2'
qualtrics.csv|svy-clean: Qualtrics export (3 header rows): read 4 rows, kept 3, dropped 1 (incomplete: 'Finished' not 1 or True); removed 7 of 22 columns: 'IPAddress', 'RecipientLastName', 'RecipientFirstName', 'RecipientEmail', 'ExternalReference', 'LocationLatitude', 'LocationLongitude' (personal data)|StartDate EndDate Status Progress Duration (in seconds) Finished RecordedDate ResponseId DistributionChannel UserLanguage Q1 Q2_1 Q2_2 Q4 Q3|ResponseId:R_1a2B3c4D5e6F7g8 R_3o4P5q6R7s8T9u0 R_4v5W6x7Y8z9A0b1
qualtrics.tsv|svy-clean: Qualtrics export (3 header rows): read 4 rows, kept 3, dropped 1 (incomplete: 'Finished' not 1 or True); removed 7 of 22 columns: 'IPAddress', 'RecipientLastName', 'RecipientFirstName', 'RecipientEmail', 'ExternalReference', 'LocationLatitude', 'LocationLongitude' (personal data)|StartDate EndDate Status Progress Duration (in seconds) Finished RecordedDate ResponseId DistributionChannel UserLanguage Q1 Q2_1 Q2_2 Q4 Q3|ResponseId:R_1a2B3c4D5e6F7g8 R_3o4P5q6R7s8T9u0 R_4v5W6x7Y8z9A0b1
qualtrics-legacy.csv|svy-clean: Qualtrics export (2 header rows): read 3 rows, kept 2, dropped 1 (incomplete: 'Finished' not 1 or True); removed 6 of 17 columns: 'Name', 'ExternalDataReference', 'EmailAddress', 'IPAddress', 'LocationLatitude', 'LocationLongitude' (personal data)|ResponseID ResponseSet Status StartDate EndDate Finished Q1 Q2_1 Q2_2 Q3 LocationAccuracy|ResponseID:R_8cP2xZkQ4bLm1Aa R_0eR4zBmS6dNo3Cc
sosci.csv|svy-clean: SoSci Survey export: read 4 rows, kept 3, dropped 1 (incomplete: 'FINISHED' not 1 or True); removed 1 of 23 columns: 'REF' (personal data); wrote 2 values -9 (SoSci Survey's 'not answered': --na -9 writes them empty)|CASE SERIAL QUESTNNR MODE STARTED PW01 PW02_01 PW02_02 PW03 TIME001 TIME002 TIME_SUM MAILSENT LASTDATA FINISHED Q_VIEWER LASTPAGE MAXPAGE MISSING MISSREL TIME_RSI DEG_TIME|CASE:112 115 116
google-forms.csv|svy-clean: Google Forms export: read 5 rows, kept 5, dropped 0 (Google Forms records submitted responses only: every row kept); removed 1 of 5 columns: 'Email Address' (personal data)|Timestamp How often do you use a password manager? Which of these do you use? Is there anything else you want to tell us about passwords?|Timestamp:2024/03/04 10:19:40 AM GMT+1 2024/03/04 11:03:01 AM GMT+1 2024/03/05 9:41:12 AM GMT+1 2024/03/05 2:12:55 PM GMT+1 2024/03/06 8:30:07 AM GMT+1
EOF2
}

@test "platforms: each export's platform named, its header rows skipped, its completion and personal data" {
	while IFS='|' read -r file summary header keys; do
		run --separate-stderr svy clean -r rej.tsv "$P/$file"
		[ "$status" -eq 0 ] || fail "$file: status $status, $stderr"
		[ "$stderr" = "$summary" ] || fail "$file: $stderr"
		[ "$(head -1 <<<"$output" | tr '\t' ' ')" = "$header" ] || fail "$file header: $(head -1 <<<"$output")"
		# the kept rows, by their key column: no header row among them
		col=$(head -1 <<<"$output" | tr '\t' '\n' | grep -nx "${keys%%:*}" | cut -d: -f1)
		[ "$(tail -n +2 <<<"$output" | cut -f"$col" | paste -sd ' ')" = "${keys#*:}" ] ||
			fail "$file rows: $(tail -n +2 <<<"$output" | cut -f"$col")"
		# no personal data left: not the addresses, not the IPs, not REF
		if grep -qE 'example\.(org|com|net)|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|panel-|ImportId' <(printf '%s\n' "$output") rej.tsv; then
			fail "$file: personal data or a header row left: $(grep -E 'example|192\.0|panel-|ImportId' <(printf '%s\n' "$output") rej.tsv)"
		fi
		# read = kept + dropped, the dropped in the rejects
		n=$(tail -n +2 rej.tsv | wc -l)
		[[ "$summary" == *"dropped $n "* ]] || fail "$file: $n rejects"
		echo "$file" >>checked
	done < <(platform_rows)
	[ "$(wc -l <checked)" -eq 5 ]
}

@test "platforms: --platform overrides the header; --complete-column and --keep-pii win" {
	# other: Qualtrics' rows 2 and 3 are data then, and Finished says nothing
	run --separate-stderr svy clean --platform other "$P/qualtrics.csv"
	assert_success
	[ "$stderr" = "svy-clean: read 6 rows, kept 6, dropped 0 (no submitdate column and no --complete-column: every row kept); removed 1 of 22 columns: 'RecipientEmail' (e-mail, by name)" ] || fail "$stderr"
	# a platform whose completion column the header lacks
	run --separate-stderr svy clean --platform sosci "$P/google-forms.csv"
	assert_failure 1
	[ "$stderr" = "svy-clean: $P/google-forms.csv:1: column 'FINISHED': not in the header, which a SoSci Survey export has (--complete-column names another)" ] || fail "$stderr"
	run --separate-stderr svy clean -q --platform sosci --keep-incomplete "$P/google-forms.csv"
	assert_success
	# --complete-column: not empty, whatever the platform (Q3 is answered twice)
	run --separate-stderr svy clean --complete-column Q3 "$P/qualtrics.csv"
	assert_success
	[[ "$stderr" == "svy-clean: Qualtrics export (3 header rows): read 4 rows, kept 2, dropped 2 (incomplete: 'Q3' empty);"* ]] || fail "$stderr"
	# --keep-pii keeps one column, named in the summary
	run --separate-stderr svy clean --keep-pii UserLanguage --keep-pii IPAddress "$P/qualtrics.csv"
	assert_success
	[ "$(head -1 <<<"$output" | cut -f4)" = IPAddress ]
	[ "$(sed -n 2p <<<"$output" | cut -f4)" = 192.0.2.17 ]
	[[ "$stderr" == *"removed 6 of 22 columns: 'RecipientLastName', "*"; kept by --keep-pii: 'IPAddress'" ]] || fail "$stderr"
}

@test "platforms: Finished as 1/0 or True/False; another value, or edited header rows, are named errors" {
	# Qualtrics' three header rows, then responses finished (True, 1) or not
	printf 'ResponseId,Finished,Q1\r\nResponse ID,Finished,Question 1\r\n"{""ImportId"":""_recordId""}","{""ImportId"":""finished""}","{""ImportId"":""QID1""}"\r\nR_1,True,a\r\nR_2,false,b\r\nR_3,,c\r\nR_4,1,d\r\n' >in.csv
	run --separate-stderr svy clean in.csv
	assert_success
	assert_output "$(printf 'ResponseId\tFinished\tQ1\nR_1\tTrue\ta\nR_4\t1\td')"
	[[ "$stderr" == "svy-clean: Qualtrics export (3 header rows): read 4 rows, kept 2, dropped 2 "* ]] || fail "$stderr"
	# input | the message after "svy-clean: in.csv:"
	while IFS='|' read -r input message; do
		printf "$input" >in.csv
		run --separate-stderr svy clean in.csv
		[ "$status" -eq 1 ] || fail "$input: status $status"
		[ "$stderr" = "svy-clean: in.csv:$message" ] || fail "$input: $stderr"
		echo . >>checked
	done <<'EOF2'
ResponseId,Finished,Q1\nR_1,yes,a\n|2: column 'Finished': not 1 or True (a finished response) nor 0, False or empty (an unfinished one) (got 'yes')
ResponseId,Finished,Q1\nResponse ID,Finished,Q1\nR_1,2,a\n|3: column 'Finished': not 1 or True (a finished response) nor 0, False or empty (an unfinished one) (got '2')
ResponseId,Finished,Q1\nResponse ID,Finished,Q1\n"{""ImportId"":""_recordId""}",edited,"{""ImportId"":""QID1""}"\n|3: column 'Finished': Qualtrics' {"ImportId":...} header row has another value here: were the header rows edited? (got 'edited')
ResponseId,Finished,Q1\n"{""ImportId"":""_recordId""}","{""ImportId"":""finished""}","{""ImportId"":""QID1""}"\nResponse ID,Finished,Q1\n|3: Qualtrics' question texts after its {"ImportId":...} row: were the header rows edited?
SERIAL,CASE,QUESTNNR,STARTED,FINISHED\n,1,base,2024-03-04,maybe\n|2: column 'FINISHED': not 1 or True (a finished response) nor 0, False or empty (an unfinished one) (got 'maybe')
EOF2
	[ "$(wc -l <checked)" -eq 5 ]
	# the legacy layout given, and row 2 does not name the columns
	printf 'V1,V2,Q1\nR_1,Default Response Set,a\n' >in.csv
	run --separate-stderr svy clean --platform qualtrics in.csv
	assert_failure 1
	[ "$stderr" = "svy-clean: in.csv:2: column 'V1': a legacy Qualtrics export gives its columns' names in row 2, starting ResponseID" ] || fail "$stderr"
	# not given: an export whose columns happen to be V1, V2 is no platform
	run --separate-stderr svy clean -q in.csv
	assert_success
	assert_output "$(printf 'V1\tV2\tQ1\nR_1\tDefault Response Set\ta')"
}

@test "platforms: a LimeSurvey export is named; an export of no known platform is not" {
	run --separate-stderr svy clean "$D/limesurvey-text.csv"
	[[ "$stderr" == "svy-clean: LimeSurvey export: read 3 rows"* ]] || fail "$stderr"
	printf 'id,submitdate,Q1\n1,2020,a\n2,,b\n' >in.csv
	run --separate-stderr svy clean in.csv
	[ "$stderr" = "svy-clean: read 2 rows, kept 1, dropped 1 (incomplete: 'submitdate' empty)" ] || fail "$stderr"
}

# ---- the reader's two paths: whole lines split in place, libcsv for the rest

# both_paths IN WANT [ARGS]: clean reads IN the same with its fast path
# (lines split in place) and with libcsv alone (SVY_CSV_SLOW=1): the same
# output, messages and status; the output is WANT (an error: its message)
both_paths() {
	local in=$1 want=$2
	shift 2
	printf "$in" >in.csv
	run --separate-stderr svy clean -q "$@" in.csv
	local out=$output err=$stderr st=$status
	SVY_CSV_SLOW=1 run --separate-stderr svy clean -q "$@" in.csv
	[ "$status" = "$st" ] || fail "status: fast $st, slow $status for '$in'"
	[ "$output" = "$out" ] || fail "output for '$in': fast '$out', slow '$output'"
	[ "$stderr" = "$err" ] || fail "stderr for '$in': fast '$err', slow '$stderr'"
	if [ "$st" = 0 ]; then
		[ "$out" = "$(printf "$want")" ] || fail "output for '$in': '$out', want '$want'"
	else
		[ "$err" = "$want" ] || fail "stderr for '$in': '$err', want '$want'"
	fi
}

@test "the reader's fast and slow paths agree: quoted and unquoted rows, CRLF, BOM, newlines in quotes" {
	#          input                                          output (or message)
	both_paths '\xef\xbb\xbfa,b,c\r\n1,"x",3\r\n"4",5,"six"\r\n'  'a\tb\tc\n1\tx\t3\n4\t5\tsix'
	both_paths 'a,b\n1,"line1\nline2"\n"2",x\n'                 'a\tb\n1\tline1\\nline2\n2\tx'
	both_paths 'a,b\r\n1,"l1\r\nl2"\r\n3,4\r\n'                 'a\tb\n1\tl1\\r\\nl2\n3\t4'
	both_paths 'a,b\n"say ""hi""",2\n3,"4"\n'                   'a\tb\nsay "hi"\t2\n3\t4'
	both_paths 'a,b\r1,2\r3,4\n5,6\n'                           'a\tb\n1\t2\n3\t4\n5\t6'
	both_paths 'a,b\n\n1,2\r\n\r\n"3",4\n\n'                    'a\tb\n1\t2\n3\t4'
	both_paths 'a,b,c\n1,,\n,,\n"",,""\n'                       'a\tb\tc\n1\t\t\n\t\t\n\t\t'
	both_paths 'a,b\n1,2\n"3",4'                                'a\tb\n1\t2\n3\t4'
	both_paths 'a;b\n"1;x";2\n3;"4"\n'                          'a\tb\n1;x\t2\n3\t4'
	both_paths 'a\tb\n"1\tx"\t2\n3\t"4"\n'                      'a\tb\n1\\tx\t2\n3\t4'
	both_paths 'a,b\n 1 ,"\xc3\xa9"\n"\xe2\x82\xac",2\n'        'a\tb\n 1 \t\xc3\xa9\n\xe2\x82\xac\t2'
	both_paths 'a,b\r"x\n\n1",2\n'                           'a\tb\nx\\n\\n1\t2'
	both_paths 'a,b\n1,\xff\n'                                  'a\tb\n1\t\xef\xbf\xbd' --invalid-utf8=replace
	both_paths 'a,b\n1,"x"y\n'                                  "svy-clean: in.csv:2: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter ',')"
	both_paths 'a,b\n1,x"y"\n'                                  "svy-clean: in.csv:2: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter ',')"
	both_paths 'a,b\n1, "2"\n'                                  "svy-clean: in.csv:2: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter ',')"
	both_paths 'a,b\n1,2\n3,"4\n5\n'                            "svy-clean: in.csv:3: unterminated quoted field at the end of the input (the field starts here)"
	both_paths 'a,b\n1,"2"\n3,"4",5\n'                          "svy-clean: in.csv:3: row has 3 fields, header has 2"
	both_paths 'a,b\n1,"x\0y"\n'                                "svy-clean: in.csv:2: column 'b': NUL byte (at byte 2 of the field)"
	both_paths 'a,b\n"1","\xe9"\n'                              "svy-clean: in.csv:2: column 'b': invalid UTF-8 (byte 0xE9 at byte 1 of the field); --invalid-utf8=replace writes U+FFFD instead"
	# every field quoted, lines of 16 bytes and more (the export's rows: split by
	# the pairs of quotes), and such lines that are not pairs after all
	both_paths '"a","b","c","d","e","f","g"\n"","","","","","",""\n'  'a\tb\tc\td\te\tf\tg\n\t\t\t\t\t\t'
	both_paths '"a","b"\n"1234567890123456789","x,y"\r\n"",""\n'    'a\tb\n1234567890123456789\tx,y\n\t'
	both_paths '"a","b"\n"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9","1"\n' 'a\tb\n\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\t1'
	both_paths '"a","b"\n"1234567890123","say ""hi"" again"\n'   'a\tb\n1234567890123\tsay "hi" again'
	both_paths '"a","b"\n"1234567890123456","x",""\n'         "svy-clean: in.csv:2: row has 3 fields, header has 2"
	both_paths '"a","b"\n"1234567890123456";"x"\n'           "svy-clean: in.csv:2: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter ',')"
	both_paths '"a","b"\n"1234567890123456" ,"x"\n'          "svy-clean: in.csv:2: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter ',')"
	both_paths '"a","b"\n"1234567890123456","x\ry"\n'         'a\tb\n1234567890123456\tx\\ry'
	both_paths '"a","b"\n"1234567890123456","\xe9x"\n'        "svy-clean: in.csv:2: column 'b': invalid UTF-8 (byte 0xE9 at byte 1 of the field); --invalid-utf8=replace writes U+FFFD instead"
}

@test "the reader's fast and slow paths agree over chunk boundaries: 20,000 mixed rows, long lines" {
	awk 'BEGIN { srand(7); printf "\xef\xbb\xbfid,t,n\r\n"
		for (i = 1; i <= 20000; i++) {
			k = i % 9
			if (k == 0) printf "%d,\"two\r\nlines\",%d\r\n", i, i
			else if (k == 1) printf "\"%d\",\"q \"\"x\"\"\",%d\n", i, i
			else if (k == 2) printf "%d,plain,\"%d\"\r\n", i, i
			else if (k == 3) printf "\r\n"	# blank: no row (2,222 of them)
			else if (k == 4) { printf "%d,\"", i; for (j = 0; j < 9000; j++) printf "abcdefgh"; printf "\",%d\n", i }
			else if (k == 5) printf "%d,,\n", i
			else if (k == 6) printf "%d,\"\xc3\xa4\",\"\"\n", i
			else printf "\"%d\",\"%s\",\"%d\"\n", i, substr("abcdefghijklmnop", 1, int(rand() * 16)), i
		} }' >in.csv
	svy clean -q in.csv >fast.tsv
	SVY_CSV_SLOW=1 svy clean -q in.csv >slow.tsv
	[ "$(wc -l <fast.tsv)" -eq 17779 ] || fail "$(wc -l <fast.tsv) lines"
	cmp fast.tsv slow.tsv
}
