"""Entry point and the one error handler."""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib
import os
import sys
from typing import Any

from .errors import EXIT_INTERNAL, EXIT_USAGE, KehoachError

_EXPECTED_BY_METAVAR = {
    "1-4": "số nguyên từ 1 đến 4",
    "NĂM": "năm dạng số, ví dụ 2026",
}

COMMANDS = ("validate", "sua", "status", "report", "excel", "new", "nhap", "codeowners",
            "schema", "khoi-tao", "tong-hop")


def _help_request(args: list[str]) -> list[str] | None:
    """The command path whose help was asked for (-h/--help, or no argument at all)."""
    words: list[str] = []
    skip = False
    wants_help = not args
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in ("-h", "--help"):
            wants_help = True
        elif arg == "-C":
            skip = True
        elif arg.startswith("-C"):
            continue
        elif arg == "--version" and not words:
            return None
        elif not arg.startswith("-") and not words:
            words.append(arg)
    return words if wants_help else None


def _click() -> Any:
    """The click that typer runs on (vendored by typer >= 0.25)."""
    try:
        return importlib.import_module("typer._click")
    except ImportError:  # pragma: no cover - older typer
        return importlib.import_module("click")


def help_text(path: list[str]) -> str:
    import typer

    from .cli import app
    from .present.help import render

    command = typer.main.get_command(app)
    commands = getattr(command, "commands", {})
    if path and path[0] in commands:
        return render(commands[path[0]], path[:1])
    return render(command, [])


def _usage_message(exc: BaseException) -> str:
    """Click's usage errors, in Vietnamese (click itself speaks English)."""
    click = _click()
    exceptions = click.exceptions
    if isinstance(exc, exceptions.NoArgsIsHelpError):
        return ""
    if isinstance(exc, exceptions.NoSuchOption):
        name = exc.option_name
        if name == "-C" or name.startswith("-C"):
            return "tùy chọn -C phải đứng ngay sau kehoach, trước lệnh: kehoach -C ĐƯỜNG_DẪN LỆNH"
        hint = ""
        if exc.possibilities:
            hint = "; có phải ý bạn là " + ", ".join(sorted(exc.possibilities)) + "?"
        return f"không có tùy chọn {name}{hint}"
    if isinstance(exc, exceptions.MissingParameter):
        param = exc.param
        name = param.opts[0] if param is not None and param.opts else "tham số"
        if param is not None and param.param_type_name == "argument":
            return f"thiếu tham số bắt buộc {param.metavar or name}"
        return f"thiếu tùy chọn bắt buộc {name}"
    if isinstance(exc, exceptions.BadParameter):
        param = exc.param
        name = param.opts[0] if param is not None and param.opts else "tham số"
        metavar = getattr(param, "metavar", None) or ""
        expected = _EXPECTED_BY_METAVAR.get(metavar, f"giá trị dạng {metavar}")
        return f"giá trị không hợp lệ cho {name}; cần {expected}"
    message = str(getattr(exc, "message", exc))
    option = getattr(exc, "option_name", None)
    if isinstance(exc, exceptions.BadOptionUsage) and option:
        if "does not take a value" in message:
            return f"tùy chọn {option} không nhận giá trị; chỉ cần viết {option}"
        if "requires" in message:
            metavar = _metavar_of(exc, option)
            return f"tùy chọn {option} cần một giá trị{f' ({metavar})' if metavar else ''}"
    if message.startswith("No such command"):
        word = message.split("'")[1] if "'" in message else message
        import difflib

        close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.5)
        hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
        return f"không có lệnh '{word}'{hint} Các lệnh: {', '.join(COMMANDS)}" if hint else (
            f"không có lệnh '{word}'; các lệnh: {', '.join(COMMANDS)}"
        )
    if message.startswith("Missing command"):
        return f"thiếu lệnh; các lệnh: {', '.join(COMMANDS)}"
    if message.startswith("Got unexpected extra argument"):
        return "thừa tham số: " + message.rsplit("(", 1)[-1].rstrip(")")
    return f"cách dùng không đúng ({message})"


def _metavar_of(exc: BaseException, option: str) -> str:
    """The metavar of ``option`` (ĐƯỜNG_DẪN, text|github|json...), searched in the command
    that failed, else in every command."""
    import typer

    from .cli import app

    root = typer.main.get_command(app)
    ctx = getattr(exc, "ctx", None)
    commands = [getattr(ctx, "command", None), root,
                *getattr(root, "commands", {}).values()]
    for command in commands:
        for param in getattr(command, "params", []):
            if option in getattr(param, "opts", []) and getattr(param, "metavar", None):
                return str(param.metavar)
    return ""


