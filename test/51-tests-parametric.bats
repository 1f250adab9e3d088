#!/usr/bin/env bats
# test-hypothesis's ttest, paired-ttest, wilcoxon and anova, and the
# interval of every effect size, against scipy/statsmodels and R on the same
# input (test/data/ttest/make-expected.py and make-expected.R made the
# expected files; the bootstrap intervals replay svy's generator).

load test_helper

D="$TESTDATA/ttest"

# the columns of the output expected.tsv holds
cols() { cut -f1,6,9,10,13,15,16,17,18,19,20,22; }

@test "every test of the plan agrees with scipy/statsmodels to 1e-9: t, p, effect, interval" {
	svy test-hypothesis -q --plan "$D/plan.tsv" "$D/data.tsv" | cols >got.tsv
	run compare_relative got.tsv "$D/expected.tsv" 1e-9
	assert_success
	[ "$(wc -l <got.tsv)" -eq "$(wc -l <"$D/expected.tsv")" ]
}

@test "t.test, wilcox.test, oneway.test, aov, cor.test and effectsize's noncentral-t interval (R) agree to 1e-9" {
	svy test-hypothesis -q --no-header --plan "$D/plan.tsv" "$D/data.tsv" | cut -f1,9,10,13,19,20 |
		awk -F'\t' 'NR == FNR { want[$1] = 1; next } $1 in want { print $1 "\t" $3 "\t" $2 "\t" $4 "\t" $5 "\t" $6 }' \
			"$D/expected-R.tsv" - >rows.tsv
	{ head -1 "$D/expected-R.tsv"; cat rows.tsv; } >got.tsv
	# R's rows carry no interval for wilcoxon and Welch's anova; A2's
	# noncentral-F interval is checked to 1e-8 below (R's pnbeta stops at
	# errmax 1e-9: it is 3.6e-9 from scipy's ncf, which svy matches to 1e-9)
	awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 && $1 ~ /^(W|A)/ { $5 = $6 = "" } { print }' got.tsv >got2.tsv
	awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 && $1 ~ /^(W|A)/ { $5 = $6 = "" } { print }' "$D/expected-R.tsv" >want.tsv
	run compare_relative got2.tsv want.tsv 1e-9
	assert_success
	for f in 5 6; do
		numeq "$(awk -F'\t' -v f=$f '$1 == "A2" { print $f }' got.tsv)" \
			"$(awk -F'\t' -v f=$f '$1 == "A2" { print $f }' "$D/expected-R.tsv")" 1e-8
	done
}

@test "each plan line run on the command line gives the same row" {
	tail -n +2 "$D/plan.tsv" | while IFS=$'\t' read -r id test vars opts; do
		eval "o=($opts)"
		svy test-hypothesis "$test" -c "${vars// /,}" -q --no-header --id "$id" "${o[@]}" "$D/data.tsv"
	done >rows.tsv
	diff rows.tsv <(svy test-hypothesis -q --no-header --plan "$D/plan.tsv" "$D/data.tsv")
}

# ---- conventions spelled out ---------------------------------------------

@test "Welch by default, Student with --equal-var; d is the pooled-sd d in both (effectsize)" {
	printf 'v\tg\n1\ta\n2\ta\n3\ta\n4\ta\n2\tb\n4\tb\n6\tb\n8\tb\n10\tb\n' >in.tsv
	run --separate-stderr svy test-hypothesis ttest -c v -g g --groups b,a -q --no-header in.tsv
	assert_success
	# scipy ttest_ind(b, a, equal_var=False): t 2.2514363231593695, Welch's df by hand
	[ "$(cut -f15,17 <<<"$output")" = "$(printf 'welch\tcohens_d')" ]
	numeq "$(cut -f9 <<<"$output")" 5.520787746170677 1e-12
	numeq "$(cut -f10 <<<"$output")" 2.2514363231593695 1e-12
	welch_d=$(cut -f16 <<<"$output")
	run --separate-stderr svy test-hypothesis ttest -c v -g g --groups b,a --equal-var -q --no-header in.tsv
	[ "$(cut -f9,15 <<<"$output")" = "$(printf '7\tstudent')" ]
	[ "$(cut -f16 <<<"$output")" = "$welch_d" ]
	# scipy ttest_ind(b, a) (equal_var=True): t 2.0578065752724592
	numeq "$(cut -f10 <<<"$output")" 2.0578065752724592 1e-12
	# d = (6 - 2.5) / sqrt((4 * 10 + 3 * 5/3) / 7)
	numeq "$welch_d" 1.3804186160565770 1e-12
}

