#!/usr/bin/env python3
"""The hand edit of the awareness draft, made by script: take from
fixtures/codebook.tsv what svy-codebook cannot know (readable names, the values
of answers on scales it does not recognise, Q3 passed through as text), touch
nothing else. Writes awareness.edited.tsv; the test shows the edit as a diff.
Run from the repository root: python3 test/data/codebook/make-edit.py"""
import csv

D = 'test/data/codebook/'
fixture = list(csv.reader(open('fixtures/codebook.tsv'), delimiter='\t', quoting=csv.QUOTE_NONE))
rename, values = {}, {}
current = None
for r in fixture[1:]:
    if not r or not r[0] or r[0].startswith('#'):
        continue
    r += [''] * (5 - len(r))
    col, ren, label, code, value = r
    if not col.startswith('@') and ren and col not in rename:
        rename[col] = ren
    if label and not label.startswith('@'):
        values.setdefault(col, {})[label] = value
# the draft's shared scales are the fixture's scales of the same answers
scale_of = {'@q16_sq001': '@attack_familiarity', '@q17_sq001': '@library',
            '@q18_sq001': '@familiarity'}
passthrough = {'Q3'}

out = []
for line in open(D + 'awareness.draft.tsv').read().split('\n')[:-1]:
    r = line.split('\t')
    if len(r) < 5 or r[0].startswith('#') or r[0] == 'column':
        out.append(line)
        continue
    col, ren, label, code, value = r
    if col in passthrough:
        if ren:
            out.append('\t'.join([col, rename[col], '', '', '']))
        continue
    if ren and col in rename:
        ren = rename[col]
    src = values.get(scale_of.get(col, col), {})
    if label in src:
        value = src[label]
    out.append('\t'.join([col, ren, label, code, value]))
open(D + 'awareness.edited.tsv', 'w').write('\n'.join(out) + '\n')
