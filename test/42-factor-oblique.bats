#!/usr/bin/env bats
# svy factor --rotate: oblique (oblimin, psych fa's default; promax; geomin)
# and orthogonal (quartimax) rotations, checked against R psych 2.2.9 fa()
# and GPArotation 2022.10.2 on generated data (oblique.tsv: 3 correlated
# factors; likert3.tsv) and on psych's bfi (25 items, 2,436 complete rows).
# Inputs and expected values: test/data/factor/make-oblique.R. Rotations are
# iterative: pattern and structure loadings, communalities, weights, SS
# loadings and factor correlations agree to 1e-5 absolute.

load test_helper

F="$TESTDATA/factor"
O="$TESTDATA/factor/oblique"
L3='trust_*,usage_*,worry_*'

# model_agree GOT WANT TOL: every column of WANT (psych's fa: F1.., structure_F1..,
# communality, uniqueness, weight_F1..) agrees with GOT's column of that name,
# rows matched by item; a structure_ column GOT lacks (an orthogonal rotation)
# is compared with the pattern column.
model_agree() {
	run awk -F'\t' -v tol="$3" '
		function abs(x) { return x < 0 ? -x : x }
		NR == FNR {
			if (FNR == 1) { for (j = 1; j <= NF; j++) gcol[$j] = j; next }
			for (j = 1; j <= NF; j++) got[$1, j] = $j
			nrow++
			next
		}
		FNR == 1 {
			for (j = 2; j <= NF; j++) {
				name[j] = $j
				c = $j
				if (!(c in gcol) && c ~ /^structure_/) c = substr(c, 11)
				if (!(c in gcol)) { print "no column " $j; bad = 1 }
				at[j] = gcol[c]
			}
			next
		}
		{
			rows++
			for (j = 2; j <= NF; j++) {
				g = got[$1, at[j]]
				if (g == "" || abs(g - $j) > tol) {
					printf "item %s column %s: got %s, want %s\n", $1, name[j], g, $j
					bad = 1
				}
			}
		}
		END { if (rows == 0 || rows != nrow) { print "rows: " rows " vs " nrow; bad = 1 }
		      exit bad }' "$1" "$2"
	[ "$status" -eq 0 ] || fail "$output"
}

# stats_agree GOT WANT TOL: every statistic of WANT is in GOT, within TOL.
stats_agree() {
	run awk -F'\t' -v tol="$3" '
		function abs(x) { return x < 0 ? -x : x }
		NR == FNR { v[$1] = $2; next }
		FNR > 1 {
			n++
			if (!($1 in v) || abs(v[$1] - $2) > tol) {
				printf "%s: got %s, want %s\n", $1, v[$1], $2; bad = 1 }
		}
		END { exit bad || n == 0 }' "$1" "$2"
	[ "$status" -eq 0 ] || fail "$output"
}

stat() {
	awk -F'\t' -v s="$2" '$1 == s { print $2 }' "$1"
}

@test "psych's defaults: fa(x, k) is oblimin, matched in loadings, structure, Phi, weights" {
	while IFS='|' read -r name args input; do
		set -f
		svy factor -q $args --summary s.tsv "$input" > model.tsv
		set +f
		model_agree model.tsv "$O/$name.model.tsv" 1e-5
		stats_agree s.tsv "$O/$name.summary.tsv" 1e-5
		[ "$(stat s.tsv rotation)" = oblimin ] || fail "$name: $(stat s.tsv rotation)"
		[ "$(stat s.tsv rotation_converged)" = 1 ]
	done <<EOF
oblique-oblimin|-k 3 -c *|$O/oblique.tsv
oblique-2-oblimin|-k 2 -c *|$O/oblique.tsv
likert3-oblimin|-k 3 -c $L3|$F/likert3.tsv
likert3-ml-oblimin|-m ml -k 3 -c $L3|$F/likert3.tsv
bfi-oblimin|--factors 5 -c *|$O/bfi.tsv
EOF
}

