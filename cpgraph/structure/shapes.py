"""The shape of one line of text, read before any meaning: a list item and its marker, a
numbered or labelled heading, an upper-case line, a labelled field, a table row, or running text.

Every rule is about form (markers, numbers, capitals, colons, column gaps); the few words used
(heading labels such as "Priority" or "Pillar", numbers written as words, words a wrapped line
can stop on) live in ``data/lexicon/structure.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cpgraph import lexicon
from cpgraph.resolve import clean

# A list marker: symbols (with the private-use glyphs of PDF fonts), dashes, "1." "1)" "(1)" "(a)"
# "a)" "a." "(iv)" "iv." — followed by white space. "o" is Word's second-level bullet in text.
_SYMBOLS = "•·▪◦‣○●■□➢➤►▶✓✔✗❖◆◇➔→⁃∙*+o\\-–—"
_MARKER = re.compile(
    rf"^(?P<indent>[ \t]*)"
    rf"(?P<mark>[{_SYMBOLS}]|[\ue000-\uf8ff]"
    r"|\(\d{1,2}\)|\d{1,2}[.)]"
    r"|\((?:[ivxlc]{1,5}|[a-z])\)|(?:[ivxlc]{1,5}|[a-z])[.)])"
    r"(?:[ \t]+(?P<text>\S.*))?$"
)
# A section number: "3.1", "3.1.2", "2.", "10)" followed by text (depth = how many numbers).
_SECTION = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){1,3})\.?[ \t]+(?P<text>\S.*)$")
_UPPER_NUMBER = re.compile(r"^(?P<number>[A-Z]|[IVX]{1,5})[.)][ \t]+(?P<text>\S.*)$")
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)\]]*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_COLUMN_GAP = re.compile(r"\S(?P<gap> {3,}|\t+)(?=\S)")
_FIELD = re.compile(r"^(?P<label>[A-Z][^:]{0,79}?)\s*:(?!//)(?:[ \t]*(?P<value>.*))$")
_TIME = re.compile(r"\d:\d")
_CLAUSE_AFTER_COMMA = re.compile(
    r",\s+(?:this|that|we|you|they|it|he|she|there|i|which|who|so|but|because|and then|then)\s", re.I)


@dataclass(frozen=True)
class _Words:
    labels: re.Pattern[str]
    number_words: dict[str, int]
    dangling: frozenset[str]
    max_words: int
    max_chars: int


@cache
def _words() -> _Words:
    lex = lexicon.load("structure")
    numbers = lex["number_words"]
    labels = "|".join(re.escape(w) for w in sorted(lex["heading_labels"], key=len, reverse=True))
    number = rf"(?:\d{{1,2}}[a-z]?|{'|'.join(numbers)}|[IVX]{{1,5}})"
    pattern = re.compile(
        rf"^(?P<label>(?:{labels})[ \t]+{number})\b[ \t]*(?:[:.\-–—)][ \t]*|[ \t]+|$)(?P<text>.*)$"
        rf"|^(?P<bare>{labels})[ \t]*:[ \t]*(?P<rest>\S.{{0,60}})$",
        re.IGNORECASE,
    )
    return _Words(pattern, {k.casefold(): v for k, v in numbers.items()},
                  frozenset(w.casefold() for w in lex["dangling_words"]),
                  int(lex["max_heading_words"]), int(lex["max_heading_chars"]))


@dataclass(frozen=True)
class Marker:
    """A list marker found at the start of a line."""

    indent: int  # width of the white space before it (tabs count 4)
    mark: str  # as written: "•", "-", "1.", "(a)", "iv."
    text: str  # the text after it ("" when the marker stands alone on its line)

    @property
    def family(self) -> str:
        """The kind of marker, for telling nested lists apart: ``symbol:•``, ``number``,
        ``letter``, ``roman`` (parenthesised and plain forms apart)."""
        m = self.mark
        if len(m) == 1 and not m.isalnum():
            return f"symbol:{m}"
        if m == "o":
            return "symbol:o"
        core = m.strip("().")
        shape = "(" if m.startswith("(") else m[-1]
        if core.isdigit():
            return f"number{shape}"
        if re.fullmatch(r"[ivxlc]+", core) and (len(core) > 1 or core in "iv"):
            return f"roman{shape}"
        return f"letter{shape}"


def marker_of(raw: str) -> Marker | None:
    """The list marker opening ``raw``, or None. Lone markers ("(i)" on a line of its own) are
    markers with empty text."""
    m = _MARKER.match(raw.replace("\u00a0", " "))
    if not m:
        return None
    text = clean(m.group("text") or "")
    mark = m.group("mark")
    if mark == "o" and text and not re.match(r"[A-Za-z0-9£“\"'(]", text):
        return None
    return Marker(len(m.group("indent").expandtabs(4)), mark, text)


@dataclass(frozen=True)
class Numbered:
    """A line opening with a section number ("2. Your health", "3.1 Health", "B. Housing")."""

    number: str
    depth: int
    text: str


def numbered_of(raw: str) -> Numbered | None:
    """The section number and text of ``raw`` when it opens with one: a number with a dot or
    bracket ("2." "2)"), a dotted section number ("3.1"), or a capital letter or roman numeral
    with a dot ("B." "IV.")."""
    text = clean(raw)
    if m := _SECTION.match(text):
        number = m.group("number")
        return Numbered(number, number.count(".") + 1, m.group("text"))
    if m := re.match(r"^(?P<number>\d{1,2})[.)][ \t]+(?P<text>\S.*)$", text):
        return Numbered(m.group("number"), 1, m.group("text"))
    if m := _UPPER_NUMBER.match(text):
        return Numbered(m.group("number"), 1, m.group("text"))
    return None


@dataclass(frozen=True)
class Labelled:
    """A line opening with a heading label: "Pillar 3: Ready for adult life", "Priority Seven",
    "Theme: Health"."""

    label: str  # "Pillar 3", "Theme"
    text: str  # what follows the label ("Ready for adult life"), possibly ""
    numbered: bool


def labelled_of(raw: str) -> Labelled | None:
    """The heading label of ``raw`` when it opens with one (see ``Labelled``)."""
    text = clean(raw)
    m = _words().labels.match(text)
    if not m:
        return None
    if m.group("label"):
        label = clean(m.group("label"))
        rest = clean(m.group("text") or "")
        number = label.split()[-1]
        if not rest and not re.fullmatch(r"\d{1,2}[a-z]?|[IVX]{1,5}", number) and number.casefold() not in _words().number_words:
            return None
        if number.isupper() and len(number) > 1 and not rest:
            return None
        if rest[:1].islower() and not rest.startswith(("we", "we'", "we’")):
            return None  # "Part of …", "Area in which …": a sentence, not a label
        return Labelled(label, rest, True)
    return Labelled(clean(m.group("bare")), clean(m.group("rest")), False)


def number_value(number: str) -> int | None:
    """The integer a heading number stands for ("7", "Seven", "VII"), or None."""
    word = number.casefold()
    if word.isdigit():
        return int(word)
    if word in _words().number_words:
        return _words().number_words[word]
    if re.fullmatch(r"[ivx]+", word):
        values = {"i": 1, "v": 5, "x": 10}
        total = 0
        for a, b in zip(word, word[1:] + " ", strict=True):
            total += -values[a] if b != " " and values[a] < values[b] else values[a]
        return total
    return None


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation (possibly inside closing quotes)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def dangles(text: str) -> bool:
    """True when ``text`` stops where a sentence cannot: on a word such as "the", "of", "and",
    on a comma or a hyphen, so the next line carries it on."""
    text = text.rstrip()
    if not text or ends_sentence(text):
        return False
    if text[-1] in ",-–—(/&+":
        return True
    word = re.sub(r"[^\w'’]", "", text.split()[-1]).casefold()
    return word in _words().dangling


def is_upper(text: str) -> bool:
    """True when the letters of ``text`` are (nearly all) capitals and there are several."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def heading_shaped(text: str) -> bool:
    """True when ``text`` could be a heading: short, opening with a capital, a digit or a quote,
    no sentence punctuation or colon at its end, not a quotation with its attribution."""
    text = clean(text)
    w = _words()
    if not text or len(text) > w.max_chars or len(text.split()) > w.max_words:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "‘'“\""):
        return False
    bare = text.rstrip("\"'”’)]")
    if not bare or bare[-1] in ".,;:!?…" and bare != text or text[-1] in ".,;:!…":
        return False
    if re.search(r":\s*[a-z]", text):
        return False  # "Our principles:listening, honesty": a label and its detail
    if _CLAUSE_AFTER_COMMA.search(text):
        return False  # "When you achieve something, this is always recognised": a sentence
    if re.search(r"[a-z]{2}[.!?]\s+[A-Z]", text):
        return False  # two sentences ("… the report. Key stage 4 …")
    return not (first in "“\"" and text.count(first) == 1 and text.count("”") == 0)


