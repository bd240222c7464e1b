#!/usr/bin/python3
"""FAISS exact search on the clip512 distribution, for the side-by-side runner.

Data: 100,000 x 512 unit vectors around 1,000 random unit centres, noise sigma 0.6/sqrt(512)
per component, seed 42, and 1,000 queries from the same stream (the recipe of
shared/tools/anchors/clipgen.py; artsim's Java generator draws the same distribution).
Measures IndexFlatIP: one query per call (first `--single` queries, 1 thread) and one batch of
1,000 queries with FAISS and OpenBLAS both pinned to 1 thread, then OpenBLAS at 2 threads (FAISS's
OpenMP at 1), then both on every core (`batch_all_qps`, FAISS's best all-core figure; `cores` says
how many). `*_q_per_cpu_s`: queries per second of process CPU time (best rep), for loaded machines.
Prints `blas`: the BLAS library faiss's module is linked against (ldd).
Prints one JSON object.  Run with Debian's /usr/bin/python3 (python3-faiss).
"""
import argparse, ctypes, json, os, time
import numpy as np


def clustered(n, nq, d, centres=1000, sigma=0.6, seed=42):
    rng = np.random.default_rng(seed)
    c = rng.standard_normal((centres, d), dtype=np.float32)
    c /= np.linalg.norm(c, axis=1, keepdims=True)

    def draw(m):
        x = c[rng.integers(0, centres, m)] + rng.standard_normal((m, d), dtype=np.float32) * np.float32(sigma / np.sqrt(d))
        return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)

    return draw(n), draw(nq)


CPU = {}


def best(fn, reps, cpu_key=None):
    """Best wall time of reps calls; with cpu_key also records the best process CPU time in CPU."""
    times = []
    cpus = []
    for _ in range(reps):
        t = time.perf_counter()
        c = time.process_time()
        fn()
        cpus.append(time.process_time() - c)
        times.append(time.perf_counter() - t)
    if cpu_key:
        CPU[cpu_key] = min(cpus)
    return min(times), times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--dim", type=int, default=512)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--single", type=int, default=100)
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    import faiss
    blas = ctypes.CDLL("libopenblas.so.0")
    base, q = clustered(a.n, a.batch, a.dim)
    index = faiss.IndexFlatIP(a.dim)
    index.add(base)
    out = {"faiss_version": faiss.__version__, "n": a.n, "dim": a.dim, "k": 10}
    faiss.omp_set_num_threads(1)
    blas.openblas_set_num_threads(1)
    index.search(q[:5], 10)
    t, _ = best(lambda: [index.search(q[i:i + 1], 10) for i in range(a.single)], a.reps)
    out["single_1t_qps"] = a.single / t
    t, _ = best(lambda: index.search(q, 10), a.reps, "1t")
    out["batch_1t_qps"] = len(q) / t
    out["batch_1t_q_per_cpu_s"] = len(q) / CPU["1t"]
    blas.openblas_set_num_threads(2)
    t, _ = best(lambda: index.search(q, 10), a.reps)
    out["batch_omp1_blas2_qps"] = len(q) / t
    cores = os.cpu_count() or 1
    faiss.omp_set_num_threads(cores)
    blas.openblas_set_num_threads(cores)
    t, _ = best(lambda: index.search(q, 10), a.reps, "all")
    out["batch_all_qps"] = len(q) / t
    out["batch_all_q_per_cpu_s"] = len(q) / CPU["all"]
    out["cores"] = cores
    out["blas"] = linked_blas(faiss)
    print(json.dumps(out))


def linked_blas(faiss):
    """The libblas/openblas lines of `ldd` on faiss's extension module, resolved through symlinks."""
    import glob, subprocess
    libs = []
    for so in glob.glob(os.path.join(os.path.dirname(faiss.__file__), "_swigfaiss*.so")):
        for line in subprocess.run(["ldd", so], capture_output=True, text=True).stdout.splitlines():
            if "blas" in line and "=>" in line:
                path = line.split("=>")[1].split("(")[0].strip()
                libs.append(line.split("=>")[0].strip() + " -> " + os.path.realpath(path))
    return libs


if __name__ == "__main__":
    main()
