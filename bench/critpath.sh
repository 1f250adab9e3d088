#!/bin/bash
# bench/critpath.sh: the critical path of a study: the chain of recipes that
# sets its wall time however many cores run it. The study is made once with
# every recipe free to start (make -j, no limit) through bench/stepclock,
# which logs each recipe's target, start, end and prerequisites. From the
# last recipe to end, each step back is the recipe this one waited for: of
# its prerequisites, the one made last (a file is made by the recipe whose
# target it is, or whose grouped targets it is one of: make -p's "Also
# makes"). Prints a Markdown table of the chain with each recipe's seconds,
# then the chain's sum against the wall time and the sum of all recipes (the
# work one core would do).
# usage: bench/critpath.sh MAKE-COMMAND...   (the study's make and its targets)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp) err=$(mktemp) groups=$(mktemp)
trap 'rm -f "$log" "$err" "$groups"' EXIT
t0=$EPOCHREALTIME
STEP_CLOCK=$log "$@" -j SHELL="$here/stepclock" \
	'.SHELLFLAGS=--target=$@ --needs=$(subst $(space),:,$^) -o pipefail -ec' \
	>/dev/null 2>"$err" || { cat "$err" >&2; exit 1; }
t1=$EPOCHREALTIME
# the grouped targets: one line a group, its files
"$@" -pq 2>/dev/null | sed -n 's/^#  Also makes: //p' | sort -u >"$groups" || :
awk -F'\t' -v t0="$t0" -v t1="$t1" '
	FNR == NR { m = split($0, g, " "); for (q = 1; q <= m; q++) group[g[q]] = $0; next }
	{ name[++n] = $1; s[n] = $2; e[n] = $3; needs[n] = $4; work += $3 - $2; by[$1] = n }
	# the recipe that made file F: its own, or its group`s
	function maker(f,   m, g, q) {
		if (f in by) return by[f]
		m = split(group[f], g, " ")
		for (q = 1; q <= m; q++) if (g[q] in by) return by[g[q]]
		return 0
	}
	END {
		last = 0
		for (i = 1; i <= n; i++) if (!last || e[i] > e[last]) last = i
		k = 0
		for (i = last; i; ) {
			path[++k] = i; sum += e[i] - s[i]; prev = 0
			m = split(needs[i], d, ":")
			for (q = 1; q <= m; q++)
				if ((j = maker(d[q])) && j != i && (!prev || e[j] > e[prev])) prev = j
			i = prev
		}
		print "| recipe (its target) | starts at s | seconds |"
		print "|---|---:|---:|"
		for (q = k; q >= 1; q--) { i = path[q]; t = name[i]
			sub(/.*\/\.stamps\//, "the stamp of ", t); sub(/.*\//, "", t)
			printf "| %s | %.3f | %.3f |\n", t, s[i] - t0, e[i] - s[i] }
		printf "\nThe critical path: %d recipes, %.3f s of the wall time %.3f s; all %d recipes: %.3f s of work.\n",
			k, sum, t1 - t0, n, work
	}' "$groups" "$log"
