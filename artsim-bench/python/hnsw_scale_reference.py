#!/usr/bin/python3
"""HNSW build time and recall@10 vs queries/s of hnswlib (C++) and FAISS IndexHNSWSQ (QT_8bit), on a
.npy file shared with the Java side (artsim's RecallHarness --data file:...), so both index the
same vectors.

The file holds n base rows followed by q query rows (float32, unit length: cosine = inner product,
and L2 ranks alike). hnswlib: space 'ip', M and ef_construction as given, add_items on --threads
threads. FAISS: IndexHNSWSQ(d, QT_8bit, M) (L2 on unit vectors), efConstruction as given, trained on
the base rows, added on --threads OpenMP threads. Queries one at a time on one thread, best of --reps
passes. Ground truth: exact float64 inner products. Build CPU time is the process's user+system time
(all threads), steadier than wall time on a shared machine.

--faiss-index PATH writes the built FAISS index there, or, when the file exists, reads it instead of
building (build columns then print as nan): a long build (1M × 512 took 88 CPU minutes here) can be
searched again later on a quiet machine.

    /usr/bin/python3 artsim-bench/python/hnsw_scale_reference.py --file clip128-100k.npy --n 100000 \\
        --queries 1000 --ef 10,20,40,80 --threads 2
Prints CSV: data,library,n,dim,ef,recall10,qps,qps_cpu,build_s,build_cpu_s
"""
import argparse
import os
import sys
import time

import numpy as np


def cpu():
    t = os.times()
    return t.user + t.system


def exact(base, q, k=10):
    b64 = base.astype(np.float64)
    out = np.empty((len(q), k), dtype=np.int64)
    for s in range(0, len(q), 100):
        d = -(q[s:s + 100].astype(np.float64) @ b64.T)
        out[s:s + 100] = np.argsort(d, axis=1, kind='stable')[:, :k]
    return out


def recall(found, truth):
    return np.mean([len(set(f[:10]) & set(t)) / 10 for f, t in zip(found, truth)])


def sweep(label, lib, n, d, efs, reps, set_ef, search_one, q, truth, build, build_cpu):
    for ef in efs:
        set_ef(ef)
        best = best_cpu = 0.0
        found = None
        for _ in range(reps):
            t0, c0 = time.perf_counter(), time.thread_time()
            found = [search_one(v) for v in q]
            best = max(best, len(q) / (time.perf_counter() - t0))
            best_cpu = max(best_cpu, len(q) / max(1e-9, time.thread_time() - c0))
        print('%s,%s,%d,%d,%d,%.4f,%.0f,%.0f,%.1f,%.1f' % (label, lib, n, d, ef, recall(found, truth), best, best_cpu, build, build_cpu), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--file', required=True)
    ap.add_argument('--n', type=int, required=True)
    ap.add_argument('--queries', type=int, default=1000)
    ap.add_argument('--m', type=int, default=16)
    ap.add_argument('--ef-construction', type=int, default=200)
    ap.add_argument('--ef', default='10,20,40,80')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--reps', type=int, default=2)
    ap.add_argument('--libs', default='hnswlib,faiss-hnswsq8')
    ap.add_argument('--faiss-index', help='write the built FAISS index here; read it instead of building if it exists')
    a = ap.parse_args()
    x = np.load(a.file, mmap_mode='r')
    base = np.ascontiguousarray(x[:a.n], dtype=np.float32)
    q = np.ascontiguousarray(x[a.n:a.n + a.queries], dtype=np.float32)
    n, d = base.shape
    efs = [int(e) for e in a.ef.split(',')]
    truth = exact(base, q)
    label = os.path.basename(a.file)
    print('data,library,n,dim,ef,recall10,qps,qps_cpu,build_s,build_cpu_s', flush=True)
    for lib in a.libs.split(','):
        if lib == 'hnswlib':
            import hnswlib
            p = hnswlib.Index(space='ip', dim=d)
            p.init_index(max_elements=n, ef_construction=a.ef_construction, M=a.m, random_seed=42)
            p.set_num_threads(a.threads)
            t0, c0 = time.perf_counter(), cpu()
            p.add_items(base, np.arange(n))
            build, build_cpu = time.perf_counter() - t0, cpu() - c0
            p.set_num_threads(1)
            sweep(label, lib, n, d, efs, a.reps, p.set_ef, lambda v: p.knn_query(v, k=10)[0][0], q, truth, build, build_cpu)
        elif lib == 'faiss-hnswsq8':
            import faiss
            faiss.omp_set_num_threads(a.threads)
            if a.faiss_index and os.path.exists(a.faiss_index):
                index = faiss.read_index(a.faiss_index)
                if index.ntotal != n or index.d != d or index.hnsw.efConstruction != a.ef_construction:
                    raise SystemExit('%s holds %d x %d (efConstruction %d), not the %d x %d asked for'
                                     % (a.faiss_index, index.ntotal, index.d, index.hnsw.efConstruction, n, d))
                build = build_cpu = float('nan')
            else:
                index = faiss.IndexHNSWSQ(d, faiss.ScalarQuantizer.QT_8bit, a.m)
                index.hnsw.efConstruction = a.ef_construction
                t0, c0 = time.perf_counter(), cpu()
                index.train(base)
                index.add(base)
                build, build_cpu = time.perf_counter() - t0, cpu() - c0
                print('# faiss-hnswsq8 build: %.1f s wall, %.1f CPU s' % (build, build_cpu), file=sys.stderr, flush=True)
                if a.faiss_index:
                    faiss.write_index(index, a.faiss_index)
            sq_codes = faiss.downcast_index(index.storage).codes.size()
            links = index.hnsw.neighbors.size() * 4 + index.hnsw.offsets.size() * 8 + index.hnsw.levels.size() * 4
            print('# faiss-hnswsq8 memory: codes %d B + graph %d B = %.1f B a vector' % (sq_codes, links, (sq_codes + links) / n),
                  file=sys.stderr, flush=True)
            faiss.omp_set_num_threads(1)

            def set_ef(ef):
                index.hnsw.efSearch = ef
            sweep(label, lib, n, d, efs, a.reps, set_ef, lambda v: index.search(v[None, :], 10)[1][0], q, truth, build, build_cpu)
        else:
            raise SystemExit('unknown library ' + lib)


if __name__ == '__main__':
    main()
