#!/usr/bin/python3
"""Inputs of test/65-cluster.bats (committed; rerun to regenerate them):
methods.tsv  a 14 x 3 share table shaped like the paper's Figure 9 (shares of
             not familiar / familiar / implemented among 83 participants)
blobs.tsv    300 points in 4 dimensions, 6 overlapping blobs (several local optima)
ties.tsv     duplicate points, a constant column, missing values"""
import numpy as np

counts = [  # method, not familiar, familiar, implemented (sum 83)
    ("sanitization", 10, 33, 40), ("access_control", 8, 35, 40),
    ("system_security", 12, 30, 41), ("ensemble", 14, 36, 33),
    ("provenance", 20, 33, 30), ("observing_input", 22, 31, 30),
    ("differential_privacy", 50, 25, 8), ("homomorphic_encryption", 55, 22, 6),
    ("watermarking", 58, 20, 5), ("record_linkage", 60, 19, 4),
    ("smoothing_output", 35, 40, 8), ("introducing_delay", 33, 42, 8),
    ("adversarial_training", 28, 43, 12), ("federated_learning", 30, 41, 12),
]
with open("methods.tsv", "w") as f:
    f.write("column\tn\tshare_0\tshare_1\tshare_2\n")
    for name, *c in counts:
        assert sum(c) == 83
        f.write("method_%s\t83\t%s\n" % (name, "\t".join(repr(x / 83) for x in c)))

rng = np.random.default_rng(20210901)
centres = rng.uniform(0, 10, size=(6, 4))
pts = np.vstack([c + rng.normal(0, 1.6, size=(50, 4)) for c in centres])
rng.shuffle(pts)
with open("blobs.tsv", "w") as f:
    f.write("id\tx1\tx2\tx3\tx4\n")
    for i, p in enumerate(pts, 1):
        f.write("p%d\t%s\n" % (i, "\t".join("%.6f" % v for v in p)))

with open("ties.tsv", "w") as f:
    f.write("id\ta\tb\tc\n")
    rows = [(0, 0), (0, 0), (0, 0), (1, 0), (1, 0), (5, 5), (5, 5), (5, 6), (9, 0), (9, 0),
            (9, 1), (0, 0)]
    for i, (a, b) in enumerate(rows, 1):
        f.write("r%d\t%d\t%d\t7\n" % (i, a, b))
    f.write("r13\t\t3\t7\nr14\t4\t\t7\n")
