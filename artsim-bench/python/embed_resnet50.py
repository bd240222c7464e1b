#!/usr/bin/python3
"""Reference side of artsim-bench's EmbedBenchmark: a full-size random-weight ResNet-50 (torchvision,
fc removed: 2048-d pooled features), saved as TorchScript and ONNX for artsim, and timed in Python
torch on the same machine.

    /usr/bin/python3 artsim-bench/python/embed_resnet50.py --out /tmp/artsim-bench-models        # make the models
    /usr/bin/python3 artsim-bench/python/embed_resnet50.py --bench --threads 2 --seconds 30       # time them
    /usr/bin/python3 artsim-bench/python/embed_resnet50.py --clip --out /tmp/artsim-bench-models  # ViT-B/32-shaped CLIP tower
    /usr/bin/python3 artsim-bench/python/embed_resnet50.py --clip --bench --threads 2 --seconds 30

--bench prints images/s at batch 1 and 32 for (a) the TorchScript model on ready tensors (inference
only) and (b) end to end from decoded 320x256 PIL images with torchvision's Resize(256)+CenterCrop(224)+
ToTensor+Normalize (sequential, as a DataLoader with num_workers=0 does), like artsim's benchmark.
"""
import argparse
import os
import time

import numpy as np
import torch
import torchvision
import torchvision.transforms as T
from PIL import Image


def make(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    m = torchvision.models.resnet50(weights=None)
    m.fc = torch.nn.Identity()
    m.eval()
    x = torch.randn(1, 3, 224, 224)
    with torch.no_grad():
        torch.jit.trace(m, x).save(os.path.join(out, "resnet50.pt"))
        torch.onnx.export(m, x, os.path.join(out, "resnet50.onnx"), opset_version=17, input_names=["pixel_values"],
                          output_names=["features"], dynamic_axes={"pixel_values": {0: "batch"}, "features": {0: "batch"}})


class ClipBench(torch.nn.Module):
    """A ViT-B/32-shaped CLIP image tower (torchvision vit_b_32, heads removed, 768 -> 512 projection) with a
    trivial text tower, exposing encode_image / encode_text like artsim's clip fixture."""

    def __init__(self, visual, vocab):
        super().__init__()
        self.visual = visual
        self.proj = torch.nn.Linear(768, 512)
        self.tok = torch.nn.Embedding(vocab, 512)

    @torch.jit.export
    def encode_image(self, pixel_values):
        return self.proj(self.visual(pixel_values))

    @torch.jit.export
    def encode_text(self, input_ids):
        return self.tok(input_ids).mean(1)

    def forward(self, pixel_values, input_ids):
        return self.encode_image(pixel_values), self.encode_text(input_ids)


def make_clip(out, tokenizer):
    import json
    import shutil
    torch.manual_seed(0)
    vit = torchvision.models.vit_b_32(weights=None)
    vit.heads = torch.nn.Identity()
    vit.eval()
    visual = torch.jit.trace(vit, torch.randn(1, 3, 224, 224), check_trace=False)
    vocab = len(json.load(open(tokenizer, encoding="utf-8"))["model"]["vocab"])
    torch.jit.script(ClipBench(visual, vocab).eval()).save(os.path.join(out, "clip_vit_b32.pt"))
    shutil.copy(tokenizer, os.path.join(out, "tokenizer.json"))


def bench_clip(out, threads, seconds):
    torch.set_num_threads(threads)
    m = torch.jit.load(os.path.join(out, "clip_vit_b32.pt")).eval()
    tf = T.Compose([T.Resize(224, interpolation=T.InterpolationMode.BICUBIC), T.CenterCrop(224), T.ToTensor(),
                    T.Normalize([0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711])])
    for batch in (1, 32):
        x = torch.randn(batch, 3, 224, 224)
        imgs = images(batch)
        with torch.no_grad():
            ops = timed(lambda: m.encode_image(x), seconds)
            print(f"python clip-vit inference only batch {batch:2d}: {ops * batch:7.2f} images/s")
            ops = timed(lambda: torch.nn.functional.normalize(m.encode_image(torch.stack([tf(i) for i in imgs])), dim=1), seconds)
            print(f"python clip-vit end to end     batch {batch:2d}: {ops * batch:7.2f} images/s")


def images(n):
    rng = np.random.default_rng(42)
    return [Image.fromarray(rng.integers(0, 256, (256, 320, 3), dtype=np.uint8), "RGB") for _ in range(n)]


def timed(fn, seconds):
    fn()  # warm-up
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        fn()
        n += 1
    return n / (time.perf_counter() - t0)


def bench(out, threads, seconds):
    torch.set_num_threads(threads)
    m = torch.jit.load(os.path.join(out, "resnet50.pt")).eval()
    tf = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    for batch in (1, 32):
        x = torch.randn(batch, 3, 224, 224)
        imgs = images(batch)
        with torch.no_grad():
            ops = timed(lambda: m(x), seconds)
            print(f"python torch inference only  batch {batch:2d}: {ops * batch:7.2f} images/s")
            ops = timed(lambda: torch.nn.functional.normalize(m(torch.stack([tf(i) for i in imgs])), dim=1), seconds)
            print(f"python torch end to end      batch {batch:2d}: {ops * batch:7.2f} images/s")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/artsim-bench-models")
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--clip", action="store_true", help="the ViT-B/32-shaped CLIP tower instead of ResNet-50")
    ap.add_argument("--tokenizer", default="artsim-embed/src/test/resources/fixtures/clip/tokenizer.json")
    a = ap.parse_args()
    if a.bench:
        (bench_clip if a.clip else bench)(a.out, a.threads, a.seconds)
    elif a.clip:
        make_clip(a.out, a.tokenizer)
    else:
        make(a.out)
