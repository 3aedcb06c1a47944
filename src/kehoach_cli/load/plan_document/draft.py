"""What the extraction finds: plain values, each with the paragraph it came from.

``source`` is the text of the paragraph (or table row) the item was read from, quoted in
the drafted files; ``checks`` are the guesses a person must confirm ("cần kiểm tra").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Sourced:
    source: str = ""
    checks: list[str] = field(default_factory=list)


@dataclass
class DraftTarget(Sourced):
    ma: str = ""
    muc: str | None = None
    ten: str = ""
    don_vi_tinh: str = "%"
    muc_tieu: float | int = 0
    so_sanh: str = ">="
    cach_tinh: str = "gia_tri"
    chu_tri: str | None = None
    phoi_hop: list[str] = field(default_factory=list)
    don_vi_bao_cao: list[str] = field(default_factory=list)
    tu_so: str | None = None
    mau_so: str | None = None
    luy_ke: bool = False


@dataclass
class DraftTask(Sourced):
    ma: str = ""
    muc: str | None = None
    ten: str = ""
    chu_tri: str | None = None
    phoi_hop: list[str] = field(default_factory=list)
    han: dt.date | None = None


@dataclass
class DraftUnit(Sourced):
    ma: str = ""
    ten: str = ""
    muc: str | None = None
    bao_cao_dinh_ky: bool = True


@dataclass
class Note:
    """A paragraph or table row that a person must look at: why, and its text."""

    reason: str
    text: str
    where: str = ""


@dataclass
class DraftHeader:
    nam: int | None = None
    ten: str | None = None
    dia_danh: str | None = None
    chu_quan: str | None = None
    ban_hanh: str | None = None
    ten_goi: str | None = None
    so: int | None = None
    ky_hieu: str | None = None
    ngay: dt.date | None = None
    date_line: str = ""
    number_line: str = ""
    header_checks: list[str] = field(default_factory=list)
    can_cu: list[Sourced] = field(default_factory=list)  # source holds the basis itself
    can_cu_text: list[str] = field(default_factory=list)
    muc_tieu_chung: list[str] = field(default_factory=list)


@dataclass
class DraftReport:
    ky_hieu: str | None = None
    noi_nhan: list[str] = field(default_factory=list)
    luu: str | None = None
    quyen_han: list[str] = field(default_factory=list)
    chuc_vu: list[str] = field(default_factory=list)
    ho_ten: str | None = None
    recipients_source: str = ""
    signature_source: str = ""


@dataclass
class Draft:
    header: DraftHeader = field(default_factory=DraftHeader)
    report: DraftReport = field(default_factory=DraftReport)
    units: list[DraftUnit] = field(default_factory=list)
    targets: list[DraftTarget] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (muc, ten)
    standing: str | None = None
    standing_source: str = ""
    deadline: int | None = None
    deadline_source: str = ""
    notes: list[Note] = field(default_factory=list)
