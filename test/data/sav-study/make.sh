#!/bin/sh
# The inputs of test/17-sav-study.bats: SPSS exports shaped as LimeSurvey's
# and Qualtrics', written by PSPP from the .sps beside them (run from the
# repository root; needs pspp).
set -eu
# PSPP reads syntax in the locale's encoding
export LC_ALL=C.UTF-8
cd test/data/sav-study
pspp limesurvey.sps
pspp qualtrics.sps
