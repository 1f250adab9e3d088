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

# ---- every tool ------------------------------------------------------------

# Inputs the rows below name (as test/95-conventions.bats's grammar rows).
tool_fixtures() {
	printf 'id,a,submitdate\n1,0.5,2020\n2,1.5,2020\n' >in.csv
	printf 'a\tb\n1\t2\n2\t2\n4\t3\n' >in.tsv
	printf 'a\tb\nx\tx\ny\ty\nx\ty\ny\ty\nx\tx\ny\tx\nx\tx\ny\ty\nx\ty\ny\ty\nz\tz\nz\tx\n' >kappa.tsv
	printf 'a\tb\n0\t0\n0\t1\n5\t5\n5\t6\n' >cluster.tsv
	awk 'BEGIN { print "a\tb\tc"; for (i = 1; i <= 40; i++) print i % 7 "\t" (i * 3) % 11 + i % 7 "\t" (i * 5) % 13 + i % 7 }' >fa.tsv
	svy factor -q -c a,b,c <fa.tsv >model.tsv
	printf 'column\trename\tlabel\tcode\tvalue\n@s\t\tYes\tY\t1\nQ1\tq1\t@s\t\t\n' >codebook.tsv
	printf 'Q1\tQ2\nY\tY\n\tY\n' >likert.tsv
	printf 'p\tfamily\n0.01\tA\n0.04\tA\n0.03\tB\n' >p.tsv
	cp "$TESTDATA/sav/survey.sav" .
	printf 'id\tQ3\n1\tA2\n2\tA1\n' >students.tsv
	printf 'a\tb\nx\t1\ny\t2\nx\t4\n' >tally.tsv
	svy test-hypothesis spearman -q --id H1 --family F -c a,b fa.tsv | svy bh-correct -q >report.tsv
}

# tool | arguments | input file: a run that succeeds and writes standard
# output, a row per tool (plot twice: the text drawing and the figure)
tool_runs() {
	cat <<'EOF2'
simulate|-n 3|
clean||in.csv
derive|--mean m=a,b|in.tsv
kappa|-c a,b|kappa.tsv
cluster|-c a,b --k 2|cluster.tsv
filter-students||students.tsv
encode-likert|-b codebook.tsv|likert.tsv
factor|-c a,b,c|fa.tsv
score|--model model.tsv|fa.tsv
test-hypothesis|spearman -c a,b|in.tsv
bh-correct||p.tsv
tally|-c a|tally.tsv
report||report.tsv
describe||in.tsv
filter|-w a>=2|in.tsv
plot|-c a|in.tsv
plot|-c a --fig|in.tsv
codebook||in.csv
model|-y a -c b,c|fa.tsv
correlate|-c a,b|in.tsv
power|--d 0.5 --power 0.8|
import||survey.sav
export|--format sav|in.tsv
EOF2
}

have_gnuplot() {
	command -v gnuplot >/dev/null
}

# (ARGS before -q: test-hypothesis takes its test as the first word)
# run_tool TOOL ARGS INPUT OUT [MORE...]: the row's run with -o OUT (plot's
# "--fig" row: a figure, OUT.svg when OUT has no .svg or .png)
run_tool() {
	local tool=$1 args=$2 input=$3 out=$4
	shift 4
	if [[ "$args" == *--fig* ]]; then
		args=${args/--fig/}
		[[ "$out" == *.svg || "$out" == *.png || -z "$out" ]] || out=$out.svg
	fi
	run --separate-stderr svy "$tool" $args -q -o "$out" "$@" $input
}

