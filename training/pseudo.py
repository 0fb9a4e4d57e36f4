"""Pseudo-labels: let the shipped model label the organs that a partially labelled training set
does not annotate, and write a training cache that train.py reads as usual (``--cache``).

CHAOS MR annotates 4 organs and Pancreas-CT 1; the other organs are visible in those slices but
unlabelled, so seven organs are learned from a single CT volume. Here the shipped ONNX (run in
onnxruntime-node by first_stage.cjs, exactly as the app runs it) labels every training slice of
those two sets, and its confident pixels become labels for a chosen set of extra classes:

* the ground truth always wins (an annotated organ, or background where that set annotates);
* a pixel the teacher gives to an extra class with softmax >= --min-prob becomes that class; one
  it gives to an extra class with a lower probability, or to background with a lower probability,
  is ignored by the loss (label 255);
* the extra classes join the slice's ``labelled`` set (train.py's partial-label loss), and their
  pixels join the synthesis map ``syn``, so synthetic intensities are drawn per pseudo organ too.

Organs the teacher finds poorly (on MR all but the large ones and the vessels; the adrenals and the
esophagus anywhere) are left out by default and stay unannotated there (the marginal loss never
pushes them to background).

Usage (from training/, after prepare_data.py):
  python3 pseudo.py --onnx ../models/organ-seg-v5.onnx --cache .data --out .data_pl
  python3 train.py --cache .data_pl ...
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess

import numpy as np

import augment as A
import preprocess as P

HERE = os.path.dirname(os.path.abspath(__file__))
IGNORE = 255

# extra classes per training set: the aorta and IVC on CHAOS MR (the teacher's stomach, duodenum and
# gallbladder on MR cover only part of each organ, and an annotated class's missed pixels would be
# trained as background); on Pancreas-CT, CT like the teacher's all-organ volume, every organ but
# the pancreas (annotated there), the adrenals and the esophagus
DEFAULT_EXTRA = {"chaos_train": [5, 6], "pancreas_train": [1, 2, 3, 5, 6, 9, 11, 12, 13]}


def teacher(onnx, img, meta, tmp):
    """Run the ONNX over the cache's letterboxed raw slices -> argmax labels, max softmax (0..1)."""
    os.makedirs(tmp, exist_ok=True)
    x = np.zeros(img.shape, np.float32)
    for i, m in enumerate(meta):
        valid = P.valid_mask(m["h"], m["w"])
        raw = img[i].astype(np.float32)
        if m["kind"] == "ct":
            raw = P.ct_window(raw)
        x[i] = A.norm_valid(raw, valid)
    x[:, None].astype("<f4").tofile(os.path.join(tmp, "input.f32"))
    subprocess.run(["node", os.path.join(HERE, "first_stage.cjs"), onnx, tmp, "--conf"], check=True)
    lab = np.fromfile(os.path.join(tmp, "labels.u8"), np.uint8).reshape(img.shape)
    conf = np.fromfile(os.path.join(tmp, "conf.u8"), np.uint8).reshape(img.shape).astype(np.float32) / 255.0
    return lab, conf


def merge(gt, syn, pred, conf, extra, min_prob):
    """Ground truth + the teacher's confident pixels of the extra classes (255 = ignored)."""
    lbl = gt.copy()
    syn = syn.copy()
    free = gt == 0
    is_extra = np.isin(pred, extra) & free
    sure = is_extra & (conf >= min_prob)
    lbl[sure] = pred[sure]
    lbl[is_extra & ~sure] = IGNORE
    # background the teacher is unsure of (organ borders) is ignored too: a missed rim of an extra
    # organ would otherwise be trained as background
    lbl[free & (pred == 0) & (conf < min_prob)] = IGNORE
    syn[sure] = pred[sure]
    return lbl, syn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", default=os.path.join(HERE, "..", "models", "organ-seg-v5.onnx"))
    ap.add_argument("--cache", default=os.path.join(HERE, ".data"))
    ap.add_argument("--out", default=os.path.join(HERE, ".data_pl"))
    ap.add_argument("--min-prob", type=float, default=0.8)
    ap.add_argument("--extra", default=json.dumps(DEFAULT_EXTRA), help="JSON {cache name: [class ids]}")
    a = ap.parse_args()
    extra = json.loads(a.extra)
    os.makedirs(a.out, exist_ok=True)
    for name in ("chaos_train", "tsct_train", "pancreas_train"):
        src = os.path.join(a.cache, name + ".npz")
        if name not in extra:
            shutil.copy(src, os.path.join(a.out, name + ".npz"))
            shutil.copy(src + ".json", os.path.join(a.out, name + ".npz.json"))
            continue
        d = np.load(src)
        with open(src + ".json") as f:
            meta = json.load(f)
        pred, conf = teacher(a.onnx, d["img"], meta, os.path.join(a.out, "tmp_" + name))
        lbl = np.empty_like(d["lbl"])
        syn = np.empty_like(d["syn"])
        for i in range(len(meta)):
            lbl[i], syn[i] = merge(d["lbl"][i], d["syn"][i], pred[i], conf[i], extra[name], a.min_prob)
            m = meta[i]["labelled"]
            for c in extra[name]:
                m[c] = 1
        np.savez(os.path.join(a.out, name + ".npz"), img=d["img"], lbl=lbl, syn=syn)
        with open(os.path.join(a.out, name + ".npz.json"), "w") as f:
            json.dump(meta, f)
        shutil.rmtree(os.path.join(a.out, "tmp_" + name))
        n = len(meta)
        print(name, f"{n} slices;", "pseudo-labelled pixels per class (slices):",
              {c: f"{int((lbl == c).sum())} ({int(sum((l == c).any() for l in lbl))})" for c in extra[name]},
              f"ignored {int((lbl == IGNORE).sum())}")


if __name__ == "__main__":
    main()
