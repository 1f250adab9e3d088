# The study's figures, drawn by gnuplot from the TSVs of pipelines/awareness.mk,
# into $(B)/figures/ as SVG and PNG:
#   awareness-histogram   the awareness scores (the paper's Figure 1)
#   awareness-developer   the awareness of ML developers and of the others (Figure 4)
#   familiarity           familiarity with each attack and method, by cluster (Figure 9)
#   scree                 the eigenvalues of the factor analysis
#   elbow                 the k-means inertia for every k, the chosen k marked
# Included by the top Makefile:  make study-figures  (or $(B)/figures.stamp)
#
# Each figure is one recipe for its two files (a grouped target): the data the
# script needs is cut into a temporary file of its own, gnuplot writes each
# file to a temporary name, and both are renamed when both are drawn.  gnuplot's
# SVG and cairo's PNG embed no date, so a redraw is byte-identical (on the same
# gnuplot, cairo and fonts).

B          ?= build
FIG        := $(B)/figures
FIG_FONT   ?= DejaVu Sans
FIG_LABELS ?= pipelines/item-labels.tsv
# the familiarity items of Figure 9 (an awk regular expression over column names)
FIG_ITEMS  ?= ^(attack|method)_
# the bins of the histogram over [0, 1]
FIG_BINS   ?= 20

FIGURE_NAMES = awareness-histogram awareness-developer familiarity scree elbow
FIGURES      = $(foreach f,$(FIGURE_NAMES),$(FIG)/$(f).svg $(FIG)/$(f).png)

.PHONY: study-figures
study-figures: $(B)/figures.stamp

# the list of the figures, made when all are drawn
$(B)/figures.stamp: $(FIGURES)
	printf '%s\n' $(notdir $(FIGURES)) >$@.tmp
	mv -f $@.tmp $@

$(FIG):
	mkdir -p $@

# awk with the label and column helpers
fig_awk = awk -v labels=$(FIG_LABELS) -f pipelines/labels.awk
FIG_AWK_DEPS = pipelines/labels.awk $(FIG_LABELS) pipelines/fig-terminal.gp

# $(call fig_draw,SCRIPT): pipelines/SCRIPT.gp drawn as SVG and PNG onto the
# recipe's two targets, $(fig_data) as its data (then removed); the script
# sets its size and loads pipelines/fig-terminal.gp.
fig_data = $(basename $@).data.tmp
fig_gnuplot = gnuplot -e "fmt = '$(1)'; out = '$(basename $@).$(1).tmp'; data = '$(fig_data)'; \
	font = '$(FIG_FONT)'; term = 'pipelines/fig-terminal.gp'" pipelines/$(2).gp
define fig_draw
$(call fig_gnuplot,svg,$(1))
$(call fig_gnuplot,png,$(1))
rm -f $(fig_data)
mv -f $(basename $@).svg.tmp $(basename $@).svg
mv -f $(basename $@).png.tmp $(basename $@).png
endef

# Figure 1: the awareness scores, counted in FIG_BINS bins
$(FIG)/awareness-histogram.svg $(FIG)/awareness-histogram.png &: $(B)/scored.tsv \
		pipelines/fig-awareness-hist.awk pipelines/fig-awareness-hist.gp $(FIG_AWK_DEPS) | $(FIG)
	$(fig_awk) -v score=awareness -v bins=$(FIG_BINS) -f pipelines/fig-awareness-hist.awk $< >$(fig_data)
	$(call fig_draw,fig-awareness-hist)

# Figure 4: awareness by ml_developer (1 = builds custom ML apps or tools from scratch)
$(FIG)/awareness-developer.svg $(FIG)/awareness-developer.png &: $(B)/scored.tsv \
		pipelines/fig-awareness-developer.awk pipelines/fig-awareness-developer.gp $(FIG_AWK_DEPS) | $(FIG)
	$(fig_awk) -v score=awareness -v group=ml_developer -f pipelines/fig-awareness-developer.awk $< >$(fig_data)
	$(call fig_draw,fig-awareness-developer)

# Figure 9: the familiarity shares of the attacks and of the methods, by cluster
$(FIG)/familiarity.svg $(FIG)/familiarity.png &: $(B)/clusters.tsv $(B)/familiarity.tsv \
		pipelines/fig-familiarity.awk pipelines/fig-familiarity.gp $(FIG_AWK_DEPS) | $(FIG)
	$(fig_awk) -v items='$(FIG_ITEMS)' -f pipelines/fig-familiarity.awk $(B)/clusters.tsv $(B)/familiarity.tsv >$(fig_data)
	$(call fig_draw,fig-familiarity)

# the scree plot, the number of factors fitted marked
$(FIG)/scree.svg $(FIG)/scree.png &: $(B)/factor-summary.tsv $(B)/eigenvalues.tsv \
		pipelines/fig-scree.awk pipelines/fig-scree.gp $(FIG_AWK_DEPS) | $(FIG)
	$(fig_awk) -f pipelines/fig-scree.awk $(B)/factor-summary.tsv $(B)/eigenvalues.tsv >$(fig_data)
	$(call fig_draw,fig-scree)

# the elbow curve, the chosen k marked
$(FIG)/elbow.svg $(FIG)/elbow.png &: $(B)/inertia.tsv \
		pipelines/fig-columns.awk pipelines/fig-elbow.gp $(FIG_AWK_DEPS) | $(FIG)
	$(fig_awk) -v cols=k,inertia,chosen -f pipelines/fig-columns.awk $< >$(fig_data)
	$(call fig_draw,fig-elbow)
