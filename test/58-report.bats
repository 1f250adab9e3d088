#!/usr/bin/env bats
# report: test rows to the table a paper prints (Markdown, LaTeX), APA style.

load test_helper

D="$TESTDATA/report"

@test "Markdown: the paper's Table 4 notation, p and p* in APA style" {
	run --separate-stderr svy report --u-min -H "$D/hypotheses.tsv" "$D/paper.tsv"
	assert_success
	assert_output "$(cat "$D/paper.md")"
	assert_line "| H.1.1 | H0: Awareness does not correlate with the perception of how important ML security is. | r_s(81) = .073 | .514 | .620 |"
	assert_line "| H.1.2 | H0: Educational degree has no effect \\| on awareness. | χ²(4) = 0.89 | .827 | .827 |"
	assert_line "| H.1.5 | H0: Developers. | U(41, 42) = 584.0 | .006 | .018 |"
	[ "$stderr" = "svy-report: $D/hypotheses.tsv: no hypothesis text for 'X'" ]
}

@test "LaTeX: escaped text, caption, one family, effect sizes" {
	run --separate-stderr svy report --latex -H "$D/hypotheses.tsv" --caption 'Table 4 & more' -f RQ1 --effect "$D/paper.tsv"
	assert_success
	assert_output "$(cat "$D/paper-rq1.tex")"
}

@test "APA numbers: no leading zero, < .001, > .999, negative r" {
	run --separate-stderr svy report "$D/paper.tsv"
	assert_line "| H.1.3 | r_s(81) = .360 | < .001 | .005 |"
	assert_line "| H.2.8 | χ²(13) = 93.19 | < .001 | < .001 |"
	assert_line "| X | r_s(8) = -.500 | > .999 | > .999 |"
}

@test "Spearman's rho as r_s, Pearson's r as r, each with its df" {
	printf 'id\tstatistic\tstatistic_name\tdf\tp\nS\t0.25\trho\t40\t0.11\nP\t-0.25\tr\t40\t0.11\n' >in.tsv
	run --separate-stderr svy report in.tsv
	assert_success
	assert_output "$(printf '| No. | Test statistic | p |\n|---|---|---|\n| S | r_s(40) = .250 | .110 |\n| P | r(40) = -.250 | .110 |')"
	run --separate-stderr svy report --latex in.tsv
	assert_line --index 4 'S & $r_{s(40)} = .250$ & .110 \\'
	assert_line --index 5 'P & $r_{(40)} = -.250$ & .110 \\'
}

@test "U: the statistic column's U of the first group by default, --u-min for the smaller" {
	run --separate-stderr svy report -f RQ1 "$D/paper.tsv"
	assert_success
	assert_line "| H.1.5 | U(41, 42) = 1138.0 | .006 | .018 |"
	run --separate-stderr svy report -f RQ1 --u-min "$D/paper.tsv"
	assert_success
	assert_line "| H.1.5 | U(41, 42) = 584.0 | .006 | .018 |"
	# --u-min without a smaller U: a named error, never U1 in its place
	printf 'id\tstatistic\tstatistic_name\tgroup_sizes\tp\nA\t5\tU\t3,4\t0.5\n' >in.tsv
	run svy report --u-min in.tsv
	assert_failure 1
	assert_output "svy-report: in.tsv:2: column 'u_min': --u-min: no smaller U in this Mann-Whitney row"
	printf 'id\tstatistic\tstatistic_name\tgroup_sizes\tu_min\tp\nA\t5\tU\t3,4\t\t0.5\n' >in.tsv
	run svy report --u-min in.tsv
	assert_failure 1
	assert_output "svy-report: in.tsv:2: column 'u_min': --u-min: no smaller U in this Mann-Whitney row"
	run svy report -f RQ1 --u-first "$D/paper.tsv"
	assert_failure 2
}

@test "without p_adj there is no p* column" {
	cut -f1-17 "$D/paper.tsv" >in.tsv
	run --separate-stderr svy report -f RQ2 in.tsv
	assert_success
	assert_output "$(printf '| No. | Test statistic | p |\n|---|---|---|\n| H.2.8 | χ²(13) = 93.19 | < .001 |\n| H.2.2 | χ²(32) = 43.11 | .091 |\n| X | r_s(8) = -.500 | > .999 |')"
}

@test "end to end: test-hypothesis, bh-correct, report on the study-like data" {
	svy test-hypothesis -q --plan "$SVY_ROOT/pipelines/studies/awareness/hypotheses.tsv" -i "$TESTDATA/test-hypothesis/study.tsv" |
		svy bh-correct -q |
		svy report -H "$SVY_ROOT/pipelines/studies/awareness/hypotheses.tsv" -f RQ1 >table4.md
	run cat table4.md
	assert_line --index 0 "| No. | Hypothesis | Test statistic | p | p* |"
	[ "${#lines[@]}" -eq 8 ]
	assert_line --index 2 --regexp '^\| H\.1\.1 \| H0: Awareness does not correlate .* \| r_s\(81\) = \.[0-9]{3} \| (< )?\.[0-9]{3} \| (< )?\.[0-9]{3} \|$'
	assert_line --index 6 --regexp '^\| H\.1\.5 \| .* \| U\([0-9]+, [0-9]+\) = [0-9]+\.[05] \|'
}

@test "header only: an error, never an empty table" {
	head -1 "$D/paper.tsv" >in.tsv
	run svy report in.tsv
	assert_failure 1
	assert_output "svy-report: in.tsv: no test rows: an empty table is not written"
	run svy report -f RQ1 in.tsv
	assert_failure 1
	assert_output "svy-report: in.tsv: column 'family': no family 'RQ1': the input has no rows"
	run svy report -o out.md in.tsv
	assert_failure 1
	[ ! -e out.md ]
}

