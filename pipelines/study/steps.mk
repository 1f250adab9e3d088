# The steps of a study (included by pipelines/study/main.mk): the table of
# steps, then each step's recipe, then the report's.

# ---- the table of steps ---------------------------------------------------
# One declaration a step, in the report's order:
#   $(call step,NAME,ON,WHAT,VARIABLES,INPUTS,OUTPUTS,FIGURES,NEEDS)
# NAME      the step: its line in steps.tsv, its section of the report
#           (report.sh), its stamp $(B)/.stamps/NAME
# ON        the variable that turns it on (empty: it always runs)
# WHAT      what it is, for the report's "Steps not run" (empty: not listed)
# VARIABLES the study variables that shape it: a change of one makes it again
# INPUTS    the files and tools it reads (its recipe's prerequisites)
# OUTPUTS   its files under $(B) (the recipe's targets; the report's inputs)
# FIGURES   the kinds of figure it gives (figures.mk)
# NEEDS     a step that must run for this one to run
# From the table follow: which steps run (RUN_step), $(B)/steps.tsv (the
# steps run and not run, with their files, for the report), each step's
# stamp, its recipe's targets and prerequisites ($(call step_out,NAME) &:
# $(call step_in,NAME)), the figures drawn and the report's prerequisites.
STEPS :=
define step
STEPS += $(1)
STEP_ON_$(1) := $(2)
STEP_WHAT_$(1) := $(3)
STEP_VARS_$(1) := $(4)
STEP_IN_$(1) := $(5)
STEP_OUT_$(1) := $(6)
STEP_FIG_$(1) := $(7)
RUN_$(1) := $$(and $$(if $(2),$$(call on,$$($(2))),yes),$$(if $(8),$$(RUN_$(8)),yes))
endef
# a step's targets, and its prerequisites with its stamp
step_out = $(addprefix $(B)/,$(STEP_OUT_$(1)))
step_in = $(STEP_IN_$(1)) $(call stamp,$(1))
FAMILY_VARS = $(sort $(filter FAMILY_TITLE_% FAMILY_TABLE_%,$(.VARIABLES)))
TABLE_VARS = TABLES $(sort $(filter TABLE_%_SINGLE TABLE_%_MULTIPLE,$(.VARIABLES)))
FAMILY_TABLES = $(foreach v,$(sort $(filter FAMILY_TABLE_%,$(.VARIABLES))),$($(v)).md)

$(eval $(call step,clean,,,EXPORT EXPORT_MEMBER DELIMITER COMPLETE CLEAN_OPTIONS,\
	$(EXPORT) $(S)/clean,clean.tsv incomplete.tsv))
$(eval $(call step,filter,FILTER_COLUMN,the respondent filter,\
	FILTER_COLUMN FILTER_VALUES FILTER_OPTIONS FILTER_KEPT FILTER_DROPPED,\
	$(B)/clean.tsv $(S)/filter-students,$(FILTER_KEPT).tsv $(FILTER_DROPPED).tsv))
RESPONDENTS := $(if $(RUN_filter),$(B)/$(FILTER_KEPT).tsv,$(B)/clean.tsv)
$(eval $(call step,codebook,CODEBOOK,the answers encoded with a codebook))
$(eval $(call step,derive,DERIVE,derived columns))
$(eval $(call step,encode,,,CODEBOOK DERIVE,\
	$(RESPONDENTS) $(if $(RUN_codebook),$(CODEBOOK)) $(S)/encode-likert $(S)/derive,encoded.tsv))
$(eval $(call step,factor,FA_ITEMS,the factor analysis and the score,\
	FA_ITEMS FA_FACTORS FA_METHOD FA_ROTATION FA_THRESHOLD FA_REFIT FA_REVERSE FA_OPTIONS,\
	$(B)/encoded.tsv $(S)/factor,model.tsv factor-summary.tsv eigenvalues.tsv,scree))
$(eval $(call step,score,,,SCORES SCORE_METHOD SCORE_NORMALIZE,\
	$(B)/encoded.tsv $(B)/model.tsv $(S)/score,scored.tsv score-summary.tsv,histogram boxes,factor))
SCORED := $(if $(RUN_score),$(B)/scored.tsv,$(B)/encoded.tsv)
$(eval $(call step,hypotheses,HYPOTHESES,the hypothesis tests,HYPOTHESES HYPOTHESES_DEPS,\
	$(SCORED) $(HYPOTHESES) $(HYPOTHESES_DEPS) $(S)/test-hypothesis $(S)/bh-correct,tests.tsv))
$(eval $(call step,families,,,$(FAMILY_VARS),\
	$(B)/tests.tsv $(HYPOTHESES) $(B)/family-captions.tsv $(S)/report,\
	hypotheses.md family-captions.tsv $(FAMILY_TABLES),,hypotheses))
