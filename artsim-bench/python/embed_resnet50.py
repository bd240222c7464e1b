#!/usr/bin/python3
"""Reference side of artsim-bench's EmbedBenchmark: a full-size random-weight ResNet-50 (torchvision,
fc removed: 2048-d pooled features), saved as TorchScript and ONNX for artsim, and timed in Python
torch on the same machine.

    /usr/bin/python3 artsim-bench/python/embed_resnet50.py --out /tmp/artsim-bench-models        # make the models
    /usr/bin/python3 artsim-bench/python/embed_resnet50.py --bench --threads 2 --seconds 30       # time them
    /usr/bin/python3 artsim-bench/python/embed_resnet50.py --clip --out /tmp/artsim-bench-models  # ViT-B/32-shaped CLIP tower
    /usr/bin/python3 artsim-bench/python/embed_resnet50.py --clip --bench --threads 2 --seconds 30
    /usr/bin/python3 artsim-bench/python/embed_resnet50.py --bench --json   # one JSON object instead of lines
    /usr/bin/python3 artsim-bench/python/embed_resnet50.py --bench --model artsim-embed/src/test/resources/fixtures/cnn/tiny_resnet.pt

Making the models also writes, for the TensorFlow engine, resnet50_tf/: the same network (BatchNorm folded
into the convolutions) as a plain op list (graph.txt) with its weights (weights.f32, HWIO) and a probe
input/output pair; org.artsim.bench.embed.MakeTfResNet50 turns it into a SavedModel and checks that
TensorFlow reproduces the probe output. --clip also writes clip_onnx/ (vision_model.onnx, text_model.onnx,
tokenizer.json), the two ONNX graphs as published CLIP exports lay them out.

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
        write_tf_graph(m, x, os.path.join(out, "resnet50_tf"))


def write_tf_graph(m, x, d):
    """The ResNet-50 as an op list for MakeTfResNet50: one line per op, tensors by name, weights in order.

    conv IN OUT KH KW CIN COUT STRIDE PAD RELU   (weights KH*KW*CIN*COUT floats in HWIO order, then COUT biases)
    maxpool IN OUT                                (3x3, stride 2, padding 1, as torchvision)
    add A B OUT                                   (followed by ReLU)
    mean IN OUT                                   (global average over H and W)
    """
    os.makedirs(d, exist_ok=True)
    lines, blobs = [], []

    def conv(name_in, name_out, c, bn, relu):
        scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
        w = (c.weight * scale[:, None, None, None]).permute(2, 3, 1, 0).contiguous()  # OIHW -> HWIO
        b = bn.bias - bn.running_mean * scale
        blobs.extend([w.numpy().astype("<f4").ravel(), b.numpy().astype("<f4")])
        kh, kw = c.kernel_size
        lines.append(f"conv {name_in} {name_out} {kh} {kw} {c.in_channels} {c.out_channels} {c.stride[0]} {c.padding[0]} {int(relu)}")

    conv("x", "stem", m.conv1, m.bn1, True)
    lines.append("maxpool stem t0")
    cur, n = "t0", 0
    for layer in (m.layer1, m.layer2, m.layer3, m.layer4):
        for blk in layer:
            n += 1
            p = f"b{n}"
            conv(cur, p + "a", blk.conv1, blk.bn1, True)
            conv(p + "a", p + "b", blk.conv2, blk.bn2, True)
            conv(p + "b", p + "c", blk.conv3, blk.bn3, False)
            short = cur
            if blk.downsample is not None:
                conv(cur, p + "d", blk.downsample[0], blk.downsample[1], False)
                short = p + "d"
            lines.append(f"add {p}c {short} {p}")
            cur = p
    lines.append(f"mean {cur} y")
    with open(os.path.join(d, "graph.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    np.concatenate(blobs).tofile(os.path.join(d, "weights.f32"))
    x.numpy().astype("<f4").tofile(os.path.join(d, "probe_input.f32"))
    m(x).numpy().astype("<f4").tofile(os.path.join(d, "probe_output.f32"))


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
    bench = ClipBench(visual, vocab).eval()
    torch.jit.script(bench).save(os.path.join(out, "clip_vit_b32.pt"))
    shutil.copy(tokenizer, os.path.join(out, "tokenizer.json"))
    d = os.path.join(out, "clip_onnx")
    os.makedirs(d, exist_ok=True)
    eager = ClipBench(vit, vocab).eval()
    eager.load_state_dict(bench.state_dict())
    # exported with gradients on: under no_grad torch 1.13's attention takes its fused fast path, which has no ONNX form
    torch.onnx.export(Tower(eager.encode_image), torch.randn(1, 3, 224, 224), os.path.join(d, "vision_model.onnx"),
                      opset_version=17, input_names=["pixel_values"], output_names=["image_embeds"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}})
    torch.onnx.export(Tower(eager.encode_text), torch.ones(1, 7, dtype=torch.long), os.path.join(d, "text_model.onnx"),
                      opset_version=17, input_names=["input_ids"], output_names=["text_embeds"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "text_embeds": {0: "batch"}})
    shutil.copy(tokenizer, os.path.join(d, "tokenizer.json"))


class Tower(torch.nn.Module):
    """One method of a module as the forward of an exportable module."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn
        self.owner = fn.__self__

    def forward(self, x):
        return self.fn(x)


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


