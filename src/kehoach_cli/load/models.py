"""The files of a plan repo as pydantic models: the shape of each file, nothing across files.

Models are strict (the string "12" is not a number, ``yes`` is not a boolean) and
forbid unknown keys. Each field's description is Vietnamese: it names the expected
form in error messages and in the JSON Schemas editors use.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)
from pydantic_core import PydanticCustomError

from ..vocab.forms import LOGIN_PATTERN

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# KH-BCĐ, BC-UBND; Party bodies write KH/ĐU; groups of capitals and digits.
SYMBOL_PATTERN = r"^[A-ZĐ0-9]+(?:[-/][A-ZĐ0-9]+)*$"
MAX_NUMBER = 1e15  # larger figures are typing mistakes, and would lose exactness

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Login = Annotated[str, StringConstraints(pattern=LOGIN_PATTERN)]
Symbol = Annotated[str, StringConstraints(pattern=SYMBOL_PATTERN)]
def _not_blank(text: str) -> str:
    """A text of spaces only is as empty as "" (it would print nothing in the report)."""
    if not text.strip():
        raise PydanticCustomError("string_too_short", "blank text", {"min_length": 1})
    return text


Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_not_blank)]
Number = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Count = Annotated[int, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Quarter = Literal["Q1", "Q2", "Q3", "Q4"]
Comparison = Literal[">=", "<="]
Method = Literal["ty_le", "gia_tri", "tong"]
TaskState = Literal["hoan_thanh", "dang_thuc_hien", "chua_thuc_hien"]


def _none_as_empty(value: Any) -> Any:
    return [] if value is None else value


# An optional list left empty (``kho_khan:`` with nothing after it) means no items.
NullAsEmpty = BeforeValidator(_none_as_empty)
IdList = Annotated[list[Id], NullAsEmpty]
TextList = Annotated[list[Text], NullAsEmpty]


class Model(BaseModel):
    model_config = ConfigDict(
        strict=True, extra="forbid", frozen=True, allow_inf_nan=False, populate_by_name=False
    )


# ---------------------------------------------------------------- plan/plan.yaml


# A value that may take one of two shapes (a text or a list of texts; a mapping or a
# list) is a union told apart by the value's own type. Its tags appear in pydantic's
# error locations; they start with a NUL, which no key of a loaded file can hold, and
# load/schema.py drops them, so that a message names the place as the file writes it.
TAG_TEXT = "\x00cau"
TAG_LIST = "\x00danh_sach"
TAG_MAPPING = "\x00bang"
UNION_TAGS = frozenset({TAG_TEXT, TAG_LIST, TAG_MAPPING})


def _shape(value: Any) -> str | None:
    if isinstance(value, str):
        return TAG_TEXT
    if isinstance(value, list) or value is None:
        return TAG_LIST
    if isinstance(value, dict | BaseModel):  # a model: when dumped
        return TAG_MAPPING
    return None


TextOrList = Annotated[
    Union[Annotated[Text, Tag(TAG_TEXT)], Annotated[TextList, Tag(TAG_LIST)]],  # noqa: UP007
    Discriminator(_shape),
]


def as_list(value: str | list[str]) -> list[str]:
    """A text or a list of texts, as a list."""
    return [value] if isinstance(value, str) else list(value)


# The issuing body's name: one text, or the lines it is to be printed in.
LinesOrText = Annotated[
    Union[  # noqa: UP007
        Annotated[Text, Tag(TAG_TEXT)],
        Annotated[list[Text], Field(min_length=1), Tag(TAG_LIST)],
    ],
    Discriminator(_shape),
]


class IssuingBodies(Model):
    chu_quan: Text = Field(description="cơ quan chủ quản, viết hoa, ví dụ UBND XÃ VŨ DƯƠNG")
    ban_hanh: LinesOrText = Field(
        description="cơ quan ban hành, viết hoa, ví dụ BAN CHỈ ĐẠO (hoặc danh sách các dòng)"
    )
    ten_goi: Text | None = Field(
        None,
        description="cách gọi cơ quan ban hành trong lời văn, ví dụ Ban Chỉ đạo "
        "(mặc định: viết thường tên cơ quan ban hành)",
    )

    @property
    def ban_hanh_text(self) -> str:
        """The issuing body's name, its lines (when given as a list) joined by '\\n'."""
        return "\n".join(as_list(self.ban_hanh))


