# The message for study variables svy does not know: each with the nearest
# known name (Levenshtein distance, at most a third of the name's length).
#   awk -v names='FA_ITEM ...' -v known='NAME B ...' -f nearest.awk </dev/null
function dist(a, b,    i, j, la, lb, d, c) {
	la = length(a); lb = length(b)
	for (i = 0; i <= la; i++) d[i, 0] = i
	for (j = 0; j <= lb; j++) d[0, j] = j
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			c = d[i - 1, j - 1] + (substr(a, i, 1) != substr(b, j, 1))
			if (d[i - 1, j] + 1 < c) c = d[i - 1, j] + 1
			if (d[i, j - 1] + 1 < c) c = d[i, j - 1] + 1
			d[i, j] = c
		}
	return d[la, lb]
}
BEGIN {
	n = split(names, u, " "); m = split(known, k, " ")
	for (i = 1; i <= n; i++) {
		best = ""; bd = length(u[i]) / 3 + 1
		for (j = 1; j <= m; j++) if ((x = dist(u[i], k[j])) < bd) { bd = x; best = k[j] }
		msg = msg (i > 1 ? "; " : "") u[i] ": not a study variable" \
			(best != "" ? " (did you mean " best "?)" : "")
	}
	print msg "; the study variables: README \"The study file\" (a variable of your own: a lower-case name)"
}
