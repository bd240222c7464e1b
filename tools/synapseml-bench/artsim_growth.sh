#!/usr/bin/env bash
# How artsim-spark's conditional kNN cost grows with the collection and with the number of shards
# (artsim side only: SynapseML does not shard). For each ITEMS count: the data (make_data.py), then
# ArtsimKnn broadcast flat and partitioned flat on each shard count of SHARD_LIST, local[CORES].
# Usage (from the repository root): tools/synapseml-bench/artsim_growth.sh "ITEMS..." QUERIES DIM [K] [CORES] [SHARD_LIST]
#   e.g. tools/synapseml-bench/artsim_growth.sh "50000 200000 500000" 200 512 10 2 1,2,4,8
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
sizes="$1" q="$2" d="$3" k="${4:-10}" cores="${5:-2}" shard_list="${6:-1,2,4,8}"
export OPT_OUT_TRACKING=true
echo "# CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
cp_file="${SIDE_BY_SIDE_DIR:-$root/target/side-by-side}/spark-cp.txt"
mkdir -p "$(dirname "$cp_file")"
(cd "$root" && mvn -B -o -q -pl artsim-spark -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test -Dcheckstyle.skip -Dforbiddenapis.skip >&2)
java="$("$root/artsim" java)/bin/java"
for n in $sizes; do
  data="${SIDE_BY_SIDE_DIR:-$root/target/side-by-side}/$n-$q-$d"
  [ -f "$data/items.fvecs" ] || /usr/bin/python3 "$root/tools/synapseml-bench/make_data.py" "$data" "$n" "$q" "$d"
  echo "# $n items; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  (cd "$root/artsim-spark" && "$java" -Xmx"${ARTSIM_HEAP:-8g}" --add-modules jdk.incubator.vector -Dai.djl.offline=true \
    -cp "target/test-classes:target/classes:$(cat "$cp_file")" org.artsim.spark.bench.SparkSideBySide "$data" "$k" "$cores" 1 1 "$shard_list" 2>&1 \
    | grep -E '^\||^artsim')
done
