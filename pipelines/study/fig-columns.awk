# The named columns of a TSV, without its header, for a gnuplot script:
#   awk -v cols=k,inertia,chosen -f labels.awk -f fig-columns.awk inertia.tsv
# Rows with an empty cell in any of them are skipped.
BEGIN { FS = OFS = "\t"; PROG = "fig-columns"; nc = split(cols, name, ",") }
FNR == 1 { header_read(); for (i = 1; i <= nc; i++) c[i] = col(name[i]); next }
{
	line = ""
	for (i = 1; i <= nc; i++) {
		if ($c[i] == "") next
		line = line (i > 1 ? OFS : "") $c[i]
	}
	print line
	rows++
}
END { if (FAILED) exit 1; if (rows == 0) fail(FILENAME ": no rows with " cols) }
