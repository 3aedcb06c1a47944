"""Render a ``ReportDocument`` as a .docx laid out as Nghị định 30/2020/NĐ-CP (Phụ lục I) asks.

Layout (all lengths from the decree's ranges, see shared/reference/nd30-report-format.md):

- A4 portrait; margins top 20, bottom 20, left 30, right 15 mm; page numbers centred in the
  top margin, size 13, none on page 1 (``titlePg`` with an empty first-page header);
- Times New Roman on every script slot (ascii, hAnsi, cs, eastAsia) of the document defaults,
  the Normal style and every run; black; all text in NFC;
- the header: a borderless two-column table (70 + 95 mm). Left: governing body (uppercase,
  regular 13), issuing body (uppercase, bold 13; a long name wraps into balanced lines) with
  a centred line 0.4 of its (longest line's) length under it, then
  ``Số: …`` (13). Right: the national name (bold 12), the motto (bold 13) with a line exactly
  as long as it, then the italic place-and-date line (14) on the row of ``Số``;
- ``BÁO CÁO`` and the trích yếu (bold 14, centred) with a short line under them;
- the body: justified, 14, first-line indent 1.27 cm, 6 pt after, line spacing 1.15
  ("multiple" everywhere); headings by level; data tables with borders, rows that never
  split, a repeated bold header row and bold group rows both kept with the row after them
  (no header or group title alone at the foot of a page); centred images with an italic
  caption; ending with ``./.``;
- the closing: a borderless two-column table whose only row cannot split, every paragraph
  kept with the next. Left: ``Nơi nhận:`` and the recipients; right: the signature block.

Lines are paragraph bottom borders whose length is set by the paragraph's indents, never
"____" text. Their lengths come from the advance widths of Times New Roman Bold, stored here
(no font is read at run time, so the output does not depend on the fonts of the machine).

The output is reproducible: the same ``ReportDocument`` gives the same bytes whatever the clock
(core properties dated from the report date, fixed zip entry times and order, no thumbnail).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from docx import Document as _new_document
from docx.document import Document as _DocxDocument
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Mm, Twips

from kehoach_cli.present.report.document import (
    Block,
    Closing,
    Header,
    Heading,
    Image,
    Paragraph,
    ReportDocument,
    Run,
    Table,
    TableRow,
)
from kehoach_cli.vocab.dates import date_line, so_line

__all__ = [
    "BODY_FIRST_LINE_INDENT_TWIPS",
    "FONT_NAME",
    "MOTTO",
    "NATIONAL_NAME",
    "TEXT_WIDTH_TWIPS",
    "render_docx",
]

# --------------------------------------------------------------------------- constants

FONT_NAME: Final = "Times New Roman"
NATIONAL_NAME: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
ENDING_MARK: Final = "./."
NOI_NHAN: Final = "Nơi nhận:"

_TWIPS_PER_MM: Final = 1440 / 25.4

PAGE_WIDTH_TWIPS: Final = 11906  # 210 mm
PAGE_HEIGHT_TWIPS: Final = 16838  # 297 mm
MARGIN_TOP_TWIPS: Final = 1134  # 20 mm
MARGIN_BOTTOM_TWIPS: Final = 1134  # 20 mm
MARGIN_LEFT_TWIPS: Final = 1701  # 30 mm
MARGIN_RIGHT_TWIPS: Final = 850  # 15 mm
HEADER_DISTANCE_TWIPS: Final = 567  # 10 mm: the page number sits in the top margin
TEXT_WIDTH_TWIPS: Final = PAGE_WIDTH_TWIPS - MARGIN_LEFT_TWIPS - MARGIN_RIGHT_TWIPS  # 165 mm

BODY_FIRST_LINE_INDENT_TWIPS: Final = 720  # 1.27 cm
BODY_SIZE_PT: Final = 14.0
BODY_AFTER_TWIPS: Final = 120  # 6 pt
LINE_MULTIPLE: Final = 276  # 1.15 lines (lineRule "auto": 240ths of a line)
LINE_SINGLE: Final = 240

HEADER_LEFT_TWIPS: Final = round(70 * _TWIPS_PER_MM)  # the national name needs 88.3 mm
HEADER_RIGHT_TWIPS: Final = TEXT_WIDTH_TWIPS - HEADER_LEFT_TWIPS
CLOSING_LEFT_TWIPS: Final = round(75 * _TWIPS_PER_MM)
CLOSING_RIGHT_TWIPS: Final = TEXT_WIDTH_TWIPS - CLOSING_LEFT_TWIPS

TABLE_CELL_SIZE_PT: Final = 12.0
TABLE_CELL_MARGIN_TWIPS: Final = 85  # 1.5 mm
SHORT_LINE_RATIO: Final = 0.4  # the decree asks for 1/3 to 1/2 of the text's length
SIGNATURE_BLANK_LINES: Final = 4
TITLE_WRAP_SLACK: Final = 1.03  # a balanced title's lines may be 3% longer than measured

# Fixed zip entry time: the earliest a zip can store, as many reproducible builds use.
_ZIP_DATE_TIME: Final = (1980, 1, 1, 0, 0, 0)

_XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"

_RT_THUMBNAIL: Final = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
)
_RT_STYLES_WITH_EFFECTS: Final = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
)

_APP_XML: Final = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>Normal.dotm</Template><TotalTime>0</TotalTime>"
    b"<Application>kehoach</Application><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    b"</Properties>"
)

# Advance widths of Times New Roman Bold (= Liberation Serif Bold, metric-compatible), in
# units of 1/2048 em, for U+0020..U+007E; Vietnamese letters take the width of their base
# letter except those below (the horn letters are wider).
_BOLD_ASCII_WIDTHS: Final[tuple[int, ...]] = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167,
    1024, 1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933,
    1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569,
    682, 1190, 1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569,
    1706, 1139, 1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451,
    807, 1065,
)  # fmt: skip
_BOLD_EXTRA_WIDTHS: Final[dict[str, int]] = {
    "Đ": 1479, "đ": 1139, "Ơ": 1593, "ơ": 1134, "Ư": 1630, "ư": 1229,
}  # fmt: skip
_COMBINING_HORN: Final = "\u031b"
_UNITS_PER_EM: Final = 2048


# --------------------------------------------------------------------------- text helpers


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _one_line(text: str) -> str:
    """NFC text without manual line breaks or tabs (they stretch justified lines)."""
    return " ".join(_nfc(text).replace("\t", " ").splitlines())


def _bold_char_width(ch: str) -> int:
    if ch in _BOLD_EXTRA_WIDTHS:
        return _BOLD_EXTRA_WIDTHS[ch]
    code = ord(ch)
    if 0x20 <= code <= 0x7E:
        return _BOLD_ASCII_WIDTHS[code - 0x20]
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    if _COMBINING_HORN in decomposed:
        base = _nfc(base + _COMBINING_HORN)
    if base in _BOLD_EXTRA_WIDTHS:
        return _BOLD_EXTRA_WIDTHS[base]
    if len(base) == 1 and 0x20 <= ord(base) <= 0x7E:
        return _BOLD_ASCII_WIDTHS[ord(base) - 0x20]
    return 1024  # an average letter


def bold_text_width_twips(text: str, size_pt: float) -> int:
    """Width of ``text`` set in Times New Roman Bold at ``size_pt``, in twips."""
    units = sum(_bold_char_width(ch) for ch in _nfc(text))
    return round(units * size_pt * 20 / _UNITS_PER_EM)


def _mm(value: float) -> int:
    return round(value * _TWIPS_PER_MM)


# --------------------------------------------------------------------------- XML helpers


@functools.cache
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    """The Clark name of ``w:p`` and the one namespace declaration it needs."""
    prefix, local = tag.split(":")
    return f"{{{nsmap[prefix]}}}{local}", {prefix: nsmap[prefix]}


@functools.cache
def _attr(name: str) -> str:
    return qn(f"w:{name}")


def _el(tag: str, **attrs: str | int) -> Any:
    """A new WordprocessingML element; ``attrs`` are ``w:`` attributes.

    The same element python-docx's ``OxmlElement`` makes (its element class, one namespace
    declaration), with the names worked out once per tag: a report makes thousands.
    """
    clark, declared = _tag(tag)
    element = oxml_parser.makeelement(clark, nsmap=declared)
    for name, value in attrs.items():
        element.set(_attr(name), str(value))
    return element


def _sub(parent: Any, tag: str, **attrs: str | int) -> Any:
    element = _el(tag, **attrs)
    parent.append(element)
    return element


@dataclass(frozen=True, slots=True)
class _Font:
    size_pt: float
    bold: bool = False
    italic: bool = False


_BODY_FONT: Final = _Font(BODY_SIZE_PT)


def _rfonts() -> Any:
    return _el("w:rFonts", ascii=FONT_NAME, hAnsi=FONT_NAME, cs=FONT_NAME, eastAsia=FONT_NAME)


def _rpr(font: _Font) -> Any:
    """Run properties in schema order: rFonts, b, bCs, i, iCs, color, sz, szCs."""
    rpr = _el("w:rPr")
    rpr.append(_rfonts())
    if font.bold:
        _sub(rpr, "w:b")
        _sub(rpr, "w:bCs")
    if font.italic:
        _sub(rpr, "w:i")
        _sub(rpr, "w:iCs")
    _sub(rpr, "w:color", val="000000")
    half_points = str(round(font.size_pt * 2))
    _sub(rpr, "w:sz", val=half_points)
    _sub(rpr, "w:szCs", val=half_points)
    return rpr


Align = Literal["both", "center", "left", "right"]


@dataclass(frozen=True, slots=True)
class _Fmt:
    """Paragraph properties; lengths in twips, ``line`` in 240ths of a line (rule "auto")."""

    align: Align
    before: int = 0
    after: int = 0
    line: int = LINE_SINGLE
    first_line: int = 0
    ind_left: int = 0
    ind_right: int = 0
    keep_next: bool = False
    keep_lines: bool = False
    outline_level: int | None = None
    bottom_border: bool = False


def _para(fmt: _Fmt, mark: _Font) -> Any:
    """An empty ``w:p`` with its properties, in schema order."""
    p = _el("w:p")
    ppr = _sub(p, "w:pPr")
    if fmt.keep_next:
        _sub(ppr, "w:keepNext")
    if fmt.keep_lines:
        _sub(ppr, "w:keepLines")
    if fmt.bottom_border:
        borders = _sub(ppr, "w:pBdr")
        _sub(borders, "w:bottom", val="single", sz=6, space=1, color="000000")
    _sub(
        ppr,
        "w:spacing",
        before=fmt.before,
        after=fmt.after,
        line=fmt.line,
        lineRule="auto",
    )
    if fmt.first_line or fmt.ind_left or fmt.ind_right:
        ind = _sub(ppr, "w:ind", left=fmt.ind_left, right=fmt.ind_right)
        if fmt.first_line:
            ind.set(qn("w:firstLine"), str(fmt.first_line))
    _sub(ppr, "w:jc", val=fmt.align)
    if fmt.outline_level is not None:
        _sub(ppr, "w:outlineLvl", val=fmt.outline_level)
    ppr.append(_rpr(mark))
    return p


def _text_el(text: str) -> Any:
    t = _el("w:t")
    t.set(_XML_SPACE, "preserve")
    t.text = text
    return t


def _add_run(p: Any, text: str, font: _Font) -> Any:
    r = _sub(p, "w:r")
    r.append(_rpr(font))
    r.append(_text_el(_nfc(text)))
    return r


def _add_lines(p: Any, text: str, font: _Font) -> None:
    """Text whose "\\n" become line breaks (only for centred header lines, never justified)."""
    lines = [" ".join(line.split()) for line in _nfc(text).splitlines()] or [""]
    r = _sub(p, "w:r")
    r.append(_rpr(font))
    for index, line in enumerate(lines):
        if index:
            _sub(r, "w:br")
        r.append(_text_el(line))


def _text_para(text: str, fmt: _Fmt, font: _Font) -> Any:
    p = _para(fmt, font)
    _add_run(p, text, font)
    return p


def _rule(available: int, length: int, *, before: int = 20, after: int = 0) -> Any:
    """A centred horizontal line ``length`` twips long: the bottom border of a tiny empty
    paragraph whose indents leave exactly ``length`` of the ``available`` width."""
    length = max(min(length, available), _mm(10))
    side = max((available - length) // 2, 0)
    fmt = _Fmt(
        "center", before=before, after=after, ind_left=side, ind_right=side, bottom_border=True
    )
    return _para(fmt, _Font(2))


def _longest_line_width(text: str, size_pt: float, available: int) -> int:
    lines = _nfc(text).splitlines()
    widest = max((bold_text_width_twips(line, size_pt) for line in lines), default=0)
    return min(widest, available)


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class _Cell:
    width: int
    paragraphs: Sequence[Any]
    span: int = 1
    v_align: Literal["top", "center", "bottom"] = "top"


def _new_table(widths: Sequence[int], *, borders: bool, cell_margin: int, center: bool) -> Any:
    """A ``w:tbl`` with fixed layout, explicit widths and explicit borders (or none)."""
    total = sum(widths)
    tbl = _el("w:tbl")
    tbl_pr = _sub(tbl, "w:tblPr")
    _sub(tbl_pr, "w:tblW", w=total, type="dxa")
    _sub(tbl_pr, "w:jc", val="center" if center else "left")
    if not center:
        _sub(tbl_pr, "w:tblInd", w=0, type="dxa")
    tbl_borders = _sub(tbl_pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if borders:
            _sub(tbl_borders, f"w:{side}", val="single", sz=4, space=0, color="000000")
        else:
            _sub(tbl_borders, f"w:{side}", val="none", sz=0, space=0, color="auto")
    _sub(tbl_pr, "w:tblLayout", type="fixed")
    margins = _sub(tbl_pr, "w:tblCellMar")
    _sub(margins, "w:top", w=0, type="dxa")
    _sub(margins, "w:left", w=cell_margin, type="dxa")
    _sub(margins, "w:bottom", w=0, type="dxa")
    _sub(margins, "w:right", w=cell_margin, type="dxa")
    _sub(tbl_pr, "w:tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0,
         noHBand=1, noVBand=1)  # fmt: skip
    grid = _sub(tbl, "w:tblGrid")
    for width in widths:
        _sub(grid, "w:gridCol", w=width)
    return tbl


def _add_row(tbl: Any, cells: Iterable[_Cell], *, cant_split: bool, header: bool = False) -> Any:
    tr = _sub(tbl, "w:tr")
    if cant_split or header:
        tr_pr = _sub(tr, "w:trPr")
        if cant_split:
            _sub(tr_pr, "w:cantSplit")
        if header:
            _sub(tr_pr, "w:tblHeader")
    for cell in cells:
        tc = _sub(tr, "w:tc")
        tc_pr = _sub(tc, "w:tcPr")
        _sub(tc_pr, "w:tcW", w=cell.width, type="dxa")
        if cell.span > 1:
            _sub(tc_pr, "w:gridSpan", val=cell.span)
        _sub(tc_pr, "w:vAlign", val=cell.v_align)
        for p in cell.paragraphs:
            tc.append(p)
        if not cell.paragraphs:  # a cell needs at least one paragraph
            tc.append(_para(_Fmt("left"), _Font(TABLE_CELL_SIZE_PT)))
    return tr


def _fit_widths(widths_mm: Sequence[float], available: int) -> list[int]:
    """Column widths in twips, scaled down proportionally if they exceed ``available``."""
    raw = [max(w, 1.0) * _TWIPS_PER_MM for w in widths_mm]
    total = sum(raw)
    scale = min(1.0, available / total) if total else 1.0
    widths = [max(int(w * scale), 200) for w in raw]
    if scale < 1.0:  # make them add up to the available width exactly
        widths[-1] += available - sum(widths)
    return widths


# --------------------------------------------------------------------------- header


def _header_table(header: Header) -> Any:
    left_w, right_w = HEADER_LEFT_TWIPS, HEADER_RIGHT_TWIPS
    tbl = _new_table((left_w, right_w), borders=False, cell_margin=0, center=False)
    plain13, bold13 = _Font(13), _Font(13, bold=True)

    chu_quan = _nfc(header.chu_quan).upper()
    ban_hanh = _nfc(header.ban_hanh).upper()
    left_top: list[Any] = []
    if chu_quan.strip():
        p = _para(_Fmt("center"), plain13)
        _add_lines(p, chu_quan, plain13)
        left_top.append(p)
    issuing_width = _longest_line_width(ban_hanh, 13, left_w)
    side = 0
    if "\n" not in ban_hanh.strip():  # one long name: balanced lines, no lone last word
        # at least 1.5 mm clear on each side, so that it never touches the right column
        lines_width = _balanced_width(" ".join(ban_hanh.split()), 13, left_w - _mm(3))
        side = (left_w - lines_width) // 2
        issuing_width = min(issuing_width, lines_width)
    p = _para(_Fmt("center", ind_left=side, ind_right=side), bold13)
    _add_lines(p, ban_hanh, bold13)
    left_top.append(p)
    left_top.append(_rule(left_w, round(issuing_width * SHORT_LINE_RATIO)))

    right_top = [
        _text_para(NATIONAL_NAME, _Fmt("center"), _Font(12, bold=True)),
        _text_para(MOTTO, _Fmt("center"), bold13),
        _rule(right_w, bold_text_width_twips(MOTTO, 13)),
    ]
    _add_row(tbl, (_Cell(left_w, left_top), _Cell(right_w, right_top)), cant_split=True)

    so = _text_para(so_line(header.so, header.ky_hieu), _Fmt("center", before=120), plain13)
    date = _text_para(
        date_line(header.dia_danh, header.ngay),
        _Fmt("center", before=120),
        _Font(14, italic=True),
    )
    _add_row(tbl, (_Cell(left_w, [so]), _Cell(right_w, [date])), cant_split=True)
    return tbl


def _wrapped_line_count(words: Sequence[int], space: int, width: int) -> int:
    """How many lines greedy word wrapping makes of words of widths ``words`` in ``width``."""
    lines, current = 1, -1
    for word in words:
        needed = word if current < 0 else current + space + word
        if current >= 0 and needed > width:
            lines, current = lines + 1, word
        else:
            current = needed
    return lines


def _balanced_width(text: str, size_pt: float, available: int) -> int:
    """The narrowest line length that wraps a centred bold title into no more lines than the
    full width would (so no lone last word), plus slack for the renderer's own metrics."""
    words = [bold_text_width_twips(word, size_pt) for word in text.split()]
    space = bold_text_width_twips(" ", size_pt)
    lines = _wrapped_line_count(words, space, available)
    if lines <= 1:
        return available
    low, high = max(words, default=0), available
    while low < high:  # the smallest width giving the same number of lines
        middle = (low + high) // 2
        if _wrapped_line_count(words, space, middle) <= lines:
            high = middle
        else:
            low = middle + 1
    return min(available, round(low * TITLE_WRAP_SLACK) + _mm(2))


