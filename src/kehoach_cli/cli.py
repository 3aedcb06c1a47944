"""The command line: options in, a command function called, its exit code out.

Only typer is imported here; each command imports what it needs when it runs, so
``kehoach --help`` starts instantly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

try:  # typer >= 0.25 vendors click
    from typer import _click as click
except ImportError:  # pragma: no cover
    import click  # type: ignore[no-redef]

from . import __version__

app = typer.Typer(
    name="kehoach",
    help=(
        "Kế hoạch thành dữ liệu: kiểm tra tệp kế hoạch và tệp kết quả của các đơn vị, "
        "theo dõi chỉ tiêu, lập báo cáo quý theo Nghị định 30/2020/NĐ-CP."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class State:
    start: Path = Path(".")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kehoach {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    directory: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "-C",
            metavar="ĐƯỜNG_DẪN",
            help="Chạy như thể đang ở ĐƯỜNG_DẪN (kho kế hoạch hoặc thư mục con của nó).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."
        ),
    ] = False,
) -> None:
    """Kế hoạch thành dữ liệu."""
    State.start = directory if directory is not None else Path(".")


@app.command("validate")
def validate_cmd(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(metavar="[TỆP...]", help="Chỉ kiểm tra các tệp/thư mục này."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", metavar="text|github|json",
                     help="Dạng kết quả: text (mặc định), github (chú thích GitHub Actions), "
                          "json."),
    ] = "text",
) -> None:
    """Kiểm tra toàn bộ kho kế hoạch (hoặc các tệp đã chỉ ra); không ghi tệp nào."""
    from .commands.validate import validate

    raise typer.Exit(validate(State.start, paths or [], fmt))