CLIP_MEAN, CLIP_STD = [0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711]


def bench(out, threads, seconds, clip, batches, as_json, device, model=None):
    """images/s of the TorchScript model at each batch size: inference only on ready tensors, and end to end
    from decoded PIL images through torchvision's transforms (sequential) and L2 normalisation."""
    torch.set_num_threads(threads)
    if device != "cpu" and not torch.cuda.is_available():
        raise SystemExit(f"device {device}: this torch has no CUDA (Debian's python3-torch is CPU-only)")
    if clip:
        m = torch.jit.load(os.path.join(out, "clip_vit_b32.pt"), map_location=device).eval()
        run = m.encode_image
        tf = T.Compose([T.Resize(224, interpolation=T.InterpolationMode.BICUBIC), T.CenterCrop(224), T.ToTensor(),
                        T.Normalize(CLIP_MEAN, CLIP_STD)])
    else:
        m = torch.jit.load(model or os.path.join(out, "resnet50.pt"), map_location=device).eval()
        run = m
        tf = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    name = "clip-vit" if clip else os.path.basename(model) if model else "resnet50"
    result = {"model": name, "torch": torch.__version__, "threads": torch.get_num_threads(), "seconds": seconds, "device": device}
    sync = torch.cuda.synchronize if device != "cpu" else (lambda: None)
    if not as_json:
        print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    for batch in batches:
        x = torch.randn(batch, 3, 224, 224, device=device)
        imgs = images(batch)
        with torch.no_grad():
            inference = timed(lambda: (run(x), sync()), seconds) * batch
            end_to_end = timed(lambda: torch.nn.functional.normalize(run(torch.stack([tf(i) for i in imgs]).to(device)), dim=1).cpu(),
                               seconds) * batch
        result[f"inference_b{batch}"] = inference
        result[f"end_to_end_b{batch}"] = end_to_end
        if not as_json:
            print(f"python {name} inference only batch {batch:2d}: {inference:7.2f} images/s")
            print(f"python {name} end to end     batch {batch:2d}: {end_to_end:7.2f} images/s")
    if as_json:
        import json
        print(json.dumps(result))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/artsim-bench-models")
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--clip", action="store_true", help="the ViT-B/32-shaped CLIP tower instead of ResNet-50")
    ap.add_argument("--tokenizer", default="artsim-embed/src/test/resources/fixtures/clip/tokenizer.json")
    ap.add_argument("--batches", default="1,32", help="batch sizes to time, comma-separated")
    ap.add_argument("--json", action="store_true", help="with --bench: print one JSON object")
    ap.add_argument("--device", default="cpu", help="with --bench: cpu or cuda (needs a torch built with CUDA)")
    ap.add_argument("--model", help="with --bench: time this TorchScript CNN (ImageNet preprocessing) instead of resnet50.pt")
    a = ap.parse_args()
    if a.bench:
        bench(a.out, a.threads, a.seconds, a.clip, [int(b) for b in a.batches.split(",")], a.json, a.device, a.model)
    elif a.clip:
        make_clip(a.out, a.tokenizer)
    else:
        make(a.out)
