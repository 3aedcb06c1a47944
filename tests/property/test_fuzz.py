"""Property tests: whatever a unit (or an attacker) puts in a file, kehoach ends normally.

Valid files are mutated — bytes flipped, lines deleted or duplicated, keys renamed,
values swapped for other types, any Unicode (controls and invisible characters too)
inserted, the file cut short — and YAML-ish documents are generated from a small grammar.
For each input: ``check_repo`` (and sometimes the real CLI, in-process) returns; the exit
code is 0 or 1; no exception escapes; every position points into the file; nothing is
written; both YAML parsers agree. Settings: tests/property/profile.py.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.helpers import make_repo, run_cli, snapshot, today
from tests.property import profile

from kehoach_cli.check.engine import check_repo
from kehoach_cli.load.yamlfile import load_bytes
from kehoach_cli.vocab.problems import Problem

RESULT = "units/cong-an/2026-Q2.yaml"
RESULT_TEXT = """\
# Công an xã — quý II
don_vi: cong-an
ky: 2026-Q2
ngay_gui: 2026-06-19
nguoi_bao_cao: Trần Văn Bình
chi_tieu:
  ho-so-truc-tuyen: {tu_so: 19, mau_so: 21, ghi_chu: "Số liệu đến 15/6"}
  lop-tap-huan:
    gia_tri: 2
nhiem_vu:
  lam-sach-du-lieu:
    trang_thai: dang_thuc_hien
    ket_qua: >-
      Đã làm sạch dữ liệu dân cư
      của 16 thôn.
kho_khan:
  - Đường truyền chậm
  - &may "Thiếu máy tính"
kien_nghi: [*may, 'Bổ sung kinh phí']
"""
PLAN_FILES = ("plan/plan.yaml", "plan/units.yaml", "plan/targets.yaml", "plan/tasks.yaml")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = make_repo(tmp_path_factory.mktemp("fuzz"), files={RESULT: RESULT_TEXT})
    assert not check_repo(root, today()).problems, "the base repo must validate clean"
    yield root


# ---------------------------------------------------------------- strategies

ODD_TEXT = [
    "\t", "\r", "\r\n", "\x00", "\x01", "\x1b", "\x7f", "\x85", "\u200b", "\u202e", "\u2066",
    "\ufeff", "\u00ad", "\u2028", "\ufffe", "\U0001f600", "e\u0301", '"', "'", ":", ": ", "- ",
    "#", "&a ", "*a", "!", "!!str ", "!!python/object:os.system ", "|", ">", "%", "@", "`",
    "{", "}", "[", "]", ",", "?", "? ", "\\", '"\\x01"', '"\\ud800"', '"\\uFFFE"', "<<: *a",
    "---\n", "...\n", "\n", "  ", "~", "null", "1e309", ".nan", "-.inf", "0x1F", "0o17",
    "9" * 40, "2026-02-30", "2026-06-19", "'2026-06-19'", "yes", "on", "Công an xã",
    "ngay_gửi", "đ", "ử",
]
TYPED_VALUES = [
    "yes", "on", "no", "true", "null", "~", "", "1e309", ".nan", ".inf", "-.inf", "NaN", '"12"',
    "'12'", "12.5", "-3", "0x13", "1_000", "10000000000000000000000000000000", "[]", "{}",
    "[1, 2]", "{a: 1}", "2026-02-30", "2026-13-01", "'2026-06-19'", "19/06/2026",
    "2026-06-19 08:00", "!!binary aGk=", "!!set {a}", "!!int 12", "!!str 12", "*may", "&x 1",
    "|\n  nhiều\n  dòng", '"a\\x01b"', '"\\u200b"', "2,5", "hoan_thanh", "Công an",
]
KEYS = [
    "don_vi", "ky", "ngay_gui", "nguoi_bao_cao", "chi_tieu", "nhiem_vu", "kho_khan", "kien_nghi",
    "tu_so", "mau_so", "gia_tri", "ghi_chu", "trang_thai", "ket_qua", "ho-so-truc-tuyen",
    "lop-tap-huan", "lam-sach-du-lieu", "ma", "ten", "chu_tri", "<<", "..", "a/b", "Ky",
]

odd_text = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=8),
)


def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` with one to four mutations."""
    raw = base
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(
            ["flip", "bytes", "delete", "duplicate", "swap", "rename", "retype", "insert",
             "truncate", "indent"]
        ))
        lines = _lines(raw)
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if kind == "flip" and raw:
            at = draw(st.integers(0, len(raw) - 1))
            raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
        elif kind == "bytes":
            at = draw(st.integers(0, len(raw)))
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=6)) + raw[at:]
        elif kind == "delete" and len(lines) > 1:
            del lines[i]
            raw = b"\n".join(lines)
        elif kind == "duplicate":
            lines.insert(i, lines[i])
            raw = b"\n".join(lines)
        elif kind == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            raw = b"\n".join(lines)
        elif kind == "rename" and b":" in lines[i]:
            head, _, tail = lines[i].partition(b":")
            indent = head[: len(head) - len(head.lstrip())]
            key = draw(st.one_of(st.sampled_from(KEYS), odd_text))
            lines[i] = indent + key.encode("utf-8", "surrogatepass") + b":" + tail
            raw = b"\n".join(lines)
        elif kind == "retype" and b": " in lines[i]:
            head, _, _ = lines[i].partition(b": ")
            lines[i] = head + b": " + draw(st.sampled_from(TYPED_VALUES)).encode()
            raw = b"\n".join(lines)
        elif kind == "insert":
            at = draw(st.integers(0, len(raw)))
            raw = raw[:at] + draw(odd_text).encode("utf-8", "surrogatepass") + raw[at:]
        elif kind == "truncate":
            raw = raw[: draw(st.integers(0, len(raw)))]
        elif kind == "indent":
            lines[i] = b" " * draw(st.integers(0, 5)) + lines[i].lstrip(b" ")
            raw = b"\n".join(lines)
    return raw[: profile.MAX_FILE_BYTES]