def field_of(raw: str) -> tuple[str, str] | None:
    """``(label, value)`` when ``raw`` is a labelled field ``Label: value`` (a short capitalised
    label; the value may be empty, or follow the colon without a space); None otherwise."""
    text = clean(raw)
    m = _FIELD.match(text)
    if not m:
        return None
    label, value = clean(m.group("label")), clean(m.group("value") or "")
    words = label.split()
    if len(words) > 10 or _TIME.search(text[: len(label) + 2]) or any(c.isdigit() for c in label):
        return None
    if label.endswith((".", ",")) or "." in label.rstrip(".") and len(label) > 4:
        return None
    if re.search(r"[<>{}=\[\]\"“”]|[?!]\s", label):
        return None  # markup, code or a question inside a sentence: "on time <style>body{…}"
    return label, value


@cache
def _field_labels() -> frozenset[str]:
    lex = lexicon.load("fields")
    return frozenset(label.casefold() for kind, labels in lex.items()
                     if isinstance(labels, list) and kind != "none_values" for label in labels)


def known_field(label: str) -> bool:
    """True when ``label`` is a field label of action plans ("Lead officer", "What we will
    do", "By when"), from ``data/lexicon/fields.json``."""
    return clean(label).casefold() in _field_labels()


def table_cells(raw: str) -> list[str] | None:
    """The cells of ``raw`` when it reads as a table row: cells between pipes ("a | b | c"),
    separated by tabs, or by runs of three or more spaces. None for other lines."""
    line = raw.replace("\u00a0", " ").rstrip()
    if not line.strip():
        return None
    if line.count("|") >= 2 or (line.strip().startswith("|") and line.count("|") >= 1):
        cells = [clean(c) for c in line.strip().strip("|").split("|")]
        return cells if sum(1 for c in cells if c) >= 1 and len(cells) >= 2 else None
    if "\t" in line.strip():
        cells = [clean(c) for c in line.strip().split("\t")]
        return cells if sum(1 for c in cells if c) >= 2 else None
    if _COLUMN_GAP.search(line.strip()):
        cells = [clean(c) for c in re.split(r" {3,}", line.strip())]
        return cells if sum(1 for c in cells if c) >= 2 else None
    return None


def is_pipe_rule(raw: str) -> bool:
    """True for a Markdown table's rule line ("|---|:---:|")."""
    return bool(_PIPE_RULE.match(raw))


def column_starts(raw: str) -> list[int]:
    """Where each cell of a space-aligned row starts (character positions)."""
    line = raw.replace("\u00a0", " ").expandtabs(8).rstrip()
    starts = []
    for m in re.finditer(r"(?:^|(?<= {3}))\S", line):
        if not starts or m.start() - starts[-1] > 0:
            starts.append(m.start())
    first = len(line) - len(line.lstrip())
    if not starts or starts[0] != first:
        starts.insert(0, first)
    return sorted(set(starts))


def max_heading_words() -> int:
    """The longest line, in words, that is read as a heading."""
    return _words().max_words
