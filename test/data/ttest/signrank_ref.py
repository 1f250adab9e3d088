"""The signed-rank reference both make-expected.py scripts use (ttest's
wilcoxon rows, pairwise-wilcoxon's pairs): scipy.stats.wilcoxon of the
differences DD with test-hypothesis's choice of exact or normal, and V, the
positive ranks (scipy prints min(V+, V-) two-sided). O holds method (auto,
exact, asymptotic), rule (r: R's auto rule, exact under 50 nonzero
differences with no zeros or ties; scipy: at most 50, no zeros), zm (wilcox,
pratt, zsplit), cont (continuity) and alt."""
import numpy as np
from scipy import stats


def wilcoxon_v(dd, o):
    """(V, p, method) of the differences DD, method as test-hypothesis names it."""
    nz = dd[dd != 0]
    ties = len(np.unique(np.abs(nz))) < len(nz)
    if o["method"] == "auto":
        if o["rule"] == "r":
            exact = len(nz) < 50 and len(nz) == len(dd) and not ties
        else:
            exact = len(dd) <= 50 and len(nz) == len(dd)
    else:
        exact = o["method"] == "exact"
    r = stats.wilcoxon(dd, zero_method=o["zm"], correction=o["cont"] and not exact,
                       alternative=o["alt"], mode="exact" if exact else "approx")
    dz = dd if o["zm"] != "wilcox" else nz
    rk = stats.rankdata(np.abs(dz))
    vp = rk[dz > 0].sum() + (rk[dz == 0].sum() / 2 if o["zm"] == "zsplit" else 0)
    meth = "exact" if exact else "asymptotic+continuity" if o["cont"] else "asymptotic"
    if o["zm"] != "wilcox":
        meth += "+" + o["zm"]
    return vp, r.pvalue, meth
