#!/usr/bin/env bats
# test-hypothesis: one test per row, or a plan of them over one read of the
# data; every number checked against scipy.stats on the same input
# (test/data/test-hypothesis/make-expected.py made the *-expected.tsv files).

load test_helper

D="$TESTDATA/test-hypothesis"

printf -v HEADER 'id\tfamily\ttest\tvariables\twhere\tn\tgroups\tgroup_sizes\tdf\tstatistic\tstatistic_name\tu_min\tp\talternative\tmethod\teffect_size\teffect_name'
# the effect sizes' intervals (and anova's df2) follow; the scipy golden
# files hold the first 17 columns (test/51 checks the intervals)
printf -v CI_HEADER '\tdf2\tci_low\tci_high\tci_level\tci_method'

# ---- agreement with scipy ------------------------------------------------

@test "study-like data (83 rows): every test of the plan agrees with scipy to 1e-9" {
	svy test-hypothesis --quiet --plan "$D/study-plan.tsv" --input "$D/study.tsv" | cut -f1-17 >got.tsv
	run compare_relative got.tsv "$D/study-expected.tsv" 1e-9
	assert_success
}

@test "small groups (exact U), ties, one-sided, 2x2 Yates: agree with scipy to 1e-9" {
	svy test-hypothesis -q -p "$D/small-plan.tsv" -i "$D/small.tsv" | cut -f1-17 >got.tsv
	run compare_relative got.tsv "$D/small-expected.tsv" 1e-9
	assert_success
}

@test "far tails of every p path (t, normal, chi-square, exact U) match mpmath, subnormal p printed" {
	# make-tails.py: p from mpmath (40 digits) at the statistic scipy gives;
	# 2e-12 covers the p's own conditioning on a statistic one ulp away
	# (d ln p / d r ~ 5000 at n = 600, r = .95). GSL's tdist_Q was off by
	# 1e-8 (n = 50, r = .899), 4e-7 (df 48, t = 20), 5e-7 (df 100, t = 30)
	# and printed 0 for the subnormal p of T10; GSL's normal tail gave 0 for
	# the subnormal p of N4.
	svy test-hypothesis -q --plan "$D/tails-plan.tsv" "$D/tails.tsv" | cut -f1,6,9,10,13 >got.tsv
	run compare_relative got.tsv "$D/tails-expected.tsv" 2e-12
	assert_success
	[ "$(wc -l <got.tsv)" -eq 21 ]
	for id in T10 N4; do
		run awk -F'\t' -v id="$id" '$1 == id { found = 1; ok = $5 > 0 && $5 < 2.2250738585072014e-308 }
			END { exit !(found && ok) }' got.tsv
		assert_success
	done
}

@test "correlations over the whole range of doubles: 1e200, denormals, 1e306, 1e15 + d, mixed (exact r, mpmath p)" {
	# make-extreme.py: r of the doubles computed exactly; before, 1e200 gave
	# r = 0 and p = 1, 1e-321 'a column is constant', 1e306 NaN, 1e15 + d
	# r off in the 4th digit.
	svy test-hypothesis -q --plan "$D/extreme-plan.tsv" "$D/extreme.tsv" | cut -f1,6,9,10,13 >got.tsv
	run compare_relative got.tsv "$D/extreme-expected.tsv" 1e-12
	assert_success
	[ "$(wc -l <got.tsv)" -eq 11 ]
	run grep -E -i 'inf|nan|	-0	' got.tsv
	assert_failure
}

@test "property: random extreme magnitudes give finite numbers or a named error, never Inf, NaN or -0" {
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
		printf 'id\ttest\tvariables\toptions\nP\tpearson\tx y\t\nS\tspearman\ty z\t\nK\tkruskal\tx\t-g g\nM\tmannwhitney\tz\t-g g --groups a,b\nF\tfriedman\tx y z\t\nW\tkruskal\tx y z\t--wide\n' >plan.tsv
		run --separate-stderr svy test-hypothesis -q --plan plan.tsv r.tsv
		if [ "$status" -eq 0 ]; then
			[ "${#lines[@]}" -eq 7 ] || fail "seed $seed: ${#lines[@]} lines"
			run grep -E -i '(^|\t)(-?inf|nan|-0)(\t|$)' <<<"$output"
			assert_failure
		else
			[ "$status" -eq 1 ] || fail "seed $seed: status $status"
			[[ "$stderr" == svy-test-hypothesis:* ]] || fail "seed $seed: $stderr"
		fi
	done
}

