"""The quarter's attainment as the JSON object of the contract (numbers unrounded)."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from ..compute.attainment import QuarterAttainment
from ..compute.forecast import Forecast
from ..load.plan import Plan


def _num(value: Fraction | None) -> float | int | None:
    if value is None:
        return None
    if value.denominator == 1:
        return int(value)
    return float(value)


def _forecast(f: Forecast | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"muc_do": f.level, "gia_tri_cuoi_nam": _num(f.year_end), "can_moi_quy": _num(f.needed)}


def quarter_json(plan: Plan, q: QuarterAttainment) -> dict[str, Any]:
    return {
        "ky": str(q.period),
        "han_bao_cao": q.deadline.isoformat(),
        "chi_tieu": [
            {
                "ma": t.target.ma,
                "ten": t.target.ten,
                "muc": t.target.muc,
                "muc_tieu": _num(t.goal),
                "so_sanh": t.target.so_sanh,
                "cach_tinh": t.target.cach_tinh,
                "don_vi_tinh": t.target.don_vi_tinh,
                "gia_tri": _num(t.value),
                "ty_le_dat": _num(t.ty_le_dat),
                "trang_thai": t.state,
                "don_vi_thieu": list(t.missing_units),
                "tu_so": t.tu_so,
                "mau_so": t.mau_so,
                "gia_tri_quy_truoc": _num(t.previous),
                "thay_doi": _num(t.change),
                "lo_trinh": _num(t.milestone),
                "tien_do": t.progress,
                "chu_tri": t.target.chu_tri,
                "du_bao": _forecast(t.forecast),
            }
            for t in q.targets
        ],
        "nhiem_vu": [
            {
                "ma": t.task.ma,
                "ten": t.task.ten,
                "trang_thai": t.state,
                "trang_thai_bao_cao": t.reported,
                "qua_han": t.overdue,
                "sap_den_han": t.due_soon,
                "han": t.deadline.isoformat(),
                "chu_tri": t.task.chu_tri,
            }
            for t in q.tasks
        ],
        "don_vi": [
            {
                "ma": s.unit,
                "ten": plan.units[s.unit].ten,
                "nop": s.state,
                "ngay_gui": s.sent.isoformat() if s.sent else None,
                "so_ngay_tre": s.days_late,
                "bao_cao_dinh_ky": s.required,
            }
            for s in q.submissions
        ],
    }


def dumps(plan: Plan, q: QuarterAttainment) -> str:
    return json.dumps(quarter_json(plan, q), ensure_ascii=False, indent=2)
