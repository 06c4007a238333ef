#!/usr/bin/env bash
# Regenerates the README's example images with actviz itself (run after `npm ci`).
set -euo pipefail
cd "$(dirname "$0")/.."
actviz() { node bin/actviz.js "$@"; }
out=docs/images
rm -rf "$out"
actviz curve --fn sigmoid,relu,tanh --derivative --saturation --out "$out/quickstart" -q
actviz curve --fn elu --param alpha=0.5,1,2 --range -5,3 --out "$out/sweep" -q
actviz curve --fn relu,gelu,silu,mish,softplus --overlay --range -4,4 --out "$out/overlay" -q
actviz curve --fn sigmoid --lang zh --out "$out/zh" -q
actviz curve --fn gelu --derivative --theme dark --range -5,5 --out "$out/dark" -q
actviz curve --fn tanh --derivative --saturation 0.1 --format svg --out "$out/svg" -q
ex=fixtures/examples/digits-mlp-hidden.npy
actviz neurons "$ex" --neurons 5 --out "$out/neurons" -q
actviz neurons "$ex" --neurons 8 --plot hist --out "$out/neurons" -q
actviz neurons "$ex" --plot heatmap,summary --out "$out/neurons" -q
actviz neurons "$ex" --top 16 --by variance --grid 4x4 --out "$out/neurons" -q
w=fixtures/examples/digits-mlp.safetensors
x=fixtures/examples/digits-inputs.npy
actviz curve --fn relu --derivative --saturation --range -4,4 --out "$out/weights" -q
actviz neurons --weights "$w" --input "$x" --activation relu --top 8 --by variance --grid 2x4 --title "fc1: the 8 neurons of highest variance" --out "$out/weights" -q
actviz neurons --weights "$w" --input "$x" --activation relu --plot heatmap,summary --title "fc1 (ReLU) on 397 held-out digits" --out "$out/weights" -q
actviz neurons --weights "$w" --input "$x" --activation relu --layer output --softmax --plot heatmap --title "fc2 + softmax: class probabilities" --out "$out/weights/output" -q
ls -R "$out"
