"""Score a model on every dataset's test split, the team's dev corpus, SEESAW and the seed article.

    python scripts/evaluate.py --model models/default -o models/default/eval_metrics.json --plots models/default/plots
"""

import argparse
import json
import sys
from pathlib import Path

from stance.evaluation import run_evaluation


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    parser.add_argument("--data-root", default="../shared/data")
    parser.add_argument("--corpus-dir", default="corpus")
    parser.add_argument("--seed-dir", default="../shared/seed")
    parser.add_argument("--only", nargs="*", default=None, help="datasets corpus found-actors seesaw seed")
    parser.add_argument("--max-records", type=int, default=2000, help="per public dataset")
    parser.add_argument("--seesaw-split", choices=["train", "dev", "test"], default=None,
                        help="score one part of SEESAW's stories (for research models trained on its train part)")
    parser.add_argument("-o", "--output", default=None)
    parser.add_argument("--plots", default=None, help="folder for confusion-matrix PNGs")
    parser.add_argument("--card", action="store_true", help="write the table into the model card (README.md)")
    args = parser.parse_args(argv)
    metrics = run_evaluation(args.model, data_root=args.data_root, corpus_dir=args.corpus_dir, seed_dir=args.seed_dir,
                             parts=args.only, plots_dir=args.plots, max_records=args.max_records,
                             seesaw_split=args.seesaw_split)
    if args.output:
        Path(args.output).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    table = summary_table(metrics)
    print(table)
    if args.card and args.model:
        from stance.card import set_card_section

        command = "python scripts/evaluate.py " + " ".join(argv if argv is not None else sys.argv[1:])
        set_card_section(Path(args.model) / "README.md", "Evaluation",
                         f"Measured with `{command}`:\n\n{table}\n")
    return 0


def summary_table(m: dict) -> str:
    rows = ["| evaluation | n | macro-F1 | accuracy | ECE | notes |", "|---|---|---|---|---|---|"]

    def row(name: str, x: dict, notes: str = "") -> None:
        ece = f"{x['ece']:.3f}" if "ece" in x else "-"
        rows.append(f"| {name} | {x['n']} | {x['macro_f1']:.3f} | {x['accuracy']:.3f} | {ece} | {notes} |")

    for name, x in m.get("datasets", {}).items():
        row(f"{name} (test)", x, "2-way" if set(x["labels"]) <= {"support", "oppose"} else "3-way")
    for key, label in (("corpus_dev", "team corpus dev, actors with aliases"),
                       ("corpus_dev_names_only", "team corpus dev, canonical names only"),
                       ("corpus_dev_found_actors", "team corpus dev, actors found by the library")):
        if key in m:
            f = m[key]["actor_finding"]
            found = (f"; {f['actors_found']} actors found, {f['actors_matching_none']} matching no labelled one"
                     if "actors_found" in f else "")
            row(label, m[key], f"3-way; actor finding P {f['precision']:.3f} R {f['recall']:.3f}; "
                               f"document accuracy {m[key]['document_accuracy']:.3f} ({m[key]['document_actors']} actors)"
                               + found)
    if "seesaw" in m:
        split = m["seesaw"].get("split", "all")
        row("SEESAW dev (real news)" + ("" if split == "all" else f", {split} stories"), m["seesaw"], f"support vs oppose; actor found in {m['seesaw']['actor_found']:.1%} "
                                                   f"of {m['seesaw']['cases']} cases"
            + (f"; document accuracy {m['seesaw']['document_accuracy']:.3f} ({m['seesaw']['document_actors']} actors)"
               if "document_accuracy" in m["seesaw"] else ""))
    if "seed" in m:
        docs = ", ".join(f"{a} {v['predicted']}" + ("" if v["gold"] == v["predicted"] else f" (gold {v['gold']})")
                         for a, v in m["seed"]["document_positions"].items())
        row("seed article", m["seed"], f"3-way; documents: {docs}")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