@test "--rotate promax (psych's: Kaiser-normalised varimax, power 4), geomin, quartimin, quartimax" {
	while IFS='|' read -r name args input; do
		set -f
		svy factor -q $args --summary s.tsv "$input" > model.tsv
		set +f
		model_agree model.tsv "$O/$name.model.tsv" 1e-5
		stats_agree s.tsv "$O/$name.summary.tsv" 1e-5
	done <<EOF
oblique-promax|-k 3 --rotate promax --varimax-tol 1e-5 -c *|$O/oblique.tsv
likert3-promax|-k 3 --rotate promax --varimax-tol 1e-5 -c $L3|$F/likert3.tsv
bfi-promax|-k 5 --rotate promax --varimax-tol 1e-5 -c *|$O/bfi.tsv
oblique-geomin|-k 3 --rotate geomin -c *|$O/oblique.tsv
likert3-geomin|-k 3 --rotate geomin -c $L3|$F/likert3.tsv
oblique-oblimin|-k 3 --rotate quartimin -c *|$O/oblique.tsv
likert3-quartimax|-k 3 --rotate quartimax -c $L3|$F/likert3.tsv
EOF
}

@test "promax with varimax to convergence differs from psych's by less than 1e-3" {
	svy factor -q -k 5 --rotate promax -c '*' "$O/bfi.tsv" > model.tsv
	model_agree model.tsv "$O/bfi-promax.model.tsv" 1e-3
	run model_agree model.tsv "$O/bfi-promax.model.tsv" 1e-5
	assert_failure
}

@test "the oblique model and summary describe themselves" {
	svy factor -q -k 2 -c '*' --summary s.tsv "$O/oblique.tsv" > model.tsv
	run head -1 model.tsv
	assert_output "$(printf 'item\tF1\tF2\tstructure_F1\tstructure_F2\tcommunality\tuniqueness\theywood\tmsa\tretained\talpha_if_dropped\tstd_alpha_if_dropped\tmean\tsd\tn\tweight_F1\tweight_F2')"
	run cut -f1 s.tsv
	assert_output "$(printf '%s\n' statistic rows dropped_missing n items items_retained \
		items_fitted factors method rotation bartlett_chi2 bartlett_df bartlett_p kmo \
		ss_loadings_F1 proportion_F1 cumulative_F1 ss_loadings_F2 proportion_F2 \
		cumulative_F2 phi_F1_F2 model_df objective psych_objective starts starts_best alpha std_alpha heywood iterations \
		converged rotation_iterations rotation_converged rotation_criterion)"
	# structure = pattern Phi, communality = diag(L Phi L')
	phi=$(stat s.tsv phi_F1_F2)
	run awk -F'\t' -v phi="$phi" 'NR > 1 {
		d1 = $4 - ($2 + phi * $3); d2 = $5 - ($3 + phi * $2)
		h = $2 * $2 + $3 * $3 + 2 * phi * $2 * $3 - $6
		if (d1 * d1 + d2 * d2 + h * h > 1e-26) { print; bad = 1 } ; n++ }
		END { exit bad || n != 15 }' model.tsv
	assert_success
}

@test "one factor is never rotated; orthogonal rotations write no structure columns" {
	svy factor -q -c 'attack_*,method_*' --rotate oblimin --summary s.tsv \
		"$F/one.tsv" > model.tsv
	[ "$(stat s.tsv rotation)" = none ]
	run grep -c structure_ model.tsv
	assert_output 0
	svy factor -q -k 3 --rotate varimax -c "$L3" --summary s.tsv "$F/likert3.tsv" > v.tsv
	run grep -c 'structure_\|phi_' v.tsv s.tsv
	assert_output "$(printf 'v.tsv:0\ns.tsv:0')"
}

@test "--threshold --refit with an oblique rotation: psych's fa of the retained items" {
	svy factor -q -k 3 -c '*' --threshold 0.55 --refit --summary s.tsv \
		"$O/oblique.tsv" > model.tsv
	[ "$(stat s.tsv items_fitted)" = 10 ]
	awk -F'\t' 'NR == 1 || $NF != ""' model.tsv > fitted.tsv
	# psych's minres stops ~1e-5 short on these 10 items (its unrotated
	# loadings already differ by 1.04e-5 from svy's, whose objective is lower)
	model_agree fitted.tsv "$O/oblique-refit.model.tsv" 5e-5
	stats_agree s.tsv "$O/oblique-refit.summary.tsv" 5e-5
}

