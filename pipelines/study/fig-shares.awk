# The shares figure's data: the shares of the levels of every item, grouped
# by the study's item groups (groups = "PREFIX=Heading|PREFIX=Heading...",
# in that order; the items of no group last, as "Others"), the items that
# svy cluster clustered (clusters.tsv, or a header only) cluster by cluster
# within their group; within a group by the share of the last level, then
# of the one before, ..., descending.  PATTERNS: the items drawn (globs
# separated by blanks, as FIG_SHARES_ITEMS; none: every item).
#   awk -v labels=LABELS -v items=PATTERNS -v groups=SPEC -v gp=FILE \
#       -f labels.awk -f fig-shares.awk clusters.tsv shares.tsv
# prints three blocks (gnuplot's index 0, 1, 2), top row y = 0:
#   0: y  label  share1%  ...  sharek%  n   (one line an item)
#   1: y  heading                           (one line a group)
#   2: y                                    (a line between groups; -1000 if none)
# and writes to FILE the gnuplot line "k = K" (the levels: the share_*
# columns of shares.tsv, in their order).
BEGIN {
	FS = "\t"; PROG = "fig-shares"
	ng = split(groups, gs, "|")
	for (i = 1; i <= ng; i++) {
		p = index(gs[i], "=")
		if (p == 0) fail("groups: '" gs[i] "' is not PREFIX=Heading")
		prefix[i] = substr(gs[i], 1, p - 1); heading[i] = substr(gs[i], p + 1)
	}
}
FNR == 1 { file++ }
FNR == 1 && file == 1 { header_read(); cc = col("column"); ck = col("cluster"); next }
FNR == 1 && file == 2 {
	header_read(); c = col("column"); cn = col("n")
	for (i = 1; i <= NF; i++) if ($i ~ /^share_/) lc[++k] = i
	if (k == 0) fail(FILENAME ": no share_ column")
	next
}
file == 1 { cluster[$cc] = $ck; clustered[$cc] = 1; next }
globs_match($c, items) {
	m++
	name[m] = $c; n[m] = $cn
	for (j = 1; j <= k; j++) s[m, j] = $lc[j] * 100
	for (i = 1; i <= ng; i++) if (index($c, prefix[i]) == 1) break
	if (i > ng) { rank[m] = (ng + 1) * 100000; head[m] = ng ? "Others" : "Items" }
	else { rank[m] = i * 100000; head[m] = heading[i] }
	if (i <= ng && $c in clustered && cluster[$c] != "") {
		rank[m] += cluster[$c]; head[m] = heading[i] ", cluster " cluster[$c]
	} else if (i <= ng && $c in clustered) { rank[m] += 99999; head[m] = heading[i] ", not clustered" }
}
function before(a, b,    j) {
	if (rank[a] != rank[b]) return rank[a] < rank[b]
	for (j = k; j >= 2; j--) if (s[a, j] != s[b, j]) return s[a, j] > s[b, j]
	return name[a] < name[b]
}
END {
	if (FAILED) exit 1
	if (file < 2) fail("usage: clusters.tsv shares.tsv")
	if (m == 0) fail(FILENAME ": no item matching '" items "'")
	for (i = 1; i <= m; i++) order[i] = i
	for (i = 2; i <= m; i++)
		for (j = i; j > 1 && before(order[j], order[j - 1]); j--) {
			t = order[j]; order[j] = order[j - 1]; order[j - 1] = t
		}
	y = -1; g = 0
	for (q = 1; q <= m; q++) {
		i = order[q]
		if (q == 1 || head[i] != head[order[q - 1]]) {
			y += (q == 1 ? 1 : 1.6)
			g++; hy[g] = y; htext[g] = head[i]; hcount[g] = 0
		}
		y++
		hcount[g]++
		line = sprintf("%.6g\t%s", y, label(name[i]))
		for (j = 1; j <= k; j++) line = line sprintf("\t%.6g", s[i, j])
		print line "\t" n[i]
	}
	printf "\n\n"
	for (q = 1; q <= g; q++)
		printf "%.6g\t%s (%d)\n", hy[q], htext[q], hcount[q]
	printf "\n\n"
	for (q = 2; q <= g; q++) printf "%.6g\n", hy[q] - 0.8
	# one group: no line between groups, but a row (outside the plot) so
	# that gnuplot finds the block
	if (g < 2) print "-1000"
	print "k = " k > gp
	close(gp)
}
