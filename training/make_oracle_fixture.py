"""Writes test/fixtures/models/oracle-organ-seg.onnx: a hand-set (not trained) model with the
organ-seg ONNX contract whose answer is known in advance, so tests of the inference code can check
pre-processing, letterboxing, cleanup and presence decisions exactly.

The "oracle" labels a pixel by its normalised intensity: organ c wins inside a narrow band around
its own intensity (liver 0.2, spleen 0.3, right kidney 0.4, left kidney 0.5, gallbladder 0.6), and
background everywhere else. Logit_c(x) = k * (w^2 - (x - m_c)^2), written as a 1x1 convolution over
[x, x^2]; background's logit is 0.

Run: /usr/bin/python3 training/make_oracle_fixture.py
"""
import json
import os

import torch
from torch import nn

BANDS = {1: 0.2, 3: 0.3, 2: 0.4, 13: 0.5, 9: 0.6}
K = 2000.0
HALF_WIDTH = 0.04


class Oracle(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 14, kernel_size=1)
        with torch.no_grad():
            self.conv.weight.zero_()
            self.conv.bias.fill_(-1000.0)  # organs without a band never win
            self.conv.bias[0] = 0.0
            for organ, m in BANDS.items():
                self.conv.weight[organ, 0, 0, 0] = 2 * K * m
                self.conv.weight[organ, 1, 0, 0] = -K
                self.conv.bias[organ] = K * (HALF_WIDTH ** 2 - m * m)

    def forward(self, image):
        return self.conv(torch.cat([image, image * image], dim=1))


def main():
    out_dir = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'models')
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, 'oracle-organ-seg.onnx')
    torch.onnx.export(
        Oracle().eval(), torch.zeros(1, 1, 256, 256), path, input_names=['image'], output_names=['logits'],
        dynamic_axes={'image': {0: 'batch'}, 'logits': {0: 'batch'}}, opset_version=13,
    )
    sidecar = json.load(open(os.path.join(out_dir, 'tiny-organ-seg.json')))
    sidecar['version'] = '0.0.0-oracle'
    sidecar['training'] = {'note': 'TEST FIXTURE: hand-set intensity bands, see training/make_oracle_fixture.py'}
    sidecar['presence'] = {'minAreaPx': {str(i): 20 for i in range(1, 14)}, 'minMeanProb': {str(i): 0.5 for i in range(1, 14)}}
    json.dump(sidecar, open(os.path.join(out_dir, 'oracle-organ-seg.json'), 'w'), indent=2)
    print('wrote', path)


if __name__ == '__main__':
    main()
