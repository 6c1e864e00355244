"""FNC-1: news bodies that agree / disagree / discuss a headline (related pairs only). The article is the actor."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from ..segment import split_sentences
from ._common import check_split, hash_split
from .records import StanceRecord

_LABELS = {"agree": "support", "disagree": "oppose", "discuss": "neutral"}


def convert(data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    check_split(split)
    root = Path(data_dir)
    if split == "test":
        bodies_file, stances_file = "competition_test_bodies.csv", "competition_test_stances.csv"
    else:
        bodies_file, stances_file = "train_bodies.csv", "train_stances.related_only.reconstructed.csv"
    with open(root / bodies_file, encoding="utf-8") as fh:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(fh)}
    with open(root / stances_file, encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            label = _LABELS.get(row["Stance"])
            if label is None or row["Body ID"] not in bodies:
                continue
            if split != "test" and hash_split(row["Body ID"], dev=0.1, test=0.0) != split:
                continue
            sentences = split_sentences(bodies[row["Body ID"]])[:3]
            if not sentences:
                continue
            yield StanceRecord(proposal=row["Headline"], actor="the article", sentences=sentences,
                               sentence_index=len(sentences) - 1, label=label, source="fnc1", id=f"fnc1-{split}-{n}")
