# The scree plot's data: the eigenvalues, and which factors were fitted.
#   awk -f labels.awk -f fig-scree.awk factor-summary.tsv eigenvalues.tsv
# prints  index  eigenvalue  fitted  (fitted 1 for the first `factors` of the summary)
BEGIN { FS = OFS = "\t"; PROG = "fig-scree" }
FNR == 1 { header_read(); file++ }
FNR == 1 && file == 1 { cs = col("statistic"); cv = col("value"); next }
FNR == 1 && file == 2 {
	if (factors == "") fail(FILENAME ": the factor summary has no statistic 'factors'")
	ci = col("index"); ce = col("eigenvalue"); next
}
file == 1 { if ($cs == "factors") factors = $cv + 0; next }
$ci != "" && $ce != "" { print $ci, $ce, ($ci <= factors ? 1 : 0); rows++ }
END { if (FAILED) exit 1; if (rows == 0) fail(FILENAME ": no eigenvalues") }
