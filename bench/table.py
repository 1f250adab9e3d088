#!/usr/bin/python3
"""The benchmark's table from the raw measurements of bench/run.sh.

usage: table.py TIMES.tsv [FACTOR-RATIOS.tsv]

TIMES.tsv: size, step, impl (svy, python, R, miller), rep, seconds, rss_kb,
bytes, cpu. FACTOR-RATIOS.tsv (bench/factor.sh): method, items, svy_cpu,
psych_fa_cpu (CPU seconds). Prints Markdown: per size and step the median seconds of svy,
Python, R and Miller, the ratios to svy, svy's median peak RSS, and MB/s
(input bytes / median seconds, 1 MB = 10^6 bytes) for the streaming tools;
factor against psych fa(); then the targets (issue 27), met or missed.
"""
import csv
import statistics
import sys
from collections import defaultdict

STREAMING = ["clean", "clean --rejects", "filter-students", "encode-likert", "derive", "score"]
IN_MEMORY = ["factor", "score", "test-hypothesis", "cluster"]
# svy step -> the Python/R step doing the same work (their step includes the
# work of the svy tools named in the note)
SCRIPT_STEP = {"study": "study", "clean --rejects": "clean", "filter-students": "filter-students",
               "encode-likert": "encode-likert", "factor": "factor", "score": "score",
               "test-hypothesis": "test-hypothesis", "cluster": "cluster"}
ORDER = ["study", "study + figures", "startup", "simulate", "clean", "clean --rejects", "filter-students",
         "encode-likert", "derive", "factor", "score", "test-hypothesis", "bh-correct",
         "report", "tally", "cluster", "kappa"]


def fmt_s(x):
    if x is None:
        return ""
    if x < 0.1:
        return f"{x:.4f}"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_ratio(a, b):
    if a is None or b is None:
        return ""
    return f"{a / b:.1f}" if b > 0 else ""


