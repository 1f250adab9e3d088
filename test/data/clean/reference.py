#!/usr/bin/python3
"""Reference conversion of a CSV export to the project's TSV with Python's csv
module, for checking `svy clean` on the real exports (no personal-data or
completion columns in them, so this is the whole conversion).

usage: reference.py FILE DELIM ERRORS   (ERRORS: strict or replace)
Prints: rows, columns, replacements (U+FFFD added) and the SHA-256 of the TSV.
Duplicate column names get .1, .2, ... as `svy clean --rename-duplicates`.
"""
import csv, hashlib, io, sys

path, delim, errors = sys.argv[1], sys.argv[2], sys.argv[3]
delim = "\t" if delim == "tab" else delim
raw = open(path, "rb").read()
if raw.startswith(b"\xef\xbb\xbf"):
    raw = raw[3:]
text = raw.decode("utf-8", errors)
replacements = text.count("\ufffd") - raw.decode("utf-8", "ignore").count("\ufffd")
rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True) if r]
header = rows[0]
seen = set(header)
out = []
for i, h in enumerate(header):
    if h in header[:i]:
        s = 1
        while f"{h}.{s}" in seen:
            s += 1
        h = f"{h}.{s}"
        seen.add(h)
    out.append(h)
rows[0] = out

def esc(v):
    return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

assert all(len(r) == len(header) for r in rows)
tsv = "".join("\t".join(esc(v) for v in r) + "\n" for r in rows).encode()
print(len(rows) - 1, len(header), replacements, hashlib.sha256(tsv).hexdigest())