@test "the items by -c (lists, globs, repeated), the input as FILE, -i or stdin" {
	svy factor -q -k 2 -c '*' "$O/oblique.tsv" > a.tsv
	svy factor -q -k 2 -c 'a*,b*' -c 'c*' -i "$O/oblique.tsv" > b.tsv
	svy factor -q -k 2 -c 'a*' -c 'b*,c*' < "$O/oblique.tsv" > c.tsv
	cmp a.tsv b.tsv
	cmp a.tsv c.tsv
	[ "$(wc -l < a.tsv)" = 16 ]
}

@test "bad usage" {
	cp "$O/oblique.tsv" data.tsv
	while IFS='|' read -r args want; do
		run svy factor $args < data.tsv
		assert_failure 2
		assert_line --index 0 "$want"
		assert_line --index 1 "Try 'svy-factor --help' for more information."
	done <<'EOF'
a1 a2 data.tsv|svy-factor: too many operands: one input file at most (got 'a1' and 'a2')
-c a1,a2 data.tsv data.tsv|svy-factor: too many operands: one input file at most (got 'data.tsv' and 'data.tsv')
-c a1,a2 -i data.tsv data.tsv|svy-factor: give the input once: -i 'data.tsv' or the operand 'data.tsv', not both
-k 2 --rotate-tol 0 -c a1,a2,a3|svy-factor: option '--rotate-tol': '0' is not a number from 1e-15 to 1
-r varimax -c a1,a2,a3|svy-factor: unknown option '-r'
EOF
}

@test "--omega: omega total and hierarchical as psych omega() with its defaults" {
	while IFS='|' read -r name args input; do
		set -f
		svy factor -q $args --summary s.tsv "$input" > /dev/null
		set +f
		stats_agree s.tsv "$O/$name.omega.tsv" 1e-5
	done <<EOF
oblique|--omega -c *|$O/oblique.tsv
oblique-2|--omega-factors 2 -c *|$O/oblique.tsv
likert3|--omega -k 3 -c $L3|$F/likert3.tsv
bfi|--omega -k 5 -c *|$O/bfi.tsv
one|--omega -c attack_*,method_*|$F/one.tsv
EOF
	[ "$(stat s.tsv omega_factors)" = 3 ]
}

@test "--omega adds rows after the others; without it the summary is unchanged" {
	svy factor -q -c 'attack_*,method_*' --summary a.tsv "$F/one.tsv" > /dev/null
	svy factor -q -c 'attack_*,method_*' --omega --summary b.tsv "$F/one.tsv" > /dev/null
	run diff a.tsv <(head -n "$(wc -l < a.tsv)" b.tsv)
	assert_success
	run cut -f1 <(tail -n +"$(($(wc -l < a.tsv) + 1))" b.tsv)
	assert_output "$(printf '%s\n' omega_factors omega_total omega_hierarchical omega_limit omega_ecv)"
}

@test "--omega with too few items" {
	run svy factor -q --omega -c 'a1,a2,a3' --summary s.tsv "$O/oblique.tsv"
	assert_failure 1
	assert_output "svy-factor: --omega: 3 group factors need more than 3 items"
	[ ! -e s.tsv ]
	run svy factor -q --omega -c 'a1,a2,a3,a4' "$O/oblique.tsv"
	assert_failure 2
	assert_line --index 0 "svy-factor: --omega needs --summary (it writes its rows there)"
}

# col_max_diff GOT WANT COLUMN: the largest absolute difference in a column
# named COLUMN of both files (rows in order).
col_max_diff() {
	awk -F'\t' -v c="$3" '
		FNR == 1 { for (j = 1; j <= NF; j++) if ($j == c) at = j; next }
		NR == FNR { v[FNR] = $at; next }
		{ d = v[FNR] - $at; if (d < 0) d = -d; if (d > m) m = d; n++ }
		END { if (n == 0 || at == "") print "none"; else printf "%.3g\n", m }' "$1" "$2"
}

