# svy: survey analysis as small Unix filters.  See README.md and HACKING.md.
#
#   make            build every tool into bin/ (compiles only: nothing is installed)
#   make deps       install what the build, the study and the tests need (Debian),
#                   or say what is missing (elsewhere); make deps-missing lists it
#   make test       the test suite on the normal build (no valgrind, no ASan)
#   make check      the test suite, on the normal and on the sanitizer build,
#                   and make bench-smoke (the benchmark at a tiny size)
#   make study      the reference study on the bundled fixture, into build/
#   make refs       recompute the tests' golden files with scipy, statsmodels, R psych
#   make install    PREFIX=/usr/local DESTDIR=  (svy, the tools as svy-TOOL, man pages,
#                   the study recipes, bash completion); make uninstall
#
# Needs GNU make 4.3 or later (grouped targets, .ONESHELL in the study
# recipes) and bash for the study recipes; a C11 compiler, libcsv, GSL, libxml2, jansson.

# grouped targets (&:) came with GNU make 4.3; older makes stop here, not on
# a syntax error in pipelines/*.mk (macOS's /usr/bin/make is 3.81: use gmake)
ifeq ($(filter grouped-target,$(.FEATURES)),)
$(error svy needs GNU make 4.3 or later, this is $(MAKE) $(MAKE_VERSION); install it (Homebrew: brew install make, then run gmake))
endif

VERSION  := $(shell cat VERSION)
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# warnings are errors in CI (CI=true), not in a user's build
ifneq ($(CI),)
WARN     += -Werror
endif
PKGS      = gsl libxml-2.0 jansson
PKG_CONFIG ?= pkg-config
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null || echo -I/usr/include/libxml2)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -lm -lxml2 -ljansson)
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib $(PKG_CFLAGS)
DEPFLAGS  = -MMD -MP
LDLIBS    = -lcsv $(PKG_LIBS) $(shell $(PKG_CONFIG) --libs readstat 2>/dev/null || echo -lreadstat) -lm
SAN       = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

BINDIR ?= bin
OBJDIR ?= obj
PREFIX ?= /usr/local
DESTDIR ?=

