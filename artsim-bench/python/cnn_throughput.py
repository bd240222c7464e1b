#!/usr/bin/python3
"""Python torch's inference throughput on the TorchScript files `./artsim models` made, the reference
for artsim's CnnThroughput (same files, same batch sizes, same time box):

    /usr/bin/python3 artsim-bench/python/cnn_throughput.py [--presets mobilenetv2,inceptionv3] [--batches 1,32] [--seconds 20]

Inference only, on ready random tensors (uniform [0, 1], as the presets' inputs), torch.set_num_threads(2),
three warm-up calls (TorchScript's profiling executor optimises during the first two), then calls until the time box has passed (at least one). Prints one markdown row per
configuration with the glibc MALLOC_* environment it ran under.
"""
import argparse, os, time
import torch

p = argparse.ArgumentParser()
p.add_argument("--presets", default="mobilenetv2,inceptionv3")
p.add_argument("--batches", default="1,32")
p.add_argument("--seconds", type=float, default=20)
p.add_argument("--models", default=os.environ.get("ARTSIM_MODELS_DIR") or os.path.expanduser("~/.cache/artsim/models"))
a = p.parse_args()
torch.set_num_threads(2)
SIZE = {"mobilenetv2": 224, "mobilenetv2-imagenet": 224, "inceptionv3": 299}
malloc = "MALLOC_* set" if os.environ.get("MALLOC_MMAP_THRESHOLD_") else "glibc defaults"
for preset in a.presets.split(","):
    m = torch.jit.load(os.path.join(a.models, preset, preset + ".pt")).eval()
    for b in [int(x) for x in a.batches.split(",")]:
        g = torch.Generator().manual_seed(15)
        x = torch.rand(b, 3, SIZE[preset], SIZE[preset], generator=g)
        with torch.no_grad():
            for _ in range(3):
                m(x)
            t0 = time.perf_counter()
            calls = 0
            while True:
                m(x)
                calls += 1
                if time.perf_counter() - t0 >= a.seconds:
                    break
        s = time.perf_counter() - t0
        print("| %s | Python torch %s, inference only | %d | %.2f | %d calls in %.0f s | %s |" % (preset, torch.__version__, b, calls * b / s, calls, s, malloc), flush=True)
