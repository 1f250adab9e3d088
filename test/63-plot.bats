#!/usr/bin/env bats
# svy plot: terminal drawings compared with golden text (test/data/plot/*.txt,
# made by svy plot and checked by eye), histogram counts with numpy.histogram
# (make-expected.py); figures through gnuplot.

load test_helper

D="$TESTDATA/plot"
S="$TESTDATA/tally/survey.tsv"

# the longest line of FILE, in characters (UTF-8 code points)
widest() {
	LC_ALL=C.UTF-8 wc -L < "$1"
}

@test "histogram of a numeric column: Sturges bins, counts as numpy.histogram, to the width" {
	svy plot -c awareness --width 60 "$S" > out 2> err
	cmp out "$D/hist.txt"
	assert_equal "$(cat err)" "svy-plot: read 40 rows, plotted 38, 2 missing"
	awk '{ print $(NF - 1) }' out > counts
	cmp counts "$D/hist-counts.txt"
	[ "$(widest out)" -eq 60 ]
	# --bins (numpy.histogram(x, bins=2): 24, 14)
	run svy plot -q -c awareness --bins 2 --width 60 "$S"
	assert_output - <<-'EOT'
	[0.08884, 0.4086) 24 ███████████████████████████████████████
	[0.4086, 0.7283]  14 ██████████████████████▊
	EOT
}

@test "bar chart of a categorical column; --bar for numeric codes; --top N cuts with (other)" {
	svy plot -q -c education --width 60 "$S" > out
	cmp out "$D/bar.txt"
	run svy plot -q -c method_dp --bar --width 40 -i "$S"
	assert_output - <<-'EOT'
	0 27 ███████████████████████████████████
	1  9 ███████████▋
	2  3 ███▉
	EOT
	run svy plot -q -c education --top 1 --width 40 "$S"
	assert_output - <<-'EOT'
	Master  19 █████████████████████████████
	(other) 19 █████████████████████████████
	EOT
}

@test "--levels: a bar chart in the scale's order, unseen levels at 0, numbers by value (the data's spelling)" {
	run svy plot -q -c method_dp -l 2,1.0,0,3 --width 40 "$S"
	assert_success
	assert_output - <<-'EOT'
	2  3 ███▉
	1  9 ███████████▋
	0 27 ███████████████████████████████████
	3  0 
	EOT
}

@test "box plots by group: whiskers at min and max, box q1 to q3, the median" {
	svy plot -q -c awareness -g education --width 60 "$S" > out
	cmp out "$D/box.txt"
	[ "$(widest out)" -le 60 ]
}

@test "width: \$COLUMNS when it is a number, else 80; long labels are cut with an ellipsis" {
	for cols in '' abc 10 -5 '80x'; do
		COLUMNS=$cols svy plot -q -c awareness "$S" > out
		[ "$(widest out)" -eq 80 ] || fail "COLUMNS='$cols': $(widest out) columns"
	done
	env -u COLUMNS "$BIN/plot" -q -c awareness "$S" > out
	[ "$(widest out)" -eq 80 ]
	COLUMNS=120 svy plot -q -c awareness "$S" > out
	[ "$(widest out)" -eq 120 ]
	printf 'a\nan answer much longer than a third of the width, in Grüße\nb\n' > long.tsv
	run svy plot -q -c a --width 30 long.tsv
	assert_line --index 0 "an answer… 1 █████████████████"
	printf '%s\n' "${lines[@]}" > long.txt
	[ "$(widest long.txt)" -eq 30 ]
}

@test "too many levels for a bar chart: a clear error, or the --top cut" {
	awk 'BEGIN { print "a"; for (i = 1; i <= 500; i++) print "level" i % 100 }' > many.tsv
	run svy plot -q -c a many.tsv
	assert_failure 1
	assert_output "svy-plot: many.tsv: column 'a' has 100 levels, more than a bar chart shows (40): use --top N, or --max-levels"
	run svy plot -q -c a --top 3 --width 40 many.tsv
	assert_success
	assert_output - <<-'EOT'
	level0    5 ▎
	level1    5 ▎
	level10   5 ▎
	(other) 485 ████████████████████████████
	EOT
	run svy plot -q -c a --max-levels 100 many.tsv
	assert_success
	[ "${#lines[@]}" -eq 100 ]
}

