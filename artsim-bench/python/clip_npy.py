#!/usr/bin/python3
"""Writes the clip512 recipe (1,000 unit centres, noise sigma/sqrt(d), unit-normalised; numpy seed 42)
as one float32 .npy: --n base rows, then --queries query rows, the layout that RecallHarness
(--data file:...) and hnsw_scale_reference.py read. Drawn 100,000 rows at a time, so 1M x 512
needs about 2 GB of memory for the array it writes.

    /usr/bin/python3 artsim-bench/python/clip_npy.py --n 1000000 --queries 1000 --dim 512 --out clip512-1m.npy
"""
import argparse

import numpy as np


def clip(n, q, d, centres=1000, sigma=0.6, seed=42):
    rng = np.random.default_rng(seed)
    c = rng.standard_normal((centres, d), dtype=np.float32)
    c /= np.linalg.norm(c, axis=1, keepdims=True)

    def draw(m):
        out = np.empty((m, d), dtype=np.float32)
        for s in range(0, m, 100000):
            e = min(m, s + 100000)
            x = c[rng.integers(0, centres, e - s)] + rng.standard_normal((e - s, d), dtype=np.float32) * np.float32(sigma / np.sqrt(d))
            out[s:e] = x / np.linalg.norm(x, axis=1, keepdims=True)
        return out
    return draw(n), draw(q)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--n', type=int, required=True)
    ap.add_argument('--queries', type=int, default=1000)
    ap.add_argument('--dim', type=int, default=512)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    b, q = clip(a.n, a.queries, a.dim)
    np.save(a.out, np.concatenate([b, q]))


if __name__ == '__main__':
    main()
