#!/usr/bin/env bats
# A property over random extreme inputs (issue: no silent wrong number): every
# tool that computes numbers either succeeds and writes no Inf, NaN or -0, or
# fails with a named error (exit 1, "svy-TOOL: ..."). Never a crash, never a
# sanitizer report, never a non-finite number with exit 0.

load test_helper

# extreme_data SEED KIND: 40 rows of columns a b c d (numbers) and g (group),
# KIND picks the magnitudes: huge (1e250..1e308), tiny (subnormal), mixed
# (1e-300..1e300 and zeros of both signs), near (1e200 + small noise).
extreme_data() {
	awk -v seed="$1" -v kind="$2" 'BEGIN {
		srand(seed)
		print "a\tb\tc\td\tg\tp"
		for (i = 1; i <= 40; i++) {
			line = ""
			for (j = 1; j <= 4; j++) {
				s = rand() < 0.5 ? -1 : 1
				if (kind == "huge") v = sprintf("%.6e", s * 10 ^ (250 + 58 * rand()))
				else if (kind == "tiny") v = sprintf("%de-320", s * int(1 + 999 * rand()))
				else if (kind == "near") v = sprintf("%.15e", 1e200 * (1 + j * i * 1e-6 + 1e-3 * rand()))
				else { r = rand()
					if (r < 0.1) v = "-0"; else if (r < 0.2) v = "0"
					else v = sprintf("%.6e", s * 10 ^ (600 * rand() - 300)) }
				line = line v "\t"
			}
			p = rand() < 0.2 ? "1e-320" : (rand() < 0.1 ? "-0" : sprintf("%.17g", rand()))
			print line (i % 2 + 1) "\t" p
		}
	}'
}

# The tools and their arguments; each reads the data on standard input.
cases() {
	cat <<'EOF2'
derive	-q --sum s=a,b,c --mean m=a,b
tally	-q -g g -c a,b
describe	-q
test-hypothesis	spearman -q -c a,b
test-hypothesis	pearson -q -c a,b
test-hypothesis	kruskal -q -c a --by g
test-hypothesis	mannwhitney -q -c a --by g --groups 1,2
factor	-q -c a,b,c,d
cluster	-q -c a,b --k 2 --restarts 5
kappa	-q --krippendorff --metric interval -c a,b,c
bh-correct	-q
model	-q -y a -c b,c
model	-q --se hc3 -y a -c b,c,d
model	-q -m logistic -y g -c a,b
model	-q -m logistic --ci wald -y g -c a
model	-q -m ordinal -y g -c a,b
correlate	-q -c a,b,c,d
correlate	-q -m spearman -c a,b
correlate	-q --listwise --format markdown -c a,b,c
EOF2
}

# check_case TOOL ARGS FILE HEADER: run it; appends what is wrong, if
# anything, to $bad (exit 0 must write only finite numbers; exit 1 must be a
# named error). HEADER is FILE's first line.
check_case() {
	local tool=$1 args=$2 file=$3 inhdr=$4
	# shellcheck disable=SC2086
	run --separate-stderr svy "$tool" $args <"$file"
	case $status in
	0)
		# the columns the tool computed: not the input's (passed through),
		# not a level or top value (data, printed as read)
		if printf '%s\n' "$output" | awk -F'\t' -v inhdr="$inhdr" '
			BEGIN { n = split(inhdr, h, "\t"); for (i = 1; i <= n; i++) input[h[i]] = 1 }
			NR == 1 { for (i = 1; i <= NF; i++)
					computed[i] = !($i in input) && $i !~ /^(top[0-9]+|level|column|variable|group)$/
				next }
			{ for (i = 1; i <= NF; i++) if (computed[i]) print $i }' |
			grep -qxE -- '[-+]?(inf|Inf|INF|infinity|nan|NaN|NAN)|-0(\.0*)?(e[-+]?[0-9]+)?'; then
			bad+="$tool $args on $file: a non-finite or negative-zero number with exit 0"$'\n'
		fi ;;
	1)
		[[ "$stderr" == *"svy-$tool: "* ]] ||
			bad+="$tool $args on $file: exit 1 without a named error: '$stderr'"$'\n' ;;
	*)
		bad+="$tool $args on $file: exit $status: ${stderr:0:300}"$'\n' ;;
	esac
}

@test "random extreme inputs: every numeric tool writes finite numbers or a named error" {
	local n=0 bad=""
	for kind in huge tiny mixed near; do
		for seed in 1 2 3; do
			extreme_data "$seed" "$kind" >"$kind-$seed.tsv"
			[ "$(wc -l <"$kind-$seed.tsv")" -eq 41 ] || fail "no data made"
			read -r header <"$kind-$seed.tsv"
			while IFS=$'\t' read -r tool args; do
				check_case "$tool" "$args" "$kind-$seed.tsv" "$header"
				n=$((n + 1))
			done < <(cases)
		done
	done
	[ "$n" -eq $((4 * 3 * $(cases | wc -l))) ] || fail "ran $n cases"
	bad=$(printf '%s' "$bad" | grep -v '^$' || true)
	[ -z "$bad" ] || fail "$bad"
}

# One group whose values are 1.7e308 and -1.7e308: its mean is 0, but its sd
# (2.4e308) and a sum are beyond the range of numbers. Every statistic is
# finite or a named error; a row per tool (and per option) that computes one.
@test "1.7e308 and -1.7e308 in one group: finite numbers or a named error, never Inf" {
	printf 'a\tb\tg\n1.7e308\t1\tx\n-1.7e308\t2\tx\n1\t3\ty\n2\t4\ty\n' >pair.tsv
	head -3 pair.tsv >two.tsv
	local n=0 bad=""
	while IFS=$'\t' read -r tool args; do
		for f in pair.tsv two.tsv; do
			check_case "$tool" "$args" "$f" "$(printf 'a\tb\tg')"
			n=$((n + 1))
		done
	done <<'EOF2'
describe	-q
describe	-q -c a
tally	-q -g g -c a
tally	-q -g g -c a --stats sd
tally	-q -g g -c a --stats iqr,mean,q1,q3
derive	-q --sum s=a,b
derive	-q --mean m=a,b
cluster	-q -c a,b --k 2 --restarts 5
factor	-q -c a,b
EOF2
	[ "$n" -eq 18 ] || fail "ran $n cases"
	bad=$(printf '%s' "$bad" | grep -v '^$' || true)
	[ -z "$bad" ] || fail "$bad"
	# describe (a column is its group) names the column and the statistic,
	# and writes nothing
	head -3 pair.tsv >two.tsv
	run --separate-stderr svy describe -q two.tsv
	assert_failure 1
	[ "$stderr" = "svy-describe: two.tsv: column 'a': the sd is beyond the range of numbers (about 1.8e308)" ] ||
		fail "$stderr"
	assert_output ""
}
