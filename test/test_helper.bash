# Shared by every test file: finds the tools, pins the locale, runs each test
# in its own directory.  BIN selects the build (bin/ or bin/asan/).

# Bats sources this file again for every test: it forks nothing (a fork
# costs milliseconds, times two passes of some 400 tests).
SVY_ROOT="${BATS_TEST_DIRNAME%/*}"
[ -f "$SVY_ROOT/VERSION" ] || SVY_ROOT="${SVY_ROOT%/*}"	# test/valgrind/
BIN="${BIN:-$SVY_ROOT/bin}"
FIXTURES="$SVY_ROOT/fixtures"
TESTDATA="$SVY_ROOT/test/data"
DATA="$SVY_ROOT/fixtures"	# the real exports, vendored with their licences
OBJ="${SVY_OBJDIR:-$SVY_ROOT/obj}"
export LC_ALL=C

# make in the project with the build under test: its binaries, its objects
# and its flags (so make never relinks the sanitizer's tools from the normal
# objects, nor rebuilds them without the sanitizer)
svy_make() {
	local flags=()
	[ -z "${SVY_CFLAGS:-}" ] || flags=("CFLAGS=$SVY_CFLAGS")
	make -s -C "$SVY_ROOT" --no-print-directory BINDIR="$BIN" OBJDIR="$OBJ" "${flags[@]}" "$@"
}

bats_require_minimum_version 1.5.0
# bats-support and bats-assert, their files sourced directly: their
# load.bash runs $(dirname ...) once per file, which was a third of the
# suite's time. Found in BATS_LIB_PATH, then where Debian, a make install
# and Homebrew put them (the Makefile's dependency check looks the same way).
for d in ${BATS_LIB_PATH//:/ } /usr/lib/bats /usr/local/lib/bats /opt/homebrew/lib /usr/local/lib; do
	[ -f "$d/bats-support/load.bash" ] && [ -f "$d/bats-assert/load.bash" ] && break
done
for f in "$d"/bats-support/src/*.bash "$d"/bats-assert/src/*.bash; do
	source "$f" || return 1
done
unset d f

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# svy TOOL ARGS...: run a tool of the build under test.
svy() {
	local tool=$1
	shift
	"$BIN/$tool" "$@"
}

# A sanitizer report makes the tool exit 98/99 (see the Makefile); no test
# expects those, so any assert_failure with a status would catch it, but we
# also fail loudly here for tests that only look at output.
assert_no_sanitizer() {
	if [[ "$output" == *"Sanitizer"* || "$output" == *"runtime error:"* ]]; then
		fail "sanitizer report: $output"
	fi
}

# numeq A B TOL: A and B are numbers and |A-B| <= TOL * max(1, |B|)
# (relative, absolute near zero); an empty or non-numeric side fails.
numeq() {
	awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN {
		n = "^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$"
		if (a !~ n || b !~ n) exit 1
		d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; if (m < 1) m = 1;
		exit !(d <= t * m) }'
}

# compare_numeric GOT WANT TOL: two TSVs of the same shape, numeric cells
# within TOL (relative, absolute below 1), other cells equal.
compare_numeric() {
	awk -F'\t' -v tol="$3" '
		function isnum(s) { return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ }
		NR == FNR { want[FNR] = $0; nw = FNR; next }
		{
			if (!(FNR in want)) { printf "extra line %d: %s\n", FNR, $0; bad = 1; next }
			n = split(want[FNR], w, "\t"); m = split($0, g, "\t")
			if (n != m) { printf "line %d: %d fields, want %d\n", FNR, m, n; bad = 1; next }
			for (i = 1; i <= n; i++) {
				if (isnum(w[i]) && isnum(g[i])) {
					d = g[i] - w[i]; if (d < 0) d = -d
					s = w[i] < 0 ? -w[i] : w[i]; if (s < 1) s = 1
					if (d > tol * s) { printf "line %d field %d: got %s, want %s\n", FNR, i, g[i], w[i]; bad = 1 }
				} else if (w[i] != g[i]) { printf "line %d field %d: got \"%s\", want \"%s\"\n", FNR, i, g[i], w[i]; bad = 1 }
			}
			ng = FNR
		}
		END {
			if (!nw) { print "nothing to compare: the expected file is empty"; bad = 1 }
			if (ng < nw) { printf "missing lines %d..%d\n", ng + 1, nw; bad = 1 }
			exit bad
		}
	' "$2" "$1"
}

# compare_relative GOT WANT TOL: as compare_numeric, but every number within
# TOL relative (a p of 1e-40 must match to its own digits, not to 1e-9
# absolute); a wanted 0 must be 0 within TOL absolute.
compare_relative() {
	awk -F'\t' -v tol="$3" '
		function isnum(s) { return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ }
		function abs(x) { return x < 0 ? -x : x }
		NR == FNR { want[FNR] = $0; nw = FNR; next }
		{
			if (!(FNR in want)) { printf "extra line %d: %s\n", FNR, $0; bad = 1; next }
			n = split(want[FNR], w, "\t"); m = split($0, g, "\t")
			if (n != m) { printf "line %d: %d fields, want %d\n", FNR, m, n; bad = 1; next }
			for (i = 1; i <= n; i++) {
				if (isnum(w[i]) && isnum(g[i])) {
					lim = w[i] == 0 ? tol : tol * abs(w[i])
					if (abs(g[i] - w[i]) > lim) { printf "line %d field %d: got %s, want %s\n", FNR, i, g[i], w[i]; bad = 1 }
				} else if (w[i] != g[i]) { printf "line %d field %d: got \"%s\", want \"%s\"\n", FNR, i, g[i], w[i]; bad = 1 }
			}
			ng = FNR
		}
		END {
			if (!nw) { print "nothing to compare: the expected file is empty"; bad = 1 }
			if (ng < nw) { printf "missing lines %d..%d\n", ng + 1, nw; bad = 1 }
			exit bad
		}
	' "$2" "$1"
}