class PlanDocument(Model):
    so: Annotated[int, Field(ge=1)] | None = Field(
        None, description="số của kế hoạch (số nguyên), hoặc null khi chưa có số"
    )
    ky_hieu: Symbol = Field(description="ký hiệu của kế hoạch, ví dụ KH-BCĐ")
    ngay: dt.date | None = Field(None, description="ngày ban hành dạng YYYY-MM-DD, hoặc null")


class Deadline(Model):
    ngay: Annotated[int, Field(ge=1, le=31)] = Field(
        description="ngày trong tháng cuối quý mà đơn vị phải gửi báo cáo, từ 1 đến 31"
    )


class Signature(Model):
    quyen_han: list[Text] = Field(
        description="các dòng thẩm quyền ký, ví dụ [TM. BAN CHỈ ĐẠO, KT. TRƯỞNG BAN]"
    )
    chuc_vu: list[Text] = Field(
        description="các dòng chức vụ, ví dụ [PHÓ TRƯỞNG BAN TT, PHÓ CHỦ TỊCH UBND XÃ]"
    )
    ho_ten: Text = Field(description="họ và tên người ký")


class ReportSettings(Model):
    ky_hieu: Symbol = Field(description="ký hiệu của báo cáo quý, ví dụ BC-BCĐ")
    noi_nhan: list[Text] = Field(description="danh sách nơi nhận, không gồm dòng Lưu")
    luu: Text = Field(description="nội dung dòng lưu, ví dụ VT, VHXH")
    ky: Signature = Field(description="khối chữ ký")


class Section(Model):
    muc: Text = Field(description="số hiệu mục trong kế hoạch, ví dụ I.2.c")
    ten: Text = Field(description="tên mục, ví dụ Chuyển đổi số quốc gia")


class PlanFile(Model):
    nam: Annotated[int, Field(ge=2000, le=2100)] = Field(description="năm kế hoạch, ví dụ 2026")
    ten: Text = Field(description="tên, tức trích yếu, của kế hoạch")
    dia_danh: Text = Field(description="địa danh ghi ở dòng ngày tháng, ví dụ Vũ Dương")
    co_quan: IssuingBodies = Field(description="cơ quan chủ quản và cơ quan ban hành")
    van_ban: PlanDocument = Field(description="số, ký hiệu, ngày của kế hoạch")
    co_quan_thuong_truc: Id = Field(description="mã đơn vị thường trực, ví dụ phong-vhxh")
    han_bao_cao: Deadline = Field(description="hạn gửi báo cáo hằng quý")
    bao_cao: ReportSettings = Field(description="thiết lập của báo cáo quý")
    can_cu: list[Text] = Field(default_factory=list, description="các căn cứ pháp lý")
    muc_tieu_chung: list[Text] = Field(default_factory=list, description="các mục tiêu chung")
    cac_muc: list[Section] = Field(
        default_factory=list, description="tên các mục của kế hoạch, để nhóm chỉ tiêu và nhiệm vụ"
    )
    quan_tri: list[Login] = Field(
        default_factory=list, description="tài khoản của cơ quan thường trực (quản trị kế hoạch)"
    )


# ---------------------------------------------------------------- plan/units.yaml


