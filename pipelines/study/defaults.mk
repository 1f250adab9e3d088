# The study-file variables and their defaults (README "Running your own
# survey" has the table).  A variable left empty, "no" or "none" turns its
# step off; the report then says that the step was not run.  A variable
# comes from the study file or the command line, never from the environment
# (a shell's $NAME or $TITLE is not the study's); B is the exception.
STUDY_VARS := NAME TITLE EXPORT EXPORT_MEMBER DELIMITER COMPLETE CLEAN_OPTIONS \
	FILTER_COLUMN FILTER_VALUES FILTER_OPTIONS FILTER_KEPT FILTER_DROPPED CODEBOOK DERIVE \
	FA_ITEMS FA_FACTORS FA_METHOD FA_ROTATION FA_THRESHOLD FA_REFIT FA_OPTIONS SCORES SCORE_METHOD \
	SCORE_NORMALIZE HYPOTHESES HYPOTHESES_DEPS TABLES SHARES SHARES_ITEMS SHARES_LEVELS \
	SHARES_LABELS SHARES_TITLES SHARES_GROUPS SHARES_TITLE FIG_SHARES_ITEMS CLUSTER_ITEMS \
	CLUSTER_MAX_K CLUSTER_SEED CLUSTER_NOUN CLUSTER_TITLE CODERS CODER_COLUMNS LABELS \
	FIG_GROUPS FIG_BINS FIG_FONT
$(foreach v,$(STUDY_VARS),$(if $(filter environment%,$(origin $(v))),$(eval undefine $(v))))

NAME            ?= $(basename $(notdir $(STUDY)))
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

# the factor analysis and the score(s)
FA_ITEMS        ?=
FA_FACTORS      ?= 1
FA_METHOD       ?= minres
FA_ROTATION     ?= oblimin
FA_THRESHOLD    ?=
FA_REFIT        ?= no
# more options of svy-factor: --parallel N (parallel analysis), --omega, --cor polychoric
FA_OPTIONS      ?=
SCORES          ?= score
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

# labels of columns and levels, for the figures and the report
LABELS          ?=
FIG_GROUPS      ?=
FIG_BINS        ?= 20
FIG_FONT        ?= DejaVu Sans
