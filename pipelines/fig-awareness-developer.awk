# Figure 4's data: the awareness score by ML developer or not.
#   awk -v score=awareness -v group=ml_developer -f labels.awk -f fig-awareness-developer.awk scored.tsv
# prints  group  score  (group 1 = ML developer, 0 = not; rows with either empty skipped)
BEGIN { FS = "\t"; PROG = "fig-awareness-developer" }
FNR == 1 { header_read(); s = col(score); g = col(group); next }
$s != "" && $g != "" {
	if ($g != 0 && $g != 1) fail(FILENAME ":" FNR ": column '" group "': not 0 or 1 (got '" $g "')")
	printf "%d\t%s\n", $g, $s
	n++
}
END { if (FAILED) exit 1; if (n == 0) fail(FILENAME ": no rows with both " score " and " group) }
