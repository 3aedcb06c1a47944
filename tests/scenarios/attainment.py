"""Small plan repos for the attainment, status and status-view tests, loaded by the real checker.

Targets, tasks and result files are dicts built by :func:`target`, :func:`task` and
:func:`result`; :func:`write_repo` writes them with plan/plan.yaml and plan/units.yaml,
each dumped as block YAML by ``helpers.make_repo``. The fixtures ``make_plan`` and
``make_outcome`` (tests/compute/conftest.py) check the repo and return the ``Plan`` or the
whole ``CheckOutcome``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tests.helpers import Content, make_repo

from kehoach_cli.load.plan import Plan

YEAR = 2026
TODAY = dt.date(2026, 12, 31)

UNITS: list[dict[str, Any]] = [
    {"ma": "vp", "ten": "Văn phòng HĐND và UBND xã"},
    {"ma": "ca", "ten": "Công an xã"},
    {"ma": "kt", "ten": "Phòng Kinh tế"},
    {"ma": "mt", "ten": "Ủy ban MTTQ Việt Nam xã", "bao_cao_dinh_ky": False},
]


def plan_file(deadline_day: int = 20) -> dict[str, Any]:
    return {
        "nam": YEAR,
        "ten": "Chuyển đổi số năm 2026 của xã Mẫu Sơn",
        "dia_danh": "Mẫu Sơn",
        "co_quan": {"chu_quan": "UBND XÃ MẪU SƠN", "ban_hanh": "BAN CHỈ ĐẠO"},
        "van_ban": {"so": None, "ky_hieu": "KH-BCĐ", "ngay": None},
        "co_quan_thuong_truc": "vp",
        "han_bao_cao": {"ngay": deadline_day},
        "bao_cao": {
            "ky_hieu": "BC-BCĐ",
            "noi_nhan": ["UBND huyện"],
            "luu": "VT, VP",
            "ky": {"quyen_han": ["TM. BAN CHỈ ĐẠO"], "chuc_vu": ["TRƯỞNG BAN"],
                   "ho_ten": "Lê Thị Hoa"},
        },
    }


def target(
    ma: str,
    cach_tinh: str,
    muc_tieu: float,
    *,
    so_sanh: str = ">=",
    don_vi_tinh: str = "%",
    reporters: Sequence[str] = ("vp",),
    **extra: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ma": ma,
        "ten": f"Chỉ tiêu {ma}",
        "don_vi_tinh": don_vi_tinh,
        "muc_tieu": muc_tieu,
        "so_sanh": so_sanh,
        "cach_tinh": cach_tinh,
        "chu_tri": reporters[0],
        "don_vi_bao_cao": list(reporters),
    }
    data.update(extra)
    return data


def task(ma: str, chu_tri: str = "vp", *, han: dt.date | None = None,
         phoi_hop: Sequence[str] = ()) -> dict[str, Any]:
    data: dict[str, Any] = {"ma": ma, "ten": f"Nhiệm vụ {ma}", "chu_tri": chu_tri}
    if phoi_hop:
        data["phoi_hop"] = list(phoi_hop)
    if han is not None:
        data["han"] = han
    return data


def result(
    unit: str,
    quarter: int,
    sent: dt.date | None = None,
    *,
    chi_tieu: dict[str, dict[str, Any]] | None = None,
    nhiem_vu: dict[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "don_vi": unit,
        "ky": f"{YEAR}-Q{quarter}",
        "ngay_gui": sent or dt.date(YEAR, 3 * quarter, 15),
    }
    if chi_tieu is not None:
        data["chi_tieu"] = chi_tieu
    if nhiem_vu is not None:
        data["nhiem_vu"] = {ma: {"trang_thai": state} for ma, state in nhiem_vu.items()}
    data.update(extra)
    return data


def write_repo(
    root: Path,
    *,
    targets: Sequence[dict[str, Any]] = (),
    tasks: Sequence[dict[str, Any]] = (),
    results: Sequence[dict[str, Any]] = (),
    deadline_day: int = 20,
    plan_extra: dict[str, Any] | None = None,
    raw_results: dict[str, str] | None = None,
) -> Path:
    """The repo at ``root`` (which must not exist yet); ``raw_results`` maps repo-relative
    paths to exact text, written last."""
    by_path: dict[str, Content] = {f"{data['don_vi']}/{data['ky']}": data for data in results}
    return make_repo(
        root.parent,
        name=root.name,
        plan={**plan_file(deadline_day), **(plan_extra or {})},
        units={"don_vi": UNITS},
        targets={"chi_tieu": list(targets)},
        tasks={"nhiem_vu": list(tasks)},
        results=by_path,
        default_results=False,
        files=dict(raw_results or {}),
    )


MakePlan = Callable[..., Plan]
