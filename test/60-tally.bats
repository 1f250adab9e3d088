#!/usr/bin/env bats
# svy tally: counts and shares of levels; statistics per group; crosstabs.
# Expected values: test/data/tally/make-expected.sh (pandas value_counts,
# groupby mean, std and quantiles, crosstab; scipy chi2_contingency and
# association, via expected.py); input: make-inputs.py.

load test_helper

D="$TESTDATA/tally"

@test "long form: column, level, n, share of the answered; numeric levels in numeric order, text in byte order" {
	svy tally -c 'method_*',education < "$D/survey.tsv" > out 2> err
	compare_numeric out "$D/long.tsv" 1e-12
	assert_equal "$(cat err)" "svy-tally: read 40 rows, 4 columns, 3 missing values (left out of the shares)"
}

@test "--wide: one row per column, n answered and share_LEVEL for every level (the input of cluster)" {
	svy tally -q --wide -c 'method_*' < "$D/survey.tsv" > out
	compare_numeric out "$D/wide.tsv" 1e-12
	# shares of a row add up to 1
	tail -n +2 out | awk -F'\t' '{ s = $3 + $4 + $5; if (s < 1 - 1e-12 || s > 1 + 1e-12) exit 1 }'
}

@test "--wide output clusters with svy cluster" {
	svy tally -q --wide -c 'method_*' < "$D/survey.tsv" | svy cluster -q -c 'share_*' --k 2 > out
	[ "$(head -1 out)" = "$(printf 'column\tn\tshare_0\tshare_1\tshare_2\tcluster')" ]
	[ "$(wc -l < out)" -eq 4 ]
}

@test "--multiple: one row per option answered 1, share of those who answered" {
	svy tally -q --multiple -c 'field_*' < "$D/survey.tsv" > out
	compare_numeric out "$D/multiple.tsv" 1e-12
}

@test "--by GROUP: mean and sd (n - 1) of a numeric column per level, as pandas groupby" {
	svy tally -q --by education -c awareness < "$D/survey.tsv" > out
	compare_numeric out "$D/by.tsv" 1e-12
}

@test "--ddof 0: numpy's standard deviation" {
	svy tally -q --ddof 0 --by education -c awareness < "$D/survey.tsv" > out
	compare_numeric out "$D/by-ddof0.tsv" 1e-12
}

@test "--by with --multiple: each option a group, a respondent in every group they name" {
	svy tally -q --multiple --by 'field_*' -c awareness < "$D/survey.tsv" > out
	compare_numeric out "$D/by-multiple.tsv" 1e-12
	# groups overlap: the n add up to more than the 38 respondents with a score
	[ "$(tail -n +2 out | awk -F'\t' '{ s += $4 } END { print s }')" -gt 38 ]
}

@test "--levels fixes the order, unseen levels get n 0; --labels names them" {
	run svy tally -q --levels 2,1,0,3 --labels implemented,familiar,none,other -i "$D/survey.tsv" -c method_dp
	assert_success
	assert_output - <<-'EOT'
	column	level	n	share
	method_dp	implemented	3	0.07692307692307693
	method_dp	familiar	9	0.23076923076923078
	method_dp	none	27	0.6923076923076923
	method_dp	other	0	0
	EOT
	run svy tally -q --wide -l 0,1,2 --labels no,yes,impl -i "$D/survey.tsv" -c 'method_*'
	assert_line --index 0 "column	n	share_no	share_yes	share_impl"
}

@test "--codebook: levels in the order of each column's scale; columns without one in default order" {
	run svy tally -q --codebook "$D/codebook.tsv" -i "$D/survey.tsv" -c method_dp,method_smoothing
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
	run svy tally -q --wide --codebook "$D/codebook.tsv" -i "$D/survey.tsv" -c method_sanitization,method_dp
	assert_line --index 0 "column	n	share_2	share_1	share_0"
}

