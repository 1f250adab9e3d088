#!/bin/sh
# Golden files of test/15-import.bats and test/16-export.bats (run from the
# repository root after `make`, as make refs does; needs pspp and python3).
#   survey.tsv           PSPP's own reading of survey.sav (expected.sps: SAVE
#                        TRANSLATE to CSV), made svy's TSV by the Python below:
#                        numbers in their shortest form, mm/dd/yyyy [hh:mm:ss]
#                        as ISO 8601, TSV escapes. What svy-import must write.
#   survey.codebook.tsv  svy's own: svy-import --codebook on survey.sav, checked
#                        by eye against survey.sps; rewritten only with OWN=1.
# survey.sav and survey.zsav are inputs, written by PSPP from survey.sps:
#   cd test/data/sav && LC_ALL=C.UTF-8 pspp survey.sps
set -eu
# PSPP reads syntax in the locale's encoding (in C, non-ASCII text becomes ?)
export LC_ALL=C.UTF-8
import=$PWD/bin/import
cd test/data/sav
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pspp expected.sps >/dev/null
python3 - <<'PY'
import csv, re

def number(s):
    x = float(s)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)

def cell(s):
    if s.strip() == "":
        return ""
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})( (\d\d:\d\d:\d\d))?", s)
    if m:
        iso = f"{m[3]}-{m[1]}-{m[2]}"
        return iso + "T" + m[5] if m[5] else iso
    if re.fullmatch(r"-?\d+(\.\d+)?", s):
        return number(s)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

with open("survey.pspp.csv", newline="", encoding="utf-8") as f, \
     open("survey.tsv", "w", encoding="utf-8") as out:
    for row in csv.reader(f):
        out.write("\t".join(cell(c) for c in row) + "\n")
PY
rm -f survey.pspp.csv
# svy's own: rewritten only when asked (make refs OWN=1), else only compared
"$import" -q --codebook "$tmp/survey.codebook.tsv" survey.sav >/dev/null
if [ -n "${OWN:-}" ]; then
	cp "$tmp/survey.codebook.tsv" survey.codebook.tsv
	echo "OWN=1: rewrote test/data/sav/survey.codebook.tsv (svy's own: check the diff by eye)"
elif ! cmp -s "$tmp/survey.codebook.tsv" survey.codebook.tsv; then
	echo "note: svy-import now drafts test/data/sav/survey.codebook.tsv otherwise; left as it is (make refs OWN=1 rewrites it)"
fi
