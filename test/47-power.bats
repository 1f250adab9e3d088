#!/usr/bin/env bats
# svy power (R's pwr) and lib/dist (the noncentral t, chi-square and F).
# Expected values: test/data/power/make-expected.sh (R's pwr with n and
# effects solved at uniroot tol 1e-12; R's pt, pchisq, pf with ncp; the
# exact values by mpmath at 40 digits).

load test_helper

D="$TESTDATA/power"

# the functions of lib/dist on the command line (dist-driver.c), built
# against the objects of the build under test
dist() {
	[ -x "$BATS_FILE_TMPDIR/dist" ] ||
		cc ${SVY_CFLAGS:-} -I"$SVY_ROOT/lib" -o "$BATS_FILE_TMPDIR/dist" "$D/dist-driver.c" \
			"$OBJ/lib/dist.o" $(pkg-config --libs gsl 2>/dev/null || echo -lgsl -lgslcblas) -lm ||
		return 1
	"$BATS_FILE_TMPDIR/dist"
}

@test "dist: noncentral t, chi-square and F, their quantiles and noncentralities, to 1e-11 of the exact values" {
	cut -f1-5 "$D/dist-expected.tsv" | dist > got || fail "dist-driver"
	# got: the 5 fields of the case, our value; want: R's, exact, R accurate
	paste got "$D/dist-expected.tsv" | awk -F'\t' '
		function abs(x) { return x < 0 ? -x : x }
		{
			n++
			if ($1 != $7 || $5 != $11) { print "line " NR ": cases differ"; bad = 1 }
			if (!(abs($6 - $13) <= 1e-11 * abs($13))) { print NR ": " $1 " " $2 " " $3 " " $4 ": got " $6 ", exact " $13; bad = 1 }
			if ($14 == 1) { r++; if (!(abs($6 - $12) <= 1e-9 * abs($12))) { print NR ": " $1 ": got " $6 ", R " $12; bad = 1 } }
		}
		END { if (n < 50 || r < 30) { print "only " n " cases, " r " checked against R"; bad = 1 } exit bad }'
}

@test "dist: outside the domain is NaN, never a number" {
	printf 'nct_cdf\t1\t0\t1\t-\nnct_cdf\tnan\t5\t1\t-\nnchisq_cdf\t1\t-1\t1\t-\nnchisq_cdf\t1\t2\t-1\t-\nnf_sf\t1\t2\t0\t1\nnct_quantile\t1\t5\t1\t-\nnct_ncp_for\t1\t5\t0\t-\nnchisq_ncp_for\t1\t2\t0.9\t-\n' |
		dist > got || fail "dist-driver"
	[ "$(cut -f6 got | sort -u)" = nan ] || fail "$(cat got)"
	[ "$(wc -l < got)" -eq 8 ]
}

@test "power, n and the detectable effect as R's pwr (t, t2n, r, chisq, anova; mw and wilcoxon by A.R.E.)" {
	local n=0
	while IFS=$'\t' read -r args solved effect power nn n2; do
		read -ra a <<<"$args"
		svy power "${a[@]}" > out || fail "$args: exit $?"
		get() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' out; }
		[ "$(get solved_for)" = "$solved" ] || fail "$args: solved $(get solved_for)"
		numeq "$(get power)" "$power" 1e-9 || fail "$args: power $(get power), pwr $power"
		numeq "$(get effect)" "$effect" 1e-9 || fail "$args: effect $(get effect), pwr $effect"
		if [ -n "$n2" ]; then
			numeq "$(get n1)" "$nn" 1e-9 || fail "$args: n1 $(get n1), pwr $nn"
			numeq "$(get n2)" "$n2" 1e-12 || fail "$args: n2 $(get n2)"
		else
			numeq "$(get n)" "$nn" 1e-9 || fail "$args: n $(get n), pwr $nn"
		fi
		n=$((n + 1))
	done < <(tail -n +2 "$D/power-expected.tsv")
	[ "$n" -eq 36 ]
}

