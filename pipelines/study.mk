# The studies: one set of generic recipes (pipelines/study/) run on a study
# file (a small makefile of variables; README "Running your own survey").
# Included by the top Makefile:
#
#   make study                        the reference study (pipelines/awareness.study), into build/
#   make study STUDY=path/my.study    another study, into build/NAME/ (NAME: the file's name; B= to choose)
#   make kaggle                       the Kaggle 2017 survey (pipelines/kaggle.study), into build/kaggle/
#   make digital-twins                the digital-twins survey (pipelines/digital-twins.study)
#   make study-outputs, study-figures, study-report   one part, without building the tools first
#   make study-dir                    print the study's build directory
#
# The recipes run in a make of their own (make -f pipelines/study/study.mk),
# so that their shell settings (.ONESHELL, bash with pipefail) do not reach
# the top Makefile's other recipes.  Variables given on the command line
# (B=, EXPORT=, ...) reach it and override the study file's.

# the study file: from the command line, never from an environment variable
# of the same name (a test's or a shell's $STUDY)
ifneq ($(filter environment%,$(origin STUDY)),)
STUDY := pipelines/awareness.study
endif
STUDY ?= pipelines/awareness.study
study_make = $(MAKE) --no-print-directory -f pipelines/study/study.mk STUDY='$(1)' BINDIR='$(BINDIR)'

.PHONY: study study-outputs study-figures study-report study-dir kaggle digital-twins
study: $(NEED_DEPS)
	@$(MAKE) --no-print-directory build
	@+$(call study_make,$(STUDY)) study-outputs

study-outputs study-figures study-report study-dir:
	@+$(call study_make,$(STUDY)) $@

kaggle digital-twins: $(NEED_DEPS)
	@$(MAKE) --no-print-directory build
	@+$(call study_make,pipelines/$@.study) study-outputs
