#!/usr/bin/python3
"""Check that svy, the Python script and the R script computed the same numbers.

usage: agree.py SVY_BUILD_DIR PYTHON.tsv R.tsv [LABEL]

Reads svy's key numbers from the study's build directory (clean.tsv,
factor-summary.tsv, score-summary.tsv, tests.tsv, inertia.tsv) and the
statistic/value tables the scripts print; prints one line per number and
exits 1 when any differs by more than the tolerance: counts exactly, every
other number 1e-6 relative (with 1e-300 absolute for p-values that
underflow). Exit 2 when a file or a number is missing.
"""
import csv
import math
import os
import sys

REL = 1e-6
COUNTS = {"complete", "practitioners", "items_retained"}
TESTS = ["H.1.1", "H.1.2", "H.1.3", "H.1.4", "H.1.5", "H.1.6"]


def table(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def pairs(path):
    return {r["statistic"]: r["value"] for r in table(path)}


def svy_numbers(b):
    """The key numbers as svy's study wrote them."""
    with open(os.path.join(b, "clean.tsv"), "rb") as f:
        complete = sum(1 for _ in f) - 1
    fs = pairs(os.path.join(b, "factor-summary.tsv"))
    ss = pairs(os.path.join(b, "score-summary.tsv"))
    tests = {r["id"]: r for r in table(os.path.join(b, "tests.tsv"))}
    inertia = {r["k"]: r["inertia"] for r in table(os.path.join(b, "inertia.tsv"))}
    out = {"complete": str(complete), "practitioners": ss["rows"],
           "kmo": fs["kmo"], "bartlett_chi2": fs["bartlett_chi2"],
           "items_retained": fs["items_retained"], "alpha": fs["alpha"],
           "awareness_q1": ss["q1_awareness"], "awareness_median": ss["median_awareness"],
           "awareness_q3": ss["q3_awareness"], "kmeans3_inertia": inertia["3"]}
    for h in TESTS:
        out["p_" + h] = tests[h]["p"]
    for h in TESTS:
        out["p_adj_" + h] = tests[h]["p_adj"]
    return out


def differs(name, a, b):
    """Relative difference of b from a (0 when equal), inf when not comparable."""
    if name in COUNTS:
        return 0.0 if int(a) == int(b) else math.inf
    x, y = float(a), float(b)
    if x == y:
        return 0.0
    if not (math.isfinite(x) and math.isfinite(y)):
        return math.inf
    if abs(x - y) <= 1e-300:
        return 0.0
    return abs(x - y) / max(abs(x), abs(y))


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: agree.py SVY_BUILD_DIR PYTHON.tsv R.tsv [LABEL]")
    label = sys.argv[4] if len(sys.argv) > 4 else ""
    try:
        svy = svy_numbers(sys.argv[1])
        py, r = pairs(sys.argv[2]), pairs(sys.argv[3])
    except (OSError, KeyError) as e:
        print(f"agree.py: {label}: cannot read the numbers: {e}", file=sys.stderr)
        sys.exit(2)
    bad = 0
    print(f"{'statistic':<18} {'svy':>24} {'Python':>24} {'R':>24}  max rel diff")
    for name, mine in svy.items():
        if name not in py or name not in r:
            print(f"agree.py: {label}: {name} missing from a script's output", file=sys.stderr)
            sys.exit(2)
        d = max(differs(name, mine, py[name]), differs(name, mine, r[name]))
        ok = d <= REL
        bad += not ok
        print(f"{name:<18} {mine:>24} {py[name]:>24} {r[name]:>24}  {d:.1e}"
              + ("" if ok else f"  DIFFERS (tolerance {REL:g})"))
    verdict = "agree" if not bad else f"{bad} numbers DIFFER"
    print(f"{label}: svy, Python and R {verdict} (counts exact, others within {REL:g} relative)")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
