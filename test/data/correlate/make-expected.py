"""References of test/53-correlate.bats: scipy's pearsonr and spearmanr of
every pair (pairwise: pandas' rows with both values; listwise: the complete
rows), p adjusted by statsmodels' multipletests, means and SDs by pandas;
the long rows and the paper's tables (Markdown, LaTeX) svy-correlate must
print. Run from the repository root:
  /usr/bin/python3 test/data/correlate/make-expected.py test/data/correlate"""
import itertools
import sys

import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

D = sys.argv[1]
df = pd.read_csv(f"{D}/survey.tsv", sep="\t", keep_default_na=False, na_values=[""])
COLS = ["age", "trust", "use", "risk", "hours"]
ADJ = {"bh": "fdr_bh", "holm": "holm", "bonferroni": "bonferroni"}
TITLE = {"bh": "Benjamini-Hochberg", "holm": "Holm", "bonferroni": "Bonferroni"}


def correlate(method, listwise, adjust):
    d = df[COLS].dropna() if listwise else df[COLS]
    rows = []
    for a, b in itertools.combinations(COLS, 2):
        x = d[[a, b]].dropna()
        f = stats.pearsonr if method == "pearson" else stats.spearmanr
        r, p = f(x[a], x[b])
        rows.append([a, b, len(x), float(r), float(p)])
    padj = multipletests([r[4] for r in rows], method=ADJ[adjust])[1]
    for r, pa in zip(rows, padj):
        r.append(float(pa))
    return d, rows


def write_long(name, method, listwise, adjust):
    _, rows = correlate(method, listwise, adjust)
    with open(f"{D}/{name}", "w") as f:
        f.write("a\tb\tn\tr\tp\tp_adj\tmethod\tadjust\n")
        for a, b, n, r, p, pa in rows:
            f.write(f"{a}\t{b}\t{n}\t{r!r}\t{p!r}\t{pa!r}\t{method}\t{adjust}\n")


def bounded(v):
    s = f"{v:.2f}"
    s = s.replace("0.", ".", 1) if s.startswith(("0.", "-0.")) else s
    return ".00" if s == "-.00" else s


def stars(p):
    return "***" if p < .001 else "**" if p < .01 else "*" if p < .05 else ""


def write_table(name, method, listwise, adjust, latex):
    d, rows = correlate(method, listwise, adjust)
    k = len(COLS)
    pair = {(a, b): (r, pa) for a, b, _, r, _, pa in rows}
    sep = " & " if latex else " | "
    out = []
    if latex:
        out.append("\\begin{tabular}{lrrr" + "c" * k + "}")
        out.append("\\hline")
        out.append("Variable & $n$ & $M$ & $SD$" + "".join(f" & {j + 1}" for j in range(k)) + " \\\\")
        out.append("\\hline")
    else:
        out.append("| Variable | n | M | SD" + "".join(f" | {j + 1}" for j in range(k)) + " |")
        out.append("|---|---|---|---" + "|---" * k + "|")
    for i, c in enumerate(COLS):
        v = d[c].dropna()
        cells = [f"{i + 1}. {c}", str(len(d) if listwise else len(v)), f"{v.mean():.2f}",
                 f"{v.std(ddof=1):.2f}"]
        for j in range(k):
            if j < i:
                r, pa = pair[(COLS[j], c)]
                s = stars(pa)
                if s:
                    s = f"$^{{{s}}}$" if latex else s.replace("*", "\\*")
                cells.append(bounded(r) + s)
            else:
                cells.append(("---" if latex else "—") if j == i else "")
        out.append(("" if latex else "| ") + sep.join(cells) + (" \\\\" if latex else " |"))
    ns = [n for _, _, n, _, _, _ in rows]
    coef = ("Spearman's $\\rho$" if latex else "Spearman's rho") if method == "spearman" \
        else ("Pearson's $r$" if latex else "Pearson's r")
    if listwise:
        nn = f"; listwise, n = {len(d)}"
    elif min(ns) == max(ns):
        nn = f"; n = {min(ns)} for every pair"
    else:
        nn = f"; pairwise, n = {min(ns)} to {max(ns)}"
    note = f"{coef}{nn}; p adjusted ({TITLE[adjust]}, {len(rows)} pairs). "
    if latex:
        out.append("\\hline")
        out.append("\\end{tabular}")
        out.append("\\par\\textit{Note.} " + note +
                   "$^{*}p < .05$, $^{**}p < .01$, $^{***}p < .001$.")
    else:
        out.append("")
        out.append("*Note.* " + note + "\\* p < .05, \\*\\* p < .01, \\*\\*\\* p < .001.")
    with open(f"{D}/{name}", "w") as f:
        f.write("\n".join(out) + "\n")


write_long("pearson-pairwise.tsv", "pearson", False, "bh")
write_long("spearman-pairwise.tsv", "spearman", False, "holm")
write_long("pearson-listwise.tsv", "pearson", True, "bonferroni")
write_long("spearman-listwise.tsv", "spearman", True, "bh")
write_table("table.md", "pearson", False, "bh", False)
write_table("table.tex", "spearman", True, "holm", True)
