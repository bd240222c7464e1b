#!/usr/bin/python3
"""FAISS IndexFlatIP on vectors written by artsim's FlatScaleHarness, one query per call, 1 thread.

Reads little-endian float32 row-major files (--base, --queries, dimension --dim), adds the base
to IndexFlatIP, times single top-k queries (best of --reps passes after 5 warm-up queries) and
writes the ids of every query's hits (int64, row-major) to --out. Prints one JSON object.
Run with Debian's /usr/bin/python3 (python3-faiss).
"""
import argparse, ctypes, json, time
import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--dim", type=int, default=512)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    import faiss
    try:
        ctypes.CDLL("libopenblas.so.0").openblas_set_num_threads(1)
    except OSError:
        pass
    faiss.omp_set_num_threads(1)
    # mapped and added in chunks, so the base is in memory once (FAISS's copy), not twice
    base = np.memmap(a.base, dtype="<f4", mode="r").reshape(-1, a.dim)
    q = np.fromfile(a.queries, dtype="<f4").reshape(-1, a.dim)
    index = faiss.IndexFlatIP(a.dim)
    t = time.perf_counter()
    for i in range(0, len(base), 100_000):
        index.add(np.ascontiguousarray(base[i:i + 100_000]))
    add_s = time.perf_counter() - t
    del base
    index.search(q[:5], a.k)
    best = None
    ids = None
    for _ in range(a.reps):
        t = time.perf_counter()
        out = [index.search(q[i:i + 1], a.k)[1] for i in range(len(q))]
        el = time.perf_counter() - t
        if best is None or el < best:
            best = el
        ids = np.concatenate(out).astype("<i8")
    ids.tofile(a.out)
    print(json.dumps({"faiss_version": faiss.__version__, "n": index.ntotal, "dim": a.dim, "k": a.k,
                      "add_s": add_s, "single_1t_qps": len(q) / best}))


if __name__ == "__main__":
    main()
