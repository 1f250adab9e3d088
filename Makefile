# svy: survey analysis as small Unix filters.  See README.md and HACKING.md.
#
#   make            build every tool into bin/ (compiles only: nothing is installed)
#   make deps       install what the build, the study and the tests need (Debian),
#                   or say what is missing (elsewhere); make deps-missing lists it
#   make test       the test suite on the normal build (no valgrind, no ASan)
#   make check      the test suite, on the normal and on the sanitizer build
#   make study      the reference study on the bundled fixture, into build/
#   make refs       recompute the tests' golden files with scipy, statsmodels, R psych
#   make install    PREFIX=/usr/local DESTDIR=  (tools as svy-TOOL, man pages)
#
# Needs GNU make 4.3 or later (grouped targets, .ONESHELL in the study
# recipes) and bash for the study recipes; a C11 compiler, libcsv, GSL, libxml2.

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
PKGS      = gsl libxml-2.0
PKG_CONFIG ?= pkg-config
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null || echo -I/usr/include/libxml2)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -lm -lxml2)
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
DEBS = build-essential pkg-config libcsv-dev libgsl-dev libxml2-dev libreadstat-dev \
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

-include $(wildcard $(OBJDIR)/lib/*.d $(OBJDIR)/tools/*.d)

$(OBJDIR)/libsvy.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BINDIR)/%: $(OBJDIR)/tools/%.o $(OBJDIR)/libsvy.a | $(BINDIR)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(OBJDIR)/lib $(OBJDIR)/tools $(BINDIR):
	mkdir -p $@

# ---- tests --------------------------------------------------------------
BATS_FILES = $(sort $(wildcard test/*.bats))

# The two passes run side by side (each is mostly one process at a time):
# the normal build's (with valgrind) prints as it goes, the sanitizer
# build's when it is done.  make check-normal or check-asan runs one alone.
check: need-deps
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory build-asan
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
	r-cran-ordinal r-cran-pwr r-cran-effectsize
REFS_SCRIPTS = $(sort $(wildcard test/data/*/make-expected.sh))
OWN_GOLDENS = \
	test/data/clean/limesurvey-codes.tsv test/data/clean/limesurvey-codes.rejects.tsv \
	test/data/clean/limesurvey-text.tsv \
	test/data/codebook/awareness.draft.tsv test/data/codebook/types.code.tsv \
	test/data/codebook/types.de-text.tsv \
	test/data/plot/hist.txt test/data/plot/bar.txt test/data/plot/box.txt \
	test/data/report/paper.md test/data/report/paper-rq1.tex \
	test/data/study/encoded.tsv test/data/study/digital-twins-scored.tsv \
	test/data/sav/survey.codebook.tsv

.PHONY: refs-deps refs-own
refs-deps:
	@if /usr/bin/python3 -c 'import scipy, sklearn, statsmodels, pandas, mpmath' 2>/dev/null && \
		Rscript -e 'library(psych); library(GPArotation); library(MASS); library(sandwich); library(ordinal); library(pwr); library(effectsize)' >/dev/null 2>&1; then :; \
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

# ---- benchmark (not part of check) ---------------------------------------
# make bench: svy's study and tools against the same study in Python and R on
# simulated exports of 1,000 to 1,000,000 respondents; see bench/README.md.
# About 5 minutes and 1.5 GB under $(OBJDIR)/bench; the report is also
# written to $(OBJDIR)/bench/results.md.
bench: $(NEED_DEPS)
	@$(MAKE) --no-print-directory build
	BINDIR=$(abspath $(BINDIR)) BENCH_DIR=$(abspath $(OBJDIR))/bench bench/run.sh

# ---- install ------------------------------------------------------------
install: build
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	for t in $(TOOLS); do \
		install -m 755 $(BINDIR)/$$t $(DESTDIR)$(PREFIX)/bin/svy-$$t || exit 1; \
		if [ -f man/svy-$$t.1 ]; then \
			install -m 644 man/svy-$$t.1 $(DESTDIR)$(PREFIX)/share/man/man1/svy-$$t.1 || exit 1; fi; \
	done

uninstall:
	for t in $(TOOLS); do \
		rm -f $(DESTDIR)$(PREFIX)/bin/svy-$$t $(DESTDIR)$(PREFIX)/share/man/man1/svy-$$t.1; \
	done

clean:
	rm -rf $(BINDIR) $(OBJDIR) build

-include pipelines/*.mk
