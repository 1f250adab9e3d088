# The study's figures, drawn by gnuplot from the TSVs of the steps, into
# $(B)/figures/ as SVG and PNG (included by pipelines/study/main.mk); each
# kind where a step that gives it runs (the table of steps, steps.mk), in
# this order:
#   histogram  SCORE-histogram   each score (FA_ITEMS set)
#   boxes      SCORE-by-GROUP    each score by each column of FIG_GROUPS, box
#                                plots (the file name FIG_FILE_SCORE_GROUP when set)
#   shares     $(SHARES)         the shares of the items' levels (SHARES_ITEMS set)
#   scree      scree             the eigenvalues of the factor analysis
#   elbow      elbow             the k-means inertia for every k (CLUSTER_ITEMS set)
# A figure's title, axis label and caption: FIG_TITLE_NAME, FIG_XLABEL_NAME
# (FIG_YLABEL_NAME for the box plots), FIG_CAPTION_NAME (NAME: its file name).
#
# Each figure is one recipe for its two files (a grouped target): the data the
# script needs is cut into a temporary file of its own, gnuplot writes each
# file to a temporary name, and both are renamed when both are drawn.  gnuplot's
# SVG and cairo's PNG embed no date, so a redraw is byte-identical (on the same
# gnuplot, cairo and fonts).

FIG := $(B)/figures

# the figures of each kind: its names and their default captions
fig_group_file = $(or $(FIG_FILE_$(1)_$(2)),$(1)-by-$(2))
FIG_NAMES_histogram = $(foreach s,$(SCORE_NAMES),$(s)-histogram)
FIG_CAPTION_DEFAULT_histogram = The $(1:%-histogram=%) scores of the respondents.
FIG_NAMES_boxes = $(foreach s,$(SCORE_NAMES),$(foreach g,$(FIG_GROUPS),$(call fig_group_file,$(s),$(g))))
FIG_CAPTION_DEFAULT_boxes = $(strip $(foreach s,$(SCORE_NAMES),$(foreach g,$(FIG_GROUPS),$(if \
	$(filter $(1),$(call fig_group_file,$(s),$(g))),The $(s) scores by $(g).))))
FIG_NAMES_shares = $(SHARES)
FIG_CAPTION_DEFAULT_shares = $(SHARES_TITLE).
FIG_NAMES_scree = scree
FIG_CAPTION_DEFAULT_scree = The scree plot of the factor analysis.
FIG_NAMES_elbow = elbow
FIG_CAPTION_DEFAULT_elbow = The elbow curve of the k-means clustering of the $(CLUSTER_NOUN)s.
FIGURE_KINDS := histogram boxes shares scree elbow

# the figures of this study, in the report's order: the kinds of the steps run
FIGURE_KINDS_RUN := $(filter $(foreach s,$(STEPS_RUN),$(STEP_FIG_$(s))),$(FIGURE_KINDS))
FIGURE_NAMES := $(foreach k,$(FIGURE_KINDS_RUN),$(FIG_NAMES_$(k)))
FIGURES      := $(foreach f,$(FIGURE_NAMES),$(FIG)/$(f).svg $(FIG)/$(f).png)

# the list of the figures, made when all are drawn
$(B)/figures.stamp: $(FIGURES) | $(B)
	$(if $(FIGURES),printf '%s\n' $(notdir $(FIGURES)),:) >$@.tmp
	$(publish)

# the captions of the figures, in order, for the report: name, caption
FIGURES_TEXT = figure$(tab)caption$(newline)$(subst $(newline)$(space),$(newline),$(foreach k,$(FIGURE_KINDS_RUN),$(foreach \
	f,$(FIG_NAMES_$(k)),$(f)$(tab)$(or $(FIG_CAPTION_$(f)),$(call FIG_CAPTION_DEFAULT_$(k),$(f)))$(newline))))
$(eval $(call text_file,$(B)/figures.tsv,FIGURES_TEXT))

