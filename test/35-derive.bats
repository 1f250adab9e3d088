#!/usr/bin/env bats
# derive: columns computed from others in the same row.

load test_helper

@test "any, all, sum, mean and count, appended in the order given" {
	printf 'a\tb\tc\n1\t0\t2\n0\t0\t0\n1\t1\t-0.5\n' >in.tsv
	run --separate-stderr svy derive --any any=a,b --all all=a,b --sum s=a,b,c \
		--mean m=a,c --count n=a,b,c in.tsv
	assert_success
	assert_output "$(printf 'a\tb\tc\tany\tall\ts\tm\tn
1\t0\t2\t1\t0\t3\t1.5\t2
0\t0\t0\t0\t0\t0\t0\t0
1\t1\t-0.5\t1\t1\t1.5\t0.25\t3')"
	[ "$stderr" = "svy-derive: read 3 rows, kept 3, dropped 0; 0 with a derived value missing (a source column missing)" ]
}

@test "globs name the source columns" {
	printf 'task_a\ttask_b\tx\n1\t1\t9\n' >in.tsv
	run svy derive -q --sum tasks='task_*' in.tsv
	assert_output "$(printf 'task_a\ttask_b\tx\ttasks\n1\t1\t9\t2')"
}

@test "a missing source value gives an empty result, counted" {
	printf 'a\tb\n1\t\n' >in.tsv
	run --separate-stderr svy derive --any d=a,b in.tsv
	assert_output "$(printf 'a\tb\td\n1\t\t')"
	[ "$stderr" = "svy-derive: read 1 rows, kept 1, dropped 0; 1 with a derived value missing (a source column missing)" ]
}

@test "errors" {
	printf 'a\tb\n1\tx\n' >in.tsv
	run --separate-stderr svy derive --any d=a,b in.tsv
	assert_failure 1
	[ "$stderr" = "svy-derive: in.tsv:2: column 'b': not a number (got 'x')" ]
	printf 'a\tb\n1\tnan\n' >in.tsv
	run --separate-stderr svy derive --any d=a,b in.tsv
	assert_failure 1
	[ "$stderr" = "svy-derive: in.tsv:2: column 'b': not a finite number (got 'nan')" ]
	run --separate-stderr svy derive --any d=a,zz in.tsv
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-derive: in.tsv: no column 'zz'; the columns are 'a', 'b'" ]
	run --separate-stderr svy derive --any a=a,b in.tsv
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-derive: column 'a' exists already: choose another name" ]
	run --separate-stderr svy derive --any nonsense in.tsv
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-derive: --any: 'nonsense' is not NAME=COL,..." ]
	run svy derive in.tsv
	assert_failure 2
}
