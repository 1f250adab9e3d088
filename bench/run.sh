#!/bin/bash
# make bench: svy's study and each of its tools on simulated exports of
# 1,000, 100,000 and 1,000,000 respondents, against the same study written in
# Python (bench/study.py) and R (bench/study.R), and the streaming tools
# against Miller. Checks first that the three compute the same numbers
# (bench/agree.py), then prints the table of median times (bench/table.py),
# the study's critical path (bench/critpath.sh) and factor against psych
# (bench/factor.sh). See bench/README.md.
#
# Environment: BINDIR (the tools, default bin), BENCH_DIR (work files, default
# obj/bench: about 1.5 GB for the largest size), BENCH_SIZES (default
# "1000 100000 1000000"), BENCH_REPS (runs per measurement, default 5),
# BENCH_REPS_BIG (runs on sizes of 1,000,000 and more, default 3),
# BENCH_SMOKE=1 (make bench-smoke, part of make check: every script and
# option once at a tiny size, in seconds; Python, R and Miller used where
# installed and skipped with a note where not, never installed).
set -euo pipefail
cd "$(dirname "$0")/.."
unset MAKEFLAGS MFLAGS MAKELEVEL   # under make bench: the study's make is our own

SMOKE=${BENCH_SMOKE:-}
BINDIR=${BINDIR:-bin}
WORK=${BENCH_DIR:-obj/bench}
if [ -n "$SMOKE" ]; then
    SIZES=${BENCH_SIZES:-1000}
    REPS=${BENCH_REPS:-1}
    export FACTOR_SIZES=${FACTOR_SIZES:-20} FACTOR_REPS=${FACTOR_REPS:-1} FACTOR_ROWS=${FACTOR_ROWS:-200}
else
    SIZES=${BENCH_SIZES:-"1000 100000 1000000"}
    REPS=${BENCH_REPS:-5}
fi
REPS_BIG=${BENCH_REPS_BIG:-3}
PY=${BENCH_PYTHON:-/usr/bin/python3}   # BENCH_PYTHON: another (or none, to test the notes)
CODEBOOK=fixtures/codebook.tsv
HYPOTHESES=pipelines/studies/awareness/hypotheses.tsv
TOOLS="simulate clean filter-students encode-likert derive factor score test-hypothesis
       bh-correct report tally cluster kappa model"

say() { printf '%s\n' "$*" >&2; }

# ---- dependencies: Debian's packages, installed when missing (as root) ----
# (the smoke run installs nothing: what is missing is skipped, with a note)
missing=()
for m in pandas:python3-pandas scipy:python3-scipy statsmodels:python3-statsmodels \
         sklearn:python3-sklearn; do
    $PY -c "import ${m%%:*}" 2>/dev/null || missing+=("${m#*:}")
done
if ! command -v Rscript >/dev/null; then missing+=(r-base-core r-cran-psych r-cran-gparotation)
else
    Rscript -e 'library(psych)' >/dev/null 2>&1 || missing+=(r-cran-psych)
    # factor against psych: fa()'s oblimin is GPArotation's
    Rscript -e 'library(GPArotation)' >/dev/null 2>&1 || missing+=(r-cran-gparotation)
