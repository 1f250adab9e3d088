# The study's results on one page: $(B)/report.md (Markdown, images linked
# relative to $(B)/), written by pipelines/report.sh from the tables and the
# figures of the steps (included by pipelines/study/study.mk).  Its
# prerequisites are every output of the study, so that making it makes all.

REPORT_INPUTS = $(B)/steps.tsv $(B)/figures.tsv $(B)/figures.stamp $(B)/clean.tsv $(RESPONDENTS) \
	$(B)/encoded.tsv $(TABLE_FILES) \
	$(if $(FA),$(B)/table1.tsv $(B)/model.tsv $(B)/factor-summary.tsv $(B)/score-summary.tsv $(B)/scored.tsv) \
	$(if $(TESTS),$(B)/families.tsv) \
	$(if $(call on,$(SHARES_ITEMS)),$(B)/$(SHARES).tsv) \
	$(if $(CLUSTERS),$(B)/clusters.tsv $(B)/centroids.tsv $(B)/inertia.tsv) \
	$(if $(KAPPA),$(B)/kappa.tsv)

$(B)/report.md: $(REPORT_INPUTS) pipelines/report.sh pipelines/labels.awk \
		$(if $(call on,$(LABELS)),$(LABELS)) $(CONF)
	sh pipelines/report.sh $(if $(call on,$(LABELS)),-l $(LABELS)) -t $(call sq,$(TITLE)) \
		-k $(call sq,$(CLUSTER_TITLE)) -n $(call sq,$(CLUSTER_NOUN)) -s $(call sq,$(SHARES)) $(B) >$@.tmp
	$(publish)