def _title(loai_van_ban: str, trich_yeu: str) -> list[Any]:
    bold14 = _Font(14, bold=True)
    kind = _one_line(loai_van_ban).strip().upper() or "BÁO CÁO"
    summary = _one_line(trich_yeu).strip()
    summary = summary[:1].upper() + summary[1:]
    out = [_text_para(kind, _Fmt("center", before=360, keep_next=True), bold14)]
    if summary:
        text_width = bold_text_width_twips(summary, 14)
        line_width = _balanced_width(summary, 14, TEXT_WIDTH_TWIPS)
        side = (TEXT_WIDTH_TWIPS - line_width) // 2
        fmt = _Fmt("center", ind_left=side, ind_right=side, keep_next=True, keep_lines=True)
        out.append(_text_para(summary, fmt, bold14))
        longest = min(text_width, line_width)
        out.append(_rule(TEXT_WIDTH_TWIPS, round(longest * SHORT_LINE_RATIO), before=60, after=240))
    return out


# --------------------------------------------------------------------------- body


def _body_fmt(**changes: Any) -> _Fmt:
    base: dict[str, Any] = {
        "align": "both",
        "after": BODY_AFTER_TWIPS,
        "line": LINE_MULTIPLE,
        "first_line": BODY_FIRST_LINE_INDENT_TWIPS,
    }
    base.update(changes)
    return _Fmt(**base)


