# The levels of an item's scale in a codebook (the format of svy
# encode-likert), for the shares figure's key (pipelines/study/figures.mk):
#   awk -v item=NAME -f codebook-levels.awk CODEBOOK
# prints "value<TAB>label" for each level of the scale (@NAME) of the column
# that is named or renamed NAME; nothing when the codebook has none.
BEGIN { FS = "\t" }
/^#/ || NR == 1 { next }
$1 ~ /^@/ { if ($5 != "" && $5 != "missing" && !(($1, $5) in seen)) { seen[$1, $5] = 1; n[$1]++; val[$1, n[$1]] = $5; lab[$1, n[$1]] = $3 }; next }
($1 == item || $2 == item) && $3 ~ /^@/ { scale = $3 }
END { for (i = 1; i <= n[scale]; i++) print val[scale, i] "\t" lab[scale, i] }
