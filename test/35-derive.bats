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
	[ "${stderr_lines[0]}" = "svy-derive: option '--any': 'nonsense' is not NAME=COL,..." ]
	run svy derive in.tsv
	assert_failure 2
}

@test "a sum or mean beyond the range of numbers is an error naming the column and row, never Inf" {
	printf 'a\tb\n1\t2\n1e308\t1e308\n-1e308\t-1e308\n' >in.tsv
	run --separate-stderr svy derive -q --sum s=a,b -o out.tsv in.tsv
	assert_failure 1
	[ "$stderr" = "svy-derive: in.tsv:3: column 's': the sum is beyond the range of numbers (about 1.8e308)" ] || fail "$stderr"
	[ ! -e out.tsv ]
	# the mean of values near the limit is finite: computed without overflow
	run --separate-stderr svy derive -q --mean m=a,b in.tsv
	assert_success
	assert_output "$(printf 'a\tb\tm\n1\t2\t1.5\n1e308\t1e308\t1e+308\n-1e308\t-1e308\t-1e+308')"
	printf 'a\tb\n1.7e308\t1.7e308\n' >big.tsv
	run --separate-stderr svy derive -q --mean m=a,b --sum s=a big.tsv
	assert_success
	[ "$(printf '%s\n' "$output" | tail -1 | cut -f3,4)" = "$(printf '1.7e+308\t1.7e+308')" ] || fail "$output"
	# nowhere an Inf, whatever the magnitudes
	awk 'BEGIN { srand(7); print "a\tb\tc"; for (i = 0; i < 200; i++) printf "%.3e\t%.3e\t%.3e\n", (rand() - .5) * 1e308, (rand() - .5) * 1e-300, (rand() - .5) * 1e300 }' >mixed.tsv
	run --separate-stderr svy derive -q --mean m=a,b,c --count n=a,b,c --any y=a,b,c --all l=a,b,c mixed.tsv
	assert_success
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 201 ]
	! printf '%s\n' "$output" | grep -qiE 'inf|nan' || fail "$output"
}

@test "the grammar: -i or a trailing FILE, --digits, long names only for the derivations" {
	printf 'a\tb\n1\t2\n' >in.tsv
	run --separate-stderr svy derive -q --mean m=a,b --mean t=a,b --mean u=b,b in.tsv
	want=$output
	run --separate-stderr svy derive -q -i in.tsv --mean m=a,b --mean t=a,b --mean u=b,b
	assert_output "$want"
	run --separate-stderr svy derive -q --input=in.tsv --mean m=a,b --mean t=a,b --mean u=b,b
	assert_output "$want"
	run --separate-stderr svy derive -q --mean m=a,b --mean t=a,b --mean u=b,b <in.tsv
	assert_output "$want"
	printf 'a\tb\tc\n1\t2\t2\n' >three.tsv
	run --separate-stderr svy derive -q --digits 3 --mean t=a,b,c three.tsv
	assert_output "$(printf 'a\tb\tc\tt\n1\t2\t2\t1.67')"
	run --separate-stderr svy derive -q --digits 0 --mean t=a,b --mean u=b,b in.tsv
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-derive: option '--digits': '0' is not a whole number from 1 to 17" ]
	run --separate-stderr svy derive -q -i in.tsv --mean t=a in.tsv
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-derive: give the input once: -i 'in.tsv' or the operand 'in.tsv', not both" ]
	# -a -s -m -c are gone: -c is --columns, -m --method, -s --seed everywhere
	for letter in a s m c; do
		run --separate-stderr svy derive -$letter x=a in.tsv
		assert_failure 2
		[ "${stderr_lines[0]}" = "svy-derive: unknown option '-$letter'" ] || fail "-$letter: $stderr"
	done
}
