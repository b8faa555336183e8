"""Training the attribution model (`onrecord train`) with PyTorch, CPU only: the corpus and its
features, the taggers, the transformer member, the span linker, and building the word vectors.

The model runs without any of it: `model/` is the NumPy runtime that reads what this writes.
"""
