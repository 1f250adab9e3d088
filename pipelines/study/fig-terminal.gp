# The terminal and output of a figure script, loaded by each pipelines/study/fig-*.gp
# once it knows its size: figures.mk passes
#   fmt  = 'svg' or 'png' (cairo)      out  = the output file
#   font = the font family             w, h = set by the script (pixels)
if (fmt eq "svg") {
	set terminal svg size w, h font font . ",12" background rgb "white"
} else {
	set terminal pngcairo size w, h font font . ",11" background rgb "white"
}
set output out
