# The table of study variables, their defaults (man svy, STUDY VARIABLES,
# has the table) and the checks of what a study file sets (included by
# pipelines/study/main.mk after the study file).
#
# A variable left empty, "no" or "none" turns its step off; the report then
# says that the step was not run.  A variable comes from the study file or
# the command line, never from the environment (a shell's $NAME or $TITLE is
# not the study's); B is the exception.  A study file is a makefile: it may
# set the variables below and those of the patterns STUDY_PATTERNS, and
# variables of its own with a lower-case name (my_items = ...); any other
# name is an error with the nearest known one (FA_ITEM: did you mean
# FA_ITEMS?).
STUDY_VARS := NAME B TITLE EXPORT EXPORT_MEMBER DELIMITER COMPLETE CLEAN_OPTIONS \
	FILTER_COLUMN FILTER_VALUES FILTER_OPTIONS FILTER_KEPT FILTER_DROPPED CODEBOOK DERIVE \
	FA_ITEMS FA_FACTORS FA_METHOD FA_ROTATION FA_THRESHOLD FA_REFIT FA_REVERSE FA_OPTIONS \
	SCORES SCORE_METHOD SCORE_NORMALIZE HYPOTHESES HYPOTHESES_DEPS TABLES SHARES SHARES_ITEMS \
	SHARES_LEVELS SHARES_LABELS SHARES_TITLES SHARES_GROUPS SHARES_TITLE FIG_SHARES_ITEMS \
	CLUSTER_ITEMS CLUSTER_MAX_K CLUSTER_SEED CLUSTER_NOUN CLUSTER_TITLE CODERS CODER_COLUMNS \
	MODELS LABELS FIG_GROUPS FIG_BINS FIG_FONT
# the variables named after a family, a table, a model, a figure (% its name)
MODEL_PATTERNS := MODEL_%_OUTCOME MODEL_%_PREDICTORS MODEL_%_METHOD MODEL_%_OPTIONS MODEL_%_TITLE
STUDY_PATTERNS := FAMILY_TITLE_% FAMILY_TABLE_% TABLE_%_SINGLE TABLE_%_MULTIPLE $(MODEL_PATTERNS) \
	FIG_TITLE_% FIG_XLABEL_% FIG_YLABEL_% FIG_CAPTION_% FIG_FILE_%
# the variables that name a file (EXPORT a CSV or zip, the others TSVs)
STUDY_FILES := EXPORT CODEBOOK HYPOTHESES HYPOTHESES_DEPS CODERS LABELS
$(foreach v,$(filter-out B,$(STUDY_VARS)),$(if $(filter environment%,$(origin $(v))),$(eval undefine $(v))))

# the name: the study file's, or its directory's when the file is "study"
NAME            ?= $(if $(filter study,$(notdir $(STUDY))),$(notdir $(abspath $(STUDY_DIR))),$(basename $(notdir $(STUDY))))
B               ?= build/$(NAME)
TITLE           ?= Results of the $(NAME) study

# the export: a CSV file, or (EXPORT_MEMBER set) the CSV of that name in a zip
EXPORT          ?=
EXPORT_MEMBER   ?=
DELIMITER       ?=
COMPLETE        ?=
CLEAN_OPTIONS   ?=

# the respondent filter: rows whose FILTER_COLUMN holds one of FILTER_VALUES
# (shell words) are dropped into $(B)/$(FILTER_DROPPED).tsv
FILTER_COLUMN   ?=
FILTER_VALUES   ?=
FILTER_OPTIONS  ?=
FILTER_KEPT     ?= respondents
FILTER_DROPPED  ?= filtered-out

# the codebook (svy encode-likert), and derive's options (any rules)
CODEBOOK        ?=
DERIVE          ?=

# the factor analysis and the score(s); item lists (FA_ITEMS, FA_REVERSE,
# SHARES_ITEMS, CLUSTER_ITEMS, FIG_SHARES_ITEMS) are column names or globs
# separated by blanks, unquoted: the recipes quote them
FA_ITEMS        ?=
FA_FACTORS      ?= 1
FA_METHOD       ?= minres
FA_ROTATION     ?= oblimin
FA_THRESHOLD    ?=
FA_REFIT        ?= no
FA_REVERSE      ?=
# more options of svy-factor: --parallel N (parallel analysis), --omega, --cor polychoric
FA_OPTIONS      ?=
# one name a factor: score (one factor), else score1,score2,...
SCORES          ?= $(if $(filter 1,$(FA_FACTORS)),score,$(subst $(space),$(comma),$(strip \
	$(foreach k,$(call count_to,$(FA_FACTORS)),score$(k)))))