@test "every tool: -o onto its input, by any name, is a usage error and the input stays" {
	tool_fixtures
	mkdir sub
	while IFS='|' read -r tool args input; do
		[ -n "$input" ] || continue
		[[ "$args" != *--fig* ]] || have_gnuplot || continue
		cp "$input" "keep-$input"
		ln -sf "$input" "sym-$input"
		ln -f "$input" "hard-$input"
		for name in "$input" "./$input" "sub/../$input" "$PWD/$input" "sym-$input" "hard-$input"; do
			# plot's figure needs a .svg name: the input is given by the alias instead
			if [[ "$args" == *--fig* ]]; then
				ln -sf "$input" fig.svg
				run --separate-stderr svy "$tool" ${args/--fig/} -q -o fig.svg "$name"
			else
				run_tool "$tool" "$args" "$name" "$input"
			fi
			[ "$status" -eq 2 ] && [[ "$stderr" == "svy-$tool: '"*"' "*"input"*"output"* ]] ||
				fail "$tool -o $input reading $name: status $status, '$stderr'"
			cmp -s "$input" "keep-$input" || fail "$tool: the input $input changed"
		done
		# standard input is an input too
		if [[ "$args" != *--fig* ]]; then
			run --separate-stderr svy "$tool" $args -q -o "$input" <"$input"
			[ "$status" -eq 2 ] && [[ "$stderr" == "svy-$tool: '<stdin>' and '$input' are one file, an input and an output"* ]] ||
				fail "$tool -o $input <$input: status $status, '$stderr'"
		fi
		rm -f "sym-$input" "hard-$input" fig.svg
	done < <(tool_runs)
	# the side inputs: a codebook, a model
	run --separate-stderr svy encode-likert -q -b codebook.tsv -o codebook.tsv likert.tsv
	[ "$status" -eq 2 ] && [[ "$stderr" == *"'codebook.tsv' is both an input and an output"* ]] || fail "encode-likert -b: '$stderr'"
	run --separate-stderr svy score -q --model model.tsv --summary ./model.tsv fa.tsv
	[ "$status" -eq 2 ] && [[ "$stderr" == *"are one file, an input and an output"* ]] || fail "score --model: '$stderr'"
	[ -z "$(ls | grep tmp)" ] || fail "left behind: $(ls)"
}

