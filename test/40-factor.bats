#!/usr/bin/env bats
# svy factor: exploratory factor analysis, checked against R psych 2.2.9.
# Inputs and expected values: test/data/factor/make-expected.sh (numpy, R).
# Closed-form figures (Bartlett, KMO, MSA, eigenvalues, alpha, means, sds)
# agree to 1e-9 relative; iterative ones (loadings, communalities,
# uniquenesses, weights, variance shares) to 1e-5 absolute.

load test_helper

F="$TESTDATA/factor"
E="$TESTDATA/factor/expected"

# agree GOT WANT TOL FIELDS: the columns FIELDS (a cut -f list) agree.
agree() {
	cut -f"$4" "$1" > got.part
	cut -f"$4" "$2" > want.part
	run compare_numeric got.part want.part "$3"
	assert_success
}

# stats_agree GOT WANT TOL STAT...: the summary rows STAT agree.
stats_agree() {
	local got=$1 want=$2 tol=$3 s g w
	shift 3
	for s in "$@"; do
		g=$(awk -F'\t' -v s="$s" '$1 == s { print $2 }' "$got")
		w=$(awk -F'\t' -v s="$s" '$1 == s { print $2 }' "$want")
		[[ -n "$g" && -n "$w" ]] || fail "statistic $s: got '$g', want '$w'"
		numeq "$g" "$w" "$tol" || fail "statistic $s: got $g, want $w"
	done
}

# stat FILE NAME: a summary value.
stat() {
	awk -F'\t' -v s="$2" '$1 == s { print $2 }' "$1"
}

CLOSED1="bartlett_chi2 bartlett_df bartlett_p kmo alpha std_alpha"
# model columns with one factor: closed-form ones and fitted ones
M1_CLOSED=1,6-12
M1_FIT=1-5,13
# with three factors
M3_CLOSED=1,8-14
M3_FIT=1-7,15-17

@test "--help and --version" {
	run svy factor --help
	assert_success
	assert_line --partial "usage: svy-factor -c ITEMS [OPTION]... [FILE]"
	run svy factor --version
	assert_success
	assert_output --regexp '^svy-factor \(svy\) '
}

@test "one factor, 18 items: model, summary and eigenvalues as psych" {
	svy factor -c 'attack_*,method_*' --summary s.tsv --eigenvalues e.tsv \
		< "$F/one.tsv" > model.tsv 2> err
	agree model.tsv "$E/one.model.tsv" 1e-9 "$M1_CLOSED"
	agree model.tsv "$E/one.model.tsv" 1e-5 "$M1_FIT"
	stats_agree s.tsv "$E/one.summary.tsv" 1e-9 rows dropped_missing n items $CLOSED1
	stats_agree s.tsv "$E/one.summary.tsv" 1e-5 ss_loadings_F1 proportion_F1 cumulative_F1
	run compare_numeric e.tsv "$E/one.eigenvalues.tsv" 1e-9
	assert_success
	[ "$(stat s.tsv converged)" = 1 ]
	[ "$(stat s.tsv rotation)" = none ]
	run cat err
	assert_output "svy-factor: read 83 rows, used 83, dropped 0 with a missing item (listwise)"
}

@test "minres reaches the true minimum: no worse than psych, equal to a polished optimum" {
	svy factor -q -c 'attack_*,method_*' --summary s.tsv < "$F/one.tsv" > model.tsv
	awk -v g="$(stat s.tsv objective)" -v w="$(stat "$E/one.summary.tsv" objective)" \
		'BEGIN { n = "^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$"; exit !(g ~ n && w ~ n && g + 0 <= w + 0) }'
	agree model.tsv "$E/one-tight.model.tsv" 1e-7 1-4
}

