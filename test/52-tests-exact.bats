#!/usr/bin/env bats
# test-hypothesis's exact tests (fisher, mcnemar, cochran) and post-hoc
# families (dunn, pairwise-mannwhitney, pairwise-wilcoxon, chi2-residuals):
# every number checked against R (fisher.test, mcnemar.test,
# chisq.test()$stdres, wilcox.test, pairwise.wilcox.test) and Python
# (statsmodels' mcnemar and cochrans_q, Dunn by its definition, scipy's
# mannwhitneyu and wilcoxon, multipletests) on the same input
# (test/data/fisher/make-*, test/data/pairwise-wilcoxon/make-*).

load test_helper

D="$TESTDATA/fisher"

# The columns F of the rows of plan case(s) matching ID (a regex) in GOT,
# with the header.
pick() {
	awk -F'\t' -v OFS='\t' -v cols="$2" -v re="$3" '
		BEGIN { n = split(cols, c, ",") }
		NR == 1 || $1 ~ re { s = $c[1]; for (i = 2; i <= n; i++) s = s OFS $c[i]; print s }
	' "$1"
}

@test "fisher: p and the conditional odds ratio agree with R's fisher.test to 1e-9 (2x2, r x c, alternatives, --where)" {
	svy test-hypothesis -q -p "$D/exact-plan.tsv" -i "$D/exact.tsv" >got.tsv
	pick got.tsv 1,13,16 '^F' >fisher.tsv
	sed -i '1s/.*/id\tp\teffect_size/' fisher.tsv
	run compare_relative fisher.tsv "$D/fisher-expected.tsv" 1e-9
	assert_success
	# the 2x2 rows name the test as their method; r x c has no effect size
	run pick got.tsv 3,7,14,15,17 '^F[56]'
	assert_line --index 1 "$(printf 'fisher\t3x3\ttwo-sided\texact\t')"
	assert_line --index 2 "$(printf 'fisher\t3x4\ttwo-sided\texact\t')"
}

@test "fisher 2x2: the exact interval of the odds ratio is R's (its uniroot steps) to 1e-9" {
	run --separate-stderr svy test-hypothesis -p "$D/exact-plan.tsv" -i "$D/exact.tsv"
	assert_success
	printf 'id\tci_low\tci_high\n' >ci.tsv
	printf '%s\n' "$stderr" | sed -n 's/^svy-test-hypothesis: \(F[0-9]*\) (fisher): odds ratio [^,]*, 95% CI \([^ ]*\) to \([^ ]*\) (.*/\1\t\2\t\3/p' >>ci.tsv
	run compare_relative ci.tsv "$D/fisher-ci-expected.tsv" 1e-9
	assert_success
}

@test "mcnemar: exact (statsmodels) and chi-square with and without correction (R's mcnemar.test) to 1e-9" {
	svy test-hypothesis -q -p "$D/exact-plan.tsv" -i "$D/exact.tsv" >got.tsv
	pick got.tsv 1,10,13,16 '^M1' >exact.tsv
	sed -i '1s/.*/id\tstatistic\tp\teffect_size/' exact.tsv
	run compare_relative exact.tsv "$D/mcnemar-exact-expected.tsv" 1e-9
	assert_success
	pick got.tsv 1,10,13 '^M[23]' >chi.tsv
	run compare_relative chi.tsv "$D/mcnemar-expected.tsv" 1e-9
	assert_success
	run pick got.tsv 7,8,11,15 '^M'
	assert_line --index 1 "$(printf '0,1\t9,2\tmin_bc\texact')"
	assert_line --index 2 "$(printf '0,1\t9,2\tchi2\tasymptotic+continuity')"
	assert_line --index 3 "$(printf '0,1\t9,2\tchi2\tasymptotic')"
}

