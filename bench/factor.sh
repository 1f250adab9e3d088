#!/bin/bash
# bench/factor.sh: svy factor against R psych fa() on 50, 100, 200 and 400
# generated items (5 correlated factors, 1,000 rows; bench/factor-data.py),
# 5 factors, minres, varimax. Checks first that the unrotated loadings agree
# to 1e-5, then prints a Markdown table of median wall and CPU seconds over
# REPS runs of the whole process (svy factor; Rscript bench/factor.R, which
# also reports the seconds of fa() alone). Run by make bench after run.sh,
# or alone:  bench/factor.sh
#
# Environment: BINDIR (default bin), BENCH_DIR (default obj/bench),
# FACTOR_SIZES (default "50 100 200 400"), FACTOR_REPS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
BINDIR=${BINDIR:-bin}
W=${BENCH_DIR:-obj/bench}/factor
SIZES=${FACTOR_SIZES:-"50 100 200 400"}
REPS=${FACTOR_REPS:-3}
mkdir -p "$W"
${CC:-cc} -O2 -o "$W/timerun" bench/timerun.c
cp -f "$BINDIR/factor" "$W/factor"

# median of the first field ($1) or of field F of stdin's lines
median() { sort -g -k"${1:-1},${1:-1}" | awk -v f="${1:-1}" '{ v[NR] = $f }
    END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| items | svy wall s | svy CPU s | R wall s | R CPU s | psych fa() s | svy / R (CPU) | max loading difference |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
status=0
for p in $SIZES; do
    d=$W/items-$p.tsv
    [ -s "$d" ] || /usr/bin/python3 bench/factor-data.py "$p" 1000 "$p" > "$d"
    # agreement: unrotated loadings, svy against psych
    "$W/factor" -q -k 5 --rotate none -c 'i*' < "$d" | cut -f1-6 > "$W/svy-$p.tsv"
    Rscript bench/factor.R "$d" "$W/r-$p.tsv" none > /dev/null
    diff=$(paste "$W/svy-$p.tsv" "$W/r-$p.tsv" | awk -F'\t' 'NR > 1 {
        for (j = 2; j <= 6; j++) { x = $j - $(j + 6); if (x < 0) x = -x; if (x > m) m = x } }
        END { printf "%.1e", m }')
    awk -v m="$diff" 'BEGIN { exit !(m <= 1e-5) }' || status=1
    "$W/timerun" "$REPS" "$d" /dev/null /dev/null "$W/factor" -q -k 5 --rotate varimax -c 'i*' > "$W/svy-$p.times"
    "$W/timerun" "$REPS" /dev/null "$W/r-$p.out" /dev/null \
        Rscript bench/factor.R "$d" "$W/rv-$p.tsv" varimax > "$W/r-$p.times"
    for i in $(seq "$REPS"); do Rscript bench/factor.R "$d" "$W/rv-$p.tsv" varimax; done \
        > "$W/fa-$p.times"
    sw=$(median 1 < "$W/svy-$p.times"); sc=$(median 3 < "$W/svy-$p.times")
    rw=$(median 1 < "$W/r-$p.times"); rc=$(median 3 < "$W/r-$p.times")
    fa=$(median 1 < "$W/fa-$p.times")
    printf '| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %s |\n' "$p" "$sw" "$sc" "$rw" "$rc" \
        "$fa" "$(awk -v a="$sc" -v b="$rc" 'BEGIN { print a / b }')" "$diff"
done
if [ "$status" != 0 ]; then
    echo "bench/factor.sh: svy's and psych's loadings differ by more than 1e-5" >&2
    exit 1
fi
