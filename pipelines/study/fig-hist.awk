# The score histogram's data: the scores of scored.tsv counted in BINS equal
# bins over [0, 1] (or over the scores' range where they leave it).
#   awk -v score=NAME -v bins=20 -f labels.awk -f fig-hist.awk scored.tsv
# prints  center  count  low  high  (one line a bin; empty scores are skipped)
BEGIN { FS = "\t"; PROG = "fig-hist"; if (bins < 1) bins = 20 }
FNR == 1 { header_read(); c = col(score); next }
$c != "" { x[++n] = $c + 0 }
END {
	if (FAILED) exit 1
	if (n == 0) fail(FILENAME ": no " score " scores")
	lo = 0; hi = 1
	for (i = 1; i <= n; i++) { if (x[i] < lo) lo = x[i]; if (x[i] > hi) hi = x[i] }
	w = (hi - lo) / bins
	for (i = 1; i <= n; i++) {
		b = int((x[i] - lo) / w)
		if (b >= bins) b = bins - 1
		count[b]++
	}
	for (b = 0; b < bins; b++)
		printf "%.6g\t%d\t%.6g\t%.6g\n", lo + (b + 0.5) * w, count[b] + 0, lo + b * w, lo + (b + 1) * w
}
