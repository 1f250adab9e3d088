#!/usr/bin/env bats
# Every command the README shows prints what the README shows.
#
# A command block is an indented (4 spaces) Markdown code block whose first line
# starts with `$ `: each `$ ` line is a command (a line ending in `\` goes on on
# the next), the lines after it are what it prints, standard output and standard
# error (in any interleaving: a pipe makes their order vary). Every such block
# runs, in a fresh directory that looks like the project's (its top-level files
# and directories linked, not bin/, obj/ or build/), with the tools installed
# by `make install` as svy-TOOL first on PATH, HOME that directory, and `make`
# running the project's Makefile with the build under test, writing build/
# into that directory (B=build). The blocks between <!-- walk --> and
# <!-- /walk --> run in one directory, in order (a walk: later commands read
# what earlier ones wrote). A block right after <!-- not tested: REASON --> is
# skipped: only for what cannot run here (`make bench`). The blocks between
# <!-- study-walk --> and <!-- /study-walk --> (doc/STUDY-WALK.md) are test/90-study.bats's. A command must
# succeed, or fail with status 1 or 2 showing its error (a last line starting
# `svy-`). A failing command is reported and ends its block; the other blocks run.

load test_helper

setup_file() {
	svy_make install PREFIX="$BATS_FILE_TMPDIR/prefix" >/dev/null
	mkdir -p "$BATS_FILE_TMPDIR/wrap"
	# `make` in a README block: the project's Makefile, the build under test,
	# the study's outputs in the block's directory
	# (a make with -f, as svy study runs it, is make itself)
	cat >"$BATS_FILE_TMPDIR/wrap/make" <<-EOF
		#!/bin/sh
		[ "\$1" != -f ] || exec $(command -v make) "\$@"
		exec $(command -v make) -C '$SVY_ROOT' --no-print-directory BINDIR='$BIN' OBJDIR='$OBJ' B="\$PWD/build" "\$@"
	EOF
	chmod +x "$BATS_FILE_TMPDIR/wrap/make"
}

# split_readme DIR: DIR/U/ for each unit (a walk, or one block): line (where it
# starts in README.md), walk (1 or 0), N (command N) and N.out (what it prints);
# DIR/skipped lists the blocks not tested, DIR/errors what cannot be read.
split_readme() {
	mkdir -p "$1"
	awk -v dir="$1" '
		function flush(   i, n, k, c, first) {
			if (!nb) return
			for (i = 1; i <= nb; i++) if (b[i] ~ /^\$ /) break
			if (i > nb) { nb = 0; return }		# no commands: not a command block
			if (skip) { print bstart ": " skip > (dir "/skipped"); skip = ""; nb = 0; return }
			if (b[1] !~ /^\$ /) print "README.md:" bstart ": a block with $ commands must start with one" > (dir "/errors")
			if (!walk || !wunit) { u++; cmds = 0; print bstart > (dir "/" u "/line"); print walk + 0 > (dir "/" u "/walk") }
			if (walk) wunit = u
			n = nb; while (n > 0 && b[n] == "") n--	# trailing blank lines are not output
			for (i = 1; i <= n; i++) {
				if (b[i] ~ /^\$ /) {
					c = substr(b[i], 3)
					while (c ~ /\\$/ && i < n) c = c "\n" b[++i]
					cmds++; print c > (dir "/" u "/" cmds); printf "" > (dir "/" u "/" cmds ".out")
				} else if (cmds) {
					if (b[i] == "") {	# blank lines before a command are no output
						k = i; while (k < n && b[k] == "") k++
						if (b[k] ~ /^\$ /) { i = k - 1; continue }
					}
					print b[i] > (dir "/" u "/" cmds ".out")
				}
			}
			nb = 0
		}
		BEGIN { system("mkdir -p " dir); u = 0 }
		# the own-survey walk is run, as written, by test/90-study.bats
		/^<!-- study-walk -->/ { flush(); studywalk = 1; next }
		/^<!-- \/study-walk -->/ { flush(); studywalk = 0; next }
		studywalk && /^    / { next }
		/^<!-- walk -->/ { flush(); walk = 1; wunit = 0; next }
		/^<!-- \/walk -->/ { flush(); walk = 0; next }
		/^<!-- not tested:/ { flush(); skip = $0; sub(/^<!-- not tested: */, "", skip); sub(/ *-->.*/, "", skip); next }
		/^    / && (nb || prev == "") {
			if (!nb) { bstart = NR; if (!walk || !wunit) system("mkdir -p " dir "/" (u + 1)) }
			for (; blanks > 0; blanks--) b[++nb] = ""
			b[++nb] = substr($0, 5); prev = $0; next
		}
		/^$/ && nb { blanks++; prev = ""; next }
		{ flush(); blanks = 0; prev = $0 }
		END { flush(); print u > (dir "/count") }
	' "$SVY_ROOT/README.md"
}

