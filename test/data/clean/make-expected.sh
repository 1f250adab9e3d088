#!/bin/sh
# Expected results for the real exports vendored in fixtures/ (digital-twins
# automotive, Kaggle 2017), from Python's csv module (reference.py). Run from
# the repository root (make refs does):  sh test/data/clean/make-expected.sh
# writes test/data/clean/real-exports.expected.
set -eu
D=fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ref() { /usr/bin/python3 test/data/clean/reference.py "$@"; }
unzip -p "$D/kaggle-mlds-2017/multipleChoiceResponses.zip" > "$tmp/kaggle.csv"
{
	printf 'digital-twins-english\t%s\n' "$(ref "$D/digital-twins-automotive/results_english.csv" ';' strict)"
	printf 'digital-twins-german\t%s\n' "$(ref "$D/digital-twins-automotive/results_german.csv" ';' strict)"
	printf 'kaggle-replace\t%s\n' "$(ref "$tmp/kaggle.csv" ',' replace)"
} > "$tmp/expected"
mv "$tmp/expected" test/data/clean/real-exports.expected
