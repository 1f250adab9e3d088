#!/usr/bin/env bats
# svy simulate: the synthetic LimeSurvey export of the reference study
# (fixtures/awareness-export.csv) and the codebook that goes with it.

load test_helper

# The export as TSV (one record a line; LF, TAB, backslash inside a value
# written \n \t \\), for awk. D is the CSV delimiter. Every field must be
# double-quoted; a field that is not makes awk exit 3.
csv_tsv() {
	awk -v d="${2:-,}" '
		function quotes(s,   t) { t = s; return gsub(/"/, "", t) }
		function emit(f) {
			if (f !~ /^".*"$/) { printf "unquoted field in record %d: %s\n", nrec, f > "/dev/stderr"; bad = 3 }
			f = substr(f, 2, length(f) - 2)
			gsub(/""/, "\"", f); gsub(/\\/, "\\\\", f); gsub(/\t/, "\\t", f); gsub(/\n/, "\\n", f)
			out = nf++ ? out "\t" f : f
		}
		BEGIN { bom = sprintf("%c%c%c", 239, 187, 191) }
		{
			sub(/\r$/, "")
			line = pending != "" ? pending "\n" $0 : $0
			if (quotes(line) % 2) { pending = line; next }
			pending = ""
			if (++nrec == 1 && substr(line, 1, 3) == bom)
				line = substr(line, 4)
			if (line == "")
				next	# the blank line LimeSurvey ends with
			n = split(line, p, d); out = ""; nf = 0; f = ""; open = 0
			for (i = 1; i <= n; i++) {
				f = open ? f d p[i] : p[i]
				open = quotes(f) % 2
				if (!open) emit(f)
			}
			print out
		}
		END { exit bad }' "$1"
}

# The committed fixture as TSV, made once per test file.
setup_file() {
	csv_tsv "$FIXTURES/awareness-export.csv" >"$BATS_FILE_TMPDIR/export.tsv"
}

# select TSV CONDITION: the rows where the awk CONDITION holds, with the
# columns of the header as c["NAME"].
select_rows() {
	awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) ix[$i] = i; print; next }
		{ for (k in ix) c[k] = $(ix[k]) }
		'"$2"' { print }' "$1"
}

# The 83 analysed respondents: complete, not students.
analysed() {
	select_rows "$BATS_FILE_TMPDIR/export.tsv" \
		'c["submitdate"] != "" && c["Q3"] != "I am a student."'
}

# tally COLUMN [FILTER]: "count<TAB>answer" of the analysed, sorted by answer.
tally() {
	analysed | select_rows /dev/stdin "${2:-1}" | awk -F'\t' -v col="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) k = i; next }
		{ n[$k]++ }
		END { for (a in n) printf "%d\t%s\n", n[a], a }' | sort -t$'\t' -k2
}

