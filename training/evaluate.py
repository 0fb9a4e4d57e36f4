"""Held-out evaluation (2D per-slice and 3D per-volume Dice) + presence calibration.

Usage: python3 training/evaluate.py --ckpt training/.runs/fold1/last.pt \
          [--data ../shared/data] [--out training/.runs/fold1/eval] [--calibrate]

Every test slice goes through exactly the app's pipeline (preprocess.py):
display orientation -> (CT window) -> percentile normalisation -> letterbox ->
network -> argmax -> crop padding -> nearest resize back to the native grid.
Dice is computed on the native grid against the original labels.

* 2D Dice (as the paper's Table III): per organ, mean over the slices where
  the organ is present in the ground truth OR in the prediction.
* 3D Dice: per volume (all slices of a patient stacked), mean over volumes
  where the organ is present in the ground truth.  For the PNG sets a
  "volume" is the available slices of one patient.
* screenshot variant: the displayed slice (CT: 40/400 window, MR: min..max)
  is quantised to uint8 and fed as an 8-bit PNG would be.
Test sets (never trained on): CHAOS MR patients 21 22 31 32 33, the
TotalSegmentator MR volume (fold 1), Pancreas-CT patients 0041-0050, the
Kaggle aorta CT patient.  With --fold2 the TotalSegmentator CT volume is the
test set instead.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re

import numpy as np
import torch

import preprocess as P
from model import load_model
from prepare_data import CHAOS_MAP, TS_CT_MAP, TS_MR_MAP, load_ras, remap
from splits import SPLIT

HERE = os.path.dirname(os.path.abspath(__file__))
COLS = [("Aorta", 5), ("Duodenum", 12), ("Esophagus", 10), ("Gallbladder", 9), ("IVC", 6), ("Kidney_L", 13),
        ("Kidney_R", 2), ("LAG", 8), ("Liver", 1), ("Pancreas", 4), ("RAG", 7), ("Spleen", 3), ("Stomach", 11)]


def test_sets(data, fold2=False):
    """Yield (name, modality, organs, volumes) with volumes = list of (pid, [display slices], [display labels])."""
    from PIL import Image
    vols = []
    for pid in SPLIT["chaos"]["test"]:
        im = load_ras(f"{data}/chaos-t2/image_{pid}.nii.gz").astype(np.float32)
        lb = remap(np.rint(load_ras(f"{data}/chaos-t2/label_{pid}.nii.gz")).astype(np.int16), CHAOS_MAP)
        vols.append((str(pid), [P.display_slice(im, k) for k in range(im.shape[2])],
                     [P.display_slice(lb, k) for k in range(im.shape[2])]))
    yield "CHAOS MR T2 (5 held-out patients)", "mr", [1, 2, 3, 13], vols
    mod, mapping = ("ct", TS_CT_MAP) if fold2 else ("mr", TS_MR_MAP)
    im = load_ras(f"{data}/totalseg/{mod}_3mm.nii.gz").astype(np.float32)
    lb = remap(load_ras(f"{data}/totalseg/{mod}_3mm_totalseg.nii.gz").astype(np.int16), mapping)
    ks = [k for k in range(im.shape[2])]
    yield (f"TotalSegmentator {mod.upper()} volume (held out)", mod, list(range(1, 14)),
           [(f"totalseg-{mod}", [P.display_slice(im, k) for k in ks], [P.display_slice(lb, k) for k in ks])])
    for src, organ, name in (("pancreas-ct", 4, "Pancreas-CT PNG (patients 0041-0050)"),
                             ("aorta-ct", 5, "Aorta CT PNG (1 patient)")):
        by = {}
        for f in sorted(glob.glob(f"{data}/{src}/*_img.png")):
            b = os.path.basename(f)
            pid = re.match(r"PANCREAS_(\d+)-" if src == "pancreas-ct" else r"(\d+)_", b).group(1)
            if src == "pancreas-ct" and pid not in SPLIT["pancreas"]["test"]:
                continue
            img = np.array(Image.open(f).convert("L")).astype(np.float32)
            lab = np.array(Image.open(f.replace("_img.png", "_lbl13.png")))
            lab = np.where(lab == organ, organ, 0).astype(np.uint8)
            by.setdefault(pid, ([], []))
            by[pid][0].append(img); by[pid][1].append(lab)
        yield name, "png", [organ], [(p, v[0], v[1]) for p, v in sorted(by.items())]


@torch.no_grad()
def predict(model, slices, modality, batch=8):
    """Return (labels at native size, softmax probs at 256, argmax at 256) per slice."""
    xs = np.stack([P.preprocess_slice(s, modality) for s in slices])[:, None]
    probs = []
    for i in range(0, len(xs), batch):
        probs.append(torch.softmax(model(torch.from_numpy(xs[i:i + batch])), 1).numpy())
    probs = np.concatenate(probs)
    am = probs.argmax(1).astype(np.uint8)
    native = [P.unletterbox_labels(am[i], *slices[i].shape) for i in range(len(slices))]
    return native, probs, am


def dice(a, b):
    s = a.sum() + b.sum()
    return 2.0 * np.logical_and(a, b).sum() / s if s > 0 else np.nan


def evaluate(model, data, screenshot=False, fold2=False, collect=None):
    results = {}
    for name, mod, organs, vols in test_sets(data, fold2):
        d2 = {o: [] for o in range(1, 14)}
        d3 = {o: [] for o in range(1, 14)}
        for pid, slices, labels in vols:
            if screenshot:
                feed = [P.to_screenshot(s, mod if mod != "png" else "mr").astype(np.float32) for s in slices] \
                    if mod != "png" else slices
                pm = "png"
            else:
                feed, pm = slices, mod
            pred, probs, am = predict(model, feed, pm)
            for o in range(1, 14):
                for pr, gt in zip(pred, labels):
                    if (gt == o).any() or (pr == o).any():
                        d2[o].append(dice(pr == o, gt == o))
                gtv = np.stack([(g == o) for g in labels]) if len({g.shape for g in labels}) == 1 else None
                if gtv is not None and gtv.any():
                    d3[o].append(dice(np.stack([(p == o) for p in pred]), gtv))
                elif gtv is None and any((g == o).any() for g in labels):
                    inter = sum(np.logical_and(p == o, g == o).sum() for p, g in zip(pred, labels))
                    s = sum((p == o).sum() + (g == o).sum() for p, g in zip(pred, labels))
                    d3[o].append(2 * inter / s)
            if collect is not None:
                for i, gt in enumerate(labels):
                    for o in organs:
                        m = am[i] == o
                        collect.append({"set": name, "organ": o, "gt": bool((gt == o).any()),
                                        "area": int(m.sum()), "prob": float(probs[i, o][m].mean()) if m.any() else 0.0})
        results[name] = {
            "organs": organs,
            "dice2d": {o: (float(np.nanmean(d2[o])) if d2[o] else None) for o in organs},
            "n2d": {o: len(d2[o]) for o in organs},
            "dice3d": {o: (float(np.mean(d3[o])) if d3[o] else None) for o in organs},
            "n3d": {o: len(d3[o]) for o in organs},
        }
        print(name, "2D", {o: (round(v, 3) if v is not None else None) for o, v in results[name]["dice2d"].items()}, flush=True)
    return results


def calibrate(rows, default_area=20, default_prob=0.5):
    """Per organ, choose (minAreaPx, minMeanProb) maximising per-slice presence accuracy.

    A slice's organ prediction is kept iff area >= minAreaPx and mean softmax
    probability over the predicted pixels >= minMeanProb.  'Correct' = kept and
    present in ground truth, or dropped and absent.  Ties -> smallest thresholds.
    Organs without calibration slices containing them get the defaults.
    """
    areas = [0, 5, 10, 15, 20, 30, 40, 60, 80, 120, 160, 240, 320]
    probs = [0.0, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]
    out = {"minAreaPx": {}, "minMeanProb": {}, "calibration": {}}
    for o in range(1, 14):
        r = [x for x in rows if x["organ"] == o]
        npos = sum(x["gt"] for x in r)
        if npos < 3:
            out["minAreaPx"][str(o)] = default_area
            out["minMeanProb"][str(o)] = default_prob
            out["calibration"][str(o)] = {"slices": len(r), "positives": npos, "kind": "default"}
            continue
        base = sum((x["area"] > 0) == x["gt"] for x in r)
        best = (-1, 0, 0.0)
        for a in areas:
            for p in probs:
                acc = sum(((x["area"] >= max(a, 1)) and (x["prob"] >= p)) == x["gt"] for x in r)
                if acc > best[0]:
                    best = (acc, a, p)
        out["minAreaPx"][str(o)] = best[1]
        out["minMeanProb"][str(o)] = best[2]
        out["calibration"][str(o)] = {"slices": len(r), "positives": npos, "accRaw": base / len(r),
                                      "accGated": best[0] / len(r), "kind": "grid"}
    return out


def table(results, key="dice2d"):
    head = "| Test set | " + " | ".join(c for c, _ in COLS) + " | mean |"
    lines = [head, "|" + "---|" * (len(COLS) + 2)]
    for name, r in results.items():
        vals, cells = [], []
        for _, o in COLS:
            v = r[key].get(o) if o in r["organs"] else None
            if v is None:
                cells.append("–")
            else:
                cells.append(f"{100 * v:.1f}"); vals.append(v)
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {100 * np.mean(vals):.1f} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, ".runs", "fold1", "last.pt"),
                    help="a checkpoint, or several joined with commas: their softmax averaged (model.Ensemble)")
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--no-screenshot", action="store_true")
    ap.add_argument("--fold2", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(2)
    out = a.out or os.path.join(os.path.dirname(os.path.abspath(a.ckpt.split(",")[0])), "eval")
    os.makedirs(out, exist_ok=True)
    model, _ = load_model(a.ckpt)
    rows = []
    res = {"native": evaluate(model, a.data, fold2=a.fold2, collect=rows)}
    if not a.no_screenshot:
        res["screenshot"] = evaluate(model, a.data, screenshot=True, fold2=a.fold2)
    md = []
    for variant, r in res.items():
        md += [f"### {variant}: 2D Dice (%)", "", table(r, "dice2d"), "",
               f"### {variant}: 3D Dice (%)", "", table(r, "dice3d"), ""]
    md = "\n".join(md)
    print(md)
    with open(os.path.join(out, "tables.md"), "w") as f:
        f.write(md)
    with open(os.path.join(out, "eval.json"), "w") as f:
        json.dump(res, f, indent=1, default=str)
    if a.calibrate:
        pres = calibrate(rows)
        with open(os.path.join(out, "presence.json"), "w") as f:
            json.dump(pres, f, indent=1)
        print(json.dumps(pres))


if __name__ == "__main__":
    main()