@test "--parallel: psych fa.parallel's suggestions, observed values, simulated ones in distribution" {
	while IFS='|' read -r name cols input; do
		svy factor -q --parallel 100 -c "$cols" --summary s.tsv --eigenvalues e.tsv "$input" > /dev/null
		stats_agree s.tsv "$O/$name.parallel-summary.tsv" 0
		d=$(col_max_diff e.tsv "$O/$name.parallel.tsv" eigenvalue)
		awk -v d="$d" 'BEGIN { exit !(d <= 1e-9) }' || fail "$name eigenvalue: $d"
		d=$(col_max_diff e.tsv "$O/$name.parallel.tsv" fa_eigenvalue)
		awk -v d="$d" 'BEGIN { exit !(d <= 1e-5) }' || fail "$name fa_eigenvalue: $d"
		# 100 data sets each, other generators: means within Monte Carlo error
		for c in pc_simulated_mean pc_resampled_mean; do
			d=$(col_max_diff e.tsv "$O/$name.parallel.tsv" $c)
			awk -v d="$d" 'BEGIN { exit !(d <= 0.03) }' || fail "$name $c: $d"
		done
		for c in fa_simulated_mean fa_resampled_mean; do
			d=$(col_max_diff e.tsv "$O/$name.parallel.tsv" $c)
			awk -v d="$d" 'BEGIN { exit !(d <= 0.1) }' || fail "$name $c: $d"
		done
	done <<EOF
oblique|*|$O/oblique.tsv
likert3|*|$F/likert3.tsv
bfi|*|$O/bfi.tsv
one|attack_*,method_*|$F/one.tsv
EOF
}

@test "--parallel: psych's rule on the written values, exactly" {
	svy factor -q --parallel 20 --seed 7 -c '*' --summary s.tsv --eigenvalues e.tsv "$O/bfi.tsv" > /dev/null
	run head -1 e.tsv
	assert_output "$(printf 'index\teigenvalue\tproportion\tcumulative\tfa_eigenvalue\tpc_simulated_mean\tpc_simulated_q95\tfa_simulated_mean\tfa_simulated_q95\tpc_resampled_mean\tpc_resampled_q95\tfa_resampled_mean\tfa_resampled_q95')"
	# the first eigenvalue not above the simulated 95th percentile, less one
	run awk -F'\t' 'NR > 1 && nc == "" && !($2 > $7) { nc = $1 - 1 }
		NR > 1 && nf == "" && !($5 > $9) { nf = $1 - 1 } END { print nf, nc }' e.tsv
	assert_output "$(stat s.tsv parallel_factors) $(stat s.tsv parallel_components)"
	[ "$(stat s.tsv parallel_seed)" = 7 ]
	[ "$(stat s.tsv parallel_iterations)" = 20 ]
	[ "$(wc -l < e.tsv)" = 26 ]
}

@test "--parallel is seeded; without it the eigenvalues file is unchanged" {
	svy factor -q --parallel 5 -c '*' --eigenvalues a.tsv "$O/oblique.tsv" > /dev/null
	svy factor -q --parallel 5 --seed 1 -c '*' --eigenvalues b.tsv "$O/oblique.tsv" > /dev/null
	svy factor -q --parallel 5 --seed 2 -c '*' --eigenvalues c.tsv "$O/oblique.tsv" > /dev/null
	svy factor -q -c '*' --eigenvalues plain.tsv "$O/oblique.tsv" > /dev/null
	cmp a.tsv b.tsv
	run cmp -s a.tsv c.tsv
	assert_failure
	run diff plain.tsv <(cut -f1-4 a.tsv)
	assert_success
}

@test "--parallel: bad usage" {
	run svy factor -q --parallel 5 -c '*' "$O/oblique.tsv"
	assert_failure 2
	assert_line --index 0 "svy-factor: --parallel needs --summary or --eigenvalues (it writes there)"
	run svy factor -q --parallel 0 -c '*' --eigenvalues e.tsv "$O/oblique.tsv"
	assert_failure 2
	assert_line --index 0 "svy-factor: option '--parallel': '0' is not a whole number from 1 to 100000"
	run svy factor -q --parallel 5 --seed -1 -c '*' --eigenvalues e.tsv "$O/oblique.tsv"
	assert_failure 2
	assert_line --index 0 "svy-factor: option '--seed': '-1' is not a whole number from 0 to 9223372036854775807"
}