# interleaved WANT OUT ERR: WANT is OUT and ERR interleaved (order kept in each).
interleaved() {
	awk '
		BEGIN { nw = no = ne = 0 }
		FILENAME == ARGV[1] { w[++nw] = $0; next }
		FILENAME == ARGV[2] { o[++no] = $0; next }
		{ e[++ne] = $0 }
		END {
			if (nw != no + ne) exit 1
			for (i = 0; i <= no; i++) for (j = 0; j <= ne; j++) {
				if (i == 0 && j == 0) { ok[0, 0] = 1; continue }
				ok[i, j] = (i > 0 && ok[i - 1, j] && o[i] == w[i + j]) ||
					(j > 0 && ok[i, j - 1] && e[j] == w[i + j])
			}
			exit !ok[no, ne]
		}
	' "$1" "$2" "$3"
}

# fresh_project DIR: a directory that looks like the project's
fresh_project() {
	local f
	mkdir "$1"
	for f in "$SVY_ROOT"/*; do
		case ${f##*/} in bin | obj | build) continue ;; esac
		ln -s "$f" "$1/${f##*/}"
	done
}

# run_units WALK: run the units whose walk flag is WALK; report on fd 3;
# failures go to failures.txt
run_units() {
	local u i n st blocks=0 commands=0
	: >failures.txt
	for ((u = 1; u <= $(cat units/count); u++)); do
		[ "$(cat "units/$u/walk")" = "$1" ] || continue
		blocks=$((blocks + 1))
		fresh_project "dir$u"
		n=$(find "units/$u" -name '[0-9]*.out' | wc -l)
		for ((i = 1; i <= n; i++)); do
			commands=$((commands + 1))
			st=0
			(cd "dir$u" && HOME="$PWD" PATH="$BATS_FILE_TMPDIR/wrap:$BATS_FILE_TMPDIR/prefix/bin:$PATH" \
				timeout 300 bash -c "$(cat "../units/$u/$i")") \
				</dev/null >"units/$u/$i.got" 2>"units/$u/$i.err" || st=$?
			if ! interleaved "units/$u/$i.out" "units/$u/$i.got" "units/$u/$i.err" ||
				! { [ "$st" = 0 ] || { [[ "$st" = [12] ]] &&
					tail -1 "units/$u/$i.err" | grep -q '^svy-'; }; }; then
				echo "README.md:$(cat "units/$u/line"): exit $st: \$ $(cat "units/$u/$i")" >>failures.txt
				diff -u --label README --label 'stdout, stderr' "units/$u/$i.out" \
					<(cat "units/$u/$i.got" "units/$u/$i.err") >>failures.txt &&
					echo "(the lines shown, but not in an order stdout and stderr can give)" >>failures.txt
				break	# the next commands of the block may need this one
			fi
		done
	done
	echo "# $blocks blocks, $commands commands run" >&3
	[ "$blocks" -gt 0 ] || fail "no command block found"
	[ ! -s failures.txt ] || fail "$(cat failures.txt)"
	[ "$commands" -gt 0 ]
}

@test "the README's commands are all found" {
	split_readme units
	[ ! -s units/errors ] || fail "$(cat units/errors)"
	[ "$(cat units/count)" -ge 5 ] || fail "only $(cat units/count) command blocks"
	if [ -s units/skipped ]; then
		sed 's/^/# not tested: README.md:/' units/skipped >&3
		# skipped only where running is impossible here
		run grep -v 'make bench' units/skipped
		assert_output ''
	fi
}

@test "the README's walk through the study works as written" {
	split_readme units
	n=0
	for w in $(grep -lx 1 units/*/walk); do
		n=$((n + $(find "${w%/walk}" -name '[0-9]*.out' | wc -l)))
	done
	[ "$n" -ge 10 ] || fail "only $n commands found between <!-- walk --> and <!-- /walk -->"
	run_units 1
}

@test "every other command block in the README prints what it shows" {
	split_readme units
	run_units 0
}
