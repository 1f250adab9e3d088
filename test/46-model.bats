#!/usr/bin/env bats
# svy model: linear, logistic and ordinal regression.
# Expected values: test/data/model/make-expected.sh (R lm, sandwich vcovHC
# HC3, glm binomial with exact profile-likelihood intervals, MASS::polr, the
# Brant test by hand as Brant (1990) and the brant package; see
# expected.R); input: make-inputs.R (generated), R's mtcars and MASS's survey.

load test_helper

D="$TESTDATA/model"

# Each row: the expected file, the input, then svy-model's arguments.
# Closed form (lm, HC3): 1e-9 relative. Iterative (glm, polr): 1e-6, as
# both fits are run to the optimum (see expected.R).
fits() {
	cat <<'EOF2'
linear-coef	survey	1e-9	-y y -c x1,x2,g
linear-hc3	survey	1e-9	-y y -c x1,x2,g --se hc3
interaction-coef	survey	1e-9	-y y -c x1,g,x1:g
logistic-coef	survey	1e-6	-m logistic -y yb -c x1,x2,g
logistic-wald	survey	1e-6	-m logistic -y yb -c x1,x2,g --ci wald
ordinal-coef	survey	1e-5	-m ordinal -y yo -c x1,x2,g
mtcars-linear-coef	mtcars	1e-9	-y mpg -c wt,hp,cyl --factor cyl
mtcars-linear-hc3	mtcars	1e-9	-y mpg -c wt,hp,cyl --factor cyl --se hc3
mtcars-logistic-coef	mtcars	1e-6	-m logistic -y am -c wt,hp
mtcars-logistic-wald	mtcars	1e-6	-m logistic -y am -c wt,hp --ci wald
mtcars-ordinal-coef	mtcars	1e-5	-m ordinal -y gear -c wt,qsec
smoke-ordinal-coef	smoke	1e-5	-m ordinal -y smoke -c sex,height
EOF2
}

@test "coefficients, standard errors, p and intervals as R's lm, glm and polr" {
	local n=0
	while IFS=$'\t' read -r want input tol args; do
		read -ra a <<<"$args"
		svy model -q "${a[@]}" "$D/$input.tsv" > out || fail "$want: exit $?"
		compare_relative out "$D/$want.tsv" "$tol" || fail "$want: svy model ${args}"
		n=$((n + 1))
	done < <(fits)
	[ "$n" -eq 12 ]
}

@test "--summary: the fit statistics as R gives them (R², F, AIC, deviance, LR test, pseudo-R²)" {
	while IFS=$'\t' read -r want input tol args; do
		read -ra a <<<"$args"
		svy model -q "${a[@]}" --summary sum "$D/$input.tsv" > /dev/null
		# our summary has rows R's has not (iterations): compare R's rows
		awk -F'\t' 'NR == FNR { have[$1] = $0; next } { print have[$1] }' sum \
			"$D/${want%-*}-summary.tsv" > got
		compare_relative got "$D/${want%-*}-summary.tsv" "$tol" || fail "$want summary"
	done < <(fits | grep -E '^[a-z-]*(linear|logistic|ordinal)-coef')
}

@test "the ordinal fit reaches at least polr's optimum (its log-likelihood)" {
	svy model -q -m ordinal -y yo -c x1,x2,g --summary sum "$D/survey.tsv" > /dev/null
	got=$(awk -F'\t' '$1 == "loglik" { print $2 }' sum)
	want=$(awk -F'\t' '$1 == "loglik" { print $2 }' "$D/ordinal-polr.tsv")
	awk -v g="$got" -v w="$want" 'BEGIN { exit !(g >= w - 1e-9) }' || fail "loglik $got < $want"
}

@test "listwise deletion is counted per column on standard error" {
	run --separate-stderr svy model -y y -c x1,x2,g "$D/survey.tsv"
	assert_success
	assert_equal "$stderr" "svy-model: read 200 rows, used 197, dropped 3 (missing: 'x1' 2, 'g' 1)"
}