@test "--missing: missing values are a level (printed empty) and in the denominator" {
	run svy tally --missing -i "$D/survey.tsv" -c method_dp
	assert_success
	assert_output - <<-'EOT'
	column	level	n	share
	method_dp	0	27	0.675
	method_dp	1	9	0.225
	method_dp	2	3	0.075
	method_dp		1	0.025
	svy-tally: read 40 rows, 1 column, 1 missing value (counted as a level)
	EOT
	run svy tally -q --missing --wide -i "$D/survey.tsv" -c method_dp
	assert_output - <<-'EOT'
	column	n	share_0	share_1	share_2	share_missing
	method_dp	40	0.675	0.225	0.075	0.025
	EOT
}

@test "values are text: NaN, NA and escaped tabs are levels; --digits rounds shares" {
	printf 'a\nNaN\nNA\nNA\nx\\ty\n' > in.tsv
	run svy tally -q --digits 3 -i in.tsv -c a
	assert_output - <<-'EOT'
	column	level	n	share
	a	NA	2	0.5
	a	NaN	1	0.25
	a	x\ty	1	0.25
	EOT
}

@test "groups with too few values: empty mean or sd, said on stderr" {
	printf 'g\tv\nx\t1\ny\t\ny\t2\nz\t3\nz\t5\n' > in.tsv
	run svy tally --by g -i in.tsv -c v
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
	run svy tally -q --ddof 0 --by g -i in.tsv -c v
	assert_line --index 1 "g	x	v	0		"
	assert_line --index 3 "svy-tally: 1 group with no value: statistics left empty"
}

