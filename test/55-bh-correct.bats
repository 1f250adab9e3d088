#!/usr/bin/env bats
# bh-correct: p-values adjusted within families, as statsmodels'
# multipletests (test/data/bh-correct/make-expected.py made the expectations).

load test_helper

D="$TESTDATA/bh-correct"

# p_adj within 1e-12 relative, every other field (reject too) equal.
same_as_statsmodels() {
	awk -F'\t' '
		NR == FNR { want[FNR] = $0; nw = FNR; next }
		{
			n = split(want[FNR], w, "\t"); m = split($0, g, "\t")
			if (n != m) { printf "line %d: %d fields, want %d\n", FNR, m, n; bad = 1; next }
			for (i = 1; i <= n; i++) {
				if (FNR > 1 && i == n - 1 && w[i] != "") {
					d = g[i] - w[i]; if (d < 0) d = -d
					if (d > 1e-12 * w[i]) { printf "line %d: p_adj %s, want %s\n", FNR, g[i], w[i]; bad = 1 }
				} else if (w[i] != g[i]) { printf "line %d field %d: got \"%s\", want \"%s\"\n", FNR, i, g[i], w[i]; bad = 1 }
			}
			ng = FNR
		}
		END { if (ng != nw) { print "line count differs"; bad = 1 } exit bad }
	' "$2" "$1"
}

@test "every method agrees with statsmodels multipletests, within each family, order kept" {
	for m in bh by holm bonferroni hochberg; do
		svy bh-correct --quiet --method "$m" "$D/tests.tsv" >got.tsv
		run same_as_statsmodels got.tsv "$D/tests.$m.tsv"
		assert_success
	done
}

@test "reject as statsmodels decides it, at the exact floating-point boundaries (p = 0.037500000000000006, m = 4)" {
	# make-boundary.py: each method's thresholds, one ulp above and below;
	# p_adj <= alpha (the old rule) rejected neither the issue's third p
	# (p_adj 0.05000000000000001) nor the by / holm / bonferroni boundaries.
	for m in bh by holm bonferroni hochberg; do
		svy bh-correct -q -m "$m" "$D/boundary.tsv" >got.tsv
		run same_as_statsmodels got.tsv "$D/boundary.$m.tsv"
		assert_success
	done
	svy bh-correct -q "$D/boundary.tsv" | grep '^issue' | cut -f4 | tr '\n' ' ' >got.txt
	[ "$(cat got.txt)" = "1 1 1 0 " ]
}

@test "bh is the default; the summary line counts families, rejections and empty p" {
	run --separate-stderr svy bh-correct "$D/tests.tsv"
	assert_success
	[ "$output" = "$(svy bh-correct -q -m bh <"$D/tests.tsv")" ]
	[ "$stderr" = "svy-bh-correct: 16 rows, 15 p-values in 2 families adjusted (bh), 4 rejected at alpha 0.05, 1 without p" ]
}

@test "the paper's printed p of Tables 4 and 5 give its printed p* (within the printed rounding)" {
	# BH is monotone in each p: adjusting the low and the high ends of each
	# printed p's rounding interval brackets the p* the paper could print; the
	# printed p* (its own rounding interval) must overlap that bracket.
	for t in table4 table5; do
		svy bh-correct -q "$D/$t-low.tsv" | cut -f1,4,6 >low.tsv
		svy bh-correct -q "$D/$t-high.tsv" | cut -f6 >high.tsv
		paste low.tsv high.tsv | tail -n +2 | awk -F'\t' '
			function lo(s) { return s ~ /^</ ? 0 : s - 0.5 * 10 ^ -(length(s) - 1) }
			function hi(s) { sub(/^< */, "", s); return s ~ /^\./ && $2 ~ /^</ ? s + 0 : s + 0.5 * 10 ^ -(length(s) - 1) }
			{ if (!($3 <= hi($2) && $4 >= lo($2))) { printf "%s: p* %s, BH gives [%s, %s]\n", $1, $2, $3, $4; bad = 1 } }
			END { exit bad }' || fail "$t does not reproduce"
	done
	# and, to three decimals from the high ends of the printed p: p* .62, .827,
	# .005 (from < .001), .109, .018, .194
	run bash -c "'$BIN/bh-correct' -q '$D/table4-high.tsv' | cut -f6 | tail -n +2 | xargs printf '%.3f '"
	assert_output "0.617 0.827 0.006 0.109 0.019 0.194 "
}

@test "--alpha sets reject; --digits rounds p_adj; --p-column and --family-column" {
	printf 'test\tgroup\tpv\nA\tx\t0.01\nB\tx\t0.04\nC\ty\t0.04\n' >in.tsv
	run --separate-stderr svy bh-correct --p-column pv --family-column group --alpha 0.045 --digits 2 in.tsv
	assert_success
	assert_output "$(printf 'test\tgroup\tpv\tp_adj\treject\nA\tx\t0.01\t0.02\t1\nB\tx\t0.04\t0.04\t1\nC\ty\t0.04\t0.04\t1')"
	run --separate-stderr svy bh-correct -q -a 0.01 --digits 2 -m bonferroni --p-column pv --family-column group in.tsv
	assert_output "$(printf 'test\tgroup\tpv\tp_adj\treject\nA\tx\t0.01\t0.02\t0\nB\tx\t0.04\t0.08\t0\nC\ty\t0.04\t0.04\t0')"
}

