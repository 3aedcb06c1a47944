"""chi-tieu: a target's definition can be computed (goal, unit, method, roadmap)."""

from __future__ import annotations

from collections.abc import Iterator

from ...vocab.problems import Problem, Rule, error
from ..context import CheckContext

RULE = Rule(
    "chi-tieu",
    "Chỉ tiêu tính được: mục tiêu, đơn vị tính, cách tính, lộ trình và đơn vị báo cáo "
    "khớp nhau",
)


def check(ctx: CheckContext) -> Iterator[Problem]:
    src = ctx.targets.src
    if not (ctx.units.loaded and ctx.targets.loaded) or src is None:
        return
    pos = src.doc.positions
    for _, (index, target) in ctx.targets.items.items():
        base: tuple[str | int, ...] = ("chi_tieu", index)
        if target.don_vi_bao_cao is not None and not target.don_vi_bao_cao:
            yield error(src.path, pos.value((*base, "don_vi_bao_cao")),
                        "don_vi_bao_cao: cần ít nhất một đơn vị báo cáo, "
                        "hoặc bỏ khóa này để đơn vị chủ trì báo cáo", RULE.id)
        percent = target.don_vi_tinh.startswith("%")
        goal = target.muc_tieu
        if percent and not 0 <= goal <= 100:
            yield error(src.path, pos.value((*base, "muc_tieu")),
                        "muc_tieu: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, "
                        f"nhận được {goal:g}", RULE.id)
        elif target.so_sanh == ">=" and goal <= 0:
            yield error(src.path, pos.value((*base, "muc_tieu")),
                        'muc_tieu: với so_sanh ">=" mục tiêu cần lớn hơn 0 (để tính được '
                        f"tỷ lệ đạt), nhận được {goal:g}", RULE.id)
        elif target.so_sanh == "<=" and goal < 0:
            yield error(src.path, pos.value((*base, "muc_tieu")),
                        'muc_tieu: với so_sanh "<=" mục tiêu cần lớn hơn hoặc bằng 0, '
                        f"nhận được {goal:g}", RULE.id)
        if target.cach_tinh == "ty_le" and not percent:
            yield error(src.path, pos.value((*base, "don_vi_tinh")),
                        'don_vi_tinh: chỉ tiêu ty_le được tính ra phần trăm, cần "%", '
                        f'nhận được "{target.don_vi_tinh}"', RULE.id)
        if target.cach_tinh != "ty_le":
            for key in ("tu_so", "mau_so"):
                if getattr(target, key) is not None:
                    yield error(src.path, pos.key((*base, key)),
                                f"{key}: chỉ dùng cho chỉ tiêu có cach_tinh: ty_le; chỉ "
                                f"tiêu này có cach_tinh: {target.cach_tinh}", RULE.id)
        if target.luy_ke and target.cach_tinh != "tong":
            yield error(src.path, pos.key((*base, "luy_ke")),
                        "luy_ke: chỉ dùng cho chỉ tiêu có cach_tinh: tong; chỉ tiêu này "
                        f"có cach_tinh: {target.cach_tinh}", RULE.id)
        for quarter, value in (target.lo_trinh or {}).items():
            if percent and not 0 <= value <= 100:
                yield error(src.path, pos.value((*base, "lo_trinh", quarter)),
                            f"lo_trinh.{quarter}: chỉ tiêu tính bằng % cần giá trị từ 0 "
                            f"đến 100, nhận được {value:g}", RULE.id)
        start = target.gia_tri_dau_nam
        if start is not None and target.luy_ke:
            yield error(src.path, pos.key((*base, "gia_tri_dau_nam")),
                        "gia_tri_dau_nam: chỉ tiêu luy_ke cộng dồn từ 0 đầu năm, không "
                        "dùng giá trị đầu năm; hãy bỏ khóa này", RULE.id)
        elif start is not None and percent and not 0 <= start <= 100:
            yield error(src.path, pos.value((*base, "gia_tri_dau_nam")),
                        "gia_tri_dau_nam: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, "
                        f"nhận được {start:g}", RULE.id)
