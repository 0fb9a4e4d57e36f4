"""Reference preprocessing for the organ-seg ONNX contract.

This is the single source of truth shared by training, evaluation and the
TypeScript app (src/pipeline must do exactly the same arithmetic).  One
function per step, applied in this order:

1. ``display_slice``   NIfTI volume -> axial slice in radiological display
                       orientation (patient right on image LEFT, anterior UP).
                       PNG inputs are already in display orientation.
2. ``ct_window``       CT in HU only: window (level 40, width 400) -> [0, 1].
                       MR: raw intensities, skip this step.
3. ``percentile_normalise``  clip to the slice's own 1st..99th percentile and
                       scale to [0, 1]; if p99 <= p1 the result is all zeros.
4. ``letterbox``       bilinear resize so the longer side is 256 (aspect
                       preserved), centred, padded with 0.
5. network input float32 [N, 1, 256, 256]; output logits [N, 14, 256, 256]
   (channel = organ id, 0 = background).  ``unletterbox_labels`` crops the
   padding off the argmax and resizes back with nearest neighbour.

Percentiles use linear interpolation between order statistics (numpy's
default), computed over all pixels of the slice before letterboxing.
Bilinear resizing uses half-pixel centres (align_corners=False, i.e. the
ONNX Resize ``half_pixel`` / OpenCV / PIL convention) without antialiasing.
"""
from __future__ import annotations

import numpy as np

SIZE = 256
CT_LEVEL = 40.0
CT_WIDTH = 400.0
P_LOW = 1.0
P_HIGH = 99.0

ORGANS = {
    1: "liver", 2: "right kidney", 3: "spleen", 4: "pancreas", 5: "aorta",
    6: "inferior vena cava", 7: "right adrenal gland", 8: "left adrenal gland",
    9: "gallbladder", 10: "esophagus", 11: "stomach", 12: "duodenum",
    13: "left kidney",
}
NUM_CLASSES = 14


# ---------------------------------------------------------------- step 1
def canonical(img):
    """Reorient a nibabel image to RAS+ (closest canonical)."""
    import nibabel as nib
    return nib.as_closest_canonical(img)


def display_slice(ras_volume: np.ndarray, k: int) -> np.ndarray:
    """Axial slice k of a RAS+ volume in radiological display orientation.

    In RAS+ the array axes increase towards patient Right (i), Anterior (j)
    and Superior (k).  ``data[:, :, k].T`` has rows = j (posterior->anterior)
    and cols = i (towards patient right); reversing both gives rows
    anterior->posterior (anterior UP) and cols patient right->left (patient
    right on image LEFT): ``disp = data[:, :, k].T[::-1, ::-1]``.
    """
    return np.ascontiguousarray(ras_volume[:, :, k].T[::-1, ::-1])


# ---------------------------------------------------------------- step 2
def ct_window(hu: np.ndarray, level: float = CT_LEVEL, width: float = CT_WIDTH) -> np.ndarray:
    """Map HU to [0, 1] with a linear window: (hu - (level - width/2)) / width, clipped."""
    lo = level - width / 2.0
    return np.clip((hu.astype(np.float32) - lo) / width, 0.0, 1.0).astype(np.float32)


# ---------------------------------------------------------------- step 3
def percentile_normalise(x: np.ndarray, low: float = P_LOW, high: float = P_HIGH) -> np.ndarray:
    """Clip to the slice's own [p_low, p_high] percentiles and scale to [0, 1].

    If p_high <= p_low (e.g. a constant slice) the result is all zeros.
    """
    x = x.astype(np.float32)
    p1, p99 = np.percentile(x, [low, high])
    if not p99 > p1:
        return np.zeros_like(x, dtype=np.float32)
    return ((np.clip(x, p1, p99) - p1) / (p99 - p1)).astype(np.float32)


# ---------------------------------------------------------------- step 4
def letterbox_geometry(h: int, w: int, size: int = SIZE):
    """Return (new_h, new_w, top, left) of the letterboxed content."""
    s = size / max(h, w)
    nh = max(1, int(round(h * s)))
    nw = max(1, int(round(w * s)))
    top = (size - nh) // 2
    left = (size - nw) // 2
    return nh, nw, top, left


