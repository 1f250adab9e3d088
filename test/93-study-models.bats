#!/usr/bin/env bats
# The study's MODELS step: one svy model a name of MODELS, its table in the
# report, its own stamp, its variables checked like every study variable.

load test_helper

study() {
	svy_make study-outputs "$@" 2>study.log || { cat study.log; return 1; }
}

# the files of directory $1 made after the file mark, sorted
newer() {
	(cd "$1" && find . -type f -newer "$BATS_TEST_TMPDIR/mark" | sed 's#^\./##' | sort)
}

write_study() {
	cat >m.study <<-'EOF'
		EXPORT   = fixtures/awareness-export.csv
		CODEBOOK = fixtures/codebook.tsv
		DERIVE   = --any ml_developer=task_custom_apps,task_tools_from_scratch
		MODELS = experience dev
		MODEL_experience_OUTCOME    = years_ml
		MODEL_experience_PREDICTORS = company_size ml_developer
		MODEL_experience_TITLE      = Table 6. Experience | <b>by</b>
		MODEL_dev_OUTCOME    = ml_developer
		MODEL_dev_PREDICTORS = years_ml company_size
		MODEL_dev_METHOD     = logistic
	EOF
}

@test "MODELS: each model is svy model's output, its table in the report under its title" {
	write_study
	study STUDY="$BATS_TEST_TMPDIR/m.study" B="$BATS_TEST_TMPDIR/m"
	# the files are svy model's, with the study's variables
	svy model -q -y years_ml -c company_size,ml_developer --summary s1.tsv m/encoded.tsv >t1.tsv
	cmp t1.tsv m/model-experience.tsv
	cmp s1.tsv m/model-experience-summary.tsv
	svy model -q -m logistic -y ml_developer -c years_ml,company_size --summary s2.tsv m/encoded.tsv >t2.tsv
	cmp t2.tsv m/model-dev.tsv
	cmp s2.tsv m/model-dev-summary.tsv
	# the report: the section, each table (as svy report prints it) under
	# its title, in the order of MODELS; the title escaped for Markdown
	grep -qxF '## Regression models' m/report.md
	svy report -q --summary s1.tsv --caption 'Table 6. Experience | <b>by</b>' t1.tsv >r1.md
	svy report -q --summary s2.tsv --caption 'Regression of ml_developer on years_ml, company_size (logistic)' t2.tsv >r2.md
	grep -qxF 'Table 6. Experience \| &lt;b&gt;by&lt;/b&gt;' r1.md
	{ printf '## Regression models\n\n'; cat r1.md; printf '\n'; cat r2.md; printf '\n'; } >want.md
	awk '/^## Regression models$/ { on = 1 } on && /^## / && !/Regression/ { exit } on' m/report.md >got.md
	diff -u want.md got.md
	[ "$(grep -c '^| years_ml |' m/report.md)" -eq 1 ]
	# the steps: one a model, after the step that turns them on
	run awk -F'\t' '$1 ~ /^model/ { print $1, $2, $4 }' m/steps.tsv
	assert_output "models yes model-titles.tsv
model-experience yes model-experience.tsv model-experience-summary.tsv
model-dev yes model-dev.tsv model-dev-summary.tsv"
}

@test "MODELS off: the report lists the step as not run, no model file" {
	printf 'EXPORT = fixtures/awareness-export.csv\n' >b.study
	study STUDY="$BATS_TEST_TMPDIR/b.study" B="$BATS_TEST_TMPDIR/b"
	grep -qxF -- '- the regression models (MODELS not set)' b/report.md
	run grep -c 'Regression models' b/report.md
	assert_output 0
	[ -z "$(ls b | grep '^model')" ]
}

