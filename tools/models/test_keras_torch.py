"""Unit tests of keras_torch.py on tiny synthetic Keras topologies, against naive NumPy references.

    cd tools/models && /usr/bin/python3 -m unittest -v test_keras_torch
"""

import itertools
import unittest

import numpy as np
import torch

from keras_torch import KerasGraph, KerasGraphError, dequantise, read_weights, same_pads


def layer(name, cls, inbound, **config):
    config.setdefault("name", name)
    return {"name": name, "class_name": cls, "config": config,
            "inbound_nodes": [[[i, 0, 0, {}] for i in inbound]] if inbound else []}


def model(*layers, h=6, w=6, c=2):
    first = layer("in", "InputLayer", [], batch_input_shape=[None, h, w, c])
    return {"model_config": {"class_name": "Model", "config": {"layers": [first, *layers]}}}


def run(topology, weights, endpoint, x_nhwc, pooled=False):
    m = KerasGraph(topology, weights, endpoint, pooled).eval()
    with torch.no_grad():
        y = m(torch.from_numpy(x_nhwc).permute(0, 3, 1, 2).contiguous())
    return y.permute(0, 2, 3, 1).numpy() if y.dim() == 4 else y.numpy()


# ------------------------------------------------------------------ naive references (NHWC, float64)

def tf_pads(size, k, s):
    # TensorFlow's documented rule, written out: out = ceil(size / s); the total padding is split
    # with the smaller half before.
    out = (size + s - 1) // s
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def ref_conv(x, k, b, stride, padding, depthwise=False):
    n, h, w, c = x.shape
    kh, kw = k.shape[:2]
    if padding == "same":
        (t, bo), (l, r) = tf_pads(h, kh, stride), tf_pads(w, kw, stride)
        x = np.pad(x, ((0, 0), (t, bo), (l, r), (0, 0)))
    oh = (x.shape[1] - kh) // stride + 1
    ow = (x.shape[2] - kw) // stride + 1
    cout = c * k.shape[3] if depthwise else k.shape[3]
    y = np.zeros((n, oh, ow, cout))
    for i, j in itertools.product(range(oh), range(ow)):
        patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw, :].astype(np.float64)
        if depthwise:
            for ci in range(c):
                for m in range(k.shape[3]):
                    y[:, i, j, ci * k.shape[3] + m] = (patch[..., ci] * k[:, :, ci, m]).sum(axis=(1, 2))
        else:
            y[:, i, j, :] = np.tensordot(patch, k, axes=([1, 2, 3], [0, 1, 2]))
    return y + (0 if b is None else b)


def ref_pool(x, size, stride, padding, kind):
    n, h, w, c = x.shape
    if padding == "same":
        (t, bo), (l, r) = tf_pads(h, size, stride), tf_pads(w, size, stride)
        oh, ow = (h + stride - 1) // stride, (w + stride - 1) // stride
    else:
        t = l = 0
        oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    y = np.zeros((n, oh, ow, c))
    for i, j in itertools.product(range(oh), range(ow)):
        r0, c0 = i * stride - t, j * stride - l
        rows = [r for r in range(r0, r0 + size) if 0 <= r < h]  # padded cells never count
        cols = [q for q in range(c0, c0 + size) if 0 <= q < w]
        win = x[:, rows][:, :, cols]
        y[:, i, j, :] = win.max(axis=(1, 2)) if kind == "max" else win.mean(axis=(1, 2))
    return y


