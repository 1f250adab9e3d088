#!/usr/bin/env bats
# svy score: factor scores from a factor model, checked against R psych
# 2.2.9 (factor.scores; predict.psych's formulas for a new sample). Inputs and
# expected values: test/data/factor/make-expected.sh. Given psych's own model
# (test/data/factor/expected/*.model.tsv, in svy's format) the scores are
# closed-form and agree to 1e-9; from svy factor's fit to 1e-5.

load test_helper

F="$TESTDATA/factor"
E="$TESTDATA/factor/expected"
S="$TESTDATA/score"

# col_agree GOT GOTFIELD WANT WANTFIELD TOL: one column, headers aside.
col_agree() {
	cut -f"$2" "$1" | tail -n +2 > got.col
	cut -f"$4" "$3" | tail -n +2 > want.col
	run compare_numeric got.col want.col "$5"
	assert_success
}

# stderr_of TOOL ARGS...: run a tool with its standard output discarded (a
# streaming tool has written rows before it meets a bad one).
stderr_of() {
	svy "$@" > /dev/null
}

stat() {
	awk -F'\t' -v s="$2" '$1 == s { print $2 }' "$1"
}

@test "--help and --version" {
	run svy score --help
	assert_success
	assert_line --partial "usage: svy-score --model MODEL [OPTION]... [FILE]"
	run svy score --version
	assert_success
	assert_output --regexp '^svy-score \(svy\) '
}

@test "regression scores of the fitting sample, as psych factor.scores" {
	svy score --model "$E/one.model.tsv" < "$F/one.tsv" > out.tsv 2> err
	col_agree out.tsv 21 "$E/one.scores.tsv" 2 1e-9
	# every input column and row, in order, then the score
	run diff <(cut -f1-20 out.tsv) "$F/one.tsv"
	assert_success
	run head -1 out.tsv
	assert_output --regexp $'\tmethod_record_linkage\tF1$'
	run cat err
	assert_output "svy-score: scored 83 of 83 rows; 0 with a missing item got empty scores"
}

@test "--method bartlett, as psych factor.scores(method = \"Bartlett\")" {
	svy score -q --method bartlett --model "$E/one.model.tsv" < "$F/one.tsv" > out.tsv
	col_agree out.tsv 21 "$E/one.scores.tsv" 3 1e-9
}