def _heading(block: Heading) -> Any:
    text = _one_line(block.text).strip()
    if block.level == 1:
        text = text.upper()
    font = _Font(BODY_SIZE_PT, bold=block.level in (1, 2))
    fmt = _body_fmt(
        before=BODY_AFTER_TWIPS if block.level == 1 else 0,
        keep_next=True,
        keep_lines=True,
        outline_level=block.level - 1,
    )
    return _text_para(text, fmt, font)


def _paragraph(block: Paragraph, *, keep_next: bool = False) -> Any:
    p = _para(_body_fmt(keep_next=keep_next), _BODY_FONT)
    for run in block.runs:
        text = _one_line(run.text)
        if text:
            _add_run(p, text, _Font(BODY_SIZE_PT, bold=run.bold, italic=run.italic))
    return p


def _with_ending_mark(block: Paragraph) -> Paragraph:
    """The paragraph ending with ``./.``: "…năm 2026." -> "…năm 2026./."."""
    runs = [Run(_one_line(r.text), r.bold, r.italic) for r in block.runs]
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        last = runs[-1]
        runs[-1] = Run(last.text.rstrip(), last.bold, last.italic)
    text = "".join(r.text for r in runs)
    if text.endswith(ENDING_MARK):
        return Paragraph(tuple(runs))
    suffix = ENDING_MARK[1:] if text.endswith(".") else ENDING_MARK
    return Paragraph((*runs, Run(suffix)))


