"""The one place where a (proposal, actor, sentence in context, mention) pair becomes model input.

Training, evaluation and inference all call :func:`build_pair`, so what the model sees when it learns is
exactly what it sees when it predicts. The first text names the actor and the proposal; the second is
the sentence with the actor's mention marked « like this », followed by the sentence before it, so a
pronoun ("He") can be read against the name it refers back to. With ``mark_proposal`` the words of the
sentence that name the proposal are marked ⟨ like this ⟩ as well (the target of the relation, as entity
markers mark both ends of a relation), so the model can read what the actor does *to the proposal*.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Sequence

MENTION_OPEN = "«"
MENTION_CLOSE = "»"
PROPOSAL_OPEN = "⟨"
PROPOSAL_CLOSE = "⟩"
CONTEXT_SEPARATOR = " ‖ "
FIRST_SEPARATOR = " ; "
MAX_PROPOSAL_CHARS = 300
MAX_ACTOR_CHARS = 100
MAX_SENTENCE_CHARS = 1200


@dataclass(frozen=True)
class EncodingConfig:
    """How pairs are written: how many sentences of context before the target sentence, and whether the
    actor's mention and the words naming the proposal are marked in the sentence."""

    context_before: int = 1
    mark_mention: bool = True
    mark_proposal: bool = False

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> "EncodingConfig":
        """Settings saved with a model; fields it lacks (a model saved before they existed) keep their defaults."""
        data = data or {}
        return cls(**{f.name: data[f.name] for f in dataclasses.fields(cls) if f.name in data})


def build_pair(proposal: str, actor: str, sentences: Sequence[str], index: int,
               mention: tuple[int, int] | None = None, config: EncodingConfig = EncodingConfig()) -> tuple[str, str]:
    """Return ``(first_text, second_text)`` for the pair, ready for a tokenizer.

    ``mention`` is the ``(start, end)`` character span of the actor in ``sentences[index]``, or ``None``.

    Example:
        >>> build_pair("Ban cars", "France", ["Paris said no."], 0, (0, 5))
        ('France ; Ban cars', '« Paris » said no.')
    """
    sentence = sentences[index]
    if mention is not None and not (0 <= mention[0] < mention[1] <= len(sentence)):
        raise ValueError(f"mention span {mention} is outside the sentence of {len(sentence)} characters")
    marks = []
    if config.mark_mention and mention is not None:
        marks.append((mention[0], mention[1], MENTION_OPEN, MENTION_CLOSE))
    if config.mark_proposal:
        marks += [(start, end, PROPOSAL_OPEN, PROPOSAL_CLOSE)
                  for start, end in proposal_spans(proposal, sentence, exclude=mention)]
    for start, end, opening, closing in sorted(marks, reverse=True):
        sentence = f"{sentence[:start]}{opening} {sentence[start:end]} {closing}{sentence[end:]}"
    # " ; " only ever separates the actor from the proposal (with_proposal relies on it)
    actor_text = _clip(actor, MAX_ACTOR_CHARS).replace(FIRST_SEPARATOR, ", ")
    first = f"{actor_text}{FIRST_SEPARATOR}{_clip(proposal, MAX_PROPOSAL_CHARS)}"
    second = _clip(sentence, MAX_SENTENCE_CHARS)
    context = [s for s in sentences[max(0, index - config.context_before):index]]
    if context:
        second += CONTEXT_SEPARATOR + _clip(" ".join(context), MAX_SENTENCE_CHARS)
    return first, second


def with_proposal(pair: tuple[str, str], proposal: str) -> tuple[str, str]:
    """The pair :func:`build_pair` wrote, with another proposal in its first text.

    Example:
        >>> with_proposal(("France ; Ban cars", "« Paris » said no."), "Tax cars")
        ('France ; Tax cars', '« Paris » said no.')
    """
    first, second = pair
    actor, separator, _ = first.partition(FIRST_SEPARATOR)
    if not separator:
        raise ValueError(f"not a pair written by build_pair (no {FIRST_SEPARATOR!r} in its first text): {first!r}")
    return f"{actor}{FIRST_SEPARATOR}{_clip(proposal, MAX_PROPOSAL_CHARS)}", second


# words that do not by themselves name what a proposal is about
_FUNCTION_WORDS = frozenset("""
a an the of on in to for from by with at as into over under about against and or but not no nor is are was
were be been being it its this that these those their his her our your my new all any more most less than
will would should could may might must can shall do does did has have had who which what when where why how
""".split())
# function words that may stand inside one marked run ("cycle of poverty", "the Defence of the Realm Act")
_JOINERS = frozenset("of the on for and to in a an".split())
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def _stem(word: str) -> str:
    """A crude stem for matching a proposal's words in a sentence: 'cuts' ~ 'cut', 'taxes' ~ 'tax',
    'immigration' ~ 'immigrants' (the first five letters of longer words)."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    if len(word) > 5:
        return word[:5]
    if word.endswith(("xes", "ses", "zes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def proposal_spans(proposal: str, sentence: str, exclude: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` character spans of ``sentence`` whose words name the proposal: runs of words that
    share a stem with one of the proposal's content words (function words may join two of them). Words inside
    ``exclude`` (the actor's mention) are never part of a span.

    Example:
        >>> proposal_spans("budget cut", "Republicans are demanding budget cuts again.")
        [(26, 37)]
    """
    stems = {_stem(w) for w in _WORD.findall(proposal) if w.lower() not in _FUNCTION_WORDS}
    spans: list[tuple[int, int]] = []
    run: list[re.Match] = []  # the current run, possibly ending in joiners

    def close() -> None:
        while run and _stem(run[-1].group()) not in stems:
            run.pop()
        if run:
            spans.append((run[0].start(), run[-1].end()))
        run.clear()

    for match in _WORD.finditer(sentence):
        word = match.group()
        inside_mention = exclude is not None and match.start() < exclude[1] and match.end() > exclude[0]
        gap = sentence[run[-1].end():match.start()] if run else ""
        if run and gap.strip():  # punctuation breaks a run
            close()
        if not inside_mention and word.lower() not in _FUNCTION_WORDS and _stem(word) in stems:
            run.append(match)
        elif run and not inside_mention and word.lower() in _JOINERS:
            run.append(match)
        else:
            close()
    close()
    return spans


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]
