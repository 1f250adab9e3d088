* The survey the tests of svy-import and svy-export read, written by PSPP
* (the "other program" that writes .sav): value labels, user-missing values,
* a system-missing value, a value without a label, a date, a date and time,
* a long string (over 255 bytes: SPSS's "very long string"), a variable label
* with non-ASCII text, two variables with the same value labels.
* make-expected.sh runs it.
SET LOCALE='UTF-8'.
DATA LIST LIST /id (F3.0) q1 (F1.0) q2 (F2.0) score (F6.2) name (A20) sex (A1).
BEGIN DATA
1 1 5 2.25 "Anna" "f"
2 2 99 -0.5 "Bo" "m"
3 . 3 10 "Ünïcödé ✓" "f"
4 4 -9 0 "tab	here" "x"
5 5 1 . "" "m"
END DATA.
COMPUTE born = DATE.DMY(1, 3, 1990) + (id - 1) * 86400.
FORMATS born (DATE11).
COMPUTE seen = DATE.DMY(28, 2, 2021) + id * 3600 + 30.
FORMATS seen (DATETIME20).
STRING note (A400).
COMPUTE note = CONCAT(RPAD("long", 300, "-"), "end").
IF (id = 5) note = "".
COMPUTE q3 = 6 - q1.
FORMATS q3 (F1.0).
VARIABLE LABELS
  q1 'Wie wichtig ist Sicherheit? – Größe, Ähnlichkeit'
  q2 'I trust the model'
  born 'Date of birth'
  q3 'Wie wichtig ist Datenschutz?'.
VALUE LABELS
  q1 q3 1 'Unwichtig' 2 'Wenig wichtig' 3 'Mittel' 4 'Wichtig' 5 'Sehr wichtig'
 /q2 1 'Strongly disagree' 5 'Strongly agree' -9 'No answer' 99 'Refused'
 /sex 'f' 'female' 'm' 'male'.
MISSING VALUES q2 (-9, 99).
SAVE OUTFILE='survey.sav'.
SAVE OUTFILE='survey.zsav' /ZCOMPRESSED.
