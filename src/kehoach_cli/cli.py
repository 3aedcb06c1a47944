"""The command line: options in, a command function called, its exit code out.

Only typer is imported here; each command imports what it needs when it runs, so
``kehoach --help`` starts instantly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import __version__

app = typer.Typer(
    name="kehoach",
    help=(
        "Kế hoạch thành dữ liệu: kiểm tra tệp kế hoạch và tệp kết quả của các đơn vị, "
        "theo dõi chỉ tiêu, lập báo cáo quý theo Nghị định 30/2020/NĐ-CP."
    ),
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _complete(name: str) -> Any:
    """The completion function ``name`` of commands/complete.py, imported only when the
    shell asks (Tab), so that an ordinary run never loads it."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        from .commands import complete as values

        found: list[tuple[str, str]] = getattr(values, name)(incomplete)
        return found

    return complete


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
        typer.Option("--format", metavar="text|github|json|sarif|gitlab",
                     autocompletion=_complete("formats"),
                     help="Dạng kết quả: text (mặc định), github (chú thích GitHub Actions, "
                          "kèm bảng mọi lỗi trong tóm tắt của bước khi có "
                          "$GITHUB_STEP_SUMMARY), json, sarif (GitHub code scanning), gitlab "
                          "(báo cáo Code Quality của GitLab)."),
    ] = "text",
    base: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--base", metavar="REV",
                     help="Kiểm tra thêm thay đổi so với REV (yêu cầu hợp nhất - pull request)."),
    ] = None,
    accounts: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--tai-khoan", metavar="TÀI_KHOẢN",
                     help="Tài khoản đã làm thay đổi; dùng cùng --base. Có thể ghi nhiều lần "
                          "(người tạo yêu cầu hợp nhất, người đẩy thay đổi): mỗi thay đổi phải "
                          "được phép với mọi tài khoản đã ghi."),
    ] = None,
    staged: Annotated[
        bool,
        typer.Option("--staged",
                     help="Kiểm tra đúng nội dung sẽ được commit (các tệp đã git add; tệp "
                          "khác lấy như ở HEAD), bỏ qua tệp chưa theo dõi và sửa đổi chưa "
                          "git add. Dùng cho móc pre-commit."),
    ] = False,
) -> None:
    """Kiểm tra toàn bộ kho kế hoạch (hoặc các tệp đã chỉ ra); không ghi tệp nào."""
    from .commands.validate import validate

    raise typer.Exit(validate(State.start, paths or [], fmt, base=base,
                              accounts=accounts or [], staged=staged))


@app.command("sua")
def sua_cmd(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(metavar="[TỆP...]", help="Chỉ sửa các tệp/thư mục này."),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--xem", help="Chỉ in những chỗ sẽ sửa, không ghi tệp nào."),
    ] = False,
) -> None:
    """Tự sửa những lỗi chắc chắn biết cách sửa (như 2,5 → 2.5), rồi kiểm tra lại."""
    from .commands.sua import sua

    raise typer.Exit(sua(State.start, paths or [], dry_run=dry_run))


Quarter = Annotated[
    int,
    typer.Option("--quy", metavar="1-4", help="Quý (1 đến 4).",
                 autocompletion=_complete("quarters")),
]
Year = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--nam", metavar="NĂM", help="Năm (mặc định: năm của kế hoạch).",
                 autocompletion=_complete("years")),
]


@app.command("status")
def status_cmd(
    quarter: Quarter,
    year: Year = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="In một đối tượng JSON thay cho bảng.")
    ] = False,
    warnings_only: Annotated[
        bool,
        typer.Option(
            "--canh-bao",
            help="Chỉ liệt kê những gì cần chú ý (cho cuộc họp): chỉ tiêu có nguy cơ không "
            "đạt hoặc cần tăng tốc, nhiệm vụ quá hạn, chưa báo cáo hoặc sắp đến hạn, đơn vị "
            "gửi trễ hoặc chưa gửi.",
        ),
    ] = False,
) -> None:
    """Xem tình hình thực hiện chỉ tiêu, nhiệm vụ và việc gửi báo cáo của một quý."""
    from .commands.status import status

    raise typer.Exit(status(State.start, quarter, year, as_json=as_json,
                            attention_only=warnings_only))


@app.command("report")
def report_cmd(
    quarter: Quarter,
    year: Year = None,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", metavar="ĐƯỜNG_DẪN",
                     help="Tệp .docx cần ghi (mặc định: reports/<năm>-Q<quý>.docx)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Cho phép ghi đè báo cáo đã ban hành (đã có số).")
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Ghi thêm bản PDF (cần LibreOffice).")
    ] = False,
) -> None:
    """Lập báo cáo quý (.docx) theo thể thức Nghị định 30/2020/NĐ-CP."""
    from .commands.report import report

    raise typer.Exit(report(State.start, quarter, year, out=out, force=force, pdf=pdf))


@app.command("new")
def new_cmd(
    unit: Annotated[
        str, typer.Option("--don-vi", metavar="MÃ", help="Mã đơn vị, ví dụ cong-an-xa.",
                          autocompletion=_complete("unit_ids"))
    ],
    quarter: Quarter,
    year: Year = None,
) -> None:
    """Tạo sẵn tệp kết quả quý cho một đơn vị (không ghi đè tệp đã có)."""
    from .commands.new import new

    raise typer.Exit(new(State.start, unit, quarter, year))


@app.command("codeowners")
def codeowners_cmd(
    write: Annotated[
        bool, typer.Option("--write", help="Ghi vào .github/CODEOWNERS thay vì in ra.")
    ] = False,
) -> None:
    """In tệp CODEOWNERS: mỗi đơn vị chỉ sửa thư mục của mình."""
    from .commands.codeowners import codeowners

    raise typer.Exit(codeowners(State.start, write=write))


@app.command("schema")
def schema_cmd(
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", metavar="THƯ_MỤC", help="Thư mục ghi (mặc định: schemas/)."),
    ] = None,
) -> None:
    """Ghi JSON Schema của từng loại tệp, để trình soạn thảo gợi ý và báo lỗi khi gõ."""
    from .commands.schema import schema

    raise typer.Exit(schema(State.start, out))


@app.command("tong-hop")
def tong_hop_cmd(
    quarter: Quarter,
    year: Year = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="In một đối tượng JSON thay cho bảng.")
    ] = False,
    csv_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--csv", metavar="ĐƯỜNG_DẪN",
                     help="Ghi thêm bảng dạng dài (cấp, thành viên, chỉ tiêu, kỳ, tử, mẫu, "
                     "giá trị) vào tệp CSV này."),
    ] = None,
) -> None:
    """Tổng hợp chỉ tiêu của các xã trong kho tổng hợp (tệp tong-hop.yaml)."""
    from .commands.tong_hop import tong_hop

    raise typer.Exit(tong_hop(State.start, quarter, year, as_json=as_json, csv_path=csv_path))