# checked Q: for each column Q[...] of a multiple-choice question, how many of
# the analysed checked it ("Yes") or, for Q[other], wrote a text.
checked() {
	analysed | awk -F'\t' -v q="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) if (index($i, q "[") == 1) col[++m] = i; for (j = 1; j <= m; j++) name[j] = $(col[j]); next }
		{ for (j = 1; j <= m; j++) if ($(col[j]) != "") n[j]++ }
		END { for (j = 1; j <= m; j++) printf "%s %d\n", name[j], n[j] }'
}

count_rows() {
	awk 'END { print NR - 1 }' "$1"
}

# ---- the fixture is the generator's output --------------------------------

@test "regenerating with the defaults gives the committed fixture byte for byte" {
	svy simulate >export.csv
	cmp export.csv "$FIXTURES/awareness-export.csv"
}

@test "--seed 2021 and --respondents 1471 are the defaults" {
	svy simulate --seed 2021 --respondents 1471 --delimiter , >export.csv
	cmp export.csv "$FIXTURES/awareness-export.csv"
}

@test "the same options give the same bytes; another seed another file of the same shape" {
	svy simulate --seed 7 >a.csv
	svy simulate -s 7 >b.csv
	cmp a.csv b.csv
	svy simulate --seed 8 >c.csv
	run cmp -s a.csv c.csv
	assert_failure
	csv_tsv c.csv >c.tsv
	[ "$(count_rows c.tsv)" -eq 1471 ]
	[ "$(select_rows c.tsv 'c["submitdate"] != ""' | count_rows /dev/stdin)" -eq 94 ]
}

# ---- what LimeSurvey writes ---------------------------------------------

@test "UTF-8 BOM, CRLF line ends, every value quoted, a blank line at the end" {
	f="$FIXTURES/awareness-export.csv"
	[ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')" = "efbbbf22" ]
	[ "$(tail -c 5 "$f" | od -An -c | tr -s ' ' | sed 's/^ //')" = '" \r \n \r \n' ]
	# Every line ends with CR LF except inside multi-line values (LF only).
	[ "$(grep -c $'\r$' "$f")" -eq 1473 ]
	# csv_tsv fails on an unquoted field.
	csv_tsv "$f" >/dev/null
}

@test "the header: question codes in questionnaire order" {
	head -1 "$BATS_FILE_TMPDIR/export.tsv" | tr '\t' '\n' >header.txt
	diff -u "$TESTDATA/simulate/header.txt" header.txt
}

@test "every row has the header's 91 fields" {
	run awk -F'\t' '{ print NF }' "$BATS_FILE_TMPDIR/export.tsv"
	assert_success
	[ "$(printf '%s\n' "$output" | sort -u)" = 91 ]
}

@test "values with quotes, commas, semicolons and line breaks survive (Q23)" {
	run select_rows "$BATS_FILE_TMPDIR/export.tsv" 'c["Q23"] ~ /\\n/'
	[ "$(printf '%s\n' "$output" | count_rows /dev/stdin)" -ge 3 ]
	run select_rows "$BATS_FILE_TMPDIR/export.tsv" 'c["Q23"] ~ /"right to be forgotten",/'
	[ "$(printf '%s\n' "$output" | count_rows /dev/stdin)" -ge 1 ]
	grep -q '"Since GDPR requires the ""right to be forgotten"", we' "$FIXTURES/awareness-export.csv"
}

@test "--delimiter ';' and 'tab' change only the separator; comma, semicolon are names as in clean" {
	for d in ';' tab semicolon comma; do
		svy simulate --delimiter "$d" >export.csv
		case $d in tab) sep=$'\t' ;; semicolon) sep=';' ;; comma) sep=, ;; *) sep=$d ;; esac
		csv_tsv export.csv "$sep" >export.tsv
		cmp export.tsv "$BATS_FILE_TMPDIR/export.tsv"
	done
	svy simulate -d tab | head -1 | grep -q $'^\xef\xbb\xbf"id"\t"submitdate"\t'
}

# ---- the study's shape --------------------------------------------------

@test "1471 opened, 94 complete (submitdate), 11 of them students, 83 analysed" {
	f="$BATS_FILE_TMPDIR/export.tsv"
	[ "$(count_rows "$f")" -eq 1471 ]
	[ "$(select_rows "$f" 'c["submitdate"] != ""' | count_rows /dev/stdin)" -eq 94 ]
	[ "$(select_rows "$f" 'c["submitdate"] != "" && c["Q3"] == "I am a student."' | count_rows /dev/stdin)" -eq 11 ]
	[ "$(analysed | count_rows /dev/stdin)" -eq 83 ]
	# ids 1..1471 in order
	[ "$(awk -F'\t' 'NR > 1 && $1 != NR - 1 { bad++ } END { print bad + 0 }' "$f")" -eq 0 ]
}

@test "complete: lastpage 7, submitdate = datestamp in July-October 2020" {
	run select_rows "$BATS_FILE_TMPDIR/export.tsv" 'c["submitdate"] != "" && (c["lastpage"] != 7 || c["submitdate"] != c["datestamp"] || c["submitdate"] !~ /^2020-(07|08|09|10)-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]$/ || c["startdate"] > c["submitdate"])'
	assert_success
	assert_output "$(head -1 "$BATS_FILE_TMPDIR/export.tsv")"
}

