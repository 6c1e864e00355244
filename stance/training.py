"""Fine-tuning: a dataclass config (filled from YAML), data mixing, transformers' Trainer with class
weights, LoRA or full fine-tuning, temperature scaling on dev, metrics and a generated model card."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from .data import SOURCES, load_source
from .data.augment import check_rate, negated_proposals, unrelated_proposals
from .data.records import StanceRecord
from .encoding import EncodingConfig
from .model import DEFAULT_BASE, STANCE_CONFIG, StanceModel, calibrated_probabilities
from .schema import LABELS


@dataclass
class TrainingConfig:
    """Everything a training run needs. ``sources`` maps a source name to how many training records
    to take from it (``null``: all) and ``oversample`` to how many times each is repeated."""

    base_model: str = DEFAULT_BASE
    output_dir: str = "runs/model"
    data_root: str = "../shared/data"
    corpus_dir: str = "corpus"
    sources: dict[str, int | None] = field(default_factory=lambda: {"corpus": None})
    oversample: dict[str, int] = field(default_factory=dict)
    # training-time copies that make the proposal matter (stance.data.augment): the share of each source's
    # polar records copied with the proposal negated and the label flipped, and the share of its records
    # copied with another document's proposal, labelled neutral
    negated_proposals: float = 0.0
    unrelated_proposals: float = 0.0
    eval_sources: list[str] = field(default_factory=lambda: ["corpus"])
    calibration_sources: list[str] = field(default_factory=lambda: ["corpus"])
    max_eval_records: int = 2000
    method: str = "lora"  # "lora" or "full"
    pooling: str = "cls"  # "cls" (the base's own classifier) or "mention" (stance.pooling)
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.1
    # a list of module names, or one regular expression over the full module names
    lora_target_modules: list[str] | str = field(default_factory=lambda: ["query", "key", "value", "dense"])
    lora_modules_to_save: list[str] = field(default_factory=lambda: ["classifier"])
    epochs: float = 3.0
    max_steps: int = -1
    learning_rate: float = 5e-4
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    batch_size: int = 32
    eval_batch_size: int = 64
    max_length: int = 160
    context_before: int = 1
    mark_mention: bool = True
    mark_proposal: bool = False
    class_balance: bool = True
    calibrate: bool = True
    # with calibrate: fit a bias per label beside the temperature (bias-corrected temperature scaling); false fits
    # the temperature alone
    calibrate_class_bias: bool = True
    # with calibrate: fit a tone weight (stance.tone: the actor's tone, read with an unrelated proposal, taken out
    # of each decision; a second model pass at inference); false stores 0 (off)
    calibrate_tone: bool = False
    seed: int = 13
    # more than one seed: train one model per seed (in output_dir/seed-<n>) and save their ensemble
    # (stance.ensemble) in output_dir; a member folder that already holds a trained model is reused
    seeds: list[int] = field(default_factory=list)
    num_threads: int = 0  # 0: torch's default
    # store the trained weights in float16 (half the size on disk; read back in float32)
    half_precision: bool = False
    # > 0: keep a checkpoint every that many steps in output_dir/checkpoints (the latest only), and when run again
    # after an interruption, resume from it (weights, optimizer, schedule, data order); removed once training ends
    save_steps: int = 0
    # distillation: a saved model or ensemble folder whose probabilities on each training pair are a second
    # target; the loss is (1 - distill_weight) x the gold labels' cross-entropy + distill_weight x the
    # cross-entropy against the teacher's probabilities (after its own temperature)
    teacher: str | None = None
    distill_weight: float = 0.5
    # a .npz file that keeps the teacher's probabilities: read back when it holds this teacher's scores (a resumed
    # run, another student, another machine: no teacher pass), written after the teacher scores what it lacks
    teacher_scores: str | None = None
    # a saved model folder to start from instead of the bare base (training on from where it stopped, with a
    # schedule of its own): its LoRA adapter and head (method lora; the adapter keeps its own r and modules) or
    # its full weights (method full); it must have this config's base, pooling, labels and encoding
    init_from: str | None = None

    @classmethod
    def from_yaml(cls, path: str | Path, overrides: Iterable[str] = ()) -> "TrainingConfig":
        """Read a YAML config and apply ``key=value`` overrides (values parsed as YAML).

        A config may start with ``extends: other.yaml`` (a path relative to its own folder): it takes every field
        of that config and sets its own over them, a top-level field at a time (a mapping is replaced whole).

        Example:
            >>> config = TrainingConfig.from_yaml("configs/default.yaml", ["epochs=2"])
        """
        import yaml

        data = _read_config_file(Path(path))
        for item in overrides:
            if "=" not in item:
                raise ValueError(f"override {item!r} must look like key=value")
            key, value = item.split("=", 1)
            data[key.strip()] = yaml.safe_load(value)
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TrainingConfig":
        types = {f.name: f.type for f in dataclasses.fields(cls)}
        names = set(types)
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"unknown config fields {unknown}; known: {sorted(names)}")
        config = cls(**{name: _as_declared_type(name, value, types[name]) for name, value in data.items()})
        config.validate()
        return config

    def validate(self) -> None:
        if self.method not in ("lora", "full"):
            raise ValueError(f"method must be 'lora' or 'full', got {self.method!r}")
        if self.pooling not in ("cls", "mention"):
            raise ValueError(f"pooling must be 'cls' or 'mention', got {self.pooling!r}")
        for name in list(self.sources) + list(self.eval_sources):
            if name not in SOURCES:
                raise ValueError(f"unknown data source {name!r}; known: {sorted(SOURCES)}")
        for name in ("negated_proposals", "unrelated_proposals"):
            check_rate(getattr(self, name), name)
        if len(set(self.seeds)) != len(self.seeds) or not all(isinstance(x, int) for x in self.seeds):
            raise ValueError(f"seeds must be distinct integers, got {self.seeds}")
        if not 0.0 <= self.distill_weight <= 1.0:
            raise ValueError(f"distill_weight must be between 0 and 1, got {self.distill_weight}")
        if self.teacher is not None and not (Path(self.teacher) / STANCE_CONFIG).is_file():
            raise ValueError(f"teacher {self.teacher!r} is not a saved stance model or ensemble folder")
        if self.teacher_scores is not None and (self.teacher is None or not self.teacher_scores.endswith(".npz")):
            raise ValueError(f"teacher_scores must be a .npz file and needs a teacher, got {self.teacher_scores!r} "
                             f"with teacher {self.teacher!r}")
        if self.save_steps < 0:
            raise ValueError(f"save_steps must be 0 (no checkpoints) or positive, got {self.save_steps}")
        if self.epochs <= 0 and self.max_steps <= 0:
            raise ValueError("epochs or max_steps must be positive")

    def encoding(self) -> EncodingConfig:
        return EncodingConfig(context_before=self.context_before, mark_mention=self.mark_mention,
                              mark_proposal=self.mark_proposal)

    def source_dir(self, name: str) -> Path:
        return Path(self.corpus_dir) if name == "corpus" else Path(self.data_root) / SOURCES[name][1]


def _read_config_file(path: Path, extended_by: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The fields of one YAML config, those of the config it ``extends`` first."""
    import yaml

    if path.resolve() in extended_by:
        raise ValueError(f"{path}: configs extend each other in a circle")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a config must be a mapping of field: value")
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ValueError(f"{path}: 'extends' must be the path of another config, got {parent!r}")
    parent_path = path.parent / parent
    if not parent_path.is_file():
        raise FileNotFoundError(f"{path}: extends {parent}, but there is no config at {parent_path}")
    return {**_read_config_file(parent_path, extended_by + (path.resolve(),)), **data}


