"""Quotation marks: the paragraphs of a text and the quotations in each.

Shared by :mod:`pipeline.quotes` (who said what) and :mod:`pipeline.dates` (a relative date inside
a quotation is dated by the statement, not the publication). Pure: no model, no I/O. The marks
handled are described in :func:`find_quotes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class QSpan:
    open_: int  # offset of the opening mark
    close: int | None  # offset of the closing mark (None: runs to the paragraph end)
    start: int  # content start
    end: int  # content end
    para: int  # paragraph index


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text``."""
    out, pos = [], 0
    for p in text.split("\n"):
        out.append((pos, pos + len(p)))
        pos += len(p) + 1
    return out


_MARKS = re.compile(r"[“”\"]")


def find_quotes(text: str, paras: list[tuple[int, int]]) -> list[QSpan]:
    """Quotations per paragraph: curly and straight marks, mixed pairs (``"...”``), a closing mark
    used as an opener (``”...”``), marks glued to words (``kata dia,"Saya``) and quotations nested
    inside another (kept inside the outer one). A quotation left open at its paragraph's end runs
    to that end (``close`` None)."""
    spans: list[QSpan] = []
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        opener = ""
        depth = 0
        for m in _MARKS.finditer(text, ps, pe):
            i = m.start()
            c = text[i]
            prev = text[i - 1] if i > ps else " "
            nxt = text[i + 1] if i + 1 < pe else " "
            if open_at is None:
                if nxt.isspace() and not prev.isspace() and i > ps and c != "“":
                    continue  # a stray closing mark
                open_at, opener, depth = i, c, 1
                continue
            opener_like = (prev.isspace() or prev in "([") and not nxt.isspace()
            if c == "“" and opener_like:
                depth += 1  # nested quotation
                continue
            if c == '"' and opener_like and opener == "“":
                depth += 1
                continue
            if depth > 1:
                depth -= 1
                continue
            if i == open_at + 1:
                open_at = None
                continue
            spans.append(QSpan(open_at, i, open_at + 1, i, pi))
            open_at, depth = None, 0
        if open_at is not None:
            end = pe
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            if end > open_at + 1:
                spans.append(QSpan(open_at, None, open_at + 1, end, pi))
    return spans