@test "--ref picks the reference level; odds ratios are exp of the estimate and interval" {
	svy model -q -y y -c x1,g --ref g=c "$D/survey.tsv" > out
	assert_equal "$(cut -f1 out | tr '\n' ' ')" "term (Intercept) x1 ga gb "
	svy model -q -m logistic -y yb -c x1 --ci wald "$D/survey.tsv" > out
	awk -F'\t' 'NR == 3 { e = exp($3); d = $12 - e; if (d < 0) d = -d; exit !(d < 1e-12 * e) }' out
}

@test "ordinal: the Brant test of proportional odds, omnibus and per coefficient, as published" {
	# the brant package's example (MASS's survey): Omnibus 3.28 (df 4, p
	# 0.51), SexMale 1.58 (2, 0.45), Height 0.02 (2, 0.99); the full digits
	# are in smoke-ordinal-summary.tsv, checked with the summaries above
	svy model -q -m ordinal -y smoke -c sex,height --summary sum "$D/smoke.tsv" > /dev/null
	got=$(awk -F'\t' '$1 ~ /^brant_/ { printf "%s %.2f\n", $1, $2 }' sum | tr '\n' ' ')
	assert_equal "$got" "brant_chi2 3.28 brant_df 4.00 brant_p 0.51 brant_chi2[sexMale] 1.58 brant_df[sexMale] 2.00 brant_p[sexMale] 0.45 brant_chi2[height] 0.02 brant_df[height] 2.00 brant_p[height] 0.99 "
	# where it does not exist, a note says why, and no number
	printf 'y\tx\n1\t1\n2\t2\n1\t3\n2\t4\n1\t5\n2\t2\n1\t1\n2\t6\n' > two.tsv
	svy model -q -m ordinal -y y -c x --summary sum two.tsv > /dev/null
	grep -qx $'brant_note\ttwo outcome levels: one binary logit, nothing to compare' sum
	! grep -q '^brant_chi2' sum
	svy model -q -m ordinal -y gear -c wt,qsec --summary sum "$D/mtcars.tsv" > /dev/null
	grep -qx $'brant_note\ta binary logit at a cut is separated or does not converge' sum
	! grep -q '^brant_chi2' sum
}

