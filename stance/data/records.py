"""The training record: one actor's stance on one proposal in one sentence of a document.

JSON Lines, one record per line::

    {"proposal": "NATO opens a liaison office in Tokyo",
     "actor": "France",
     "sentences": ["...", "Macron opposed the idea."],   # or "text": "..." (split by stance.segment)
     "sentence_index": 1,
     "label": "oppose",                                   # support | oppose | neutral
     "mention": "Macron",                                 # optional: the words naming the actor
     "mention_start": 0,                                  # optional: character offset of the mention
     "document": "...",                                   # optional: the article's id (see below)
     "source": "corpus", "id": "..."}                     # optional bookkeeping

``mention`` may be omitted or not found in the sentence: the pair is then built without a marked
mention. Only the sentences up to ``sentence_index`` are used as context, so converters may store just
those. Records that share ``source``, ``document``, ``proposal`` and ``actor`` are one actor's sentences in one
article:
calibration fits :mod:`stance.consistency` on them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..encoding import EncodingConfig, build_pair
from ..schema import LABELS
from ..segment import split_sentences


@dataclass
class StanceRecord:
    """One labelled (proposal, actor, sentence) case. See the module docstring for the JSON form."""

    proposal: str
    actor: str
    sentences: list[str]
    sentence_index: int
    label: str
    mention: str | None = None
    mention_start: int | None = None
    document: str = ""
    source: str = ""
    id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise ValueError(f"label {self.label!r} is not one of {LABELS}")
        if not isinstance(self.proposal, str) or not self.proposal.strip():
            raise ValueError("proposal must be a non-empty string")
        if not isinstance(self.actor, str) or not self.actor.strip():
            raise ValueError("actor must be a non-empty string")
        if not self.sentences or not 0 <= self.sentence_index < len(self.sentences):
            raise ValueError(f"sentence_index {self.sentence_index} is outside the {len(self.sentences)} sentences")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "StanceRecord":
        data = dict(data)
        if "sentences" not in data:
            if "text" not in data:
                raise ValueError("a record needs 'sentences' or 'text'")
            data["sentences"] = split_sentences(data.pop("text"))
        data.pop("text", None)
        known = {k: data.pop(k) for k in list(data) if k in cls.__dataclass_fields__}
        return cls(**known, extra=data) if data else cls(**known)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        extra = out.pop("extra")
        out.update(extra)
        return {k: v for k, v in out.items() if v is not None and v != ""}

    def mention_span(self) -> tuple[int, int] | None:
        """The (start, end) of the mention in the sentence, if it can be found."""
        if not self.mention:
            return None
        sentence = self.sentences[self.sentence_index]
        start = self.mention_start
        if start is None or sentence[start:start + len(self.mention)] != self.mention:
            start = sentence.find(self.mention)
        return None if start < 0 else (start, start + len(self.mention))

    def to_pair(self, config: EncodingConfig = EncodingConfig()) -> tuple[str, str]:
        """The model input for this record: the same function inference uses."""
        return build_pair(self.proposal, self.actor, self.sentences, self.sentence_index, self.mention_span(), config)


def read_records(path: str | Path) -> Iterator[StanceRecord]:
    """Read training records from a JSONL file; a bad line raises ``ValueError`` with its number."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield StanceRecord.from_dict(json.loads(line))
            except (ValueError, TypeError, KeyError) as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from exc


def write_records(records: Iterable[StanceRecord], path: str | Path) -> int:
    """Write records as JSONL; returns how many were written."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n
