"""The team's corpus (``corpus/*.jsonl``, see :mod:`stance.data.corpus`) -> training records.

``train`` holds the proposals of the train side of :func:`~stance.data.corpus.is_dev_proposal`; ``dev``
and ``test`` both give the dev side (the corpus has no separate test side).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ._common import check_split
from .corpus import is_dev_proposal, read_corpus
from .records import StanceRecord


def convert(corpus_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    check_split(split)
    for doc in read_corpus([corpus_dir]):
        if is_dev_proposal(doc["proposal_id"]) != (split != "train"):
            continue
        for st in doc["stances"]:
            sentence = doc["sentences"][st["sentence"]]
            yield StanceRecord(proposal=doc["proposal"], actor=st["actor"], sentences=doc["sentences"][:st["sentence"] + 1],
                               sentence_index=st["sentence"], label=st["label"], mention=st["mention"],
                               mention_start=sentence.find(st["mention"]), document=doc["id"], source="corpus",
                               id=f"{doc['id']}-{st['sentence']}-{st['actor']}")
