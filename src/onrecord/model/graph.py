"""ONNX graphs of the tagger's networks, built at load time from the shipped NumPy weights, and
the one-thread ONNX Runtime session that runs them (fused CPU kernels; int8 products on VNNI
cores). The NumPy forward passes stay as the reference the tests compare these against."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

OPSET = [helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
MS = "com.microsoft"


def session(model: bytes) -> ort.InferenceSession:
    """A session on one thread, all graph optimizations on: the processes already fill the
    cores, and extra threads would only spin against the parse."""
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"],
                                disabled_optimizers=["SkipLayerNormFusion"])


class Builder:
    """Nodes, weights and a unique name for each intermediate value."""

    def __init__(self, int8: bool = False) -> None:
        self.int8 = int8
        self.nodes: list = []
        self.inits: list = []
        self._n = 0

    def name(self, hint: str) -> str:
        self._n += 1
        return f"{hint}_{self._n}"

    def const(self, value: np.ndarray, hint: str = "w") -> str:
        name = self.name(hint)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, kind: str, inputs: list[str], outputs: int = 1, domain: str = "",
           **attrs) -> str | list[str]:
        names = [self.name(kind) for _ in range(outputs)]
        self.nodes.append(helper.make_node(kind, inputs, names, domain=domain or None, **attrs))
        return names[0] if outputs == 1 else names

    def output(self, value: str, name: str) -> None:
        """Name a value as a graph output."""
        self.nodes.append(helper.make_node("Identity", [value], [name]))

    def linear(self, x: str, weight: np.ndarray, bias: np.ndarray | None) -> str:
        """x @ weight + bias, weight (in, out). With int8 (x then (rows, in)), the weights are
        quantized per output column and the inputs per row (token), both symmetric: with one
        input scale per product, the transformer's outlier tokens ([CLS], [SEP]) coarsen every
        other token's; per row, its tag scores stray 2.6x less from the float network's."""
        if not self.int8:
            y = self.op("MatMul", [x, self.const(weight.astype(np.float32))])
            return y if bias is None else self.op("Add", [y, self.const(bias.astype(np.float32))])
        scale = np.maximum(np.abs(weight).max(0), 1e-8) / 127.0
        q = np.clip(np.round(weight / scale), -127, 127).astype(np.int8)
        top = self.op("Max", [self.op("ReduceMax", [x], axes=[1], keepdims=0),
                              self.op("Neg", [self.op("ReduceMin", [x], axes=[1], keepdims=0)])])
        row = self.op("Max", [self.op("Div", [top, self.scalar(127.0)]), self.scalar(1e-8)])
        # uint8 with zero point 128: MLAS's fast u8 x s8 kernels (its s8 x s8 path is 10x slower)
        zero = self.op("Cast", [self.op("Add", [self.op("Mul", [row, self.scalar(0.0)]),
                                                self.scalar(128.0)])], to=TensorProto.UINT8)
        qx = self.op("QuantizeLinear", [x, row, zero], axis=0)
        y = self.op("MatMulIntegerToFloat", [qx, self.const(q), self.scalar(1.0),
                                             self.const(scale.astype(np.float32)),
                                             self.const(np.array(128, np.uint8))], domain=MS)
        y = self.op("Mul", [y, self.op("Unsqueeze", [row, self.const(np.array([1], np.int64))])])
        return y if bias is None else self.op("Add", [y, self.const(bias.astype(np.float32))])

    def scalar(self, value: float) -> str:
        return self.const(np.array(value, np.float32), "s")

    def model(self, inputs: list, outputs: list) -> bytes:
        g = helper.make_graph(self.nodes, "onrecord", inputs, outputs, self.inits)
        return helper.make_model(g, opset_imports=OPSET, ir_version=8).SerializeToString()


def tensor(name: str, kind: int, shape: list) -> object:
    return helper.make_tensor_value_info(name, kind, shape)


FLOAT, INT32, INT64 = TensorProto.FLOAT, TensorProto.INT32, TensorProto.INT64
