"""Converters that turn datasets into stance training records (see :mod:`stance.data.records`).

Each converter is ``convert(data_dir, split) -> Iterator[StanceRecord]`` with ``split`` one of
``train``, ``dev``, ``test``. :data:`SOURCES` names them with the folder they read under ``../shared/data``
(or, for ``corpus``, the team's corpus folder).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Iterator

from .records import StanceRecord, read_records, write_records

# source name -> (module, default folder relative to the data root, licence note)
SOURCES: dict[str, tuple[str, str, str]] = {
    "handeset": ("handeset", "handeset", "Open Parliament Licence v3.0 (Hansard text); research use"),
    "directed_sentiment": ("directed_sentiment", "directed_sentiment", "no licence stated; research use"),
    "ibm_claim_stance": ("ibm_claim_stance", "ibm_claim_stance", "CC BY-SA 3.0"),
    "perspectrum": ("perspectrum", "perspectrum", "CC BY-SA 4.0"),
    "emergent": ("emergent", "emergent", "Apache-2.0 (redistribution); original unlicensed; research use"),
    "fnc1": ("fnc1", "fnc1", "no licence file; research use"),
    "gwsd": ("gwsd", "gwsd", "no licence file; research use"),
    "newsmtsc": ("newsmtsc", "newsmtsc", "MIT-style (repository); news sentences"),
    "basil": ("basil", "basil", "no licence; publishers' copyright; research use"),
    "seesaw": ("seesaw", "seesaw_dev", "CC BY-NC-SA 4.0: non-commercial, share-alike"),
    "corpus": ("corpus_records", "", "written by the stance team; Apache-2.0 with the code"),
}


def load_source(name: str, data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    """Records of one source: ``load_source("gwsd", "../shared/data/gwsd", "train")``."""
    if name not in SOURCES:
        raise ValueError(f"unknown data source {name!r}; known: {sorted(SOURCES)}")
    module = importlib.import_module(f"{__name__}.{SOURCES[name][0]}")
    return module.convert(data_dir, split)


__all__ = ["SOURCES", "StanceRecord", "load_source", "read_records", "write_records"]
