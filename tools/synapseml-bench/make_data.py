#!/usr/bin/python3
"""Writes the Spark side-by-side's vectors: items.fvecs and queries.fvecs (clustered, unit length).

Usage: make_data.py OUT_DIR ITEMS QUERIES DIM [SEED]

Both harnesses (artsim's SparkSideBySide on Spark 4.2, SynapseMLSideBySide on Spark 3.5) read
these files, so they answer exactly the same vectors. Labels are derived from the row number in
both harnesses (item i carries label "c" + i % 10; query q allows c(q%10), c((q+3)%10), c((q+7)%10)).
"""
import os
import sys

import numpy as np


def write_fvecs(path, x):
    n, d = x.shape
    out = np.empty((n, d + 1), dtype=np.float32)
    out[:, 0] = np.frombuffer(np.int32(d).tobytes(), dtype=np.float32)[0]
    out[:, 1:] = x
    out.astype("<f4").tofile(path)


def clustered(rng, n, d, centres):
    pick = rng.integers(0, len(centres), size=n)
    x = centres[pick] + 0.35 * rng.standard_normal((n, d)).astype(np.float32)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def main():
    out, n, q, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 42
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((256, d)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    os.makedirs(out, exist_ok=True)
    write_fvecs(os.path.join(out, "items.fvecs"), clustered(rng, n, d, centres))
    write_fvecs(os.path.join(out, "queries.fvecs"), clustered(rng, q, d, centres))


if __name__ == "__main__":
    main()