def _resize_bilinear(x: np.ndarray, nh: int, nw: int) -> np.ndarray:
    """Bilinear resize with half-pixel centres (align_corners=False), no antialias."""
    h, w = x.shape
    ys = (np.arange(nh, dtype=np.float64) + 0.5) * (h / nh) - 0.5
    xs = (np.arange(nw, dtype=np.float64) + 0.5) * (w / nw) - 0.5
    ys = np.clip(ys, 0, h - 1)
    xs = np.clip(xs, 0, w - 1)
    y0 = np.floor(ys).astype(int); x0 = np.floor(xs).astype(int)
    y1 = np.minimum(y0 + 1, h - 1); x1 = np.minimum(x0 + 1, w - 1)
    wy = (ys - y0)[:, None]; wx = (xs - x0)[None, :]
    a = x[y0][:, x0]; b = x[y0][:, x1]; c = x[y1][:, x0]; d = x[y1][:, x1]
    out = (a * (1 - wx) + b * wx) * (1 - wy) + (c * (1 - wx) + d * wx) * wy
    return out.astype(np.float32)


def _resize_nearest(x: np.ndarray, nh: int, nw: int) -> np.ndarray:
    """Nearest resize, half-pixel centres: src = floor((dst + 0.5) * in / out)."""
    h, w = x.shape
    ys = np.minimum(((np.arange(nh) + 0.5) * (h / nh)).astype(int), h - 1)
    xs = np.minimum(((np.arange(nw) + 0.5) * (w / nw)).astype(int), w - 1)
    return x[ys][:, xs]


def letterbox(x: np.ndarray, size: int = SIZE) -> np.ndarray:
    """Bilinear-resize so the longer side is ``size``, centre, pad with 0."""
    h, w = x.shape
    nh, nw, top, left = letterbox_geometry(h, w, size)
    out = np.zeros((size, size), np.float32)
    out[top:top + nh, left:left + nw] = _resize_bilinear(x.astype(np.float32), nh, nw)
    return out


def letterbox_labels(lbl: np.ndarray, size: int = SIZE) -> np.ndarray:
    """Letterbox a label map with nearest neighbour (training targets)."""
    h, w = lbl.shape
    nh, nw, top, left = letterbox_geometry(h, w, size)
    out = np.zeros((size, size), lbl.dtype)
    out[top:top + nh, left:left + nw] = _resize_nearest(lbl, nh, nw)
    return out


def valid_mask(h: int, w: int, size: int = SIZE) -> np.ndarray:
    """Boolean mask of the letterboxed content (False on the padding)."""
    nh, nw, top, left = letterbox_geometry(h, w, size)
    m = np.zeros((size, size), bool)
    m[top:top + nh, left:left + nw] = True
    return m


# ---------------------------------------------------------------- step 5
def unletterbox_labels(lbl256: np.ndarray, h: int, w: int) -> np.ndarray:
    """Crop the letterbox padding off a 256x256 label map, nearest-resize to (h, w)."""
    size = lbl256.shape[0]
    nh, nw, top, left = letterbox_geometry(h, w, size)
    return _resize_nearest(lbl256[top:top + nh, left:left + nw], h, w)


def preprocess_slice(slice2d: np.ndarray, modality: str) -> np.ndarray:
    """Steps 2-4 for one display-oriented slice -> float32 [256, 256] in [0, 1].

    modality: 'ct' (HU, windowed 40/400), 'mr' (raw) or 'png' (8-bit
    display image, already windowed: treated like MR, i.e. no window).
    """
    x = slice2d.astype(np.float32)
    if modality == "ct":
        x = ct_window(x)
    x = percentile_normalise(x)
    return letterbox(x)


def to_screenshot(slice2d: np.ndarray, modality: str) -> np.ndarray:
    """Simulate an 8-bit PNG screenshot of the displayed slice (uint8).

    CT: the abdominal window; MR: min..max display range.  The app then runs
    ``preprocess_slice(png, 'png')`` on it.
    """
    x = slice2d.astype(np.float32)
    if modality == "ct":
        x = ct_window(x)
    else:
        lo, hi = float(x.min()), float(x.max())
        x = (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)
    return np.clip(np.round(x * 255.0), 0, 255).astype(np.uint8)
