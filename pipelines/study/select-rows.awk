# The header and the rows whose first field matches one of the patterns
# ITEMS (a study file's item list: globs separated by blanks).
#   awk -v items='method_*' -f labels.awk -f select-rows.awk FILE
BEGIN { FS = "\t"; PROG = "select-rows" }
FNR == 1 || globs_match($1, items)
