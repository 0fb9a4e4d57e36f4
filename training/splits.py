"""Fixed patient-level split (seed-free: written out explicitly)."""

SPLIT = {
    # CHAOS T2-SPIR: 10 train / 5 held-out test patients
    "chaos": {
        "train": [1, 2, 3, 5, 8, 10, 13, 15, 19, 20],
        "test": [21, 22, 31, 32, 33],
    },
    # TotalSegmentator reference volumes: fold 1 trains on CT, tests on MR
    "totalseg": {"ct": "train", "mr": "test"},
    # NIH Pancreas-CT 2D export: patients 0001-0040 train, 0041-0050 test
    "pancreas": {
        "train": [f"{i:04d}" for i in range(1, 41)],
        "test": [f"{i:04d}" for i in range(41, 51)],
    },
    # Kaggle aorta (one patient): held out as an independent CT aorta test
    "aorta": "test",
}
