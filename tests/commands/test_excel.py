"""`kehoach excel --quy N`: the quarter's data table, read back with openpyxl and compared
with `status --json`; byte-identical output; an issued quarter's table is not overwritten."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.helpers import GOOD, SAMPLE, run_cli

SOURCES = {"sample": SAMPLE, "good": GOOD}


def _copy(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    source = SOURCES[name]
    for part in ("plan", "units", "reports"):
        if (source / part).is_dir():
            shutil.copytree(source / part, root / part)
    return root


def _rows(ws: Any) -> list[dict[str, Any]]:
    """The table's rows under its header (row 4) as dicts; group rows left out."""
    header = [c.value for c in ws[4]]
    out = []
    for row in ws.iter_rows(min_row=5, values_only=True):
        if row[0] is None or not isinstance(row[0], int):
            continue
        out.append(dict(zip(header, row, strict=True)))
    return out


def _same(cell: object, figure: float | int | None) -> bool:
    """A cell holds the JSON's figure: whole numbers exactly, others to 15 significant
    digits (all that Excel keeps; openpyxl writes 16)."""
    if figure is None or isinstance(figure, int):
        return cell == figure
    return isinstance(cell, float) and cell == pytest.approx(figure, rel=1e-15, abs=0)


@pytest.mark.parametrize("name", sorted(SOURCES))
@pytest.mark.parametrize("quarter", [1, 2])
def test_the_table_holds_the_figures_of_status_json(tmp_path: Path, name: str,
                                                    quarter: int) -> None:  # fmt: skip
    root = _copy(tmp_path, name)
    code, out, err = run_cli(["excel", "--quy", str(quarter)], cwd=root)
    assert (code, err) == (0, ""), err
    assert out == f"reports/2026-Q{quarter}.xlsx\n"
    code, out, _ = run_cli(["status", "--quy", str(quarter), "--json"], cwd=root)
    status = json.loads(out)
    wb = openpyxl.load_workbook(root / "reports" / f"2026-Q{quarter}.xlsx")
    assert wb.sheetnames == ["Chỉ tiêu", "Nhiệm vụ", "Đơn vị", "Số liệu"]
    targets = {r["Mã chỉ tiêu"]: r for r in _rows(wb["Chỉ tiêu"])}
    assert set(targets) == {t["ma"] for t in status["chi_tieu"]}
    states = {"dat": "Đạt", "chua_dat": "Chưa đạt", "chua_co_so_lieu": "Chưa có số liệu"}
    for t in status["chi_tieu"]:
        row = targets[t["ma"]]
        assert _same(row[f"Quý {'I' * quarter}"], t["gia_tri"])
        assert _same(row["Tỷ lệ đạt"], t["ty_le_dat"])
        assert _same(row["Kế hoạch năm"], t["muc_tieu"])
        assert row["Đánh giá"] == states[t["trang_thai"]]
        missing = row["Đơn vị thiếu số liệu"]
        assert len(missing.split(", ")) if missing else len(t["don_vi_thieu"]) == 0
    tasks = {r["Mã nhiệm vụ"]: r for r in _rows(wb["Nhiệm vụ"])}
    labels = {"hoan_thanh": "Hoàn thành", "dang_thuc_hien": "Đang thực hiện",
              "chua_thuc_hien": "Chưa thực hiện", "qua_han": "Quá hạn",
              "chua_bao_cao": "Chưa báo cáo"}
    assert {k: r["Tình trạng"] for k, r in tasks.items()} == {
        t["ma"]: labels[t["trang_thai"]] for t in status["nhiem_vu"]}
    units = {r["Mã đơn vị"]: r for r in _rows(wb["Đơn vị"])}
    assert set(units) == {u["ma"] for u in status["don_vi"]}
    for u in status["don_vi"]:
        sent = units[u["ma"]]["Ngày gửi"]
        assert (sent.date().isoformat() if sent else None) == u["ngay_gui"]
        assert units[u["ma"]]["Số ngày trễ"] == u["so_ngay_tre"]


def test_the_raw_figures_in_long_form(tmp_path: Path) -> None:
    root = _copy(tmp_path, "good")
    run_cli(["excel", "--quy", "2"], cwd=root)
    ws = openpyxl.load_workbook(root / "reports" / "2026-Q2.xlsx")["Số liệu"]
    header = [c.value for c in ws[4]]
    assert header == ["Kỳ", "Mã đơn vị", "Đơn vị", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính",
                      "tu_so", "mau_so", "gia_tri", "ghi_chu", "Tệp"]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=5, values_only=True)]
    assert {r["Kỳ"] for r in rows} == {"2026-Q1", "2026-Q2"}
    vp = next(r for r in rows if r["Kỳ"] == "2026-Q2" and r["Mã đơn vị"] == "vp-ubnd"
              and r["Mã chỉ tiêu"] == "ho-so-dvc-truc-tuyen")
    assert (vp["tu_so"], vp["mau_so"], vp["Tệp"]) == (355, 410, "units/vp-ubnd/2026-Q2.yaml")