def _cell_para(text: str, align: Align, font: _Font, *, keep_next: bool = False) -> Any:
    fmt = _Fmt(align, before=40, after=40, keep_next=keep_next)
    p = _para(fmt, font)
    _add_lines(p, text, font)
    return p


def _data_table(block: Table) -> list[Any]:
    out: list[Any] = []
    size = TABLE_CELL_SIZE_PT
    if block.caption.strip():
        caption = _one_line(block.caption).strip()
        fmt = _Fmt("center", before=60, after=60, keep_next=True)
        out.append(_text_para(caption, fmt, _Font(13, bold=True)))
    if not block.columns:
        return out
    widths = _fit_widths([c.width_mm for c in block.columns], TEXT_WIDTH_TWIPS)
    tbl = _new_table(widths, borders=True, cell_margin=TABLE_CELL_MARGIN_TWIPS, center=True)
    header_cells = [
        _Cell(w, [_cell_para(c.title, "center", _Font(size, bold=True), keep_next=True)],
              v_align="center")
        for w, c in zip(widths, block.columns, strict=True)
    ]
    _add_row(tbl, header_cells, cant_split=True, header=True)
    for row in block.rows:
        _add_row(tbl, _data_row_cells(row, block, widths), cant_split=True)
    out.append(tbl)
    # A small paragraph after every table: two tables in a row would merge in Word.
    out.append(_para(_Fmt("left", after=BODY_AFTER_TWIPS), _Font(6)))
    return out


