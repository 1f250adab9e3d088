#!/usr/bin/python3
"""Writes the synthetic encoded TSVs of svy's factor and score tests.

    /usr/bin/python3 test/data/factor/gen.py test/data/factor

one.tsv       83 x 18 items on 0/1/2 driven by one latent factor (five weak
              loaders), plus an id and a group column that score must keep.
likert3.tsv   500 x 12 five-point Likert items, three factors of four items.
missing.tsv   one.tsv's first 60 rows and 8 items with some cells emptied.
heywood.tsv   150 x 5 items where one item's communality reaches 1.
"""
import sys
import numpy as np

out = sys.argv[1]
ITEMS = ["attack_inversion", "attack_impersonation", "attack_poisoning",
         "attack_evasion", "method_sanitization", "method_provenance",
         "method_adversarial_training", "method_ensemble",
         "method_input_observation", "method_output_smoothing",
         "method_federated", "method_delay", "method_access_control",
         "method_system_security", "method_differential_privacy",
         "method_homomorphic", "method_watermarking", "method_record_linkage"]
WEAK = {"method_ensemble", "method_delay", "method_access_control",
        "method_system_security", "method_record_linkage"}


def write(name, header, rows):
    with open(f"{out}/{name}", "w") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


rng = np.random.default_rng(20210906)

# one factor, three levels (0 not heard of, 1 heard of, 2 can explain)
n = 83
z = rng.normal(size=n)
cols = []
for it in ITEMS:
    lam = rng.uniform(0.1, 0.3) if it in WEAK else rng.uniform(0.55, 0.85)
    y = lam * z + np.sqrt(1 - lam**2) * rng.normal(size=n)
    cuts = np.sort(rng.normal(0, 0.5, size=2))
    cols.append(np.digitize(y, cuts))
X = np.array(cols).T
rows = [[f"R{i + 1:03d}", "ab"[i % 2]] + [str(v) for v in X[i]] for i in range(n)]
write("one.tsv", ["id", "group"] + ITEMS, rows)

# three factors, five-point Likert
n = 500
F = rng.normal(size=(n, 3))
names, cols = [], []
for k, stem in enumerate(["trust", "usage", "worry"]):
    for j in range(4):
        lam = rng.uniform(0.5, 0.8)
        cross = rng.uniform(-0.15, 0.15)
        y = lam * F[:, k] + cross * F[:, (k + 1) % 3]
        y = y + np.sqrt(max(1 - lam**2 - cross**2, 0.1)) * rng.normal(size=n)
        cuts = np.array([-1.3, -0.45, 0.35, 1.2]) + rng.normal(0, 0.15)
        names.append(f"{stem}_{j + 1}")
        cols.append(np.digitize(y, cuts) + 1)
X = np.array(cols).T
write("likert3.tsv", names, [[str(v) for v in r] for r in X])

# missing values: empty cells in the first 8 items of one.tsv's first 60 rows
sub = [r[2:10] for r in rows[:60]]
for i, j in [(3, 0), (10, 4), (11, 4), (25, 7), (40, 2), (41, 3), (59, 1)]:
    sub[i][j] = ""
write("missing.tsv", ITEMS[:8], sub)

# Heywood: h1 is the sum of two unrelated parts that h2 and h3 each measure,
# so one factor cannot explain r12 * r13 / r23 > 1 without h1's communality at 1
n = 150
a, b = rng.normal(size=n), rng.normal(size=n)
cols = [a + b + 0.1 * rng.normal(size=n),
        a + 0.6 * rng.normal(size=n),
        b + 0.6 * rng.normal(size=n),
        a + b + 1.5 * rng.normal(size=n),
        0.5 * a + rng.normal(size=n)]
X = np.round(np.array(cols).T, 3)
write("heywood.tsv", [f"h{j + 1}" for j in range(5)],
      [[f"{v:.3f}" for v in r] for r in X])
