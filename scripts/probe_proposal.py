"""Does a model read the proposal, or only the actor's tone? Scores SEESAW's cases (support vs oppose, the
actor's mention found as in training) with the real proposal, with it negated, and with an unrelated one:

    python scripts/probe_proposal.py --model models/default

A model that reads the proposal changes its answer when the proposal turns into its opposite, and loses
its accuracy when the proposal is about something else.
"""

import argparse
import dataclasses
import sys

import numpy as np

from stance.data.seesaw import convert_all
from stance.model import StanceModel

UNRELATED = "a new stadium for the city football club"
VARIANTS = {"opposition to P": "opposition to {}", "no P": "no {}", "stopping P": "stopping {}",
            "unrelated proposal": UNRELATED}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None, help="model folder (default: the shipped model)")
    parser.add_argument("--data", default="../shared/data/seesaw_dev")
    args = parser.parse_args(argv)
    model = StanceModel.from_pretrained(args.model)
    records = [r for r in convert_all(args.data) if r.mention]
    gold = np.array([r.label == "support" for r in records])

    def p_support(template: str) -> np.ndarray:
        pairs = [dataclasses.replace(r, proposal=template.format(r.proposal)).to_pair(model.encoding) for r in records]
        probs = model.predict_proba(pairs, batch_size=64)
        s, o = probs[:, model.labels.index("support")], probs[:, model.labels.index("oppose")]
        return s / (s + o)

    real = p_support("{}")
    print(f"{len(records)} SEESAW cases with the actor's mention found")
    print(f"{'proposal':<20} {'accuracy':>8} {'decisions flipped':>18}")
    print(f"{'real':<20} {((real >= 0.5) == gold).mean():>8.3f} {'-':>18}")
    for name, template in VARIANTS.items():
        q = p_support(template)
        print(f"{name:<20} {((q >= 0.5) == gold).mean():>8.3f} {((q >= 0.5) != (real >= 0.5)).mean():>18.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
