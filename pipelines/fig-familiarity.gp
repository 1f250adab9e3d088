# Figure 9: how familiar the participants are with each attack and defence
# method, as stacked bars (not familiar, familiar, implemented), the methods
# grouped by their k-means cluster.
# Called by pipelines/figures.mk (fmt, out, font, term: see fig-terminal.gp) with
#   data = the file of pipelines/fig-familiarity.awk
set datafile separator "\t"
stats data index 0 using 1:6 nooutput
ymax = STATS_max_x
nmin = STATS_min_y
nmax = STATS_max_y
# the height grows with the rows (items and group headings)
w = 900; h = int(150 + 26.5 * (ymax + 1))
load term
if (nmin == nmax) { set title sprintf("Familiarity with the attacks and defence methods (n = %d)", nmin) } \
else { set title "Familiarity with the attacks and defence methods" }
set xlabel "Share of participants"
set xrange [0:100]
set yrange [ymax + 0.7:-0.7]
set xtics 0, 20, 100 format "%.0f%%" out nomirror
set ytics nomirror scale 0 noenhanced
set border 1
set bmargin 6.5
set key at screen 0.5, screen 4.0 / h center bottom horizontal maxcols 3 reverse Left samplen 1.5 width 1 noenhanced
set rmargin 4
set style fill solid 1.0 noborder
h = 0.36
pct(v) = v >= 6 ? sprintf("%.0f%%", v) : ""
plot data index 0 using ($3 / 2):1:(0):3:($1 - h):($1 + h):ytic(2) \
         with boxxyerror lc rgb "#d9d9d9" title "Not familiar", \
     '' index 0 using ($3 + $4 / 2):1:3:($3 + $4):($1 - h):($1 + h) \
         with boxxyerror lc rgb "#9ecae1" title "Familiar, not implemented", \
     '' index 0 using ($3 + $4 + $5 / 2):1:($3 + $4):($3 + $4 + $5):($1 - h):($1 + h) \
         with boxxyerror lc rgb "#2171b5" title "Implemented", \
     '' index 0 using ($3 / 2):1:(pct($3)) with labels tc rgb "#222222" font ",9" notitle, \
     '' index 0 using ($3 + $4 / 2):1:(pct($4)) with labels tc rgb "#222222" font ",9" notitle, \
     '' index 0 using ($3 + $4 + $5 / 2):1:(pct($5)) with labels tc rgb "#ffffff" font ",9" notitle, \
     '' index 1 using (0):1:(sprintf("{/:Bold %s}", strcol(2))) with labels left offset char 0.3, 0 notitle, \
     '' index 2 using (0):1:(100):(0) with vectors nohead dt 2 lc rgb "#777777" notitle
