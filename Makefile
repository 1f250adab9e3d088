# svy: survey analysis as small Unix filters.  See README.md.
#
#   make            build every tool into bin/ (compiles only: nothing is installed)
#   make deps       install the Debian packages the build, the study and the tests need
#   make check      the test suite, on the normal and on the sanitizer build
#   make study      the reference study on the bundled fixture, into build/
#   make refs       recompute the tests' golden files with scipy, statsmodels, R psych
#   make install    PREFIX=/usr/local DESTDIR=  (tools as svy-TOOL, man pages)
#
# Needs GNU make 4.3 or later (grouped targets, .ONESHELL in the study
# recipes) and bash for the study recipes; a C11 compiler, libcsv, GSL, libxml2, jansson.

VERSION  := $(shell cat VERSION)
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# warnings are errors in CI (CI=true), not in a user's build
ifneq ($(CI),)
WARN     += -Werror
endif
PKGS      = gsl libxml-2.0 jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null || echo -I/usr/include/libxml2)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -lm -lxml2 -ljansson)
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib $(PKG_CFLAGS)
DEPFLAGS  = -MMD -MP
LDLIBS    = -lcsv $(PKG_LIBS) -lm
SAN       = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

BINDIR ?= bin
OBJDIR ?= obj
PREFIX ?= /usr/local
DESTDIR ?=

TOOLS   := $(sort $(notdir $(basename $(wildcard tools/*.c))))
LIBSRC  := $(wildcard lib/*.c)
LIBOBJ  := $(LIBSRC:lib/%.c=$(OBJDIR)/lib/%.o)
BINS    := $(TOOLS:%=$(BINDIR)/%)

# ---- dependencies: installed by the project itself ----------------------
# The build needs the first line; the study and the tests the rest.
DEBS = build-essential pkg-config libcsv-dev libgsl-dev libxml2-dev libjansson-dev \
	bats bats-assert bats-support gnuplot-nox unzip valgrind man-db
DEPS_MISSING := $(strip \
	$(if $(shell command -v pkg-config),,pkg-config) \
	$(if $(wildcard /usr/include/csv.h),,libcsv-dev) \
	$(if $(wildcard /usr/include/gsl/gsl_vector.h),,libgsl-dev) \
	$(if $(wildcard /usr/include/libxml2/libxml/parser.h),,libxml2-dev) \
	$(if $(wildcard /usr/include/jansson.h),,libjansson-dev) \
	$(if $(shell command -v bats),,bats) \
	$(if $(wildcard /usr/lib/bats/bats-assert/load.bash),,bats-assert) \
	$(if $(wildcard /usr/lib/bats/bats-support/load.bash),,bats-support) \
	$(if $(shell command -v gnuplot),,gnuplot-nox) \
	$(if $(shell command -v unzip),,unzip) \
	$(if $(shell command -v valgrind),,valgrind) \
	$(if $(shell command -v man),,man-db))
ifneq ($(DEPS_MISSING),)
NEED_DEPS = deps
endif

.PHONY: all build build-asan deps check check-normal check-asan test clean install uninstall study fuzz bench refs
.DEFAULT_GOAL := all
.PRECIOUS: $(OBJDIR)/tools/%.o obj/fuzz/tool_%.o

all: build

build: $(BINS)

# $(call apt_install,PACKAGES,WHO): as root, apt-get installs PACKAGES;
# otherwise the exact sudo line is printed and the recipe fails
apt_install = if [ "$$(id -u)" = 0 ]; then \
		echo "apt-get install $(1)"; \
		apt-get update -q >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(1) >/dev/null || exit 1; \
	else \
		echo "$(2) needs Debian packages; run:"; \
		echo "  sudo apt-get install $(1)"; exit 1; fi

deps:
	@if [ -z "$(DEPS_MISSING)" ]; then echo "all dependencies are installed"; \
	else $(call apt_install,$(DEBS),svy); fi

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

# the questions read from a survey file, for test/32-lss.bats
$(OBJDIR)/survey-dump: test/survey-dump.c $(OBJDIR)/libsvy.a
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(OBJDIR)/lib $(OBJDIR)/tools $(BINDIR):
	mkdir -p $@

# ---- tests --------------------------------------------------------------
BATS_FILES = $(sort $(wildcard test/*.bats))

# The two passes run side by side (each is mostly one process at a time):
# the normal build's (with valgrind) prints as it goes, the sanitizer
# build's when it is done.  make check-normal or check-asan runs one alone.
check: $(NEED_DEPS)
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

test: check

# ---- reference values (not part of check) --------------------------------
# make refs: recompute every golden file under test/data/ from scipy,
# statsmodels, scikit-learn, pandas and R psych: each test/data/TOOL/
# make-expected.sh, run from here, with test/refs/ (see its README). The test
# suite itself needs neither Python nor R; make refs-deps installs them.
REFS_DEBS = python3-numpy python3-scipy python3-sklearn python3-statsmodels python3-pandas \
	python3-mpmath r-base-core r-cran-psych r-cran-gparotation
REFS_SCRIPTS = $(sort $(wildcard test/data/*/make-expected.sh))

.PHONY: refs-deps
refs-deps:
	@if /usr/bin/python3 -c 'import scipy, sklearn, statsmodels, pandas, mpmath' 2>/dev/null && \
		Rscript -e 'library(psych); library(GPArotation)' >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "apt-get install $(REFS_DEBS)"; \
		apt-get update -q >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(REFS_DEBS) >/dev/null || exit 1; \
	else \
		echo "make refs needs Debian packages; run:"; \
		echo "  sudo apt-get install $(REFS_DEBS)"; exit 1; fi

refs: refs-deps
	@$(MAKE) --no-print-directory build
	@for s in $(REFS_SCRIPTS); do echo "sh $$s"; sh "$$s" || exit 1; done

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