@test "incomplete: no submitdate, lastpage below 7, pages after lastpage empty" {
	f="$BATS_FILE_TMPDIR/export.tsv"
	run select_rows "$f" 'c["submitdate"] == "" && c["lastpage"] >= 7'
	assert_output "$(head -1 "$f")"
	# nothing answered at all (no page submitted): the largest group
	[ "$(select_rows "$f" 'c["submitdate"] == "" && c["lastpage"] == "" && c["Q1"] == "" && c["Q3"] == "" && c["Q22"] == ""' | count_rows /dev/stdin)" -gt 600 ]
	# some stopped after the demographics: Q3 answered, attacks (page 4) not
	[ "$(select_rows "$f" 'c["lastpage"] == 1 && c["Q3"] != "" && c["Q9"] == "" && c["Q16[SQ001]"] == ""' | count_rows /dev/stdin)" -gt 100 ]
	run select_rows "$f" 'c["submitdate"] == "" && c["lastpage"] < 4 && c["Q16[SQ001]"] != ""'
	assert_output "$(head -1 "$f")"
}

@test "students were not shown Q7, Q8, Q15: empty" {
	run select_rows "$BATS_FILE_TMPDIR/export.tsv" 'c["Q3"] == "I am a student." && (c["Q7"] != "" || c["Q8"] != "" || c["Q15"] != "")'
	assert_output "$(head -1 "$BATS_FILE_TMPDIR/export.tsv")"
}

@test "Table 2: area (all of Europe in EU member states)" {
	run tally Q1
	assert_output "$(cat <<'EOF'
1	Argentina
3	Australia
4	Austria
2	Belgium
1	Brazil
2	Canada
1	China
1	Finland
5	France
30	Germany
2	India
2	Ireland
4	Italy
1	Japan
5	Netherlands
3	Poland
1	Portugal
1	Singapore
4	Spain
3	Sweden
7	United States
EOF
)"
}

@test "Table 2: education 2/12/55/13 and one Other (-oth-, text in Q2[other])" {
	run tally Q2
	assert_output "$(cat <<'EOF'
1	-oth-
12	Bachelor's degree
13	Doctorate
2	High school or secondary school degree (i.e. Abitur, baccalauréat, A levels etc.)
55	Master's degree or diploma
EOF
)"
	run tally 'Q2[other]' 'c["Q2"] == "-oth-"'
	assert_output --regexp $'^1\t[A-Z].+$'
	[ "$(tally 'Q2[other]' 'c["Q2"] != "-oth-"')" = $'82\t' ]
}

@test "Table 2: employment, years with ML, company size" {
	run tally Q3
	assert_output $'73\tI am an employee.\n6\tI am self-employed.\n4\tI am unemployed.'
	run tally Q4
	assert_output $'49\t1-3 years\n11\t10 years or more\n18\t4-6 years\n5\t7-9 years'
	run tally Q7
	assert_output "$(cat <<'EOF'
5	1-10 employees
12	10,001+ employees
15	1001-5000 employees
8	11-50 employees
12	201-500 employees
7	5001-10,000 employees
8	501-1000 employees
10	51-200 employees
6	Self-employed
EOF
)"
	# company size "Self-employed" is exactly the self-employed respondents
	run tally Q3 'c["Q7"] == "Self-employed"'
	assert_output $'6\tI am self-employed.'
}

@test "Table 2: ML application (Q6, multiple answers) 38/39/48/17" {
	run checked Q6
	assert_output "$(printf '%s\n' 'Q6[SQ001] 38' 'Q6[SQ002] 39' 'Q6[SQ003] 48' 'Q6[SQ004] 17' 'Q6[other] 2')"
}

@test "Table 3: daily tasks, data types, domains (Other = non-empty texts)" {
	run checked Q5
	assert_output "$(printf 'Q5[SQ00%d] %d\n' 1 44 2 59 3 36 4 16 5 45 6 54 7 31 8 47 9 27; echo 'Q5[other] 3')"
	run checked Q11
	assert_output "$(printf 'Q11[SQ00%d] %d\n' 1 44 2 17 3 15 4 37 5 24 6 30 7 39 8 38; echo 'Q11[other] 4')"
	run checked Q12
	assert_output "$(printf 'Q12[SQ00%d] %d\n' 1 19 2 20 3 19 4 32 5 8 6 22 7 7 8 11; echo 'Q12[other] 22')"
}

