#!/usr/bin/python3
"""Reference timing for artsim's Uniqueness benchmark: FiftyOne Brain's uniqueness computed the way
its sklearn backend does it (scikit-learn NearestNeighbors, brute force, cosine, K+1 = 4 neighbours),
on Gaussian blobs drawn with the same recipe as artsim-bench's BenchData.blobs (same distribution,
not the same vectors: n/100 centres N(0,1), points centre + N(0, 0.25^2), seed 42).

Run single-threaded for a fair comparison with artsim's single-threaded flat index:
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 artsim-bench/python/uniqueness_reference.py 100000 64
"""
import sys
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
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    dim = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    x = blobs(n, dim)
    t0 = time.perf_counter()
    u = uniqueness(x)
    secs = time.perf_counter() - t0
    print(f"sklearn brute cosine uniqueness n={n} dim={dim}: {secs:.2f} s (max {u.max():.3f}, mean {u.mean():.4f})")


if __name__ == "__main__":
    main()
