"""List items that a bad conversion ran together on one line ("… leisure activities Improve the
way we …"), split where the next item begins."""

from __future__ import annotations

import re

from cpgraph.structure.blocks import Block, Item, Paragraph
from cpgraph.structure.verbs import NOUNISH, opens_with_verb

# A place where a new item can begin: after a word that ends without punctuation, a capitalised
# word (an imperative verb, or "We will"/"We'll").
_JOIN = re.compile(r"(?<=[a-z0-9%)’'])\s+(?=[A-Z][a-z'’-]+\s+\S)")
_SMALL = frozenset("a an the of in to for and or with on at by from as our their your its into that this "
                   "these those his her my who which is are be will can not".split())
# Words that follow a verb, never a noun: "… Awards Review each plan …".
_OBJECTS = frozenset("the a an each every all our your their young more any some you them us him her "
                     "its this these those".split())
_WE_WILL = re.compile(r"^We(?:\s+will|\s+shall|’ll|'ll|\s+are going to|\s+promise)\b")


def _opener(text: str) -> bool:
    return bool(_WE_WILL.match(text)) or opens_with_verb(text)


def split_run_on(text: str) -> list[str]:
    """The items of ``text`` cut before each capitalised imperative verb or "We will" that
    follows a word with no punctuation after it and is itself followed by a lower-case word
    (so "Family Support Team" and "the Leaving Care Service" stay whole)."""
    pieces: list[str] = []
    start = 0
    for m in _JOIN.finditer(text):
        rest = text[m.end():]
        if not _opener(rest):
            continue
        before = text[:m.start()].split()[-1].strip("(\"'“‘")
        words = rest.split()
        verb, after = words[0].casefold(), (words[1] if len(words) > 1 else "")
        if before.casefold() in _SMALL:
            continue  # "… the Support …": a verb never starts an item after "the" or "and"
        if before[:1].isupper() and (after[:1].isupper() or after[:1].isdigit()
                                     or verb in NOUNISH and after.casefold() not in _OBJECTS):
            continue  # inside a name: "Personal Education Plan meeting", "Staying Close scheme"
        pieces.append(text[start:m.start()].strip())
        start = m.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def split_merged_items(blocks: list[Block]) -> None:
    """Split, in place, every list item holding several run-together items, in lists whose
    items mostly open with an imperative verb or "We will" (the evidence that a capitalised
    verb inside an item starts the next one)."""
    i = 0
    while i < len(blocks):
        if not isinstance(blocks[i], Item):
            i += 1
            continue
        j = i
        while j < len(blocks) and isinstance(blocks[j], Item):
            j += 1
        run = blocks[i:j]
        openers = sum(1 for b in run if _opener(b.text))
        if openers >= 2 and openers >= 0.5 * len(run):
            out: list[Block] = []
            for item in run:
                parts = split_run_on(item.text)
                for part in parts:
                    copy = Item(part, item.start, item.end, item.marker, item.depth)
                    if hasattr(item, "indent"):
                        copy.indent = item.indent  # type: ignore[attr-defined]
                    out.append(copy)
            blocks[i:j] = out
            j = i + len(out)
        i = j


def split_run_on_paragraphs(blocks: list[Block]) -> None:
    """Turn, in place, a paragraph that is a list whose bullets were lost ("Offer every child a
    health check Train foster carers to … Make sure …") into list items: it opens with an
    imperative verb or "We will", and splits into at least two pieces of three words or more."""
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or block.lead_in or not _opener(block.text):
            continue
        parts = split_run_on(block.text)
        if len(parts) >= 2 and all(len(p.split()) >= 3 for p in parts):
            blocks[index:index + 1] = [Item(p, block.start, block.end, "", 0) for p in parts]


_WORDS = re.compile(r"[A-Za-z][a-z]+")


def mark_truncated_end(blocks: list[Block], lines: list[str]) -> None:
    """Mark the document's last item or paragraph when the text stops in the middle of a word
    (an excerpt cut off: "… report each sp"): its last word is no word of the document but the
    start of one."""
    if not blocks or not isinstance(blocks[-1], (Item, Paragraph)):
        return
    last = blocks[-1]
    text = last.text.rstrip()
    if not text or text[-1] in ".!?;:)\"'”’" or not text.split()[-1].isalpha():
        return
    word = text.split()[-1].casefold()
    seen = {w.casefold() for line in lines[: last.start - 1] + [text[: -len(word)]] for w in _WORDS.findall(line)}
    if word not in seen and any(w.startswith(word) and len(w) > len(word) for w in seen):
        last.truncated = True
