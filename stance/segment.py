"""Sentence splitting for news text.

A rule-based splitter: it knows the abbreviations of news prose ("Mr.", "U.S.", "Gen."), keeps closing
quotes with their sentence, and cuts over-long runs without punctuation into pieces of at most
``max_chars`` characters at whitespace, so that no single "sentence" can exhaust memory or time.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "adm",
    "st", "jr", "sr", "rev", "hon", "pres", "vs", "etc", "inc", "corp", "ltd", "co", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept",
    "est", "mt", "ft", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "e.g", "i.e", "d.c",
}
# A candidate boundary: end punctuation, optional closing quotes/brackets, whitespace, then a likely start.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9À-Ý])")
_NEWLINES = re.compile(r"\n\s*\n|\r\n\s*\r\n")
DEFAULT_MAX_CHARS = 1000


def split_sentences(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> list[str]:
    """Split ``text`` into sentences, dropping empty ones.

    Example:
        >>> split_sentences("Mr. Obama spoke. He said no.")
        ['Mr. Obama spoke.', 'He said no.']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    sentences: list[str] = []
    for paragraph in _NEWLINES.split(text):
        for line in _paragraph_lines(paragraph):
            sentences.extend(_split_paragraph(line, max_chars))
    return sentences


def _paragraph_lines(paragraph: str) -> list[str]:
    # Single newlines inside a paragraph are line wrapping, except when a line looks like a heading
    # (no end punctuation) followed by a new line: keep those apart.
    lines = [ln.strip() for ln in paragraph.split("\n")]
    merged: list[str] = []
    for ln in lines:
        if not ln:
            continue
        if merged and not re.search(r"[.!?…\"”’:]$", merged[-1]) and len(merged[-1]) < 80:
            merged.append(ln)  # previous line is a heading
        elif merged:
            merged[-1] = merged[-1] + " " + ln
        else:
            merged.append(ln)
    return merged


def _split_paragraph(paragraph: str, max_chars: int) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        if _ends_with_abbreviation(paragraph[start:match.start() + 1]):
            continue
        piece = paragraph[start:end].strip()
        if piece:
            out.extend(_cap_length(piece, max_chars))
        start = end
    rest = paragraph[start:].strip()
    if rest:
        out.extend(_cap_length(rest, max_chars))
    return out


def _ends_with_abbreviation(piece: str) -> bool:
    m = re.search(r"(\S+)\.$", piece)
    if not m:
        return False
    word = m.group(1).lstrip("\"'“‘([").lower()
    # initials ("J." in "J. Smith") and known abbreviations ("Mr.", "U.S.")
    return (len(word) == 1 and word.isalpha()) or word in _ABBREVIATIONS


def _cap_length(sentence: str, max_chars: int) -> list[str]:
    if len(sentence) <= max_chars:
        return [sentence]
    pieces = []
    while len(sentence) > max_chars:
        cut = sentence.rfind(" ", 0, max_chars)
        if cut <= max_chars // 2:
            cut = max_chars
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    if sentence:
        pieces.append(sentence)
    return [p for p in pieces if p]
