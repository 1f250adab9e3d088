#!/usr/bin/env bats
# svy tally: counts and shares of levels; mean and sd per group.
# Expected values: test/data/tally/make-expected.sh (pandas value_counts,
# groupby mean and std, via expected.py); input: make-inputs.py.

load test_helper

D="$TESTDATA/tally"

@test "long form: column, level, n, share of the answered; numeric levels in numeric order, text in byte order" {
	svy tally 'method_*' education < "$D/survey.tsv" > out 2> err
	compare_numeric out "$D/long.tsv" 1e-12
	assert_equal "$(cat err)" "svy-tally: read 40 rows, 4 columns, 3 missing values (left out of the shares)"
}

@test "--wide: one row per column, n answered and share_LEVEL for every level (the input of cluster)" {
	svy tally -q --wide 'method_*' < "$D/survey.tsv" > out
	compare_numeric out "$D/wide.tsv" 1e-12
	# shares of a row add up to 1
	tail -n +2 out | awk -F'\t' '{ s = $3 + $4 + $5; if (s < 1 - 1e-12 || s > 1 + 1e-12) exit 1 }'
}

@test "--wide output clusters with svy cluster" {
	svy tally -q --wide 'method_*' < "$D/survey.tsv" | svy cluster -q -c 'share_*' --k 2 > out
	[ "$(head -1 out)" = "$(printf 'column\tn\tshare_0\tshare_1\tshare_2\tcluster')" ]
	[ "$(wc -l < out)" -eq 4 ]
}

@test "--multiple: one row per option answered 1, share of those who answered" {
	svy tally -q --multiple 'field_*' < "$D/survey.tsv" > out
	compare_numeric out "$D/multiple.tsv" 1e-12
}

@test "--by GROUP: mean and sd (n - 1) of a numeric column per level, as pandas groupby" {
	svy tally -q --by education awareness < "$D/survey.tsv" > out
	compare_numeric out "$D/by.tsv" 1e-12
}

@test "--ddof 0: numpy's standard deviation" {
	svy tally -q --ddof 0 --by education awareness < "$D/survey.tsv" > out
	compare_numeric out "$D/by-ddof0.tsv" 1e-12
}

@test "--by with --multiple: each option a group, a respondent in every group they name" {
	svy tally -q --multiple --by 'field_*' awareness < "$D/survey.tsv" > out
	compare_numeric out "$D/by-multiple.tsv" 1e-12
	# groups overlap: the n add up to more than the 38 respondents with a score
	[ "$(tail -n +2 out | awk -F'\t' '{ s += $4 } END { print s }')" -gt 38 ]
}

@test "--levels fixes the order, unseen levels get n 0; --labels names them" {
	run svy tally -q --levels 2,1,0,3 --labels implemented,familiar,none,other method_dp -i "$D/survey.tsv"
	assert_success
	assert_output - <<-'EOT'
	column	level	n	share
	method_dp	implemented	3	0.07692307692307693
	method_dp	familiar	9	0.23076923076923078
	method_dp	none	27	0.6923076923076923
	method_dp	other	0	0
	EOT
	run svy tally -q -w -l 0,1,2 --labels no,yes,impl 'method_*' -i "$D/survey.tsv"
	assert_line --index 0 "column	n	share_no	share_yes	share_impl"
}

@test "--codebook: levels in the order of each column's scale; columns without one in default order" {
	run svy tally -q --codebook "$D/codebook.tsv" method_dp method_smoothing -i "$D/survey.tsv"
	assert_success
	assert_output - <<-'EOT'
	column	level	n	share
	method_dp	2	3	0.07692307692307693
	method_dp	1	9	0.23076923076923078
	method_dp	0	27	0.6923076923076923
	method_smoothing	0	15	0.375
	method_smoothing	1	20	0.5
	method_smoothing	2	5	0.125
	EOT
	run svy tally -q -w --codebook "$D/codebook.tsv" method_sanitization method_dp -i "$D/survey.tsv"
	assert_line --index 0 "column	n	share_2	share_1	share_0"
}

@test "--missing: missing values are a level (printed empty) and in the denominator" {
	run svy tally --missing method_dp -i "$D/survey.tsv"
	assert_success
	assert_output - <<-'EOT'
	column	level	n	share
	method_dp	0	27	0.675
	method_dp	1	9	0.225
	method_dp	2	3	0.075
	method_dp		1	0.025
	svy-tally: read 40 rows, 1 column, 1 missing value (counted as a level)
	EOT
	run svy tally -q --missing -w method_dp -i "$D/survey.tsv"
	assert_output - <<-'EOT'
	column	n	share_0	share_1	share_2	share_missing
	method_dp	40	0.675	0.225	0.075	0.025
	EOT
}

@test "values are text: NaN, NA and escaped tabs are levels; --digits rounds shares" {
	printf 'a\nNaN\nNA\nNA\nx\\ty\n' > in.tsv
	run svy tally -q --digits 3 a -i in.tsv
	assert_output - <<-'EOT'
	column	level	n	share
	a	NA	2	0.5
	a	NaN	1	0.25
	a	x\ty	1	0.25
	EOT
}

