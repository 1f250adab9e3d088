#!/usr/bin/env bats
# The study's figures (pipelines/study/figures.mk, pipelines/study/fig-*.gp) and its
# one-page report (pipelines/study/steps.mk, pipelines/study/report.sh): made by the
# pipeline with the tools under test, valid files, readable labels, every
# section of the report, and byte-identical when made again.

load test_helper

FIGURES="awareness-histogram awareness-developer familiarity scree elbow"

# make in the repository with the tools of $BIN (never rebuilt: -o), into $OUT
study_make() {
	local args=() t
	for t in "$BIN"/*; do [[ -f $t ]] && args+=(-o "$t"); done
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		make -C "$SVY_ROOT" --no-print-directory "${args[@]}" \
		B="$OUT" BINDIR="$BIN" "$@"
}

setup_file() {
	export OUT="$BATS_FILE_TMPDIR/b"
	study_make -j4 study-outputs \
		>"$BATS_FILE_TMPDIR/make.log" 2>&1 ||
		{ cat "$BATS_FILE_TMPDIR/make.log" >&3; return 1; }
}

@test "every figure is drawn as SVG and PNG, listed in figures.stamp" {
	local f
	for f in $FIGURES; do
		[[ -s $OUT/figures/$f.svg ]] || fail "no $f.svg"
		[[ -s $OUT/figures/$f.png ]] || fail "no $f.png"
		grep -qx "$f.svg" "$OUT/figures.stamp" || fail "$f.svg not in figures.stamp"
		grep -qx "$f.png" "$OUT/figures.stamp" || fail "$f.png not in figures.stamp"
	done
	run find "$OUT/figures" -name '*.tmp'
	assert_output ''
}

@test "an SVG figure is a whole SVG document" {
	local f
	for f in $FIGURES; do
		run head -c 5 "$OUT/figures/$f.svg"
		[[ $output == '<?xml' || $output == '<svg'* ]] || fail "$f.svg starts with '$output'"
		grep -q '</svg>' "$OUT/figures/$f.svg" || fail "$f.svg: no </svg>"
	done
}

@test "a PNG figure has the PNG signature and its size" {
	local f
	for f in $FIGURES; do
		run sh -c "head -c 8 '$OUT/figures/$f.png' | od -An -tx1 | tr -d ' \n'"
		assert_output '89504e470d0a1a0a'
	done
	# IHDR: width and height, big-endian, at bytes 16-23
	run sh -c "od -An -tu1 -j16 -N4 '$OUT/figures/familiarity.png' | tr -s ' ' | sed 's/^ //'"
	assert_output '0 0 3 132'              # 900 wide (its height grows with the items)
	run sh -c "od -An -tu1 -j16 -N8 '$OUT/figures/scree.png' | tr -s ' ' | sed 's/^ //'"
	assert_output '0 0 3 32 0 0 1 244'     # 800 x 500
}

@test "figures: titled axes, the sample size, readable item labels" {
	local d=$OUT/figures
	grep -q 'Awareness score (0 = no awareness, 1 = high awareness)' "$d/awareness-histogram.svg"
	grep -q 'Participants' "$d/awareness-histogram.svg"
	grep -q 'n = 83' "$d/awareness-histogram.svg"
	grep -q 'ML developers' "$d/awareness-developer.svg"
	grep -q 'Awareness score' "$d/awareness-developer.svg"
	grep -q 'Share of participants' "$d/familiarity.svg"
	grep -q 'Eigenvalue' "$d/scree.svg"
	# the parallel analysis of the study file (FA_OPTIONS --parallel): psych's lines
	grep -q 'components of random data (mean)' "$d/scree.svg"
	grep -q 'factors of random data (mean)' "$d/scree.svg"
	grep -q 'Number of clusters k' "$d/elbow.svg"
	# item names become the paper's labels; no column name is left
	grep -q 'Differential privacy' "$d/familiarity.svg"
	grep -q 'Privacy-preserving record linkage' "$d/familiarity.svg"
	grep -q 'Model inversion' "$d/familiarity.svg"
	run grep -cE '(attack|method)_' "$d/familiarity.svg"
	assert_output 0
}

@test "Figure 9 groups the methods by the clusters of clusters.tsv" {
	local c n
	# one heading a cluster, with its number of methods
	while read -r c n; do
		grep -q "Methods, cluster $c ($n)" "$OUT/figures/familiarity.svg" ||
			fail "no heading 'Methods, cluster $c ($n)'"
	done < <(awk -F'\t' 'NR > 1 { n[$NF]++ } END { for (c in n) print c, n[c] }' "$OUT/clusters.tsv")
	grep -q 'Attacks (4)' "$OUT/figures/familiarity.svg"
}

@test "report.md has every section and links every figure" {
	local r=$OUT/report.md s f
	for s in '# Results of the awareness study' \
		'## Factor analysis: adequacy and fit' \
		'## Table 1. Items of the factor analysis, their loadings, retained' \
		'## The awareness score' \
		'## Hypothesis tests' \
		'Table 4. Hypotheses of RQ1 (one family; p* Benjamini-Hochberg)' \
		'Table 5. Hypotheses of RQ2 (one family; p* Benjamini-Hochberg)' \
		'## Clusters of the defence methods' \
		'## Agreement of the coders of the free-text answers' \
		'## Figures'; do
		grep -qxF "$s" "$r" || fail "no line '$s'"
	done
	for f in $FIGURES; do
		grep -qF "](figures/$f.png)" "$r" || fail "no link to figures/$f.png"
	done
}

@test "report.md: the numbers are those of the pipeline's files" {
	local r=$OUT/report.md kmo alpha q1 med q3 kappa
	# Table 1: one row an item of model.tsv
	run grep -c '^| .* | `[a-z_]*` | ' "$r"
	assert_output "$(($(wc -l <"$OUT/model.tsv") - 1))"
	grep -qF '| Differential privacy | `method_differential_privacy` |' "$r"
	apa() { printf '%.3f' "$1" | sed 's/^0\././; s/^-0\./-./'; }
	stat() { awk -F'\t' -v s="$2" '$1 == s { print $2 }' "$OUT/$1"; }
	# the study refits: adequacy is reported for all its items
	kmo=$(apa "$(stat factor-summary.tsv all_items_kmo)")
	alpha=$(apa "$(stat factor-summary.tsv alpha)")
	grep -qF "| Kaiser-Meyer-Olkin (KMO) (all 18 items) | $kmo |" "$r"
	grep -qF "| Cronbach's alpha of the retained items | $alpha " "$r"
	q1=$(apa "$(stat score-summary.tsv q1_awareness)")
	med=$(apa "$(stat score-summary.tsv median_awareness)")
	q3=$(apa "$(stat score-summary.tsv q3_awareness)")
	grep -qF "| First quartile | $q1 |" "$r"
	grep -qF "| Median | $med |" "$r"
	grep -qF "| Third quartile | $q3 |" "$r"
	kappa=$(apa "$(awk -F'\t' 'NR == 2 { print $8 }' "$OUT/kappa.tsv")")
	grep -qF "| $kappa | [" "$r"
	# the rows of Tables 4 and 5 are the report's, each effect size with its
	# interval added (hypotheses.md: report --ci)
	first=$(sed -n 5p "$OUT/table4.md") last=$(tail -n 1 "$OUT/table5.md")
	[ -n "$first" ] && [ -n "$last" ] || fail "tables 4 and 5 are empty"
	grep -qF "${first% |}, 95% CI [" "$r"
	grep -qF "${last% |}, 95% CI [" "$r"
}

@test "made again, every figure and the report are byte-identical" {
	local f
	mkdir "$BATS_TEST_TMPDIR/first"
	cp -p "$OUT"/figures/* "$OUT/report.md" "$OUT/figures.stamp" "$BATS_TEST_TMPDIR/first/"
	rm -rf "$OUT/figures" "$OUT/report.md" "$OUT/figures.stamp"
	run study_make -j4 study-outputs
	assert_success
	for f in "$BATS_TEST_TMPDIR"/first/*; do
		cmp "$f" "$OUT/${f##*/}" 2>/dev/null || cmp "$f" "$OUT/figures/${f##*/}" ||
			fail "${f##*/} differs"
	done
}

