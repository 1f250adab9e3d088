#!/usr/bin/env bats
# svy cluster: k-means on numeric columns.
# Expected values: test/data/cluster/make-expected.sh (scikit-learn KMeans with
# n_init=50 via test/refs/ref.py, and R kmeans(nstart = 50) via kmeans.R);
# inputs: test/data/cluster/make-inputs.py.

load test_helper

D="$TESTDATA/cluster"

# ref_inertia FILE: the inertia of a ref.py / kmeans.R "## kmeans" section.
ref_inertia() { awk -F'\t' '$3 == "inertia" { getline; print $3; exit }' "$1"; }
# ref_labels FILE: the cluster column of its "## labels" section.
ref_labels() { awk -F'\t' 'f { print $NF } /^## labels/ { f = 1; getline }' "$1"; }
# got_inertia: the inertia on the summary line (stderr) of the last run.
got_inertia() { sed -n 's/.*inertia \([^,]*\),.*/\1/p' err; }

@test "14 methods x 3 shares, k = 3: the partition and inertia of scikit-learn and R" {
	svy cluster -c share_0,share_1,share_2 --k 3 "$D/methods.tsv" > out 2> err
	cut -f6 out | tail -n +2 > got
	ref_labels "$D/methods.sklearn.k3" | diff - got
	ref_labels "$D/methods.R.k3" | diff - got
	numeq "$(got_inertia)" "$(ref_inertia "$D/methods.sklearn.k3")" 1e-9
	numeq "$(got_inertia)" "$(ref_inertia "$D/methods.R.k3")" 1e-9
	# the input rows come through unchanged, the cluster column appended
	cut -f1-5 out | diff - "$D/methods.tsv"
	[ "$(head -1 out | cut -f6)" = cluster ]
}

@test "the paper's three clusters: sanitization..observing, privacy methods, ML methods" {
	run svy cluster -q -c 'share_*' --k 3 "$D/methods.tsv"
	assert_success
	assert_line --index 1 --regexp '^method_sanitization	.*	1$'
	assert_line --index 7 --regexp '^method_differential_privacy	.*	2$'
	assert_line --index 11 --regexp '^method_smoothing_output	.*	3$'
}

@test "--elbow 8 on the method table chooses 3; --inertia gives scikit-learn's inertia per k" {
	svy cluster -c 'share_*' --elbow 8 --inertia inertia.tsv "$D/methods.tsv" > out 2> err
	grep -q 'k = 3 (elbow of k = 1..8)' err
	[ "$(head -1 inertia.tsv)" = "$(printf 'k\tn\tinertia\tr2\tgap\tchosen')" ]
	[ "$(awk -F'\t' '$6 == 1 { print $1 }' inertia.tsv)" = 3 ]
	cut -f1,3 inertia.tsv > got
	compare_numeric got "$D/methods.sklearn.elbow" 1e-9
	# the same clusters as --k 3
	svy cluster -q -c 'share_*' --k 3 "$D/methods.tsv" | diff - out
}

@test "--centroids: size, within sum of squares and the means of each cluster" {
	svy cluster -q -c 'share_*' --k 3 --centroids cent.tsv "$D/methods.tsv" > /dev/null
	cat > want <<-'EOT'
	cluster	n	within_ss	share_0	share_1	share_2
	1	6	0.0462573184303479	0.17269076305220885	0.3975903614457832	0.42971887550200805
	2	4	0.012556249092756565	0.6716867469879518	0.25903614457831325	0.06927710843373494
	3	4	0.007257947452460447	0.3795180722891566	0.5	0.12048192771084337
	EOT
	compare_numeric cent.tsv want 1e-12
	# means: cluster 2 (DP, HE, watermarking, PPRL) not familiar = (50+55+58+60)/(4*83)
	numeq "$(awk -F'\t' '$1 == 2 { print $4 }' cent.tsv)" "$(echo 'scale=20; 223/332' | bc)" 1e-12
}

