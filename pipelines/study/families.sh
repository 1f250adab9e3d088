#!/bin/bash
# families.sh: one hypothesis table a family of the plan, in plan order
# (pipelines/study/steps.mk).
#
#   families.sh REPORT PLAN TESTS TITLES FILES DIR >DIR/families.tsv
#
# REPORT is svy report; PLAN the hypotheses plan (its 'family' column gives
# the families and their order); TESTS the bh-corrected test rows; TITLES and
# FILES are "family<TAB>text" lines (the study's FAMILY_TITLE_family and
# FAMILY_TABLE_family).  Writes DIR/FILE.md for each family (FILE: the
# family's FAMILY_TABLE, else family-NAME with NAME made safe for a file
# name) and prints family, file, title rows.
set -euo pipefail
export LC_ALL=C
[ $# -eq 6 ] || { echo "usage: families.sh REPORT PLAN TESTS TITLES FILES DIR" >&2; exit 2; }
report=$1 plan=$2 tests=$3 titles=$4 files=$5 dir=$6

lookup() {	# lookup FILE FAMILY: the text of FAMILY in FILE, or nothing
	awk -F'\t' -v f="$2" '{ k = $1; sub(/^ +/, "", k) } k == f { sub(/^ *[^\t]*\t/, ""); print; exit }' "$1"
}

families=$(awk -F'\t' '
	NR == 1 { for (i = 1; i <= NF; i++) if ($i == "family") c = i
		if (!c) { print FILENAME ": no column '\''family'\''" > "/dev/stderr"; exit 1 }
		next }
	/^#/ || $c == "" { next }
	!seen[$c]++ { print $c }' "$plan")
[ -n "$families" ] || { echo "families.sh: $plan: no family" >&2; exit 1; }

printf 'family\tfile\ttitle\n'
while IFS= read -r fam; do
	file=$(lookup "$files" "$fam")
	[ -n "$file" ] || file=family-$(printf '%s' "$fam" | tr -c 'A-Za-z0-9_.-' '_')
	title=$(lookup "$titles" "$fam")
	[ -n "$title" ] || title="Hypotheses of the family $fam (p* Benjamini-Hochberg within the family)"
	"$report" -H "$plan" -f "$fam" --effect --caption "$title" -o "$dir/$file.md" "$tests"
	printf '%s\t%s\t%s\n' "$fam" "$file.md" "$title"
done <<<"$families"
