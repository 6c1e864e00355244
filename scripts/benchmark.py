"""Speed and memory of inference: length-sorted batches (the library) against one pair at a time
(reference), on the same documents, in the same run.

    python scripts/benchmark.py --model models/default --docs 40
"""

import argparse
import json
import resource
import time

from stance import StanceDetector
from stance.segment import split_sentences


def _documents(n: int) -> list[dict]:
    base = open("examples/congestion_charge.txt", encoding="utf-8").read()
    actors = json.load(open("examples/actors.json", encoding="utf-8"))
    return [{"id": i, "text": base, "proposal": "Riverton introduces an £8 congestion charge", "actors": actors}
            for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--tone-weight", type=float, default=None,
                        help="override the model's tone weight (0: one pass per pair instead of two)")
    args = parser.parse_args()
    det = StanceDetector.from_pretrained(args.model, device="cpu", use_ner=False, tone_weight=args.tone_weight)
    docs = _documents(args.docs)
    sentences = sum(len(split_sentences(d["text"])) for d in docs)
    rows = []
    for name, batch_size in (("library (sorted batches of %d)" % args.batch_size, args.batch_size), ("reference (1 pair at a time)", 1)):
        start = time.perf_counter()
        results = list(det.predict_batch(docs, batch_size=batch_size))
        seconds = time.perf_counter() - start
        pairs = sum(len(s.stances) for r in results for s in r.sentences)
        rows.append((name, seconds, pairs / seconds, len(docs) / seconds))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(docs)} documents, {sentences} sentences, {pairs} actor-sentence pairs; peak RSS {peak_mb:.0f} MB")
    print(f"{'run':<34}{'seconds':>9}{'pairs/s':>10}{'docs/s':>9}")
    for name, seconds, pps, dps in rows:
        print(f"{name:<34}{seconds:>9.2f}{pps:>10.1f}{dps:>9.2f}")


if __name__ == "__main__":
    main()
