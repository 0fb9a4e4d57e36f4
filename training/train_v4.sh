#!/bin/sh
# The exact run that produced models/organ-seg-v4.onnx (fold 1, seed 0): v2's recipe (TotalSegmentator
# slices that hold an adrenal gland or the gallbladder drawn 4x as often, those organs' pixels weighted
# 3x in the cross-entropy) with one cosine schedule four times as long: 16000 iterations, batch 10, 144 px
# crops. Run from training/ after prepare_data.py.  Wall time: ~45 min on 2 cores that were also
# running other jobs (v3, 8000 iterations: train_v3.sh).
set -e
OUT=${1:-.runs/v4}
PY=${PY:-/usr/bin/python3}
export OMP_WAIT_POLICY=PASSIVE
nice -n 10 $PY train.py --out $OUT --iters 16000 --batch 10 --crop 144 --focus 7,8,9:4 --ce-weight 7,8,9:3
