"""`kehoach report` through the real CLI: paths, refusals, issued reports, reproducibility,
atomic writes, PDF, templates and the sandbox."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import docx
import pytest
from tests.helpers import run_cli, snapshot
from tests.scenarios import report as rr

from kehoach_cli.commands import report as report_command
from kehoach_cli.present.report import templating

TODAY = "2026-11-26"
DRAFT = "ngay: 2026-06-29\n"
ISSUED = "so: 7\nngay: 2026-06-29\n"
TEMPLATE = Path("templates") / "bao-cao-quy.md.j2"
BUILTIN = (
    Path(report_command.__file__).resolve().parent.parent / "builtin_templates" / TEMPLATE.name
)
TEMPLATE_FAILED = (
    "kehoach: lỗi: mẫu báo cáo có lỗi nên chưa lập báo cáo; sửa mẫu (xem templates/README.md) "
    "rồi chạy lại. Không tệp nào được ghi.\n"
)


def report(root: Path, *args: str, today: str = TODAY, cwd: Path | None = None,
           ) -> tuple[int, str, str]:  # fmt: skip
    return run_cli(["report", "--quy", "2", *args], cwd=cwd or root, today=today)


def date_line(path: Path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    return document.tables[0].rows[1].cells[1].text


def body_text(path: Path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return rr.write(tmp_path, report=DRAFT)


@pytest.fixture
def issued(tmp_path: Path) -> Path:
    return rr.write(tmp_path, report=ISSUED)


# --------------------------------------------------------------------------- paths


def test_writes_the_default_path_and_prints_it(root: Path) -> None:
    assert report(root) == (0, "reports/2026-Q2.docx\n", "")
    written = root / "reports" / "2026-Q2.docx"
    assert written.read_bytes().startswith(b"PK")
    assert "BÁO CÁO" in body_text(written)


def test_from_a_subfolder_the_repo_is_found(root: Path) -> None:
    code, out, err = report(root, cwd=root / "units" / "cong-an")
    assert (code, err) == (0, "")
    assert out == f"{root / 'reports' / '2026-Q2.docx'}\n"  # outside cwd: the full path
    assert (root / "reports" / "2026-Q2.docx").is_file()


def test_out_is_relative_to_the_current_folder(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, out, err = run_cli(
        ["-C", str(root), "report", "--quy", "2", "--out", "ban-in/q2.docx"],
        cwd=elsewhere, today=TODAY,
    )
    assert (code, out, err) == (0, "ban-in/q2.docx\n", "")
    assert (elsewhere / "ban-in" / "q2.docx").is_file()
    assert not (root / "reports" / "2026-Q2.docx").exists()
    assert not (root / "ban-in").exists()


def test_out_must_be_a_docx(root: Path) -> None:
    before = snapshot(root)
    assert report(root, "--out", "bao-cao.pdf") == (
        1, "", "kehoach: lỗi: --out: tệp báo cáo cần đuôi .docx, nhận được bao-cao.pdf; hãy "
        "viết bao-cao.docx\n",
    )
    assert snapshot(root) == before


def test_out_must_not_be_a_folder(root: Path) -> None:
    (root / "x.docx").mkdir()
    assert report(root, "--out", "x.docx") == (
        1, "", "kehoach: lỗi: --out: x.docx là một thư mục; cần đường dẫn tệp .docx, ví dụ "
        "x.docx/bao-cao.docx\n",
    )
    (root / "bao-cao").mkdir()
    assert report(root, "--out", "bao-cao") == (  # a folder, said so, not "needs .docx"
        1, "", "kehoach: lỗi: --out: bao-cao là một thư mục; cần đường dẫn tệp .docx, ví dụ "
        "bao-cao/bao-cao.docx\n",
    )


def test_another_year_is_a_usage_error(root: Path) -> None:
    assert report(root, "--nam", "2025") == (
        2, "", "kehoach: lỗi: --nam: kế hoạch này là của năm 2026, không có số liệu năm 2025\n",
    )


def test_quarter_out_of_range_is_a_usage_error(root: Path) -> None:
    code, out, err = run_cli(["report", "--quy", "5"], cwd=root, today=TODAY)
    assert (code, out) == (2, "")
    assert err.startswith("kehoach: lỗi: ")


# --------------------------------------------------------------------------- refusals


def test_validation_errors_write_nothing(tmp_path: Path) -> None:
    results = dict(rr.RESULTS)
    results["cong-an/2026-Q2"] = results["cong-an/2026-Q2"].replace(
        "ngay_gui: 2026-06-23", "ngay_gui: 2026-06-31"
    )
    root = rr.write(tmp_path, report=DRAFT, results=results)
    before = snapshot(root)
    code, out, err = report(root)
    assert (code, out) == (1, "")
    assert err == (
        "units/cong-an/2026-Q2.yaml:3:11: lỗi: ngay_gui: '2026-06-31' không phải ngày có "
        "thật; cần ngày dạng YYYY-MM-DD, ví dụ 2026-06-18\n"
        "kehoach: lỗi: kho kế hoạch có 1 lỗi nên chưa lập báo cáo; sửa các lỗi trên (xem: "
        "kehoach validate) rồi chạy lại. Không tệp nào được ghi.\n"
    )
    assert snapshot(root) == before


# --------------------------------------------------------------------------- issued reports


def test_issued_report_is_not_overwritten(issued: Path) -> None:
    target = issued / "reports" / "2026-Q2.docx"
    target.write_bytes(b"ban da ky")
    code, out, err = report(issued)
    assert (code, out) == (1, "")
    assert err == (
        "kehoach: lỗi: reports/2026-Q2.docx là báo cáo đã ban hành (số 07/BC-BCĐ) và khác "
        "với bản lập lại; kehoach không ghi đè văn bản đã ban hành. Nếu thật sự cần lập "
        "lại, chạy thêm --force\n"
    )
    assert target.read_bytes() == b"ban da ky"


def test_issued_report_rendered_again_identically(issued: Path) -> None:
    assert report(issued) == (0, "reports/2026-Q2.docx\n", "")
    target = issued / "reports" / "2026-Q2.docx"
    stat = target.stat()
    assert report(issued, today="2027-03-01") == (
        0, "reports/2026-Q2.docx (báo cáo đã ban hành, không thay đổi)\n", "",
    )
    assert target.stat().st_mtime_ns == stat.st_mtime_ns  # not even rewritten


def test_force_overwrites_an_issued_report(issued: Path) -> None:
    target = issued / "reports" / "2026-Q2.docx"
    target.write_bytes(b"ban cu")
    assert report(issued, "--force") == (0, "reports/2026-Q2.docx\n", "")
    assert target.read_bytes().startswith(b"PK")
    assert "Số: 07/BC-BCĐ" in docx.Document(str(target)).tables[0].rows[1].cells[0].text


def test_a_draft_is_overwritten_freely(root: Path) -> None:
    target = root / "reports" / "2026-Q2.docx"
    target.write_bytes(b"ban nhap cu")
    assert report(root) == (0, "reports/2026-Q2.docx\n", "")
    assert target.read_bytes().startswith(b"PK")


# --------------------------------------------------------------------------- reproducible


def test_same_inputs_same_bytes_whatever_the_clock(root: Path, tmp_path: Path) -> None:
    assert report(root, "--out", str(tmp_path / "a.docx"), today="2026-11-26")[0] == 0
    assert report(root, "--out", str(tmp_path / "b.docx"), today="2027-02-03")[0] == 0
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert date_line(tmp_path / "a.docx") == "Mẫu Sơn, ngày 29 tháng 6 năm 2026"


@pytest.mark.parametrize(
    ("today", "line"),
    [
        ("2026-12-05", "Mẫu Sơn, ngày 05 tháng 12 năm 2026"),
        ("2027-01-09", "Mẫu Sơn, ngày 09 tháng 01 năm 2027"),  # zeros: day < 10, January
        ("2027-02-14", "Mẫu Sơn, ngày 14 tháng 02 năm 2027"),
    ],
)
def test_without_a_date_the_report_is_dated_today(tmp_path: Path, today: str, line: str) -> None:
    root = rr.write(tmp_path, report=None)
    assert report(root, today=today)[0] == 0
    assert date_line(root / "reports" / "2026-Q2.docx") == line


# --------------------------------------------------------------------------- atomic writes


def test_a_failed_write_keeps_the_previous_file(root: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = root / "reports" / "2026-Q2.docx"
    target.write_bytes(b"ban truoc")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    code, out, err = report(root)
    assert (code, out) == (1, "")
    # the message is store.write_atomic's (tested in tests/test_store.py)
    assert err.startswith("kehoach: lỗi: không ghi được reports/2026-Q2.docx")
    assert "Traceback" not in err
    assert target.read_bytes() == b"ban truoc"
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "2026-Q2.docx", "2026-Q2.yaml",
    ]


# --------------------------------------------------------------------------- PDF


def test_pdf_without_libreoffice(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_command, "find_soffice", lambda: None)
    code, out, err = report(root, "--pdf")
    assert (code, out) == (1, "reports/2026-Q2.docx\n")
    assert err == (
        "kehoach: lỗi: đã ghi reports/2026-Q2.docx nhưng không xuất được PDF: chưa cài "
        "LibreOffice (không tìm thấy lệnh soffice). Cài LibreOffice rồi chạy lại với --pdf, "
        "hoặc mở tệp .docx bằng Word và chọn Lưu thành PDF\n"
    )
    assert (root / "reports" / "2026-Q2.docx").is_file()
    assert not (root / "reports" / "2026-Q2.pdf").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_pdf_with_libreoffice(root: Path) -> None:
    assert report(root, "--pdf") == (
        0, "reports/2026-Q2.docx\nreports/2026-Q2.pdf\n", "",
    )
    pdf = root / "reports" / "2026-Q2.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in pdf.parent.iterdir()) == [
        "2026-Q2.docx", "2026-Q2.pdf", "2026-Q2.yaml",
    ]


def test_pdf_of_an_issued_report_is_not_overwritten(issued: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_command, "find_soffice", lambda: None)  # never reached
    assert report(issued)[0] == 0
    pdf = issued / "reports" / "2026-Q2.pdf"
    pdf.write_bytes(b"%PDF da ky")
    assert report(issued, "--pdf") == (
        0,
        "reports/2026-Q2.docx (báo cáo đã ban hành, không thay đổi)\n"
        "reports/2026-Q2.pdf (báo cáo đã ban hành, không thay đổi)\n",
        "",
    )
    assert pdf.read_bytes() == b"%PDF da ky"


# --------------------------------------------------------------------------- templates


def write_template(root: Path, text: str) -> Path:
    path = root / TEMPLATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_template_in_the_repo_changes_the_wording(root: Path) -> None:
    source = BUILTIN.read_text(encoding="utf-8")
    changed = source.replace("Trên đây là báo cáo kết quả", "Trên đây là tình hình và kết quả")
    assert changed != source
    write_template(root, changed)
    assert report(root)[0] == 0
    text = body_text(root / "reports" / "2026-Q2.docx")
    assert "Trên đây là tình hình và kết quả thực hiện Kế hoạch quý II năm 2026" in text
    assert "Trên đây là báo cáo kết quả" not in text


def test_a_minimal_template(root: Path) -> None:
    write_template(
        root,
        "@trich_yeu: Tình hình quý {{ quy_la_ma }}\n"
        "# I. SỐ LIỆU\n"
        "Có **{{ chi_tieu.tong | so }}** chỉ tiêu, *tỷ lệ* {{ 12.25 | phan_tram }}.\n"
        "[[bang_chi_tieu]]\n",
    )
    assert report(root)[0] == 0
    document = docx.Document(str(root / "reports" / "2026-Q2.docx"))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[:5] == [
        "BÁO CÁO",
        "Tình hình quý II",
        "I. SỐ LIỆU",
        "Có 6 chỉ tiêu, tỷ lệ 12,3%.",
        "Bảng 1. Kết quả thực hiện các chỉ tiêu quý II năm 2026",
    ]
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Có 6"))
    assert [(r.text, r.bold, r.italic) for r in paragraph.runs] == [
        ("Có ", None, None), ("6", True, None), (" chỉ tiêu, ", None, None),
        ("tỷ lệ", None, True), (" 12,3%.", None, None),
    ]
    assert document.tables[1].rows[0].cells[0].text == "STT"
    # the body ends with the table: "./." stands in a paragraph of its own after it
    assert texts[-1] == "./."


def test_template_syntax_error(root: Path) -> None:
    write_template(root, "Dòng một\n{% if chi_tieu.tong %}\nDòng ba\n")
    before = snapshot(root)
    code, out, err = report(root)
    assert (code, out) == (1, "")
    assert err == (  # told at the tag that opened the block, not at the end of the file
        "templates/bao-cao-quy.md.j2:2:1: lỗi: mẫu báo cáo sai cú pháp jinja2: khối '{% if %}' "
        "mở ở dòng 2 chưa được đóng: thiếu '{% endif %}'\n" + TEMPLATE_FAILED
    )
    assert snapshot(root) == before


def test_an_unclosed_block_among_closed_ones_is_found(root: Path) -> None:
    write_template(root, "{% for a in [1] %}\n{% if a %}x{% endif %}\n{% if a %}\ny\n"
                         "{% endfor %}\n")
    code, _, err = report(root)
    assert code == 1
    assert err.splitlines()[0] == (
        "templates/bao-cao-quy.md.j2:3:1: lỗi: mẫu báo cáo sai cú pháp jinja2: khối "
        "'{% if %}' mở ở dòng 3 chưa được đóng: thiếu '{% endif %}' trước dòng 5"
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{ ten_goii }}", "không có tên 'ten_goii'; có phải ý bạn là 'ten_goi'?"),
        ("{{ chi_tieu.tongg | so }}", "'chi_tieu' không có 'tongg'; có phải ý bạn là 'tong'?"),
        ("{{ chi_tieu.tongg }}", "'chi_tieu' không có 'tongg'; có phải ý bạn là 'tong'?"),
        ("{% for nv in nhiem_vu.tat_ca %}{{ nv.task.tenn }}{% endfor %}",
         "giá trị kiểu Task không có 'tenn'; có phải ý bạn là 'ten'?"),
    ],
)
def test_a_misspelt_name_is_told_with_the_name_it_was_meant_to_be(
    root: Path, line: str, message: str
) -> None:
    write_template(root, f"Dòng một\n{line}\n")
    code, out, err = report(root)
    assert (code, out) == (1, "")
    assert err == (
        f"templates/bao-cao-quy.md.j2:2:1: lỗi: mẫu báo cáo dùng tên không có trong dữ liệu "
        f"báo cáo ({message}); xem danh sách tên trong templates/README.md\n" + TEMPLATE_FAILED
    )


@pytest.mark.parametrize(
    ("line", "fixed"),
    [("#II. TỒN TẠI", "“# II. TỒN TẠI”"), ("##1. Kết quả", "“## 1. Kết quả”"),
     ("####a) Chi tiết", "“### a) Chi tiết” (đề mục chỉ có ba cấp: #, ##, ###)")],
)
def test_a_heading_mark_without_its_space_is_refused(root: Path, line: str, fixed: str) -> None:
    write_template(root, f"# I. KẾT QUẢ\nDòng hai\n{line}\n")
    code, out, err = report(root)
    assert (code, out) == (1, "")
    marks = line[: len(line) - len(line.lstrip("#"))]
    assert err == (
        f"templates/bao-cao-quy.md.j2:3:1: lỗi: đề mục “{line}” thiếu dấu cách sau '{marks}': "
        f"hãy viết {fixed}\n" + TEMPLATE_FAILED
    )


def test_a_template_without_the_chart_does_not_mention_it(root: Path) -> None:
    source = BUILTIN.read_text(encoding="utf-8").replace("[[bieu_do]]\n", "")
    write_template(root, source)
    assert report(root)[0] == 0
    text = body_text(root / "reports" / "2026-Q2.docx")
    assert "Biểu đồ 1" not in text
    assert "(chi tiết tại Bảng 1)" in text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{ ''.__class__.__mro__ }}",
         "mẫu báo cáo dùng thao tác không được phép (thuộc tính '__class__' là phần bên trong "
         "của Python, mẫu không được dùng); mẫu chỉ được dùng dữ liệu báo cáo và các bộ lọc "
         "có sẵn"),
        ("{{ cycler.__init__.__globals__.os }}",
         "mẫu báo cáo dùng thao tác không được phép (thuộc tính '__init__' là phần bên trong "
         "của Python, mẫu không được dùng); mẫu chỉ được dùng dữ liệu báo cáo và các bộ lọc "
         "có sẵn"),
        ("{{ plan.__class__ }}",
         "mẫu báo cáo dùng thao tác không được phép (thuộc tính '__class__' là phần bên trong "
         "của Python, mẫu không được dùng); mẫu chỉ được dùng dữ liệu báo cáo và các bộ lọc "
         "có sẵn"),
        ("{% include '/etc/passwd' %}",
         "mẫu báo cáo đòi đọc '/etc/passwd' nhưng không có tệp mẫu nào tên như vậy trong thư "
         "mục templates/; mẫu chỉ được dùng (include, import, extends) các tệp mẫu trong thư "
         "mục đó, không đọc được tệp nào khác"),
        ("{% include '../plan/plan.yaml' %}",
         "mẫu báo cáo đòi đọc '../plan/plan.yaml' nhưng không có tệp mẫu nào tên như vậy "
         "trong thư mục templates/; mẫu chỉ được dùng (include, import, extends) các tệp mẫu "
         "trong thư mục đó, không đọc được tệp nào khác"),
        ("{% import 'os' as os %}",
         "mẫu báo cáo đòi đọc 'os' nhưng không có tệp mẫu nào tên như vậy trong thư mục "
         "templates/; mẫu chỉ được dùng (include, import, extends) các tệp mẫu trong thư mục "
         "đó, không đọc được tệp nào khác"),
        ("{{ 'a' * 100000000 }}",
         "mẫu báo cáo dùng thao tác không được phép (lặp chuỗi hoặc danh sách quá dài (tối "
         "đa 200000 ký tự hoặc phần tử)); mẫu chỉ được dùng dữ liệu báo cáo và các bộ lọc "
         "có sẵn"),
        ("{{ 9 ** 99999999 }}",
         "mẫu báo cáo dùng thao tác không được phép (số mũ 99999999 quá lớn (tối đa 100)); "
         "mẫu chỉ được dùng dữ liệu báo cáo và các bộ lọc có sẵn"),
    ],
)
def test_the_sandbox_refuses(root: Path, line: str, message: str) -> None:
    write_template(root, f"Dòng một\n{line}\n")
    before = snapshot(root)
    code, out, err = report(root)
    assert (code, out) == (1, "")
    assert err == f"templates/bao-cao-quy.md.j2:2:1: lỗi: {message}\n" + TEMPLATE_FAILED
    assert "Traceback" not in err
    assert snapshot(root) == before


TOO_LONG = (
    "mẫu báo cáo dùng thao tác không được phép ({what} quá dài (tối đa 200000 ký tự hoặc "
    "phần tử)); mẫu chỉ được dùng dữ liệu báo cáo và các bộ lọc có sẵn"
)


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("{% set ns = namespace(s='ab') %}{% for i in range(20) %}{% set ns.s = ns.s ~ ns.s %}"
         "{% endfor %}{{ ns.s | length }}", "chuỗi hoặc danh sách"),
        ("{% set ns = namespace(s='ab') %}{% for i in range(20) %}{% set ns.s = ns.s + ns.s %}"
         "{% endfor %}{{ ns.s | length }}", "chuỗi hoặc danh sách"),
        ("{% set ns = namespace(s=[1]) %}{% for i in range(20) %}{% set ns.s = ns.s + ns.s %}"
         "{% endfor %}{{ ns.s | length }}", "chuỗi hoặc danh sách"),
        ("{{ 'ab' | center(300000000) | length }}", "chuỗi"),
        ("{{ '%0300000000d' | format(1) | length }}", "chuỗi"),
        ("{{ '%0300000000d' % 1 }}", "chuỗi"),
        ("{{ 'ab'.center(300000000) }}", "chuỗi"),
        ("{{ '{:>300000000}'.format(1) }}", "chuỗi"),
        ("{{ '{0:>{1}}'.format(1, 300000000) }}", "chuỗi"),
    ],
    ids=["concat", "plus", "list-plus", "center", "format-filter", "percent", "method",
         "str-format", "nested-width"],
)
def test_a_template_cannot_build_huge_strings(root: Path, line: str, what: str) -> None:
    write_template(root, f"Dòng một\n{line}\n")
    code, out, err = report(root)
    assert (code, out) == (1, "")
    assert err == (
        f"templates/bao-cao-quy.md.j2:2:1: lỗi: {TOO_LONG.format(what=what)}\n"
        + TEMPLATE_FAILED
    )


def test_a_template_cannot_write_without_end(root: Path) -> None:
    write_template(root, "{% for a in range(100000) %}{{ 'x' * 100 }}\n{% endfor %}")
    code, _, err = report(root)
    assert code == 1
    assert err == (
        "templates/bao-cao-quy.md.j2:1:1: lỗi: mẫu báo cáo dùng thao tác không được phép (mẫu "
        "sinh ra văn bản quá dài (tối đa 2000000 ký tự)); mẫu chỉ được dùng dữ liệu báo cáo "
        "và các bộ lọc có sẵn\n" + TEMPLATE_FAILED
    )


def test_a_template_cannot_run_forever(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "TIME_LIMIT", 0.3)
    write_template(
        root,
        "Dòng một\n\n{% for a in range(100000) %}{% for b in range(100000) %}"
        "{% endfor %}{% endfor %}\n",
    )
    code, _, err = report(root)
    assert code == 1
    assert err == (
        "templates/bao-cao-quy.md.j2:3:1: lỗi: mẫu báo cáo chạy quá 0,3 giây nên bị dừng (có "
        "thể do các vòng lặp lồng nhau quá lớn)\n" + TEMPLATE_FAILED
    )


def test_ordinary_operations_still_work(root: Path) -> None:
    write_template(
        root,
        "{{ ('ab' ~ 'c') | upper }} {{ ([1, 2] + [3]) | join('-') }} {{ 'x%sy' % 5 }} "
        "{{ '%05.1f' | format(3.14159) }} {{ '{:,}'.format(1250000) }} {{ 2 ** 10 }}\n",
    )
    assert report(root)[0] == 0
    assert "ABC 1-2-3 x5y 003.1 1,250,000 1024./." in body_text(
        root / "reports" / "2026-Q2.docx"
    )


def test_a_template_may_include_its_own_files(root: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "phan-ket.j2").write_text("Kết thúc {{ quy_la_ma }}.\n", "utf-8")
    write_template(root, "Mở đầu.\n{% include 'phan-ket.j2' %}")
    assert report(root)[0] == 0
    assert "Kết thúc II./." in body_text(root / "reports" / "2026-Q2.docx")


def test_a_symlinked_include_is_refused(root: Path) -> None:
    (root / "templates").mkdir()
    try:
        (root / "templates" / "mat-khau.j2").symlink_to("/etc/passwd")
    except OSError:  # pragma: no cover - no symlinks (Windows without the right)
        pytest.skip("symlinks not available")
    write_template(root, "Mở đầu.\n{% include 'mat-khau.j2' %}\n")
    code, _, err = report(root)
    assert code == 1
    assert err.startswith(
        "templates/bao-cao-quy.md.j2:2:1: lỗi: mẫu báo cáo đòi đọc 'mat-khau.j2' nhưng"
    )


def test_an_error_in_an_included_template_names_that_file(root: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "phan-ket.j2").write_text("a\n\n{{ khong_co }}\n", "utf-8")
    write_template(root, "Mở đầu.\n{% include 'phan-ket.j2' %}\n")
    code, _, err = report(root)
    assert code == 1
    assert err == (
        "templates/phan-ket.j2:3:1: lỗi: mẫu báo cáo dùng tên không có trong dữ liệu báo cáo "
        "(không có tên 'khong_co'); xem danh sách tên trong templates/README.md\n"
        + TEMPLATE_FAILED
    )


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("Dòng một\n\n[[x]]\n", "3:1",
         "không có chỗ trống [[x]]; mẫu chỉ dùng được [[bang_chi_tieu]] và [[bieu_do]]"),
        ("Dòng một\nXem [[bieu_do]] dưới đây\n", "2:5",
         "chỗ trống [[bieu_do]] phải đứng riêng một dòng"),
    ],
)
def test_unknown_or_misplaced_placeholder(root: Path, text: str, position: str,
                                          message: str) -> None:
    write_template(root, text)
    before = snapshot(root)
    code, out, err = report(root)
    assert (code, out) == (1, "")
    assert err == f"templates/bao-cao-quy.md.j2:{position}: lỗi: {message}\n" + TEMPLATE_FAILED
    assert snapshot(root) == before


def test_unknown_filter(root: Path) -> None:
    write_template(root, "{{ chi_tieu.tong | khong_co }}\n")
    code, _, err = report(root)
    assert code == 1
    assert err == (
        "templates/bao-cao-quy.md.j2:1:1: lỗi: mẫu báo cáo sai cú pháp jinja2: không có bộ "
        "lọc 'khong_co' (các bộ lọc: xem templates/README.md)\n" + TEMPLATE_FAILED
    )


def test_template_that_is_not_utf8(root: Path) -> None:
    (root / "templates").mkdir()
    (root / TEMPLATE).write_bytes(b"Dong mot\nD\xf2ng hai\n")  # "Dòng" in Windows-1258
    code, _, err = report(root)
    assert code == 1
    assert err == (
        "templates/bao-cao-quy.md.j2:2:1: lỗi: tệp mẫu không phải văn bản UTF-8; hãy lưu "
        "lại với bảng mã UTF-8\n" + TEMPLATE_FAILED
    )


# --------------------------------------------------------------------------- made early


def test_a_report_dated_before_the_deadline_is_made_with_a_warning(tmp_path: Path) -> None:
    root = rr.write(tmp_path, report="ngay: 2026-06-12\n")
    assert report(root) == (
        0, "reports/2026-Q2.docx\n",
        "kehoach: cảnh báo: báo cáo đề ngày 12/6/2026, trước hạn các đơn vị gửi kết quả quý II "
        "năm 2026 (20/6/2026); số liệu chưa đủ.\n",
    )


def test_a_quarter_without_any_result_is_made_with_a_warning(root: Path) -> None:
    code, out, err = run_cli(["report", "--quy", "3", "--out", "q3.docx"], cwd=root,
                             today="2026-09-05")
    assert (code, out) == (0, "q3.docx\n")
    assert err == ("kehoach: cảnh báo: quý III năm 2026 chưa có đơn vị nào gửi kết quả (hạn "
                   "gửi 20/9/2026); báo cáo chưa có số liệu.\n")
    text = body_text(root / "q3.docx")
    assert ("Đến ngày 05/9/2026, chưa đến hạn các cơ quan, đơn vị gửi báo cáo kết quả thực "
            "hiện quý III năm 2026 (chậm nhất ngày 20/9/2026)") in text
    assert "Chưa gửi báo cáo (03 đơn vị, còn trong hạn)" in text
    assert "Chưa đến hạn gửi báo cáo kết quả quý III nên chưa đánh giá tồn tại" in text
    assert "khẩn trương" not in text
