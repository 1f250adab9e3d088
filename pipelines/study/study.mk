# The recipes of a study: from a survey export to its tables, figures and
# one-page report, driven by a study file (a small makefile of variables;
# README "Running your own survey" documents each one and its default).
#
#   make -f pipelines/study/study.mk STUDY=pipelines/awareness.study study-outputs
#
# The top Makefile calls this file as a make of its own (make study, make
# kaggle, make digital-twins), so that its shell settings (.ONESHELL, bash,
# pipefail) stay here.  Nothing below names a column, score, family or level
# of a particular survey: those come from the study file.
#
# Each step is one recipe with a real file target under $(B)/, so make redoes
# only what changed (a tool rebuilt or the study file edited counts as a
# change).  The tools write their files atomically (-o FILE, --summary,
# --rejects ...), the few recipes that write through the shell write to
# $@.tmp and rename it: a failed step leaves no half-written target, no two
# recipes share a file, and two studies in two build directories share none,
# so `make -j` is safe.  Every optional step that the study file leaves off
# is listed in $(B)/steps.tsv, and the report says it was not run.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
# one shell a recipe, not a line: starting shells is most of a small study's time
.ONESHELL:
.DELETE_ON_ERROR:
.SUFFIXES:

BINDIR ?= bin
S := $(BINDIR)
STUDY ?= pipelines/awareness.study
ifeq ($(wildcard $(STUDY)),)
$(error STUDY=$(STUDY): no such study file)
endif
# the study file's directory, for its own paths: $(STUDY_DIR)/my-codebook.tsv
STUDY_DIR := $(patsubst %/,%,$(dir $(STUDY)))
include $(STUDY)
include pipelines/study/defaults.mk

ifeq ($(strip $(EXPORT)),)
$(error $(STUDY): EXPORT is not set (the survey export, a CSV file))
endif

.PHONY: study-outputs study-figures study-report study-dir
# where the study's files go
study-dir:
	@echo $(B)
study-figures: $(B)/figures.stamp
study-report: $(B)/report.md

$(B) $(B)/figures:
	mkdir -p $@

# publish: rename the temporary output of a recipe onto its target
publish = mv -f $@.tmp $@
# $(call on,VALUE): yes when VALUE is set, not "no" or "none"
on = $(if $(filter-out no none,$(strip $(1))),yes)
# the study file, as a prerequisite of the steps it configures
CONF = $(STUDY) pipelines/study/defaults.mk

include pipelines/study/steps.mk
include pipelines/study/figures.mk
include pipelines/study/report.mk

# every output of the study (make -pq study-outputs lists them)
study-outputs: $(REPORT_INPUTS) $(B)/report.md
