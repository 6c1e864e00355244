"""Records and results: the data that flows through the pipeline, with ``to_dict`` / ``from_dict``.

The label set of a model travels with its weights (``config.id2label``); :data:`LABELS` is only the
default set a new model is created with and the order results are reported in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LABELS: tuple[str, ...] = ("support", "oppose", "neutral")


@dataclass(frozen=True)
class Mention:
    """One place where a sentence refers to an actor: characters ``start:end`` of the sentence."""

    actor: str
    text: str
    start: int
    end: int
    # how the sentence names the actor: "name", "alias", "person_alias", "title", "demonym",
    # "demonym_person", "capital", "role", "pronoun" or "quote" (a quotation continuing its speaker)
    kind: str = "alias"


@dataclass
class ActorStance:
    """The stance of one actor in one sentence."""

    actor: str
    mention: str
    label: str
    scores: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "mention": self.mention, "label": self.label,
                "scores": dict(self.scores)}


@dataclass
class SentenceResult:
    """One sentence of the document and the stances of the actors it mentions."""

    index: int
    text: str
    stances: list[ActorStance] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "text": self.text, "stances": [s.to_dict() for s in self.stances]}


@dataclass
class DocumentActor:
    """An actor's position over the whole document, with the sentences that show it."""

    actor: str
    label: str
    scores: dict[str, float]
    evidence: list[int]
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "label": self.label, "scores": dict(self.scores),
                "evidence": list(self.evidence), "mentions": self.mentions}


@dataclass
class StanceResult:
    """What :meth:`stance.StanceDetector.predict` returns for one document.

    Example:
        >>> res.to_dict()["actors"][0]
        {'actor': 'France', 'label': 'oppose', 'scores': {...}, 'evidence': [2, 7], 'mentions': 4}
    """

    proposal: str
    sentences: list[SentenceResult]
    actors: list[DocumentActor]
    id: Any = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out["proposal"] = self.proposal
        out["sentences"] = [s.to_dict() for s in self.sentences]
        out["actors"] = [a.to_dict() for a in self.actors]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "StanceResult":
        sentences = [SentenceResult(s["index"], s["text"], [ActorStance(**st) for st in s["stances"]])
                     for s in data["sentences"]]
        actors = [DocumentActor(**a) for a in data["actors"]]
        return cls(data["proposal"], sentences, actors, data.get("id"))

    def actor(self, name: str) -> DocumentActor:
        """The document-level position of ``name`` (``KeyError`` if the actor never appears)."""
        for a in self.actors:
            if a.actor == name:
                return a
        raise KeyError(f"actor {name!r} does not appear in this document; found: {[a.actor for a in self.actors]}")

    def table(self) -> str:
        """A plain-text table of actors, their positions and evidence sentences."""
        rows = [("actor", "position", "support", "oppose", "neutral", "evidence")]
        for a in self.actors:
            s = a.scores
            rows.append((a.actor, a.label, f"{s.get('support', 0):.2f}", f"{s.get('oppose', 0):.2f}",
                         f"{s.get('neutral', 0):.2f}", ",".join(map(str, a.evidence))))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)