@test "bad input and usage: exact messages and exit status" {
	while IFS='|' read -r input args want message; do
		printf "$input" > in.tsv
		cp "$D/codebook.tsv" cb.tsv
		run svy tally $args -i in.tsv
		[ "$status" = "$want" ] || fail "'$input' $args: exit $status, want $want"
		[ "${lines[0]}" = "$message" ] || fail "'$input' $args: got '${lines[0]}', want '$message'"
	done <<-'EOT'
	|-c a|1|svy-tally: in.tsv: empty input: no header row
	a\tb\n|-c a|1|svy-tally: in.tsv: no data rows, only a header
	a\tb\n1\t2\n3\n|-c a|1|svy-tally: in.tsv:3: row has 1 field, header has 2
	a\tb\n1\t2\n|-c c|2|svy-tally: in.tsv: no column 'c'; the columns are 'a', 'b'
	a\ta\nx\t1\n|-c a|1|svy-tally: in.tsv:1: column 'a': header has this name twice (fields 1 and 2)
	a\tb\n1\t1\n2\t1\n|--multiple -c a|1|svy-tally: in.tsv:3: column 'a': a multiple-choice column takes 0 or 1 (got '2')
	a\tb\nx\t1\n|-l y -c a|1|svy-tally: in.tsv: column 'a': level not in --levels; the column's values are 'x' (got 'x')
	g\tb\nfemale\t1\nmale\t1\n\t1\n|-l female,mal -c g|1|svy-tally: in.tsv: column 'g': level not in --levels; the column's values are 'female', 'male' (got 'male')
	a\tb\nv01\t1\nv02\t1\nv03\t1\nv04\t1\nv05\t1\nv06\t1\nv07\t1\nv08\t1\nv09\t1\nv10\t1\nv11\t1\nv12\t1\nv13\t1\nv14\t1\nv15\t1\nv16\t1\nv17\t1\nv18\t1\nv19\t1\nv20\t1\nv21\t1\nv22\t1\nv23\t1\nv24\t1\nv25\t1\n|-l x -c a|1|svy-tally: in.tsv: column 'a': level not in --levels; the column's values are 'v01', 'v02', 'v03', 'v04', 'v05', 'v06', 'v07', 'v08', 'v09', 'v10', 'v11', 'v12', 'v13', 'v14', 'v15', 'v16', 'v17', 'v18', 'v19', 'v20' and 5 more (got 'v01')
	g\tb\nfemale\t1\nmale\t1\n|-l female,mal --cross g,b|2|svy-tally: --cross orders levels by value or by --codebook, not --levels
	a\tb\nx\tNaN\n|--by a -c b|1|svy-tally: in.tsv:2: column 'b': not a finite number (got 'NaN')
	a\tb\nx\tone\n|--by a -c b|1|svy-tally: in.tsv:2: column 'b': not a number (got 'one')
	a\tb\nx\t1\n|--by z -c b|2|svy-tally: in.tsv: no column 'z'; the columns are 'a', 'b'
	a\tb\nx\t1\n|--by a|2|svy-tally: no VARIABLE: give the numeric columns to describe with -c
	a\tb\nx\t1\n||2|svy-tally: no COLUMN: give the columns to tally with -c
	a\tb\nx\t1\n|--wide --multiple -c a|2|svy-tally: --wide and --multiple do not go together: --wide already gives each 0/1 column's share_1
	a\tb\nx\t1\n|--wide --by a -c b|2|svy-tally: --wide and --by do not go together
	a\tb\nx\t1\n|--missing --by a -c b|2|svy-tally: --missing counts levels; with --by, rows with a missing group or value are left out
	a\tb\nx\t1\n|--labels p -c a|2|svy-tally: --labels needs --levels with as many entries (1 labels, 0 levels)
	a\tb\nx\t1\n|-l x,x -c a|2|svy-tally: option '--levels': 'x' given twice
	a\tb\nx\t1\n|-l x,,y -c a|2|svy-tally: option '--levels': empty item in 'x,,y'
	a\tb\nx\t1\n|--multiple -l 0,1 -c a|2|svy-tally: --multiple columns have the levels 0 and 1: no --levels
	a\tb\nx\t1\n|-l x --codebook cb.tsv -c a|2|svy-tally: give the level order with --levels or --codebook, not both
	method_dp\tb\n3\t1\n|--codebook cb.tsv -c method_dp|1|svy-tally: in.tsv: column 'method_dp': level not in the codebook's scale @fam; the column's values are '3' (got '3')
	a\tb\nx\t1\n|--codebook /nonexistent -c a|1|svy-tally: codebook /nonexistent: No such file or directory
	a\tb\nx\t1\n|--ddof -1 --by a -c b|2|svy-tally: option '--ddof': '-1' is not a whole number from 0 to 1000
	a\tb\nx\t1\n|--stats n,mode --by a -c b|2|svy-tally: option '--stats': 'mode' is not one of: n, mean, sd, median, q1, q3, iqr, min, max
	a\tb\nx\t1\n|--stats n,n --by a -c b|2|svy-tally: option '--stats': 'n' given twice
	a\tb\nx\t1\n|--stats n -c b|2|svy-tally: --stats goes with --by
	a\tb\nx\t1\n|--cross a|2|svy-tally: --cross takes two columns, ROW,COL (the names match 1)
	a\tb\nx\t1\n|--cross a,a|2|svy-tally: option '--cross': 'a' given twice
	a\tb\nx\t1\n|--cross a --cross a|2|svy-tally: option '--cross': 'a' given twice
	a\tb\nx\t1\n|--cross a,z|2|svy-tally: in.tsv: no column 'z'; the columns are 'a', 'b'
	a\tb\nx\t1\n|--cross a,b --by a|2|svy-tally: --cross does not go with --by, --columns or --multiple
	a\tb\nx\t1\n|--cross a,b -l x|2|svy-tally: --cross orders levels by value or by --codebook, not --levels
	a\tb\nx\t1\n|--chi2 -c a|2|svy-tally: --chi2, --expected and --no-yates go with --cross
	a\tb\nx\t1\n|--cross a,b --chi2 --wide|2|svy-tally: --chi2 writes the test: no --wide or --expected
	a\tb\nx\t1\n|--cross a,b --expected --wide|2|svy-tally: --expected adds a column to the long form: not with --wide
	a\tb\nx\t1\n|--cross a,b --chi2|1|svy-tally: in.tsv: the chi-square test needs 2 or more levels in each column ('a' has 1, 'b' 1)
	n\tb\nx\t1\n|--cross n,b|2|svy-tally: --cross: column 'n' has the name of an output column; rename it
	a\tb\n(all)\t1\n|--cross a,b|1|svy-tally: in.tsv: column 'a': a level has the name of the margins (got '(all)')
	a\tb\nx\t1\ny\t2\nz\t3\n|--max-levels 2 -c a|1|svy-tally: in.tsv:4: column 'a' has more than 2 levels (got 'z')
	a\tb\nx\t1\n|-c a a|2|svy-tally: give the input once: -i 'in.tsv' or the operand 'a', not both
	a\tb\nx\t1\n|-c a -c a|2|svy-tally: option '--columns': 'a' given twice
	a\tb\nx\t1\n|-m a|2|svy-tally: unknown option '-m'
	a\tb\nx\t1\n|-b a -c b|2|svy-tally: unknown option '-b'
	g\tv\na\t1.7e308\na\t-1.7e308\nb\t1\n|-g g -c v|1|svy-tally: in.tsv: column 'v': the sd in group 'a' of 'g' is beyond the range of numbers (about 1.8e308)
	g\tv\na\t1.7e308\na\t-1.7e308\n|-g g -c v --stats n,sd,mean|1|svy-tally: in.tsv: column 'v': the sd in group 'a' of 'g' is beyond the range of numbers (about 1.8e308)
	g\tw\tv\n0\t1\t1.7e308\n1\t1\t-1.7e308\n|--multiple -g g,w -c v|1|svy-tally: in.tsv: column 'v': the sd in group '1' of 'w' is beyond the range of numbers (about 1.8e308)
	EOT
}

