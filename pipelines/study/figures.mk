# The study's figures, drawn by gnuplot from the TSVs of the steps, into
# $(B)/figures/ as SVG and PNG (included by pipelines/study/study.mk); each
# only where its inputs exist:
#   SCORE-histogram      each score (FA_ITEMS set)
#   SCORE-by-GROUP       each score by each column of FIG_GROUPS, box plots
#                        (the file name FIG_FILE_SCORE_GROUP when set)
#   $(SHARES)            the shares of the items' levels (SHARES_ITEMS set)
#   scree                the eigenvalues of the factor analysis
#   elbow                the k-means inertia for every k (CLUSTER_ITEMS set)
# A figure's title, axis label and caption: FIG_TITLE_NAME, FIG_XLABEL_NAME
# (FIG_YLABEL_NAME for the box plots), FIG_CAPTION_NAME (NAME: its file name).
#
# Each figure is one recipe for its two files (a grouped target): the data the
# script needs is cut into a temporary file of its own, gnuplot writes each
# file to a temporary name, and both are renamed when both are drawn.  gnuplot's
# SVG and cairo's PNG embed no date, so a redraw is byte-identical (on the same
# gnuplot, cairo and fonts).

FIG := $(B)/figures

# the figures of this study, in the report's order, and their kinds
fig_group_file = $(or $(FIG_FILE_$(1)_$(2)),$(1)-by-$(2))
FIG_HIST   := $(if $(FA),$(foreach s,$(SCORE_NAMES),$(s)-histogram))
FIG_BOXES  := $(if $(FA),$(foreach s,$(SCORE_NAMES),$(foreach g,$(FIG_GROUPS),$(call fig_group_file,$(s),$(g)))))
FIG_SHARES := $(if $(call on,$(SHARES_ITEMS)),$(SHARES))
FIGURE_NAMES := $(FIG_HIST) $(FIG_BOXES) $(FIG_SHARES) $(if $(FA),scree) $(if $(CLUSTERS),elbow)
FIGURES      := $(foreach f,$(FIGURE_NAMES),$(FIG)/$(f).svg $(FIG)/$(f).png)

# the list of the figures, made when all are drawn
$(B)/figures.stamp: $(FIGURES) $(CONF) | $(B)
	$(if $(FIGURES),printf '%s\n' $(notdir $(FIGURES)),:) >$@.tmp
	$(publish)

# the captions of the figures, in order, for the report: name, caption
fig_caption = $(or $(FIG_CAPTION_$(1)),$(2))
$(B)/figures.tsv: $(CONF) | $(B)
	$(file >$@.tmp,figure$(tab)caption$(newline)$(foreach f,$(FIG_HIST),$(strip \
		)$(f)$(tab)$(call fig_caption,$(f),The $(f:%-histogram=%) scores of the respondents.)$(newline))$(strip \
		)$(foreach s,$(SCORE_NAMES),$(foreach g,$(FIG_GROUPS),$(strip \
		)$(call fig_group_file,$(s),$(g))$(tab)$(call fig_caption,$(call fig_group_file,$(s),$(g)),The $(s) scores by $(g).)$(newline)))$(strip \
		)$(foreach f,$(FIG_SHARES),$(f)$(tab)$(call fig_caption,$(f),$(SHARES_TITLE).)$(newline))$(strip \
		)$(if $(FA),scree$(tab)$(call fig_caption,scree,The scree plot of the factor analysis.)$(newline))$(strip \
		)$(if $(CLUSTERS),elbow$(tab)$(call fig_caption,elbow,The elbow curve of the k-means clustering of the $(CLUSTER_NOUN)s.)$(newline)))
	sed -i 's/^ *//' $@.tmp
	$(publish)

# awk with the label and column helpers
LABELS_FILE = $(or $(call on,$(LABELS)),/dev/null)
fig_awk = awk -v labels=$(if $(call on,$(LABELS)),$(LABELS)) -f pipelines/labels.awk
FIG_DEPS = pipelines/labels.awk $(if $(call on,$(LABELS)),$(LABELS)) pipelines/fig-terminal.gp $(CONF)

# a gnuplot string (single-quoted), its characters special to gnuplot's
# enhanced text escaped (score_name is not a subscript)
gq = '$(subst ','',$(call gq_enh,$(1)))'
gq_enh = $(subst _,\_,$(subst ^,\^,$(subst @,\@,$(subst &,\&,$(subst ~,\~,$(subst {,\{,$(subst },\},$(subst \,\\,$(1)))))))))
# $(call fig_draw,SCRIPT,SETTINGS): pipelines/SCRIPT.gp drawn as SVG and PNG
# onto the recipe's two targets, $(fig_data) as its data, SETTINGS (gnuplot
# assignments) in $(fig_par) (both then removed); the script sets its size
# and loads pipelines/fig-terminal.gp.
fig_data = $(basename $@).data.tmp
fig_par = $(basename $@).par.tmp
fig_gnuplot = gnuplot -e "fmt = '$(1)'; out = '$(basename $@).$(1).tmp'; data = '$(fig_data)'; \
	font = '$(FIG_FONT)'; term = 'pipelines/fig-terminal.gp'" $(fig_par) pipelines/$(2).gp
