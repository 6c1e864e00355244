"""Fine-tune a stance model: python scripts/train.py --config configs/default.yaml [--set key=value ...]"""

import argparse
import sys

from stance.training import TrainingConfig, train


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", required=True, help="YAML file in configs/")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="override one config field (repeatable)")
    args = parser.parse_args(argv)
    config = TrainingConfig.from_yaml(args.config, args.overrides)
    train(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
