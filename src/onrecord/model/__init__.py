"""The trained attribution model: a BiLSTM span tagger over the parse plus a learned linker.

Training (`train.py`) needs PyTorch; running the shipped model needs only NumPy.
"""
