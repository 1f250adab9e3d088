#!/usr/bin/env bats
# Output files (lib/out): -o FILE and side files (--rejects, --summary) are
# written atomically and keep what the user set: an existing file its mode, a
# symbolic link its target; a new file gets the mode a shell redirection
# would. A write error is reported with its reason, and no success summary
# comes before it.

load test_helper


# run_with KIND FILE: a tool that writes FILE as its KIND of output, on
# inputs that succeed.
write_with() {
	local kind=$1 file=$2
	case $kind in
	output) svy filter-students -q -o "$file" in.tsv ;;
	rejects) svy filter-students -q --rejects "$file" -o /dev/null in.tsv ;;
	summary) svy factor -q --summary "$file" -o /dev/null -c a,b,c <fa.tsv ;;
	esac
}

make_inputs() {
	printf 'id\tQ3\n1\tA2\n2\tA1\n' >in.tsv
	awk 'BEGIN { print "a\tb\tc"; for (i = 1; i <= 40; i++) print i % 7 "\t" (i * 3) % 11 + i % 7 "\t" (i * 5) % 13 + i % 7 }' >fa.tsv
}

@test "an existing file keeps its mode when rewritten: -o, --rejects, --summary" {
	make_inputs
	for kind in output rejects summary; do
		for mode in 600 640 444 755; do
			f=$kind-$mode.tsv
			echo old >"$f"
			chmod "$mode" "$f"
			(umask 022 && write_with "$kind" "$f") || fail "$kind $mode: failed"
			[ "$(stat -c %a "$f")" = "$mode" ] || fail "$kind: mode $mode became $(stat -c %a "$f")"
			[ "$(cat "$f")" != old ] && [ -s "$f" ] || fail "$kind $mode: not rewritten"
		done
	done
	[ -z "$(ls | grep tmp)" ] || fail "left behind: $(ls)"
}

@test "a new file gets 0666 & ~umask, as a shell redirection would: -o, --rejects, --summary" {
	make_inputs
	for kind in output rejects summary; do
		for mask in 022 077 027 002; do
			f=$kind-$mask.tsv
			(umask "$mask" && write_with "$kind" "$f") || fail "$kind $mask: failed"
			(umask "$mask" && : >"shell-$f")
			[ "$(stat -c %a "$f")" = "$(stat -c %a "shell-$f")" ] ||
				fail "$kind umask $mask: $(stat -c %a "$f"), a redirection gives $(stat -c %a "shell-$f")"
		done
	done
}

@test "a symbolic link is followed: the file it names is replaced, the link stays" {
	make_inputs
	mkdir -p real
	for kind in output rejects summary; do
		echo old >"real/$kind.tsv"
		chmod 600 "real/$kind.tsv"
		ln -s "real/$kind.tsv" "link-$kind.tsv"
		write_with "$kind" "link-$kind.tsv" || fail "$kind: failed"
		[ -L "link-$kind.tsv" ] || fail "$kind: the link was replaced by a file"
		[ "$(readlink "link-$kind.tsv")" = "real/$kind.tsv" ] || fail "$kind: link changed"
		[ "$(cat "real/$kind.tsv")" != old ] && [ -s "real/$kind.tsv" ] || fail "$kind: target not rewritten"
		[ "$(stat -c %a "real/$kind.tsv")" = 600 ] || fail "$kind: target mode $(stat -c %a "real/$kind.tsv")"
	done
	# a link to a file that does not exist yet: the file is made where it points
	ln -s real/new.tsv dangling.tsv
	write_with output dangling.tsv
	[ -L dangling.tsv ] && [ -s real/new.tsv ] || fail "dangling link: $(ls -l)"
	[ -z "$(ls . real | grep tmp)" ] || fail "left behind: $(ls . real)"
}

@test "a failed run leaves the old file, its mode and its link as they were" {
	make_inputs
	printf 'id\tQ3\n1\tA2\n2\n' >bad.tsv
	echo old >target.tsv
	chmod 600 target.tsv
	ln -s target.tsv link.tsv
	run svy filter-students -q -o link.tsv bad.tsv
	assert_failure 1
	[ -L link.tsv ] && [ "$(cat target.tsv)" = old ] && [ "$(stat -c %a target.tsv)" = 600 ]
	[ -z "$(ls | grep tmp)" ] || fail "left behind: $(ls)"
}

@test "a write error says why, and no success summary comes before it" {
	[ -w /dev/full ] || skip "no /dev/full"
	printf 'a,b\n1,2\n' >in.csv
	printf 'a\tb\n1\t2\n' >in.tsv
	# the summary would say the tool succeeded: the write error comes instead
	run --separate-stderr svy clean in.csv
	assert_success
	run --separate-stderr bash -c "'$BIN/clean' in.csv >/dev/full"
	[ "$status" -eq 1 ] && [ "$stderr" = "svy-clean: <stdout>: write error: No space left on device" ] ||
		fail "clean: status $status, '$stderr'"
	run --separate-stderr bash -c "'$BIN/clean' -q in.csv >/dev/full"
	[ "$status" -eq 1 ] && [ "$stderr" = "svy-clean: <stdout>: write error: No space left on device" ] ||
		fail "clean -q: status $status, '$stderr'"
	run --separate-stderr bash -c "'$BIN/derive' --sum s=a,b in.tsv >/dev/full"
	[ "$status" -eq 1 ] && [ "$stderr" = "svy-derive: <stdout>: write error: No space left on device" ] ||
		fail "derive: status $status, '$stderr'"
	run --separate-stderr bash -c "'$BIN/simulate' -n 3 >/dev/full"
	[ "$status" -eq 1 ] && [ "$stderr" = "svy-simulate: <stdout>: write error: No space left on device" ] ||
		fail "simulate: status $status, '$stderr'"
	# every tool: no "Success" as the reason of a write error
	printf 'id\tQ3\n1\tA2\n' >fs.tsv
	run --separate-stderr bash -c "'$BIN/filter-students' fs.tsv >/dev/full"
	[ "$status" -eq 1 ] && [[ "$stderr" == *"write error: No space left on device" ]] && [[ "$stderr" != *"read "* ]] ||
		fail "filter-students: status $status, '$stderr'"
}

@test "a side file that cannot be written is a named error, the output untouched" {
	make_inputs
	echo old >out.tsv
	run --separate-stderr svy filter-students -q --rejects no-such-dir/rej.tsv -o out.tsv in.tsv
	assert_failure 1
	[[ "$stderr" == "svy-filter-students: no-such-dir/rej.tsv: No such file or directory" ]] || fail "'$stderr'"
	[ "$(cat out.tsv)" = old ]
}
