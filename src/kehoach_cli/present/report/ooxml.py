"""WordprocessingML, element by element: runs, paragraphs, lines, tables.

The pieces the layout (layout.py) is built from, each with its properties in schema order,
and the advance widths of Times New Roman Bold that set the length of lines under a title.
Lines are paragraph bottom borders whose length is set by the paragraph's indents, never
"____" text. The widths are stored here (no font is read at run time, so the output does
not depend on the fonts of the machine).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser

FONT_NAME: Final = "Times New Roman"
LINE_SINGLE: Final = 240
TABLE_CELL_SIZE_PT: Final = 12.0
_TWIPS_PER_MM: Final = 1440 / 25.4
_XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"

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

