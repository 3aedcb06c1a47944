"""The small markup a report template writes, and how data is kept out of it.

A template produces lines in this markup (see builtin_templates/bao-cao-quy.md.j2 and
templates/README.md): ``# …`` to ``### …`` headings, paragraphs with ``**bold**`` and
``*italic*``, ``@trich_yeu: …`` and placeholders standing alone on their line
(``[[bang_chi_tieu]]``). ``parse_markup`` turns the lines into the blocks of a
``ReportDocument``.

Markup comes from the template's own text only: what ``{{ … }}`` writes (``finalize``:
names, notes, figures from the YAML files) is escaped, so a unit's note cannot add a
heading, a placeholder or bold text; straight quotes in it become “…”; a number that is not
an integer is written by vocab/numbers.py.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ...vocab.numbers import format_number
from .document import Block, Heading, Paragraph, Run

PLACEHOLDER_RE = re.compile(r"^\[\[([a-z_]+)\]\]$")
_INLINE_RE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
_STRAIGHT_QUOTED_RE = re.compile(r'"([^"\n]*)"')

# Characters of the markup, as they appear in data, are swapped for private-use
# characters while the markup is parsed, then swapped back.
_ESCAPES = {"*": "\ue000", "#": "\ue001", "@": "\ue002", "[": "\ue003", "]": "\ue004"}
_UNESCAPE = str.maketrans({v: k for k, v in _ESCAPES.items()})
_ESCAPE = str.maketrans(_ESCAPES)


@dataclass(frozen=True, slots=True)
class Placeholder:
    """Where a table or a chart built in code goes: ``[[bang_chi_tieu]]``."""

    name: str


@dataclass(frozen=True, slots=True)
class Rendered:
    trich_yeu: str | None
    blocks: tuple[Block | Placeholder, ...]


def smart_quotes(text: str) -> str:
    """Straight double quotes in pairs become “…”."""
    return _STRAIGHT_QUOTED_RE.sub(r"“\1”", text)


def finalize(value: Any) -> str:
    """What ``{{ … }}`` writes: numbers in Vietnamese form, data escaped from the markup."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "có" if value else "không"
    elif isinstance(value, (Fraction, float, Decimal)):
        text = format_number(value)
    elif isinstance(value, dt.date):
        text = running_date(value)
    else:
        text = str(value)
    return smart_quotes(unicodedata.normalize("NFC", text)).translate(_ESCAPE)


def running_date(d: dt.date) -> str:
    """A date in running text, with the zeros of Nghị định 30: ``05/01/2027``,
    ``20/6/2026`` (days below 10 padded; months only January and February)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{d.day:02d}/{month}/{d.year}"


def _unescape(text: str) -> str:
    return text.translate(_UNESCAPE)


def _runs(text: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    for part in _INLINE_RE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            runs.append(Run(_unescape(part[2:-2]), bold=True))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append(Run(_unescape(part[1:-1]), italic=True))
        else:
            runs.append(Run(_unescape(part)))
    return tuple(runs)


def parse_markup(text: str) -> Rendered:
    """Lines of markup → blocks. A placeholder must stand alone on its line."""
    trich_yeu: str | None = None
    blocks: list[Block | Placeholder] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if line.startswith("@trich_yeu:"):
            trich_yeu = _unescape(line.split(":", 1)[1].strip())
            continue
        m = PLACEHOLDER_RE.match(line)
        if m:
            blocks.append(Placeholder(m[1]))
        elif line.startswith("### "):
            blocks.append(Heading(3, _unescape(line[4:])))
        elif line.startswith("## "):
            blocks.append(Heading(2, _unescape(line[3:])))
        elif line.startswith("# "):
            blocks.append(Heading(1, _unescape(line[2:])))
        else:
            blocks.append(Paragraph(_runs(line)))
    return Rendered(trich_yeu, tuple(blocks))


def join_vietnamese(items: Iterable[Any]) -> str:
    """``A, B và C``; only commas when a name itself holds "và" (``Văn phòng HĐND và
    UBND xã``), which would otherwise read as the end of the list."""
    names = [str(i) for i in items]
    if len(names) <= 1:
        return "".join(names)
    if any(" và " in name for name in names):
        return ", ".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]




__all__ = [
    "PLACEHOLDER_RE",
    "Placeholder",
    "Rendered",
    "finalize",
    "join_vietnamese",
    "parse_markup",
    "running_date",
    "smart_quotes",
]