def _data_row_cells(row: TableRow, block: Table, widths: Sequence[int]) -> list[_Cell]:
    size = TABLE_CELL_SIZE_PT
    if row.kind == "group":
        text = " ".join(_nfc(c).strip() for c in row.cells if c.strip())
        # a group row stays with the first row of its group
        para = _cell_para(text, "left", _Font(size, bold=True), keep_next=True)
        return [_Cell(sum(widths), [para], span=len(widths), v_align="center")]
    texts = list(row.cells[: len(widths)]) + [""] * (len(widths) - len(row.cells))
    align_map: dict[str, Align] = {"left": "left", "center": "center", "right": "right"}
    return [
        _Cell(w, [_cell_para(t, align_map[c.align], _Font(size))], v_align="center")
        for w, t, c in zip(widths, texts, block.columns, strict=True)
    ]


def _image(block: Image, later: list[Callable[[], None]], document: _DocxDocument) -> list[Any]:
    """The picture's paragraph and caption; the picture itself goes in ``later``, run once
    everything else is built (a chart may still be being drawn)."""
    width = Mm(min(max(block.width_mm, 10.0), TEXT_WIDTH_TWIPS / _TWIPS_PER_MM))
    caption = _one_line(block.caption).strip()
    p = _para(_Fmt("center", before=60, after=0 if caption else BODY_AFTER_TWIPS,
                   keep_next=bool(caption)), _BODY_FONT)  # fmt: skip
    r = _sub(p, "w:r")
    r.append(_rpr(_BODY_FONT))
    drawing = _sub(r, "w:drawing")

    def place() -> None:
        drawing.append(document.part.new_pic_inline(io.BytesIO(block.png_bytes()), width=width))

    later.append(place)
    out = [p]
    if caption:
        fmt = _Fmt("center", before=60, after=BODY_AFTER_TWIPS)
        out.append(_text_para(caption, fmt, _Font(13, italic=True)))
    return out