@test "-g --stats: finite or a named error, never Inf (the sd of 1.7e308 and -1.7e308 with ddof 1 is 2.4e308)" {
	printf 'g\tv\na\t-1.7e308\na\t1.7e308\nb\t1\nb\t2\n' >in.tsv
	run --separate-stderr svy tally -q -g g -c v --stats n,mean,sd in.tsv
	assert_failure 1
	[ -z "$output" ]
	[ "$stderr" = "svy-tally: in.tsv: column 'v': the sd in group 'a' of 'g' is beyond the range of numbers (about 1.8e308)" ]
	# numpy's sd (ddof 0) of the same is 1.7e308: finite, printed; so are the quartiles
	run --separate-stderr svy tally -q --ddof 0 -g g -c v --stats sd,mean,min,max,iqr in.tsv
	assert_success
	assert_line --index 1 "$(printf 'g\ta\tv\t1.7e+308\t0\t-1.7e+308\t1.7e+308\t1.6999999999999997e+308')"
	run grep -Ei 'inf|nan' <<<"$output"
	assert_failure
}

@test "--input FILE or standard input; CRLF line ends are read; a FILE that cannot be opened is an error" {
	svy tally -q -c education < "$D/survey.tsv" > a
	svy tally -q -i "$D/survey.tsv" -c education | cmp - a
	sed 's/$/\r/' "$D/survey.tsv" | svy tally -q -c education | cmp - a
	run svy tally -i no-such-file.tsv -c a
	assert_failure 1
	assert_output "svy-tally: no-such-file.tsv: No such file or directory"
}

@test "--by --stats: median, quartiles (type 7), IQR, min, max as pandas" {
	svy tally -q -g education --stats n,mean,sd,median,q1,q3,iqr,min,max -i "$D/survey.tsv" -c awareness > out
	compare_numeric out "$D/by-stats.tsv" 1e-12
	run svy tally -q -g education --stats median,n -i "$D/survey.tsv" -c awareness
	assert_line --index 0 "column	level	variable	median	n"
	assert_line --index 1 "education	Bachelor	awareness	0.3886335	14"
}

@test "grammar: -g and --by alike; -c repeatable; the operand is the FILE; -m and -b are gone" {
	svy tally -q --by education -c awareness < "$D/survey.tsv" > a
	svy tally -q -g education -c awareness < "$D/survey.tsv" | cmp - a
	svy tally -q -g education -c awareness "$D/survey.tsv" | cmp - a
	svy tally -q -c 'method_*',education < "$D/survey.tsv" > b
	svy tally -q -c 'method_*' -c education "$D/survey.tsv" | cmp - b
	svy tally -q --columns 'method_*,education' -i "$D/survey.tsv" | cmp - b
	svy tally -q --multiple -c 'field_*' "$D/survey.tsv" > c
	svy tally -q --multiple -c 'field_*' < "$D/survey.tsv" | cmp - c
	# a column as an operand is the input file, not a column
	run svy tally -q education < "$D/survey.tsv"
	assert_failure 2
	assert_line --index 0 "svy-tally: no COLUMN: give the columns to tally with -c"
	run svy tally -q -c awareness education < "$D/survey.tsv"
	assert_failure 1
	assert_output "svy-tally: education: No such file or directory"
	run bash -c "'$BIN/tally' --help | grep -E -- '^  -[mb], '"
	assert_failure
}