@test "wilcoxon: R's auto rule by default (exact under 50, no ties, no zeros), scipy's with --auto-rule scipy" {
	# 1..8 with one zero: R uses the normal approximation, scipy's rule too
	# (a zero); ties only: R normal, scipy exact
	printf 'x\n1\n2\n2\n-3\n4\n5\n6\n7\n' >ties.tsv
	run --separate-stderr svy test-hypothesis wilcoxon -c x --mu 0 -q --no-header ties.tsv
	[ "$(cut -f15 <<<"$output")" = "asymptotic+continuity" ]
	run --separate-stderr svy test-hypothesis wilcoxon -c x --mu 0 -q --no-header --auto-rule scipy ties.tsv
	[ "$(cut -f15 <<<"$output")" = "exact" ]
	[ "$stderr" = "svy-test-hypothesis: wilcoxon: the |differences| have ties; the exact p ignores them, as scipy's does" ]
	# V = 1+2.5+2.5+5+6+7+8 (the 2s tie at ranks 2-3) = 32, r = (32 - 4) / 36
	[ "$(cut -f10,11 <<<"$output")" = "$(printf '32\tV')" ]
	numeq "$(cut -f16 <<<"$output")" 0.77777777777777779 1e-15
	# distinct: exact, P(V >= 34 | n = 8) = P(V <= 2) = 3/256 (scipy, R)
	printf 'x\n1\n-2\n3\n4\n5\n6\n7\n8\n' >distinct.tsv
	run --separate-stderr svy test-hypothesis wilcoxon -c x --mu 0 -q --no-header --alternative greater distinct.tsv
	[ "$(cut -f10,13,15 <<<"$output")" = "$(printf '34\t0.01171875\texact')" ]
}

@test "wilcoxon zero handling: wilcox drops zeros, pratt and zsplit rank them; the method column says which" {
	printf 'a\tb\n1\t1\n2\t1\n3\t1\n4\t1\n5\t1\n1\t2\n7\t1\n8\t1\n9\t1\n10\t1\n11\t1\n2\t2\n' >in.tsv
	for zm in wilcox pratt zsplit; do
		run --separate-stderr svy test-hypothesis wilcoxon -c a,b --zero-method "$zm" --no-header in.tsv
		assert_success
		m=$(cut -f15 <<<"$output")
		if [ "$zm" = wilcox ]; then [ "$m" = asymptotic+continuity ]; else [ "$m" = "asymptotic+continuity+$zm" ]; fi
		[ "${stderr_lines[1]}" = "svy-test-hypothesis: wilcoxon: 2 zero differences (--zero-method $zm)" ]
	done
}

@test "anova: Welch by default, the classical F with --equal-var; df2 holds the denominator df" {
	printf 'v\tg\n1\ta\n2\ta\n3\ta\n2\tb\n4\tb\n6\tb\n5\tc\n9\tc\n13\tc\n' >in.tsv
	run --separate-stderr svy test-hypothesis anova -c v -g g --equal-var -q --no-header in.tsv
	assert_success
	# SSB = 3 (2-5.0)^2... by hand: means 2, 4, 9, grand 5; SSB = 3(9 + 1 + 16) = 78;
	# SSW = 2 + 8 + 32 = 42; F = 39 / 7; eta2 = 78 / 120
	[ "$(cut -f9,11,15,17,18 <<<"$output")" = "$(printf '2\tF\tclassical\teta_squared\t6')" ]
	numeq "$(cut -f10 <<<"$output")" 5.5714285714285714 1e-14
	numeq "$(cut -f16 <<<"$output")" 0.65 1e-14
	run --separate-stderr svy test-hypothesis anova -c v -g g --effect omega2 -q --no-header in.tsv
	[ "$(cut -f15,17 <<<"$output")" = "$(printf 'welch\tomega_squared')" ]
	# (78 - 2 * 7) / (120 + 7)
	numeq "$(cut -f16 <<<"$output")" 0.50393700787401574 1e-14
}