@test "-f with a family the input lacks: an error that names the families it has" {
	run svy report -f RQ3 "$D/paper.tsv"
	assert_failure 1
	assert_output "svy-report: $D/paper.tsv: column 'family': no family 'RQ3'; the families are 'RQ1', 'RQ2'"
	run svy report -f rq1 -o out.md "$D/paper.tsv"
	assert_failure 1
	[ ! -e out.md ]
	# every family the input has gives a table
	for f in RQ1 RQ2; do
		run --separate-stderr svy report -f "$f" "$D/paper.tsv"
		assert_success
		[ "${#lines[@]}" -gt 2 ]
	done
}

@test "--by-family: one table a family, in input order, titled" {
	run --separate-stderr svy report --by-family "$D/paper.tsv"
	assert_success
	want=$(printf 'Hypotheses of the family RQ1\n\n%s\n\nHypotheses of the family RQ2\n\n%s' \
		"$(svy report -f RQ1 "$D/paper.tsv")" "$(svy report -f RQ2 "$D/paper.tsv")")
	assert_output "$want"
	run --separate-stderr svy report --by-family --caption 'Table of %s (BH)' "$D/paper.tsv"
	assert_line --index 0 'Table of RQ1 (BH)'
	assert_line 'Table of RQ2 (BH)'
	run --separate-stderr svy report --by-family --latex "$D/paper.tsv"
	[ "$(grep -c 'caption{Hypotheses of the family' <<<"$output")" -eq 2 ]
	run svy report --by-family -f RQ1 "$D/paper.tsv"
	assert_failure 2
	assert_line --index 0 "svy-report: --by-family and --family: one table a family, or one family"
	cut -f1,3- "$D/paper.tsv" >nofam.tsv
	run svy report --by-family nofam.tsv
	assert_failure 2
	assert_line --index 0 --partial "svy-report: nofam.tsv: no column 'family'"
}

@test "-i/--input, -q/--quiet, --decimals, --digits" {
	run --separate-stderr svy report -f RQ1 "$D/paper.tsv"
	want=$output
	run --separate-stderr svy report -f RQ1 -i "$D/paper.tsv"
	assert_output "$want"
	run --separate-stderr svy report -f RQ1 --input "$D/paper.tsv"
	assert_output "$want"
	run svy report -i "$D/paper.tsv" "$D/paper.tsv"
	assert_failure 2
	# the missing hypothesis text is noted, unless -q
	run --separate-stderr svy report -H "$D/hypotheses.tsv" "$D/paper.tsv"
	[ "$stderr" = "svy-report: $D/hypotheses.tsv: no hypothesis text for 'X'" ]
	run --separate-stderr svy report -q -H "$D/hypotheses.tsv" "$D/paper.tsv"
	[ "$stderr" = "" ]
	# --decimals: decimals of the effect size; --digits: significant digits
	run --separate-stderr svy report --effect --decimals 1 -f RQ1 "$D/paper.tsv"
	assert_line --regexp '^\| H\.1\.1 \| .* \| [a-z_]+ = -?[0-9]+\.[0-9] \|$'
	run --separate-stderr svy report --effect -f RQ1 "$D/paper.tsv"
	assert_line --index 2 '| H.1.1 | r_s(81) = .073 | .514 | .620 | rho = 0.073 |'
	run --separate-stderr svy report --effect --digits 2 -f RQ1 "$D/paper.tsv"
	assert_line --index 2 '| H.1.1 | r_s(81) = .073 | .514 | .620 | rho = 0.073 |'
	assert_line --index 4 --regexp '^\| H\.1\.3 \| r_s\(81\) = \.360 \| < \.001 \| \.005 \| rho = 0\.36 \|$'
	run svy report --digits 18 "$D/paper.tsv"
	assert_failure 2
	assert_line --index 0 "svy-report: option '--digits': '18' is not a whole number from 1 to 17"
	run svy report --digits 0 "$D/paper.tsv"
	assert_failure 2
	run svy report --decimals 18 "$D/paper.tsv"
	assert_failure 2
	assert_line --index 0 "svy-report: option '--decimals': '18' is not a whole number from 0 to 17"
}

