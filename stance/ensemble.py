"""StanceEnsemble: several stance models of one recipe, trained from different seeds, read every pair and
their probabilities are averaged.

Models of the same recipe and data disagree on many real-news sentences (two seeds of the default recipe
differ by a few points on every dev set, and not on the same cases), so their average is steadier than
either. The ensemble is a drop-in for :class:`stance.model.StanceModel` wherever the library takes a
model: ``logits``, ``predict_proba``, ``labels``, ``encoding``, ``temperature``, ``class_bias`` and
``consistency_weight``. Its "logits" are the members' mean log-probabilities (each member after its own
temperature); the ensemble's own temperature, class bias and consistency weight are fitted on dev, like a single
model's (:func:`stance.training.calibrate`).

A saved ensemble is a folder with ``stance_config.json`` (``"format": "stance-ensemble"``, the member
folders, the calibration) and one saved :class:`~stance.model.StanceModel` per member beneath it;
:meth:`StanceModel.from_pretrained <stance.model.StanceModel.from_pretrained>` opens it too.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Sequence

import numpy as np

from .encoding import EncodingConfig
from .model import (ADAPTER_WEIGHTS_FILE, ENSEMBLE_FORMAT, FORMAT_VERSION, STANCE_CONFIG, StanceModel,
                    calibrated_probabilities, check_class_bias, halve_weights, write_calibration)


class StanceEnsemble:
    """The mean of several stance models that read pairs the same way.

    Example:
        >>> ens = StanceEnsemble([StanceModel.from_pretrained("runs/a"), StanceModel.from_pretrained("runs/b")])
        >>> ens.predict_proba([("France ; Ban cars", "« Paris » said no.")]).shape
        (1, 3)
    """

    def __init__(self, members: Sequence[StanceModel], *, temperature: float = 1.0, consistency_weight: float = 0.0,
                 card: dict | None = None, names: Sequence[str] | None = None,
                 class_bias: dict[str, float] | None = None) -> None:
        members = list(members)
        if not members:
            raise ValueError("an ensemble needs at least one member model")
        first = members[0]
        for n, m in enumerate(members[1:], 2):
            if sorted(m.labels) != sorted(first.labels):
                raise ValueError(f"member {n} has labels {m.labels}, member 1 has {first.labels}")
            if m.encoding != first.encoding:
                raise ValueError(f"member {n} builds its input as {m.encoding.to_dict()}, member 1 as "
                                 f"{first.encoding.to_dict()}: members must read the same pairs")
        self.members = members
        self.names = list(names) if names is not None else [f"member-{i}" for i in range(1, len(members) + 1)]
        if len(self.names) != len(members) or len(set(self.names)) != len(members):
            raise ValueError(f"one distinct folder name per member is needed, got {self.names}")
        self.temperature = float(temperature)
        self.consistency_weight = float(consistency_weight)
        self.class_bias = check_class_bias(class_bias, self.labels)
        self.card = card or {}

    @property
    def labels(self) -> list[str]:
        """Label names in the order of the outputs (the first member's order)."""
        return self.members[0].labels

    @property
    def encoding(self) -> EncodingConfig:
        """How pairs are built; the same for every member."""
        return self.members[0].encoding

    @property
    def max_length(self) -> int:
        return self.members[0].max_length

    @property
    def device(self) -> str:
        return self.members[0].device

    def logits(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32,
               show_progress_bar: bool = False) -> np.ndarray:
        """The members' mean log-probabilities for each pair (before the ensemble's temperature)."""
        total = np.zeros((len(pairs), len(self.labels)), dtype=np.float64)
        for member in self.members:
            probs = member.predict_proba(pairs, batch_size, show_progress_bar)
            order = [member.labels.index(label) for label in self.labels]
            total += np.log(np.clip(probs[:, order], 1e-12, 1.0))
        return (total / len(self.members)).astype(np.float32)

    def predict_proba(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32,
                      show_progress_bar: bool = False) -> np.ndarray:
        """Probabilities (rows sum to 1) in the order of :attr:`labels`, one row per pair."""
        logits = self.logits(pairs, batch_size, show_progress_bar)
        return calibrated_probabilities(logits, self.temperature, self.class_bias, self.labels)

    # ---- saving and loading ----------------------------------------------------------------
    def save_pretrained(self, path: str | Path, card_text: str | None = None, half: bool = True) -> Path:
        """Write every member under ``path/<name>/`` (float16 weights unless ``half=False``; a member loaded
        from a saved adapter has that adapter copied) and the ensemble's ``stance_config.json``; return the
        folder."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, member in zip(self.names, self.members):
            target = path / name
            if member.adapter_folder is None:
                member.save_pretrained(target, half=half)
                continue
            # loaded from a saved adapter: copy its files (re-saving would write the merged encoder in full)
            source = Path(member.adapter_folder)
            if source.resolve() != target.resolve():
                target.mkdir(parents=True, exist_ok=True)
                for file in source.iterdir():
                    if file.is_file():
                        shutil.copy2(file, target / file.name)
            if half:
                halve_weights(target / ADAPTER_WEIGHTS_FILE)
        settings = {"format": ENSEMBLE_FORMAT, "format_version": FORMAT_VERSION, "members": self.names,
                    "labels": self.labels, "temperature": self.temperature, "class_bias": self.class_bias,
                    "consistency_weight": self.consistency_weight, "card": self.card}
        (path / STANCE_CONFIG).write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
        if card_text is not None:
            (path / "README.md").write_text(card_text, encoding="utf-8")
        return path

    def save_calibration(self, path: str | Path) -> Path:
        """Write the ensemble's temperature, class bias and consistency weight into the ensemble saved at ``path``."""
        return write_calibration(path, self.temperature, self.consistency_weight, self.class_bias)

    @classmethod
    def from_pretrained(cls, path: str | Path, *, device: str | None = None,
                        trust_remote_code: bool = False) -> "StanceEnsemble":
        """Load a saved ensemble folder (see the module docstring)."""
        path = Path(path)
        file = path / STANCE_CONFIG
        if not file.is_file():
            raise FileNotFoundError(f"{path} holds no saved stance ensemble (no {STANCE_CONFIG})")
        settings = json.loads(file.read_text(encoding="utf-8"))
        if settings.get("format") != ENSEMBLE_FORMAT:
            raise ValueError(f"{path} is not a stance ensemble (format {settings.get('format')!r})")
        names = settings.get("members")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise ValueError(f"{file}: 'members' must be a non-empty list of member folder names")
        for name in names:
            if Path(name).is_absolute() or ".." in Path(name).parts:
                raise ValueError(f"{file}: member folder {name!r} must lie inside the ensemble's folder")
        members = [StanceModel.from_pretrained(path / name, device=device, trust_remote_code=trust_remote_code)
                   for name in names]
        return cls(members, temperature=float(settings.get("temperature", 1.0)),
                   consistency_weight=float(settings.get("consistency_weight", 0.0)), card=settings.get("card"),
                   names=names, class_bias=settings.get("class_bias"))
