#!/bin/sh
# Expected outputs of test/65-cluster.bats, from scikit-learn (via the
# project's test/refs/ref.py: KMeans(init="k-means++", n_init=50,
# algorithm="lloyd", random_state=0)) and R kmeans(nstart = 50) (kmeans.R here).
# Inputs (make-inputs.py) and expected values; from anywhere (make refs runs
# it from the repository root):  sh test/data/cluster/make-expected.sh
set -eu
cd "$(dirname "$0")"
REF=${REF:-../../refs/ref.py}
/usr/bin/python3 make-inputs.py
py() { /usr/bin/python3 "$REF" "$@"; }

py kmeans share_0 share_1 share_2 --k 3 < methods.tsv > methods.sklearn.k3
Rscript kmeans.R 3 1 share_0 share_1 share_2 < methods.tsv > methods.R.k3
py kmeans-elbow share_0 share_1 share_2 --kmax 8 < methods.tsv > methods.sklearn.elbow
for k in 2 4 6 8; do
	py kmeans x1 x2 x3 x4 --k $k < blobs.tsv > blobs.sklearn.k$k
	Rscript kmeans.R $k 1 x1 x2 x3 x4 < blobs.tsv > blobs.R.k$k
done
py kmeans-elbow x1 x2 x3 x4 --kmax 10 < blobs.tsv > blobs.sklearn.elbow
for k in 3 4; do
	py kmeans a b c --k $k < ties.tsv > ties.sklearn.k$k 2>/dev/null
	Rscript kmeans.R $k 1 a b c < ties.tsv > ties.R.k$k
done
