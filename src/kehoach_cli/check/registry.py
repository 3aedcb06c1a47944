"""Every rule kehoach applies, by id: where its problems are made, and one broken example.

The rules across files are modules of check/rules/, each declaring ``RULE`` (id and
Vietnamese description) and ``check(ctx)`` yielding problems; ``CHECKS`` lists them in the
order they run (their problems are sorted afterwards, so the order changes nothing shown).
The problems found while loading files, and the rules on a pull request's changes, have
their ids in the same table. docs/quy-tac.md is generated from it (tests keep it current).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import cast

from ..load import rules as load_rules
from ..vocab.problems import Problem, Rule
from . import changes
from .context import CheckContext
from .rules import (
    bao_cao,
    chi_tieu,
    don_vi,
    gia_tri,
    ky,
    luoc_do,
    ma_trung,
    ngay,
    nhiem_vu,
    quyen,
    tai_khoan,
    tham_chieu,
)

CheckFunction = Callable[[CheckContext], Iterator[Problem]]

# Made by `kehoach validate FILE…`, which checks the chosen files only.
PLAN_INCOMPLETE = Rule(
    "ke-hoach",
    "Khi chỉ kiểm tra một số tệp, kế hoạch (plan/) phải không có lỗi để kiểm tra được đầy đủ",
)

CHECKS: tuple[ModuleType, ...] = (
    ma_trung, tham_chieu, chi_tieu, nhiem_vu, tai_khoan, don_vi, ky, ngay, quyen, gia_tri,
    bao_cao, luoc_do,
)


@dataclass(frozen=True, slots=True)
class Entry:
    rule: Rule
    module: str  # the module that makes its problems, e.g. kehoach_cli.check.rules.ky
    example: str  # a case of tests/examples/broken whose output shows it ("" for none)


def check_functions() -> list[CheckFunction]:
    return [cast(CheckFunction, module.check) for module in CHECKS]


def _entry(module: ModuleType, rule: Rule, example: str) -> Entry:
    return Entry(rule, module.__name__, example)


REGISTRY: tuple[Entry, ...] = (
    Entry(load_rules.FILE, "kehoach_cli.load.repo", "ten-tep-sai"),
    Entry(load_rules.ENCODING, "kehoach_cli.load.text", "ma-windows-1258"),
    Entry(load_rules.CHARACTER, "kehoach_cli.load.text", "ky-tu-vo-hinh"),
    Entry(load_rules.SYNTAX, "kehoach_cli.load.parse_errors", "thut-le-tab"),
    Entry(load_rules.DUPLICATE_KEY, "kehoach_cli.load.compose", "khoa-lap"),
    Entry(load_rules.FORMAT, "kehoach_cli.load.schema", "khoa-go-sai"),
    Entry(load_rules.MISREAD, "kehoach_cli.load.misread", "so-cham-hang-nghin"),
    *(_entry(module, module.RULE, example) for module, example in (
        (ma_trung, "ma-don-vi-trung"),
        (tham_chieu, "chu-tri-khong-co"),
        (chi_tieu, "muc-tieu-phan-tram-qua-100"),
        (nhiem_vu, "han-nhiem-vu-nam-truoc"),
        (tai_khoan, "tai-khoan-trung"),
        (don_vi, "don-vi-khac-thu-muc"),
        (ky, "ky-khac-ten-tep"),
        (ngay, "ngay-gui-tuong-lai"),
        (quyen, "bao-cao-chi-tieu-khong-duoc-giao"),
        (gia_tri, "ty-le-tu-lon-hon-mau"),
        (bao_cao, "so-bao-cao-trung"),
        (luoc_do, "luoc-do-cu"),
    )),
    Entry(PLAN_INCOMPLETE, "kehoach_cli.commands.validate", "ke-hoach-loi-khi-chon-tep"),
    Entry(changes.RULE, changes.__name__, ""),
)

RULES: dict[str, Entry] = {entry.rule.id: entry for entry in REGISTRY}
