#!/bin/sh
# The v9 candidate (fold 1, seed 0): v8's recipe (train_v8.sh: TotalSegmentator CT synthesis 0.95,
# half of it per-label mixtures of real and synthetic intensities), but in a mixture the pancreas
# and both adrenals always stay synthetic (--mix-never 4,7,8). v6 (pure synthesis) lifted the
# pancreas and the right adrenal on the MR volume; v8's mixing lifted the gallbladder (70.4), spleen,
# duodenum, IVC and stomach but dropped both adrenals to 0 and the pancreas to 19.7: small organs
# that keep CT intensities next to synthetic neighbours learn CT appearance, not shape.
# Ship rule, written before the run: CHAOS 3D mean >= 85, Pancreas-CT >= 58.4 and TotalSegmentator
# MR mean >= 59.3 (v5's numbers), else v5 stays.
# Result: CHAOS 89.8, Pancreas-CT 61.9, TotalSegmentator MR 56.6 -> rule failed, not shipped; the
# right adrenal rose to 46.2 (v5 31.8, v8 0) and the pancreas to 23.8 (v8 19.7), but the gallbladder
# fell to 38.1 (v8 70.4) and the liver to 60.6 (models/README.md).
# Run from training/ after prepare_data.py.
set -e
OUT=${1:-.runs/v9}
PY=${PY:-/usr/bin/python3}
export OMP_WAIT_POLICY=PASSIVE
nice -n 10 $PY train.py --out $OUT --iters 16000 --batch 10 --crop 144 --focus 7,8,9:4 --ce-weight 7,8,9:3 --synth 0.4,0.95,0.3 --synth-mix 0.5 --mix-never 4,7,8
