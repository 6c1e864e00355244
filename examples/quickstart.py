"""The library in a few lines: python examples/quickstart.py"""

from pathlib import Path

from stance import StanceDetector

detector = StanceDetector.from_pretrained()  # the default model shipped with the library, offline
text = (Path(__file__).parent / "congestion_charge.txt").read_text(encoding="utf-8")
result = detector.predict(text, proposal="Riverton introduces an £8 congestion charge for the city centre")
print(result.table())
for sentence in result.sentences:
    for s in sentence.stances:
        print(f"[{sentence.index}] {s.actor:<30} {s.label:<8} ({s.mention!r})")
