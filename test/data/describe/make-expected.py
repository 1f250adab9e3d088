#!/usr/bin/python3
"""Expected output of svy describe on survey.tsv (test/61-describe.bats), from
pandas and Python's exact arithmetic:
  quantiles: pandas Series.quantile (linear interpolation = R type 7);
  mean and sd (n - 1): exact, with fractions.Fraction and mpmath (pandas'
  sum overflows for the 'huge' columns), rounded to the nearest double;
  levels: numbers compared by value ('1' and '1.0' one level), the top values
  by count, ties in level order (numbers by value, then text by bytes).
usage: sh make-expected.sh (or from this directory: /usr/bin/python3
make-expected.py > expected.tsv)"""
import math
import sys
from fractions import Fraction

import mpmath
import pandas as pd

mpmath.mp.prec = 200

TOP = 3
d = pd.read_csv("survey.tsv", sep="\t", dtype=str, keep_default_na=False)


def number(s):
    try:
        x = float(s)
    except ValueError:
        return None
    if not math.isfinite(x) or s.strip() != s or s.lower().startswith(("0x", "+0x")):
        return None
    return x


def key(level):
    x = number(level)
    return (0, x, b"") if x is not None else (1, 0.0, level.encode())


def g(x):
    return repr(float(x)) if x != int(x) or abs(x) >= 1e16 else str(int(x))


def fmt(x):
    r = repr(float(x))
    return r[:-2] if r.endswith(".0") else r


print("\t".join(["position", "column", "kind", "n", "missing", "distinct"] +
                sum([["top%d" % k, "top%d_n" % k] for k in range(1, TOP + 1)], []) +
                ["min", "q1", "median", "q3", "max", "mean", "sd"]))
for pos, c in enumerate(d.columns, 1):
    vals = [v for v in d[c] if v != ""]
    missing = len(d) - len(vals)
    levels = {}
    first = {}
    for v in vals:
        x = number(v)
        k = ("n", 0.0 if x == 0 else x) if x is not None else ("t", v)
        levels[k] = levels.get(k, 0) + 1
        first.setdefault(k, v)
    nums = [number(v) for v in vals]
    numeric = len(vals) > 0 and all(x is not None for x in nums)
    kind = ("empty" if not vals else "number" if numeric else
            "categorical" if len(levels) <= 20 else "text")
    order = sorted(levels, key=lambda k: (-levels[k], key(first[k])))
    top = []
    for k in order[:TOP]:
        top += [first[k].replace("\\t", "\\t"), str(levels[k])]
    top += [""] * (2 * TOP - len(top))
    stats = [""] * 7
    if numeric:
        s = pd.Series(nums)
        q = [s.min(), s.quantile(0.25), s.quantile(0.5), s.quantile(0.75), s.max()]
        fr = [Fraction(x) for x in nums]
        m = sum(fr) / len(fr)
        sd = ""
        if len(fr) > 1:
            var = sum((x - m) ** 2 for x in fr) / (len(fr) - 1)
            # the square root of the exact variance, to double precision
            sd = fmt(float(mpmath.sqrt(mpmath.mpf(var.numerator) / var.denominator)))
        stats = [fmt(x) for x in q] + [fmt(float(m)), sd]
    print("\t".join([str(pos), c, kind, str(len(vals)), str(missing), str(len(levels))] +
                    top + stats))
