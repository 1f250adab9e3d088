# A second, smaller study on a real export: the Kaggle 2017 ML & Data Science
# Survey (16,716 respondents; fixtures/kaggle-mlds-2017, ODbL 1.0, Kaggle).
# Nothing in the recipes is tied to the fixture:   make kaggle   -> build/kaggle/
#
# Drop the students, encode the 3-level skill-importance battery, factor it,
# score everyone, then compare the scores across formal education and
# employment status and relate them to coding tenure. (The survey asked the
# skill battery of learners and job seekers and the employer size of the
# employed: no respondent has both, so employer size cannot group the scores.)

KAGGLE_ZIP ?= fixtures/kaggle-mlds-2017/multipleChoiceResponses.zip
KAGGLE_CODEBOOK ?= pipelines/kaggle-codebook.tsv
KB ?= $(B)/kaggle

.PHONY: kaggle kaggle-outputs
kaggle: $(NEED_DEPS)
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory kaggle-outputs

kaggle-outputs: $(KB)/tests.tsv $(KB)/summary.tsv

$(KB):
	mkdir -p $@

# The export is not valid UTF-8 throughout (111 sequences): replaced, counted.
# It has no submitdate: every row is a response.
$(KB)/clean.tsv: $(KAGGLE_ZIP) $(S)/clean | $(KB)
	unzip -p $< multipleChoiceResponses.csv \
	| $(S)/clean --invalid-utf8=replace -o $@

$(KB)/encoded.tsv: $(KB)/clean.tsv $(KAGGLE_CODEBOOK) $(S)/filter-students $(S)/encode-likert
	$(S)/filter-students --column StudentStatus --value Yes $< \
	| $(S)/encode-likert --codebook $(KAGGLE_CODEBOOK) -o $@

$(KB)/model.tsv $(KB)/summary.tsv &: $(KB)/encoded.tsv $(S)/factor
	$(S)/factor 'skill_*' --factors 2 --summary $(KB)/summary.tsv -o $(KB)/model.tsv <$<

$(KB)/scored.tsv: $(KB)/encoded.tsv $(KB)/model.tsv $(S)/score
	$(S)/score --model $(KB)/model.tsv --name tools_focus,credentials_focus -o $@ <$<

$(KB)/tests.tsv: $(KB)/scored.tsv $(S)/test-hypothesis $(S)/bh-correct
	{ $(S)/test-hypothesis --id K.1 --family kaggle kruskal tools_focus --by education -i $<; \
	  $(S)/test-hypothesis --no-header --id K.2 --family kaggle kruskal tools_focus --by employment -i $<; \
	  $(S)/test-hypothesis --no-header --id K.3 --family kaggle spearman tenure tools_focus -i $<; } \
	| $(S)/bh-correct -o $@
