import json
import subprocess
import sys

import pytest

from stance.cli import main

PROPOSAL = "The EU raises its defence budget"


def test_predict_jsonl_reports_bad_lines_and_keeps_order(tiny_model_dir, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": "Paris rejected the plan. Berlin backed it."}),
        "{not json",
        json.dumps({"id": "b", "text": "   "}),
        json.dumps({"id": "c", "sentences": ["Berlin agreed."], "proposal": "Another proposal"}),
        json.dumps(["a", "list"]),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["predict", "--proposal", PROPOSAL, str(src), "-o", str(out), "--model", str(tiny_model_dir),
                 "--no-ner", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1
    assert "in.jsonl:2:" in err and "in.jsonl:3:" in err and "in.jsonl:5:" in err
    rows = [json.loads(l) for l in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "c"]
    assert rows[0]["proposal"] == PROPOSAL and rows[1]["proposal"] == "Another proposal"
    assert "sentences" in rows[0] and "actors" in rows[0]


def test_predict_txt_with_actor_file_and_table(tiny_model_dir, tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text("Paris rejected the plan. Mr. Scholz backed it.", encoding="utf-8")
    actors = tmp_path / "actors.json"
    actors.write_text(json.dumps({"France": [], "Germany": ["Scholz"]}), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = main(["predict", "--proposal", PROPOSAL, "--actors", str(actors), str(doc), "-o", str(out),
                 "--model", str(tiny_model_dir), "--table", "--no-progress"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "France" in printed and "Germany" in printed
    row = json.loads(out.read_text())
    assert row["id"] == "doc.txt"
    assert [a["actor"] for a in row["actors"]] == ["France", "Germany"]


def test_predict_csv_and_parquet(tiny_model_dir, tmp_path):
    import csv

    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "text", "proposal"])
        w.writeheader()
        w.writerow({"id": "x", "text": "Paris said no.", "proposal": PROPOSAL})
        w.writerow({"id": "y", "text": "", "proposal": PROPOSAL})
        w.writerow({"id": "z", "text": "Berlin said yes.", "proposal": PROPOSAL})
    out = tmp_path / "out.jsonl"
    assert main(["predict", str(src), "-o", str(out), "--model", str(tiny_model_dir), "--no-ner", "--no-progress"]) == 1
    assert [json.loads(l)["id"] for l in out.read_text().splitlines()] == ["x", "z"]

    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"id": ["p", "q"], "text": ["Paris said no.", "Berlin said yes."]})
    pq.write_table(table, tmp_path / "in.parquet")
    out2 = tmp_path / "out2.jsonl"
    assert main(["predict", "--proposal", PROPOSAL, str(tmp_path / "in.parquet"), "-o", str(out2),
                 "--model", str(tiny_model_dir), "--no-ner", "--no-progress"]) == 0
    assert [json.loads(l)["id"] for l in out2.read_text().splitlines()] == ["p", "q"]


def test_usage_errors_exit_2(tiny_model_dir, tmp_path, capsys):
    assert main(["predict", "--proposal", PROPOSAL, str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o.jsonl"),
                 "--model", str(tiny_model_dir)]) == 2
    bad = tmp_path / "actors.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("Paris said no.", encoding="utf-8")
    assert main(["predict", "--proposal", PROPOSAL, "--actors", str(bad), str(doc), "-o", str(tmp_path / "o.jsonl"),
                 "--model", str(tiny_model_dir)]) == 2
    assert "actor names must be strings" in capsys.readouterr().err
    assert main(["predict", "--proposal", PROPOSAL, str(doc), "-o", str(tmp_path / "o.jsonl"),
                 "--model", str(tiny_model_dir), "--consistency-weight", "-1"]) == 2
    assert "consistency_weight must be >= 0" in capsys.readouterr().err
    assert main(["predict", "--proposal", PROPOSAL, str(doc), "-o", str(tmp_path / "o.jsonl"),
                 "--model", str(tiny_model_dir), "--tone-weight", "-1"]) == 2
    assert "tone_weight must be >= 0" in capsys.readouterr().err


def test_python_dash_m_works():
    proc = subprocess.run([sys.executable, "-m", "stance", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "predict" in proc.stdout
