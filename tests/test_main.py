"""__main__.py: Vietnamese help, Vietnamese usage errors (exit 2), --version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.helpers import run_cli

from kehoach_cli import __version__
from kehoach_cli.__main__ import COMMANDS

ENGLISH = re.compile(
    r"\b(Usage|Options|Arguments|Commands|Show this message|Error|Missing|Invalid|default|"
    r"required|No such|Try)\b"
)


def test_root_help_is_vietnamese() -> None:
    code, out, err = run_cli(["--help"])
    assert (code, err) == (0, "")
    assert out.startswith("Cách dùng: kehoach [TÙY CHỌN] LỆNH [THAM SỐ]...\n")
    assert "\nTùy chọn:\n" in out and "\nLệnh:\n" in out
    assert "  -C ĐƯỜNG_DẪN          Chạy như thể đang ở ĐƯỜNG_DẪN" in out
    assert "  --install-completion  Cài gợi ý hoàn thành lệnh bằng phím Tab" in out
    assert "  -h, --help            In hướng dẫn này rồi thoát." in out
    for command in COMMANDS:
        assert f"\n  {command} " in out
    assert out.endswith("Xem hướng dẫn của từng lệnh: kehoach LỆNH --help\n")
    assert not ENGLISH.search(out)


def test_root_help_gives_each_command_its_whole_summary() -> None:
    """A summary is the docstring's first paragraph, all of it: a cut at the docstring's
    first line break left "… báo cáo quý, sơ kết 6" in the list; a file name is never split
    at its hyphen, a placeholder such as <đơn vị> never at its space."""
    out = run_cli(["--help"])[1]
    commands = out.split("\nLệnh:\n")[1].split("\n\n")[0]
    assert commands.splitlines()[6:12] == [
        "  report      Lập báo cáo (.docx) theo thể thức Nghị định 30/2020/NĐ-CP: báo cáo",
        "              quý, sơ kết 6 tháng hoặc tổng kết năm (chọn một trong --quy N,",
        "              --6-thang, --ca-nam).",
        "  excel       Lập bảng số liệu (.xlsx) đi kèm báo cáo: chỉ tiêu, nhiệm vụ, đơn",
        "              vị, số liệu (chọn một trong --quy N, --6-thang, --ca-nam).",
        "  new         Tạo sẵn tệp kết quả quý (hoặc biểu mẫu Excel) cho một đơn vị;",
    ]
    assert commands.endswith(
        "  tong-hop    Tổng hợp chỉ tiêu của các xã trong kho tổng hợp (tệp\n"
        "              tong-hop.yaml)."
    )
    assert (
        "  nhap        Nhập biểu mẫu Excel đã điền thành tệp kết quả\n"
        "              units/<đơn vị>/<năm>-Q<quý>.yaml.\n"
    ) in commands
    for row in re.split(r"\n(?=  \S)", commands):
        assert row.endswith("."), row


@pytest.mark.parametrize("args", [[], ["-h"], ["-C", ".", "--help"]])
def test_other_ways_to_the_root_help(args: list[str]) -> None:
    assert run_cli(args) == run_cli(["--help"])


def test_validate_help() -> None:
    assert run_cli(["validate", "--help"]) == (0, """\
Cách dùng: kehoach validate [TÙY CHỌN] [TỆP...]

  Kiểm tra toàn bộ kho kế hoạch (hoặc các tệp đã chỉ ra); không ghi tệp nào.

Tham số:
  [TỆP...]  Chỉ kiểm tra các tệp/thư mục này.

