"""Rebuilds a Keras 2 "layers" model (the JSON topology tfjs reads) as a torch module.

What it guarantees:
  * weights are dequantised exactly as tfjs-core's decodeWeights does (float32(v * scale + min),
    computed in double precision), and matched to layers BY NAME ("<layer>/<weight>"), never by
    position: every manifest tensor must belong to a layer of the topology, every layer must get
    exactly the tensors its configuration asks for, with the shapes it expects;
  * Keras semantics are kept: 'same' padding is asymmetric (the extra row/column goes after) when
    the total is odd (stride 2), average pooling with 'same' padding divides by the number of real
    inputs, Flatten reads channels-last order, kernels are converted from channels-last layouts;
  * the module takes NCHW float input (channels-first, as torch and DJL feed images) and returns
    the named layer's output, optionally averaged over space ("pooled");
  * an unsupported layer or setting raises KerasGraphError naming the layer, never a silent guess.
"""

import json

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class KerasGraphError(ValueError):
    """The topology or the weights cannot be rebuilt faithfully; the message says which layer."""


# --------------------------------------------------------------------------------------------
# Weights


def dequantise(raw, spec):
    """One manifest tensor from its bytes, as tfjs-core decodeWeights computes it."""
    shape = tuple(spec["shape"])
    q = spec.get("quantization")
    if q is None:
        if spec.get("dtype", "float32") != "float32":
            raise KerasGraphError("weight %s: dtype %s is not supported" % (spec["name"], spec.get("dtype")))
        return np.frombuffer(raw, dtype="<f4").reshape(shape).copy()
    if q["dtype"] == "uint8":
        v = np.frombuffer(raw, dtype=np.uint8)
    elif q["dtype"] == "uint16":
        v = np.frombuffer(raw, dtype="<u2")
    else:
        raise KerasGraphError("weight %s: quantisation dtype %s is not supported" % (spec["name"], q["dtype"]))
    # JavaScript numbers are doubles: v * scale + min is computed in float64, then stored as float32.
    values = v.astype(np.float64) * float(q["scale"]) + float(q["min"])
    return values.astype(np.float32).reshape(shape)


def bytes_per_value(spec):
    q = spec.get("quantization")
    if q is None:
        return 4
    return {"uint8": 1, "uint16": 2}.get(q["dtype"], 0) or _bad_quant(spec)


def _bad_quant(spec):
    raise KerasGraphError("weight %s: quantisation dtype %s is not supported" % (spec["name"], spec["quantization"]["dtype"]))


def read_weights(manifest, data):
    """All tensors of a tfjs weights manifest from the concatenated shard bytes, by name."""
    out = {}
    offset = 0
    for group in manifest:
        for spec in group["weights"]:
            n = int(np.prod(spec["shape"], dtype=np.int64)) * bytes_per_value(spec)
            if offset + n > len(data):
                raise KerasGraphError("weight %s: the weight data ends at byte %d, the manifest needs %d"
                                      % (spec["name"], len(data), offset + n))
            if spec["name"] in out:
                raise KerasGraphError("weight %s appears twice in the manifest" % spec["name"])
            out[spec["name"]] = dequantise(data[offset:offset + n], spec)
            offset += n
    if offset != len(data):
        raise KerasGraphError("the weight data has %d bytes, the manifest describes %d" % (len(data), offset))
    return out