# YAML-ish documents from a grammar: values of every kind, written in random styles.
scalars = st.one_of(
    st.sampled_from(TYPED_VALUES),
    st.sampled_from(["cong-an", "2026-Q2", "2026-06-19", "dang_thuc_hien", "19", "21", "2.5"]),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
)


def _quote(text: str, style: int) -> str:
    if style == 1:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == 2:
        return "'" + text.replace("'", "''") + "'"
    return text


@st.composite
def node(draw: st.DrawFn, depth: int = 0) -> str:
    """One value as YAML text, in flow style (nested collections stay on one line)."""
    kind = draw(st.integers(0, 2 if depth < 3 else 0))
    if kind == 0:
        return _quote(draw(scalars), draw(st.integers(0, 2)))
    if kind == 1:
        items = draw(st.lists(node(depth + 1), max_size=4))
        return "[" + ", ".join(items) + "]"
    pairs = draw(st.lists(st.tuples(st.sampled_from(KEYS), node(depth + 1)), max_size=4))
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


@st.composite
def document(draw: st.DrawFn) -> bytes:
    """A block mapping of a result file's keys (or others) to values, sometimes nested."""
    lines: list[str] = []
    for key in draw(st.lists(st.sampled_from(KEYS), min_size=0, max_size=10)):
        style = draw(st.integers(0, 3))
        if style == 3:
            lines.append(f"{key}:")
            for sub in draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=3)):
                lines.append(f"  {sub}: {draw(node(1))}")
        elif style == 2:
            lines.append(f"{key}:")
            lines.extend(f"  - {draw(node(1))}" for _ in range(draw(st.integers(1, 3))))
        else:
            lines.append(f"{key}: {draw(node())}")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(odd_text))
    return "\n".join(lines).encode("utf-8", "surrogatepass")[: profile.MAX_FILE_BYTES]


# ---------------------------------------------------------------- checks


LOADER_RULES = {"ma-hoa", "ky-tu", "cu-phap", "khoa-lap"}