@test "the model and summary files describe themselves" {
	svy factor -q -c 'attack_*,method_*' --summary s.tsv --eigenvalues e.tsv < "$F/one.tsv" > model.tsv
	run head -1 model.tsv
	assert_output "$(printf 'item\tF1\tcommunality\tuniqueness\theywood\tmsa\tretained\talpha_if_dropped\tstd_alpha_if_dropped\tmean\tsd\tn\tweight_F1')"
	run cut -f1 s.tsv
	assert_output "$(printf '%s\n' statistic rows dropped_missing n items items_retained \
		items_fitted factors method rotation bartlett_chi2 bartlett_df bartlett_p kmo \
		ss_loadings_F1 proportion_F1 cumulative_F1 model_df objective psych_objective \
		starts starts_best alpha std_alpha heywood \
		iterations converged)"
	run head -1 e.tsv
	assert_output "$(printf 'index\teigenvalue\tproportion\tcumulative')"
}

@test "--threshold marks weak items, alpha is of the retained ones" {
	svy factor -q -c 'attack_*,method_*' --threshold 0.45 --summary s.tsv \
		< "$F/one.tsv" > model.tsv
	agree model.tsv "$E/one-threshold.model.tsv" 1e-9 "$M1_CLOSED"
	agree model.tsv "$E/one-threshold.model.tsv" 1e-5 "$M1_FIT"
	stats_agree s.tsv "$E/one-threshold.summary.tsv" 1e-9 items_retained items_fitted $CLOSED1
	run awk -F'\t' '$7 == 0 { print $1 }' model.tsv
	assert_output "$(printf '%s\n' attack_impersonation method_ensemble method_delay \
		method_access_control method_system_security method_record_linkage)"
}

@test "--threshold 0.45 --refit fits again on the retained items (the study's command)" {
	svy factor -c 'attack_*,method_*' --threshold 0.45 --refit --summary s.tsv \
		< "$F/one.tsv" > model.tsv 2> /dev/null
	agree model.tsv "$E/one-refit.model.tsv" 1e-9 "$M1_CLOSED"
	agree model.tsv "$E/one-refit.model.tsv" 1e-5 "$M1_FIT"
	stats_agree s.tsv "$E/one-refit.summary.tsv" 1e-9 items_retained items_fitted $CLOSED1
	stats_agree s.tsv "$E/one-refit.summary.tsv" 1e-5 ss_loadings_F1 proportion_F1
	# excluded items keep their first-fit loadings and get no weights
	run awk -F'\t' '$7 == 0 && $13 != "" { print }' model.tsv
	assert_output ""
	[ "$(stat s.tsv items_fitted)" = 12 ]
	# adequacy of all the items, before selection, as the paper reports it
	for st in bartlett_chi2 bartlett_df bartlett_p kmo; do
		numeq "$(stat s.tsv all_items_$st)" "$(stat "$E/one.summary.tsv" $st)" 1e-9 ||
			fail "all_items_$st: $(stat s.tsv all_items_$st)"
	done
}

@test "three factors, varimax to convergence: as R's varimax iterated to the end" {
	svy factor -q -k 3 --rotate varimax -c '*_[1-4]' --summary s.tsv < "$F/likert3.tsv" > model.tsv
	agree model.tsv "$E/likert3-tight.model.tsv" 1e-9 "$M3_CLOSED"
	agree model.tsv "$E/likert3-tight.model.tsv" 1e-5 "$M3_FIT"
	stats_agree s.tsv "$E/likert3.summary.tsv" 1e-9 $CLOSED1
	stats_agree s.tsv "$E/likert3-tight.summary.tsv" 1e-5 \
		ss_loadings_F1 ss_loadings_F2 ss_loadings_F3 cumulative_F3
	[ "$(stat s.tsv rotation)" = varimax ]
	[ "$(stat s.tsv varimax_converged)" = 1 ]
}