# cor_agree GOT WANT TOL: two correlation-matrix files, cell by cell.
cor_agree() {
	run compare_numeric "$1" "$2" "$3"
	[ "$status" -eq 0 ] || fail "$output"
	[ "$(wc -l < "$1")" -gt 2 ] || fail "$1 is too short"
}

@test "--cor polychoric / tetrachoric: psych polychoric() and tetrachoric() with their defaults" {
	while IFS='|' read -r name cor cols input note; do
		svy factor --cor "$cor" -c "$cols" --correlations r.tsv --summary s.tsv \
			"$input" > /dev/null 2> err
		cor_agree r.tsv "$O/$name.cor.tsv" 1e-9
		[ "$(stat s.tsv correlation)" = "$cor" ]
		if [ -n "$note" ]; then
			grep -qF "$note" err || fail "$name: $(cat err)"
		fi
	done <<EOF
likert3-poly|polychoric|*|$F/likert3.tsv|
one-poly|polychoric|attack_*,method_*|$F/one.tsv|svy-factor: the polychoric matrix was not positive definite: smoothed as psych cor.smooth does
uneven-poly|polychoric|*|$O/uneven.tsv|svy-factor: polychoric: 15 pairs of items had empty cells, set to 0.5 / n (psych's correct = 0.5)
binary-tetra|tetrachoric|*|$O/binary.tsv|
small-poly|polychoric|*|$O/small.tsv|svy-factor: the polychoric matrix was not positive definite: smoothed as psych cor.smooth does
EOF
	svy factor -q --cor polychoric -c '*' --summary s.tsv "$O/uneven.tsv" > /dev/null
	[ "$(stat s.tsv polychoric_global)" = 0 ]
	[ "$(stat s.tsv polychoric_corrected_pairs)" = 15 ]
	svy factor -q --cor polychoric -c '*' --summary s.tsv "$O/small.tsv" > /dev/null
	[ "$(stat s.tsv polychoric_smoothed)" = 1 ]
}

@test "--cor polychoric: fa(x, k, cor = \"poly\"), weights for the observed items' z-scores" {
	while IFS='|' read -r name cor k cols input; do
		svy factor -q --cor "$cor" -k "$k" -c "$cols" --summary s.tsv "$input" > model.tsv
		model_agree model.tsv "$O/$name.model.tsv" 1e-5
		stats_agree s.tsv "$O/$name.summary.tsv" 1e-5
	done <<EOF
likert3-poly|polychoric|3|*|$F/likert3.tsv
one-poly|polychoric|1|attack_*,method_*|$F/one.tsv
binary-tetra|tetrachoric|3|*|$O/binary.tsv
EOF
	# --cor pearson is the default, and writes no correlation rows
	svy factor -q -k 3 -c '*' --summary a.tsv "$F/likert3.tsv" > a.model
	svy factor -q -k 3 --cor pearson -c '*' --summary b.tsv "$F/likert3.tsv" > b.model
	cmp a.model b.model
	cmp a.tsv b.tsv
	run grep -c '^correlation\|^polychoric' a.tsv
	assert_output 0
}

@test "--cor: bad data and usage" {
	printf 'a\tb\tc\n1\t2\t3\n2\t1.5\t3\n3\t3\t1\n1\t2\t2\n2\t3\t1\n' > frac.tsv
	run svy factor -q --cor polychoric -c '*' frac.tsv
	assert_failure 1
	assert_output "svy-factor: frac.tsv: column 'b': --cor polychoric needs whole-number answer codes (got '1.5')"
	printf 'a\tb\tc\n1\t2\t3\n2\t10\t3\n3\t3\t1\n1\t2\t2\n2\t3\t1\n' > wide.tsv
	run svy factor -q --cor polychoric -c '*' wide.tsv
	assert_failure 1
	assert_output "svy-factor: wide.tsv: --cor polychoric: the items take more than 8 values from the smallest to the largest (psych's max.cat): not ordered categories"
	run svy factor -q --cor tetrachoric -c '*' "$F/likert3.tsv"
	assert_failure 1
	assert_output --partial "--cor tetrachoric: the items take more than two values (use --cor polychoric)"
	run svy factor -q --cor spearman -c '*' "$F/likert3.tsv"
	assert_failure 2
	assert_line --index 0 "svy-factor: option '--cor': 'spearman' is not one of: pearson, polychoric, tetrachoric"
	run svy factor -q --cor polychoric --parallel 5 --eigenvalues e.tsv -c '*' "$F/likert3.tsv"
	assert_failure 2
	assert_line --index 0 "svy-factor: --parallel simulates Pearson correlations: use it without --cor"
}

@test "--rotate-starts: random starts find a lower geomin criterion than psych's identity start" {
	svy factor -q -k 8 --rotate geomin -c '*' --summary one.tsv "$O/bfi.tsv" > one.model
	svy factor -k 8 --rotate geomin --rotate-starts 30 -c '*' --summary s.tsv \
		"$O/bfi.tsv" > model.tsv 2> err
	awk -v a="$(stat s.tsv rotation_criterion)" -v b="$(stat one.tsv rotation_criterion)" \
		'BEGIN { exit !(a < b - 1e-4) }' || fail "$(stat s.tsv rotation_criterion)"
	# the runs that converged (in 1000 steps), and those at the best
	[ "$(stat s.tsv rotation_starts)" -le 30 ]
	[ "$(stat s.tsv rotation_starts)" -ge 20 ]
	[ "$(stat s.tsv rotation_starts_at_best)" -ge 1 ]
	[ "$(stat s.tsv rotation_starts_at_best)" -lt "$(stat s.tsv rotation_starts)" ]
	# the criterion is geomin's of the written pattern loadings (delta 0.01)
	run awk -F'\t' 'NR > 1 { s = 0; for (j = 2; j <= 9; j++) s += log($j * $j + 0.01)
		f += exp(s / 8) } END { printf "%.12f\n", f }' model.tsv
	assert_output "$(awk -v c="$(stat s.tsv rotation_criterion)" 'BEGIN { printf "%.12f\n", c }')"
	# one start is the default, byte for byte
	svy factor -q -k 8 --rotate geomin --rotate-starts 1 -c '*' --summary one1.tsv \
		"$O/bfi.tsv" > one1.model
	cmp one.model one1.model
	cmp one.tsv one1.tsv
	# oblimin on bfi: every start reaches the identity start's minimum
	svy factor -q -k 5 --rotate-starts 10 -c '*' --summary o.tsv "$O/bfi.tsv" > o.model
	[ "$(stat o.tsv rotation_starts_at_best)" = 10 ]
	model_agree o.model "$O/bfi-oblimin.model.tsv" 1e-5
}