@test "report.sh: a missing input or a bad call is an error" {
	local rs=$SVY_ROOT/pipelines/study/report.sh
	mkdir -p d
	run sh "$rs" d
	assert_failure 1
	assert_output 'report.sh: d/steps.tsv: cannot read'
	run sh "$rs"
	assert_failure 2
	assert_output 'usage: report.sh [-l LABELS] [-t TITLE] [-k CLUSTER_TITLE] [-n NOUN] [-s SHARES] [-r REPORT] DIR'
	# the files steps.tsv lists for the steps run
	cp "$OUT"/steps.tsv "$OUT"/figures.tsv d/
	run sh "$rs" d
	assert_failure 1
	assert_output 'report.sh: d/clean.tsv: cannot read'
	cp "$OUT"/*.tsv "$OUT"/*.md d/
	rm d/table5.md
	run sh "$rs" d
	assert_failure 1
	assert_output 'report.sh: d/table5.md: cannot read'
	cp "$OUT"/table5.md d/
	run sh "$rs" d
	assert_failure 1
	assert_output 'report.sh: d/figures/awareness-histogram.png: cannot read'
	mkdir d/figures
	cp "$OUT"/figures/*.png d/figures/
	# the numbers are formatted by svy-report: the page as the pipeline's
	run sh "$rs" -r "$BIN/report" -l "$SVY_ROOT/pipelines/studies/awareness/labels.tsv" \
		-t 'Results of the awareness study' -k 'Clusters of the defence methods' -n method -s familiarity d
	assert_success
	assert_output "$(cat "$OUT/report.md")"
	run -127 sh "$rs" -r /no/such/report d
}

@test "report.md: numbers through svy-report's APA formats, no negative zero, > .999" {
	local rs=$SVY_ROOT/pipelines/study/report.sh
	mkdir -p d/figures
	cp "$OUT"/*.tsv "$OUT"/*.md d/
	printf 'step\trun\twhat\tfiles\nfactor\tyes\tthe factor analysis\tfactor-summary.tsv\n' >d/steps.tsv
	printf 'figure\tcaption\n' >d/figures.tsv
	# a Bartlett p that rounds to 1 and a KMO that rounds to -0
	awk -F'\t' -v OFS='\t' '$1 == "all_items_bartlett_p" { $2 = "0.99996" } $1 == "all_items_kmo" { $2 = "-0.0001" } 1' \
		"$OUT/factor-summary.tsv" >d/factor-summary.tsv
	run sh "$rs" -r "$BIN/report" d
	assert_success
	assert_line --regexp '^\| Bartlett test of sphericity \(all 18 items\) \| χ²\([0-9]+\) = [0-9]+\.[0-9]{2}, p > \.999 \|$'
	assert_line '| Kaiser-Meyer-Olkin (KMO) (all 18 items) | .000 |'
	refute_line --partial 'reversed'
	# the items factor reversed (FA_REVERSE: its summary's row 'reversed'), escaped
	printf 'reversed\tattack_inversion,a|b<i>\n' >>d/factor-summary.tsv
	run sh "$rs" -r "$BIN/report" d
	assert_success
	assert_line '| Items reversed before the fit (max + min - x) | attack_inversion,a\|b&lt;i&gt; |'
}

@test "figure data: a missing column is named" {
	local p=$SVY_ROOT/pipelines/study
	printf 'k\tinertia\n1\t0.5\n' >in.tsv
	run awk -v cols=k,inertia,chosen -f "$p/labels.awk" -f "$p/fig-columns.awk" in.tsv
	assert_failure 1
	assert_output "fig-columns: in.tsv: no column 'chosen'"
	printf 'id\tscore\n1\t0.5\n' >s.tsv
	run awk -v score=awareness -f "$p/labels.awk" -f "$p/fig-hist.awk" s.tsv
	assert_failure 1
	assert_output "fig-hist: s.tsv: no column 'awareness'"
	printf 'awareness\tgroup\n0.5\t\n' >g.tsv
	run awk -v score=awareness -v group=group -v gp=g.gp -f "$p/labels.awk" -f "$p/fig-groups.awk" g.tsv
	assert_failure 1
	assert_output "fig-groups: g.tsv: no rows with both awareness and group"
	awk 'BEGIN { print "s\tg"; for (i = 1; i <= 31; i++) print "0.5\tl" i }' >g.tsv
	run awk -v score=s -v group=g -v gp=g.gp -f "$p/labels.awk" -f "$p/fig-groups.awk" g.tsv
	assert_failure 1
	assert_output "fig-groups: g.tsv: column 'g': 31 levels, too many to draw (30 at most)"
}

@test "box plots: a group a level, in numeric or byte order, labelled, escaped for gnuplot" {
	local p=$SVY_ROOT/pipelines/study
	printf 'column\tlabel\ng=10\tTen "x"\n' >labels.tsv
	printf 's\tg\n0.1\t10\n0.2\t9\n0.3\t10\n\t9\n0.4\t\n' >g.tsv
	run awk -v labels=labels.tsv -v score=s -v group=g -v gp=g.gp -f "$p/labels.awk" -f "$p/fig-groups.awk" g.tsv
	assert_success
	assert_output "$(printf '2\t0.1\n1\t0.2\n2\t0.3')"
	run cat g.gp
	assert_output 'k = 2
set xtics ("9\n(n = 1)" 1, "Ten \"x\"\n(n = 2)" 2) nomirror scale 0'
	printf 's\tg\n0.1\tb_x\n0.2\ta\n' >g.tsv
	run awk -v score=s -v group=g -v gp=g.gp -f "$p/labels.awk" -f "$p/fig-groups.awk" g.tsv
	run cat g.gp
	assert_line --index 1 'set xtics ("a\n(n = 1)" 1, "b\\_x\n(n = 1)" 2) nomirror scale 0'
}

@test "shares figure data: any number of levels, items by group and cluster" {
	local p=$SVY_ROOT/pipelines/study
	printf 'column\tn\tshare_a\tshare_b\nx_1\t10\t0.5\t0.5\ny_1\t10\t0.2\t0.8\ny_2\t10\t0.9\t0.1\nz\t4\t1\t0\n' >sh.tsv
	printf 'column\tcluster\ny_1\t2\ny_2\t1\n' >cl.tsv
	run awk -v items= -v groups='x_=Xs|y_=Ys' -v gp=s.gp -f "$p/labels.awk" -f "$p/fig-shares.awk" cl.tsv sh.tsv
	assert_success
	assert_output "$(printf '1\tX 1\t50\t50\t10\n3.6\tY 2\t90\t10\t10\n6.2\tY 1\t20\t80\t10\n8.8\tZ\t100\t0\t4\n\n\n0\tXs (1)\n2.6\tYs, cluster 1 (1)\n5.2\tYs, cluster 2 (1)\n7.8\tOthers (1)\n\n\n1.8\n4.4\n7')"
	run cat s.gp
	assert_output 'k = 2'
	# FIG_SHARES_ITEMS: patterns as the study file writes them
	run awk -v items='y_* z' -v groups='x_=Xs|y_=Ys' -v gp=s.gp -f "$p/labels.awk" -f "$p/fig-shares.awk" cl.tsv sh.tsv
	assert_success
	assert_line --index 0 "$(printf '1\tY 2\t90\t10\t10')"
	refute_line --partial 'X 1'
	run awk -v items='q_*' -v gp=s.gp -f "$p/labels.awk" -f "$p/fig-shares.awk" cl.tsv sh.tsv
	assert_failure 1
	assert_output "fig-shares: sh.tsv: no item matching 'q_*'"
}

@test "item patterns: * and ? as the shell's, every other character itself" {
	local p=$SVY_ROOT/pipelines/study
	printf 'column\tn\na.b\t1\naxb\t2\nm_(1)\t3\nm_2\t4\nz|y\t5\n' >rows.tsv
	while IFS='|' read -r items want; do
		run awk -v items="$items" -f "$p/labels.awk" -f "$p/select-rows.awk" rows.tsv
		assert_success
		assert_equal "$(tail -n +2 <<<"$output" | cut -f1 | tr '\n' ' ')" "$want"
	done <<-'EOF_CASES'
		a.b|a.b 
		a?b|a.b axb 
		m_*|m_(1) m_2 
		m_(?)|m_(1) 
		*y a*|a.b axb z|y 
	EOF_CASES
	run awk -v items='method_' -f "$p/labels.awk" -f "$p/select-rows.awk" rows.tsv
	assert_failure 1
	assert_output "select-rows: rows.tsv: no item matching 'method_'"
}

@test "figure labels: the table's label, else the default given, else the name made readable" {
	local p=$SVY_ROOT/pipelines/study
	cat >t.awk <<-'EOF'
		BEGIN { print label("method_differential_privacy"); print label("attack_inversion")
			print label("method_new_idea"); print label("ml_developer=1", "1")
			print label("ml_developer=7", "7"); print label("plain") }
	EOF
	run awk -v labels="$SVY_ROOT/pipelines/studies/awareness/labels.tsv" -f "$p/labels.awk" -f t.awk
	assert_output $'Differential privacy\nModel inversion\nMethod new idea\nML developers\n7\nPlain'
	# no label file at all
	run awk -f "$p/labels.awk" -f t.awk
	assert_output $'Method differential privacy\nAttack inversion\nMethod new idea\n1\n7\nPlain'
}
