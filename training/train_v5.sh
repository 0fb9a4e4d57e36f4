#!/bin/sh
# The exact run that produced models/organ-seg-v5.onnx (fold 1, seed 0): v4's recipe (train_v4.sh:
# TotalSegmentator slices that hold an adrenal gland or the gallbladder drawn 4x as often, those
# organs' pixels weighted 3x in the cross-entropy, one cosine schedule of 16000 iterations, batch 10,
# 144 px crops) with the TotalSegmentator CT volume's intensities replaced by synthetic ones more
# often: --synth 0.4,0.85,0.3 (v4: 0.4,0.6,0.3). Run from training/ after prepare_data.py.
# Wall time: ~78 min on 2 cores that were also running other jobs at times.
set -e
OUT=${1:-.runs/v5}
PY=${PY:-/usr/bin/python3}
export OMP_WAIT_POLICY=PASSIVE
nice -n 10 $PY train.py --out $OUT --iters 16000 --batch 10 --crop 144 --focus 7,8,9:4 --ce-weight 7,8,9:3 --synth 0.4,0.85,0.3
