"""Reading records from files and writing results: .txt, .jsonl, .csv, .parquet in; JSONL out.

A malformed record is reported with its line (or row) number and becomes a :class:`BadRecord`; it is
never silently dropped, and every good record is still written, in input order.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

INPUT_FORMATS = (".txt", ".jsonl", ".json", ".csv", ".parquet")


@dataclass
class BadRecord:
    """A record that could not be read from the input file."""

    line: int
    error: str


def read_input(path: str | Path, proposal: str | None = None, actors: Any = None) -> Iterator[dict | BadRecord]:
    """Yield the records of an input file, with ``proposal`` / ``actors`` filled in where a record has none.

    ``.txt``: the whole file is one document (id: the file name). ``.jsonl``: one JSON object per line.
    ``.csv`` / ``.parquet``: one record per row (``text`` or ``sentences`` column; ``sentences`` may hold
    a JSON list). Each record gets ``_line``: its line or row number, for error messages.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise FileNotFoundError(f"input file {path} does not exist")
    if suffix not in INPUT_FORMATS:
        raise ValueError(f"unsupported input {path.name}: use one of {', '.join(INPUT_FORMATS)}")
    if suffix == ".txt":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield BadRecord(1, f"{path.name} is not UTF-8 text: {exc}")
            return
        yield _complete({"id": path.name, "text": text}, 1, proposal, actors)
        return
    if suffix in (".jsonl", ".json"):
        with open(path, encoding="utf-8", errors="replace") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield BadRecord(lineno, f"not valid JSON: {exc.msg}")
                    continue
                if not isinstance(record, dict):
                    yield BadRecord(lineno, f"expected a JSON object, got {type(record).__name__}")
                    continue
                yield _complete(record, lineno, proposal, actors)
        return
    if suffix == ".csv":
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            for rowno, row in enumerate(csv.DictReader(fh), 2):  # line 1 is the header
                yield _complete(_from_row(row), rowno, proposal, actors)
        return
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("reading .parquet needs pyarrow: pip install 'stance[files]'") from exc
    for rowno, row in enumerate(pq.read_table(path).to_pylist(), 1):
        yield _complete(_from_row(row), rowno, proposal, actors)


def _from_row(row: dict) -> dict:
    record = {k: v for k, v in row.items() if k is not None and v not in (None, "")}
    for key in ("sentences", "actors"):
        value = record.get(key)
        if isinstance(value, str) and value.strip()[:1] in "[{":
            try:
                record[key] = json.loads(value)
            except json.JSONDecodeError:
                pass
    return record


def _complete(record: dict | BadRecord, line: int, proposal: str | None, actors: Any) -> dict | BadRecord:
    if isinstance(record, BadRecord):
        return record
    record = dict(record)
    if proposal is not None and not record.get("proposal"):
        record["proposal"] = proposal
    if actors is not None and record.get("actors") is None:
        record["actors"] = actors
    record.setdefault("id", line)
    record["_line"] = line
    return record


def write_jsonl_line(fh: Any, data: dict) -> None:
    """One result per line, UTF-8, flushed so that a stopped job keeps what it wrote."""
    fh.write(json.dumps(data, ensure_ascii=False) + "\n")
    fh.flush()
