#!/usr/bin/env bats
# correlate: every pair of a set of columns, long or as a paper's table;
# every number checked against scipy's pearsonr and spearmanr, pandas and
# statsmodels' multipletests (test/data/correlate/make-expected.py).

load test_helper

D="$TESTDATA/correlate"
COLS=age,trust,use,risk,hours

@test "long: Pearson and Spearman, pairwise and listwise, p adjusted as multipletests, to 1e-9 of scipy" {
	while IFS='|' read -r args want; do
		# shellcheck disable=SC2086
		svy correlate -q -c "$COLS" $args "$D/survey.tsv" >got.tsv
		run compare_relative got.tsv "$D/$want" 1e-9
		assert_success
	done <<'EOF_CASES'
-m pearson|pearson-pairwise.tsv
-m spearman --adjust holm|spearman-pairwise.tsv
--listwise --adjust bonferroni|pearson-listwise.tsv
-m spearman --listwise|spearman-listwise.tsv
EOF_CASES
}

@test "the paper's table: Markdown and LaTeX, lower triangle with n, M, SD and stars, as the reference script prints it" {
	svy correlate -q -c "$COLS" --format markdown "$D/survey.tsv" >got.md
	diff got.md "$D/table.md"
	svy correlate -q -c "$COLS" --format latex -m spearman --listwise --adjust holm \
		"$D/survey.tsv" >got.tex
	diff got.tex "$D/table.tex"
}

@test "globs pick the columns; --adjust none leaves p_adj = p; the counts go to stderr" {
	run --separate-stderr svy correlate -c 'a*,r*' --adjust none "$D/survey.tsv"
	assert_success
	[ "$stderr" = "svy-correlate: 80 rows; 1 pairs of columns, pairwise n 77 to 77" ]
	[ "${lines[1]%%	*}" = age ]
	run awk -F'\t' 'NR == 2 { print $2, $3, ($5 == $6), $8 }' <<<"$output"
	assert_output "risk 77 1 none"
}

@test "degenerate input: named errors (a constant column, a pair of fewer than 3, a text value, one column)" {
	printf 'a\tb\tc\td\te\n1\t5\t1\t\t5\n2\t5\t2\t\t5\n3\t5\t4\t7\t5\n4\t6\t3\t8\t5\n' >in.tsv
	while IFS='|' read -r rc args message; do
		# shellcheck disable=SC2086
		run svy correlate -q $args in.tsv
		assert_failure "$rc"
		assert_line --index 0 "$message"
	done <<'EOF_CASES'
1|-c a,e|svy-correlate: in.tsv: column 'e' is constant (every value used is 5)
1|-c a,b,d --listwise|svy-correlate: in.tsv: columns 'a' and 'b' have 2 complete rows; a correlation needs at least 3
1|-c a,d|svy-correlate: in.tsv: columns 'a' and 'd' have 2 rows with both values; a correlation needs at least 3
2|-c a|svy-correlate: -c names 1 column ('a'); correlate needs 2 or more
2|-c a,b --adjust fdr|svy-correlate: option '--adjust': 'fdr' is not one of: bh, by, holm, bonferroni, hochberg, none
2|-c a,b --format html|svy-correlate: option '--format': 'html' is not one of: tsv, markdown, latex
2|-c a,b -m kendall|svy-correlate: option '--method': 'kendall' is not one of: pearson, spearman
EOF_CASES
	printf 'a\tb\tc\n1\t5\t1\n2\t6\tx\n3\t5\t4\n4\t6\t3\n' >text.tsv
	run svy correlate -c a,c text.tsv
	assert_failure 1
	assert_output --partial "text.tsv:3: column 'c'"
	printf 'a\tb\n1\t1\n1\t2\n2\t\n3\t\n' >pair.tsv
	run svy correlate -q -c a,b,a pair.tsv
	assert_failure
	printf 'a\tb\tc\n1\t1\t1\n1\t2\t2\n1\t3\t3\n2\t\t4\n' >where.tsv
	run svy correlate -q -c a,b,c where.tsv
	assert_failure 1
	assert_output "svy-correlate: where.tsv: column 'a' is constant where 'b' is present (every value is 1)"
}

@test "--help and --version" {
	run svy correlate --help
	assert_success
	assert_line --index 0 "usage: svy-correlate -c COLUMNS [OPTION]... [FILE]"
	run svy correlate --version
	assert_output "svy-correlate (svy) $(cat "$SVY_ROOT/VERSION")"
}
