#!/usr/bin/python3
"""The reference study written as a data scientist would in Python: pandas,
scipy.stats, statsmodels, scikit-learn, and numpy/scipy for minres factor
analysis and regression scores (factor_analyzer's method; it is not packaged
in Debian). For svy's benchmark: same input, same numbers, timed.

usage: study.py EXPORT.csv CODEBOOK.tsv [TIMES.tsv] > key-numbers.tsv

TIMES.tsv, when given, gets the wall seconds of each step (step<TAB>seconds),
named after the svy tool doing the same work; 'startup' is the imports.
"""
import time

T0 = time.perf_counter()
import sys  # noqa: E402

import numpy as np
import pandas as pd
from scipy import optimize, stats
from sklearn.cluster import KMeans
from statsmodels.stats.multitest import multipletests


def read_codebook(path):
    """svy's codebook: scales (@name) and per-column entries -> {column: [(output, mapping, empty)]}."""
    cb = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, comment="#",
                     quoting=3)
    scales, entries, own = {}, {}, {}
    for r in cb.itertuples(index=False):
        if r.column.startswith("@"):
            s = scales.setdefault(r.column, {"map": {}, "empty": None})
            if r.label == "" and r.code == "":
                s["empty"] = (None if r.value in ("", "missing") else r.value)
            else:
                for key in (r.label, r.code):
                    if key:
                        s["map"][key] = (None if r.value in ("", "missing") else r.value)
    last = {}
    for r in cb.itertuples(index=False):
        if r.column.startswith("@"):
            continue
        if r.label.startswith("@"):
            entries.setdefault(r.column, []).append((r.rename or r.column, r.label))
        elif not (r.label or r.code or r.value):
            entries.setdefault(r.column, []).append((r.rename or r.column, None))
        else:
            out = r.rename or last.get(r.column) or r.column
            if out not in own:
                own[out] = {"map": {}, "empty": None}
                entries.setdefault(r.column, []).append((out, out))
            last[r.column] = out
            for key in (r.label, r.code):
                if key:
                    own[out]["map"][key] = (None if r.value in ("", "missing") else r.value)
    scales.update(own)
    return entries, scales


def encode(df, entries, scales):
    out = {}
    for col in df.columns:
        if col not in entries:
            out[col] = df[col]
            continue
        for name, scale in entries[col]:
            if scale is None:
                out[name] = df[col]
                continue
            s = scales[scale]
            v = df[col].map(lambda a: s["empty"] if a == "" else s["map"][a])
            out[name] = pd.to_numeric(v)
    return pd.DataFrame(out)


def minres(r, k=1):
    """Uniquenesses minimising the off-diagonal residuals (factor_analyzer's uls)."""
    def objective(psi):
        s = r.copy()
        np.fill_diagonal(s, 1 - psi)
        w, v = np.linalg.eigh(s)
        w, v = w[::-1][:k], v[:, ::-1][:, :k]
        load = v * np.sqrt(np.maximum(w, 0))
        res = (s - load @ load.T) ** 2
        np.fill_diagonal(res, 0)
        return res.sum()
    start = 1 - 1 / np.diag(np.linalg.inv(r))
    fit = optimize.minimize(objective, 1 - start, method="L-BFGS-B",
                            bounds=[(0.005, 1)] * len(r), options={"maxiter": 10000, "ftol": 1e-15, "gtol": 1e-12})
    s = r.copy()
    np.fill_diagonal(s, 1 - fit.x)
    w, v = np.linalg.eigh(s)
    load = v[:, ::-1][:, :k] * np.sqrt(np.maximum(w[::-1][:k], 0))
    if load.sum() < 0:
        load = -load
    return load[:, 0]


def alpha(x):
    k = x.shape[1]
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


class Steps:
    """Wall time of each step since the previous one."""
    def __init__(self):
        self.last, self.rows = T0, []

    def __call__(self, name):
        now = time.perf_counter()
        self.rows.append((name, now - self.last))
        self.last = now


