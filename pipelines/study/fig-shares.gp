# The shares of the levels of each item, as stacked bars, the items in their
# groups (and clusters).
# Called by pipelines/study/figures.mk (fmt, out, font, term: see fig-terminal.gp;
# title, xlabel and the array level[] of the levels' titles: from the study file) with
#   data   = the file of pipelines/study/fig-shares.awk
#   levels = its gnuplot line: k
set datafile separator "\t"
load levels
stats data index 0 using 1:(column(k + 3)) nooutput
ymax = STATS_max_x
nmin = STATS_min_y
nmax = STATS_max_y
# the height grows with the rows (items and group headings)
w = 900; h = int(150 + 26.5 * (ymax + 1))
load term
if (nmin == nmax) { set title sprintf("%s (n = %d)", title, nmin) } \
else { set title title }
set xlabel xlabel
set xrange [0:100]
set yrange [ymax + 0.7:-0.7]
set xtics 0, 20, 100 format "%.0f%%" out nomirror
set ytics nomirror scale 0 noenhanced
set border 1
set bmargin 6.5
set key at screen 0.5, screen 4.0 / h center bottom horizontal maxcols (k < 3 ? 3 : k) reverse Left samplen 1.5 width 1 noenhanced
set rmargin 4
set style fill solid 1.0 noborder
h = 0.36
pct(v) = v >= 6 ? sprintf("%.0f%%", v) : ""
# the share of level j, where its bar starts, its middle
sh(j) = column(2 + j)
lo(j) = j <= 1 ? 0 : lo(j - 1) + sh(j - 1)
mid(j) = lo(j) + sh(j) / 2
# light grey to dark blue, the last level darkest
array pal[8] = ["#d9d9d9", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]
color(j) = j == k ? "#2171b5" : k == 3 ? (j == 1 ? "#d9d9d9" : "#9ecae1") : pal[1 + int((j - 1) * 6.0 / (k - 1))]
ink(j) = j == k ? "#ffffff" : "#222222"
plot data index 0 using (mid(1)):1:(lo(1)):(lo(1) + sh(1)):($1 - h):($1 + h):ytic(2) \
         with boxxyerror lc rgb color(1) title level[1], \
     for [j = 2:k] '' index 0 using (mid(j)):1:(lo(j)):(lo(j) + sh(j)):($1 - h):($1 + h) \
         with boxxyerror lc rgb color(j) title level[j], \
     for [j = 1:k] '' index 0 using (mid(j)):1:(pct(sh(j))) with labels tc rgb ink(j) font ",9" notitle, \
     '' index 1 using (0):1:(sprintf("{/:Bold %s}", strcol(2))) with labels left offset char 0.3, 0 notitle, \
     '' index 2 using (0):1:(100):(0) with vectors nohead dt 2 lc rgb "#777777" notitle
