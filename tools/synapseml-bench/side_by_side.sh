#!/usr/bin/env bash
# The Spark side-by-side: the same vectors answered by SynapseML 1.1.3 (Spark 3.5, JDK 17) and by
# artsim-spark (Spark 4.2, JDK 21+), then the share of queries whose top-k ids are identical.
# Usage (from the repository root): tools/synapseml-bench/side_by_side.sh ITEMS QUERIES DIM [K] [CORES] [SHARDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n="$1" q="$2" d="$3" k="${4:-10}" cores="${5:-2}" shards="${6:-4}"
data="${SIDE_BY_SIDE_DIR:-$root/target/side-by-side}/$n-$q-$d"
export OPT_OUT_TRACKING=true
echo "# CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$data/items.fvecs" ] || /usr/bin/python3 "$root/tools/synapseml-bench/make_data.py" "$data" "$n" "$q" "$d"
"$root/tools/synapseml-bench/run.sh" "$data" "$k" "$cores" 2>&1 | grep -E '^\||^synapseml'
(cd "$root" && mvn -B -o -q -pl artsim-spark -am test-compile dependency:build-classpath -Dmdep.outputFile="$data/spark-cp.txt" \
  -Dmdep.includeScope=test -Dcheckstyle.skip -Dforbiddenapis.skip >&2)
java="$("$root/artsim" java)/bin/java"
(cd "$root/artsim-spark" && "$java" -Xmx"${ARTSIM_HEAP:-8g}" --add-modules jdk.incubator.vector -Dai.djl.offline=true \
  -cp "target/test-classes:target/classes:$(cat "$data/spark-cp.txt")" org.artsim.spark.bench.SparkSideBySide "$data" "$k" "$cores" "$shards" 2>&1 \
  | grep -E '^\||^artsim|^partitioned')
/usr/bin/python3 - "$data" <<'PY'
import sys
a = open(sys.argv[1] + "/artsim-topk.tsv").read().splitlines()
b = open(sys.argv[1] + "/synapseml-topk.tsv").read().splitlines()
same = sum(x == y for x, y in zip(a, b))
print(f"identical top-k ids (artsim drop-in vs SynapseML): {same} of {len(b)} queries")
PY