@test "Table 3: role of ML 47/28/6/2" {
	run tally Q8
	assert_output "$(cat <<'EOF'
28	ML is included in the product but not key part.
47	ML is key part of the product.
2	ML is only used internally for marketing.
6	ML is only used internally for other purposes than marketing (e.g. to improve the product, finance, ...).
EOF
)"
}

@test "importance (Q13): 54 important or very important (65%); knowledge (Q14) 25/28/61/56" {
	run tally Q13
	assert_output "$(cat <<'EOF'
34	Important
21	Moderately important
6	Of little importance
2	Unimportant
20	Very important
EOF
)"
	run checked Q14
	assert_output "$(printf '%s\n' 'Q14[SQ001] 25' 'Q14[SQ002] 28' 'Q14[SQ003] 61' 'Q14[SQ004] 56' 'Q14[other] 3')"
}

@test "Tables 4-5 group sizes: 41 ML developers, 48 responsible (incl. education Other)" {
	[ "$(analysed | select_rows /dev/stdin 'c["Q5[SQ003]"] == "Yes" || c["Q5[SQ004]"] == "Yes"' | count_rows /dev/stdin)" -eq 41 ]
	run tally Q15
	assert_output "$(cat <<'EOF'
20	A designated expert takes care of ML security.
8	I solely take care of all ML security.
18	I take care of all ML security, together with some others.
22	I take care of my ML projects' security.
15	Nobody takes care of ML security.
EOF
)"
	run tally Q15 'c["Q2"] == "-oth-"'
	assert_output --regexp $'^1\tI (take care of my|solely|take care of all)'
}

@test "H.2.5 group sizes: EU data relation 23/17/24, one directly related without Q22" {
	eu='c["Q1"] ~ /^(Austria|Belgium|Finland|France|Germany|Ireland|Italy|Netherlands|Poland|Portugal|Spain|Sweden)$/'
	run tally Q10 "$eu"
	assert_output "$(cat <<'EOF'
24	...directly related to humans (at least some data that I work with).
17	...indirectly related to humans (at least some data that I work with).
23	...not related to humans (any of my data).
EOF
)"
	run tally Q10 "$eu"' && c["Q22"] == ""'
	assert_output $'1\t...directly related to humans (at least some data that I work with).'
}

@test "the 18 familiarity items of the analysed are the input of the R psych reference run" {
	analysed | awk -F'\t' '
		BEGIN { n = split("Q16[SQ001] Q16[SQ002] Q16[SQ003] Q16[SQ004] Q18[SQ001] Q18[SQ002] Q18[SQ003] Q18[SQ004] Q18[SQ005] Q18[SQ006] Q18[SQ007] Q19[SQ001] Q19[SQ002] Q19[SQ003] Q19[SQ004] Q19[SQ005] Q19[SQ006] Q19[SQ007]", want, " ") }
		NR == 1 { for (i = 1; i <= NF; i++) ix[$i] = i; next }
		{
			for (j = 1; j <= n; j++) {
				a = $(ix[want[j]])
				v = a ~ /^Yes, I have implemented/ ? 2 : a ~ /^I am familiar/ ? 1 : a ~ /^No, I am not familiar/ ? 0 : "?"
				printf "%s%s", v, j < n ? "\t" : "\n"
			}
		}' >items.tsv
	tail -n +2 "$TESTDATA/simulate/items.tsv" | diff -u - items.tsv
}

@test "the reference run (R psych, committed): 13 items load above .45, exactly the paper's 5 do not" {
	run awk '/^## loadings/ { on = 1; next } /^##/ { on = 0 } on && $1 != "item" && $2 <= 0.45 { print $1 }' \
		"$TESTDATA/simulate/fa-18.txt"
	assert_output "$(printf '%s\n' method_adversarial_training method_input_observation method_output_smoothing method_federated method_system_security)"
	# KMO about .8, alpha of the 13 about .86, a third of their variance
	awk '/^## kmo/ { getline; getline; exit !($1 > 0.75 && $1 < 0.9) }' "$TESTDATA/simulate/fa-18.txt"
	awk '/^## alpha/ { getline; getline; exit !($2 == 13 && $3 > 0.83 && $3 < 0.89) }' "$TESTDATA/simulate/fa-13.txt"
	awk '/^## variance/ { getline; getline; exit !($3 > 0.30 && $3 < 0.38) }' "$TESTDATA/simulate/fa-13.txt"
}

