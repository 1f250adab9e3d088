#!/usr/bin/env bats
# svy factor's fit: the global optimum of the ml and minres criteria from
# several starts, psych's printed objective, extreme magnitudes, convergence
# as an error, and a large fit that finishes. Inputs and expected values:
# test/data/factor/make-fit.sh (numpy; R psych 2.2.9, factanal and 200
# random starts of R's optim, each polished to machine precision).

load test_helper

F="$TESTDATA/factor"
E="$TESTDATA/factor/expected"
L22='a* b* c*'
L19='a* b* c1 c2 c3'

# stat FILE NAME: a summary (statistic/value) value.
stat() {
	awk -F'\t' -v s="$2" '$1 == s { print $2 }' "$1"
}

# fit_agrees METHOD CASE INPUT K ITEMS: svy's unrotated fit reaches the best
# criterion R found (1e-8, relative to 1 + |best|) and is never worse than
# psych's own answer polished; the loadings agree to 1e-5, psych's printed
# objective of the loadings to 1e-8; the fit converged, from several starts.
fit_agrees() {
	local m=$1 c=$2 in=$3 k=$4 items=$5 want=$E/fit-$1-$2 g best
	set -f
	# shellcheck disable=SC2086
	svy factor -q -m "$m" -k "$k" --rotate none -c ${items// /,} --summary s.tsv < "$F/$in" > model.tsv 2> err
	set +f
	g=$(stat s.tsv objective)
	best=$(stat "$want.fit.tsv" best)
	numeq "$g" "$best" 1e-8 || fail "$m $c: objective $g, R's best $best"
	awk -v g="$g" -v p="$(stat "$want.fit.tsv" psych_polished)" \
		'BEGIN { exit !(g <= p + 1e-8 * (1 + (p < 0 ? -p : p))) }' ||
		fail "$m $c: objective $g worse than psych's"
	numeq "$(stat s.tsv psych_objective)" "$(stat "$want.fit.tsv" best_psych_objective)" 1e-8 ||
		fail "$m $c: psych_objective $(stat s.tsv psych_objective)"
	cut -f1-$((k + 1)) model.tsv > got.tsv
	run compare_numeric got.tsv "$want.loadings.tsv" 1e-5
	assert_success
	[ "$(stat s.tsv converged)" = 1 ]
	[ "$(stat s.tsv starts)" -ge 2 ]
	[ "$(stat s.tsv starts_best)" -ge 1 ]
	[ "$(stat s.tsv starts_best)" -le "$(stat s.tsv starts)" ]
}

@test "ml reaches the global optimum: 22, 19 and 0/1/2 items, 2 to 7 factors" {
	# method case input factors items
	while read -r m c in k items; do
		fit_agrees "$m" "$c" "$in" "$k" "$items"
	done <<-EOF
		ml 22-2 fit-likert22.tsv 2 $L22
		ml 19-5 fit-likert22b.tsv 5 $L19
		ml 22-4 fit-likert22c.tsv 4 $L22
		ml 22-7 fit-likert22d.tsv 7 $L22
		ml 22-5 fit-likert22e.tsv 5 $L22
		ml ord-3 fit-ord.tsv 3 q*
		ml ord-4 fit-ord.tsv 4 q*
	EOF
}

@test "minres reaches the global optimum from several starts" {
	while read -r m c in k items; do
		fit_agrees "$m" "$c" "$in" "$k" "$items"
	done <<-EOF
		minres 22-2 fit-likert22.tsv 2 $L22
		minres 19-5 fit-likert22b.tsv 5 $L19
		minres ord-3 fit-ord.tsv 3 q*
	EOF
}

@test "the starts stop once the optima found are likely all (Boender and Rinnooy Kan)" {
	# method case input factors items starts starts_best: one optimum
	# found stops at 8 starts, two at 17 (w (n - 1) / (n - w - 2) < w + 1/2),
	# the many of 22 items and 5 factors run up to the cap (100 under 35 items)
	while read -r m c in k items n best; do
		svy factor -q -m "$m" -k "$k" --rotate none -c "$items" --summary s.tsv \
			< "$F/$in" > /dev/null 2> /dev/null
		[ "$(stat s.tsv starts)" = "$n" ] || fail "$m $c: $(stat s.tsv starts) starts, not $n"
		[ "$(stat s.tsv starts_best)" = "$best" ] ||
			fail "$m $c: $(stat s.tsv starts_best) starts at the best, not $best"
	done <<-EOF
		ml 22-2 fit-likert22.tsv 2 a*,b*,c* 8 8
		minres 22-2 fit-likert22.tsv 2 a*,b*,c* 8 8
		ml ord-3 fit-ord.tsv 3 q* 17 7
		ml 22-5 fit-likert22e.tsv 5 a*,b*,c* 100 4
	EOF
}

@test "ml beats a local minimum that psych and factanal both stop in" {
	# 22 items, 4 factors: psych's and factanal's answers, polished, stay
	# in a local minimum 0.0294 above the global one
	awk -v a="$(stat "$E/fit-ml-22-4.fit.tsv" psych_polished)" \
		-v b="$(stat "$E/fit-ml-22-4.fit.tsv" best)" 'BEGIN { exit !(a - b > 0.01) }'
	svy factor -q -m ml -k 4 --rotate none -c 'a*,b*,c*' --summary s.tsv \
		< "$F/fit-likert22c.tsv" > /dev/null 2> /dev/null
	numeq "$(stat s.tsv objective)" "$(stat "$E/fit-ml-22-4.fit.tsv" best)" 1e-8
}

@test "a best fit reached from one start only is noted" {
	# 7 factors of 14 items, near the most they identify: one start of 100
	# reaches the best
	run svy factor -q -m ml -k 7 -c 'b*,c*' --summary s.tsv -o model.tsv < "$F/fit-likert22b.tsv"
	assert_success
	assert_line "svy-factor: ml: the best fit was reached from 1 of 100 starts only: there may be a better one"
	[ "$(stat s.tsv starts)" = 100 ]
	[ "$(stat s.tsv starts_best)" = 1 ]
	[ "$(stat s.tsv converged)" = 1 ]
	# one start reaching it is not a warning of its own when several do
	run svy factor -q -m ml -k 5 -c 'a*,b*,c1,c2,c3' --summary s.tsv -o model.tsv < "$F/fit-likert22b.tsv"
	refute_output --partial "starts only"
}

@test "psych_objective is what psych prints, objective psych's fit.residuals" {
	svy factor -q -k 2 --rotate none -c 'a*,b*,c*' --summary s.tsv < "$F/fit-likert22.tsv" > /dev/null
	# psych's own fit stops short of the optimum: its printed figure to 1e-6
	numeq "$(stat s.tsv psych_objective)" \
		"$(stat "$E/fit-minres-22-2.fit.tsv" psych_printed_objective)" 1e-6
	numeq "$(stat s.tsv psych_objective)" \
		"$(stat "$E/fit-minres-22-2.fit.tsv" best_psych_objective)" 1e-9
	numeq "$(stat s.tsv objective)" "$(stat "$E/fit-minres-22-2.fit.tsv" best)" 1e-9
	run cut -f1 s.tsv
	assert_line psych_objective
	assert_line starts
	assert_line starts_best
}

@test "pa reports one start" {
	svy factor -q -m pa -k 2 -c 'a*,b*,c*' --summary s.tsv < "$F/fit-likert22.tsv" > /dev/null
	[ "$(stat s.tsv starts)" = 1 ]
	[ "$(stat s.tsv starts_best)" = 1 ]
	[ -n "$(stat s.tsv psych_objective)" ]
}

@test "items near 1e200, 1e-320 (subnormal) and +-1e308: right loadings, means and sds" {
	run svy factor -q -k 2 --rotate none -c 'a*,b*,c*' --summary s.tsv < "$F/fit-extreme.tsv"
	assert_success
	refute_output --partial constant
	refute_output --partial singular
	printf '%s\n' "$output" > model.tsv
	cut -f1-3 model.tsv > got.tsv
	run compare_numeric got.tsv "$E/fit-minres-extreme.loadings.tsv" 1e-5
	assert_success
	cut -f1,11,12 model.tsv > got.tsv
	run compare_relative got.tsv "$E/fit-minres-extreme.moments.tsv" 1e-9
	assert_success
	# the same loadings as the items at their ordinary scale, but for the
	# rounding of the subnormal ones (3e-320 holds 11 bits)
	svy factor -q -k 2 --rotate none -c 'a*,b*,c*' < "$F/fit-likert22.tsv" | cut -f1-3 > plain.tsv
	cut -f1-3 model.tsv > got.tsv
	run compare_numeric got.tsv plain.tsv 1e-5
	assert_success
	[ "$(stat s.tsv converged)" = 1 ]
	run grep -ci -e inf -e nan model.tsv s.tsv
	assert_output "$(printf 'model.tsv:0\ns.tsv:0')"
}

@test "a fit that did not converge is an error unless --allow-nonconvergence" {
	# case: method, then the expected message
	while IFS='|' read -r m msg; do
		rm -f model.tsv
		run svy factor -q -m "$m" --max-iter 0 -k 2 -c 'a*,b*,c*' -o model.tsv \
			< "$F/fit-likert22.tsv"
		assert_failure 1
		assert_output "svy-factor: $msg: the result is not a solution (--allow-nonconvergence keeps it)"
		[ ! -e model.tsv ]
		run svy factor -q -m "$m" --max-iter 0 --allow-nonconvergence -k 2 -c 'a*,b*,c*' \
			--summary s.tsv -o model.tsv < "$F/fit-likert22.tsv"
		assert_success
		assert_line "svy-factor: $msg"
		[ "$(stat s.tsv converged)" = 0 ]
		[ -s model.tsv ]
	done <<-'EOF'
		minres|minres did not converge in 0 steps (largest gradient 0.279)
		ml|ml did not converge in 0 steps (largest gradient in the log uniquenesses 0.232)
		pa|pa did not converge in 0 steps (last change of the communalities' sum 7.66)
	EOF
}

@test "300 items, 5 factors: the fit finishes and converges" {
	run timeout 300 "$BIN/factor" -q -k 5 -c 'i*' --summary s.tsv < "$F/fit-wide.tsv"
	assert_success
	[ "$(stat s.tsv items)" = 300 ]
	[ "$(stat s.tsv converged)" = 1 ]
	[ "$(printf '%s\n' "$output" | wc -l)" = 301 ]
}
