"""IBM Debater claim stance: Wikipedia claims PRO/CON a debate motion. The claim's author is the actor."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from ._common import check_split, hash_split
from .records import StanceRecord

_LABELS = {"PRO": "support", "CON": "oppose"}


def convert(data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    check_split(split)
    with open(Path(data_dir) / "claim_stance_dataset_v1.unwrapped.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            row = {k: (v or "").strip() for k, v in row.items() if k is not None}
            topic = row["topicText"]
            # the dataset has train and test; its train topics are split again to give a dev split
            own = row["split"]
            mine = "test" if own == "test" else ("dev" if hash_split(topic, dev=0.2, test=0.0) == "dev" else "train")
            label = _LABELS.get(row["claims.stance"])
            if mine != split or label is None or not row["claims.claimCorrectedText"]:
                continue
            proposal = topic.removeprefix("This house believes that ").removeprefix("This house ")
            yield StanceRecord(proposal=proposal, actor="the author", sentences=[row["claims.claimCorrectedText"]],
                               sentence_index=0, label=label, source="ibm_claim_stance",
                               id=f"ibm-{row['claims.claimId']}")
