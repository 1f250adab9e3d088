#!/usr/bin/python3
"""Input of test/60-tally.bats (committed; rerun to regenerate): survey.tsv, 40
respondents of an encoded survey: a single-choice text column, familiarity
items 0/1/2, multiple-choice 0/1 options, a numeric awareness score; some
values missing."""
import numpy as np

rng = np.random.default_rng(83)
edu = ["Master", "Bachelor", "Doctorate", "High school"]
with open("survey.tsv", "w") as f:
    f.write("id\teducation\tmethod_sanitization\tmethod_dp\tmethod_smoothing\t"
            "field_industry\tfield_academia\tfield_hobby\tawareness\n")
    for i in range(1, 41):
        e = edu[rng.choice(4, p=[.55, .25, .15, .05])]
        m = [rng.choice(3, p=p) for p in ([.15, .4, .45], [.65, .28, .07], [.4, .5, .1])]
        fld = [int(rng.random() < p) for p in (.6, .35, .2)]
        aw = rng.beta(2, 3)
        cells = [e] + [str(x) for x in m] + [str(x) for x in fld] + ["%.6f" % aw]
        if i in (5, 17):
            cells[0] = ""          # education not answered
        if i == 9:
            cells[2] = ""          # method_dp missing
        if i in (12, 30):
            cells[-1] = ""         # no awareness score
        f.write("r%d\t%s\n" % (i, "\t".join(cells)))
