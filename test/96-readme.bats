#!/usr/bin/env bats
# The README's walk through the study works as written: every command between
# <!-- walk --> and <!-- /walk --> prints exactly what the README shows.

load test_helper

@test "the README's walk through the study works as written" {
	mkdir cmds tools
	for t in "$BIN"/*; do
		[ -f "$t" ] && [ -x "$t" ] && ln -s "$t" "tools/svy-$(basename "$t")"
	done
	ln -s "$SVY_ROOT/fixtures" fixtures
	ln -s "$SVY_ROOT/pipelines" pipelines
	# split the walk into cmds/N (the command) and cmds/N.out (what it prints)
	awk '
		/^<!-- walk -->/ { on = 1; next }
		/^<!-- \/walk -->/ { on = 0; next }
		!on { next }
		/^    \$ / { n++; print substr($0, 7) > ("cmds/" n); printf "" > ("cmds/" n ".out"); out = 1; next }
		/^    / && out { print substr($0, 5) > ("cmds/" n ".out"); next }
		{ out = 0 }
	' "$SVY_ROOT/README.md"
	count=$(ls cmds | grep -vc '\.out$')
	[ "$count" -ge 10 ] || fail "only $count commands found in the walk"
	for ((i = 1; i <= count; i++)); do
		PATH="$PWD/tools:$PATH" bash -c "$(cat "cmds/$i")" >"got.$i" 2>&1 ||
			fail "command $i failed: $(cat "cmds/$i"): $(cat "got.$i")"
		diff -u "cmds/$i.out" "got.$i" || fail "command $i prints otherwise: $(cat "cmds/$i")"
	done
}