@test "no silent surprises: identical values under exact U, thousands of levels, level order" {
	printf 'v\tg\n1\ta\n1\ta\n1\tb\n1\tb\n' >in.tsv
	for m in exact asymptotic auto; do
		run svy test-hypothesis mannwhitney -c v -q -g g --groups a,b -m "$m" in.tsv
		assert_failure 1
		assert_output "svy-test-hypothesis: mannwhitney: all values are identical"
	done
	# 20,000 levels in each column: a named error at once, not a 3 GB table
	awk 'BEGIN { print "v\ta\tb"; for (i = 1; i <= 20000; i++) print i "\ta" i "\tb" i }' >many.tsv
	run svy test-hypothesis chi2 -c a,b -q many.tsv
	assert_failure 1
	assert_output "svy-test-hypothesis: chi2: column 'a' has 20000 levels (limit 1000, --max-levels)"
	run svy test-hypothesis kruskal -c v -q -g b many.tsv
	assert_failure 1
	assert_output "svy-test-hypothesis: kruskal: column 'b' has 20000 levels (limit 1000, --max-levels)"
	# raised, the table is the levels present: 1500 x 3
	awk 'BEGIN { print "a\tb"; for (i = 1; i <= 3000; i++) print "a" (i % 1500) "\t" (i % 3) }' >some.tsv
	run svy test-hypothesis chi2 -c a,b -q some.tsv
	assert_failure 1
	assert_output "svy-test-hypothesis: chi2: column 'a' has 1500 levels (limit 1000, --max-levels)"
	run --separate-stderr svy test-hypothesis chi2 -c a,b -q --no-header --max-levels 1500 some.tsv
	assert_success
	[ "$(cut -f6,7,9 <<<"$output")" = "$(printf '3000\t1500x3\t2998')" ]
	# kruskal groups: numbers by value, then text (as tally)
	printf 'v\tg\n1\t10\n2\t10\n3\t9\n4\t9\n5\tx\n6\tx\n7\t-1\n8\t-1\n' >lv.tsv
	run --separate-stderr svy test-hypothesis kruskal -c v -q --no-header --by g lv.tsv
	assert_success
	[ "$(cut -f7,8 <<<"$output")" = "$(printf -- '-1,9,10,x\t2,2,2,2')" ]
	# levels are equal by value, as in tally and kappa: 1 = 1.0 = 1e0, 2 = 2.00
	printf 'v\tg\n1\t1\n2\t1.0\n3\t1e0\n4\t2\n5\t2.00\n6\t2\n' >eq.tsv
	run --separate-stderr svy test-hypothesis kruskal -c v -q --no-header --by g eq.tsv
	assert_success
	[ "$(cut -f7,8 <<<"$output")" = "$(printf '1,2\t3,3')" ]
	run --separate-stderr svy test-hypothesis mannwhitney -c v -q --no-header --by g --groups 1.0,2 eq.tsv
	assert_success
	[ "$(cut -f6 <<<"$output")" = 6 ]
	run svy test-hypothesis mannwhitney -c v -q --by g --groups 1,1.0 eq.tsv
	assert_failure 2
	assert_output --partial "--groups '1,1.0': give two different levels A,B"
}

@test "a 2100 x 2050 table (4.3 million cells, 6000 counted) is held by its cells: scipy's chi2, V and small-count note" {
	run --separate-stderr svy test-hypothesis chi2 -c a,b --no-header --max-levels 3000 "$D/levels.tsv"
	assert_success
	small=$(sed -n 's/^svy-test-hypothesis: chi2: \([0-9]*\) of 4305000 expected counts are below 5.*/\1/p' <<<"$stderr")
	{ printf 'n\tgroups\tdf\tstatistic\tp\teffect_size\tsmall\n'
	  printf '%s\t%s\n' "$(cut -f6,7,9,10,13,16 <<<"$output")" "$small"; } >got.tsv
	run compare_relative got.tsv "$D/levels-expected.tsv" 1e-9
	assert_success
}

@test "the grammar: data as a trailing FILE, -i or stdin; -g/--by; -m/--method" {
	want=$(svy test-hypothesis mannwhitney -c x -q --by g --groups a,b --method asymptotic -i "$D/small.tsv")
	[ "$(svy test-hypothesis mannwhitney -c x -q -g g --groups a,b -m asymptotic "$D/small.tsv")" = "$want" ]
	[ "$(svy test-hypothesis mannwhitney -c x -q -g g --groups a,b -m asymptotic <"$D/small.tsv")" = "$want" ]
	[ "$(svy test-hypothesis mannwhitney -c x -q -g g --groups a,b -m asymptotic - <"$D/small.tsv")" = "$want" ]
	# friedman and kruskal --wide take any number of columns: the last
	# operand is the data when it names a file
	want=$(svy test-hypothesis friedman -c w1,w2,w3 -q -i "$D/small.tsv")
	[ "$(svy test-hypothesis friedman -c w1,w2,w3 -q "$D/small.tsv")" = "$want" ]
	[ "$(svy test-hypothesis friedman -c 'w*' -q "$D/small.tsv")" = "$want" ]
	[ "$(svy test-hypothesis kruskal -c 'w*' -q --wide "$D/small.tsv")" = "$(svy test-hypothesis kruskal -q --wide -c 'w*' <"$D/small.tsv")" ]
	run svy test-hypothesis kruskal -c x -q -g g --min-group ' 2' "$D/small.tsv"
	assert_failure 2
	assert_line --index 0 "svy-test-hypothesis: option '--min-group': ' 2' is not a whole number from 1 to 1000000"
	want=$(svy test-hypothesis -q --plan "$D/small-plan.tsv" -i "$D/small.tsv")
	[ "$(svy test-hypothesis -q --plan "$D/small-plan.tsv" "$D/small.tsv")" = "$want" ]
}

