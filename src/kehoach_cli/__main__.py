"""Entry point and the one error handler."""

from __future__ import annotations

import os
import sys

from .errors import EXIT_INTERNAL, EXIT_USAGE, KehoachError


_EXPECTED_BY_METAVAR = {
    "1-4": "số nguyên từ 1 đến 4",
    "NĂM": "năm dạng số, ví dụ 2026",
}

COMMANDS = ("validate", "status", "report", "new", "codeowners", "schema")


def _help_request(args: list[str]) -> list[str] | None:
    """The command path whose help was asked for (-h/--help, or no command at all)."""
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
        elif arg == "--version":
            return None
        elif not arg.startswith("-") and not words:
            words.append(arg)
    if not words and not wants_help and args and all(a.startswith("-C") or a == args[1:2] for a in args):
        wants_help = True
    return words if wants_help else None


def help_text(path: list[str]) -> str:
    from .cli import app, typer
    from .present.help import render

    command = typer.main.get_command(app)
    if path and path[0] in getattr(command, "commands", {}):
        return render(command.commands[path[0]], path[:1])
    return render(command, [])


def _usage_message(exc: BaseException) -> str:
    """Click's usage errors, in Vietnamese."""
    from .cli import click

    if isinstance(exc, click.exceptions.NoSuchOption):
        hint = ""
        if exc.possibilities:
            hint = "; có phải ý bạn là " + ", ".join(sorted(exc.possibilities)) + "?"
        return f"không có tùy chọn {exc.option_name}{hint}"
    if isinstance(exc, click.exceptions.MissingParameter):
        name = exc.param.opts[0] if exc.param is not None and exc.param.opts else "tham số"
        return f"thiếu tùy chọn bắt buộc {name}"
    if isinstance(exc, click.exceptions.BadParameter):
        param = exc.param
        name = param.opts[0] if param is not None and param.opts else "tham số"
        metavar = getattr(param, "metavar", None) or ""
        expected = _EXPECTED_BY_METAVAR.get(metavar, f"giá trị dạng {metavar}")
        return f"giá trị không hợp lệ cho {name}; cần {expected}"
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        return ""
    message = getattr(exc, "message", str(exc))
    if message.startswith("No such command"):
        word = message.split("'")[1] if "'" in message else message
        return (f"không có lệnh '{word}'; các lệnh: validate, status, report, new, "
                "codeowners, schema")
    if message.startswith("Got unexpected extra argument"):
        return "thừa tham số: " + message.split("(", 1)[-1].rstrip(")")
    return message


def main(argv: list[str] | None = None) -> int:
    from .console import setup_utf8

    setup_utf8()
    args = list(sys.argv[1:] if argv is None else argv)
    help_for = _help_request(args)
    if help_for is not None:
        sys.stdout.write(help_text(help_for))
        return 0

    import typer

    from .cli import app, click

    try:
        code = app(args=args, prog_name="kehoach", standalone_mode=False)
    except typer.Exit as exc:
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
    except Exception as exc:  # the one place a bug is caught
        if os.environ.get("KEHOACH_DEBUG"):
            raise
        print(
            "kehoach: lỗi nội bộ — đây là lỗi của chương trình, không phải của tệp của bạn. "
            f"({type(exc).__name__}: {exc}). Hãy báo lỗi kèm lệnh đã chạy; "
            "đặt KEHOACH_DEBUG=1 để xem chi tiết.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return int(code) if isinstance(code, int) else 0


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