def main(argv: list[str] | None = None) -> int:
    from .console import setup_utf8

    setup_utf8()
    args = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get("_KEHOACH_COMPLETE"):  # the shell asks for completions (Tab)
        return _complete()
    if args[:1] == ["--install-completion"] and len(args) <= 2:
        return _install_completion(args[1] if len(args) == 2 else None)
    help_for = _help_request(args)
    if help_for is not None:
        try:
            sys.stdout.write(help_text(help_for))
            sys.stdout.flush()
        except BrokenPipeError:
            return _quiet_pipe()
        return 0
    import typer

    from .cli import app

    click = _click()
    try:
        code = app(args=args, prog_name="kehoach", standalone_mode=False)
    except typer.Exit as exc:
        if exc.exit_code == 130:  # typer turns Ctrl+C inside a command into Exit(130)
            print("Đã dừng.", file=sys.stderr)
        return int(exc.exit_code)
    except typer.Abort:
        print("Đã hủy.", file=sys.stderr)
        return 1
    except click.exceptions.ClickException as exc:
        message = _usage_message(exc)
        if message:
            print(f"kehoach: lỗi: {message}", file=sys.stderr)
            print("Xem thêm: kehoach --help", file=sys.stderr)
        else:
            print(help_text([]), file=sys.stderr)
        return EXIT_USAGE
    except KehoachError as exc:
        print(f"kehoach: lỗi: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `kehoach status | head -1`: the reader has all it wanted
        return _quiet_pipe()
    except SystemExit:
        # click meets a closed pipe by wrapping the streams and exiting with 1: the same
        # closed pipe, told the same way as above.
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            return _quiet_pipe()
        raise
    except OSError as exc:
        if exc.errno not in _USER_OS_ERRORS:
            return _internal(exc)
        print(f"kehoach: lỗi: {_os_error(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # the one place a bug is caught
        return _internal(exc)
    if code == 130:  # typer hands Ctrl+C inside a command back as a return value
        print("Đã dừng.", file=sys.stderr)
    return int(code) if isinstance(code, int) else 0


def _complete() -> int:
    """Answer the shell's completion request (typer and click read it from the
    environment) and nothing else: no help, no command."""
    from .cli import app

    try:
        app(prog_name="kehoach")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    return 0


_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _install_completion(shell: str | None) -> int:
    """`kehoach --install-completion [SHELL]`: typer's installer, told in Vietnamese."""
    try:
        from typer._completion_shared import _get_shell_name, install
    except ImportError:  # pragma: no cover - a typer without it: its own option
        from .cli import app

        return int(app(args=["--install-completion", *([shell] if shell else [])],
                       prog_name="kehoach", standalone_mode=False) or 0)
    name = shell or _get_shell_name()
    if name not in _SHELLS:
        print(f"kehoach: lỗi: chưa hỗ trợ gợi ý hoàn thành lệnh cho shell "
              f"'{name or 'không rõ'}'; cần một trong {', '.join(_SHELLS)}, ví dụ: kehoach "
              "--install-completion bash", file=sys.stderr)
        return EXIT_USAGE
    try:
        _, path = install(shell=name, prog_name="kehoach", complete_var="_KEHOACH_COMPLETE")
    except OSError as exc:
        print(f"kehoach: lỗi: không ghi được tệp gợi ý hoàn thành lệnh ({exc.strerror or exc})",
              file=sys.stderr)
        return 1
    print(f"Đã cài gợi ý hoàn thành lệnh cho {name}: {path}")
    print("Mở lại cửa sổ lệnh rồi gõ kehoach và nhấn Tab để dùng.")
    return 0


# A full disk or a read-only one is the user's machine, not a bug.
_USER_OS_ERRORS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EROFS", "EIO") if hasattr(errno, name)
)


def _os_error(exc: OSError) -> str:
    reason = {errno.ENOSPC: "ổ đĩa đã đầy", errno.EROFS: "ổ đĩa chỉ cho đọc"}.get(
        exc.errno or 0, "ổ đĩa đầy hoặc không ghi được")
    target = f"tệp {exc.filename}" if exc.filename else "kết quả ra màn hình hoặc tệp đích"
    advice = ("hãy ghi vào ổ đĩa khác" if exc.errno == errno.EROFS
              else "hãy giải phóng chỗ trống trên ổ đĩa rồi chạy lại")
    return f"không ghi được {target}: {reason}; {advice}"


def _quiet_pipe() -> int:
    """The reader closed the pipe: stop writing, quietly, with success (as git does).
    The standard output is pointed at the null device, so that Python's final flush
    does not fail again at exit."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


def _internal(exc: Exception) -> int:
    if os.environ.get("KEHOACH_DEBUG"):
        raise exc
    print(
        "kehoach: lỗi nội bộ — đây là lỗi của chương trình, không phải của tệp của bạn. "
        f"({type(exc).__name__}: {exc}). Hãy báo lỗi kèm lệnh đã chạy; "
        "đặt KEHOACH_DEBUG=1 để xem chi tiết.",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def run() -> None:
    code = main()
    try:
        sys.stdout.flush()  # what is still buffered goes now, while errors can be told
    except BrokenPipeError:
        code = _quiet_pipe()
    except OSError as exc:
        print(f"kehoach: lỗi: {_os_error(exc)}", file=sys.stderr)
        code = 1
    # The command is done; what is left is Python's own shutdown, which collects garbage
    # across every object still alive (a checked repo, pydantic's validators, the .docx
    # tree) several times over: 100 ms or more after a report. Frozen objects are left to
    # the operating system (gc.freeze, meant for processes about to end or fork). The
    # standard streams are still flushed and atexit handlers run; what no longer runs is
    # __del__ of objects caught in reference cycles — kehoach closes every file it writes
    # before the command returns (store.write_atomic), so none is left to such a finaliser.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