def _body(
    blocks: Sequence[Block], document: _DocxDocument, later: list[Callable[[], None]]
) -> list[Any]:
    blocks = list(blocks)
    if blocks and isinstance(blocks[-1], Paragraph):
        blocks[-1] = _with_ending_mark(blocks[-1])
    else:
        blocks.append(Paragraph((Run(ENDING_MARK),)))
    out: list[Any] = []
    last = len(blocks) - 1
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            out.append(_heading(block))
        elif isinstance(block, Paragraph):
            # the last paragraph stays with the signature block
            out.append(_paragraph(block, keep_next=index == last))
        elif isinstance(block, Table):
            out.extend(_data_table(block))
        else:
            out.extend(_image(block, later, document))
    return out


# --------------------------------------------------------------------------- closing


def _recipient(text: str) -> str:
    name = " ".join(_nfc(text).split()).lstrip("-–+• ").rstrip(";.,: ")
    return f"- {name};"


def _archive(luu: str) -> str:
    where = " ".join(_nfc(luu).split()).rstrip(";.,: ") or "VT"
    return f"- Lưu: {where}."


def _closing_table(closing: Closing) -> Any:
    left_w, right_w = CLOSING_LEFT_TWIPS, CLOSING_RIGHT_TWIPS
    tbl = _new_table((left_w, right_w), borders=False, cell_margin=0, center=False)
    keep = _Fmt("left", keep_next=True, keep_lines=True)
    first = _Fmt("left", before=BODY_AFTER_TWIPS, keep_next=True, keep_lines=True)

    left = [_text_para(NOI_NHAN, first, _Font(12, bold=True, italic=True))]
    left += [_text_para(_recipient(x), keep, _Font(11)) for x in closing.noi_nhan if x.strip()]
    left.append(_text_para(_archive(closing.luu), keep, _Font(11)))

    bold14 = _Font(14, bold=True)
    centre = _Fmt("center", keep_next=True, keep_lines=True)
    titles = [" ".join(_nfc(x).split()).upper() for x in (*closing.quyen_han, *closing.chuc_vu)]
    right: list[Any] = []
    for index, title in enumerate(x for x in titles if x):
        fmt = _Fmt("center", before=BODY_AFTER_TWIPS, keep_next=True) if index == 0 else centre
        right.append(_text_para(title, fmt, bold14))
    right += [_para(centre, _Font(14)) for _ in range(SIGNATURE_BLANK_LINES)]
    right.append(_text_para(" ".join(_nfc(closing.ho_ten).split()), centre, bold14))

    _add_row(tbl, (_Cell(left_w, left), _Cell(right_w, right)), cant_split=True)
    return tbl