TOOLS   := $(sort $(notdir $(basename $(wildcard tools/*.c))))
LIBSRC  := $(wildcard lib/*.c)
LIBOBJ  := $(LIBSRC:lib/%.c=$(OBJDIR)/lib/%.o)
BINS    := $(TOOLS:%=$(BINDIR)/%)

# ---- dependencies: found where they are, installed on Debian -------------
# A library counts as there when a program using it compiles and links with
# the flags pkg-config gives (libcsv has no .pc file: its header and -lcsv);
# a program when it is on PATH. Probed only by the targets that need them.
DEBS = build-essential pkg-config libcsv-dev libgsl-dev libxml2-dev libjansson-dev libreadstat-dev \
	bats bats-assert bats-support gnuplot-nox unzip valgrind man-db pspp
# where bats-support/ and bats-assert/ are (test/test_helper.bash reads the same)
BATS_LIB_PATH ?= /usr/lib/bats:/usr/local/lib/bats:/opt/homebrew/lib:/usr/local/lib
# $(call compiles,HEADER,CALL,FLAGS): empty when a program calling CALL links
hash := \#
compiles = $(shell printf '$(hash)include <%s>\nint main(void) { %s; return 0; }\n' '$(1)' '$(2)' | \
	$(CC) -x c -o /dev/null - $(CPPFLAGS) $(LDFLAGS) $(3) >/dev/null 2>&1 || echo no)
pc_flags = $(or $(shell $(PKG_CONFIG) --cflags --libs $(1) 2>/dev/null),$(2))
has_cmd = $(shell command -v $(1) >/dev/null 2>&1 || echo no)
has_bats_lib = $(strip $(foreach d,$(subst :, ,$(BATS_LIB_PATH)),$(wildcard $(d)/$(1)/load.bash)))
# the missing ones, by the name README.md's table gives them
TEST_DEPS_MISSING = $(strip \
	$(if $(call has_cmd,$(CC)),cc) \
	$(if $(call has_cmd,$(PKG_CONFIG)),pkg-config) \
	$(if $(call compiles,csv.h,csv_init(0, 0),-lcsv),libcsv) \
	$(if $(call compiles,gsl/gsl_vector.h,gsl_vector_free(0),$(call pc_flags,gsl,-lgsl -lgslcblas -lm)),gsl) \
	$(if $(call compiles,libxml/parser.h,xmlCleanupParser(),$(call pc_flags,libxml-2.0,-I/usr/include/libxml2 -lxml2)),libxml2) \
	$(if $(call compiles,jansson.h,json_decref(0),$(call pc_flags,jansson,-ljansson)),jansson) \
	$(if $(call compiles,readstat.h,readstat_parser_free(0),$(call pc_flags,readstat,-lreadstat)),readstat) \
	$(if $(call has_cmd,bats),bats) \
	$(if $(call has_bats_lib,bats-support),,bats-support) \
	$(if $(call has_bats_lib,bats-assert),,bats-assert) \
	$(if $(call has_cmd,gnuplot),gnuplot) \
	$(if $(call has_cmd,unzip),unzip) \
	$(if $(call has_cmd,pspp),pspp) \
	$(if $(call has_cmd,man),man))
# the normal pass of make check runs the suite under valgrind; make test does not
VALGRIND ?= valgrind
VALGRIND_MISSING = $(if $(call has_cmd,$(VALGRIND)),valgrind)
# what make study and make bench depend on (pipelines/*.mk too); make check
# depends on need-deps, valgrind included
NEED_DEPS = need-test-deps

.PHONY: all build build-asan deps deps-missing need-deps need-test-deps check check-normal check-asan test clean install uninstall study fuzz bench refs
.DEFAULT_GOAL := all
.PRECIOUS: $(OBJDIR)/tools/%.o obj/fuzz/tool_%.o

all: build

build: $(BINS)

# $(call apt_install,PACKAGES,WHO): as root, apt-get installs PACKAGES;
# otherwise the exact sudo line is printed and the recipe fails
APT_GET ?= apt-get
apt_install = if [ "$$(id -u)" = 0 ]; then \
		echo "apt-get install $(1)"; \
		$(APT_GET) update -q >/dev/null && \
		DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -q --no-install-recommends $(1) >/dev/null || exit 1; \
	else \
		echo "$(2) needs Debian packages; run:"; \
		echo "  sudo apt-get install $(1)"; exit 1; fi

# $(call install_missing,VAR): the shell variable VAR holds what is missing;
# nothing happens when it is empty (no apt-get update, no sudo line); on
# Debian the packages are installed, elsewhere the recipe fails naming them
install_missing = if [ -n "$$$(1)" ]; then \
		echo "svy needs: $$$(1)"; \
		if command -v $(APT_GET) >/dev/null 2>&1; then $(call apt_install,$(DEBS),svy); \
		else echo "install them with your system's packages (README.md, \"Quick start\")"; exit 1; fi; \
	fi

deps:
	@missing='$(strip $(TEST_DEPS_MISSING) $(VALGRIND_MISSING))'; \
	$(call install_missing,missing); \
	[ -n "$$missing" ] || echo "all dependencies are installed"

deps-missing:
	@echo $(TEST_DEPS_MISSING) $(VALGRIND_MISSING)

need-deps:
	@missing='$(strip $(TEST_DEPS_MISSING) $(VALGRIND_MISSING))'; \
	$(call install_missing,missing)

need-test-deps:
	@missing='$(TEST_DEPS_MISSING)'; \
	$(call install_missing,missing)

# the version is compiled into err.o: a new VERSION rebuilds it
$(OBJDIR)/lib/err.o: CPPFLAGS += -DSVY_VERSION='"$(VERSION)"'
$(OBJDIR)/lib/err.o: VERSION

$(OBJDIR)/lib/%.o: lib/%.c | $(OBJDIR)/lib
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(OBJDIR)/tools/%.o: tools/%.c | $(OBJDIR)/tools
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

-include $(wildcard $(OBJDIR)/lib/*.d $(OBJDIR)/tools/*.d $(OBJDIR)/tools/*/*.d)

$(OBJDIR)/libsvy.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BINDIR)/%: $(OBJDIR)/tools/%.o $(OBJDIR)/libsvy.a | $(BINDIR)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# the questions read from a survey file, for test/32-lss.bats
$(OBJDIR)/survey-dump: test/survey-dump.c $(OBJDIR)/libsvy.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# simulate's data, the reference study's answers (tools/simulate/*.c, kept
# out of lib/): compiled by the rule above, linked into the tool
SIMULATE_OBJ := $(patsubst %.c,$(OBJDIR)/%.o,$(wildcard tools/simulate/*.c))
$(BINDIR)/simulate: $(SIMULATE_OBJ)
$(SIMULATE_OBJ): | $(OBJDIR)/tools/simulate

$(OBJDIR)/lib $(OBJDIR)/tools $(OBJDIR)/tools/simulate $(BINDIR):
	mkdir -p $@

# ---- tests --------------------------------------------------------------
BATS_FILES = $(sort $(wildcard test/*.bats))

# The two passes run side by side (each is mostly one process at a time):
# the normal build's (with valgrind) prints as it goes, the sanitizer
# build's when it is done.  make check-normal or check-asan runs one alone.
check: need-deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory build-asan
	@$(MAKE) --no-print-directory bench-smoke
	@log=$$(mktemp) || exit 1; \
	$(MAKE) --no-print-directory check-asan >"$$log" 2>&1 & pid=$$!; \
	$(MAKE) --no-print-directory check-normal; normal=$$?; \
	wait $$pid; asan=$$?; \
	echo "# the sanitizer build (ASan, UBSan), run alongside:"; \
	cat "$$log"; rm -f "$$log"; \
	[ $$normal = 0 ] && [ $$asan = 0 ]

check-normal: build
	BIN=$(abspath $(BINDIR)) SVY_OBJDIR=$(abspath $(OBJDIR)) bats $(BATS_FILES) test/valgrind

build-asan:
	@$(MAKE) --no-print-directory build BINDIR=bin/asan OBJDIR=obj/asan CFLAGS='-O1 -g $(SAN)'

check-asan: build-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=98 \
	BIN=$(abspath bin/asan) SVY_OBJDIR=$(abspath obj/asan) SVY_CFLAGS='-O1 -g $(SAN)' \
	SVY_SANITIZED=1 bats $(BATS_FILES)

# the edit-compile-test loop: the normal build's suite, no valgrind, no ASan
test: need-test-deps
	@$(MAKE) --no-print-directory build
	BIN=$(abspath $(BINDIR)) SVY_OBJDIR=$(abspath $(OBJDIR)) bats $(BATS_FILES)

# ---- reference values (not part of check) --------------------------------
# make refs: recompute every golden file under test/data/ from scipy,
# statsmodels, scikit-learn, pandas and R psych: each test/data/TOOL/
# make-expected.sh, run from here, with test/refs/ (see its README). The test
# suite itself needs neither Python nor R; make refs-deps installs them.
# svy's own output, checked by eye (test/data/PROVENANCE.md), is left as it
# is and listed; make refs OWN=1 also rewrites what a script makes of it.
REFS_DEBS = python3-numpy python3-scipy python3-sklearn python3-statsmodels python3-pandas \
	python3-mpmath r-base-core r-cran-psych r-cran-gparotation r-cran-mass r-cran-sandwich \
	r-cran-ordinal r-cran-pwr r-cran-effectsize r-cran-haven
REFS_SCRIPTS = $(sort $(wildcard test/data/*/make-expected.sh))
OWN_GOLDENS = \
	test/data/clean/limesurvey-codes.tsv test/data/clean/limesurvey-codes.rejects.tsv \
	test/data/clean/limesurvey-text.tsv \
	test/data/codebook/awareness.draft.tsv test/data/codebook/types.code.tsv \
	test/data/codebook/types.de-text.tsv \
	test/data/plot/hist.txt test/data/plot/bar.txt test/data/plot/box.txt \
	test/data/report/paper.md test/data/report/paper-rq1.tex \
	test/data/report/model-linear.md test/data/report/model-logistic.md \
	test/data/report/model-ordinal.md test/data/report/model-ordinal.tex \
	test/data/report/menu.tsv test/data/report/menu.md test/data/report/menu.tex \
	test/data/study/encoded.tsv test/data/study/digital-twins-scored.tsv \
	test/data/sav/survey.codebook.tsv test/data/qsf/survey.dump.tsv \
	test/data/qsf/survey.codebook.tsv test/data/sav-haven/svy.sav test/data/sav-haven/svy.zsav \
	test/data/sav-haven/svy.dta

.PHONY: refs-deps refs-own
refs-deps:
	@if /usr/bin/python3 -c 'import scipy, sklearn, statsmodels, pandas, mpmath' 2>/dev/null && \
		Rscript -e 'library(psych); library(GPArotation); library(MASS); library(sandwich); library(ordinal); library(pwr); library(effectsize); library(haven)' >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "apt-get install $(REFS_DEBS)"; \
		$(APT_GET) update -q >/dev/null && \
		DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -q --no-install-recommends $(REFS_DEBS) >/dev/null || exit 1; \
	else \
		echo "make refs needs Debian packages; run:"; \
		echo "  sudo apt-get install $(REFS_DEBS)"; exit 1; fi

refs: refs-deps
	@$(MAKE) --no-print-directory build
	@for s in $(REFS_SCRIPTS); do echo "sh $$s"; OWN='$(OWN)' sh "$$s" || exit 1; done
	@echo "svy's own output, checked by eye, left as it is$(if $(OWN), (but for what OWN=1 rewrote));"
	@echo "test/data/PROVENANCE.md says how each is made again:"
	@$(MAKE) --no-print-directory refs-own | sed 's/^/  /'

refs-own:
	@printf '%s\n' $(OWN_GOLDENS)

# ---- fuzzing (clang's libFuzzer) -----------------------------------------
# make fuzz FUZZ_SECONDS=60: every target in test/fuzz/, each from its seed
# corpus test/fuzz/corpus/NAME/ (new inputs go to obj/fuzz/, not the repo).
# A target fuzz_TOOL_NAME.c that declares tool_main runs tools/TOOL-NAME.c whole.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_FLAGS    = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined
FUZZ_TARGETS := $(sort $(patsubst test/fuzz/fuzz_%.c,%,$(wildcard test/fuzz/fuzz_*.c)))
FUZZ_BINS    := $(FUZZ_TARGETS:%=obj/fuzz/fuzz_%)
FUZZ_LIBOBJ  := $(LIBSRC:lib/%.c=obj/fuzz/lib/%.o)

obj/fuzz/lib/%.o: lib/%.c $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

obj/fuzz/libsvy.a: $(FUZZ_LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $^

obj/fuzz/tool_%.o: tools/%.c $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -Dmain=tool_main -c -o $@ $<

# fuzz_encode_likert links tools/encode-likert.c; library-only targets link none
fuzz_tool = $(if $(shell grep -l 'tool_main' test/fuzz/fuzz_$(1).c),obj/fuzz/tool_$(subst _,-,$(1)).o)
.SECONDEXPANSION:
obj/fuzz/fuzz_%: test/fuzz/fuzz_%.c test/fuzz/harness.h $$(call fuzz_tool,$$*) obj/fuzz/libsvy.a
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $(filter %.c %.o %.a,$^) $(LDLIBS) \
		-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=fopen,--wrap=fclose

FUZZ_DEBS = clang libclang-rt-dev
.PHONY: fuzz-deps
fuzz-deps:
	@command -v $(FUZZ_CC) >/dev/null && \
	echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' \
		| $(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null || \
	{ $(call apt_install,$(FUZZ_DEBS),make fuzz (clang's libFuzzer)); }

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory fuzz-run

