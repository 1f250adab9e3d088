#!/usr/bin/env bats
# What every tool promises: --help, --version, exit 2 on bad usage, a man page
# that documents every long option --help lists; and make install.

load test_helper

tools() {
	local f
	for f in "$SVY_ROOT"/tools/*.c; do
		basename "$f" .c
	done
}

@test "every tool: --help on stdout, exit 0; --version; unknown option exits 2" {
	for t in $(tools); do
		run --separate-stderr svy "$t" --help
		[ "$status" -eq 0 ] || fail "$t --help: status $status"
		[[ "${lines[0]}" == "usage: svy-$t "* ]] || fail "$t --help: '${lines[0]}'"
		[ -z "$stderr" ] || fail "$t --help wrote to stderr"
		run svy "$t" --version
		[ "$output" = "svy-$t (svy) $(cat "$SVY_ROOT/VERSION")" ] || fail "$t --version: '$output'"
		run --separate-stderr svy "$t" --no-such-option </dev/null
		[ "$status" -eq 2 ] || fail "$t --no-such-option: status $status"
		[[ "$stderr" == *"Try 'svy-$t --help' for more information."* ]] || fail "$t: '$stderr'"
	done
}

@test "every tool has a man page naming each long option of its --help" {
	for t in $(tools); do
		page="$SVY_ROOT/man/svy-$t.1"
		[ -f "$page" ] || fail "no man page for $t"
		for opt in $(svy "$t" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
			# roff escapes the hyphens: \-\-option
			grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$page" ||
				fail "man/svy-$t.1 does not document $opt"
		done
	done
}

@test "make install puts svy-TOOL and its man page under DESTDIR; uninstall removes them" {
	dest="$BATS_TEST_TMPDIR/dest"
	run svy_make install PREFIX=/usr/local DESTDIR="$dest"
	assert_success
	for t in $(tools); do
		[ -x "$dest/usr/local/bin/svy-$t" ] || fail "svy-$t not installed"
		[ -f "$dest/usr/local/share/man/man1/svy-$t.1" ] || fail "svy-$t.1 not installed"
	done
	run "$dest/usr/local/bin/svy-filter-students" --version
	assert_output --partial "svy-filter-students (svy)"
	run svy_make uninstall PREFIX=/usr/local DESTDIR="$dest"
	assert_success
	[ -z "$(find "$dest" -type f)" ] || fail "left behind: $(find "$dest" -type f)"
}
