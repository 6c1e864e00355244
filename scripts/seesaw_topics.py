"""SEESAW support-vs-oppose accuracy per topic and per group of topics, for one or more models side by side.

    python scripts/seesaw_topics.py --model runs/before --model models/default \
        --groups configs/eval/seesaw_topic_kinds.json --min-cases 8
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from stance import StanceDetector
from stance.evaluation import accuracy_by_topic, evaluate_seesaw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", required=True, help="model folder (repeat to compare)")
    parser.add_argument("--data-dir", default="../shared/data/seesaw_dev")
    parser.add_argument("--groups", default=None, help="JSON: group name -> list of topics (keys starting '_' skipped)")
    parser.add_argument("--min-cases", type=int, default=8, help="topics with fewer cases are left out of the topic table")
    parser.add_argument("-o", "--output", default=None, help="write every model's scored cases and tables as JSON")
    args = parser.parse_args(argv)
    groups = None
    if args.groups:
        groups = {k: v for k, v in json.loads(Path(args.groups).read_text(encoding="utf-8")).items() if not k.startswith("_")}
    results = {}
    for model in args.model:
        scored = evaluate_seesaw(StanceDetector.from_pretrained(model), args.data_dir, with_cases=True)["scored_cases"]
        results[model] = {"scored_cases": scored, **accuracy_by_topic(scored, groups, args.min_cases)}
    names = list(results)
    header = "| topic | n | " + " | ".join(names) + " |\n|---|---|" + "---|" * len(names)
    print(header)
    for topic, row in results[names[0]]["topics"].items():
        cells = " | ".join(f"{results[m]['topics'].get(topic, {}).get('accuracy', '-')}" for m in names)
        print(f"| {topic[:70]} | {row['n']} | {cells} |")
    if groups:
        print("\n" + header.replace("topic", "group"))
        for group, row in results[names[0]]["groups"].items():
            cells = " | ".join(f"{results[m]['groups'][group]['accuracy']}" for m in names)
            print(f"| {group} | {row['n']} | {cells} |")
    if args.output:
        Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
