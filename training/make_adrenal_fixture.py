"""Writes test/fixtures/models/oracle-adrenal.onnx (+ .json): a hand-set (not trained) model with the
adrenal second stage's contract (training/adrenal.py, src/pipeline/adrenal-stage.ts) whose answer
is known in advance, so tests can check the window cut-out, the context channels and the paste-back.

Input [N, 3, 96, 96]: the window of the first stage's input and of two context masks (right kidney,
left kidney). A pixel is the right adrenal where the image is near 0.7; the left adrenal where the
image is near 0.8 AND the left-kidney context mask is set; background elsewhere.

Run: /usr/bin/python3 training/make_adrenal_fixture.py
"""
import json
import os

import torch
from torch import nn

K = 2000.0
HALF_WIDTH = 0.04
WINDOW = 96


class OracleAdrenal(nn.Module):
    def __init__(self):
        super().__init__()
        # features: x, x^2, right-kidney mask, left-kidney mask
        self.conv = nn.Conv2d(4, 3, kernel_size=1)
        with torch.no_grad():
            self.conv.weight.zero_()
            self.conv.bias.zero_()
            for c, m in ((1, 0.7), (2, 0.8)):
                self.conv.weight[c, 0, 0, 0] = 2 * K * m
                self.conv.weight[c, 1, 0, 0] = -K
                self.conv.bias[c] = K * (HALF_WIDTH ** 2 - m * m)
            self.conv.weight[2, 3, 0, 0] = 1000.0  # the left gland needs the left-kidney context
            self.conv.bias[2] -= 500.0

    def forward(self, image):
        x = image[:, 0:1]
        return self.conv(torch.cat([x, x * x, image[:, 1:3]], dim=1))


def main():
    out_dir = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'models')
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, 'oracle-adrenal.onnx')
    torch.onnx.export(
        OracleAdrenal().eval(), torch.zeros(1, 3, WINDOW, WINDOW), path, input_names=['image'],
        output_names=['logits'], dynamic_axes={'image': {0: 'N'}, 'logits': {0: 'N'}}, opset_version=13,
    )
    sidecar = {
        'version': '0.0.0-oracle',
        'kind': 'adrenal-window',
        'input': {'name': 'image', 'shape': [None, 3, WINDOW, WINDOW]},
        'output': {'name': 'logits', 'shape': [None, 3, WINDOW, WINDOW]},
        'organIds': [0, 7, 8],
        'window': {'size': WINDOW, 'grid': 256},
        'contextOrganIds': [2, 13],
        'presence': {'minAreaPx': {'7': 5, '8': 5}, 'minMeanProb': {'7': 0.5, '8': 0.5}},
        'training': {'note': 'TEST FIXTURE: hand-set intensity bands, see training/make_adrenal_fixture.py'},
        'licence': 'Test fixture with hand-set weights; no training data involved (project licence).',
    }
    with open(os.path.join(out_dir, 'oracle-adrenal.json'), 'w') as f:
        json.dump(sidecar, f, indent=2)
        f.write('\n')
    print('wrote', path)


if __name__ == '__main__':
    main()
