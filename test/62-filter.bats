#!/usr/bin/env bats
# svy filter: keep or drop rows by conditions on named columns (lib/cond).

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	printf 'id\tage\tcountry\tq3\temail\n' > in.tsv
	printf '1\t25\tGermany\tA1\ta@x\n' >> in.tsv
	printf '2\t31\taustria\tA2\t\n' >> in.tsv
	printf '3\t\tFrance\tA1\tb@y\n' >> in.tsv
	printf '4\t40.0\t\tA3\tc@z\n' >> in.tsv
	printf '5\t30\tA,B\tA2\t\n' >> in.tsv
}

# ids kept, space-separated
kept() {
	svy filter -q "$@" in.tsv | tail -n +2 | cut -f1 | tr '\n' ' ' | sed 's/ $//'
}

@test "conditions: equal, in a list, not equal, missing, present, numeric comparisons, -I, --drop" {
	while IFS='|' read -r args want; do
		got=$(kept $args)
		[ "$got" = "$want" ] || fail "$args: kept '$got', want '$want'"
	done <<-'EOT'
	-w country=Germany|1
	-w country=Germany,Austria|1
	-I -w country=Germany,Austria|1 2
	-w country!=Germany|2 3 5
	-w country=|4
	-w country!=|1 2 3 5
	-w email=|2 5
	-w age>=30|2 4 5
	-w age>30|2 4
	-w age<30|1
	-w age<=30|1 5
	-w age=40|4
	-w age=30,40|4 5
	-w age!=40|1 2 5
	-w country=A\,B|5
	-w q3=A1 -w age<30|1
	-w q3!=A1 -w email!=|4
	--drop -w q3=A1|2 4 5
	--drop -w q3=A1 -w email=|1 2 3 4 5
	--drop -w country=|1 2 3 5
	-I -w q3=a1|1 3
	-w q3=a1|
	EOT
}

@test "summary: read, kept, dropped per condition; --rejects has the rows and the condition they failed" {
	run svy filter -w 'q3=A1,A2' -w 'age>=30' --rejects rej.tsv in.tsv
	assert_success
	assert_output - <<-'EOT'
	id	age	country	q3	email
	2	31	austria	A2	
	5	30	A,B	A2	
	svy-filter: read 5 rows, kept 2, dropped 3 (not q3=A1,A2: 1; not age>=30: 2)
	EOT
	run cat rej.tsv
	assert_output - <<-'EOT'
	id	age	country	q3	email	reason
	1	25	Germany	A1	a@x	age>=30
	3		France	A1	b@y	age>=30
	4	40.0		A3	c@z	q3=A1,A2
	EOT
	run svy filter --drop -w q3=A1 -w 'age<30' --rejects rej.tsv -i in.tsv
	assert_line --index 5 "svy-filter: read 5 rows, kept 4, dropped 1 (q3=A1 and age<30)"
	assert_equal "$(tail -1 rej.tsv | cut -f6)" "q3=A1 and age<30"
	# -q: no summary; stdin as well as FILE
	run svy filter -q -w q3=A3 < in.tsv
	assert_output "$(printf 'id\tage\tcountry\tq3\temail\n4\t40.0\t\tA3\tc@z')"
}

@test "values are unescaped before comparing; the output keeps the rows as read" {
	printf 'a\tb\nx\\ty\t1\nx\t2\n' > esc.tsv
	run svy filter -q -w "$(printf 'a=x\ty')" esc.tsv
	assert_output "$(printf 'a\tb\nx\\ty\t1')"
}

@test "bad conditions: usage errors naming the condition" {
	while IFS='|' read -r cond message; do
		run svy filter -w "$cond" in.tsv
		[ "$status" -eq 2 ] || fail "'$cond': exit $status"
		[ "${lines[0]}" = "$message" ] || fail "'$cond': got '${lines[0]}', want '$message'"
	done <<-'EOT'
	age|svy-filter: condition 'age': no operator (=, !=, <, <=, >, >=): give COLUMN=VALUE
	=3|svy-filter: condition '=3': no column name before '='
	age!3|svy-filter: condition 'age!3': '!' must be followed by '='
	age>=|svy-filter: condition 'age>=': '>=' needs a number after it
	age<x|svy-filter: condition 'age<x': 'x': not a number
	age<1e400|svy-filter: condition 'age<1e400': '1e400': number out of range
	age>nan|svy-filter: condition 'age>nan': 'nan': not a finite number
	q3=A1,,A2|svy-filter: condition 'q3=A1,,A2': empty value in the list (COLUMN= alone means missing)
	q3=A1,|svy-filter: condition 'q3=A1,': empty value in the list (COLUMN= alone means missing)
	nope=1|svy-filter: in.tsv: no column 'nope'; the columns are 'id', 'age', 'country', 'q3', 'email'
	EOT
	run svy filter in.tsv
	assert_failure 2
	assert_line --index 0 "svy-filter: no condition: give one or more -w COLUMN=VALUE"
}

@test "a comparison with a value that is not a number: a data error at the row" {
	run svy filter -w 'country>3' in.tsv
	assert_failure 1
	assert_output --partial "svy-filter: in.tsv:2: column 'country': not a number, in condition 'country>3' (got 'Germany')"
}

@test "bad input: exact messages and exit status" {
	while IFS='|' read -r input message; do
		printf "$input" > bad.tsv
		run svy filter -w a=1 bad.tsv
		[ "$status" -eq 1 ] || fail "'$input': exit $status"
		[[ "$output" == *"$message"* ]] || fail "'$input': got '$output', want '$message'"
	done <<-'EOT'
	|svy-filter: bad.tsv: empty input: no header row
	a\tb\n1\t2\n3\n|svy-filter: bad.tsv:3: row has 1 field, header has 2
	a\tb\n1\t\0\n|svy-filter: bad.tsv:2: NUL byte in input
	a\ta\nx\t1\n|svy-filter: bad.tsv:1: column 'a': header has this name twice (fields 1 and 2)
	EOT
	printf 'a\tb\n' > header.tsv
	run svy filter -w a=1 header.tsv
	assert_success
	assert_output "$(printf 'a\tb\nsvy-filter: read 0 rows, kept 0, dropped 0 (not a=1: 0)')"
}

@test "test-hypothesis --where speaks the same condition language: comparisons, !=, missing" {
	S="$TESTDATA/test-hypothesis/small.tsv"
	# the rows --where keeps are the rows filter keeps
	for cond in 'x>=12' 'sex!=m' 'flag=1' 'w1<=3' 'sex=f,m'; do
		a=$(svy test-hypothesis spearman -q --no-header -c x,y --where "$cond" -i "$S" | cut -f6-)
		b=$(svy filter -q -w "$cond" "$S" | svy test-hypothesis spearman -q --no-header -c x,y | cut -f6-)
		[ "$a" = "$b" ] || fail "--where '$cond': '$a', filtered: '$b'"
	done
	run --separate-stderr svy test-hypothesis spearman --no-header -c x,y --where 'x>=12' -i "$S"
	assert_success
	[[ "$stderr" == *"excluded by --where"* ]] || fail "$stderr"
	[ "$(cut -f5 <<< "$output")" = "x>=12" ]
	run svy test-hypothesis spearman -c x,y -w 'sex>1' -i "$S"
	assert_failure 1
	assert_output "svy-test-hypothesis: spearman: --where 'sex>1': column 'sex' has 'm', not a number"
	run svy test-hypothesis spearman -c x,y --where 'x>=a' -i "$S"
	assert_failure 2
	assert_line --index 0 "svy-test-hypothesis: --where: condition 'x>=a': 'a': not a number"
}
