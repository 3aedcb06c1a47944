"""The three lists of the plan (units, targets, tasks), validated item by item.

A list is read as far as it can be: the valid items by id (the first of a duplicated id
wins; the duplicate is reported by the rule ``ma-trung``), and every id written, valid or
not, so that a reference to a broken item is not reported a second time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel

from ..vocab.problems import Problem
from ..vocab.suggest import plain
from .models import FILE_KINDS, ID_PATTERN
from .repo import SourceFile
from .schema import validate_items

M = TypeVar("M", bound=BaseModel)
ID_RE = re.compile(ID_PATTERN)


@dataclass(slots=True)
class Listed(Generic[M]):
    """One list of the plan (units, targets or tasks), as far as it could be read."""

    src: SourceFile | None
    key: str = ""  # the file's one key: don_vi, chi_tieu, nhiem_vu
    loaded: bool = False  # the file holds the list, even if some items are broken
    items: dict[str, tuple[int, M]] = field(default_factory=dict)  # valid items by id
    declared: set[str] = field(default_factory=set)  # every id written, valid or not

    def models(self) -> dict[str, M]:
        return {ma: model for ma, (_, model) in self.items.items()}

    def knows(self, ma: str) -> bool:
        """``ma`` is written in the list, or is what a malformed id there was meant to be
        ('Cong_An' for cong-an): that id's own error says what to fix."""
        if ma in self.declared:
            return True
        return any(not ID_RE.match(d) and plain(d) == plain(ma) for d in self.declared)

    def suggestions(self) -> list[str]:
        """The well-formed ids, to suggest from."""
        return sorted(d for d in self.declared if ID_RE.match(d))

    def written_ids(self) -> list[tuple[int, str]]:
        """(index, id) of every item of the file that has a text id, in file order."""
        if not self.loaded or self.src is None:
            return []
        raw = self.src.doc.data[self.key]
        return [
            (index, item["ma"]) for index, item in enumerate(raw)
            if isinstance(item, dict) and isinstance(item.get("ma"), str)
        ]


def load_list(
    out: list[Problem], src: SourceFile | None, key: str, model: type[M], kind: str,
    unit_names: Mapping[str, str] | None = None,
) -> Listed[M]:
    """Validate the list file ``src`` (its problems go to ``out``); ``unit_names`` as for
    ``schema.validate_model``."""
    listed: Listed[M] = Listed(src, key)
    if src is None or not src.doc.ok:
        return listed
    valid, problems = validate_items(src.doc, key, model, FILE_KINDS[kind][1], unit_names)
    out.extend(problems)
    if valid is None:
        return listed
    listed.loaded = True
    first: dict[str, int] = {}
    for index, ma in listed.written_ids():
        listed.declared.add(ma)
        first.setdefault(ma, index)
    for index, parsed in valid:
        ma = getattr(parsed, "ma")  # noqa: B009 - every listed model has an id
        if first.get(ma) == index:
            listed.items[ma] = (index, parsed)
    return listed
