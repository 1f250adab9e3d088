#!/usr/bin/env bats
# The first mistakes a new user makes, and what svy says: one table per
# class, a row per tool where the class applies. Each message names the
# mistake and what to do, implemented once in lib (tsv, cols, csvread, cli,
# err, rowfilter) so that every tool says it the same way.

load test_helper

# rows TABLE: the rows of a table without comments and blank lines
rows() {
	grep -v '^#' | grep -v '^[[:space:]]*$'
}

# expect_first TOOL ARGS STATUS MESSAGE: run svy TOOL ARGS (a shell word
# list); its status and first line of standard error must be these.
expect_first() {
	local tool=$1 args=$2 want=$3 message=$4
	eval "set -- $args"
	run --separate-stderr svy "$tool" "$@"
	[ "$status" -eq "$want" ] || fail "$tool $args: status $status, want $want: '$stderr'"
	[ "${stderr_lines[0]}" = "$message" ] ||
		fail "$tool $args: '${stderr_lines[0]}', want '$message'"
	echo "$tool" >>checked
}

# the mistake -> what svy says: a CSV export given to a TSV tool
@test "a CSV export given to a TSV tool: 'this looks like a CSV export (delimiter ';'): run svy-clean first'" {
	printf 'ResponseId;IC1;Q11_1\n1;2;3\n' >semi.csv
	printf 'id,a,b\n1,2,3\n' >comma.csv
	printf '"id","a b","c"\n"1","2","3"\n' >quoted.csv
	printf 'column\trename\tlabel\tcode\tvalue\n@s\t\tYes\tY\t1\nQ1\tq1\t@s\t\t\n' >codebook.tsv
	rows <<'EOF2' | while IFS='|' read -r tool args; do
describe|
filter|-w Q11_1=1
filter-students|
derive|--sum s=IC1,Q11_1
tally|-c IC1
encode-likert|-b codebook.tsv
bh-correct|
report|
cluster|-c a,b --k 2
factor|-c a,b,c
kappa|-c a,b
plot|-c a
EOF2
		expect_first "$tool" "$args semi.csv" 1 \
			"svy-$tool: semi.csv:1: this looks like a CSV export (delimiter ';'), not TSV: run svy-clean first"
		expect_first "$tool" "$args comma.csv" 1 \
			"svy-$tool: comma.csv:1: this looks like a CSV export (delimiter ','), not TSV: run svy-clean first"
		expect_first "$tool" "$args quoted.csv" 1 \
			"svy-$tool: quoted.csv:1: this looks like a CSV export (delimiter ','), not TSV: run svy-clean first"
	done
	[ "$(sort -u checked | wc -l)" -eq 12 ] || fail "rows checked: $(sort -u checked)"
	# describe no longer describes "1 column" with exit 0
	run --separate-stderr svy describe semi.csv
	assert_failure 1
	assert_output ""
	# a one-column TSV without a delimiter in its name is still a TSV
	printf 'p\n0.5\n' >one.tsv
	run svy describe -q one.tsv
	assert_success
	assert_line --index 1 --partial "1	p	number	1"
}

# the mistake -> what svy says: a misspelled column
@test "a misspelled column: 'did you mean', in every tool that looks a column up" {
	printf 'id\tage\tgender\tyears_ml\n1\t30\tf\t2\n2\t40\tm\t3\n3\t50\tf\t9\n' >in.tsv
	rows <<'EOF2' | while IFS='|' read -r tool args wrong right; do
describe|-c agee|agee|age
describe|-c Age|Age|age
describe|-c yaers_ml|yaers_ml|years_ml
filter|-w gendr=f|gendr|gender
filter-students|-c gendre|gendre|gender
derive|--sum s=agee,years_ml|agee|age
tally|-c gendr|gendr|gender
cluster|-c agee,years_ml --k 2|agee|age
kappa|-c agee,gender|agee|age
plot|-c yeras_ml|yeras_ml|years_ml
factor|-c age,yaers_ml,id|yaers_ml|years_ml
bh-correct|--p-column agee|agee|age
EOF2
		expect_first "$tool" "$args in.tsv" 2 \
			"svy-$tool: in.tsv: no column '$wrong'; did you mean '$right'?"
	done
	[ "$(sort -u checked | wc -l)" -eq 10 ] || fail "rows checked: $(sort -u checked)"
	# nothing near: the columns are listed, as before
	expect_first describe "-c zzz in.tsv" 2 \
		"svy-describe: in.tsv: no column 'zzz'; the columns are 'id', 'age', 'gender', 'years_ml'"
	# one- and two-letter names: only a difference of case is suggested
	expect_first describe "-c ag in.tsv" 2 \
		"svy-describe: in.tsv: no column 'ag'; the columns are 'id', 'age', 'gender', 'years_ml'"
	expect_first describe "-c ID in.tsv" 2 "svy-describe: in.tsv: no column 'ID'; did you mean 'id'?"
	# the suggestion among many columns, not 30 names and "132 more"
	awk 'BEGIN { for (i = 1; i <= 162; i++) printf "%sQ%d_%d", (i > 1 ? "\t" : ""), i, i % 5; print "" }' >wide.tsv
	expect_first describe "-c Q77-2 wide.tsv" 2 "svy-describe: wide.tsv: no column 'Q77-2'; did you mean 'Q77_2'?"
}