# ---- Figure 9: the methods fall into the paper's three clusters -------------

# The paper's clusters (Figure 9 and Section 4.2.3), as column names.
CLASSIC='method_sanitization method_provenance method_ensemble method_input_observation method_access_control method_system_security'
ML_SPECIFIC='method_adversarial_training method_output_smoothing method_federated method_delay'
PRIVACY='method_differential_privacy method_homomorphic method_watermarking method_record_linkage'

@test "Figure 9: the methods' answers of the analysed are the input of the k-means reference run" {
	analysed | awk -F'\t' '
		BEGIN {
			split("Q18[SQ001] Q18[SQ002] Q18[SQ003] Q18[SQ004] Q18[SQ005] Q18[SQ006] Q18[SQ007] Q19[SQ001] Q19[SQ002] Q19[SQ003] Q19[SQ004] Q19[SQ005] Q19[SQ006] Q19[SQ007]", q, " ")
			split("sanitization provenance adversarial_training ensemble input_observation output_smoothing federated delay access_control system_security differential_privacy homomorphic watermarking record_linkage", name, " ")
			print "column\tcount_0\tcount_1\tcount_2"
		}
		NR == 1 { for (i = 1; i <= NF; i++) ix[$i] = i; next }
		{
			for (j = 1; j <= 14; j++) {
				a = $(ix[q[j]])
				v = a == "Yes, I have implemented this method." ? 2 : a == "I am familiar with this method, but have not implemented it, yet." ? 1 : a == "No, I am not familiar with this method." ? 0 : "?"
				n[j, v]++
			}
		}
		END { for (j = 1; j <= 14; j++) printf "method_%s\t%d\t%d\t%d\n", name[j], n[j, 0], n[j, 1], n[j, 2] }' >counts.tsv
	cut -f1-4 "$TESTDATA/simulate/familiarity.tsv" | diff -u - counts.tsv
}

@test "Figure 9: three well-separated groups of shares (of 83: not familiar, familiar, implemented)" {
	f="$TESTDATA/simulate/familiarity.tsv"
	# columns: method, not familiar, familiar, implemented (counts)
	# classic security: up to half implemented (here 32-38 of 83), few unfamiliar
	for m in $CLASSIC; do
		awk -F'\t' -v m="$m" '$1 == m { exit !($2 <= 26 && $4 >= 32 && $4 <= 42) }' "$f" || fail "$m"
	done
	# ML-specific: rarely implemented, mostly familiar only
	for m in $ML_SPECIFIC; do
		awk -F'\t' -v m="$m" '$1 == m { exit !($3 >= 42 && $4 <= 12 && $2 <= 30) }' "$f" || fail "$m"
	done
	# privacy: the majority not familiar, very few implemented
	for m in $PRIVACY; do
		awk -F'\t' -v m="$m" '$1 == m { exit !($2 >= 42 && $4 <= 6) }' "$f" || fail "$m"
	done
}

@test "the k-means reference run (scikit-learn, committed): the elbow is at k = 3, the paper's clusters" {
	# the elbow: the k whose inertia lies farthest below the chord from k = 1 to 8
	run awk -F'\t' 'NR > 1 { w[$1] = $2; kmax = $1 }
		END {
			for (k = 1; k <= kmax; k++) {
				gap = w[1] + (w[kmax] - w[1]) * (k - 1) / (kmax - 1) - w[k]
				if (k == 1 || gap > best) { best = gap; kbest = k }
			}
			print kbest
		}' "$TESTDATA/simulate/elbow.tsv"
	assert_output 3
	# k = 3 puts each of the paper's clusters together, and nothing else
	# (clusters numbered in order of first appearance)
	run awk -F'\t' '/^## labels/ { on = 1; next } on && $1 != "column" { m[$NF] = m[$NF] " " $1 }
		END { for (c = 1; c <= 3; c++) print substr(m[c], 2) }' "$TESTDATA/simulate/kmeans-3.txt"
	assert_output "$(printf '%s\n' "$CLASSIC" "$ML_SPECIFIC" "$PRIVACY")"
}