@test "three factors, --varimax-tol 1e-5: psych's (stats::varimax's) early stop" {
	svy factor -q -k 3 --rotate varimax -c '*_[1-4]' --varimax-tol 1e-5 < "$F/likert3.tsv" > model.tsv
	agree model.tsv "$E/likert3.model.tsv" 1e-5 "$M3_FIT"
	# and that differs from the converged rotation by more than the tolerance
	svy factor -q -k 3 --rotate varimax -c '*_[1-4]' < "$F/likert3.tsv" > converged.tsv
	cut -f2-4 model.tsv > a
	cut -f2-4 converged.tsv > b
	run compare_numeric a b 1e-4
	assert_failure
}

@test "three factors, --rotate none: psych's unrotated minres" {
	svy factor -q -k 3 --rotate none -c '*_[1-4]' --summary s.tsv --eigenvalues e.tsv \
		< "$F/likert3.tsv" > model.tsv
	agree model.tsv "$E/likert3-none.model.tsv" 1e-5 "$M3_FIT"
	run compare_numeric e.tsv "$E/likert3-none.eigenvalues.tsv" 1e-9
	assert_success
	[ "$(stat s.tsv rotation)" = none ]
}

@test "--method ml: maximum likelihood as psych fa(fm = \"ml\"), to the true minimum" {
	svy factor -q -m ml -c 'attack_*,method_*' --summary s.tsv < "$F/one.tsv" > model.tsv
	agree model.tsv "$E/one-ml.model.tsv" 1e-9 "$M1_CLOSED"
	agree model.tsv "$E/one-ml.model.tsv" 1e-5 "$M1_FIT"
	agree model.tsv "$E/one-ml-tight.model.tsv" 1e-7 1-4
	stats_agree s.tsv "$E/one-ml-tight.summary.tsv" 1e-9 objective
	[ "$(stat s.tsv method)" = ml ]
}

@test "--method ml with three factors and varimax" {
	svy factor -q -m ml -k 3 --rotate varimax -c '*_[1-4]' < "$F/likert3.tsv" > model.tsv
	agree model.tsv "$E/likert3-ml-tight.model.tsv" 1e-5 "$M3_FIT"
	svy factor -q -m ml -k 3 --rotate varimax --varimax-tol 1e-5 -c '*_[1-4]' < "$F/likert3.tsv" > psych.tsv
	agree psych.tsv "$E/likert3-ml.model.tsv" 1e-5 "$M3_FIT"
}

@test "--method pa: principal axes as psych fa(fm = \"pa\"), psych's stop or converged" {
	svy factor -q -m pa -c 'attack_*,method_*' --summary s.tsv < "$F/one.tsv" > model.tsv
	agree model.tsv "$E/one-pa.model.tsv" 1e-9 "$M1_CLOSED"
	agree model.tsv "$E/one-pa.model.tsv" 1e-9 "$M1_FIT"
	[ "$(stat s.tsv method)" = pa ]
	svy factor -q -m pa --pa-tol 1e-12 --max-iter 10000 -c 'attack_*,method_*' \
		< "$F/one.tsv" > converged.tsv
	agree converged.tsv "$E/one-pa-converged.model.tsv" 1e-9 "$M1_FIT"
	# converged principal axes are the minres solution
	agree converged.tsv "$E/one-tight.model.tsv" 1e-7 1-4
	svy factor -q -m pa -k 3 --rotate varimax --varimax-tol 1e-5 -c '*_[1-4]' < "$F/likert3.tsv" > three.tsv
	agree three.tsv "$E/likert3-pa.model.tsv" 1e-5 "$M3_FIT"
}

@test "missing values: listwise deletion, counted on stderr" {
	svy factor -c 'attack_*,method_*' --summary s.tsv < "$F/missing.tsv" > model.tsv 2> err
	agree model.tsv "$E/missing.model.tsv" 1e-9 "$M1_CLOSED"
	agree model.tsv "$E/missing.model.tsv" 1e-5 "$M1_FIT"
	stats_agree s.tsv "$E/missing.summary.tsv" 1e-9 rows dropped_missing n $CLOSED1
	run cat err
	assert_output "svy-factor: read 60 rows, used 53, dropped 7 with a missing item (listwise)"
}

