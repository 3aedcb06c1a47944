"""`kehoach sua` through the real CLI: the decimal comma fixed in place (byte for byte
elsewhere, CRLF kept), --xem writing nothing, file arguments, idempotence, and nothing
ever changed in a valid repo."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.corpus.corpus import Case, build_repo, load_cases
from tests.examples.test_examples import CASES as BROKEN_CASES
from tests.examples.test_examples import build_case
from tests.helpers import GOOD, RESULTS, SAMPLE, make_repo, run_cli, snapshot

from kehoach_cli.check import engine
from kehoach_cli.check.outcome import CheckOutcome
from kehoach_cli.vocab.problems import Edit, Fix, Position, Problem, Rename

CA = "units/cong-an/2026-Q1.yaml"
VP = "units/van-phong/2026-Q1.yaml"
COMMA_CA = RESULTS["cong-an/2026-Q1"].replace("{gia_tri: 1}", "{gia_tri: 2,5}  # ước tính")
COMMA_CA_LINE = (f"{CA}:7:27: lỗi: số thập phân viết bằng dấu phẩy (2,5); trong YAML dấu phẩy "
                 "ngăn cách các mục — hãy dùng dấu chấm: 2.5")
COMMA_VP = RESULTS["van-phong/2026-Q1"].replace("{gia_tri: 87.5}", "{gia_tri: 87,5}")
COMMA_VP_LINE = (f"{VP}:6:23: lỗi: số thập phân viết bằng dấu phẩy (87,5); trong YAML dấu "
                 "phẩy ngăn cách các mục — hãy dùng dấu chấm: 87.5")


def contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_decimal_comma_is_fixed_in_place(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": COMMA_CA})
    assert run_cli(["sua"], cwd=root) == (0, (
        f"{CA}:7:27: đã sửa: 2,5 → 2.5\n"
        "Đã sửa 1 chỗ trong 1 tệp; không còn lỗi nào.\n"
        "Đã kiểm tra 6 tệp: không có lỗi.\n"), "")
    assert (root / CA).read_text(encoding="utf-8") == COMMA_CA.replace("2,5", "2.5")


def test_a_crlf_file_stays_crlf(tmp_path: Path) -> None:
    raw = COMMA_CA.replace("\n", "\r\n").encode()
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": raw})
    code, out, err = run_cli(["sua"], cwd=root)
    assert (code, out.splitlines()[0], err) == (0, f"{CA}:7:27: đã sửa: 2,5 → 2.5", "")
    assert (root / CA).read_bytes() == raw.replace(b"2,5", b"2.5")


def test_a_comma_followed_by_a_space_is_not_certain(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": COMMA_CA.replace("2,5", "2, 5")})
    before = contents(root)
    code, out, _ = run_cli(["sua"], cwd=root)
    assert (code, out) == (1, (
        "Không có chỗ nào sửa tự động được; còn 1 lỗi cần sửa tay.\n"
        f"{COMMA_CA_LINE}\n"
        "Đã kiểm tra 6 tệp: 1 lỗi.\n"))
    assert contents(root) == before


def test_what_cannot_be_fixed_is_left_and_exits_1(tmp_path: Path) -> None:
    text = COMMA_CA.replace("ngay_gui: 2026-03-20", "ngay_gui: 2026-3-32")
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": text})
    assert run_cli(["sua"], cwd=root) == (1, (
        f"{CA}:7:27: đã sửa: 2,5 → 2.5\n"
        "Đã sửa 1 chỗ trong 1 tệp; còn 1 lỗi cần sửa tay.\n"
        f"{CA}:3:11: lỗi: ngay_gui: '2026-3-32' không phải ngày có thật; cần ngày dạng "
        "YYYY-MM-DD, ví dụ 2026-06-18\n"
        "Đã kiểm tra 6 tệp: 1 lỗi.\n"), "")


def test_xem_shows_and_writes_nothing(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": COMMA_CA,
                                        "van-phong/2026-Q1": COMMA_VP})
    before, raw = snapshot(tmp_path), contents(root)
    assert run_cli(["sua", "--xem"], cwd=root) == (0, (
        f"{CA}:7:27: sẽ sửa: 2,5 → 2.5\n"
        f"{VP}:6:23: sẽ sửa: 87,5 → 87.5\n"
        "Sẽ sửa 2 chỗ trong 2 tệp (chưa ghi gì); ngoài ra không có lỗi nào.\n"
        "Đã kiểm tra 6 tệp.\n"), "")
    assert snapshot(tmp_path) == before
    assert contents(root) == raw


def test_xem_lists_the_errors_left_and_exits_1(tmp_path: Path) -> None:
    text = COMMA_CA.replace("ngay_gui: 2026-03-20", "ngay_gui: 2026-3-32")
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": text})
    before = snapshot(tmp_path)
    assert run_cli(["sua", "--xem"], cwd=root) == (1, (
        f"{CA}:7:27: sẽ sửa: 2,5 → 2.5\n"
        "Sẽ sửa 1 chỗ trong 1 tệp (chưa ghi gì); còn 1 lỗi cần sửa tay.\n"
        f"{CA}:3:11: lỗi: ngay_gui: '2026-3-32' không phải ngày có thật; cần ngày dạng "
        "YYYY-MM-DD, ví dụ 2026-06-18\n"
        "Đã kiểm tra 6 tệp.\n"), "")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("given", [CA, CA.replace("/", "\\")])
def test_a_file_argument_fixes_that_file_only(tmp_path: Path, given: str) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": COMMA_CA,
                                        "van-phong/2026-Q1": COMMA_VP})
    vp = (root / VP).read_bytes()
    assert run_cli(["sua", given], cwd=root) == (0, (
        f"{CA}:7:27: đã sửa: 2,5 → 2.5\n"
        "Đã sửa 1 chỗ trong 1 tệp; không còn lỗi nào.\n"
        "Đã kiểm tra 1 tệp: không có lỗi.\n"), "")
    assert (root / CA).read_text(encoding="utf-8") == COMMA_CA.replace("2,5", "2.5")
    assert (root / VP).read_bytes() == vp


def test_a_folder_argument_from_a_subfolder(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": COMMA_CA,
                                        "van-phong/2026-Q1": COMMA_VP})
    code, out, _ = run_cli(["sua", "van-phong"], cwd=root / "units")
    assert (code, out.splitlines()[0]) == (0, f"{VP}:6:23: đã sửa: 87,5 → 87.5")
    assert (root / CA).read_text(encoding="utf-8") == COMMA_CA


def test_a_path_outside_the_repo_is_a_usage_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    code, out, err = run_cli(["sua", str(tmp_path)], cwd=root)
    assert (code, out) == (2, "")
    assert "nằm ngoài kho kế hoạch" in err


def test_sua_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": COMMA_CA,
                                        "van-phong/2026-Q1": COMMA_VP})
    assert run_cli(["sua"], cwd=root)[0] == 0
    before = snapshot(tmp_path)
    assert run_cli(["sua"], cwd=root) == (
        0, "Không có gì cần sửa.\nĐã kiểm tra 6 tệp: không có lỗi.\n", "")
    assert snapshot(tmp_path) == before


def test_validate_says_how_many_sua_can_fix(tmp_path: Path) -> None:
    bad_vp = RESULTS["van-phong/2026-Q1"].replace("2026-03-18", "2026-3-32")
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": COMMA_CA, "van-phong/2026-Q1": bad_vp})
    assert run_cli(["validate"], cwd=root) == (1, (
        f"{COMMA_CA_LINE}\n"
        f"{VP}:3:11: lỗi: ngay_gui: '2026-3-32' không phải ngày có thật; cần ngày dạng "
        "YYYY-MM-DD, ví dụ 2026-06-18\n"
        "Đã kiểm tra 6 tệp: 2 lỗi. 1 lỗi có thể sửa tự động: chạy kehoach sua.\n"), "")
    _, out, _ = run_cli(["validate", VP], cwd=root)
    assert out.splitlines()[-1] == "Đã kiểm tra 1 tệp: 1 lỗi."


def test_validate_github_and_json_say_nothing_more(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": COMMA_CA})
    _, github, _ = run_cli(["validate", "--format", "github"], cwd=root)
    assert github.splitlines()[-1] == "Đã kiểm tra 6 tệp: 1 lỗi."
    _, as_json, _ = run_cli(["validate", "--format", "json"], cwd=root)
    assert "sua" not in as_json and "fix" not in as_json


def test_the_help_is_vietnamese() -> None:
    code, out, _ = run_cli(["sua", "--help"])
    assert code == 0
    assert out.startswith("Cách dùng: kehoach sua [TÙY CHỌN] [TỆP...]\n")
    assert "--xem" in out and "Chỉ in những chỗ sẽ sửa, không ghi tệp nào." in out


# ---------------------------------------------------------------- never a change where none is due


def _sample(tmp_path: Path) -> Path:
    root = tmp_path / "sample"
    for folder in ("plan", "units", "reports"):
        shutil.copytree(SAMPLE / folder, root / folder)
    return root


@pytest.mark.parametrize("source", ["good", "sample"])
def test_a_valid_repo_is_never_changed(tmp_path: Path, source: str) -> None:
    root = shutil.copytree(GOOD, tmp_path / "good") if source == "good" else _sample(tmp_path)
    before, raw = snapshot(tmp_path), contents(root)
    for args in (["sua", "--xem"], ["sua"]):
        code, out, err = run_cli(args, cwd=root)
        assert (code, err) == (0, "")
        assert out.startswith("Không có gì cần sửa.\nĐã kiểm tra ")
    assert snapshot(tmp_path) == before
    assert contents(root) == raw


def _second_run_changes_nothing(root: Path, tmp_path: Path) -> None:
    code, _, err = run_cli(["sua"], cwd=root)
    assert err == "" and code in (0, 1)
    before = snapshot(tmp_path)
    code, out, err = run_cli(["sua"], cwd=root)
    assert err == "" and code in (0, 1)
    assert not [line for line in out.splitlines()
                if ": đã sửa: " in line or ": đã đổi tên thành " in line]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("name", BROKEN_CASES)
def test_every_broken_example_is_fixed_once_and_for_all(name: str, tmp_path: Path) -> None:
    """sua never fails on a broken example, and a second run changes nothing."""
    _second_run_changes_nothing(build_case(tmp_path, name), tmp_path)


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: c.id)
def test_every_corpus_file_is_fixed_once_and_for_all(case: Case, tmp_path: Path) -> None:
    """The same on the corpus of hostile files (encodings, sizes, odd YAML)."""
    _second_run_changes_nothing(build_repo(case, tmp_path), tmp_path)


# ---------------------------------------------------------------- fixes other rules will carry


@pytest.fixture
def fixes(monkeypatch: pytest.MonkeyPatch) -> dict[str, Fix]:
    """Fixes put on the first problem of a file, as the rules being written will (a
    report file's wrong name, a typo in a name)."""
    from kehoach_cli.commands import sua as sua_module

    given: dict[str, Fix] = {}
    real = engine.check_repo

    def check(root: Path, *args: Any, **kwargs: Any) -> CheckOutcome:
        outcome = real(root, *args, **kwargs)
        found: list[Problem] = []
        for problem in outcome.problems:
            if problem.path in given and not any(p.path == problem.path for p in found):
                problem = dataclasses.replace(problem, fix=given[problem.path])
            found.append(problem)
        outcome.problems = found
        return outcome

    monkeypatch.setattr(sua_module, "check_repo", check)
    return given


REPORT = "reports/2026-q1.yml"
REPORT_LINE = (f"{REPORT}:1:1: lỗi: tên tệp đầu vào báo cáo phải có dạng "
               "reports/<năm>-Q<quý>.yaml, ví dụ reports/2026-Q2.yaml (báo cáo 6 tháng: "
               "reports/<năm>-6T.yaml; báo cáo năm: reports/<năm>.yaml)")


def test_a_rename_through_the_command(tmp_path: Path, fixes: dict[str, Fix]) -> None:
    root = make_repo(tmp_path, files={REPORT: "so: 3\n"})
    fixes[REPORT] = Rename("reports/2026-Q1.yaml")
    before = snapshot(tmp_path)
    assert run_cli(["sua", "--xem"], cwd=root) == (0, (
        f"{REPORT}: sẽ đổi tên thành reports/2026-Q1.yaml\n"
        "Sẽ sửa 1 chỗ trong 1 tệp (chưa ghi gì); ngoài ra không có lỗi nào.\n"
        "Đã kiểm tra 6 tệp.\n"), "")
    assert snapshot(tmp_path) == before
    # The file given keeps being the one checked under its new name.
    assert run_cli(["sua", REPORT], cwd=root) == (0, (
        f"{REPORT}: đã đổi tên thành reports/2026-Q1.yaml\n"
        "Đã sửa 1 chỗ trong 1 tệp; không còn lỗi nào.\n"
        "Đã kiểm tra 1 tệp: không có lỗi.\n"), "")
    assert not (root / REPORT).exists()
    assert (root / "reports/2026-Q1.yaml").read_bytes() == b"so: 3\n"


def test_a_rename_onto_an_existing_file_through_the_command(
    tmp_path: Path, fixes: dict[str, Fix]
) -> None:
    root = make_repo(tmp_path, files={REPORT: "so: 3\n", "reports/2026-Q1.yaml": "so: 4\n"})
    fixes[REPORT] = Rename("reports/2026-Q1.yaml")
    before = snapshot(tmp_path)
    assert run_cli(["sua"], cwd=root) == (1, (
        f"{REPORT}: không đổi tên: đã có tệp reports/2026-Q1.yaml; không đổi tên để khỏi ghi "
        "đè tệp đó — hãy xem hai tệp rồi tự gộp hoặc xóa một tệp\n"
        "Không sửa được chỗ nào; còn 1 lỗi cần sửa tay.\n"
        f"{REPORT_LINE}\n"
        "Đã kiểm tra 7 tệp: 1 lỗi.\n"), "")
    assert snapshot(tmp_path) == before


def test_a_stale_fix_through_the_command(tmp_path: Path, fixes: dict[str, Fix]) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": COMMA_CA})
    fixes[CA] = Edit(Position(7, 27), "2,6", "2.6")
    before = snapshot(tmp_path)
    assert run_cli(["sua"], cwd=root) == (1, (
        f"{CA}:7:27: không sửa: ở đây bây giờ là '2,5', không phải '2,6' (tệp đã thay đổi "
        "sau khi kiểm tra)\n"
        "Không sửa được chỗ nào; còn 1 lỗi cần sửa tay.\n"
        f"{COMMA_CA_LINE}\n"
        "Đã kiểm tra 6 tệp: 1 lỗi.\n"), "")
    assert snapshot(tmp_path) == before


def test_fixes_that_keep_coming_stop_after_a_few_rounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule whose fix reveals a new fix every time (a bug) cannot make sua loop."""
    from kehoach_cli.commands import sua as sua_module

    root = make_repo(tmp_path)
    calls: list[int] = []

    def check(root: Path, *args: Any, **kwargs: Any) -> CheckOutcome:
        outcome = engine.check_repo(root, *args, **kwargs)
        calls.append(1)
        at = Position(1, len(calls))
        outcome.problems = [Problem(CA, at, "lỗi giả", fix=Edit(at, "", "#"))]
        return outcome

    monkeypatch.setattr(sua_module, "check_repo", check)
    code, out, _ = run_cli(["sua"], cwd=root)
    assert code == 1
    assert out.splitlines()[:6] == [
        *(f"{CA}:1:{n}: đã sửa: '' → '#'" for n in range(1, 6)),
        "Đã sửa 5 chỗ trong 1 tệp; còn 1 lỗi cần sửa tay.",
    ]
    assert (root / CA).read_text(encoding="utf-8").startswith("#####don_vi")
    assert len(calls) == 6


def test_sua_with_c(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": COMMA_CA})
    code, out, _ = run_cli(["-C", str(root), "sua", CA], cwd=tmp_path)
    assert (code, out.splitlines()[0]) == (0, f"{CA}:7:27: đã sửa: 2,5 → 2.5")
