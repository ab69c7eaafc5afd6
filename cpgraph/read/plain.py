"""Plain text and Markdown: decoded, split into the file's own lines (numbers equal the file's),
kept as written apart from page furniture (blanked) and, in Markdown, heading marks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from cpgraph.errors import InputError
from cpgraph.read import furniture
from cpgraph.read.safety import sniff
from cpgraph.read.text import LineHint, TextDocument

# Line terminators: \r\n, \n, or a lone \r (universal newlines, as Python reads text files).
_NEWLINE = re.compile(r"\r\n|\r|\n")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1a")


def decode_text(data: bytes, path: Path) -> str:
    """``data`` as text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else Windows-1252 when it
    decodes cleanly into plausible text. Anything else is an InputError naming ``path``."""

    def refuse(reason: str) -> InputError:
        return InputError(f"{path} is not readable text ({reason})")

    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
        (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
        (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
        (b"\xff\xfe", "utf-16", "UTF-16"),
        (b"\xfe\xff", "utf-16", "UTF-16"),
    )
    text: str | None = None
    for bom, codec, name in boms:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise refuse(f"it starts with a {name} mark but is not valid {name}") from exc
            break
    if text is None:
        what = sniff(data)
        if what:
            raise refuse(f"it is {what}")
        if b"\x00" in data:
            raise refuse("it holds NUL bytes, so it looks like a binary file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise refuse("it is not UTF-8, UTF-16 or Windows-1252 text") from exc
            if not _plausible_cp1252(text):
                raise refuse("it is not UTF-8, UTF-16 or Windows-1252 text") from None
    if "\x00" in text:
        raise refuse("it holds NUL characters, so it looks like a binary file")
    controls = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    if controls > max(2, len(text) // 100):
        raise refuse("it is mostly control characters, so it looks like a binary file")
    return text


def _plausible_cp1252(text: str) -> bool:
    """Western text decoded as Windows-1252 is mostly ASCII; random bytes are not."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return True
    ascii_share = sum(1 for ch in visible if " " < ch < "\x7f") / len(visible)
    return ascii_share >= 0.7


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without terminators; a final terminator does not open a new line."""
    lines = _NEWLINE.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


# Markdown marks that are not text: ATX heading marks, fences, rules and setext underlines.
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_RULE = re.compile(r"^ {0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*|```.*|~~~.*)$")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")


def markdown_line(line: str) -> str:
    """A Markdown line as plain text: heading marks, strong emphasis and link targets dropped;
    list markers kept; rules and fences blanked."""
    if _MD_RULE.match(line):
        return ""
    if m := _MD_HEADING.match(line):
        line = m.group(1)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_STRONG.sub(r"\2", line)
    # a line set wholly in italics ("*Published by …*") is plain text in italics
    return re.sub(r"^(\s*)([*_])(?=\S)([^*_]+?)(?<=\S)\2\s*$", r"\1\3", line)


def markdown_hints(lines: list[str]) -> dict[int, LineHint]:
    """Line hints of a Markdown file: its ATX headings ("## Your health") and setext headings
    (a line underlined with "===" or "---") with their levels."""
    hints: dict[int, LineHint] = {}
    for n, line in enumerate(lines, start=1):
        if (m := _MD_HEADING.match(line)) and m.group(1).strip():
            hints[n] = LineHint("heading", level=len(re.match(r" {0,3}(#+)", line).group(1)))
        elif n > 1 and lines[n - 2].strip() and re.fullmatch(r" {0,3}(=+|-+)[ \t]*", line) and \
                not _MD_HEADING.match(lines[n - 2]) and not lines[n - 2].lstrip().startswith(("-", "*", "+", "|")):
            hints[n - 1] = LineHint("heading", level=1 if "=" in line else 2)
    return hints


def read_plain(path: Path, data: bytes, *, markdown: bool = False) -> TextDocument:
    """A .txt or .md file as a TextDocument whose line numbers are the file's (Markdown
    headings kept as line hints)."""
    text = decode_text(data, path)
    lines = split_lines(text)
    hints: dict[int, LineHint] = {}
    if markdown:
        hints = markdown_hints(lines)
        lines = [markdown_line(ln) for ln in lines]
    lines, _blanked = furniture.blank_furniture(lines)
    for i in furniture.repeated_lines(lines):
        lines[i] = ""  # a running header or footer left in text copied from a PDF
    doc = TextDocument(source=path.name, lines=lines, format="md" if markdown else "txt", hints=hints)
    if not any(ln.strip() for ln in lines):
        doc.warnings.append(f"{path.name}: no text")
    return doc