@test "Heywood case: flagged in the model, the summary and on stderr" {
	svy factor -c 'h*' --summary s.tsv < "$F/heywood.tsv" > model.tsv 2> err
	run awk -F'\t' 'NR > 1 { print $1, $5 }' model.tsv
	assert_output "$(printf '%s\n' 'h1 1' 'h2 0' 'h3 0' 'h4 0' 'h5 0')"
	[ "$(stat s.tsv heywood)" = 1 ]
	run cat err
	assert_line "svy-factor: item 'h1': Heywood case: communality 1.03775 reaches 1 (uniqueness at its bound): the fit is improper"
}

@test "Heywood case: psych's criterion at its true minimum under psych's bounds" {
	# psych stops ~2e-3 short here; the polished optimum is R's optim on
	# psych's own criterion from psych's answer
	svy factor -q -c 'h*' --summary s.tsv < "$F/heywood.tsv" > model.tsv
	agree model.tsv "$E/heywood-tight.model.tsv" 1e-5 "$M1_FIT"
	agree model.tsv "$E/heywood.model.tsv" 1e-9 "$M1_CLOSED"
	awk -v g="$(stat s.tsv objective)" -v w="$(stat "$E/heywood.summary.tsv" objective)" \
		'BEGIN { n = "^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$"; exit !(g ~ n && w ~ n && g + 0 < w + 0) }'
}

@test "a fit stopped by --max-iter says it did not converge" {
	run svy factor -q --max-iter 1 --allow-nonconvergence -c 'attack_*,method_*' --summary s.tsv < "$F/one.tsv"
	assert_success
	assert_line "svy-factor: minres did not converge in 1 steps (largest gradient 0.0016)"
	[ "$(stat s.tsv converged)" = 0 ]
	[ "$(stat s.tsv iterations)" = 1 ]
}

@test "a model with more parameters than correlations is fitted with a note" {
	run svy factor -q -c h1,h2 --summary s.tsv < "$F/heywood.tsv"
	assert_success
	assert_line "svy-factor: 1 factors of 2 items are not identified (model df -1 < 0): the loadings are one solution of many"
	[ "$(stat s.tsv model_df)" = -1 ]
}

