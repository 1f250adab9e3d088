# The scree plot's data: the eigenvalues, and which factors were fitted.
#   awk -v gp=FILE -f labels.awk -f fig-scree.awk factor-summary.tsv eigenvalues.tsv
# prints  index  eigenvalue  fitted  (fitted 1 for the first `factors` of the summary)
# and, when factor ran a parallel analysis (--parallel), the factor eigenvalues
# and the mean eigenvalues of the random data sets, as psych's fa.parallel
# plots them: fa_eigenvalue  pc_simulated_mean  fa_simulated_mean; and writes
# to FILE the gnuplot line that says which ("par = 1" or "par = 0").
BEGIN { FS = OFS = "\t"; PROG = "fig-scree" }
FNR == 1 { header_read(); file++ }
FNR == 1 && file == 1 { cs = col("statistic"); cv = col("value"); next }
FNR == 1 && file == 2 {
	if (factors == "") fail(FILENAME ": the factor summary has no statistic 'factors'")
	ci = col("index"); ce = col("eigenvalue")
	par = ("pc_simulated_mean" in COLUMN)
	if (par) { cf = col("fa_eigenvalue"); cp = col("pc_simulated_mean"); cs2 = col("fa_simulated_mean") }
	print "par = " par > gp
	close(gp)
	next
}
file == 1 { if ($cs == "factors") factors = $cv + 0; next }
$ci != "" && $ce != "" {
	if (par) print $ci, $ce, ($ci <= factors ? 1 : 0), $cf, $cp, $cs2
	else print $ci, $ce, ($ci <= factors ? 1 : 0)
	rows++
}
END { if (FAILED) exit 1; if (rows == 0) fail(FILENAME ": no eigenvalues") }
