"""GWSD: news sentences agreeing / disagreeing / neutral on "Climate change is a serious concern"."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from ._common import check_split, hash_split
from .records import StanceRecord

PROPOSAL = "Climate change is a serious concern"


def convert(data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    check_split(split)
    with open(Path(data_dir) / "GWSD.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            try:
                probs = {"support": float(row["agree"]), "oppose": float(row["disagree"]),
                         "neutral": float(row["neutral"])}
            except (TypeError, ValueError):
                continue  # screening sentences carry no inferred label
            mine = "test" if row["in_held_out_test"] == "True" else hash_split(row["guid"], dev=0.1, test=0.0)
            if mine != split:
                continue
            yield StanceRecord(proposal=PROPOSAL, actor="the author", sentences=[row["sentence"]], sentence_index=0,
                               label=max(probs, key=probs.get), source="gwsd", id=f"gwsd-{row['guid']}")