# --------------------------------------------------------------------------------------------
# Layers (all take and return NCHW tensors, or [N, C] after Flatten/Dense)


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def same_pads(size, kernel, stride, dilation=1):
    """TensorFlow 'same' padding along one axis: (before, after), the odd one going after."""
    effective = (kernel - 1) * dilation + 1
    out = -(-size // stride)
    total = max((out - 1) * stride + effective - size, 0)
    return total // 2, total - total // 2


ACTIVATIONS = ("linear", "relu", "relu6", "sigmoid", "tanh", "softmax")


def check_activation(name, layer):
    if name is not None and name not in ACTIVATIONS:
        raise KerasGraphError("layer %s: activation %r is not supported" % (layer, name))


def activate(x, name, layer):
    if name in ("linear", None):
        return x
    if name == "relu":
        return F.relu(x)
    if name == "relu6":
        return torch.clamp(x, 0.0, 6.0)
    if name == "sigmoid":
        return torch.sigmoid(x)
    if name == "tanh":
        return torch.tanh(x)
    if name == "softmax":
        return torch.softmax(x, dim=1)
    raise KerasGraphError("layer %s: activation %r is not supported" % (layer, name))


class Conv(nn.Module):
    """Conv2D or DepthwiseConv2D with Keras padding and activation."""

    def __init__(self, name, weight, bias, stride, dilation, padding, groups, activation):
        super().__init__()
        self.name = name
        self.weight = nn.Parameter(torch.from_numpy(weight), requires_grad=False)
        self.bias = None if bias is None else nn.Parameter(torch.from_numpy(bias), requires_grad=False)
        self.stride = stride
        self.dilation = dilation
        self.padding = padding
        self.groups = groups
        self.activation = activation
        check_activation(activation, name)  # refuses an unknown activation at build time

    def forward(self, x):
        if self.padding == "same":
            kh, kw = self.weight.shape[2], self.weight.shape[3]
            top, bottom = same_pads(x.shape[2], kh, self.stride[0], self.dilation[0])
            left, right = same_pads(x.shape[3], kw, self.stride[1], self.dilation[1])
            if top or bottom or left or right:
                x = F.pad(x, (left, right, top, bottom))
        y = F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)
        return activate(y, self.activation, self.name)


class BatchNorm(nn.Module):
    def __init__(self, gamma, beta, mean, var, eps):
        super().__init__()
        for k, v in (("gamma", gamma), ("beta", beta), ("mean", mean), ("var", var)):
            self.register_buffer(k, torch.from_numpy(v))
        self.eps = eps

    def forward(self, x):
        return F.batch_norm(x, self.mean, self.var, self.gamma, self.beta, False, 0.0, self.eps)


class Relu(nn.Module):
    def __init__(self, max_value):
        super().__init__()
        self.max_value = max_value

    def forward(self, x):
        if self.max_value is None:
            return F.relu(x)
        return torch.clamp(x, 0.0, self.max_value)


class Act(nn.Module):
    def __init__(self, name, activation):
        super().__init__()
        self.name = name
        self.activation = activation
        check_activation(activation, name)

    def forward(self, x):
        return activate(x, self.activation, self.name)


class ZeroPad(nn.Module):
    def __init__(self, top, bottom, left, right):
        super().__init__()
        self.pads = (left, right, top, bottom)

    def forward(self, x):
        return F.pad(x, self.pads)


class Pool(nn.Module):
    def __init__(self, kind, size, stride, padding):
        super().__init__()
        self.kind = kind
        self.size = size
        self.stride = stride
        self.padding = padding

    def forward(self, x):
        if self.padding == "same":
            top, bottom = same_pads(x.shape[2], self.size[0], self.stride[0])
            left, right = same_pads(x.shape[3], self.size[1], self.stride[1])
            pads = (left, right, top, bottom)
            if self.kind == "max":
                x = F.pad(x, pads, value=float("-inf"))
            else:
                # TensorFlow averages over the real inputs only: divide by the pooled count of ones.
                ones = F.pad(torch.ones_like(x[:, :1]), pads)
                x = F.pad(x, pads)
                return F.avg_pool2d(x, self.size, self.stride) / F.avg_pool2d(ones, self.size, self.stride)
        if self.kind == "max":
            return F.max_pool2d(x, self.size, self.stride)
        return F.avg_pool2d(x, self.size, self.stride)


