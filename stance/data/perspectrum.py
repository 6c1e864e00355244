"""PERSPECTRUM: perspectives that support or undermine a debate claim. The perspective's author is the actor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ._common import check_split
from .records import StanceRecord

_LABELS = {"SUPPORT": "support", "UNDERMINE": "oppose"}


def convert(data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    check_split(split)
    root = Path(data_dir)
    claims = json.loads((root / "perspectrum_with_answers_v1.0.json").read_text(encoding="utf-8"))
    pool = {p["pId"]: p["text"] for p in json.loads((root / "perspective_pool_v1.0.json").read_text(encoding="utf-8"))}
    splits = json.loads((root / "dataset_split_v1.0.json").read_text(encoding="utf-8"))
    for claim in claims:
        if splits.get(str(claim["cId"])) != split:
            continue
        for cluster in claim["perspectives"]:
            label = _LABELS.get(cluster["stance_label_3"])
            if label is None:
                continue
            for pid in cluster["pids"]:
                if pid in pool:
                    yield StanceRecord(proposal=claim["text"], actor="the author", sentences=[pool[pid]],
                                       sentence_index=0, label=label, source="perspectrum",
                                       id=f"perspectrum-{claim['cId']}-{pid}")