# Each row: what is wrong, the input (printf format), the arguments, the
# exit status, and what svy says.
errors() {
	cat <<'EOF2'
perfect collinearity	y\tx\tz\n1\t1\t2\n0\t2\t4\n1\t3\t6\n0\t4\t8\n1\t5\t10\n	-y y -c x,z	1	column 'z': perfect collinearity
complete separation	y\tx\n0\t1\n0\t2\n0\t3\n1\t4\n1\t5\n1\t6\n	-m logistic -y y -c x	1	separation: 6 of 6 rows
quasi-complete separation	y\tx\n0\t1\n0\t2\n1\t3\n0\t3\n1\t4\n1\t5\n	-m logistic -y y -c x	1	separation: 4 of 6 rows
constant outcome (linear)	y\tx\n2\t1\n2\t2\n2\t3\n	-y y -c x	1	column 'y': the outcome is constant
constant outcome (logistic)	y\tx\n2\t1\n2\t2\n2\t3\n	-m logistic -y y -c x	1	column 'y': the outcome is constant
a predictor with one level	y\tg\n1\ta\n2\ta\n3\ta\n	-y y -c g	1	column 'g': a predictor needs two levels
too few rows	y\tx\n1\t1\n2\t2\n	-y y -c x	1	too few rows for the model: 2 complete rows for 2 parameters
three outcome levels for logistic	y\tx\n1\t1\n2\t2\n3\t3\n1\t4\n	-m logistic -y y -c x	1	a logistic model's outcome has two levels; this one has 3
too many ordinal levels	y\tx\n1\t1\n2\t2\n3\t3\n4\t4\n	-m ordinal -y y -c x --max-levels 3	1	an ordinal outcome with 4 levels (at most 3
text ordinal levels	y\tx\nlow\t1\nhigh\t2\nmid\t3\n	-m ordinal -y y -c x	1	an ordinal outcome orders its levels by value
a linear outcome not a number	y\tx\n1\t1\nx\t2\n3\t3\n	-y y -c x	1	<stdin>:3: column 'y': the outcome of a linear model is not a number (got 'x')
ordinal complete separation	y\tx\n1\t1\n1\t2\n2\t3\n2\t4\n3\t5\n3\t6\n	-m ordinal -y y -c x	1	<stdin>: separation: 6 of 6 rows are predicted with probability 1
ordinal separation, two levels	y\tx\n1\t1\n1\t2\n2\t3\n2\t4\n	-m ordinal -y y -c x	1	<stdin>: separation: 4 of 4 rows
ordinal quasi-complete separation	y\tx\n1\t1\n1\t2\n2\t3\n1\t3\n2\t4\n3\t4\n3\t5\n	-m ordinal -y y -c x	1	<stdin>: separation: 3 of 7 rows
an odds ratio beyond the range	y\tx\n0\t1e-4\n0\t2e-4\n1\t3e-4\n0\t4e-4\n1\t5e-4\n1\t6e-4\n	-m logistic -y y -c x	1	<stdin>: the odds ratio of 'x' (or an end of its interval) is beyond the range of numbers (estimate 12140.3,
an ordinal odds ratio beyond the range	y\tx\n0\t1e-4\n0\t2e-4\n1\t3e-4\n0\t4e-4\n1\t5e-4\n1\t6e-4\n	-m ordinal -y y -c x	1	<stdin>: the odds ratio of 'x' (or an end of its interval) is beyond the range of numbers
a predictor beyond 1e150	y\tx\n1\t1e200\n2\t2\n3\t3\n0\t4\n	-y y -c x	1	<stdin>:2: column 'x': a value beyond 1e150 in magnitude: the fit squares it (rescale the column) (got '1e200')
an outcome beyond 1e150	y\tx\n1\t1\n2\t2\n-1e300\t3\n0\t4\n	-y y -c x	1	<stdin>:4: column 'y': a value beyond 1e150 in magnitude
a logistic predictor beyond 1e150	y\tx\n1\t1\n0\t2\n1\t3e160\n0\t4\n	-m logistic -y y -c x	1	<stdin>:4: column 'x': a value beyond 1e150
an ordinal predictor all below 1e-150	y\tx\n1\t1e-200\n2\t2e-200\n3\t-0\n1\t4e-200\n2\t0\n	-m ordinal -y y -c x	1	column 'x': every value is below 1e-150 in magnitude (at most 4e-200)
no outcome	y\tx\n1\t1\n	-c x	2	no outcome: give -y COLUMN
outcome as predictor	y\tx\n1\t1\n	-y y -c y	2	'y' is the outcome and a predictor
interaction without its parts	y\tx\tg\n1\t1\ta\n	-y y -c x:g	2	the interaction 'x:g' needs 'x' as a predictor
unknown reference level	y\tg\n1\ta\n2\tb\n3\ta\n	-y y -c g --ref g=z	2	column 'g' has no level 'z'; its levels are 'a', 'b'
HC3 on a logistic model	y\tx\n1\t1\n	-m logistic -y y -c x --se hc3	2	option '--se hc3' is for linear models
unknown method	y\tx\n1\t1\n	-m probit -y y -c x	2	'probit' is not one of: linear, logistic, ordinal
EOF2
}

@test "what cannot be fitted is a named error, never an estimate" {
	local n=0
	while IFS=$'\t' read -r what input args want message; do
		read -ra a <<<"$args"
		run --separate-stderr svy model "${a[@]}" < <(printf "$input")
		[ "$status" -eq "$want" ] || fail "$what: exit $status, want $want"
		assert_no_sanitizer
		[[ "$stderr" == *"$message"* ]] || fail "$what: '$stderr'"
		[ -z "$output" ] || fail "$what: wrote '$output'"
		n=$((n + 1))
	done < <(errors)
	[ "$n" -eq 26 ]
}

# Collinearity is judged on each column against its own norm, as R's lm
# (dqrdc2): a predictor in units of 1e8 (an income in cents) once made
# "column 'z': perfect collinearity". Reference: R 4 lm (digits 15).
@test "a predictor's units do not make it collinear: estimates as R's lm" {
	printf 'y\tx\tz\n3.1\t123456789\t0.2\n2.4\t154321000\t0.9\n3.9\t198765432\t0.4\n2.2\t110000000\t0.7\n3.3\t176543210\t0.1\n2.9\t133333333\t0.5\n3.6\t187654321\t0.8\n2.5\t141414141\t0.3\n' >u.tsv
	run --separate-stderr svy model -q -y y -c x,z u.tsv
	assert_success
	printf '%s\n' "$output" | awk -F'\t' '
		BEGIN { want["(Intercept)"] = "9.66031877449346e-01 7.27890528947004e-01"
			want["x"] = "1.51104306303792e-08 4.40252810978906e-09"
			want["z"] = "-6.01515345362623e-01 4.83260179935398e-01" }
		NR > 1 { split(want[$1], w, " ")
			if (!($1 in want) || w[1] == "") { print "unexpected " $1; bad = 1; next }
			for (k = 1; k <= 2; k++) if (($(k + 2) - w[k]) / w[k] > 1e-10 || (w[k] - $(k + 2)) / w[k] > 1e-10) {
				print $1 ": " $(k + 2) " vs " w[k]; bad = 1 }
			seen++ }
		END { if (seen != 3) { print "rows: " seen; bad = 1 } exit bad }'
}

# Nearly collinear predictors (x2 = x1 + 1e-5 noise, condition number about
# 1e6): the standard errors from X'X squared it and lost 3 or 4 digits
# (classical and HC3); from the QR of X they agree with exact rational
# arithmetic (test/data/model/exact-se.py) to 1e-9. R's lm agrees too;
# sandwich's HC3 is off by 5e-4 here.
@test "nearly collinear predictors: classical and HC3 standard errors as exact arithmetic" {
	for se in classical hc3; do
		run --separate-stderr svy model -q --se "$se" -y y -c x1,x2 "$D/nearly-collinear.tsv"
		assert_success
		col=2
		[ "$se" = classical ] || col=3
		printf '%s\n' "$output" | awk -F'\t' -v col="$col" -v ref="$D/nearly-collinear-se.tsv" '
			BEGIN { while ((getline line < ref) > 0) { split(line, f, "\t"); want[f[1]] = f[col] } }
			NR > 1 { d = ($4 - want[$1]) / want[$1]; if (d < 0) d = -d
				if (!(d < 1e-9)) { print $1 ": " $4 " vs " want[$1]; bad = 1 }
				seen++ }
			END { if (seen != 3) { print "rows: " seen; bad = 1 } exit bad }' ||
			fail "--se $se"
	done
}

# An outcome the predictors give exactly: the standard errors are rounding
# (t = 5e15): estimates written, and a warning, as R's summary.lm gives.
@test "an essentially perfect linear fit: written, with a warning (as R's summary.lm)" {
	printf 'y\tx\n1\t1\n2\t2\n3\t3\n4\t4\n' >perfect.tsv
	run --separate-stderr svy model -q -y y -c x perfect.tsv
	assert_success
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 3 ]
	[[ "$stderr" == "svy-model: perfect.tsv: an essentially perfect fit (sigma "*"): its standard errors, t and p are rounding, not evidence" ]] ||
		fail "'$stderr'"
	# a near fit is a fit: no warning
	printf 'y\tx\n1\t1\n2\t2\n3\t3.0000001\n4\t4\n' >near.tsv
	run --separate-stderr svy model -q -y y -c x near.tsv
	assert_success
	[ -z "$stderr" ] || fail "'$stderr'"
}
