"""Property tests of `kehoach sua`, through the real CLI (in-process).

- Idempotent: after one run, a second run changes no byte and prints no "đã sửa", on
  any mutated file; and a run changes nothing when validate announced nothing it could fix.
- Never changes a valid repo: tests/examples/good, the repos the tests build, the corpus
  files that validate clean, and valid result files generated with random values.
- Generated mistakes (a random choice of certain-to-fix mistakes typed into a valid result
  file at random lines, saved with or without BOM and CRLF): one run gives back the valid
  file byte for byte — so comments and the layout of every other line are untouched —
  validate then finds nothing, and a second run is a no-op.

Settings: tests/property/profile.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.corpus.corpus import build_repo, load_cases
from tests.helpers import GOOD, make_repo, run_cli, snapshot
from tests.property import profile
from tests.property.test_fuzz import RESULT, RESULT_TEXT, mutated
from tests.scenarios import attainment, report

VP = "units/van-phong/2026-Q2.yaml"
VALID = """\
# Văn phòng HĐND và UBND xã — quý II
don_vi: van-phong
ky: 2026-Q2
ngay_gui: 2026-06-18   # gửi qua Zalo

chi_tieu:
  ho-so-truc-tuyen:
    tu_so: 45
    mau_so: 50   # cả hồ sơ giấy
    ghi_chu: "Số liệu: đến 15/6"
  phu-song: {gia_tri: 87.5, ghi_chu: "Số ước tính: 6 thôn"}
nhiem_vu:
  cong-thong-tin: {trang_thai: hoan_thanh}
  lam-sach-du-lieu:
    trang_thai: dang_thuc_hien
    ket_qua: "Đã rà soát: 3 thôn"
kho_khan:
  - Mạng yếu ở thôn Nà Pàn
  - Thiếu máy tính ở bộ phận một cửa
  - Người dân chưa có tài khoản
kien_nghi:
  - |
    Đề nghị huyện hỗ trợ: kinh phí
    mua máy tính cho bộ phận một cửa.
"""
VALID_LINES = VALID.split("\n")
BLOCK_TEXT = {len(VALID_LINES) - 3, len(VALID_LINES) - 2}  # a space there may be text

# For a line of VALID, the ways staff mistype it that kehoach sua fixes with certainty,
# each back to the line as it was.
MISTYPED: dict[str, list[str]] = {
    "ky: 2026-Q2": ["ky: Quý II/2026", "ky: quý 2 năm 2026", "ky: 2026-q2", "ky: Q2/2026",
                    "ky: Quý 2/2026"],
    "ngay_gui: 2026-06-18   # gửi qua Zalo": [
        f"ngay_gui: {d}   # gửi qua Zalo"
        for d in ("18/06/2026", "18/6/2026", "ngày 18 tháng 6 năm 2026", '"2026-06-18"',
                  "18-06-2026", "18.06.2026")
    ],
    "    tu_so: 45": ["    tu_so:45", '    tu_so: "45"'],
    "    mau_so: 50   # cả hồ sơ giấy": ["    mau_so:50   # cả hồ sơ giấy",
                                          '    mau_so: "50"   # cả hồ sơ giấy'],
    '    ghi_chu: "Số liệu: đến 15/6"': ["    ghi_chu: Số liệu: đến 15/6",
                                         "    ghi_chu: “Số liệu: đến 15/6”"],
    '  phu-song: {gia_tri: 87.5, ghi_chu: "Số ước tính: 6 thôn"}': [
        '  phu-song: {gia_tri: 87,5, ghi_chu: "Số ước tính: 6 thôn"}',
        '  phu-song: {gia_tri: 87,5%, ghi_chu: "Số ước tính: 6 thôn"}',
        '  phu-song: {gia_tri: "87.5", ghi_chu: "Số ước tính: 6 thôn"}',
        '  phu-song: {gia_tri:87.5, ghi_chu: "Số ước tính: 6 thôn"}',
        "  phu-song: {gia_tri: 87.5, ghi_chu: Số ước tính: 6 thôn}",
    ],
    '    ket_qua: "Đã rà soát: 3 thôn"': ["    ket_qua: Đã rà soát: 3 thôn",
                                         "    ket_qua: “Đã rà soát: 3 thôn”"],
    # The middle item only: a line without its dash is known by a dashed neighbour.
    "  - Thiếu máy tính ở bộ phận một cửa": ["  Thiếu máy tính ở bộ phận một cửa"],
}
INDENTED = [i for i, line in enumerate(VALID_LINES)
            if line.startswith(" ") and i not in BLOCK_TEXT]
SITES = sorted({*INDENTED, *(VALID_LINES.index(line) for line in MISTYPED)})


def _nbsp(line: str, draw: st.DrawFn) -> str:
    """The line's indentation (partly) typed with NBSP, as pasted from Word."""
    width = len(line) - len(line.lstrip(" "))
    spaces = draw(st.lists(st.booleans(), min_size=width, max_size=width).filter(any))
    return "".join("\u00a0" if nb else " " for nb in spaces) + line[width:]