@test "bad data: exact message, exit 1" {
	h='id\tstatistic\tstatistic_name\tdf\tgroup_sizes\tp\n'
	while IFS='|' read -r input message; do
		printf "$input" >in.tsv
		run svy report in.tsv
		assert_failure 1
		assert_output "$message"
	done <<EOF_CASES
|svy-report: in.tsv: empty input: no header row
${h}A\tx\trho\t8\t\t0.5\n|svy-report: in.tsv:2: column 'statistic': not a number (got 'x')
${h}A\t0.5\trho\t8\t\tnan\n|svy-report: in.tsv:2: column 'p': not a finite number (got 'nan')
${h}A\t\trho\t8\t\t0.5\n|svy-report: in.tsv:2: column 'statistic': missing statistic
${h}A\t0.5\trho\t8\t\t\n|svy-report: in.tsv:2: column 'p': missing p-value
${h}A\t0.5\ttau\t8\t\t0.5\n|svy-report: in.tsv:2: column 'statistic_name': unknown statistic (rho, r, chi2, H, U, t, F, z, z_adjusted, Q, V, min_bc or empty for Fisher's exact test) (got 'tau')
${h}A\t5\tU\t\t3\t0.5\n|svy-report: in.tsv:2: column 'group_sizes': a Mann-Whitney row needs two group sizes (got '3')
${h}A\t0.5\trho\t8\n|svy-report: in.tsv:2: row has 4 fields, header has 6
${h}A\t5\tchi2\t\t\t0.5\n|svy-report: in.tsv:2: column 'df': missing degrees of freedom for 'chi2'
${h}A\t0.5\trho\t-1\t\t0.5\n|svy-report: in.tsv:2: column 'df': degrees of freedom must be a whole number >= 0 (got '-1')
${h}A\t0.5\trho\t2.5\t\t0.5\n|svy-report: in.tsv:2: column 'df': degrees of freedom must be a whole number >= 0 (got '2.5')
${h}A\t1.5\trho\t8\t\t0.5\n|svy-report: in.tsv:2: column 'statistic': a correlation must be in [-1, 1] (got '1.5')
${h}A\t-1.01\tr\t8\t\t0.5\n|svy-report: in.tsv:2: column 'statistic': a correlation must be in [-1, 1] (got '-1.01')
${h}A\t-3\tchi2\t2\t\t0.5\n|svy-report: in.tsv:2: column 'statistic': 'chi2' cannot be negative (got '-3')
${h}A\t0.5\trho\t8\t\t2\n|svy-report: in.tsv:2: column 'p': a p-value must be in [0, 1] (got '2')
${h}A\t0.5\trho\t8\t\t-0.1\n|svy-report: in.tsv:2: column 'p': a p-value must be in [0, 1] (got '-0.1')
${h}A\t5\tU\t\t3,-4\t0.5\n|svy-report: in.tsv:2: column 'group_sizes': group sizes must be whole numbers >= 0 (got '3,-4')
${h}A\t5\tU\t\t3,4.5\t0.5\n|svy-report: in.tsv:2: column 'group_sizes': group sizes must be whole numbers >= 0 (got '3,4.5')
id\tstatistic\tstatistic_name\tdf\tp\tp_adj\nA\t0.5\trho\t8\t0.5\t1.5\n|svy-report: in.tsv:2: column 'p_adj': a p-value must be in [0, 1] (got '1.5')
${h}A\t13\tU\t\t3,4\t0.5\n|svy-report: in.tsv:2: column 'statistic': U cannot exceed n1 * n2 = 12 (group sizes 3,4) (got '13')
id\tstatistic\tstatistic_name\tgroup_sizes\tu_min\tp\nA\t5\tU\t3,4\t12.5\t0.5\n|svy-report: in.tsv:2: column 'u_min': U cannot exceed n1 * n2 = 12 (group sizes 3,4) (got '12.5')
${h}A\t5\tU\t\t3,1234567890123456\t0.5\n|svy-report: in.tsv:2: column 'group_sizes': a group size is too large (got '3,1234567890123456')
EOF_CASES
}

@test "numbers that round to zero print without a sign: never -.000" {
	h='id\tstatistic\tstatistic_name\tdf\tgroup_sizes\tp\teffect_size\teffect_name\n'
	while IFS='|' read -r row want; do
		printf "$h$row" >in.tsv
		run svy report --effect in.tsv
		assert_success
		assert_line --index 2 "$want"
	done <<-EOF_CASES
		A\t-0.0004\trho\t81\t\t0.9\t-0.0004\trho\n|| A | r_s(81) = .000 | .900 | rho = 0.000 |
		A\t-0.0004\tr\t81\t\t0.9\t-0.0004\tr\n|| A | r(81) = .000 | .900 | r = 0.000 |
		A\t-0\tchi2\t2\t\t1\t-0\tepsilon_squared\n|| A | χ²(2) = 0.00 | > .999 | epsilon_squared = 0.000 |
		A\t0\tU\t\t3,4\t1\t-0.0001\trank_biserial\n|| A | U(3, 4) = 0.0 | > .999 | rank_biserial = 0.000 |
	EOF_CASES
	printf "$h"'A\t-0.0004\trho\t81\t\t0.9\t-0.0004\trho\n' >in.tsv
	run svy report --latex in.tsv
	assert_line --index 4 'A & $r_{s(81)} = .000$ & .900 \\'
	run svy report --effect --digits 3 in.tsv
	assert_line --index 2 '| A | r_s(81) = .000 | .900 | rho = -0.0004 |'
}

@test "Markdown cells: '|' escaped, HTML shown as text, in ids, hypotheses, effect names, captions" {
	printf 'id\tstatistic\tstatistic_name\tdf\tp\teffect_size\teffect_name\tfamily\n' >in.tsv
	printf 'a|b<script>\t0.5\trho\t8\t0.5\t0.5\t<img src=x onerror=alert(1)>\tF|<b>\n' >>in.tsv
	printf 'id\thypothesis\na|b<script>\tH0: <script>alert(1)</script> | x\n' >plan.tsv
	run --separate-stderr svy report --effect -H plan.tsv --by-family in.tsv
	assert_success
	assert_output 'Hypotheses of the family F\|&lt;b&gt;

| No. | Hypothesis | Test statistic | p | Effect size |
|---|---|---|---|---|
| a\|b&lt;script&gt; | H0: &lt;script&gt;alert(1)&lt;/script&gt; \| x | r_s(8) = .500 | .500 | &lt;img src=x onerror=alert(1)&gt; = 0.500 |'
	# each row keeps its number of cells
	run grep -c '<' <<<"$output"
	assert_output 0
}

@test "--captions: a title a family for --by-family, the others by --caption" {
	printf 'family\tcaption\nRQ2\tTable 5. The second\n' >cap.tsv
	run --separate-stderr svy report --by-family --captions cap.tsv --caption 'All of %s' "$D/paper.tsv"
	assert_success
	assert_line --index 0 'All of RQ1'
	assert_line 'Table 5. The second'
	run svy report --by-family --captions "$D/paper.tsv" "$D/paper.tsv"
	assert_failure 2
	assert_line --index 0 --partial "no column 'caption'"
}

@test "--fill: the number fields of a text in the tables' formats" {
	printf '| KMO | \001a 0.8123\002 | p \001P 0.0004\002, p \001P 0.25\002, p \001P 0.9999\002 |\n' >t.md
	printf 'r \001a -0.0001\002; chi2 = \001f2 1234.567\002; \001%%1 0.1234\002; \001p 1\002; plain | text\n' >>t.md
	run svy report --fill t.md
	assert_success
	assert_output '| KMO | .812 | p < .001, p = .250, p > .999 |
r .000; chi2 = 1234.57; 12.3 %; > .999; plain | text'
	while IFS='|' read -r field message; do
		printf "x $field y\n" >t.md
		run svy report --fill t.md
		assert_failure 1
		assert_output "svy-report: t.md:1: $message"
	done <<-'EOF_CASES'
		\001a x\002|number field 'a': not a number (got 'x')
		\001q 1\002|unknown number field (a, p, P, fN, %N) (got 'q')
		\001a1\002|a number field is \001KIND VALUE\002 (got 'a1')
		\001a 1|a number field without its end (\002)
		1\002|a number field without its start (\001)
		\001p 1.5\002|a p-value must be in [0, 1] (got '1.5')
		\001f18 1\002|number field: at most 17 decimals (got 'f18')
	EOF_CASES
}

@test "bad usage: exit 2" {
	printf 'id\tstatistic\tp\n' >in.tsv
	run svy report in.tsv
	assert_failure 2
	assert_line --index 0 "svy-report: in.tsv: no column 'statistic_name'; the columns are 'id', 'statistic', 'p'"
	run svy report --effect "$D/paper.tsv"
	assert_success
	cut -f1-16 "$D/paper.tsv" >in.tsv
	run svy report --effect in.tsv
	assert_failure 2
	assert_line --index 0 "svy-report: --effect: the input has no 'effect_size' and 'effect_name' columns"
	run svy report -f RQ1 in.tsv extra
	assert_failure 2
	assert_line --index 0 "svy-report: too many operands: one input file at most (got 'in.tsv' and 'extra')"
	run svy report --captions x.tsv in.tsv
	assert_failure 2
	assert_line --index 0 "svy-report: --captions: the titles of the tables of --by-family"
}

@test "--help and --version" {
	run svy report --help
	assert_success
	assert_line --index 0 "usage: svy-report [OPTION]... [FILE]"
	run svy report --version
	assert_output "svy-report (svy) $(cat "$SVY_ROOT/VERSION")"
}

@test "report.sh: the study's descriptive tables (TABLES) in report.md, labels and shares" {
	mkdir d
	printf 'step\trun\twhat\tfiles\ntables\tyes\tthe descriptive tables\tt2.tsv t3.tsv\nkappa\tno\tthe agreement of the coders (CODERS not set)\tkappa.tsv\n' >d/steps.tsv
	printf 'figure\tcaption\n' >d/figures.tsv
	printf 'column\tlevel\tn\tshare\nedu\tBSc\t3\t0.375\nedu\tMSc|x\t5\t0.625\nhobby\t1\t2\t0.25\n' >d/t2.tsv
	printf 'column\tlevel\tn\tshare\nrole\t1\t0\t\n' >d/t3.tsv
	printf 'column\tlabel\nedu\tEducation\nedu=BSc\tBachelor\n' >labels.tsv
	run --separate-stderr "$SVY_ROOT/pipelines/study/report.sh" -l labels.tsv -r "$BIN/report" d
	assert_success
	run sed -n '/^## Descriptive tables/,/^## Steps not run/p' <<<"$output"
	assert_output '## Descriptive tables

### t2

| Variable | Answer | n | Share |
|---|---|---:|---:|
| Education (`edu`) | Bachelor | 3 | 37.5 % |
|  | MSc\|x | 5 | 62.5 % |
| Hobby (`hobby`) | 1 | 2 | 25.0 % |

### t3

| Variable | Answer | n | Share |
|---|---|---:|---:|
| Role (`role`) | 1 | 0 |  |

n: the respondents who gave the answer (a multiple-choice option: who ticked it);
share: of those who answered the question (svy tally).

## Steps not run'
	# the step off: no section
	printf 'step\trun\twhat\tfiles\ntables\tno\tthe descriptive tables (TABLES not set)\tt2.tsv\n' >d/steps.tsv
	run --separate-stderr "$SVY_ROOT/pipelines/study/report.sh" -r "$BIN/report" d
	assert_success
	refute_line '## Descriptive tables'
	assert_line -- '- the descriptive tables (TABLES not set)'
}

# ---- svy model's rows: the regression table (APA 7) ----------------------
# Inputs: R's reference rows and summaries of test/data/model (lm, glm, clm).
M="$TESTDATA/model"

@test "model rows: the regression table, linear, logistic and ordinal (Markdown), as the golden files" {
	for m in linear logistic ordinal; do
		run --separate-stderr svy report --summary "$M/$m-summary.tsv" "$M/$m-coef.tsv"
		assert_success
		assert_output "$(cat "$D/model-$m.md")"
		[ "$stderr" = "" ]
	done
	run --separate-stderr svy report --summary "$M/linear-summary.tsv" "$M/linear-coef.tsv"
	assert_line --index 0 '| Term | B | SE | t | p | 95% CI |'
	assert_line --index 3 '| x1 | 0.37 | 0.08 | 4.91 | < .001 | [0.22, 0.52] |'
	assert_line --index 7 '*Note.* n = 197 (3 rows dropped with a missing value). Outcome: y. R² = .420, adjusted R² = .408, F(4, 192) = 34.76, p < .001. CI: Wald t.'
	run --separate-stderr svy report --summary "$M/logistic-summary.tsv" "$M/logistic-coef.tsv"
	assert_line --index 0 '| Term | B | SE | z | p | 95% CI | OR | 95% CI (OR) |'
	assert_line --index 5 '| gb | 1.87 | 0.43 | 4.34 | < .001 | [1.05, 2.75] | 6.51 | [2.86, 15.70] |'
	assert_line --partial 'χ²(4) = 40.16, p < .001. McFadden R² = .153, Nagelkerke R² = .250. CI: profile likelihood;'
	run --separate-stderr svy report --summary "$M/ordinal-summary.tsv" "$M/ordinal-coef.tsv"
	assert_line --index 2 '| 1\|2 (threshold) | -0.74 | 0.54 | -1.36 | .173 | [-1.80, 0.32] |  |  |'
}

@test "model rows: LaTeX with a caption, numbers in math mode" {
	run --separate-stderr svy report --latex --caption 'Table 6. Ordinal regression of yo' \
		--summary "$M/ordinal-summary.tsv" "$M/ordinal-coef.tsv"
	assert_success
	assert_output "$(cat "$D/model-ordinal.tex")"
	assert_line 'x2 & $-0.32$ & $0.05$ & $-6.17$ & $<$ .001 & $[-0.42, -0.22]$ & $0.73$ & $[0.66, 0.81]$ \\'
}

@test "model rows: svy model's own output gives the same table; --conf, --decimals, --digits" {
	svy model -q -m logistic -y yb -c x1,x2,g --summary sum.tsv -o coef.tsv "$M/survey.tsv"
	run --separate-stderr svy report --summary sum.tsv coef.tsv
	assert_success
	assert_output "$(cat "$D/model-logistic.md")"
	# a 90 % Wald interval: labelled so with --conf 0.9, an error without
	svy model -q -y y -c x1,x2,g --conf 0.9 -o c90.tsv "$M/survey.tsv"
	run --separate-stderr svy report -q --conf 0.9 c90.tsv
	assert_success
	assert_line --index 0 '| Term | B | SE | t | p | 90% CI |'
	assert_line --index 3 '| x1 | 0.37 | 0.08 | 4.91 | < .001 | [0.25, 0.50] |'
	run svy report -q c90.tsv
	assert_failure 1
	assert_output --regexp "^svy-report: c90.tsv:2: column 'ci_low': not the 95 % Wald interval of estimate and se: give --conf the level svy model used \(got '0.41"
	run --separate-stderr svy report -q --decimals 3 "$M/linear-coef.tsv"
	assert_line --index 3 '| x1 | 0.373 | 0.076 | 4.913 | < .001 | [0.223, 0.522] |'
	run --separate-stderr svy report -q --digits 2 "$M/linear-coef.tsv"
	assert_line --index 3 '| x1 | 0.37 | 0.076 | 4.9 | < .001 | [0.22, 0.52] |'
}

@test "model rows without --summary: a warning, the note names only the intervals" {
	run --separate-stderr svy report "$M/linear-coef.tsv"
	assert_success
	assert_line --index 7 '*Note.* CI: Wald t.'
	[ "$stderr" = "svy-report: no --summary: the note has no n and no fit statistics" ]
	run --separate-stderr svy report -q "$M/linear-coef.tsv"
	[ "$stderr" = "" ]
}

@test "model rows: bad rows and summaries are named errors, exit 1; options of tests are usage errors" {
	h='term\tkind\testimate\tse\tstatistic\tstatistic_name\tdf\tp\tci_low\tci_high\tci_method\todds_ratio\tor_low\tor_high\n'
	ok='x\tcoefficient\t1\t0.5\t2\tz\t\t0.05\t0\t2\tprofile likelihood\t'
	while IFS='|' read -r input message; do
		printf "$h$input" >in.tsv
		run svy report -q in.tsv
		assert_failure 1
		assert_output "$message"
	done <<EOF_CASES
|svy-report: in.tsv: no term rows: an empty table is not written
x\tcoefficient\t\t0.5\t2\tz\t\t0.05\t0\t2\tWald z\t\t\t\n|svy-report: in.tsv:2: column 'estimate': missing value
x\tcoefficient\tone\t0.5\t2\tz\t\t0.05\t0\t2\tWald z\t\t\t\n|svy-report: in.tsv:2: column 'estimate': not a number (got 'one')
x\tterm\t1\t0.5\t2\tz\t\t0.05\t0\t2\tWald z\t\t\t\n|svy-report: in.tsv:2: column 'kind': a term is a coefficient or a threshold (got 'term')
x\tcoefficient\t1\t0.5\t2\tF\t\t0.05\t0\t2\tWald z\t\t\t\n|svy-report: in.tsv:2: column 'statistic_name': a model's statistic is t or z (got 'F')
x\tcoefficient\t1\t-0.5\t2\tz\t\t0.05\t0\t2\tWald z\t\t\t\n|svy-report: in.tsv:2: column 'se': a standard error cannot be negative (got '-0.5')
x\tcoefficient\t1\t0.5\t2\tz\t\t1.5\t0\t2\tWald z\t\t\t\n|svy-report: in.tsv:2: column 'p': a p-value must be in [0, 1] (got '1.5')
x\tcoefficient\t1\t0.5\t2\tz\t\t0.05\t2\t0\tWald z\t\t\t\n|svy-report: in.tsv:2: column 'ci_low': the interval's low end is above its high end (got '2')
x\tcoefficient\t1\t0.5\t2\tt\t\t0.05\t0\t2\tWald t\t\t\t\n|svy-report: in.tsv:2: column 'df': missing value
x\tcoefficient\t1\t0.5\t2\tt\t2.5\t0.05\t0\t2\tWald t\t\t\t\n|svy-report: in.tsv:2: column 'df': degrees of freedom must be a whole number >= 1 (got '2.5')
x\tcoefficient\t1\t0.5\t2\tz\t10\t0.05\t0\t2\tWald z\t\t\t\n|svy-report: in.tsv:2: column 'df': a z statistic has no df (got '10')
x\tcoefficient\t1\t0.5\t2\tz\t\t0.05\t0\t2\tWald z\t\t\t\n|svy-report: in.tsv:2: column 'ci_low': not the 95 % Wald interval of estimate and se: give --conf the level svy model used (got '0')
${ok}2.7\t\t\n|svy-report: in.tsv:2: column 'odds_ratio': an odds ratio needs its interval (odds_ratio, or_low, or_high)
${ok}2.7\t3\t7\n|svy-report: in.tsv:2: column 'odds_ratio': an odds ratio must be positive and within its interval (got '2.7')
cut1\tthreshold\t1\t0.5\t2\tz\t\t0.05\t0\t2\tprofile likelihood\t2.7\t1\t7\n|svy-report: in.tsv:2: column 'odds_ratio': a threshold has no odds ratio (got '2.7')
${ok}\t\t\nx\tcoefficient\t1\t0.5\t2\tt\t9\t0.05\t0\t2\tprofile likelihood\t\t\t\n|svy-report: in.tsv:3: column 'statistic_name': one model has one statistic (the rows before have z) (got 't')
\tcoefficient\t1\t0.5\t2\tz\t\t0.05\t0\t2\tprofile likelihood\t\t\t\n|svy-report: in.tsv:2: column 'term': missing term
EOF_CASES
	# the summary: of this model, with every statistic the note prints
	while IFS='|' read -r summary message; do
		printf "$summary" >sum.tsv
		run svy report --summary sum.tsv "$M/linear-coef.tsv"
		assert_failure 1
		assert_output "$message"
	done <<EOF_CASES
statistic\tvalue\nmodel\tlogistic\n|svy-report: sum.tsv: column 'model': the summary is not of these rows (their model: linear) (got 'logistic')
statistic\tvalue\nmodel\tprobit\n|svy-report: sum.tsv: column 'model': not a model of svy model (linear, logistic, ordinal) (got 'probit')
statistic\tvalue\nn\t5\n|svy-report: sum.tsv: column 'statistic': the summary lacks this statistic (got 'model')
statistic\tvalue\nmodel\tlinear\nn\t197\nrows_dropped\t3\n|svy-report: sum.tsv: column 'statistic': the summary lacks this statistic (got 'r_squared')
statistic\tvalue\nmodel\tlinear\nn\tmany\n|svy-report: sum.tsv: column 'value': statistic 'n': not a number (got 'many')
EOF_CASES
	run svy report -H "$D/hypotheses.tsv" "$M/linear-coef.tsv"
	assert_failure 2
	assert_line --index 0 "svy-report: a model's table (svy model's rows): no --hypotheses, --family, --by-family, --effect or --u-min"
	run svy report --summary "$M/linear-summary.tsv" "$D/paper.tsv"
	assert_failure 2
	assert_line --index 0 "svy-report: --summary and --conf are for a model's table (svy model's rows)"
	run svy report --conf 1 "$M/linear-coef.tsv"
	assert_failure 2
}

@test "every row kind of test-hypothesis in APA form, Markdown and LaTeX, with its interval (--ci)" {
	h='id\ttest\tstatistic\tstatistic_name\tdf\tdf2\tgroup_sizes\tp\teffect_size\teffect_name\tci_low\tci_high\tci_level\tci_method\n'
	while IFS='@' read -r row md mdeff tex texeff; do
		printf "$h$row" >in.tsv
		run --separate-stderr svy report --ci --decimals 2 in.tsv
		assert_success
		assert_line --index 2 "| A | $md | .042 | $mdeff |"
		run --separate-stderr svy report --ci --decimals 2 --latex in.tsv
		assert_success
		assert_line --index 4 "A & $tex & .042 & $texeff \\\\"
	done <<'EOF_CASES'
A\tttest\t2.5\tt\t37.91234\t\t20,20\t0.0417\t0.52\tcohens_d\t0.1\t0.94\t0.95\tnoncentral-t\n@t(37.91) = 2.50@d = 0.52, 95% CI [0.10, 0.94]@$t(37.91) = 2.50$@$d$ = 0.52, 95\% CI [0.10, 0.94]
A\tttest\t-2.5\tt\t38\t\t20,20\t0.0417\t-0.51\thedges_g\t-0.9\t-0.1\t0.9\tnoncentral-t\n@t(38) = -2.50@g = -0.51, 90% CI [-0.90, -0.10]@$t(38) = -2.50$@$g$ = -0.51, 90\% CI [-0.90, -0.10]
A\tpaired-ttest\t2.1\tt\t29\t\t\t0.0417\t0.38\tcohens_dz\t0.01\t0.75\t0.99\tnoncentral-t\n@t(29) = 2.10@d_z = 0.38, 99% CI [0.01, 0.75]@$t(29) = 2.10$@$d_z$ = 0.38, 99\% CI [0.01, 0.75]
A\twilcoxon\t39.5\tV\t\t\t\t0.0417\t-0.13\trank_biserial\t-0.63\t0.45\t0.95\tfisher-z\n@V = 39.5@rank_biserial = -0.13, 95% CI [-0.63, 0.45]@$V = 39.5$@rank\_biserial = -0.13, 95\% CI [-0.63, 0.45]
A\tanova\t3.4\tF\t2\t9.93356\t5,6,7\t0.0417\t0.05\teta_squared\t0\t0.3\t0.95\tnoncentral-f\n@F(2, 9.93) = 3.40@η² = 0.05, 95% CI [0.00, 0.30]@$F(2, 9.93) = 3.40$@$\eta^2$ = 0.05, 95\% CI [0.00, 0.30]
A\tanova\t3.4\tF\t2\t15\t5,6,7\t0.0417\t0.02\tomega_squared\t0\t0.3\t0.975\tnoncentral-f\n@F(2, 15) = 3.40@ω² = 0.02, 97.5% CI [0.00, 0.30]@$F(2, 15) = 3.40$@$\omega^2$ = 0.02, 97.5\% CI [0.00, 0.30]
A\tfisher\t\t\t\t\t\t0.0417\t0.77\todds_ratio\t0.08\t8.2\t0.95\tfisher-exact\n@Fisher's exact test@OR = 0.77, 95% CI [0.08, 8.20]@Fisher's exact test@OR = 0.77, 95\% CI [0.08, 8.20]
A\tmcnemar\t3\tmin_bc\t\t\t0,1\t0.0417\t0.2\tcohens_g\t\t\t\t\n@McNemar, min(b, c) = 3@Cohen's g = 0.20@McNemar, $\min(b, c) = 3$@Cohen's $g$ = 0.20
A\tmcnemar\t4.17\tchi2\t1\t\t0,1\t0.0417\t0.2\tcohens_g\t\t\t\t\n@χ²(1) = 4.17@Cohen's g = 0.20@$\chi^2_{(1)} = 4.17$@Cohen's $g$ = 0.20
A\tcochran\t6.3\tQ\t2\t\t11,11,9\t0.0417\t0.02\teta_squared_q\t\t\t\t\n@Q(2) = 6.30@η²_Q = 0.02@$Q(2) = 6.30$@$\eta^2_Q$ = 0.02
A\tpearson\t0.3\tr\t48\t\t\t0.0417\t0.3\tr\t0.02\t0.53\t0.95\tfisher-z\n@r(48) = .300@r = 0.30, 95% CI [0.02, 0.53]@$r_{(48)} = .300$@r = 0.30, 95\% CI [0.02, 0.53]
A\tchi2\t8.2\tchi2\t2\t\t3x2\t0.0417\t0.2\tcramers_v\t0\t0.35\t0.95\tnoncentral-chi2\n@χ²(2) = 8.20@cramers_v = 0.20, 95% CI [0.00, 0.35]@$\chi^2_{(2)} = 8.20$@cramers\_v = 0.20, 95\% CI [0.00, 0.35]
EOF_CASES
}

@test "--ci: the methods of the intervals in a note; without --ci the table is as before" {
	run --separate-stderr svy report --ci -H "$D/menu-plan.tsv" "$D/menu.tsv"
	assert_success
	assert_output "$(cat "$D/menu.md")"
	assert_line '*Note.* CI: confidence interval (noncentral-t, fisher-z, noncentral-f, fisher-exact).'
	run --separate-stderr svy report --ci --latex --by-family "$D/menu.tsv"
	assert_success
	assert_output "$(cat "$D/menu.tex")"
	# --effect alone: the effect sizes, no interval, no note
	run --separate-stderr svy report --effect "$D/menu.tsv"
	assert_success
	assert_line --index 2 '| T1 | t(9.00) = 0.81 | .437 | > .999 | d = 0.484 |'
	refute_output --partial 'CI'
	# input without the interval's columns
	run svy report --ci "$D/paper.tsv"
	assert_failure 2
	assert_line --index 0 "svy-report: --ci: the input has no 'ci_low', 'ci_high', 'ci_level' and 'ci_method' columns (svy test-hypothesis writes them)"
}

@test "post-hoc families (dunn, pairwise-mannwhitney, pairwise-wilcoxon, chi2-residuals): a pairwise table each" {
	run --separate-stderr svy report "$D/menu.tsv"
	assert_success
	assert_line 'Pairwise comparisons of P1 (dunn)'
	assert_line 'Pairwise comparisons of P2 (pairwise-mannwhitney)'
	assert_line 'Pairwise comparisons of P3 (chi2-residuals)'
	assert_line 'Pairwise comparisons of P4 (pairwise-wilcoxon)'
	assert_line '| Pair | n | Test statistic | p | p* |'
	assert_line '| Cell | n | Test statistic | p | p* |'
	assert_line '| a vs. b | 11 | z = 0.73 | > .999 | > .999 |'
	# the adjustment of test-hypothesis --adjust named under its family's table
	[ "$(grep -c '^\*Note\.\* p adjusted within the family (holm)\.$' <<<"$output")" -eq 1 ]
	[ "$(grep -c '^\*Note\.\* p adjusted within the family (bonferroni)\.$' <<<"$output")" -eq 1 ]
	# a pair of columns (Wilcoxon's V, the matched-pairs rank-biserial)
	assert_line '| w1 vs. w2 | 18 | V = 39.5 | > .999 | > .999 |'
	assert_line '| a vs. c | 12 | U(5, 7) = 16.0 | .876 | .876 |'
	assert_line '| c, m | 2 | z = -0.72 | .474 | .741 |'
	# every row of the input is in a table: 10 tests, 3 + 3 + 6 + 3 pairs and cells
	[ "$(grep -c '^| [A-Z][0-9] |' <<<"$output")" -eq 10 ]
	[ "$(grep -cE '^\| [a-c]( vs\. [a-c]|, [fm]) \|' <<<"$output")" -eq 12 ]
	[ "$(grep -cE '^\| w[1-3] vs\. w[1-3] \|' <<<"$output")" -eq 3 ]
	# with -H the title has the hypothesis
	run --separate-stderr svy report -H "$D/menu-plan.tsv" "$D/menu.tsv"
	assert_line 'Pairwise comparisons of P2 (pairwise-mannwhitney): H0: none.'
	# one post-hoc family alone takes the caption given
	run --separate-stderr svy report -f P2 --caption 'Table 3' "$D/menu.tsv"
	assert_success
	assert_line --index 0 'Table 3'
	assert_line --index 1 '| Pair | n | Test statistic | p | p* |'
	[ "${#lines[@]}" -eq 6 ]
}

@test "bad rows of the new kinds and of intervals: named errors, exit 1" {
	h='id\ttest\tstatistic\tstatistic_name\tdf\tdf2\tp\teffect_size\teffect_name\tci_low\tci_high\tci_level\tci_method\n'
	while IFS='@' read -r row message; do
		printf "$h$row" >in.tsv
		run svy report --ci in.tsv
		assert_failure 1
		assert_output "svy-report: in.tsv:2: $message"
	done <<'EOF_CASES'
A\tttest\t2.5\tt\t\t\t0.04\t0.5\tcohens_d\t0.1\t0.9\t0.95\tnoncentral-t\n@column 'df': missing degrees of freedom for 't'
A\tttest\t2.5\tt\t-3.5\t\t0.04\t0.5\tcohens_d\t0.1\t0.9\t0.95\tnoncentral-t\n@column 'df': degrees of freedom must be a number > 0 (got '-3.5')
A\tanova\t2.5\tF\t2\t\t0.04\t0.5\teta_squared\t0.1\t0.9\t0.95\tnoncentral-f\n@column 'df2': missing degrees of freedom for 'F'
A\tanova\t2.5\tF\t2.5\t9\t0.04\t0.5\teta_squared\t0.1\t0.9\t0.95\tnoncentral-f\n@column 'df': degrees of freedom must be a whole number >= 0 (got '2.5')
A\tanova\t-2.5\tF\t2\t9\t0.04\t0.5\teta_squared\t0.1\t0.9\t0.95\tnoncentral-f\n@column 'statistic': 'F' cannot be negative (got '-2.5')
A\tcochran\t2.5\tQ\t\t\t0.04\t0.5\teta_squared_q\t\t\t\t\n@column 'df': missing degrees of freedom for 'Q'
A\twilcoxon\t-1\tV\t\t\t0.04\t0.5\trank_biserial\t\t\t\t\n@column 'statistic': 'V' cannot be negative (got '-1')
A\tmcnemar\t2.5\tmin_bc\t\t\t0.04\t0.5\tcohens_g\t\t\t\t\n@column 'statistic': McNemar's min(b, c) must be a whole number (got '2.5')
A\tfisher\t2.5\t\t\t\t0.04\t0.5\todds_ratio\t0.1\t0.9\t0.95\tfisher-exact\n@column 'statistic': a statistic without a statistic_name (got '2.5')
A\tttest\t\tt\t9\t\t0.04\t0.5\tcohens_d\t0.1\t0.9\t0.95\tnoncentral-t\n@column 'statistic': missing statistic
A\tttest\t2.5\tt\t9\t\t0.04\t0.5\tcohens_d\t0.9\t0.1\t0.95\tnoncentral-t\n@column 'ci_low': the interval's low end is above its high end 0.1 (got '0.9')
A\tttest\t2.5\tt\t9\t\t0.04\t0.5\tcohens_d\t0.1\t0.9\t95\tnoncentral-t\n@column 'ci_level': the interval's level must be in (0, 1), e.g. 0.95 (got '95')
A\tttest\t2.5\tt\t9\t\t0.04\t0.5\tcohens_d\t0.1\t0.9\t0\tnoncentral-t\n@column 'ci_level': the interval's level must be in (0, 1), e.g. 0.95 (got '0')
A\tttest\t2.5\tt\t9\t\t0.04\t0.5\tcohens_d\t0.1\t0.9\t1\tnoncentral-t\n@column 'ci_level': the interval's level must be in (0, 1), e.g. 0.95 (got '1')
A\tttest\t2.5\tt\t9\t\t0.04\t0.5\tcohens_d\t0.1\t0.9\t\tnoncentral-t\n@column 'ci_level': the interval's level must be in (0, 1), e.g. 0.95
A\tttest\t2.5\tt\t9\t\t0.04\t0.5\tcohens_d\t0.1\t\t0.95\tnoncentral-t\n@column 'ci_high': an interval needs both ends (ci_low and ci_high)
A\tttest\t2.5\tt\t9\t\t0.04\t0.5\tcohens_d\t\t0.9\t0.95\tnoncentral-t\n@column 'ci_low': an interval needs both ends (ci_low and ci_high)
A\tttest\t2.5\tt\t9\t\t0.04\t0.5\tcohens_d\t0.1\t0.9\t0.95\t\n@column 'ci_method': an interval without its method
A\tttest\t2.5\tt\t9\t\t0.04\t\t\t0.1\t0.9\t0.95\tnoncentral-t\n@column 'effect_size': an interval without its effect size
EOF_CASES
}
