"""On-the-fly intensity synthesis and geometric augmentation.

Intensity (per sample, numpy, on the 256x256 letterboxed raw slice):
* real: CT -> random window (level U(0,80), width U(250,600), 15% wide
  U(600,1500)); MR/PNG raw; random gamma.
* synthetic (SynthSeg-style, Billot et al. 2023): every region of the rich
  label map ``syn`` (organs, TotalSegmentator's other structures, background
  intensity bins) gets a random mean and std; Gaussian blur.
* both: smooth multiplicative bias field, Gaussian noise, then the reference
  1..99 percentile normalisation, then 8-bit quantisation ("screenshot") with
  p=0.3; the letterbox padding is reset to 0 as in the app.
Geometry (batched, torch): random affine (zoom 0.7-1.4, rotation +-15 deg,
translation; NO flips: left/right organs matter) + smooth elastic field,
sampled straight into a random crop.
"""
from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from scipy.ndimage import gaussian_filter, zoom

import preprocess as P


def bias_field(rng, shape, strength):
    g = rng.normal(0, strength, (4, 4))
    f = zoom(g, (shape[0] / 4, shape[1] / 4), order=3)
    return np.exp(f[: shape[0], : shape[1]])


def norm_valid(x, valid):
    """Reference percentile normalisation over the content pixels only."""
    out = np.zeros_like(x, dtype=np.float32)
    v = x[valid]
    p1, p99 = np.percentile(v, [P.P_LOW, P.P_HIGH])
    if p99 > p1:
        out[valid] = (np.clip(v, p1, p99) - p1) / (p99 - p1)
    return out


def real_intensity(rng, img, kind, valid):
    x = img.astype(np.float32)
    if kind == "ct":
        level = rng.uniform(0, 80)
        width = rng.uniform(600, 1500) if rng.random() < 0.15 else rng.uniform(250, 600)
        x = P.ct_window(x, level, width)
    elif kind == "png":
        x = x / 255.0
    else:
        x = x / max(float(np.percentile(x[valid], 99)), 1e-6)
        x = np.clip(x, 0, None)
    if rng.random() < 0.5:
        x = np.clip(x, 0, None) ** math.exp(rng.normal(0, 0.3))
    return x


def intensity(rng, img, syn, kind, valid, synth, mix=False, never=None):
    """synth: random per-label intensities from the label map syn; mix (with synth): each label of
    syn keeps its real intensities with a probability drawn per slice, the rest are synthetic;
    never (a boolean mask, v9): pixels that stay synthetic in a mixture."""
    if synth:
        ids = np.unique(syn)
        lut_m = np.zeros(int(ids.max()) + 1, np.float32)
        lut_s = np.zeros_like(lut_m)
        lut_m[ids] = rng.uniform(0, 1, len(ids))
        lut_s[ids] = rng.uniform(0, 0.1, len(ids)) * rng.uniform(0, 1)
        if rng.random() < 0.8:  # air / outside the body is usually dark
            lut_m[0] = rng.uniform(0, 0.15)
        x = lut_m[syn] + lut_s[syn] * rng.standard_normal(syn.shape).astype(np.float32)
        if rng.random() < 0.7:
            x = gaussian_filter(x, rng.uniform(0.3, 1.5))
        if mix:
            keep = np.zeros_like(lut_m, bool)
            keep[ids] = rng.random(len(ids)) < rng.uniform(0.2, 0.8)
            real = keep[syn] if never is None else keep[syn] & ~never
            x = np.where(real, real_intensity(rng, img, kind, valid), x)
    else:
        x = real_intensity(rng, img, kind, valid)
    if rng.random() < 0.5:
        x = x * bias_field(rng, x.shape, rng.uniform(0.05, 0.35))
    if rng.random() < 0.5:
        x = x + rng.normal(0, rng.uniform(0, 0.06) * (np.std(x[valid]) + 1e-6), x.shape)
    x = norm_valid(x, valid)
    if rng.random() < 0.3:
        x = np.round(x * 255.0) / 255.0
    x[~valid] = 0.0
    return x.astype(np.float32)


def geometric(rng, imgs, lbls, crop, p_elastic=0.7):
    """imgs [B,1,256,256] float, lbls [B,256,256] long -> random crops [B,1,crop,crop], [B,crop,crop]."""
    B, _, S, _ = imgs.shape
    f = crop / S
    thetas = []
    for _ in range(B):
        z = rng.uniform(0.7, 1.4)  # >1 zooms in (organs larger)
        a = math.radians(rng.uniform(-15, 15))
        sx = f / z * rng.uniform(0.92, 1.08)  # mild anisotropy
        sy = f / z
        cx, cy = rng.uniform(-0.45, 0.45, 2)
        thetas.append([[sx * math.cos(a), -sy * math.sin(a), cx], [sx * math.sin(a), sy * math.cos(a), cy]])
    theta = torch.tensor(thetas, dtype=torch.float32)
    grid = F.affine_grid(theta, (B, 1, crop, crop), align_corners=False)
    if rng.random() < p_elastic:
        d = torch.from_numpy(rng.normal(0, 1, (B, 2, 5, 5)).astype(np.float32)) * float(rng.uniform(0.005, 0.025))
        d = F.interpolate(d, size=(crop, crop), mode="bicubic", align_corners=False).permute(0, 2, 3, 1)
        grid = grid + d
    x = F.grid_sample(imgs, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    y = F.grid_sample(lbls[:, None].float(), grid, mode="nearest", padding_mode="zeros", align_corners=False)
    return x, y[:, 0].long()