# --------------------------------------------------------------------------- document parts


def _set_defaults(document: _DocxDocument) -> None:
    """Times New Roman 14, black, Vietnamese, on the document defaults and the Normal style."""
    styles = document.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = _el("w:docDefaults")
        styles.insert(0, doc_defaults)
    for child in list(doc_defaults):
        doc_defaults.remove(child)
    rpr_default = _sub(doc_defaults, "w:rPrDefault")
    rpr = _rpr(_BODY_FONT)
    _sub(rpr, "w:lang", val="vi-VN", eastAsia="en-US", bidi="ar-SA")
    rpr_default.append(rpr)
    ppr_default = _sub(_sub(doc_defaults, "w:pPrDefault"), "w:pPr")
    _sub(ppr_default, "w:spacing", before=0, after=0, line=LINE_SINGLE, lineRule="auto")

    normal = document.styles["Normal"].element
    old = normal.find(qn("w:rPr"))
    if old is not None:
        normal.remove(old)
    normal.append(_rpr(_BODY_FONT))


def _set_page(document: _DocxDocument) -> None:
    section = document.sections[0]
    section.page_width = Twips(PAGE_WIDTH_TWIPS)
    section.page_height = Twips(PAGE_HEIGHT_TWIPS)
    section.top_margin = Twips(MARGIN_TOP_TWIPS)
    section.bottom_margin = Twips(MARGIN_BOTTOM_TWIPS)
    section.left_margin = Twips(MARGIN_LEFT_TWIPS)
    section.right_margin = Twips(MARGIN_RIGHT_TWIPS)
    section.header_distance = Twips(HEADER_DISTANCE_TWIPS)
    section.footer_distance = Twips(HEADER_DISTANCE_TWIPS)
    section.gutter = Twips(0)

    # Page numbers: a PAGE field centred in the default header, nothing on page 1.
    section.different_first_page_header_footer = True
    number_font = _Font(13)
    header_p = section.header.paragraphs[0]._p
    _replace_paragraph(header_p, _page_number_paragraph(number_font))
    first_p = section.first_page_header.paragraphs[0]._p
    _replace_paragraph(first_p, _para(_Fmt("center"), number_font))


def _replace_paragraph(old: Any, new: Any) -> None:
    old.addprevious(new)
    old.getparent().remove(old)


