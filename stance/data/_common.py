"""Helpers shared by the dataset converters."""

from __future__ import annotations

import hashlib

SPLITS = ("train", "dev", "test")


def hash_split(key: str, dev: float = 0.1, test: float = 0.2) -> str:
    """A stable train/dev/test split by a group key (e.g. the motion), so no group spans two splits."""
    x = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big") / 2**32
    return "test" if x < test else "dev" if x < test + dev else "train"


def check_split(split: str) -> None:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
