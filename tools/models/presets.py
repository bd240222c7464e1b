"""The pretrained feature extractors artsim makes from nsfwjs@4.4.0, one place for all their facts.

Each preset names the nsfwjs model it is cut from, the Keras layer whose output it returns, whether
that output is averaged over space, and the square input size nsfwjs feeds that model. The input is
what nsfwjs feeds too: RGB scaled to [0, 1] (pixel / 255), resized to size x size, NCHW here.
"""

NSFWJS_VERSION = "4.4.0"
TFJS_VERSION = "4.22.0"
CONVERTER_VERSION = 1


class Preset:
    def __init__(self, name, source, endpoint, pooled, size, dimension, about):
        self.name = name
        self.source = source
        self.endpoint = endpoint
        self.pooled = pooled
        self.size = size
        self.dimension = dimension
        self.about = about


PRESETS = [
    Preset("mobilenetv2", "mobilenet_v2", "flatten_1", False, 224, 1280,
           "MobileNetV2 out_relu average-pooled (nsfwjs flatten_1): blocks 11-16 fine-tuned by nsfwjs"),
    Preset("mobilenetv2-imagenet", "mobilenet_v2", "block_10_project_BN", True, 224, 96,
           "MobileNetV2 block 10 output averaged over space: the last block nsfwjs kept frozen (ImageNet weights)"),
    Preset("inceptionv3", "inception_v3", "mixed5", True, 299, 768,
           "InceptionV3 mixed5 averaged over space: the last mixed block nsfwjs kept frozen (ImageNet weights)"),
]

BY_NAME = {p.name: p for p in PRESETS}