@test "the objective is never worse than psych's" {
	for c in "one|-c attack_*,method_*" "one-refit|-c attack_*,method_* --threshold 0.45 --refit" \
		"likert3|-k 3 -c *_[1-4]" "likert3-none|-k 3 --rotate none -c *_[1-4]" \
		"missing|-c attack_*,method_*" "heywood|-c h*" "one-ml|-m ml -c attack_*,method_*" \
		"likert3-ml|-m ml -k 3 -c *_[1-4]"; do
		name=${c%%|*}
		input=${name%%-*}
		set -f
		svy factor -q ${c#*|} --summary s.tsv < "$F/$input.tsv" > /dev/null
		set +f
		awk -v g="$(stat s.tsv objective)" -v w="$(stat "$E/$name.summary.tsv" objective)" \
			'BEGIN { n = "^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$"; exit !(g ~ n && w ~ n && g + 0 <= w + 0) }' || fail "$name: $(stat s.tsv objective) > psych's"
	done
}

@test "--digits rounds the printed numbers" {
	svy factor -q --digits 3 -c 'h*' < "$F/heywood.tsv" > model.tsv
	run awk -F'\t' 'NR == 2 { print $2, $3, $6 }' model.tsv
	assert_output "1.02 1.04 0.565"
}

@test "a UTF-8 BOM and CRLF line ends read as plain TSV" {
	{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$F/heywood.tsv"; } > crlf.tsv
	svy factor -q -c 'h*' < "$F/heywood.tsv" > plain.tsv
	svy factor -q -c 'h*' < crlf.tsv > bom.tsv
	run diff plain.tsv bom.tsv
	assert_success
}

# ---- bad input and usage: exact message and exit status -----------------

ITEMS3=(a b c)

@test "empty input" {
	run svy factor -c a,b,c < /dev/null
	assert_failure 1
	assert_output "svy-factor: <stdin>: empty input: no header row"
}

@test "header only" {
	run svy factor -c a,b,c <<< $'a\tb\tc'
	assert_failure 1
	assert_output "svy-factor: <stdin>: no data rows"
}

@test "bad rows and values" {
	while IFS='|' read -r input want; do
		run svy factor -c a,b,c < <(printf "$input")
		assert_failure 1
		assert_output "$want"
	done <<'EOF'
a\tb\tc\n1\t2\n|svy-factor: <stdin>:2: row has 2 fields, header has 3
a\tb\tc\n1\t2\tx\n|svy-factor: <stdin>:2: column 'c': not a number (got 'x')
a\tb\tc\n1\t2\tNaN\n|svy-factor: <stdin>:2: column 'c': not a finite number (got 'NaN')
a\tb\tc\n1\t2\tinf\n|svy-factor: <stdin>:2: column 'c': not a finite number (got 'inf')
a\tb\ta\n1\t2\t3\n|svy-factor: <stdin>:1: column 'a': header has this name twice (fields 1 and 3)
a\tb\tc\n1\t2\t3\n2\t1\t3\n3\t3\t3\n4\t5\t3\n5\t1\t3\n|svy-factor: <stdin>: column 'c': constant item: all 5 complete rows hold the same value (got '3')
a\tb\tc\n1\t2\t3\n2\t1\t4\n3\t3\t3\n|svy-factor: <stdin>: need more complete rows (3) than items (3)
a\tb\tc\n1\t\t3\n1\t2\t3\n|svy-factor: <stdin>: need more complete rows (1) than items (3); rows with a missing item are dropped
a\tb\tc\n1\t2\t3\n2\t1\t3\n3\t3\t6\n4\t5\t9\n5\t1\t6\n|svy-factor: the correlation matrix of the 3 items is singular (not positive definite): an item is a linear combination of others
a\tb\tc\n1\t2\t1\n2\t1\t2\n3\t3\t3\n4\t5\t4\n5\t1\t5\n|svy-factor: items 'a' and 'c' are perfectly correlated (r = 0.99999999999999978): the correlation matrix is singular; drop one of them
EOF
}

@test "as many factors as items" {
	run svy factor -k 5 -c 'h*' < "$F/heywood.tsv"
	assert_failure 1
	assert_output "svy-factor: 5 factors need more than 5 items"
}

@test "no item above the threshold" {
	run svy factor -q --threshold 0.95 -c 'attack_*,method_*' < "$F/one.tsv"
	assert_failure 1
	assert_output "svy-factor: no item loads above the threshold 0.95"
}

@test "too few items left for --refit" {
	run svy factor -q -k 2 --threshold 0.8 --refit -c 'h*' < "$F/heywood.tsv"
	assert_failure 1
	assert_output "svy-factor: 2 items load above the threshold 0.8: --refit with 2 factors needs more"
}

@test "bad usage" {
	while IFS='|' read -r args want; do
		run svy factor $args < "$F/heywood.tsv"
		assert_failure 2
		assert_line --index 0 "$want"
		assert_line --index 1 "Try 'svy-factor --help' for more information."
	done <<'EOF'
|svy-factor: name the item columns (-c ITEMS)
-c h1|svy-factor: name at least 2 item columns (got 1)
-c h1,h2,nope|svy-factor: <stdin>: no column 'nope'; the columns are 'h1', 'h2', 'h3', 'h4', 'h5'
-k 0 -c h1,h2,h3|svy-factor: option '--factors': '0' is not a whole number from 1 to 1000
--rotate equamax -c h1,h2,h3|svy-factor: option '--rotate': 'equamax' is not one of: none, varimax, quartimax, oblimin, quartimin, geomin, promax
--method uls -c h1,h2,h3|svy-factor: option '--method': 'uls' is not one of: minres, ml, pa
--refit -c h1,h2,h3|svy-factor: --refit needs --threshold
--threshold 1.5 -c h1,h2,h3|svy-factor: option '--threshold': '1.5' is not a number from 0 to 1
h1 h2 h3|svy-factor: too many operands: one input file at most (got 'h1' and 'h2')
EOF
}

@test "unknown option" {
	run svy factor --bogus -c h1,h2,h3 < "$F/heywood.tsv"
	assert_failure 2
	assert_line --index 0 "svy-factor: unknown option '--bogus'"
}

# issue 20 item 4: an item keyed the wrong way is named (psych alpha's check);
# --reverse keys it back (max + min - x, the item's observed extremes), the
# summary says which, the model keeps max + min for svy-score.
@test "items keyed the wrong way: named on stderr; --reverse keys them back" {
	# attack_poisoning (0..2) reversed: 2 - x
	awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "attack_poisoning") c = i }
		NR > 1 { $c = 2 - $c } 1' "$F/one.tsv" > rev.tsv
	want="svy-factor: item 'attack_poisoning': keyed the wrong way? its loading (-0.708) has the opposite sign to the other items of F1 and it correlates negatively with their sum (r = -0.637; psych alpha's check): key it with --reverse attack_poisoning"
	while IFS='|' read -r args file nwarn; do
		run --separate-stderr svy factor -q -c 'attack_*,method_*' $args "$file"
		assert_success
		got=$(printf '%s\n' "$stderr" | grep -c 'keyed the wrong way' || true)
		[ "$got" = "$nwarn" ] || fail "$args $file: $got warnings: $stderr"
		[ "$nwarn" = 0 ] || [ "$stderr" = "$want" ] || fail "$args $file: '$stderr'"
	done <<-EOF2
	|rev.tsv|1
	|$F/one.tsv|0
	--reverse attack_poisoning|rev.tsv|0
	-k 3 --rotate varimax|$F/one.tsv|0
	EOF2
	# reversed back: the model of the original data, plus the reverse column
	svy factor -q -c 'attack_*,method_*' "$F/one.tsv" > plain.tsv
	svy factor -q -c 'attack_*,method_*' --reverse 'attack_p*' --summary s.tsv rev.tsv > back.tsv
	cut -f1-13 back.tsv | cmp - plain.tsv
	[ "$(head -1 back.tsv | cut -f14)" = reverse ]
	[ "$(awk -F'\t' '$1 == "attack_poisoning" { print $14 }' back.tsv)" = 2 ]
	[ "$(awk -F'\t' '$1 == "attack_inversion" { print $14 }' back.tsv)" = "" ]
	[ "$(stat s.tsv reversed)" = attack_poisoning ]
	svy factor -q -c 'attack_*,method_*' --summary plain-s.tsv "$F/one.tsv" > /dev/null
	run cut -f1 plain-s.tsv
	refute_line reversed
	# two items, in item order whatever the order given
	svy factor -q -c 'attack_*,method_*' --reverse method_delay,attack_poisoning --summary s2.tsv rev.tsv > /dev/null
	[ "$(stat s2.tsv reversed)" = attack_poisoning,method_delay ]
}

@test "--reverse: bad usage" {
	while IFS='|' read -r args code want; do
		run svy factor -q -c h1,h2,h3 $args < "$F/heywood.tsv"
		assert_failure "$code"
		assert_line --index 0 "$want"
	done <<-'EOF2'
	--reverse h4|2|svy-factor: --reverse: 'h4' is not one of the items (-c)
	--reverse nope|2|svy-factor: <stdin>: no column 'nope'; the columns are 'h1', 'h2', 'h3', 'h4', 'h5'
	--reverse h1,h1|2|svy-factor: option '--reverse': 'h1' given twice
	EOF2
}
