"""Any valid result a unit can report goes through its Excel form unchanged: form → filled
with openpyxl → read back → the result file `kehoach nhap` writes → loaded again."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import Any

import openpyxl
from hypothesis import given
from hypothesis import strategies as st
from tests.forms import fill, reopen, same_result
from tests.helpers import GOOD
from tests.property import profile

from kehoach_cli.check.engine import check_repo
from kehoach_cli.commands.new import render
from kehoach_cli.load.excel_form import read_form
from kehoach_cli.load.form_layout import NOTE_ROWS, form_spec, unit_targets, unit_tasks
from kehoach_cli.load.models import ResultFile
from kehoach_cli.load.plan import Plan
from kehoach_cli.load.schema import validate_model
from kehoach_cli.load.yamlfile import load_bytes
from kehoach_cli.present.excel_form import build_form
from kehoach_cli.present.workbook import save_bytes
from kehoach_cli.vocab.periods import Period

_PLAN = check_repo(GOOD, dt.date(2026, 11, 26)).plan
assert _PLAN is not None
PLAN: Plan = _PLAN
PERIOD = Period(2026, 2)
UNITS = ["vp-ubnd", "tram-y-te", "phong-kinh-te"]

# What a clerk types: Vietnamese letters, digits, punctuation, spaces and line breaks
# (XML, and so .xlsx, holds no other control character).
ALPHABET = st.characters(
    codec="utf-8", categories=("L", "N", "P", "Zs", "S"), exclude_characters="\ufeff"
) | st.sampled_from("ăâđêôơưáàảãạếềểễệ\n ")
TEXT = st.text(ALPHABET, min_size=1, max_size=40).map(
    lambda t: unicodedata.normalize("NFC", t)).filter(lambda t: bool(t.strip()))
NUMBER = st.decimals(min_value=-10**6, max_value=10**6, places=3,
                     allow_nan=False, allow_infinity=False).map(float)


@st.composite
def results(draw: Any) -> ResultFile:
    unit = draw(st.sampled_from(UNITS))
    targets: dict[str, Any] = {}
    for target in unit_targets(PLAN, unit):
        if not draw(st.booleans()):
            continue
        note = draw(st.none() | TEXT)
        if target.cach_tinh == "ty_le":
            mau = draw(st.integers(1, 10**7))
            entry: dict[str, Any] = {"tu_so": draw(st.integers(0, mau)), "mau_so": mau}
        else:
            value = draw(NUMBER)
            if target.don_vi_tinh.startswith("%"):
                value = abs(value) % 100.5 if value else 0.0
                value = round(min(value, 100.0), 3)
            elif target.cach_tinh == "tong":
                value = abs(value)
            entry = {"gia_tri": value}
        targets[target.ma] = {**entry, **({"ghi_chu": note} if note else {})}
    tasks = {t.ma: {"trang_thai": draw(st.sampled_from(
        ["hoan_thanh", "dang_thuc_hien", "chua_thuc_hien"])),
        **({"ket_qua": k} if (k := draw(st.none() | TEXT)) else {})}
        for t in unit_tasks(PLAN, unit) if draw(st.booleans())}
    return ResultFile.model_validate({
        "don_vi": unit, "ky": str(PERIOD),
        "ngay_gui": draw(st.dates(dt.date(2026, 1, 1), dt.date(2026, 11, 26))),
        "nguoi_bao_cao": draw(st.none() | TEXT), "chi_tieu": targets, "nhiem_vu": tasks,
        "kho_khan": draw(st.lists(TEXT, max_size=NOTE_ROWS)),
        "kien_nghi": draw(st.lists(TEXT, max_size=4)),
    })


@profile.for_test("test_any_valid_result_round_trips")
@given(result=results())
def test_any_valid_result_round_trips(result: ResultFile) -> None:
    unit = PLAN.units[result.don_vi]
    spec = form_spec(PLAN, unit, PERIOD, dt.date(2026, 6, 1))
    blank = openpyxl.load_workbook(io.BytesIO(save_bytes(build_form(spec), spec.sent)))
    values, problems = read_form(reopen(fill(blank, result)), spec)
    assert problems == []
    read = ResultFile.model_validate({
        "don_vi": unit.ma, "ky": str(PERIOD), "ngay_gui": values.ngay_gui,
        "nguoi_bao_cao": values.nguoi_bao_cao, "chi_tieu": values.chi_tieu,
        "nhiem_vu": values.nhiem_vu, "kho_khan": values.kho_khan,
        "kien_nghi": values.kien_nghi})
    assert same_result(read, result)
    assert values.ngay_gui is not None
    text = render(PLAN, unit, PERIOD, values.ngay_gui, filled=read)
    doc = load_bytes(f"units/{unit.ma}/{PERIOD}.yaml", text.encode("utf-8"))
    model, found = validate_model(doc, ResultFile, "tệp kết quả")
    assert model is not None, found
    assert same_result(model, result)
