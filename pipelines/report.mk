# The study's results on one page: $(B)/report.md (Markdown, images linked
# relative to $(B)/), written by pipelines/report.sh from the tables and the
# figures of pipelines/awareness.mk and pipelines/figures.mk.
# Included by the top Makefile:  make study-report  (or $(B)/report.md)

B ?= build
FIG_LABELS ?= pipelines/item-labels.tsv

REPORT_INPUTS = $(B)/model.tsv $(B)/factor-summary.tsv $(B)/score-summary.tsv \
	$(B)/scored.tsv $(B)/table4.md $(B)/table5.md $(B)/clusters.tsv $(B)/centroids.tsv \
	$(B)/inertia.tsv $(B)/kappa.tsv

.PHONY: study-report
study-report: $(B)/report.md

$(B)/report.md: $(REPORT_INPUTS) $(B)/figures.stamp pipelines/report.sh pipelines/labels.awk \
		$(FIG_LABELS)
	sh pipelines/report.sh -l $(FIG_LABELS) $(B) >$@.tmp
	mv -f $@.tmp $@
