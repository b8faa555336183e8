"""The transformer member's layers as one ONNX graph with ONNX Runtime's fused BERT kernels
(MultiHeadAttention, SkipLayerNormalization, FastGelu), the same computation as `Encoder.encode`
in NumPy: embeddings in (looked up in NumPy), last hidden states at the kept positions out."""

from __future__ import annotations

import numpy as np

from onrecord.model.graph import FLOAT, INT64, MS, Builder, tensor

EPS = 1e-12


def encoder_graph(w: dict[str, np.ndarray], layers: int, heads: int, int8: bool) -> bytes:
    """Inputs: `emb` (N, H) word + position + type embeddings of one sequence's N pieces (no
    padding, no attention mask), `rows` (K,) positions to keep; output `hidden` (K, H). With `int8`,
    the matrix products run on int8 weights and inputs (dynamic quantization)."""
    g = Builder(int8)
    hid = w["ln.weight"].shape[0]

    def norm(x: str, skip: str, bias: np.ndarray, p: str) -> str:
        # Add + LayerNormalization: this CPU build's fused SkipLayerNormalization is 5x slower
        x = g.op("Add", [g.op("Add", [x, g.const(bias)]), skip])
        return g.op("LayerNormalization", [x, g.const(w[f"{p}.weight"]), g.const(w[f"{p}.bias"])],
                    axis=-1, epsilon=EPS)

    def attend(q: str, k: str, v: str) -> str:
        batch = g.const(np.array([0], np.int64))  # the op reads (batch, pieces, hidden)
        q, k, v = (g.op("Unsqueeze", [t, batch]) for t in (q, k, v))
        ctx = g.op("MultiHeadAttention", [q, k, v], domain=MS, num_heads=heads)
        return g.op("Squeeze", [ctx, batch])

    x = g.op("LayerNormalization", ["emb", g.const(w["ln.weight"]), g.const(w["ln.bias"])],
             axis=-1, epsilon=EPS)
    for j in range(layers):
        p = f"layers.{j}."
        wq, wk, wv = (w[f"{p}{n}.weight"].T for n in "qkv")
        bq, bk, bv = (w[f"{p}{n}.bias"] for n in "qkv")
        if j < layers - 1:
            qkv = g.linear(x, np.concatenate([wq, wk, wv], 1), np.concatenate([bq, bk, bv]))
            q, k, v = g.op("Split", [qkv, g.const(np.array([hid] * 3, np.int64))], outputs=3,
                           axis=-1)
        else:  # the last layer: queries and all that follows only where kept
            kv = g.linear(x, np.concatenate([wk, wv], 1), np.concatenate([bk, bv]))
            k, v = g.op("Split", [kv, g.const(np.array([hid] * 2, np.int64))], outputs=2,
                        axis=-1)
            x = g.op("Gather", [x, "rows"], axis=0)
            q = g.linear(x, wq, bq)
        ctx = attend(q, k, v)
        x = norm(g.linear(ctx, w[f"{p}o.weight"].T, None), x, w[f"{p}o.bias"], f"{p}ln1")
        inner = g.op("FastGelu", [g.linear(x, w[f"{p}i.weight"].T, None),
                                  g.const(w[f"{p}i.bias"])], domain=MS)
        x = norm(g.linear(inner, w[f"{p}out.weight"].T, None), x, w[f"{p}out.bias"], f"{p}ln2")
    g.output(x, "hidden")
    return g.model([tensor("emb", FLOAT, ["N", hid]), tensor("rows", INT64, ["K"])],
                   [tensor("hidden", FLOAT, ["K", hid])])
