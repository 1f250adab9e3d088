# A score by the levels of a grouping column, as box plots (box: quartiles;
# whiskers: 1.5 IQR; the respondents as points beside).
# Called by pipelines/study/figures.mk (fmt, out, font, term: see fig-terminal.gp;
# title, ylabel: from the study file) with
#   data   = the file of pipelines/study/fig-groups.awk (group 1..k, score)
#   groups = its gnuplot lines: k and the x tics
set datafile separator "\t"
load groups
w = k <= 4 ? 800 : 800 + 110 * (k - 4); h = 500
load term
set title title
set bmargin 4.5
set ylabel ylabel
set xrange [0.4:k + 0.6]
stats data using 2 nooutput
if (STATS_min >= 0 && STATS_max <= 1) { set yrange [-0.05:1.05]; set ytics 0.1 } \
else { set offsets 0, 0, graph 0.05, graph 0.05 }
set ytics out nomirror
set grid ytics lc rgb "#dddddd" lt 1
set border 3
set style boxplot nooutliers range 1.5 fraction 0.95
set style fill solid 0.35 border lc rgb "#08519c"
set boxwidth 0.45
set jitter overlap 0.02 spread 1.5
plot for [i = 1:k] data using (i):($1 == i ? $2 : NaN):(0.45) with boxplot lc rgb "#6baed6" notitle, \
     for [i = 1:k] data using (i + 0.38):($1 == i ? $2 : NaN) with points pt 7 ps 0.6 lc rgb "#444444" notitle
