# Figure 9's data: the familiarity shares of every attack and method, grouped:
# the attacks, then the methods cluster by cluster (as svy cluster assigned them),
# within a group by share implemented, then share familiar, descending.
#   awk -v labels=item-labels.tsv -v items='^(attack|method)_' \
#       -f labels.awk -f fig-familiarity.awk clusters.tsv familiarity.tsv
# prints three blocks (gnuplot's index 0, 1, 2), top row y = 0:
#   0: y  label  not_familiar%  familiar%  implemented%  n   (one line an item)
#   1: y  heading                                           (one line a group)
#   2: y                                                    (a line between groups)
BEGIN { FS = "\t"; PROG = "fig-familiarity"; if (items == "") items = "^(attack|method)_" }
FNR == 1 { header_read(); file++ }
FNR == 1 && file == 1 { cc = col("column"); ck = col("cluster"); next }
FNR == 1 && file == 2 {
	c = col("column"); cn = col("n")
	c0 = col("share_not_familiar"); c1 = col("share_familiar"); c2 = col("share_implemented")
	next
}
file == 1 { cluster[$cc] = $ck; next }
$c ~ items {
	m++
	name[m] = $c; n[m] = $cn; s0[m] = $c0 * 100; s1[m] = $c1 * 100; s2[m] = $c2 * 100
	if ($c ~ /^attack_/) { rank[m] = 0; head[m] = "Attacks" }
	else if ($c ~ /^method_/ && cluster[$c] != "") {
		rank[m] = cluster[$c]; head[m] = "Methods, cluster " cluster[$c]
	} else if ($c ~ /^method_/) { rank[m] = 10000; head[m] = "Methods, not clustered" }
	else if ($c ~ /^lib_/) { rank[m] = 20000; head[m] = "Libraries" }
	else { rank[m] = 30000; head[m] = "Others" }
}
function before(i, j) {
	if (rank[i] != rank[j]) return rank[i] < rank[j]
	if (s2[i] != s2[j]) return s2[i] > s2[j]
	if (s1[i] != s1[j]) return s1[i] > s1[j]
	return name[i] < name[j]
}
END {
	if (FAILED) exit 1
	if (file < 2) fail("usage: clusters.tsv familiarity.tsv")
	if (m == 0) fail(FILENAME ": no column matching " items)
	for (i = 1; i <= m; i++) order[i] = i
	for (i = 2; i <= m; i++)
		for (j = i; j > 1 && before(order[j], order[j - 1]); j--) {
			t = order[j]; order[j] = order[j - 1]; order[j - 1] = t
		}
	y = -1; g = 0
	for (k = 1; k <= m; k++) {
		i = order[k]
		if (k == 1 || head[i] != head[order[k - 1]]) {
			y += (k == 1 ? 1 : 1.6)
			g++; hy[g] = y; htext[g] = head[i]; hcount[g] = 0
		}
		y++
		hcount[g]++
		printf "%.6g\t%s\t%.6g\t%.6g\t%.6g\t%s\n", y, label(name[i]), s0[i], s1[i], s2[i], n[i]
	}
	printf "\n\n"
	for (k = 1; k <= g; k++)
		printf "%.6g\t%s (%d)\n", hy[k], htext[k], hcount[k]
	printf "\n\n"
	for (k = 2; k <= g; k++) printf "%.6g\n", hy[k] - 0.8
}
