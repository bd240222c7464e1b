#!/usr/bin/python3
"""Side-by-side runner: artsim's JMH benchmarks and the Debian reference implementations on the
same data, in the same run, written as tables of ratios to artsim-bench/RESULTS.md.

    /usr/bin/python3 artsim-bench/python/side_by_side.py            # every area, default sizes
    /usr/bin/python3 artsim-bench/python/side_by_side.py --areas flat --quick
    /usr/bin/python3 artsim-bench/python/side_by_side.py --full           # big machines (see README)
    /usr/bin/python3 artsim-bench/python/side_by_side.py --smoke --out /tmp/r.md --results-dir /tmp/res

Sizes: --smoke (n ~ 3,000, a few queries, JMH -wi 0 -i 1 -r 1: checks every area end to end, the
figures mean nothing), --quick (minutes per area on 2 cores), default, --full (issue sizes, incl.
k-medoids/CLARA at n = 50,000 and uniqueness at 100,000). Areas: flat, text, hnsw, trees,
recommend, embed (--device gpu:0 runs the embedders on a GPU with a jar built with -Pcuda).

Each area runs its reference script (a JSON object on stdout) and then the matching JMH benchmarks
(`-rf json`), alternating so both see the same machine state; a reference whose Python package is
missing is reported as skipped, never dropped.  Needs the benchmarks jar
(mvn -B -q -DskipTests -pl artsim-bench -am package) and a JDK >= 21 (./artsim java finds one).
"""
import argparse, datetime, json, os, platform, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "artsim-bench", "target", "benchmarks.jar")
PY = "/usr/bin/python3"
MODE = "default"  # smoke | quick | default | full; set by main()
RESULTS_DIR = os.path.join(ROOT, "artsim-bench", "results")
OUT_MD = os.path.join(ROOT, "artsim-bench", "RESULTS.md")


def size(smoke, quick, default, full):
    """The value for the current size setting."""
    return {"smoke": smoke, "quick": quick, "default": default, "full": full}[MODE]


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
    pkgs = sh("dpkg-query -W -f='${Package} ${Version}\\n' python3-faiss python3-hnswlib python3-sklearn python3-torch python3-torchvision libopenblas0-pthread 2>/dev/null")
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
        return {"skipped": str(reason)}, shown(cmd)
    return json.loads(p.stdout.strip().splitlines()[-1]), shown(cmd)


def shown(cmd):
    """A command as RESULTS.md prints it: paths relative to the repository, temporary result files named result.json."""
    return " ".join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in cmd)


def run_jmh(pattern, params, quick, timing=None):
    """Runs JMH benchmarks; timing (a list of JMH options) replaces the size setting's iterations."""
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    if timing is None:
        timing = (["-wi", "0", "-i", "1", "-r", "1", "-w", "1"] if MODE == "smoke"
                  else ["-wi", "1", "-w", "3", "-i", "2", "-r", "4"] if quick else [])
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
        key = name + "".join(f"[{k}={v}]" for k, v in sorted(r.get("params", {}).items()) if k not in params or "," in str(params[k]))
        scores[key] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], r["primaryMetric"]["scoreUnit"])
    return scores, " ".join(["java", "--add-modules", "jdk.incubator.vector", "-jar", "artsim-bench/target/benchmarks.jar"]
                            + ["result.json" if c == out else c for c in cmd[6:]])


def fmt(x):
    if x is None:
        return "—"
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}" if x >= 10 else f"{x:,.2f}"