.PHONY: fuzz-run
fuzz-run: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p obj/fuzz/corpus/$$t; \
		echo "fuzz $$t for $(FUZZ_SECONDS) s"; \
		ASAN_OPTIONS=detect_leaks=0 obj/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-close_fd_mask=3 -max_len=65536 -timeout=10 -artifact_prefix=obj/fuzz/$$t- \
			obj/fuzz/corpus/$$t test/fuzz/corpus/$$t 2>obj/fuzz/$$t.log || \
			{ tail -40 obj/fuzz/$$t.log; exit 1; }; \
		grep -E '^(Done|#[0-9]+.*DONE)' obj/fuzz/$$t.log | tail -1; \
	done

# ---- benchmark -------------------------------------------------------------
# make bench: svy's study and tools against the same study in Python and R,
# and Miller, on simulated exports of 1,000 to 1,000,000 respondents; factor
# against psych; the study's critical path; see bench/README.md. About 5
# minutes and 1.5 GB under $(OBJDIR)/bench; the report is also written to
# $(OBJDIR)/bench/results.md.
# make bench-smoke (part of make check): every bench script and option once
# on 1,000 respondents and 20 items, agreement checked where Python and R
# are installed (skipped with a note where not), under $(OBJDIR)/bench-smoke.
bench: $(NEED_DEPS)
	@$(MAKE) --no-print-directory build
	BINDIR=$(abspath $(BINDIR)) BENCH_DIR=$(abspath $(OBJDIR))/bench bench/run.sh