@test "groups with too few values: empty mean or sd, said on stderr" {
	printf 'g\tv\nx\t1\ny\t\ny\t2\nz\t3\nz\t5\n' > in.tsv
	run svy tally --by g v -i in.tsv
	assert_success
	assert_output - <<-'EOT'
	column	level	variable	n	mean	sd
	g	x	v	1	1	
	g	y	v	1	2	
	g	z	v	2	4	1.4142135623730951
	svy-tally: 2 sd left empty: n <= ddof (1)
	svy-tally: read 5 rows, 1 column, 0 missing values in the groups
	EOT
	printf 'g\tv\nx\t\nz\t3\n' > in.tsv
	run svy tally -q --ddof 0 --by g v -i in.tsv
	assert_line --index 1 "g	x	v	0		"
	assert_line --index 3 "svy-tally: 1 mean left empty: no value in the group"
}

@test "bad input and usage: exact messages and exit status" {
	while IFS='|' read -r input args want message; do
		printf "$input" > in.tsv
		cp "$D/codebook.tsv" cb.tsv
		run svy tally $args -i in.tsv
		[ "$status" = "$want" ] || fail "'$input' $args: exit $status, want $want"
		[ "${lines[0]}" = "$message" ] || fail "'$input' $args: got '${lines[0]}', want '$message'"
	done <<-'EOT'
	|a|1|svy-tally: in.tsv: empty input: no header row
	a\tb\n|a|1|svy-tally: in.tsv: no data rows, only a header
	a\tb\n1\t2\n3\n|a|1|svy-tally: in.tsv:3: row has 1 field, header has 2
	a\tb\n1\t2\n|c|2|svy-tally: in.tsv: no column 'c'; the columns are 'a', 'b'
	a\ta\nx\t1\n|a|1|svy-tally: in.tsv:1: column 'a': header has this name twice (fields 1 and 2)
	a\tb\n1\t1\n2\t1\n|-m a|1|svy-tally: in.tsv:3: column 'a': a multiple-choice column takes 0 or 1 (got '2')
	a\tb\nx\t1\n|-l y a|1|svy-tally: in.tsv: column 'a': level not in --levels (got 'x')
	a\tb\nx\tNaN\n|--by a b|1|svy-tally: in.tsv:2: column 'b': not a finite number (got 'NaN')
	a\tb\nx\tone\n|--by a b|1|svy-tally: in.tsv:2: column 'b': not a number (got 'one')
	a\tb\nx\t1\n|--by z b|2|svy-tally: in.tsv: no column 'z'; the columns are 'a', 'b'
	a\tb\nx\t1\n|--by a|2|svy-tally: no VARIABLE: give the numeric columns to describe
	a\tb\nx\t1\n||2|svy-tally: no COLUMN: give the columns to tally
	a\tb\nx\t1\n|-w -m a|2|svy-tally: --wide and --multiple do not go together: --wide already gives each 0/1 column's share_1
	a\tb\nx\t1\n|-w --by a b|2|svy-tally: --wide and --by do not go together
	a\tb\nx\t1\n|--missing --by a b|2|svy-tally: --missing counts levels; with --by, rows with a missing group or value are left out
	a\tb\nx\t1\n|--labels p a|2|svy-tally: --labels needs --levels with as many entries (1 labels, 0 levels)
	a\tb\nx\t1\n|-l x,x a|2|svy-tally: option '--levels': 'x' given twice
	a\tb\nx\t1\n|-l x,,y a|2|svy-tally: option '--levels': empty item in 'x,,y'
	a\tb\nx\t1\n|-m -l 0,1 a|2|svy-tally: --multiple columns have the levels 0 and 1: no --levels
	a\tb\nx\t1\n|-l x --codebook cb.tsv a|2|svy-tally: give the level order with --levels or --codebook, not both
	method_dp\tb\n3\t1\n|--codebook cb.tsv method_dp|1|svy-tally: in.tsv: column 'method_dp': level not in the codebook's scale @fam (got '3')
	a\tb\nx\t1\n|--codebook /nonexistent a|1|svy-tally: codebook /nonexistent: No such file or directory
	a\tb\nx\t1\n|--ddof -1 --by a b|2|svy-tally: option '--ddof': '-1' is not a whole number from 0 to 1000
	EOT
}

@test "--input FILE or standard input; CRLF line ends are read; a FILE that cannot be opened is an error" {
	svy tally -q education < "$D/survey.tsv" > a
	svy tally -q -i "$D/survey.tsv" education | cmp - a
	sed 's/$/\r/' "$D/survey.tsv" | svy tally -q education | cmp - a
	run svy tally -i no-such-file.tsv a
	assert_failure 1
	assert_output "svy-tally: no-such-file.tsv: No such file or directory"
}