@test "without a family column all rows form one family; an empty p stays empty" {
	printf 'p\n0.01\n\n0.02\n0.03\n' >in.tsv
	run --separate-stderr svy bh-correct -q in.tsv
	assert_success
	assert_output "$(printf 'p\tp_adj\treject\n0.01\t0.03\t1\n\t\t\n0.02\t0.03\t1\n0.03\t0.03\t1')"
}

@test "escaped fields pass through as they were read" {
	printf 'family\tnote\tp\nA\ta\\\\tb\\\\\\\\c\t0.5\n' >in.tsv
	run --separate-stderr svy bh-correct -q in.tsv
	assert_output "$(printf 'family\tnote\tp\tp_adj\treject\nA\ta\\\\tb\\\\\\\\c\t0.5\t0.5\t0')"
}

@test "-0 is 0, a tiny p is a number, 0e5 is 0; input as FILE, -i FILE or stdin" {
	printf 'p\n-0\n4e-300\n0e5\n-0.0\n' >in.tsv
	run --separate-stderr svy bh-correct -q in.tsv
	assert_success
	assert_output "$(printf 'p\tp_adj\treject\n-0\t0\t1\n4e-300\t4e-300\t1\n0e5\t0\t1\n-0.0\t0\t1')"
	[ "$(svy bh-correct -q -i in.tsv)" = "$output" ]
	[ "$(svy bh-correct -q <in.tsv)" = "$output" ]
	[ "$(svy bh-correct -q - <in.tsv)" = "$output" ]
}

@test "a p below the smallest double (1e-400) is 0, as every svy tool reads it (lib/num)" {
	printf 'p\n1e-400\n-1e-400\n0.000e-99999\n2e-320\n0.5\n' >in.tsv
	run --separate-stderr svy bh-correct -q -m bonferroni in.tsv
	assert_success
	assert_output "$(printf 'p\tp_adj\treject\n1e-400\t0\t1\n-1e-400\t0\t1\n0.000e-99999\t0\t1\n2e-320\t1e-319\t1\n0.5\t1\t0')"
	# filter reads the same values as 0
	[ "$(svy filter -q -w 'p=0' in.tsv | tail -n +2 | tr '\n' ' ')" = "1e-400 -1e-400 0.000e-99999 " ]
	[ "$(svy filter -q -w 'p<=0' in.tsv | wc -l)" -eq 4 ]
}

@test "header only: the header with the two new columns" {
	printf 'family\tp\n' >in.tsv
	run --separate-stderr svy bh-correct in.tsv
	assert_success
	assert_output "$(printf 'family\tp\tp_adj\treject')"
}

@test "bad data: exact message, exit 1" {
	while IFS='|' read -r input message; do
		printf "$input" >in.tsv
		run svy bh-correct -q in.tsv
		assert_failure 1
		assert_output "$message"
	done <<'EOF_CASES'
|svy-bh-correct: in.tsv: empty input: no header row
family\tp\nA\t1.5\n|svy-bh-correct: in.tsv:2: column 'p': a p-value must lie in [0, 1] (got '1.5')
family\tp\nA\t-0.1\n|svy-bh-correct: in.tsv:2: column 'p': a p-value must lie in [0, 1] (got '-0.1')
family\tp\nA\tabc\n|svy-bh-correct: in.tsv:2: column 'p': not a number (got 'abc')
family\tp\nA\tnan\n|svy-bh-correct: in.tsv:2: column 'p': not a finite number (got 'nan')
family\tp\nA\tInf\n|svy-bh-correct: in.tsv:2: column 'p': not a finite number (got 'Inf')
family\tp\nA\t1e999\n|svy-bh-correct: in.tsv:2: column 'p': number out of range (got '1e999')
family\tp\nA\n|svy-bh-correct: in.tsv:2: row has 1 field, header has 2
p\tp\n0.1\t0.2\n|svy-bh-correct: in.tsv:1: column 'p': header has this name twice (fields 1 and 2)
p\tp_adj\n0.1\t0.2\n|svy-bh-correct: in.tsv:1: column 'p_adj': the input already has this column: the output would hold it twice
EOF_CASES
}

@test "bad usage: exit 2" {
	printf 'family\tpv\n' >in.tsv
	while IFS='|' read -r args message; do
		run svy bh-correct $args in.tsv
		assert_failure 2
		assert_line --index 0 "$message"
		assert_line --index 1 "Try 'svy-bh-correct --help' for more information."
	done <<'EOF_CASES'
|svy-bh-correct: in.tsv: no column 'p'; the columns are 'family', 'pv'
--p-column pv --family-column fam|svy-bh-correct: in.tsv: no column 'fam'; the columns are 'family', 'pv'
--method fdr|svy-bh-correct: option '--method': 'fdr' is not one of: bh, by, holm, bonferroni, hochberg
-i in.tsv|svy-bh-correct: give the input once: -i 'in.tsv' or the operand 'in.tsv', not both
--alpha 2|svy-bh-correct: option '--alpha': '2' is not a number from 0 to 1
--digits 40|svy-bh-correct: option '--digits': '40' is not a whole number from 1 to 17
-c p|svy-bh-correct: unknown option '-c'
in.tsv|svy-bh-correct: too many operands: one input file at most (got 'in.tsv' and 'in.tsv')
EOF_CASES
}

@test "--help and --version" {
	run svy bh-correct --help
	assert_success
	assert_line --index 0 "usage: svy-bh-correct [OPTION]... [FILE]"
	run svy bh-correct --version
	assert_output "svy-bh-correct (svy) $(cat "$SVY_ROOT/VERSION")"
}