@test "the bootstrap is reproducible byte for byte; -s changes it; --boot 0 gives no interval" {
	a=$(svy test-hypothesis kruskal -c score -g g -q --no-header "$D/data.tsv")
	[ "$a" = "$(svy test-hypothesis kruskal -c score -g g -q --no-header -s 1 "$D/data.tsv")" ]
	b=$(svy test-hypothesis kruskal -c score -g g -q --no-header -s 2 "$D/data.tsv")
	[ "$(cut -f1-18 <<<"$a")" = "$(cut -f1-18 <<<"$b")" ]
	[ "$(cut -f19 <<<"$a")" != "$(cut -f19 <<<"$b")" ]
	run --separate-stderr svy test-hypothesis kruskal -c score -g g -q --no-header --boot 0 "$D/data.tsv"
	[ "$(cut -f19- <<<"$output")" = "$(printf '\t\t\t')" ]
}

@test "--conf sets every interval's level; the level is printed" {
	run --separate-stderr svy test-hypothesis pearson -c pre,post -q --no-header --conf 0.8 "$D/data.tsv"
	[ "$(cut -f21,22 <<<"$output")" = "$(printf '0.8\tfisher-z')" ]
	# r = 0.85174325918439286, n = 40: tanh(atanh r -+ 1.2815515655446004 / sqrt 37)
	numeq "$(cut -f19 <<<"$output")" 0.782498528637133 1e-12
}

# ---- degenerate input: named errors ----------------------------------------

@test "degenerate data: all differences zero, a constant group, too few values; exit 1" {
	while IFS='|' read -r input args message; do
		printf "$input" >in.tsv
		run svy test-hypothesis $args -q in.tsv
		assert_failure 1
		assert_output "$message"
	done <<'EOF_CASES'
a\tb\n1\t1\n2\t2\n3\t3\n|wilcoxon -c a,b|svy-test-hypothesis: wilcoxon: all differences are zero: the signed-rank test is undefined
a\tb\n1\t0\n2\t1\n3\t2\n|paired-ttest -c a,b|svy-test-hypothesis: paired-ttest: all differences are equal: the t statistic is undefined
a\n5\n5\n5\n|ttest -c a --mu 3|svy-test-hypothesis: ttest: all values are equal: the t statistic is undefined
a\n5\n|ttest -c a --mu 3|svy-test-hypothesis: ttest: the test needs at least 2 values (1 value)
v\tg\n1\ta\n1\ta\n2\tb\n2\tb\n|ttest -c v -g g --groups a,b|svy-test-hypothesis: ttest: both groups are constant: the t statistic is undefined
v\tg\n1\ta\n2\ta\n3\tb\n|ttest -c v -g g --groups a,b|svy-test-hypothesis: ttest: group 'b' of column 'g' has 1 value; each group needs at least 2 (--min-group)
v\tg\n1\ta\n2\ta\n3\tb\n3\tb\n|anova -c v -g g|svy-test-hypothesis: anova: group 'b' of column 'g' is constant: Welch's weights n/s^2 are undefined (--equal-var: the classical F)
v\tg\n1\ta\n1\ta\n3\tb\n3\tb\n|anova -c v -g g --equal-var|svy-test-hypothesis: anova: every group is constant: the F statistic is undefined
v\tg\n1\ta\n2\ta\n|anova -c v -g g|svy-test-hypothesis: anova: column 'g' has 1 group; the test needs at least 2
x\n1\n1\n2\n|wilcoxon -c x --mu 0 -m exact|svy-test-hypothesis: wilcoxon: the exact distribution has no tied |differences| (give -m asymptotic)
x\n0\n1\n2\n|wilcoxon -c x --mu 0 -m exact|svy-test-hypothesis: wilcoxon: the exact distribution has no zero differences (give -m asymptotic)
EOF_CASES
}