@st.composite
def with_mistakes(draw: st.DrawFn) -> tuple[str, list[int]]:
    """VALID with one to four of its lines mistyped (one mistake a line)."""
    lines = list(VALID_LINES)
    chosen = draw(st.lists(st.sampled_from(SITES), min_size=1, max_size=4, unique=True))
    for i in chosen:
        ways = [*(["nbsp"] if i in INDENTED else []), *MISTYPED.get(VALID_LINES[i], [])]
        way = draw(st.sampled_from(ways))
        lines[i] = _nbsp(lines[i], draw) if way == "nbsp" else way
    return "\n".join(lines), sorted(chosen)


def _encode(text: str, bom: bool, crlf: bool) -> bytes:
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def _done(out: str) -> list[str]:
    return [line for line in out.splitlines()
            if ": đã sửa: " in line or ": đã đổi tên thành " in line]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = make_repo(tmp_path_factory.mktemp("sua"), files={VP: VALID, RESULT: RESULT_TEXT})
    assert run_cli(["validate"], cwd=root)[0] == 0
    yield root


def _contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- generated mistakes


def test_every_mistake_alone_is_fixed_back(tmp_path: Path) -> None:
    """Each way of mistyping each line, alone: the ground the generated test stands on."""
    for index, line in enumerate(VALID_LINES):
        for way in MISTYPED.get(line, []):
            lines = list(VALID_LINES)
            lines[index] = way
            root = make_repo(tmp_path / f"{index}-{MISTYPED[line].index(way)}",
                             files={VP: "\n".join(lines)})
            code, out, _ = run_cli(["sua"], cwd=root)
            assert (root / VP).read_text(encoding="utf-8") == VALID, (way, out)
            assert code == 0


@profile.for_test("test_sua_fixes_generated_mistakes")
@given(case=with_mistakes(), bom=st.booleans(), crlf=st.booleans())
def test_sua_fixes_generated_mistakes(
    repo: Path, case: tuple[str, list[int]], bom: bool, crlf: bool
) -> None:
    text, _ = case
    (repo / VP).write_bytes(_encode(text, bom, crlf))
    others = {p: b for p, b in _contents(repo).items() if p != VP}
    code, out, err = run_cli(["sua"], cwd=repo)
    assert (code, err) == (0, ""), out
    assert _done(out)
    # The valid file back, byte for byte: comments, blank lines, quotes, BOM, CRLF.
    assert (repo / VP).read_bytes() == _encode(VALID, bom, crlf), out
    assert {p: b for p, b in _contents(repo).items() if p != VP} == others
    assert run_cli(["validate"], cwd=repo) == (0, "Đã kiểm tra 8 tệp: không có lỗi.\n", "")
    assert run_cli(["sua"], cwd=repo) == (
        0, "Không có gì cần sửa.\nĐã kiểm tra 8 tệp: không có lỗi.\n", "")


# ---------------------------------------------------------------- idempotence


@profile.for_test("test_sua_is_idempotent")
@given(data=mutated(RESULT_TEXT.encode("utf-8")))
def test_sua_is_idempotent(repo: Path, data: bytes) -> None:
    """Whatever the file holds: sua changes nothing unless validate said it could fix
    something, and a second run changes nothing at all."""
    (repo / RESULT).write_bytes(data)
    (repo / VP).write_bytes(VALID.encode("utf-8"))
    _, said, _ = run_cli(["validate"], cwd=repo)
    code, out, err = run_cli(["sua"], cwd=repo)
    assert err == "" and code in (0, 1)
    if "có thể sửa tự động" not in said:
        assert _done(out) == []
        assert (repo / RESULT).read_bytes() == data
    assert (repo / VP).read_bytes() == VALID.encode("utf-8")
    after = (repo / RESULT).read_bytes() if (repo / RESULT).exists() else None
    before = snapshot(repo)
    code, again, err = run_cli(["sua"], cwd=repo)
    assert err == "" and code in (0, 1)
    assert _done(again) == [], (out, again)
    assert snapshot(repo) == before
    assert ((repo / RESULT).read_bytes() if (repo / RESULT).exists() else None) == after
    for path in list((repo / "units" / "cong-an").iterdir()):  # a rename's new file
        if path.name not in ("2026-Q1.yaml", "2026-Q2.yaml"):
            path.unlink()


