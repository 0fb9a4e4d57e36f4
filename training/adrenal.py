"""Second-stage adrenal model: a small full-resolution U-Net on a crop around the aorta.

The 13-organ model never finds the adrenal glands (Dice 0 on every held-out volume): they are a few
pixels wide at its 128x128 logit grid and a tiny share of each slice. This stage looks only at a
96x96 window (at the cache's 256x256 scale, about 14 cm) centred on the aorta, where both glands
always lie, and predicts background / right adrenal / left adrenal at the window's full resolution.

Training data: the TotalSegmentator volume(s) named by --train (the only volumes with adrenal
labels), with the same intensity synthesis and windowing as train.py (augment.intensity), random
zoom/rotation/shift of the window and elastic jitter. The window centre is the aorta's centroid
(labels when training; at inference the first stage's aorta, see --center).

  /usr/bin/python3 adrenal.py train --train tsct_train --out .runs/adrenal1 --iters 3000
  /usr/bin/python3 adrenal.py eval --ckpt .runs/adrenal1/last.pt --test tsmr_test [--center model.onnx]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

import augment as A
import preprocess as P
from model import OrganUNet

HERE = os.path.dirname(os.path.abspath(__file__))
WINDOW = 96  # crop side at the 256x256 cache scale
AORTA, RAG, LAG = 5, 7, 8
WIDTHS = (16, 32, 48, 64, 96)


# --context: the first stage's masks of these neighbours are extra input channels (where the glands
# lie relative to the kidneys, IVC, aorta, liver, spleen and pancreas does not change with modality).
CONTEXT = (1, 2, 3, 4, 5, 6, 11, 13)


def make_model(context=False):
    from model import cbr
    model = OrganUNet(widths=WIDTHS, num_classes=3, full_res=True)
    if context:
        channels = 1 + len(CONTEXT)
        model.stem[0] = cbr(channels, WIDTHS[0], 2)
        model.fine = cbr(channels, 8)
    return model


def context_planes(lbl, rng=None):
    """One plane per context organ; with rng, masks are eroded, dilated or dropped like a first stage's errors."""
    from scipy.ndimage import binary_dilation, binary_erosion
    planes = []
    for c in CONTEXT:
        m = lbl == c
        if rng is not None and m.any():
            r = rng.random()
            if r < 0.15:
                m = np.zeros_like(m)
            elif r < 0.35:
                m = binary_erosion(m, iterations=int(rng.integers(1, 4)))
            elif r < 0.55:
                m = binary_dilation(m, iterations=int(rng.integers(1, 4)))
        planes.append(m.astype(np.float32))
    return np.stack(planes)


def load(cache, name):
    d = np.load(os.path.join(cache, name + ".npz"))
    with open(os.path.join(cache, name + ".npz.json")) as f:
        meta = json.load(f)
    return d["img"], d["lbl"], d["syn"].astype(np.int64), meta


def centroid(mask):
    ys, xs = np.nonzero(mask)
    return float(xs.mean()), float(ys.mean())


def window_grid(cx, cy, zoom=1.0, angle=0.0, size=WINDOW, full=P.SIZE):
    """affine_grid theta sampling a size x size window centred at pixel (cx, cy) of a full x full image."""
    s = size / full / zoom
    a = math.radians(angle)
    tx = (2 * cx + 1) / full - 1
    ty = (2 * cy + 1) / full - 1
    return [[s * math.cos(a), -s * math.sin(a), tx], [s * math.sin(a), s * math.cos(a), ty]]


def adrenal_target(lbl):
    y = np.zeros(lbl.shape, np.int64)
    y[lbl == RAG] = 1
    y[lbl == LAG] = 2
    return y


