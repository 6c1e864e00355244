"""stance: who supports, opposes or stays neutral on a proposal in news, sentence by sentence.

Example:
    >>> from stance import StanceDetector
    >>> det = StanceDetector.from_pretrained()
    >>> res = det.predict(text, proposal="NATO opens a liaison office in Tokyo")
    >>> print(res.table())

Heavy dependencies (torch, transformers) load on first use, so ``import stance`` stays fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "StanceDetector": "stance.detector",
    "RecordError": "stance.detector",
    "StanceModel": "stance.model",
    "StanceEnsemble": "stance.ensemble",
    "Actor": "stance.actors",
    "ActorFinder": "stance.actors",
    "StanceResult": "stance.schema",
    "SentenceResult": "stance.schema",
    "ActorStance": "stance.schema",
    "DocumentActor": "stance.schema",
    "LABELS": "stance.schema",
    "StanceRecord": "stance.data.records",
    "TrainingConfig": "stance.training",
    "split_sentences": "stance.segment",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'stance' has no attribute {name!r}")
