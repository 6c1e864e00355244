"""Emergent: news article leads for / against / observing a rumoured claim. The article is the actor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ._common import check_split, hash_split
from .records import StanceRecord

_LABELS = {"for": "support", "against": "oppose", "observing": "neutral"}


def convert(data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    check_split(split)
    own = "test" if split == "test" else "train"
    path = Path(data_dir) / f"Emergent_Lead_Summarizer_5Sentences_{own}.json"
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            row = json.loads(line)
            if own == "train" and hash_split(row["claim"], dev=0.15, test=0.0) != split:
                continue
            label = _LABELS.get(row["label"])
            sentences = [s for s in row["summary"] if s.strip()]
            if label is None or not sentences:
                continue
            # the lead sentences as context, the second (where the claim is usually stated) as target
            index = min(1, len(sentences) - 1)
            yield StanceRecord(proposal=row["claim"], actor="the article", sentences=sentences[:index + 1],
                               sentence_index=index, label=label, source="emergent", id=f"emergent-{own}-{lineno}")