def batches(rng, srcs, batch, p_synth, context=False):
    """Endless augmented batches of (window image, window target)."""
    pool = []  # (source index, slice index, weight)
    for si, (img, lbl, syn, meta) in enumerate(srcs):
        for i in range(len(meta)):
            if not (lbl[i] == AORTA).any():
                continue
            has = ((lbl[i] == RAG) | (lbl[i] == LAG)).any()
            pool.append((si, i, 4.0 if has else 1.0))
    w = np.array([p[2] for p in pool])
    w /= w.sum()
    while True:
        xs, ys, thetas = [], [], []
        for _ in range(batch):
            si, i, _w = pool[rng.choice(len(pool), p=w)]
            img, lbl, syn, meta = srcs[si]
            m = meta[i]
            valid = P.valid_mask(m["h"], m["w"])
            x = A.intensity(rng, img[i], syn[i], m["kind"], valid, rng.random() < p_synth)
            cx, cy = centroid(lbl[i] == AORTA)
            cx += rng.normal(0, 8)
            cy += rng.normal(0, 8)
            thetas.append(window_grid(cx, cy, rng.uniform(0.8, 1.25), rng.uniform(-15, 15)))
            xs.append(np.concatenate([x[None], context_planes(lbl[i], rng)]) if context else x[None])
            ys.append(adrenal_target(lbl[i]))
        x = torch.from_numpy(np.stack(xs))
        y = torch.from_numpy(np.stack(ys))[:, None].float()
        grid = F.affine_grid(torch.tensor(thetas, dtype=torch.float32), (batch, x.shape[1], WINDOW, WINDOW), align_corners=False)
        if rng.random() < 0.7:
            d = torch.from_numpy(rng.normal(0, 1, (batch, 2, 5, 5)).astype(np.float32)) * float(rng.uniform(0.005, 0.02))
            grid = grid + F.interpolate(d, size=(WINDOW, WINDOW), mode="bicubic", align_corners=False).permute(0, 2, 3, 1)
        xw = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
        yw = F.grid_sample(y, grid, mode="nearest", padding_mode="zeros", align_corners=False)[:, 0].long()
        yield xw, yw


def loss_fn(logits, target):
    weight = torch.tensor([1.0, 5.0, 5.0])
    ce = F.cross_entropy(logits, target, weight=weight)
    prob = logits.softmax(1)
    oh = F.one_hot(target, 3).permute(0, 3, 1, 2).float()
    inter = (prob * oh).sum((0, 2, 3))[1:]
    den = (prob + oh).sum((0, 2, 3))[1:]
    dice = 1 - ((2 * inter + 1) / (den + 1)).mean()
    return ce + dice, ce.item(), dice.item()


def train(args):
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    torch.set_num_threads(args.threads)
    srcs = [load(args.cache, n) for n in args.train.split(",")]
    model = make_model(args.context)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.iters, pct_start=0.1)
    os.makedirs(args.out, exist_ok=True)
    stream = batches(rng, srcs, args.batch, args.synth, args.context)
    t0 = time.time()
    for it in range(1, args.iters + 1):
        x, y = next(stream)
        loss, ce, dl = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if it % 100 == 0:
            print(f"it {it} loss {loss.item():.3f} ce {ce:.3f} dice {dl:.3f} {time.time() - t0:.0f}s", flush=True)
    torch.save({"model": model.state_dict(), "args": vars(args)}, os.path.join(args.out, "last.pt"))


def reference_input(img, meta):
    """The app's normalisation of a cached slice (P.preprocess_slice applied at cache scale)."""
    valid = P.valid_mask(meta["h"], meta["w"])
    x = img.astype(np.float32)
    if meta["kind"] == "ct":
        x = P.ct_window(x)
    x = A.norm_valid(x, valid)
    x[~valid] = 0
    return x


@torch.no_grad()
def predict_volume(model, img, meta, centers, context=None):
    """Label maps (0/RAG/LAG at 256x256) for each slice with a window centre (None: no prediction).
    context: the label maps whose neighbour masks feed a --context model (the first stage's)."""
    out = np.zeros((len(meta), P.SIZE, P.SIZE), np.uint8)
    for i, c in enumerate(centers):
        if c is None:
            continue
        x = reference_input(img[i], meta[i])[None]
        if context is not None:
            x = np.concatenate([x, context_planes(context[i])])
        x = torch.from_numpy(x)[None]
        theta = torch.tensor([window_grid(*c)], dtype=torch.float32)
        grid = F.affine_grid(theta, (1, x.shape[1], WINDOW, WINDOW), align_corners=False)
        xw = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
        prob = model(xw).softmax(1)
        # back to the full slice: the inverse of the window's affine map
        full = torch.zeros(1, 3, P.SIZE, P.SIZE)
        s = WINDOW / P.SIZE
        inv = torch.tensor([[[1 / s, 0, -theta[0, 0, 2].item() / s], [0, 1 / s, -theta[0, 1, 2].item() / s]]])
        g2 = F.affine_grid(inv, (1, 3, P.SIZE, P.SIZE), align_corners=False)
        full = F.grid_sample(prob, g2, mode="bilinear", padding_mode="zeros", align_corners=False)
        full[:, 0] += (full.sum(1) == 0).float()  # outside the window: background
        out[i] = full.argmax(1)[0].numpy().astype(np.uint8)
    return out