.PHONY: bench-smoke
bench-smoke: $(NEED_DEPS)
	@$(MAKE) --no-print-directory build
	@log=$(abspath $(OBJDIR))/bench-smoke.log; \
	BENCH_SMOKE=1 BINDIR=$(abspath $(BINDIR)) BENCH_DIR=$(abspath $(OBJDIR))/bench-smoke \
		bench/run.sh >"$$log" 2>&1 || { cat "$$log"; echo "make bench-smoke failed"; exit 1; }; \
	grep -h '^bench: note:' "$$log" || :; echo "bench-smoke: every bench script ran ($$log)"

# ---- install ------------------------------------------------------------
# What a study needs, under PREFIX (relocatable: nothing below names PREFIX
# in an installed file; the front command finds the rest from its own
# directory, bin/):
#   bin/svy-TOOL, bin/svy          the tools and the front command (cmd/svy)
#   share/man/man1/                their man pages
#   share/svy/study/               the study recipes and their scripts (pipelines/study/)
#   libexec/svy/TOOL               links to ../../bin/svy-TOOL: the tools under
#                                  the names the recipes call them by
#   share/bash-completion/completions/svy, svy-TOOL   bash completion
#   share/zsh/site-functions/_svy_zsh  zsh's, through bashcompinit
#   share/doc/svy/README.md        the manual (the table of study variables)
# make uninstall removes exactly these files (and the directories of svy's own).
INSTALL_STUDY_FILES   := $(notdir $(wildcard pipelines/study/*))
IBIN          := $(DESTDIR)$(PREFIX)/bin
IMAN          := $(DESTDIR)$(PREFIX)/share/man/man1
ISHARE        := $(DESTDIR)$(PREFIX)/share/svy
ILIBEXEC      := $(DESTDIR)$(PREFIX)/libexec/svy
ICOMPLETION   := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
IDOC          := $(DESTDIR)$(PREFIX)/share/doc/svy
IZSH          := $(DESTDIR)$(PREFIX)/share/zsh/site-functions

install: build
	mkdir -p $(IBIN) $(IMAN) $(ISHARE)/study $(ILIBEXEC) $(ICOMPLETION) $(IDOC) $(IZSH)
	for t in $(TOOLS); do \
		install -p -m 755 $(BINDIR)/$$t $(IBIN)/svy-$$t || exit 1; \
		ln -sf ../../bin/svy-$$t $(ILIBEXEC)/$$t || exit 1; \
		ln -sf svy $(ICOMPLETION)/svy-$$t || exit 1; \
		if [ -f man/svy-$$t.1 ]; then \
			install -p -m 644 man/svy-$$t.1 $(IMAN)/svy-$$t.1 || exit 1; fi; \
	done
	sed 's/@VERSION@/$(VERSION)/' cmd/svy >$(IBIN)/svy.tmp && chmod 755 $(IBIN)/svy.tmp && mv -f $(IBIN)/svy.tmp $(IBIN)/svy
	install -m 644 man/svy.1 $(IMAN)/svy.1
	install -m 644 cmd/svy.bash-completion $(ICOMPLETION)/svy
	install -m 644 cmd/svy.zsh-completion $(IZSH)/_svy_zsh
	install -m 644 README.md $(IDOC)/README.md
	for f in $(INSTALL_STUDY_FILES); do install -p -m 644 pipelines/study/$$f $(ISHARE)/study/$$f || exit 1; done

uninstall:
	for t in $(TOOLS); do \
		rm -f $(IBIN)/svy-$$t $(IMAN)/svy-$$t.1 $(ILIBEXEC)/$$t $(ICOMPLETION)/svy-$$t; \
	done
	rm -f $(IBIN)/svy $(IMAN)/svy.1 $(ICOMPLETION)/svy $(IZSH)/_svy_zsh $(IDOC)/README.md \
		$(addprefix $(ISHARE)/study/,$(INSTALL_STUDY_FILES))
	rmdir $(ISHARE)/study $(ISHARE) $(ILIBEXEC) $(IDOC) 2>/dev/null || :

clean:
	rm -rf $(BINDIR) $(OBJDIR) build

-include pipelines/*.mk
