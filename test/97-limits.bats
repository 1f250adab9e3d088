#!/usr/bin/env bats
# Limits that real data can hit: handled, not crashed on.

load test_helper

@test "a 100 MB field passes clean, filter-students and encode-likert unchanged" {
	awk 'BEGIN { printf "\"id\",\"submitdate\",\"Q3\",\"text\"\r\n\"1\",\"2020-07-01 10:00:00\",\"A2\",\""
		s = "abcdefghij"; for (i = 0; i < 10; i++) s = s s   # 10 KiB
		for (i = 0; i < 10240; i++) printf "%s", s; printf "\"\r\n" }' >big.csv
	svy clean -q big.csv >big.tsv
	printf 'column\trename\tlabel\tcode\tvalue\nQ3\tworking_situation\n' >cb.tsv
	svy filter-students -q big.tsv | svy encode-likert -q -b cb.tsv >out.tsv
	[ "$(head -1 out.tsv)" = "$(printf 'id\tsubmitdate\tworking_situation\ttext')" ]
	[ "$(cut -f4 out.tsv | tail -1 | wc -c)" -eq $((10240 * 10240 + 1)) ]
}

@test "one CSV field past the cap (128 MiB, SVY_MAX_FIELD) is a named error in clean and codebook" {
	# 3 MB in one field, under a cap of 1 MiB: the line where the field starts
	awk 'BEGIN { printf "id,submitdate,Q1,text\n1,2020,a,x\n2,2020,b,\""
		for (i = 0; i < 300000; i++) printf "abcdefghij"; print "\"" }' >big.csv
	for tool in clean codebook; do
		SVY_MAX_FIELD=1M run --separate-stderr svy "$tool" -q big.csv
		assert_failure 1
		[ "$stderr" = "svy-$tool: big.csv:3: a field longer than 1048576 bytes (SVY_MAX_FIELD=BYTES raises the limit)" ] ||
			fail "$tool: '$stderr'"
	done
	# raised, the field passes whole; the default cap is far above it
	SVY_MAX_FIELD=4M svy clean -q big.csv >out.tsv
	[ "$(tail -1 out.tsv | cut -f4 | wc -c)" -eq 3000001 ]
	svy clean -q big.csv | cmp - out.tsv
	# a bad value is a usage error
	SVY_MAX_FIELD=lots run --separate-stderr svy clean -q big.csv
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-clean: SVY_MAX_FIELD: 'lots' is not a size in bytes (a whole number, or with k, M or G)" ]
}

@test "a million columns" {
	awk 'BEGIN { for (i = 1; i <= 1000000; i++) printf "%sc%d", (i > 1 ? "\t" : ""), i; printf "\tQ3\n"
		for (i = 1; i <= 1000000; i++) printf "%s%d", (i > 1 ? "\t" : ""), i % 10; printf "\tA2\n" }' >wide.tsv
	# the outputs go to files: a 14 MB $output in bash is most of the time
	svy filter-students -q wide.tsv >out.tsv
	[ "$(tail -1 out.tsv | awk -F'\t' '{ print NF }')" -eq 1000001 ]
	printf 'column\trename\tlabel\tcode\tvalue\nc7\tseven\tseven\t7\t7\n' >cb.tsv
	svy encode-likert -q --unknown=missing -b cb.tsv wide.tsv >out.tsv
	[ "$(head -1 out.tsv | cut -f7)" = seven ]
	svy derive -q --sum s='c*' wide.tsv >out.tsv
	[ "$(tail -1 out.tsv | awk -F'\t' '{ print $NF }')" = 4500000 ]
}

@test "ten million rows stream through in constant memory" {
	{ printf 'id\tQ3\n'; seq 10000000 | awk '{ print $1 "\t" ($1 == 5000000 ? "A1" : "A2") }'; } >long.tsv
	svy filter-students long.tsv >out.tsv 2>err.txt
	[ "$(cat err.txt)" = "svy-filter-students: read 10000000 rows, kept 9999999, dropped 1 (student); 0 kept with 'Q3' missing" ]
	grep -vx "$(printf '5000000\tA1')" long.tsv | cmp - out.tsv
}

@test "numbers: 1e400, 0x10, nan, inf are errors naming the value; -0 and 1e-400 are numbers" {
	while IFS='|' read -r value message; do
		printf 'a\tb\n%s\t1\n' "$value" >in.tsv
		run --separate-stderr svy derive --sum s=a,b in.tsv
		[ "$status" -eq 1 ] && [ "$stderr" = "svy-derive: in.tsv:2: column 'a': $message (got '$value')" ] ||
			fail "$value: status $status, '$stderr'"
	done <<'EOF2'
1e400|number out of range
-1e400|number out of range
0x10|not a number
nan|not a finite number
-inf|not a finite number
Infinity|not a finite number
1,5|not a number
 1|not a number
.|not a number
EOF2
	printf 'a\tb\n-0\t0\n1e-400\t2\n+.5\t1e3\n1.\t1\n' >in.tsv
	run svy derive -q --sum s=a,b --mean m=a in.tsv
	assert_success
	assert_output "$(printf 'a\tb\ts\tm\n-0\t0\t0\t0\n1e-400\t2\t2\t0\n+.5\t1e3\t1000.5\t0.5\n1.\t1\t2\t1')"
}