# ---------------------------------------------------------------- valid repos untouched


def _unchanged(root: Path) -> None:
    before, raw = snapshot(root), _contents(root)
    for args in (["sua", "--xem"], ["sua"]):
        code, out, err = run_cli(args, cwd=root)
        assert err == "" and code in (0, 1)
        assert out.startswith("Không có gì cần sửa.\n"), out
    assert snapshot(root) == before
    assert _contents(root) == raw


def _scenario_repos(tmp_path: Path) -> dict[str, Path]:
    return {
        "make_repo": make_repo(tmp_path / "default"),
        "make_repo-fuzz-base": make_repo(tmp_path / "fuzz", files={VP: VALID, RESULT: RESULT_TEXT}),
        "report": report.write(tmp_path / "report"),
        "attainment": attainment.write_repo(
            tmp_path / "attainment" / "repo",
            targets=[attainment.target("t1", "gia_tri", 80)],
            results=[attainment.result("vp", 1, chi_tieu={"t1": {"gia_tri": 1.5}})],
        ),
        "good": Path(shutil.copytree(GOOD, tmp_path / "good")),
    }


@pytest.mark.parametrize("name", ["make_repo", "make_repo-fuzz-base", "report", "attainment",
                                  "good"])
def test_a_repo_the_tests_build_is_never_changed(tmp_path: Path, name: str) -> None:
    root = _scenario_repos(tmp_path)[name]
    assert run_cli(["validate"], cwd=root)[0] == 0
    _unchanged(root)


CLEAN = [c for c in load_cases() if c.exit == 0]


@pytest.mark.parametrize("case", CLEAN, ids=lambda c: c.id)
def test_a_corpus_file_that_validates_is_never_changed(case: Any, tmp_path: Path) -> None:
    _unchanged(build_repo(case, tmp_path))


percents = st.one_of(  # phu-song is a rate: at most 100
    st.integers(0, 100).map(str),
    st.decimals(0, 100, places=2, allow_nan=False, allow_infinity=False).map(str),
)
texts = st.text(st.characters(categories=["L", "N", "Zs", "P"], exclude_characters="\"\\"),
                min_size=1, max_size=30).map(lambda t: " ".join(t.split()) or "x")


@st.composite
def valid_results(draw: st.DrawFn) -> str:
    """A valid van-phong Q2 result, written in one of the forms kehoach accepts."""
    mau = draw(st.integers(1, 10_000))
    tu = draw(st.integers(0, mau))
    value = draw(percents)
    note = draw(texts)
    flow = draw(st.booleans())
    comment = draw(st.sampled_from(["", "  # số liệu ước tính", "   # 15/06/2026, 1.250"]))
    day = draw(st.integers(1, 20))
    lines = ["don_vi: van-phong", "ky: 2026-Q2", f"ngay_gui: 2026-06-{day:02d}{comment}",
             "chi_tieu:"]
    if flow:
        lines.append(f'  ho-so-truc-tuyen: {{tu_so: {tu}, mau_so: {mau}, ghi_chu: "{note}"}}')
    else:
        lines += ["  ho-so-truc-tuyen:", f"    tu_so: {tu}", f"    mau_so: {mau}{comment}",
                  f'    ghi_chu: "{note}"']
    lines += [f"  phu-song: {{gia_tri: {value}}}", "nhiem_vu:",
              "  cong-thong-tin: {trang_thai: hoan_thanh}",
              f'  lam-sach-du-lieu: {{trang_thai: dang_thuc_hien, ket_qua: "{note}"}}',
              "kho_khan:", f'  - "{note}"', "  - Thiếu máy tính"]
    return "\n".join(lines) + "\n"


@profile.for_test("test_sua_never_changes_a_generated_valid_file")
@given(text=valid_results(), bom=st.booleans(), crlf=st.booleans())
def test_sua_never_changes_a_generated_valid_file(
    repo: Path, text: str, bom: bool, crlf: bool
) -> None:
    data = _encode(text, bom, crlf)
    (repo / VP).write_bytes(data)
    (repo / RESULT).write_bytes(RESULT_TEXT.encode("utf-8"))
    code, out, err = run_cli(["sua"], cwd=repo)
    assert (code, err) == (0, ""), out
    assert _done(out) == [], out
    assert (repo / VP).read_bytes() == data