class KerasTorchTest(unittest.TestCase):
    def setUp(self):
        self.rng = np.random.default_rng(7)

    def rand(self, *shape):
        return self.rng.standard_normal(shape).astype(np.float32)

    def test_same_pads_put_the_odd_row_after(self):
        self.assertEqual(same_pads(4, 3, 2), (0, 1))
        self.assertEqual(same_pads(224, 3, 2), (0, 1))
        self.assertEqual(same_pads(5, 3, 2), (1, 1))
        self.assertEqual(same_pads(7, 1, 2), (0, 0))
        self.assertEqual(same_pads(17, 3, 1), (1, 1))
        for size, k, s in itertools.product(range(1, 12), range(1, 6), range(1, 4)):
            self.assertEqual(same_pads(size, k, s), tf_pads(size, k, s), (size, k, s))

    def test_conv2d_same_and_valid_on_odd_and_even_sizes_match_the_reference(self):
        for (h, w), stride, padding, k in itertools.product([(6, 6), (7, 5)], [1, 2], ["same", "valid"], [1, 3]):
            x, kern, b = self.rand(2, h, w, 3), self.rand(k, k, 3, 4), self.rand(4)
            topo = model(layer("c", "Conv2D", ["in"], filters=4, kernel_size=[k, k], strides=[stride, stride],
                               padding=padding, use_bias=True, activation="linear"), h=h, w=w, c=3)
            got = run(topo, {"c/kernel": kern, "c/bias": b}, "c", x)
            np.testing.assert_allclose(got, ref_conv(x, kern, b, stride, padding), atol=1e-5,
                                       err_msg=str((h, w, stride, padding, k)))

    def test_depthwise_conv_orders_output_channels_as_tensorflow(self):
        x, kern = self.rand(1, 7, 7, 3), self.rand(3, 3, 3, 2)
        topo = model(layer("d", "DepthwiseConv2D", ["in"], kernel_size=[3, 3], strides=[2, 2], padding="same",
                           depth_multiplier=2, use_bias=False, activation="relu"), h=7, w=7, c=3)
        got = run(topo, {"d/depthwise_kernel": kern}, "d", x)
        np.testing.assert_allclose(got, np.maximum(ref_conv(x, kern, None, 2, "same", depthwise=True), 0), atol=1e-5)

    def test_batch_norm_without_scale_relu6_zero_padding(self):
        x = self.rand(2, 4, 4, 2) * 5
        mean, var, beta = self.rand(2), np.abs(self.rand(2)) + 0.1, self.rand(2)
        topo = model(layer("pad", "ZeroPadding2D", ["in"], padding=[[0, 1], [2, 0]]),
                     layer("bn", "BatchNormalization", ["pad"], axis=3, epsilon=1e-3, scale=False, center=True),
                     layer("r", "ReLU", ["bn"], max_value=6.0, negative_slope=0.0, threshold=0.0), h=4, w=4)
        got = run(topo, {"bn/moving_mean": mean, "bn/moving_variance": var, "bn/beta": beta}, "r", x)
        padded = np.pad(x, ((0, 0), (0, 1), (2, 0), (0, 0))).astype(np.float64)
        want = np.clip((padded - mean) / np.sqrt(var.astype(np.float64) + 1e-3) + beta, 0, 6)
        np.testing.assert_allclose(got, want, atol=1e-5)

    def test_average_pooling_same_divides_by_real_inputs_and_max_pooling_same(self):
        x = self.rand(2, 5, 6, 3)
        for kind, cls, stride in [("avg", "AveragePooling2D", 1), ("avg", "AveragePooling2D", 2), ("max", "MaxPooling2D", 2)]:
            topo = model(layer("p", cls, ["in"], pool_size=[3, 3], strides=[stride, stride], padding="same"), h=5, w=6, c=3)
            np.testing.assert_allclose(run(topo, {}, "p", x), ref_pool(x, 3, stride, "same", kind), atol=1e-5, err_msg=cls)
        topo = model(layer("p", "MaxPooling2D", ["in"], pool_size=[3, 3], strides=[2, 2], padding="valid"), h=5, w=6, c=3)
        np.testing.assert_allclose(run(topo, {}, "p", x), ref_pool(x, 3, 2, "valid", "max"), atol=1e-6)

    def test_add_concatenate_flatten_channels_last_then_dense(self):
        x = self.rand(2, 3, 3, 2)
        k, b = self.rand(3 * 3 * 4, 5), self.rand(5)
        topo = model(layer("a", "Activation", ["in"], activation="tanh"),
                     layer("s", "Add", ["in", "a"]),
                     layer("cat", "Concatenate", ["s", "in"], axis=-1),
                     layer("f", "Flatten", ["cat"]),
                     layer("drop", "Dropout", ["f"], rate=0.5),
                     layer("fc", "Dense", ["drop"], units=5, activation="linear", use_bias=True), h=3, w=3)
        got = run(topo, {"fc/kernel": k, "fc/bias": b}, "fc", x)
        cat = np.concatenate([x + np.tanh(x), x], axis=3).reshape(2, -1)
        np.testing.assert_allclose(got, cat.astype(np.float64) @ k + b, atol=1e-4)

    def test_pooled_endpoint_averages_over_space_and_prunes_later_layers(self):
        x = self.rand(1, 4, 4, 2)
        topo = model(layer("r", "ReLU", ["in"]), layer("bad", "Flatten", ["r"]))
        np.testing.assert_allclose(run(topo, {}, "r", x, pooled=True), np.maximum(x, 0).mean(axis=(1, 2)), atol=1e-6)

    def test_weights_are_matched_by_name_not_by_manifest_order(self):
        x = self.rand(1, 6, 6, 2)
        k1, k2 = self.rand(3, 3, 2, 2), self.rand(1, 1, 2, 3)
        topo = model(layer("c1", "Conv2D", ["in"], filters=2, kernel_size=[3, 3], strides=[1, 1], padding="same", use_bias=False),
                     layer("c2", "Conv2D", ["c1"], filters=3, kernel_size=[1, 1], strides=[1, 1], padding="valid", use_bias=False))
        specs = [{"name": "c2/kernel", "shape": [1, 1, 2, 3], "dtype": "float32"},
                 {"name": "c1/kernel", "shape": [3, 3, 2, 2], "dtype": "float32"}]
        data = k2.astype("<f4").tobytes() + k1.astype("<f4").tobytes()
        got = run(topo, read_weights([{"paths": ["x"], "weights": specs}], data), "c2", x)
        np.testing.assert_allclose(got, ref_conv(ref_conv(x, k1, None, 1, "same"), k2, None, 1, "valid"), atol=1e-5)

    def test_dequantise_is_tfjs_arithmetic(self):
        raw = bytes([0, 1, 127, 255])
        spec = {"name": "w", "shape": [2, 2], "dtype": "float32", "quantization": {"min": -0.87334511607301, "scale": 0.006666756611244351, "dtype": "uint8"}}
        want = np.array([np.float32(v * 0.006666756611244351 + -0.87334511607301) for v in raw], np.float32).reshape(2, 2)
        np.testing.assert_array_equal(dequantise(raw, spec), want)

    def test_bad_weights_and_layers_are_refused_with_the_layer_named(self):
        conv = layer("c", "Conv2D", ["in"], filters=2, kernel_size=[3, 3], strides=[1, 1], padding="same", use_bias=True)
        cases = [
            ({"c/kernel": self.rand(3, 3, 2, 2)}, conv, "weight c/bias is missing"),
            ({"c/kernel": self.rand(3, 3, 2, 2), "c/bias": self.rand(3)}, conv, "weight bias has shape [3], the layer needs [2]"),
            ({"c/kernel": self.rand(3, 3, 2, 2), "c/bias": self.rand(2), "c/extra": self.rand(1)}, conv, "does not use: ['extra']"),
            ({"zz/kernel": self.rand(1)}, layer("r", "ReLU", ["in"]), "weight zz/kernel belongs to no layer"),
            ({}, layer("u", "LSTM", ["in"]), "layer u: layer type LSTM is not supported"),
            ({}, layer("a", "Activation", ["in"], activation="selu"), "layer a: activation 'selu' is not supported"),
        ]
        for weights, lay, message in cases:
            with self.assertRaises(KerasGraphError) as ctx:
                KerasGraph(model(lay), weights, lay["name"])
            self.assertIn(message, str(ctx.exception))
        with self.assertRaises(KerasGraphError) as ctx:
            KerasGraph(model(layer("r", "ReLU", ["in"])), {}, "nope")
        self.assertIn("endpoint nope is not a layer", str(ctx.exception))

    def test_weight_data_of_the_wrong_length_is_refused(self):
        specs = [{"paths": ["x"], "weights": [{"name": "c/kernel", "shape": [2, 2], "dtype": "float32",
                                               "quantization": {"min": 0, "scale": 1, "dtype": "uint8"}}]}]
        with self.assertRaises(KerasGraphError) as ctx:
            read_weights(specs, bytes(3))
        self.assertIn("ends at byte 3, the manifest needs 4", str(ctx.exception))
        with self.assertRaises(KerasGraphError) as ctx:
            read_weights(specs, bytes(5))
        self.assertIn("has 5 bytes, the manifest describes 4", str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
