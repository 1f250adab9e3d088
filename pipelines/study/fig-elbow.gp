# The elbow curve of the k-means clustering of the items: the within-cluster
# sum of squares for every k tried, the chosen k marked.
# Called by pipelines/study/figures.mk (fmt, out, font, term: see fig-terminal.gp;
# title: from the study file) with
#   data = three columns: k, inertia, chosen (1 on the chosen k; cut from inertia.tsv)
set datafile separator "\t"
w = 800; h = 500
load term
stats data using 1:2 nooutput
kmin = STATS_min_x
kmax = STATS_max_x
stats data using ($3 == 1 ? $1 : NaN) nooutput
kchosen = STATS_max
set title sprintf("%s (chosen k = %d)", title, kchosen)
set xlabel "Number of clusters k"
set ylabel "Within-cluster sum of squares"
set xrange [kmin - 0.5:kmax + 0.5]
set yrange [0:*]
set xtics 1 out nomirror
set ytics out nomirror
set grid ytics lc rgb "#dddddd" lt 1
set border 3
set key top right noenhanced
plot data using 1:2 with linespoints pt 7 ps 0.8 lw 1.5 lc rgb "#2171b5" notitle, \
     data using 1:($3 == 1 ? $2 : NaN) with points pt 6 ps 2.5 lw 2 lc rgb "#d62728" title "chosen k (elbow)"