def test_layout_formats_and_print_setup(tmp_path: Path) -> None:
    root = _copy(tmp_path, "sample")
    run_cli(["excel", "--quy", "2"], cwd=root)
    wb = openpyxl.load_workbook(root / "reports" / "2026-Q2.xlsx")
    ws = wb["Chỉ tiêu"]
    assert ws["A1"].value and "quý II năm 2026" in ws["A2"].value
    assert ws.freeze_panes == "A5"
    assert ws.auto_filter.ref.startswith("A4:")
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.print_title_rows == "$1:$4"
    # group rows name the plan's sections, as Bảng 1 of the report does
    groups = [r[0].value for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, str)]
    assert groups and all(g[0] in "IVX" or g.startswith("Các") for g in groups)
    header = [c.value for c in ws[4]]
    col = header.index("Tỷ lệ đạt")
    formats = {r[col].number_format for r in ws.iter_rows(min_row=5)
               if isinstance(r[col].value, float | int)}
    assert formats <= {'#,##0.0"%"', '#,##0"%"'} and formats
    for row in ws.iter_rows(min_row=5):
        value = row[col].value
        if isinstance(value, float | int):
            whole = round(value * 10) % 10 == 0
            assert row[col].number_format == ('#,##0"%"' if whole else '#,##0.0"%"')


def test_byte_identical_and_dated(tmp_path: Path) -> None:
    root = _copy(tmp_path, "sample")
    run_cli(["excel", "--quy", "2", "--out", "a.xlsx"], cwd=root)
    run_cli(["excel", "--quy", "2", "--out", "b.xlsx"], cwd=root, today="2027-01-02")
    a, b = (root / "a.xlsx").read_bytes(), (root / "b.xlsx").read_bytes()
    assert a == b
    with zipfile.ZipFile(root / "a.xlsx") as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 6, 29, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2026-06-29T00:00:00Z") == 2


def test_an_issued_quarter_is_not_overwritten(tmp_path: Path) -> None:
    root = _copy(tmp_path, "sample")
    assert run_cli(["excel", "--quy", "1"], cwd=root)[0] == 0
    table = root / "reports" / "2026-Q1.xlsx"
    first = table.read_bytes()
    assert run_cli(["excel", "--quy", "1"], cwd=root) == (
        0, "reports/2026-Q1.xlsx (báo cáo đã ban hành, không thay đổi)\n", "")
    table.write_bytes(b"edited by hand")
    code, out, err = run_cli(["excel", "--quy", "1"], cwd=root)
    assert (code, out) == (1, "")
    assert err.startswith("kehoach: lỗi: reports/2026-Q1.xlsx là bảng số liệu của báo cáo đã "
                          "ban hành (số 3/")
    assert table.read_bytes() == b"edited by hand"
    assert run_cli(["excel", "--quy", "1", "--force"], cwd=root)[0] == 0
    assert table.read_bytes() == first


def test_wrong_output_and_repo_errors(tmp_path: Path) -> None:
    root = _copy(tmp_path, "good")
    assert run_cli(["excel", "--quy", "2", "--out", "x.csv"], cwd=root) == (
        1, "", "kehoach: lỗi: --out: bảng số liệu cần đuôi .xlsx, nhận được x.csv; hãy viết "
        "x.xlsx\n")
    (root / "units" / "vp-ubnd" / "2026-Q2.yaml").write_text("don_vi: [\n", encoding="utf-8")
    code, out, err = run_cli(["excel", "--quy", "2"], cwd=root)
    assert (code, out) == (1, "")
    assert "chưa lập bảng số liệu" in err and "Traceback" not in err
    assert not (root / "reports" / "2026-Q2.xlsx").exists()


def test_the_six_month_and_annual_tables(tmp_path: Path) -> None:
    root = _copy(tmp_path, "sample")
    assert run_cli(["excel", "--6-thang"], cwd=root)[:2] == (0, "reports/2026-6T.xlsx\n")
    assert run_cli(["excel", "--ca-nam"], cwd=root)[:2] == (0, "reports/2026.xlsx\n")
    half = openpyxl.load_workbook(root / "reports" / "2026-6T.xlsx")
    year = openpyxl.load_workbook(root / "reports" / "2026.xlsx")
    half_targets, year_targets = _rows(half["Chỉ tiêu"]), _rows(year["Chỉ tiêu"])
    assert {"Quý I", "Quý II"} <= set(half_targets[0]) and "Quý III" not in half_targets[0]
    assert {"Quý I", "Quý II", "Quý III", "Quý IV"} <= set(year_targets[0])
    # the six-month table's figures are those of quarter II's table
    assert run_cli(["excel", "--quy", "2"], cwd=root)[0] == 0
    quarter = _rows(openpyxl.load_workbook(root / "reports" / "2026-Q2.xlsx")["Chỉ tiêu"])
    assert [r["Quý II"] for r in half_targets] == [r["Quý II"] for r in quarter]
    assert [r["Tỷ lệ đạt"] for r in half_targets] == [r["Tỷ lệ đạt"] for r in quarter]
    # one row per unit and quarter, the quarter first
    units = year["Đơn vị"]
    header = [c.value for c in units[4]]
    assert header[:3] == ["Kỳ", "STT", "Mã đơn vị"]
    kinds = {row[0] for row in units.iter_rows(min_row=5, values_only=True) if row[1]}
    assert kinds == {"Quý I", "Quý II", "Quý III", "Quý IV"}
    # the tasks as of the last quarter with data, not "not reported" for quarter IV
    states = {r["Tình trạng"] for r in _rows(year["Nhiệm vụ"])}
    assert "Chưa báo cáo" not in states or len(states) > 1


def test_excel_needs_exactly_one_kind(tmp_path: Path) -> None:
    root = _copy(tmp_path, "sample")
    code, out, err = run_cli(["excel"], cwd=root)
    assert (code, out) == (2, "")
    assert err.startswith("kehoach: lỗi: cần chọn loại báo cáo: --quy N")
    code, _, err = run_cli(["excel", "--quy", "2", "--ca-nam"], cwd=root)
    assert code == 2 and "chỉ chọn một loại báo cáo" in err
