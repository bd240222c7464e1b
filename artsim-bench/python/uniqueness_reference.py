#!/usr/bin/python3
"""Reference timing for artsim's Uniqueness benchmark: FiftyOne Brain's uniqueness computed the way
its sklearn backend does it (scikit-learn NearestNeighbors, brute force, cosine, K+1 = 4 neighbours),
on Gaussian blobs (n/100 centres N(0,1), points centre + N(0, 0.25^2), numpy seed 42).

For the same vectors in both libraries, write them once with --write-npy and hand the file to
both: this script with --npy, artsim's UniquenessBenchmark with -p data=file:/path/x.npy
(side_by_side.py --areas recommend does exactly that). --json prints one JSON object.

Run single-threaded for a fair comparison with artsim's single-threaded flat index:
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 artsim-bench/python/uniqueness_reference.py 100000 64
"""
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors


def blobs(n, dim, seed=42):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(10, n // 100), dim)).astype(np.float32)
    which = rng.integers(0, len(centres), n)
    return (centres[which] + 0.25 * rng.standard_normal((n, dim))).astype(np.float32)


def uniqueness(x):
    nn = NearestNeighbors(n_neighbors=4, metric="cosine", algorithm="brute").fit(x)
    dist, idx = nn.kneighbors(x)
    dist = dist[:, 1:]  # drop self (the first column)
    raw = (dist * np.array([0.6, 0.3, 0.1])).mean(axis=1)
    return raw / raw.max()


def main():
    import argparse
    import json
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=20000)
    ap.add_argument("dim", nargs="?", type=int, default=64)
    ap.add_argument("--npy", help="read the vectors from this float32 .npy instead of drawing blobs")
    ap.add_argument("--write-npy", help="draw the blobs, write them here as float32 .npy and exit")
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if a.write_npy:
        np.save(a.write_npy, np.ascontiguousarray(blobs(a.n, a.dim), dtype=np.float32))
        return
    x = np.load(a.npy).astype(np.float32) if a.npy else blobs(a.n, a.dim)
    n, dim = x.shape
    best = float("inf")
    for _ in range(a.reps):
        t0 = time.perf_counter()
        u = uniqueness(x)
        best = min(best, time.perf_counter() - t0)
    if a.json:
        print(json.dumps({"n": n, "dim": dim, "seconds": best, "max": float(u.max()), "mean": float(u.mean())}))
    else:
        print(f"sklearn brute cosine uniqueness n={n} dim={dim}: {best:.2f} s (max {u.max():.3f}, mean {u.mean():.4f})")


if __name__ == "__main__":
    main()
