* A Qualtrics-shaped SPSS export for test/17-sav-study.bats, written by
* PSPP (make.sh runs it): Qualtrics' own variable names (StartDate, EndDate,
* Status, IPAddress, Progress, Duration__in_seconds_, Finished, RecordedDate,
* ResponseId, Recipient*, ExternalReference, Location*, DistributionChannel,
* UserLanguage), its personal data (IP address, location, recipient names
* and e-mail, external reference), six unfinished responses (Finished 0,
* labelled 'False'), a group question and a matrix of six items (Q2_1 to
* Q2_6) on one labelled 5-point scale. Arithmetic of the row, no random
* numbers.
SET LOCALE='UTF-8'.
INPUT PROGRAM.
LOOP #i = 1 TO 36.
COMPUTE #row = #i.
END CASE.
END LOOP.
END FILE.
END INPUT PROGRAM.
COMPUTE StartDate = DATE.DMY(10, 2, 2025) + #row * 5400.
COMPUTE EndDate = StartDate + 420.
COMPUTE Status = 0.
STRING IPAddress (A15).
COMPUTE IPAddress = CONCAT('172.16.', LTRIM(STRING(#row, F3.0)), '.9').
COMPUTE Finished = MOD(#row, 6) <> 0.
COMPUTE Progress = 100.
IF (Finished = 0) Progress = 40.
COMPUTE Duration__in_seconds_ = 420.
COMPUTE RecordedDate = EndDate.
FORMATS StartDate EndDate RecordedDate (DATETIME20) Status Finished (F1.0)
  Progress (F3.0) Duration__in_seconds_ (F5.0).
STRING ResponseId (A17) /RecipientLastName RecipientFirstName (A20)
  /RecipientEmail (A40) /ExternalReference (A12) /LocationLatitude
  LocationLongitude (A12) /DistributionChannel (A9) /UserLanguage (A2).
COMPUTE ResponseId = CONCAT('R_', LTRIM(STRING(#row * 104729, F10.0)), 'xQ').
COMPUTE RecipientLastName = CONCAT('Last', LTRIM(STRING(#row, F3.0))).
COMPUTE RecipientFirstName = CONCAT('First', LTRIM(STRING(#row, F3.0))).
COMPUTE RecipientEmail = CONCAT('r', LTRIM(STRING(#row, F3.0)), '@example.net').
COMPUTE ExternalReference = CONCAT('EXT-', LTRIM(STRING(#row, F3.0))).
COMPUTE LocationLatitude = '52.5200'.
COMPUTE LocationLongitude = '13.4050'.
COMPUTE DistributionChannel = 'email'.
COMPUTE UserLanguage = 'EN'.
COMPUTE Q1 = MOD(#row, 2) + 1.
COMPUTE #f1 = MOD(#row * 3, 5) + 1.
COMPUTE #f2 = MOD(TRUNC((#row - 1) / 5) * 2, 5) + 1.
COMPUTE Q2_1 = MAX(1, MIN(5, #f1 + MOD(#row * 4 + 1, 5) - 2)).
COMPUTE Q2_2 = MAX(1, MIN(5, #f1 + MOD(#row * 5 + 2, 3) - 1)).
COMPUTE Q2_3 = MAX(1, MIN(5, #f1 + MOD(#row * 7, 4) - 2)).
COMPUTE Q2_4 = MAX(1, MIN(5, #f2 + MOD(#row * 4, 3) - 1)).
COMPUTE Q2_5 = MAX(1, MIN(5, #f2 + MOD(#row * 3 + 1, 4) - 1)).
COMPUTE Q2_6 = MAX(1, MIN(5, #f2 + MOD(#row * 11 + 2, 5) - 2)).
DO IF (Finished = 0).
COMPUTE Q2_5 = $SYSMIS.
COMPUTE Q2_6 = $SYSMIS.
END IF.
FORMATS Q1 Q2_1 TO Q2_6 (F1.0).
VARIABLE LABELS
  Q1 'Do you work in IT?'
  Q2_1 'How often do you... - check the sender'
  Q2_2 'How often do you... - hover over links'
  Q2_3 'How often do you... - report phishing'
  Q2_4 'How often do you... - use a password manager'
  Q2_5 'How often do you... - use two-factor authentication'
  Q2_6 'How often do you... - install updates'.
VALUE LABELS
  Status 0 'IP Address' 1 'Survey Preview'
 /Finished 0 'False' 1 'True'
 /Q1 1 'Yes' 2 'No'
 /Q2_1 TO Q2_6 1 'Never' 2 'Rarely' 3 'Sometimes' 4 'Often' 5 'Always'.
SAVE OUTFILE='qualtrics.sav'
  /KEEP=StartDate EndDate Status IPAddress Progress Duration__in_seconds_
  Finished RecordedDate ResponseId RecipientLastName RecipientFirstName
  RecipientEmail ExternalReference LocationLatitude LocationLongitude
  DistributionChannel UserLanguage Q1 Q2_1 Q2_2 Q2_3 Q2_4 Q2_5 Q2_6.
