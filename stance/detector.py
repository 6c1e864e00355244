"""StanceDetector: document -> sentences -> actors -> pairs -> model -> consistency -> stances -> aggregation."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import numpy as np

from .actors import ActorFinder, parse_actors
from .aggregate import aggregate_actors
from .consistency import apply_consistency
from .encoding import build_pair
from .ensemble import StanceEnsemble
from .model import StanceModel
from .schema import ActorStance, Mention, SentenceResult, StanceResult
from .segment import split_sentences

MAX_DOCUMENT_CHARS = 2_000_000


@dataclass
class RecordError:
    """Stands in the output of :meth:`StanceDetector.predict_batch` for a record that could not be read."""

    position: int
    id: Any
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "error": self.error, "position": self.position}


@dataclass
class _Prepared:
    proposal: str
    sentences: list[str]
    mentions: list[list[Mention]]
    pairs: list[tuple[str, str]]
    id: Any = None


class StanceDetector:
    """Who supports, opposes or is neutral on a proposal, sentence by sentence and per document.

    Example:
        >>> det = StanceDetector.from_pretrained()
        >>> res = det.predict("Paris rejected the plan. Berlin backed it.", proposal="The EU plan",
        ...                   actors=["France", "Germany"])
        >>> [(a.actor, a.label) for a in res.actors]
        [('France', 'oppose'), ('Germany', 'support')]
    """

    def __init__(self, model: StanceModel | StanceEnsemble, actor_finder: ActorFinder | None = None, batch_size: int = 32,
                 consistency_weight: float | None = None) -> None:
        self.model = model
        self.actor_finder = actor_finder or ActorFinder()
        self.batch_size = batch_size
        if consistency_weight is not None and not consistency_weight >= 0:
            raise ValueError(f"consistency_weight must be >= 0 (0 turns it off), got {consistency_weight}")
        self._consistency_weight = consistency_weight

    @classmethod
    def from_pretrained(cls, path_or_id: str | Path | None = None, *, device: str | None = None,
                        use_ner: bool = True, trust_remote_code: bool = False,
                        batch_size: int = 32, consistency_weight: float | None = None,
                        tone_weight: float | None = None) -> "StanceDetector":
        """Load a stance model (``None``: the default model shipped with the library).

        ``consistency_weight``: how far each sentence's support/oppose split leans toward the same actor's
        other sentences in the document (:mod:`stance.consistency`); ``None`` takes the model's fitted
        weight, ``0`` reads every sentence on its own. ``tone_weight``: how much of the actor's tone leaves each
        decision (:mod:`stance.tone`; each pair is scored twice when it is above 0); ``None`` takes the model's,
        ``0`` turns it off (twice as fast)."""
        model = StanceModel.from_pretrained(path_or_id, device=device, trust_remote_code=trust_remote_code)
        if tone_weight is not None:
            if not isinstance(model, StanceModel):
                raise ValueError("tone_weight is a setting of one model; an ensemble's members carry their own")
            model.tone_weight = tone_weight
        return cls(model, ActorFinder(use_ner=use_ner), batch_size=batch_size, consistency_weight=consistency_weight)

    @property
    def consistency_weight(self) -> float:
        """The weight of :mod:`stance.consistency` in use: the detector's own, else the model's."""
        return self.model.consistency_weight if self._consistency_weight is None else self._consistency_weight

    # ---- public API ------------------------------------------------------------------------
    def predict(self, document: str | Sequence[str], proposal: str, actors: Any = None, *,
                batch_size: int | None = None, show_progress_bar: bool = False) -> StanceResult:
        """Stances of the actors in ``document`` toward ``proposal``.

        ``document``: a string, or a list of strings taken as sentences as given. ``actors``: ``None``
        (find them), a list of names, or ``{name: [aliases]}``.
        """
        prepared = self._prepare(document, proposal, actors)
        probs = self.model.predict_proba(prepared.pairs, batch_size or self.batch_size, show_progress_bar)
        return self._finish(prepared, probs)

    def predict_batch(self, records: Iterable[dict], batch_size: int | None = None,
                      show_progress_bar: bool = False, errors: str = "raise") -> Iterator[StanceResult | RecordError]:
        """Results for many records, in input order, batching pairs across documents.

        Each record is a dict with ``text`` (or ``sentences``), ``proposal``, optional ``actors`` and
        optional ``id``. ``errors="raise"`` stops at the first bad record with its position;
        ``errors="return"`` yields a :class:`RecordError` in its place, so nothing is dropped.
        """
        if errors not in ("raise", "return"):
            raise ValueError(f"errors must be 'raise' or 'return', got {errors!r}")
        batch_size = batch_size or self.batch_size
        budget = batch_size * 8  # pairs gathered before the model runs: bounded memory
        pending: list[_Prepared | RecordError] = []
        n_pairs = 0
        progress = None
        if show_progress_bar:
            from tqdm.auto import tqdm

            progress = tqdm(desc="documents", unit="doc")
        for position, record in enumerate(records):
            try:
                item: _Prepared | RecordError = self._prepare_record(record)
            except (TypeError, ValueError) as exc:
                if errors == "raise":
                    raise type(exc)(f"record {position}: {exc}") from exc
                item = RecordError(position, record.get("id") if isinstance(record, dict) else None, str(exc))
            pending.append(item)
            n_pairs += len(item.pairs) if isinstance(item, _Prepared) else 0
            if n_pairs >= budget:
                yield from self._flush(pending, batch_size, progress)
                pending, n_pairs = [], 0
        yield from self._flush(pending, batch_size, progress)
        if progress is not None:
            progress.close()

    # ---- pipeline steps --------------------------------------------------------------------
    def _prepare_record(self, record: Any) -> _Prepared:
        if not isinstance(record, dict):
            raise TypeError(f"a record must be a dict, got {type(record).__name__}")
        if "text" in record and "sentences" in record:
            raise ValueError("a record has both 'text' and 'sentences'; give one")
        document = record.get("sentences", record.get("text"))
        if document is None:
            raise ValueError("a record needs 'text' or 'sentences'")
        if "proposal" not in record:
            raise ValueError("a record needs a 'proposal'")
        prepared = self._prepare(document, record["proposal"], record.get("actors"))
        prepared.id = record.get("id")
        return prepared

    def _prepare(self, document: Any, proposal: Any, actors: Any) -> _Prepared:
        proposal = _check_proposal(proposal)
        sentences = _sentences_of(document)
        actor_list = parse_actors(actors)
        if actor_list is None:
            actor_list = self.actor_finder.discover(sentences)
        mentions = self.actor_finder.find(sentences, actor_list) if actor_list else [[] for _ in sentences]
        # a quotation's speaker has no words in the sentence to mark: the model reads it unmarked
        pairs = [build_pair(proposal, m.actor, sentences, i, None if m.kind == "quote" else (m.start, m.end),
                            self.model.encoding) for i, ms in enumerate(mentions) for m in ms]
        return _Prepared(proposal, sentences, mentions, pairs)

    def _flush(self, pending: list[_Prepared | RecordError], batch_size: int, progress: Any) -> Iterator[Any]:
        pairs = [p for item in pending if isinstance(item, _Prepared) for p in item.pairs]
        probs = self.model.predict_proba(pairs, batch_size)
        offset = 0
        for item in pending:
            if isinstance(item, RecordError):
                yield item
            else:
                n = len(item.pairs)
                yield self._finish(item, probs[offset:offset + n])
                offset += n
            if progress is not None:
                progress.update(1)

    def _finish(self, prepared: _Prepared, probs: np.ndarray) -> StanceResult:
        labels = self.model.labels
        probs = apply_consistency(probs, [m.actor for ms in prepared.mentions for m in ms], labels,
                                  self.consistency_weight)
        results = []
        row = 0
        for i, (sentence, ms) in enumerate(zip(prepared.sentences, prepared.mentions)):
            stances = []
            for m in ms:
                p = probs[row]
                row += 1
                scores = {label: round(float(p[j]), 4) for j, label in enumerate(labels)}
                stances.append(ActorStance(m.actor, m.text, labels[int(np.argmax(p))], scores))
            results.append(SentenceResult(i, sentence, stances))
        return StanceResult(prepared.proposal, results, aggregate_actors(results, labels), prepared.id)


def _check_proposal(proposal: Any) -> str:
    if proposal is None:
        raise ValueError("proposal is missing: say what the actors take a position on, e.g. 'Raise the minimum wage'")
    if not isinstance(proposal, str):
        raise TypeError(f"proposal must be a string, got {type(proposal).__name__}")
    proposal = " ".join(proposal.split())
    if not proposal:
        raise ValueError("proposal is empty: say what the actors take a position on")
    if _looks_binary(proposal):
        raise ValueError("proposal looks like binary data, not text")
    return proposal


def _sentences_of(document: Any) -> list[str]:
    if document is None:
        raise ValueError("document is None: give a string or a list of sentences")
    if isinstance(document, (bytes, bytearray)):
        raise TypeError("document is bytes: decode it to a string first (e.g. data.decode('utf-8'))")
    if isinstance(document, str):
        if not document.strip():
            raise ValueError("document is empty or only whitespace")
        if len(document) > MAX_DOCUMENT_CHARS:
            raise ValueError(f"document has {len(document):,} characters, more than {MAX_DOCUMENT_CHARS:,}; "
                             "split it into smaller documents")
        if _looks_binary(document):
            raise ValueError("document looks like binary data, not text")
        return split_sentences(document)
    if isinstance(document, (list, tuple)):
        for i, s in enumerate(document):
            if not isinstance(s, str):
                raise TypeError(f"sentence {i} is {type(s).__name__}, not a string")
        if not any(s.strip() for s in document):
            raise ValueError("document has no sentences with text")
        if sum(map(len, document)) > MAX_DOCUMENT_CHARS:
            raise ValueError(f"document has more than {MAX_DOCUMENT_CHARS:,} characters; split it")
        if _looks_binary("".join(document)):
            raise ValueError("document looks like binary data, not text")
        return list(document)
    raise TypeError(f"document must be a string or a list of sentence strings, got {type(document).__name__}")


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if "\x00" in sample:
        return True
    odd = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
                                                        and ch not in "\n\r\t\f"))
    return odd > 0.1 * len(sample)

