"""Directed sentiment between political entities in news (Park et al. 2021).

A sentence with two bracketed entities p and q and a class: 0 neutral, 1 p->q positive, 2 p<-q
positive, 3 p->q negative, 4 p<-q negative. The holder is the actor, the other entity the "proposal".
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ._common import check_split
from .records import StanceRecord

_FILES = {"train": "train.txt", "dev": "valid.txt", "test": "test.txt"}
# class id -> (holder is p?, label)
_CLASSES = {"0": (True, "neutral"), "1": (True, "support"), "2": (False, "support"),
            "3": (True, "oppose"), "4": (False, "oppose")}


def _unbracket(marked: str) -> tuple[str, list[tuple[int, int]]]:
    text, spans, start = "", [], None
    for ch in marked:
        if ch == "[":
            start = len(text)
        elif ch == "]" and start is not None:
            spans.append((start, len(text)))
            start = None
        else:
            text += ch
    return text, spans


def convert(data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    check_split(split)
    with open(Path(data_dir) / _FILES[split], encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4 or parts[3] not in _CLASSES:
                continue
            marked, p, q, cls = parts
            text, spans = _unbracket(marked)
            holder_is_p, label = _CLASSES[cls]
            holder, target = (p, q) if holder_is_p else (q, p)
            span = next(((s, e) for s, e in spans if text[s:e] == holder), None)
            yield StanceRecord(proposal=target, actor=holder, sentences=[text], sentence_index=0, label=label,
                               mention=holder if span else None, mention_start=span[0] if span else None,
                               source="directed_sentiment", id=f"ds-{split}-{lineno}")
