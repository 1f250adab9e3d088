# A raw export as LimeSurvey or Qualtrics writes it: 5- and 7-point agreement
# side by side, numeric ranges, non-answers, e-mail, '#' and '@' headings.
awk 'BEGIN {
	OFS = ","
	split("Strongly disagree|Somewhat disagree|Neither agree nor disagree|Somewhat agree|Strongly agree", a5, "|")
	split("Strongly disagree|Disagree|Somewhat disagree|Neither agree nor disagree|Somewhat agree|Agree|Strongly agree", a7, "|")
	split("1 year or less|1 ~ 3|3 ~ 5|5 ~ 10|10 ~ 15|15 or more", yr, "|")
	split("Yes|No|N/A", yn, "|")
	split("Female|Male|Prefer not to say", g, "|")
	print "id", "Please enter your e-mail address", "contact", "Q1 [five]", "Q2 [seven]", "Years", "Stance", "Gender", "#n", "@s", "ipaddr", "Note"
	for (i = 1; i <= 40; i++)
		print i, "p" i "@example.org", "c" i "@mail.example.com", "\"" a5[i % 5 + 1] "\"", "\"" a7[i % 7 + 1] "\"",
		      "\"" yr[i % 6 + 1] "\"", yn[i % 3 + 1], "\"" g[i % 3 + 1] "\"", yn[i % 2 + 1], a5[(i + 2) % 5 + 1],
		      "10.0.0." i, (i == 7 ? "\"mail me: x" i "@example.net\"" : (i % 2 ? "ok" : "fine"))
}'