@test "300 points, k = 2, 4, 6 (one clear optimum): scikit-learn's partition and inertia" {
	for k in 2 4 6; do
		svy cluster -c 'x*' --k $k "$D/blobs.tsv" > out 2> err
		cut -f6 out | tail -n +2 | diff - <(ref_labels "$D/blobs.sklearn.k$k")
		numeq "$(got_inertia)" "$(ref_inertia "$D/blobs.sklearn.k$k")" 1e-9
		numeq "$(got_inertia)" "$(ref_inertia "$D/blobs.R.k$k")" 1e-9
	done
}

@test "300 points, k = 8 (many local optima): inertia no worse than scikit-learn's or R's" {
	svy cluster -c 'x*' --k 8 "$D/blobs.tsv" > out 2> err
	got=$(got_inertia)
	for ref in sklearn R; do
		want=$(ref_inertia "$D/blobs.$ref.k8")
		awk -v g="$got" -v w="$want" 'BEGIN { exit !(g <= w * (1 + 1e-9)) }' ||
			fail "inertia $got worse than $ref's $want"
	done
	# scikit-learn's Lloyd (n_init=50) stops at 2515.78; R's Hartigan-Wong finds 2501.62
	numeq "$got" "$(ref_inertia "$D/blobs.R.k8")" 1e-9
}

@test "--algorithm lloyd: plain Lloyd iterations, scikit-learn's optimum on clear data" {
	svy cluster --algorithm lloyd -c 'x*' --k 6 "$D/blobs.tsv" > out 2> err
	numeq "$(got_inertia)" "$(ref_inertia "$D/blobs.sklearn.k6")" 1e-9
	run svy cluster --algorithm elkan -c x1 --k 2 "$D/blobs.tsv"
	assert_failure 2
	assert_line --index 0 "svy-cluster: option '--algorithm': 'elkan' is not one of: lloyd, hartigan"
}

# no_worse GOT WANT TOL: per k, column 3 of GOT (ours) at most column 2 of
# WANT (scikit-learn's) times 1 + TOL; every k there, every value a number.
no_worse() {
	[ "$(wc -l <"$1")" -eq "$(wc -l <"$2")" ] && [ "$(wc -l <"$1")" -gt 1 ] ||
		fail "$1 has $(wc -l <"$1") lines, $2 $(wc -l <"$2")"
	paste <(cut -f3 "$1" | tail -n +2) <(cut -f2 "$2" | tail -n +2) |
		awk -F'\t' -v tol="$3" '
			$1 !~ /^[0-9.e+-]+$/ || $2 !~ /^[0-9.e+-]+$/ { print "k=" NR ": not numbers: " $0; bad = 1; next }
			$1 + 0 > $2 * (1 + tol) { print "k=" NR ": " $1 " > " $2; bad = 1 }
			END { exit bad + (NR == 0) }'
}

@test "--elbow on 300 points: inertia per k no worse than scikit-learn's (n_init 50) at --elbow-restarts 500" {
	svy cluster -q -c 'x*' --elbow 10 --elbow-restarts 500 --inertia inertia.tsv "$D/blobs.tsv" > /dev/null
	no_worse inertia.tsv "$D/blobs.sklearn.elbow" 1e-9
	# the check itself fails on an empty or missing file
	: >empty.tsv
	run no_worse empty.tsv "$D/blobs.sklearn.elbow" 1e-9
	assert_failure
}

@test "--elbow at the default 50 restarts per k: within 1% of scikit-learn's per k; the chosen k refitted with --restarts" {
	svy cluster -c 'x*' --elbow 10 --inertia inertia.tsv "$D/blobs.tsv" >out 2>err
	no_worse inertia.tsv "$D/blobs.sklearn.elbow" 0.01
	k=$(awk -F'\t' '$NF == 1 { print $1 }' inertia.tsv)
	[ -n "$k" ]
	# the chosen k's clusters are what --k gives (500 restarts)
	svy cluster -q -c 'x*' --k "$k" "$D/blobs.tsv" | diff - out
	grep -q "of 500 restarts" err
}