def dice3d(pred, gt):
    inter = np.logical_and(pred, gt).sum()
    den = pred.sum() + gt.sum()
    return float(2 * inter / den) if den else float("nan")


def evaluate(args):
    ckpt = torch.load(args.ckpt, map_location="cpu")
    context = ckpt.get("args", {}).get("context", False)
    model = make_model(context)
    model.load_state_dict(ckpt["model"])
    model.eval()
    img, lbl, _syn, meta = load(args.cache, args.test)
    first = np.load(args.center)["pred"] if args.center else lbl
    pred = predict_volume(model, img, meta, centers_from_labels(first), first if context else None)
    gt = adrenal_target(lbl)
    res = {}
    for k, name in ((1, "right adrenal"), (2, "left adrenal")):
        res[name] = dice3d(pred == k, gt == k)
        res[name + " pred px"] = int((pred == k).sum())
        res[name + " true px"] = int((gt == k).sum())
    # per-slice presence: does the predicted area agree with the truth, at a few area thresholds
    for k, name in ((1, "RAG"), (2, "LAG")):
        areas = [(int((pred[i] == k).sum()), bool((gt[i] == k).any())) for i in range(len(meta))]
        for thr in (1, 10, 20, 40):
            ok = sum((a >= thr) == t for a, t in areas)
            res[f"{name} presence acc @{thr}px"] = round(ok / len(areas), 3)
    print(json.dumps(res, indent=1))
    if args.save:
        np.savez_compressed(args.save, pred=pred)


def stage1(args):
    """First-stage labels of a cached volume from the shipped ONNX (run in onnxruntime-node)."""
    import subprocess
    img, _lbl, _syn, meta = load(args.cache, args.test)
    os.makedirs(args.tmp, exist_ok=True)
    x = np.stack([reference_input(img[i], meta[i]) for i in range(len(meta))]).astype(np.float32)
    x.tofile(os.path.join(args.tmp, "input.f32"))
    subprocess.run(["node", os.path.join(HERE, "first_stage.cjs"), args.onnx, args.tmp], check=True)
    pred = np.fromfile(os.path.join(args.tmp, "labels.u8"), np.uint8).reshape(len(meta), P.SIZE, P.SIZE)
    np.savez_compressed(args.save, pred=pred)
    print(f"{args.save}: aorta found on {sum((p == AORTA).any() for p in pred)} of {len(pred)} slices")


def aorta_center(lbl):
    """Centroid of the aorta's largest connected piece (None when the slice has no aorta)."""
    from scipy.ndimage import label as components
    m = lbl == AORTA
    if not m.any():
        return None
    cc, n = components(m)
    if n > 1:
        m = cc == (np.bincount(cc.ravel())[1:].argmax() + 1)
    return centroid(m)


