#!/usr/bin/python3
"""Side-by-side runner: artsim's JMH benchmarks and the Debian reference implementations on the
same data, in the same run, written as tables of ratios to artsim-bench/RESULTS.md.

    /usr/bin/python3 artsim-bench/python/side_by_side.py            # every area, default sizes
    /usr/bin/python3 artsim-bench/python/side_by_side.py --areas flat --quick

Each area runs its reference script (a JSON object on stdout) and then the matching JMH benchmarks
(`-rf json`), alternating so both see the same machine state; a reference whose Python package is
missing is reported as skipped, never dropped.  Needs the benchmarks jar
(mvn -B -q -DskipTests -pl artsim-bench -am package) and a JDK >= 21 (./artsim java finds one).
"""
import argparse, datetime, json, os, platform, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "artsim-bench", "target", "benchmarks.jar")
PY = "/usr/bin/python3"


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


def machine():
    model = sh("lscpu | sed -n 's/^Model name: *//p'")
    flags = sh("grep -m1 '^flags' /proc/cpuinfo")
    simd = "AVX-512" if "avx512f" in flags else ("AVX2" if "avx2" in flags else "no AVX2")
    mem = sh("free -g | awk '/Mem:/ {print $2}'")
    java = sh(f"{java_bin()} -version 2>&1 | head -1")
    pkgs = sh("dpkg-query -W -f='${Package} ${Version}\\n' python3-faiss python3-hnswlib python3-sklearn python3-torch libopenblas0-pthread 2>/dev/null")
    return {"cpu": f"{model}, {os.cpu_count()} cores, {simd}", "memory": f"{mem} GiB", "os": platform.platform(),
            "java": java, "references": pkgs.replace("\n", "; ")}


def java_bin():
    jdk = sh(os.path.join(ROOT, "artsim") + " java")
    return os.path.join(jdk, "bin", "java") if jdk else "java"


def run_reference(script, args):
    cmd = [PY, os.path.join(ROOT, "artsim-bench", "python", script)] + args
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1"))
    if p.returncode != 0:
        missing = re.search(r"No module named '([^']+)'", p.stderr)
        reason = f"python module {missing.group(1)} is not installed" if missing else p.stderr.strip().splitlines()[-1:]
        return {"skipped": str(reason)}, " ".join(cmd)
    return json.loads(p.stdout.strip().splitlines()[-1]), " ".join(cmd)


def run_jmh(pattern, params, quick):
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    timing = ["-wi", "1", "-w", "3", "-i", "2", "-r", "4"] if quick else []
    cmd = [java_bin(), "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", "-jar", JAR, pattern,
           "-f", "1", "-rf", "json", "-rff", out] + timing
    for k, v in params.items():
        cmd += ["-p", f"{k}={v}"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, OPT_OUT_TRACKING="true"))
    with open(out) as f:
        results = json.load(f)
    os.unlink(out)
    scores = {}
    for r in results:
        name = r["benchmark"].rsplit(".", 1)[-1]
        key = name + "".join(f"[{k}={v}]" for k, v in sorted(r.get("params", {}).items()) if k not in params)
        scores[key] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], r["primaryMetric"]["scoreUnit"])
    return scores, " ".join(["java", "--add-modules", "jdk.incubator.vector", "-jar", "artsim-bench/target/benchmarks.jar"] + cmd[6:])


def fmt(x):
    if x is None:
        return "—"
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}" if x >= 10 else f"{x:,.2f}"


# ------------------------------------------------------------------------------------------ areas
def area_flat(quick):
    params = {"n": 100000, "dim": 512, "batch": 1000}
    ref, ref_cmd = run_reference("flat_reference.py", ["--n", "100000", "--dim", "512", "--batch", "1000"])
    jmh, jmh_cmd = run_jmh("FlatSearchBenchmark", params, quick)
    ref2, _ = run_reference("flat_reference.py", ["--n", "100000", "--dim", "512", "--batch", "1000"])

    def refv(key):
        vals = [r[key] for r in (ref, ref2) if key in r]
        return max(vals) if vals else None

    rows = [
        ("exact top-10, one query per call, 1 thread", jmh["singleQuery"][0], refv("single_1t_qps"), "FAISS IndexFlatIP, 1 thread", "≥ 3"),
        ("exact top-10, batch of 1,000, 1 thread", jmh["batchQueries"][0], refv("batch_1t_qps"), "FAISS IndexFlatIP + OpenBLAS, 1 thread", "≥ 0.8"),
        ("exact top-10, batch of 1,000, 2 cores", None, refv("batch_omp1_blas2_qps"), "FAISS + OpenBLAS 2 threads (artsim: single-threaded batch)", "—"),
        ("exact top-10, one query per call, 1% label filter", jmh["singleQueryOnePercentFilter"][0], None, "(FAISS has no label filter)", "—"),
    ]
    notes = ("clip512: 100,000 × 512 unit vectors around 1,000 centres (σ 0.6), cosine = inner product, k = 10. "
             "The reference ran before and after the JMH run; its better figure is shown.")
    return "Exact flat search (queries/s)", rows, [ref_cmd, jmh_cmd], notes, ref.get("skipped")


