"""The report as plain values: what the .docx renderer draws.

The content builder fills a ``ReportDocument`` from the plan, the attainment
figures and the templates; ``docx_writer.render_docx`` turns it into the bytes of
a .docx laid out as Nghị định 30/2020/NĐ-CP requires. Nothing here knows about
YAML or attainment; nothing in the renderer decides wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text inside a paragraph with its own emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    """``I. KẾT QUẢ THỰC HIỆN`` (level 1, uppercase bold), ``1. Title`` (level 2,
    bold), ``a) ...`` (level 3, regular)."""

    level: Literal[1, 2, 3]
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A justified body paragraph with a first-line indent."""

    runs: tuple[Run, ...]

    @staticmethod
    def of(text: str) -> Paragraph:
        return Paragraph((Run(text),))


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width_mm: float
    align: Literal["left", "center", "right"] = "left"


@dataclass(frozen=True, slots=True)
class TableRow:
    """A data row (one cell per column) or a group row (one cell spanning all
    columns, bold: a section of the plan such as ``I.2.c. Chuyển đổi số``)."""

    cells: tuple[str, ...]
    kind: Literal["data", "group"] = "data"


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    caption: str = ""
    note: str = ""  # printed under the table, in italics, a paragraph per line ("(1) …")


@dataclass(frozen=True, slots=True)
class Image:
    """A picture. ``png`` is its bytes, or a function giving them: a chart still being
    drawn in another process, which the writer asks for last."""

    png: bytes | Callable[[], bytes]
    width_mm: float
    caption: str = ""
    alt: str = ""  # the picture in words, for readers who cannot see it

    def png_bytes(self) -> bytes:
        return self.png if isinstance(self.png, bytes) else self.png()


Block = Heading | Paragraph | Table | Image


@dataclass(frozen=True, slots=True)
class Header:
    chu_quan: str  # governing body, e.g. "UBND XÃ VŨ DƯƠNG"
    ban_hanh: str  # issuing body, e.g. "BAN CHỈ ĐẠO"
    so: int | None  # None: draft, number left blank
    ky_hieu: str  # e.g. "BC-BCĐ"
    dia_danh: str  # e.g. "Vũ Dương"
    ngay: dt.date


@dataclass(frozen=True, slots=True)
class Closing:
    noi_nhan: tuple[str, ...]  # recipients, without the archive line
    luu: str  # e.g. "VT, VHXH" -> "- Lưu: VT, VHXH."
    quyen_han: tuple[str, ...]  # e.g. ("TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN")
    chuc_vu: tuple[str, ...]  # e.g. ("PHÓ TRƯỞNG BAN TT", "PHÓ CHỦ TỊCH UBND XÃ")
    ho_ten: str


@dataclass(frozen=True, slots=True)
class ReportDocument:
    header: Header
    loai_van_ban: str  # "BÁO CÁO"
    trich_yeu: str  # "Kết quả thực hiện Kế hoạch ... quý II năm 2026"
    body: tuple[Block, ...]
    closing: Closing
    title: str = ""  # core property "title"
    author: str = ""  # core property "author"
    keywords: tuple[str, ...] = field(default=())
