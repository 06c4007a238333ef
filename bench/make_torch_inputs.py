#!/usr/bin/python3
"""Writes the inputs of bench/torch.mjs: one ~100 MB float32 state dict of a 2048-4096-2048-4096-10
MLP (fc1..fc4 weights and biases, seeded), saved by torch.save in the zip format (model.pth), in
the legacy format (model-legacy.pth), and the same tensors as model.safetensors. Files that exist
are kept.

Usage: /usr/bin/python3 bench/make_torch_inputs.py --dir bench/.out/torch
"""
import argparse
import json
import os
import struct

import torch

parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
out = parser.parse_args().dir
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)
sizes = [2048, 4096, 2048, 4096, 10]
state = {}
for i in range(4):
    state[f"fc{i + 1}.weight"] = torch.randn(sizes[i + 1], sizes[i]) * 0.02
    state[f"fc{i + 1}.bias"] = torch.randn(sizes[i + 1]) * 0.02
paths = {name: os.path.join(out, name) for name in ["model.pth", "model-legacy.pth", "model.safetensors"]}
if not os.path.exists(paths["model.pth"]):
    torch.save(state, paths["model.pth"])
if not os.path.exists(paths["model-legacy.pth"]):
    torch.save(state, paths["model-legacy.pth"], _use_new_zipfile_serialization=False)
if not os.path.exists(paths["model.safetensors"]):
    header, offset = {}, 0
    for name, t in state.items():
        n = t.numel() * 4
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + n]}
        offset += n
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(paths["model.safetensors"], "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text)
        for t in state.values():
            f.write(t.numpy().astype("<f4").tobytes())
for p in paths.values():
    print(p, os.path.getsize(p), file=__import__("sys").stderr)
