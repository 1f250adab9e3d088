#!/usr/bin/env bats
# svy kappa: Cohen's kappa of two coders, Krippendorff's alpha of several.
# Expected values: test/data/kappa/make-expected.sh (scikit-learn
# cohen_kappa_score via test/refs/ref.py; psych::cohen.kappa via
# kappa.R; statsmodels cohens_kappa; Krippendorff's alpha by definition,
# alpha.py); inputs: make-inputs.py and fixtures/coders.tsv.

load test_helper

D="$TESTDATA/kappa"

# col FILE NAME: the value of column NAME in the first data row of FILE
col() { awk -F'\t' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { print $k; exit }' "$1"; }
# row FILE KEY NAME: column NAME of the row whose first field is KEY
row() { awk -F'\t' -v key="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } $1 == key { print $k }' "$1"; }

@test "two coders of free-text answers: sklearn's and psych's kappa, psych's se and interval" {
	svy kappa -c coder_a,coder_b < "$FIXTURES/coders.tsv" > out 2> err
	[ "$(head -1 out)" = "$(printf 'rater_a\trater_b\tweights\tn\tcategories\tobserved\texpected\tkappa\tse\tci_lower\tci_upper')" ]
	[ "$(col out n)" = 39 ]
	[ "$(col out categories)" = 7 ]
	numeq "$(col out kappa)" "$(col "$D/coders.sklearn" kappa)" 1e-9
	for c in kappa se ci_lower ci_upper; do
		numeq "$(col out $c)" "$(col "$D/coders.psych" $c)" 1e-9 || fail "$c: $(col out $c)"
	done
	# observed agreement: 36 of 39 pairs agree
	numeq "$(col out observed)" "$(echo 'scale=20; 36/39' | bc)" 1e-12
	# expected agreement from the margins: kappa = (po - pe) / (1 - pe)
	numeq "$(col out kappa)" "$(awk -v o="$(col out observed)" -v e="$(col out expected)" 'BEGIN { printf "%.17g", (o - e) / (1 - e) }')" 1e-12
	assert_equal "$(cat err)" "svy-kappa: the confidence interval was clipped to [-1, 1] (as psych does)
svy-kappa: read 40 rows, used 39 (1 with a missing code left out), 7 codes in the scale"
}

@test "ordinal ratings, --weights none|linear|quadratic: sklearn's kappa, psych's se and interval" {
	for w in none linear quadratic; do
		svy kappa -q --weights $w -c r1,r2 < "$D/ordinal.tsv" > out
		[ "$(col out n)" = 57 ] && [ "$(col out weights)" = $w ]
		numeq "$(col out kappa)" "$(col "$D/ordinal.sklearn.$w" kappa)" 1e-9 || fail "$w kappa"
		for c in kappa se ci_lower ci_upper; do
			numeq "$(col out $c)" "$(col "$D/ordinal.psych.$w" $c)" 1e-9 || fail "$w $c: $(col out $c)"
		done
	done
}

@test "--se fce: the Fleiss-Cohen-Everitt formula as printed, as statsmodels cohens_kappa" {
	for w in none linear quadratic; do
		svy kappa -q --se fce --weights $w -c r1,r2 < "$D/ordinal.tsv" > out
		numeq "$(col out kappa)" "$(row "$D/ordinal.statsmodels" $w kappa)" 1e-9
		numeq "$(col out se)" "$(row "$D/ordinal.statsmodels" $w se)" 1e-9 || fail "$w se $(col out se)"
	done
	# psych's weighted se differs from it; unweighted they agree
	svy kappa -q --se fce --weights linear -c r1,r2 < "$D/ordinal.tsv" > fce
	svy kappa -q --weights linear -c r1,r2 < "$D/ordinal.tsv" > psych
	a=$(col fce se) b=$(col psych se)
	[ -n "$a" ] && [ -n "$b" ] || fail "no se: '$a' '$b'"
	run numeq "$a" "$b" 1e-4
	assert_failure
	svy kappa -q --se fce -c r1,r2 < "$D/ordinal.tsv" > fce
	svy kappa -q -c r1,r2 < "$D/ordinal.tsv" > psych
	numeq "$(col fce se)" "$(col psych se)" 1e-12
}

@test "--levels fixes the scale: an unused code changes the weights as in sklearn labels= and psych levels=" {
	for w in none linear quadratic; do
		run --separate-stderr svy kappa -q -l 1,2,3,4,5,6 --weights $w -c r1,r2 < "$D/ordinal.tsv"
		assert_success
		printf '%s\n' "$output" >out
		printf '%s\n' "$stderr" >err
		[ "$(wc -l <out)" -eq 2 ] || fail "$w: $(cat out)"
		[ "$(col out categories)" = 6 ]
		numeq "$(col out kappa)" "$(row "$D/ordinal6.sklearn" $w kappa)" 1e-9 || fail "$w kappa"
		for c in se ci_lower ci_upper; do
			numeq "$(col out $c)" "$(col "$D/ordinal6.psych.$w" $c)" 1e-9 || fail "$w $c: $(col out $c)"
		done
	done
	# psych's variance comes out negative here: se 0, said on stderr
	assert_equal "$(cat err)" "svy-kappa: the variance formula gave a negative value: se set to 0 (as psych does); --se fce may give a usable one"
}

@test "--conf-level changes the interval: kappa -+ z se" {
	svy kappa -q --conf-level 0.9 -c r1,r2 < "$D/ordinal.tsv" > out
	k=$(col out kappa) s=$(col out se)
	numeq "$(col out ci_lower)" "$(awk -v k="$k" -v s="$s" 'BEGIN { printf "%.17g", k - 1.6448536269514722 * s }')" 1e-12
	numeq "$(col out ci_upper)" "$(awk -v k="$k" -v s="$s" 'BEGIN { printf "%.17g", k + 1.6448536269514722 * s }')" 1e-12
}

@test "codes are strings: 'NaN' and 'NA' are codes; order of columns swaps the table, not kappa" {
	printf 'a\tb\nNaN\tNaN\nNA\tNA\nNaN\tNA\nx\tx\n' > in.tsv
	run svy kappa -q -i in.tsv -c a,b
	assert_success
	assert_line --index 1 --regexp '^a	b	none	4	3	0\.75	'
	svy kappa -q -i in.tsv -c a,b | cut -f4- > ab
	svy kappa -q -i in.tsv -c b,a | cut -f4- > ba
	compare_numeric ab ba 1e-15
}

@test "Krippendorff's alpha, 4 observers with missing values: the published example" {
	# Krippendorff (2011): nominal .743, ordinal .815, interval .849, ratio .797
	for m in nominal ordinal interval ratio; do
		svy kappa -q --krippendorff --metric $m -c 'obs_*' < "$D/reliability.tsv" > out
		[ "$(col out columns)" = obs_a,obs_b,obs_c,obs_d ] && [ "$(col out coders)" = 4 ]
		[ "$(col out units)" = 11 ] && [ "$(col out n)" = 40 ]
		for c in observed expected alpha; do
			numeq "$(col out $c)" "$(col "$D/reliability.$m" $c)" 1e-12 || fail "$m $c: $(col out $c)"
		done
	done
	run svy kappa -K -i "$D/reliability.tsv" -c obs_a,obs_b,obs_c,obs_d
	assert_line --index 0 "columns	metric	coders	units	n	observed	expected	alpha"
	assert_line --index 2 "svy-kappa: read 12 rows, 11 units pairable (1 with fewer than two codes left out), 5 codes in the scale"
	[ "$(printf '%.3f' "$(echo "${lines[1]}" | cut -f8)")" = 0.743 ]
}

@test "Krippendorff's nominal alpha of two coders of free text, one code missing" {
	svy kappa -q -K -c coder_a,coder_b < "$FIXTURES/coders.tsv" > out
	[ "$(col out units)" = 39 ] && [ "$(col out n)" = 78 ]
	for c in observed expected alpha; do
		numeq "$(col out $c)" "$(col "$D/coders.alpha" $c)" 1e-12 || fail "$c: $(col out $c)"
	done
}

@test "bad input and usage: exact messages and exit status" {
	while IFS='|' read -r input args want message; do
		printf "$input" > in.tsv
		run svy kappa $args -i in.tsv
		[ "$status" = "$want" ] || fail "'$input' $args: exit $status, want $want"
		[ "${lines[0]}" = "$message" ] || fail "'$input' $args: got '${lines[0]}', want '$message'"
	done <<-'EOT'
	|-c a,b|1|svy-kappa: in.tsv: empty input: no header row
	a\tb\n|-c a,b|1|svy-kappa: in.tsv: kappa needs 2 or more rows with both codes, got 0
	a\tb\nx\ty\n\tz\n|-c a,b|1|svy-kappa: in.tsv: kappa needs 2 or more rows with both codes, got 1
	a\tb\nx\tx\nx\tx\n|-c a,b|1|svy-kappa: in.tsv: kappa is undefined: both coders used one code only (got 'x')
	a\tb\nx\ty\n1\n|-c a,b|1|svy-kappa: in.tsv:3: row has 1 field, header has 2
	a\tb\nx\ty\n|-c a,c|2|svy-kappa: in.tsv: no column 'c'; the columns are 'a', 'b'
	a\ta\nx\ty\n|-c a,b|1|svy-kappa: in.tsv:1: column 'a': header has this name twice (fields 1 and 2)
	a\tb\nx\ty\ny\tx\n|-l x -c a,b|1|svy-kappa: in.tsv: code not in --levels (got 'y')
	a\tb\n1\tx\n2\t1\n|-K --metric interval -c a,b|1|svy-kappa: in.tsv: the interval metric needs numeric codes: not a number (got 'x')
	a\tb\n1\tinf\n2\t1\n|-K --metric interval -c a,b|1|svy-kappa: in.tsv: the interval metric needs numeric codes: not a finite number (got 'inf')
	a\tb\n1\t-1\n1\t2\n|-K --metric ratio -c a,b|1|svy-kappa: in.tsv: the ratio metric needs codes of 0 or more (got '-1')
	a\tb\n1\t\n\t1\n|-K -c a,b|1|svy-kappa: in.tsv: alpha is undefined: no row has codes from two coders
	a\tb\n1\t1\n1\t1\n|-K -c a,b|1|svy-kappa: in.tsv: alpha is undefined: the pairable codes do not vary (expected disagreement 0)
	a\tb\n||2|svy-kappa: give the two coders' columns: -c A,B (or --krippendorff -c COLUMN,...)
	a\tb\n|a|2|svy-kappa: give the input once: -i 'in.tsv' or the operand 'a', not both
	a\tb\n|a b|2|svy-kappa: too many operands: one input file at most (got 'a' and 'b')
	a\tb\n|-K|2|svy-kappa: --krippendorff needs the coders' columns: -c COLUMN,...
	a\tb\n1\t2\n|-K -c a|2|svy-kappa: --krippendorff needs two or more columns, got 'a' only
	a\tb\n|--weights cubic -c a,b|2|svy-kappa: option '--weights': 'cubic' is not one of: none, linear, quadratic
	a\tb\n|-K --weights linear -c a,b|2|svy-kappa: --weights is for Cohen's kappa; Krippendorff's alpha takes --metric
	a\tb\n|-K --metric fuzzy -c a,b|2|svy-kappa: option '--metric': 'fuzzy' is not one of: nominal, ordinal, interval, ratio
	a\tb\n|-l x,,y -c a,b|2|svy-kappa: option '--levels': empty item in 'x,,y'
	a\tb\n|-l x,x -c a,b|2|svy-kappa: option '--levels': 'x' given twice
	a\tb\n|-l 1,1.0 -c a,b|2|svy-kappa: option '--levels': '1.0' is 1 again (codes that are numbers are compared by value)
	a\tb\n|-c a a b|2|svy-kappa: too many operands: one input file at most (got 'a' and 'b')
	a\tb\n|-c a,b,a|2|svy-kappa: option '--columns': 'a' given twice
	a\tb\nx\ty\n|-c a|2|svy-kappa: Cohen's kappa needs two columns, --columns gave 1 (Krippendorff's alpha takes more: --krippendorff)
	a\tb\nx\ty\n|-K -c a|2|svy-kappa: --krippendorff needs two or more columns, got 'a' only
	a\tb\nx\ty\n|-m nominal -K -c a,b|2|svy-kappa: unknown option '-m'
	a\tb\nx\ty\n|--max-levels 1 -c a,b|2|svy-kappa: option '--max-levels': '1' is not a whole number from 2 to 5000
	a\tb\nx\ty\nz\tw\n|--max-levels 3 -c a,b|1|svy-kappa: in.tsv:3: 'a', 'b': more than 3 distinct codes (--max-levels: the agreement matrix grows as their square; raise it if these are codes)
	a\tb\nx\ty\ny\tx\n|--max-levels 3 -l x,y,z,w,v -c a,b|1|svy-kappa: in.tsv: --levels lists 5 codes, more than --max-levels 3
	a\tb\n|--se exact -c a,b|2|svy-kappa: option '--se': 'exact' is not one of: psych, fce
	a\tb\n|--conf-level 1.5 -c a,b|2|svy-kappa: option '--conf-level': '1.5' is not a number from 0.5 to 0.999999
	a\tb\nx\ty\n|--max-levels 60000 -c a,b|2|svy-kappa: option '--max-levels': '60000' is not a whole number from 2 to 5000
	a\tb\nx\ty\n|--max-levels 5001 -K -c a,b|2|svy-kappa: option '--max-levels': '5001' is not a whole number from 2 to 5000
	EOT
}

@test "--input FILE or standard input; a FILE that cannot be opened is an error" {
	svy kappa -q -c coder_a,coder_b < "$FIXTURES/coders.tsv" > a
	svy kappa -q -i "$FIXTURES/coders.tsv" -c coder_a,coder_b | cmp - a
	run svy kappa -i no-such-file.tsv -c a,b
	assert_failure 1
	assert_output "svy-kappa: no-such-file.tsv: No such file or directory"
}

@test "the grammar: -c A,B and a trailing FILE, -i FILE, stdin read the same" {
	svy kappa -q -c coder_a,coder_b < "$FIXTURES/coders.tsv" > want
	svy kappa -q -c coder_a,coder_b "$FIXTURES/coders.tsv" | cmp - want
	svy kappa -q -c coder_a -c coder_b "$FIXTURES/coders.tsv" | cmp - want
	svy kappa -q --columns 'coder_*' -i "$FIXTURES/coders.tsv" | cmp - want
	svy kappa -q -c coder_a,coder_b < "$FIXTURES/coders.tsv" | cmp - want
	svy kappa -q -c coder_a,coder_b - < "$FIXTURES/coders.tsv" | cmp - want
	svy kappa -q -K -c coder_a,coder_b < "$FIXTURES/coders.tsv" > want
	svy kappa -q -K -c 'coder_*' "$FIXTURES/coders.tsv" | cmp - want
	svy kappa -q -K --metric nominal -c 'coder_*' "$FIXTURES/coders.tsv" | cmp - want
}

@test "numeric codes are compared by value: 0 = -0, 1 = 1.0 = 1e0 (and in --levels); text codes by bytes" {
	printf 'a\tb\n0\t-0\n1\t1.0\n1e0\t1\n2\t2.00\n0.0\t1\n2\t0\n' >mixed.tsv
	printf 'a\tb\n0\t0\n1\t1\n1\t1\n2\t2\n0\t1\n2\t0\n' >plain.tsv
	svy kappa -q -c a,b <plain.tsv >want
	svy kappa -q -c a,b <mixed.tsv >got
	cmp got want
	[ "$(col got categories)" = 3 ] && [ "$(col got observed)" = "$(col want observed)" ]
	svy kappa -q --weights linear -l 0,1.0,2 -c a,b <mixed.tsv >got
	svy kappa -q --weights linear -l 0,1,2 -c a,b <plain.tsv | cmp - got
	for m in nominal ordinal interval; do
		svy kappa -q -K --metric $m -c a,b <mixed.tsv >got
		svy kappa -q -K --metric $m -c a,b <plain.tsv | cmp - got || fail "$m"
	done
	# text stays text: 'x' and 'X' and ' 1' are codes of their own
	printf 'a\tb\nx\tX\n1\t 1\n' >text.tsv
	run svy kappa -q -i text.tsv -c a,b
	[ "$(printf '%s\n' "$output" >o && col o categories)" = 4 ]
}

@test "the scale's order is tally's: numbers by value, then text (9, 10, x), as if -l 9,10,x" {
	printf 'a\tb\n9\t10\n10\tx\nx\tx\n9\t9\n10\t10\n9\tx\n' >mixed.tsv
	svy kappa -q --weights linear -c a,b <mixed.tsv >got
	svy kappa -q --weights linear -l 9,10,x -c a,b <mixed.tsv >want
	cmp got want
	svy kappa -q --weights linear -l 10,9,x -c a,b <mixed.tsv >other
	[ "$(col got kappa)" != "$(col other kappa)" ]
	svy tally -q -c a mixed.tsv | cut -f2 | sed -n '2,$p' | paste -sd, - >order
	[ "$(cat order)" = "9,10,x" ] || fail "$(cat order)"
}

@test "20,000 distinct codes: a named error at once, not 9 GB; --max-levels raises the limit" {
	awk 'BEGIN { print "a\tb"; for (i = 0; i < 20000; i++) print i "\t" (i * 7) % 20000 }' >many.tsv
	run --separate-stderr svy kappa -i many.tsv -c a,b
	assert_failure 1
	[ "$stderr" = "svy-kappa: many.tsv:540: 'a', 'b': more than 1000 distinct codes (--max-levels: the agreement matrix grows as their square; raise it if these are codes)" ] || fail "$stderr"
	run --separate-stderr svy kappa -K -i many.tsv -c a,b
	assert_failure 1
	# within the limit, the matrix is sized by the codes present
	awk 'BEGIN { print "a\tb"; for (i = 0; i < 3000; i++) print i % 1500 "\t" (i * 7) % 1500 }' >k.tsv
	run --separate-stderr svy kappa -q --max-levels 2000 -i k.tsv -c a,b
	assert_success
	[ "$(printf '%s\n' "$output" >o && col o categories)" = 1500 ]
	run --separate-stderr svy kappa -q --max-levels 2000 -K --metric ordinal -i k.tsv -c a,b
	assert_success
}

@test "Krippendorff's interval alpha on codes near 1e200 and 1e-200: the alpha of the same codes near 1" {
	printf 'a\tb\tc\n1\t2\t1\n3\t3\t4\n2\t2\t2\n5\t4\t5\n1\t\t2\n' >one.tsv
	svy kappa -q -K --metric interval -c a,b,c one.tsv >want
	for e in 200 -200 300 -300; do
		awk -F'\t' -v e="$e" 'NR == 1 { print; next } { for (i = 1; i <= NF; i++) printf "%s%s", (i > 1 ? "\t" : ""), ($i == "" ? "" : $i "e" e); print "" }' one.tsv >s.tsv
		run --separate-stderr svy kappa -q -K --metric interval -c a,b,c s.tsv
		assert_success
		printf '%s\n' "$output" >got
		numeq "$(col got alpha)" "$(col want alpha)" 1e-12 || fail "1e$e: alpha $(col got alpha), want $(col want alpha)"
		! grep -qi 'inf\|nan' got || fail "1e$e: $(cat got)"
		run --separate-stderr svy kappa -q -K --metric ratio -c a,b,c s.tsv
		assert_success
	done
	# 1e200: the disagreements (1e400) cannot be written: empty, said on stderr
	awk -F'\t' 'NR == 1 { print; next } { for (i = 1; i <= NF; i++) printf "%s%s", (i > 1 ? "\t" : ""), ($i == "" ? "" : $i "e200"); print "" }' one.tsv >big.tsv
	run --separate-stderr svy kappa -q -K --metric interval -c a,b,c big.tsv
	[ "$(printf '%s\n' "$output" >o && col o observed)" = "" ]
	[ "$stderr" = "svy-kappa: the observed and expected disagreements are beyond the range of numbers (squared differences of codes up to 1.8e308): written empty; alpha, their ratio, is right" ] || fail "$stderr"
	# 1e100: the disagreements are 1e200, written
	awk -F'\t' 'NR == 1 { print; next } { for (i = 1; i <= NF; i++) printf "%s%s", (i > 1 ? "\t" : ""), ($i == "" ? "" : $i "e100"); print "" }' one.tsv >mid.tsv
	svy kappa -q -K --metric interval -c a,b,c mid.tsv >o
	numeq "$(col o observed)" "$(awk -v x="$(col want observed)" 'BEGIN { printf "%.17g", x * 1e200 }')" 1e-12 || fail "$(cat o)"
}