def _as_declared_type(name: str, value: Any, declared: Any) -> Any:
    """A number field's value as that number: YAML reads ``5e-5`` (no dot) as a string, and an int where a
    float is meant is fine. Anything else that is not a number is refused with the field's name."""
    declared = declared if isinstance(declared, str) else getattr(declared, "__name__", "")
    if declared not in ("float", "int") or value is None:
        return value
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ValueError(f"{name} must be a number, got {value!r}") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if declared == "int":
        if value != int(value):
            raise ValueError(f"{name} must be a whole number, got {value!r}")
        return int(value)
    return float(value)


def load_training_data(config: TrainingConfig, split: str = "train") -> dict[str, list[StanceRecord]]:
    """Records per source for ``split``; training sources are capped (a seeded sample), given their
    augmented copies (``negated_proposals``, ``unrelated_proposals``) and oversampled."""
    rng = random.Random(config.seed)
    out: dict[str, list[StanceRecord]] = {}
    names = config.sources if split == "train" else config.eval_sources
    for name in names:
        directory = config.source_dir(name)
        if not directory.exists():
            raise FileNotFoundError(f"data for source {name!r} not found at {directory}")
        records = list(load_source(name, directory, split))
        cap = config.sources.get(name) if split == "train" else config.max_eval_records
        if cap is not None and len(records) > cap:
            records = rng.sample(records, cap)
        if split == "train":
            records = records + negated_proposals(records, config.negated_proposals, rng) \
                + unrelated_proposals(records, config.unrelated_proposals, rng)
            records = records * max(1, int(config.oversample.get(name, 1)))
        out[name] = records
    return out