@test "levels: numbers by value (1 and 1.0 one level, 0 and -0 one), numbers before text" {
	printf 'a\n10\n9\nx\n1\n1.0\n-0\n0\nNA\n1e1\n' > in.tsv
	run svy tally -q -i in.tsv -c a
	assert_success
	assert_output - <<-'EOT'
	column	level	n	share
	a	-0	2	0.2222222222222222
	a	1	2	0.2222222222222222
	a	9	1	0.1111111111111111
	a	10	2	0.2222222222222222
	a	NA	1	0.1111111111111111
	a	x	1	0.1111111111111111
	EOT
	# --levels matches by value too
	run svy tally -q -l 0,1,9,10,x,NA,5 -i in.tsv -c a
	assert_line --index 7 "a	5	0	0"
}

@test "--cross: counts, shares of the total, the row and the column, margins (all), as pandas crosstab" {
	svy tally --cross education,method_dp "$D/survey.tsv" > out 2> err
	compare_numeric out "$D/cross.tsv" 1e-12
	assert_equal "$(cat err)" "svy-tally: read 40 rows, 3 left out (missing in 'education' or 'method_dp')"
	svy tally -q --cross education --cross method_dp -i "$D/survey.tsv" | cmp - out
	svy tally -q --cross education,method_dp --missing "$D/survey.tsv" > out
	compare_numeric out "$D/cross-missing.tsv" 1e-12
	svy tally -q --cross education,method_smoothing --expected "$D/survey.tsv" > out
	compare_numeric out "$D/cross-expected.tsv" 1e-12
}

@test "--cross --wide: the matrix of counts with margins, for column -t" {
	svy tally -q --cross education,method_dp --wide "$D/survey.tsv" > out
	cmp out "$D/cross-wide.tsv"
	run column -t -s "$(printf '\t')" out
	assert_line --index 0 "education  0   1  2  (all)"
	assert_line --index 4 "(all)      25  9  3  37"
}

@test "--cross --chi2: chi-square, df, p, Cramer's V, Yates only when df = 1, as scipy" {
	while read -r want args; do
		svy tally -q --cross $args --chi2 "$D/survey.tsv" > out
		compare_numeric out "$D/$want" 1e-12 || fail "$args"
	done <<-'EOT'
	chi2.tsv education,method_smoothing
	chi2-yates.tsv field_academia,field_hobby
	chi2-no-yates.tsv field_academia,field_hobby --no-yates
	chi2-missing.tsv education,method_dp --missing
	EOT
	# the correction moves O toward E by 0.5 at most, never past it
	svy tally -q --cross r,c --chi2 "$D/yates-small.tsv" > out
	compare_numeric out "$D/chi2-yates-small.tsv" 1e-12
	[ "$(cut -f8 out | tail -1)" = yes ]
}

@test "--cross with thousands of levels: bounded by --max-levels; a codebook orders the levels" {
	awk 'BEGIN { print "a\tb"; for (i = 1; i <= 3000; i++) print i "\t" i % 3 }' > big.tsv
	run svy tally -q --cross a,b --wide big.tsv
	assert_success
	[ "${#lines[@]}" -eq 3002 ]
	assert_line --index 3001 "(all)	1000	1000	1000	3000"
	run svy tally -q --cross a,b --max-levels 100 big.tsv
	assert_failure 1
	assert_output "svy-tally: big.tsv:102: column 'a' has more than 100 levels (got '101')"
	run svy tally -q --codebook "$D/codebook.tsv" --cross method_dp,method_smoothing --wide "$D/survey.tsv"
	assert_line --index 0 "method_dp	0	1	2	(all)"
	assert_line --index 1 --regexp "^2	"
}