# A model's cost is rows x parameters^2 and its memory rows x parameters:
# dummy columns and interactions can make thousands from a few predictors.
# Past 200 parameters it is a named error, at once, whatever made them.
@test "svy-model: more than 200 parameters is a named error, not hours and gigabytes" {
	awk 'BEGIN { srand(3); print "y\tx\ta\tb"
		for (i = 0; i < 4000; i++)
			printf "%g\t%g\tA%d\tB%d\n", rand(), rand(), i % 100, int(i / 100) % 100 }' >int.tsv
	awk 'BEGIN { srand(4); printf "y"; for (j = 0; j < 250; j++) printf "\tx%d", j; print ""
		for (i = 0; i < 300; i++) { printf "%g", rand()
			for (j = 0; j < 250; j++) printf "\t%g", rand(); print "" } }' >wide.tsv
	cols=$(head -1 wide.tsv | cut -f2- | tr '\t' ,)
	while IFS='|' read -r file args want; do
		# shellcheck disable=SC2086
		run --separate-stderr timeout 20 "$BIN/model" -q $args "$file"
		assert_failure 1
		[ "$stderr" = "svy-model: $file: the model has $want parameters (dummy columns and interactions included; at most 200)" ] ||
			fail "$args: '$stderr'"
		assert_output ""
	done <<ROWS
int.tsv|-y y -c x,a,b,a:b|4001
int.tsv|-y y -c a,b,a:b|4000
wide.tsv|-y y -c $cols|251
ROWS
}

# correlate's pairs cost time and memory as columns^2 (5,000 columns were
# 12.5 million pairs, a gigabyte): more than 2,000 columns (100 in a paper's
# table) is a named error, at once; at the caps it runs.
@test "svy-correlate: more than 2,000 columns (100 in a --format table) is a named error; at the cap it runs" {
	awk 'BEGIN { srand(5); for (j = 0; j < 2001; j++) printf "%sx%d", (j ? "\t" : ""), j; print ""
		for (i = 0; i < 12; i++) { for (j = 0; j < 2001; j++) printf "%s%d", (j ? "\t" : ""), (i * (j % 11 + 1) + j % 5) % 13; print "" } }' >wide.tsv
	while IFS='|' read -r args want; do
		# shellcheck disable=SC2086
		run --separate-stderr timeout 20 "$BIN/correlate" -q $args wide.tsv
		assert_failure 1
		[ "$stderr" = "svy-correlate: wide.tsv: $want" ] || fail "$args: '$stderr'"
		assert_output ""
	done <<'ROWS'
-c x*|-c names 2001 columns: at most 2000 (1999000 pairs); correlate fewer, or in groups
-c x1*,x2* --format markdown|-c names 1223 columns: at most 100 in a --format table (4950 pairs); correlate fewer, or in groups
-c x1??,x20 --format latex|-c names 101 columns: at most 100 in a --format table (4950 pairs); correlate fewer, or in groups
ROWS
	run --separate-stderr svy correlate -q -c 'x1??' --format markdown wide.tsv
	assert_success
	[ "$(printf '%s\n' "$output" | grep -c '^| [0-9]*\. x1')" -eq 100 ]
}

@test "pairwise-wilcoxon: more than 1,000 columns (499,500 pairs) is a named error; at the cap it runs" {
	# column j, row i: j (i + 1) + i^2; no two columns equal on every row
	awk 'BEGIN { for (j = 0; j < 1001; j++) printf "%sx%d", (j ? "\t" : ""), j; print ""
		for (i = 0; i < 3; i++) { for (j = 0; j < 1001; j++) printf "%s%d", (j ? "\t" : ""), j * (i + 1) + i * i; print "" } }' >wide.tsv
	run --separate-stderr timeout 20 "$BIN/test-hypothesis" pairwise-wilcoxon -q -c 'x*' wide.tsv
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-test-hypothesis: pairwise-wilcoxon: the names match 1001 columns, 500500 pairs; at most 1000 columns" ]
	assert_output ""
	cut -f1-1000 wide.tsv >cap.tsv
	timeout 120 "$BIN/test-hypothesis" pairwise-wilcoxon -q -c 'x*' --no-header cap.tsv >pairs.tsv
	[ "$(wc -l <pairs.tsv)" -eq 499500 ]
}

# import --codebook checked each value label against every other (with a
# number formatted per pair): 20,000 labels took 100 s. Now by sorting.
@test "svy-import --codebook: 20,000 value labels in seconds, each a level" {
	awk 'BEGIN { print "column\trename\tlabel\tcode\tvalue"
		for (i = 1; i <= 20000; i++) printf "@s\t\tlabel %d\t\t%d\n", i, i
		printf "@s\t\t5\t\t20001\nq\t\t@s\t\t\n" }' >cb.tsv
	awk 'BEGIN { print "q"; for (i = 1; i <= 20001; i++) print i }' >q.tsv
	svy export -q -b cb.tsv -o big.sav q.tsv
	run --separate-stderr timeout 20 "$BIN/import" -q -b out-cb.tsv -o out.tsv big.sav
	assert_success
	cmp out.tsv q.tsv
	# the label that is another value's code: left out
	grep -q "the label of 20001 is another value's label or code: left out of the level: 5" out-cb.tsv
	[ "$(grep -c $'\tlabel [0-9]*\t' out-cb.tsv)" -eq 20000 ]
}