@test "every tool with two outputs: both on one file, by any name, is a usage error; the old file stays" {
	tool_fixtures
	# tool | arguments with A and B, the two outputs | input
	while IFS='|' read -r tool args input; do
		for pair in "same same" "same ./same" "same link" "same hard" "new ./new" "new dir/../new" "dangling new2"; do
			rm -f same link hard new new2 dangling
			mkdir -p dir
			echo old >same
			ln -s same link
			ln same hard
			ln -s new2 dangling
			read -r a b <<<"$pair"
			argv=${args//A/$a}
			argv=${argv//B/$b}
			run --separate-stderr svy "$tool" $argv -q $input
			[ "$status" -eq 2 ] && [[ "$stderr" == "svy-$tool: '"*"' "*"output"*"a file of its own"* ]] ||
				fail "$tool $argv: status $status, '$stderr'"
			[ "$(cat same)" = old ] && [ ! -e new ] && [ ! -e new2 ] || fail "$tool $argv: a file was written"
		done
	done <<-'EOF2'
	clean|--rejects A -o B|in.csv
	clean|-r A --output=B|in.csv
	filter-students|--rejects A -o B|students.tsv
	filter|-w a>=2 --rejects A -o B|in.tsv
	factor|-c a,b,c -o A --summary B|fa.tsv
	factor|-c a,b,c --eigenvalues A --correlations B -o /dev/null|fa.tsv
	factor|-c a,b,c --summary A --eigenvalues B -o /dev/null|fa.tsv
	score|--model model.tsv --summary A -o B|fa.tsv
	cluster|-c a,b --k 2 --centroids A -o B|cluster.tsv
	cluster|-c a,b --k 2 --centroids A --inertia B -o /dev/null|cluster.tsv
	model|-y a -c b,c --summary A -o B|fa.tsv
	import|--codebook A -o B|survey.sav
	EOF2
	# a redirection of standard output is an output too
	run --separate-stderr bash -c "'$BIN/filter' -q -w 'a>=2' --rejects same in.tsv >same"
	[ "$status" -eq 2 ] && [[ "$stderr" == *"'same' and '<stdout>' are one file"* ]] || fail "redirection: '$stderr'"
	# /dev/null takes any number of outputs
	run svy clean -q -r /dev/null -o /dev/null in.csv
	assert_success
	[ -z "$(ls | grep tmp)" ] || fail "left behind: $(ls)"
}

@test "every tool with several outputs: a failure leaves every old file (they are put in place together)" {
	[ -w /dev/full ] || skip "no /dev/full"
	tool_fixtures
	# tool | arguments: OLD is a file that must stay, FULL fails the write | input
	while IFS='|' read -r tool args input; do
		echo old >old.tsv
		chmod 640 old.tsv
		argv=${args//OLD/old.tsv}
		argv=${argv//FULL//dev/full}
		run --separate-stderr svy "$tool" $argv -q $input
		[ "$status" -eq 1 ] && [[ "$stderr" == *"write error: No space left on device" ]] ||
			fail "$tool $argv: status $status, '$stderr'"
		[ "$(cat old.tsv)" = old ] && [ "$(stat -c %a old.tsv)" = 640 ] || fail "$tool $argv: old.tsv was replaced"
		[ -z "$(ls | grep tmp)" ] || fail "$tool $argv: left behind: $(ls)"
	done <<-'EOF2'
	clean|--rejects OLD -o FULL|in.csv
	clean|--rejects FULL -o OLD|in.csv
	filter-students|--rejects OLD -o FULL|students.tsv
	filter-students|--rejects FULL -o OLD|students.tsv
	filter|-w a>=2 --rejects OLD -o FULL|in.tsv
	filter|-w a>=2 --rejects FULL -o OLD|in.tsv
	factor|-c a,b,c --summary OLD -o FULL|fa.tsv
	factor|-c a,b,c --summary FULL -o OLD|fa.tsv
	factor|-c a,b,c --summary OLD --eigenvalues FULL -o /dev/null|fa.tsv
	score|--model model.tsv --summary OLD -o FULL|fa.tsv
	score|--model model.tsv --summary FULL -o OLD|fa.tsv
	cluster|-c a,b --k 2 --centroids OLD -o FULL|cluster.tsv
	cluster|-c a,b --k 2 --centroids FULL -o OLD|cluster.tsv
	cluster|-c a,b --k 2 --inertia OLD --centroids FULL -o /dev/null|cluster.tsv
	model|-y a -c b,c --summary OLD -o FULL|fa.tsv
	model|-y a -c b,c --summary FULL -o OLD|fa.tsv
	import|--codebook OLD -o FULL|survey.sav
	import|--codebook FULL -o OLD|survey.sav
	EOF2
}

@test "every tool: -o '' is a usage error that says so" {
	tool_fixtures
	while IFS='|' read -r tool args input; do
		run_tool "$tool" "$args" "$input" ''
		[ "$status" -eq 2 ] && [ "${stderr_lines[0]}" = "svy-$tool: option '--output': the file name is empty" ] ||
			fail "$tool -o '': status $status, '$stderr'"
	done < <(tool_runs)
	run --separate-stderr svy clean -q --rejects '' in.csv
	[ "$status" -eq 2 ] && [ "${stderr_lines[0]}" = "svy-clean: output file: the file name is empty" ] || fail "--rejects '': '$stderr'"
}

@test "every tool: -o onto a loop of symbolic links is a named error; the links stay" {
	tool_fixtures
	ln -s loop-b loop-a
	ln -s loop-a loop-b
	ln -s self self
	while IFS='|' read -r tool args input; do
		[[ "$args" != *--fig* ]] || have_gnuplot || continue
		for f in loop-a self; do
			name=$f
			[[ "$args" != *--fig* ]] || { ln -sfn "$f" "$f.svg"; name=$f.svg; }
			run_tool "$tool" "$args" "$input" "$name"
			[ "$status" -eq 1 ] && [ "${stderr_lines[0]}" = "svy-$tool: $name: Too many levels of symbolic links" ] ||
				fail "$tool -o $name: status $status, '$stderr'"
		done
	done < <(tool_runs)
	[ "$(readlink loop-a)" = loop-b ] && [ "$(readlink loop-b)" = loop-a ] && [ "$(readlink self)" = self ] ||
		fail "links changed: $(ls -l)"
	[ -z "$(ls | grep tmp)" ] || fail "left behind: $(ls)"
}

@test "every tool: -o onto a hard-linked file writes it in place: every name sees the new content, the mode stays" {
	tool_fixtures
	while IFS='|' read -r tool args input; do
		[[ "$args" != *--fig* ]] || have_gnuplot || continue
		out=out-$tool.tsv
		[[ "$args" != *--fig* ]] || out=out-$tool.svg
		rm -f "$out" "other-$out"
		echo old >"$out"
		chmod 604 "$out"
		ln "$out" "other-$out"
		run_tool "$tool" "$args" "$input" "$out"
		[ "$status" -eq 0 ] || fail "$tool: status $status, '$stderr'"
		[ "$(stat -c %h "$out")" = 2 ] && [ "$(stat -c %i "$out")" = "$(stat -c %i "other-$out")" ] ||
			fail "$tool: the hard link was broken"
		[ -s "$out" ] && [ "$(cat "$out")" != old ] || fail "$tool: not rewritten"
		[ "$(stat -c %a "$out")" = 604 ] || fail "$tool: mode $(stat -c %a "$out")"
	done < <(tool_runs)
	# a side file too
	echo old >rej.tsv
	ln rej.tsv rej-other.tsv
	svy clean -q --rejects rej.tsv -o /dev/null in.csv
	[ "$(head -1 rej-other.tsv)" != old ] || fail "--rejects: the other name kept the old content"
	[ -z "$(ls | grep tmp)" ] || fail "left behind: $(ls)"
}

@test "every tool: an output name of 245 to 255 bytes works (the temporary's name is cut to fit)" {
	tool_fixtures
	while IFS='|' read -r tool args input; do
		[[ "$args" != *--fig* ]] || have_gnuplot || continue
		for len in 245 255; do
			name=$(printf "%${len}s" "" | tr ' ' x)
			[[ "$args" != *--fig* ]] || name=${name:4}.svg
			run_tool "$tool" "$args" "$input" "$name"
			[ "$status" -eq 0 ] && [ -s "$name" ] || fail "$tool, a $len-byte name: status $status, '$stderr'"
			rm -f "$name"
		done
	done < <(tool_runs)
	[ -z "$(ls | grep tmp)" ] || fail "left behind: $(ls)"
}

# the read-only test's directory under /tmp, gone even when the test fails
teardown() {
	[ -z "${work:-}" ] || { chmod -R u+w "$work"; rm -rf "$work"; }
}

# USER ARGS...: run as another user when we are root (root writes anywhere)
as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}

@test "every tool: -o FILE in a directory that takes no new file: FILE written in place when it is writable, else a named error" {
	[ "$(id -u)" != 0 ] || command -v setpriv >/dev/null || skip "root without setpriv"
	tool_fixtures
	# a directory the other user can reach, when we are root
	work=$(mktemp -d /tmp/svy-ro.XXXXXX)
	chmod 755 "$work"
	cp ./*.csv ./*.tsv ./*.sav "$work"
	cd "$work"
	mkdir ro
	while IFS='|' read -r tool args input; do
		[[ "$args" != *--fig* ]] || have_gnuplot || continue
		out=ro/$tool.tsv
		[[ "$args" != *--fig* ]] || out=ro/$tool.svg
		echo old >"$out"
		chmod 666 "$out"
	done < <(tool_runs)
	chmod 555 ro
	while IFS='|' read -r tool args input; do
		[[ "$args" != *--fig* ]] || have_gnuplot || continue
		out=ro/$tool.tsv
		[[ "$args" != *--fig* ]] || out=ro/$tool.svg
		run --separate-stderr as_user "$BIN/$tool" ${args/--fig/} -q -o "$out" $input
		[ "$status" -eq 0 ] && [ -s "$out" ] && [ "$(cat "$out")" != old ] ||
			fail "$tool -o $out: status $status, '$stderr'"
		[ "$(stat -c %a "$out")" = 666 ] || fail "$tool: mode $(stat -c %a "$out")"
		run --separate-stderr as_user "$BIN/$tool" ${args/--fig/} -q -o "ro/new-$tool.svg" $input
		[ "$status" -eq 1 ] && [ "${stderr_lines[0]}" = "svy-$tool: ro/new-$tool.svg: Permission denied" ] ||
			fail "$tool -o ro/new: status $status, '$stderr'"
	done < <(tool_runs)
	[ -z "$(ls ro | grep -v -e '\.tsv$' -e '\.svg$')" ] || fail "left behind: $(ls ro)"
}

# The tool reads FIFO; its temporaries exist once it has written: feed it
# a header and more rows than one read takes, then keep the FIFO open.
@test "SIGINT, SIGTERM, SIGHUP: a tool blocked on its input removes its temporary files" {
	printf 'id\tQ3\n' >head.tsv
	awk 'BEGIN { for (i = 0; i < 20000; i++) print i "\tA" (i % 3) }' >rows.tsv
	mkfifo fifo
	for sig in INT TERM HUP; do
		while IFS='|' read -r tool args; do
			mkdir run && cd run
			# job control off: a background job ignores SIGINT unless told
			env --default-signal=INT "$BIN/$tool" -q $args ../fifo &
			pid=$!
			exec {feed}>../fifo	# (fd 3 is bats's)
			cat ../head.tsv ../rows.tsv >&"$feed"
			for i in $(seq 50); do
				[ "$(ls | grep -c tmp)" -ge 2 ] && break
				sleep 0.1
			done
			[ "$(ls | grep -c tmp)" -ge 2 ] || fail "$tool: no temporaries to remove: $(ls)"
			kill -"$sig" "$pid"
			wait "$pid" && fail "$tool: exit 0 on SIG$sig"
			exec {feed}>&-
			[ -z "$(ls)" ] || fail "$tool, SIG$sig: left behind: $(ls)"
			cd .. && rmdir run
		done <<-'EOF2'
		filter|-w Q3=A1 --rejects r.tsv -o o.tsv
		filter-students|--rejects r.tsv -o o.tsv
		EOF2
	done
}

@test "plot -o FIG.png / FIG.svg: mode kept, a link followed, a new file 0666 & ~umask, atomic" {
	have_gnuplot || skip "gnuplot not installed"
	printf 'a\tg\n1\tx\n2\ty\n3\tx\n' >in.tsv
	for ext in png svg; do
		for args in "-c a" "-c a -g g" "-c g"; do
			echo old >"f.$ext"
			chmod 600 "f.$ext"
			mkdir -p real
			echo old >"real/t.$ext"
			chmod 640 "real/t.$ext"
			ln -sfn "real/t.$ext" "l.$ext"
			svy plot -q $args -o "f.$ext" in.tsv
			svy plot -q $args -o "l.$ext" in.tsv
			(umask 027 && svy plot -q $args -o "new.$ext" in.tsv)
			[ "$(stat -c %a "f.$ext")" = 600 ] && [ "$(cat "f.$ext")" != old ] || fail "$ext $args: mode $(stat -c %a "f.$ext")"
			[ -L "l.$ext" ] && [ "$(stat -c %a "real/t.$ext")" = 640 ] && [ "$(cat "real/t.$ext")" != old ] ||
				fail "$ext $args: link $(ls -l "l.$ext" real)"
			[ "$(stat -c %a "new.$ext")" = 640 ] || fail "$ext $args: new file mode $(stat -c %a "new.$ext")"
			rm "new.$ext"
		done
	done
	file f.png | grep -q 'PNG image'
	# gnuplot failing: the old figure stays, nothing left behind
	echo old >f.svg
	run env PATH=/nonexistent "$BIN/plot" -q -c a -o f.svg in.tsv
	assert_failure 1
	[ "$(cat f.svg)" = old ]
	[ -z "$(ls . real | grep tmp)" ] || fail "left behind: $(ls . real)"
}

@test "--safe-cells: cells a spreadsheet would run get a ', numbers and other text stay; without it TSV is faithful" {
	# value as read (TSV-escaped) ~ as written with --safe-cells
	while IFS='~' read -r value want; do
		printf 'a\tk\n%s\t1\n' "$value" >in.tsv
		run --separate-stderr svy filter -q --safe-cells -w k=1 in.tsv
		[ "${lines[1]}" = "$want	1" ] || fail "'$value': got '${lines[1]}', want '$want'"
		# the rejects and an unescaped row (a written field) alike
		printf 'a\tk\n%s\t1\nx\\\\\t2\n' "$value" >in.tsv
		svy filter -q --safe-cells -w k=2 --rejects rej.tsv in.tsv >out.tsv
		[ "$(sed -n 2p rej.tsv)" = "$want	1	k=2" ] || fail "'$value' in rejects: '$(sed -n 2p rej.tsv)'"
		# without the option: as read
		run --separate-stderr svy filter -q -w k=1 in.tsv
		[ "${lines[1]}" = "$value	1" ] || fail "'$value' without --safe-cells: '${lines[1]}'"
	done <<-'EOF2'
	=HYPERLINK("http://x","y")~'=HYPERLINK("http://x","y")
	+cmd|' /C calc'!A0~'+cmd|' /C calc'!A0
	-2+3~'-2+3
	@SUM(1)~'@SUM(1)
	\tx~'\tx
	\rx~'\rx
	-~'-
	+~'+
	-1.5~-1.5
	+2e3~+2e3
	-0~-0
	1e400~1e400
	a=b~a=b
	x-y~x-y
	 =x~ =x
	\\=x~\\=x
	EOF2
	# a column name too
	printf '=a\tk\n1\t1\n' >in.tsv
	run svy filter -q --safe-cells -w k=1 in.tsv
	assert_line --index 0 "'=a	k"
}

# the inputs of the --safe-cells table: the formula-like cell =1+2 as an
# answer, a label, an id or a column name, where each tool writes it back
safe_inputs() {
	printf 'id,a,q\n1,=1+2,1\n2,b,2\n3,=1+2,3\n4,=1+2,\n' >in.csv
	printf 'a\tq\n=1+2\t1\nb\t2\n=1+2\t3\nb\t4\n' >in.tsv
	printf 'column\trename\tlabel\tcode\tvalue\nq\tq2\t\t\t\n' >cb.tsv
	printf 'a\tb\n1\t2\n2\t3\n3\t1\n4\t5\n5\t4\n' >t.tsv
	printf 'id\tfamily\ttest\tvariables\toptions\thypothesis\n=1+2\tf\tspearman\ta b\t\tH0\n' >plan.tsv
	printf 'id\tp\tfamily\n=1+2\t0.01\tf\nH2\t0.2\tf\n' >p.tsv
	awk 'BEGIN { print "=1+2\ti2\ti3\ti4"; for (i = 1; i <= 40; i++) { f = (i * 7) % 11
		print f + i % 3 "\t" f + (i * 5) % 4 "\t" f + (i * 3) % 5 "\t" f + (i * 2) % 3 } }' >f.tsv
	svy factor -q -c '=1+2,i2,i3,i4' -o fm.tsv f.tsv
	printf 'id\tx\ty\n=1+2\t1\t2\nb\t1.1\t2.1\nc\t5\t5\nd\t5.1\t5.2\n' >c.tsv
	printf '=1+2\tb\n1\t1\n2\t2\n1\t2\n2\t2\n1\t1\n' >k.tsv
	printf 'y\t=1+2\n1\t1\n2\t3\n3\t2\n4\t5\n5\t4\n6\t7\n' >m.tsv
	svy export -q -o in.sav in.tsv
}

# count_cells FILE VALUE: the fields of FILE equal to VALUE, and to 'VALUE
count_cells() {
	awk -F'\t' -v v="$2" '{ for (i = 1; i <= NF; i++) { a += $i == v; b += $i == "\047" v } }
		END { print a + 0, b + 0 }' "$1"
}

@test "--safe-cells in every tool writing TSV: the formula-like cell gets its ', without the option it is as read" {
	safe_inputs
	# tool|its arguments (the formula cell reaches the output)|input
	while IFS='|' read -r tool args input; do
		read -ra a <<<"$args"
		svy "$tool" -q --safe-cells "${a[@]}" -o safe.tsv "$input" || fail "$tool --safe-cells failed"
		svy "$tool" -q "${a[@]}" -o plain.tsv "$input" || fail "$tool failed"
		read -r asis quoted < <(count_cells safe.tsv '=1+2')
		[ "$asis" -eq 0 ] && [ "$quoted" -gt 0 ] ||
			fail "$tool --safe-cells: =1+2 $asis times as read, $quoted quoted: $(cat safe.tsv)"
		read -r asis quoted < <(count_cells plain.tsv '=1+2')
		[ "$asis" -eq "$(count_cells safe.tsv '=1+2' | cut -d' ' -f2)" ] && [ "$quoted" -eq 0 ] ||
			fail "$tool without --safe-cells: =1+2 $asis times as read, $quoted quoted"
		# nothing else changed: only the quotes differ
		diff <(sed "s/'=1+2/=1+2/g" safe.tsv) plain.tsv || fail "$tool: --safe-cells changed more than the cell"
	done <<-'EOF_TOOLS'
		clean||in.csv
		filter|-w q=1|in.tsv
		filter-students|-c a --value zz|in.tsv
		encode-likert|--codebook cb.tsv|in.tsv
		derive|--any d=q|in.tsv
		describe||in.tsv
		tally|-c a|in.tsv
		test-hypothesis|--plan plan.tsv|t.tsv
		bh-correct||p.tsv
		factor|-c =1+2,i2,i3,i4|f.tsv
		score|--model fm.tsv|f.tsv
		cluster|-c x,y -k 2|c.tsv
		kappa|-c =1+2,b|k.tsv
		model|-y y -c =1+2|m.tsv
		codebook||in.tsv
		import||in.sav
		correlate|-c =1+2,y|m.tsv
	EOF_TOOLS
	# the side files alike: rejects, summaries
	svy clean -q --safe-cells --complete-column q --rejects r.tsv -o /dev/null in.csv
	[ "$(count_cells r.tsv '=1+2')" = "0 1" ] || fail "clean --rejects: $(cat r.tsv)"
	svy filter-students -q --safe-cells -c a --value =1+2 --rejects r.tsv -o /dev/null in.tsv
	[ "$(count_cells r.tsv '=1+2')" = "0 2" ] || fail "filter-students --rejects: $(cat r.tsv)"
	printf 'y\tx\n1\t1\n2\t3\n3\t2\n4\t5\n5\t4\n6\t7\n' | sed '1s/^y/=1+2/' >o.tsv
	svy model -q --safe-cells -y =1+2 -c x --summary s.tsv -o /dev/null o.tsv
	[ "$(count_cells s.tsv '=1+2')" = "0 1" ] || fail "model --summary: $(cat s.tsv)"
	# every tool that writes TSV a spreadsheet may open takes the option
	for tool in clean filter filter-students encode-likert derive describe tally test-hypothesis \
		bh-correct factor score cluster kappa model codebook import; do
		svy "$tool" --help | grep -q -- '--safe-cells' || fail "$tool has no --safe-cells"
	done
}

@test "report: no line and no Markdown cell starts with a formula; the escape prints nothing" {
	printf 'id\ttest\tstatistic\tstatistic_name\tp\tdf\teffect_size\teffect_name\n' >r.tsv
	printf '=1+2\tspearman\t0.5\trho\t0.1\t8\t0.5\t-rho\nH2\tspearman\t0.5\trho\t0.1\t8\t-0.5\trho\n' >>r.tsv
	printf 'id\thypothesis\n=1+2\t@SUM(1)\nH2\t-1.5 is text\n' >h.tsv
	# caption|what the table's lines hold (Markdown)
	while IFS='|' read -r caption want; do
		run svy report -H h.tsv --effect --caption "$caption" r.tsv
		assert_success
		assert_line --index 0 "$want"
	done <<-'EOF_CAPTIONS'
		=HYPERLINK("x")|\=HYPERLINK("x")
		+cmd|\+cmd
		- a list?|\- a list?
		@x|\@x
		-1.5|-1.5
		Table 4|Table 4
		a=b|a=b
	EOF_CAPTIONS
	run svy report -H h.tsv --effect r.tsv
	assert_line '| \=1+2 | \@SUM(1) | r_s(8) = .500 | .100 | \-rho = 0.500 |'
	assert_line '| H2 | \-1.5 is text | r_s(8) = .500 | .100 | rho = -0.500 |'
	# LaTeX: the first cell of a row, where a line starts; the caption is inside \caption{}
	run svy report --latex --caption '=c' r.tsv
	assert_line '{}=1+2 & $r_{s(8)} = .500$ & .100 \\'
	assert_line '\caption{=c}'
	# the regression table alike: a term and the caption
	printf 'y\tx\n1\t1\n2\t3\n3\t2\n4\t5\n5\t4\n6\t7\n' | sed '1s/x$/=1+2/' >m.tsv
	svy model -q -y y -c =1+2 --summary s.tsv -o mo.tsv m.tsv
	run svy report --summary s.tsv --caption '+T' mo.tsv
	assert_line --index 0 '\+T'
	assert_line --partial '| \=1+2 | 0.77 |'
	run svy report --latex --summary s.tsv mo.tsv
	assert_line --partial '{}=1+2 & $0.77$'
	# no line of the Markdown starts with a formula
	run svy report -H h.tsv --effect --caption '=x' r.tsv
	refute_output --regexp '(^|\n)[=+@-][^-]'
}