@test "a model's variable changed: that model and the report are made again, nothing else" {
	write_study
	study STUDY="$BATS_TEST_TMPDIR/m.study" B="$BATS_TEST_TMPDIR/m"
	touch mark
	study STUDY="$BATS_TEST_TMPDIR/m.study" B="$BATS_TEST_TMPDIR/m" MODEL_dev_OPTIONS='--ci wald'
	run newer m
	assert_output "$(printf '%s\n' .stamps/model-dev model-dev-summary.tsv model-dev.tsv report.md)"
	grep -q 'CI: Wald' m/report.md
	# a model's predictors in the study file
	touch mark
	sed -i 's/^MODEL_experience_PREDICTORS .*/MODEL_experience_PREDICTORS = company_size/' m.study
	study STUDY="$BATS_TEST_TMPDIR/m.study" B="$BATS_TEST_TMPDIR/m"
	run newer m
	# (model-dev back without --ci wald)
	assert_output "$(printf '%s\n' .stamps/model-dev .stamps/model-experience model-dev-summary.tsv model-dev.tsv \
		model-experience-summary.tsv model-experience.tsv report.md)"
	run grep -c '^| ml_developer |' m/report.md
	assert_output 0
	# a title: the report only (and the list of titles)
	touch mark
	printf 'MODEL_dev_TITLE = Table 7. Who develops\n' >>m.study
	study STUDY="$BATS_TEST_TMPDIR/m.study" B="$BATS_TEST_TMPDIR/m"
	run newer m
	assert_output "$(printf '%s\n' model-titles.tsv report.md)"
	grep -qxF 'Table 7. Who develops' m/report.md
	# svy study --dry-run says why
	run svy_make study-why STUDY="$BATS_TEST_TMPDIR/m.study" B="$BATS_TEST_TMPDIR/m" MODEL_dev_METHOD=linear
	assert_output "model-dev: MODEL_dev_METHOD changed (was 'logistic', now 'linear')
report: after model-dev"
	# and a new model: only it
	touch mark
	sed -i 's/^MODELS = .*/MODELS = experience dev size/' m.study
	printf 'MODEL_size_OUTCOME = company_size\nMODEL_size_PREDICTORS = years_ml\n' >>m.study
	study STUDY="$BATS_TEST_TMPDIR/m.study" B="$BATS_TEST_TMPDIR/m"
	run newer m
	assert_output "$(printf '%s\n' .stamps/model-size model-size-summary.tsv model-size.tsv \
		model-titles.tsv report.md steps.tsv)"
}

@test "a model's mistake in the study file: an error that names the variable, before any step" {
	write_study
	while IFS='|' read -r line message; do
		{ cat m.study; printf '%s\n' "$line"; } >x.study
		run svy_make study-outputs STUDY="$BATS_TEST_TMPDIR/x.study" B="$BATS_TEST_TMPDIR/x"
		assert_failure
		assert_output --partial "$BATS_TEST_TMPDIR/x.study: $message"
		[ ! -e x ] || fail "a step ran: $(ls x)"
	done <<-'EOF_CASES'
		MODEL_dev_OUTCOM = x|MODEL_dev_OUTCOM: not a study variable (did you mean MODEL_dev_OUTCOME?)
		MODEL_dev_PREDICTOR = x|MODEL_dev_PREDICTOR: not a study variable (did you mean MODEL_dev_PREDICTORS?)
		MODEL = dev|MODEL: not a study variable (did you mean MODELS?)
		MODEL_dve_OUTCOME = x|MODEL_dve_OUTCOME: no model of that name in MODELS (MODELS = experience dev)
		MODELS = dev a-b|MODELS = dev a-b: 'a-b': a model's name is letters, digits and _ (it names the file model-NAME.tsv)
		MODELS = dev dev|MODELS = dev dev: 'dev' twice
		MODELS = dev other|MODEL_other_OUTCOME is not set (the model other of MODELS needs its outcome, a column)
		MODEL_dev_PREDICTORS =|MODEL_dev_PREDICTORS is not set (the model dev of MODELS needs its predictors, columns separated by blanks)
		MODEL_dev_METHOD = probit|MODEL_dev_METHOD = probit: linear, logistic or ordinal
		MODEL_dev_PREDICTORS = 'years_ml'|MODEL_dev_PREDICTORS = 'years_ml': write the column names without quotes
		MODEL_dev_METHOD =|MODEL_dev_METHOD = : linear, logistic or ordinal
		MODEL_dev_METHOD = linear logistic|MODEL_dev_METHOD = linear logistic: linear, logistic or ordinal
	EOF_CASES
	# MODELS off (empty, no, none): the models' variables may stay
	for off in '' no none; do
		{ cat m.study; printf 'MODELS = %s\n' "$off"; } >x.study
		run svy_make study-dir STUDY="$BATS_TEST_TMPDIR/x.study"
		assert_success
	done
	run svy_make study-dir STUDY="$BATS_TEST_TMPDIR/m.study" MODELS=no
	assert_success
	# on the command line too
	run svy_make study-dir STUDY="$BATS_TEST_TMPDIR/m.study" MODEL_dev_OUTCOM=x
	assert_failure
	assert_output --partial "the command line: MODEL_dev_OUTCOM: not a study variable (did you mean MODEL_dev_OUTCOME?)"
	# a column svy model does not find: its error, the study stops
	{ cat m.study; printf 'MODEL_dev_PREDICTORS = years_ml no_such\n'; } >x.study
	run svy_make study-outputs STUDY="$BATS_TEST_TMPDIR/x.study" B="$BATS_TEST_TMPDIR/x"
	assert_failure
	assert_output --partial "no_such"
	[ ! -e x/model-dev.tsv ]
}
