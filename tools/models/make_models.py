#!/usr/bin/python3
"""Makes artsim's pretrained CNN feature extractors from the npm package nsfwjs@4.4.0.

    /usr/bin/python3 tools/models/make_models.py --npm DIR --out DIR [--force] [--check]

--npm   a directory whose node_modules holds nsfwjs@4.4.0 (./artsim models installs it there)
--out   where the models go: <out>/<preset>/<preset>.pt (TorchScript), <preset>.onnx and
        manifest.json (source, layer, input, dimension, sha256 of both files)
--force remake models that exist already
--check make nothing; verify that every preset exists and its files match its manifest

Input of every model: float32 NCHW, RGB in [0, 1], size x size (224 or 299); output [N, dimension].
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_torch import KerasGraph, load_dump  # noqa: E402
from presets import CONVERTER_VERSION, NSFWJS_VERSION, PRESETS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def nsfwjs_models_dir(npm):
    d = os.path.join(npm, "node_modules", "nsfwjs")
    with open(os.path.join(d, "package.json")) as f:
        version = json.load(f)["version"]
    if version != NSFWJS_VERSION:
        sys.exit("%s holds nsfwjs %s; artsim needs nsfwjs@%s (run ./artsim models --force)" % (d, version, NSFWJS_VERSION))
    return os.path.join(d, "dist", "models")


def dump(npm, source, work):
    out = os.path.join(work, source)
    if not os.path.exists(os.path.join(out, "weights.bin")):
        subprocess.run(["node", os.path.join(HERE, "nsfwjs_dump.js"), nsfwjs_models_dir(npm), source, out], check=True)
    return out


def probe_input(size, batch):
    """A fixed, image-like input in [0, 1] (no randomness: the same bytes on every machine)."""
    n = batch * 3 * size * size
    return torch.from_numpy((0.5 + 0.5 * np.sin(np.arange(n, dtype=np.float64) * 0.0007)).astype(np.float32)).reshape(batch, 3, size, size)


def make(preset, dumped, target):
    topology, weights = load_dump(dumped)
    module = KerasGraph(topology, weights, preset.endpoint, preset.pooled).eval()
    x = probe_input(preset.size, 2)
    with torch.no_grad():
        expected = module(x)
        if tuple(expected.shape) != (2, preset.dimension):
            sys.exit("%s: the graph gives shape %s, the preset says [N, %d]" % (preset.name, list(expected.shape), preset.dimension))
        traced = torch.jit.trace(module, x[:1], check_trace=False)
    os.makedirs(target, exist_ok=True)
    pt = os.path.join(target, preset.name + ".pt")
    onnx_path = os.path.join(target, preset.name + ".onnx")
    traced.save(pt)
    reloaded = torch.jit.load(pt)
    with torch.no_grad():
        diff = float((reloaded(x) - expected).abs().max())
    if diff > 1e-5:
        sys.exit("%s: the saved TorchScript differs from the graph by %g at batch 2" % (preset.name, diff))
    torch.onnx.export(module, x[:1], onnx_path, opset_version=17, input_names=["pixel_values"],
                      output_names=["features"], dynamic_axes={"pixel_values": {0: "batch"}, "features": {0: "batch"}})
    manifest = {
        "preset": preset.name,
        "about": preset.about,
        "source": "npm nsfwjs@%s dist/models/%s (MIT)" % (NSFWJS_VERSION, preset.source),
        "layer": preset.endpoint,
        "pooled": preset.pooled,
        "input": {"layout": "NCHW", "size": preset.size, "range": "RGB pixel / 255 in [0, 1]", "onnx_name": "pixel_values"},
        "dimension": preset.dimension,
        "converter_version": CONVERTER_VERSION,
        "torch": torch.__version__,
        "files": {os.path.basename(pt): sha256(pt), os.path.basename(onnx_path): sha256(onnx_path)},
    }
    with open(os.path.join(target, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    print("made %-22s %4d-d  %s  (TorchScript reload diff %.1e)" % (preset.name, preset.dimension, target, diff))


REFERENCE_IMAGES = ["landscape.png", "portrait_rgba.png", "small_grey.png"]
FIXTURES = os.path.join(os.path.dirname(os.path.dirname(HERE)), "artsim-embed", "src", "test", "resources", "fixtures", "images")


def write_reference(preset, target):
    """Python torch's features of the committed fixture images, for artsim-embed's DJL parity test.

    Preprocessing is the preset's in artsim (Pillow: convert("RGB"), resize to size x size with
    BILINEAR, pixel / 255, NCHW), which artsim's Java Preprocessing reproduces bit for bit; the
    features are the saved TorchScript's raw output (not normalised), as reference.f32 [images, dim].
    """
    from PIL import Image
    rows = []
    for name in REFERENCE_IMAGES:
        im = Image.open(os.path.join(FIXTURES, name)).convert("RGB").resize((preset.size, preset.size), Image.BILINEAR)
        rows.append(torch.from_numpy(np.asarray(im, dtype=np.uint8).astype(np.float32) / np.float32(255)).permute(2, 0, 1))
    model = torch.jit.load(os.path.join(target, preset.name + ".pt"))
    with torch.no_grad():
        features = model(torch.stack(rows).contiguous()).numpy()
    features.astype("<f4").tofile(os.path.join(target, "reference.f32"))
    ref = {"preset": preset.name, "shape": list(features.shape), "data": "reference.f32 (little-endian float32)", "images": ["fixtures/images/" + n for n in REFERENCE_IMAGES],
           "preprocessing": "Pillow convert('RGB'), resize((%d, %d), BILINEAR), /255, NCHW" % (preset.size, preset.size),
           "torch": torch.__version__}
    with open(os.path.join(target, "reference.json"), "w") as f:
        json.dump(ref, f)


def check(preset, target):
    """None when the preset's files exist and match their manifest, else what is wrong."""
    mf = os.path.join(target, "manifest.json")
    if not os.path.exists(mf):
        return "missing " + mf
    with open(mf) as f:
        manifest = json.load(f)
    if manifest.get("converter_version") != CONVERTER_VERSION:
        return "%s was made by converter version %s, this is %d" % (mf, manifest.get("converter_version"), CONVERTER_VERSION)
    for name, digest in manifest["files"].items():
        p = os.path.join(target, name)
        if not os.path.exists(p):
            return "missing " + p
        if sha256(p) != digest:
            return "%s does not match the sha256 in its manifest" % p
    return None


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--npm", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args(argv)
    if a.check:
        problems = [p for p in (check(pr, os.path.join(a.out, pr.name)) for pr in PRESETS) if p]
        for p in problems:
            print(p)
        if problems:
            print("run ./artsim models to make them")
            return 1
        print("all %d models present and intact in %s" % (len(PRESETS), a.out))
        return 0
    warnings.filterwarnings("ignore")
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    with tempfile.TemporaryDirectory(prefix="artsim-nsfwjs-") as work:
        for preset in PRESETS:
            target = os.path.join(a.out, preset.name)
            if not a.force and check(preset, target) is None:
                print("have %-22s %s" % (preset.name, target))
            else:
                make(preset, dump(a.npm, preset.source, work), target)
            if a.force or not os.path.exists(os.path.join(target, "reference.json")):
                write_reference(preset, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
