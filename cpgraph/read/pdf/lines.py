"""Words grouped into lines, and the shape of each line: the size most of it is set in, its
weight, a bullet or list number opening it, and its segments (pieces set apart by wide gaps);
two lines of one text joined; the metrics of the document (body size, space and character
widths) and the usual gap between the lines of a paragraph."""

from __future__ import annotations

import re
from collections import Counter

from cpgraph.read.pdf.chars import _BULLETS
from cpgraph.read.pdf.elements import _Line, _Metrics, _Page, _Word

# A list number or letter standing alone before the text: "1." "2)" "(3)" "a)" "(b)" "iv." "B."
_NUMBER_MARK = re.compile(r"^(?:\(?\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-zA-Z][.)]|\([a-z]\)|\(?[ivxIVX]{1,5}[.)])$")
# A section number before a heading's text ("2", "3.1", "4.2.1."): not a table column of its own.
_SECTION_MARK = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z][.)]|[IVX]{1,5}[.)])$")
_LETTER = re.compile(r"[^\W\d_]")


def _join(a: str, b: str) -> str:
    """Two lines of one text joined: a word broken at a hyphen keeps its hyphen and no space."""
    if not a:
        return b
    if not b:
        return a
    if len(a) > 1 and a[-1] == "-" and a[-2].isalpha() and b[:1].islower():
        return a + b
    return f"{a} {b}"


def _group(words: list[_Word]) -> list[_Line]:
    """Words into lines: a word joins the line above it when they overlap by half the height of
    the smaller."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            line = lines[-1]
            overlap = min(line.bottom, w.bottom) - max(line.top, w.top)
            if overlap >= 0.5 * min(line.bottom - line.top, w.bottom - w.top):
                line.words.append(w)
                line.top, line.bottom = min(line.top, w.top), max(line.bottom, w.bottom)
                continue
        lines.append(_Line([w], top=w.top, bottom=w.bottom))
    return lines


def _shape(line: _Line, metrics: _Metrics) -> None:
    """Size, weight, marker and segments of ``line``."""
    words = sorted(line.words, key=lambda w: w.x0)
    sizes: Counter[float] = Counter()
    bold = plain = 0
    for w in words:
        sizes[_round(w.size)] += len(w.text)
        if _LETTER.search(w.text):
            if w.bold:
                bold += len(w.text)
            else:
                plain += len(w.text)
    line.size = sizes.most_common(1)[0][0]
    line.bold = bold > 0 and plain == 0
    line.x0, line.x1 = words[0].x0, max(w.x1 for w in words)
    first = words[0]
    if first.text in ("•", "–") and len(words) > 1:
        line.bullet = True
        line.text_x = words[1].x0
        words = words[1:]
    elif first.text[0] in _BULLETS and first.text[0] != "–" and len(first.text) > 1:  # "•Text": glued on
        share = (first.x1 - first.x0) / len(first.text)
        line.bullet = True
        line.text_x = first.x0 + share
        words = [_Word(first.text[1:].lstrip(), first.x0 + share, first.x1, first.top, first.bottom,
                       first.size, first.bold), *words[1:]]
    elif _NUMBER_MARK.match(words[0].text) and len(words) > 1:
        line.number = True
        line.text_x = words[1].x0
    line.words = words
    gap = 2.5 * metrics.space * line.size
    wide = [k for k in range(1, len(words)) if words[k].x0 - words[k - 1].x1 > gap]
    if wide == [1] and (line.number or _SECTION_MARK.match(words[0].text)):
        wide = []  # "1.<tab>Text", "2.3<tab>Heading": a number, not a column of its own
    segments: list[tuple[float, str]] = []
    start, text, last = words[0].x0, words[0].text, words[0]
    for k, w in enumerate(words[1:], start=1):
        space = w.x0 - last.x1
        if k in wide:
            segments.append((start, text))
            start, text = w.x0, w.text
        elif space < 0.12 * max(w.size, last.size, 1.0) and w.size != last.size or (
                space < 0.05 * max(w.size, 1.0)):
            text += w.text  # one word split by a change of font
        else:
            text = f"{text} {w.text}"
        last = w
    segments.append((start, text))
    line.segments = segments


def _round(size: float) -> float:
    return round(size * 2) / 2


def _metrics(page_words: list[list[_Word]], spaces: list[float]) -> _Metrics:
    sizes: Counter[float] = Counter()
    bold: Counter[float] = Counter()
    for words in page_words:
        for w in words:
            if w.text != "•":
                sizes[_round(w.size)] += len(w.text)
                if w.bold:
                    bold[_round(w.size)] += len(w.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    width = chars = 0.0
    for words in page_words:
        for w in words:
            if _round(w.size) == body:
                width += w.x1 - w.x0
                chars += len(w.text)
    space = sorted(spaces)[len(spaces) // 2] if spaces else 0.25
    char = width / chars / body if chars and body else 0.5
    return _Metrics(body=body or 10.0, space=min(max(space, 0.15), 0.5), char=min(max(char, 0.3), 0.8),
                    bold_body=bold[body] > 0.5 * sizes[body] if sizes else False)


def _line_gap(pages: list[_Page], body: float) -> float:
    """The usual white space between two lines of a paragraph of body text, as a share of the
    body size: the median gap below a body line that fills its page's width and is carried on by
    the next at the same x (a line that wrapped), else a low quartile of the gaps between body
    lines (so paragraph breaks and spaced lists do not count)."""
    wrapped, gaps = [], []
    for page in pages:
        lines = [e for e in page.elements if isinstance(e, _Line) and e.size == body]
        if not lines:
            continue
        right = max(e.x1 for e in lines)
        left = min(e.x0 for e in lines)
        for a, b in zip(lines, lines[1:], strict=False):
            if b.top < a.bottom - 0.5:
                continue
            gap = max(b.top - a.bottom, 0.0)
            gaps.append(gap)
            if (not b.bullet and abs(a.x0 - b.x0) <= 1 and a.x1 >= right - 0.12 * (right - left)
                    and len(a.segments) == 1):
                wrapped.append(gap)
    chosen = wrapped if len(wrapped) >= 3 else gaps
    if not chosen:
        return 0.25
    chosen.sort()
    return min(chosen[len(chosen) // 2 if chosen is wrapped else len(chosen) // 4] / body, 1.5)
