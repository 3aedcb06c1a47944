"""The layout of a report as Nghị định 30/2020/NĐ-CP (Phụ lục I) asks.

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
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any, Final

from docx.document import Document as _DocxDocument
from docx.oxml.ns import qn
from docx.shared import Mm

from kehoach_cli.present.report.document import (
    Block,
    Closing,
    Header,
    Heading,
    Image,
    Paragraph,
    Run,
    Table,
    TableRow,
)
from kehoach_cli.present.report.ooxml import (
    _TWIPS_PER_MM,
    FONT_NAME,
    TABLE_CELL_SIZE_PT,
    Align,
    _add_lines,
    _add_row,
    _add_run,
    _Cell,
    _fit_widths,
    _Fmt,
    _Font,
    _longest_line_width,
    _mm,
    _new_table,
    _nfc,
    _one_line,
    _para,
    _rpr,
    _rule,
    _sub,
    _text_para,
    bold_text_width_twips,
)
from kehoach_cli.vocab.dates import date_line, so_line

from .phrasing import break_lines, splits_a_word

__all__ = [
    "BODY_FIRST_LINE_INDENT_TWIPS",
    "FONT_NAME",
    "MOTTO",
    "NATIONAL_NAME",
    "TEXT_WIDTH_TWIPS",
]

NATIONAL_NAME: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
ENDING_MARK: Final = "./."
NOI_NHAN: Final = "Nơi nhận:"

PAGE_WIDTH_TWIPS: Final = 11906  # 210 mm
PAGE_HEIGHT_TWIPS: Final = 16838  # 297 mm
MARGIN_TOP_TWIPS: Final = 1134  # 20 mm
MARGIN_BOTTOM_TWIPS: Final = 1134  # 20 mm
MARGIN_LEFT_TWIPS: Final = 1701  # 30 mm
MARGIN_RIGHT_TWIPS: Final = 851  # 15 mm rounded up (850 twips is 14,99 mm, below the minimum)
HEADER_DISTANCE_TWIPS: Final = 567  # 10 mm: the page number sits in the top margin
TEXT_WIDTH_TWIPS: Final = PAGE_WIDTH_TWIPS - MARGIN_LEFT_TWIPS - MARGIN_RIGHT_TWIPS  # 165 mm

BODY_FIRST_LINE_INDENT_TWIPS: Final = 720  # 1.27 cm
BODY_SIZE_PT: Final = 14.0
BODY_AFTER_TWIPS: Final = 120  # 6 pt
LINE_MULTIPLE: Final = 276  # 1.15 lines (lineRule "auto": 240ths of a line)

HEADER_LEFT_TWIPS: Final = round(70 * _TWIPS_PER_MM)  # the national name needs 88.3 mm
HEADER_RIGHT_TWIPS: Final = TEXT_WIDTH_TWIPS - HEADER_LEFT_TWIPS
CLOSING_LEFT_TWIPS: Final = round(75 * _TWIPS_PER_MM)
CLOSING_RIGHT_TWIPS: Final = TEXT_WIDTH_TWIPS - CLOSING_LEFT_TWIPS

TABLE_CELL_MARGIN_TWIPS: Final = 85  # 1.5 mm
SHORT_LINE_RATIO: Final = 0.4  # the decree asks for 1/3 to 1/2 of the text's length
SIGNATURE_BLANK_LINES: Final = 4
TITLE_WRAP_SLACK: Final = 1.03  # a balanced title's lines may be 3% longer than measured

_BODY_FONT: Final = _Font(BODY_SIZE_PT)


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
    size = 13
    if "\n" not in ban_hanh.strip():  # one long name: broken at its phrases
        ban_hanh, size = _issuing_lines(" ".join(ban_hanh.split()), left_w - _mm(3))
    issuing = _Font(size, bold=True)
    p = _para(_Fmt("center"), issuing)
    _add_lines(p, ban_hanh, issuing)
    left_top.append(p)
    issuing_width = _longest_line_width(ban_hanh, size, left_w)
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


def _issuing_lines(name: str, width: int) -> tuple[str, int]:
    """The issuing body's name broken at its phrases ("BAN CHỈ ĐẠO VỀ PHÁT TRIỂN / KHOA
    HỌC, CÔNG NGHỆ, / …"), never inside a word ("PHÁT / TRIỂN"), at 13 pt or, when that
    takes more lines, 12 pt (Nghị định 30 allows both). At least 1.5 mm stays clear on
    each side."""
    options = []
    for size in (13, 12):
        def measure(text: str, size: int = size) -> int:
            return bold_text_width_twips(text, size)

        lines = break_lines(name, width, measure)
        options.append((splits_a_word(name, width, measure), len(lines), -size, lines))
    _, _, size, lines = min(options)
    return "\n".join(lines), -size


def _title(loai_van_ban: str, trich_yeu: str) -> list[Any]:
    bold14 = _Font(14, bold=True)
    kind = _one_line(loai_van_ban).strip().upper() or "BÁO CÁO"
    summary = _one_line(trich_yeu).strip()
    summary = summary[:1].upper() + summary[1:]
    out = [_text_para(kind, _Fmt("center", before=360, keep_next=True), bold14)]
    if summary:
        # Broken at its phrases, never inside a word ("đổi / mới"); each line a little
        # narrower than the text, so that a renderer's own metrics never wrap it again.
        width = round(TEXT_WIDTH_TWIPS / TITLE_WRAP_SLACK) - _mm(2)
        lines = break_lines(summary, width, lambda text: bold_text_width_twips(text, 14))
        fmt = _Fmt("center", keep_next=True, keep_lines=True)
        p = _para(fmt, bold14)
        _add_lines(p, "\n".join(lines), bold14)
        out.append(p)
        longest = max(bold_text_width_twips(line, 14) for line in lines)
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
    notes = [line.strip() for line in block.note.splitlines() if line.strip()]
    if notes:  # a note also keeps two tables from merging
        for i, line in enumerate(notes):
            last = i == len(notes) - 1
            fmt = _Fmt("left", before=40 if i == 0 else 0, after=BODY_AFTER_TWIPS if last else 0)
            out.append(_text_para(_one_line(line).strip(), fmt, _Font(12, italic=True)))
        return out
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
        inline = document.part.new_pic_inline(io.BytesIO(block.png_bytes()), width=width)
        if block.alt:  # what a screen reader says, and Word's "Alt Text"
            for doc_pr in inline.iter(qn("wp:docPr")):
                doc_pr.set("descr", _one_line(block.alt).strip())
                doc_pr.set("title", caption)
        drawing.append(inline)

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


