#!/bin/sh
# Expected results for the real exports in ../shared/data, from Python's csv
# module (reference.py). Run from the repository root:
#   sh test/data/clean/make-expected.sh > test/data/clean/real-exports.expected
set -eu
D=../shared/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unzip -p "$D/kaggle-mlds-2017/multipleChoiceResponses.zip" > "$tmp/kaggle.csv"
printf 'digital-twins-english\t%s\n' "$(/usr/bin/python3 test/data/clean/reference.py "$D/digital-twins-automotive/results_english.csv" ';' strict)"
printf 'digital-twins-german\t%s\n' "$(/usr/bin/python3 test/data/clean/reference.py "$D/digital-twins-automotive/results_german.csv" ';' strict)"
printf 'kaggle-replace\t%s\n' "$(/usr/bin/python3 test/data/clean/reference.py "$tmp/kaggle.csv" ',' replace)"