define fig_draw
$(file >$(fig_par),$(2))
$(call fig_gnuplot,svg,$(1))
$(call fig_gnuplot,png,$(1))
rm -f $(fig_data) $(fig_par) $(fig_data).gp
mv -f $(basename $@).svg.tmp $(basename $@).svg
mv -f $(basename $@).png.tmp $(basename $@).png
endef

# the histogram of each score, counted in FIG_BINS bins
$(FIG)/%-histogram.svg $(FIG)/%-histogram.png &: $(B)/scored.tsv \
		pipelines/fig-hist.awk pipelines/fig-hist.gp $(FIG_DEPS) | $(FIG)
	$(fig_awk) -v score=$* -v bins=$(FIG_BINS) -f pipelines/fig-hist.awk $< >$(fig_data)
	$(call fig_draw,fig-hist,title = $(call gq,$(or $(FIG_TITLE_$*-histogram),The $* scores of the respondents)); \
	xlabel = $(call gq,$(or $(FIG_XLABEL_$*-histogram),$* score)))

# each score by each grouping column, box plots
define fig_boxes
$(FIG)/$(3).svg $(FIG)/$(3).png &: $(B)/scored.tsv \
		pipelines/fig-groups.awk pipelines/fig-groups.gp $(FIG_DEPS) | $(FIG)
	$$(fig_awk) -v score=$(1) -v group=$(2) -v gp=$$(fig_data).gp -f pipelines/fig-groups.awk $$< >$$(fig_data)
	$$(call fig_draw,fig-groups,title = $$(call gq,$$(or $$(FIG_TITLE_$(3)),The $(1) score by $(2))); \
	ylabel = $$(call gq,$$(or $$(FIG_YLABEL_$(3)),$(1) score)); \
	groups = '$$(fig_data).gp')
endef
$(if $(FA),$(foreach s,$(SCORE_NAMES),$(foreach g,$(FIG_GROUPS),$(eval $(call fig_boxes,$(s),$(g),$(call fig_group_file,$(s),$(g)))))))

# the shares of the items' levels, by group and cluster
quote_levels = $(foreach t,$(subst |, ,$(subst $(empty) $(empty),@@,$(1))),$(call sq,$(subst @@, ,$(t))))
$(FIG)/$(SHARES).svg $(FIG)/$(SHARES).png &: $(B)/$(SHARES).tsv $(if $(CLUSTERS),$(B)/clusters.tsv) \
		pipelines/fig-shares.awk pipelines/fig-shares.gp pipelines/codebook-levels.awk $(FIG_DEPS) | $(FIG)
	$(fig_awk) -v items='$(FIG_SHARES_ITEMS)' -v groups='$(SHARES_GROUPS)' -v gp=$(fig_data).gp \
		-f pipelines/fig-shares.awk $(if $(CLUSTERS),$(B)/clusters.tsv,<(printf 'column\tcluster\n')) $< >$(fig_data)
	titles=($(call quote_levels,$(SHARES_TITLES)))
	# else the labels of the codebook's scale of the first item, else the levels made readable
	if [ $${#titles[@]} -eq 0 ]; then
		first=$$(sed -n '2{s/\t.*//;p;q}' $<)
		$(if $(call on,$(CODEBOOK)),awk -v item="$$first" -f pipelines/codebook-levels.awk $(CODEBOOK),:) >$(fig_data).cb
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
		pipelines/fig-scree.awk pipelines/fig-scree.gp $(FIG_DEPS) | $(FIG)
	$(fig_awk) -f pipelines/fig-scree.awk $(B)/factor-summary.tsv $(B)/eigenvalues.tsv >$(fig_data)
	$(call fig_draw,fig-scree,)

# the elbow curve, the chosen k marked
$(FIG)/elbow.svg $(FIG)/elbow.png &: $(B)/inertia.tsv \
		pipelines/fig-columns.awk pipelines/fig-elbow.gp $(FIG_DEPS) | $(FIG)
	$(fig_awk) -v cols=k,inertia,chosen -f pipelines/fig-columns.awk $< >$(fig_data)
	$(call fig_draw,fig-elbow,title = $(call gq,Elbow curve of the k-means clustering of the $(CLUSTER_NOUN)s))
