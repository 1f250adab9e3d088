# The analysis steps of a study (included by pipelines/study/study.mk).

comma := ,
empty :=
space := $(empty) $(empty)
tab := $(empty)	$(empty)
define newline


endef

# the files each step reads: a step that is off passes its input through
RESPONDENTS := $(if $(call on,$(FILTER_COLUMN)),$(B)/$(FILTER_KEPT).tsv,$(B)/clean.tsv)
FA          := $(call on,$(FA_ITEMS))
SCORED      := $(if $(FA),$(B)/scored.tsv,$(B)/encoded.tsv)
TESTS       := $(call on,$(HYPOTHESES))
CLUSTERS    := $(if $(call on,$(SHARES_ITEMS)),$(call on,$(CLUSTER_ITEMS)))
KAPPA       := $(call on,$(CODERS))
SCORE_NAMES := $(subst $(comma), ,$(SCORES))

# $(call sq,TEXT): TEXT as one shell word (single-quoted)
sq = '$(subst ','\'',$(1))'

# ---- the steps run and not run, for the report --------------------------
# one line a step: step, yes or no, what it is (and, when off, the variable
# that would turn it on)
step_row = $(1)$(tab)$(if $(2),yes,no)$(tab)$(3)$(if $(2),, ($(4) not set))$(newline)
STEPS_TEXT = step$(tab)run$(tab)what$(newline)$(strip \
	)$(call step_row,filter,$(call on,$(FILTER_COLUMN)),the respondent filter,FILTER_COLUMN)$(strip \
	)$(call step_row,codebook,$(call on,$(CODEBOOK)),the answers encoded with a codebook,CODEBOOK)$(strip \
	)$(call step_row,derive,$(call on,$(DERIVE)),derived columns,DERIVE)$(strip \
	)$(call step_row,factor,$(FA),the factor analysis and the score,FA_ITEMS)$(strip \
	)$(call step_row,hypotheses,$(TESTS),the hypothesis tests,HYPOTHESES)$(strip \
	)$(call step_row,tables,$(call on,$(TABLES)),the descriptive tables,TABLES)$(strip \
	)$(call step_row,shares,$(call on,$(SHARES_ITEMS)),the shares of the items' answers,SHARES_ITEMS)$(strip \
	)$(call step_row,clusters,$(CLUSTERS),the k-means clusters of the items,CLUSTER_ITEMS)$(strip \
	)$(call step_row,kappa,$(KAPPA),the agreement of the coders,CODERS)

$(B)/steps.tsv: $(CONF) | $(B)
	$(file >$@.tmp,$(STEPS_TEXT))
	$(publish)

# ---- 1. clean: complete responses, personal data removed ----------------
CLEAN_ARGS = $(if $(DELIMITER),--delimiter $(call sq,$(DELIMITER))) \
	$(if $(COMPLETE),--complete-column $(call sq,$(COMPLETE))) $(CLEAN_OPTIONS)
ifneq ($(strip $(EXPORT_MEMBER)),)
$(B)/clean.tsv: $(EXPORT) $(S)/clean $(CONF) | $(B)
	unzip -p $< $(call sq,$(EXPORT_MEMBER)) \
	| $(S)/clean $(CLEAN_ARGS) --rejects $(B)/incomplete.tsv -o $@
else
$(B)/clean.tsv: $(EXPORT) $(S)/clean $(CONF) | $(B)
	$(S)/clean $(CLEAN_ARGS) --rejects $(B)/incomplete.tsv -o $@ $<
endif

# ---- 2. the respondent filter --------------------------------------------
$(B)/$(FILTER_KEPT).tsv: $(B)/clean.tsv $(S)/filter-students $(CONF)
	values=($(FILTER_VALUES))
	$(S)/filter-students -c $(call sq,$(FILTER_COLUMN)) "$${values[@]/#/--value=}" $(FILTER_OPTIONS) \
		--rejects $(B)/$(FILTER_DROPPED).tsv -o $@ $<

# ---- 3. answers to numbers, readable names; derived columns ---------------
encode = $(if $(call on,$(CODEBOOK)),$(S)/encode-likert --codebook $(CODEBOOK))
derive = $(if $(call on,$(DERIVE)),$(S)/derive $(DERIVE))
$(B)/encoded.tsv: $(RESPONDENTS) $(if $(call on,$(CODEBOOK)),$(CODEBOOK)) \
		$(S)/encode-likert $(S)/derive $(CONF)
ifneq ($(encode)$(derive),)
	$(or $(encode),$(derive)) $< $(if $(and $(encode),$(derive)),| $(derive)) -o $@
else
	cp $< $@.tmp
	$(publish)
endif

# ---- 4. the factor analysis: the model (Table 1), adequacy and fit, scree -
$(B)/model.tsv $(B)/factor-summary.tsv $(B)/eigenvalues.tsv &: $(B)/encoded.tsv $(S)/factor $(CONF)
	$(S)/factor -c '$(subst $(space),$(comma),$(strip $(FA_ITEMS)))' --factors $(FA_FACTORS) --method $(FA_METHOD) \
		--rotate $(FA_ROTATION) $(if $(FA_THRESHOLD),--threshold $(FA_THRESHOLD)) \
		$(if $(call on,$(FA_REFIT)),--refit) $(FA_OPTIONS) --summary $(B)/factor-summary.tsv \
		--eigenvalues $(B)/eigenvalues.tsv -o $(B)/model.tsv <$<

# Table 1: the items, their loadings, which were kept
$(B)/table1.tsv: $(B)/model.tsv
	awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) \
		if ($$i ~ /^(item|F[0-9]+|communality|retained)$$/) keep[++n] = i } \
		{ line = $$keep[1]; for (j = 2; j <= n; j++) line = line OFS $$keep[j]; print line }' $< >$@.tmp
	$(publish)