# ---- scaling ---------------------------------------------------------------

@test "--respondents scales the shares: 10000 opened, 639 complete, 75 students" {
	svy simulate --respondents 10000 >big.csv
	csv_tsv big.csv >big.tsv
	[ "$(count_rows big.tsv)" -eq 10000 ]
	[ "$(select_rows big.tsv 'c["submitdate"] != ""' | count_rows /dev/stdin)" -eq 639 ]
	[ "$(select_rows big.tsv 'c["submitdate"] != "" && c["Q3"] == "I am a student."' | count_rows /dev/stdin)" -eq 75 ]
	# the 564 practitioners are 6 blocks of 83 with the exact marginals and 66
	# of a 7th: education Other 6 or 7 times, Germany 180 to 210 times
	n=$(select_rows big.tsv 'c["submitdate"] != "" && c["Q2"] == "-oth-" && c["Q3"] != "I am a student."' | count_rows /dev/stdin)
	[ "$n" -ge 6 ] && [ "$n" -le 7 ]
	n=$(select_rows big.tsv 'c["submitdate"] != "" && c["Q1"] == "Germany" && c["Q3"] != "I am a student."' | count_rows /dev/stdin)
	[ "$n" -ge 180 ] && [ "$n" -le 210 ]
}

@test "--respondents 0 writes the header only; 1 writes one incomplete row" {
	svy simulate --respondents 0 >zero.csv
	csv_tsv zero.csv >zero.tsv
	[ "$(count_rows zero.tsv)" -eq 0 ]
	diff -u "$TESTDATA/simulate/header.txt" <(tr '\t' '\n' <zero.tsv)
	svy simulate -n 1 >one.csv
	csv_tsv one.csv >one.tsv
	[ "$(count_rows one.tsv)" -eq 1 ]
	[ "$(select_rows one.tsv 'c["submitdate"] == ""' | count_rows /dev/stdin)" -eq 1 ]
}

@test "a million respondents stream in seconds" {
	[ -n "${SVY_SANITIZED:-}" ] && n=200000 || n=1000000
	run bash -c "'$BIN/simulate' --respondents $n | tail -c 2 | od -An -c"
	assert_success
	assert_output '  \r  \n'
}

# ---- the codebook --------------------------------------------------------

@test "codebook: five fields a row, every column in the export, output names unique" {
	cb="$FIXTURES/codebook.tsv"
	[ "$(head -1 "$cb")" = $'column\trename\tlabel\tcode\tvalue' ]
	run awk -F'\t' 'NR > 1 && !/^#/ && NF && NF != 5 { print NR ": " NF " fields" }' "$cb"
	assert_output ''
	run awk -F'\t' 'NR == FNR { have[$0] = 1; next }
		FNR > 1 && !/^#/ && NF && $1 !~ /^@/ && !($1 in have) { print "not in the export: " $1 }' \
		"$TESTDATA/simulate/header.txt" "$cb"
	assert_output ''
	run awk -F'\t' 'FNR > 1 && !/^#/ && $2 != "" { if (seen[$2]++) print "twice: " $2 }' "$cb"
	assert_output ''
	# Q24 and Q25 (e-mail addresses) are left to svy clean
	run grep -c $'^Q2[45]\t' "$cb"
	assert_output 0
}

