# The distribution of a score (count per bin).
# Called by pipelines/study/figures.mk (fmt, out, font, term: see fig-terminal.gp;
# title, xlabel: from the study file) with
#   data = the file of pipelines/study/fig-hist.awk (center, count, low, high)
set datafile separator "\t"
w = 800; h = 500
load term
stats data using 2 nooutput
n = int(STATS_sum)
maxcount = STATS_max
stats data using 3:4 nooutput
set xrange [STATS_min_x:STATS_max_y]
set yrange [0:maxcount + 1]
set title sprintf("%s (n = %d)", title, n)
set xlabel xlabel
set ylabel "Participants"
set xtics 0.1 out nomirror
set ytics 1 out nomirror
if (maxcount > 15) set ytics 2
set mxtics 2
set grid ytics lc rgb "#dddddd" lt 1
set border 3
set style fill solid 1.0 border lc rgb "#ffffff"
set boxwidth 1.0 relative
plot data using 1:2:($4 - $3) with boxes lc rgb "#3182bd" notitle
