"""Export a checkpoint to ONNX (+ sidecar JSON) and check it.

Usage: python3 training/export.py --ckpt training/.runs/fold1/last.pt \
          --onnx models/organ-seg-v5.onnx [--presence training/.runs/v5/eval/presence.json] [--version 5.0.0]
          [--eval training/.runs/fold1/eval.json]

The ONNX contract: input ``image`` float32 [N,1,256,256] (preprocess.py),
output ``logits`` float32 [N,14,256,256], dynamic batch, opset 13.
Writes reference input/output pairs (``<onnx>.check.*``, under --check-dir)
so that training/verify_onnx.cjs can compare onnxruntime-node with torch.
"""
from __future__ import annotations

import argparse
import json
import os

import numpy as np
import torch

import preprocess as P
from model import count_macs, load_model

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

LICENCE = ("Model weights: CC BY-NC-SA 4.0 (non-commercial research and teaching only), because they are "
           "derived from CHAOS data licensed CC BY-NC-SA 4.0.")
SOURCES = {
    "CHAOS MR T2-SPIR (Kavur et al., Medical Image Analysis 2021, doi:10.1016/j.media.2020.101950; "
    "SSL-ALPNet preprocessing, Ouyang et al. ECCV 2020)": "CC BY-NC-SA 4.0",
    "TotalSegmentator reference CT/MR volumes and labels (Wasserthal et al., Radiology: AI 2023)":
        "Apache-2.0 (code repository) / CC BY 4.0 (dataset)",
    "NIH Pancreas-CT (Roth et al. 2015, TCIA, doi:10.7937/K9/TCIA.2016.tNB1kqBU), public 2D export": "CC BY 3.0",
    "Kaggle aorta-segmentation (evaluation only, not trained on)": "CC BY 4.0",
}


def sidecar(presence, training, version="1.0.0"):
    return {
        "version": version,
        "input": {"name": "image", "shape": [None, 1, P.SIZE, P.SIZE], "dtype": "float32"},
        "output": {"name": "logits", "shape": [None, P.NUM_CLASSES, P.SIZE, P.SIZE], "dtype": "float32"},
        "preprocessing": {
            "orientation": "radiological",
            "ctWindow": {"level": P.CT_LEVEL, "width": P.CT_WIDTH},
            "normalisation": {"kind": "percentile", "low": P.P_LOW, "high": P.P_HIGH},
            "letterbox": {"size": P.SIZE, "pad": 0, "interpolation": "bilinear"},
        },
        "labels": {str(k): v for k, v in P.ORGANS.items()},
        "presence": presence,
        "training": training,
        "licence": LICENCE,
        "source data licences": SOURCES,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, ".runs", "fold1", "last.pt"),
                    help="a checkpoint, or several joined with commas: exported as one averaging network (model.Ensemble)")
    ap.add_argument("--onnx", default=os.path.join(ROOT, "models", "organ-seg-v1.onnx"))
    ap.add_argument("--presence", default=None, help="presence.json from evaluate.py --calibrate")
    ap.add_argument("--training-info", default=None, help="extra JSON merged into the 'training' block")
    ap.add_argument("--check-dir", default=os.path.join(HERE, ".runs", "onnx-check"))
    ap.add_argument("--opset", type=int, default=13)
    ap.add_argument("--version", default="1.0.0", help="model version in the sidecar (the app keys cached results by it)")
    a = ap.parse_args()

    torch.set_num_threads(2)
    model, cks = load_model(a.ckpt)
    ck = cks[0]
    x = torch.zeros(2, 1, P.SIZE, P.SIZE)
    os.makedirs(os.path.dirname(os.path.abspath(a.onnx)), exist_ok=True)
    torch.onnx.export(model, x, a.onnx, input_names=["image"], output_names=["logits"], opset_version=a.opset,
                      dynamic_axes={"image": {0: "N"}, "logits": {0: "N"}}, do_constant_folding=True)
    import onnx
    m = onnx.load(a.onnx)
    onnx.checker.check_model(m)
    ops = sorted({n.op_type for n in m.graph.node})
    print("onnx ok", a.onnx, os.path.getsize(a.onnx) / 1e6, "MB; ops", ops)

    # reference pair for onnxruntime-node (training/verify_onnx.cjs)
    os.makedirs(a.check_dir, exist_ok=True)
    g = torch.Generator().manual_seed(0)
    xin = torch.rand(2, 1, P.SIZE, P.SIZE, generator=g)
    with torch.no_grad():
        yout = model(xin)
    xin.numpy().astype("<f4").tofile(os.path.join(a.check_dir, "input.f32"))
    yout.numpy().astype("<f4").tofile(os.path.join(a.check_dir, "logits.f32"))

    args = ck.get("args", {})
    training = {
        "data": ["CHAOS MR T2-SPIR (10 patients)", "TotalSegmentator reference CT volume (pseudo-labels)",
                 "NIH Pancreas-CT 2D export (39 patients 0001-0040, pancreas only)"],
        "split": "see models/README.md and training/splits.py",
        "seed": args.get("seed"), "iterations": ck.get("iter"), "batch": args.get("batch"),
        "crop": args.get("crop"), "epochs": None,
        "focus": args.get("focus") or None, "ceWeight": args.get("ce_weight") or None,
        "params": sum(p.numel() for p in model.parameters()), "macsPerSlice": count_macs(model),
    }
    if len(cks) > 1:  # an ensemble: each member's recipe
        training["members"] = [{"seed": c.get("args", {}).get("seed"), "iterations": c.get("iter"),
                                "synth": c.get("args", {}).get("synth"), "synthMix": c.get("args", {}).get("synth_mix"),
                                "mixNever": c.get("args", {}).get("mix_never") or None} for c in cks]
    if a.training_info:
        with open(a.training_info) as f:
            training.update(json.load(f))
    presence = {"minAreaPx": {}, "minMeanProb": {}}
    if a.presence:
        with open(a.presence) as f:
            presence = json.load(f)
        if "calibration" in presence:  # keep the contract block minimal; stats go to training
            training["presenceCalibration"] = presence.pop("calibration")
    side = os.path.splitext(a.onnx)[0] + ".json"
    with open(side, "w") as f:
        json.dump(sidecar(presence, training, a.version), f, indent=2)
    print("wrote", side)


if __name__ == "__main__":
    main()