@test "--normalize minmax and --summary: the study's [0, 1] awareness score" {
	svy score -q --model "$E/one.model.tsv" --name awareness --normalize minmax \
		--summary s.tsv < "$F/one.tsv" > out.tsv
	col_agree out.tsv 21 "$E/one.scores.tsv" 4 1e-9
	run head -1 out.tsv
	assert_output --regexp $'\tawareness$'
	run cut -f1 s.tsv
	assert_output "$(printf '%s\n' statistic rows scored missing raw_min_awareness \
		raw_max_awareness q1_awareness median_awareness q3_awareness)"
	W="$E/one.score-summary.tsv"
	for pair in raw_min_awareness:min raw_max_awareness:max q1_awareness:q1 \
		median_awareness:median q3_awareness:q3; do
		numeq "$(stat s.tsv "${pair%%:*}")" "$(stat "$W" "${pair#*:}")" 1e-9 ||
			fail "$pair: $(stat s.tsv "${pair%%:*}")"
	done
	[ "$(stat s.tsv scored)" = 83 ]
}

@test "the study's pipeline: factor --threshold 0.45 --refit, then score" {
	svy factor -c 'attack_*,method_*' --threshold 0.45 --refit --summary s.tsv \
		< "$F/one.tsv" > model.tsv 2> /dev/null
	svy score --model model.tsv --name awareness --normalize minmax \
		< "$F/one.tsv" > out.tsv 2> /dev/null
	col_agree out.tsv 21 "$E/one-refit.scores.tsv" 4 1e-5
	svy score -q --model model.tsv < "$F/one.tsv" > raw.tsv
	col_agree raw.tsv 21 "$E/one-refit.scores.tsv" 2 1e-5
	# the items the refit left out are not needed
	cut -f1-3,5-9,11-13,17-19 "$F/one.tsv" > retained.tsv
	svy score -q --model model.tsv < retained.tsv > r.tsv
	col_agree r.tsv 15 "$E/one-refit.scores.tsv" 2 1e-5
}

@test "a new sample on the model's scale (default) or its own (--standardize sample)" {
	svy score -q --model "$E/one.model.tsv" < "$S/half.tsv" > model.tsv
	col_agree model.tsv 21 "$S/half.expected.tsv" 2 1e-9
	svy score -q --model "$E/one.model.tsv" --standardize sample < "$S/half.tsv" > own.tsv
	col_agree own.tsv 21 "$S/half.expected.tsv" 3 1e-9
	svy score -q --model "$E/one.model.tsv" --normalize minmax < "$S/half.tsv" > mm.tsv
	col_agree mm.tsv 21 "$S/half.expected.tsv" 5 1e-9
}

@test "--ddof 0: factor_analyzer's raw scores, sqrt(n/(n-1)) larger; min-max the same" {
	svy score -q --model "$E/one.model.tsv" --ddof 0 < "$S/half.tsv" > out.tsv
	col_agree out.tsv 21 "$S/half.expected.tsv" 4 1e-9
	svy score -q --model "$E/one.model.tsv" --ddof 0 < "$F/one.tsv" > fa.tsv
	svy score -q --model "$E/one.model.tsv" < "$F/one.tsv" > r.tsv
	paste <(cut -f21 fa.tsv | tail -n +2) <(cut -f21 r.tsv | tail -n +2) |
		awk '{ d = $1 - $2 * sqrt(83 / 82); if (d < 0) d = -d; if (d > 1e-12) exit 1 }'
	svy score -q --model "$E/one.model.tsv" --ddof 0 --normalize minmax < "$F/one.tsv" > a.tsv
	svy score -q --model "$E/one.model.tsv" --normalize minmax < "$F/one.tsv" > b.tsv
	run compare_numeric a.tsv b.tsv 1e-12
	assert_success
}

@test "rows with a missing item get empty scores and are counted" {
	svy score --model "$E/missing.model.tsv" < "$F/missing.tsv" > out.tsv 2> err
	col_agree out.tsv 9 "$E/missing.scores.tsv" 2 1e-9
	[ "$(wc -l < out.tsv)" = 61 ]
	run awk -F'\t' 'NR > 1 && $9 == "" { n++ } END { print n }' out.tsv
	assert_output 7
	run cat err
	assert_output "svy-score: scored 53 of 60 rows; 7 with a missing item got empty scores"
	svy score -q --model "$E/missing.model.tsv" --normalize minmax < "$F/missing.tsv" > mm.tsv
	col_agree mm.tsv 9 "$E/missing.scores.tsv" 4 1e-9
}

@test "three factors, named with --name" {
	svy score -q --model "$E/likert3.model.tsv" --name trust,usage,worry \
		< "$F/likert3.tsv" > out.tsv
	run head -1 out.tsv
	assert_output --regexp $'\tworry_4\ttrust\tusage\tworry$'
	col_agree out.tsv 13 "$E/likert3.scores.tsv" 2 1e-9
	col_agree out.tsv 14 "$E/likert3.scores.tsv" 5 1e-9
	col_agree out.tsv 15 "$E/likert3.scores.tsv" 8 1e-9
	svy score -q --model "$E/likert3.model.tsv" --method bartlett --name a,F2,F3 \
		< "$F/likert3.tsv" > b.tsv
	run head -1 b.tsv
	assert_output --regexp $'\tworry_4\ta\tF2\tF3$'
	col_agree b.tsv 13 "$E/likert3.scores.tsv" 3 1e-9
	col_agree b.tsv 15 "$E/likert3.scores.tsv" 9 1e-9
}

@test "oblique models: regression R^-1 S and Bartlett with Phi, as psych factor.scores" {
	O="$TESTDATA/factor/oblique"
	for name in oblique-oblimin likert3-promax oblique-geomin; do
		input="$O/oblique.tsv"
		[[ $name == likert3* ]] && input="$F/likert3.tsv"
		nc=$(head -1 "$input" | awk -F'\t' '{ print NF }')
		svy score -q --model "$O/$name.model.tsv" "$input" > reg.tsv
		svy score -q --method bartlett --model "$O/$name.model.tsv" -i "$input" > b.tsv
		for j in 1 2 3; do
			col_agree reg.tsv $((nc + j)) "$O/$name.scores.tsv" $((1 + j)) 1e-9
			col_agree b.tsv $((nc + j)) "$O/$name.scores.tsv" $((4 + j)) 1e-9
		done
	done
	# and from svy's own fit, to the fit's tolerance
	svy factor -q -k 3 -c '*' "$O/oblique.tsv" > model.tsv
	svy score -q --model model.tsv "$O/oblique.tsv" > own.tsv
	col_agree own.tsv 17 "$O/oblique-oblimin.scores.tsv" 3 1e-5
}

@test "a new sample: --standardize sample is predict(fa, new), refit is factor.scores(new, fa)" {
	O="$TESTDATA/factor/oblique"
	M="$O/oblique-first.model.tsv"
	svy score -q --model "$M" --standardize refit "$O/oblique-second.tsv" > refit.tsv
	svy score -q --model "$M" --standardize sample "$O/oblique-second.tsv" > sample.tsv
	for j in 1 2 3; do
		col_agree refit.tsv $((15 + j)) "$O/oblique-first.newdata.tsv" $((1 + j)) 1e-9
		col_agree sample.tsv $((15 + j)) "$O/oblique-first.newdata.tsv" $((4 + j)) 1e-9
	done
	# the two differ: refit's weights come from the new sample's correlations
	run compare_numeric refit.tsv sample.tsv 1e-3
	assert_failure
	# an orthogonal one-factor model: refit needs no structure columns
	svy score -q --model "$E/one.model.tsv" --standardize refit < "$S/half.tsv" > r1.tsv
	[ "$(cut -f21 r1.tsv | tail -n +2 | grep -c .)" = 40 ]
}

@test "--standardize refit on a constant or too short sample" {
	M="$E/one.model.tsv"
	run svy score -q --model "$M" --standardize refit < <(head -2 "$F/one.tsv")
	assert_failure 1
	assert_output "svy-score: <stdin>: --standardize refit needs at least 2 complete rows (got 1)"
	run svy score -q --model "$M" --standardize refit < <(awk -F'\t' -v OFS='\t' 'NR > 1 { $3 = 0 } 1' "$F/one.tsv")
	assert_failure 1
	assert_output "svy-score: <stdin>: column 'attack_inversion': constant item in the scored sample: --standardize refit cannot scale it"
}

@test "a model listing an item twice, scores that overflow: named errors, never NaN" {
	printf 'item\tmean\tsd\tn\tweight_F1\na\t0\t1\t5\t1\nb\t0\t1\t5\t1\na\t0\t1\t5\t1\n' > twice.tsv
	run svy score --model twice.tsv <<< $'a\tb\n1\t2'
	assert_failure 1
	assert_output "svy-score: twice.tsv:4: column 'item': the model lists this item twice (got 'a')"
	printf 'item\tmean\tsd\tn\tweight_F1\na\t0\t1\t5\t1e300\nb\t0\t1\t5\t1e300\n' > big.tsv
	printf 'a\tb\n1e10\t1e10\n-1\t-1\n' > x.tsv
	run svy score -q --model big.tsv x.tsv
	assert_failure 1
	assert_output --partial "svy-score: x.tsv:2: column 'F1': the score overflows"
	printf 'item\tmean\tsd\tn\tweight_F1\na\t0\t1\t5\t1e308\nb\t0\t1\t5\t1\n' > wide.tsv
	printf 'a\tb\n1\t0\n-1\t0\n' > y.tsv
	run svy score -q --model wide.tsv --normalize minmax y.tsv
	assert_failure 1
	assert_output "svy-score: y.tsv: cannot min-max normalise 'F1': the range of its scores overflows"
	refute_output --partial nan
}

@test "header only: the header and the score column" {
	head -1 "$F/one.tsv" > h.tsv
	run svy score -q --model "$E/one.model.tsv" < h.tsv
	assert_success
	assert_output "$(cat h.tsv)	F1"
}

# ---- bad input and usage ------------------------------------------------

@test "bad models" {
	printf 'item\tmean\tsd\tn\na\t1\t1\t5\n' > noweights.tsv
	printf 'item\tsd\tn\tweight_F1\na\t1\t5\t1\n' > nomean.tsv
	printf 'item\tmean\tsd\tn\tweight_F1\na\t1\t0\t5\t1\n' > sd0.tsv
	printf 'item\tmean\tsd\tn\tweight_F1\tweight_F2\na\t1\t1\t5\t1\t\n' > partial.tsv
	printf 'item\tmean\tsd\tn\tweight_F1\na\t1\tx\t5\t1\n' > nonnum.tsv
	printf 'item\tmean\tsd\tn\tweight_F1\na\t1\t1\t5\t1\n' > noload.tsv
	while IFS='|' read -r args want; do
		run svy score $args <<< $'a\n1'
		assert_failure 1
		assert_output "$want"
	done <<'EOF'
--model nofile.tsv|svy-score: nofile.tsv: No such file or directory
--model noweights.tsv|svy-score: noweights.tsv:1: the model has no weight_* column
--model nomean.tsv|svy-score: nomean.tsv:1: column 'mean': the model has no such column (not a model written by svy-factor?)
--model sd0.tsv|svy-score: sd0.tsv:2: column 'sd': not a positive standard deviation (got '0')
--model partial.tsv|svy-score: partial.tsv:2: item 'a' has some weights but not all
--model nonnum.tsv|svy-score: nonnum.tsv:2: column 'sd': not a number (got 'x')
--model noload.tsv --method bartlett|svy-score: noload.tsv:1: column 'F1': the model has no loadings column for weight column 'weight_F1'
EOF
}

@test "bad input" {
	M="$E/one.model.tsv"
	run svy score --model "$M" < /dev/null
	assert_failure 1
	assert_output "svy-score: <stdin>: empty input: no header row"
	run stderr_of score -q --model "$M" < <(sed '3s/\t0\t/\tx\t/' "$F/one.tsv")
	assert_failure 1
	assert_output "svy-score: <stdin>:3: column 'attack_inversion': not a number (got 'x')"
	run stderr_of score -q --model "$M" < <(sed '3s/\t0\t/\tNaN\t/' "$F/one.tsv")
	assert_failure 1
	assert_output "svy-score: <stdin>:3: column 'attack_inversion': not a finite number (got 'NaN')"
	run stderr_of score -q --model "$M" < <(sed '3s/\t0$//' "$F/one.tsv")
	assert_failure 1
	assert_output "svy-score: <stdin>:3: row has 19 fields, header has 20"
	run svy score -q --model "$M" --normalize minmax < <(head -2 "$F/one.tsv")
	assert_failure 1
	assert_output "svy-score: <stdin>: cannot min-max normalise 'F1': fewer than two rows with distinct scores"
	run svy score -q --model "$M" --standardize sample < <(head -2 "$F/one.tsv")
	assert_failure 1
	assert_output "svy-score: <stdin>: --standardize sample needs at least 2 complete rows (got 1)"
}

@test "bad usage" {
	M="$E/one.model.tsv"
	while IFS='|' read -r args want; do
		run svy score $args < "$F/one.tsv"
		assert_failure 2
		assert_line --index 0 "$want"
		assert_line --index 1 "Try 'svy-score --help' for more information."
	done <<EOF
|svy-score: --model is required
--model $M --name group|svy-score: the input already has a column 'group'; choose another --name
--model $M --name a,b|svy-score: --name: 2 names, but the model has 1 factor: name each factor once
--model $E/likert3.model.tsv --name a|svy-score: --name: 1 name, but the model has 3 factors: name each factor once
--model $E/likert3.model.tsv --name a,b|svy-score: --name: 2 names, but the model has 3 factors: name each factor once
--model $E/likert3.model.tsv --name a,b,c,d|svy-score: --name: 4 names, but the model has 3 factors: name each factor once
--model $M --method pca|svy-score: option '--method': 'pca' is not one of: regression, bartlett
--model $M --normalize z|svy-score: option '--normalize': 'z' is not one of: none, minmax
--model $M --standardize x|svy-score: option '--standardize': 'x' is not one of: model, sample, refit
--model $M --ddof 2|svy-score: option '--ddof': '2' is not a whole number from 0 to 1
--model $M one.tsv two.tsv|svy-score: too many operands: one input file at most (got 'one.tsv' and 'two.tsv')
EOF
	run svy score --model "$M" < "$F/heywood.tsv"
	assert_failure 2
	assert_line --index 0 --partial "svy-score: <stdin>: no column 'attack_inversion'; the columns are 'h1'"
}

# issue 20 item 4: a model fitted with svy-factor --reverse keeps max + min in
# its 'reverse' column; score keys the item the same way.
@test "a model with reversed items: the item is scored as reverse - x" {
	awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "attack_poisoning") c = i }
		NR > 1 { $c = 2 - $c } 1' "$F/one.tsv" > rev.tsv
	svy factor -q -c 'attack_*,method_*' "$F/one.tsv" > plain.model
	svy factor -q -c 'attack_*,method_*' --reverse attack_poisoning rev.tsv > rev.model
	while IFS='|' read -r args; do
		svy score -q --model plain.model $args "$F/one.tsv" | cut -f1,21 > a.tsv
		svy score -q --model rev.model $args rev.tsv | cut -f1,21 > b.tsv
		cmp a.tsv b.tsv || fail "$args: $(diff a.tsv b.tsv | head -5)"
		[ "$(wc -l < a.tsv)" = 84 ]
	done <<-'EOF2'
	--method regression
	--method bartlett
	--standardize sample
	--standardize refit
	--normalize minmax
	EOF2
	# without the column the reversed data score otherwise
	cut -f1-13 rev.model > stripped.model
	svy score -q --model stripped.model rev.tsv | cut -f1,21 > c.tsv
	! cmp -s a.tsv c.tsv
}