def load_calibration_records(config: TrainingConfig) -> list[StanceRecord]:
    """Every dev record of ``config.calibration_sources``, uncapped: the consistency weight needs whole
    documents, not a sample of their sentences."""
    records: list[StanceRecord] = []
    for name in config.calibration_sources:
        directory = config.source_dir(name)
        if not directory.exists():
            raise FileNotFoundError(f"data for calibration source {name!r} not found at {directory}")
        records.extend(load_source(name, directory, "dev"))
    return records


def train(config: TrainingConfig, log: Any = print) -> tuple[StanceModel, dict[str, Any]]:
    """Fine-tune a model as ``config`` says, save it to ``config.output_dir``, return it with its metrics.
    With several ``config.seeds``, train one model per seed and return their ensemble (:func:`train_ensemble`)."""
    if len(config.seeds) > 1:
        return train_ensemble(config, log)
    if config.seeds:
        config = dataclasses.replace(config, seed=config.seeds[0], seeds=[])
    import torch
    from datasets import Dataset
    from transformers import Trainer, TrainingArguments, set_seed

    from .card import render_model_card
    from .evaluation import evaluate_records

    config.validate()
    set_seed(config.seed)
    if config.num_threads:
        torch.set_num_threads(config.num_threads)
    started = time.time()
    train_sets = load_training_data(config, "train")
    dev_sets = load_training_data(config, "dev")
    train_records = [r for rs in train_sets.values() for r in rs]
    if not train_records:
        raise ValueError("no training records: check 'sources' and the data folders")
    log(f"training records: { {k: len(v) for k, v in train_sets.items()} }")
    if config.init_from:
        model = _model_to_continue(config)
        log(f"starting from {config.init_from}")
    else:
        model = StanceModel.from_base(config.base_model, LABELS, encoding=config.encoding(),
                                      max_length=config.max_length, pooling=config.pooling)
    if config.method == "lora" and not config.init_from:
        from peft import LoraConfig, TaskType, get_peft_model

        # the mention-pooling head is a plain torch module: peft wraps it without a task type
        task_type = TaskType.SEQ_CLS if config.pooling == "cls" else None
        lora = LoraConfig(task_type=task_type, r=config.lora_r, lora_alpha=config.lora_alpha,
                          lora_dropout=config.lora_dropout, modules_to_save=list(config.lora_modules_to_save),
                          target_modules=(config.lora_target_modules if isinstance(config.lora_target_modules, str)
                                          else list(config.lora_target_modules)))
        model.model = get_peft_model(model.model, lora)
    label2id = {l: i for i, l in enumerate(model.labels)}
    dataset = _tokenized(model, train_records, label2id, Dataset)
    if config.teacher:
        dataset = dataset.add_column("teacher_probs", teacher_probabilities(
            config.teacher, train_records, model.labels, config.eval_batch_size, log,
            scores_file=config.teacher_scores).tolist())
    weights = None
    if config.class_balance:
        counts = np.bincount([label2id[r.label] for r in train_records], minlength=len(label2id)).astype(float)
        weights = torch.tensor(counts.sum() / (len(counts) * np.maximum(counts, 1)), dtype=torch.float32)
        log(f"class weights: {dict(zip(model.labels, weights.round(decimals=3).tolist()))}")
    checkpoints = Path(config.output_dir) / "checkpoints"
    args = TrainingArguments(
        output_dir=str(checkpoints), num_train_epochs=config.epochs,
        max_steps=config.max_steps, learning_rate=config.learning_rate, weight_decay=config.weight_decay,
        warmup_steps=config.warmup_ratio, per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=config.eval_batch_size, eval_strategy="no", report_to=[],
        save_strategy="steps" if config.save_steps > 0 else "no", save_steps=max(config.save_steps, 1), save_total_limit=1,
        logging_steps=20, seed=config.seed, disable_tqdm=True, dataloader_num_workers=0, train_sampling_strategy="group_by_length",
        remove_unused_columns=False,
        use_cpu=not torch.cuda.is_available())
    trainer = _make_weighted_trainer()(model=model.model, args=args, train_dataset=dataset,
                               data_collator=_Collator(model.tokenizer), class_weights=weights,
                               distill_weight=config.distill_weight if config.teacher else 0.0)
    trainer.add_callback(_make_log_callback()(log))
    from transformers.trainer_utils import get_last_checkpoint

    resume = get_last_checkpoint(str(checkpoints)) if config.save_steps > 0 and checkpoints.is_dir() else None
    if resume:
        log(f"resuming from {resume}")
    trainer.train(resume_from_checkpoint=resume)
    model.model.eval()
    model.device = str(next(model.model.parameters()).device)
    # calibration and metrics on dev (never on test)
    metrics: dict[str, Any] = {"config": dataclasses.asdict(config), "train_records": {k: len(v) for k, v in train_sets.items()},
                               "dev": {}}
    if config.calibrate and config.calibration_sources:
        calibration = load_calibration_records(config)
        fitted = calibrate(model, calibration, config.eval_batch_size, config.calibrate_class_bias,
                           config.calibrate_tone)
        log(f"calibration on {len(calibration)} dev records: {fitted}")
    for name, records in dev_sets.items():
        if records:
            metrics["dev"][name] = evaluate_records(model, records, config.eval_batch_size)
            log(f"dev {name}: macro-F1 {metrics['dev'][name]['macro_f1']} (n={len(records)})")
    metrics["temperature"] = model.temperature
    metrics["class_bias"] = model.class_bias
    metrics["tone_weight"] = model.tone_weight
    metrics["consistency_weight"] = model.consistency_weight
    metrics["train_seconds"] = round(time.time() - started, 1)
    model.card = {"train_records": metrics["train_records"], "dev": {k: {"macro_f1": v["macro_f1"], "n": v["n"]}
                                                                        for k, v in metrics["dev"].items()}}
    out = Path(config.output_dir)
    model.save_pretrained(out, card_text=render_model_card(config, metrics), half=config.half_precision)
    (out / "training_metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    if checkpoints.is_dir() and (config.save_steps > 0 or not any(checkpoints.iterdir())):
        shutil.rmtree(checkpoints)  # the run is done: its checkpoints only served to resume it
    log(f"saved to {out} in {metrics['train_seconds']} s")
    return model, metrics


def _model_to_continue(config: TrainingConfig) -> StanceModel:
    """The saved model ``config.init_from`` made ready for more training: with method lora its adapter stays an
    adapter (trainable again) over the base; with method full the model is loaded whole (an adapter merged in)."""
    from .model import ENSEMBLE_FORMAT, _read_stance_config

    path = config.init_from
    if not Path(path).is_dir():
        raise FileNotFoundError(f"init_from: no saved model folder at {path}")
    settings = _read_stance_config(path)
    if settings.get("format") == ENSEMBLE_FORMAT:
        raise ValueError(f"init_from: {path} is an ensemble; continue one of its members "
                         f"({', '.join(settings.get('members', []))}) instead, each from its own folder")
    expected = {"base_model": config.base_model, "pooling": config.pooling, "labels": list(LABELS),
                "encoding": config.encoding().to_dict()}
    found = {"base_model": settings.get("base_model"), "pooling": settings.get("pooling", "cls"),
             "labels": settings.get("labels"), "encoding": settings.get("encoding")}
    mismatched = [f"{key}: the config says {expected[key]!r}, {path} has {found[key]!r}"
                  for key in expected if expected[key] != found[key]]
    if mismatched:
        raise ValueError("init_from does not fit this config; " + "; ".join(mismatched))
    if config.method == "full":
        model = StanceModel.from_pretrained(path)
        model.max_length = config.max_length
        model.model.train()
        return model
    if not settings.get("adapter"):
        raise ValueError(f"init_from: {path} holds full weights, not a LoRA adapter; use method: full to continue it")
    from peft import PeftModel

    model = StanceModel.from_base(config.base_model, LABELS, encoding=config.encoding(), max_length=config.max_length,
                                  pooling=config.pooling)
    model.model = PeftModel.from_pretrained(model.model, path, is_trainable=True)
    return model


def train_ensemble(config: TrainingConfig, log: Any = print) -> tuple[Any, dict[str, Any]]:
    """Train one model per seed of ``config.seeds`` into ``output_dir/seed-<n>`` (reusing a member already
    trained there), then fit the ensemble's temperature and consistency weight on dev, score it on dev and
    save it, members in float16, in ``output_dir``.

    Example:
        >>> ensemble, metrics = train_ensemble(TrainingConfig.from_yaml("configs/default.yaml"))
    """
    from .card import render_model_card
    from .ensemble import StanceEnsemble
    from .evaluation import evaluate_records

    config.validate()
    if len(config.seeds) < 2:
        raise ValueError(f"an ensemble needs at least two seeds, got {config.seeds}")
    started = time.time()
    out = Path(config.output_dir)
    names = [f"seed-{seed}" for seed in config.seeds]
    members, member_metrics = [], {}
    for seed, name in zip(config.seeds, names):
        folder = out / name
        if (folder / "training_metrics.json").is_file():
            log(f"{name}: already trained in {folder}, reused")
            members.append(StanceModel.from_pretrained(folder))
            member_metrics[name] = json.loads((folder / "training_metrics.json").read_text(encoding="utf-8"))
        else:
            member, member_metrics[name] = train(dataclasses.replace(config, seed=seed, seeds=[],
                                                                     output_dir=str(folder)), log)
            members.append(member)
    ensemble = StanceEnsemble(members, names=names)
    if config.calibrate and config.calibration_sources:
        # with calibrate_tone each member carries its own tone weight
        fitted = calibrate(ensemble, load_calibration_records(config), config.eval_batch_size,
                           config.calibrate_class_bias)
        log(f"ensemble calibration: {fitted}")
    first = member_metrics[names[0]]
    metrics: dict[str, Any] = {"config": dataclasses.asdict(config), "train_records": first["train_records"],
                               "dev": {}, "members": {n: {"dev": m["dev"], "train_seconds": m["train_seconds"]}
                                                      for n, m in member_metrics.items()}}
    for name, records in load_training_data(config, "dev").items():
        if records:
            metrics["dev"][name] = evaluate_records(ensemble, records, config.eval_batch_size)
            log(f"ensemble dev {name}: macro-F1 {metrics['dev'][name]['macro_f1']} (n={len(records)})")
    metrics["temperature"] = ensemble.temperature
    metrics["class_bias"] = ensemble.class_bias
    metrics["consistency_weight"] = ensemble.consistency_weight
    metrics["train_seconds"] = round(sum(m["train_seconds"] for m in member_metrics.values())
                                     + time.time() - started, 1)
    ensemble.card = {"train_records": metrics["train_records"], "members": names,
                     "dev": {k: {"macro_f1": v["macro_f1"], "n": v["n"]} for k, v in metrics["dev"].items()}}
    rows = ["## Ensemble", "",
            f"The mean of {len(names)} models of this recipe, trained with seeds {', '.join(map(str, config.seeds))} "
            "(folders " + ", ".join(f"`{n}/`" for n in names) + ", float16 weights); each reads every pair and "
            "their log-probabilities are averaged (`stance.ensemble`). The training records above are the first "
            "member's (each seed draws its own sample of the capped sources). Members' own dev macro-F1:", "",
            "| member | " + " | ".join(metrics["dev"]) + " |", "|---|" + "---|" * len(metrics["dev"])]
    for name, m in member_metrics.items():
        rows.append(f"| {name} | " + " | ".join(f"{m['dev'][k]['macro_f1']:.3f}" if k in m["dev"] else "-"
                                                 for k in metrics["dev"]) + " |")
    ensemble.save_pretrained(out, card_text=render_model_card(config, metrics, "\n".join(rows)),
                             half=config.half_precision)
    (out / "training_metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    log(f"ensemble of {names} saved to {out}")
    return ensemble, metrics


def calibrate(model: StanceModel, records: Sequence[StanceRecord], batch_size: int = 64,
              class_bias: bool = True, tone: bool = False) -> dict[str, Any]:
    """Fit ``model``'s temperature (and, with ``class_bias``, a bias per label beside it), then, with ``tone``,
    its tone weight (:mod:`stance.tone`; else it is set to 0), then its consistency weight
    (:mod:`stance.consistency`), on dev ``records``, in place; the consistency weight from the records that
    name their ``document`` (0 if none do). Each step is fitted on the output of the ones before it.

    Example:
        >>> calibrate(model, load_calibration_records(config), tone=True)
        {'temperature': 1.21, 'class_bias': {'support': -0.1, 'oppose': 0.02, 'neutral': 0.08}, 'tone_weight': 0.15,
         'consistency_weight': 0.5}
    """
    from .consistency import fit_consistency_weight
    from .evaluation import fit_temperature, fit_temperature_and_bias
    from .tone import fit_tone_weight, remove_tone, tone_pairs

    if not records:
        raise ValueError("calibration needs at least one dev record")
    label2id = {l: i for i, l in enumerate(model.labels)}
    y = np.array([label2id[r.label] for r in records])
    pairs = [r.to_pair(model.encoding) for r in records]
    logits = model.logits(pairs, batch_size)
    if class_bias:
        model.temperature, bias = fit_temperature_and_bias(logits, y)
        model.class_bias = {label: float(b) for label, b in zip(model.labels, bias)}
    else:
        model.temperature, model.class_bias = fit_temperature(logits, y), {}
    probs = calibrated_probabilities(logits, model.temperature, model.class_bias, model.labels)
    fitted: dict[str, Any] = {"temperature": model.temperature, "class_bias": model.class_bias}
    if isinstance(model, StanceModel):
        model.tone_weight = 0.0
        if tone:
            tone_logits = model.logits(tone_pairs(pairs), batch_size)
            model.tone_weight = fit_tone_weight(probs, tone_logits, y, model.labels, model.temperature)
            probs = remove_tone(probs, tone_logits, model.labels, model.tone_weight, model.temperature)
        fitted["tone_weight"] = model.tone_weight
    elif tone:
        raise ValueError("the tone weight is fitted per model, not for an ensemble: calibrate its members")
    in_documents = [i for i, r in enumerate(records) if r.document]
    if in_documents:
        groups = [(records[i].source, records[i].document, records[i].proposal, records[i].actor) for i in in_documents]
        model.consistency_weight = fit_consistency_weight(probs[in_documents], groups, y[in_documents], model.labels)
    else:
        model.consistency_weight = 0.0
    fitted["consistency_weight"] = model.consistency_weight
    return fitted


def teacher_probabilities(teacher: str | Path, records: Sequence[StanceRecord], labels: Sequence[str],
                          batch_size: int = 64, log: Any = print,
                          scores_file: str | Path | None = None) -> np.ndarray:
    """The probabilities a saved model or ensemble (``teacher``) gives each record's pair, columns in
    ``labels`` order; each distinct pair is scored once (oversampled records repeat).

    With ``scores_file`` (a ``.npz``), the pairs this same teacher already scored there are read back instead of
    scored again, and new scores are added to it: a resumed run, another student or another machine (the file is
    small; the teacher's base need not be there when every pair is in it) skips the teacher's pass. A file written
    by another teacher, or by this one before its weights or settings changed, is refused.

    Example:
        >>> teacher_probabilities("models/default", records, ["support", "oppose", "neutral"]).shape
        (len(records), 3)
    """
    fingerprint = _teacher_fingerprint(teacher) if scores_file is not None else ""
    teacher_model = None
    if scores_file is not None and Path(scores_file).is_file():
        encoding, teacher_labels, known = _read_teacher_scores(Path(scores_file), fingerprint, teacher)
    else:
        teacher_model = StanceModel.from_pretrained(teacher)
        encoding, teacher_labels, known = teacher_model.encoding, list(teacher_model.labels), {}
    if sorted(teacher_labels) != sorted(labels):
        raise ValueError(f"teacher {teacher} has labels {teacher_labels}, the student {list(labels)}")
    pairs = [r.to_pair(encoding) for r in records]
    keys = [_pair_key(p) for p in pairs]
    # the distinct pairs not yet scored, shortest first (so every chunk pads as little as one pass would)
    todo = sorted({k: p for p, k in zip(pairs, keys) if k not in known}.items(),
                  key=lambda item: len(item[1][0]) + len(item[1][1]))
    if todo:
        if teacher_model is None:
            teacher_model = StanceModel.from_pretrained(teacher)
        started = time.time()
        # with a scores file, score in chunks and keep each one: a run stopped during the teacher's pass keeps
        # what it scored
        step = _TEACHER_CHUNK if scores_file is not None else len(todo)
        for start in range(0, len(todo), step):
            chunk = todo[start:start + step]
            probs = teacher_model.predict_proba([pair for _, pair in chunk], batch_size)
            known.update((key, probs[i]) for i, (key, _) in enumerate(chunk))
            if scores_file is not None:
                _write_teacher_scores(Path(scores_file), fingerprint, encoding, teacher_labels, known)
                log(f"teacher {teacher}: {start + len(chunk)} of {len(todo)} pairs scored in "
                    f"{time.time() - started:.0f} s, {len(known)} kept in {scores_file}")
        log(f"teacher {teacher}: {len(todo)} distinct pairs scored in {time.time() - started:.0f} s")
    else:
        log(f"teacher {teacher}: all {len(set(keys))} distinct pairs read from {scores_file}")
    order = [teacher_labels.index(label) for label in labels]
    return np.stack([known[k][order] for k in keys]).astype(np.float32)


_TEACHER_CHUNK = 2048  # pairs the teacher scores between two writes of its scores file


def _teacher_fingerprint(teacher: str | Path) -> str:
    """A hash of what makes the teacher's probabilities: its settings and every weights file in its folder."""
    root = Path(teacher)
    digest = hashlib.sha256()
    for file in sorted(root.rglob("*")):
        if file.is_file() and (file.name == STANCE_CONFIG or file.suffix == ".safetensors"):
            digest.update(file.relative_to(root).as_posix().encode("utf-8") + b"\0")
            with file.open("rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


def _pair_key(pair: tuple[str, str]) -> str:
    return hashlib.blake2b(f"{pair[0]}\x1f{pair[1]}".encode("utf-8"), digest_size=16).hexdigest()


def _read_teacher_scores(path: Path, fingerprint: str, teacher: str | Path
                         ) -> tuple[EncodingConfig, list[str], dict[str, np.ndarray]]:
    try:
        with np.load(path, allow_pickle=False) as data:
            stored = str(data["fingerprint"])
            encoding = EncodingConfig.from_dict(json.loads(str(data["encoding"])))
            labels = [str(x) for x in data["labels"]]
            keys, probs = data["keys"], data["probs"]
    except (OSError, KeyError, ValueError) as error:
        raise ValueError(f"teacher_scores {path} is not a file of teacher scores ({error}); delete it") from error
    if stored != fingerprint:
        raise ValueError(f"teacher_scores {path} holds another teacher's scores (or {teacher}'s before its weights "
                         "or settings changed): delete it, or set teacher_scores to another file")
    if probs.shape != (len(keys), len(labels)):
        raise ValueError(f"teacher_scores {path}: {probs.shape} probabilities for {len(keys)} pairs and "
                         f"{len(labels)} labels; delete it")
    return encoding, labels, {str(k): p for k, p in zip(keys, probs)}


def _write_teacher_scores(path: Path, fingerprint: str, encoding: EncodingConfig, labels: Sequence[str],
                          scores: dict[str, np.ndarray]) -> None:
    """Write the scores to ``path`` whole or not at all (a file beside it, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial.npz")
    np.savez_compressed(partial, fingerprint=np.array(fingerprint), encoding=np.array(json.dumps(encoding.to_dict())),
                        labels=np.array(list(labels)), keys=np.array(list(scores)),
                        probs=np.stack(list(scores.values())).astype(np.float32))
    os.replace(partial, path)


def _tokenized(model: StanceModel, records: list[StanceRecord], label2id: dict[str, int], dataset_cls: Any) -> Any:
    pairs = [r.to_pair(model.encoding) for r in records]
    ds = dataset_cls.from_dict({"first": [p[0] for p in pairs], "second": [p[1] for p in pairs],
                                "labels": [label2id[r.label] for r in records]})

    def encode(batch: dict) -> dict:
        return model.tokenizer(batch["first"], batch["second"], truncation="only_second", max_length=model.max_length)

    return ds.map(encode, batched=True, remove_columns=["first", "second"])


class _Collator:
    """Pads each batch to its own longest item."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, features: list[dict]) -> dict:
        import torch

        soft = [f.pop("teacher_probs") for f in features if "teacher_probs" in f]
        batch = self.tokenizer.pad(features, padding=True, return_tensors="pt")
        if soft:
            batch["teacher_probs"] = torch.tensor(soft, dtype=torch.float32)
        return batch


def _make_weighted_trainer() -> type:
    from transformers import Trainer

    class WeightedTrainer(Trainer):
        def __init__(self, *args: Any, class_weights: Any = None, distill_weight: float = 0.0, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.class_weights = class_weights
            self.distill_weight = distill_weight

        def compute_loss(self, model: Any, inputs: dict, return_outputs: bool = False, **kwargs: Any) -> Any:
            import torch

            labels = inputs.pop("labels")
            soft = inputs.pop("teacher_probs", None)
            outputs = model(**inputs)
            weight = self.class_weights.to(outputs.logits.device) if self.class_weights is not None else None
            loss = torch.nn.functional.cross_entropy(outputs.logits, labels, weight=weight)
            if soft is not None and self.distill_weight > 0:
                soft_loss = torch.nn.functional.cross_entropy(outputs.logits, soft.to(outputs.logits.device))
                loss = (1 - self.distill_weight) * loss + self.distill_weight * soft_loss
            return (loss, outputs) if return_outputs else loss

    return WeightedTrainer


def _make_log_callback() -> type:
    from transformers import TrainerCallback

    class LogCallback(TrainerCallback):
        def __init__(self, log: Any) -> None:
            self.log = log

        def on_log(self, args: Any, state: Any, control: Any, logs: dict | None = None, **kwargs: Any) -> None:
            if logs and "loss" in logs:
                self.log(f"step {state.global_step}/{state.max_steps} loss {logs['loss']:.4f}")

    return LogCallback
