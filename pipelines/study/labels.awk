# Readable labels of columns and levels, for the figure recipes
# (pipelines/study/figures.mk) and pipelines/study/report.sh.  Use:
#   awk -v labels=LABELS -f pipelines/study/labels.awk -f PROGRAM.awk
# and call label(name) anywhere: the label of NAME in the label file (a TSV
# "column<TAB>label"; a level of a column as "column=level"), else DEFAULT
# when given, else NAME with underscores as spaces, first letter capitalised;
# col(name) gives the index of a column in the current file's header (after
# header_read() on its first line) or stops with an error.

function labels_load(file,    line, f, r) {
	while ((r = (getline line < file)) > 0) {
		if (line ~ /^#/ || line == "") continue
		split(line, f, "\t")
		if (f[1] == "column") continue
		LABEL[f[1]] = f[2]
	}
	if (r < 0) fail("cannot read " file)
	close(file)
	LABELS_LOADED = 1
}

function label(name, dflt,    s) {
	if (!LABELS_LOADED && labels != "") labels_load(labels)
	if (name in LABEL) return LABEL[name]
	if (dflt != "") return dflt
	s = name
	gsub(/_/, " ", s)
	return toupper(substr(s, 1, 1)) substr(s, 2)
}

# header_read(): remember the columns of the current file's header line
function header_read(    i) {
	split("", COLUMN)
	for (i = 1; i <= NF; i++) COLUMN[$i] = i
	HEADER_FILE = FILENAME
}

function col(name) {
	if (!(name in COLUMN)) fail(FILENAME ": no column '" name "'")
	return COLUMN[name]
}

function fail(msg) {
	printf "%s: %s\n", (PROG != "" ? PROG : "awk"), msg > "/dev/stderr"
	FAILED = 1
	exit 1
}

# glob_re(glob): the anchored regular expression of a shell pattern (* any
# text, ? one character; every other character itself)
function glob_re(g,    re, i, c) {
	re = "^"
	for (i = 1; i <= length(g); i++) {
		c = substr(g, i, 1)
		if (c == "*") re = re ".*"
		else if (c == "?") re = re "."
		else if (c ~ /[][\\.^$+(){}|\/]/) re = re "\\" c
		else re = re c
	}
	return re "$"
}

# globs_match(name, globs): whether NAME matches one of GLOBS (patterns
# separated by blanks, as a study file's item lists); no pattern: all match
function globs_match(name, globs,    n, g, i) {
	n = split(globs, g, " ")
	if (n == 0) return 1
	for (i = 1; i <= n; i++) if (name ~ glob_re(g[i])) return 1
	return 0
}
