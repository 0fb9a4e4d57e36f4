"""Write tiny, seeded ONNX test fixtures to test/fixtures/models/ (torch only).

* tiny-organ-seg.onnx (+ .json): random weights, the same contract as
  models/organ-seg-v1.onnx: input ``image`` float32 [N,1,256,256] -> output
  ``logits`` float32 [N,14,256,256].
* tiny-medsam-encoder.onnx: ``image`` float32 [1,3,1024,1024] ->
  ``image_embeddings`` float32 [1,256,64,64] (LiteMedSAM/MedSAM signature).
* tiny-medsam-decoder.onnx: ``image_embeddings`` [1,256,64,64] and ``boxes``
  float32 [1,1,4] (x1,y1,x2,y2 in 1024-pixel coordinates) -> ``low_res_masks``
  float32 [1,1,256,256] logits.  The tiny decoder adds a box prior (positive
  inside the box, negative outside) so tests can see that the box matters.

Usage: python3 training/make_fixtures.py [--out test/fixtures/models]
"""
from __future__ import annotations

import argparse
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class TinySeg(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(1, 6, 3, 2, 1)
        self.b = nn.Conv2d(6, 14, 1)

    def forward(self, image):
        y = self.b(F.relu(self.a(image)))
        return F.interpolate(y, scale_factor=2.0, mode="bilinear", align_corners=False)


class TinyEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, 8, 16, 16)
        self.neck = nn.Conv2d(8, 256, 1)

    def forward(self, image):
        return self.neck(F.gelu(self.patch(image)))


class TinyDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Conv2d(256, 1, 1)
        c = (torch.arange(256, dtype=torch.float32) + 0.5) * 4.0  # pixel centres in 1024 coords
        self.register_buffer("cx", c.view(1, 1, 1, 256))
        self.register_buffer("cy", c.view(1, 1, 256, 1))

    def forward(self, image_embeddings, boxes):
        emb = F.interpolate(self.proj(image_embeddings), scale_factor=4.0, mode="bilinear", align_corners=False)
        b = boxes.reshape(1, 4, 1, 1)
        x1, y1, x2, y2 = b[:, 0:1], b[:, 1:2], b[:, 2:3], b[:, 3:4]
        d = torch.minimum(torch.minimum(self.cx - x1, x2 - self.cx), torch.minimum(self.cy - y1, y2 - self.cy))
        return 0.1 * emb + d / 16.0


def export(model, args, path, inputs, outputs, dynamic=None):
    model.eval()
    torch.onnx.export(model, args, path, input_names=inputs, output_names=outputs, opset_version=13,
                      dynamic_axes=dynamic, do_constant_folding=True)
    import onnx
    onnx.checker.check_model(onnx.load(path))
    print(f"{path}: {os.path.getsize(path)} bytes")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "test", "fixtures", "models"))
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(a.seed)
    with torch.no_grad():
        export(TinySeg(), torch.rand(1, 1, 256, 256), os.path.join(a.out, "tiny-organ-seg.onnx"),
               ["image"], ["logits"], {"image": {0: "N"}, "logits": {0: "N"}})
        export(TinyEncoder(), torch.rand(1, 3, 1024, 1024), os.path.join(a.out, "tiny-medsam-encoder.onnx"),
               ["image"], ["image_embeddings"])
        export(TinyDecoder(), (torch.rand(1, 256, 64, 64), torch.tensor([[[100.0, 200.0, 600.0, 700.0]]])),
               os.path.join(a.out, "tiny-medsam-decoder.onnx"), ["image_embeddings", "boxes"], ["low_res_masks"])
    from export import sidecar
    side = sidecar({"minAreaPx": {str(o): 20 for o in range(1, 14)}, "minMeanProb": {str(o): 0.5 for o in range(1, 14)}},
                   {"note": "TEST FIXTURE: random weights, no training; segmentation output is meaningless",
                    "seed": a.seed}, version="0.0.0-test")
    side["licence"] = "Test fixture with random weights; no training data involved (project licence)."
    side["source data licences"] = {}
    with open(os.path.join(a.out, "tiny-organ-seg.json"), "w") as f:
        json.dump(side, f, indent=2)
        f.write("\n")
    print("wrote", os.path.join(a.out, "tiny-organ-seg.json"))


if __name__ == "__main__":
    main()
