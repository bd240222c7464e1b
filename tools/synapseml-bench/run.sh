#!/usr/bin/env bash
# Runs SynapseML 1.1.3's ConditionalKNN on Spark 3.5 (JDK 17) over DATA_DIR (written by make_data.py).
# Usage: tools/synapseml-bench/run.sh DATA_DIR K CORES [ROUNDS]   (heap: SYNAPSEML_HEAP, default 8g)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
java17="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
if [ ! -f "$here/target/cp.txt" ] || [ "$here/pom.xml" -nt "$here/target/cp.txt" ] || [ -n "$(find "$here/src" -newer "$here/target/cp.txt" -print -quit)" ]; then
  (cd "$here" && mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2)
fi
# The module openings Spark's own launcher passes on JDK 17 (JavaModuleOptions in Spark 3.5).
opens=()
for p in java.base/java.lang java.base/java.lang.invoke java.base/java.lang.reflect java.base/java.io java.base/java.net \
         java.base/java.nio java.base/java.util java.base/java.util.concurrent java.base/java.util.concurrent.atomic \
         java.base/sun.nio.ch java.base/sun.nio.cs java.base/sun.security.action java.base/sun.util.calendar; do
  opens+=(--add-opens="$p=ALL-UNNAMED")
done
export SPARK_USER="${SPARK_USER:-artsim}"
exec "$java17" -Xmx"${SYNAPSEML_HEAP:-8g}" "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false \
  -cp "$here/target/classes:$(cat "$here/target/cp.txt")" org.artsim.tools.synapseml.SynapseMLSideBySide "$@"