@test "mcnemar without correction on a symmetric table: R's rule (no correction when b = c)" {
	printf 'a\tb\n0\t1\n1\t0\n0\t0\n1\t1\n' >in.tsv
	run svy test-hypothesis mcnemar -c a,b -m asymptotic -q --no-header in.tsv
	assert_success
	assert_output "$(printf '\t\tmcnemar\ta,b\t\t4\t0,1\t1,1\t1\t0\tchi2\t\t1\t\tasymptotic\t0\tcohens_g\t\t\t\t\t')"
}

@test "cochran: Q, p and eta squared Q agree with statsmodels' cochrans_q to 1e-9" {
	svy test-hypothesis -q -p "$D/exact-plan.tsv" -i "$D/exact.tsv" >got.tsv
	pick got.tsv 1,10,13,16 '^C' >q.tsv
	sed -i '1s/.*/id\tstatistic\tp\teffect_size/' q.tsv
	run compare_relative q.tsv "$D/cochran-expected.tsv" 1e-9
	assert_success
	# groups: the value counted as a success; group_sizes: its count per column
	run pick got.tsv 7,8 '^C1'
	assert_line --index 1 "$(printf '1\t18,31,32,40')"
}

@test "post-hoc: Dunn's z (tie-corrected) and pairwise U, p adjusted as multipletests, to 1e-9" {
	svy test-hypothesis -q -p "$D/posthoc-plan.tsv" -i "$D/exact.tsv" >got.tsv
	pick got.tsv 1,7,10,13 '^P[1-4]' >pairs.tsv
	run compare_relative pairs.tsv "$D/posthoc-expected.tsv" 1e-9
	assert_success
	pick got.tsv 1,7,10,13 '^P[56]' >cells.tsv
	run compare_relative cells.tsv "$D/residuals-expected.tsv" 1e-9
	assert_success
}

@test "post-hoc rows: one per pair (cell), their id as their family, the adjustment named in the method" {
	svy test-hypothesis -q -p "$D/posthoc-plan.tsv" -i "$D/exact.tsv" >got.tsv
	[ "$(grep -c "^P1	P1	dunn	x by g		" got.tsv)" = 6 ]
	[ "$(grep -c "^P5	P5	chi2-residuals	c,d		" got.tsv)" = 9 ]
	run pick got.tsv 15 '^P[1-6]'
	assert_line --index 1 normal
	assert_line --index 7 normal+holm
	assert_line --index 13 normal+bh
	assert_line --index 19 asymptotic+continuity+bonferroni
	assert_line --index 25 normal
	assert_line --index 35 normal+hochberg
	# the command line's family without an id: the test and its variables
	run svy test-hypothesis dunn -c x -g g -q --no-header "$D/exact.tsv"
	assert_success
	assert_line --index 0 --partial "$(printf '\tdunn x by g\tdunn\tx by g\t\t30\tg1,g2\t15,15\t\t')"
	# --family names it; bh-correct adjusts the pairs as one family
	svy test-hypothesis dunn -c x -g g --family RQ2 -q "$D/exact.tsv" >dunn.tsv
	svy bh-correct -m holm -q dunn.tsv >adj.tsv
	svy test-hypothesis dunn -c x -g g --adjust holm -q "$D/exact.tsv" >holm.tsv
	diff <(cut -f13 holm.tsv | tail -n +2) <(awk -F'\t' 'NR > 1 { print $(NF - 1) }' adj.tsv)
}

@test "post-hoc: pairwise-wilcoxon V, p and rank-biserial agree with scipy's wilcoxon and multipletests to 1e-9 (exact, normal, every zero method, tied exact, one-sided, every adjustment)" {
	W="$TESTDATA/pairwise-wilcoxon"
	svy test-hypothesis -q -p "$W/plan.tsv" -i "$W/data.tsv" >got.tsv
	pick got.tsv 1,7,6,10,13,15,16 '^W' >pairs.tsv
	sed -i '1s/.*/id\tgroups\tn\tstatistic\tp\tmethod\teffect_size/' pairs.tsv
	run compare_relative pairs.tsv "$W/expected.tsv" 1e-9
	assert_success
	# every adjustment is there, named in the method column
	for a in holm bh by bonferroni hochberg; do grep -q "+$a	" pairs.tsv || fail "no +$a"; done
}