@test "--elbow on 5,000 points in 10 dimensions, k = 1..10, takes seconds at the default restarts" {
	[ -z "$SVY_SANITIZED" ] || skip "timing on the normal build only"
	awk 'BEGIN { srand(11); printf "x1"; for (j = 2; j <= 10; j++) printf "\tx%d", j; print ""
		for (i = 0; i < 5000; i++) { c = i % 5; for (j = 1; j <= 10; j++) printf "%s%.4f", (j > 1 ? "\t" : ""), (j == c + 1) * 6 + rand() * 2; print "" } }' >big.tsv
	# CPU time, not wall time: the machine may be shared (5.6 s here; 44 s
	# when --elbow used 500 restarts per k)
	took=$( { TIMEFORMAT=%U; time svy cluster -q -c 'x*' --elbow 10 --inertia inertia.tsv big.tsv >/dev/null; } 2>&1 )
	echo "took $took s of CPU"
	[ "$(awk -F'\t' '$NF == 1 { print $1 }' inertia.tsv)" = 5 ]
	awk -v t="$took" 'BEGIN { exit !(t + 0 > 0 && t < 15) }' || fail "took $took s"
}

@test "values near 1e200 and 1e-200: the clusters of the scaled data, never an Inf" {
	# the same points at three scales: the same clusters
	awk 'BEGIN { srand(5); print "a\tb"; for (i = 0; i < 60; i++) printf "%.6f\t%.6f\n", (i % 3) * 10 + rand(), (i % 2) * 5 + rand() }' >one.tsv
	for e in 200 -200 300; do
		awk -F'\t' -v e="$e" 'NR == 1 { print; next } { printf "%se%d\t%se%d\n", $1, e, $2, e }' one.tsv >scaled$e.tsv
	done
	svy cluster -q -c a,b --k 3 one.tsv | cut -f3 >want
	for e in 200 -200 300; do
		svy cluster -c a,b --k 3 scaled$e.tsv 2>err$e | cut -f3 >got$e
		diff want got$e || fail "1e$e: other clusters"
	done
	# above 2^1023 (9e307): the scale is still a finite power of two
	awk -F'\t' 'NR == 1 { print; next } { printf "%.17g\t%.17g\n", $1 * 5e306, $2 * 5e306 }' one.tsv >top.tsv
	[ "$(sort -g -k1,1 top.tsv | tail -1 | cut -f1 | awk '{ print ($1 > 9e307) }')" = 1 ]
	svy cluster -q -c a,b --k 3 -o got-top top.tsv
	cut -f3 got-top | diff want - || fail "near 1e308: other clusters"
	svy cluster -q -c a,b --k 3 --centroids cent-200.tsv scaled-200.tsv >/dev/null
	# 1e-200: the inertia is finite (tiny), the centroids scaled back
	! grep -qi 'inf\|nan' cent-200.tsv err-200 || fail "$(cat cent-200.tsv err-200)"
	[ "$(tail -n +2 cent-200.tsv | cut -f4 | grep -c 'e-19[0-9]$\|e-20[0-9]$')" -eq 3 ] || fail "$(cat cent-200.tsv)"
	# 1e300: the sums of squares exceed the range of numbers: a named error
	# for the files that would hold them, and the summary says so
	run --separate-stderr svy cluster -c a,b --k 3 --centroids c.tsv scaled300.tsv
	assert_failure 1
	[ "$stderr" = "svy-cluster: scaled300.tsv: the within-cluster sum of squares is beyond the range of numbers (about 1.8e308): divide the columns by a constant (the clusters do not change)" ] || fail "$stderr"
	[ ! -e c.tsv ]
	run --separate-stderr svy cluster -c a,b --elbow 4 --inertia i.tsv scaled300.tsv
	assert_failure 1
	[[ "$stderr" == *"the inertia is beyond the range of numbers"* ]] || fail "$stderr"
	run --separate-stderr svy cluster -c a,b --k 3 scaled300.tsv
	assert_success
	[[ "$stderr" == *"inertia beyond the range of numbers, r2 0.9"* ]] || fail "$stderr"
	# 1e200: inertia about 1e400 as well; the clusters, the centroids right
	run --separate-stderr svy cluster -q -c a,b --k 3 -o /dev/null scaled200.tsv
	assert_success
}

