"""Refit a saved model's temperature, class bias, tone weight and consistency weight on its config's dev data,
leaving the weights as they are (training does this itself; use it for models trained before a calibration step
existed; `--set calibrate_class_bias=false` fits the temperature without a bias per label, `--set
calibrate_tone=true` fits a tone weight, stance.tone, where the config does not):

    python scripts/calibrate.py --model models/default --config configs/default.yaml
"""

import argparse
import sys

from stance.model import StanceModel
from stance.training import TrainingConfig, calibrate, load_calibration_records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="the saved model's folder")
    parser.add_argument("--config", required=True, help="the YAML config it was trained with")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    config = TrainingConfig.from_yaml(args.config, args.overrides)
    records = load_calibration_records(config)
    model = StanceModel.from_pretrained(args.model)
    before = {"temperature": model.temperature, "class_bias": model.class_bias,
              "tone_weight": getattr(model, "tone_weight", 0.0), "consistency_weight": model.consistency_weight}
    fitted = calibrate(model, records, config.eval_batch_size, config.calibrate_class_bias, config.calibrate_tone)
    model.save_calibration(args.model)
    print(f"{len(records)} dev records from {config.calibration_sources}: {before} -> {fitted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
