"""A roll-up repo's ``tong-hop.yaml``: the level (district, province, nation), its
targets and its members (commune repos, or lower roll-up repos), as pydantic models,
read with the same loader and messages as every plan file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ..vocab.problems import Position, Problem, error
from .models import (
    Id,
    IssuingBodies,
    Model,
    Signature,
    Symbol,
    TargetDefinition,
    Text,
)
from .positions import Positions
from .repo import read_source
from .rules import FORMAT
from .schema import validate_model

ROLLUP_FILE = "tong-hop.yaml"
KIND_NAME = "tệp tổng hợp tong-hop.yaml"
REFERENCE_ID = "tong-hop"  # problems across the roll-up's own entries and its members

Combine = Literal["trung_binh", "trung_binh_co_trong_so"]


class RollupTarget(TargetDefinition):
    cach_tong_hop: Combine | None = Field(
        None, description="chỉ tiêu gia_tri: trung_binh hoặc trung_binh_co_trong_so"
    )
    trong_so: Id | None = Field(
        None, description="chỉ tiêu trung_binh_co_trong_so: mã chỉ tiêu dùng làm trọng số"
    )
    ma_cap_tren: Id | None = Field(
        None, description="mã chỉ tiêu của cấp trên mà chỉ tiêu này được tổng hợp vào"
    )


class Member(Model):
    ma: Id = Field(description="mã của xã (hoặc của cấp tổng hợp dưới), ví dụ vu-duong")
    ten: Text = Field(description="tên của xã, ví dụ Xã Vũ Dương")
    kho: Text = Field(
        description="kho kế hoạch của xã: đường dẫn (tính từ tệp này) hoặc địa chỉ git"
    )
    phien_ban: Annotated[str, StringConstraints(min_length=1)] | None = Field(
        None, description="commit hoặc thẻ (tag) cần đọc (mặc định: đầu nhánh mặc định)"
    )


class RollupFile(Model):
    ten: Text = Field(description="tên của cấp tổng hợp, ví dụ Tỉnh Ninh Bình")
    nam: Annotated[int, Field(ge=2000, le=2100)] = Field(description="năm, ví dụ 2026")
    dia_danh: Text | None = Field(None, description="địa danh ghi ở dòng ngày tháng")
    co_quan: IssuingBodies | None = Field(None, description="cơ quan chủ quản và ban hành")
    ky_hieu: Symbol | None = Field(None, description="ký hiệu của báo cáo, ví dụ BC-UBND")
    noi_nhan: list[Text] = Field(default_factory=list, description="danh sách nơi nhận")
    luu: Text | None = Field(None, description="nội dung dòng lưu, ví dụ VT, VP")
    ky: Signature | None = Field(None, description="khối chữ ký")
    chi_tieu: list[RollupTarget] = Field(description="danh sách chỉ tiêu tổng hợp")
    xa: list[Member] = Field(description="danh sách xã (hoặc cấp tổng hợp dưới)")


@dataclass(slots=True)
class LoadedRollup:
    """tong-hop.yaml read: the model when it is sound, the positions, the problems."""

    root: Path
    model: RollupFile | None
    positions: Positions
    problems: list[Problem]

    def target_pos(self, index: int, key: str | None = None) -> Position:
        return (self.positions.value(("chi_tieu", index, key)) if key
                else self.positions.key(("chi_tieu", index)))

    def member_pos(self, index: int, key: str = "kho") -> Position:
        return self.positions.value(("xa", index, key))


def is_rollup_repo(root: Path) -> bool:
    return (root / ROLLUP_FILE).is_file()


def load_rollup(root: Path) -> LoadedRollup:
    """Read and check ``root/tong-hop.yaml`` (its shape and the references inside it)."""
    src = read_source(root, root / ROLLUP_FILE, fast=True)
    problems = list(src.doc.problems)
    model = None
    if src.doc.ok:
        model, found = validate_model(src.doc, RollupFile, KIND_NAME)
        problems.extend(found)
    loaded = LoadedRollup(root, model, src.doc.positions, problems)
    if model is not None:
        problems.extend(_cross_checks(loaded, model))
    if any(p.is_error for p in problems):
        loaded.model = None
    return loaded


def _cross_checks(loaded: LoadedRollup, model: RollupFile) -> list[Problem]:
    out: list[Problem] = []
    seen: set[str] = set()
    by_id = {t.ma: t for t in model.chi_tieu}
    for i, t in enumerate(model.chi_tieu):
        if t.ma in seen:
            out.append(error(ROLLUP_FILE, loaded.target_pos(i, "ma"),
                             f"mã chỉ tiêu '{t.ma}' đã dùng cho một chỉ tiêu khác",
                             REFERENCE_ID))
        seen.add(t.ma)
        if t.cach_tinh != "gia_tri":
            if t.cach_tong_hop is not None:
                out.append(error(ROLLUP_FILE, loaded.target_pos(i, "cach_tong_hop"),
                                 f"cach_tong_hop: chỉ dùng cho chỉ tiêu gia_tri; chỉ tiêu "
                                 f"'{t.ma}' tính theo {t.cach_tinh} được tổng hợp theo "
                                 "cách tính của nó", FORMAT.id))
            continue
        if t.cach_tong_hop is None:
            out.append(error(ROLLUP_FILE, loaded.target_pos(i),
                             f"chỉ tiêu '{t.ma}' tính theo gia_tri: cần khóa cach_tong_hop "
                             "(trung_binh hoặc trung_binh_co_trong_so với trong_so là mã "
                             "chỉ tiêu trọng số); giá trị của các xã không được cộng lại",
                             FORMAT.id))
        elif t.cach_tong_hop == "trung_binh_co_trong_so":
            if t.trong_so is None:
                out.append(error(ROLLUP_FILE, loaded.target_pos(i, "cach_tong_hop"),
                                 f"chỉ tiêu '{t.ma}': trung_binh_co_trong_so cần khóa "
                                 "trong_so (mã chỉ tiêu dùng làm trọng số)", FORMAT.id))
            elif t.trong_so not in by_id or t.trong_so == t.ma:
                out.append(error(ROLLUP_FILE, loaded.target_pos(i, "trong_so"),
                                 f"trong_so: '{t.trong_so}' không phải mã của một chỉ tiêu "
                                 "khác trong tong-hop.yaml", REFERENCE_ID))
            elif by_id[t.trong_so].cach_tong_hop == "trung_binh_co_trong_so":
                out.append(error(ROLLUP_FILE, loaded.target_pos(i, "trong_so"),
                                 f"trong_so: chỉ tiêu '{t.trong_so}' tự nó cũng tính trung "
                                 "bình có trọng số; trọng số cần là một chỉ tiêu tong, "
                                 "ty_le hoặc trung_binh", REFERENCE_ID))
        if t.trong_so is not None and t.cach_tong_hop != "trung_binh_co_trong_so":
            out.append(error(ROLLUP_FILE, loaded.target_pos(i, "trong_so"),
                             "trong_so: chỉ dùng khi cach_tong_hop là "
                             "trung_binh_co_trong_so", FORMAT.id))
    members: set[str] = set()
    for i, m in enumerate(model.xa):
        if m.ma in members:
            out.append(error(ROLLUP_FILE, loaded.member_pos(i, "ma"),
                             f"mã xã '{m.ma}' đã có trong danh sách xa", REFERENCE_ID))
        members.add(m.ma)
    return out
