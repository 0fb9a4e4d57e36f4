#!/bin/sh
# The exact schedule that produced models/organ-seg-v1.onnx (fold 1, seed 0; the previous model, in git history).
# The run was re-planned twice while training because the shared 2-core machine was
# heavily loaded; each step resumes from the previous step's last.pt (weights +
# optimiser state).  Batches are drawn from a generator seeded with seed + start
# iteration; steps 1-2 built batches in the main process (--workers 0), steps 3-4
# in one background worker (same stream, overlapped).
# Run from training/ after prepare_data.py.  Wall time: ~1 h on 2 idle cores.
set -e
OUT=${1:-.runs/fold1}
PY=${PY:-/usr/bin/python3}
export OMP_WAIT_POLICY=PASSIVE
# 1. 7000-iteration cosine schedule, batch 12, 160 px crops, stopped after 1000 iterations
nice -n 5 $PY train.py --out $OUT --iters 7000 --stop-at 1000 --workers 0
# 2. re-planned to 3000 iterations, batch 10, 144 px crops (stop at 1250)
nice -n 5 $PY train.py --out $OUT --iters 3000 --batch 10 --crop 144 --save-every 250 --workers 0 \
    --resume $OUT/last.pt --stop-at 1250
# 3. same schedule, batches prepared in a background worker
nice -n 5 $PY train.py --out $OUT --iters 3000 --batch 10 --crop 144 --save-every 250 --resume $OUT/last.pt
# 4. warm restart: cosine tail from iteration 3000 to 4500
nice -n 5 $PY train.py --out $OUT --iters 4500 --batch 10 --crop 144 --save-every 250 --resume $OUT/last.pt
