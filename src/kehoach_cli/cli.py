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
    quarter: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--quy", metavar="1-4", help="Báo cáo quý (1 đến 4).",
                     autocompletion=_complete("quarters")),
    ] = None,
    half_year: Annotated[
        bool,
        typer.Option("--6-thang", help="Báo cáo sơ kết 6 tháng đầu năm (số liệu đến hết quý "
                     "II)."),
    ] = False,
    annual: Annotated[
        bool,
        typer.Option("--ca-nam", help="Báo cáo tổng kết năm (số liệu từng quý và cả năm)."),
    ] = False,
    newest: Annotated[
        bool,
        typer.Option("--moi-nhat", help="Báo cáo quý mới nhất có số liệu (chọn theo dữ liệu, "
                     "không theo lịch); quý đã ban hành thì không lập lại mà chép văn bản "
                     "chính thức sang --out. Dùng cho CI."),
    ] = False,
    year: Year = None,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", metavar="ĐƯỜNG_DẪN",
                     help="Tệp .docx cần ghi (mặc định: reports/<năm>-Q<quý>.docx, "
                     "reports/<năm>-6T.docx hoặc reports/<năm>.docx)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Cho phép ghi đè báo cáo đã ban hành (đã có số).")
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Ghi thêm bản PDF (cần LibreOffice).")
    ] = False,
) -> None:
    """Lập báo cáo (.docx) theo thể thức Nghị định 30/2020/NĐ-CP: báo cáo quý, sơ kết 6
    tháng hoặc tổng kết năm (chọn một trong --quy N, --6-thang, --ca-nam)."""
    from .commands.report import latest, report

    if newest:
        from .errors import UsageError

        if quarter is not None or half_year or annual or force:
            raise UsageError("--moi-nhat tự chọn quý theo số liệu: không dùng cùng --quy, "
                             "--6-thang, --ca-nam hay --force")
        raise typer.Exit(latest(State.start, year, out=out, pdf=pdf))
    raise typer.Exit(report(State.start, quarter, year, half_year=half_year, annual=annual,
                            out=out, force=force, pdf=pdf))


@app.command("excel")
def excel_cmd(
    quarter: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--quy", metavar="1-4", help="Bảng số liệu quý (1 đến 4).",
                     autocompletion=_complete("quarters")),
    ] = None,
    half_year: Annotated[
        bool, typer.Option("--6-thang", help="Bảng số liệu sơ kết 6 tháng đầu năm (quý I, II)."),
    ] = False,
    annual: Annotated[
        bool, typer.Option("--ca-nam", help="Bảng số liệu tổng kết năm (quý I đến IV)."),
    ] = False,
    year: Year = None,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", metavar="ĐƯỜNG_DẪN",
                     help="Tệp .xlsx cần ghi (mặc định: reports/<năm>-Q<quý>.xlsx, "
                          "reports/<năm>-6T.xlsx hoặc reports/<năm>.xlsx)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Cho phép ghi đè bảng số liệu của báo cáo đã "
                                           "ban hành (đã có số).")
    ] = False,
) -> None:
    """Lập bảng số liệu (.xlsx) đi kèm báo cáo: chỉ tiêu, nhiệm vụ, đơn vị, số liệu (chọn
    một trong --quy N, --6-thang, --ca-nam)."""
    from .commands.excel import excel

    raise typer.Exit(excel(State.start, quarter, year, half_year=half_year, annual=annual,
                           out=out, force=force))


@app.command("new")
def new_cmd(
    unit: Annotated[
        str, typer.Option("--don-vi", metavar="MÃ", help="Mã đơn vị, ví dụ cong-an-xa.",
                          autocompletion=_complete("unit_ids"))
    ],
    quarter: Quarter,
    year: Year = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="Tạo biểu mẫu Excel (.xlsx) để đơn vị điền thay "
                                           "cho tệp .yaml; nhập lại bằng kehoach nhap.")
    ] = False,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", metavar="ĐƯỜNG_DẪN",
                     help="Cùng --excel: tệp .xlsx cần ghi (mặc định: "
                          "bieu-mau-<mã đơn vị>-<năm>-Q<quý>.xlsx ở thư mục hiện tại)."),
    ] = None,
) -> None:
    """Tạo sẵn tệp kết quả quý (hoặc biểu mẫu Excel) cho một đơn vị; không ghi đè."""
    from .commands.new import new

    raise typer.Exit(new(State.start, unit, quarter, year, excel=excel, out_path=out))


@app.command("nhap")
def nhap_cmd(
    form: Annotated[
        Path, typer.Argument(metavar="BIỂU_MẪU.xlsx", help="Biểu mẫu Excel đơn vị đã điền.")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Cho phép ghi đè tệp kết quả đã có.")
    ] = False,
    unit: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--don-vi", metavar="MÃ", autocompletion=_complete("unit_ids"),
                     help="Kiểm tra thêm: biểu mẫu phải là của đơn vị này."),
    ] = None,
    quarter: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--quy", metavar="1-4", autocompletion=_complete("quarters"),
                     help="Kiểm tra thêm: biểu mẫu phải là của quý này."),
    ] = None,
) -> None:
    """Nhập biểu mẫu Excel đã điền thành tệp kết quả units/<đơn vị>/<năm>-Q<quý>.yaml."""
    from .commands.nhap import nhap

    raise typer.Exit(nhap(State.start, form, force=force, unit=unit, quarter=quarter))


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


@app.command("khoi-tao")
def khoi_tao_cmd(
    document: Annotated[
        Path,
        typer.Option("--tu-van-ban", metavar="TỆP",
                     help="Văn bản kế hoạch của xã (.docx hoặc .txt)."),
    ],
    folder: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(metavar="[THƯ_MỤC]",
                       help="Thư mục của kho kế hoạch mới (mặc định: thư mục hiện tại)."),
    ] = None,
) -> None:
    """Tạo kho kế hoạch mới từ văn bản kế hoạch của xã (.docx, .txt); không ghi đè plan/.

    Soạn sẵn plan/*.yaml (mỗi mục kèm đoạn văn bản gốc, chỗ phải đoán ghi "cần kiểm tra"),
    plan/CAN-KIEM-TRA.md, quy trình kiểm tra tự động, CODEOWNERS và lược đồ cho trình soạn
    thảo.
    """
    from .commands.khoi_tao import khoi_tao

    raise typer.Exit(khoi_tao(document, folder))


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
    docx_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--docx", metavar="ĐƯỜNG_DẪN",
                     help="Ghi thêm báo cáo tổng hợp (thể thức Nghị định 30) vào tệp .docx "
                     "này."),
    ] = None,
    excel_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--excel", metavar="ĐƯỜNG_DẪN",
                     help="Ghi thêm bảng số liệu tổng hợp (chỉ tiêu, thành viên, xã × chỉ "
                     "tiêu) vào tệp .xlsx này."),
    ] = None,
) -> None:
    """Tổng hợp chỉ tiêu của các xã trong kho tổng hợp (tệp tong-hop.yaml)."""
    from .commands.tong_hop import tong_hop

    raise typer.Exit(tong_hop(State.start, quarter, year, as_json=as_json, csv_path=csv_path,
                              docx_path=docx_path, excel_path=excel_path))
