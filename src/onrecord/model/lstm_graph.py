"""A BiLSTM member's layers and output projection as one ONNX graph (ONNX's bidirectional LSTM
op, which reads each sequence to its own length), the same computation as `Tagger.scores` runs
in NumPy: padded input features in, tag logits out."""

from __future__ import annotations

import numpy as np

from onrecord.model.graph import FLOAT, INT32, Builder, tensor

TAGS_OUT = "logits"


def _onnx_gates(m: np.ndarray) -> np.ndarray:
    """PyTorch's gate blocks (input, forget, cell, output) in ONNX's order (input, output,
    forget, cell)."""
    i, f, g, o = np.split(m, 4)
    return np.concatenate([i, o, f, g])


def lstm_graph(w: dict[str, np.ndarray], layers: int) -> bytes:
    """Inputs: `x` (B, T, F) features, `lengths` (B,) tokens per row; output `logits` (B, T, tags)
    (rows past a sequence's length are the output bias: callers read up to the length only)."""
    g = Builder()
    hid = w["lstm.weight_hh_l0"].shape[1]
    x = g.op("Transpose", ["x"], perm=[1, 0, 2])  # time first, as the LSTM op reads
    for k in range(layers):
        dirs = (f"l{k}", f"l{k}_reverse")
        wi = np.stack([_onnx_gates(w[f"lstm.weight_ih_{d}"]) for d in dirs])
        wh = np.stack([_onnx_gates(w[f"lstm.weight_hh_{d}"]) for d in dirs])
        bias = np.stack([np.concatenate([_onnx_gates(w[f"lstm.bias_ih_{d}"]),
                                         _onnx_gates(w[f"lstm.bias_hh_{d}"])]) for d in dirs])
        y = g.op("LSTM", [x, g.const(wi), g.const(wh), g.const(bias), "lengths"],
                 direction="bidirectional", hidden_size=hid)
        y = g.op("Transpose", [y], perm=[0, 2, 1, 3])  # (T, D, B, H) -> (T, B, D, H)
        x = g.op("Reshape", [y, g.const(np.array([0, 0, 2 * hid], np.int64))])
    x = g.op("Transpose", [x], perm=[1, 0, 2])
    g.output(g.linear(x, w["out.weight"].T, w["out.bias"]), TAGS_OUT)
    n_tags = w["out.bias"].shape[0]
    return g.model([tensor("x", FLOAT, ["B", "T", w["lstm.weight_ih_l0"].shape[1]]),
                    tensor("lengths", INT32, ["B"])],
                   [tensor(TAGS_OUT, FLOAT, ["B", "T", n_tags])])
