#!/bin/bash
# bench/factor.sh: svy factor against R psych fa() on 50, 100, 200 and 400
# generated items (5 correlated factors, 1,000 rows; bench/factor-data.py),
# 5 factors, minres and ml, oblimin. Checks first that the two fit the same:
# minres's unrotated loadings agree to 1e-5; ml's optimum is psych's or
# better (svy's psych_objective at most psych's objective + 1e-6: svy's
# starts may find a better one). Then prints a Markdown table of median wall
# and CPU seconds over REPS runs of the whole process (svy factor; Rscript
# bench/factor.R, which also reports the seconds of fa() alone), and writes
# the ratios psych fa() / svy to $W/ratios.tsv for bench/table.py: by CPU
# seconds (user + system), steadier than wall time on a shared machine.
# Run by make bench after run.sh, or alone:  bench/factor.sh
#
# Environment: BINDIR (default bin), BENCH_DIR (default obj/bench),
# FACTOR_SIZES (default "50 100 200 400"), FACTOR_METHODS (default
# "minres ml"), FACTOR_ROWS (default 1000), FACTOR_REPS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
BINDIR=${BINDIR:-bin}
W=${BENCH_DIR:-obj/bench}/factor
SIZES=${FACTOR_SIZES:-"50 100 200 400"}
METHODS=${FACTOR_METHODS:-"minres ml"}
ROWS=${FACTOR_ROWS:-1000}
REPS=${FACTOR_REPS:-3}
mkdir -p "$W"
${CC:-cc} -O2 -o "$W/timerun" bench/timerun.c
cp -f "$BINDIR/factor" "$W/factor"

# median of the first field ($1) or of field F of stdin's lines
median() { sort -g -k"${1:-1},${1:-1}" | awk -v f="${1:-1}" '{ v[NR] = $f }
    END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "| method | items | svy wall s | svy CPU s | R wall s | R CPU s | psych fa() wall s | psych fa() CPU s | psych fa() / svy (CPU) | agreement |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
printf 'method\titems\tsvy_cpu\tpsych_fa_cpu\n' >"$W/ratios.tsv"
status=0
for m in $METHODS; do
for p in $SIZES; do
    d=$W/items-$p-$ROWS.tsv
    [ -s "$d" ] || "${PY:-/usr/bin/python3}" bench/factor-data.py "$p" "$ROWS" "$p" > "$d"
    # agreement, unrotated: minres's loadings; ml's optimum
    "$W/factor" -q -k 5 -m "$m" --rotate none -c 'i*' --summary "$W/svy-$m-$p.sum" < "$d" 2>/dev/null |
        cut -f1-6 > "$W/svy-$m-$p.tsv"
    Rscript bench/factor.R "$d" "$W/r-$m-$p.tsv" none "$m" > "$W/r-$m-$p.fit"
    if [ "$m" = minres ]; then
        diff=$(paste "$W/svy-$m-$p.tsv" "$W/r-$m-$p.tsv" | awk -F'\t' 'NR > 1 {
            for (j = 2; j <= 6; j++) { x = $j - $(j + 6); if (x < 0) x = -x; if (x > m) m = x } }
            END { printf "%.1e", m }')
        agree="loadings differ by $diff"
        awk -v m="$diff" 'BEGIN { exit !(m <= 1e-5) }' || { status=1; agree="$agree: MORE THAN 1e-5"; }
    else
        mine=$(awk -F'\t' '$1 == "psych_objective" { print $2 }' "$W/svy-$m-$p.sum")
        theirs=$(cut -f2 "$W/r-$m-$p.fit")
        agree=$(awk -v a="$mine" -v b="$theirs" 'BEGIN { printf "objective %.8g, psych %.8g", a, b }')
        awk -v a="$mine" -v b="$theirs" 'BEGIN { exit !(a <= b + 1e-6) }' ||
            { status=1; agree="$agree: WORSE THAN PSYCH'S"; }
    fi
    "$W/timerun" "$REPS" "$d" /dev/null /dev/null "$W/factor" -q -k 5 -m "$m" --rotate oblimin -c 'i*' \
        > "$W/svy-$m-$p.times"
    "$W/timerun" "$REPS" /dev/null "$W/r-$m-$p.out" /dev/null \
        Rscript bench/factor.R "$d" "$W/rv-$m-$p.tsv" oblimin "$m" > "$W/r-$m-$p.times"
    # fa()'s own seconds: of the run just timed, and of REPS - 1 more
    cut -f1,3 "$W/r-$m-$p.out" > "$W/fa-$m-$p.times"
    for ((i = 1; i < REPS; i++)); do Rscript bench/factor.R "$d" "$W/rv-$m-$p.tsv" oblimin "$m"; done \
        | cut -f1,3 >> "$W/fa-$m-$p.times"
    sw=$(median 1 < "$W/svy-$m-$p.times"); sc=$(median 3 < "$W/svy-$m-$p.times")
    rw=$(median 1 < "$W/r-$m-$p.times"); rc=$(median 3 < "$W/r-$m-$p.times")
    fa=$(median 1 < "$W/fa-$m-$p.times"); fc=$(median 2 < "$W/fa-$m-$p.times")
    printf '| %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %s |\n' "$m" "$p" "$sw" "$sc" \
        "$rw" "$rc" "$fa" "$fc" "$(awk -v a="$fc" -v b="$sc" 'BEGIN { print (b > 0 ? a / b : 0) }')" "$agree"
    printf '%s\t%s\t%s\t%s\n' "$m" "$p" "$sc" "$fc" >>"$W/ratios.tsv"
done
done
if [ "$status" != 0 ]; then
    echo "bench/factor.sh: svy's and psych's fits differ (above)" >&2
    exit 1
fi
