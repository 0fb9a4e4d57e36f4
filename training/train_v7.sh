#!/bin/sh
# The v7 candidate (fold 1, seed 0): v5's recipe (train_v5.sh) with per-slice synthesis sampling on
# the TotalSegmentator CT volume. v6 (--synth 0.4,0.95,0.3 everywhere) lifted pancreas (27.9 -> 36.7)
# and the right adrenal (31.8 -> 49.3) on the MR volume but lost the gallbladder (58.2 -> 2.5), liver
# and left kidney; here only slices holding the pancreas or an adrenal (classes 4, 7, 8) get v6's
# 0.95, the rest keep v5's 0.85. Ship rule, written before the run: CHAOS 3D mean >= 85,
# Pancreas-CT >= 58.4 and TotalSegmentator MR mean >= 59.3 (v5's numbers), else v5 stays.
# Result: CHAOS 89.6, Pancreas-CT 61.7, TotalSegmentator MR 54.6 -> rule failed, not shipped; all 12
# gallbladder slices also hold the pancreas or an adrenal, so they got 0.95 too (models/README.md).
# Run from training/ after prepare_data.py.
set -e
OUT=${1:-.runs/v7}
PY=${PY:-/usr/bin/python3}
export OMP_WAIT_POLICY=PASSIVE
nice -n 10 $PY train.py --out $OUT --iters 16000 --batch 10 --crop 144 --focus 7,8,9:4 --ce-weight 7,8,9:3 --synth 0.4,0.85,0.3 --synth-slice 4,7,8:0.95