# the regression models: a step a model of MODELS (its own stamp: a change of
# one model's variables makes that model again, and the report), and the
# step 'models' that turns them on and lists the titles for the report
$(eval $(call step,models,MODELS,the regression models,,,model-titles.tsv))
$(foreach m,$(MODEL_NAMES),$(eval $(call step,model-$(m),,,$(call model_vars,$(m)),\
	$(SCORED) $(S)/model,model-$(m).tsv model-$(m)-summary.tsv,,models)))
$(eval $(call step,tables,TABLES,the descriptive tables,$(TABLE_VARS),\
	$(B)/encoded.tsv $(S)/tally,$(TABLES:=.tsv)))
$(eval $(call step,shares,SHARES_ITEMS,the shares of the items' answers,\
	SHARES SHARES_ITEMS SHARES_LEVELS SHARES_LABELS CODEBOOK,\
	$(B)/encoded.tsv $(S)/tally,$(SHARES).tsv,shares))
$(eval $(call step,clusters,CLUSTER_ITEMS,the k-means clusters of the items,\
	CLUSTER_ITEMS CLUSTER_MAX_K CLUSTER_SEED,\
	$(B)/$(SHARES).tsv $(S)/cluster $(M)/labels.awk $(M)/select-rows.awk,\
	clusters.tsv inertia.tsv centroids.tsv,elbow,shares))
$(eval $(call step,kappa,CODERS,the agreement of the coders,CODERS CODER_COLUMNS,\
	$(CODERS) $(S)/kappa,kappa.tsv))

# the steps run, their files
STEPS_RUN := $(foreach s,$(STEPS),$(if $(RUN_$(s)),$(s)))
STEP_FILES := $(foreach s,$(STEPS_RUN),$(call step_out,$(s)))
SCORE_NAMES := $(subst $(comma), ,$(SCORES))

# the stamps, and the list of the steps for the report: one line a step,
# step, yes or no, what it is (when off: and the variable that would turn it
# on), its files
$(foreach s,$(STEPS),$(eval $(call stamp_rule,$(s),$(STEP_VARS_$(s)))))
step_row = $(1)$(tab)$(if $(RUN_$(1)),yes,no)$(tab)$(STEP_WHAT_$(1))$(if \
	$(RUN_$(1))$(if $(STEP_WHAT_$(1)),,x),, ($(STEP_ON_$(1)) not set))$(tab)$(STEP_OUT_$(1))$(newline)
STEPS_TEXT = step$(tab)run$(tab)what$(tab)files$(newline)$(subst $(newline)$(space),$(newline),$(foreach \
	s,$(STEPS),$(call step_row,$(s))))
$(eval $(call text_file,$(B)/steps.tsv,STEPS_TEXT))

# ---- 1. clean: complete responses, personal data removed ----------------
CLEAN_ARGS = $(if $(DELIMITER),--delimiter $(call sq,$(DELIMITER))) \
	$(if $(COMPLETE),--complete-column $(call sq,$(COMPLETE))) $(CLEAN_OPTIONS)
ifneq ($(strip $(EXPORT_MEMBER)),)
$(call step_out,clean) &: $(call step_in,clean) | $(B)
	unzip -p $< $(call sq,$(EXPORT_MEMBER)) \
	| $(S)/clean $(CLEAN_ARGS) --rejects $(B)/incomplete.tsv -o $(B)/clean.tsv
else
$(call step_out,clean) &: $(call step_in,clean) | $(B)
	$(S)/clean $(CLEAN_ARGS) --rejects $(B)/incomplete.tsv -o $(B)/clean.tsv $<
endif

# ---- 2. the respondent filter (FILTER_VALUES: shell words, never globbed) -
$(call step_out,filter) &: $(call step_in,filter)
	set -f
	values=($(FILTER_VALUES))
	$(S)/filter-students -c $(call sq,$(FILTER_COLUMN)) "$${values[@]/#/--value=}" $(FILTER_OPTIONS) \
		--rejects $(B)/$(FILTER_DROPPED).tsv -o $(B)/$(FILTER_KEPT).tsv $<

# ---- 3. answers to numbers, readable names; derived columns ---------------
encode = $(if $(RUN_codebook),$(S)/encode-likert --codebook $(CODEBOOK))
derive = $(if $(RUN_derive),$(S)/derive $(DERIVE))
$(call step_out,encode): $(call step_in,encode)
ifneq ($(encode)$(derive),)
	$(or $(encode),$(derive)) $< $(if $(and $(encode),$(derive)),| $(derive)) -o $@
else
	cp $< $@.tmp
	$(publish)
endif

# ---- 4. the factor analysis: the model (Table 1), adequacy and fit, scree -
$(call step_out,factor) &: $(call step_in,factor)
	$(S)/factor -c $(call items_c,$(FA_ITEMS)) --factors $(FA_FACTORS) --method $(FA_METHOD) \
		--rotate $(FA_ROTATION) $(if $(FA_THRESHOLD),--threshold $(FA_THRESHOLD)) \
		$(if $(call on,$(FA_REFIT)),--refit) $(if $(call on,$(FA_REVERSE)),--reverse $(call items_c,$(FA_REVERSE))) \
		$(FA_OPTIONS) --summary $(B)/factor-summary.tsv \
		--eigenvalues $(B)/eigenvalues.tsv -o $(B)/model.tsv <$<

# ---- 5. the score(s) of every respondent -----------------------------------
$(call step_out,score) &: $(call step_in,score)
	$(S)/score --model $(B)/model.tsv --name $(call sq,$(SCORES)) --method $(SCORE_METHOD) \
		--normalize $(SCORE_NORMALIZE) --summary $(B)/score-summary.tsv -o $(B)/scored.tsv <$<

# ---- 6-7. every hypothesis of the plan, Benjamini-Hochberg per family -----
$(call step_out,hypotheses): $(call step_in,hypotheses)
	$(S)/test-hypothesis --plan $(HYPOTHESES) -i $< | $(S)/bh-correct -o $@

# the tables of the families, one after the other in plan order (hypotheses.md),
# each titled by its FAMILY_TITLE_family; a family's own file $(B)/NAME.md
# where the study names one (FAMILY_TABLE_family = NAME).  hypotheses.md
# gives every effect size its interval (--ci); a family's own table keeps
# the layout of the paper it reproduces
FAMILY_DEFAULT_TITLE = Hypotheses of the family %s (p* Benjamini-Hochberg within the family)
family_title = $(or $(FAMILY_TITLE_$(1)),$(subst %s,$(1),$(FAMILY_DEFAULT_TITLE)))
FAMILY_CAPTIONS = family$(tab)caption$(newline)$(subst $(newline)$(space),$(newline),$(foreach \
	v,$(sort $(filter FAMILY_TITLE_%,$(.VARIABLES))),$(v:FAMILY_TITLE_%=%)$(tab)$($(v))$(newline)))
$(eval $(call text_file,$(B)/family-captions.tsv,FAMILY_CAPTIONS))
$(B)/hypotheses.md: $(call step_in,families)
	$(S)/report -H $(HYPOTHESES) --by-family --effect --ci --captions $(B)/family-captions.tsv \
		--caption $(call sq,$(FAMILY_DEFAULT_TITLE)) -o $@ $<
# FAMILY_TABLE names: each once, none another file of the study
$(foreach f,$(sort $(FAMILY_TABLES)),$(if $(filter-out 1,$(words $(filter $(f),$(FAMILY_TABLES)))),$(call \
	study_error,FAMILY_TABLE_...: two families write $(f): give each its own name)))
$(foreach f,$(FAMILY_TABLES),$(if $(filter $(f),report.md hypotheses.md),$(call \
	study_error,FAMILY_TABLE_...: $(f:.md=) is the name of a file of the study: choose another)))
define family_table
$(B)/$($(1)).md: $(call step_in,families)
	$(S)/report -H $(HYPOTHESES) -f $(call sq,$(1:FAMILY_TABLE_%=%)) --effect \
		--caption $$(call sq,$$(call family_title,$(1:FAMILY_TABLE_%=%))) -o $$@ $$<
endef
$(foreach v,$(filter FAMILY_TABLE_%,$(.VARIABLES)),$(eval $(call family_table,$(v))))

# ---- the regression models (svy model), each with its fit summary ----------
# model-titles.tsv: model, title (MODEL_NAME_TITLE or one from the outcome and
# the predictors), in the order of MODELS: the report's list of the models
model_title = $(or $(MODEL_$(1)_TITLE),Regression of $(MODEL_$(1)_OUTCOME) on $(subst \
	$(space),$(comma)$(space),$(strip $(MODEL_$(1)_PREDICTORS))) ($(MODEL_$(1)_METHOD)))
MODEL_TITLES = model$(tab)title$(newline)$(subst $(newline)$(space),$(newline),$(foreach \
	m,$(MODEL_NAMES),$(m)$(tab)$(call model_title,$(m))$(newline)))
$(eval $(call text_file,$(B)/model-titles.tsv,MODEL_TITLES))
define model_rule
$$(call step_out,model-$(1)) &: $$(call step_in,model-$(1))
	$$(S)/model -m $$(call sq,$$(MODEL_$(1)_METHOD)) -y $$(call sq,$$(MODEL_$(1)_OUTCOME)) \
		-c $$(call items_c,$$(MODEL_$(1)_PREDICTORS)) $$(MODEL_$(1)_OPTIONS) \
		--summary $$(B)/model-$(1)-summary.tsv -o $$(B)/model-$(1).tsv $$<
endef
$(foreach m,$(MODEL_NAMES),$(eval $(call model_rule,$(m))))

# ---- descriptive tables (single choice, then multiple choice) -------------
$(call step_out,tables): $(B)/%.tsv: $(call step_in,tables)
	{ $(if $(TABLE_$*_SINGLE),$(S)/tally -q -c $(call items_c,$(TABLE_$*_SINGLE)) <$<;) \
	  $(if $(TABLE_$*_MULTIPLE),$(S)/tally -q --multiple -c $(call items_c,$(TABLE_$*_MULTIPLE)) <$< \
		$(if $(TABLE_$*_SINGLE),| tail -n +2);) } >$@.tmp
	$(publish)

# ---- 8. the shares of each item's levels, and k-means of some items --------
SHARES_LEVEL_ARGS = $(if $(SHARES_LEVELS),--levels $(call sq,$(SHARES_LEVELS)),$(if \
	$(RUN_codebook),--codebook $(CODEBOOK))) $(if $(SHARES_LABELS),--labels $(call sq,$(SHARES_LABELS)))
$(call step_out,shares): $(call step_in,shares)
	$(S)/tally -q --wide $(SHARES_LEVEL_ARGS) -c $(call items_c,$(SHARES_ITEMS)) -o $@ <$<

# k-means of the CLUSTER_ITEMS rows (patterns over the item names) on their
# shares, k at the elbow
$(call step_out,clusters) &: $(call step_in,clusters)
	awk -v items=$(call sq,$(CLUSTER_ITEMS)) -f $(M)/labels.awk -f $(M)/select-rows.awk $< \
	| $(S)/cluster -c 'share_*' --elbow $(CLUSTER_MAX_K) --seed $(CLUSTER_SEED) --inertia $(B)/inertia.tsv \
		--centroids $(B)/centroids.tsv -o $(B)/clusters.tsv

# ---- the agreement of two coders -----------------------------------------
$(call step_out,kappa): $(call step_in,kappa) | $(B)
	$(S)/kappa -q -c $(call items_c,$(CODER_COLUMNS)) -i $< -o $@

# ---- the one-page report ---------------------------------------------------
# $(B)/report.md (Markdown, images linked relative to $(B)/), written by
# report.sh from the files of the steps run (steps.tsv lists them) and the
# figures; its numbers formatted by svy-report --fill.  Its prerequisites
# are every output of the study, so that making it makes all.
REPORT_INPUTS = $(B)/steps.tsv $(B)/figures.tsv $(B)/figures.stamp $(STEP_FILES)
$(eval $(call stamp_rule,report,TITLE CLUSTER_TITLE CLUSTER_NOUN SHARES LABELS))
$(B)/report.md: $(REPORT_INPUTS) $(M)/report.sh $(M)/labels.awk $(S)/report \
		$(if $(call on,$(LABELS)),$(LABELS)) $(call stamp,report)
	sh $(M)/report.sh $(if $(call on,$(LABELS)),-l $(LABELS)) -t $(call sq,$(TITLE)) \
		-k $(call sq,$(CLUSTER_TITLE)) -n $(call sq,$(CLUSTER_NOUN)) -s $(call sq,$(SHARES)) \
		-r $(S)/report $(B) >$@.tmp
	$(publish)

# ---- recipes of one command: run by make itself, not by bash --------------
# A study's time on a small export is mostly starting processes: a step
# whose recipe is one command (no pipe, no second line) has make run the
# tool itself, or /bin/sh where the recipe redirects, and not bash first
# (the same outputs; a third of the processes of a study). Their *_OPTIONS
# are then POSIX shell words, as the man page shows them. private: the
# prerequisites keep bash and pipefail.
define no_bash
$(1): private SHELL := /bin/sh
$(1): private .SHELLFLAGS := -c
endef
$(foreach t,$(if $(EXPORT_MEMBER),,$(call step_out,clean)) $(call step_out,factor) \
	$(call step_out,score) $(call step_out,shares) $(call step_out,kappa) $(B)/hypotheses.md \
	$(foreach v,$(filter FAMILY_TABLE_%,$(.VARIABLES)),$(B)/$($(v)).md) \
	$(foreach m,$(MODEL_NAMES),$(call step_out,model-$(m))) $(B) $(B)/figures $(B)/.stamps,$(eval \
	$(call no_bash,$(t))))