@test "the whole statistic/value table: n as pwr reports it and the n to recruit" {
	svy power -m t2 --d 0.5 --power 0.8 --digits 6 > out
	cat > want <<'EOF2'
statistic	value
test	t2
method	two-sample t test (pwr.t.test, type two.sample)
alternative	two-sided
effect_size	d
effect	0.5
alpha	0.05
power	0.8
n	63.7656
n_unit	per group
n_to_recruit	64
solved_for	n
EOF2
	diff out want
	svy power -m mw --d 0.5 --n 40 --n2 0 2>/dev/null && fail "--n2 with mw"
	svy power -m mw --d 0.5 --power 0.8 > out
	grep -qx $'parent\tnormal' out
	grep -qx $'are\t0.954929658551372' out
	grep -qx $'n_to_recruit\t67' out
	svy power -m t2 --d 0.6 --power 0.8 --n2 50 > out
	grep -qx $'n1_to_recruit\t41' out
	grep -qx $'n2_to_recruit\t50' out
	# at the n to recruit the power reaches the target; one fewer does not
	p=$(svy power -m t2 --d 0.5 --n 64 | awk -F'\t' '$1 == "power" { print $2 }')
	q=$(svy power -m t2 --d 0.5 --n 63 | awk -F'\t' '$1 == "power" { print $2 }')
	awk -v p="$p" -v q="$q" 'BEGIN { exit !(p >= 0.8 && q < 0.8) }'
}

# Each row: what is wrong, the arguments, the exit status, what svy says.
errors() {
	cat <<'EOF2'
effect 0	-m t2 --d 0 --power 0.8	2	an effect of 0 cannot be detected
power equal to alpha	-m t2 --d 0.5 --power 0.05	2	option '--power': 0.05 is not between alpha (0.05) and 1
power below alpha	-m r --r 0.3 --power 0.01	2	a test with power <= alpha detects nothing
power 1	-m t2 --d 0.5 --power 1	2	no finite n reaches power 1
n too small (t)	-m t2 --d 0.5 --n 1.5	2	option '--n': n 1.5 is too small for t2 (at least 2)
n too small (r)	-m r --r 0.3 --n 3	2	option '--n': n 3 is too small for r (at least 4)
n2 too small	-m t2 --d 0.5 --n 10 --n2 1	2	option '--n2': n 1 is too small (at least 2)
a correlation of 1	-m r --r 1 --n 10	2	a correlation of 1 leaves nothing to test
the other direction	-m t2 --d 0.5 --power 0.8 --alternative less	1	impossible target: power 0.8 needs n above 1e9 (per group
too small an effect	-m t1 --d 0.00001 --power 0.99	1	impossible target: power 0.99 needs n above 1e9 (observations
reached at the smallest n	-m r --r 0.99 --power 0.8	1	impossible target: the smallest n (4) already has power
unequal groups cannot reach it	-m t2 --d 0.3 --power 0.9 --n2 100	1	impossible target: with --n2 100 the power stays below 0.8509 however large the first group (power 0.9 needs a larger --n2)
no effect reaches it	-m r --n 4 --power 0.9999999 --alpha 0.000001	1	impossible target: no effect reaches power 0.9999999 with n 4
three given	-m t2 --d 0.5 --n 20 --power 0.8	2	give two of the effect (--d), --n and --power
one given	-m t2 --d 0.5	2	give two of the effect (--d), --n and --power
two effects	-m t2 --d 0.5 --r 0.3 --n 10	2	give one effect: '--d' and '--r'
the wrong effect	-m r --d 0.5 --n 10	2	option '--d' is not the effect of r: give --r
chisq without df	-m chisq --w 0.3 --n 100	2	chisq needs --df
df for a t test	-m t2 --d 0.5 --n 10 --df 3	2	option '--df' is for chisq
anova without groups	-m anova --f 0.25 --n 10	2	anova needs --groups
a one-tailed test with an alternative	-m chisq --w 0.3 --n 100 --df 2 --alternative less	2	option '--alternative' is for t tests
parent for a t test	-m t2 --d 0.5 --n 10 --parent laplace	2	option '--parent' is for mw and wilcoxon
n2 for r	-m r --r 0.3 --n 10 --n2 10	2	option '--n2' is for t2
alpha 0	-m t2 --d 0.5 --n 10 --alpha 0	2	option '--alpha': '0' is not a number between 0 and 1
an operand	-m t2 --d 0.5 --n 10 file.tsv	2	no operand expected (got 'file.tsv')
unknown test	-m z --d 0.5 --n 10	2	'z' is not one of: t2, t1, paired, r, chisq, anova, mw, wilcoxon
EOF2
}

@test "what has no answer is a named error, never a number" {
	local n=0
	while IFS=$'\t' read -r what args want message; do
		read -ra a <<<"$args"
		run --separate-stderr svy power "${a[@]}"
		[ "$status" -eq "$want" ] || fail "$what: exit $status, want $want ('$stderr')"
		assert_no_sanitizer
		[[ "$stderr" == *"$message"* ]] || fail "$what: '$stderr'"
		[ -z "$output" ] || fail "$what: wrote '$output'"
		n=$((n + 1))
	done < <(errors)
	[ "$n" -eq 26 ]
}