# ---- 5. the score(s) of every respondent -----------------------------------
$(B)/scored.tsv $(B)/score-summary.tsv &: $(B)/encoded.tsv $(B)/model.tsv $(S)/score $(CONF)
	$(S)/score --model $(B)/model.tsv --name $(SCORES) --method $(SCORE_METHOD) \
		--normalize $(SCORE_NORMALIZE) --summary $(B)/score-summary.tsv -o $(B)/scored.tsv <$<

# ---- 6-7. every hypothesis of the plan, Benjamini-Hochberg per family -----
$(B)/tests.tsv: $(SCORED) $(HYPOTHESES) $(HYPOTHESES_DEPS) $(S)/test-hypothesis $(S)/bh-correct $(CONF)
	$(S)/test-hypothesis --plan $(HYPOTHESES) -i $< | $(S)/bh-correct -o $@

# one table a family, in plan order: $(B)/FILE.md (FAMILY_TABLE_family, else
# family-NAME), titled FAMILY_TITLE_family; families.tsv lists them
family_var_rows = $(foreach v,$(filter $(1)%,$(.VARIABLES)),$(v:$(1)%=%)$(tab)$($(v))$(newline))
$(B)/families.tsv: $(B)/tests.tsv $(HYPOTHESES) $(S)/report pipelines/study/families.sh $(CONF)
	$(file >$@.titles,$(call family_var_rows,FAMILY_TITLE_))
	$(file >$@.files,$(call family_var_rows,FAMILY_TABLE_))
	bash pipelines/study/families.sh $(S)/report $(HYPOTHESES) $< $@.titles $@.files $(B) >$@.tmp
	rm -f $@.titles $@.files
	$(publish)

# ---- descriptive tables (single choice, then multiple choice) -------------
TABLE_FILES = $(foreach t,$(TABLES),$(B)/$(t).tsv)
$(TABLE_FILES): $(B)/%.tsv: $(B)/encoded.tsv $(S)/tally $(CONF)
	{ $(if $(TABLE_$*_SINGLE),$(S)/tally -q $(addprefix -c ,$(TABLE_$*_SINGLE)) <$<;) \
	  $(if $(TABLE_$*_MULTIPLE),$(S)/tally -q --multiple $(addprefix -c ,$(TABLE_$*_MULTIPLE)) <$< \
		$(if $(TABLE_$*_SINGLE),| tail -n +2);) } >$@.tmp
	$(publish)

# ---- 8. the shares of each item's levels, and k-means of some items --------
SHARES_LEVEL_ARGS = $(if $(SHARES_LEVELS),--levels $(SHARES_LEVELS),$(if $(call on,$(CODEBOOK)),--codebook $(CODEBOOK))) \
	$(if $(SHARES_LABELS),--labels $(SHARES_LABELS))
$(B)/$(SHARES).tsv: $(B)/encoded.tsv $(S)/tally $(CONF)
	$(S)/tally -q --wide $(SHARES_LEVEL_ARGS) $(addprefix -c ,$(SHARES_ITEMS)) -o $@ <$<

# k-means of the CLUSTER_ITEMS rows (an extended regular expression over
# the column names) on their shares, k at the elbow
$(B)/clusters.tsv $(B)/inertia.tsv $(B)/centroids.tsv &: $(B)/$(SHARES).tsv $(S)/cluster $(CONF)
	grep -E '^(column	|$(CLUSTER_ITEMS))' $< \
	| $(S)/cluster -c 'share_*' --elbow $(CLUSTER_MAX_K) --seed $(CLUSTER_SEED) --inertia $(B)/inertia.tsv \
		--centroids $(B)/centroids.tsv -o $(B)/clusters.tsv

# ---- the agreement of two coders -----------------------------------------
$(B)/kappa.tsv: $(CODERS) $(S)/kappa $(CONF) | $(B)
	$(S)/kappa -q $(addprefix -c ,$(CODER_COLUMNS)) -i $< -o $@