@test "codebook: every answer of the analysed has a level (label, or empty for unchecked)" {
	cb="$FIXTURES/codebook.tsv"
	analysed >analysed.tsv
	run awk -F'\t' '
		FNR == 1 && NR == 1 { next }
		NR == FNR {
			if (/^#/ || NF == 0) next
			if ($1 ~ /^@/) { level[$1 SUBSEP $3] = level[$1 SUBSEP $4] = 1; next }
			if ($3 ~ /^@/) { uses[$1] = uses[$1] " " $3; next }
			if ($2 != "") cur = $1 SUBSEP $2
			if ($3 != "" || $4 != "" || $5 != "") { level[cur SUBSEP $3] = level[cur SUBSEP $4] = 1; own[$1] = own[$1] " " cur }
			next
		}
		FNR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
		{
			for (i = 1; i <= NF; i++) {
				col = name[i]; v = $i
				n = split(uses[col], s, " ")
				for (j = 1; j <= n; j++) if (!((s[j] SUBSEP v) in level)) print "unknown " col " (" s[j] "): " v
				n = split(own[col], s, " ")
				for (j = 1; j <= n; j++) if (v != "" && !((s[j] SUBSEP v) in level)) print "unknown " col ": " v
			}
		}' "$cb" analysed.tsv
	assert_output ''
}

@test "codebook: every level has a label, and a LimeSurvey code unless it is the empty answer" {
	run awk -F'\t' 'FNR > 1 && !/^#/ && NF && $3 !~ /^@/ && ($3 != "" || $4 != "" || $5 != "") && ($3 == "" || $4 == "") && !($3 == "" && $4 == "") { print NR ": " $0 }' \
		"$FIXTURES/codebook.tsv"
	assert_output ''
	# the checked box and the "Other" of Q2 use LimeSurvey's codes
	grep -q $'^@checked\t\tYes\tY\t1$' "$FIXTURES/codebook.tsv"
	grep -q $'^Q2\t\tOther\t-oth-\tmissing$' "$FIXTURES/codebook.tsv"
}

# ---- options -----------------------------------------------------------------

@test "--help and --version" {
	run svy simulate --help
	assert_success
	assert_line --index 0 'usage: svy-simulate [OPTION]...'
	assert_output --partial '--respondents N'
	run svy simulate --version
	assert_success
	assert_output --regexp '^svy-simulate \(svy\) [0-9]'
}

@test "bad options: exit 2 with a message" {
	while IFS='#' read -r args msg; do
		eval "run svy simulate $args"
		assert_failure 2
		assert_line --index 0 "$msg"
		assert_line --index 1 "Try 'svy-simulate --help' for more information."
	done <<'EOF'
--respondents -1#svy-simulate: option '--respondents': '-1' is not a whole number from 0 to 1000000000
--respondents abc#svy-simulate: option '--respondents': 'abc' is not a whole number from 0 to 1000000000
--respondents ' 5'#svy-simulate: option '--respondents': ' 5' is not a whole number from 0 to 1000000000
--respondents +5#svy-simulate: option '--respondents': '+5' is not a whole number from 0 to 1000000000
--respondents 1e3#svy-simulate: option '--respondents': '1e3' is not a whole number from 0 to 1000000000
-n 1000000001#svy-simulate: option '--respondents': '1000000001' is not a whole number from 0 to 1000000000
--seed x#svy-simulate: option '--seed': 'x' is not a whole number from 0 to 4294967295
--seed 4294967296#svy-simulate: option '--seed': '4294967296' is not a whole number from 0 to 4294967295
--delimiter '|'#svy-simulate: option '--delimiter': '|' is not a delimiter (',', ';', 'tab')
--delimiter tabs#svy-simulate: option '--delimiter': 'tabs' is not a delimiter (',', ';', 'tab')
extra#svy-simulate: no operand expected (got 'extra')
--bogus#svy-simulate: unknown option '--bogus'
-x#svy-simulate: unknown option '-x'
--seed#svy-simulate: option '--seed' needs a value
-n#svy-simulate: option '-n' needs a value
--help=1#svy-simulate: option '--help' takes no value
EOF
}

@test "a write error is an error; a closed pipe ends quietly" {
	run bash -c "'$BIN/simulate' --respondents 100000 >/dev/full"
	assert_failure 1
	assert_output --partial 'svy-simulate: <stdout>: write error: No space left on device'
	run bash -c "'$BIN/simulate' --respondents 100000 | head -c 10 >/dev/null; echo \${PIPESTATUS[0]}"
	assert_output --regexp '^(0|141|1)$'
}
