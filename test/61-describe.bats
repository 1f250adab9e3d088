#!/usr/bin/env bats
# svy describe: one row per column. Expected values: test/data/describe/
# make-expected.py (pandas quantiles, exact mean and sd) on survey.tsv
# (make-input.py): numbers of every magnitude, text, empty, mixed columns.

load test_helper

D="$TESTDATA/describe"

@test "every column: kind, counts, top values, quartiles (type 7), mean and sd as pandas / exact arithmetic" {
	svy describe "$D/survey.tsv" > out 2> err
	compare_relative out "$D/expected.tsv" 1e-12
	[ "$(wc -l < out)" -eq 13 ]
	assert_equal "$(cat err)" "svy-describe: read 40 rows, 12 columns"
}

@test "values near 1e307 and subnormal ones: finite, right mean and sd" {
	printf 'big\ttiny\n1.7e308\t1e-320\n1.7e308\t2e-320\n-1.7e308\t3e-320\n1.7e308\t\n' > in.tsv
	run svy describe -q --top 0 in.tsv
	assert_success
	# exact: q1 = -1.7e308 + 0.75 * 3.4e308, mean 8.5e307, sd 1.7e308 (pandas
	# gives -inf for this q1: its interpolation overflows)
	printf 'position\tcolumn\tkind\tn\tmissing\tdistinct\tmin\tq1\tmedian\tq3\tmax\tmean\tsd\n1\tbig\tnumber\t4\t0\t2\t-1.7e308\t8.5e307\t1.7e308\t1.7e308\t1.7e308\t8.5e307\t1.7e308\n' > want.tsv
	head -2 <<< "$output" > got.tsv
	compare_relative got.tsv want.tsv 1e-15
	# 1e-320 has 4 digits in a double: the mean 2e-320, the sd 1e-320, to those
	run svy describe -q --top 0 --digits 3 -c tiny in.tsv
	assert_line --index 1 "2	tiny	number	3	1	3	1e-320	1.5e-320	2e-320	2.5e-320	3e-320	2e-320	1e-320"
}

@test "--names: position and name of each column, even of a header-only file" {
	printf 'id\tQ1\tQ5[SQ001]\n' > in.tsv
	run svy describe --names in.tsv
	assert_success
	assert_output - <<-'EOT'
	position	column
	1	id
	2	Q1
	3	Q5[SQ001]
	EOT
}

@test "-c: names and globs, in the order given; --top N; --digits; FILE, -i and stdin alike" {
	run svy describe -q -c 'likert,s*' --top 1 --digits 3 "$D/survey.tsv"
	assert_success
	assert_output - <<-'EOT'
	position	column	kind	n	missing	distinct	top1	top1_n	min	q1	median	q3	max	mean	sd
	3	likert	number	35	5	5	3	12	1	2	3	4	5	3.09	1.09
	2	score	number	37	3	37	0.107673	1	0.108	0.218	0.494	0.636	0.906	0.47	0.239
	EOT
	svy describe -q "$D/survey.tsv" > a
	svy describe -q -i "$D/survey.tsv" | cmp - a
	svy describe -q < "$D/survey.tsv" | cmp - a
}

@test "kinds: number, categorical up to 20 distinct values, text past it, empty; NaN and Inf are text" {
	awk 'BEGIN { print "c20\tc21\te\tn"; for (i = 1; i <= 21; i++) print "v" (i > 20 ? 20 : i) "\tv" i "\t\t" (i == 3 ? "NaN" : i) }' > in.tsv
	run svy describe -q --top 0 in.tsv
	assert_success
	[ "$(cut -f2,3,6 <<< "$output" | tail -n +2 | tr '\t\n' ' /')" = "c20 categorical 20/c21 text 21/e empty 0/n text 21/" ] || fail "$output"
}

@test "--max-levels: past the bound, distinct and top are left empty, said on stderr" {
	awk 'BEGIN { print "a\tb"; for (i = 1; i <= 50; i++) print "x" i "\t" i % 2 }' > in.tsv
	run svy describe -q --max-levels 10 --top 1 in.tsv
	assert_success
	assert_line --index 0 "svy-describe: in.tsv: column 'a': more than 10 distinct values: distinct and top left empty (--max-levels)"
	assert_line --index 2 "$(printf '1\ta\ttext\t50\t0\t\t\t\t\t\t\t\t\t\t')"
	assert_line --index 3 "2	b	number	50	0	2	0	25	0	0	0.5	1	1	0.5	0.5050762722761054"
}

@test "a thousand levels, a constant column, one row: no crash, right counts" {
	awk 'BEGIN { print "a\tk"; for (i = 1; i <= 3000; i++) print (i % 1000) "\t5" }' > in.tsv
	run svy describe -q --top 1 in.tsv
	assert_success
	# pandas: Series([i % 1000 for i in range(1, 3001)]).std() = 288.7231147870524
	assert_line --index 1 "1	a	number	3000	0	1000	0	3	0	249.75	499.5	749.25	999	499.5	288.7231147870524"
	assert_line --index 2 "2	k	number	3000	0	1	5	3000	5	5	5	5	5	5	0"
	printf 'a\n3\n' > one.tsv
	run svy describe -q --top 0 one.tsv
	assert_line --index 1 "1	a	number	1	0	1	3	3	3	3	3	3	"
}

@test "bad input and usage: exact messages and exit status" {
	while IFS='|' read -r input args want message; do
		printf "$input" > in.tsv
		run svy describe $args in.tsv
		[ "$status" = "$want" ] || fail "'$input' $args: exit $status, want $want"
		[ "${lines[0]}" = "$message" ] || fail "'$input' $args: got '${lines[0]}', want '$message'"
	done <<-'EOT'
	||1|svy-describe: in.tsv: empty input: no header row
	a\tb\n||1|svy-describe: in.tsv: no data rows, only a header
	a\tb\n1\t2\n3\n||1|svy-describe: in.tsv:3: row has 1 field, header has 2
	a\tb\n1\t\0\n||1|svy-describe: in.tsv:2: NUL byte in input
	a\ta\nx\t1\n||1|svy-describe: in.tsv:1: column 'a': header has this name twice (fields 1 and 2)
	a\tb\n1\t2\n|-c c|2|svy-describe: in.tsv: no column 'c'; the columns are 'a', 'b'
	a\tb\n1\t2\n|--top -1|2|svy-describe: option '--top': '-1' is not a whole number from 0 to 100
	a\tb\n1\t2\n|--max-levels 0|2|svy-describe: option '--max-levels': '0' is not a whole number from 1 to 100000000
	a\tb\n1\t2\n|-c a,a|2|svy-describe: option '--columns': 'a' given twice
	a\tb\n1\t2\n|extra|2|svy-describe: too many operands: one input file at most (got 'extra' and 'in.tsv')
	a\tb\n1.7e308\tx\n-1.7e308\ty\n||1|svy-describe: in.tsv: column 'a': the sd is beyond the range of numbers (about 1.8e308)
	EOT
}