@test "post-hoc: pairwise-wilcoxon agrees with R's wilcox.test (V, p, p.adjust) and pairwise.wilcox.test (paired) to 1e-9" {
	W="$TESTDATA/pairwise-wilcoxon"
	svy test-hypothesis -q -p "$W/plan.tsv" -i "$W/data.tsv" >got.tsv
	pick got.tsv 1,7,6,10,13 '^W([1-5]|9)$' >r.tsv
	sed -i '1s/.*/id\tgroups\tn\tstatistic\tp/' r.tsv
	run compare_relative r.tsv "$W/expected-R.tsv" 1e-9
	assert_success
	pick got.tsv 1,7,13 '^W[135]$' >pw.tsv
	sed -i '1s/.*/id\tgroups\tp/' pw.tsv
	run compare_relative pw.tsv "$W/expected-R-pairwise.tsv" 1e-9
	assert_success
}

@test "a pairwise family's rank-biserial r has the interval of the one-pair test of that pair (Fisher z, --conf)" {
	# pairwise-mannwhitney's pair g1,g3 is mannwhitney --groups g1,g3;
	# pairwise-wilcoxon's pair i1,i3 is wilcoxon -c i1,i3 on the same rows
	# (c1..c3 complete everywhere); both at --conf 0.9
	W="$TESTDATA/pairwise-wilcoxon"
	one=$(svy test-hypothesis mannwhitney -c x -g g --groups g1,g3 --conf 0.9 -q --no-header "$D/exact.tsv" | cut -f16,19-22)
	fam=$(svy test-hypothesis pairwise-mannwhitney -c x -g g --conf 0.9 -q --no-header "$D/exact.tsv" |
		awk -F'\t' '$7 == "g1,g3"' | cut -f16,19-22)
	[ -n "$one" ] && [ "$fam" = "$one" ]
	[ "$(cut -f5 <<<"$fam")" = fisher-z ] && [ "$(cut -f4 <<<"$fam")" = 0.9 ]
	one=$(svy test-hypothesis wilcoxon -c c1,c3 --conf 0.9 -q --no-header "$W/data.tsv" | cut -f10,13,16,19-22)
	fam=$(svy test-hypothesis pairwise-wilcoxon -c c1,c2,c3 --conf 0.9 -q --no-header "$W/data.tsv" |
		awk -F'\t' '$7 == "c1,c3"' | cut -f10,13,16,19-22)
	[ -n "$one" ] && [ "$fam" = "$one" ]
	# dunn's z and the cells' residuals have no effect size, so no interval
	svy test-hypothesis dunn -c x -g g -q --no-header "$D/exact.tsv" >dunn.tsv
	[ "$(wc -l <dunn.tsv)" -eq 6 ]
	[ "$(cut -f16,19-22 dunn.tsv | sort -u)" = "$(printf '\t\t\t\t')" ]
}

