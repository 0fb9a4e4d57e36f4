"""Honest estimate of the presence gating on CHAOS: 2-fold cross-calibration by patient.

Thresholds are calibrated (evaluate.calibrate) on one group of held-out CHAOS patients and applied
to the other group; the gated 2D per-slice Dice (paper aggregation) is pooled over both folds.
Usage: python3 training/crosscal.py --ckpt training/.runs/fold1/it4500.pt
"""
from __future__ import annotations

import argparse
import os

import numpy as np
import torch

import preprocess as P
from evaluate import calibrate, dice, predict, test_sets
from model import load_model

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, ".runs", "fold1", "last.pt"))
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    a = ap.parse_args()
    torch.set_num_threads(2)
    m, _ = load_model(a.ckpt)
    name, mod, organs, vols = next(test_sets(a.data))
    per = {}
    for pid, sl, lb in vols:
        pred, probs, am = predict(m, sl, mod)
        per[pid] = (sl, lb, probs, am)
    groups = [["21", "22"], ["31", "32", "33"]]
    raw = {o: [] for o in organs}; gated = {o: [] for o in organs}
    for gi, test in enumerate(groups):
        calib = groups[1 - gi]
        rows = []
        for pid in calib:
            sl, lb, probs, am = per[pid]
            for i, gt in enumerate(lb):
                for o in organs:
                    msk = am[i] == o
                    rows.append({"organ": o, "gt": bool((gt == o).any()), "area": int(msk.sum()),
                                 "prob": float(probs[i, o][msk].mean()) if msk.any() else 0.0})
        th = calibrate(rows)
        for pid in test:
            sl, lb, probs, am = per[pid]
            for i, gt in enumerate(lb):
                for o in organs:
                    msk = am[i] == o
                    keep = msk.sum() >= max(th["minAreaPx"][str(o)], 1) and \
                        (float(probs[i, o][msk].mean()) if msk.any() else 0.0) >= th["minMeanProb"][str(o)]
                    pr = P.unletterbox_labels(am[i], *gt.shape) == o
                    g = gt == o
                    if g.any() or pr.any():
                        raw[o].append(dice(pr, g))
                    prg = pr if keep else np.zeros_like(pr)
                    if g.any() or prg.any():
                        gated[o].append(dice(prg, g))
        print("calibrated on", calib, {k: (th["minAreaPx"][str(k)], th["minMeanProb"][str(k)]) for k in organs})
    for o in organs:
        print(P.ORGANS[o], "2D raw %.1f (n=%d) gated %.1f (n=%d)" % (100 * np.mean(raw[o]), len(raw[o]), 100 * np.mean(gated[o]), len(gated[o])))
    print("mean 2D raw %.1f gated %.1f" % (100 * np.mean([np.mean(raw[o]) for o in organs]),
                                          100 * np.mean([np.mean(gated[o]) for o in organs])))


if __name__ == "__main__":
    main()