def export(args):
    """ONNX (input 'image' [N,1,96,96], output 'logits' [N,3,96,96]) and its JSON sidecar."""
    import onnx
    ckpt = torch.load(args.ckpt, map_location="cpu")
    context = ckpt.get("args", {}).get("context", False)
    channels = 1 + (len(CONTEXT) if context else 0)
    model = make_model(context)
    model.load_state_dict(ckpt["model"])
    model.eval()
    torch.onnx.export(model, torch.zeros(2, channels, WINDOW, WINDOW), args.onnx, input_names=["image"],
                      output_names=["logits"], opset_version=17,
                      dynamic_axes={"image": {0: "N"}, "logits": {0: "N"}}, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(args.onnx))
    os.makedirs(args.check_dir, exist_ok=True)
    g = torch.Generator().manual_seed(0)
    xin = torch.rand(2, channels, WINDOW, WINDOW, generator=g)
    with torch.no_grad():
        model(xin).numpy().astype("<f4").tofile(os.path.join(args.check_dir, "logits.f32"))
    xin.numpy().astype("<f4").tofile(os.path.join(args.check_dir, "input.f32"))
    train_args = ckpt.get("args", {})
    sidecar = {
        "version": args.version,
        "kind": "adrenal-window",
        "input": {"name": "image", "shape": [None, channels, WINDOW, WINDOW]},
        "contextOrganIds": list(CONTEXT) if context else [],
        "draw": [int(x) for x in args.draw.split(",")],
        "output": {"name": "logits", "shape": [None, 3, WINDOW, WINDOW]},
        "classes": {"0": "background", "1": "right adrenal gland (organ id 7)", "2": "left adrenal gland (organ id 8)"},
        "organIds": [0, RAG, LAG],
        "window": {
            "size": WINDOW,
            "grid": P.SIZE,
            "centre": "centroid of the largest connected piece of the first stage's aorta (organ id 5) on its letterboxed grid",
            "input": "the first stage's own normalised, letterboxed input, cut out around the centre (zeros outside)",
        },
        "presence": json.loads(args.presence) if args.presence else {},
        "training": {
            "data": [f"TotalSegmentator reference volume(s): {train_args.get('train')} (pseudo-labels)"],
            "seed": train_args.get("seed"), "iterations": train_args.get("iters"), "batch": train_args.get("batch"),
            "params": sum(p.numel() for p in model.parameters()),
            "command": "training/adrenal.py (see models/README.md)",
        },
        "licence": "Model weights: trained by this project on TotalSegmentator data (CC BY 4.0, credit Wasserthal et al. 2023).",
    }
    with open(args.onnx[:-5] + ".json", "w") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")
    print("exported", args.onnx, os.path.getsize(args.onnx) / 1e6, "MB")


def centers_from_labels(lbl):
    return [aorta_center(l) for l in lbl]


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--cache", default=os.path.join(HERE, ".data"))
    t.add_argument("--train", default="tsct_train")
    t.add_argument("--out", default=os.path.join(HERE, ".runs", "adrenal"))
    t.add_argument("--iters", type=int, default=3000)
    t.add_argument("--batch", type=int, default=16)
    t.add_argument("--lr", type=float, default=3e-3)
    t.add_argument("--synth", type=float, default=0.5)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--context", action="store_true", help="neighbour masks as extra input channels")
    e = sub.add_parser("eval")
    e.add_argument("--cache", default=os.path.join(HERE, ".data"))
    e.add_argument("--ckpt", required=True)
    e.add_argument("--test", default="tsmr_test")
    e.add_argument("--center", default=None, help="npz with 'pred': first-stage label maps; default: the labels' aorta")
    e.add_argument("--save", default=None)
    s = sub.add_parser("stage1")
    s.add_argument("--cache", default=os.path.join(HERE, ".data"))
    s.add_argument("--test", default="tsmr_test")
    s.add_argument("--onnx", default=os.path.join(HERE, "..", "models", "organ-seg-v5.onnx"))
    s.add_argument("--tmp", default=os.path.join(HERE, ".runs", "stage1"))
    s.add_argument("--save", required=True)
    x = sub.add_parser("export")
    x.add_argument("--ckpt", required=True)
    x.add_argument("--onnx", required=True)
    x.add_argument("--version", required=True)
    x.add_argument("--draw", default="7,8", help="glands the app may draw (a gland that failed its held-out check is left out)")
    x.add_argument("--presence", default=None, help='JSON, e.g. {"minAreaPx": {"7": 20, "8": 20}}')
    x.add_argument("--check-dir", default=os.path.join(HERE, ".runs", "adrenal-onnx-check"))
    args = ap.parse_args()
    {"train": train, "eval": evaluate, "stage1": stage1, "export": export}[args.cmd](args)


if __name__ == "__main__":
    main()
