"""Makes the ONNX benchmark's inputs (bench/onnx.mjs): a 28x28 CNN with random weights (seed 0)
exported by torch.onnx.export (opset 17, dynamic batch) and 1,000 random inputs [1000, 1, 28, 28]
float32, into bench/.out/ (not committed: ~2 MB of weights and 3 MB of inputs).

  conv1 (1->16, 3x3, pad 1) -> relu -> conv2 (16->32, 3x3, pad 1) -> relu -> maxpool 2
  -> conv3 (32->32, 3x3, pad 1) -> relu -> maxpool 2 -> flatten -> fc1 (1568->128) -> relu -> fc2 (128->10)

Run with Debian's python: /usr/bin/python3 bench/make_onnx_cnn.py
"""
import pathlib

import numpy as np
import torch
from torch import nn

out = pathlib.Path(__file__).parent / ".out"
out.mkdir(exist_ok=True)
torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10),
).eval()
x = torch.rand(1000, 1, 28, 28, generator=torch.Generator().manual_seed(1))
torch.onnx.export(model, x[:1], str(out / "cnn28.onnx"), opset_version=17, input_names=["x"], output_names=["logits"],
                  dynamic_axes={"x": {0: "N"}, "logits": {0: "N"}})
np.save(out / "cnn28-inputs.npy", x.numpy())
print("wrote", out / "cnn28.onnx", out / "cnn28-inputs.npy")
