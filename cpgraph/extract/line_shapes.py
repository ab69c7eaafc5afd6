"""The shape of each line of a document: a bullet with its indent, a heading, a quotation or a
sentence, with lines broken by a reader joined back into one logical line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cpgraph.model import Span
from cpgraph.read.text import TextDocument
from cpgraph.resolve import clean

# A bullet mark: symbols (including private-use glyphs of PDF fonts), dashes, "1." "1)" "(i)" "a)"
_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)"
    r"(?P<mark>[•·▪◦‣○●■□➢➤►▶✓✔\-–—*]|\d{1,2}[.)]|\((?:[ivxlc]{1,5}|[a-z]|\d{1,2})\)|[a-z][.)]|[\ue000-\uf8ff])"
    r"[ \t]+(?P<text>\S.*)$"
)
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)]*$")
_QUOTE_START = re.compile(r"^[\"“”‘'’«]")
_LOWER_START = re.compile(r"^[a-z(]")


@dataclass
class LogicalLine:
    """One logical line: its text (cleaned, broken lines joined), where it is, and its shape."""

    text: str
    start: int  # 1-based line number of the first physical line
    end: int  # 1-based line number of the last physical line
    indent: int | None  # indent width of the bullet mark; None when the line is not a bullet

    @property
    def is_bullet(self) -> bool:
        """True when the line is a list item."""
        return self.indent is not None

    def span(self, source: str) -> Span:
        """The source span of this line."""
        return Span(source, self.start, self.end)


def bullet_of(raw: str) -> tuple[int, str] | None:
    """``(indent width, text)`` when ``raw`` is a list item, else None."""
    m = _BULLET.match(raw.replace("\u00a0", " "))
    if not m:
        return None
    return len(m.group("indent").expandtabs(4)), clean(m.group("text"))


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation (possibly inside closing quotes)."""
    return bool(_SENTENCE_END.search(text.strip()))


def is_quotation(text: str) -> bool:
    """True when ``text`` is a quotation (it opens with a quote mark), usually with an attribution."""
    return bool(_QUOTE_START.match(text.strip()))


def is_heading_shaped(text: str, *, max_words: int = 12) -> bool:
    """True when ``text`` could be a heading: short, capitalised, no comma, no closing punctuation
    and not a quotation. (Sentences without a full stop usually hold a comma; headings do not.)"""
    text = text.strip()
    if not text or len(text) > 90 or len(text.split()) > max_words:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if "," in text or ";" in text or is_quotation(text):
        return False
    return not re.search(r"[.!?;:,]$", text)


def logical_lines(doc: TextDocument) -> list[LogicalLine]:
    """The non-blank lines of ``doc`` in order, each bullet and paragraph one item.

    A physical line directly below another (no blank line between) that starts in lower case
    continues it when the line above does not end a sentence; so does an unmarked line directly
    below a bullet that does not end a sentence (a bullet broken over two lines).
    """
    out: list[LogicalLine] = []
    previous_blank = True
    for number, raw in enumerate(doc.lines, start=1):
        text = clean(raw)
        if not text:
            previous_blank = True
            continue
        bullet = bullet_of(raw)
        last = out[-1] if out and not previous_blank else None
        if (
            bullet is None
            and last is not None
            and not ends_sentence(last.text)
            and (_LOWER_START.match(text) or (last.is_bullet and not is_heading_shaped(text)))
        ):
            last.text = f"{last.text} {text}"
            last.end = number
        elif bullet is not None:
            out.append(LogicalLine(bullet[1], number, number, bullet[0]))
        else:
            out.append(LogicalLine(text, number, number, None))
        previous_blank = False
    return out


def bullet_block(lines: list[LogicalLine], start: int) -> tuple[list[LogicalLine], int]:
    """The run of bullets beginning at index ``start`` and the index just after it."""
    end = start
    while end < len(lines) and lines[end].is_bullet:
        end += 1
    return lines[start:end], end


def nest_items(bullets: list[LogicalLine]) -> list[tuple[str, int, int]]:
    """Top-level items of a bullet block as ``(text, start, end)``, nested items joined to their
    parent: ``"Parent: child one; child two"`` (the parent's own ':' is kept, not doubled)."""
    if not bullets:
        return []
    top = min(b.indent or 0 for b in bullets)
    items: list[tuple[str, int, int, list[str]]] = []
    for b in bullets:
        if (b.indent or 0) > top and items:
            text, start, _end, children = items[-1]
            children.append(b.text.rstrip(";"))
            items[-1] = (text, start, b.end, children)
        else:
            items.append((b.text, b.start, b.end, []))
    joined = []
    for text, start, end, children in items:
        if children:
            head = text if text.endswith(":") else f"{text}:"
            text = f"{head} {'; '.join(children)}"
        joined.append((text, start, end))
    return joined