# the mistake -> what svy says: the wrong CSV delimiter
@test "a malformed CSV: the delimiter with which it parses is suggested" {
	printf '"id";"submitdate";"Q1"\n"1";"2020-01-01";"a"\n' >semi.csv
	printf '"id","submitdate","Q1"\n"1","2020-01-01","a"\n' >comma.csv
	printf 'id\tsubmitdate\tQ1\n1\t"2020-01-01"x\ta\n' >bad.csv
	rows <<'EOF2' | while IFS='|' read -r tool args message; do
clean|-d , semi.csv|svy-clean: semi.csv:1: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter ','); with delimiter ';' it parses (-d ';')
clean|-d ';' comma.csv|svy-clean: comma.csv:1: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter ';'); with delimiter ',' it parses (-d ',')
codebook|-d , semi.csv|svy-codebook: semi.csv:1: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter ','); with delimiter ';' it parses (-d ';')
clean|bad.csv|svy-clean: bad.csv:2: malformed CSV quoting: a quote inside an unquoted field, or text after a closing quote (delimiter '\t')
EOF2
		expect_first "$tool" "$args" 1 "$message"
	done
	[ "$(wc -l <checked)" -eq 4 ] || fail "rows checked: $(cat checked)"
}

# the mistake -> what svy says: a group (a value of a list) that is not there
@test "a value no row has: the values the column holds are listed" {
	printf 'id\tgender\n1\tfemale\n2\tmale\n3\tfemale\n4\t\n' >in.tsv
	run --separate-stderr svy filter -w gender=femal,male in.tsv
	assert_success
	[ "${stderr_lines[0]}" = "svy-filter: condition 'gender=femal,male': no row has 'femal'; column 'gender' holds 'female' (2), 'male' (1)" ] ||
		fail "$stderr"
	run --separate-stderr svy filter --drop -w 'gender!=mal' in.tsv
	[ "${stderr_lines[0]}" = "svy-filter: condition 'gender!=mal': no row has 'mal'; column 'gender' holds 'female' (2), 'male' (1)" ] ||
		fail "$stderr"
	# every value there: nothing to say but the summary
	run --separate-stderr svy filter -w gender=female,male in.tsv
	[ "${#stderr_lines[@]}" -eq 1 ] || fail "$stderr"
	run --separate-stderr svy filter-students -c gender -v student in.tsv
	[ "${stderr_lines[0]}" = "svy-filter-students: no row matched the values given; column 'gender' holds 'female' (2), 'male' (1)" ] ||
		fail "$stderr"
}

# the mistake -> what svy says: a file in another encoding, a directory
# (clean converts UTF-16 with a byte-order mark, as Qualtrics writes its TSV
# export: see 33-platforms; without one it is named)
@test "UTF-16, two BOMs, a directory: named, not 'malformed quoting' or 'read error'" {
	printf 'id,submitdate,Q1\n1,2020,x\n' | iconv -f UTF-8 -t UTF-16 >u16.csv
	printf 'id,submitdate,Q1\n1,2020,x\n' | iconv -f UTF-8 -t UTF-16BE >u16be.csv
	printf 'id\tQ3\n1\tA2\n' | iconv -f UTF-8 -t UTF-16LE >u16.tsv
	mkdir dir
	rows <<'EOF2' | while IFS='|' read -r tool args status message; do
clean|u16.csv|0|svy-clean: read 1 row, kept 1, dropped 0 (incomplete: 'submitdate' empty)
clean|u16be.csv|1|svy-clean: u16be.csv: this is UTF-16 text; svy reads UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)
codebook|u16.csv|1|svy-codebook: u16.csv: this is UTF-16 text; svy reads UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)
describe|u16.tsv|1|svy-describe: u16.tsv: this is UTF-16 text; svy reads UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)
filter-students|u16.tsv|1|svy-filter-students: u16.tsv: this is UTF-16 text; svy reads UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)
codebook|dir|1|svy-codebook: dir: is a directory: give a file
clean|dir|1|svy-clean: dir: is a directory: give a file
describe|dir|1|svy-describe: dir: is a directory: give a file
filter|-w a=1 dir|1|svy-filter: dir: is a directory: give a file
EOF2
		expect_first "$tool" "$args" "$status" "$message"
	done
	[ "$(wc -l <checked)" -eq 9 ] || fail "rows checked: $(cat checked)"
	# two BOMs (a file converted twice): both stripped, never in a column name
	printf '\xef\xbb\xbf\xef\xbb\xbfid,submitdate,Q1\n1,2020,x\n' >bom2.csv
	run svy clean -q bom2.csv
	assert_success
	assert_line --index 0 "$(printf 'id\tsubmitdate\tQ1')"
	printf '\xef\xbb\xbf\xef\xbb\xbfid\tQ1\n1\tx\n' >bom2.tsv
	run svy describe -q --names bom2.tsv
	assert_line --index 1 "$(printf '1\tid')"
}