SCORE_METHOD    ?= regression
SCORE_NORMALIZE ?= none

# the hypotheses plan, the files it reads (--where-file), the families' tables
HYPOTHESES      ?=
HYPOTHESES_DEPS ?=

# descriptive tables: $(B)/NAME.tsv for each NAME of TABLES, from
# TABLE_NAME_SINGLE and TABLE_NAME_MULTIPLE (columns or globs)
TABLES          ?=

# the shares of the levels of item groups, and k-means of some of them
SHARES          ?= shares
SHARES_ITEMS    ?=
SHARES_LEVELS   ?=
SHARES_LABELS   ?=
SHARES_TITLES   ?=
SHARES_GROUPS   ?=
SHARES_TITLE    ?= Shares of the answers to the items
FIG_SHARES_ITEMS ?=
CLUSTER_ITEMS   ?=
CLUSTER_MAX_K   ?= 8
CLUSTER_SEED    ?= 1
CLUSTER_NOUN    ?= item
CLUSTER_TITLE   ?= Clusters of the $(CLUSTER_NOUN)s

# the agreement of two coders
CODERS          ?=
CODER_COLUMNS   ?= coder_a coder_b

# regression models (svy model): build/model-NAME.tsv and its summary for each
# NAME of MODELS, from MODEL_NAME_OUTCOME, MODEL_NAME_PREDICTORS (columns
# separated by blanks; A:B an interaction), MODEL_NAME_METHOD (linear,
# logistic, ordinal), MODEL_NAME_OPTIONS (more options of svy model) and
# MODEL_NAME_TITLE (the report's title of its table)
MODELS          ?=
MODEL_NAMES := $(if $(call on,$(MODELS)),$(strip $(MODELS)))
$(foreach m,$(MODEL_NAMES),$(eval MODEL_$(m)_METHOD ?= linear))
# the variables that shape a model (its title: the report's only)
model_vars = $(foreach v,OUTCOME PREDICTORS METHOD OPTIONS,MODEL_$(1)_$(v))

# labels of columns and levels, for the figures and the report
LABELS          ?=
FIG_GROUPS      ?=
FIG_BINS        ?= 20
FIG_FONT        ?= DejaVu Sans

# ---- the checks: a study file's mistake is named before any step runs -----
# $(call count_to,N): 1 2 ... N (N a whole number up to 99; else nothing)
NUMBERS := $(filter-out 0,$(foreach a,0 1 2 3 4 5 6 7 8 9,$(foreach b,0 1 2 3 4 5 6 7 8 9,$(patsubst 0%,%,$(a)$(b)))))
count_to = $(if $(filter $(1),$(NUMBERS)),$(wordlist 1,$(1),$(NUMBERS)))
lower := a b c d e f g h i j k l m n o p q r s t u v w x y z
study_error = $(error $(STUDY): $(1))

# names svy does not know: the nearest known one (Levenshtein distance)
STUDY_UNKNOWN := $(strip $(foreach v,$(STUDY_SETS),$(if $(filter $(STUDY_VARS) $(STUDY_PATTERNS) \
	$(foreach c,$(lower),$(c)%),$(v)),,$(v))))
# on the command line too: a name that looks like a study variable's (its
# first word is one of theirs, give or take a plural s) but is none
STUDY_WORDS := $(sort $(foreach v,$(STUDY_VARS) $(STUDY_PATTERNS),$(firstword $(subst _, ,$(v)))))
study_word = $(filter $(STUDY_WORDS),$(1) $(1)S $(patsubst %S,%,$(1)))
COMMAND_UNKNOWN := $(strip $(foreach v,$(.VARIABLES),$(if $(filter command line,$(origin $(v))),$(if \
	$(call study_word,$(firstword $(subst _, ,$(v)))),$(if $(filter $(STUDY_VARS) $(STUDY_PATTERNS),$(v)),,$(v))))))
nearest = $(shell awk -v names='$(1)' -v known='$(STUDY_VARS) $(subst %,NAME,$(STUDY_PATTERNS)) $(foreach \
	m,$(MODEL_NAMES),$(subst %,$(m),$(MODEL_PATTERNS)))' \
	-f $(M)/nearest.awk </dev/null)
ifneq ($(STUDY_UNKNOWN),)
$(call study_error,$(call nearest,$(STUDY_UNKNOWN)))
endif
ifneq ($(COMMAND_UNKNOWN),)
$(error the command line: $(call nearest,$(COMMAND_UNKNOWN)))
endif

