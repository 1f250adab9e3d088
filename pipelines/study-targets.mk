# The studies: one set of generic recipes (pipelines/study/) run on a study
# file (a small makefile of variables; man svy, THE STUDY FILE).  Each
# bundled study is a directory of pipelines/studies/ holding its study file
# ("study") and its own files (plan, codebook, labels).
# Included by the top Makefile:
#
#   make study                        the reference study (pipelines/studies/awareness), into build/
#   make study STUDY=path/my.study    another study, into build/NAME/ (NAME: the file's name,
#                                     or its directory's when the file is "study"; B= to choose)
#   make study STUDY=path/dir         the study file dir/study
#   make kaggle                       the Kaggle 2017 survey (pipelines/studies/kaggle), into build/kaggle/
#   make digital-twins                the digital-twins survey (pipelines/studies/digital-twins)
#   make study-outputs, study-figures, study-report   one part, without building the tools first
#   make study-dir                    print the study's build directory
#   make study-why                    the steps a run would make, and why (svy study --dry-run)
#   make study JOBS=1                 one recipe at a time (default: as many as cores)
#
# The recipes run in a make of their own (make -f pipelines/study/main.mk),
# so that their shell settings (.ONESHELL, bash with pipefail) do not reach
# the top Makefile's other recipes.  Variables given on the command line
# (B=, EXPORT=, ...) reach it and override the study file's.  A study file
# is a makefile: make runs what it says ($(shell ...) included), so run
# only study files you trust, as any makefile.

# the study file: from the command line, never from an environment variable
# of the same name (a test's or a shell's $STUDY)
ifneq ($(filter environment%,$(origin STUDY)),)
STUDY := pipelines/studies/awareness
endif
STUDY ?= pipelines/studies/awareness
# The study's recipes run side by side: as many at once as the machine has
# cores (JOBS=N chooses, JOBS=1 runs one at a time), unless make itself was
# given -j (-j1 included), whose job server the study's make then shares.
# Each recipe writes its own files (pipelines/study/main.mk), so the outputs
# are those of one at a time; -Otarget keeps each recipe's messages together.
# JOBS from the command line only, never from an environment variable
ifneq ($(filter environment%,$(origin JOBS)),)
JOBS :=
endif
cores = $(shell nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
study_jobs = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(or $(JOBS),$(cores))) -Otarget
study_make = $(MAKE) --no-print-directory $(study_jobs) -f pipelines/study/main.mk STUDY='$(1)' BINDIR='$(BINDIR)'

.PHONY: study study-outputs study-figures study-report study-dir study-why kaggle digital-twins
study: $(NEED_DEPS)
	@$(MAKE) --no-print-directory build
	@+$(call study_make,$(STUDY)) study-outputs

study-outputs study-figures study-report study-dir study-why:
	@+$(call study_make,$(STUDY)) $@

kaggle digital-twins: $(NEED_DEPS)
	@$(MAKE) --no-print-directory build
	@+$(call study_make,pipelines/studies/$@) study-outputs