def _page_number_paragraph(font: _Font) -> Any:
    p = _para(_Fmt("center"), font)
    for kind in ("begin", None, "separate", "2", "end"):
        r = _sub(p, "w:r")
        r.append(_rpr(font))
        if kind is None:
            instr = _sub(r, "w:instrText")
            instr.set(_XML_SPACE, "preserve")
            instr.text = " PAGE "
        elif kind in ("begin", "separate", "end"):
            _sub(r, "w:fldChar", fldCharType=kind)
        else:
            r.append(_text_el(kind))
    return p


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _set_core_properties(document: _DocxDocument, report: ReportDocument) -> None:
    props = document.core_properties
    stamp = _midnight_utc(report.header.ngay)
    title = _one_line(report.title).strip() or _one_line(report.trich_yeu).strip()
    author = _one_line(report.author).strip() or _one_line(report.header.ban_hanh).strip()
    props.title = title[:255]
    props.author = author[:255]
    props.last_modified_by = author[:255]
    props.subject = _one_line(report.loai_van_ban).strip()[:255]
    props.keywords = ", ".join(_one_line(k).strip() for k in report.keywords if k.strip())[:255]
    props.comments = ""
    props.category = ""
    props.language = "vi-VN"
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _drop_unwanted_parts(document: _DocxDocument) -> None:
    """No thumbnail of the template's blank page; no duplicate stylesWithEffects part."""
    package_rels = document.part.package.rels
    for r_id in [k for k, rel in package_rels.items() if rel.reltype == _RT_THUMBNAIL]:
        del package_rels[r_id]
    part_rels = document.part.rels
    for r_id in [k for k, rel in part_rels.items() if rel.reltype == _RT_STYLES_WITH_EFFECTS]:
        del part_rels[r_id]


def _package_entries(document: _DocxDocument) -> dict[str, bytes]:
    """The package's files by name, as ``Document.save`` would zip them.

    python-docx's writer deflates every part into a zip that ``_normalised_zip`` would
    then inflate and deflate again; its three writing steps are called here with a
    collector instead. A python-docx without them gets the saved-and-reread path, which
    gives the same entries (tested).
    """
    package = document.part.package
    try:
        from docx.opc.pkgwriter import PackageWriter

        steps: tuple[Any, ...] = (
            PackageWriter._write_content_types_stream,
            PackageWriter._write_pkg_rels,
            PackageWriter._write_parts,
        )
    except (ImportError, AttributeError):  # pragma: no cover - another python-docx
        return _saved_entries(document)
    entries = _Entries()
    writer: Any = entries  # duck-typed for python-docx's PhysPkgWriter
    for part in package.parts:
        part.before_marshal()
    steps[0](writer, package.parts)
    steps[1](writer, package.rels)
    steps[2](writer, package.parts)
    return entries.files


class _Entries:
    """Stands in for python-docx's zip writer: keeps each file's bytes."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.files[pack_uri.membername] = blob


def _saved_entries(document: _DocxDocument) -> dict[str, bytes]:
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


def _normalised_zip(entries: dict[str, bytes]) -> bytes:
    """The entries with fixed times, attributes and order; XML deflated, pictures (already
    compressed) stored as they are."""
    entries = {**entries, "docProps/app.xml": _APP_XML}
    first = ["[Content_Types].xml", "_rels/.rels"]
    names = [n for n in first if n in entries] + sorted(n for n in entries if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE_TIME)
            stored = name.lower().endswith((".png", ".jpeg", ".jpg"))
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 3  # the same bytes on every OS
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name], compresslevel=None if stored else 6)
    return out.getvalue()


# --------------------------------------------------------------------------- entry point


def render_docx(doc: ReportDocument) -> bytes:
    """The .docx bytes of ``doc``; the same ``doc`` always gives the same bytes."""
    document = _new_document()
    _drop_unwanted_parts(document)
    _set_defaults(document)
    _set_page(document)

    later: list[Callable[[], None]] = []  # the pictures, in order
    elements: list[Any] = [_header_table(doc.header)]
    elements += _title(doc.loai_van_ban, doc.trich_yeu)
    elements += _body(doc.body, document, later)
    elements.append(_closing_table(doc.closing))
    # Word wants a paragraph after a final table; keep it tiny so it never makes a blank page.
    elements.append(_para(_Fmt("left"), _Font(1)))

    body = document.element.body
    sect_pr = body.sectPr
    for element in elements:
        if sect_pr is not None:
            sect_pr.addprevious(element)
        else:
            body.append(element)

    for place in later:
        place()
    # python-docx numbers a picture before it is in the tree: renumber them all.
    for number, doc_pr in enumerate(body.xpath(".//wp:docPr"), start=1):
        doc_pr.set("id", str(number))

    _set_core_properties(document, doc)
    return _normalised_zip(_package_entries(document))
