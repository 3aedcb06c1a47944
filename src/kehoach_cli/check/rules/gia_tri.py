"""gia-tri: each figure of a result file fits its target's method and unit."""

from __future__ import annotations

from collections.abc import Iterator

from ...load.models import Target, TargetResult
from ...load.repo import SourceFile
from ...vocab.problems import Problem, Rule, error
from ..context import CheckContext

RULE = Rule(
    "gia-tri",
    "Số liệu của chỉ tiêu đúng cách tính: tu_so và mau_so cho ty_le, gia_tri cho chỉ tiêu "
    "khác, trong khoảng cho phép",
)


def check(ctx: CheckContext) -> Iterator[Problem]:
    if not ctx.targets.loaded:
        return
    for loaded, result, _ in ctx.results():
        for ma, entry in (result.chi_tieu or {}).items():
            target = ctx.judged_target(loaded.unit_dir, ma)
            if target is not None:
                yield from _entry(loaded.src, ("chi_tieu", ma), target, entry)


def _entry(
    src: SourceFile, base: tuple[str, str], target: Target, entry: TargetResult
) -> Iterator[Problem]:
    pos = src.doc.positions
    ma = target.ma
    if target.cach_tinh == "ty_le":
        yield from _ratio(src, base, target, entry)
        return
    wrong = [k for k in ("tu_so", "mau_so") if getattr(entry, k) is not None]
    if wrong:
        yield error(src.path, pos.key((*base, wrong[0])),
                    f"{wrong[0]}: chỉ tiêu '{ma}' có cach_tinh: {target.cach_tinh}, cần "
                    f"gia_tri (một số) thay cho {' và '.join(wrong)}", RULE.id)
        return
    if entry.gia_tri is None:
        yield error(src.path, pos.key(base),
                    f"thiếu khóa bắt buộc 'gia_tri' của chỉ tiêu '{ma}' "
                    f"(một số, đơn vị tính: {target.don_vi_tinh})", RULE.id)
        return
    value = entry.gia_tri
    if target.don_vi_tinh.startswith("%") and not 0 <= value <= 100:
        yield error(src.path, pos.value((*base, "gia_tri")),
                    f"gia_tri: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, nhận được "
                    f"{value:g}", RULE.id)
    elif target.cach_tinh == "tong" and value < 0:
        yield error(src.path, pos.value((*base, "gia_tri")),
                    f"gia_tri: chỉ tiêu có cach_tinh: tong cần giá trị từ 0 trở lên, nhận "
                    f"được {value:g}", RULE.id)


def _ratio(
    src: SourceFile, base: tuple[str, str], target: Target, entry: TargetResult
) -> Iterator[Problem]:
    pos = src.doc.positions
    ma = target.ma
    if entry.gia_tri is not None:
        yield error(src.path, pos.key((*base, "gia_tri")),
                    f"gia_tri: chỉ tiêu '{ma}' có cach_tinh: ty_le, cần tu_so và "
                    "mau_so (số nguyên) thay cho gia_tri", RULE.id)
        return
    missing = [k for k in ("tu_so", "mau_so") if getattr(entry, k) is None]
    if missing:
        names = " và ".join(f"'{k}'" for k in missing)
        what = "; ".join(
            f"{k}: {getattr(target, k)}" if len(missing) > 1 else str(getattr(target, k))
            for k in missing if getattr(target, k)
        ) or "số nguyên"
        yield error(src.path, pos.key(base),
                    f"thiếu khóa bắt buộc {names} của chỉ tiêu tỷ lệ '{ma}' ({what})", RULE.id)
        return
    tu, mau = entry.tu_so, entry.mau_so
    assert tu is not None and mau is not None
    if mau <= 0:
        yield error(src.path, pos.value((*base, "mau_so")),
                    f"mau_so: cần số nguyên lớn hơn 0, nhận được {mau}", RULE.id)
    if tu < 0:
        yield error(src.path, pos.value((*base, "tu_so")),
                    f"tu_so: cần số nguyên từ 0 trở lên, nhận được {tu}", RULE.id)
    elif mau > 0 and tu > mau:
        yield error(src.path, pos.value((*base, "tu_so")),
                    f"tu_so: tử số ({tu}) không được lớn hơn mẫu số ({mau})", RULE.id)
