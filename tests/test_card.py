from stance.card import render_model_card, set_card_section
from stance.training import TrainingConfig


def test_card_names_data_licences_and_metrics():
    metrics = {"train_records": {"corpus": 10, "gwsd": 5}, "temperature": 1.3, "consistency_weight": 0.35,
               "class_bias": {"support": -0.2, "oppose": 0.0, "neutral": 0.2}, "train_seconds": 12.0,
               "dev": {"corpus": {"n": 8, "macro_f1": 0.5, "accuracy": 0.6, "ece": 0.1}}}
    card = render_model_card(TrainingConfig(sources={"corpus": 10, "gwsd": 5}), metrics)
    assert "| gwsd | 5 | no licence file; research use |" in card
    assert "| corpus | 8 | 0.500 | 0.600 | 0.100 |" in card
    assert "temperature (fitted on dev): 1.3" in card and "consistency weight" in card and "0.35" in card
    assert "'support': -0.2" in card
    assert "distilled from" not in card


def test_card_names_the_teacher_of_a_distilled_model(tmp_path):
    (tmp_path / "stance_config.json").write_text("{}")
    metrics = {"train_records": {"corpus": 10}, "dev": {}}
    card = render_model_card(TrainingConfig(sources={"corpus": 10}, teacher=str(tmp_path), distill_weight=0.25), metrics)
    assert f"distilled from `{tmp_path}`" in card and "weight 0.25 beside the labels' 0.75" in card


def test_card_sections_are_replaced_not_repeated(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("# m\n\n## Data\n\nd\n\n## Intended use\n\nu\n", encoding="utf-8")
    set_card_section(path, "Evaluation", "first")
    set_card_section(path, "Evaluation", "second")
    text = path.read_text()
    assert text.count("## Evaluation") == 1 and "second" in text and "first" not in text
    assert text.index("## Evaluation") < text.index("## Intended use")


def test_card_gives_the_training_length_that_ran_and_the_stored_precision():
    metrics = {"train_records": {"corpus": 10}, "dev": {}}
    by_epochs = render_model_card(TrainingConfig(epochs=2), metrics)
    assert "- epochs 2" in by_epochs and "steps" not in by_epochs and "float16" not in by_epochs
    by_steps = render_model_card(TrainingConfig(epochs=2, max_steps=300, half_precision=True), metrics)
    assert "- 300 steps" in by_steps and "epochs" not in by_steps and "weights stored in float16" in by_steps
    assert "started from" not in by_epochs
    continued = render_model_card(TrainingConfig(epochs=1, init_from="runs/first"), metrics)
    assert "- started from the saved model `runs/first`" in continued
    assert continued.index("started from") < continued.index("- epochs 1")
