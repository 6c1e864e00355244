import json

import numpy as np
import pytest

from stance.ensemble import StanceEnsemble
from stance.model import StanceModel
from stance.training import TrainingConfig, load_calibration_records, load_training_data, train
from conftest import ROOT


def test_config_from_yaml_with_overrides(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("method: full\nepochs: 1\nsources: {corpus: 10}\n", encoding="utf-8")
    cfg = TrainingConfig.from_yaml(path, ["learning_rate=0.01", "sources={corpus: 5}"])
    assert cfg.method == "full" and cfg.learning_rate == 0.01 and cfg.sources == {"corpus": 5}


def test_a_config_extends_another_and_sets_its_own_fields_over_it(tmp_path):
    (tmp_path / "first.yaml").write_text("method: full\nepochs: 3\nsources: {corpus: 10, gwsd: 5}\nseed: 1\n")
    (tmp_path / "stage").mkdir()
    (tmp_path / "stage" / "second.yaml").write_text("extends: ../first.yaml\nepochs: 1\nsources: {corpus: 4}\n")
    cfg = TrainingConfig.from_yaml(tmp_path / "stage" / "second.yaml", ["seed=2"])
    assert (cfg.method, cfg.epochs, cfg.sources, cfg.seed) == ("full", 1.0, {"corpus": 4}, 2)
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n")
    with pytest.raises(ValueError, match="circle"):
        TrainingConfig.from_yaml(tmp_path / "a.yaml")
    (tmp_path / "lost.yaml").write_text("extends: nowhere.yaml\n")
    with pytest.raises(FileNotFoundError, match="nowhere.yaml"):
        TrainingConfig.from_yaml(tmp_path / "lost.yaml")


def test_numbers_written_without_a_dot_are_numbers(tmp_path):
    # YAML reads 5e-5 as a string; the README's own example override is written that way
    path = tmp_path / "c.yaml"
    path.write_text("learning_rate: 5e-5\nepochs: 2\n", encoding="utf-8")
    cfg = TrainingConfig.from_yaml(path, ["warmup_ratio=1e-1", "max_steps=300.0"])
    assert cfg.learning_rate == 5e-5 and isinstance(cfg.learning_rate, float)
    assert cfg.warmup_ratio == 0.1 and cfg.max_steps == 300 and isinstance(cfg.max_steps, int)
    assert cfg.epochs == 2.0 and isinstance(cfg.epochs, float)


@pytest.mark.parametrize("text, message", [("nonsense_field: 1\n", "unknown config fields"),
                                           ("method: magic\n", "method"),
                                           ("pooling: max\n", "pooling"),
                                           ("sources: {nowhere: 3}\n", "unknown data source"),
                                           ("learning_rate: fast\n", "learning_rate must be a number"),
                                           ("max_steps: 2.5\n", "max_steps must be a whole number"),
                                           ("batch_size: true\n", "batch_size must be a number")])
def test_bad_configs_are_refused(tmp_path, text, message):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        TrainingConfig.from_yaml(path)


def test_shipped_configs_parse():
    names = sorted(p.name for p in (ROOT / "configs").glob("*.yaml"))
    assert {"smoke.yaml", "default.yaml"} <= set(names)
    for name in names:
        TrainingConfig.from_yaml(ROOT / "configs" / name)


def test_training_data_is_capped_and_oversampled():
    cfg = TrainingConfig(corpus_dir=str(ROOT / "corpus"), sources={"corpus": 20}, oversample={"corpus": 3})
    data = load_training_data(cfg, "train")
    assert len(data["corpus"]) == 60
    dev = load_training_data(cfg, "dev")
    train_props = {r.proposal for r in load_training_data(TrainingConfig(corpus_dir=str(ROOT / "corpus")), "train")["corpus"]}
    assert train_props.isdisjoint({r.proposal for r in dev["corpus"]})


@pytest.mark.parametrize("method, pooling, half", [("lora", "cls", False), ("full", "cls", False),
                                                   ("lora", "mention", True), ("full", "mention", False)])
def test_a_short_training_run_saves_a_loadable_model(tiny_base_dir, tmp_path, method, pooling, half):
    from stance import StanceDetector

    to_save = ["classifier"] if pooling == "cls" else ["head"]
    cfg = TrainingConfig(base_model=str(tiny_base_dir), output_dir=str(tmp_path / "m"), corpus_dir=str(ROOT / "corpus"),
                         sources={"corpus": 24}, eval_sources=["corpus"], max_eval_records=16, method=method,
                         pooling=pooling, lora_target_modules=["query", "value"], lora_modules_to_save=to_save,
                         max_steps=3, batch_size=8, max_length=64, half_precision=half)
    model, metrics = train(cfg, log=lambda *a: None)
    out = tmp_path / "m"
    from safetensors import safe_open

    weights = out / ("adapter_model.safetensors" if method == "lora" else "model.safetensors")
    with safe_open(str(weights), "pt") as fh:
        dtypes = {str(fh.get_tensor(k).dtype) for k in fh.keys()}
    assert dtypes == ({"torch.float16"} if half else {"torch.float32"})
    assert (out / "stance_config.json").exists() and (out / "README.md").exists()
    assert ((out / "adapter_model.safetensors").exists()) == (method == "lora")
    saved = json.loads((out / "training_metrics.json").read_text())
    assert saved["train_records"] == {"corpus": 24} and "corpus" in saved["dev"]
    assert 0.0 <= saved["dev"]["corpus"]["macro_f1"] <= 1.0
    assert "corpus" in (out / "README.md").read_text()
    assert json.loads((out / "stance_config.json").read_text())["pooling"] == pooling
    det = StanceDetector.from_pretrained(out, device="cpu", use_ner=False)
    assert det.model.pooling == pooling
    pairs = [("France ; A plan", "« Paris » rejected the plan."), ("France ; A plan", "Nobody said anything.")]
    import numpy as np

    np.testing.assert_allclose(det.model.predict_proba(pairs), model.predict_proba(pairs), atol=1e-2 if half else 1e-5)
    res = det.predict("Paris rejected the plan.", proposal="A plan", actors=["France"])
    assert res.actors[0].actor == "France"
    # calibration ran on every corpus dev record (whole documents), and its results travel with the model
    assert saved["temperature"] == det.model.temperature and saved["consistency_weight"] == det.model.consistency_weight
    assert saved["class_bias"] == det.model.class_bias and set(det.model.class_bias) == set(det.model.labels)
    assert 0.0 <= det.model.consistency_weight <= 2.0


def test_calibrate_fits_the_consistency_weight_on_records_with_documents(tiny_model_dir):
    from stance.data.records import StanceRecord
    from stance.model import StanceModel
    from stance.training import calibrate

    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    cfg = TrainingConfig(corpus_dir=str(ROOT / "corpus"), calibration_sources=["corpus"], max_eval_records=100)
    records = load_calibration_records(cfg)
    assert len(records) > cfg.max_eval_records and all(r.document for r in records)  # whole documents
    fitted = calibrate(model, records[:80], batch_size=16)
    assert fitted == {"temperature": model.temperature, "class_bias": model.class_bias, "tone_weight": 0.0,
                      "consistency_weight": model.consistency_weight}
    assert set(model.class_bias) == set(model.labels) and sum(model.class_bias.values()) == pytest.approx(0.0, abs=1e-3)
    assert calibrate(model, records[:80], batch_size=16, class_bias=False)["class_bias"] == {} == model.class_bias
    loose = [StanceRecord(r.proposal, r.actor, r.sentences, r.sentence_index, r.label, r.mention) for r in records[:80]]
    model.consistency_weight = 1.0
    assert calibrate(model, loose, batch_size=16)["consistency_weight"] == 0.0  # no documents: nothing to fit
    with pytest.raises(ValueError, match="at least one"):
        calibrate(model, [])


def test_calibrate_fits_a_tone_weight_and_the_consistency_weight_after_it(tiny_model_dir, monkeypatch):
    from stance import tone
    from stance.model import StanceModel
    from stance.training import calibrate

    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    records = load_calibration_records(TrainingConfig(corpus_dir=str(ROOT / "corpus"), calibration_sources=["corpus"]))
    seen = {}

    def fake_fit(probs, tone_logits, y, labels, temperature):
        seen["tone_rows"] = len(tone_logits)
        return 0.35

    monkeypatch.setattr(tone, "fit_tone_weight", fake_fit)
    fitted = calibrate(model, records[:60], batch_size=16, tone=True)
    assert seen["tone_rows"] == 60 and fitted["tone_weight"] == 0.35 == model.tone_weight
    assert list(fitted) == ["temperature", "class_bias", "tone_weight", "consistency_weight"]
    assert calibrate(model, records[:60], batch_size=16)["tone_weight"] == 0.0 == model.tone_weight  # off: stored as 0


def test_augmented_copies_join_the_training_records_before_oversampling():
    cfg = TrainingConfig(corpus_dir=str(ROOT / "corpus"), sources={"corpus": 40}, oversample={"corpus": 2},
                         negated_proposals=0.5, unrelated_proposals=0.25)
    plain = load_training_data(TrainingConfig(corpus_dir=str(ROOT / "corpus"), sources={"corpus": 40}), "train")["corpus"]
    data = load_training_data(cfg, "train")["corpus"]
    polar = sum(r.label != "neutral" for r in plain)
    assert len(data) == 2 * (40 + round(0.5 * polar) + 10)
    assert sum(r.id.endswith("~negated") for r in data) == 2 * round(0.5 * polar)
    assert all(r.label == "neutral" for r in data if r.id.endswith("~unrelated"))
    assert load_training_data(cfg, "dev")["corpus"] == load_training_data(TrainingConfig(corpus_dir=str(ROOT / "corpus")), "dev")["corpus"]


def test_several_seeds_train_an_ensemble_and_reuse_trained_members(tiny_base_dir, tmp_path):
    from stance.ensemble import StanceEnsemble
    from stance.model import StanceModel

    cfg = TrainingConfig(base_model=str(tiny_base_dir), output_dir=str(tmp_path / "e"), corpus_dir=str(ROOT / "corpus"),
                         sources={"corpus": 16}, eval_sources=["corpus"], max_eval_records=16, method="lora",
                         pooling="mention", lora_target_modules=["query", "value"], lora_modules_to_save=["head"],
                         max_steps=2, batch_size=8, max_length=64, seeds=[3, 4])
    seen = []
    ensemble, metrics = train(cfg, log=seen.append)
    out = tmp_path / "e"
    assert isinstance(ensemble, StanceEnsemble) and ensemble.names == ["seed-3", "seed-4"]
    saved = json.loads((out / "training_metrics.json").read_text())
    assert set(saved["members"]) == {"seed-3", "seed-4"} and "corpus" in saved["dev"]
    assert saved["temperature"] == ensemble.temperature and "## Ensemble" in (out / "README.md").read_text()
    member_config = json.loads((out / "seed-4" / "training_metrics.json").read_text())["config"]
    assert member_config["seed"] == 4 and member_config["seeds"] == []
    from safetensors import safe_open

    with safe_open(str(out / "seed-3" / "adapter_model.safetensors"), "pt") as fh:  # half_precision is off
        assert {str(fh.get_tensor(k).dtype) for k in fh.keys()} == {"torch.float32"}
    again = StanceModel.from_pretrained(out, device="cpu")
    pairs = [("France ; A plan", "« Paris » rejected the plan.")]
    np.testing.assert_allclose(again.predict_proba(pairs), ensemble.predict_proba(pairs), atol=5e-3)
    seen.clear()
    train(cfg, log=seen.append)  # both members are there: only the ensemble step runs again
    assert sum("already trained" in line for line in seen) == 2 and not any("step " in line for line in seen)
    with pytest.raises(ValueError, match="distinct"):
        TrainingConfig(seeds=[1, 1]).validate()


def test_a_student_learns_from_a_teachers_probabilities(tiny_base_dir, tmp_path, monkeypatch):
    import torch

    from stance.training import teacher_probabilities

    common = dict(base_model=str(tiny_base_dir), corpus_dir=str(ROOT / "corpus"), sources={"corpus": 16},
                  oversample={"corpus": 2}, eval_sources=["corpus"], max_eval_records=16, method="lora",
                  pooling="mention", lora_target_modules=["query", "value"], lora_modules_to_save=["head"],
                  max_steps=2, batch_size=8, max_length=64)
    teacher, _ = train(TrainingConfig(output_dir=str(tmp_path / "t"), **common), log=lambda *a: None)
    records = load_training_data(TrainingConfig(**common), "train")["corpus"]
    probs = teacher_probabilities(tmp_path / "t", records, ["neutral", "support", "oppose"], log=lambda *a: None)
    # one row per record (the oversampled copies too), columns in the order asked for
    assert probs.shape == (32, 3)
    expected = teacher.predict_proba([records[0].to_pair(teacher.encoding)])[0]
    np.testing.assert_allclose(probs[0], expected[[teacher.labels.index(l) for l in ("neutral", "support", "oppose")]],
                               atol=1e-5)
    seen, targets = [], []
    cross_entropy = torch.nn.functional.cross_entropy

    def recording(logits, target, *args, **kwargs):
        targets.append(target.dtype)
        return cross_entropy(logits, target, *args, **kwargs)

    monkeypatch.setattr(torch.nn.functional, "cross_entropy", recording)
    student, metrics = train(TrainingConfig(output_dir=str(tmp_path / "s"), teacher=str(tmp_path / "t"),
                                            distill_weight=0.7, teacher_scores=str(tmp_path / "scores.npz"),
                                            **common), log=seen.append)
    assert (tmp_path / "scores.npz").is_file()
    # every training step scores the gold labels and the teacher's probabilities (soft, float targets)
    assert targets.count(torch.float32) == 2 and targets.count(torch.int64) >= 2
    assert any(line.startswith("teacher ") for line in seen) and metrics["config"]["teacher"] == str(tmp_path / "t")
    with pytest.raises(ValueError, match="teacher"):
        TrainingConfig(teacher=str(tmp_path / "nowhere")).validate()
    with pytest.raises(ValueError, match="distill_weight"):
        TrainingConfig(distill_weight=1.5).validate()


def test_teacher_scores_are_kept_and_read_back_without_the_teacher(tiny_base_dir, tmp_path, monkeypatch):
    import json

    import stance.training as training
    from stance.training import teacher_probabilities

    common = dict(base_model=str(tiny_base_dir), corpus_dir=str(ROOT / "corpus"), sources={"corpus": 12},
                  eval_sources=["corpus"], max_eval_records=8, method="lora", pooling="mention",
                  lora_target_modules=["query", "value"], lora_modules_to_save=["head"], max_steps=1, batch_size=4,
                  max_length=64, calibrate=False)
    train(TrainingConfig(output_dir=str(tmp_path / "t"), **common), log=lambda *a: None)
    records = load_training_data(TrainingConfig(**common), "train")["corpus"]
    labels = ["support", "oppose", "neutral"]
    scores = tmp_path / "kept" / "scores.npz"
    first = teacher_probabilities(tmp_path / "t", records[:8], labels, log=lambda *a: None, scores_file=scores)
    assert scores.is_file()
    # read back: the teacher is never loaded, the numbers are the same, the order follows the labels asked for
    loads = []
    real_load = training.StanceModel.from_pretrained
    monkeypatch.setattr(training.StanceModel, "from_pretrained",
                        staticmethod(lambda *a, **k: loads.append(a) or real_load(*a, **k)))
    seen = []
    again = teacher_probabilities(tmp_path / "t", records[:8], labels[::-1], log=seen.append, scores_file=scores)
    assert loads == [] and any("read from" in line for line in seen)
    np.testing.assert_allclose(again, first[:, ::-1], atol=1e-6)
    # new pairs: only they are scored (in chunks, the file written after each), and the file grows to hold them
    monkeypatch.setattr(training, "_TEACHER_CHUNK", 3)
    more = teacher_probabilities(tmp_path / "t", records, labels, log=seen.append, scores_file=scores)
    assert len(loads) == 1 and any(line.startswith("teacher ") and " 4 distinct pairs scored" in line for line in seen)
    np.testing.assert_allclose(more[:8], first, atol=1e-6)
    assert [line.split(" of ")[0].rsplit(" ", 1)[1] for line in seen if " kept in " in line] == ["3", "4"]
    with np.load(scores, allow_pickle=False) as data:
        assert len(data["keys"]) == 12
    # the teacher changed (another temperature): its old scores are refused, by name
    config_file = tmp_path / "t" / "stance_config.json"
    settings = json.loads(config_file.read_text())
    config_file.write_text(json.dumps({**settings, "temperature": settings["temperature"] + 1.0}))
    with pytest.raises(ValueError, match="another teacher"):
        teacher_probabilities(tmp_path / "t", records, labels, log=lambda *a: None, scores_file=scores)
    (tmp_path / "junk.npz").write_bytes(b"not numpy")
    with pytest.raises(ValueError, match="not a file of teacher scores"):
        teacher_probabilities(tmp_path / "t", records, labels, log=lambda *a: None, scores_file=tmp_path / "junk.npz")
    with pytest.raises(ValueError, match="teacher_scores"):
        TrainingConfig(teacher_scores="scores.npz").validate()
    with pytest.raises(ValueError, match="teacher_scores"):
        TrainingConfig(teacher=str(tmp_path / "t"), teacher_scores="scores.json").validate()


def test_the_collator_keeps_teacher_probabilities(tiny_base_dir):
    from transformers import AutoTokenizer

    from stance.training import _Collator

    tok = AutoTokenizer.from_pretrained(tiny_base_dir)
    rows = [dict(tok("a b", "c"), labels=0, teacher_probs=[0.2, 0.3, 0.5]),
            dict(tok("a", "b c d"), labels=1, teacher_probs=[0.6, 0.3, 0.1])]
    batch = _Collator(tok)(rows)
    assert batch["teacher_probs"].shape == (2, 3) and batch["input_ids"].shape[0] == 2
    assert float(batch["teacher_probs"][1, 0]) == pytest.approx(0.6)


def test_an_interrupted_run_resumes_from_its_last_checkpoint(tiny_base_dir, tmp_path, monkeypatch):
    import stance.training as training

    make_trainer = training._make_weighted_trainer
    steps = {"run": 0}

    def counting(stop_at: int | None):
        def factory():
            class Counting(make_trainer()):
                def training_step(self, *args, **kwargs):
                    steps["run"] += 1
                    if steps["run"] == stop_at:
                        raise KeyboardInterrupt  # the machine goes away mid-run
                    return super().training_step(*args, **kwargs)
            return Counting
        return factory

    out = tmp_path / "m"
    cfg = TrainingConfig(base_model=str(tiny_base_dir), output_dir=str(out), corpus_dir=str(ROOT / "corpus"),
                         sources={"corpus": 40}, eval_sources=[], calibrate=False, method="lora", pooling="mention",
                         lora_target_modules=["query", "value"], lora_modules_to_save=["head"], max_steps=5,
                         batch_size=8, max_length=64, save_steps=2)
    monkeypatch.setattr(training, "_make_weighted_trainer", counting(stop_at=4))
    with pytest.raises(KeyboardInterrupt):
        train(cfg, log=lambda *a: None)
    assert sorted(p.name for p in (out / "checkpoints").iterdir()) == ["checkpoint-2"]
    steps["run"] = 0
    monkeypatch.setattr(training, "_make_weighted_trainer", counting(stop_at=None))
    logs = []
    train(cfg, log=logs.append)
    assert steps["run"] == 3  # steps 3, 4 and 5 only
    assert any(m.startswith("resuming from") and m.endswith("checkpoint-2") for m in logs)
    assert not (out / "checkpoints").exists() and (out / "adapter_model.safetensors").is_file()
    with pytest.raises(ValueError, match="save_steps"):
        TrainingConfig(save_steps=-1).validate()


@pytest.mark.parametrize("method", ["lora", "full"])
def test_training_can_start_from_a_saved_model(tiny_base_dir, tmp_path, method):
    from safetensors.torch import load_file

    from stance.model import StanceModel

    common = dict(base_model=str(tiny_base_dir), corpus_dir=str(ROOT / "corpus"), sources={"corpus": 24},
                  eval_sources=[], calibrate=False, method=method, pooling="mention", lora_r=4,
                  lora_target_modules=["query", "value"], lora_modules_to_save=["head"], batch_size=8,
                  max_length=64)
    first, _ = train(TrainingConfig(output_dir=str(tmp_path / "first"), max_steps=4, learning_rate=5e-3, **common),
                     log=lambda *a: None)
    pairs = [("France ; A plan", "« Paris » rejected the plan."), ("France ; A plan", "Nobody said anything.")]
    bare = StanceModel.from_base(str(tiny_base_dir), pooling="mention", max_length=64)
    assert not np.allclose(first.predict_proba(pairs), bare.predict_proba(pairs), atol=1e-4)
    # with a learning rate of 0 the continued model is exactly where the first run stopped
    logs = []
    still = dict(common, lora_r=8)  # the adapter keeps its own shape
    kept, _ = train(TrainingConfig(output_dir=str(tmp_path / "kept"), max_steps=2, learning_rate=0.0,
                                   init_from=str(tmp_path / "first"), **still), log=logs.append)
    assert f"starting from {tmp_path / 'first'}" in logs
    np.testing.assert_allclose(kept.predict_proba(pairs), first.predict_proba(pairs), atol=1e-5)
    # and with a learning rate it trains on: the weights move away from the first run's
    moved, _ = train(TrainingConfig(output_dir=str(tmp_path / "moved"), max_steps=2, learning_rate=5e-3,
                                    init_from=str(tmp_path / "first"), **still), log=lambda *a: None)
    weights = "adapter_model.safetensors" if method == "lora" else "model.safetensors"
    before, after = load_file(str(tmp_path / "first" / weights)), load_file(str(tmp_path / "moved" / weights))
    assert before.keys() == after.keys()
    assert any(not np.allclose(before[k].numpy(), after[k].numpy()) for k in before)
    if method == "lora":
        assert json.loads((tmp_path / "moved" / "adapter_config.json").read_text())["r"] == 4


def test_a_saved_model_that_does_not_fit_the_config_is_refused(tiny_base_dir, tiny_model_dir, tmp_path):
    common = dict(base_model=str(tiny_base_dir), corpus_dir=str(ROOT / "corpus"), sources={"corpus": 8},
                  eval_sources=[], calibrate=False, max_steps=1, batch_size=8, max_length=64,
                  output_dir=str(tmp_path / "m"))
    with pytest.raises(FileNotFoundError, match="init_from"):
        train(TrainingConfig(init_from=str(tmp_path / "nowhere"), **common), log=lambda *a: None)
    with pytest.raises(ValueError, match="pooling"):
        train(TrainingConfig(init_from=str(tiny_model_dir), pooling="mention", **common), log=lambda *a: None)
    with pytest.raises(ValueError, match="not a LoRA adapter"):
        train(TrainingConfig(init_from=str(tiny_model_dir), method="lora", **common), log=lambda *a: None)
    ensemble = tmp_path / "ensemble"
    StanceEnsemble([StanceModel.from_pretrained(tiny_model_dir)] * 2, names=["seed-1", "seed-2"]).save_pretrained(ensemble)
    with pytest.raises(ValueError, match="is an ensemble; continue one of its members .seed-1, seed-2."):
        train(TrainingConfig(init_from=str(ensemble), method="full", **common), log=lambda *a: None)
