"""`kehoach new --excel` and `kehoach nhap`: every result file of this repo and of the good
example goes through a form and comes back the same; a form re-saved by LibreOffice Calc
imports; every mistake in a form is told at its cell, and nothing is written then."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
from tests.forms import fill_file, rows_by_key, same_result
from tests.helpers import GOOD, SAMPLE, TODAY, run_cli

from kehoach_cli.check.engine import check_repo
from kehoach_cli.commands.report import find_soffice
from kehoach_cli.load.models import ResultFile
from kehoach_cli.vocab.periods import Period

SOURCES = {"sample": SAMPLE, "good": GOOD}


def _copy(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    for part in ("plan", "units", "reports"):
        if (SOURCES[name] / part).is_dir():
            shutil.copytree(SOURCES[name] / part, root / part)
    return root


def _result(root: Path, unit: str, period: str) -> ResultFile:
    plan = check_repo(root, dt.date.fromisoformat(TODAY)).plan
    assert plan is not None
    found = plan.results.get(Period.parse(period) or Period(0, 0), {}).get(unit)
    assert found is not None, f"units/{unit}/{period}.yaml does not count"
    return found


def _files() -> list[tuple[str, str, str]]:
    out = []
    for name, source in sorted(SOURCES.items()):
        for path in sorted((source / "units").glob("*/*.yaml")):
            out.append((name, path.parent.name, path.stem))
    return out


def _form(root: Path, unit: str, period: str, out: str = "form.xlsx") -> Path:
    quarter = period[-1]
    code, _, err = run_cli(["new", "--don-vi", unit, "--quy", quarter, "--excel",
                            "--out", out], cwd=root)
    assert (code, err) == (0, ""), err
    return root / out


@pytest.mark.parametrize(("name", "unit", "period"), _files())
def test_every_result_file_round_trips(tmp_path: Path, name: str, unit: str,
                                       period: str) -> None:  # fmt: skip
    root = _copy(tmp_path, name)
    original = _result(root, unit, period)
    (root / "units" / unit / f"{period}.yaml").unlink()
    form = fill_file(_form(root, unit, period), original)
    code, out, err = run_cli(["nhap", "form.xlsx"], cwd=root)
    assert (code, err) == (0, ""), err
    assert out.startswith(f"Đã ghi units/{unit}/{period}.yaml từ form.xlsx")
    assert same_result(_result(root, unit, period), original)
    assert form.exists()
    # create-only without --force; with it, the same file again
    written = (root / "units" / unit / f"{period}.yaml").read_bytes()
    code, _, err = run_cli(["nhap", "form.xlsx"], cwd=root)
    assert code == 1 and "tệp đã có" in err
    assert run_cli(["nhap", "form.xlsx", "--force"], cwd=root)[0] == 0
    assert (root / "units" / unit / f"{period}.yaml").read_bytes() == written


def test_the_written_file_has_new_s_layout(tmp_path: Path) -> None:
    root = _copy(tmp_path, "good")
    original = _result(root, "vp-ubnd", "2026-Q2")
    (root / "units" / "vp-ubnd" / "2026-Q2.yaml").unlink()
    fill_file(_form(root, "vp-ubnd", "2026-Q2"), original)
    run_cli(["nhap", "form.xlsx"], cwd=root)
    text = (root / "units" / "vp-ubnd" / "2026-Q2.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/ket-qua.schema.json\n"
                           "# Báo cáo kết quả quý II năm 2026 của Văn phòng HĐND và UBND xã.\n")
    assert "\ndon_vi: vp-ubnd\nky: 2026-Q2\nngay_gui: 2026-06-15 " in text
    assert "\n  ho-so-dvc-truc-tuyen:\n    tu_so: 355\n    mau_so: 410\n" in text
    assert "\n    gia_tri: 3\n" in text  # a whole number stays whole
    assert run_cli(["validate"], cwd=root)[0] == 0
    lint = subprocess.run([sys.executable, "-m", "yamllint", "-f", "parsable", "-c",
                           str(SAMPLE / ".yamllint"), str(root / "units" / "vp-ubnd")],
                          capture_output=True, text=True)
    assert " [error] " not in lint.stdout, lint.stdout


def test_a_form_saved_by_libreoffice_calc_imports(tmp_path: Path) -> None:
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    root = _copy(tmp_path, "sample")
    original = _result(root, "phong-vhxh", "2026-Q2")
    (root / "units" / "phong-vhxh" / "2026-Q2.yaml").unlink()
    form = fill_file(_form(root, "phong-vhxh", "2026-Q2", "filled.xlsx"), original)
    saved = tmp_path / "calc"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--outdir", str(saved), str(form)],
                       check=True, capture_output=True, timeout=180)
    converted = saved / "filled.xlsx"
    assert converted.is_file(), "LibreOffice Calc (libreoffice-calc) is needed"
    assert converted.read_bytes() != form.read_bytes()
    code, _, err = run_cli(["nhap", str(converted)], cwd=root)
    assert (code, err) == (0, ""), err
    assert same_result(_result(root, "phong-vhxh", "2026-Q2"), original)


# ------------------------------------------------------------------------ mistakes


@pytest.fixture
def form(tmp_path: Path) -> Path:
    root = _copy(tmp_path, "good")
    original = _result(root, "vp-ubnd", "2026-Q2")
    (root / "units" / "vp-ubnd" / "2026-Q2.yaml").unlink()
    return fill_file(_form(root, "vp-ubnd", "2026-Q2"), original)


def _errors(form: Path, *extra: str) -> list[str]:
    root = form.parent
    code, out, err = run_cli(["nhap", form.name, *extra], cwd=root)
    assert (code, out) == (1, ""), (out, err)
    assert "Traceback" not in err
    assert not (root / "units" / "vp-ubnd" / "2026-Q2.yaml").exists()
    return err.splitlines()


def _edit(form: Path, sheet: str, **cells: object) -> None:
    wb = openpyxl.load_workbook(form)
    for coord, value in cells.items():
        wb[sheet][coord] = value
    wb.save(form)


def _row(form: Path, sheet: str, key: str) -> int:
    return rows_by_key(openpyxl.load_workbook(form)[sheet])[key]


CLOSING = ("kehoach: lỗi: biểu mẫu có {} lỗi nên chưa nhập; sửa các ô trên rồi nhập lại. "
           "Không tệp nào được ghi.")


@pytest.mark.parametrize(("value", "message"), [
    ("355", "'355' được gõ thành chữ, không phải số; gõ lại thành số 355"),
    ("1.352", "'1.352' là chữ, không phải số, và đọc được hai cách: 1,352 (một phẩy ba trăm "
              "năm mươi hai) hoặc một nghìn ba trăm năm mươi hai; nếu là một nghìn ba trăm năm "
              "mươi hai, hãy gõ 1352 (không dùng dấu chấm ngăn cách hàng nghìn); nếu là 1,352, "
              "hãy gõ 1,352 (dấu phẩy thập phân)"),
    (12.5, "cần số nguyên, nhận được 12,5"),
    (-3, "cần số nguyên từ 0 trở lên, nhận được -3"),
    (dt.datetime(2026, 3, 5), "ô đang chứa ngày 05/03/2026 (chương trình bảng tính đã hiểu số "
                              "vừa gõ là ngày tháng); hãy xóa ô, đặt lại dạng Số (Number) rồi "
                              "gõ lại số"),
])
def test_a_count_typed_wrong(form: Path, value: object, message: str) -> None:
    row = _row(form, "Chỉ tiêu", "ho-so-dvc-truc-tuyen")
    _edit(form, "Chỉ tiêu", **{f"D{row}": value})
    assert _errors(form) == [f"form.xlsx:Chỉ tiêu!D{row}: lỗi: {message}", CLOSING.format(1)]


@pytest.mark.parametrize(("value", "fmt", "message"), [
    ("3,5", "General", "'3,5' được gõ thành chữ, không phải số; gõ lại thành số 3.5 (trên máy "
                       "dùng dấu phẩy thập phân: 3,5)"),
    ("17,5", "General", "'17,5' được gõ thành chữ, không phải số; gõ lại thành số 17.5 (trên "
                        "máy dùng dấu phẩy thập phân: 17,5)"),
    ("95%", "General", "'95%' được gõ thành chữ, không phải số (bỏ dấu %: đơn vị tính đã ghi "
                       "trong kế hoạch); gõ lại thành số 95"),
    (0.95, "0%", "ô ghi 95% (bảng tính lưu thành 0,95); hãy gõ 95 không kèm dấu % (đơn vị "
                 "tính đã ghi trong kế hoạch)"),
    ("ba ngày", "General", "'ba ngày' không phải là số; cần một số"),
])
def test_a_value_typed_wrong(form: Path, value: object, fmt: str, message: str) -> None:
    row = _row(form, "Chỉ tiêu", "thoi-gian-giai-quyet")
    wb = openpyxl.load_workbook(form)
    wb["Chỉ tiêu"][f"D{row}"] = value
    wb["Chỉ tiêu"][f"D{row}"].number_format = fmt
    wb.save(form)
    assert _errors(form) == [f"form.xlsx:Chỉ tiêu!D{row}: lỗi: {message}", CLOSING.format(1)]


def test_a_date_typed_as_text_and_a_status_typed_by_hand(form: Path) -> None:
    _edit(form, "Chỉ tiêu", D10="15/06/2026")
    row = _row(form, "Nhiệm vụ", "cap-nhat-cong-thong-tin")
    _edit(form, "Nhiệm vụ", **{f"D{row}": "dang thuc hien"})
    assert _errors(form) == [
        "form.xlsx:Chỉ tiêu!D10: lỗi: '15/06/2026' được gõ thành chữ, không phải ngày; hãy gõ "
        "lại thành ngày 15/06/2026 (tức 2026-06-15) để ô nhận là ngày",
        f"form.xlsx:Nhiệm vụ!D{row}: lỗi: trạng thái 'dang thuc hien' không có trong danh "
        "sách; có phải ý bạn là 'Đang thực hiện'? Hãy chọn trong danh sách của ô",
        CLOSING.format(2),
    ]


def test_a_status_in_another_letter_case_is_the_status(form: Path) -> None:
    row = _row(form, "Nhiệm vụ", "cap-nhat-cong-thong-tin")
    _edit(form, "Nhiệm vụ", **{f"D{row}": "đang  THỰC hiện"})
    assert run_cli(["nhap", "form.xlsx"], cwd=form.parent)[0] == 0


def test_half_a_ratio_and_a_numerator_above_the_denominator(form: Path) -> None:
    first = _row(form, "Chỉ tiêu", "chu-ky-so-cbcc")
    second = _row(form, "Chỉ tiêu", "ho-so-dvc-truc-tuyen")
    _edit(form, "Chỉ tiêu", **{f"E{first}": None, f"D{second}": 500})
    assert _errors(form) == [
        f"form.xlsx:Chỉ tiêu!E{first}: lỗi: thiếu mẫu số: chỉ tiêu tỷ lệ cần cả tử số và mẫu "
        "số (để trống cả dòng nếu chưa có số liệu)",
        f"form.xlsx:Chỉ tiêu!D{second}: lỗi: tử số (500) lớn hơn mẫu số (410); tử số là một "
        "phần của mẫu số",
        CLOSING.format(2),
    ]


def test_nothing_typed_is_dropped(form: Path) -> None:
    _edit(form, "Chỉ tiêu", H14="số liệu ước tính", C30="ghi thêm")
    _edit(form, "Khó khăn, kiến nghị", B40="một ý ngoài bảng")
    lines = _errors(form)
    assert lines == [
        "form.xlsx:Chỉ tiêu!H14: lỗi: ô này nằm ngoài các ô cần điền; nội dung 'số liệu ước "
        "tính' sẽ không được nhập — hãy chuyển vào cột Ghi chú (hoặc Kết quả) rồi xóa ô này",
        "form.xlsx:Chỉ tiêu!C30: lỗi: dòng này không thuộc biểu mẫu (cột B không có mã); nội "
        "dung 'ghi thêm' sẽ không được nhập — hãy ghi vào dòng của chỉ tiêu, nhiệm vụ tương "
        "ứng",
        "form.xlsx:Khó khăn, kiến nghị!B40: lỗi: ô này nằm ngoài các ô cần điền; nội dung 'một "
        "ý ngoài bảng' sẽ không được nhập — hãy chuyển vào cột Ghi chú (hoặc Kết quả) rồi xóa "
        "ô này",
        CLOSING.format(3),
    ]


def test_a_changed_label_an_unknown_row_a_deleted_row(form: Path) -> None:
    wb = openpyxl.load_workbook(form)
    ws = wb["Chỉ tiêu"]
    rows = rows_by_key(ws)
    ws[f"C{rows['lop-ky-nang-so']}"] = "Số lớp"
    ws[f"B{rows['lop-ky-nang-so'] + 2}"] = "lop-ky-nang"
    ws.delete_rows(rows["thoi-gian-giai-quyet"])
    wb.save(form)
    lines = _errors(form)
    assert lines[0].startswith("form.xlsx:Chỉ tiêu!C16: lỗi: ô này không phải ô nhập và đã bị "
                               "sửa (biểu mẫu ghi 'Số lớp bồi dưỡng kỹ năng số cho người dân', "
                               "nay là 'Số lớp')")
    assert lines[1] == ("form.xlsx:Chỉ tiêu!B18: lỗi: mã chỉ tiêu 'lop-ky-nang' không có trong "
                        "biểu mẫu; có phải ý bạn là 'lop-ky-nang-so'?; dòng này không được nhập")
    assert lines[2] == ("form.xlsx:Chỉ tiêu!B16: lỗi: thiếu dòng của mã 'thoi-gian-giai-quyet' "
                        "(Thời gian giải quyết bình quân một hồ sơ): dòng đã bị xóa? Hãy lập "
                        "lại biểu mẫu (kehoach new --excel) và chép số liệu sang")


def test_a_renamed_sheet(form: Path) -> None:
    wb = openpyxl.load_workbook(form)
    wb["Nhiệm vụ"].title = "Nhiem vu"
    wb.save(form)
    assert _errors(form)[:2] == [
        "form.xlsx:Nhiem vu: lỗi: trang 'Nhiem vu' không thuộc biểu mẫu; có phải ý bạn là "
        "'Nhiệm vụ'?; nội dung của trang này sẽ không được nhập — hãy đặt lại đúng tên trang "
        "hoặc chuyển nội dung vào các ô cần điền",
        "form.xlsx: lỗi: thiếu trang 'Nhiệm vụ' (trang đã bị đổi tên hoặc xóa?); các trang có "
        "trong tệp: 'Chỉ tiêu', 'Nhiem vu', 'Khó khăn, kiến nghị'",
    ]


def test_a_form_of_another_unit_quarter_or_plan(form: Path) -> None:
    root = form.parent
    assert run_cli(["nhap", "form.xlsx", "--don-vi", "cong-an-xa"], cwd=root) == (
        1, "", "kehoach: lỗi: form.xlsx: biểu mẫu của đơn vị 'vp-ubnd' (Văn phòng HĐND và UBND "
               "xã), không phải của 'cong-an-xa' như --don-vi; hãy kiểm tra lại tệp\n")
    assert run_cli(["nhap", "form.xlsx", "--quy", "3"], cwd=root) == (
        1, "", "kehoach: lỗi: form.xlsx: biểu mẫu của quý II năm 2026, không phải quý III như "
               "--quy; hãy kiểm tra lại tệp\n")
    targets = root / "plan" / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8").replace(
        "muc_tieu: 80\n", "muc_tieu: 85\n", 1), encoding="utf-8")
    code, out, err = run_cli(["nhap", "form.xlsx"], cwd=root)
    assert (code, out) == (1, "")
    assert err.startswith("kehoach: lỗi: form.xlsx: biểu mẫu lập theo kế hoạch cũ (phiên bản ")
    assert ("kế hoạch đã thay đổi: chỉ tiêu 'ho-so-dvc-truc-tuyen' đã sửa (tên, mục tiêu hoặc "
            "cách tính). Hãy lập biểu mẫu mới (kehoach new --don-vi vp-ubnd --quy N "
            "--excel)") in err


def test_not_a_form(tmp_path: Path, form: Path) -> None:
    root = form.parent
    (root / "other.xlsx").write_bytes(b"PK\x03\x04 broken")
    code, _, err = run_cli(["nhap", "other.xlsx"], cwd=root)
    assert code == 1 and err.startswith("kehoach: lỗi: other.xlsx: không đọc được tệp Excel")
    (root / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    assert run_cli(["nhap", "old.xls"], cwd=root) == (
        1, "", "kehoach: lỗi: old.xls: đây là tệp Excel cũ (.xls); hãy mở bằng Excel hoặc "
               "LibreOffice Calc và lưu lại dạng .xlsx rồi nhập lại\n")
    plain = openpyxl.Workbook()
    plain.save(root / "plain.xlsx")
    assert run_cli(["nhap", "plain.xlsx"], cwd=root) == (
        1, "", "kehoach: lỗi: plain.xlsx: không phải biểu mẫu của kehoach (không có trang ẩn "
               "'kehoach'); hãy điền biểu mẫu do kehoach new --excel tạo ra\n")
    assert run_cli(["nhap", "missing.xlsx"], cwd=root) == (
        1, "", "kehoach: lỗi: missing.xlsx: không có tệp này\n")


def test_a_date_in_the_future(form: Path) -> None:
    _edit(form, "Chỉ tiêu", D10=dt.datetime(2027, 1, 5))
    assert _errors(form)[0] == ("form.xlsx:Chỉ tiêu!D10: lỗi: ngày gửi 05/01/2027 chưa tới "
                                "(hôm nay là 26/11/2026); cần ghi ngày thực tế gửi báo cáo")


def test_the_form_itself(tmp_path: Path) -> None:
    root = _copy(tmp_path, "good")
    form = _form(root, "vp-ubnd", "2026-Q2")
    assert run_cli(["new", "--don-vi", "vp-ubnd", "--quy", "2", "--excel", "--out",
                    "form.xlsx"], cwd=root)[0] == 1  # never overwritten
    wb = openpyxl.load_workbook(form)
    assert wb.sheetnames == ["Chỉ tiêu", "Nhiệm vụ", "Khó khăn, kiến nghị", "kehoach"]
    assert wb["kehoach"].sheet_state == "hidden"
    meta = {r[0]: r[1] for r in wb["kehoach"].iter_rows(values_only=True)}
    assert (meta["don_vi"], meta["ky"]) == ("vp-ubnd", "2026-Q2") and meta["phien_ban"]
    ws = wb["Chỉ tiêu"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws["D10"].protection.locked is False and ws["C10"].protection.locked is True
    row = rows_by_key(ws)["chu-ky-so-cbcc"]
    assert ws[f"D{row}"].protection.locked is False and ws[f"B{row}"].protection.locked
    assert "Tử số: số CBCCVC có chữ ký số cá nhân" in ws[f"G{row}"].value
    kinds = {(dv.type, dv.operator, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert ("whole", "greaterThanOrEqual", "0") in kinds
    assert ("whole", "greaterThanOrEqual", "1") in kinds
    assert ("date", "greaterThan", "36526") in kinds
    tasks = wb["Nhiệm vụ"]
    lists = [dv for dv in tasks.data_validations.dataValidation if dv.type == "list"]
    assert lists[0].formula1 == '"Hoàn thành,Đang thực hiện,Chưa thực hiện"'
    assert ws["A2"].value.startswith("Cách điền:")