class Unit(Model):
    ma: Id = Field(description="mã đơn vị, ví dụ cong-an-xa")
    ten: Text = Field(description="tên đơn vị, ví dụ Công an xã")
    bao_cao_dinh_ky: bool = Field(True, description="true nếu đơn vị phải báo cáo mỗi quý")
    tai_khoan: list[Login] = Field(
        default_factory=list, description="các tài khoản được gửi kết quả thay mặt đơn vị"
    )


class UnitsFile(Model):
    don_vi: list[Unit] = Field(description="danh sách đơn vị")


# ---------------------------------------------------------------- plan/targets.yaml


class TargetDefinition(Model):
    """What defines a target, at a commune (plan/targets.yaml) as at a roll-up level
    (tong-hop.yaml): the levels must agree on it."""

    ma: Id = Field(description="mã chỉ tiêu, ví dụ cbccvc-chu-ky-so")
    muc: Text | None = Field(None, description="vị trí trong kế hoạch, ví dụ I.2.c.(1)")
    ten: Text = Field(description="tên chỉ tiêu")
    don_vi_tinh: Text = Field(description="đơn vị tính, ví dụ %")
    muc_tieu: Number = Field(description="giá trị mục tiêu, một số")
    so_sanh: Comparison = Field(
        description='">=" khi mục tiêu là mức tối thiểu, "<=" khi là mức tối đa'
    )
    cach_tinh: Method = Field(description="cách tính: ty_le, gia_tri hoặc tong")


class Target(TargetDefinition):
    chu_tri: Id = Field(description="mã đơn vị chủ trì")
    phoi_hop: IdList = Field(default_factory=list, description="mã các đơn vị phối hợp")
    don_vi_bao_cao: list[Id] | None = Field(
        None, description="mã các đơn vị báo cáo số liệu (mặc định: đơn vị chủ trì)"
    )
    tu_so: Text | None = Field(None, description="chỉ tiêu ty_le: tử số đếm gì")
    mau_so: Text | None = Field(None, description="chỉ tiêu ty_le: mẫu số đếm gì")
    luy_ke: bool = Field(False, description="chỉ tiêu tong: true để cộng dồn từ đầu năm")
    lo_trinh: dict[Quarter, Number] | None = Field(
        None, description="mốc lộ trình theo quý, ví dụ {Q1: 20, Q2: 50, Q3: 75}"
    )
    gia_tri_dau_nam: Number | None = Field(
        None, description="giá trị đầu năm (để dự báo cuối năm từ quý I), một số"
    )
    ma_cap_tren: Id | None = Field(
        None, description="mã chỉ tiêu cấp trên (trong tong-hop.yaml) mà chỉ tiêu này được "
        "tổng hợp vào (mặc định: cùng mã)"
    )

    @property
    def reporters(self) -> list[str]:
        return list(self.don_vi_bao_cao) if self.don_vi_bao_cao is not None else [self.chu_tri]


class TargetsFile(Model):
    chi_tieu: list[Target] = Field(description="danh sách chỉ tiêu")


# ---------------------------------------------------------------- plan/tasks.yaml


class Task(Model):
    ma: Id = Field(description="mã nhiệm vụ, ví dụ de-an-06")
    muc: Text | None = Field(None, description="vị trí trong kế hoạch, ví dụ III.2")
    ten: Text = Field(description="nội dung nhiệm vụ")
    chu_tri: Id = Field(description="mã đơn vị chủ trì")
    phoi_hop: IdList = Field(default_factory=list, description="mã các đơn vị phối hợp")
    han: dt.date | None = Field(None, description="hạn hoàn thành dạng YYYY-MM-DD")


class TasksFile(Model):
    nhiem_vu: list[Task] = Field(description="danh sách nhiệm vụ")


# ---------------------------------------------------------------- units/<unit>/<year>-Q<n>.yaml


class TargetResult(Model):
    tu_so: Count | None = Field(None, description="chỉ tiêu ty_le: tử số (số nguyên)")
    mau_so: Count | None = Field(None, description="chỉ tiêu ty_le: mẫu số (số nguyên, > 0)")
    gia_tri: Number | None = Field(None, description="chỉ tiêu gia_tri hoặc tong: giá trị (số)")
    ghi_chu: Text | None = Field(None, description="ghi chú")


