# The reference study, from the LimeSurvey export to its tables and figures.
# Included by the top Makefile:  make study  [EXPORT=my.csv CODEBOOK=my.tsv ...]
#
# Each step is one recipe with a real file target under $(B)/, so make redoes
# only what changed (a tool rebuilt counts as a change). The tools write their
# files atomically (-o FILE, and --summary, --rejects ...: a temporary name
# beside the file, renamed when the tool succeeds), and the few recipes that
# write through the shell write to $@.tmp and rename it: a failed step leaves
# no half-written target, and no two recipes share a file, so `make -j` is safe.

EXPORT     ?= fixtures/awareness-export.csv
CODEBOOK   ?= fixtures/codebook.tsv
HYPOTHESES ?= pipelines/awareness-hypotheses.tsv
EU_STATES  ?= pipelines/eu-member-states.txt
CODERS     ?= fixtures/coders.tsv
B          ?= build
# the items of the factor analysis, the threshold of item selection
ITEMS      ?= attack_* method_*
THRESHOLD  ?= 0.45

S := $(BINDIR)

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
# one shell a recipe, not a line: starting shells is most of a small study's time
.ONESHELL:
.DELETE_ON_ERROR:

# publish: rename the temporary output of a recipe onto its target
publish = mv -f $@.tmp $@

.PHONY: study study-outputs
study: $(NEED_DEPS)
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory study-outputs

STUDY_OUTPUTS = $(B)/table1.tsv $(B)/scored.tsv $(B)/table2.tsv $(B)/table3.tsv \
	$(B)/table4.md $(B)/table5.md $(B)/familiarity.tsv $(B)/clusters.tsv $(B)/kappa.tsv \
	$(B)/figures.stamp $(B)/report.md

study-outputs: $(STUDY_OUTPUTS)

$(B):
	mkdir -p $@

# 1. clean: complete responses, personal data removed
$(B)/clean.tsv: $(EXPORT) $(S)/clean | $(B)
	$(S)/clean --rejects $(B)/incomplete.tsv -o $@ $<

# 2. the practitioners: students dropped
$(B)/practitioners.tsv: $(B)/clean.tsv $(S)/filter-students
	$(S)/filter-students --rejects $(B)/students.tsv -o $@ $<

# 3. answers to numbers, readable names; the ML developers of H.1.5
$(B)/encoded.tsv: $(B)/practitioners.tsv $(CODEBOOK) $(S)/encode-likert $(S)/derive
	$(S)/encode-likert --codebook $(CODEBOOK) $< \
	| $(S)/derive --any ml_developer=task_custom_apps,task_tools_from_scratch -o $@

# 4. exploratory factor analysis of the familiarity items: the model (Table 1),
#    adequacy and fit, the scree data
$(B)/model.tsv $(B)/factor-summary.tsv $(B)/eigenvalues.tsv &: $(B)/encoded.tsv $(S)/factor
	$(S)/factor $(ITEMS) --threshold $(THRESHOLD) --refit --summary $(B)/factor-summary.tsv \
		--eigenvalues $(B)/eigenvalues.tsv -o $(B)/model.tsv <$<

# Table 1: the items, their loadings, which were kept
$(B)/table1.tsv: $(B)/model.tsv
	cut -f1-3,7 $< >$@.tmp
	$(publish)

# 5. the awareness score of every participant, min-max normalised
$(B)/scored.tsv $(B)/score-summary.tsv &: $(B)/encoded.tsv $(B)/model.tsv $(S)/score
	$(S)/score --model $(B)/model.tsv --name awareness --normalize minmax \
		--summary $(B)/score-summary.tsv -o $(B)/scored.tsv <$<

# 6-7. every hypothesis of Tables 4 and 5, Benjamini-Hochberg within each family
$(B)/tests.tsv: $(B)/scored.tsv $(HYPOTHESES) $(EU_STATES) $(S)/test-hypothesis $(S)/bh-correct
	$(S)/test-hypothesis --plan $(HYPOTHESES) -i $< | $(S)/bh-correct -o $@

$(B)/table4.md: $(B)/tests.tsv $(HYPOTHESES) $(S)/report
	$(S)/report -H $(HYPOTHESES) -f RQ1 --effect \
		--caption 'Table 4. Hypotheses of RQ1 (one family; p* Benjamini-Hochberg)' -o $@ $<

$(B)/table5.md: $(B)/tests.tsv $(HYPOTHESES) $(S)/report
	$(S)/report -H $(HYPOTHESES) -f RQ2 --effect \
		--caption 'Table 5. Hypotheses of RQ2 (one family; p* Benjamini-Hochberg)' -o $@ $<

# Tables 2 and 3: who the participants are (single choice, then multiple choice)
TABLE2_SINGLE   ?= country education_group working_situation years_ml company_size
TABLE2_MULTIPLE ?= field_industry field_industrial_research field_academic_research field_hobby
TABLE3_SINGLE   ?= ml_role sensitive_data data_relation
TABLE3_MULTIPLE ?= domain_financial domain_medical domain_transport domain_customers \
	domain_weather domain_smart_env domain_social_media domain_public_security \
	data_images data_video data_audio data_text data_location data_metadata data_sensor \
	data_tabular task_coordinating task_applying_libraries task_custom_apps \
	task_tools_from_scratch task_cleansing task_analysis task_collection task_evaluation \
	task_deployment

$(B)/table2.tsv: $(B)/encoded.tsv $(S)/tally
	{ $(S)/tally -q $(TABLE2_SINGLE) <$<; \
	  $(S)/tally -q --multiple $(TABLE2_MULTIPLE) <$< | tail -n +2; } >$@.tmp
	$(publish)

$(B)/table3.tsv: $(B)/encoded.tsv $(S)/tally
	{ $(S)/tally -q $(TABLE3_SINGLE) <$<; \
	  $(S)/tally -q --multiple $(TABLE3_MULTIPLE) <$< | tail -n +2; } >$@.tmp
	$(publish)

# 8. familiarity shares per attack, method and library (Figure 9), and the
#    k-means clusters of the 14 methods with k chosen at the elbow
FAMILIARITY_LEVELS = --levels 0,1,2 --labels not_familiar,familiar,implemented

$(B)/familiarity.tsv: $(B)/encoded.tsv $(S)/tally
	$(S)/tally -q --wide $(FAMILIARITY_LEVELS) 'attack_*' 'method_*' 'lib_*' -o $@ <$<

$(B)/clusters.tsv $(B)/inertia.tsv $(B)/centroids.tsv &: $(B)/familiarity.tsv $(S)/cluster
	grep -E '^(column|method_)' $< \
	| $(S)/cluster -c 'share_*' --elbow 8 --seed 1 --inertia $(B)/inertia.tsv \
		--centroids $(B)/centroids.tsv -o $(B)/clusters.tsv

# Agreement of two coders of the free-text GDPR answers (the paper's pilot: .93)
$(B)/kappa.tsv: $(CODERS) $(S)/kappa | $(B)
	$(S)/kappa -q coder_a coder_b -i $< -o $@