@test "bad usage: the tests' shapes and options that do not apply; exit 2" {
	printf 'x\ty\tg\n1\t2\ta\n' >in.tsv
	while IFS='|' read -r args message; do
		run svy test-hypothesis $args in.tsv
		assert_failure 2
		assert_line --index 0 "$message"
	done <<'EOF_CASES'
ttest -c x|svy-test-hypothesis: ttest takes -c VALUE -g GROUP --groups A,B, or -c X --mu M (one sample)
ttest -c x -g g|svy-test-hypothesis: ttest takes -c VALUE -g GROUP --groups A,B, or -c X --mu M (one sample)
ttest -c x,y -g g --groups a,b|svy-test-hypothesis: ttest takes -c VALUE -g GROUP --groups A,B, or -c X --mu M (one sample)
paired-ttest -c x|svy-test-hypothesis: paired-ttest takes -c X,Y (the pairs' two columns)
wilcoxon -c x|svy-test-hypothesis: wilcoxon takes -c X,Y (paired), or -c X --mu M (one sample)
wilcoxon -c x,y -g g|svy-test-hypothesis: wilcoxon takes -c X,Y (paired), or -c X --mu M (one sample)
anova -c x|svy-test-hypothesis: anova takes -c VALUE -g GROUP
anova -c x -g g --alternative less|svy-test-hypothesis: --alternative does not apply to anova (F is one-tailed)
ttest -c x --mu 1 --equal-var|svy-test-hypothesis: --equal-var applies to ttest -g and anova, not ttest
spearman -c x,y --mu 1|svy-test-hypothesis: --mu applies to ttest, paired-ttest and wilcoxon, not spearman
paired-ttest -c x,y --zero-method pratt|svy-test-hypothesis: --zero-method and --auto-rule apply to wilcoxon and pairwise-wilcoxon, not paired-ttest
paired-ttest -c x,y -m exact|svy-test-hypothesis: --method and --no-continuity apply to mannwhitney, mcnemar, pairwise-mannwhitney, pairwise-wilcoxon and wilcoxon, not paired-ttest
anova -c x -g g --effect d|svy-test-hypothesis: --effect d applies to ttest and paired-ttest, not anova
ttest -c x --mu 0 --effect omega2|svy-test-hypothesis: --effect omega2 applies to anova, not ttest
spearman -c x,y --boot 10|svy-test-hypothesis: --boot and --boot-ci apply to kruskal and friedman (their intervals are bootstrapped), not spearman
wilcoxon -c x,y --zero-method none|svy-test-hypothesis: option '--zero-method': 'none' is not one of: wilcox, pratt, zsplit
wilcoxon -c x,y --auto-rule R|svy-test-hypothesis: option '--auto-rule': 'R' is not one of: r, scipy
ttest -c x --mu 1 --effect h|svy-test-hypothesis: option '--effect': 'h' is not one of: d, g, eta2, omega2
spearman -c x,y --conf 0.3|svy-test-hypothesis: option '--conf': '0.3' is not a number from 0.5 to 0.9999
spearman -c x,y --conf 1|svy-test-hypothesis: option '--conf': '1' is not a number from 0.5 to 0.9999
kruskal -c x -g g --boot -1|svy-test-hypothesis: option '--boot': '-1' is not a whole number from 0 to 1000000
kruskal -c x -g g --boot-ci basic|svy-test-hypothesis: option '--boot-ci': 'basic' is not one of: bca, percentile
ttest -c x --mu abc|svy-test-hypothesis: option '--mu': 'abc' is not a number from -1e+300 to 1e+300
kruskal -c x -g g -s -1|svy-test-hypothesis: option '--seed': '-1' is not a whole number from 0 to 4294967295
EOF_CASES
}

@test "a plan's errors in these options name the plan line" {
	printf 'x\ty\tg\n1\t2\ta\n2\t1\ta\n3\t3\tb\n4\t4\tb\n' >in.tsv
	while IFS='|' read -r line message; do
		printf "id\ttest\tvariables\toptions\n$line\n" >plan.tsv
		run svy test-hypothesis -q --plan plan.tsv in.tsv
		assert_failure 1
		assert_output "$message"
	done <<'EOF_CASES'
A\tttest\tx\t--mu x|svy-test-hypothesis: plan.tsv:2: A (ttest): option '--mu': 'x' is not a number from -1e+300 to 1e+300
A\twilcoxon\tx y\t--zero-method no|svy-test-hypothesis: plan.tsv:2: A (wilcoxon): option '--zero-method': 'no' is not one of: wilcox, pratt, zsplit
A\tanova\tx\t|svy-test-hypothesis: plan.tsv:2: A (anova): anova takes -c VALUE -g GROUP
A\tpaired-ttest\tx y\t--conf 2|svy-test-hypothesis: plan.tsv:2: A (paired-ttest): option '--conf': '2' is not a number from 0.5 to 0.9999
A\tpaired-ttest\tx*\t|svy-test-hypothesis: plan.tsv:2: A (paired-ttest): paired-ttest takes -c X,Y (the pairs' two columns)
EOF_CASES
}

@test "a plan with one line of each new test kind runs (the README's example)" {
	printf 'id\ttest\tvariables\toptions\nH1\tttest\tscore\t--by g --groups a,b\nH2\tttest\tpre\t--mu 50\nH3\tpaired-ttest\tpost pre\t\nH4\twilcoxon\tlik_post lik_pre\t--zero-method pratt\nH5\tanova\tscore\t--by g\n' >plan.tsv
	run --separate-stderr svy test-hypothesis -q --plan plan.tsv "$D/data.tsv"
	assert_success
	[ "$(tail -n +2 <<<"$output" | cut -f1,3,11,17,22 | tr '\t\n' ' ;')" = "H1 ttest t cohens_d noncentral-t;H2 ttest t cohens_d noncentral-t;H3 paired-ttest t cohens_dz noncentral-t;H4 wilcoxon V rank_biserial fisher-z;H5 anova F eta_squared noncentral-f;" ]
}

@test "no interval where none exists: a note says why and the four columns stay empty" {
	printf 'x\ty\n1\t2\n2\t1\n3\t5\n' >in.tsv
	run --separate-stderr svy test-hypothesis pearson -c x,y --no-header in.tsv
	assert_success
	[ "$(cut -f19- <<<"$output")" = "$(printf '\t\t\t')" ]
	[ "${stderr_lines[1]}" = "svy-test-hypothesis: pearson: no fisher-z interval: Fisher's z needs at least 4 pairs" ]
	# a note: -q silences it, the empty columns stay
	run --separate-stderr svy test-hypothesis pearson -c x,y -q --no-header in.tsv
	[ "$stderr" = "" ]
	[ "$(cut -f22 <<<"$output")" = "" ]
}

@test "the exact signed-rank distribution is limited to 1000 nonzero differences" {
	awk 'BEGIN { print "x"; for (i = 1; i <= 1001; i++) print (i % 2 ? i : -i) }' >in.tsv
	run svy test-hypothesis wilcoxon -c x --mu 0 -q -m exact in.tsv
	assert_failure 1
	assert_output "svy-test-hypothesis: wilcoxon: the exact distribution is limited to 1000 nonzero differences (give -m asymptotic)"
	# 1000 is computed; its two-sided p agrees with the normal one to 1e-3
	sed '$d' in.tsv >ok.tsv
	e=$(svy test-hypothesis wilcoxon -c x --mu 0 -q --no-header -m exact ok.tsv | cut -f13)
	a=$(svy test-hypothesis wilcoxon -c x --mu 0 -q --no-header -m asymptotic --no-continuity ok.tsv | cut -f13)
	numeq "$e" "$a" 1e-3
}

@test "bootstrap: percentile and BCa differ, both inside [0, 1] for epsilon squared" {
	p=$(svy test-hypothesis kruskal -c score -g g -q --no-header --boot-ci percentile "$D/data.tsv" | cut -f19-22)
	b=$(svy test-hypothesis kruskal -c score -g g -q --no-header "$D/data.tsv" | cut -f19-22)
	[ "$(cut -f4 <<<"$p")" = bootstrap-percentile ]
	[ "$(cut -f4 <<<"$b")" = bootstrap-bca ]
	[ "$(cut -f1 <<<"$p")" != "$(cut -f1 <<<"$b")" ]
	awk -F'\t' '{ exit !($1 >= 0 && $1 <= $2 && $2 <= 1) }' <<<"$p"
	awk -F'\t' '{ exit !($1 >= 0 && $1 <= $2 && $2 <= 1) }' <<<"$b"
}

@test "a bootstrap too large for about a second's work gives no interval and a note that says what to give" {
	# 2000 resamples of 150,000 values are 3e8 steps, past the 2e8 bound;
	# 1000 of them are within it (BCa's jackknife adds only n k)
	awk 'BEGIN { srand(3); print "v\tg"; for (i = 0; i < 150000; i++) print int(rand() * 7) "\t" (i % 3) }' >in.tsv
	run --separate-stderr svy test-hypothesis kruskal -c v -g g --no-header in.tsv
	assert_success
	[ "$(cut -f19- <<<"$output")" = "$(printf '\t\t\t')" ]
	[ "${stderr_lines[1]}" = "svy-test-hypothesis: kruskal: no bootstrap interval: n = 150000 with 2000 resamples is too much work (give a smaller --boot)" ]
	run --separate-stderr svy test-hypothesis kruskal -c v -g g -q --no-header --boot 1000 in.tsv
	assert_success
	[ "$(cut -f22 <<<"$output")" = bootstrap-bca ]
}

@test "BCa's jackknife is updated, not recomputed: kruskal and friedman on 20,000 rows get their intervals in seconds" {
	awk 'BEGIN { srand(4); print "v\tg\ta\tb\tc"; for (i = 0; i < 20000; i++) print int(rand() * 7) "\t" (i % 3) "\t" int(rand() * 5) "\t" int(rand() * 5) "\t" int(rand() * 5) }' >in.tsv
	run --separate-stderr timeout 60 "$BIN/test-hypothesis" kruskal -c v -g g -q --no-header in.tsv
	assert_success
	[ "$(cut -f22 <<<"$output")" = bootstrap-bca ]
	run --separate-stderr timeout 60 "$BIN/test-hypothesis" friedman -c a,b,c -q --no-header in.tsv
	assert_success
	[ "$(cut -f22 <<<"$output")" = bootstrap-bca ]
	# its values: the K and F rows of the goldens (make-expected.py replays
	# the whole jackknife with scipy), checked to 1e-9 in the first test
}

@test "R's effectsize (0.8.3) itself gives the same effect sizes and intervals, to its root finder's few 1e-6" {
	# (make-expected-effectsize.R says which lines it leaves out, and why)
	svy test-hypothesis -q --no-header --plan "$D/plan.tsv" "$D/data.tsv" | cut -f1,16,19,20 |
		awk -F'\t' 'NR == FNR { want[$1] = 1; next } $1 in want' "$D/expected-effectsize.tsv" - >rows.tsv
	{ head -1 "$D/expected-effectsize.tsv"; cat rows.tsv; } >got.tsv
	[ "$(wc -l <got.tsv)" -eq 16 ]
	run compare_relative got.tsv "$D/expected-effectsize.tsv" 5e-6
	assert_success
}

@test "scale: the data times 2^600 or 2^-600 give the same t, F, p, d and intervals to the bit (no square overflows or vanishes)" {
	printf 'id\ttest\tvariables\toptions\nA\tttest\tscore\t--by g --groups a,b\nB\tttest\tscore\t--by g --groups b,d --equal-var\nC\tttest\tpre\t--mu 48\nD\tpaired-ttest\tpost pre\t\nE\tanova\tscore\t--by g\nF\tanova\tscore\t--by g --equal-var --effect omega2\nG\twilcoxon\tpost pre\t\n' >plan.tsv
	for e in 600 -600; do
		awk -F'\t' -v OFS='\t' -v e="$e" 'NR == 1 { print; next } {
			s = 2 ^ e; $1 = sprintf("%.17g", $1 * s); $2 = sprintf("%.17g", $2 * s)
			$6 = sprintf("%.17g", $6 * s); print }' "$D/data.tsv" >"scaled$e.tsv"
	done
	# (--mu scales too)
	sed 's/--mu 48/--mu 1.9917674730628766e+182/' plan.tsv >plan600.tsv
	sed 's/--mu 48/--mu 1.1567615352493844e-179/' plan.tsv >plan-600.tsv
	want=$(svy test-hypothesis -q --no-header --plan plan.tsv "$D/data.tsv" | cut -f1,9,10,13,16,18-22)
	[ "$(wc -l <<<"$want")" -eq 7 ]
	for e in 600 -600; do
		got=$(svy test-hypothesis -q --no-header --plan "plan$e.tsv" "scaled$e.tsv" | cut -f1,9,10,13,16,18-22)
		[ "$got" = "$want" ] || fail "2^$e: $got"
	done
}

@test "property: random extreme magnitudes give finite numbers or a named error, never Inf, NaN or -0" {
	printf 'id\ttest\tvariables\toptions\nA\tttest\tx\t-g g --groups a,b\nB\tttest\ty\t--mu 1\nC\tpaired-ttest\tx y\t\nD\twilcoxon\ty z\t--zero-method zsplit\nE\tanova\tz\t-g g\nF\tanova\tx\t-g g --equal-var --effect omega2\nG\twilcoxon\tx\t--mu 0 -m exact\n' >plan.tsv
	for seed in $(seq 1 12); do
		awk -v seed="$seed" 'BEGIN {
			srand(seed); print "x\ty\tz\tg"
			lo = (seed % 3 == 0) ? -323 : -300; hi = (seed % 2) ? 307 : 10
			for (i = 0; i < 30; i++) {
				for (c = 0; c < 3; c++) {
					e = int(lo + rand() * (hi - lo)); m = 1 + rand() * 0.7
					printf "%s%.6ge%d\t", (rand() < 0.3 ? "-" : ""), m, e
				}
				print (rand() < 0.5 ? "a" : "b")
			}
		}' >r.tsv
		run --separate-stderr svy test-hypothesis -q --plan plan.tsv r.tsv
		if [ "$status" -eq 0 ]; then
			[ "${#lines[@]}" -eq 8 ] || fail "seed $seed: ${#lines[@]} lines"
			run grep -E -i '(^|\t)(-?inf|nan|-0)(\t|$)' <<<"$output"
			assert_failure
		else
			[ "$status" -eq 1 ] || fail "seed $seed: status $status"
			[[ "$stderr" == svy-test-hypothesis:* ]] || fail "seed $seed: $stderr"
		fi
	done
}

