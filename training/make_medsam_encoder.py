"""Export a MedSAM-sized (SAM ViT-B) image encoder with RANDOM weights, for timing only.

Architecture as SAM's ImageEncoderViT (Kirillov et al. 2023; MedSAM uses the
ViT-B variant): 1024x1024x3 input, 16x16 patches (64x64 tokens), dim 768,
depth 12, 12 heads, MLP ratio 4, absolute position embedding, windowed
attention (window 14, tokens padded 64->70) except global attention in
blocks 2, 5, 8, 11, and the neck Conv1x1(768->256) + LayerNorm2d +
Conv3x3(256->256) + LayerNorm2d -> image_embeddings [1,256,64,64].
Simplification: SAM's decomposed relative position bias inside attention is
omitted (a small share of the compute); otherwise the shapes and cost
match (89.5M parameters at depth 12; 11.6M at --depth 1).

It is NOT a segmentation model and is never shipped: the output goes to the
git-ignored ``.cache/`` and only serves to benchmark what a real MedSAM
encoder would cost on a user's CPU.  ``--depth 1`` makes a quick smoke test.

Usage: python3 training/make_medsam_encoder.py [--depth 12] [--out .cache/medsam-vitb-encoder.onnx]
"""
from __future__ import annotations

import argparse
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class LayerNorm2d(nn.Module):
    def __init__(self, c, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(c)); self.bias = nn.Parameter(torch.zeros(c)); self.eps = eps

    def forward(self, x):
        u = x.mean(1, keepdim=True)
        s = (x - u).pow(2).mean(1, keepdim=True)
        x = (x - u) / torch.sqrt(s + self.eps)
        return self.weight[:, None, None] * x + self.bias[:, None, None]


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):  # x [B, H, W, C]
        B, H, W, C = x.shape
        qkv = self.qkv(x).reshape(B, H * W, 3, self.heads, C // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q * (C // self.heads) ** -0.5) @ k.transpose(-2, -1)
        x = (attn.softmax(-1) @ v).permute(0, 2, 1, 3).reshape(B, H, W, C)
        return self.proj(x)


class Block(nn.Module):
    def __init__(self, dim, heads, window):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim); self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * 4), nn.GELU(), nn.Linear(dim * 4, dim))
        self.window = window

    def forward(self, x):
        s = x
        x = self.norm1(x)
        if self.window > 0:
            B, H, W, C = x.shape
            w = self.window
            ph, pw = (w - H % w) % w, (w - W % w) % w
            x = F.pad(x, (0, 0, 0, pw, 0, ph))
            Hp, Wp = H + ph, W + pw
            x = x.view(B, Hp // w, w, Wp // w, w, C).permute(0, 1, 3, 2, 4, 5).reshape(-1, w, w, C)
            x = self.attn(x)
            x = x.view(B, Hp // w, Wp // w, w, w, C).permute(0, 1, 3, 2, 4, 5).reshape(B, Hp, Wp, C)[:, :H, :W]
        else:
            x = self.attn(x)
        x = s + x
        return x + self.mlp(self.norm2(x))


class ImageEncoderViT(nn.Module):
    def __init__(self, depth=12, dim=768, heads=12, patch=16, img=1024, out=256, window=14, global_idx=(2, 5, 8, 11)):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, patch)
        self.pos_embed = nn.Parameter(torch.zeros(1, img // patch, img // patch, dim))
        self.blocks = nn.ModuleList([Block(dim, heads, 0 if i in global_idx else window) for i in range(depth)])
        self.neck = nn.Sequential(nn.Conv2d(dim, out, 1, bias=False), LayerNorm2d(out),
                                  nn.Conv2d(out, out, 3, padding=1, bias=False), LayerNorm2d(out))

    def forward(self, image):
        x = self.patch_embed(image).permute(0, 2, 3, 1) + self.pos_embed
        for b in self.blocks:
            x = b(x)
        return self.neck(x.permute(0, 3, 1, 2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--depth", type=int, default=12)
    ap.add_argument("--out", default=os.path.join(ROOT, ".cache", "medsam-vitb-encoder.onnx"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--time", action="store_true", help="also time one torch forward pass")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(2)
    m = ImageEncoderViT(depth=a.depth).eval()
    for p in m.parameters():
        nn.init.normal_(p, 0, 0.02)
    print("params", sum(p.numel() for p in m.parameters()))
    x = torch.rand(1, 3, 1024, 1024)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    t = time.time()
    with torch.no_grad():
        if a.time:
            y = m(x); print("torch forward s", round(time.time() - t, 2), tuple(y.shape)); t = time.time()
        torch.onnx.export(m, x, a.out, input_names=["image"], output_names=["image_embeddings"], opset_version=13,
                          do_constant_folding=True)
    import onnx
    onnx.checker.check_model(a.out)  # path form: works for files > 2 GB too
    print("wrote", a.out, os.path.getsize(a.out) / 1e6, "MB in", round(time.time() - t, 1), "s")


if __name__ == "__main__":
    main()
