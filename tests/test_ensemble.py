import json

import numpy as np
import pytest

from stance.encoding import EncodingConfig
from stance.ensemble import StanceEnsemble
from stance.model import StanceModel, softmax

PAIRS = [("France ; Ban cars", "« Paris » said no."),
         ("Germany ; Ban cars", "« Berlin » backed the ban after a long and heated debate in parliament."),
         ("NATO ; Ban cars", "The « alliance » was split.")]


@pytest.fixture(scope="module")
def two_members(tiny_base_dir):
    import torch

    members = []
    for seed in (1, 2):
        torch.manual_seed(seed)
        members.append(StanceModel.from_base(str(tiny_base_dir), pooling="mention", device="cpu"))
    members[1].temperature = 2.0
    return members


def test_the_ensemble_averages_the_members_log_probabilities(two_members):
    ens = StanceEnsemble(two_members, temperature=1.5)
    a, b = (m.predict_proba(PAIRS) for m in two_members)
    assert not np.allclose(a, b)
    expected = softmax((np.log(a) + np.log(b)) / 2 / 1.5)
    np.testing.assert_allclose(ens.predict_proba(PAIRS), expected, atol=1e-5)
    np.testing.assert_allclose(ens.predict_proba(PAIRS).sum(axis=1), 1.0, atol=1e-5)
    one = StanceEnsemble(two_members[:1])
    np.testing.assert_allclose(one.predict_proba(PAIRS), a, atol=1e-5)


def test_a_saved_ensemble_opens_with_stance_model_from_pretrained(two_members, tmp_path):
    ens = StanceEnsemble(two_members, temperature=1.2, consistency_weight=0.3, names=["seed-1", "seed-2"])
    out = ens.save_pretrained(tmp_path / "ens", half=False)
    settings = json.loads((out / "stance_config.json").read_text())
    assert settings["format"] == "stance-ensemble" and settings["members"] == ["seed-1", "seed-2"]
    again = StanceModel.from_pretrained(out, device="cpu")
    assert isinstance(again, StanceEnsemble) and again.names == ["seed-1", "seed-2"]
    assert (again.temperature, again.consistency_weight) == (1.2, 0.3)
    assert again.members[1].temperature == 2.0
    np.testing.assert_allclose(again.predict_proba(PAIRS), ens.predict_proba(PAIRS), atol=1e-5)
    again.temperature, again.consistency_weight, again.class_bias = 0.9, 0.1, {"support": 0.5}
    again.save_calibration(out)
    assert json.loads((out / "stance_config.json").read_text())["temperature"] == 0.9
    biased = StanceModel.from_pretrained(out, device="cpu")
    assert biased.class_bias == {"support": 0.5}
    expected = softmax(biased.logits(PAIRS) / 0.9 + np.array([0.5 if l == "support" else 0.0 for l in biased.labels]))
    np.testing.assert_allclose(biased.predict_proba(PAIRS), expected, atol=1e-5)
    half = ens.save_pretrained(tmp_path / "half")  # float16 members by default
    np.testing.assert_allclose(StanceEnsemble.from_pretrained(half).predict_proba(PAIRS), ens.predict_proba(PAIRS),
                               atol=5e-3)


def test_the_detector_runs_an_ensemble(two_members):
    from stance import StanceDetector
    from stance.actors import ActorFinder

    det = StanceDetector(StanceEnsemble(two_members, consistency_weight=0.5), ActorFinder(use_ner=False))
    res = det.predict("Paris rejected the plan. Berlin backed it. Paris said so again.", proposal="The EU plan",
                      actors=["France", "Germany"])
    assert [a.actor for a in res.actors] == ["France", "Germany"]
    assert det.consistency_weight == 0.5


def test_members_that_read_pairs_differently_are_refused(tiny_base_dir, two_members, tmp_path):
    other = StanceModel.from_base(str(tiny_base_dir), pooling="mention", device="cpu",
                                  encoding=EncodingConfig(context_before=2))
    with pytest.raises(ValueError, match="same pairs"):
        StanceEnsemble([two_members[0], other])
    with pytest.raises(ValueError, match="at least one"):
        StanceEnsemble([])
    with pytest.raises(ValueError, match="distinct"):
        StanceEnsemble(two_members, names=["a", "a"])
    out = StanceEnsemble(two_members[:1]).save_pretrained(tmp_path / "bad", half=False)
    settings = json.loads((out / "stance_config.json").read_text())
    settings["members"] = ["../elsewhere"]
    (out / "stance_config.json").write_text(json.dumps(settings))
    with pytest.raises(ValueError, match="inside the ensemble"):
        StanceModel.from_pretrained(out)


def test_members_loaded_from_adapters_are_saved_as_adapters(tiny_base_dir, tmp_path):
    from peft import LoraConfig, get_peft_model

    folders = []
    for seed in (1, 2):
        import torch

        torch.manual_seed(seed)
        model = StanceModel.from_base(str(tiny_base_dir), pooling="mention", device="cpu")
        model.model = get_peft_model(model.model, LoraConfig(r=4, lora_alpha=8, target_modules=["query", "value"],
                                                             modules_to_save=["head"], init_lora_weights=False))
        folders.append(model.save_pretrained(tmp_path / f"m{seed}"))
    ens = StanceEnsemble([StanceModel.from_pretrained(f, device="cpu") for f in folders])
    out = ens.save_pretrained(tmp_path / "ens")
    for name, source in zip(ens.names, folders):
        assert not (out / name / "model.safetensors").exists()  # not the merged encoder in full
        assert (out / name / "adapter_model.safetensors").stat().st_size < 0.6 * (source / "adapter_model.safetensors").stat().st_size
    np.testing.assert_allclose(StanceModel.from_pretrained(out).predict_proba(PAIRS), ens.predict_proba(PAIRS), atol=5e-3)