Tùy chọn:
  --format text|github|json|sarif|gitlab
                                  Dạng kết quả: text (mặc định), github (chú
                                  thích GitHub Actions, kèm bảng mọi lỗi trong
                                  tóm tắt của bước khi có $GITHUB_STEP_SUMMARY),
                                  json, sarif (GitHub code scanning), gitlab
                                  (báo cáo Code Quality của GitLab).
  --base REV                      Kiểm tra thêm thay đổi so với REV (yêu cầu hợp
                                  nhất - pull request).
  --tai-khoan TÀI_KHOẢN           Tài khoản đã làm thay đổi; dùng cùng --base.
                                  Có thể ghi nhiều lần (người tạo yêu cầu hợp
                                  nhất, người đẩy thay đổi): mỗi thay đổi phải
                                  được phép với mọi tài khoản đã ghi.
  --staged                        Kiểm tra đúng nội dung sẽ được commit (các tệp
                                  đã git add; tệp khác lấy như ở HEAD), bỏ qua
                                  tệp chưa theo dõi và sửa đổi chưa git add.
                                  Dùng cho móc pre-commit.
  -h, --help                      In hướng dẫn này rồi thoát.
""", "")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_is_vietnamese(command: str) -> None:
    for flag in ("--help", "-h"):
        code, out, err = run_cli([command, flag])
        assert (code, err) == (0, "")
        assert out.startswith(f"Cách dùng: kehoach {command} ")
        assert "\nTùy chọn:\n" in out
        assert not ENGLISH.search(out), out


def test_help_wins_over_other_arguments() -> None:
    code, out, _ = run_cli(["validate", "--format", "xml", "--help"])
    assert code == 0
    assert out.startswith("Cách dùng: kehoach validate ")


def test_version() -> None:
    assert run_cli(["--version"]) == (0, f"kehoach {__version__}\n", "")


USAGE_HINT = "Xem thêm: kehoach --help\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["valdate"], "không có lệnh 'valdate'; có phải ý bạn là 'validate'? Các lệnh: validate, "
                      "sua, status, report, excel, new, nhap, codeowners, schema, khoi-tao, "
                      "tong-hop"),
        (["xoa"], "không có lệnh 'xoa'; các lệnh: validate, sua, status, report, excel, new, "
                  "nhap, codeowners, schema, khoi-tao, tong-hop"),
        (["--bogus"], "không có tùy chọn --bogus"),
        (["validate", "--fromat", "json"],
         "không có tùy chọn --fromat; có phải ý bạn là --format?"),
        (["-C"], "tùy chọn -C cần một giá trị (ĐƯỜNG_DẪN)"),
        (["-C", "."], "thiếu lệnh; các lệnh: validate, sua, status, report, excel, new, nhap, "
                 "codeowners, schema, khoi-tao, tong-hop"),
        (["status"], "thiếu tùy chọn bắt buộc --quy"),
        (["status", "--quy", "hai"], "giá trị không hợp lệ cho --quy; cần số nguyên từ 1 đến 4"),
        (["status", "--quy"], "tùy chọn --quy cần một giá trị (1-4)"),
        (["status", "--quy", "2", "--nam", "x"],
         "giá trị không hợp lệ cho --nam; cần năm dạng số, ví dụ 2026"),
        (["status", "--quy", "2", "thua"], "thừa tham số: thua"),
        (["status", "--json=1", "--quy", "2"],
         "tùy chọn --json không nhận giá trị; chỉ cần viết --json"),
    ],
)
def test_usage_errors_exit_2_in_vietnamese(args: list[str], message: str) -> None:
    code, out, err = run_cli(args)
    assert (code, out) == (2, "")
    assert err == f"kehoach: lỗi: {message}\n{USAGE_HINT}"
    assert not ENGLISH.search(err)


def test_run_freezes_the_heap_before_python_shuts_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """The console script's exit: main's code, after gc.freeze (so that Python's shutdown
    does not walk every object still alive)."""
    import gc

    from kehoach_cli import __main__ as entry

    calls: list[str] = []

    def main() -> int:
        calls.append("main")
        return 3

    monkeypatch.setattr(entry, "main", main)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    with pytest.raises(SystemExit) as exited:
        entry.run()
    assert exited.value.code == 3
    assert calls == ["main", "freeze"]


def test_the_installed_script_ends_with_the_output_flushed(
    good_repo: Path, kehoach_today: str
) -> None:
    """Whole process, output piped: a long output written just before the faster exit
    (gc.freeze) arrives whole — the same as main() prints in this process."""
    import json
    import subprocess
    import sys

    args = ["-C", str(good_repo), "status", "--quy", "2", "--json"]
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from kehoach_cli.__main__ import run; "
         "sys.argv[1:] = " + repr(args) + "; run()"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert len(done.stdout) > 2_000 and done.stdout.endswith("}\n")
    code, out, _ = run_cli(args)
    assert code == 0 and done.stdout == out
    assert json.loads(done.stdout)["chi_tieu"]


def test_ctrl_c_inside_a_command_says_it_stopped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import kehoach_cli.commands.status as status_command
    from kehoach_cli.__main__ import main

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(status_command, "status", interrupted)
    assert main(["status", "--quy", "2"]) == 130
    out, err = capsys.readouterr()
    assert (out, err) == ("", "Đã dừng.\n")


def _closed_pipe_run(args: list[str]) -> tuple[int, str]:
    """Run kehoach as a whole process whose reader closes the pipe (as ``kehoach status |
    head -1`` does once it has its line); its exit code and what it said on stderr."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from kehoach_cli.__main__ import run; "
         "sys.argv[1:] = " + repr(args) + "; run()"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the child writes anything (it is still importing)
    err = proc.stderr.read().decode("utf-8")
    return proc.wait(timeout=60), err