@test "duplicate points, a constant column and missing values: scikit-learn's and R's inertia" {
	for k in 3 4; do
		svy cluster -c a,b,c --k $k "$D/ties.tsv" > out 2> err
		numeq "$(got_inertia)" "$(ref_inertia "$D/ties.sklearn.k$k")" 1e-9
		numeq "$(got_inertia)" "$(ref_inertia "$D/ties.R.k$k")" 1e-9
		grep -q 'read 14 rows, clustered 12 (2 with a missing value not clustered)' err
	done
	# rows with a missing value get an empty cluster
	svy cluster -q -c a,b,c --k 3 "$D/ties.tsv" | tail -2 > got
	printf 'r13\t\t3\t7\t\nr14\t4\t\t7\t\n' | diff - got
}

@test "clusters are numbered by first appearance; same seed, same output" {
	svy cluster -q -c 'x*' --k 6 -s 7 "$D/blobs.tsv" > a
	svy cluster -q -c 'x*' --k 6 -s 7 "$D/blobs.tsv" > b
	cmp a b
	[ "$(sed -n 2p a | cut -f6)" = 1 ]
	# first appearances in order 1, 2, ..., k
	tail -n +2 a | cut -f6 | awk '!seen[$1]++' | tr '\n' ' ' | grep -qx '1 2 3 4 5 6 '
	# another seed finds the same optimum: the same output
	svy cluster -q -c 'x*' --k 6 -s 99 "$D/blobs.tsv" | cmp - a
}

@test "k equal to the number of distinct points: inertia 0" {
	printf 'id\tx\na\t1\nb\t1\nc\t2\nd\t3\n' > in.tsv
	run svy cluster -c x --k 3 in.tsv
	assert_success
	assert_output - <<-'EOT'
	id	x	cluster
	a	1	1
	b	1	1
	c	2	2
	d	3	3
	svy-cluster: read 4 rows, clustered 4 (0 with a missing value not clustered); k = 3, inertia 0, r2 1; best inertia reached by 500 of 500 restarts
	EOT
}

@test "--name sets the added column; --digits rounds the files' numbers" {
	svy cluster -q -c 'share_*' --k 3 --name group --digits 3 --centroids c.tsv "$D/methods.tsv" > out
	[ "$(head -1 out | cut -f6)" = group ]
	[ "$(sed -n 2p c.tsv)" = "$(printf '1\t6\t0.0463\t0.173\t0.398\t0.43')" ]
}

