"""The ``stance`` command: ``stance predict``, ``stance train``, ``stance evaluate``.

Example:
    stance predict --proposal "Raise the minimum wage" article.txt -o out.jsonl --table
    stance predict --proposal "Raise the minimum wage" --actors actors.json articles.jsonl -o out.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterator, Sequence

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="stance", description="Actor-level stance detection in news.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("predict", help="stances of the actors in documents toward a proposal")
    p.add_argument("input", help="a .txt document, or .jsonl / .csv / .parquet records")
    p.add_argument("-o", "--output", required=True, help="where to write results (JSON Lines)")
    p.add_argument("--proposal", help="the proposal (records may carry their own 'proposal')")
    p.add_argument("--actors", help="JSON file: a list of names or {name: [aliases]} (default: find them)")
    p.add_argument("--model", default=None, help="model folder, hub id or shipped model name: default, fast (default: default)")
    p.add_argument("--device", default=None, help="cpu, cuda, cuda:1 ... (default: cuda if available)")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--no-ner", action="store_true", help="find actors with word lists only, not spaCy")
    p.add_argument("--consistency-weight", type=float, default=None,
                   help="how far a sentence leans toward the actor's other sentences (default: the model's; 0: off)")
    p.add_argument("--tone-weight", type=float, default=None,
                   help="how much of the actor's tone leaves each decision (default: the model's; 0: off, twice as fast)")
    p.add_argument("--table", action="store_true", help="print a table of actors and positions per document")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")

    t = sub.add_parser("train", help="fine-tune a model from a YAML config")
    t.add_argument("--config", required=True)
    t.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")

    e = sub.add_parser("evaluate", help="score a model on the datasets, the team's corpus, SEESAW and the seed article")
    e.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    e.add_argument("--data-root", default="../shared/data")
    e.add_argument("--corpus-dir", default="corpus")
    e.add_argument("--seed-dir", default="../shared/seed")
    e.add_argument("--only", nargs="*", default=None, help="parts to run: datasets corpus found-actors seesaw seed")
    e.add_argument("-o", "--output", default=None, help="write the metrics JSON here")
    e.add_argument("--plots", default=None, help="folder for confusion-matrix pictures")

    args = parser.parse_args(argv)
    try:
        if args.command == "predict":
            return _predict(args)
        if args.command == "train":
            from .training import TrainingConfig, train

            train(TrainingConfig.from_yaml(args.config, args.overrides))
            return EXIT_OK
        from .evaluation import run_evaluation

        metrics = run_evaluation(args.model, data_root=args.data_root, corpus_dir=args.corpus_dir,
                                 seed_dir=args.seed_dir, parts=args.only, plots_dir=args.plots)
        text = json.dumps(metrics, indent=2)
        if args.output:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(text if not args.output else f"metrics written to {args.output}")
        return EXIT_OK
    except (FileNotFoundError, ValueError, TypeError) as exc:
        print(f"stance {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _predict(args: argparse.Namespace) -> int:
    from .batch import BadRecord, read_input, write_jsonl_line
    from .detector import RecordError, StanceDetector

    actors: Any = None
    if args.actors:
        try:
            actors = json.loads(Path(args.actors).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"--actors {args.actors} is not valid JSON: {exc}") from exc
        from .actors import parse_actors

        parse_actors(actors)  # fail early with a clear message
    if args.proposal is not None and not args.proposal.strip():
        raise ValueError("--proposal is empty")
    skipped = 0
    lines: list[int] = []

    def good_records() -> Iterator[dict]:
        nonlocal skipped
        for item in read_input(args.input, args.proposal, actors):
            if isinstance(item, BadRecord):
                skipped += 1
                print(f"{args.input}:{item.line}: skipped: {item.error}", file=sys.stderr)
                continue
            lines.append(item.pop("_line"))
            yield item

    detector = StanceDetector.from_pretrained(args.model, device=args.device, use_ner=not args.no_ner,
                                              consistency_weight=args.consistency_weight, tone_weight=args.tone_weight)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(args.output, "w", encoding="utf-8") as out:
        results = detector.predict_batch(good_records(), batch_size=args.batch_size,
                                         show_progress_bar=not args.no_progress, errors="return")
        for position, result in enumerate(results):
            if isinstance(result, RecordError):
                skipped += 1
                print(f"{args.input}:{lines[position]}: skipped: {result.error}", file=sys.stderr)
                continue
            write_jsonl_line(out, result.to_dict())
            written += 1
            if args.table:
                print(f"\n[{result.id}] proposal: {result.proposal}")
                print(result.table() if result.actors else "(no actors found)")
    print(f"wrote {written} result(s) to {args.output}" + (f"; skipped {skipped} bad record(s)" if skipped else ""),
          file=sys.stderr)
    return EXIT_SKIPPED if skipped else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