def main():
    export, codebook = sys.argv[1], sys.argv[2]
    step = Steps()
    step("startup")
    raw = pd.read_csv(export, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    complete = raw[raw["submitdate"] != ""].drop(columns=["ipaddr", "refurl", "Q24", "Q25"])
    step("clean")
    people = complete[complete["Q3"] != "I am a student."]
    step("filter-students")
    entries, scales = read_codebook(codebook)
    d = encode(people, entries, scales)
    d["ml_developer"] = ((d["task_custom_apps"] == 1) | (d["task_tools_from_scratch"] == 1)).astype(int)
    step("encode-likert")

    # svy factor --threshold 0.45 --refit: fit all items, keep |loading| > .45,
    # fit again on the kept items; adequacy (KMO, Bartlett) and alpha of the refit
    items = [c for c in d.columns if c.startswith(("attack_", "method_"))]
    x = d[items].to_numpy(float)
    load = minres(np.corrcoef(x, rowvar=False))
    kept = [it for it, l in zip(items, load) if abs(l) > 0.45]
    xk = d[kept].to_numpy(float)
    rk = np.corrcoef(xk, rowvar=False)
    n, p = xk.shape
    chi2 = -(n - 1 - (2 * p + 5) / 6) * np.log(np.linalg.det(rk))
    inv = np.linalg.inv(rk)
    partial = -inv / np.sqrt(np.outer(np.diag(inv), np.diag(inv)))
    np.fill_diagonal(partial, 0)
    r0 = rk - np.eye(p)
    kmo = (r0 ** 2).sum() / ((r0 ** 2).sum() + (partial ** 2).sum())
    lk = minres(rk)
    step("factor")
    z = (xk - xk.mean(axis=0)) / xk.std(axis=0, ddof=1)
    score = z @ np.linalg.solve(rk, lk)
    aware = (score - score.min()) / (score.max() - score.min())
    d["awareness"] = aware
    step("score")

    rows = []
    rho, p11 = stats.spearmanr(d["importance"], d["awareness"])
    rows.append(("H.1.1", p11))
    groups = [g["awareness"].to_numpy() for _, g in d.groupby("education_group")]
    rows.append(("H.1.2", stats.kruskal(*groups).pvalue))
    rows.append(("H.1.3", stats.spearmanr(d["years_ml"], d["awareness"])[1]))
    groups = [g["awareness"].to_numpy() for _, g in d.dropna(subset=["company_size"]).groupby("company_size")]
    rows.append(("H.1.4", stats.kruskal(*groups).pvalue))
    dev = d[d["ml_developer"] == 1]["awareness"]
    nondev = d[d["ml_developer"] == 0]["awareness"]
    rows.append(("H.1.5", stats.mannwhitneyu(dev, nondev, alternative="greater").pvalue))
    groups = [g["awareness"].to_numpy() for _, g in d.groupby("data_relation")]
    rows.append(("H.1.6", stats.kruskal(*groups).pvalue))
    padj = multipletests([p for _, p in rows], method="fdr_bh")[1]
    step("test-hypothesis")

    shares = []
    for m in [c for c in d.columns if c.startswith("method_")]:
        counts = d[m].value_counts(normalize=True)
        shares.append([counts.get(v, 0.0) for v in (0, 1, 2)])
    km = KMeans(n_clusters=3, n_init=50, random_state=0).fit(np.array(shares))
    step("cluster")

    out = [("complete", len(complete)), ("practitioners", len(d)), ("kmo", kmo),
           ("bartlett_chi2", chi2), ("items_retained", len(kept)), ("alpha", alpha(xk)),
           ("awareness_q1", np.quantile(aware, 0.25)), ("awareness_median", np.median(aware)),
           ("awareness_q3", np.quantile(aware, 0.75)), ("kmeans3_inertia", km.inertia_)]
    out += [(f"p_{h}", pv) for h, pv in rows] + [(f"p_adj_{h}", q) for (h, _), q in zip(rows, padj)]
    print("statistic\tvalue")
    for k, v in out:
        print(f"{k}\t{v:.17g}" if isinstance(v, float) else f"{k}\t{v}")
    if len(sys.argv) > 3:
        with open(sys.argv[3], "w") as f:
            f.writelines(f"{name}\t{sec:.6f}\n" for name, sec in step.rows)


if __name__ == "__main__":
    main()
