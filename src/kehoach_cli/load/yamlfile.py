"""Read one YAML file into plain Python values and the position of every key and value.

The bytes are checked before any parsing: they must be UTF-8 text (a file typed in a
legacy Vietnamese encoding — TCVN3, VNI, Windows-1258 — or saved as UTF-16 is refused,
naming the encoding it was most likely typed in), and hold no character that YAML, XML
or an editor would treat differently from kehoach (control characters, a lone CR,
Unicode line separators). The text is then parsed into YAML events (ruamel.yaml's
parser, or libyaml's through PyYAML where speed matters: both emit the same events with
the same marks), and this module builds the values itself. Doing the construction here
keeps the rules the same whichever parser ran, and lets us refuse what an official
record must never contain: unknown tags are never constructed, aliases are bounded,
nesting is bounded, duplicate keys are errors, and no string that would make the .docx
invalid XML (or hide characters from the reader) gets through.

Scalars follow the YAML 1.2 core schema (``yes`` is a string, not a boolean), plus
dates written as ``YYYY-MM-DD``. Strings are normalised to Unicode NFC.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..vocab.problems import Problem, error
from .compose import Builder
from .fatal import FixableFatal
from .parse_errors import parse_error
from .pitfalls import invisible_cause, scan
from .positions import Positions
from .scalars import Fatal
from .text import decode


@dataclass(slots=True)
class YamlDocument:
    path: str
    data: Any
    positions: Positions
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


# ---------------------------------------------------------------- entry points


def _ruamel_events(text: str) -> Iterable[Any]:
    from ruamel.yaml import YAML

    # The "safe" parser, not the round-trip one: the round-trip scanner marks the line
    # breaks it folds in '>' scalars with a BEL character ('\a') inside the value.
    yaml = YAML(typ="safe", pure=True)
    events: Iterable[Any] = yaml.parse(text)
    return events


def _libyaml_events(text: str) -> Iterable[Any] | None:
    try:
        from yaml import CSafeLoader
    except ImportError:  # pragma: no cover - PyYAML without libyaml
        return None
    # The parser's own get_event, called for each event (None after the stream's end),
    # rather than yaml.parse: its Python generator around the C parser costs a tenth of
    # the reading.
    events: Iterable[Any] = iter(CSafeLoader(text).get_event, None)
    return events


def parse_text(path: str, text: str, *, fast: bool = False) -> YamlDocument:
    """Build values and positions from YAML text.

    ``fast`` uses libyaml's C parser when present. A file the fast parser rejects is
    parsed again with ruamel.yaml, so the messages about broken syntax are always
    the same.
    """
    # Tabs are where the two parsers part ways (ruamel refuses a tab after a value that
    # libyaml accepts): a text holding one is always parsed by ruamel, the reference.
    events = _libyaml_events(text) if fast and "\t" not in text else None
    if events is None:
        events = _ruamel_events(text)
    builder = Builder(path, iter(events), text)
    try:
        data = builder.document()
    except Fatal as fatal:
        # A FixableFatal carries its certain fix into the problem (kehoach sua applies it).
        fix = fatal.fix if isinstance(fatal, FixableFatal) else None
        return YamlDocument(path, None, builder.positions,
                            [error(path, fatal.pos, fatal.message, fix=fix)])
    except Exception as exc:  # both parsers signal syntax errors with their own classes
        if fast:
            return parse_text(path, text, fast=False)
        if type(exc).__module__.startswith(("ruamel", "yaml")):
            cause = invisible_cause(path, text) or parse_error(path, exc)
            return YamlDocument(path, None, builder.positions, [cause])
        raise
    return YamlDocument(path, data, builder.positions, builder.problems)


def load_bytes(path: str, raw: bytes, *, fast: bool = False) -> YamlDocument:
    text, problems = decode(path, raw)
    if text is None:
        return YamlDocument(path, None, Positions(), problems)
    early = scan(path, text)
    if any(p.is_error for p in early):  # the parser would misread the file: stop here
        return YamlDocument(path, None, Positions(), problems + early)
    doc = parse_text(path, text, fast=fast)
    doc.problems[:0] = problems + early
    return doc
