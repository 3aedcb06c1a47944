"""A roll-up as JSON (one object, numbers unrounded) and as the long CSV form (one row per
level × member × target × quarter) that a spreadsheet, DuckDB or a statistics tool loads."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from typing import Any

from ..compute.rollup import CombinedTarget, MemberSummary, Rollup, member_value, rate
from ..load.tong_hop import RollupTarget
from .status_json import _num


def _target_json(c: CombinedTarget) -> dict[str, Any]:
    t = c.target
    ratio_parts = t.cach_tinh == "ty_le"
    return {
        "ma": t.ma,
        "ten": t.ten,
        "muc": t.muc,
        "don_vi_tinh": t.don_vi_tinh,
        "muc_tieu": _num(c.goal),
        "so_sanh": t.so_sanh,
        "cach_tinh": t.cach_tinh,
        "cach_tong_hop": t.cach_tong_hop,
        "trong_so": t.trong_so,
        "gia_tri": _num(c.value),
        "ty_le_dat": _num(c.ratio),
        "trang_thai": c.state,
        "tu_so": _num(c.num) if ratio_parts else None,
        "mau_so": _num(c.den) if ratio_parts else None,
        "tu": _num(c.num),
        "mau": _num(c.den),
        "so_xa_bao_cao": len(c.reported),
        "so_xa_dat": len(c.reached),
        "so_xa_thieu": len(c.missing),
        "so_xa_loai": len(c.excluded),
        "xa_thieu": list(c.missing),
        "xa_loai": list(c.excluded),
        "xa_xa_muc_tieu_nhat": [
            {"ma": s.member, "gia_tri": _num(s.value), "ty_le_dat": _num(s.ratio)}
            for s in c.furthest
        ],
    }


def _member_json(m: MemberSummary) -> dict[str, Any]:
    return {
        "ma": m.ma,
        "ten": m.ten,
        "kho": m.kho,
        "loai": m.kind,
        "commit": m.commit,
        "trang_thai": m.status,
        "so_loi": m.errors,
        "bao_cao_phai_nop": m.expected,
        "bao_cao_da_nop": m.received,
        "bao_cao_dung_han": m.on_time,
        "ty_le_nop": _num(rate(m.received, m.expected)),
        "ty_le_dung_han": _num(rate(m.on_time, m.expected)),
        "chi_tieu_lech": sorted(m.mismatched),
        "xa_co_loi": m.members_with_errors,
    }


def rollup_json(r: Rollup) -> dict[str, Any]:
    return {
        "ten": r.ten,
        "ky": r.quarter,
        "so_xa": len(r.members),
        "so_xa_co_loi": len(r.with_errors),
        "bao_cao_phai_nop": r.expected,
        "bao_cao_da_nop": r.received,
        "bao_cao_dung_han": r.on_time,
        "ty_le_nop": _num(rate(r.received, r.expected)),
        "ty_le_dung_han": _num(rate(r.on_time, r.expected)),
        "chi_tieu": [_target_json(c) for c in r.targets],
        "xa": [_member_json(m) for m in r.members],
    }


def dumps(r: Rollup) -> str:
    return json.dumps(rollup_json(r), ensure_ascii=False, indent=2)


CSV_HEADER = ("cap", "thanh_vien", "chi_tieu", "ky", "tu", "mau", "gia_tri")


def _cell(value: Fraction | None) -> str:
    number = _num(value)
    return "" if number is None else repr(number) if isinstance(number, float) else str(number)


def _row(level: str, member: str, t: RollupTarget, quarter: str, num: Fraction | None,
         den: Fraction | None, value: Fraction | None) -> list[str]:
    shown_den = None if t.cach_tinh == "tong" else den
    return [level, member, t.ma, quarter, _cell(num), _cell(shown_den), _cell(value)]


def csv_text(r: Rollup) -> str:
    """Long form: the level's combined row (cap ``tong_hop``, thanh_vien empty), then one
    row per sound member with a figure (cap ``xa`` or ``tong_hop`` for a lower roll-up)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for c in r.targets:
        writer.writerow(_row("tong_hop", "", c.target, r.quarter, c.num, c.den, c.value))
        for m in r.members:
            part = m.parts.get(c.target.ma)
            if part is None or not m.counts or c.target.ma in m.mismatched:
                continue
            writer.writerow(_row(m.kind, m.ma, c.target, r.quarter, part.num, part.den,
                                 member_value(c.target, m)))
    return out.getvalue()