# issue 21 item 25: omega of a model that is not identified printed numbers
# with exit 0; a Heywood case inside omega's fit went unsaid.
@test "--omega-factors: an unidentified model is an error, a Heywood fit is named" {
	while IFS='|' read -r n code want; do
		run --separate-stderr svy factor -q --omega-factors "$n" -c '*' --summary s.tsv "$O/oblique.tsv"
		[ "$status" = "$code" ] || fail "$n: status $status: $stderr"
		[ -n "$want" ] || continue
		[ "$stderr" = "$want" ] || fail "$n: '$stderr'"
		[ ! -e s.tsv ] || fail "$n: a summary was written"
	done <<-'EOF2'
	14|1|svy-factor: --omega: 14 group factors of 15 items are not identified (model df -14 < 0): give fewer with --omega-factors
	12|1|svy-factor: --omega: 12 group factors of 15 items are not identified (model df -9 < 0): give fewer with --omega-factors
	11|1|svy-factor: --omega: 11 group factors of 15 items are not identified (model df -5 < 0): give fewer with --omega-factors
	10|0|
	9|0|
	EOF2
	run --separate-stderr svy factor -q --omega-factors 8 -c '*' --summary s.tsv "$O/oblique.tsv"
	assert_success
	[ "$stderr" = "svy-factor: --omega: item 'b1': Heywood case in the 8-factor fit of omega (communality 0.995786): omega rests on an improper fit
svy-factor: --omega: item 'c5': Heywood case in the 8-factor fit of omega (communality 0.995107): omega rests on an improper fit" ] || fail "$stderr"
	[ "$(stat s.tsv omega_heywood)" = 2 ]
	svy factor -q --omega -c '*' --summary s.tsv "$O/oblique.tsv" > /dev/null
	run cut -f1 s.tsv
	refute_line omega_heywood
}
