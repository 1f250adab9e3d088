* The reference for svy-import: PSPP reads survey.sav and writes its values
* as CSV (user-missing values recoded to empty, dates as mm/dd/yyyy, which
* make-expected.sh turns into ISO 8601, as svy-import writes them).
GET FILE='survey.sav'.
* (PSPP writes dates as mm/dd/yyyy whatever the format.)
SAVE TRANSLATE /OUTFILE='survey.pspp.csv' /TYPE=CSV /FIELDNAMES /MISSING=RECODE
  /CELLS=VALUES /REPLACE.
