#!/usr/bin/python3
"""Reference figures for artsim-index, measured on the same machine as the Java runs.

hnswlib (M=16, ef_construction=200; build with --threads, queries one at a time on one thread)
recall@10 vs queries/s over an ef sweep, and scikit-learn BallTree (leaf_size=40, exact 10-NN,
single thread) build time and query rate. Ground truth is an exact float64 scan.

Data: Fashion-MNIST from Debian's dataset-fashion-mnist (first --n train images, first
--queries test images, L2), or "clip512": unit vectors around 1,000 random unit centres with
noise 0.6/sqrt(512) (the recipe of tools/anchors/clipgen.py, seed 42), cosine.

Run with Debian's interpreter (it has hnswlib, sklearn, numpy):
    /usr/bin/python3 artsim-bench/python/index_reference.py --data fmnist --n 60000 --queries 1000 \
        --ef 10,20,40,80,160,320 --out artsim-bench/results/ref-fmnist.csv
Prints one CSV row per measurement: data,library,n,dim,param,recall10,qps,qps_cpu,build_s,build_cpu_s
(qps over wall-clock time, qps_cpu over the thread's CPU time; best of --reps passes).
"""
import argparse
import gzip
import os
import struct
import sys
import time

import numpy as np

FASHION = '/usr/share/datasets/fashion-mnist'


def idx_images(path, limit):
    with gzip.open(path, 'rb') as f:
        magic, n, rows, cols = struct.unpack('>IIII', f.read(16))
        assert magic == 2051
        n = min(n, limit)
        return np.frombuffer(f.read(n * rows * cols), dtype=np.uint8).reshape(n, rows * cols).astype(np.float32)


def clip512(n, q, d=512, centres=1000, sigma=0.6, seed=42):
    rng = np.random.default_rng(seed)
    c = rng.standard_normal((centres, d), dtype=np.float32)
    c /= np.linalg.norm(c, axis=1, keepdims=True)

    def draw(m):
        x = c[rng.integers(0, centres, m)] + rng.standard_normal((m, d), dtype=np.float32) * np.float32(sigma / np.sqrt(d))
        return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    return draw(n), draw(q)


def exact(base, q, metric, k=10):
    out = np.empty((len(q), k), dtype=np.int64)
    b64 = base.astype(np.float64)
    bn = (b64 * b64).sum(1)
    for s in range(0, len(q), 100):
        qq = q[s:s + 100].astype(np.float64)
        if metric == 'l2':
            d = bn[None, :] - 2 * qq @ b64.T
        else:
            d = -(qq @ b64.T)
        out[s:s + 100] = np.argsort(d, axis=1, kind='stable')[:, :k]
    return out


def recall(found, truth):
    return np.mean([len(set(f[:10]) & set(t)) / 10 for f, t in zip(found, truth)])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default='fmnist', choices=['fmnist', 'clip512'])
    ap.add_argument('--n', type=int, default=60000)
    ap.add_argument('--queries', type=int, default=1000)
    ap.add_argument('--ef', default='10,20,40,80,160,320')
    ap.add_argument('--threads', type=int, default=2, help='hnswlib build threads')
    ap.add_argument('--balltree-queries', type=int, default=200, help='0 skips the BallTree')
    ap.add_argument('--reps', type=int, default=2)
    ap.add_argument('--out')
    a = ap.parse_args()
    if a.data == 'fmnist':
        base = idx_images(os.path.join(FASHION, 'train-images-idx3-ubyte.gz'), a.n)
        q = idx_images(os.path.join(FASHION, 't10k-images-idx3-ubyte.gz'), a.queries)
        metric, space = 'l2', 'l2'
    else:
        base, q = clip512(a.n, a.queries)
        metric, space = 'ip', 'cosine'
    n, dim = base.shape
    truth = exact(base, q, metric)
    rows = ['data,library,n,dim,param,recall10,qps,qps_cpu,build_s,build_cpu_s']

    import hnswlib
    ix = hnswlib.Index(space=space, dim=dim)
    p = time.process_time()
    t = time.perf_counter()
    ix.init_index(max_elements=n, M=16, ef_construction=200, random_seed=100)
    ix.set_num_threads(a.threads)
    ix.add_items(base, np.arange(n))
    build = time.perf_counter() - t
    build_cpu = time.process_time() - p
    ix.set_num_threads(1)
    print(f'hnswlib build {build:.1f} s', file=sys.stderr)
    for ef in [int(x) for x in a.ef.split(',')]:
        ix.set_ef(ef)
        best = best_cpu = 0.0
        for _ in range(a.reps):
            found = []
            c = time.thread_time()
            t = time.perf_counter()
            for v in q:
                labels, _ = ix.knn_query(v, k=10)
                found.append(labels[0])
            best = max(best, len(q) / (time.perf_counter() - t))
            best_cpu = max(best_cpu, len(q) / (time.thread_time() - c))
        rows.append(f'{a.data},hnswlib,{n},{dim},ef={ef},{recall(found, truth):.4f},{best:.0f},{best_cpu:.0f},{build:.1f},{build_cpu:.1f}')
        print(rows[-1], file=sys.stderr)

    if a.balltree_queries > 0:
        from sklearn.neighbors import BallTree
        data = base if metric == 'l2' else base  # unit vectors: euclidean order equals cosine order
        p = time.process_time()
        t = time.perf_counter()
        tree = BallTree(data, leaf_size=40)
        build = time.perf_counter() - t
        build_cpu = time.process_time() - p
        qq = q[:a.balltree_queries]
        c = time.thread_time()
        t = time.perf_counter()
        _, ids = tree.query(qq, k=10)
        qps = len(qq) / (time.perf_counter() - t)
        qps_cpu = len(qq) / (time.thread_time() - c)
        rows.append(f'{a.data},sklearn-balltree,{n},{dim},leaf=40,{recall(ids, truth[:len(qq)]):.4f},{qps:.1f},{qps_cpu:.1f},{build:.1f},{build_cpu:.1f}')
        print(rows[-1], file=sys.stderr)

    text = '\n'.join(rows) + '\n'
    if a.out:
        with open(a.out, 'w') as f:
            f.write(text)
    print(text, end='')


if __name__ == '__main__':
    main()