@test "with --plan these options belong in the plan; --adjust and --simulate do not apply to these tests" {
	printf 'id\ttest\tvariables\nA\tpearson\tpre post\n' >plan.tsv
	for o in "--mu 1" --equal-var "--zero-method pratt" "--auto-rule scipy" "--effect g" "--conf 0.9" "--boot 10" "--boot-ci percentile"; do
		run svy test-hypothesis --plan plan.tsv $o "$D/data.tsv"
		assert_failure 2
		assert_line --index 0 "svy-test-hypothesis: with --plan, test options go in the plan's 'options' column"
	done
	run svy test-hypothesis ttest -c score -g g --groups a,b --adjust holm "$D/data.tsv"
	assert_failure 2
	assert_line --index 0 "svy-test-hypothesis: --adjust applies to dunn, pairwise-mannwhitney, pairwise-wilcoxon and chi2-residuals, not ttest"
	run svy test-hypothesis anova -c score -g g --simulate 10 "$D/data.tsv"
	assert_failure 2
	assert_line --index 0 "svy-test-hypothesis: --simulate applies to fisher, not anova"
}

@test "fisher's 2x2 odds ratio interval is in the ci columns at --conf (R's fisher.test)" {
	printf 'a\tb\n1\tx\n1\tx\n1\tx\n1\ty\n2\ty\n2\ty\n2\ty\n2\tx\n1\tx\n2\ty\n' >in.tsv
	run --separate-stderr svy test-hypothesis fisher -c a,b -q --no-header --conf 0.9 in.tsv
	assert_success
	[ "$(cut -f17,21,22 <<<"$output")" = "$(printf 'odds_ratio\t0.9\tfisher-exact')" ]
	# R: fisher.test(matrix(c(4, 1, 1, 4), 2), conf.level = 0.9)$conf.int
	numeq "$(cut -f19 <<<"$output")" 0.64987345717841483 1e-9
	numeq "$(cut -f20 <<<"$output")" 479.01149582049168885 1e-9
}