def area_text(quick):
    ref, ref_cmd = run_reference("tfidf_reference.py", ["--reps", "3"])
    jmh, jmh_cmd = run_jmh("TfidfBenchmark", {}, quick)

    def ref_fit(setting):
        return ref[setting]["fit_transform_s_min"] if setting in ref else None

    def ref_qps(setting):
        if setting not in ref:
            return None
        return max(ref[setting]["query_loop_qps"] + ref[setting]["query_loop_csc_qps"])

    def ours(key):
        return jmh[key][0] if key in jmh else None

    rows = []
    for setting, label in (("default", "TfidfVectorizer()"), ("bigram15k", "english stop words, (1,2)-grams, min_df 2, 15,000 features")):
        fit_ms = ours(f"fit[settings={setting}]")
        theirs = ref_fit(setting)
        rows.append((f"fit 15,217 documents, {label} (fits/s)", 1000 / fit_ms if fit_ms else None,
                     1 / theirs if theirs else None, "scikit-learn fit_transform, best of 3", "≥ 1"))
        rows.append((f"single queries, top-10, {label} (q/s)", ours(f"query[settings={setting}]"), ref_qps(setting),
                     "scikit-learn transform + sparse product, one query at a time", "≥ 5"))
    rows.append(("single queries with typo/stem expansion, bigram15k (q/s)", ours("query[settings=bigram15k-forgiving]"),
                 ref_qps("bigram15k"), "scikit-learn exact terms only", "—"))
    notes = "Corpus: the 15,217 fortunes documents and 100 timing queries of shared/data/tfidf-sklearn; one thread."
    return "TF-IDF text search", rows, [ref_cmd, jmh_cmd], notes, ref.get("skipped")


AREAS = {"flat": area_flat, "text": area_text}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--areas", default=",".join(AREAS))
    ap.add_argument("--quick", action="store_true", help="shorter JMH iterations")
    ap.add_argument("--out", default=os.path.join(ROOT, "artsim-bench", "RESULTS.md"))
    a = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing: build it with mvn -B -q -DskipTests -pl artsim-bench -am package")
    m = machine()
    sections = []
    for name in a.areas.split(","):
        title, rows, cmds, notes, skipped = AREAS[name](a.quick)
        lines = [f"## {title}", "", notes, ""]
        if skipped:
            lines += [f"Reference skipped: {skipped}.", ""]
        lines += ["| figure | artsim | reference | ratio artsim/reference | target | reference is |", "|---|---|---|---|---|---|"]
        for label, ours, theirs, what, target in rows:
            ratio = f"{ours / theirs:.2f}×" if ours and theirs else "—"
            lines.append(f"| {label} | {fmt(ours)} | {fmt(theirs)} | {ratio} | {target} | {what} |")
        lines += ["", "Commands:", ""] + [f"    {c}" for c in cmds] + [""]
        sections.append("\n".join(lines))
    head = [
        "# artsim benchmark results", "",
        f"Written by `/usr/bin/python3 artsim-bench/python/side_by_side.py --areas {a.areas}{' --quick' if a.quick else ''}` "
        f"on {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC. Every artsim figure stands beside its reference measured in the same run.", "",
        "Machine:", "",
    ] + [f"- {k}: {v}" for k, v in m.items()] + [""]
    text = "\n".join(head) + "\n" + "\n".join(sections)
    marker = "<!-- generated above; hand-kept sections below -->"
    if os.path.exists(a.out):
        with open(a.out) as f:
            old = f.read()
        if marker in old:
            text += "\n" + marker + old.split(marker, 1)[1]
    else:
        text += "\n" + marker + "\n"
    with open(a.out, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