def main():
    t = defaultdict(list)      # (size, step, impl) -> seconds
    rss = defaultdict(list)    # (size, step, impl) -> KB
    cpu = defaultdict(list)    # (size, step, impl) -> CPU seconds (user + system)
    nbytes = {}                # (size, step) -> input bytes
    sizes = []
    with open(sys.argv[1], newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            size = int(r["size"])
            if size not in sizes:
                sizes.append(size)
            t[size, r["step"], r["impl"]].append(float(r["seconds"]))
            if r["rss_kb"]:
                rss[size, r["step"], r["impl"]].append(int(r["rss_kb"]))
            if r.get("cpu"):
                cpu[size, r["step"], r["impl"]].append(float(r["cpu"]))
            nbytes[size, r["step"]] = int(r["bytes"])
    factor_rows = []
    if len(sys.argv) > 2:
        try:
            with open(sys.argv[2], newline="") as f:
                factor_rows = list(csv.DictReader(f, delimiter="\t"))
        except OSError:
            pass
    med = {k: statistics.median(v) for k, v in t.items()}
    mrss = {k: statistics.median(v) for k, v in rss.items()}
    mcpu = {k: statistics.median(v) for k, v in cpu.items()}

    def get(size, step, impl):
        return med.get((size, step, impl))

    print("## Times (median wall seconds)")
    print()
    print("svy: each tool alone on the study's files (output to /dev/null); `study` is "
          "`make` of the study's analysis outputs (clean to Tables 1-5, familiarity, "
          "clusters, kappa: `make study-outputs` less figures and report.md; without the "
          "parallel analysis, omega and bootstrap intervals, which the scripts do not "
          "compute), `study + figures` all of `make study-outputs` of the reference study, "
          "those included. Python/R: the steps of "
          "bench/study.py and bench/study.R, timed inside the script (`study` is the "
          "whole process; `startup` loads the libraries); their encode-likert includes "
          "derive, test-hypothesis bh-correct, cluster the shares (tally). Peak RSS "
          "is svy's (of the study: its largest tool; of Python and R: in brackets). "
          "CPU: median user + system seconds of svy (of the study: of all its processes; "
          "of Python and R: in brackets); on a loaded machine wall time includes "
          "waiting for a CPU. Miller: `mlr --icsv --otsv --allow-ragged-csv-input cat` (clean's CSV to TSV, "
          "without its checks) and `mlr --tsv filter` (filter-students).")
    print()
    print("| respondents | step | svy s | Python s | R s | Miller s | Python/svy | R/svy "
          "| Miller/svy | peak RSS MiB | MB/s | CPU s |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        n_runs = len(t.get((size, "study", "svy"), []))
        for step in ORDER:
            s = get(size, step, "svy")
            ps = SCRIPT_STEP.get(step, "startup" if step == "startup" else None)
            p = get(size, ps, "python") if ps else None
            r = get(size, ps, "R") if ps else None
            m = get(size, step, "miller")
            if s is None and p is None and r is None:
                continue
            mem = mrss.get((size, step, "svy"))
            mem_s = f"{mem / 1024:.1f}" if mem is not None else ""
            if step == "study":
                pm, rm = mrss.get((size, step, "python")), mrss.get((size, step, "R"))
                mem_s += f" [{pm / 1024:.0f}, {rm / 1024:.0f}]" if pm and rm else ""
            mbs = ""
            if step in STREAMING and s:
                mbs = f"{nbytes[size, step] / 1e6 / s:.0f}"
            elif step == "simulate" and s:
                mbs = f"{nbytes[size, 'study'] / 1e6 / s:.0f} (written)"
            c = mcpu.get((size, step, "svy"))
            cpu_s = fmt_s(c) if c is not None else ""
            if step == "study":
                pc, rc = mcpu.get((size, step, "python")), mcpu.get((size, step, "R"))
                cpu_s += f" [{fmt_s(pc)}, {fmt_s(rc)}]" if pc and rc else ""
            label = f"**{step}** ({n_runs} runs)" if step == "study" else step
            print(f"| {size:,} | {label} | {fmt_s(s)} | {fmt_s(p)} | {fmt_s(r)} | {fmt_s(m)} | "
                  f"{fmt_ratio(p, s)} | {fmt_ratio(r, s)} | {fmt_ratio(m, s)} | {mem_s} | {mbs} | "
                  f"{cpu_s} |")
    print()
    print("Input sizes (MB): " + "; ".join(
        f"{size:,}: export {nbytes[size, 'study'] / 1e6:.1f}, clean.tsv "
        f"{nbytes.get((size, 'filter-students'), 0) / 1e6:.1f}, practitioners.tsv "
        f"{nbytes.get((size, 'encode-likert'), 0) / 1e6:.1f}, encoded.tsv "
        f"{nbytes.get((size, 'factor'), 0) / 1e6:.1f}" for size in sizes))
    print()

    # ---- targets ----
    print("## Targets")
    print()
    missed = 0

    def target(ok, text):
        nonlocal missed
        missed += not ok
        print(f"- {'met' if ok else '**MISSED**'}: {text}")

    big = sizes[-1]
    for size in sizes:
        want = 3
        s, p, r = (get(size, "study", i) for i in ("svy", "python", "R"))
        if None in (s, p, r):
            continue
        best = min(p, r)
        cs, cp, cr = (mcpu.get((size, "study", i)) for i in ("svy", "python", "R"))
        by_cpu = (f" (by CPU time: svy {cs:.3f} s, Python {cp:.3f} s, R {cr:.3f} s: "
                  f"{min(cp, cr) / cs:.1f}x)" if None not in (cs, cp, cr) and cs > 0 else "")
        target(best / s >= want, f"whole study on {size:,} respondents {want}x faster than the "
               f"faster of Python and R: svy {s:.3f} s, Python {p:.3f} s, R {r:.3f} s: "
               f"{best / s:.1f}x{by_cpu}")
    for step, want in (("clean", 600), ("filter-students", 1000), ("encode-likert", 1000)):
        s = get(big, step, "svy")
        if s is None:
            continue
        mbs = nbytes[big, step] / 1e6 / s if s > 0 else float("inf")
        c = mcpu.get((big, step, "svy"))
        by_cpu = f" (by CPU time: {nbytes[big, step] / 1e6 / c:.0f} MB/s)" if c else ""
        target(mbs >= want, f"{step} at {want} MB/s or more on {big:,} respondents: {mbs:.0f} MB/s"
               f"{by_cpu}")
        mems = [mrss.get((size, step, "svy")) for size in sizes]
        text = ", ".join(f"{m / 1024:.1f}" for m in mems if m is not None)
        top = max(m for m in mems if m is not None)
        target(top < 8 * 1024, f"{step} peak RSS under 8 MiB at every size: {text} MiB")
    for r in factor_rows:
        sv, fa = float(r["svy_cpu"]), float(r["psych_fa_cpu"])
        target(sv <= fa, f"factor --method {r['method']} (k = 5, oblimin) on {int(r['items'])} items at "
               f"least as fast as psych fa() alone, by CPU time: svy {sv:.3f} s (whole process), "
               f"fa() {fa:.3f} s: {fa / sv if sv > 0 else float('inf'):.2f}x")
    for step in IN_MEMORY:
        mems = [(size, mrss.get((size, step, "svy"))) for size in sizes]
        text = ", ".join(f"{size:,}: {m / 1024:.1f} MiB of {nbytes[size, step] / 1e6:.1f} MB input"
                         for size, m in mems if m is not None)
        print(f"- (memory) {step}: {text}")
    print()
    print(f"{missed} target(s) missed." if missed else "All targets met.")


if __name__ == "__main__":
    main()
