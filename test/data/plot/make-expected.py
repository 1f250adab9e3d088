#!/usr/bin/python3
"""Expected histogram counts of test/63-plot.bats: numpy.histogram with
svy plot's bins (Sturges: ceil(log2 n) + 1 equal bins from min to max, the
last closed) on the awareness column of test/data/tally/survey.tsv.
usage: sh make-expected.sh (or from this directory: /usr/bin/python3
make-expected.py > hist-counts.txt)"""
import math

import numpy as np
import pandas as pd

d = pd.read_csv("../tally/survey.tsv", sep="\t")
x = d["awareness"].dropna().to_numpy()
k = math.ceil(math.log2(len(x))) + 1
counts, edges = np.histogram(x, bins=k, range=(x.min(), x.max()))
for c in counts:
    print(c)
