# The recipes of a study: from a survey export to its tables, figures and
# one-page report, driven by a study file (a small makefile of variables;
# man svy, STUDY VARIABLES, documents each one and its default).
#
#   make -f pipelines/study/main.mk STUDY=pipelines/studies/awareness study-outputs
#
# The top Makefile calls this file as a make of its own (make study, make
# kaggle, make digital-twins; pipelines/study-targets.mk), so that its shell
# settings (.ONESHELL, bash, pipefail) stay here.  Nothing below names a
# column, score, family or level of a particular survey: those come from the
# study file (pipelines/studies/NAME/study for the bundled studies).
#
# The files of the machinery:
#   variables.mk   the table of study variables, their defaults and checks
#   steps.mk       the table of steps and their recipes (and the report's)
#   figures.mk     the figures' recipes
#   why.mk         study-why: the steps a run would make, and why (svy study --dry-run)
#
# Each step is one recipe with real file targets under $(B), so make redoes
# only what changed: an input, a tool, or the value of a study variable that
# shapes the step (its stamp, $(B)/.stamps/STEP).  The tools write their
# files atomically (-o FILE, --summary, --rejects ...), the few recipes that
# write through the shell write to $@.tmp and rename it: a failed step leaves
# no half-written target, no two recipes share a file, and two studies in two
# build directories share none, so `make -j` is safe.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
# one shell a recipe, not a line: starting shells is most of a small study's time
.ONESHELL:
.DELETE_ON_ERROR:
.SUFFIXES:

BINDIR ?= bin
S := $(BINDIR)
# the machinery: this file's directory (so the recipes can live elsewhere)
M := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
STUDY ?= pipelines/studies/awareness

empty :=
space := $(empty) $(empty)
comma := ,
tab := $(empty)	$(empty)
define newline


endef

# publish: rename the temporary output of a recipe onto its target
publish = mv -f $@.tmp $@
# $(call on,VALUE): yes when VALUE is set, not "no" or "none"
on = $(if $(filter-out no none,$(strip $(1))),yes)
# $(call sq,TEXT): TEXT as one shell word (single-quoted)
sq = '$(subst ','\'',$(1))'
# an item list of the study file (patterns separated by blanks), as the
# tools take it: one quoted word a pattern, or one -c list; never a pattern
# the shell could expand
items_w = $(foreach p,$(1),$(call sq,$(p)))
items_c = $(call sq,$(subst $(space),$(comma),$(strip $(1))))

# make splits its file names at blanks: a study path with one is named, not
# misread ("multiple target patterns")
ifneq ($(words $(STUDY)),1)
$(error STUDY='$(STUDY)': a path with a blank; make cannot name such a file: move or link the study to a path without one)
endif
# a study directory holds its study file, "study"
ifneq ($(wildcard $(STUDY)/study),)
override STUDY := $(patsubst %/,%,$(STUDY))/study
endif
ifeq ($(wildcard $(STUDY)),)
$(error STUDY=$(STUDY): no such study file)
endif
# the study file's directory, for its own paths: $(STUDY_DIR)/my-codebook.tsv
STUDY_DIR := $(patsubst %/,%,$(dir $(STUDY)))

# the study file is a makefile: what it sets is checked against the table of
# study variables (variables.mk)
VARIABLES_BEFORE_STUDY := $(.VARIABLES)
include $(STUDY)
STUDY_SETS := $(filter-out $(VARIABLES_BEFORE_STUDY) VARIABLES_BEFORE_STUDY,$(.VARIABLES))
include $(M)/variables.mk

.PHONY: study-outputs study-figures study-report study-dir FORCE
FORCE:
# where the study's files go
study-dir:
	@echo $(B)

$(B) $(B)/figures $(B)/.stamps:
	mkdir -p $@

# ---- files written from the study's values: rewritten only on a change ----
# $(call text_file,FILE,VAR): FILE holds the text of the variable VAR (lines,
# each ending with a newline).  Its recipe runs only when the file holds
# something else, so what depends on FILE is made again exactly when the
# text changed (and when it changes back).  The files are compared with
# their texts by one shell when the makefiles are read (text_files_check):
# make 4.3's $(file <FILE) inside nested expansions returned stale text now
# and then, which made a stamp look changed.
TEXT_FILES :=
define text_file
TEXT_FILES += $(1)
TEXT_VAR_$(1) := $(2)
endef
# the text of VAR as one shell word for printf '%b'
text_word = $(call sq,$(subst $(newline),\n,$(subst \,\\,$($(1)))))
# (the text as $(file >) writes it: with a newline at its end)
text_check = printf -v t '%b' $(call text_word,$(TEXT_VAR_$(1))); o=; \
	case $$t in *$$'\n') ;; *) t+=$$'\n' ;; esac; \
	IFS= read -rd '' o 2>/dev/null <$(1) || :; [ "$$o" == "$$t" ] || echo $(1);
# Written in place by make itself ($(file >), no shell: a dozen shells in a
# study's first run, the first of them on its critical path): a file cut
# short by a failure holds other text, so the next run sees it changed and
# writes it again. make -n and -q expand a recipe without running it: there
# the recipe is the printf a shell would run, shown, and nothing written.
dry_run := $(findstring n,$(firstword -$(MAKEFLAGS)))$(findstring q,$(firstword -$(MAKEFLAGS)))
text_recipe = $(if $(dry_run),printf '%b' $(call text_word,$(1)) >$@,$(file >$@,$($(1))))
define text_rule
$(1): $(if $(filter $(1),$(TEXT_FILES_CHANGED)),FORCE) | $(patsubst %/,%,$(dir $(1)))
	$$(call text_recipe,$(TEXT_VAR_$(1)))
endef
define text_files_check
TEXT_FILES_CHANGED := $$(shell $$(foreach f,$$(TEXT_FILES),$$(call text_check,$$(f))))
$$(foreach f,$$(TEXT_FILES),$$(eval $$(call text_rule,$$(f))))
endef
# $(call stamp,STEP): the stamp of STEP, the values of the variables that
# shape it (one VAR=value a line)
stamp = $(B)/.stamps/$(1)
stamp_text = $(subst $(newline)$(space),$(newline),$(foreach v,$(1),$(v)=$($(v))$(newline)))
# $(call stamp_rule,STEP,VARS): the rule of STEP's stamp
define stamp_rule
STAMP_TEXT_$(1) = $$(call stamp_text,$(2))
$$(eval $$(call text_file,$$(call stamp,$(1)),STAMP_TEXT_$(1)))
endef

include $(M)/steps.mk
include $(M)/figures.mk
$(eval $(text_files_check))
include $(M)/why.mk

study-figures: $(B)/figures.stamp
study-report: $(B)/report.md
# every output of the study (make -pq study-outputs lists them)
study-outputs: $(REPORT_INPUTS) $(B)/report.md