class TaskResult(Model):
    trang_thai: TaskState = Field(
        description="hoan_thanh, dang_thuc_hien hoặc chua_thuc_hien"
    )
    ket_qua: Text | None = Field(None, description="kết quả đã đạt")


class ResultFile(Model):
    don_vi: Id = Field(description="mã đơn vị, trùng tên thư mục")
    ky: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-Q[1-4]$")] = Field(
        description="kỳ báo cáo dạng <năm>-Q<quý>, trùng tên tệp, ví dụ 2026-Q2"
    )
    ngay_gui: dt.date = Field(description="ngày gửi dạng YYYY-MM-DD, ví dụ 2026-06-18")
    nguoi_bao_cao: Text | None = Field(None, description="người báo cáo")
    chi_tieu: dict[str, TargetResult] | None = Field(
        None, description="số liệu theo mã chỉ tiêu"
    )
    nhiem_vu: dict[str, TaskResult] | None = Field(
        None, description="tình trạng theo mã nhiệm vụ"
    )
    kho_khan: TextList = Field(default_factory=list, description="khó khăn, vướng mắc")
    kien_nghi: TextList = Field(default_factory=list, description="đề xuất, kiến nghị")


# ------------------------------------------- reports/<year>-Q<n>.yaml, <year>-6T.yaml, <year>.yaml


class Causes(Model):
    chu_quan: TextOrList = Field(
        default_factory=list, description="nguyên nhân chủ quan: một câu hoặc danh sách câu"
    )
    khach_quan: TextOrList = Field(
        default_factory=list, description="nguyên nhân khách quan: một câu hoặc danh sách câu"
    )


CausesInput = Annotated[
    Union[  # noqa: UP007
        Annotated[Causes, Tag(TAG_MAPPING)],
        Annotated[Text, Tag(TAG_TEXT)],
        Annotated[TextList, Tag(TAG_LIST)],
    ],
    Discriminator(_shape),
]


class ReportInput(Model):
    so: Annotated[int, Field(ge=1)] | None = Field(
        None, description="số báo cáo khi ban hành; bỏ trống khi còn là dự thảo"
    )
    ngay: dt.date | None = Field(None, description="ngày báo cáo dạng YYYY-MM-DD")
    danh_gia_chung: Text | None = Field(None, description="đánh giá chung của cơ quan thường trực")
    phuong_huong: TextList = Field(
        default_factory=list,
        description="phương hướng, nhiệm vụ kỳ tới (quý tới; 6 tháng cuối năm; năm sau)",
    )
    kien_nghi: TextList = Field(
        default_factory=list, description="kiến nghị của cơ quan thường trực"
    )
    nguyen_nhan: CausesInput | None = Field(
        None,
        description="nguyên nhân của tồn tại, hạn chế: bảng khóa {chu_quan: …, khach_quan: …} "
        "(mỗi khóa một câu hoặc danh sách câu), một câu hoặc danh sách câu",
    )
    chi_tieu: dict[str, Text] | None = Field(
        None, description="nhận xét của cơ quan thường trực theo mã chỉ tiêu"
    )


FILE_KINDS: dict[str, tuple[type[Model], str]] = {
    "plan": (PlanFile, "tệp kế hoạch plan/plan.yaml"),
    "units": (UnitsFile, "tệp đơn vị plan/units.yaml"),
    "targets": (TargetsFile, "tệp chỉ tiêu plan/targets.yaml"),
    "tasks": (TasksFile, "tệp nhiệm vụ plan/tasks.yaml"),
    "result": (ResultFile, "tệp kết quả của đơn vị"),
    "report": (ReportInput, "tệp đầu vào báo cáo"),
}
