# The data of a score by a grouping column, as box plots: one group a level.
#   awk -v score=NAME -v group=COLUMN -v gp=FILE -f labels.awk -f fig-groups.awk scored.tsv
# prints  group  score  (group: 1.. in the levels' order, numeric when all
# are numbers, else byte order; rows with either empty skipped) and writes
# to FILE the gnuplot lines that name the groups: k, the x tics (the level's
# label "COLUMN=LEVEL" from the label file, else the level, and its n).
BEGIN { FS = "\t"; PROG = "fig-groups" }
FNR == 1 { header_read(); s = col(score); g = col(group); next }
$s != "" && $g != "" {
	n++; v[n] = $g; x[n] = $s
	if (!($g in count)) { lv[++k] = $g; if ($g !~ /^-?[0-9]+([.][0-9]+)?$/) text = 1 }
	count[$g]++
}
function before(a, b) { return text ? a < b : a + 0 < b + 0 }
# a label in a double-quoted gnuplot string, the characters special to it and
# to enhanced text escaped
function quote(t,    out, i, ch) {
	out = ""
	for (i = 1; i <= length(t); i++) {
		ch = substr(t, i, 1)
		if (index("_^@&~{}", ch)) out = out "\\\\" ch
		else if (ch == "\\" || ch == "\"") out = out "\\" ch
		else out = out ch
	}
	return out
}
END {
	if (FAILED) exit 1
	if (n == 0) fail(FILENAME ": no rows with both " score " and " group)
	if (k > 30) fail(FILENAME ": column '" group "': " k " levels, too many to draw (30 at most)")
	for (i = 2; i <= k; i++)
		for (j = i; j > 1 && before(lv[j], lv[j - 1]); j--) { t = lv[j]; lv[j] = lv[j - 1]; lv[j - 1] = t }
	tics = ""
	for (j = 1; j <= k; j++) {
		id[lv[j]] = j
		l = label(group "=" lv[j], lv[j])
		tics = tics (j > 1 ? ", " : "") sprintf("\"%s\\n(n = %d)\" %d", quote(l), count[lv[j]], j)
	}
	for (i = 1; i <= n; i++) printf "%d\t%s\n", id[v[i]], x[i]
	print "k = " k > gp
	print "set xtics (" tics ") nomirror scale 0" > gp
	close(gp)
}