@test "pairwise-wilcoxon rows: listwise over its columns (friedman's rows), V and rank_biserial, notes and warnings once a family" {
	W="$TESTDATA/pairwise-wilcoxon"
	run --separate-stderr svy test-hypothesis -p "$W/plan.tsv" -i "$W/data.tsv"
	assert_success
	# c4 misses 3 values: W1 (c1..c4) has 37 rows a pair, W3 (c1..c3) all 40
	[ "$(grep -c "^W1	W1	pairwise-wilcoxon	c1,c2,c3,c4		37	c[1-4],c[1-4]			[0-9.]*	V		" <<<"$output")" = 6 ]
	[ "$(grep -c "^W3	W3	pairwise-wilcoxon	c1,c2,c3		40	" <<<"$output")" = 3 ]
	[ "$(grep -cE "	rank_biserial		[-0-9.e]+	[-0-9.e]+	0.95	fisher-z$" <<<"$output")" = 34 ]
	# the counts, the zeros and the exact p's ties: one line a family
	[ "$(grep -c '^svy-test-hypothesis: W1 (pairwise-wilcoxon): n = 37 of 40 rows (3 dropped for a missing value, 0 excluded by --where)$' <<<"$stderr")" = 1 ]
	[ "$(grep -c 'W5 (pairwise-wilcoxon)' <<<"$stderr")" = 2 ]
	[[ "$stderr" == *"W5 (pairwise-wilcoxon): 29 zero differences in 3 pairs (l1,l2 12, l1,l3 6, l2,l3 11; --zero-method wilcox)"* ]]
	[ "$(grep -c 'W8 (pairwise-wilcoxon): the |differences| have ties; the exact p ignores them' <<<"$stderr")" = 1 ]
	# -q keeps the warning, drops the notes
	run --separate-stderr svy test-hypothesis -q -p "$W/plan.tsv" -i "$W/data.tsv"
	[ "$stderr" = "svy-test-hypothesis: W8 (pairwise-wilcoxon): the |differences| have ties; the exact p ignores them, as scipy's does" ]
	# two columns: the one pair is the wilcoxon row's test
	svy test-hypothesis pairwise-wilcoxon -c l1,l2 --zero-method zsplit -q --no-header "$W/data.tsv" >pw.tsv
	svy test-hypothesis wilcoxon -c l1,l2 --zero-method zsplit -q --no-header "$W/data.tsv" >w.tsv
	[ "$(cut -f6,10,11,13-17 pw.tsv)" = "$(cut -f6,10,11,13-17 w.tsv)" ]
	# the command line's family: the test and its columns
	run cut -f2,7 pw.tsv
	assert_output "$(printf 'pairwise-wilcoxon l1,l2\tl1,l2')"
	# few nonzero differences: the normal approximation's note, once
	printf 'a\tb\tc\n1\t2\t4\n2\t2\t5\n3\t5\t1\n4\t3\t3\n5\t7\t2\n' >few.tsv
	run --separate-stderr svy test-hypothesis pairwise-wilcoxon -c a,b,c -m asymptotic few.tsv
	assert_success
	[ "$(grep -c 'pairwise-wilcoxon: a pair has 4 nonzero differences: the normal approximation may be poor' <<<"$stderr")" = 1 ]
}

@test "fisher --simulate N: reproducible byte for byte with -s, (1 + hits) / (N + 1), near the exact p" {
	svy test-hypothesis fisher -c c,d --simulate 4000 -s 7 -q "$D/exact.tsv" >a.tsv
	svy test-hypothesis fisher -c c,d --simulate 4000 -s 7 -q "$D/exact.tsv" >b.tsv
	svy test-hypothesis fisher -c c,d --simulate 4000 -s 8 -q "$D/exact.tsv" >c.tsv
	cmp a.tsv b.tsv
	! cmp -s a.tsv c.tsv
	run awk -F'\t' 'NR == 2 { h = $13 * 4001; print ($15 == "simulated") (h - int(h + .5) < 1e-6 && int(h + .5) - h < 1e-6) ($13 > .07 && $13 < .105) }' a.tsv
	assert_output 111
	run --separate-stderr svy test-hypothesis fisher -c c,d --simulate 100 "$D/exact.tsv"
	[ "${lines[0]}" = "" ] || true
	[[ "$stderr" == *"p from 100 random tables with the table's margins (seed 1)"* ]]
}