@test "-o FILE.png / FILE.svg: a figure through gnuplot, atomically; any other name the text" {
	command -v gnuplot >/dev/null || skip "gnuplot not installed"
	svy plot -q -c awareness -o hist.png "$S"
	[ "$(head -c 8 hist.png | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ]
	svy plot -q -c education -o bar.svg "$S"
	grep -q '<svg' bar.svg
	grep -q 'Bachelor' bar.svg
	svy plot -q -c awareness -g education --title "it's awareness" -o box.svg "$S"
	grep -q "it's awareness" box.svg
	[ -z "$(ls | grep -v -e '^hist.png$' -e '^bar.svg$' -e '^box.svg$')" ] || fail "left behind: $(ls)"
	svy plot -q -c awareness --width 60 -o hist.txt "$S"
	cmp hist.txt "$D/hist.txt"
}

@test "no gnuplot: a named error for -o FILE.png, nothing left behind; the terminal drawing needs none" {
	run env PATH=/nonexistent "$BIN/plot" -q -c awareness -o hist.png "$S"
	assert_failure 1
	assert_line "svy-plot: gnuplot failed (status 127) drawing hist.png: is gnuplot (gnuplot-nox) installed?"
	[ -z "$(ls)" ] || fail "left behind: $(ls)"
	env PATH=/nonexistent "$BIN/plot" -q -c awareness --width 60 "$S" > out
	cmp out "$D/hist.txt"
}

@test "bad input and usage: exact messages and exit status" {
	while IFS='|' read -r input args want message; do
		printf "$input" > in.tsv
		run svy plot $args in.tsv
		[ "$status" = "$want" ] || fail "'$input' $args: exit $status, want $want"
		[ "${lines[0]}" = "$message" ] || fail "'$input' $args: got '${lines[0]}', want '$message'"
	done <<-'EOT'
	|-c a|1|svy-plot: in.tsv: empty input: no header row
	a\tb\n|-c a|1|svy-plot: in.tsv: no data rows, only a header
	a\tb\n1\t2\n3\n|-c a|1|svy-plot: in.tsv:3: row has 1 field, header has 2
	a\tb\n1\t\0\n|-c a|1|svy-plot: in.tsv:2: NUL byte in input
	a\ta\nx\t1\n|-c a|1|svy-plot: in.tsv:1: column 'a': header has this name twice (fields 1 and 2)
	a\tb\n1\t2\n|-c c|2|svy-plot: in.tsv: no column 'c'; the columns are 'a', 'b'
	a\tb\n\t2\n|-c a|1|svy-plot: in.tsv: column 'a': no value to plot: every row is missing
	a\tb\nx\t2\n|-c a -g b|1|svy-plot: in.tsv:2: column 'a': not a number (got 'x')
	a\tb\n1\tx\n|-c a -g a|2|svy-plot: --by: the group is the column plotted ('a')
	a\tb\n1\t2\n||2|svy-plot: no column: give -c COLUMN
	a\tb\n1\t2\n|-c a -c b|2|svy-plot: one column to plot: 'a' or 'b'
	a\tb\n1\t2\n|-c a -g b --top 2|2|svy-plot: --by draws box plots: no --bar, --top, --bins or --levels
	a\tb\n1\t2\n|-c a -l 1,2 --top 2|2|svy-plot: --levels orders every level of a bar chart: no --top or --bins
	a\tb\n1\t2\n|-c a -l 2,3|1|svy-plot: in.tsv: column 'a': level not in --levels (got '1')
	a\tb\n1\t2\n|-c a --bar --bins 3|2|svy-plot: --bins is for histograms: not with --bar
	a\tb\n1\t2\n|-c a --bins 0|2|svy-plot: option '--bins': '0' is not a whole number from 1 to 1000
	a\tb\n1\t2\n|-c a --width 5|2|svy-plot: option '--width': '5' is not a whole number from 20 to 1000
	a\tb\n1e308\t2\n-1e308\t2\n|-c a|1|svy-plot: column 'a': the values span more than the largest number
	EOT
}

@test "a constant column, one row, extreme but finite values: one bin, no crash" {
	printf 'a\n5\n5\n5\n' > c.tsv
	run svy plot -q -c a --width 30 c.tsv
	assert_output "[5, 5] 3 █████████████████████"
	printf 'a\n1e300\n2e300\n' > e.tsv
	run svy plot -q -c a --width 60 e.tsv
	assert_success
	assert_line --index 0 --partial "[1e+300, 1.5e+300) 1"
	assert_line --index 1 --partial "[1.5e+300, 2e+300] 1"
}

@test "a span past the largest number: the same named error for the histogram and the box plots, text or figure" {
	# values | arguments
	while IFS='|' read -r rows args; do
		printf "a\tg\n$rows" >in.tsv
		for out in '' fig.svg; do
			run --separate-stderr svy plot -q $args ${out:+-o $out} in.tsv
			[ "$status" -eq 1 ] && [ "$stderr" = "svy-plot: column 'a': the values span more than the largest number" ] ||
				fail "'$rows' $args ${out:+-o $out}: status $status, '$stderr', '$output'"
			[ -z "$output" ] || fail "'$rows' $args: drew '$output'"
		done
	done <<-'EOT'
	1.7e308\tx\n-1.7e308\ty\n1\tx\n|-c a -g g
	1.7e308\tx\n-1.7e308\tx\n|-c a -g g
	1.7976931348623157e308\tx\n-1e308\ty\n|-c a -g g
	1.7e308\tx\n-1.7e308\ty\n1\tx\n|-c a
	EOT
	[ ! -e fig.svg ] && [ -z "$(ls | grep tmp)" ] || fail "left behind: $(ls)"
	# the largest span that fits still draws
	printf 'a\tg\n8e307\tx\n-8e307\ty\n0\tx\n' >in.tsv
	run svy plot -q -c a -g g --width 40 in.tsv
	assert_success
	assert_line --index 2 --partial "-8e+307"
}

@test "a histogram takes any number of distinct values; its bin labels have the digits to differ" {
	awk 'BEGIN { print "a"; for (i = 0; i < 150000; i++) printf "%.10f\n", 1 + i * 1e-10 }' >many.tsv
	run --separate-stderr svy plot -c a --bins 4 --width 80 many.tsv
	assert_success
	[ "$stderr" = "svy-plot: read 150000 rows, plotted 150000, 0 missing" ] || fail "'$stderr'"
	assert_equal "${lines[0]}" "[1, 1.000004)        37500 █████████████████████████████████████████████████████"
	assert_equal "${lines[3]}" "[1.000011, 1.000015] 37500 █████████████████████████████████████████████████████"
	# every label distinct, the edges of neighbours the same text
	[ "$(printf '%s\n' "${lines[@]}" | cut -d' ' -f1-2 | sort -u | wc -l)" -eq 4 ] || fail "labels alike: $output"
	# past the bound of levels, a later answer that is no number: the bar chart's error
	printf 'x\n' >>many.tsv
	run --separate-stderr svy plot -q -c a many.tsv
	assert_failure 1
	[ "$stderr" = "svy-plot: many.tsv:150002: column 'a' has more than 100000 levels (got 'x')" ] || fail "'$stderr'"
	# Sturges bins over values a millionth apart
	awk 'BEGIN { print "a"; for (i = 0; i < 64; i++) printf "%.6f\n", 1 + i * 1e-6 }' >close.tsv
	run svy plot -q -c a --width 60 close.tsv
	assert_success
	[ "$(printf '%s\n' "${lines[@]}" | cut -d' ' -f1-2 | sort -u | wc -l)" -eq 7 ] || fail "labels alike: $output"
	assert_line --index 0 --partial "[1, 1.000009)"
}

@test "control characters in the data never reach the terminal: shown as \\xNN" {
	# the answer (printf) | the label drawn
	while IFS='|' read -r value want; do
		printf "a\tg\n$value\t1\n$value\t2\nok\t3\n" >in.tsv
		run svy plot -q -c a --width 60 in.tsv
		assert_success
		[[ "$output" == *"$want "* ]] || fail "bar chart of '$value': $output"
		run svy plot -q -c g -g a --width 60 in.tsv
		assert_success
		[[ "$output" == *"$want "* ]] || fail "box plots of '$value': $output"
		# no C0 (but newline) and no C1 control, no ESC, anywhere
		printf '%s' "$output" | LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' && fail "a control byte from '$value'"
		printf '%s' "$output" | LC_ALL=C grep -q $'\xc2[\x80-\x9f]' && fail "a C1 control from '$value'"
		:
	done <<-'EOT'
	x\033]0;title\007|x\x1b]0;title\x07
	\033[31mred|\x1b[31mred
	\302\233m|\x9bm
	\377y|\xffy
	bell\007|bell\x07
	del\177|del\x7f
	tab\\tx|tab\x09x
	ä ö|ä ö
	EOT
}

@test "-o: the text drawing follows the output-file rules; plot takes the common options of lib/cli" {
	printf 'a\n1\n2\n' >in.tsv
	run svy plot --grammar
	assert_success
	for o in columns by input output quiet; do
		assert_line --regexp "^$o	.*	common$"
	done
	run --separate-stderr svy plot -q -c a -o in.tsv in.tsv
	[ "$status" -eq 2 ] && [[ "$stderr" == "svy-plot: 'in.tsv' is both an input and an output"* ]] || fail "'$stderr'"
	run --separate-stderr svy plot -q -c a,b in.tsv
	[ "$status" -eq 2 ] && [ "${stderr_lines[0]}" = "svy-plot: one column to plot: 'a' or 'b'" ] || fail "'$stderr'"
	run --separate-stderr svy plot -q -c a -g b,c in.tsv
	[ "$status" -eq 2 ] && [ "${stderr_lines[0]}" = "svy-plot: one group for box plots: 'b' or 'c'" ] || fail "'$stderr'"
}