# bad input: each a table row of input, arguments, exit status and message
@test "bad input and usage: exact messages and exit status" {
	while IFS='|' read -r input args want message; do
		printf "$input" > in.tsv
		run svy cluster $args in.tsv
		[ "$status" = "$want" ] || fail "'$input' $args: exit $status, want $want"
		[ "${lines[0]}" = "${message//<stdin>/in.tsv}" ] ||
			fail "'$input' $args: got '${lines[0]}', want '$message'"
	done <<-'EOT'
	|-c a --k 1|1|svy-cluster: <stdin>: empty input: no header row
	a\tb\n|-c a --k 1|1|svy-cluster: <stdin>: no row has a value in every column to cluster
	a\tb\n1\t\n\t2\n|-c a,b --k 1|1|svy-cluster: <stdin>: no row has a value in every column to cluster
	a\tb\n1\t2\n3\n|-c a --k 1|1|svy-cluster: <stdin>:3: row has 1 field, header has 2
	a\tb\n1\t2\n|-c z --k 1|2|svy-cluster: <stdin>: no column 'z'; the columns are 'a', 'b'
	a\tb\nx\t2\n|-c a --k 1|1|svy-cluster: <stdin>:2: column 'a': not a number (got 'x')
	a\tb\nNaN\t2\n|-c a --k 1|1|svy-cluster: <stdin>:2: column 'a': not a finite number (got 'NaN')
	a\tb\n-inf\t2\n|-c a --k 1|1|svy-cluster: <stdin>:2: column 'a': not a finite number (got '-inf')
	a\tb\n1e999\t2\n|-c a --k 1|1|svy-cluster: <stdin>:2: column 'a': number out of range (got '1e999')
	a\tb\n1\t2\n1\t3\n|-c a --k 2|1|svy-cluster: <stdin>: cannot make 2 clusters but the data have only 1 distinct point
	a\tb\n1\t2\n3\t2\n|-c a --elbow 3|1|svy-cluster: <stdin>: --elbow needs 3 clusters but the data have only 2 distinct points
	a\ta\n1\t2\n|-c a --k 1|1|svy-cluster: <stdin>:1: column 'a': header has this name twice (fields 1 and 2)
	a\tcluster\n1\t2\n|-c a --k 1|1|svy-cluster: <stdin>:1: column 'cluster': the input already has this column (choose another with --name)
	a\n1\n|-c a|2|svy-cluster: give either --k K or --elbow KMAX
	a\n1\n|-c a --k 2 --elbow 3|2|svy-cluster: give either --k K or --elbow KMAX
	a\n1\n|--k 1|2|svy-cluster: no columns: give them with --columns
	a\n1\n|-c a --elbow 2|2|svy-cluster: option '--elbow': '2' is not a whole number from 3 to 1000
	a\n1\n|-c a --k 0|2|svy-cluster: option '--k': '0' is not a whole number from 1 to 1000000
	a\n1\n|-c a --k 1 --restarts 0|2|svy-cluster: option '--restarts': '0' is not a whole number from 1 to 1000000
	a\n1\n|-c a, --k 1|2|svy-cluster: option '--columns': empty item in 'a,'
	EOT
}

@test "reads standard input or FILE; a FILE that cannot be opened is an error" {
	svy cluster -q -c 'share_*' --k 3 < "$D/methods.tsv" > a
	svy cluster -q -c 'share_*' --k 3 - < "$D/methods.tsv" > b
	svy cluster -q -c 'share_*' --k 3 "$D/methods.tsv" | cmp - a
	cmp a b
	run svy cluster -c x --k 1 no-such-file.tsv
	assert_failure 1
	assert_output "svy-cluster: no-such-file.tsv: No such file or directory"
	run svy cluster -c x --k 1 a b
	assert_failure 2
	assert_line --index 0 "svy-cluster: too many operands: one input file at most (got 'a' and 'b')"
	svy cluster -q -c 'share_*' --k 3 -i "$D/methods.tsv" | cmp - a
	svy cluster -q -c 'share_*' --k 3 --input="$D/methods.tsv" | cmp - a
	run --separate-stderr svy cluster -c x --k 1 -i a b
	assert_failure 2
	[ "${stderr_lines[0]}" = "svy-cluster: give the input once: -i 'a' or the operand 'b', not both" ]
}

