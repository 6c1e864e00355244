"""BASIL: quotes in news with a speaker, a target and a polarity -> the speaker's stance toward the target.

Only quotes whose speaker is a named person are used (not "other_anti"); split by event triplet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..segment import split_sentences
from ._common import check_split, hash_split
from .records import StanceRecord

_LABELS = {"pos": "support", "neg": "oppose"}


def convert(data_dir: str | Path, split: str = "train") -> Iterator[StanceRecord]:
    check_split(split)
    root = Path(data_dir)
    for ann_file in sorted((root / "annotations").glob("*/*_ann.json")):
        article_file = root / "articles" / ann_file.parent.name / ann_file.name.replace("_ann.json", ".json")
        if not article_file.exists():
            continue
        article = json.loads(article_file.read_text(encoding="utf-8"))
        if hash_split(article.get("triplet-uuid", article_file.name)) != split:
            continue
        sentences = [s for para in article.get("body-paragraphs", []) for p in para for s in split_sentences(p)]
        annotations = json.loads(ann_file.read_text(encoding="utf-8")).get("phrase-level-annotations", [])
        for ann in annotations:
            label = _LABELS.get(ann.get("polarity"))
            speaker = ann.get("speaker", "").replace("_", " ").strip()
            target = ann.get("target", "").replace("_", " ").strip()
            if ann.get("quote") != "yes" or label is None or not speaker or not target \
                    or speaker.startswith("other") or not ann.get("txt"):
                continue
            index = next((i for i, s in enumerate(sentences) if ann["txt"] in s), None)
            if index is None:
                continue
            surname = speaker.split()[-1]
            yield StanceRecord(proposal=target, actor=speaker, sentences=sentences[max(0, index - 1):index + 1],
                               sentence_index=min(index, 1), label=label,
                               mention=surname if surname in sentences[index] else None,
                               source="basil", id=f"basil-{ann_file.stem}-{ann['id']}")