# ------------------------------------------------------------------------------------------ areas
def area_flat(quick):
    n = str(size(3000, 100000, 100000, 100000))
    cores = os.cpu_count() or 1
    params = {"n": int(n), "dim": 512, "batch": 1000, "threads": 1}
    ref, ref_cmd = run_reference("flat_reference.py", ["--n", n, "--dim", "512", "--batch", "1000"])
    jmh, jmh_cmd = run_jmh("FlatSearchBenchmark", params, quick)
    jmh_all, jmh_all_cmd = run_jmh("FlatSearchBenchmark.batchQueries", dict(params, threads=cores), quick)
    ref2, _ = run_reference("flat_reference.py", ["--n", n, "--dim", "512", "--batch", "1000"])

    def refv(*keys):
        vals = [r[key] for r in (ref, ref2) for key in keys if key in r]
        return max(vals) if vals else None

    rows = [
        ("exact top-10, one query per call, 1 thread", jmh["singleQuery"][0], refv("single_1t_qps"), "FAISS IndexFlatIP, 1 thread", "≥ 3"),
        ("exact top-10, batch of 1,000, 1 thread", jmh["batchQueries"][0], refv("batch_1t_qps"), "FAISS IndexFlatIP + OpenBLAS, 1 thread", "≥ 0.8"),
        (f"exact top-10, batch of 1,000, {cores} cores", jmh_all["batchQueries"][0], refv("batch_all_qps", "batch_omp1_blas2_qps"),
         f"FAISS + OpenBLAS, best all-core figure ({cores} threads)", "≥ 0.8"),
        ("exact top-10, one query per call, 1% label filter", jmh["singleQueryOnePercentFilter"][0], None, "(FAISS has no label filter)", "—"),
    ]
    notes = (("--smoke: n = 3,000, figures meaningless. " if MODE == "smoke" else "") + "clip512: 100,000 × 512 unit vectors around 1,000 centres (σ 0.6), cosine = inner product, k = 10. "
             "The reference ran before and after the JMH run; its better figure is shown.")
    return "Exact flat search (queries/s)", rows, [ref_cmd, jmh_cmd, jmh_all_cmd], notes, ref.get("skipped")


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


