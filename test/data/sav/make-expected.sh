#!/bin/sh
# Remake the inputs and the golden files of test/15-import.bats and
# test/16-export.bats (run from the top of the repository; needs pspp and
# python3).
#   survey.sav, survey.zsav  written by PSPP from survey.sps (the data typed in)
#   survey.tsv               PSPP's own reading of survey.sav (expected.sps:
#                            SAVE TRANSLATE to CSV), turned into svy's TSV by
#                            the Python below: numbers in their shortest form,
#                            mm/dd/yyyy [hh:mm:ss] as ISO 8601, TSV escapes.
#                            It is what svy-import must write.
#   survey.codebook.tsv      svy-import --codebook on survey.sav, checked by
#                            hand against the VALUE LABELS, MISSING VALUES and
#                            VARIABLE LABELS of survey.sps.
set -eu
# PSPP reads the syntax in the locale's encoding (in C, non-ASCII text becomes ?)
export LC_ALL=C.UTF-8
cd "$(dirname "$0")"
pspp survey.sps >/dev/null
pspp expected.sps >/dev/null
python3 - <<'PY'
import csv, re

def number(s):
    x = float(s)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)

def cell(s):
    s = s.strip() if s.strip() == "" else s
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
../../../bin/import -q --codebook survey.codebook.tsv survey.sav >/dev/null