ifeq ($(strip $(EXPORT)),)
$(call study_error,EXPORT is not set (the survey export, a CSV file))
endif
# a path make reads as a target: one word, an existing file
$(foreach v,$(STUDY_FILES) B,$(if $(filter-out HYPOTHESES_DEPS,$(v)),$(if $(filter-out 0 1,$(words $($(v)))),$(call \
	study_error,$(v) = $($(v)): a path with a blank; make cannot name such a file: rename or link it))))
$(foreach v,$(STUDY_FILES),$(if $(call on,$($(v))),$(foreach f,$($(v)),$(if $(wildcard $(f)),,$(call \
	study_error,$(v) = $($(v)): no such file$(if $(filter-out $(f),$($(v))), ('$(f)')))))))
# an item list is patterns, unquoted (the recipes quote them)
$(foreach v,FA_ITEMS FA_REVERSE SHARES_ITEMS CLUSTER_ITEMS FIG_SHARES_ITEMS,$(if $(findstring ',$($(v)))$(findstring \
	",$($(v))),$(call study_error,$(v) = $($(v)): write the patterns without quotes (FA_ITEMS = attack_* method_*))))
# one score a factor
ifneq ($(call on,$(FA_ITEMS)),)
ifeq ($(filter $(FA_FACTORS),$(NUMBERS)),)
$(call study_error,FA_FACTORS = $(FA_FACTORS): not a whole number from 1 to 99)
endif
ifneq ($(words $(subst $(comma), ,$(SCORES))),$(FA_FACTORS))
$(call study_error,SCORES = $(SCORES) names $(words $(subst $(comma), ,$(SCORES))) score(s) but FA_FACTORS = $(FA_FACTORS): give one name a factor$(comma) comma-separated)
endif
endif
# the models: each name once, one that can name a file (build/model-NAME.tsv:
# no "-", so that no model's table is another's summary), each with its
# outcome, predictors and a method svy model knows; a model's variable names
# a model of MODELS (MODELS off: the models' variables stay, unused)
NAME_CHARS := $(lower) A B C D E F G H I J K L M N O P Q R S T U V W X Y Z 0 1 2 3 4 5 6 7 8 9 _
strip_chars = $(if $(2),$(call strip_chars,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
$(foreach m,$(MODEL_NAMES),$(if $(call strip_chars,$(m),$(NAME_CHARS)),$(call study_error,MODELS = \
	$(MODELS): '$(m)': a model's name is letters$(comma) digits and _ (it names the file model-NAME.tsv))))
$(foreach m,$(sort $(MODEL_NAMES)),$(if $(filter-out 1,$(words $(filter $(m),$(MODEL_NAMES)))),$(call \
	study_error,MODELS = $(MODELS): '$(m)' twice)))
$(foreach m,$(MODEL_NAMES),$(foreach v,OUTCOME PREDICTORS,$(if $(strip $(MODEL_$(m)_$(v))),,$(call \
	study_error,MODEL_$(m)_$(v) is not set (the model $(m) of MODELS needs its $(if $(filter \
	OUTCOME,$(v)),outcome$(comma) a column,predictors$(comma) columns separated by blanks))))))
$(foreach m,$(MODEL_NAMES),$(if $(and $(filter 1,$(words $(MODEL_$(m)_METHOD))),$(filter linear logistic \
	ordinal,$(MODEL_$(m)_METHOD))),,$(call study_error,MODEL_$(m)_METHOD = $(MODEL_$(m)_METHOD): linear$(comma) \
	logistic or ordinal)))
$(foreach m,$(MODEL_NAMES),$(foreach v,OUTCOME PREDICTORS,$(if $(findstring ',$(MODEL_$(m)_$(v)))$(findstring \
	",$(MODEL_$(m)_$(v))),$(call study_error,MODEL_$(m)_$(v) = $(MODEL_$(m)_$(v)): write the column names \
	without quotes))))
MODEL_SETS := $(sort $(filter $(MODEL_PATTERNS),$(STUDY_SETS) $(foreach v,$(.VARIABLES),$(if $(filter \
	command line,$(origin $(v))),$(v)))))
$(if $(MODEL_NAMES),$(foreach v,$(MODEL_SETS),$(if $(filter $(v),$(foreach m,$(MODEL_NAMES),$(subst \
	%,$(m),$(MODEL_PATTERNS)))),,$(call study_error,$(v): no model of that name in MODELS (MODELS = $(MODEL_NAMES))))))
