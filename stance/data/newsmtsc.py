"""NewsMTSC: the writer's sentiment toward a person named in a news sentence.

Sentiment is not stance, so this maps loosely: the writer is the actor, the person the "proposal"
(negative -> oppose, neutral -> neutral, positive -> support). The default recipe leaves it out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ._common import check_split
from .records import StanceRecord

_LABELS = {2.0: "oppose", 4.0: "neutral", 6.0: "support"}
_FILES = {"train": ["train.jsonl"], "dev": ["experiments_split/newsmtsc-rw/dev.jsonl"],
          "test": ["experiments_split/newsmtsc-rw/test.jsonl"]}


def convert(data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    check_split(split)
    for name in _FILES[split]:
        path = Path(data_dir) / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                row = json.loads(line)
                for k, target in enumerate(row.get("targets", [])):
                    label = _LABELS.get(target.get("polarity"))
                    if label is None:
                        continue
                    yield StanceRecord(proposal=target["mention"], actor="the writer",
                                       sentences=[row["sentence_normalized"]], sentence_index=0, label=label,
                                       source="newsmtsc", id=f"newsmtsc-{split}-{lineno}-{k}")
