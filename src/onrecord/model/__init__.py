"""The trained attribution model at run time, in NumPy and ONNX Runtime: features of the parse,
a BiLSTM and a transformer member tagging spans, and a learned linker. `apply.py` loads the
weights and predicts; `combine.py` decides how its attributions meet the rules'; `training/`
makes them.
"""
