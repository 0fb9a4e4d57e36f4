"""Train the organ-seg U-Net (CPU, or an accelerator with --device cuda).

Usage: python3 training/train.py --out training/.runs/fold1 [--iters 6000] [--seed 0]

Data: the cache written by prepare_data.py.  Each batch mixes CHAOS-MR,
TotalSegmentator-CT and Pancreas-CT slices (weights --mix) with real or
SynthSeg-style synthetic intensities (augment.py).  Loss: partial-label
marginal cross-entropy + soft Dice over labelled classes (see ``loss``).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn.functional as F

import augment as A
import preprocess as P
from model import OrganUNet

HERE = os.path.dirname(os.path.abspath(__file__))


class Source:
    """One training source: a cache file, or several joined with commas (each file then gets the
    same share of the samples, so a 20-slice MR volume is not drowned by a 112-slice CT one)."""

    def __init__(self, path, p_synth, focus=(), focus_weight=1.0, synth_slice=((), None), p_mix=0.0, mix_never=(),
                 real_labels=None):
        paths = path.split(",")
        imgs, lbls, syns, self.meta, ws = [], [], [], [], []
        for one in paths:
            d = np.load(one)
            imgs.append(d["img"]); lbls.append(d["lbl"]); syns.append(d["syn"].astype(np.int64))
            with open(one + ".json") as f:
                meta = json.load(f)
            self.meta += meta
            # slices containing labelled foreground are sampled 3x more often
            w = np.array([3.0 if (l > 0).any() else 1.0 for l in d["lbl"]])
            # --focus: slices holding any of these classes are drawn focus_weight times as often
            if focus:
                w *= np.array([focus_weight if np.isin(l, focus).any() else 1.0 for l in d["lbl"]])
            ws.append(w / w.sum() / len(paths))
        self.img, self.lbl, self.syn = np.concatenate(imgs), np.concatenate(lbls), np.concatenate(syns)
        self.valid = [P.valid_mask(m["h"], m["w"]) for m in self.meta]
        # --synth-slice: slices holding any of these classes use their own p(synthetic)
        cls, p_cls = synth_slice
        self.p_synth = np.array([p_cls if cls and np.isin(l, cls).any() else p_synth for l in self.lbl])
        self.w = np.concatenate(ws)
        self.p_mix = p_mix
        self.mix_never = tuple(mix_never)
        # --pseudo-synth-only: draws with real intensities take their labels from another cache (the
        # annotated ones only); the pseudo-labelled maps of this one serve the synthetic draws
        self.real = None
        if real_labels:
            d = np.load(real_labels)
            with open(real_labels + ".json") as f:
                meta = json.load(f)
            assert len(meta) == len(self.meta), "the real-label cache must hold the same slices"
            self.real = (d["lbl"], [m["labelled"] for m in meta])

    def sample(self, rng):
        i = rng.choice(len(self.meta), p=self.w)
        m = self.meta[i]
        synth = rng.random() < self.p_synth[i]
        mix = synth and self.p_mix > 0 and rng.random() < self.p_mix
        lbl = self.lbl[i]
        never = np.isin(lbl, self.mix_never) if mix and self.mix_never else None
        x = A.intensity(rng, self.img[i], self.syn[i], m["kind"], self.valid[i], synth, mix, never)
        if self.real is not None and not synth:
            return x, self.real[0][i].astype(np.int64), np.array(self.real[1][i], np.float32)
        return x, lbl.astype(np.int64), np.array(m["labelled"], np.float32)


def make_batch(rng, srcs, mix, batch, crop):
    xs, ys, ls = [], [], []
    for _ in range(batch):
        s = srcs[rng.choice(len(srcs), p=mix)]
        x, y, l = s.sample(rng)
        xs.append(x); ys.append(y); ls.append(l)
    x = torch.from_numpy(np.stack(xs))[:, None]
    y = torch.from_numpy(np.stack(ys))
    lab = torch.from_numpy(np.stack(ls))
    x, y = A.geometric(rng, x, y, crop)
    return x, y, lab


class BatchStream(torch.utils.data.IterableDataset):
    """Endless stream of augmented batches, built in ONE worker process (deterministic order)."""

    def __init__(self, seed, srcs, mix, batch, crop):
        self.seed, self.srcs, self.mix, self.batch, self.crop = seed, srcs, mix, batch, crop

    def __iter__(self):
        torch.set_num_threads(1)
        # with --workers N > 1 each worker draws its own stream (seed + 1000 * worker id); worker 0
        # keeps the single-worker seed, so the CPU runs of v1-v9 replay unchanged
        info = torch.utils.data.get_worker_info()
        rng = np.random.default_rng(self.seed + 1000 * (info.id if info else 0))
        while True:
            yield make_batch(rng, self.srcs, self.mix, self.batch, self.crop)


def loss_fn(logits, target, labelled, dice_w=1.0, ce_weight=None):
    """Partial-label loss.

    labelled [B,14] (1 = class annotated in this sample; background always 1).
    Marginal CE: a foreground pixel of class c costs -log p_c; a background
    pixel costs -log(p_0 + sum of p_u over the sample's UNlabelled classes u),
    i.e. "background or any organ that is not annotated here" -- unlabelled
    organs are never pushed towards background.
    Soft Dice: batch-aggregated per class over the samples where the class
    is labelled (classes 1..13), averaged over classes labelled in the batch.
    """
    logp = F.log_softmax(logits, 1)
    B, C = labelled.shape
    # label 255 (pseudo.py: a pseudo-labelled organ the teacher was unsure of) costs nothing
    keep = (target != 255).float()
    target = target * (target != 255)
    bgset = (1 - labelled).clone()
    bgset[:, 0] = 1
    neg = torch.where(bgset > 0, torch.zeros_like(bgset), torch.full_like(bgset, -1e4))
    bg_logp = torch.logsumexp(logp + neg[:, :, None, None], 1)
    fg_logp = logp.gather(1, target[:, None])[:, 0]
    pix = -torch.where(target == 0, bg_logp, fg_logp)
    if ce_weight is None:
        ce = (pix * keep).sum() / keep.sum().clamp(min=1)
    else:  # --ce-weight: pixels of small organs count more (normalised, so the scale stays)
        w = ce_weight[target] * keep
        ce = (pix * w).sum() / w.sum()

    prob = logp.exp() * keep[:, None]
    oh = F.one_hot(target, C).permute(0, 3, 1, 2).float() * keep[:, None]
    lm = labelled[:, :, None, None]
    inter = (prob * oh * lm).sum((0, 2, 3))
    den = ((prob + oh) * lm).sum((0, 2, 3))
    present = labelled.sum(0) > 0
    present[0] = False
    dice = (2 * inter + 1.0) / (den + 1.0)
    dl = 1 - dice[present].mean() if present.any() else ce * 0
    return ce + dice_w * dl, ce.item(), dl.item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default=os.path.join(HERE, ".data"))
    ap.add_argument("--out", default=os.path.join(HERE, ".runs", "fold1"))
    ap.add_argument("--iters", type=int, default=6000)
    ap.add_argument("--batch", type=int, default=12)
    ap.add_argument("--crop", type=int, default=160)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--train-ct", default="tsct_train", help="totalseg volume(s) used for training: fold 1 tsct_train, fold 2 tsmr_test, "
                         "both (the shipped v2) tsct_train,tsmr_test")
    ap.add_argument("--mix", default="0.35,0.40,0.25", help="sampling weights chaos,totalseg,pancreas")
    ap.add_argument("--synth", default="0.4,0.6,0.3", help="p(synthetic intensities) chaos,totalseg,pancreas")
    ap.add_argument("--workers", type=int, default=1, help="0: build batches in the main process; N > 1: N processes, "
                         "each with its own seeded stream, taken in turn (for an accelerator, where augmentation is the bottleneck)")
    ap.add_argument("--device", default="cpu", help="cpu, or cuda on a machine with an accelerator (train_gpu.sh)")
    ap.add_argument("--save-every", type=int, default=500)
    ap.add_argument("--focus", default="", help="CLASSES:W, e.g. 7,8,9:4 (v2) -- TotalSegmentator slices holding any of these classes are drawn W times as often")
    ap.add_argument("--ce-weight", default="", help="CLASSES:W, e.g. 7,8,9:3 (v2) -- cross-entropy weight of these classes' pixels")
    ap.add_argument("--synth-slice", default="", help="CLASSES:P, e.g. 4,7,8:0.95 (v7) -- TotalSegmentator slices holding any of these classes "
                         "get synthetic intensities with probability P instead of --synth's")
    ap.add_argument("--synth-mix", type=float, default=0.0, help="P (v8): a TotalSegmentator draw that gets synthetic intensities "
                         "is, with probability P, a per-label mixture instead (each label keeps its real intensities with a "
                         "probability drawn per slice from U(0.2, 0.8))")
    ap.add_argument("--mix-never", default="", help="CLASSES, e.g. 4,7,8 (v9) -- in a --synth-mix mixture these classes' pixels "
                         "always stay synthetic (the pancreas and adrenals rose with pure synthesis in v6 and fell with mixing in v8)")
    ap.add_argument("--pseudo-synth-only", default=None, help="CACHE (v12): the Pancreas-CT draws with real intensities take "
                         "their labels from CACHE (prepare_data.py's, pancreas only); --cache's pseudo-labelled maps (pseudo.py) "
                         "serve only the synthetic draws, adding shapes without adding CT appearance")
    ap.add_argument("--full-res", action="store_true", help="experimental: logits at 256x256 (model.py)")
    ap.add_argument("--resume", default=None, help="checkpoint (last.pt) to continue from; the LR schedule uses --iters")
    ap.add_argument("--stop-at", type=int, default=None, help="save and stop after this iteration (schedule unchanged)")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    random.seed(a.seed)
    rng = np.random.default_rng(a.seed)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "args.json"), "w") as f:
        json.dump(vars(a), f, indent=1)

    mix = [float(v) for v in a.mix.split(",")]
    ps = [float(v) for v in a.synth.split(",")]
    names = ["chaos_train", a.train_ct, "pancreas_train"]
    def classes_weight(spec):
        if not spec:
            return (), 1.0
        cls, w = spec.split(":")
        return tuple(int(c) for c in cls.split(",")), float(w)

    focus, focus_w = classes_weight(a.focus)
    mix_never = tuple(int(c) for c in a.mix_never.split(",")) if a.mix_never else ()
    synth_slice = classes_weight(a.synth_slice) if a.synth_slice else ((), None)
    real = os.path.join(a.pseudo_synth_only, "pancreas_train.npz") if a.pseudo_synth_only else None
    srcs = [Source(",".join(os.path.join(a.cache, one + ".npz") for one in n.split(",")), p,
                   *((focus, focus_w, synth_slice, a.synth_mix, mix_never) if k == 1 else ((), 1.0)),
                   real_labels=real if k == 2 else None)
            for k, (n, p) in enumerate(zip(names, ps))]
    ce_cls, ce_w = classes_weight(a.ce_weight)
    ce_weight = None
    if ce_cls:
        ce_weight = torch.ones(14)
        ce_weight[list(ce_cls)] = ce_w
        ce_weight = ce_weight.to(a.device)
    mix = np.array(mix) / sum(mix)

    dev = torch.device(a.device)
    model = OrganUNet(full_res=a.full_res).to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    start = 0
    if a.resume:
        ck = torch.load(a.resume, map_location=a.device)
        model.load_state_dict(ck["model"]); opt.load_state_dict(ck["opt"]); start = ck["iter"]
        rng = np.random.default_rng(a.seed + start)
    # batches are prepared in one background worker (overlaps augmentation with the
    # network step); the stream is seeded with seed + start iteration
    if a.workers > 0:
        batches = iter(torch.utils.data.DataLoader(BatchStream(a.seed + start, srcs, mix, a.batch, a.crop),
                                                   batch_size=None, num_workers=a.workers, prefetch_factor=4,
                                                   persistent_workers=True))
    else:
        brng = np.random.default_rng(a.seed + start)
        batches = iter(lambda: make_batch(brng, srcs, mix, a.batch, a.crop), None)
    warm = 200
    log = open(os.path.join(a.out, "log.txt"), "a")
    t0 = time.time()
    model.train()
    for it in range(start, a.iters):
        lr = a.lr * min(1.0, (it + 1) / warm) * 0.5 * (1 + math.cos(math.pi * it / a.iters))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y, lab = (t.to(dev, non_blocking=True) for t in next(batches))
        logits = model(x)
        loss, ce, dl = loss_fn(logits, y, lab, ce_weight=ce_weight)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if it % 20 == 0:
            msg = f"it {it} loss {loss.item():.4f} ce {ce:.4f} dice {dl:.4f} lr {lr:.2e} t {time.time() - t0:.0f}s"
            print(msg, flush=True); log.write(msg + "\n"); log.flush()
        if (it + 1) % a.save_every == 0 or it + 1 == a.iters or (a.stop_at is not None and it + 1 >= a.stop_at):
            weights = {k: v.detach().cpu() for k, v in model.state_dict().items()}  # loadable on a CPU-only machine
            ck = {"model": weights, "opt": opt.state_dict(), "iter": it + 1, "args": vars(a)}
            torch.save(ck, os.path.join(a.out, "last.pt"))
            torch.save({"model": weights, "iter": it + 1, "args": vars(a)}, os.path.join(a.out, f"it{it + 1}.pt"))
        if a.stop_at is not None and it + 1 >= a.stop_at:
            break


if __name__ == "__main__":
    main()
