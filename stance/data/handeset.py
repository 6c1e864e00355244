"""HanDeSeT: UK House of Commons speeches on motions -> the speaker's stance on the motion.

The speech (five utterances) is the context; the record's sentence is its last utterance and the label
is the manual speech label (1 support, 0 oppose). There is no official split: split by motion.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from ._common import check_split, hash_split
from .records import StanceRecord


def convert(data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    check_split(split)
    with open(Path(data_dir) / "HanDeSeT.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            motion = " ".join(row["motion"].split())
            if hash_split(motion) != split or row["manual speech"] not in ("0", "1"):
                continue
            utterances = [u.strip() for u in (row[f"utt{i}"] for i in range(1, 6)) if u and u.strip()]
            if not utterances:
                continue
            yield StanceRecord(proposal=f"{row['title']}: {motion}", actor=row["name"], sentences=utterances,
                               sentence_index=len(utterances) - 1,
                               label="support" if row["manual speech"] == "1" else "oppose",
                               source="handeset", id=f"handeset-{row['id']}")
