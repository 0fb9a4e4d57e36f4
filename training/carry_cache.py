"""Pack the training cache small enough to carry to an accelerator machine, and unpack it there.

Usage (from training/):
  python3 carry_cache.py pack   --cache .data --out ../.carry/cache   # here, after prepare_data.py
  python3 carry_cache.py unpack --src ../.carry/cache --cache .data     # there, before train_gpu.sh

Only the three training caches travel (chaos_train, tsct_train, pancreas_train; the held-out sets
stay here and are evaluated here). Images are stored as int16 where that is lossless (CHAOS MR) or
within 0.5 HU (the TotalSegmentator CT volume's resampled HU values, rounded), as float16 where
that is lossless (the 8-bit Pancreas-CT slices, resampled to halves), then xz-compressed: about
28 MB instead of 290 MB. Unpack restores float32 .npz files that train.py reads as usual.
"""
from __future__ import annotations

import argparse
import json
import lzma
import os
import shutil

import numpy as np

NAMES = ["chaos_train", "tsct_train", "pancreas_train"]


def pack(cache, out):
    os.makedirs(out, exist_ok=True)
    for name in NAMES:
        d = np.load(os.path.join(cache, name + ".npz"))
        img = d["img"]
        i16 = np.round(img).astype(np.int16)
        f16 = img.astype(np.float16)
        err_i, err_f = float(np.abs(i16 - img).max()), float(np.abs(f16.astype(np.float32) - img).max())
        stored = f16 if err_f == 0 and err_i > 0 else i16
        arrays = {"img": stored, "lbl": d["lbl"], "syn": d["syn"]}
        head = {k: [str(v.dtype), list(v.shape)] for k, v in arrays.items()}
        with lzma.open(os.path.join(out, name + ".xz"), "wb", preset=6) as f:
            f.write(json.dumps(head).encode() + b"\n")
            for v in arrays.values():
                f.write(np.ascontiguousarray(v).tobytes())
        shutil.copy(os.path.join(cache, name + ".npz.json"), os.path.join(out, name + ".npz.json"))
        print(name, "img as", stored.dtype, "max error", err_f if stored is f16 else err_i,
              os.path.getsize(os.path.join(out, name + ".xz")) // 1024, "KB")


def unpack(src, cache):
    os.makedirs(cache, exist_ok=True)
    for name in NAMES:
        with lzma.open(os.path.join(src, name + ".xz"), "rb") as f:
            head = json.loads(f.readline())
            arrays = {}
            for k, (dtype, shape) in head.items():
                n = int(np.prod(shape)) * np.dtype(dtype).itemsize
                arrays[k] = np.frombuffer(f.read(n), dtype=dtype).reshape(shape)
        arrays["img"] = arrays["img"].astype(np.float32)
        np.savez(os.path.join(cache, name + ".npz"), **arrays)
        shutil.copy(os.path.join(src, name + ".npz.json"), os.path.join(cache, name + ".npz.json"))
        print("unpacked", name, {k: v.shape for k, v in arrays.items()})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("verb", choices=["pack", "unpack"])
    ap.add_argument("--cache", default=".data")
    ap.add_argument("--out", default="../.carry/cache")
    ap.add_argument("--src", default="../.carry/cache")
    a = ap.parse_args()
    pack(a.cache, a.out) if a.verb == "pack" else unpack(a.src, a.cache)


if __name__ == "__main__":
    main()
