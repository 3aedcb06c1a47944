"""The corpus of broken and hostile inputs: reading the manifest and building each case.

Each case of ``cases.yaml`` puts one input into a small, valid plan repo
(``tests.helpers.make_repo``): a file given as text (``{U+XXXX}`` stands for a character
a YAML manifest should not hold literally) and encoded as ``encoding`` says, or bytes
made by a builder of ``builders.py``, or a file system setup (a symbolic link, a folder,
an unreadable file). ``test_corpus.py`` runs ``kehoach validate`` on it and compares the
exit code and every output line; ``make_doc.py`` renders the table of docs/robustness.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from tests.corpus.builders import BUILDERS, ENCODERS, SETUPS
from tests.helpers import make_repo

MANIFEST = Path(__file__).with_name("cases.yaml")
_CHAR = re.compile(r"\{U\+([0-9A-Fa-f]{4,6})\}")
_FIELDS = {"id", "description", "file", "text", "encoding", "build", "setup", "input", "exit",
           "output", "skip", "xfail"}


@dataclass(frozen=True)
class Case:
    id: str
    description: str  # Vietnamese: shown in docs/robustness.md
    file: str | None  # the repo-relative file the input replaces or adds
    text: str | None
    encoding: str
    build: str | None
    setup: str | None
    input: str | None  # a short form of the input for the docs table
    exit: int
    output: tuple[str, ...]
    skip: tuple[str, ...]  # "windows": needs symbolic links; "root": root reads anyway
    xfail: str | None  # a known bug outside the loader, with where it is to be fixed

    def content(self) -> bytes | None:
        if self.build is not None:
            return BUILDERS[self.build]()
        if self.text is None:
            return None
        text = _CHAR.sub(lambda m: chr(int(m[1], 16)), self.text)
        return ENCODERS[self.encoding](text)


def _case(raw: dict[str, Any]) -> Case:
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ValueError(f"{raw.get('id')}: unknown fields {sorted(unknown)}")
    return Case(
        id=raw["id"],
        description=raw["description"],
        file=raw.get("file"),
        text=raw.get("text"),
        encoding=raw.get("encoding", "utf-8"),
        build=raw.get("build"),
        setup=raw.get("setup"),
        input=raw.get("input"),
        exit=raw["exit"],
        output=tuple(raw.get("output") or ()),
        skip=tuple(raw.get("skip") or ()),
        xfail=raw.get("xfail"),
    )


def load_cases() -> list[Case]:
    with MANIFEST.open(encoding="utf-8") as fh:
        cases = [_case(raw) for raw in yaml.safe_load(fh)]
    ids = [c.id for c in cases]
    duplicated = {i for i in ids if ids.count(i) > 1}
    if duplicated:
        raise ValueError(f"duplicate case ids: {sorted(duplicated)}")
    return cases


def build_repo(case: Case, tmp_path: Path) -> Path:
    """The default test repo with the case's input in place."""
    files: dict[str, Any] = {}
    content = case.content()
    if case.file is not None and content is not None:
        files[case.file] = content
    root = make_repo(tmp_path, files=files)
    if case.setup is not None:
        SETUPS[case.setup](root)
    return root