class GlobalPool(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def forward(self, x):
        if self.kind == "max":
            return torch.amax(x, dim=(2, 3))
        return torch.mean(x, dim=(2, 3))


class Flatten(nn.Module):
    def forward(self, x):
        if x.dim() == 4:
            x = x.permute(0, 2, 3, 1)  # Keras flattens channels-last
        return torch.flatten(x, 1)


class Dense(nn.Module):
    def __init__(self, name, kernel, bias, activation):
        super().__init__()
        self.name = name
        self.weight = nn.Parameter(torch.from_numpy(np.ascontiguousarray(kernel.T)), requires_grad=False)
        self.bias = None if bias is None else nn.Parameter(torch.from_numpy(bias), requires_grad=False)
        self.activation = activation
        check_activation(activation, name)

    def forward(self, x):
        return activate(F.linear(x, self.weight, self.bias), self.activation, self.name)


class Identity(nn.Module):
    def forward(self, x):
        return x


# --------------------------------------------------------------------------------------------
# Building


def _channels_axis(layer, axis):
    if axis not in (3, -1):
        raise KerasGraphError("layer %s: axis %r is not the channels axis of a 4-D channels-last tensor"
                              % (layer, axis))


def _check_format(name, cfg):
    if cfg.get("data_format", "channels_last") != "channels_last":
        raise KerasGraphError("layer %s: data_format %s is not supported" % (name, cfg["data_format"]))


class _Weights:
    """The tensors of one layer, taken by name; shapes are checked as they are taken."""

    def __init__(self, layer, tensors):
        self.layer = layer
        self.tensors = tensors
        self.taken = set()

    def take(self, key, shape=None):
        if key not in self.tensors:
            raise KerasGraphError("layer %s: weight %s/%s is missing from the manifest (has: %s)"
                                  % (self.layer, self.layer, key, sorted(self.tensors) or "none"))
        t = self.tensors[key]
        if shape is not None and tuple(t.shape) != tuple(shape):
            raise KerasGraphError("layer %s: weight %s has shape %s, the layer needs %s"
                                  % (self.layer, key, list(t.shape), list(shape)))
        self.taken.add(key)
        return t

    def finish(self):
        extra = sorted(set(self.tensors) - self.taken)
        if extra:
            raise KerasGraphError("layer %s: the manifest has weights the layer does not use: %s" % (self.layer, extra))


def _make_layer(layer, w):
    cls = layer["class_name"]
    cfg = layer["config"]
    name = layer["name"]
    if cls in ("InputLayer", "Dropout", "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "ActivityRegularization"):
        return Identity()
    if cls in ("Conv2D", "DepthwiseConv2D"):
        _check_format(name, cfg)
        padding = cfg["padding"]
        if padding not in ("same", "valid"):
            raise KerasGraphError("layer %s: padding %r is not supported" % (name, padding))
        stride, dilation = _pair(cfg["strides"]), _pair(cfg.get("dilation_rate", 1))
        if cls == "Conv2D":
            if cfg.get("groups", 1) != 1:
                raise KerasGraphError("layer %s: grouped Conv2D is not supported" % name)
            k = w.take("kernel")
            if k.ndim != 4:
                raise KerasGraphError("layer %s: kernel must be 4-D, got shape %s" % (name, list(k.shape)))
            if k.shape[3] != cfg["filters"] or tuple(k.shape[:2]) != _pair(cfg["kernel_size"]):
                raise KerasGraphError("layer %s: kernel shape %s does not fit filters=%s kernel_size=%s"
                                      % (name, list(k.shape), cfg["filters"], cfg["kernel_size"]))
            weight = np.ascontiguousarray(k.transpose(3, 2, 0, 1))  # [kh,kw,in,out] -> [out,in,kh,kw]
            groups = 1
            out_channels = k.shape[3]
        else:
            k = w.take("depthwise_kernel")
            if k.ndim != 4 or tuple(k.shape[:2]) != _pair(cfg["kernel_size"]) or k.shape[3] != cfg.get("depth_multiplier", 1):
                raise KerasGraphError("layer %s: depthwise_kernel shape %s does not fit kernel_size=%s depth_multiplier=%s"
                                      % (name, list(k.shape), cfg["kernel_size"], cfg.get("depth_multiplier", 1)))
            kh, kw, cin, mult = k.shape
            # [kh,kw,in,mult] -> [in*mult,1,kh,kw]; output channel c*mult+m as in TensorFlow
            weight = np.ascontiguousarray(k.transpose(2, 3, 0, 1).reshape(cin * mult, 1, kh, kw))
            groups = cin
            out_channels = cin * mult
        bias = w.take("bias", (out_channels,)) if cfg.get("use_bias", True) else None
        return Conv(name, weight, bias, stride, dilation, padding, groups, cfg.get("activation", "linear"))
    if cls == "BatchNormalization":
        axis = cfg.get("axis", -1)
        _channels_axis(name, axis[0] if isinstance(axis, list) and len(axis) == 1 else axis)
        mean = w.take("moving_mean")
        c = mean.shape
        var = w.take("moving_variance", c)
        gamma = w.take("gamma", c) if cfg.get("scale", True) else np.ones(c, np.float32)
        beta = w.take("beta", c) if cfg.get("center", True) else np.zeros(c, np.float32)
        return BatchNorm(gamma, beta, mean, var, float(cfg.get("epsilon", 1e-3)))
    if cls == "ReLU":
        if float(cfg.get("negative_slope", 0) or 0) != 0 or float(cfg.get("threshold", 0) or 0) != 0:
            raise KerasGraphError("layer %s: ReLU with negative_slope or threshold is not supported" % name)
        mv = cfg.get("max_value")
        return Relu(None if mv is None else float(mv))
    if cls == "Activation":
        return Act(name, cfg["activation"])
    if cls == "ZeroPadding2D":
        _check_format(name, cfg)
        p = cfg["padding"]
        if isinstance(p, int):
            p = [[p, p], [p, p]]
        elif isinstance(p[0], int):
            p = [[p[0], p[0]], [p[1], p[1]]]
        return ZeroPad(p[0][0], p[0][1], p[1][0], p[1][1])
    if cls in ("MaxPooling2D", "AveragePooling2D"):
        _check_format(name, cfg)
        size = _pair(cfg["pool_size"])
        stride = _pair(cfg["strides"] if cfg.get("strides") is not None else cfg["pool_size"])
        if cfg["padding"] not in ("same", "valid"):
            raise KerasGraphError("layer %s: padding %r is not supported" % (name, cfg["padding"]))
        return Pool("max" if cls.startswith("Max") else "avg", size, stride, cfg["padding"])
    if cls in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        _check_format(name, cfg)
        if cfg.get("keepdims", False):
            raise KerasGraphError("layer %s: keepdims is not supported" % name)
        return GlobalPool("max" if "Max" in cls else "avg")
    if cls == "Flatten":
        _check_format(name, cfg)
        return Flatten()
    if cls == "Dense":
        k = w.take("kernel")
        if k.ndim != 2 or k.shape[1] != cfg["units"]:
            raise KerasGraphError("layer %s: kernel shape %s does not fit units=%s" % (name, list(k.shape), cfg["units"]))
        bias = w.take("bias", (cfg["units"],)) if cfg.get("use_bias", True) else None
        return Dense(name, k, bias, cfg.get("activation", "linear"))
    if cls in ("Add", "Concatenate"):
        if cls == "Concatenate":
            _channels_axis(name, cfg.get("axis", -1))
        return Identity()  # merged in KerasGraph.forward
    raise KerasGraphError("layer %s: layer type %s is not supported" % (name, cls))


def _inbound(layer):
    nodes = layer.get("inbound_nodes", [])
    if len(nodes) > 1:
        raise KerasGraphError("layer %s is shared (called %d times); shared layers are not supported"
                              % (layer["name"], len(nodes)))
    if not nodes:
        return []
    ins = []
    for entry in nodes[0]:
        if entry[1] != 0 or entry[2] != 0:
            raise KerasGraphError("layer %s: inbound %s uses a node or tensor index other than 0" % (layer["name"], entry))
        ins.append(entry[0])
    return ins


def layers_of(topology):
    """The layer list of a Keras functional model topology (modelTopology or its model_config)."""
    mc = topology.get("model_config", topology)
    if mc.get("class_name") not in ("Model", "Functional"):
        raise KerasGraphError("model class %s is not supported (only functional Models)" % mc.get("class_name"))
    return mc["config"]["layers"]


class KerasGraph(nn.Module):
    """The subgraph of a Keras model up to one layer, as a torch module taking NCHW input."""

    def __init__(self, topology, weights, endpoint, pooled=False):
        super().__init__()
        layers = layers_of(topology)
        by_layer = {}
        names = [l["name"] for l in layers]
        if len(set(names)) != len(names):
            raise KerasGraphError("the topology has duplicate layer names")
        known = set(names)
        for full, tensor in weights.items():
            if "/" not in full:
                raise KerasGraphError("weight %s is not named <layer>/<weight>" % full)
            layer, key = full.rsplit("/", 1)
            if layer not in known:
                raise KerasGraphError("weight %s belongs to no layer of the topology" % full)
            by_layer.setdefault(layer, {})[key] = tensor
        if endpoint not in known:
            raise KerasGraphError("endpoint %s is not a layer of the topology" % endpoint)
        ops = {}
        inbound = {}
        kinds = {}
        for layer in layers:  # every layer is built, so that every weight is checked
            w = _Weights(layer["name"], by_layer.get(layer["name"], {}))
            ops[layer["name"]] = _make_layer(layer, w)
            w.finish()
            inbound[layer["name"]] = _inbound(layer)
            kinds[layer["name"]] = layer["class_name"]
        inputs = [l["name"] for l in layers if l["class_name"] == "InputLayer"]
        if len(inputs) != 1:
            raise KerasGraphError("the model has %d inputs; exactly one is supported" % len(inputs))
        needed = set()
        stack = [endpoint]
        while stack:
            n = stack.pop()
            if n not in needed:
                needed.add(n)
                stack.extend(inbound[n])
        order = [n for n in names if n in needed]  # Keras lists layers in topological order
        seen = set()
        for n in order:
            for i in inbound[n]:
                if i not in seen:
                    raise KerasGraphError("layer %s reads %s before it is computed" % (n, i))
            seen.add(n)
        self.input_name = inputs[0]
        self.endpoint = endpoint
        self.pooled = pooled
        self.order = order
        self.inbound = {n: inbound[n] for n in order}
        self.kinds = {n: kinds[n] for n in order}
        self.ops = nn.ModuleDict({n.replace(".", "_"): ops[n] for n in order})

    def forward(self, x):
        values = {self.input_name: x}
        for n in self.order:
            if n == self.input_name:
                continue
            ins = [values[i] for i in self.inbound[n]]
            kind = self.kinds[n]
            if kind == "Add":
                y = ins[0]
                for t in ins[1:]:
                    y = y + t
            elif kind == "Concatenate":
                y = torch.cat(ins, dim=1)
            else:
                if len(ins) != 1:
                    raise KerasGraphError("layer %s (%s) takes one input, got %d" % (n, kind, len(ins)))
                y = self.ops[n.replace(".", "_")](ins[0])
            values[n] = y
        out = values[self.endpoint]
        if self.pooled and out.dim() == 4:
            out = torch.mean(out, dim=(2, 3))
        return out


def load_dump(directory):
    """(topology, weights by name) from a directory written by nsfwjs_dump.js."""
    with open(directory + "/model.json") as f:
        model = json.load(f)
    with open(directory + "/weights.bin", "rb") as f:
        data = f.read()
    return model["modelTopology"], read_weights(model["weightsManifest"], data)