@test "fisher 2x2 with a zero cell: the odds ratio is infinite, left empty with a warning; the interval is R's" {
	printf 'a\tb\n' >in.tsv
	for i in 1 2 3 4 5; do printf 'y\ty\n' >>in.tsv; done
	for i in 1 2 3; do printf 'n\ty\n' >>in.tsv; done
	for i in 1 2 3 4; do printf 'n\tn\n' >>in.tsv; done
	run --separate-stderr svy test-hypothesis fisher -c a,b --no-header in.tsv
	assert_success
	# R: fisher.test(matrix(c(4, 0, 3, 5), 2)): p 0.080808080808080787,
	# CI 0.57269922006847129 to Inf, odds ratio Inf
	# (an interval with an infinite end: the ci columns stay empty, the note has it)
	assert_output "$(printf '\t\tfisher\ta,b\t\t12\t2x2\t\t\t\t\t\t0.0808080808080808\ttwo-sided\texact\t\t\t\t\t\t\t')"
	[[ "$stderr" == *"odds ratio Inf, 95% CI 0.572699220068471"*" to Inf (conditional"* ]]
	[[ "$stderr" == *"the odds ratio is infinite (a cell of 0): effect_size left empty"* ]]
}

@test "degenerate input: named errors, exit 1 (data) or 2 (usage)" {
	printf 'a\tb\tc\td\tx\tg\tk\te\n' >in.tsv
	printf 'y\ty\t1\t1\t1\tu\t1\t5\ny\tn\t1\t1\t2\tu\t1\t5\ny\ty\t0\t0\t3\tv\t2\t5\ny\tn\t0\t0\t4\tv\t3\t5\n' >>in.tsv
	while IFS='|' read -r rc args message; do
		# shellcheck disable=SC2086
		run svy test-hypothesis $args -q in.tsv
		assert_failure "$rc"
		assert_line --index 0 "$message"
	done <<'EOF_CASES'
1|fisher -c a,b|svy-test-hypothesis: fisher: column 'a' has one value among the rows used: the table has an empty margin (each column needs at least 2 levels)
1|fisher -c b,a -w a=z|svy-test-hypothesis: fisher: column 'b' has no value among the rows used: the table has an empty margin (each column needs at least 2 levels)
1|mcnemar -c c,d|svy-test-hypothesis: mcnemar: no discordant pairs (both off-diagonal cells are 0): McNemar's test is undefined
1|mcnemar -c a,c|svy-test-hypothesis: mcnemar: mcnemar needs binary columns with the same two values; the columns hold 'y', '1' and '0'
1|mcnemar -c a,b -w b=y|svy-test-hypothesis: mcnemar: every answer is 'y': mcnemar needs two values
1|cochran -c c,d|svy-test-hypothesis: cochran: every row has the same answer in every column: Cochran's Q is undefined
1|cochran -c c,k|svy-test-hypothesis: cochran: cochran needs binary columns with the same two values; the columns hold '1', '0' and '2'
1|dunn -c x -g a|svy-test-hypothesis: dunn: column 'a' has 1 group; the test needs at least 2
1|dunn -c e -g b|svy-test-hypothesis: dunn: every value is tied: the ranks do not vary
2|fisher -c a,b --adjust holm|svy-test-hypothesis: --adjust applies to dunn, pairwise-mannwhitney, pairwise-wilcoxon and chi2-residuals, not fisher
2|dunn -c x -g g --simulate 10|svy-test-hypothesis: --simulate applies to fisher, not dunn
2|dunn -c x -g g --adjust fdr|svy-test-hypothesis: option '--adjust': 'fdr' is not one of: none, bh, by, holm, bonferroni, hochberg
2|fisher -c a,b --simulate 0|svy-test-hypothesis: option '--simulate': '0' is not a whole number from 1 to 100000000
2|dunn -c x|svy-test-hypothesis: dunn takes -c VALUE -g GROUP
2|mcnemar -c x,g,k|svy-test-hypothesis: mcnemar takes 2 columns, got 3
2|fisher -c x,g --simulate 10 --alternative less|svy-test-hypothesis: --alternative applies to the exact 2x2 test, not --simulate
2|mcnemar -c a,b --alternative less|svy-test-hypothesis: --alternative applies to spearman, pearson, mannwhitney, fisher, pairwise-mannwhitney, pairwise-wilcoxon, ttest, paired-ttest and wilcoxon, not mcnemar
2|dunn -c x -g g -m exact|svy-test-hypothesis: --method and --no-continuity apply to mannwhitney, mcnemar, pairwise-mannwhitney, pairwise-wilcoxon and wilcoxon, not dunn
2|cochran -c a -g g|svy-test-hypothesis: --by applies to kruskal, mannwhitney, dunn, pairwise-mannwhitney, ttest and anova, not cochran
1|pairwise-wilcoxon -c x,c,d|svy-test-hypothesis: pairwise-wilcoxon: columns 'c' and 'd' are equal on every row used: all differences are zero: the signed-rank test is undefined
1|pairwise-wilcoxon -c x,k -m exact|svy-test-hypothesis: pairwise-wilcoxon: columns 'x' and 'k': the exact distribution has no zero differences (give -m asymptotic)
1|pairwise-wilcoxon -c e,k -m exact|svy-test-hypothesis: pairwise-wilcoxon: columns 'e' and 'k': the exact distribution has no tied |differences| (give -m asymptotic)
1|pairwise-wilcoxon -c x,k -w g=none|svy-test-hypothesis: pairwise-wilcoxon: no row has every column present
1|pairwise-wilcoxon -c x,a|svy-test-hypothesis: in.tsv:2: column 'a': not a number (got 'y')
2|pairwise-wilcoxon -c x|svy-test-hypothesis: pairwise-wilcoxon needs 2 or more columns, got 1
2|pairwise-wilcoxon -c x,k -g g|svy-test-hypothesis: --by applies to kruskal, mannwhitney, dunn, pairwise-mannwhitney, ttest and anova, not pairwise-wilcoxon
2|pairwise-wilcoxon -c x,k --mu 1|svy-test-hypothesis: --mu applies to ttest, paired-ttest and wilcoxon, not pairwise-wilcoxon
2|pairwise-wilcoxon -c x,k --simulate 10|svy-test-hypothesis: --simulate applies to fisher, not pairwise-wilcoxon
2|pairwise-wilcoxon -c x,k --no-yates|svy-test-hypothesis: --no-yates applies to chi2, not pairwise-wilcoxon
2|pairwise-wilcoxon -c x,k --equal-var|svy-test-hypothesis: --equal-var applies to ttest -g and anova, not pairwise-wilcoxon
2|pairwise-wilcoxon -c x,k --boot 10|svy-test-hypothesis: --boot and --boot-ci apply to kruskal and friedman (their intervals are bootstrapped), not pairwise-wilcoxon
2|pairwise-wilcoxon -c x,k --adjust fdr|svy-test-hypothesis: option '--adjust': 'fdr' is not one of: none, bh, by, holm, bonferroni, hochberg
2|pairwise-wilcoxon -c x,k --zero-method none|svy-test-hypothesis: option '--zero-method': 'none' is not one of: wilcox, pratt, zsplit
2|friedman -c x,k,e --zero-method pratt|svy-test-hypothesis: --zero-method and --auto-rule apply to wilcoxon and pairwise-wilcoxon, not friedman
EOF_CASES
}

@test "fisher r x c: --alternative is an error there; a table with too many tables names --simulate" {
	run svy test-hypothesis fisher -c c,g --alternative less -q "$D/exact.tsv"
	assert_failure 2
	assert_line --index 0 "svy-test-hypothesis: --alternative applies to a 2x2 table; this one is 3x4"
	# 6 x 6 levels over 600 rows: more than the network algorithm's 2e7 steps
	awk 'BEGIN { print "a\tb"; for (i = 0; i < 600; i++) print i % 6 "\t" int(i / 7) % 6 }' >big.tsv
	run svy test-hypothesis fisher -c a,b -q big.tsv
	assert_failure 1
	assert_output "svy-test-hypothesis: fisher: the table is too large for the exact test (more than 20000000 steps of the network algorithm): give --simulate N for a Monte Carlo p"
	run svy test-hypothesis fisher -c a,b --simulate 200 -q big.tsv
	assert_success
}
