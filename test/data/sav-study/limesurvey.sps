* A LimeSurvey-shaped SPSS export for test/17-sav-study.bats, written by
* PSPP (make.sh runs it): LimeSurvey's own variable names (id, submitdate,
* lastpage, startlanguage, seed, startdate, datestamp, ipaddr, refurl), its
* personal data (ipaddr, refurl; an e-mail question 'contact'; an e-mail
* address inside one comment), five incomplete responses (submitdate
* system-missing, the last page's items not answered), a role question and
* six agreement items on one labelled 5-point scale (two factors: a1-a3 and
* a4-a6; -9 'No answer' user-missing). The values are arithmetic of the id,
* no random numbers: every run of PSPP writes the same data.
SET LOCALE='UTF-8'.
INPUT PROGRAM.
LOOP #i = 1 TO 40.
COMPUTE id = #i.
END CASE.
END LOOP.
END FILE.
END INPUT PROGRAM.
FORMATS id (F4.0).
COMPUTE #done = MOD(id, 8) <> 0.
COMPUTE submitdate = DATE.DMY(3, 6, 2024) + id * 3600.
IF (NOT #done) submitdate = $SYSMIS.
FORMATS submitdate (DATETIME20).
COMPUTE lastpage = 3.
IF (NOT #done) lastpage = 1.
FORMATS lastpage (F1.0).
STRING startlanguage (A2) /seed (A10).
COMPUTE startlanguage = 'en'.
COMPUTE seed = LTRIM(STRING(id * 7919, F10.0)).
COMPUTE startdate = DATE.DMY(3, 6, 2024) + id * 3600 - 600.
COMPUTE datestamp = startdate + 540.
FORMATS startdate datestamp (DATETIME20).
STRING ipaddr (A15) /refurl (A60).
COMPUTE ipaddr = CONCAT('10.20.', LTRIM(STRING(MOD(id, 7), F1.0)), '.', LTRIM(STRING(id, F3.0))).
COMPUTE refurl = CONCAT('https://mail.example.org/inbox?id=', LTRIM(STRING(id, F3.0))).
COMPUTE role = MOD(id, 3) + 1.
FORMATS role (F1.0).
COMPUTE #f1 = MOD(id, 5) + 1.
COMPUTE #f2 = MOD(TRUNC((id - 1) / 5) * 2 + TRUNC((id - 1) / 25), 5) + 1.
COMPUTE a1 = MAX(1, MIN(5, #f1 + MOD(id * 4 + 1, 5) - 2)).
COMPUTE a2 = MAX(1, MIN(5, #f1 + MOD(id * 5 + 2, 3) - 1)).
COMPUTE a3 = MAX(1, MIN(5, #f1 + MOD(id * 7, 4) - 2)).
COMPUTE a4 = MAX(1, MIN(5, #f2 + MOD(id * 4, 3) - 1)).
COMPUTE a5 = MAX(1, MIN(5, #f2 + MOD(id * 3 + 1, 4) - 1)).
COMPUTE a6 = MAX(1, MIN(5, #f2 + MOD(id * 11 + 2, 5) - 2)).
IF (id = 5) a3 = -9.
DO IF (NOT #done).
COMPUTE a4 = $SYSMIS.
COMPUTE a5 = $SYSMIS.
COMPUTE a6 = $SYSMIS.
END IF.
FORMATS a1 TO a6 (F2.0).
STRING contact (A40) /comment (A80).
COMPUTE contact = CONCAT('person', LTRIM(STRING(id, F3.0)), '@example.org').
IF (MOD(id, 4) = 0) contact = ''.
COMPUTE comment = ''.
IF (id = 3) comment = 'Nice survey, write to me at pat@example.com'.
IF (id = 9) comment = 'Too long.'.
VARIABLE LABELS
  role 'What is your role?'
  a1 'I check the sender of a message.'
  a2 'I check a link before I follow it.'
  a3 'I report suspicious messages.'
  a4 'I use a password manager.'
  a5 'I use two-factor authentication.'
  a6 'I update my software.'
  contact 'Your e-mail address, if we may contact you'
  comment 'Any comments?'.
VALUE LABELS
  role 1 'Student' 2 'Employee' 3 'Self-employed'
 /a1 TO a6 1 'Strongly disagree' 2 'Disagree' 3 'Neutral' 4 'Agree'
  5 'Strongly agree' -9 'No answer'.
MISSING VALUES a1 TO a6 (-9).
SAVE OUTFILE='limesurvey.sav'
  /KEEP=id submitdate lastpage startlanguage seed startdate datestamp ipaddr refurl
  role a1 a2 a3 a4 a5 a6 contact comment.
