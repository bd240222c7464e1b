#!/usr/bin/python3
"""scikit-learn's side of artsim-bench's TfidfBenchmark, measured the way ../shared/anchors.md measured it.

    /usr/bin/python3 artsim-bench/python/tfidf_reference.py [FIXTURE_DIR] [--reps N]

FIXTURE_DIR defaults to ../shared/data/tfidf-sklearn beside the repository root. For each setting
(default = TfidfVectorizer(); bigram15k = stop_words='english', ngram_range=(1, 2), min_df=2,
max_features=15000) it prints fit_transform seconds and the throughput of the 100 timing queries
run one at a time (transform + sparse product + top-10, as anchors.py's top_k_sparse; CSR and the
column-major CSC layout), single-threaded (OMP/BLAS threads pinned to 1).
"""
import os
os.environ.setdefault('OMP_NUM_THREADS', '1')
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
import argparse
import gzip
import json
import time

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

K = 10
SETTINGS = {
    'default': {},
    'bigram15k': dict(stop_words='english', ngram_range=(1, 2), min_df=2, max_features=15000),
}


def top_k_sparse(X, Q, k=K):
    """anchors.py: cosine top-k, score desc then document index asc."""
    S = (X @ Q.T).toarray()
    res = []
    for j in range(S.shape[1]):
        s = S[:, j]
        cand = np.argpartition(-s, k)[:k + 64] if len(s) > k + 64 else np.arange(len(s))
        kth = np.sort(s[cand])[::-1][k - 1]
        cand = np.union1d(cand, np.nonzero(s >= kth)[0])
        order = np.lexsort((cand, -s[cand]))[:k]
        res.append([(int(cand[o]), float(s[cand[o]])) for o in order])
    return res


def timed(fn, reps):
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('fixture', nargs='?', default=os.path.normpath(os.path.join(here, '..', '..', '..', 'shared', 'data', 'tfidf-sklearn')))
    ap.add_argument('--reps', type=int, default=5)
    args = ap.parse_args()
    with gzip.open(os.path.join(args.fixture, 'corpus.txt.gz'), 'rt', encoding='utf-8', newline='\n') as f:
        docs = f.read().split('\n')
    if docs and docs[-1] == '':
        docs.pop()
    with open(os.path.join(args.fixture, 'timing_queries.txt'), encoding='utf-8') as f:
        queries = [q.rstrip('\n') for q in f]
    out = {'sklearn': sklearn.__version__, 'documents': len(docs), 'queries': len(queries)}
    for name, kw in SETTINGS.items():
        vec = TfidfVectorizer(**kw)
        t_fit = timed(lambda: vec.fit_transform(docs), args.reps)
        X = vec.fit_transform(docs)
        Xc = X.tocsc()
        t_loop = timed(lambda: [top_k_sparse(X, vec.transform([s])) for s in queries], args.reps)
        t_csc = timed(lambda: [top_k_sparse(Xc, vec.transform([s])) for s in queries], args.reps)
        out[name] = {'fit_transform_s': [round(t, 3) for t in t_fit],
                     'fit_transform_s_min': round(min(t_fit), 3),
                     'fit_transform_s_median': round(float(np.median(t_fit)), 3),
                     'vocabulary': len(vec.vocabulary_), 'nnz': int(X.nnz),
                     'query_loop_qps': [round(len(queries) / t, 1) for t in t_loop],
                     'query_loop_csc_qps': [round(len(queries) / t, 1) for t in t_csc]}
        print(name, json.dumps(out[name]), flush=True)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