# issue 21 item 4: values whose span exceeds what squared distances hold on
# the common scale (~1e154) once made within_ss 0 and r2 1 (true 27.2) with
# exit 0, and --elbow an internal error; now a named error, or right.
@test "values spanning more than ~1e154: a named error, never a wrong inertia" {
	while IFS='|' read -r input args want; do
		run --separate-stderr svy cluster -q $args < <(printf "$input")
		[ "$status" -eq 1 ] && [ "$stderr" = "$want" ] && [ -z "$output" ] ||
			fail "$args on '$input': status $status, '$stderr'"
	done <<-'EOT'
	x\ty\n1e308\t3\n1\t2\n2\t1\n3\t3\n1\t1\n2\t2\n|-c x,y --k 2|svy-cluster: <stdin>: column 'x': the values span too wide a range for squared distances: 1 and 2 differ by less than about 1e-154 times the largest magnitude of the data, and their squared distance would vanish; rescale the columns or drop the extreme rows
	x\ty\n1e308\t3\n1\t2\n2\t1\n3\t3\n1\t1\n2\t2\n|-c x,y --elbow 4|svy-cluster: <stdin>: column 'x': the values span too wide a range for squared distances: 1 and 2 differ by less than about 1e-154 times the largest magnitude of the data, and their squared distance would vanish; rescale the columns or drop the extreme rows
	x\ty\n-1e308\t3\n1\t2\n2\t1\n3\t3\n|-c x,y --k 2|svy-cluster: <stdin>: column 'x': the values span too wide a range for squared distances: 1 and 2 differ by less than about 1e-154 times the largest magnitude of the data, and their squared distance would vanish; rescale the columns or drop the extreme rows
	x\ty\n1\t1e300\n1\t1\n1\t2\n|-c x,y --k 2|svy-cluster: <stdin>: column 'y': the values span too wide a range for squared distances: 1 and 2 differ by less than about 1e-154 times the largest magnitude of the data, and their squared distance would vanish; rescale the columns or drop the extreme rows
	x\n1e200\n1e200\n0\n1e-200\n|-c x --k 2|svy-cluster: <stdin>: column 'x': the values span too wide a range for squared distances: 0 and 1e-200 differ by less than about 1e-154 times the largest magnitude of the data, and their squared distance would vanish; rescale the columns or drop the extreme rows
	EOT
	# within the range: the exact within_ss (the pair 1, 2 holds 0.5)
	while IFS='|' read -r input within; do
		svy cluster -q -c x --k 2 --centroids c.tsv < <(printf "$input") > /dev/null
		got=$(awk -F'\t' 'NR > 1 && $2 == 2 { print $3 }' c.tsv)
		[ "$got" = "$within" ] || fail "'$input': within_ss $got, want $within"
	done <<-'EOT'
	x\n1e150\n1\n2\n|0.5
	x\n-1e150\n1\n2\n|0.5
	EOT
}

# issue 21 item 20: 500 restarts on 100,000 rows took 22 s; on more than
# 10,000 rows the default shrinks (500 x 10,000 / rows, at least 20) and stops
# once 5 runs reached the best inertia; --restarts still means what it says.
@test "more than 10,000 rows: fewer default restarts, the same best; --restarts as given" {
	awk 'BEGIN { srand(3); print "a\tb"; for (i = 0; i < 20001; i++)
		printf "%.4f\t%.4f\n", (i % 2) * 10 + rand(), (i % 2) * 10 + rand() }' > big.tsv
	run --separate-stderr svy cluster -c a,b --k 2 big.tsv
	assert_success
	[[ "$stderr" =~ best\ inertia\ reached\ by\ ([0-9]+)\ of\ ([0-9]+)\ restarts$ ]] || fail "$stderr"
	[ "${BASH_REMATCH[1]}" -ge 5 ] && [ "${BASH_REMATCH[2]}" -ge 20 ] &&
		[ "${BASH_REMATCH[2]}" -le 249 ] || fail "$stderr"
	printf '%s\n' "$output" > default.tsv
	run --separate-stderr svy cluster -c a,b --k 2 --restarts 30 big.tsv
	assert_success
	[[ "$stderr" == *"of 30 restarts" ]] || fail "$stderr"
	printf '%s\n' "$output" | cmp - default.tsv
	head -10001 big.tsv > small.tsv
	run --separate-stderr svy cluster -c a,b --k 2 --restarts 25 small.tsv
	[[ "$stderr" == *"of 25 restarts" ]] || fail "$stderr"
}