# awk with the label and column helpers
fig_awk = awk -v labels=$(if $(call on,$(LABELS)),$(LABELS)) -f $(M)/labels.awk
FIG_DEPS = $(M)/labels.awk $(if $(call on,$(LABELS)),$(LABELS)) $(M)/fig-terminal.gp
# each figure's stamp: the variables that shape it (its own, and those of its kind)
FIG_VARS = LABELS FIG_FONT FIG_TITLE_$(1) FIG_XLABEL_$(1) FIG_YLABEL_$(1)
FIG_VARS_histogram = FIG_BINS
FIG_VARS_shares = SHARES_TITLE SHARES_TITLES SHARES_GROUPS FIG_SHARES_ITEMS CODEBOOK
FIG_VARS_elbow = CLUSTER_NOUN
$(foreach k,$(FIGURE_KINDS_RUN),$(foreach f,$(FIG_NAMES_$(k)),$(eval $(call \
	stamp_rule,fig-$(f),$(call FIG_VARS,$(f)) $(FIG_VARS_$(k))))))

# a gnuplot string (single-quoted), its characters special to gnuplot's
# enhanced text escaped (score_name is not a subscript)
gq = '$(subst ','',$(call gq_enh,$(1)))'
gq_enh = $(subst _,\_,$(subst ^,\^,$(subst @,\@,$(subst &,\&,$(subst ~,\~,$(subst {,\{,$(subst },\},$(subst \,\\,$(1)))))))))
# $(call fig_draw,SCRIPT,SETTINGS): pipelines/study/SCRIPT.gp drawn as SVG and PNG
# onto the recipe's two targets, $(fig_data) as its data, SETTINGS (gnuplot
# assignments) in $(fig_par) (both then removed); the script sets its size
# and loads pipelines/study/fig-terminal.gp.
fig_data = $(basename $@).data.tmp
fig_par = $(basename $@).par.tmp
fig_gnuplot = gnuplot -e "fmt = '$(1)'; out = '$(basename $@).$(1).tmp'; data = '$(fig_data)'; \
	font = '$(FIG_FONT)'; term = '$(M)/fig-terminal.gp'" $(fig_par) $(M)/$(2).gp
define fig_draw
$(if $(dry_run),: the parameters into $(fig_par),$(file >$(fig_par),$(2)))
$(call fig_gnuplot,svg,$(1))
$(call fig_gnuplot,png,$(1))
rm -f $(fig_data) $(fig_par) $(fig_data).gp
mv -f $(basename $@).svg.tmp $(basename $@).svg
mv -f $(basename $@).png.tmp $(basename $@).png
endef

# the histogram of each score, counted in FIG_BINS bins
$(FIG)/%-histogram.svg $(FIG)/%-histogram.png &: $(B)/scored.tsv \
		$(M)/fig-hist.awk $(M)/fig-hist.gp $(FIG_DEPS) $(call stamp,fig-%-histogram) | $(FIG)
	$(fig_awk) -v score=$* -v bins=$(FIG_BINS) -f $(M)/fig-hist.awk $< >$(fig_data)
	$(call fig_draw,fig-hist,title = $(call gq,$(or $(FIG_TITLE_$*-histogram),The $* scores of the respondents)); \
	xlabel = $(call gq,$(or $(FIG_XLABEL_$*-histogram),$* score)))

# each score by each grouping column, box plots
define fig_boxes
$(FIG)/$(3).svg $(FIG)/$(3).png &: $(B)/scored.tsv \
		$(M)/fig-groups.awk $(M)/fig-groups.gp $(FIG_DEPS) $(call stamp,fig-$(3)) | $(FIG)
	$$(fig_awk) -v score=$(1) -v group=$(2) -v gp=$$(fig_data).gp -f $(M)/fig-groups.awk $$< >$$(fig_data)
	$$(call fig_draw,fig-groups,title = $$(call gq,$$(or $$(FIG_TITLE_$(3)),The $(1) score by $(2))); \
	ylabel = $$(call gq,$$(or $$(FIG_YLABEL_$(3)),$(1) score)); \
	groups = '$$(fig_data).gp')
