#!/usr/bin/python3
"""FAISS IndexFlatIP on vectors written by artsim's FlatScaleHarness, one query per call, 1 thread.

Reads little-endian float32 row-major rows (--base, from byte --offset, --n rows or all; --queries;
dimension --dim: the base may be a saved artsim flat file, whose vector section is such a block),
adds them to IndexFlatIP, times single top-k queries (best of --reps passes after 5 warm-up
queries), writes the ids of every query's hits (int64, row-major) to --out and, with --compare
(artsim's ids in the same layout), counts the queries whose ids are identical in the same order.
Prints one JSON object.
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
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--n", type=int, default=-1)
    ap.add_argument("--compare")
    ap.add_argument("--no-copy", action="store_true",
                    help="search the mapped rows with faiss.knn (knn_inner_product, the function IndexFlatIP.search "
                         "calls on its own copy) instead of adding them to an IndexFlatIP: for bases larger than half the RAM")
    a = ap.parse_args()
    import faiss
    try:
        ctypes.CDLL("libopenblas.so.0").openblas_set_num_threads(1)
    except OSError:
        pass
    faiss.omp_set_num_threads(1)
    # mapped and added in chunks, so the base is in memory once (FAISS's copy), not twice
    rows = a.n if a.n >= 0 else -1
    base = np.memmap(a.base, dtype="<f4", mode="r", offset=a.offset,
                     shape=None if rows < 0 else (rows * a.dim,)).reshape(-1, a.dim)
    q = np.fromfile(a.queries, dtype="<f4").reshape(-1, a.dim)
    if a.no_copy:
        add_s = 0.0
        ntotal = len(base)

        def search(x):
            return faiss.knn(x, base, a.k, faiss.METRIC_INNER_PRODUCT)
    else:
        index = faiss.IndexFlatIP(a.dim)
        t = time.perf_counter()
        for i in range(0, len(base), 100_000):
            index.add(np.ascontiguousarray(base[i:i + 100_000]))
        add_s = time.perf_counter() - t
        ntotal = index.ntotal
        del base

        def search(x):
            return index.search(x, a.k)
    search(q[:5])
    best = None
    ids = None
    reps = []
    for _ in range(a.reps):
        t = time.perf_counter()
        out = [search(q[i:i + 1])[1] for i in range(len(q))]
        el = time.perf_counter() - t
        reps.append(round(el, 3))
        if best is None or el < best:
            best = el
        ids = np.concatenate(out).astype("<i8")
    ids.tofile(a.out)
    result = {"faiss_version": faiss.__version__, "mode": "faiss.knn on the mapped rows" if a.no_copy else "IndexFlatIP", "n": ntotal, "dim": a.dim, "k": a.k,
              "add_s": add_s, "single_1t_qps": len(q) / best, "pass_s": reps}
    if a.compare:
        ours = np.fromfile(a.compare, dtype="<i8").reshape(-1, a.k)
        theirs = ids.reshape(-1, a.k)
        result["identical_queries"] = int(sum(np.array_equal(x, y) for x, y in zip(ours, theirs)))
        result["shared_ids"] = int(sum(len(set(x) & set(y)) for x, y in zip(ours, theirs)))
        result["queries"] = len(ours)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
