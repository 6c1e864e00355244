"""Metrics (scikit-learn): per-class P/R/F1, macro-F1, confusion matrix, calibration; and the three
evaluations the project trusts: records of any source, the team's corpus documents (sentence labels,
document positions, actor finding), and SEESAW's real news run through the full pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from .data.records import StanceRecord
from .model import StanceModel, softmax
from .schema import Mention


def classification_metrics(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str],
                           probs: np.ndarray | None = None) -> dict[str, Any]:
    """Per-class precision/recall/F1, macro-F1, accuracy, the confusion matrix and (with probs) ECE.

    Example:
        >>> classification_metrics(["support", "oppose"], ["support", "support"], ["support", "oppose"])["macro_f1"]
        0.3333
    """
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    labels = list(labels)
    present = [l for l in labels if l in set(y_true) | set(y_pred)] or labels
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=present, zero_division=0)
    out: dict[str, Any] = {
        "n": len(y_true),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4) if len(y_true) else 0.0,
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=present, average="macro", zero_division=0)), 4),
        "per_class": {l: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                          "f1": round(float(f[i]), 4), "support": int(s[i])} for i, l in enumerate(present)},
        "labels": present,
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=present).tolist() if len(y_true) else [],
    }
    if probs is not None and len(y_true):
        out["ece"] = round(expected_calibration_error(probs, [labels.index(y) for y in y_true]), 4)
    return out


def expected_calibration_error(probs: np.ndarray, y_true: Sequence[int], bins: int = 10) -> float:
    """Expected calibration error of the top-class confidence, over ``bins`` equal-width bins."""
    probs = np.asarray(probs)
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == np.asarray(y_true)).astype(float)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)


def fit_temperature(logits: np.ndarray, y_true: Sequence[int]) -> float:
    """The temperature that minimises the negative log-likelihood of ``logits`` (grid + refinement)."""
    y = np.asarray(y_true)
    if len(y) == 0:
        return 1.0

    def nll(t: float) -> float:
        p = softmax(logits / t)
        return float(-np.log(p[np.arange(len(y)), y] + 1e-12).mean())

    grid = np.exp(np.linspace(np.log(0.25), np.log(8.0), 61))
    best = min(grid, key=nll)
    for step in (0.05, 0.01):
        local = best * np.exp(np.arange(-5, 6) * step)
        best = min(local, key=nll)
    return round(float(best), 4)


def fit_temperature_and_bias(logits: np.ndarray, y_true: Sequence[int]) -> tuple[float, np.ndarray]:
    """The temperature and per-column bias (summing to 0) that minimise the negative log-likelihood of
    ``softmax(logits / temperature + bias)``: bias-corrected temperature scaling, for a model whose
    errors lean to one label. Convex in (1 / temperature, bias); solved by L-BFGS from the plain temperature.

    Example:
        >>> fit_temperature_and_bias(dev_logits, dev_labels)  # the default model on corpus dev's 2,222 records
        (1.8442, array([-0.1894, -0.021 ,  0.2104]))
    """
    from scipy.optimize import minimize

    y = np.asarray(y_true)
    logits = np.asarray(logits, dtype=np.float64)
    k = logits.shape[1]
    if len(y) == 0:
        return 1.0, np.zeros(k)
    onehot = np.eye(k)[y]

    def nll_and_grad(params: np.ndarray) -> tuple[float, np.ndarray]:
        scale, bias = params[0], params[1:]
        p = softmax(logits * scale + bias)
        nll = float(-np.log(p[np.arange(len(y)), y] + 1e-12).mean())
        diff = (p - onehot) / len(y)
        return nll, np.concatenate([[float((diff * logits).sum())], diff.sum(axis=0)])

    start = np.concatenate([[1.0 / fit_temperature(logits, y)], np.zeros(k)])
    found = minimize(nll_and_grad, start, jac=True, method="L-BFGS-B",
                     bounds=[(1.0 / 8.0, 4.0)] + [(-5.0, 5.0)] * k)
    scale, bias = found.x[0], found.x[1:] - found.x[1:].mean()
    return round(float(1.0 / scale), 4), np.round(bias, 4)


def evaluate_records(model: StanceModel, records: Sequence[StanceRecord], batch_size: int = 64) -> dict[str, Any]:
    """Metrics of the model on labelled records (their pairs built by the shared encoding)."""
    pairs = [r.to_pair(model.encoding) for r in records]
    probs = model.predict_proba(pairs, batch_size)
    labels = model.labels
    y_true = [r.label for r in records]
    gold_labels = sorted(set(y_true))
    if set(gold_labels) <= {"support", "oppose"}:
        # two-way data (no neutral annotated): compare support against oppose only
        idx = [labels.index("support"), labels.index("oppose")]
        y_pred = ["support" if p[idx[0]] >= p[idx[1]] else "oppose" for p in probs]
        two = probs[:, idx] / probs[:, idx].sum(axis=1, keepdims=True)
        return classification_metrics(y_true, y_pred, ["support", "oppose"], two)
    y_pred = [labels[int(i)] for i in probs.argmax(axis=1)]
    return classification_metrics(y_true, y_pred, labels, probs)


def evaluate_corpus_documents(detector: Any, documents: Iterable[dict], with_aliases: bool = True,
                              find_actors: bool = False) -> dict[str, Any]:
    """Run the full pipeline over corpus documents (as sentence lists) and score it.

    Reports 3-way sentence-level metrics over the gold (sentence, actor) pairs that the pipeline found,
    actor finding precision/recall per (sentence, actor), and document-level accuracy per actor (gold
    document label: the majority non-neutral label of its sentences, neutral if none).

    The actors are given with their aliases, or by canonical name only (``with_aliases=False``); with
    ``find_actors=True`` none is given: the library finds them (``actors=None``, as a user who names no actor
    runs it), and each found actor stands for the labelled actor whose mentions its own overlap most
    (:func:`match_found_actors`). A found actor that matches none, or a second one for the same labelled
    actor in a sentence, counts as spurious.
    """
    y_true, y_pred, probs = [], [], []
    found = missed = spurious = 0
    doc_true, doc_pred = [], []
    found_actors_n = unmatched_actors = 0
    labels = detector.model.labels
    for doc in documents:
        gold = {(st["sentence"], st["actor"]): st["label"] for st in doc["stances"]}
        if find_actors:
            discovered = detector.actor_finder.discover(doc["sentences"])
            res = detector.predict(doc["sentences"], doc["proposal"], actors=discovered or None)
            mentions = detector.actor_finder.find(doc["sentences"], discovered) if discovered else []
            votes = _overlap_votes(doc, mentions)
            stands_for = _most_voted(votes)
            primary = {g: max((a for a in votes if stands_for[a] == g), key=lambda a: votes[a][g])
                       for g in set(stands_for.values())}
            mentioned = {st.actor for s in res.sentences for st in s.stances}
            found_actors_n += len(mentioned)
            unmatched_actors += len(mentioned - set(stands_for))
        else:
            actors = doc["actors"] if with_aliases else list(doc["actors"])
            res = detector.predict(doc["sentences"], doc["proposal"], actors=actors)
            stands_for = primary = None
        predicted: dict[tuple[int, str], Any] = {}
        for s in res.sentences:
            for st in s.stances:
                actor = st.actor if stands_for is None else stands_for.get(st.actor)
                if actor is None or (s.index, actor) in predicted:
                    spurious += 1
                else:
                    predicted[(s.index, actor)] = st
        for key, label in gold.items():
            if key in predicted:
                found += 1
                y_true.append(label)
                y_pred.append(predicted[key].label)
                probs.append([predicted[key].scores[l] for l in labels])
            else:
                missed += 1
        spurious += sum(1 for key in predicted if key not in gold)
        doc_actors = {a.actor: a.label for a in res.actors}
        for actor in doc["actors"]:
            sentence_labels = [l for (i, a), l in gold.items() if a == actor]
            if not sentence_labels:
                continue
            doc_true.append(gold_document_label(sentence_labels))
            shown_as = actor if primary is None else primary.get(actor)
            doc_pred.append(doc_actors.get(shown_as, "missing"))
    out = classification_metrics(y_true, y_pred, labels, np.asarray(probs) if probs else None)
    out["actor_finding"] = {"precision": round(found / max(1, found + spurious), 4),
                            "recall": round(found / max(1, found + missed), 4), "found": found,
                            "missed": missed, "spurious": spurious}
    if find_actors:
        out["actor_finding"].update(actors_found=found_actors_n, actors_matching_none=unmatched_actors)
    out["document_accuracy"] = round(sum(t == p for t, p in zip(doc_true, doc_pred)) / max(1, len(doc_true)), 4)
    out["document_actors"] = len(doc_true)
    return out


def match_found_actors(doc: dict, mentions: Sequence[Sequence[Mention]]) -> dict[str, str]:
    """Which labelled actor of a corpus document each found actor stands for: the one whose labelled mentions
    (``doc["stances"]``) its own mentions (``mentions[i]`` for sentence ``i``) overlap most; a found actor that
    overlaps none is left out.

    Example:
        >>> doc = {"sentences": ["Beijing objected."], "stances": [{"sentence": 0, "actor": "China", "mention": "Beijing"}]}
        >>> match_found_actors(doc, [[Mention("Beijing", "Beijing", 0, 7, "name")]])
        {'Beijing': 'China'}
    """
    return _most_voted(_overlap_votes(doc, mentions))


def _most_voted(votes: dict[str, dict[str, int]]) -> dict[str, str]:
    return {found: max(v, key=v.get) for found, v in votes.items()}


def _overlap_votes(doc: dict, mentions: Sequence[Sequence[Mention]]) -> dict[str, dict[str, int]]:
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for st in doc["stances"]:
        start = doc["sentences"][st["sentence"]].find(st["mention"])
        spans.setdefault(st["sentence"], []).append((start, start + len(st["mention"]), st["actor"]))
    votes: dict[str, dict[str, int]] = {}
    for i, ms in enumerate(mentions):
        for m in ms:
            for start, end, actor in spans.get(i, []):
                if m.start < end and start < m.end:
                    votes.setdefault(m.actor, {}).setdefault(actor, 0)
                    votes[m.actor][actor] += 1
    return votes


def gold_document_label(sentence_labels: Sequence[str]) -> str:
    """An actor's document position from its sentence labels: the more frequent of support/oppose
    (ties go to the later one: positions that change end where they end), neutral if it takes none."""
    polar = [l for l in sentence_labels if l != "neutral"]
    if not polar:
        return "neutral"
    s, o = polar.count("support"), polar.count("oppose")
    return "support" if s > o else "oppose" if o > s else polar[-1]


def evaluate_seesaw(detector: Any, data_dir: str | Path, split: str | None = None,
                    with_cases: bool = False) -> dict[str, Any]:
    """SEESAW cases through the full pipeline: the document as given, the case's proposal, and the actor
    by canonical name only. Reports support-vs-oppose metrics where the actor was found, how often it
    was found in the sentence where it takes its position, and ``document_accuracy``: the share of
    (document, proposal, actor) whose document position is right (gold: the majority of the actor's cases,
    as :func:`gold_document_label`; an actor the pipeline never found counts as wrong). ``with_cases`` adds
    ``scored_cases``: each case whose actor was found, with ``p_support`` (the model's support share of
    support + oppose)."""
    from .data.seesaw import read_cases, read_documents, story_split

    if split not in (None, "train", "dev", "test"):
        raise ValueError(f"SEESAW split must be 'train', 'dev', 'test' or None (all), got {split!r}")
    docs = read_documents(data_dir)
    cases = [c for c in read_cases(data_dir) if split is None or story_split(c["doc_id"]) == split]
    groups: dict[tuple[str, str], list[dict]] = {}
    for c in cases:
        groups.setdefault((c["doc_id"], c["proposal"]), []).append(c)
    records = [{"sentences": docs[d]["sentences"], "proposal": p, "actors": sorted({c["actor"] for c in cs}),
                "id": (d, p)} for (d, p), cs in groups.items()]
    y_true, y_pred, probs, scored = [], [], [], []
    found = document_right = document_actors = 0
    for res in detector.predict_batch(records, batch_size=64):
        positions = {a.actor: a.label for a in res.actors}
        by_actor: dict[str, list[dict]] = {}
        for c in groups[res.id]:
            by_actor.setdefault(c["actor"], []).append(c)
        for actor, actor_cases in by_actor.items():
            gold = gold_document_label([c["label"] for c in sorted(actor_cases, key=lambda c: c["sentence_index"])])
            document_actors += 1
            document_right += positions.get(actor) == gold
        for c in groups[res.id]:
            st = next((s for s in res.sentences[c["sentence_index"]].stances if s.actor == c["actor"]), None)
            if st is None:
                continue
            found += 1
            total = st.scores["support"] + st.scores["oppose"]
            p_support = st.scores["support"] / total if total > 0 else 0.5
            y_true.append(c["label"])
            y_pred.append("support" if p_support >= 0.5 else "oppose")
            probs.append([p_support, 1 - p_support])
            scored.append({**c, "p_support": round(p_support, 4)})
    out = classification_metrics(y_true, y_pred, ["support", "oppose"], np.asarray(probs) if probs else None)
    out["cases"] = len(cases)
    out["actor_found"] = round(found / max(1, len(cases)), 4)
    out["document_accuracy"] = round(document_right / max(1, document_actors), 4)
    out["document_actors"] = document_actors
    if with_cases:
        out["scored_cases"] = scored
    return out


def accuracy_by_topic(scored_cases: Sequence[dict], groups: dict[str, Sequence[str]] | None = None,
                      min_cases: int = 1) -> dict[str, Any]:
    """Support-vs-oppose accuracy of scored cases (``label`` and ``p_support`` each, as
    :func:`evaluate_seesaw` returns with ``with_cases=True``) per ``proposal`` with at least ``min_cases``
    cases, and per group of proposals (``groups``: name -> proposals; cases in no group form ``"the rest"``).

    Example:
        >>> accuracy_by_topic([{"proposal": "poverty", "label": "oppose", "p_support": 0.8}], {"harms": ["poverty"]})
        {'topics': {'poverty': {'n': 1, 'accuracy': 0.0}}, 'groups': {'harms': {'n': 1, 'accuracy': 0.0}}}
    """
    def summary(cases: list[dict]) -> dict[str, Any]:
        right = sum((c["p_support"] >= 0.5) == (c["label"] == "support") for c in cases)
        return {"n": len(cases), "accuracy": round(right / len(cases), 3)}

    by_topic: dict[str, list[dict]] = {}
    for c in scored_cases:
        by_topic.setdefault(c["proposal"], []).append(c)
    topics = {t: summary(cs) for t, cs in sorted(by_topic.items()) if len(cs) >= min_cases}
    out: dict[str, Any] = {"topics": topics}
    if groups:
        member_of = {t: name for name, ts in groups.items() for t in ts}
        grouped: dict[str, list[dict]] = {}
        for c in scored_cases:
            grouped.setdefault(member_of.get(c["proposal"], "the rest"), []).append(c)
        out["groups"] = {name: summary(grouped[name]) for name in [*groups, "the rest"] if name in grouped}
    return out


def plot_confusion_matrix(metrics: dict[str, Any], path: str | Path, title: str = "") -> Path | None:
    """Save the confusion matrix of ``metrics`` as a PNG (needs matplotlib; returns None without it)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    cm = np.asarray(metrics["confusion_matrix"])
    labels = metrics["labels"]
    fig, ax = plt.subplots(figsize=(3.2 + 0.5 * len(labels), 3 + 0.4 * len(labels)))
    ax.imshow(cm, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, str(cm[i, j]), ha="center", va="center",
                    color="white" if cm[i, j] > cm.max() / 2 else "black")
    ax.set_title(title or f"macro-F1 {metrics['macro_f1']:.3f}", fontsize=9)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def evaluate_seed(detector: Any, seed_dir: str | Path, gold_file: str | Path) -> dict[str, Any]:
    """The seed article as a new user would run it: its text, the proposal, the actors with the aliases a
    reader would list. Scores the team's sentence labels (3-way) and every actor's document position."""
    import json

    gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))
    text = (Path(seed_dir) / gold["file"]).read_text(encoding="utf-8")
    res = detector.predict(text, proposal=gold["proposal"], actors=gold["actors"])
    predicted = {(s.index, st.actor): st for s in res.sentences for st in s.stances}
    y_true, y_pred, missing = [], [], []
    for index, actor, label in gold["sentence_labels"]:
        st = predicted.get((index, actor))
        if st is None:
            missing.append([index, actor])
            y_true.append(label)
            y_pred.append("missing")
        else:
            y_true.append(label)
            y_pred.append(st.label)
    out = classification_metrics(y_true, y_pred, detector.model.labels)
    positions = {a.actor: a.label for a in res.actors}
    out["missing"] = missing
    out["document_positions"] = {actor: {"gold": label, "predicted": positions.get(actor, "missing")}
                                 for actor, label in gold["document_labels"].items()}
    out["document_accuracy"] = round(sum(v["gold"] == v["predicted"] for v in out["document_positions"].values())
                                     / len(gold["document_labels"]), 4)
    return out


