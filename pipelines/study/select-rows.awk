# The header and the rows whose first field matches one of the patterns
# ITEMS (a study file's item list: globs separated by blanks); none
# matching is an error that names the patterns (and nothing is printed).
#   awk -v items='method_*' -f labels.awk -f select-rows.awk FILE
BEGIN { FS = "\t"; PROG = "select-rows" }
FNR == 1 { head = $0; next }
globs_match($1, items) { if (!n++) print head; print }
END {
	if (FAILED) exit 1
	if (!n) fail(FILENAME ": no item matching '" items "'")
}