@test "each plan line run on the command line gives the same row" {
	for data in study small; do
		# (read with IFS=TAB would merge the empty family fields)
		tail -n +2 "$D/$data-plan.tsv" | while IFS= read -r line; do
			f=() rest=$line$'\t'	# split at each TAB, empty fields kept, no fork
			while [ -n "$rest" ]; do f+=("${rest%%$'\t'*}"); rest=${rest#*$'\t'}; done
			id=${f[0]} family=${f[1]} test=${f[2]}
			eval "vars=(${f[3]})"
			eval "opts=(${f[4]})"
			cols=$(IFS=,; printf '%s' "${vars[*]}")
			(cd "$D" && svy test-hypothesis "$test" -c "$cols" -q --no-header --id "$id" \
				--family "$family" "${opts[@]}" <"$data.tsv") | cut -f1-17 >>rows.tsv
		done
		{ printf '%s\n' "$HEADER"; cat rows.tsv; } >got.tsv
		rm rows.tsv
		run compare_relative got.tsv "$D/$data-expected.tsv" 1e-9
		assert_success
	done
}

@test "the output header is the documented schema" {
	run --separate-stderr svy test-hypothesis spearman -c x,z -i "$D/small.tsv"
	assert_success
	assert_line --index 0 "$HEADER$CI_HEADER"
	[ "${#lines[@]}" -eq 2 ]
}

# ---- conventions spelled out ----------------------------------------------

@test "exact Mann-Whitney on separated samples: p = 2/C(6,3) two-sided, 1/20 one-sided" {
	printf 'v\tg\n1\ta\n2\ta\n3\ta\n4\tb\n5\tb\n6\tb\n' >in.tsv
	run --separate-stderr bash -c "'$BIN/test-hypothesis' mannwhitney -c v -q --by g --groups b,a -i in.tsv | cut -f1-17"
	assert_success
	assert_line --index 1 "$(printf '\t\tmannwhitney\tv by g\t\t6\tb,a\t3,3\t\t9\tU\t0\t0.1\ttwo-sided\texact\t1\trank_biserial')"
	run --separate-stderr bash -c "'$BIN/test-hypothesis' mannwhitney -c v -q --no-header --by g --groups b,a --alternative greater -i in.tsv | cut -f1-17"
	assert_output "$(printf '\t\tmannwhitney\tv by g\t\t6\tb,a\t3,3\t\t9\tU\t0\t0.05\tgreater\texact\t1\trank_biserial')"
	run --separate-stderr svy test-hypothesis mannwhitney -c v -q --no-header --by g --groups b,a --alternative less -i in.tsv
	assert_output --partial "$(printf '\t1\tless\texact\t')"
}

@test "the paper's H.1.5: U(41, 42) = 584.0 gives p = .0059 one-sided (scipy < 1.7's default)" {
	# 41 'dev' ranks summing to 1999, so U1 = 1138 and the smaller U = 584.
	# scipy: mannwhitneyu(dev, other, alternative=A) gives for A = greater,
	# two-sided: 0.005893998799364042, 0.011787997598728084.
	awk 'BEGIN { print "v\tg"; for (r = 1; r <= 83; r++) print r "\t" ((r <= 13 || r == 18 || r >= 57) ? "dev" : "other") }' >in.tsv
	run --separate-stderr svy test-hypothesis mannwhitney -c v -q --no-header --by g --groups dev,other \
		--alternative greater --method asymptotic -i in.tsv
	assert_success
	[ "$(cut -f8,10,12,15 <<<"$output")" = "$(printf '41,42\t1138\t584\tasymptotic+continuity')" ]
	numeq "$(cut -f13 <<<"$output")" 0.005893998799364042 1e-12
	run --separate-stderr svy test-hypothesis mannwhitney -c v -q --no-header --by g --groups dev,other -i in.tsv
	numeq "$(cut -f13 <<<"$output")" 0.011787997598728084 1e-12
	run --separate-stderr svy report --u-min <(svy test-hypothesis mannwhitney -c v -q --by g --groups dev,other --alternative greater -i in.tsv)
	assert_line --index 2 "|  | U(41, 42) = 584.0 | .006 |"
}

@test "a perfect relation: coefficient 1, p 0 (t is infinite), as scipy" {
	printf 'x\ty\n1\t1\n2\t4\n3\t9\n4\t16\n' >in.tsv
	run --separate-stderr svy test-hypothesis spearman -c x,y -q --no-header -i in.tsv
	assert_success
	assert_output "$(printf '\t\tspearman\tx,y\t\t4\t\t\t2\t1\trho\t\t0\ttwo-sided\tt\t1\trho\t\t1\t1\t0.95\tfisher-z-bonett-wright')"
	printf 'x\ty\n1\t2\n2\t4\n3\t6\n4\t8\n' >in.tsv
	run --separate-stderr svy test-hypothesis pearson -c x,y -q --no-header --alternative less -i in.tsv
	assert_output "$(printf '\t\tpearson\tx,y\t\t4\t\t\t2\t1\tr\t\t1\tless\tt\t1\tr\t\t1\t1\t0.95\tfisher-z')"
}

@test "missing values are dropped and counted on stderr" {
	printf 'x\ty\n1\t2\n\t3\n2\t\n3\t1\n4\t5\n5\t4\n' >in.tsv
	run --separate-stderr svy test-hypothesis spearman -c x,y --id A -i in.tsv
	assert_success
	[ "$stderr" = "svy-test-hypothesis: A (spearman): n = 4 of 6 rows (2 dropped for a missing value, 0 excluded by --where)" ]
	[[ "${lines[1]}" == $'A\t\tspearman\tx,y\t\t4\t'* ]]
}

@test "chi2 notes expected counts below 5, with the count and the smallest; -q silences the note" {
	run --separate-stderr svy test-hypothesis chi2 -c g,sparse --id Q -i "$D/small.tsv"
	assert_success
	[ "${stderr_lines[1]}" = "svy-test-hypothesis: Q (chi2): 9 of 9 expected counts are below 5 (smallest 0.556): the chi-square approximation may be poor" ]
	run --separate-stderr svy test-hypothesis chi2 -c g,sparse -q --id Q "$D/small.tsv"
	assert_success
	[ "$stderr" = "" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "Yates only when df = 1; --no-yates turns it off" {
	run --separate-stderr svy test-hypothesis chi2 -c flag,sex -q --no-header -i "$D/small.tsv"
	[ "$(cut -f15 <<<"$output")" = "asymptotic+yates" ]
	run --separate-stderr svy test-hypothesis chi2 -c flag,sex -q --no-header --no-yates -i "$D/small.tsv"
	[ "$(cut -f15 <<<"$output")" = "asymptotic" ]
	run --separate-stderr svy test-hypothesis chi2 -c g,sparse -q --no-header -i "$D/small.tsv"
	[ "$(cut -f15 <<<"$output")" = "asymptotic" ]
}

@test "--where and --where-file keep only the listed values; columns, blank lines and # comments" {
	printf '# two of them\n\nf\n' >values.txt
	run --separate-stderr svy test-hypothesis mannwhitney -c x -q --no-header --by g --groups a,c \
		--where-file sex=values.txt -i "$D/small.tsv"
	assert_success
	a="$output"
	run --separate-stderr svy test-hypothesis mannwhitney -c x -q --no-header --by g --groups a,c \
		--where sex=f -i "$D/small.tsv"
	[ "$(cut -f6- <<<"$output")" = "$(cut -f6- <<<"$a")" ]
	[ "$(cut -f5 <<<"$a")" = "sex=@values.txt" ]
	[ "$(cut -f5 <<<"$output")" = "sex=f" ]
	run --separate-stderr svy test-hypothesis kruskal -c x --no-header --by g --where sex=f --where flag=1 -i "$D/small.tsv"
	[ "$(cut -f5-8 <<<"$output")" = "$(printf 'sex=f flag=1\t7\tb,c\t2,5')" ]
	[ "$stderr" = "svy-test-hypothesis: kruskal: n = 7 of 18 rows (0 dropped for a missing value, 11 excluded by --where)" ]
}

@test "--where on the command line applies to every test of a plan; plan --where-file is relative to the plan" {
	mkdir plan
	printf 'f\n' >plan/sexes.txt
	printf 'id\ttest\tvariables\toptions\nA\tkruskal\tx\t--by g --where-file sex=sexes.txt\nB\tspearman\tx y\t\n' >plan/p.tsv
	run --separate-stderr svy test-hypothesis -q --plan plan/p.tsv --where flag=1 -i "$D/small.tsv"
	assert_success
	[ "$(cut -f1,5,6 <<<"${lines[1]}")" = "$(printf 'A\tflag=1 sex=@sexes.txt\t7')" ]
	[ "$(cut -f1,5 <<<"${lines[2]}")" = "$(printf 'B\tflag=1')" ]
}

@test "--digits rounds the numbers; --no-header appends" {
	run --separate-stderr svy test-hypothesis spearman -c x,y -q --no-header --digits 3 --id H.1 --family RQ1 -i "$D/small.tsv"
	assert_success
	assert_output "$(printf 'H.1\tRQ1\tspearman\tx,y\t\t18\t\t\t16\t0.276\trho\t\t0.268\ttwo-sided\tt\t0.276\trho\t\t-0.228\t0.663\t0.95\tfisher-z-bonett-wright')"
}

@test "kruskal --wide: each column a group; globs expand" {
	run --separate-stderr svy test-hypothesis kruskal -c 'w*' --no-header --wide -i "$D/small.tsv"
	assert_success
	[ "$(cut -f3,4,6,7,8,9 <<<"$output")" = "$(printf 'kruskal\tw1,w2,w3\t54\tw1,w2,w3\t18,18,18\t2')" ]
	[ "$stderr" = "svy-test-hypothesis: kruskal: n = 54 values from 3 columns of 18 rows (0 missing values dropped, 0 rows excluded by --where)" ]
}

@test "the study's plan (pipelines/) runs every hypothesis of Tables 4 and 5" {
	run --separate-stderr svy test-hypothesis -q --plan "$SVY_ROOT/pipelines/studies/awareness/hypotheses.tsv" -i "$D/study.tsv"
	assert_success
	[ "$(cut -f1,2,3 <<<"$output" | tail -n +2 | tr '\t\n' ' ;')" = "H.1.1 RQ1 spearman;H.1.2 RQ1 kruskal;H.1.3 RQ1 spearman;H.1.4 RQ1 kruskal;H.1.5 RQ1 mannwhitney;H.1.6 RQ1 kruskal;H.2.1 RQ2 spearman;H.2.2 RQ2 chi2;H.2.3 RQ2 mannwhitney;H.2.4 RQ2 mannwhitney;H.2.5 RQ2 kruskal;H.2.5.1 RQ2 mannwhitney;H.2.5.2 RQ2 mannwhitney;H.2.5.3 RQ2 mannwhitney;H.2.6 RQ2 friedman;H.2.7 RQ2 friedman;H.2.8 RQ2 friedman;H.2.9 RQ2 friedman;" ]
	# H.2.5 is restricted to EU member states: the same numbers as K4 of the
	# test plan, whose eu.txt lists the EU countries of study.tsv.
	[ "$(grep '^H.2.5	' <<<"$output" | cut -f6-)" = "$(svy test-hypothesis kruskal -c gdpr_change -q --no-header --by data_relation --where-file country="$D/eu.txt" -i "$D/study.tsv" | cut -f6-)" ]
	[ "$(grep '^H.2.6	' <<<"$output" | cut -f4)" = "known_attack_inversion,known_attack_impersonation,known_attack_poisoning,known_attack_evasion" ]
}

# ---- bad input: exact message and status -----------------------------------

@test "bad data: message names file, line, column and value; exit 1" {
	while IFS='|' read -r input args message; do
		printf "$input" >in.tsv
		run svy test-hypothesis $args -i in.tsv
		assert_failure 1
		assert_output "$message"
	done <<'EOF_CASES'
|spearman -c x,y|svy-test-hypothesis: in.tsv: empty input: no header row
x\ty\n|spearman -c x,y|svy-test-hypothesis: in.tsv: no data rows, only a header
x\ty\n1\t2\n3\n|spearman -c x,y|svy-test-hypothesis: in.tsv:3: row has 1 field, header has 2
x\tx\n1\t2\n|spearman -c x,y|svy-test-hypothesis: in.tsv:1: column 'x': header has this name twice (fields 1 and 2)
x\ty\n1\tabc\n|spearman -c x,y|svy-test-hypothesis: in.tsv:2: column 'y': not a number (got 'abc')
x\ty\n1\tNaN\n|spearman -c x,y|svy-test-hypothesis: in.tsv:2: column 'y': not a finite number (got 'NaN')
x\ty\n1\t-inf\n|spearman -c x,y|svy-test-hypothesis: in.tsv:2: column 'y': not a finite number (got '-inf')
x\ty\n1\t1e999\n|spearman -c x,y|svy-test-hypothesis: in.tsv:2: column 'y': number out of range (got '1e999')
x\ty\n1\t2\n2\t2\n3\t2\n|spearman -q -c x,y|svy-test-hypothesis: spearman: column 'y' is constant (every value is 2)
x\ty\n1\t2\n2\t3\n\t4\n|pearson -q -c x,y|svy-test-hypothesis: pearson: 2 complete pairs; the test needs at least 3
v\tg\n1\ta\n2\ta\n3\tb\n|kruskal -q -c v -g g|svy-test-hypothesis: kruskal: group 'b' of column 'g' has 1 value; each group needs at least 2 (--min-group)
v\tg\n1\ta\n1\ta\n1\tb\n1\tb\n|kruskal -q -c v -g g|svy-test-hypothesis: kruskal: all values are identical
v\tg\n1\ta\n2\ta\n|kruskal -q -c v -g g|svy-test-hypothesis: kruskal: column 'g' has 1 group; the test needs at least 2
v\tg\n1\ta\n2\ta\n3\tb\n|mannwhitney -q -c v -g g --groups a,b|svy-test-hypothesis: mannwhitney: group 'b' of column 'g' has 1 value; each group needs at least 2 (--min-group)
v\tg\n1\ta\n2\ta\n3\tb\n|mannwhitney -q -c v -g g --groups a,c|svy-test-hypothesis: mannwhitney: column 'g' has no value 'c' (with 'v' present); its values are 'a', 'b'
v\tg\n1\tfemale\n2\tmale\n3\tdiverse\n4\t\n\tother\n|mannwhitney -q -c v -g g --groups female,mal|svy-test-hypothesis: mannwhitney: column 'g' has no value 'mal' (with 'v' present); its values are 'diverse', 'female', 'male'
v\tg\n1\ta\n2\ta\n|mannwhitney -q -c v -g g --groups a,b -w g!=a|svy-test-hypothesis: mannwhitney: column 'g' has no value 'a' (with 'v' present); its values are none
v\tg\n1\ta\n1\ta\n1\tb\n1\tb\n|mannwhitney -q -c v -g g --groups a,b|svy-test-hypothesis: mannwhitney: all values are identical
a\tb\nx\tu\ny\tu\n|chi2 -q -c a,b|svy-test-hypothesis: chi2: column 'b' is constant (the table needs at least 2 levels in each column)
a\tb\tc\n1\t1\t1\n2\t2\t2\n|friedman -q -c a,b,c|svy-test-hypothesis: friedman: every row is constant (all values tied)
a\tb\tc\n1\t2\t3\n2\t\t2\n|friedman -q -c a,b,c|svy-test-hypothesis: friedman: fewer than 2 complete rows
EOF_CASES
}

@test "bad usage: exit 2 with a hint to --help" {
	printf 'x\ty\tg\n1\t2\ta\n' >in.tsv
	while IFS='|' read -r args message; do
		run svy test-hypothesis $args -i in.tsv
		assert_failure 2
		assert_line --index 0 "$message"
		assert_line --index 1 "Try 'svy-test-hypothesis --help' for more information."
	done <<'EOF_CASES'
spearman -c x,nope|svy-test-hypothesis: in.tsv: no column 'nope'; the columns are 'x', 'y', 'g'
|svy-test-hypothesis: no test given: the first word is one of spearman, pearson, chi2, kruskal, mannwhitney, friedman, fisher, mcnemar, cochran, dunn, pairwise-mannwhitney, pairwise-wilcoxon, chi2-residuals, ttest, paired-ttest, wilcoxon, anova (or give --plan PLAN)
-q spearman -c x,y|svy-test-hypothesis: give the input once: -i 'in.tsv' or the operand 'spearman', not both
t-test -c x,y|svy-test-hypothesis: unknown test 't-test' (spearman, pearson, chi2, kruskal, mannwhitney, friedman, fisher, mcnemar, cochran, dunn, pairwise-mannwhitney, pairwise-wilcoxon, chi2-residuals, ttest, paired-ttest, wilcoxon, anova)
spearman x y|svy-test-hypothesis: too many operands: one input file at most (got 'x' and 'y')
spearman x|svy-test-hypothesis: give the input once: -i 'in.tsv' or the operand 'x', not both
spearman -c x|svy-test-hypothesis: spearman takes 2 columns, the names match 1 columns
spearman -c x,y,g|svy-test-hypothesis: spearman takes 2 columns, got 3
spearman -c x,x|svy-test-hypothesis: option '--columns': 'x' given twice
spearman -c x,y --alternative bigger|svy-test-hypothesis: option '--alternative': 'bigger' is not one of: two-sided, less, greater
spearman -c x,y --no-yates|svy-test-hypothesis: --no-yates applies to chi2, not spearman
chi2 -c x,y --alternative less|svy-test-hypothesis: --alternative applies to spearman, pearson, mannwhitney, fisher, pairwise-mannwhitney, pairwise-wilcoxon, ttest, paired-ttest and wilcoxon, not chi2
kruskal -c x|svy-test-hypothesis: kruskal takes -c VALUE -g GROUP, or --wide -c COL,...
kruskal -c x -g g,y|svy-test-hypothesis: -g/--by takes one grouping column (got 'g' and 'y')
kruskal -c x --wide|svy-test-hypothesis: kruskal --wide needs 2 or more columns, got 1
mannwhitney -c x -g g|svy-test-hypothesis: mannwhitney takes -c VALUE -g GROUP --groups A,B
mannwhitney -c x -g g --groups a|svy-test-hypothesis: --groups 'a': give two different levels A,B
mannwhitney -c x -g g --groups a,a|svy-test-hypothesis: --groups 'a,a': give two different levels A,B
mannwhitney -c x -g g --groups a,b -m fast|svy-test-hypothesis: option '--method': 'fast' is not one of: auto, exact, asymptotic
friedman -c x,y|svy-test-hypothesis: friedman needs 3 or more columns, got 2
spearman -c x,y -w g|svy-test-hypothesis: --where 'g': give COLUMN=VALUE,...
spearman -c x,y --where-file g|svy-test-hypothesis: --where-file 'g': give COLUMN=FILE
spearman -c x,y --digits 0|svy-test-hypothesis: option '--digits': '0' is not a whole number from 1 to 17
kruskal -c x -g g --min-group +2|svy-test-hypothesis: option '--min-group': '+2' is not a whole number from 1 to 1000000
kruskal -c x -g g --max-levels 1|svy-test-hypothesis: option '--max-levels': '1' is not a whole number from 2 to 100000000
kruskal -c x -g g --max-where-file 0|svy-test-hypothesis: option '--max-where-file': '0' is not a whole number from 1 to 1048576
spearman -c x,y --max-levels 5|svy-test-hypothesis: --max-levels applies to chi2, kruskal and anova, not spearman
spearman -c x,y extra.tsv|svy-test-hypothesis: give the input once: -i 'in.tsv' or the operand 'extra.tsv', not both
spearman -c x,y --by g|svy-test-hypothesis: --by applies to kruskal, mannwhitney, dunn, pairwise-mannwhitney, ttest and anova, not spearman
EOF_CASES
}

@test "--where-file is bounded: larger than --max-where-file MB (default 64) or holding a NUL is a named error" {
	printf 'x\ty\tg\n1\t2\ta\n2\t1\tb\n3\t3\ta\n' >in.tsv
	awk 'BEGIN { for (i = 0; i < 150000; i++) print "value-" i }' >big.txt	# about 1.7 MB
	printf 'a\0b\n' >nul.txt
	printf 'id\ttest\tvariables\toptions\nA\tspearman\tx y\t--where-file g=big.txt\n' >plan.tsv
	while IFS='|' read -r args message; do
		run --separate-stderr svy test-hypothesis $args in.tsv
		assert_failure 1
		[ "$stderr" = "$message" ] || fail "$args: '$stderr'"
	done <<'EOF_CASES'
spearman -q -c x,y --where-file g=/dev/zero|svy-test-hypothesis: spearman: --where-file: /dev/zero: larger than 64 MB (--max-where-file)
spearman -q -c x,y --where-file g=big.txt --max-where-file 1|svy-test-hypothesis: spearman: --where-file: big.txt: larger than 1 MB (--max-where-file)
--plan plan.tsv -q --max-where-file 1|svy-test-hypothesis: plan.tsv:2: A (spearman): --where-file: big.txt: larger than 1 MB (--max-where-file)
spearman -q -c x,y --where-file g=nul.txt|svy-test-hypothesis: spearman: --where-file: nul.txt: a NUL byte: not a text file
EOF_CASES
	# raised, the same file is read
	run --separate-stderr svy test-hypothesis spearman -q --no-header -c x,y --where-file g=big.txt --max-where-file 2 in.tsv
	assert_failure 1
	[ "$stderr" = "svy-test-hypothesis: spearman: 0 complete pairs; the test needs at least 3" ]
	printf 'b\na\n' >ab.txt
	run --separate-stderr svy test-hypothesis spearman -q --no-header -c x,y --where-file g=ab.txt --max-where-file 1 in.tsv
	assert_success
	[ "$(cut -f5,6 <<<"$output")" = "$(printf 'g=@ab.txt\t3')" ]
}

@test "exact U is limited to n1 * n2 <= 10000" {
	awk 'BEGIN { print "v\tg"; for (i = 1; i <= 202; i++) print i "\t" (i % 2 ? "a" : "b") }' >in.tsv
	run svy test-hypothesis mannwhitney -c v -q --by g --groups a,b --method exact -i in.tsv
	assert_failure 1
	assert_output "svy-test-hypothesis: mannwhitney: the exact distribution is limited to n1 * n2 <= 10000"
}

@test "auto falls back to the normal approximation when exact is due but too large; exact on ties notes it" {
	awk 'BEGIN { print "v\tg"; for (i = 1; i <= 2006; i++) print i "\t" (i <= 5 ? "a" : "b") }' >in.tsv
	run --separate-stderr svy test-hypothesis mannwhitney -c v --no-header --by g --groups a,b -i in.tsv
	assert_success
	[ "$(cut -f15 <<<"$output")" = "asymptotic+continuity" ]
	[ "${stderr_lines[1]}" = "svy-test-hypothesis: mannwhitney: n1 * n2 = 10005 is too large for the exact distribution (at most 10000): normal approximation used" ]
	# a note (the method column shows it): -q silences it
	run --separate-stderr svy test-hypothesis mannwhitney -c v -q --no-header --by g --groups a,b -i in.tsv
	[ "$stderr" = "" ]
	# a warning (nothing in the row shows it): -q does not
	run --separate-stderr svy test-hypothesis mannwhitney -c y -q --no-header --by g --groups a,b --method exact -i "$D/small.tsv"
	assert_success
	[ "$stderr" = "svy-test-hypothesis: mannwhitney: the data have ties; the exact p ignores them, as scipy's does" ]
}

@test "a plan's errors name the plan line" {
	printf 'x\ty\tc\n1\t2\t5\n2\t1\t5\n3\t3\t5\n' >in.tsv
	while IFS='|' read -r line message; do
		printf "id\ttest\tvariables\toptions\nA\tspearman\tx y\t\n$line\n" >plan.tsv
		run svy test-hypothesis -q --plan plan.tsv -i in.tsv
		assert_failure 1
		assert_output "$message"
	done <<'EOF_CASES'
B\tspearman\tx c\t|svy-test-hypothesis: plan.tsv:3: B (spearman): column 'c' is constant (every value is 5)
B\tspearman\tx y\t--bogus|svy-test-hypothesis: plan.tsv:3: B (spearman): unknown option '--bogus'
B\tkruskal\tx\t-g|svy-test-hypothesis: plan.tsv:3: B (kruskal): option '-g' needs a value
B\tkruskal\tx\t--wide=1|svy-test-hypothesis: plan.tsv:3: B (kruskal): option '--wide' takes no value
B\tspearman\tx y\t--digits 3|svy-test-hypothesis: plan.tsv:3: B (spearman): option '--digits' belongs on the command line, not in a plan
B\tspearman\tx y\t-q|svy-test-hypothesis: plan.tsv:3: B (spearman): option '--quiet' belongs on the command line, not in a plan
B\tspearman\tx y\t--no-header|svy-test-hypothesis: plan.tsv:3: B (spearman): option '--no-header' belongs on the command line, not in a plan
B\tspearman\tx y\t--plan p.tsv|svy-test-hypothesis: plan.tsv:3: B (spearman): option '--plan' belongs on the command line, not in a plan
B\tspearman\tx y\t-c x|svy-test-hypothesis: plan.tsv:3: B (spearman): option '--columns' belongs on the command line, not in a plan
B\tspearman\tx\ty|svy-test-hypothesis: plan.tsv:3: B (spearman): 'y' is not an option (no operand in a plan)
B\tspearman\tx nope\t|svy-test-hypothesis: plan.tsv:3: B (spearman): in.tsv: no column 'nope'; the columns are 'x', 'y', 'c'
B\tkruskal\tx\t--by nope|svy-test-hypothesis: plan.tsv:3: B (kruskal): in.tsv: no column 'nope'; the columns are 'x', 'y', 'c'
B\tmannwhitney\tx\t-g c --groups 5,6 -m fast|svy-test-hypothesis: plan.tsv:3: B (mannwhitney): option '--method': 'fast' is not one of: auto, exact, asymptotic
B\tkruskal\tx\t-g c --min-group +2|svy-test-hypothesis: plan.tsv:3: B (kruskal): option '--min-group': '+2' is not a whole number from 1 to 1000000
B\tspearman\tx "y\t|svy-test-hypothesis: plan.tsv:3: B (spearman): unbalanced quote in 'x "y'
B\tt-test\tx y\t|svy-test-hypothesis: plan.tsv:3: unknown test 't-test' (spearman, pearson, chi2, kruskal, mannwhitney, friedman, fisher, mcnemar, cochran, dunn, pairwise-mannwhitney, pairwise-wilcoxon, chi2-residuals, ttest, paired-ttest, wilcoxon, anova)
\tspearman\tx y\t|svy-test-hypothesis: plan.tsv:3: column 'id': missing hypothesis id
EOF_CASES
	printf 'id\ttest\tvariables\n' >plan.tsv
	run svy test-hypothesis --plan plan.tsv -i in.tsv
	assert_failure 1
	assert_output "svy-test-hypothesis: plan.tsv: the plan lists no tests"
	run svy test-hypothesis spearman -c x,y --plan plan.tsv -i in.tsv
	assert_failure 2
	assert_line --index 0 "svy-test-hypothesis: --plan runs the plan's tests: no test on the command line"
	run svy test-hypothesis --plan - <plan.tsv
	assert_failure 2
	assert_line --index 0 "svy-test-hypothesis: --plan - reads the plan from standard input: give the data as FILE or with --input FILE"
	run svy test-hypothesis --plan plan.tsv --alternative less -i in.tsv
	assert_failure 2
	assert_line --index 0 "svy-test-hypothesis: with --plan, test options go in the plan's 'options' column"
}

@test "nothing on stdout when a later test of the plan fails" {
	printf 'x\ty\tc\n1\t2\t5\n2\t1\t5\n3\t3\t5\n' >in.tsv
	printf 'id\ttest\tvariables\nA\tspearman\tx y\nB\tspearman\tx c\n' >plan.tsv
	svy test-hypothesis -q --plan plan.tsv -i in.tsv >out.tsv 2>/dev/null && fail "should fail"
	[ ! -s out.tsv ]
}

@test "README's defaults tables, the man page and --help say the same about mannwhitney auto (the n1 n2 cap)" {
	grep -F '| `mannwhitney` |' "$SVY_ROOT/README.md" | grep -F 'no ties and n1·n2 ≤ 10,000'
	grep -F 'most 8 values, there are no ties, and n1 * n2 <= 10000' "$SVY_ROOT/man/svy-test-hypothesis.1"
	run bash -c "'$BIN/test-hypothesis' --help | tr -s ' \n' ' '"
	assert_output --partial "a group has <= 8 values, there are no ties and n1 n2 <= 10000"
}

@test "--help and --version" {
	run svy test-hypothesis --help
	assert_success
	assert_line --index 0 "usage: svy-test-hypothesis TEST -c COLUMNS [OPTION]... [FILE]"
	run svy test-hypothesis --version
	assert_output "svy-test-hypothesis (svy) $(cat "$SVY_ROOT/VERSION")"
}
