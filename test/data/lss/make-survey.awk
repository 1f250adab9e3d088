# A LimeSurvey survey file for test/32-lss.bats, one language ('en'), from
# lines of '|'-separated fields:
#   q|QID|TITLE|TYPE|TEXT            a question
#   s|QID|PARENT|TITLE|SCALE|TEXT    a sub-question
#   a|QID|CODE|SCALE|ASSESSMENT|TEXT an answer (its aid: its line number)
#   d|DECLARATIONS                   a DOCTYPE with these declarations
# In the layout of LimeSurvey 3 to 5 (texts in the rows), or with -v v6=1 of
# LimeSurvey 6 (texts in question_l10ns and answer_l10ns). Texts are written
# as they are (entities and all), one row a line:
#   awk -f make-survey.awk rows.txt >survey.lss
BEGIN { FS = "|" }
function text(tag, v) { return v6 ? "" : "<" tag ">" v "</" tag "><language>en</language>" }
function l10n(id, v) { ql[++nql] = "<row><qid>" id "</qid><question>" v "</question><language>en</language></row>" }
$1 == "d" { dtd = "<!DOCTYPE document [" $2 "]>\n" }
$1 == "q" {
	q[++nq] = "<row><qid>" $2 "</qid><parent_qid>0</parent_qid><gid>1</gid><type>" $4 \
	    "</type><title>" $3 "</title>" text("question", $5) "<other>N</other>" \
	    "<question_order>" NR "</question_order></row>"
	if (v6) l10n($2, $5)
}
$1 == "s" {
	s[++ns] = "<row><qid>" $2 "</qid><parent_qid>" $3 "</parent_qid><title>" $4 \
	    "</title><scale_id>" $5 "</scale_id>" text("question", $6) \
	    "<question_order>" NR "</question_order></row>"
	if (v6) l10n($2, $6)
}
$1 == "a" {
	a[++na] = "<row><aid>" NR "</aid><qid>" $2 "</qid><code>" $3 "</code><scale_id>" $4 \
	    "</scale_id><assessment_value>" $5 "</assessment_value>" text("answer", $6) \
	    "<sortorder>" NR "</sortorder></row>"
	if (v6) al[++nal] = "<row><aid>" NR "</aid><answer>" $6 "</answer><language>en</language></row>"
}
function table(name, rows, n,    i) {
	print "<" name "><rows>"
	for (i = 1; i <= n; i++)
		print rows[i]
	print "</rows></" name ">"
}
END {
	printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s<document>\n", dtd
	print "<LimeSurveyDocType>Survey</LimeSurveyDocType>"
	print "<languages><language>en</language></languages>"
	table("questions", q, nq)
	table("subquestions", s, ns)
	table("answers", a, na)
	if (v6) {
		table("question_l10ns", ql, nql)
		table("answer_l10ns", al, nal)
	}
	print "</document>"
}