fi
command -v mlr >/dev/null || missing+=(miller)
if [ ${#missing[@]} -gt 0 ] && [ -z "$SMOKE" ]; then
    if [ "$(id -u)" = 0 ]; then
        say "bench: apt-get install ${missing[*]}"
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            "${missing[@]}" >/dev/null
    else
        say "bench: needs Debian packages; run:  sudo apt-get install ${missing[*]}"
        exit 1
    fi
fi
HAVE_PY=; HAVE_R=; HAVE_MLR=; HAVE_GPA=
$PY -c 'import pandas, scipy, statsmodels, sklearn' 2>/dev/null && HAVE_PY=1
command -v Rscript >/dev/null && Rscript -e 'library(psych)' >/dev/null 2>&1 && HAVE_R=1
[ -n "$HAVE_R" ] && Rscript -e 'library(GPArotation)' >/dev/null 2>&1 && HAVE_GPA=1
command -v mlr >/dev/null && HAVE_MLR=1
NOTES=()
[ -n "$HAVE_PY" ] || NOTES+=("Python (pandas, scipy, statsmodels, scikit-learn) is not installed: its study, the agreement check and the table are skipped")
[ -n "$HAVE_R" ] || NOTES+=("R with psych is not installed: its study, the agreement check and factor against psych are skipped")
[ -n "$HAVE_PY" ] || [ -z "$HAVE_R" ] || NOTES+=("factor against psych needs Python's numpy for its data: skipped")
[ -z "$HAVE_R" ] || [ -n "$HAVE_GPA" ] || NOTES+=("factor against psych needs R's GPArotation (psych's oblimin): skipped")
[ -n "$HAVE_MLR" ] || NOTES+=("Miller (mlr) is not installed: its rows are skipped")
for note in "${NOTES[@]}"; do say "bench: note: $note"; done

# ---- the tools, frozen: a rebuild during the run does not change them ----
mkdir -p "$WORK/bin"
for t in $TOOLS; do
    [ -x "$BINDIR/$t" ] || { say "bench: $BINDIR/$t missing: run make first"; exit 1; }
    cp -f "$BINDIR/$t" "$WORK/bin/$t"
done
S=$(cd "$WORK/bin" && pwd)
${CC:-cc} -O2 -o "$WORK/timerun" bench/timerun.c
W=$(cd "$WORK" && pwd)
RAW=$W/times.tsv        # size, step, impl, rep, seconds, peak RSS (KB), input bytes, CPU s
printf 'size\tstep\timpl\trep\tseconds\trss_kb\tbytes\tcpu\n' >"$RAW"

# the study as `make study-outputs` runs it, with the frozen tools: -o keeps
# make from rebuilding them (the peak RSS is then the largest tool's); as
# many jobs as cores, as `make study` and `svy study` run it
STUDY=(make -f pipelines/study/main.mk -s --no-print-directory -j"$(nproc 2>/dev/null || echo 1)"
       BINDIR="$S" OBJDIR="$W/no-obj")
for t in $TOOLS; do STUDY+=(-o "$S/$t"); done
# the analysis: study-outputs less the figures and report.md, the work the
# Python and R scripts do (and more: tables, RQ2, the elbow, kappa), and not
# the reference study's parallel analysis, omega and bootstrap intervals,
# which the scripts do not compute: FA_OPTIONS empty, the plan's kruskal and
# friedman lines with --boot 0 (no interval). `study + figures` is the
# reference study whole.
mkdir -p "$W/plan"
cp "$(dirname "$HYPOTHESES")"/*.txt "$W/plan/" 2>/dev/null || :
awk -F'\t' 'BEGIN { OFS = "\t" }
    NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "test") t = i; if ($i == "options") o = i }
              print; next }
    $t == "kruskal" || $t == "friedman" { $o = $o ($o == "" ? "" : " ") "--boot 0" }
    { print }' "$HYPOTHESES" >"$W/plan/hypotheses.tsv"
SCRIPTS_SCOPE=(FA_OPTIONS= HYPOTHESES="$W/plan/hypotheses.tsv")
analysis_targets() {   # B EXPORT
    "${STUDY[@]}" -pq EXPORT="$2" B="$1" "${SCRIPTS_SCOPE[@]}" study-outputs 2>/dev/null |
        sed -n 's/^study-outputs: //p' | tr ' ' '\n' | grep -v -e 'figures\.stamp$' -e 'report\.md$' |
        grep .
}

# measure SIZE STEP IMPL REPS BYTES CMD...: run CMD REPS times, timed by
# bench/timerun.c (wall seconds, peak RSS and CPU seconds as GNU time's %e %M
# %U+%S, but to the microsecond); its stdin is $IN, its stdout goes to $OUT (default /dev/null)
measure() {
    "$W/timerun" "$4" "${IN:-/dev/null}" "${OUT:-/dev/null}" "$W/err.tmp" "${@:6}" >"$W/time.tmp" || {
        say "bench: failed: ${*:6}"; tail -20 "$W/err.tmp" >&2; exit 1; }
    awk -v n="$1" -v step="$2" -v impl="$3" -v b="$5" 'BEGIN { OFS = "\t" }
        { print n, step, impl, NR, $1, $2, b, $3 }' "$W/time.tmp" >>"$RAW"
}
bytes() { stat -c %s "$1"; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# the critical path of the study on the largest size, printed at the end
CRIT_SIZE=${SIZES##* }
agreement=0
for n in $SIZES; do
    reps=$REPS; [ "$n" -ge 1000000 ] && reps=$REPS_BIG
    X=$W/export-$n.csv
    say "bench: $n respondents: simulate"
    OUT=$X measure "$n" simulate svy 1 0 "$S/simulate" --respondents "$n"
    xb=$(bytes "$X")

    say "bench: $n respondents: the whole study, $reps runs each of svy${HAVE_PY:+, Python}${HAVE_R:+, R}"
    B=$W/svy-$n
    mapfile -t ANALYSIS < <(analysis_targets "$B" "$X")
    for ((i = 1; i <= reps; i++)); do
        # (the smoke run draws the figures once, for the critical path)
        if [ -z "$SMOKE" ]; then
            rm -rf "$B"
            measure "$n" "study + figures" svy 1 "$xb" "${STUDY[@]}" EXPORT="$X" B="$B" study-outputs
        fi
        rm -rf "$B"
        measure "$n" study svy 1 "$xb" "${STUDY[@]}" EXPORT="$X" B="$B" "${SCRIPTS_SCOPE[@]}" \
            "${ANALYSIS[@]}"
        if [ -n "$HAVE_PY" ]; then
            OUT=$W/py-$n.tsv measure "$n" study python 1 "$xb" \
                $PY bench/study.py "$X" "$CODEBOOK" "$W/py-steps.tmp"
            awk -v n="$n" -v i="$i" -v b="$xb" 'BEGIN { OFS = "\t" }
                { print n, $1, "python", i, $2, "", b }' "$W/py-steps.tmp" >>"$RAW"
        fi
        if [ -n "$HAVE_R" ]; then
            OUT=$W/r-$n.tsv measure "$n" study R 1 "$xb" \
                Rscript bench/study.R "$X" "$CODEBOOK" "$W/r-steps.tmp"
            awk -v n="$n" -v i="$i" -v b="$xb" 'BEGIN { OFS = "\t" }
                { print n, $1, "R", i, $2, "", b }' "$W/r-steps.tmp" >>"$RAW"
        fi
    done
    if [ -n "$HAVE_PY" ] && [ -n "$HAVE_R" ]; then
        $PY bench/agree.py "$B" "$W/py-$n.tsv" "$W/r-$n.tsv" "$n respondents" \
            >"$W/agree-$n.txt" || agreement=1
    else
        echo "$n respondents: agreement not checked (Python or R not installed)" >"$W/agree-$n.txt"
    fi
    if [ "$n" = "$CRIT_SIZE" ]; then
        say "bench: $n respondents: the study's critical path"
        rm -rf "$B"
        bench/critpath.sh "${STUDY[@]}" EXPORT="$X" B="$B" study-outputs >"$W/critpath.md"
    fi

    say "bench: $n respondents: each tool, $reps runs"
    # the study's intermediate files are the tools' inputs
    "$S/encode-likert" -q --codebook "$CODEBOOK" "$B/practitioners.tsv" >"$W/encoded-$n.tsv"
    "$S/test-hypothesis" -q --plan "$W/plan/hypotheses.tsv" -i "$B/scored.tsv" >"$W/tests-$n.tsv" 2>/dev/null
    grep -E '^(column|method_)' "$B/familiarity.tsv" >"$W/methods-$n.tsv"
    measure "$n" clean svy "$reps" "$xb" "$S/clean" -q "$X"
    measure "$n" "clean --rejects" svy "$reps" "$xb" "$S/clean" -q --rejects "$W/rejects.tmp" "$X"
    measure "$n" filter-students svy "$reps" "$(bytes "$B/clean.tsv")" \
        "$S/filter-students" -q "$B/clean.tsv"
    if [ -n "$HAVE_MLR" ]; then
        # Miller doing the same: the CSV export to TSV; the students dropped
        measure "$n" clean miller "$reps" "$xb" mlr --icsv --otsv --allow-ragged-csv-input cat "$X"
        measure "$n" filter-students miller "$reps" "$(bytes "$B/clean.tsv")" \
            mlr --tsv filter '$Q3 != "I am a student."' "$B/clean.tsv"
    fi
    measure "$n" encode-likert svy "$reps" "$(bytes "$B/practitioners.tsv")" \
        "$S/encode-likert" -q --codebook "$CODEBOOK" "$B/practitioners.tsv"
    measure "$n" derive svy "$reps" "$(bytes "$W/encoded-$n.tsv")" \
        "$S/derive" -q --any ml_developer=task_custom_apps,task_tools_from_scratch "$W/encoded-$n.tsv"
    IN=$B/encoded.tsv measure "$n" factor svy "$reps" "$(bytes "$B/encoded.tsv")" \
        "$S/factor" -q -c 'attack_*,method_*' --threshold 0.45 --refit \
        --summary /dev/null --eigenvalues /dev/null
    measure "$n" score svy "$reps" "$(bytes "$B/encoded.tsv")" \
        "$S/score" -q --model "$B/model.tsv" --name awareness --normalize minmax \
        --summary /dev/null "$B/encoded.tsv"
    measure "$n" test-hypothesis svy "$reps" "$(bytes "$B/scored.tsv")" \
        "$S/test-hypothesis" -q --plan "$W/plan/hypotheses.tsv" -i "$B/scored.tsv"
    measure "$n" bh-correct svy "$reps" "$(bytes "$W/tests-$n.tsv")" "$S/bh-correct" -q "$W/tests-$n.tsv"
    measure "$n" report svy "$reps" "$(bytes "$B/tests.tsv")" \
        "$S/report" -H "$HYPOTHESES" -f RQ1 --effect "$B/tests.tsv"
    measure "$n" tally svy "$reps" "$(bytes "$B/encoded.tsv")" \
        "$S/tally" -q --wide --levels 0,1,2 -i "$B/encoded.tsv" -c 'attack_*' -c 'method_*' -c 'lib_*'
    measure "$n" cluster svy "$reps" "$(bytes "$W/methods-$n.tsv")" \
        "$S/cluster" -q -c 'share_*' --elbow 8 --seed 1 "$W/methods-$n.tsv"
    measure "$n" kappa svy "$reps" "$(bytes fixtures/coders.tsv)" \
        "$S/kappa" -q -c coder_a,coder_b -i fixtures/coders.tsv
    rm -f "$W/rejects.tmp" "$W/encoded-$n.tsv"
done

{
echo "## Machine"
echo
echo "- $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//');" \
     "memory $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo);" \
     "load average before the run $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(uname -sr); $(${CC:-cc} --version | head -1); svy $(cat VERSION) (-O2)"
[ -z "$HAVE_PY" ] || echo "- $($PY -c 'import sys, pandas, scipy, statsmodels, sklearn, numpy as np
print("Python %s, pandas %s, numpy %s, scipy %s, statsmodels %s, scikit-learn %s" % (
    sys.version.split()[0], pandas.__version__, np.__version__, scipy.__version__,
    statsmodels.__version__, sklearn.__version__))')"
[ -z "$HAVE_R" ] || echo "- $(Rscript -e 'cat(R.version.string, ", psych ", as.character(packageVersion("psych")), sep = "")' 2>/dev/null)"
[ -z "$HAVE_MLR" ] || echo "- $(mlr --version)"
for note in "${NOTES[@]}"; do echo "- note: $note"; done
echo
[ -z "$SMOKE" ] || echo "- a smoke run (BENCH_SMOKE=1): every script and option once at a tiny size; its times and targets say nothing"
echo
echo "## Agreement: svy, Python and R on the same exports"
echo
for n in $SIZES; do echo '```'; cat "$W/agree-$n.txt"; echo '```'; done
if [ "$agreement" != 0 ]; then
    say "bench: the three implementations do not agree (above): no times printed"
    exit 1
fi
echo
# factor's fit against psych (bench/factor.sh): its ratios join the table
if [ -n "$HAVE_R" ] && [ -n "$HAVE_GPA" ] && [ -n "$HAVE_PY" ]; then
    BINDIR=$BINDIR BENCH_DIR=$WORK PY=$PY bench/factor.sh >"$W/factor.md"
else
    echo "(factor against psych skipped: it needs R with psych and GPArotation, and Python's numpy)" >"$W/factor.md"
fi
if [ -n "$HAVE_PY" ]; then
    $PY bench/table.py "$RAW" "$W/factor/ratios.tsv"
else
    echo "(the table of times skipped: Python is not installed; the raw times are in $RAW)"
fi
echo
echo "## The study's critical path ($CRIT_SIZE respondents, every recipe free to start)"
echo
cat "$W/critpath.md"
echo
echo "## factor against psych fa(), $(echo ${FACTOR_SIZES:-50 100 200 400} | sed 's/ /, /g') items"
echo
cat "$W/factor.md"
} | tee "$W/results.md"
