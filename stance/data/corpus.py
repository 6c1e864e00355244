"""The team's news corpus: documents about one proposal, every actor in every sentence labelled.

One JSON object per line::

    {"id": "energy-03-a", "proposal_id": "energy-03", "domain": "energy and climate",
     "proposal": "Germany extends the life of its last three nuclear plants",
     "title": "Berlin weighs nuclear reprieve",
     "actors": {"Germany": ["Berlin", "the German government"], "Olaf Scholz": ["Scholz"]},
     "sentences": ["...", "..."],
     "stances": [{"sentence": 0, "actor": "Germany", "mention": "Berlin", "label": "support"}]}

Rules (checked by :func:`validate_document`):

- ``stances`` has exactly one entry for every (sentence, actor) pair where the sentence refers to the
  actor (by name, alias, title, demonym, capital, role or pronoun), and none elsewhere;
- ``mention`` is an exact substring of that sentence: the words that refer to the actor;
- ``label`` is the actor's position in that sentence on *this document's proposal*: ``support``,
  ``oppose`` or ``neutral`` (named, but no position on it, or a position on another proposal);
- ``actors`` maps each canonical name to the aliases a reader would list (no pronouns).

Split: a proposal is in the dev split when :func:`is_dev_proposal` says so, so that dev proposals never
appear in training.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Iterator

CORPUS_LABELS = ("support", "oppose", "neutral")
_REQUIRED = {"id": str, "proposal_id": str, "domain": str, "proposal": str, "actors": dict,
             "sentences": list, "stances": list}


def is_dev_proposal(proposal_id: str, dev_fraction: float = 0.25) -> bool:
    """Deterministic split by proposal: the same proposal always lands on the same side."""
    digest = hashlib.sha256(proposal_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < dev_fraction


def validate_document(doc: Any) -> list[str]:
    """Return the problems of one corpus document (an empty list when it is valid)."""
    if not isinstance(doc, dict):
        return ["document is not a JSON object"]
    problems = []
    for key, kind in _REQUIRED.items():
        if not isinstance(doc.get(key), kind):
            problems.append(f"'{key}' missing or not a {kind.__name__}")
    if problems:
        return problems
    sentences = doc["sentences"]
    if not sentences or not all(isinstance(s, str) and s.strip() for s in sentences):
        problems.append("'sentences' must be a non-empty list of non-empty strings")
        return problems
    actors = doc["actors"]
    for name, aliases in actors.items():
        if not name.strip() or not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"actor {name!r}: aliases must be a list of strings")
    seen = set()
    for i, st in enumerate(doc["stances"]):
        where = f"stances[{i}]"
        if not isinstance(st, dict):
            problems.append(f"{where} is not an object")
            continue
        idx, actor, mention, label = st.get("sentence"), st.get("actor"), st.get("mention"), st.get("label")
        if not isinstance(idx, int) or not 0 <= idx < len(sentences):
            problems.append(f"{where}: sentence index {idx!r} out of range")
            continue
        if actor not in actors:
            problems.append(f"{where}: actor {actor!r} is not a key of 'actors'")
        if label not in CORPUS_LABELS:
            problems.append(f"{where}: label {label!r} not in {CORPUS_LABELS}")
        if not isinstance(mention, str) or not mention or mention not in sentences[idx]:
            problems.append(f"{where}: mention {mention!r} is not a substring of sentence {idx}: {sentences[idx]!r}")
        if (idx, actor) in seen:
            problems.append(f"{where}: duplicate entry for sentence {idx}, actor {actor!r}")
        seen.add((idx, actor))
    return problems


def read_corpus(paths: list[str | Path]) -> Iterator[dict]:
    """Yield the documents of the given corpus files (or folders of ``*.jsonl``), validated."""
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.jsonl")) if p.is_dir() else [p])
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                doc = json.loads(line)
                problems = validate_document(doc)
                if problems:
                    raise ValueError(f"{path}:{lineno}: " + "; ".join(problems))
                yield doc


def _check_main(argv: list[str]) -> int:
    """``python -m stance.data.corpus FILE...``: report problems and counts."""
    bad = 0
    docs, proposals, labels = 0, set(), {k: 0 for k in CORPUS_LABELS}
    ids = set()
    for path in argv:
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as exc:
                    print(f"{path}:{lineno}: not JSON: {exc}")
                    bad += 1
                    continue
                problems = validate_document(doc)
                if isinstance(doc, dict) and doc.get("id") in ids:
                    problems.append(f"duplicate id {doc.get('id')!r}")
                for p in problems:
                    print(f"{path}:{lineno}: {p}")
                bad += bool(problems)
                if not problems:
                    ids.add(doc["id"])
                    docs += 1
                    proposals.add(doc["proposal_id"])
                    for st in doc["stances"]:
                        labels[st["label"]] += 1
    print(f"{docs} valid documents, {len(proposals)} proposals, labels {labels}, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(_check_main(sys.argv[1:]))