def run_java(cls, args):
    """Runs a main class from the benchmarks jar; returns (stdout, command as documented)."""
    cmd = [java_bin(), "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", "-cp", JAR, cls] + [str(a) for a in args]
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, OPT_OUT_TRACKING="true"))
    if p.returncode != 0:
        raise RuntimeError(f"{cls} failed: {p.stderr.strip()[-2000:]}")
    return p.stdout, " ".join(["java", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", "-cp", "artsim-bench/target/benchmarks.jar"] + cmd[6:])


def read_csv(path):
    import csv
    with open(path) as f:
        return list(csv.DictReader(f))


def rel(path):
    return os.path.relpath(path, os.path.dirname(os.path.abspath(OUT_MD)))


def at_recall(points, target=0.95):
    """points: [(recall, qps)] in ef order. Returns (q/s at the smallest ef with recall >= target,
    that ef's index) and q/s interpolated linearly at recall = target between the bracketing points."""
    first = next((i for i, (r, _) in enumerate(points) if r >= target), None)
    interp = None
    for (r1, q1), (r2, q2) in zip(points, points[1:]):
        if r1 < target <= r2:
            interp = q1 + (target - r1) * (q2 - q1) / (r2 - r1)
            break
    return (points[first][1] if first is not None else None), first, interp


def plot_curves(curves, title, png):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        print(f"plot {png} skipped: matplotlib is missing ({e}); install python3-matplotlib", file=sys.stderr)
        return False
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for lib, pts in curves.items():
        ax.plot([r for r, _, _ in pts], [q for _, q, _ in pts], marker="o", label=lib)
        for r, q, ef in pts:
            ax.annotate(str(ef), (r, q), fontsize=7, textcoords="offset points", xytext=(3, 3))
    ax.axvline(0.95, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel("recall@10")
    ax.set_ylabel("queries/s (1 thread, log)")
    ax.set_yscale("log")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(png, dpi=120)
    plt.close(fig)
    return True


def area_hnsw(quick):
    efs = "10,20,40,80,160,320"
    sets = [("fmnist", "Fashion-MNIST", size(3000, 20000, 60000, 60000), 784, "L2"),
            ("clip512", "clip512", size(3000, 20000, 100000, 100000), 512, "cosine")]
    nq = size(100, 300, 1000, 1000)
    reps = size(1, 2, 2, 3)
    rows, cmds, pngs, skipped = [], [], [], None
    os.makedirs(RESULTS_DIR, exist_ok=True)
    for data, label, n, dim, metric in sets:
        tmp_ref = tempfile.NamedTemporaryFile(suffix=".csv", delete=False).name
        tmp_ours = tempfile.NamedTemporaryFile(suffix=".csv", delete=False).name
        ref_args = [PY, "artsim-bench/python/index_reference.py", "--data", data, "--n", str(n), "--queries", str(nq),
                    "--ef", efs, "--threads", "2", "--balltree-queries", "0", "--reps", str(reps), "--out", tmp_ref]
        p = subprocess.run(ref_args, cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1"))
        if p.returncode != 0:
            skipped = (p.stderr.strip().splitlines() or ["failed"])[-1]
            ref_rows = []
        else:
            ref_rows = read_csv(tmp_ref)
        cmds.append(" ".join(ref_args[:-1] + ["<tmp.csv>"]))
        _, cmd = run_java("org.artsim.bench.index.RecallHarness", ["--data", data, "--n", n, "--queries", nq, "--providers", "hnsw-lucene,hnsw",
                                                                  "--ef", efs, "--threads", 2, "--reps", reps, "--out", tmp_ours])
        cmds.append(cmd.replace(tmp_ours, "<tmp.csv>"))
        ours_rows = read_csv(tmp_ours)
        os.unlink(tmp_ours)
        os.unlink(tmp_ref)
        curves = {}
        merged = ["data,library,n,dim,ef,recall10,qps,qps_cpu,build_s,build_cpu_s"]
        for r in ref_rows:
            ef = int(r["param"].split("=")[1])
            curves.setdefault("hnswlib", []).append((float(r["recall10"]), float(r["qps"]), ef, float(r["qps_cpu"]), float(r["build_s"]), r["build_cpu_s"]))
        for r in ours_rows:
            curves.setdefault(r["provider"], []).append((float(r["recall10"]), float(r["qps"]), int(r["ef"]), float(r["qps_cpu"]), float(r["build_s"]), r["build_cpu_s"]))
        for lib, pts in curves.items():
            for rc, q, ef, qc, b, bc in pts:
                merged.append(f"{data},{lib},{n},{dim},{ef},{rc:.4f},{q:.0f},{qc:.0f},{b:.1f},{bc}")
        csv_path = os.path.join(RESULTS_DIR, f"hnsw-{data}.csv")
        with open(csv_path, "w") as f:
            f.write("\n".join(merged) + "\n")
        png = os.path.join(RESULTS_DIR, f"hnsw-{data}.png")
        if plot_curves({k: [(r, q, ef) for r, q, ef, _, _, _ in v] for k, v in curves.items()},
                       f"HNSW {label} {n:,}×{dim} {metric}, M=16, efC=200", png):
            pngs.append(f"[{label} plot]({rel(png)})")
        pngs.append(f"[{label} CSV]({rel(csv_path)})")

        def summary(lib):
            pts = curves.get(lib)
            if not pts:
                return None, None, None, None
            first_q, i, interp = at_recall([(r, q) for r, q, _, _, _, _ in pts])
            return first_q, (pts[i][2] if i is not None else None), interp, pts[0][4]
        ref_first, ref_ef, ref_interp, ref_build = summary("hnswlib")
        for prov in ("hnsw-lucene", "hnsw"):
            f_q, f_ef, i_q, b = summary(prov)
            rows.append((f"{label} {n:,}: q/s at smallest ef with recall@10 ≥ 0.95, {prov} (ef {f_ef or '—'}) vs hnswlib (ef {ref_ef or '—'})",
                         f_q, ref_first, "hnswlib 1 thread, same ef sweep", "≥ 1"))
            rows.append((f"{label} {n:,}: q/s interpolated at recall@10 = 0.95, {prov}", i_q, ref_interp, "hnswlib, same interpolation", "≥ 1"))
            rows.append((f"{label} {n:,}: build time (s), 2 threads, {prov}", b, ref_build, "hnswlib add_items, 2 threads", "— (lower is better)"))
    notes = (f"HNSW M=16, efConstruction=200, ef ∈ {{{efs}}}; {nq} queries, one at a time on one thread, best of {reps} passes "
             "(wall-clock q/s; the CSVs also hold CPU-time q/s). Fashion-MNIST: first n training images, test images as queries, L2; "
             "clip512: the generated clustered unit vectors (1,000 centres, σ 0.6/√512, seed 42; same recipe, Java and numpy draws differ), cosine. "
             "Ground truth: exact search. 'Interpolated' is linear in (recall, q/s) between the two ef points that bracket recall 0.95 "
             "(— when no pair brackets it). Build-time ratios are artsim/hnswlib seconds (below 1 is faster). "
             + ("Sizes are the --smoke/--quick reductions shown in the row labels. " if MODE in ("smoke", "quick") else "")
             + "Curves: " + ", ".join(pngs) + ".")
    return "HNSW recall@10 vs queries/s", rows, cmds, notes, skipped


def area_trees(quick):
    n = size(3000, 20000, 60000, 60000)
    cn = size(3000, 20000, 100000, 100000)
    nq = size(50, 100, 200, 500)
    tmp = tempfile.NamedTemporaryFile(suffix=".csv", delete=False).name
    ref_args = [PY, "artsim-bench/python/index_reference.py", "--data", "fmnist", "--n", str(n), "--queries", str(nq), "--ef", "10",
                "--balltree-queries", str(nq), "--reps", "1", "--out", tmp]
    p = subprocess.run(ref_args, cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1"))
    skipped = None
    bt = {}
    if p.returncode != 0:
        skipped = (p.stderr.strip().splitlines() or ["failed"])[-1]
    else:
        bt = next((r for r in read_csv(tmp) if r["library"] == "sklearn-balltree"), {})
    _, cmd = run_java("org.artsim.bench.index.TreeHarness", ["--n", n, "--queries", nq, "--cn", cn, "--labels", "cluster", "--out", tmp])
    ours = read_csv(tmp)
    os.unlink(tmp)

    def get(data_prefix, what, sel, col="qps"):
        for r in ours:
            if r["data"].startswith(data_prefix) and r["what"] == what and r["selectivity"] == str(sel):
                return float(r[col])
        return None
    rows = [(f"Fashion-MNIST {n:,}×784 L2: exact 10-NN q/s, ball tree", get("fmnist", "balltree-query", 100),
             float(bt["qps"]) if bt else None, "scikit-learn BallTree(leaf_size=40).query, 1 thread", "≥ 2"),
            (f"Fashion-MNIST {n:,}: ball-tree build (s)", get("fmnist", "balltree-query", 100, "build_s"),
             float(bt["build_s"]) if bt else None, "scikit-learn BallTree build", "— (lower is better)")]
    for sel in (50, 10, 1):
        rows.append((f"clip512 {cn:,}×512 cosine: conditional 10-NN at {sel}% selectivity (q/s), ball tree",
                     get("clip512", "balltree-conditional", sel), get("clip512", "postfilter-flat-exact", sel),
                     "artsim exact flat search for 10·100/sel hits, then filtered (post-filter)", "≥ 10" if sel == 1 else "—"))
        rows.append((f"clip512 {cn:,}: conditional 10-NN at {sel}% selectivity (q/s), flat index with filter",
                     get("clip512", "flat-conditional", sel), get("clip512", "postfilter-flat-exact", sel), "same post-filter", "—"))
    notes = (f"{nq} queries, one at a time on one thread (wall-clock q/s, best of 2 passes after a warm-up for artsim; one pass for scikit-learn). "
             "Conditional queries: labels follow the clusters (bucket = cluster mod 100/sel), filter = one bucket; the reference is "
             "'post-filter an exact search' as TreeHarness measures it (artsim's exact flat search asked for 10·100/sel hits, then filtered), "
             "scikit-learn has no conditional query. "
             + ("Sizes are the --smoke/--quick reductions shown in the row labels." if MODE in ("smoke", "quick") else ""))
    return "Ball tree and conditional kNN", rows, [" ".join(ref_args[:-1] + ["<tmp.csv>"]), cmd.replace(tmp, "<tmp.csv>")], notes, skipped


def area_recommend(quick):
    rows, cmds, notes = [], [], []
    n = size(1000, 5000, 10000, 10000)
    out, cmd = run_java("org.artsim.bench.recommend.KMedoidsSideBySide", ["fmnist", n, "10,100", "matrix"])
    cmds.append(cmd)
    for line in out.splitlines():
        c = [x.strip() for x in line.strip().strip("|").split("|")]
        if len(c) == 11 and c[0] == "fmnist":
            k, ours_s, theirs_s, loss_ratio = c[2], float(c[4]), float(c[5]), float(c[9])
            rows.append((f"k-medoids FasterPAM, Fashion-MNIST n={n:,}, k={k}, same LAB start: swap phase (1/s)",
                         1 / ours_s if ours_s else None, 1 / theirs_s if theirs_s else None, "ELKI 0.8.0 FasterPAM, same JVM, same matrix", "≥ 1"))
            rows.append((f"k-medoids n={n:,}, k={k}: loss (total deviation, lower is better)", float(c[7]), float(c[8]),
                         f"ELKI loss; exact ratio {loss_ratio:.6f}", "≤ 1.01"))
    if MODE == "full":
        out, cmd = run_java("org.artsim.bench.recommend.KMedoidsSideBySide", ["fmnist", 50000, "10,100", "clara"])
        cmds.append(cmd)
        for line in out.splitlines():
            c = [x.strip() for x in line.strip().strip("|").split("|")]
            if len(c) == 10 and c[0] == "fmnist":
                rows.append((f"CLARA, Fashion-MNIST n=50,000, k={c[2]}, {c[3]} (1/s)", 1 / float(c[4]), 1 / float(c[5]),
                             "ELKI FasterCLARA (own random samples)", "≥ 1"))
                rows.append((f"CLARA n=50,000, k={c[2]}: loss (lower is better)", float(c[7]), float(c[8]),
                             f"ELKI loss; exact ratio {float(c[9]):.6f}", "≤ 1.01"))
    un = size(3000, 20000, 20000, 100000)
    npy = os.path.join(tempfile.gettempdir(), f"artsim-uniq-blobs64-{un}.npy")
    subprocess.run([PY, os.path.join(ROOT, "artsim-bench", "python", "uniqueness_reference.py"), str(un), "64", "--write-npy", npy], check=True)
    ref, ref_cmd = run_reference("uniqueness_reference.py", ["--npy", npy, "--json", "--reps", "2"])
    jmh, jmh_cmd = run_jmh("UniquenessBenchmark", {"data": "file:" + npy, "n": un, "metric": "cosine"}, quick)
    cmds += [f"{PY} artsim-bench/python/uniqueness_reference.py {un} 64 --write-npy {npy}", ref_cmd, jmh_cmd]
    ours_ms = jmh["uniqueness"][0] if "uniqueness" in jmh else None
    rows.append((f"uniqueness, {un:,} blobs × 64, cosine, 3-NN rule (runs/s)", 1000 / ours_ms if ours_ms else None,
                 1 / ref["seconds"] if "seconds" in ref else None, "scikit-learn NearestNeighbors brute cosine (FiftyOne's sklearn path), 1 thread", "≥ 1"))
    rn = size(3000, 20000, 100000, 100000)
    jmh, jmh_cmd = run_jmh("RecommenderBenchmark", {"n": rn, "likes": 5}, quick)
    cmds.append(jmh_cmd)
    rows.append((f"likes recommender, recommend(10) with 5 likes, flat clip512 {rn:,}×512 (calls/s)",
                 1e6 / jmh["recommend"][0] if "recommend" in jmh else None, None, "— (no reference)", "—"))
    notes = ("k-medoids: both libraries start from artsim's LAB medoids (seed 42) on one precomputed L2 matrix in one JVM; the figure is "
             "1/seconds of the swap phase (higher is better); the loss rows give both losses and the exact ratio. "
             + ("CLARA at n = 50,000 (5 samples of 80 + 4k, BUILD) runs in --full only. " if MODE != "full" else "")
             + f"Uniqueness: both read the same float32 vectors from {os.path.basename(npy)} (Gaussian blobs drawn once by numpy, "
             "n/100 centres N(0,1), noise 0.25, seed 42); artsim via UniquenessBenchmark -p data=file:…, the reference best of 2. "
             + ("Sizes are the --smoke/--quick reductions shown in the row labels." if MODE in ("smoke", "quick") else ""))
    return "Recommend: k-medoids, uniqueness, likes", rows, cmds, notes, ref.get("skipped")


MODELS = os.environ.get("ARTSIM_BENCH_MODELS", "/tmp/artsim-bench-models")
DEVICE = "cpu"  # set by main() from --device


def ensure_models():
    """The benchmark models (random weights, not committed): made once by embed_resnet50.py and MakeTfResNet50."""
    if not all(os.path.exists(os.path.join(MODELS, f)) for f in ("resnet50.pt", "resnet50.onnx", "resnet50_tf/graph.txt")):
        subprocess.run([PY, os.path.join(ROOT, "artsim-bench", "python", "embed_resnet50.py"), "--out", MODELS], cwd=ROOT, check=True,
                       capture_output=True)
    if not os.path.exists(os.path.join(MODELS, "resnet50_tf", "savedmodel", "saved_model.pb")):
        run_java("org.artsim.bench.embed.MakeTfResNet50", [os.path.join(MODELS, "resnet50_tf")])
    if not all(os.path.exists(os.path.join(MODELS, f)) for f in ("clip_vit_b32.pt", "clip_onnx/vision_model.onnx")):
        subprocess.run([PY, os.path.join(ROOT, "artsim-bench", "python", "embed_resnet50.py"), "--clip", "--out", MODELS], cwd=ROOT,
                       check=True, capture_output=True)


def area_embed(quick):
    try:
        import torchvision  # noqa: F401  (the models and the reference need it)
        ensure_models()
    except (ImportError, subprocess.CalledProcessError) as e:
        return ("Embedders (images/s)", [], [], f"Not run: the benchmark models could not be made ({e}); "
                "install python3-torch and python3-torchvision.", str(e))
    batches = [1, 32] if DEVICE == "cpu" else [1, 32, 128]
    seconds = size(2, 8, 15, 20)
    timing = (["-wi", "0", "-i", "1", "-r", "1", "-w", "1"] if MODE == "smoke" else
              ["-wi", "1", "-w", "8", "-i", "2", "-r", "8"] if quick else ["-wi", "1", "-w", "15", "-i", "3", "-r", "15"])
    ref_device = [] if DEVICE == "cpu" else ["--device", "cuda"]
    bs = ",".join(map(str, batches))
    refs, cmds = {}, []
    tiny = "artsim-embed/src/test/resources/fixtures/cnn/tiny_resnet.pt"
    ref_models = (("resnet50", []), ("clip-vit", ["--clip"]), ("tiny", ["--model", tiny]))
    for model, extra in ref_models:
        r, cmd = run_reference("embed_resnet50.py", ["--bench", "--json", "--out", MODELS, "--threads", "2", "--seconds", str(seconds),
                                                    "--batches", bs] + extra + ref_device)
        refs[model] = r
        cmds.append(cmd)
    embedders = ["resnet50-pytorch", "resnet50-onnx", "resnet50-tensorflow", "clip-vit-pytorch", "clip-vit-onnx"]
    if DEVICE != "cpu":  # only the PyTorch natives have a GPU build on Maven Central (the cuda profile)
        embedders = [e for e in embedders if e.endswith("pytorch")]
    jmh, jmh_cmd = run_jmh("EmbedBenchmark", {"embedder": ",".join(["color", "tiny-pytorch"] + embedders), "batch": bs, "device": DEVICE}, quick,
                           timing + ["-jvmArgsAppend", f"-Dartsim.bench.models={MODELS}"])
    cmds.append(jmh_cmd)
    inference, inference_cmd = run_jmh("DjlInferenceBenchmark", {"model": "resnet50.pt,tiny.pt" + (",resnet50.onnx" if DEVICE == "cpu" else ""),
                                                                 "batch": bs}, quick, timing + ["-jvmArgsAppend", f"-Dartsim.bench.models={MODELS}"])
    cmds.append(inference_cmd)
    for model, extra in ref_models:  # the reference again, after the JMH runs
        r, _ = run_reference("embed_resnet50.py", ["--bench", "--json", "--out", MODELS, "--threads", "2", "--seconds", str(seconds),
                                                  "--batches", bs] + extra + ref_device)
        for key, v in r.items():
            if key.startswith(("inference_b", "end_to_end_b")) and isinstance(v, float):
                refs[model][key] = max(v, refs[model].get(key, 0))
    skipped = next((r["skipped"] for r in refs.values() if "skipped" in r), None)
    engines = {"pytorch": "DJL PyTorch 2.5.1", "onnx": "DJL ONNX Runtime 1.20", "tensorflow": "DJL TensorFlow 2.16.1"}
    rows = []
    for name in embedders:
        model, engine = name.rsplit("-", 1)
        for b in batches:
            key = f"embedBatch[batch={b}][embedder={name}]"
            ours = jmh_value(jmh, key, b)
            theirs = refs[model].get(f"end_to_end_b{b}")
            rows.append((f"{'ResNet-50' if model == 'resnet50' else 'CLIP ViT-B/32 image tower'}, {engines[engine]}, batch {b}, end to end",
                         ours, theirs, f"Python torch {refs[model].get('torch', '')} end to end, same network (TorchScript), "
                         f"inference alone {fmt(refs[model].get(f'inference_b{b}'))}", "≥ 0.9" if engine == "pytorch" else "—"))
    for b in batches:
        key = f"infer[batch={b}][model=resnet50.pt]"
        rows.append((f"ResNet-50, DJL PyTorch 2.5.1, batch {b}, inference only (engine alone, ready tensor)", jmh_value(inference, key, b),
                     refs["resnet50"].get(f"inference_b{b}"), "Python torch inference only, same TorchScript, ready tensor", "≥ 0.9"))
    for b in batches:
        ours = jmh_value(jmh, f"embedBatch[batch={b}][embedder=tiny-pytorch]", b)
        engine = jmh_value(inference, f"infer[batch={b}][model=tiny.pt]", b)
        rows.append((f"committed tiny CNN fixture, DJL PyTorch, batch {b}, end to end", ours, refs["tiny"].get(f"end_to_end_b{b}"),
                     f"Python torch end to end, same file; DJL inference alone {fmt(engine)}, so artsim's pipeline costs "
                     f"{fmt(1000 / ours - 1000 / engine) if ours and engine else '—'} ms per image", "—"))
    for b in batches:
        key = f"embedBatch[batch={b}][embedder=color]"
        rows.append((f"weights-free color, batch {b}", jmh_value(jmh, key, b), None, "— (no model, no reference)", "—"))
    notes = (f"Device {DEVICE}. One operation embeds a batch of decoded 320×256 RGB images with one embedImages call (preprocessing in "
             "parallel, inference, L2 normalisation); images/s = ops/s × batch. Every model has random weights (the arithmetic does not "
             "depend on them): one torchvision ResNet-50 (2048-d) as TorchScript, ONNX and a TensorFlow SavedModel built from the same "
             "weights by MakeTfResNet50 (its output is checked against Python torch's), and a ViT-B/32-shaped CLIP image tower as "
             "TorchScript and as the two-graph ONNX export. The reference runs the TorchScript file in Python torch with 2 threads, "
             "from PIL images through torchvision's transforms (sequential) to normalised vectors; it ran before and after the JMH "
             "run and its better figure is shown. The ONNX and TensorFlow rows set a different engine beside the same reference. "
             "The 'inference only' rows time the engine alone on a ready tensor (DjlInferenceBenchmark) against Python's inference-only "
             "loop; the tiny-fixture rows put a near-trivial model in the same pipeline, so their gap to DJL inference alone is what "
             "artsim's decode, preprocessing, copies and normalisation cost per image. "
             f"Models in {MODELS} (made on first use by embed_resnet50.py and MakeTfResNet50).")
    return "Embedders (images/s)", rows, cmds, notes, skipped


def jmh_value(scores, key, batch):
    """images/s from a JMH ops/s score (None when the benchmark did not run)."""
    return scores[key][0] * batch if key in scores else None


AREAS = {"flat": area_flat, "text": area_text, "hnsw": area_hnsw, "trees": area_trees, "recommend": area_recommend, "embed": area_embed}


def main():
    global MODE, RESULTS_DIR, OUT_MD, DEVICE
    ap = argparse.ArgumentParser()
    ap.add_argument("--areas", default=",".join(AREAS))
    size_group = ap.add_mutually_exclusive_group()
    size_group.add_argument("--quick", action="store_true", help="smaller data, shorter JMH iterations (minutes on 2 cores)")
    size_group.add_argument("--full", action="store_true", help="the issues' sizes for big machines (see artsim-bench/README.md)")
    size_group.add_argument("--smoke", action="store_true", help="tiny sizes (n ~ 3,000), JMH -wi 0 -i 1 -r 1: end-to-end check only")
    ap.add_argument("--out", default=OUT_MD)
    ap.add_argument("--results-dir", default=RESULTS_DIR, help="where the recall CSVs and PNGs go")
    ap.add_argument("--device", default="cpu", help="embedders' device: cpu or gpu:0 (jar built with -Pcuda; batches 1, 32, 128)")
    a = ap.parse_args()
    DEVICE = a.device
    MODE = "smoke" if a.smoke else "quick" if a.quick else "full" if a.full else "default"
    RESULTS_DIR, OUT_MD = os.path.abspath(a.results_dir), os.path.abspath(a.out)
    a.quick = a.quick or a.smoke
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing: build it with mvn -B -q -DskipTests -pl artsim-bench -am package")
    m = machine()
    sections = []
    for name in a.areas.split(","):
        if name not in AREAS:
            sys.exit(f"unknown area {name}; known: {', '.join(AREAS)}")
        title, rows, cmds, notes, skipped = AREAS[name](a.quick)
        lines = [f"## {title}", "", notes, ""]
        if skipped:
            lines += [f"Reference skipped: {skipped}.", ""]
        lines += ["| figure | artsim | reference | ratio artsim/reference | target | reference is |", "|---|---|---|---|---|---|"]
        for label, ours, theirs, what, target in rows:
            ratio = f"{ours / theirs:.2f}×" if ours and theirs else "—"
            lines.append(f"| {label} | {fmt(ours)} | {fmt(theirs)} | {ratio} | {target} | {what} |")
        sys.stderr.write(f"area {name} done\n")
        lines += ["", "Commands:", ""] + [f"    {c}" for c in cmds] + [""]
        sections.append("\n".join(lines))
    head = [
        "# artsim benchmark results", "",
        f"Written by `/usr/bin/python3 artsim-bench/python/side_by_side.py --areas {a.areas}{'' if MODE == 'default' else ' --' + MODE}` "
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