# what run_evaluation (scripts/evaluate.py --only ...) can score; "found-actors" is the corpus dev with no actor given
EVALUATION_PARTS = ("datasets", "corpus", "found-actors", "seesaw", "seed")
DATASET_PARTS = ("handeset", "directed_sentiment", "ibm_claim_stance", "perspectrum", "emergent", "fnc1", "gwsd", "basil")


def run_evaluation(model: str | Path | None = None, *, data_root: str | Path = "../shared/data",
                   corpus_dir: str | Path = "corpus", seed_dir: str | Path = "../shared/seed",
                   parts: Sequence[str] | None = None, plots_dir: str | Path | None = None,
                   max_records: int = 2000, seesaw_split: str | None = None, log: Any = print) -> dict[str, Any]:
    """Everything the README's table reports, for one model: each public dataset's test split, the team's
    dev corpus (with aliases, and with canonical names only), SEESAW, and the seed article.

    ``seesaw_split`` (``"train"``, ``"dev"`` or ``"test"``: SEESAW's stories split 60/20/20) scores one part
    of SEESAW only, for research models trained on its train stories; None scores all of it."""
    from .data import SOURCES, load_source
    from .data.corpus import is_dev_proposal, read_corpus
    from .detector import StanceDetector

    parts = list(parts or EVALUATION_PARTS)
    unknown = [p for p in parts if p not in EVALUATION_PARTS]
    if unknown:
        raise ValueError(f"unknown evaluation part(s) {unknown}: choose from {list(EVALUATION_PARTS)}")
    detector = StanceDetector.from_pretrained(model)
    out: dict[str, Any] = {"model": str(model or "default"), "temperature": detector.model.temperature,
                           "class_bias": detector.model.class_bias}
    data_root = Path(data_root)
    if "datasets" in parts:
        out["datasets"] = {}
        for name in DATASET_PARTS:
            folder = data_root / SOURCES[name][1]
            if not folder.exists():
                log(f"skip {name}: {folder} not found")
                continue
            records = list(load_source(name, folder, "test"))[:max_records]
            out["datasets"][name] = evaluate_records(detector.model, records)
            log(f"{name} test: macro-F1 {out['datasets'][name]['macro_f1']} (n={len(records)})")
    docs = ([d for d in read_corpus([corpus_dir]) if is_dev_proposal(d["proposal_id"])]
            if {"corpus", "found-actors"} & set(parts) and Path(corpus_dir).exists() else None)
    if "corpus" in parts and docs is not None:
        out["corpus_dev"] = evaluate_corpus_documents(detector, docs, with_aliases=True)
        out["corpus_dev_names_only"] = evaluate_corpus_documents(detector, docs, with_aliases=False)
        out["corpus_dev"]["documents"] = len(docs)
        log(f"corpus dev: macro-F1 {out['corpus_dev']['macro_f1']}, names only {out['corpus_dev_names_only']['macro_f1']}")
    if "found-actors" in parts and docs is not None:
        out["corpus_dev_found_actors"] = evaluate_corpus_documents(detector, docs, find_actors=True)
        out["corpus_dev_found_actors"]["documents"] = len(docs)
        f = out["corpus_dev_found_actors"]["actor_finding"]
        log(f"corpus dev, actors found by the library: macro-F1 {out['corpus_dev_found_actors']['macro_f1']}, "
            f"actor finding P {f['precision']} R {f['recall']}")
    if "seesaw" in parts and (data_root / "seesaw_dev").exists():
        out["seesaw"] = evaluate_seesaw(detector, data_root / "seesaw_dev", split=seesaw_split)
        out["seesaw"]["split"] = seesaw_split or "all"
        log(f"seesaw: macro-F1 {out['seesaw']['macro_f1']}, actor found {out['seesaw']['actor_found']}, "
            f"document accuracy {out['seesaw']['document_accuracy']}")
    gold = Path(__file__).resolve().parent.parent / "configs" / "eval" / "seed_nato_tokyo.json"
    if "seed" in parts and Path(seed_dir).exists() and gold.exists():
        out["seed"] = evaluate_seed(detector, seed_dir, gold)
        log(f"seed: macro-F1 {out['seed']['macro_f1']}, document accuracy {out['seed']['document_accuracy']}")
    if plots_dir:
        for key, metrics in _flat_metrics(out):
            plot_confusion_matrix(metrics, Path(plots_dir) / f"{key}.png", title=f"{key}: macro-F1 {metrics['macro_f1']:.3f}")
    return out


def _flat_metrics(out: dict[str, Any]) -> list[tuple[str, dict]]:
    flat = [(f"dataset_{k}", v) for k, v in out.get("datasets", {}).items()]
    flat += [(k, out[k]) for k in ("corpus_dev", "corpus_dev_names_only", "corpus_dev_found_actors", "seesaw", "seed")
             if k in out]
    return [(k, v) for k, v in flat if v.get("confusion_matrix")]
