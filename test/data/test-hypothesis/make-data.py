#!/usr/bin/python3
"""Writes the synthetic inputs of svy's test-hypothesis tests (fixed seed).

    /usr/bin/python3 test/data/test-hypothesis/make-data.py test/data/test-hypothesis

study.tsv   83 rows shaped like the awareness study after encoding: awareness,
            importance, education (one 'Other' left empty), years_ml,
            company_size, ml_developer, data_relation, gdpr_change,
            responsibility, responsible, country, known_/implemented_ items of
            the 4 attacks and 14 methods.
small.tsv   small groups without ties (Mann-Whitney's exact path), a column
            with ties, a constant column, a 2x2 and a sparse table.
"""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(20210905)

ATTACKS = ["inversion", "impersonation", "poisoning", "evasion"]
METHODS = ["sanitization", "provenance", "adversarial_training", "ensemble",
           "input_observation", "output_smoothing", "federated", "delay",
           "access_control", "system_security", "differential_privacy",
           "homomorphic", "watermarking", "record_linkage"]
EU = ["Germany", "France", "Austria", "Netherlands", "Spain", "Italy", "Poland",
      "Sweden", "Finland", "Ireland"]
OTHER = ["United States", "United Kingdom", "Switzerland", "India", "Canada"]


def write(name, header, rows):
    with open(f"{out}/{name}", "w") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join("" if v is None else str(v) for v in r) + "\n")


n = 83
latent = rng.normal(size=n)
education = rng.choice([1, 2, 3, 4], size=n, p=[.03, .15, .66, .16])
years = np.clip(np.round(1 + 0.6 * latent + rng.normal(0, .9, n)), 0, 4).astype(int)
company = rng.integers(1, 10, size=n)
dev = (latent + rng.normal(0, 1, n) > 0).astype(int)
relation = rng.choice([1, 2, 3], size=n, p=[.35, .3, .35])
gdpr = np.clip(np.round(1.5 + 0.8 * relation + rng.normal(0, 1, n)), 1, 5).astype(int)
resp_q = rng.integers(1, 6, size=n)
responsible = (resp_q <= 2).astype(int)
importance = np.clip(np.round(3.5 + 0.3 * latent + rng.normal(0, 1, n)), 1, 5).astype(int)
country = [EU[i % len(EU)] if rng.random() < .77 else OTHER[i % len(OTHER)]
           for i in range(n)]
items = {}
for it in ["attack_" + a for a in ATTACKS] + ["method_" + m for m in METHODS]:
    shift = rng.normal(0, .7)
    raw = 0.9 * latent + shift + rng.normal(0, 1, n)
    fam = np.digitize(raw, [0.0, 1.2])        # 0 not familiar, 1 familiar, 2 implemented
    items["known_" + it] = (fam >= 1).astype(int)
    items["implemented_" + it] = (fam == 2).astype(int)
# awareness: a min-max normalised score, rounded so ties occur as in real scores
aw = latent + 0.3 * rng.normal(size=n)
aw = np.round((aw - aw.min()) / (aw.max() - aw.min()), 3)
header = ["respondent", "awareness", "importance", "education", "years_ml",
          "company_size", "ml_developer", "data_relation", "gdpr_change",
          "responsibility", "responsible", "country"] + list(items) + ["education_group"]
edu_labels = {1: "High school", 2: "Bachelor's degree", 3: "Master's degree", 4: "Doctorate"}
rows = []
for i in range(n):
    edu = None if i == 17 else int(education[i])   # 'Other': missing
    rows.append([i + 1, aw[i], importance[i], edu, years[i], company[i], dev[i],
                 relation[i], gdpr[i], resp_q[i], responsible[i], country[i]] +
                [items[k][i] for k in items] + [edu_labels[edu] if edu else "Other"])
write("study.tsv", header, rows)

# Small samples: group a/b/c with 5, 6, 7 values, no ties in x; y has ties.
x = rng.permutation(np.arange(1, 19)) + 0.5
y = rng.integers(1, 5, size=18)
z = np.round(x * 0.7 + rng.normal(0, 3, 18), 1)
g = ["a"] * 5 + ["b"] * 6 + ["c"] * 7
flag = rng.integers(0, 2, size=18)
sex = ["f" if v else "m" for v in rng.integers(0, 2, size=18)]
const = [7] * 18
sparse = rng.choice(["p", "q", "r", "s"], size=18, p=[.5, .3, .15, .05])
w1, w2, w3 = (rng.integers(1, 6, size=18) for _ in range(3))
rows = [[x[i], y[i], z[i], g[i], flag[i], sex[i], const[i], sparse[i], w1[i],
         w2[i], w3[i]] for i in range(18)]
write("small.tsv", ["x", "y", "z", "g", "flag", "sex", "const", "sparse", "w1", "w2",
                    "w3"], rows)
