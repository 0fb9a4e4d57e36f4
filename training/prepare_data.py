"""Build the training/evaluation cache under training/.data/ from ../shared/data.

Every slice is put in display orientation (preprocess.display_slice) and
letterboxed to 256x256 *before* intensity normalisation (raw HU for CT, raw
MR intensities, 0..255 for PNG) so that train.py can apply random windows,
synthesis and the reference normalisation on the fly.  Labels use the
project's 13-organ ids.  ``synth`` is a richer label map for SynthSeg-style
intensity synthesis: organ labels, TotalSegmentator's other structures as
their own regions, and the remaining background split into intensity bins.

Usage: python3 training/prepare_data.py [--data ../shared/data] [--out training/.data]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re

import numpy as np

import preprocess as P
from splits import SPLIT

HERE = os.path.dirname(os.path.abspath(__file__))

CHAOS_MAP = {1: 1, 2: 2, 3: 13, 4: 3}
TS_CT_MAP = {5: 1, 2: 2, 1: 3, 7: 4, 52: 5, 63: 6, 8: 7, 9: 8, 4: 9, 15: 10, 6: 11, 19: 12, 3: 13}
TS_MR_MAP = {5: 1, 2: 2, 1: 3, 7: 4, 23: 5, 24: 6, 8: 7, 9: 8, 4: 9, 12: 10, 6: 11, 14: 12, 3: 13}


def remap(lbl, mapping):
    out = np.zeros(lbl.shape, np.uint8)
    for src, dst in mapping.items():
        out[lbl == src] = dst
    return out


def load_ras(path):
    import nibabel as nib
    img = P.canonical(nib.load(path))
    return np.asarray(img.dataobj)


def bins(x, mask, k, rng_edges=None):
    """Split pixels of x inside mask into k intensity quantile bins (1..k)."""
    out = np.zeros(x.shape, np.int16)
    from scipy.ndimage import gaussian_filter
    x = gaussian_filter(x.astype(np.float32), 1.5)  # smooth regions, not speckle
    if mask.sum() < k:
        return out
    edges = np.quantile(x[mask], np.linspace(0, 1, k + 1)[1:-1])
    out[mask] = 1 + np.searchsorted(edges, x[mask])
    return out


class Sink:
    def __init__(self):
        self.img, self.lbl, self.syn, self.meta = [], [], [], []

    def add(self, disp_img, disp_lbl, disp_syn, **meta):
        h, w = disp_img.shape
        self.img.append(P.letterbox(disp_img.astype(np.float32)).astype(np.float16 if meta["kind"] != "ct" else np.float32))
        self.lbl.append(P.letterbox_labels(disp_lbl.astype(np.uint8)))
        self.syn.append(P.letterbox_labels(disp_syn.astype(np.int16)))
        meta.update(h=h, w=w)
        self.meta.append(meta)

    def save(self, path):
        if not self.img:
            return
        np.savez(path, img=np.stack([i.astype(np.float32) for i in self.img]),
                 lbl=np.stack(self.lbl), syn=np.stack(self.syn))
        with open(path + ".json", "w") as f:
            json.dump(self.meta, f)
        print(f"{path}: {len(self.img)} slices")


def labelled(ids):
    m = [0] * P.NUM_CLASSES
    m[0] = 1
    for i in ids:
        m[i] = 1
    return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(HERE, ".data"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    sinks = {}

    def sink(name):
        return sinks.setdefault(name, Sink())

    # ---- CHAOS T2 MR (liver, kidneys, spleen)
    for pid in SPLIT["chaos"]["train"] + SPLIT["chaos"]["test"]:
        split = "train" if pid in SPLIT["chaos"]["train"] else "test"
        vol = load_ras(f"{a.data}/chaos-t2/image_{pid}.nii.gz").astype(np.float32)
        lab = remap(np.rint(load_ras(f"{a.data}/chaos-t2/label_{pid}.nii.gz")).astype(np.int16), CHAOS_MAP)
        body = vol > np.percentile(vol, 40)
        # synthetic regions: 4 organs (ids 1..13) + 4 background intensity bins (20..23)
        bg = (lab == 0)
        syn = lab.astype(np.int16).copy()
        b = bins(vol, bg & body, 4)
        syn[bg & body] = 19 + b[bg & body]
        syn[bg & ~body] = 0
        for k in range(vol.shape[2]):
            sink(f"chaos_{split}").add(P.display_slice(vol, k), P.display_slice(lab, k), P.display_slice(syn, k),
                                       kind="mr", src="chaos", pid=str(pid), k=k, labelled=labelled([1, 2, 3, 13]))

    # ---- TotalSegmentator CT (all 13) and MR (all 13) volumes
    for mod, mapping in (("ct", TS_CT_MAP), ("mr", TS_MR_MAP)):
        vol = load_ras(f"{a.data}/totalseg/{mod}_3mm.nii.gz").astype(np.float32)
        ts = load_ras(f"{a.data}/totalseg/{mod}_3mm_totalseg.nii.gz").astype(np.int16)
        lab = remap(ts, mapping)
        syn = np.where(lab > 0, lab, np.where(ts > 0, 100 + ts, 0)).astype(np.int16)
        bg = ts == 0
        if mod == "ct":
            # air / fat / soft-tissue / dense for the unlabelled background
            cls = np.digitize(vol, [-500, -150, -30, 150, 400]).astype(np.int16)  # 0..5
            syn[bg] = np.where(cls[bg] == 0, 0, 30 + cls[bg])
        else:
            body = vol > np.percentile(vol, 30)
            b = bins(vol, bg & body, 4)
            syn[bg & body] = 29 + b[bg & body]
        split = SPLIT["totalseg"][mod]
        for k in range(vol.shape[2]):
            if (ts[:, :, k] > 0).sum() == 0:
                continue
            sink(f"ts{mod}_{split}").add(P.display_slice(vol, k), P.display_slice(lab, k), P.display_slice(syn, k),
                                         kind=mod, src=f"totalseg-{mod}", pid=f"totalseg-{mod}", k=k,
                                         labelled=labelled(range(1, 14)))

    # ---- PNG datasets (display orientation already, partial labels)
    from PIL import Image
    for src, organ in (("pancreas-ct", 4), ("aorta-ct", 5)):
        for f in sorted(glob.glob(f"{a.data}/{src}/*_img.png")):
            base = os.path.basename(f)
            if src == "pancreas-ct":
                m = re.match(r"PANCREAS_(\d+)-(\d+)_img.png", base)
                pid, k = m.group(1), int(m.group(2))
                split = "train" if pid in SPLIT["pancreas"]["train"] else "test"
            else:
                m = re.match(r"(\d+)_(\d+)_img.png", base)
                pid, k = m.group(1), int(m.group(2))
                split = SPLIT["aorta"]
            img = np.array(Image.open(f).convert("L")).astype(np.float32)
            lab = np.array(Image.open(f.replace("_img.png", "_lbl13.png")))
            lab = np.where(lab == organ, organ, 0).astype(np.uint8)
            syn = np.zeros(img.shape, np.int16)
            body = img > 10
            b = bins(img, body & (lab == 0), 6)
            syn[body & (lab == 0)] = 39 + b[body & (lab == 0)]
            syn[lab > 0] = organ
            sink(f"{src.split('-')[0]}_{split}").add(img, lab, syn, kind="png", src=src, pid=pid, k=k,
                                                   labelled=labelled([organ]))

    for name, s in sinks.items():
        s.save(os.path.join(a.out, name + ".npz"))


if __name__ == "__main__":
    main()