endef
$(if $(RUN_score),$(foreach s,$(SCORE_NAMES),$(foreach g,$(FIG_GROUPS),$(eval $(call fig_boxes,$(s),$(g),$(call fig_group_file,$(s),$(g)))))))

# the shares of the items' levels, by group and cluster
quote_levels = $(foreach t,$(subst |, ,$(subst $(empty) $(empty),@@,$(1))),$(call sq,$(subst @@, ,$(t))))
$(FIG)/$(SHARES).svg $(FIG)/$(SHARES).png &: $(B)/$(SHARES).tsv $(if $(RUN_clusters),$(B)/clusters.tsv) \
		$(M)/fig-shares.awk $(M)/fig-shares.gp $(M)/codebook-levels.awk $(FIG_DEPS) \
		$(call stamp,fig-$(SHARES)) | $(FIG)
	$(fig_awk) -v items=$(call sq,$(FIG_SHARES_ITEMS)) -v groups=$(call sq,$(SHARES_GROUPS)) -v gp=$(fig_data).gp \
		-f $(M)/fig-shares.awk $(if $(RUN_clusters),$(B)/clusters.tsv,<(printf 'column\tcluster\n')) $< >$(fig_data)
	titles=($(call quote_levels,$(SHARES_TITLES)))
	# else the labels of the codebook's scale of the first item, else the levels made readable
	if [ $${#titles[@]} -eq 0 ]; then
		first=$$(sed -n '2{s/\t.*//;p;q}' $<)
		$(if $(RUN_codebook),awk -v item="$$first" -f $(M)/codebook-levels.awk $(CODEBOOK),:) >$(fig_data).cb
		while IFS= read -r l; do titles+=("$$l"); done < <(head -1 $< | tr '\t' '\n' | sed -n 's/^share_//p' \
			| $(fig_awk) -f <(echo 'FILENAME == "-" { print ($$0 in cb) ? cb[$$0] : label($$0); next } { cb[$$1] = $$2 }') \
				-F'\t' $(fig_data).cb -)
		rm -f $(fig_data).cb
	fi
	{ printf 'array level[%d]\n' $${#titles[@]}
	  for i in $${!titles[@]}; do printf "level[%d] = '%s'\n" $$((i + 1)) "$${titles[i]//\'/\'\'}"; done
	} >$(fig_data).lv
	$(call fig_draw,fig-shares,title = $(call gq,$(SHARES_TITLE)); \
	xlabel = $(call gq,$(or $(FIG_XLABEL_$(SHARES)),Share of respondents)); \
	levels = '$(fig_data).gp'; \
	load '$(fig_data).lv')
	rm -f $(fig_data).lv

# the scree plot, the number of factors fitted marked
$(FIG)/scree.svg $(FIG)/scree.png &: $(B)/factor-summary.tsv $(B)/eigenvalues.tsv \
		$(M)/fig-scree.awk $(M)/fig-scree.gp $(FIG_DEPS) $(call stamp,fig-scree) | $(FIG)
	$(fig_awk) -v gp=$(fig_data).gp -f $(M)/fig-scree.awk $(B)/factor-summary.tsv $(B)/eigenvalues.tsv >$(fig_data)
	$(call fig_draw,fig-scree,load '$(fig_data).gp')

# the elbow curve, the chosen k marked
$(FIG)/elbow.svg $(FIG)/elbow.png &: $(B)/inertia.tsv \
		$(M)/fig-columns.awk $(M)/fig-elbow.gp $(FIG_DEPS) $(call stamp,fig-elbow) | $(FIG)
	$(fig_awk) -v cols=k,inertia,chosen -f $(M)/fig-columns.awk $< >$(fig_data)
	$(call fig_draw,fig-elbow,title = $(call gq,Elbow curve of the k-means clustering of the $(CLUSTER_NOUN)s))
