"""`kehoach validate` through the real CLI: exit codes, paths, formats, -C, no writes,
no reads outside the repo, never a traceback."""

from __future__ import annotations

import builtins
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import RESULTS, make_repo, run_cli, snapshot, write

from kehoach_cli.commands.validate import validate

BAD_CA = RESULTS["cong-an/2026-Q1"].replace("{gia_tri: 1}", "{gia_tri: -1}")
BAD_CA_LINE = ("units/cong-an/2026-Q1.yaml:7:27: lỗi: gia_tri: chỉ tiêu có cach_tinh: tong cần "
               "giá trị từ 0 trở lên, nhận được -1")
BAD_VP = RESULTS["van-phong/2026-Q1"].replace("ngay_gui: 2026-03-18", "ngay_gui: 2026-3-32")
BAD_VP_LINE = ("units/van-phong/2026-Q1.yaml:3:11: lỗi: ngay_gui: '2026-3-32' không phải ngày có "
               "thật; cần ngày dạng YYYY-MM-DD, ví dụ 2026-06-18")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A repo with one error in each of the two result files."""
    return make_repo(tmp_path, results={"cong-an/2026-Q1": BAD_CA, "van-phong/2026-Q1": BAD_VP})


# ---------------------------------------------------------------- exit codes and output


def test_a_clean_repo_exits_0(repo: Path) -> None:
    assert run_cli(["validate"], cwd=repo) == (0, "Đã kiểm tra 6 tệp: không có lỗi.\n", "")


def test_errors_exit_1_with_every_problem_and_a_summary(broken: Path) -> None:
    assert run_cli(["validate"], cwd=broken) == (
        1, f"{BAD_CA_LINE}\n{BAD_VP_LINE}\nĐã kiểm tra 6 tệp: 2 lỗi.\n", ""
    )


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    text = RESULTS["cong-an/2026-Q1"].replace("2026-03-20", "2025-12-30")
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": text})
    assert run_cli(["validate"], cwd=root) == (0, (
        "units/cong-an/2026-Q1.yaml:3:11: cảnh báo: ngay_gui: ngày gửi 2025-12-30 trước khi quý I "
        "bắt đầu (2026-01-01)\nĐã kiểm tra 6 tệp: 1 cảnh báo.\n"), "")


def test_a_missing_plan_file_is_named(tmp_path: Path) -> None:
    root = make_repo(tmp_path, targets=None)
    assert run_cli(["validate"], cwd=root) == (1, (
        "plan/targets.yaml:1:1: lỗi: thiếu tệp bắt buộc plan/targets.yaml của kho kế hoạch\n"
        "Đã kiểm tra 5 tệp: 1 lỗi.\n"), "")


def test_today_comes_from_kehoach_today(tmp_path: Path) -> None:
    text = RESULTS["cong-an/2026-Q1"].replace("2026-03-20", "2026-04-02")
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": text})
    assert run_cli(["validate"], cwd=root, today="2026-04-02")[0] == 0
    code, out, _ = run_cli(["validate"], cwd=root, today="2026-04-01")
    assert code == 1
    assert ("ngay_gui: ngày 2026-04-02 chưa tới (hôm nay là 2026-04-01); cần ghi ngày thực tế gửi "
            "báo cáo") in out


def test_a_bad_kehoach_today_is_a_usage_error(repo: Path) -> None:
    assert run_cli(["validate"], cwd=repo, today="26/11/2026") == (
        2, "", "kehoach: lỗi: KEHOACH_TODAY: cần ngày dạng YYYY-MM-DD, nhận được '26/11/2026'\n"
    )


# ---------------------------------------------------------------- PATH arguments


def test_only_the_given_files_are_reported(broken: Path) -> None:
    assert run_cli(["validate", "units/cong-an/2026-Q1.yaml"], cwd=broken) == (
        1, f"{BAD_CA_LINE}\nĐã kiểm tra 1 tệp: 1 lỗi.\n", ""
    )


def test_a_clean_given_file_exits_0_whatever_the_others(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": BAD_CA})
    assert run_cli(["validate", "units/van-phong/2026-Q1.yaml"], cwd=root) == (
        0, "Đã kiểm tra 1 tệp: không có lỗi.\n", ""
    )


@pytest.mark.parametrize(
    "given",
    ["units\\cong-an\\2026-Q1.yaml", ".\\units\\cong-an\\2026-Q1.yaml",
     "units/cong-an\\2026-Q1.yaml", "./units/cong-an/2026-Q1.yaml",
     "units/../units/cong-an/2026-Q1.yaml"],
)
def test_paths_in_any_spelling(broken: Path, given: str) -> None:
    assert run_cli(["validate", given], cwd=broken) == (
        1, f"{BAD_CA_LINE}\nĐã kiểm tra 1 tệp: 1 lỗi.\n", ""
    )


def test_paths_are_relative_to_the_current_folder(broken: Path) -> None:
    assert run_cli(["validate", "2026-Q1.yaml"], cwd=broken / "units" / "cong-an") == (
        1, f"{BAD_CA_LINE}\nĐã kiểm tra 1 tệp: 1 lỗi.\n", ""
    )
    assert run_cli(["validate", "..\\van-phong"], cwd=broken / "units" / "cong-an") == (
        1, f"{BAD_VP_LINE}\nĐã kiểm tra 1 tệp: 1 lỗi.\n", ""
    )


def test_absolute_paths_and_several_paths(broken: Path) -> None:
    ca = str(broken / "units" / "cong-an" / "2026-Q1.yaml")
    assert run_cli(["validate", ca, "units/van-phong", "plan"], cwd=broken) == (
        1, f"{BAD_CA_LINE}\n{BAD_VP_LINE}\nĐã kiểm tra 6 tệp: 2 lỗi.\n", ""
    )


def test_a_folder_or_the_root_as_path(broken: Path) -> None:
    assert run_cli(["validate", "units"], cwd=broken)[1].endswith("Đã kiểm tra 2 tệp: 2 lỗi.\n")
    assert run_cli(["validate", "."], cwd=broken)[1].endswith("Đã kiểm tra 6 tệp: 2 lỗi.\n")
    assert run_cli(["validate", "plan"], cwd=broken) == (
        0, "Đã kiểm tra 4 tệp: không có lỗi.\n", ""
    )


def test_a_folder_problem_concerns_the_files_in_it(tmp_path: Path) -> None:
    text = RESULTS["cong-an/2026-Q1"].replace("don_vi: cong-an", "don_vi: cong-ann")
    root = make_repo(tmp_path, results={"cong-ann/2026-Q1": text})
    assert run_cli(["validate", "units/cong-ann/2026-Q1.yaml"], cwd=root) == (1, (
        "units/cong-ann/2026-Q1.yaml:1:1: lỗi: thư mục units/cong-ann/ không ứng với đơn vị "
        "nào trong plan/units.yaml; có phải ý bạn là 'cong-an'?\nĐã kiểm tra 1 tệp: 1 lỗi.\n"),
        "")


def test_windows_paths_to_a_capitals_folder_or_a_notepad_name(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": None,
                                        "Cong-An/2026-Q1": RESULTS["cong-an/2026-Q1"],
                                        "van-phong/2026-Q2.yaml.txt": "don_vi: van-phong\n"})
    assert run_cli(["validate", "units\\Cong-An\\2026-Q1.yaml"], cwd=root) == (1, (
        "units/Cong-An/2026-Q1.yaml:1:1: lỗi: tên thư mục units/Cong-An/ phải viết đúng mã đơn "
        "vị trong plan/units.yaml (chữ thường không dấu, nối bằng '-'); hãy đổi tên thư mục "
        "thành units/cong-an/\nĐã kiểm tra 1 tệp: 1 lỗi. 1 lỗi có thể sửa tự động: chạy "
        "kehoach sua.\n"), "")
    assert run_cli(["validate", ".\\units\\van-phong\\2026-Q2.yaml.txt"], cwd=root) == (1, (
        "units/van-phong/2026-Q2.yaml.txt:1:1: lỗi: tên tệp kết quả phải có dạng "
        "<năm>-Q<quý>.yaml; tên này có thêm đuôi .txt mà Notepad tự thêm khi lưu; hãy đổi tên "
        "thành 2026-Q2.yaml\nĐã kiểm tra 0 tệp: 1 lỗi. 1 lỗi có thể sửa tự động: chạy kehoach "
        "sua.\n"), "")


def test_a_given_file_with_a_broken_plan_says_so(tmp_path: Path) -> None:
    root = make_repo(tmp_path, units="don_vi: cong-an\n")
    assert run_cli(["validate", "units/cong-an/2026-Q1.yaml"], cwd=root) == (1, (
        "plan/plan.yaml:1:1: lỗi: kế hoạch (thư mục plan/) đang có lỗi nên chưa kiểm tra được đầy "
        "đủ; chạy 'kehoach validate' để xem\nĐã kiểm tra 1 tệp: 1 lỗi.\n"), "")


def test_a_path_outside_the_repo_is_a_usage_error(tmp_path: Path, repo: Path) -> None:
    outside = write(tmp_path / "khac.yaml", "a: 1\n")
    code, out, err = run_cli(["validate", str(outside)], cwd=repo)
    assert (code, out) == (2, "")
    assert err == f"kehoach: lỗi: {outside}: đường dẫn nằm ngoài kho kế hoạch {repo.resolve()}\n"
    code, out, err = run_cli(["validate", "../khac.yaml"], cwd=repo)
    assert (code, out) == (2, "")
    assert err == f"kehoach: lỗi: ../khac.yaml: đường dẫn nằm ngoài kho kế hoạch {repo.resolve()}\n"


def test_a_path_that_does_not_exist_is_a_usage_error(repo: Path) -> None:
    assert run_cli(["validate", "units/cong-an/2026-Q3.yaml"], cwd=repo) == (
        2, "", "kehoach: lỗi: units/cong-an/2026-Q3.yaml: không có tệp hay thư mục này\n"
    )


# ---------------------------------------------------------------- finding the repo


def test_run_from_a_subfolder(broken: Path) -> None:
    code, out, _ = run_cli(["validate"], cwd=broken / "units" / "cong-an")
    assert code == 1
    assert out == f"{BAD_CA_LINE}\n{BAD_VP_LINE}\nĐã kiểm tra 6 tệp: 2 lỗi.\n"


@pytest.mark.parametrize("sub", ["", "units", "plan"])
def test_dash_c_before_the_command(tmp_path: Path, broken: Path, sub: str) -> None:
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    code, out, _ = run_cli(["-C", str(broken / sub), "validate"], cwd=elsewhere)
    assert code == 1
    assert out.endswith("Đã kiểm tra 6 tệp: 2 lỗi.\n")


def test_dash_c_with_a_relative_path_and_paths_relative_to_it(tmp_path: Path, broken: Path) -> None:
    code, out, _ = run_cli(["-C", "repo/units", "validate", "cong-an"], cwd=tmp_path)
    assert (code, out) == (1, f"{BAD_CA_LINE}\nĐã kiểm tra 1 tệp: 1 lỗi.\n")
    assert run_cli([f"-C{broken}", "validate", "units/cong-an"], cwd=tmp_path)[0] == 1


def test_outside_any_repo_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "trong"
    folder.mkdir()
    code, out, err = run_cli(["validate"], cwd=folder)
    assert (code, out) == (2, "")
    assert err == (
        f"kehoach: lỗi: không tìm thấy kho kế hoạch (thư mục chứa plan/plan.yaml) tại {folder} "
        "hoặc các thư mục cha; hãy chạy lệnh trong kho kế hoạch hoặc dùng -C ĐƯỜNG_DẪN\n"
    )


def test_dash_c_to_a_missing_folder(tmp_path: Path) -> None:
    assert run_cli(["-C", str(tmp_path / "khong-co"), "validate"], cwd=tmp_path) == (
        2, "", f"kehoach: lỗi: -C: thư mục không tồn tại: {tmp_path / 'khong-co'}\n"
    )


def test_dash_c_after_the_command_is_explained(repo: Path) -> None:
    assert run_cli(["validate", "-C", str(repo)], cwd=repo) == (2, "", (
        "kehoach: lỗi: tùy chọn -C phải đứng ngay sau kehoach, trước lệnh: kehoach -C ĐƯỜNG_DẪN "
        "LỆNH\nXem thêm: kehoach --help\n"))


# ---------------------------------------------------------------- formats


def test_format_github(broken: Path) -> None:
    assert run_cli(["validate", "--format", "github"], cwd=broken) == (1, (
        "::error file=units/cong-an/2026-Q1.yaml,line=7,col=27,title=kehoach lỗi::gia_tri: chỉ "
        "tiêu có cach_tinh: tong cần giá trị từ 0 trở lên, nhận được -1\n"
        "::error file=units/van-phong/2026-Q1.yaml,line=3,col=11,title=kehoach lỗi::ngay_gui: "
        "'2026-3-32' không phải ngày có thật; cần ngày dạng YYYY-MM-DD, ví dụ 2026-06-18\n"
        "Đã kiểm tra 6 tệp: 2 lỗi.\n"), "")


def test_format_json(broken: Path) -> None:
    code, out, err = run_cli(["validate", "--format=json"], cwd=broken)
    assert (code, err) == (1, "")
    assert [(p["path"], p["line"], p["col"], p["severity"]) for p in json.loads(out)] == [
        ("units/cong-an/2026-Q1.yaml", 7, 27, "error"),
        ("units/van-phong/2026-Q1.yaml", 3, 11, "error"),
    ]


@pytest.mark.parametrize("fmt", ["xml", "TEXT", ""])
def test_an_unknown_format_is_a_usage_error(repo: Path, fmt: str) -> None:
    assert run_cli(["validate", "--format", fmt], cwd=repo) == (
        2, "", f"kehoach: lỗi: --format: cần một trong text, github, json, sarif, "
        f"gitlab, nhận được '{fmt}'\n"
    )


def test_format_without_a_value(repo: Path) -> None:
    assert run_cli(["validate", "--format"], cwd=repo) == (2, "", (
        "kehoach: lỗi: tùy chọn --format cần một giá trị (text|github|json|sarif|gitlab)\n"
        "Xem thêm: kehoach --help\n"))


def test_tai_khoan_needs_base(repo: Path) -> None:
    assert run_cli(["validate", "--tai-khoan", "x"], cwd=repo) == (
        2, "", "kehoach: lỗi: --tai-khoan cần dùng cùng --base REV\n"
    )


# ---------------------------------------------------------------- never a traceback, never a write


def test_an_internal_error_is_a_short_message_and_exit_3(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("hỏng")

    monkeypatch.setattr("kehoach_cli.load.loaded.validate_model", boom)
    code, out, err = run_cli(["validate"], cwd=repo)
    assert (code, out) == (3, "")
    assert err == (
        "kehoach: lỗi nội bộ — đây là lỗi của chương trình, không phải của tệp của bạn. "
        "(RuntimeError: hỏng). Hãy báo lỗi kèm lệnh đã chạy; đặt KEHOACH_DEBUG=1 để xem chi "
        "tiết.\n"
    )
    assert "Traceback" not in err


def test_validate_writes_nothing(broken: Path) -> None:
    before = snapshot(broken)
    for args in (["validate"], ["validate", "--format", "json"], ["validate", "units"]):
        run_cli(args, cwd=broken)
    assert snapshot(broken) == before


def test_validate_reads_nothing_outside_the_repo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A parent folder full of YAML that looks like a plan repo's, and a link out of the repo.
    write(tmp_path / "units" / "cong-an" / "2026-Q1.yaml", "- không được đọc\n")
    write(tmp_path / "ngoai" / "2026-Q2.yaml", "- không được đọc\n")
    root = make_repo(tmp_path)
    if hasattr(os, "symlink") and os.name != "nt":
        os.symlink(tmp_path / "ngoai" / "2026-Q2.yaml", root / "units" / "cong-an" / "2026-Q2.yaml")
    opened: list[Path] = []
    real_open = builtins.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, Path)):
            opened.append(Path(file).resolve())
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    _, out, _ = run_cli(["validate"], cwd=root / "units")
    inside = [p for p in opened if p.is_relative_to(tmp_path.resolve())]
    assert inside and all(p.is_relative_to(root.resolve()) for p in inside)
    if os.name != "nt":
        assert out == ("units/cong-an/2026-Q2.yaml:1:1: lỗi: liên kết tượng trưng (symlink) không "
                       "được phép trong units/; cần một tệp thật\nĐã kiểm tra 6 tệp: 1 lỗi.\n")


def test_the_command_function_returns_an_exit_code(broken: Path) -> None:
    import datetime as dt

    out = io.StringIO()
    assert validate(broken, [], "text", dt.date(2026, 11, 26), out) == 1
    assert out.getvalue().endswith("Đã kiểm tra 6 tệp: 2 lỗi.\n")
    out = io.StringIO()
    assert validate(broken / "plan", ["."], "json", dt.date(2026, 11, 26), out) == 0
    assert out.getvalue() == "[]\n"


BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 7)
)


def test_hostile_files_are_errors_not_crashes(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={
        "cong-an/2026-Q1": RESULTS["cong-an/2026-Q1"] + "#" + "x" * (1024 * 1024) + "\n",
        "van-phong/2026-Q1": "a: !!python/object/apply:os.system ['echo da-chay']\n",
        "van-phong/2026-Q2": BOMB,
    })
    assert run_cli(["validate"], cwd=root) == (1, (
        "units/cong-an/2026-Q1.yaml:1:1: lỗi: tệp quá lớn: hơn 1.048.576 byte (1 MiB); tệp kế "
        "hoạch và tệp kết quả tối đa 1 MiB — có thể đã dán nhầm nội dung khác vào tệp\n"
        "units/van-phong/2026-Q1.yaml:1:4: lỗi: thẻ YAML !!python/object/apply:os.system không "
        "được phép; tệp chỉ được dùng giá trị thông thường (chuỗi, số, ngày, true/false), bảng "
        "khóa và danh sách\n"
        "units/van-phong/2026-Q2.yaml:5:25: lỗi: tệp có quá nhiều phần tử (hơn 50.000 sau khi mở "
        "các bí danh '*'); có thể là một 'quả bom bí danh' — hãy viết dữ liệu trực tiếp, không "
        "dùng '&' và '*'\n"
        "Đã kiểm tra 7 tệp: 3 lỗi.\n"), "")
