# The scree plot of the factor analysis: the eigenvalues of the items'
# correlation matrix in decreasing order, with Kaiser's line at 1.
# Called by pipelines/study/figures.mk (fmt, out, font, term: see fig-terminal.gp) with
#   data = the file of fig-scree.awk (index, eigenvalue, fitted, and
#          with a parallel analysis the factor eigenvalues and the means of
#          the random data's, drawn as psych's fa.parallel draws them)
#   par  = 1 with a parallel analysis, else 0 (fig-scree.awk's gnuplot line)
set datafile separator "\t"
w = 800; h = 500
load term
stats data using 1:2 nooutput
kmax = STATS_max_x
stats data using 3 nooutput
factors = int(STATS_sum)
set title sprintf("Scree plot of the %d items (%d factor%s fitted)", kmax, factors, factors == 1 ? "" : "s")
set xlabel "Factor"
set ylabel "Eigenvalue"
set xrange [0.5:kmax + 0.5]
set yrange [0:*]
set xtics 1 out nomirror
set ytics out nomirror
set grid ytics lc rgb "#dddddd" lt 1
set border 3
set key top right noenhanced
set arrow 1 from first 0.5, first 1 to first kmax + 0.5, first 1 nohead dt 2 lc rgb "#d62728"
set label 1 "Eigenvalue = 1 (Kaiser)" at first kmax + 0.4, first 1 right offset 0, char 0.7 tc rgb "#d62728"
if (par) {
	set title sprintf("Scree plot and parallel analysis of the %d items (%d factor%s fitted)", kmax, factors, factors == 1 ? "" : "s")
	plot data using 1:2 with linespoints pt 7 ps 0.8 lw 1.5 lc rgb "#2171b5" title "components", \
	     data using 1:4 with linespoints pt 5 ps 0.7 lw 1.5 lc rgb "#238b45" title "factors", \
	     data using 1:5 with lines dt 2 lw 1.5 lc rgb "#2171b5" title "components of random data (mean)", \
	     data using 1:6 with lines dt 3 lw 1.5 lc rgb "#238b45" title "factors of random data (mean)", \
	     data using 1:($3 == 1 ? $2 : NaN) with points pt 6 ps 2 lw 1.5 lc rgb "#2171b5" title "fitted factor"
} else {
	plot data using 1:2 with linespoints pt 7 ps 0.8 lw 1.5 lc rgb "#2171b5" notitle, \
	     data using 1:($3 == 1 ? $2 : NaN) with points pt 6 ps 2 lw 1.5 lc rgb "#2171b5" title "fitted factor"
}