# the mistake -> what svy says: control bytes in a name reach no terminal raw
@test "a TAB, newline or ESC in a column name or value is escaped in every message" {
	printf 'id\tQ3\n1\tA2\n' >in.tsv
	rows <<'EOF2' | while IFS='|' read -r tool args message; do
describe|-c $'a\tb' in.tsv|svy-describe: in.tsv: no column 'a\tb'; the columns are 'id', 'Q3'
describe|-c $'x\e[31m' in.tsv|svy-describe: in.tsv: no column 'x\x1b[31m'; the columns are 'id', 'Q3'
filter|-w $'x\e]0;t\a=1' in.tsv|svy-filter: in.tsv: no column 'x\x1b]0;t\x07'; the columns are 'id', 'Q3'
filter-students|-c $'Q\n3' in.tsv|svy-filter-students: in.tsv: no column 'Q\n3'; did you mean 'Q3'?
derive|--sum $'s=Q\r,id' in.tsv|svy-derive: in.tsv: no column 'Q\r'; the columns are 'id', 'Q3'
derive|--sum $'id\e=Q3' in.tsv|svy-derive: in.tsv:2: column 'Q3': not a number (got 'A2')
EOF2
		expect_first "$tool" "$args" "$( [[ $message == *got* ]] && echo 1 || echo 2)" "$message"
		[[ "$stderr" != *$'\e'* && "$stderr" != *$'\t'* && "$stderr" != *$'\r'* ]] ||
			fail "$tool $args: a raw control byte in '$stderr'"
	done
	[ "$(wc -l <checked)" -eq 6 ] || fail "rows checked: $(cat checked)"
	# a name given twice, a derived name that exists: quoted too
	expect_first derive "--sum $'id\e=Q3' --sum $'id\e=Q3' in.tsv" 2 "svy-derive: column 'id\x1b' is derived twice"
}

# the mistake -> what svy says: a TSV with a raw carriage return inside a field
@test "a raw CR inside a TSV field: an error naming the line and column, never a level lost" {
	printf 'a\tb\n1\tc\r\t\n' >mid.tsv
	printf 'a\tb\n1\tc\r\r\n2\tc\n' >end.tsv
	printf 'a\tb\r1\tc\r' >mac.tsv
	rows <<'EOF2' | while IFS='|' read -r tool args message; do
filter|-w a=1 end.tsv|svy-filter: end.tsv:2: column 'b': a carriage return (CR) inside a field: TSV writes it as \r (CR line ends? convert them to LF)
describe|end.tsv|svy-describe: end.tsv:2: column 'b': a carriage return (CR) inside a field: TSV writes it as \r (CR line ends? convert them to LF)
tally|-c b end.tsv|svy-tally: end.tsv:2: column 'b': a carriage return (CR) inside a field: TSV writes it as \r (CR line ends? convert them to LF)
filter-students|-c b mid.tsv|svy-filter-students: mid.tsv:2: column 'b': a carriage return (CR) inside a field: TSV writes it as \r (CR line ends? convert them to LF)
describe|mac.tsv|svy-describe: mac.tsv:1: a carriage return (CR) inside a field: TSV writes it as \r (CR line ends? convert them to LF)
EOF2
		expect_first "$tool" "$args" 1 "$message"
	done
	[ "$(wc -l <checked)" -eq 5 ] || fail "rows checked: $(cat checked)"
	# escaped, it is data: 'c\r' and 'c' are two levels, through filter and back
	printf 'a\tb\n1\tc\\r\n2\tc\n' >esc.tsv
	svy filter -q -w 'a>=1' esc.tsv | svy describe -q -c b --top 2 >out.tsv
	[ "$(cut -f6 out.tsv | tail -1)" = 2 ] || fail "$(cat out.tsv)"
	# CRLF line ends are still line ends
	printf 'a\tb\r\n1\tc\r\n' | svy filter -q -w a=1 >out.tsv
	[ "$(cat out.tsv)" = "$(printf 'a\tb\n1\tc')" ]
}
