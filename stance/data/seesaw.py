"""SEESAW (train stories only): a named actor supports / opposes a topic in one sentence of real news.

CC BY-NC-SA 4.0: for evaluation and research configs only; the shipped default model does not train on
it. The actor is given by its canonical name; its mention is located with the library's actor finder
(word lists only, no NER), as inference would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..actors import ActorFinder, parse_actors
from ._common import SPLITS, check_split, hash_split
from .records import StanceRecord

_LABELS = {"support": "support", "oppose": "oppose"}


def read_documents(data_dir: str | Path) -> dict[str, dict]:
    with open(Path(data_dir) / "documents.jsonl", encoding="utf-8") as fh:
        return {d["doc_id"]: d for d in map(json.loads, fh)}


def read_cases(data_dir: str | Path) -> list[dict]:
    with open(Path(data_dir) / "cases.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def story_split(doc_id: str) -> str:
    """train / dev / test of a case, by its story (the articles of one event never straddle two splits)."""
    return hash_split(doc_id.split("_DOCUMENT")[0], dev=0.2, test=0.2)


def convert(data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    """``dev`` and ``test`` are halves of the stories (by story), ``train`` the rest, for research configs."""
    check_split(split)
    docs = read_documents(data_dir)
    finder = ActorFinder(use_ner=False)
    for n, case in enumerate(read_cases(data_dir)):
        if story_split(case["doc_id"]) != split or case["label"] not in _LABELS:
            continue
        sentences = docs[case["doc_id"]]["sentences"]
        i = case["sentence_index"]
        found = finder.find(sentences[max(0, i - 2):i + 1], parse_actors([case["actor"]]))[-1]
        mention = found[0] if found else None
        yield StanceRecord(proposal=case["proposal"], actor=case["actor"], sentences=sentences[:i + 1],
                           sentence_index=i, label=case["label"], mention=mention.text if mention else None,
                           mention_start=mention.start if mention else None, document=case["doc_id"], source="seesaw",
                           id=f"seesaw-{case['doc_id']}-{i}-{n}")


def convert_all(data_dir: str | Path) -> list[StanceRecord]:
    """Every case of every story split (train, dev, test), for evaluation and probes."""
    return [r for split in SPLITS for r in convert(data_dir, split)]
