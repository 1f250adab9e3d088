#!/usr/bin/env bats
# Every tool on the fixture under valgrind's memcheck: no invalid access, no
# uninitialised value used, nothing leaked. Run by `make check` on the normal
# build only (valgrind cannot run the sanitizer build).

load ../test_helper

setup_file() {
	export STUDY="$BATS_FILE_TMPDIR/study"
	svy_make study-outputs B="$STUDY" 2>/dev/null
}

# memcheck TOOL ARGS...: run under valgrind, stdout to out.tsv
memcheck() {
	local tool=$1
	shift
	valgrind -q --error-exitcode=97 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect,possible \
		--show-leak-kinds=definite,indirect,possible \
		"$BIN/$tool" "$@" >out.tsv 2>err.txt
	local st=$?
	if [ "$st" -eq 97 ] || grep -q '^==[0-9]*==' err.txt; then
		cat err.txt >&2
		return 97
	fi
	return "$st"
}

@test "memcheck: clean, filter-students, encode-likert, derive" {
	memcheck clean --rejects rej.tsv "$SVY_ROOT/fixtures/awareness-export.csv"
	memcheck filter-students --rejects rej.tsv "$STUDY/clean.tsv"
	memcheck encode-likert -b "$SVY_ROOT/fixtures/codebook.tsv" "$STUDY/practitioners.tsv"
	memcheck derive --any d=task_custom_apps,task_tools_from_scratch "$STUDY/encoded.tsv"
	memcheck simulate --respondents 300
}

@test "memcheck: factor and score" {
	memcheck factor -c 'attack_*,method_*' --threshold 0.45 --refit --summary s.tsv \
		--eigenvalues e.tsv <"$STUDY/encoded.tsv"
	memcheck factor -c 'method_*' --factors 3 <"$STUDY/encoded.tsv"
	memcheck score --model "$STUDY/model.tsv" --name awareness --normalize minmax \
		--summary s.tsv <"$STUDY/encoded.tsv"
}

@test "memcheck: test-hypothesis, bh-correct, report" {
	memcheck test-hypothesis -q --plan "$SVY_ROOT/pipelines/studies/awareness/hypotheses.tsv" \
		-i "$STUDY/scored.tsv"
	mv out.tsv raw-tests.tsv
	memcheck bh-correct raw-tests.tsv
	memcheck report -H "$SVY_ROOT/pipelines/studies/awareness/hypotheses.tsv" "$STUDY/tests.tsv"
	memcheck report --latex "$STUDY/tests.tsv"
}

@test "memcheck: tally, cluster, kappa" {
	memcheck tally -c education_group,years_ml <"$STUDY/encoded.tsv"
	memcheck tally --by 'task_[a-n]*' -c awareness --multiple <"$STUDY/scored.tsv"
	memcheck cluster -c 'share_*' --elbow 6 --restarts 50 --inertia i.tsv --centroids c.tsv \
		"$STUDY/familiarity.tsv"
	memcheck kappa -i "$SVY_ROOT/fixtures/coders.tsv" -c coder_a,coder_b
	memcheck kappa -i "$SVY_ROOT/fixtures/coders.tsv" --krippendorff -c coder_a,coder_b
}

@test "memcheck: model, power, correlate, import, export" {
	memcheck model -m logistic -y yb -c x1,x2,g --summary s.tsv "$SVY_ROOT/test/data/model/survey.tsv"
	memcheck model -m ordinal -y yo -c x1,x2,g --summary s.tsv "$SVY_ROOT/test/data/model/survey.tsv"
	memcheck power -m t2 --d 0.5 --power 0.8
	memcheck correlate -c age,trust,use,risk -m spearman --format markdown "$SVY_ROOT/test/data/correlate/survey.tsv"
	memcheck import --codebook cb.tsv "$SVY_ROOT/test/data/sav/survey.sav"
	cp out.tsv imported.tsv
	memcheck export --format sav -o x.sav --codebook cb.tsv imported.tsv
}

@test "memcheck: codebook, describe, filter, plot, tally --cross" {
	memcheck codebook "$SVY_ROOT/fixtures/awareness-export.csv"
	memcheck codebook --export "$SVY_ROOT/fixtures/digital-twins-automotive/results_german.csv" \
		"$SVY_ROOT/fixtures/digital-twins-automotive/limesurvey_survey_222232.lss"
	memcheck describe "$STUDY/encoded.tsv"
	memcheck filter -w 'years_ml>=2' -w 'country=Germany,France' --rejects rej.tsv "$STUDY/encoded.tsv"
	memcheck plot -c years_ml "$STUDY/encoded.tsv"
	memcheck plot -c awareness -g ml_developer "$STUDY/scored.tsv"
	memcheck tally --cross ml_developer,years_ml --chi2 "$STUDY/encoded.tsv"
}

@test "memcheck: error paths exit 1 cleanly" {
	printf 'id\tQ3\n1\n' >ragged.tsv
	run memcheck filter-students ragged.tsv
	[ "$status" -eq 1 ]
	printf 'Q2\nMaster\n' >unknown.tsv
	run memcheck encode-likert -b "$SVY_ROOT/fixtures/codebook.tsv" unknown.tsv
	[ "$status" -eq 1 ]
	printf 'a,b\n"1,2\n' >quote.csv
	run memcheck clean quote.csv
	[ "$status" -eq 1 ]
}
