"""The one place where a (proposal, actor, sentence in context, mention) pair becomes model input.

Training, evaluation and inference all call :func:`build_pair`, so what the model sees when it learns is
exactly what it sees when it predicts. The first text names the actor and the proposal; the second is
the sentence with the actor's mention marked « like this », followed by the sentence before it, so a
pronoun ("He") can be read against the name it refers back to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

MENTION_OPEN = "«"
MENTION_CLOSE = "»"
CONTEXT_SEPARATOR = " ‖ "
MAX_PROPOSAL_CHARS = 300
MAX_ACTOR_CHARS = 100
MAX_SENTENCE_CHARS = 1200


@dataclass(frozen=True)
class EncodingConfig:
    """How pairs are written: how many sentences of context before the target sentence."""

    context_before: int = 1
    mark_mention: bool = True

    def to_dict(self) -> dict:
        return {"context_before": self.context_before, "mark_mention": self.mark_mention}

    @classmethod
    def from_dict(cls, data: dict | None) -> "EncodingConfig":
        data = data or {}
        return cls(**{k: data[k] for k in ("context_before", "mark_mention") if k in data})


def build_pair(proposal: str, actor: str, sentences: Sequence[str], index: int,
               mention: tuple[int, int] | None = None, config: EncodingConfig = EncodingConfig()) -> tuple[str, str]:
    """Return ``(first_text, second_text)`` for the pair, ready for a tokenizer.

    ``mention`` is the ``(start, end)`` character span of the actor in ``sentences[index]``, or ``None``.

    Example:
        >>> build_pair("Ban cars", "France", ["Paris said no."], 0, (0, 5))
        ('France ; Ban cars', '« Paris » said no.')
    """
    sentence = sentences[index]
    if config.mark_mention and mention is not None:
        start, end = mention
        if not (0 <= start < end <= len(sentence)):
            raise ValueError(f"mention span {mention} is outside the sentence of {len(sentence)} characters")
        sentence = f"{sentence[:start]}{MENTION_OPEN} {sentence[start:end]} {MENTION_CLOSE}{sentence[end:]}"
    first = f"{_clip(actor, MAX_ACTOR_CHARS)} ; {_clip(proposal, MAX_PROPOSAL_CHARS)}"
    second = _clip(sentence, MAX_SENTENCE_CHARS)
    context = [s for s in sentences[max(0, index - config.context_before):index]]
    if context:
        second += CONTEXT_SEPARATOR + _clip(" ".join(context), MAX_SENTENCE_CHARS)
    return first, second


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]
