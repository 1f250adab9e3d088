# Figure 4: the awareness score of ML developers and of the others, as box plots
# (box: quartiles; whiskers: 1.5 IQR; the participants as points beside).
# Called by pipelines/figures.mk (fmt, out, font, term: see fig-terminal.gp) with
#   data = the file of pipelines/fig-awareness-developer.awk (group, score)
set datafile separator "\t"
w = 800; h = 500
load term
stats data using ($1 == 0 ? $2 : NaN) nooutput
n0 = STATS_records
stats data using ($1 == 1 ? $2 : NaN) nooutput
n1 = STATS_records
set title "Awareness score of the ML developers and of the others"
set bmargin 4.5
set ylabel "Awareness score"
set xrange [0.4:2.6]
stats data using 2 nooutput
if (STATS_min >= 0 && STATS_max <= 1) { set yrange [-0.05:1.05]; set ytics 0.1 } \
else { set offsets 0, 0, graph 0.05, graph 0.05 }
set xtics (sprintf("Others\n(n = %d)", n0) 1, sprintf("ML developers\n(n = %d)", n1) 2) nomirror scale 0
set ytics out nomirror
set grid ytics lc rgb "#dddddd" lt 1
set border 3
set style boxplot nooutliers range 1.5 fraction 0.95
set style fill solid 0.35 border lc rgb "#08519c"
set boxwidth 0.45
set jitter overlap 0.02 spread 1.5
plot data using (1):($1 == 0 ? $2 : NaN):(0.45) with boxplot lc rgb "#6baed6" notitle, \
     data using (2):($1 == 1 ? $2 : NaN):(0.45) with boxplot lc rgb "#6baed6" notitle, \
     data using (1.38):($1 == 0 ? $2 : NaN) with points pt 7 ps 0.6 lc rgb "#444444" notitle, \
     data using (2.38):($1 == 1 ? $2 : NaN) with points pt 7 ps 0.6 lc rgb "#444444" notitle