@pytest.mark.parametrize(
    "args",
    [["status", "--quy", "2"], ["status", "--quy", "2", "--json"], ["validate"],
     ["--help"], ["schema"]],
)
def test_a_closed_pipe_ends_quietly_with_success(
    good_repo: Path, kehoach_today: str, args: list[str]
) -> None:
    code, err = _closed_pipe_run(["-C", str(good_repo), *args])
    assert (code, err) == (0, "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="cần /dev/full (Linux)")
def test_a_full_disk_is_the_user_s_problem_not_a_bug(good_repo: Path, kehoach_today: str) -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:  # every write: "No space left on device"
        done = subprocess.run(
            [sys.executable, "-c", "import sys; from kehoach_cli.__main__ import run; "
             "sys.argv[1:] = ['-C', " + repr(str(good_repo)) + ", 'status', '--quy', '2'];"
             " run()"],
            stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8", check=False,
        )  # fmt: skip
    assert (done.returncode, done.stderr) == (
        1, "kehoach: lỗi: không ghi được kết quả ra màn hình hoặc tệp đích: ổ đĩa đã đầy; "
           "hãy giải phóng chỗ trống trên ổ đĩa rồi chạy lại\n")


@pytest.mark.parametrize(
    ("errno_name", "message"),
    [("ENOSPC", "không ghi được tệp reports/x.docx: ổ đĩa đã đầy; hãy giải phóng chỗ trống "
                "trên ổ đĩa rồi chạy lại"),
     ("EROFS", "không ghi được tệp reports/x.docx: ổ đĩa chỉ cho đọc; hãy ghi vào ổ đĩa khác")],
)
def test_a_disk_error_anywhere_is_told_in_vietnamese_with_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], errno_name: str,
    message: str,
) -> None:
    import errno

    import kehoach_cli.commands.status as status_command
    from kehoach_cli.__main__ import main

    def failing(*args: object, **kwargs: object) -> int:
        number = getattr(errno, errno_name)
        raise OSError(number, "os message", "reports/x.docx")

    monkeypatch.setattr(status_command, "status", failing)
    assert main(["status", "--quy", "2"]) == 1
    assert capsys.readouterr() == ("", f"kehoach: lỗi: {message}\n")


def test_another_os_error_is_still_a_bug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    import kehoach_cli.commands.status as status_command
    from kehoach_cli.__main__ import main

    def failing(*args: object, **kwargs: object) -> int:
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr(status_command, "status", failing)
    monkeypatch.delenv("KEHOACH_DEBUG", raising=False)
    assert main(["status", "--quy", "2"]) == 3
    assert "lỗi nội bộ" in capsys.readouterr().err


def test_the_version_is_the_packages() -> None:
    # pyproject.toml and the package say the same version (the release tag v<version>).
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    assert tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"] == (
        __version__)
