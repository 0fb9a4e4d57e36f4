"""Small 2D U-Net for 256x256 slices -> 14-class logits.

Design (cost-driven for a 2-core CPU):
* stride-2 stem: the encoder starts at 128x128, the 256x256 input is only
  touched by one 3x3 conv; logits are predicted at 128x128 and bilinearly
  upsampled x2 (organs here are >= a few pixels at 256, see model card);
* 5 resolution levels (128, 64, 32, 16, 8) for a large receptive field
  (left/right organ context needs the whole abdomen);
* decoder: bilinear x2 upsampling, 1x1 channel reduction, concat skip, two 3x3
  convs; Conv-BN-ReLU everywhere (BN folds into the conv at inference).
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F


def cbr(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Up(nn.Module):
    def __init__(self, cin, cskip, cout):
        super().__init__()
        self.reduce = nn.Sequential(nn.Conv2d(cin, cskip, 1, bias=False), nn.BatchNorm2d(cskip), nn.ReLU(inplace=True))
        self.conv = nn.Sequential(cbr(2 * cskip, cout), cbr(cout, cout))

    def forward(self, x, skip):
        x = F.interpolate(self.reduce(x), size=skip.shape[-2:], mode="bilinear", align_corners=False)
        return self.conv(torch.cat([x, skip], 1))


class OrganUNet(nn.Module):
    def __init__(self, widths=(16, 32, 64, 96, 160), num_classes=14, full_res=False):
        super().__init__()
        w = widths
        # full_res (experimental): one more decoder level at 256x256 with an 8-channel skip from the
        # input, so logits are predicted at full resolution (adrenal limbs are 1-2 px at 128).
        self.full_res = full_res
        if full_res:
            self.fine = cbr(1, 8)
            self.dfine = Up(w[0], 8, 8)
        self.stem = nn.Sequential(cbr(1, w[0], 2), cbr(w[0], w[0]))            # 128
        self.e1 = nn.Sequential(cbr(w[0], w[1], 2), cbr(w[1], w[1]))          # 64
        self.e2 = nn.Sequential(cbr(w[1], w[2], 2), cbr(w[2], w[2]))          # 32
        self.e3 = nn.Sequential(cbr(w[2], w[3], 2), cbr(w[3], w[3]))          # 16
        self.e4 = nn.Sequential(cbr(w[3], w[4], 2), cbr(w[4], w[4]), cbr(w[4], w[4]))  # 8
        self.d3 = Up(w[4], w[3], w[3])
        self.d2 = Up(w[3], w[2], w[2])
        self.d1 = Up(w[2], w[1], w[1])
        self.d0 = Up(w[1], w[0], w[0])
        self.head = nn.Conv2d(8 if full_res else w[0], num_classes, 1)

    def forward(self, x):
        s0 = self.stem(x)
        s1 = self.e1(s0)
        s2 = self.e2(s1)
        s3 = self.e3(s2)
        b = self.e4(s3)
        y = self.d3(b, s3)
        y = self.d2(y, s2)
        y = self.d1(y, s1)
        y = self.d0(y, s0)
        if self.full_res:
            return self.head(self.dfine(y, self.fine(x)))
        y = self.head(y)
        return F.interpolate(y, size=x.shape[-2:], mode="bilinear", align_corners=False)


class Ensemble(nn.Module):
    """Several U-Nets averaged: the output is log(mean of the members' softmax), so argmax and softmax
    downstream (evaluate.py, the app) see the averaged probabilities under the same ONNX contract."""

    def __init__(self, members):
        super().__init__()
        self.members = nn.ModuleList(members)

    def forward(self, x):
        p = torch.stack([torch.softmax(m(x), 1) for m in self.members]).mean(0)
        return torch.log(p.clamp_min(1e-7))


def load_model(spec):
    """A checkpoint path, or several joined with commas (an Ensemble), in eval mode on the CPU.
    Returns (model, list of the checkpoints' dicts)."""
    members, cks = [], []
    for path in spec.split(","):
        ck = torch.load(path, map_location="cpu")
        m = OrganUNet(full_res=bool(ck.get("args", {}).get("full_res", False)))
        m.load_state_dict(ck["model"])
        members.append(m.eval()); cks.append(ck)
    model = members[0] if len(members) == 1 else Ensemble(members).eval()
    return model, cks


def count_macs(model, size=256):
    macs = [0]

    def hook(m, i, o):
        if isinstance(m, nn.Conv2d):
            macs[0] += o.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]
    hs = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, nn.Conv2d)]
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 1, size, size))
    for h in hs:
        h.remove()
    return macs[0]


if __name__ == "__main__":
    import time
    torch.set_num_threads(2)
    m = OrganUNet().eval()
    print("params", sum(p.numel() for p in m.parameters()), "MACs@256", count_macs(m) / 1e9, "G")
    x = torch.zeros(1, 1, 256, 256)
    with torch.no_grad():
        for _ in range(3):
            m(x)
        t = time.time()
        for _ in range(20):
            m(x)
    print("torch forward ms/slice", (time.time() - t) / 20 * 1000)
