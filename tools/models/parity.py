#!/usr/bin/python3
"""Checks the converted feature extractors against the original runtime, @tensorflow/tfjs@4.22.0.

    /usr/bin/python3 tools/models/parity.py [--npm DIR] [--models DIR] [--tolerance 1e-4] [IMAGE...]

For every preset, the committed images are preprocessed as nsfwjs feeds its models (RGB, pixel/255,
bilinear resize with align_corners to the square input, tfjs's resizeBilinear(alignCorners=true)),
stacked into one batch, and the SAME float32 tensor goes to
  * tfjs (pure-JavaScript CPU backend) running the nsfwjs model up to the preset's layer,
  * the torch module keras_torch.py rebuilds, and, with --models, the exported TorchScript.
It prints the max abs difference per preset and exits 1 when one exceeds the tolerance.
--npm: the directory whose node_modules holds nsfwjs@4.4.0 and @tensorflow/tfjs@4.22.0
(default ~/.cache/artsim/npm, where ./artsim models installs them).
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from keras_torch import KerasGraph, load_dump  # noqa: E402
from presets import PRESETS, TFJS_VERSION  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_IMAGES = sorted(glob.glob(os.path.join(REPO, "artsim-embed/src/test/resources/fixtures/images/*.png")))


def nsfwjs_tensor(paths, size):
    """NCHW float32: RGB / 255, then bilinear with align_corners to size x size (as nsfwjs does)."""
    rows = []
    for p in paths:
        rgb = np.asarray(Image.open(p).convert("RGB"), dtype=np.float32) / np.float32(255)
        x = torch.from_numpy(rgb).permute(2, 0, 1).unsqueeze(0)
        if x.shape[2] != size or x.shape[3] != size:
            x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=True)
        rows.append(x)
    return torch.cat(rows).contiguous()


def tfjs_features(npm, dumped, preset, x, work):
    nhwc = x.permute(0, 2, 3, 1).contiguous().numpy()
    inp = os.path.join(work, "in.f32")
    out = os.path.join(work, "out.f32")
    nhwc.astype("<f4").tofile(inp)
    env = dict(os.environ, NODE_PATH=os.path.join(npm, "node_modules"))
    r = subprocess.run(["node", os.path.join(HERE, "tfjs_features.js"), dumped, preset.endpoint, "1" if preset.pooled else "0",
                        inp, ",".join(map(str, nhwc.shape)), out], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("tfjs failed for %s:\n%s" % (preset.name, r.stderr))
    meta = json.loads(r.stdout.strip().splitlines()[-1])
    if meta["tfjs"] != TFJS_VERSION or meta["backend"] != "cpu":
        sys.exit("expected tfjs %s on the cpu backend, got %s" % (TFJS_VERSION, meta))
    return np.fromfile(out, dtype="<f4").reshape(meta["shape"])


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--npm", default=os.path.expanduser("~/.cache/artsim/npm"))
    ap.add_argument("--models", help="also check the TorchScript files made by make_models.py in this directory")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    ap.add_argument("images", nargs="*", default=DEFAULT_IMAGES)
    a = ap.parse_args(argv)
    if not a.images:
        sys.exit("no images given and none found under artsim-embed/src/test/resources/fixtures/images")
    warnings.filterwarnings("ignore")
    failed = False
    print("%d images: %s" % (len(a.images), ", ".join(os.path.relpath(p, REPO) for p in a.images)))
    print("%-22s %-20s %6s %12s %12s %12s" % ("preset", "layer", "dim", "max|tfjs|", "torch diff", "script diff"))
    with tempfile.TemporaryDirectory(prefix="artsim-parity-") as work:
        dumped = {}
        for preset in PRESETS:
            if preset.source not in dumped:
                d = os.path.join(work, preset.source)
                subprocess.run(["node", os.path.join(HERE, "nsfwjs_dump.js"),
                                os.path.join(a.npm, "node_modules", "nsfwjs", "dist", "models"), preset.source, d], check=True)
                dumped[preset.source] = d
            topology, weights = load_dump(dumped[preset.source])
            module = KerasGraph(topology, weights, preset.endpoint, preset.pooled).eval()
            x = nsfwjs_tensor(a.images, preset.size)
            ref = tfjs_features(a.npm, dumped[preset.source], preset, x, work)
            with torch.no_grad():
                got = module(x).numpy()
                diff = float(np.abs(got - ref).max())
                script = float("nan")
                if a.models:
                    ts = torch.jit.load(os.path.join(a.models, preset.name, preset.name + ".pt"))
                    script = float(np.abs(ts(x).numpy() - ref).max())
            worst = max(diff, 0.0 if script != script else script)
            failed |= worst > a.tolerance
            print("%-22s %-20s %6d %12.4g %12.3e %12.3e%s" % (preset.name, preset.endpoint, got.shape[1], float(np.abs(ref).max()),
                                                              diff, script, "  FAIL" if worst > a.tolerance else ""))
    print("tolerance %.0e: %s" % (a.tolerance, "FAILED" if failed else "all within"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
