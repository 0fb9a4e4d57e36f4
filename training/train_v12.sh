#!/bin/sh
# The v12 candidate (CPU, seed 0): v5's recipe (train_v5.sh) with pseudo.py's labels, but the
# Pancreas-CT slices' pseudo-labelled maps serve only their synthetic draws (30 %); their real draws
# keep the pancreas-only labels (train.py --pseudo-synth-only .data). The v11 round (model card)
# lost 3-6 points on the MR volume when the pseudo-labels came with real CT intensities; the question
# here is whether 39 more patients' organ shapes, seen only through synthesis, help MR.
#
# Ship rule, written before the run: ship only if held-out CHAOS 3D >= 85, Pancreas-CT >= 58.4 and
# the TotalSegmentator MR mean >= 59.3 (v5's numbers); else v5 stays.
#
# Usage (from training/, after prepare_data.py and pseudo.py): ./train_v12.sh .runs/v12 [train.py options]
# (e.g. --seed 1, or --device cuda --workers 4 on an accelerator)
#
# Result (seed 0, CPU, model card): CHAOS 89.5, Pancreas-CT 63.6, TotalSegmentator MR 58.7 -> not shipped.
OUT=${1:-.runs/v12}
[ $# -gt 0 ] && shift
PY=${PY:-/usr/bin/python3}
export OMP_WAIT_POLICY=PASSIVE
nice -n 10 $PY train.py --out $OUT --cache .data_pl --pseudo-synth-only .data --iters 16000 --batch 10 --crop 144 \
  --focus 7,8,9:4 --ce-weight 7,8,9:3 --synth 0.4,0.85,0.3 "$@"