def _check_problems(problems: list[Problem], files: dict[str, bytes]) -> None:
    for p in problems:
        assert p.message.strip(), p
        if p.rule in LOADER_RULES:  # the loader's own messages stay on one line
            assert p.message.isprintable(), p
        assert p.pos.line >= 1 and p.pos.col >= 1, p
        if p.path in files:
            lines = files[p.path].count(b"\n") + 1
            assert p.pos.line <= lines + 1, (p, lines)


def _run_check(root: Path, relpath: str, raw: bytes, fast: bool) -> None:
    path = root / relpath
    original = path.read_bytes()
    path.write_bytes(raw)
    try:
        before = snapshot(root)
        started = time.perf_counter()
        outcome = check_repo(root, today(), fast=fast)
        assert time.perf_counter() - started < profile.EXAMPLE_SECONDS
        assert snapshot(root) == before, "check_repo wrote to the repo"
        _check_problems(outcome.problems, {relpath: raw})
        if raw == original:
            assert not outcome.errors
    finally:
        path.write_bytes(original)


def _same(a: Any, b: Any) -> bool:
    """Equality where NaN equals NaN (both parsers read .nan)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _parsers_agree(raw: bytes) -> None:
    slow = load_bytes("f.yaml", raw, fast=False)
    fast = load_bytes("f.yaml", raw, fast=True)
    assert _same(slow.data, fast.data), (slow.data, fast.data)
    assert slow.problems == fast.problems
    assert slow.positions == fast.positions
    _check_problems(slow.problems, {"f.yaml": raw})


# ---------------------------------------------------------------- properties


@profile.for_test("test_mutated_result_file")
@given(raw=mutated(RESULT_TEXT.encode()), fast=st.booleans())
def test_mutated_result_file(repo: Path, raw: bytes, fast: bool) -> None:
    _run_check(repo, RESULT, raw, fast)


@profile.for_test("test_mutated_plan_file")
@given(data=st.data(), which=st.sampled_from(PLAN_FILES), fast=st.booleans())
def test_mutated_plan_file(repo: Path, data: st.DataObject, which: str, fast: bool) -> None:
    raw = data.draw(mutated((repo / which).read_bytes()))
    _run_check(repo, which, raw, fast)


@profile.for_test("test_generated_documents")
@given(raw=document(), fast=st.booleans())
def test_generated_documents(repo: Path, raw: bytes, fast: bool) -> None:
    _run_check(repo, RESULT, raw, fast)


@profile.for_test("test_parsers_agree")
@given(raw=st.one_of(mutated(RESULT_TEXT.encode()), document()))
def test_parsers_agree(raw: bytes) -> None:
    _parsers_agree(raw)


@profile.for_test("test_random_bytes")
@given(raw=st.binary(max_size=2000))
def test_random_bytes(raw: bytes) -> None:
    _parsers_agree(raw)


yaml_chars = st.one_of(
    st.sampled_from(list("abcxyz019 :-#&*!|>'\"{}[],?%@`\t\n\r.~<=đử")),
    st.characters(exclude_categories=["Cs"]),
)


@profile.for_test("test_random_text")
@given(text=st.text(yaml_chars, max_size=300))
def test_random_text(text: str) -> None:
    """Text made of YAML's punctuation more than anything: the parsers' corners."""
    _parsers_agree(text.encode("utf-8"))


@profile.for_test("test_cli_on_mutated_repo")
@given(raw=st.one_of(mutated(RESULT_TEXT.encode()), document()))
def test_cli_on_mutated_repo(repo: Path, raw: bytes) -> None:
    path = repo / RESULT
    original = path.read_bytes()
    path.write_bytes(raw)
    try:
        before = snapshot(repo)
        for args in (["validate"], ["validate", "--format", "json"], ["status", "--quy", "2"],
                     ["status", "--quy", "2", "--json"]):
            code, _out, err = run_cli(args, cwd=repo)
            assert code in (0, 1), (args, code, err)
            assert "Traceback" not in err and "lỗi nội bộ" not in err, err
        assert snapshot(repo) == before
    finally:
        path.write_bytes(original)


def test_the_base_file_is_valid(repo: Path) -> None:
    code, out, err = run_cli(["validate"], cwd=repo)
    assert (code, err) == (0, ""), out
    assert dt.date.fromisoformat("2026-06-19") <= today()
