"""`kehoach status --json`: the contract's object, numbers unrounded."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.scenarios.attainment import TODAY, result, target, task, write_repo

from kehoach_cli.check.engine import check_repo
from kehoach_cli.compute.attainment import compute_quarter
from kehoach_cli.load.plan import Plan
from kehoach_cli.present.status_json import dumps, quarter_json
from kehoach_cli.vocab.periods import Period

D = dt.date


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    root = write_repo(
        tmp_path / "repo",
        targets=[
            target("cks", "ty_le", 90, reporters=["vp", "ca"], muc="I.1",
                   ten="Cán bộ có chữ ký số", lo_trinh={"Q2": 80}),
            target("grdp", "gia_tri", 17.5, reporters=["kt"], ten="Tỷ trọng kinh tế số"),
            target("vu-viec", "tong", 5, so_sanh="<=", don_vi_tinh="vụ", reporters=["ca"],
                   ten="Số vụ lộ lọt thông tin"),
        ],
        tasks=[task("lam-sach", "ca", han=D(2026, 6, 15)), task("cong-thong-tin", "vp")],
        results=[
            result("vp", 1, D(2026, 3, 20), chi_tieu={"cks": {"tu_so": 5, "mau_so": 10}}),
            result("vp", 2, D(2026, 6, 20), chi_tieu={"cks": {"tu_so": 10, "mau_so": 12}},
                   nhiem_vu={"cong-thong-tin": "hoan_thanh"}),
            result("ca", 2, D(2026, 6, 23),
                   chi_tieu={"cks": {"tu_so": 18, "mau_so": 18}, "vu-viec": {"gia_tri": 0}},
                   nhiem_vu={"lam-sach": "dang_thuc_hien"}),
            result("mt", 2, D(2026, 6, 25)),
        ],
    )
    outcome = check_repo(root, TODAY)
    assert outcome.errors == []
    assert outcome.plan is not None
    return outcome.plan


def test_the_quarter_as_json(plan: Plan) -> None:
    found = json.loads(dumps(plan, compute_quarter(plan, Period(2026, 2))))
    assert found == {
        "ky": "2026-Q2",
        "han_bao_cao": "2026-06-20",
        "chi_tieu": [
            {
                "ma": "cks",
                "ten": "Cán bộ có chữ ký số",
                "muc": "I.1",
                "muc_tieu": 90,
                "so_sanh": ">=",
                "cach_tinh": "ty_le",
                "don_vi_tinh": "%",
                "gia_tri": 93.33333333333333,  # 280/3, not rounded to 93.3
                "ty_le_dat": 103.70370370370371,  # 2800/27
                "trang_thai": "dat",
                "don_vi_thieu": [],
                "tu_so": 28,
                "mau_so": 30,
                "gia_tri_quy_truoc": 50,
                "thay_doi": 43.333333333333336,
                "lo_trinh": 80,
                "tien_do": "dung_tien_do",
                "chu_tri": "vp",
                "du_bao": {"muc_do": "da_dat", "gia_tri_cuoi_nam": 100, "can_moi_quy": None},
            },
            {
                "ma": "grdp",
                "ten": "Tỷ trọng kinh tế số",
                "muc": None,
                "muc_tieu": 17.5,
                "so_sanh": ">=",
                "cach_tinh": "gia_tri",
                "don_vi_tinh": "%",
                "gia_tri": None,
                "ty_le_dat": None,
                "trang_thai": "chua_co_so_lieu",
                "don_vi_thieu": ["kt"],
                "tu_so": None,
                "mau_so": None,
                "gia_tri_quy_truoc": None,
                "thay_doi": None,
                "lo_trinh": None,
                "tien_do": None,
                "chu_tri": "kt",
                "du_bao": {"muc_do": "chua_du_so_lieu", "gia_tri_cuoi_nam": None,
                           "can_moi_quy": None},
            },
            {
                "ma": "vu-viec",
                "ten": "Số vụ lộ lọt thông tin",
                "muc": None,
                "muc_tieu": 5,
                "so_sanh": "<=",
                "cach_tinh": "tong",
                "don_vi_tinh": "vụ",
                "gia_tri": 0,
                "ty_le_dat": 100,
                "trang_thai": "dat",
                "don_vi_thieu": [],
                "tu_so": None,
                "mau_so": None,
                "gia_tri_quy_truoc": None,
                "thay_doi": None,
                "lo_trinh": None,
                "tien_do": None,
                "chu_tri": "ca",
                "du_bao": {"muc_do": "da_dat", "gia_tri_cuoi_nam": None, "can_moi_quy": None},
            },
        ],
        "nhiem_vu": [
            {
                "ma": "lam-sach",
                "ten": "Nhiệm vụ lam-sach",
                "trang_thai": "qua_han",
                "trang_thai_bao_cao": "dang_thuc_hien",
                "qua_han": True,
                "sap_den_han": False,
                "han": "2026-06-15",
                "chu_tri": "ca",
            },
            {
                "ma": "cong-thong-tin",
                "ten": "Nhiệm vụ cong-thong-tin",
                "trang_thai": "hoan_thanh",
                "trang_thai_bao_cao": "hoan_thanh",
                "qua_han": False,
                "sap_den_han": False,
                "han": "2026-12-31",
                "chu_tri": "vp",
            },
        ],
        "don_vi": [
            {"ma": "vp", "ten": "Văn phòng HĐND và UBND xã", "nop": "dung_han",
             "ngay_gui": "2026-06-20", "so_ngay_tre": 0, "bao_cao_dinh_ky": True},
            {"ma": "ca", "ten": "Công an xã", "nop": "tre_han",
             "ngay_gui": "2026-06-23", "so_ngay_tre": 3, "bao_cao_dinh_ky": True},
            {"ma": "kt", "ten": "Phòng Kinh tế", "nop": "chua_nop",
             "ngay_gui": None, "so_ngay_tre": 0, "bao_cao_dinh_ky": True},
            {"ma": "mt", "ten": "Ủy ban MTTQ Việt Nam xã", "nop": "tre_han",
             "ngay_gui": "2026-06-25", "so_ngay_tre": 5, "bao_cao_dinh_ky": False},
        ],
    }


def test_the_contract_keys_are_there(plan: Plan) -> None:
    found = quarter_json(plan, compute_quarter(plan, Period(2026, 3)))
    assert {"ky", "chi_tieu", "nhiem_vu", "don_vi"} <= set(found)
    for item in found["chi_tieu"]:
        assert {"ma", "gia_tri", "ty_le_dat", "trang_thai", "don_vi_thieu"} <= set(item)
        assert (item["gia_tri"], item["ty_le_dat"]) == (None, None)  # no data in quarter III
    for item in found["nhiem_vu"]:
        assert {"ma", "trang_thai"} <= set(item)
    for item in found["don_vi"]:
        assert {"ma", "nop", "ngay_gui"} <= set(item)
    assert [u["ma"] for u in found["don_vi"]] == ["vp", "ca", "kt"]  # mt did not send


def test_integers_stay_integers_and_text_stays_readable(plan: Plan) -> None:
    text = dumps(plan, compute_quarter(plan, Period(2026, 2)))
    assert '"muc_tieu": 90,' in text
    assert '"ty_le_dat": 100,' in text
    assert "Cán bộ có chữ ký số" in text  # not \\u escapes
