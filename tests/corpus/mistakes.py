"""The corpus of staff mistakes (tests/corpus/mistakes.yaml): reading the manifest,
building each case's repo, and rewriting the expected fields from the CLI's output.

    KEHOACH_REGEN=1 pytest tests/corpus/test_mistakes.py   # rewrite the expected fields

A regenerated field is a claim to review: is the message right, is the fix certain, does
the fixed file mean what the user meant?
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from tests.helpers import make_repo, run_cli

MANIFEST = Path(__file__).with_name("mistakes.yaml")
BOM = b"\xef\xbb\xbf"
_CHAR = re.compile(r"\{U\+([0-9A-Fa-f]{4,6})\}")
_FIELDS = {"id", "description", "file", "remove", "text", "bom", "crlf", "exit", "validate",
           "fixed", "renamed", "after"}


def unescape(text: str) -> str:
    return _CHAR.sub(lambda m: chr(int(m[1], 16)), text)


def escape(text: str) -> str:
    """The inverse of :func:`unescape` for the characters a manifest should not hold."""
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        hidden = ((category.startswith("C") and ch != "\n") or (category == "Zs" and ch != " ")
                  or category == "Mn")  # a combining mark: NFD text
        out.append(f"{{U+{ord(ch):04X}}}" if hidden else ch)
    return "".join(out)


@dataclass(frozen=True)
class Mistake:
    id: str
    description: str
    file: str
    remove: tuple[str, ...]
    text: str
    bom: bool
    crlf: bool
    exit: int | None
    validate: tuple[str, ...]
    fixed: str | None  # None: sua leaves the file as it is
    renamed: str | None
    after: tuple[str, ...]

    def encode(self, text: str) -> bytes:
        """Text of the manifest as the file's bytes (BOM, CRLF as the case says)."""
        text = unescape(text)
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (BOM if self.bom else b"") + text.encode("utf-8")

    def content(self) -> bytes:
        return self.encode(self.text)

    def expected_after_sua(self) -> bytes:
        return self.content() if self.fixed is None else self.encode(self.fixed)

    def decode(self, data: bytes) -> str:
        """The file's bytes as manifest text; checks the BOM and line ends on the way."""
        if self.bom:
            assert data.startswith(BOM), "the BOM was lost"
            data = data[len(BOM):]
        text = data.decode("utf-8")
        if self.crlf:
            assert text.count("\n") == text.count("\r\n"), "a line lost its CR"
            text = text.replace("\r\n", "\n")
        return escape(text)


def _mistake(raw: dict[str, Any]) -> Mistake:
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ValueError(f"{raw.get('id')}: unknown fields {sorted(unknown)}")
    return Mistake(
        id=raw["id"], description=raw["description"], file=raw["file"],
        remove=tuple(raw.get("remove") or ()), text=raw["text"],
        bom=bool(raw.get("bom")), crlf=bool(raw.get("crlf")), exit=raw.get("exit"),
        validate=tuple(raw.get("validate") or ()), fixed=raw.get("fixed"),
        renamed=raw.get("renamed"), after=tuple(raw.get("after") or ()),
    )


def load_mistakes() -> list[Mistake]:
    with MANIFEST.open(encoding="utf-8") as fh:
        cases = [_mistake(raw) for raw in yaml.safe_load(fh)]
    ids = [c.id for c in cases]
    duplicated = {i for i in ids if ids.count(i) > 1}
    if duplicated:
        raise ValueError(f"duplicate case ids: {sorted(duplicated)}")
    return cases


def build(case: Mistake, tmp_path: Path) -> Path:
    root = make_repo(tmp_path, files={case.file: case.content()})
    for path in case.remove:
        target = root / path
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    return root


def observe(case: Mistake, tmp_path: Path) -> dict[str, Any]:
    """What the CLI does with the case now, as the manifest's expected fields."""
    root = build(case, tmp_path)
    code, out, _ = run_cli(["validate"], cwd=root)
    run_cli(["sua"], cwd=root)
    where = case.file
    if not (root / where).exists():
        moved = [p.relative_to(root).as_posix() for p in (root / "units").rglob("*.yaml")
                 if p.read_bytes() == case.content()]
        where = moved[0] if len(moved) == 1 else where
    data = (root / where).read_bytes()
    _, after, _ = run_cli(["validate"], cwd=root)
    return {
        "exit": code,
        "validate": out.splitlines(),
        "fixed": None if data == case.content() else case.decode(data),
        "renamed": where if where != case.file else None,
        "after": after.splitlines(),
    }


_ORDER = ("id", "description", "file", "remove", "bom", "crlf", "text", "exit", "validate",
          "fixed", "renamed", "after")


def _field(key: str, value: Any) -> list[str]:
    if isinstance(value, str) and key in ("text", "fixed") and value.endswith("\n") \
            and not value.endswith("\n\n") and not value.startswith(" "):
        return [f"{key}: |", *(f"  {line}" if line else "" for line in value[:-1].split("\n"))]
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, width=100_000, sort_keys=False)
    return dumped.rstrip("\n").split("\n")


def _emit(raw: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for key in _ORDER:
        if key in raw and (raw[key] is not None or key == "fixed"):
            lines.extend(_field(key, raw[key]))
    return [("- " if i == 0 else "  ") + line if line else "" for i, line in enumerate(lines)]


def rewrite(observed: dict[str, dict[str, Any]]) -> None:
    """Put the observed fields into the manifest; comments between cases are kept."""
    text = MANIFEST.read_text(encoding="utf-8")
    raws = iter(yaml.safe_load(text))
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].startswith("- id: "):
            if lines[i] or (out and out[-1]):
                out.append(lines[i])
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not lines[end].startswith(("- ", "#")):
            end += 1
        while end > i + 1 and lines[end - 1] == "":
            end -= 1  # the blank lines before the next case or comment are kept
        raw = next(raws)
        got = observed.get(raw["id"])
        if got is not None:
            raw = {k: v for k, v in raw.items() if k not in got} | got
        out.extend([*_emit(raw), ""])
        i = end
    MANIFEST.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8", newline="\n")
