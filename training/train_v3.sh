#!/bin/sh
# The exact run that produced models/organ-seg-v3.onnx (fold 1, seed 0): v2's recipe (TotalSegmentator
# slices that hold an adrenal gland or the gallbladder drawn 4x as often, those organs' pixels weighted
# 3x in the cross-entropy) with one cosine schedule twice as long: 8000 iterations, batch 10, 144 px
# crops. Run from training/ after prepare_data.py.  Wall time: ~27 min on 2 cores that were also
# running other jobs (~40 min on a machine busy with more).
set -e
OUT=${1:-.runs/v3}
PY=${PY:-/usr/bin/python3}
export OMP_WAIT_POLICY=PASSIVE
nice -n 10 $PY train.py --out $OUT --iters 8000 --batch 10 --crop 144 --focus 7,8,9:4 --ce-weight 7,8,9:3
