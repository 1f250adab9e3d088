#!/bin/sh
# R haven's reading of what svy export writes. svy.sav, svy.zsav and svy.dta
# are svy's own (svy export of test/data/sav/survey.tsv with its codebook at a
# fixed SOURCE_DATE_EPOCH, so the same bytes on every run; test/16-export.bats
# checks that today's export still writes them): rewritten only with OWN=1,
# else compared. svy.*.haven.tsv: R haven's reading of each (haven.R; haven
# 2.5.1 as Debian 12 packages it).
# Run from the repository root after make:  sh test/data/sav-haven/make-expected.sh
set -eu
D=test/data/sav-haven
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in sav zsav dta; do
	SOURCE_DATE_EPOCH=1767225600 bin/export -q -b test/data/sav/survey.codebook.tsv \
		-o "$tmp/svy.$f" test/data/sav/survey.tsv
	if [ -n "${OWN:-}" ]; then
		cp "$tmp/svy.$f" "$D/svy.$f"
		echo "OWN=1: rewrote $D/svy.$f (svy's own: haven's reading below is its check)"
	elif ! cmp -s "$tmp/svy.$f" "$D/svy.$f"; then
		echo "note: svy export now writes $D/svy.$f otherwise; left as it is (make refs OWN=1 rewrites it)"
	fi
	Rscript "$D/haven.R" "$D/svy.$f" >"$D/svy.$f.haven.tsv"
done
