"""The .docx renderer against every rule of the Nghị định 30 report format.

The rendered bytes are read back with python-docx and checked in the XML itself: fonts on
all four script slots, sizes, emphasis, alignment, indents, the lines under the issuing body,
the motto and the trích yếu, table borders and grids, page numbering, the closing block, the
ending mark, reproducibility and NFC.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import docx.enum.section
import pytest
from docx.oxml.ns import qn

from kehoach_cli.present.report import docx_writer
from kehoach_cli.present.report.document import (
    Closing,
    Column,
    Header,
    Heading,
    Paragraph,
    ReportDocument,
    Run,
    Table,
    TableRow,
)
from kehoach_cli.present.report.docx_writer import render_docx

from .sample import SIGNER, TRICH_YEU, sample_report

TNR = "Times New Roman"
TEXT_WIDTH = 11906 - 1701 - 851  # A4 width less the 30 mm and 15 mm margins, in twips
SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
# The bundled copy (the chart's font): always there, metric-compatible with Times New Roman.
LIBERATION_SERIF_BOLD = Path(docx_writer.__file__).with_name("fonts") / "LiberationSerif-Bold.ttf"


# --------------------------------------------------------------------------- reading helpers


def load(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def text_of(el: Any) -> str:
    """The text, a line break (w:br) as "\\n" as python-docx reads it."""
    return "".join("\n" if e.tag == qn("w:br") else e.text or ""
                   for e in el.iter(qn("w:t"), qn("w:br")))


def runs_of(p: Any) -> list[Any]:
    return [r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]


def val(el: Any, tag: str, attr: str = "w:val") -> str | None:
    child = el.find(qn(tag))
    return None if child is None else child.get(qn(attr))


def size_pt(r: Any) -> float:
    half = val(r.find(qn("w:rPr")), "w:sz")
    assert half is not None
    return int(half) / 2


def is_on(r: Any, tag: str) -> bool:
    rpr = r.find(qn("w:rPr"))
    flag = None if rpr is None else rpr.find(qn(tag))
    return flag is not None and flag.get(qn("w:val")) not in ("0", "false")


def jc(p: Any) -> str | None:
    return val(p.find(qn("w:pPr")), "w:jc")


def paragraphs(el: Any) -> list[Any]:
    return list(el.iter(qn("w:p")))


def rule_length(p: Any, available: int) -> int:
    """The length of a line drawn as a paragraph bottom border."""
    ind = p.find(qn("w:pPr")).find(qn("w:ind"))
    left = int(ind.get(qn("w:left"), "0")) if ind is not None else 0
    right = int(ind.get(qn("w:right"), "0")) if ind is not None else 0
    return available - left - right


def has_bottom_border(p: Any) -> bool:
    ppr = p.find(qn("w:pPr"))
    pbdr = None if ppr is None else ppr.find(qn("w:pBdr"))
    bottom = None if pbdr is None else pbdr.find(qn("w:bottom"))
    return bottom is not None and bottom.get(qn("w:val")) == "single"


def cells(tbl: Any) -> list[Any]:
    return list(tbl.iter(qn("w:tc")))


def rows(tbl: Any) -> list[Any]:
    return list(tbl.findall(qn("w:tr")))


def bold_width_twips(text: str, size: float) -> int:
    """Width of bold text, read from the font file with fontTools (independent of the
    renderer's own table)."""
    font = _font()
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    units = sum(hmtx[cmap[ord(ch)]][0] for ch in unicodedata.normalize("NFC", text))
    width: int = round(units * size * 20 / font["head"].unitsPerEm)
    return width


_FONT_CACHE: list[Any] = []


def _font() -> Any:
    if not _FONT_CACHE:
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

        _FONT_CACHE.append(TTFont(str(LIBERATION_SERIF_BOLD)))
    return _FONT_CACHE[0]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def report() -> ReportDocument:
    return sample_report()


@pytest.fixture(scope="module")
def data(report: ReportDocument) -> bytes:
    return render_docx(report)


@pytest.fixture(scope="module")
def document(data: bytes) -> Any:
    return load(data)


@pytest.fixture(scope="module")
def body(document: Any) -> Any:
    return document.element.body


@pytest.fixture(scope="module")
def tables(body: Any) -> list[Any]:
    return list(body.findall(qn("w:tbl")))


@pytest.fixture(scope="module")
def header_table(tables: list[Any]) -> Any:
    return tables[0]


@pytest.fixture(scope="module")
def data_table(tables: list[Any]) -> Any:
    assert len(tables) == 3
    return tables[1]


@pytest.fixture(scope="module")
def closing_table(tables: list[Any]) -> Any:
    return tables[-1]


def all_parts_xml(document: Any) -> Iterator[Any]:
    yield document.element
    section = document.sections[0]
    yield section.header.part.element
    yield section.first_page_header.part.element


def body_paragraphs(body: Any) -> list[Any]:
    """Top-level paragraphs between the title's line and the closing table."""
    children = list(body)
    start = next(
        i for i, el in enumerate(children) if el.tag == qn("w:p") and has_bottom_border(el)
    )
    end = max(i for i, el in enumerate(children) if el.tag == qn("w:tbl"))
    return [
        el
        for el in children[start + 1 : end]
        if el.tag == qn("w:p") and text_of(el).strip() and el.find(".//" + qn("w:drawing")) is None
    ]


# --------------------------------------------------------------------------- page


def test_a4_portrait_and_margins(document: Any) -> None:
    section = document.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    assert section.page_width < section.page_height
    assert section.orientation == docx.enum.section.WD_ORIENT.PORTRAIT
    assert section.top_margin.mm == pytest.approx(20, abs=0.1)
    assert section.bottom_margin.mm == pytest.approx(20, abs=0.1)
    assert section.left_margin.mm == pytest.approx(30, abs=0.1)
    assert section.right_margin.mm == pytest.approx(15, abs=0.1)
    # Nghị định 30: each margin within its range — never below the minimum by rounding.
    assert section.top_margin.mm >= 20 and section.bottom_margin.mm >= 20
    assert 30 <= section.left_margin.mm <= 35 and 15 <= section.right_margin.mm <= 20
    # the page number sits in the top margin
    assert section.header_distance < section.top_margin


def test_default_style_font_on_all_slots(document: Any) -> None:
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    normal_rpr = document.styles["Normal"].element.find(qn("w:rPr"))
    for props in (rpr, normal_rpr):
        fonts = props.find(qn("w:rFonts"))
        for slot in SLOTS:
            assert fonts.get(qn(slot)) == TNR
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            assert fonts.get(qn(theme)) is None
        assert val(props, "w:color") == "000000"
        assert val(props, "w:sz") == "28"
    assert document.styles["Normal"].font.name == TNR


def test_every_run_has_the_font_on_all_four_slots_and_is_black(document: Any) -> None:
    count = 0
    for root in all_parts_xml(document):
        for r in root.iter(qn("w:r")):
            rpr = r.find(qn("w:rPr"))
            assert rpr is not None, text_of(r)
            fonts = rpr.find(qn("w:rFonts"))
            assert fonts is not None
            assert {slot: fonts.get(qn(slot)) for slot in SLOTS} == dict.fromkeys(SLOTS, TNR)
            assert val(rpr, "w:color") == "000000"
            assert val(rpr, "w:sz") is not None
            count += 1
    assert count > 50


def test_text_is_nfc_even_from_decomposed_input() -> None:
    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    base = sample_report()
    decomposed = dataclasses.replace(
        base,
        trich_yeu=nfd(base.trich_yeu),
        header=dataclasses.replace(
            base.header, dia_danh=nfd("Vũ Dương"), ban_hanh=nfd("Ban Chỉ đạo")
        ),
        body=(Heading(1, nfd("I. Kết quả")), Paragraph((Run(nfd("Hộ nghèo giảm")),))),
        closing=dataclasses.replace(base.closing, ho_ten=nfd(SIGNER)),
    )
    document = load(render_docx(decomposed))
    texts = [t.text or "" for root in all_parts_xml(document) for t in root.iter(qn("w:t"))]
    assert texts
    for text in texts:
        assert text == unicodedata.normalize("NFC", text)
    joined = "\n".join(texts)
    assert "Vũ Dương, ngày 26 tháng 6 năm 2026" in joined
    assert SIGNER in joined
    assert "BAN CHỈ ĐẠO" in joined


# --------------------------------------------------------------------------- header block


def test_header_table_has_no_borders_fixed_layout_and_grid(header_table: Any) -> None:
    assert_borders(header_table, present=False)
    assert_fixed_grid(header_table)
    grid = [int(c.get(qn("w:w"))) for c in header_table.find(qn("w:tblGrid"))]
    assert len(grid) == 2 and sum(grid) == TEXT_WIDTH


def test_header_left_column(header_table: Any) -> None:
    top_left = rows(header_table)[0].findall(qn("w:tc"))[0]
    texts = [p for p in paragraphs(top_left) if text_of(p)]
    chu_quan, ban_hanh = texts
    assert text_of(chu_quan) == "UBND XÃ VŨ DƯƠNG"
    assert text_of(ban_hanh) == "BAN CHỈ ĐẠO"
    for r in runs_of(chu_quan):
        assert size_pt(r) == 13 and not is_on(r, "w:b") and not is_on(r, "w:i")
    for r in runs_of(ban_hanh):
        assert size_pt(r) == 13 and is_on(r, "w:b")
    assert jc(chu_quan) == jc(ban_hanh) == "center"


def test_line_under_issuing_body_is_a_third_to_a_half_of_it(header_table: Any) -> None:
    top_left = rows(header_table)[0].findall(qn("w:tc"))[0]
    cell_width = int(top_left.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w")))
    ps = paragraphs(top_left)
    line = ps[ps.index(next(p for p in ps if text_of(p) == "BAN CHỈ ĐẠO")) + 1]
    assert has_bottom_border(line) and text_of(line) == ""
    assert jc(line) == "center"
    ind = line.find(qn("w:pPr")).find(qn("w:ind"))
    assert ind.get(qn("w:left")) == ind.get(qn("w:right"))  # centred
    ratio = rule_length(line, cell_width) / bold_width_twips("BAN CHỈ ĐẠO", 13)
    assert 1 / 3 <= ratio <= 1 / 2


def test_header_right_column_and_motto_line(header_table: Any) -> None:
    top_right = rows(header_table)[0].findall(qn("w:tc"))[1]
    cell_width = int(top_right.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w")))
    ps = paragraphs(top_right)
    national, motto, line = ps
    assert text_of(national) == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert all(size_pt(r) == 12 and is_on(r, "w:b") for r in runs_of(national))
    assert text_of(motto) == "Độc lập - Tự do - Hạnh phúc"
    assert all(size_pt(r) == 13 and is_on(r, "w:b") for r in runs_of(motto))
    assert not any(r.find(qn("w:rPr")).find(qn("w:u")) is not None for r in runs_of(motto))
    assert has_bottom_border(line) and text_of(line) == ""
    ratio = rule_length(line, cell_width) / bold_width_twips(text_of(motto), 13)
    assert ratio == pytest.approx(1.0, abs=0.03)
    # the national name fits on one line of the right column
    assert bold_width_twips(text_of(national), 12) < cell_width


def test_so_and_date_share_a_row(header_table: Any) -> None:
    second = rows(header_table)[1].findall(qn("w:tc"))
    so, date = (paragraphs(tc)[0] for tc in second)
    assert text_of(so) == "Số: 15/BC-BCĐ"
    assert all(size_pt(r) == 13 for r in runs_of(so))
    assert text_of(date) == "Vũ Dương, ngày 26 tháng 6 năm 2026"
    for r in runs_of(date):
        assert is_on(r, "w:i") and 13 <= size_pt(r) <= 14 and not is_on(r, "w:b")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2027, 1, 5), "Vũ Dương, ngày 05 tháng 01 năm 2027"),
        (dt.date(2027, 2, 28), "Vũ Dương, ngày 28 tháng 02 năm 2027"),
        (dt.date(2026, 6, 9), "Vũ Dương, ngày 09 tháng 6 năm 2026"),
        (dt.date(2026, 12, 10), "Vũ Dương, ngày 10 tháng 12 năm 2026"),
    ],
)
def test_rendered_date_zero_rules(day: dt.date, expected: str) -> None:
    document = load(render_docx(sample_report(ngay=day, paragraphs=0, table_rows=1)))
    date = rows(document.element.body.find(qn("w:tbl")))[1].findall(qn("w:tc"))[1]
    assert text_of(date) == expected


@pytest.mark.parametrize(("so", "expected"), [(None, "Số:      /BC-BCĐ"), (5, "Số: 05/BC-BCĐ")])
def test_rendered_so_forms(so: int | None, expected: str) -> None:
    document = load(render_docx(sample_report(so=so, paragraphs=0, table_rows=1)))
    cell = rows(document.element.body.find(qn("w:tbl")))[1].findall(qn("w:tc"))[0]
    assert text_of(cell) == expected
    for t in cell.iter(qn("w:t")):  # the blank keeps its spaces
        assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_no_underscore_lines_anywhere(document: Any) -> None:
    for root in all_parts_xml(document):
        assert "___" not in text_of(root)


# --------------------------------------------------------------------------- title


def title_paragraphs(body: Any) -> tuple[Any, Any, Any]:
    children = list(body)
    index = next(i for i, el in enumerate(children) if text_of(el) == "BÁO CÁO")
    kind, summary, line = children[index : index + 3]
    return kind, summary, line


def test_title_and_trich_yeu(body: Any) -> None:
    kind, summary, line = title_paragraphs(body)
    assert jc(kind) == jc(summary) == "center"
    for r in runs_of(kind) + runs_of(summary):
        assert is_on(r, "w:b") and size_pt(r) == 14
    assert text_of(summary).replace("\n", " ") == TRICH_YEU
    assert text_of(summary)[0].isupper() and text_of(summary) != text_of(summary).upper()
    # broken at its phrases, every line narrower than the text (Word never wraps it again)
    assert all(bold_width_twips(x, 14) < TEXT_WIDTH for x in text_of(summary).split("\n"))
    assert has_bottom_border(line) and text_of(line) == ""


def test_line_under_trich_yeu_is_a_third_to_a_half_of_its_line(body: Any) -> None:
    _, summary, line = title_paragraphs(body)
    longest = max(bold_width_twips(x, 14) for x in text_of(summary).split("\n"))
    ratio = rule_length(line, TEXT_WIDTH) / longest
    assert 1 / 3 <= ratio <= 1 / 2


def test_short_trich_yeu_keeps_the_full_width() -> None:
    report = dataclasses.replace(sample_report(paragraphs=0), trich_yeu="kết quả quý II năm 2026")
    _, summary, line = title_paragraphs(load(render_docx(report)).element.body)
    assert text_of(summary) == "Kết quả quý II năm 2026"  # sentence case
    assert rule_length(summary, TEXT_WIDTH) == TEXT_WIDTH
    ratio = rule_length(line, TEXT_WIDTH) / bold_width_twips(text_of(summary), 14)
    assert 1 / 3 <= ratio <= 1 / 2


# --------------------------------------------------------------------------- body


def test_body_paragraphs_format(body: Any) -> None:
    ps = body_paragraphs(body)
    assert len(ps) > 10
    line_rules = set()
    for p in ps:
        ppr = p.find(qn("w:pPr"))
        if jc(p) == "center":  # a table or image caption
            continue
        spacing = ppr.find(qn("w:spacing"))
        assert int(spacing.get(qn("w:after"))) >= 120  # >= 6 pt
        rule, line = spacing.get(qn("w:lineRule")), int(spacing.get(qn("w:line")))
        line_rules.add(rule)
        assert rule == "auto" and 240 <= line <= 360  # single .. 1.5 lines
        if ppr.find(qn("w:outlineLvl")) is None:
            assert jc(p) == "both", text_of(p)
            ind = ppr.find(qn("w:ind"))
            assert int(ind.get(qn("w:firstLine"))) == 720  # 1.27 cm
            assert all(size_pt(r) == 14 for r in runs_of(p))
        assert p.find(".//" + qn("w:br")) is None  # no manual breaks in justified text
    assert line_rules == {"auto"}


def test_bold_and_italic_runs(body: Any) -> None:
    p = next(p for p in body_paragraphs(body) if "05 văn bản" in text_of(p))
    by_text = {r.find(qn("w:t")).text: r for r in runs_of(p)}
    assert is_on(by_text["05 văn bản"], "w:b") and not is_on(by_text["05 văn bản"], "w:i")
    assert is_on(by_text["81,3%"], "w:b") and is_on(by_text["81,3%"], "w:i")
    assert not is_on(by_text["Ban Chỉ đạo đã ban hành "], "w:b")


def test_headings(body: Any) -> None:
    ps = body_paragraphs(body)
    by_level: dict[str, list[Any]] = {}
    for p in ps:
        level = val(p.find(qn("w:pPr")), "w:outlineLvl")
        if level is not None:
            by_level.setdefault(level, []).append(p)
    level1, level2, level3 = by_level["0"], by_level["1"], by_level["2"]
    assert text_of(level1[0]) == "I. KẾT QUẢ THỰC HIỆN"
    for p in level1:
        assert text_of(p) == text_of(p).upper()
        assert all(is_on(r, "w:b") and size_pt(r) == 14 for r in runs_of(p))
    assert text_of(level2[0]) == "1. Công tác lãnh đạo, chỉ đạo"
    assert all(is_on(r, "w:b") for p in level2 for r in runs_of(p))
    assert text_of(level3[0]) == "a) Về tuyên truyền, vận động"
    assert not any(is_on(r, "w:b") or is_on(r, "w:i") for p in level3 for r in runs_of(p))
    for p in level1 + level2 + level3:
        assert p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None


def test_body_ends_with_ending_mark(body: Any) -> None:
    last = body_paragraphs(body)[-1]
    assert text_of(last).endswith("Ban Chỉ đạo xã Vũ Dương./.")
    assert not text_of(last).endswith("../.")
    # the last paragraph stays with the signature block
    assert last.find(qn("w:pPr")).find(qn("w:keepNext")) is not None


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("Trên đây là báo cáo quý II năm 2026.", "Trên đây là báo cáo quý II năm 2026./."),
        ("Trên đây là báo cáo quý II năm 2026", "Trên đây là báo cáo quý II năm 2026./."),
        ("Trên đây là báo cáo quý II năm 2026./.", "Trên đây là báo cáo quý II năm 2026./."),
        ("Trên đây là báo cáo.  ", "Trên đây là báo cáo./."),
    ],
)
def test_ending_mark_variants(last: str, expected: str) -> None:
    report = dataclasses.replace(
        sample_report(), body=(Paragraph.of("Mở đầu."), Paragraph.of(last))
    )
    ps = body_paragraphs(load(render_docx(report)).element.body)
    assert text_of(ps[-1]) == expected
    assert text_of(ps[0]) == "Mở đầu."


def test_ending_mark_after_a_final_table() -> None:
    table = Table((Column("A", 40),), (TableRow(("x",)),))
    report = dataclasses.replace(sample_report(), body=(Paragraph.of("Mở đầu."), table))
    ps = body_paragraphs(load(render_docx(report)).element.body)
    assert text_of(ps[-1]) == "./."


# --------------------------------------------------------------------------- data tables


def assert_borders(tbl: Any, *, present: bool) -> None:
    borders = tbl.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert borders is not None
    sides = {child.tag: child.get(qn("w:val")) for child in borders}
    expected = ("top", "left", "bottom", "right", "insideH", "insideV")
    assert set(sides) == {qn(f"w:{side}") for side in expected}
    for value in sides.values():
        assert (value == "single") if present else (value in ("none", "nil"))
    assert tbl.find(qn("w:tblPr")).find(qn("w:tblStyle")) is None


def assert_fixed_grid(tbl: Any) -> None:
    tbl_pr = tbl.find(qn("w:tblPr"))
    assert val(tbl_pr, "w:tblLayout", "w:type") == "fixed"
    assert val(tbl_pr, "w:tblW", "w:type") == "dxa"
    grid = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid"))]
    assert grid and all(w > 0 for w in grid)
    assert int(val(tbl_pr, "w:tblW", "w:w") or 0) == sum(grid)
    for tr in rows(tbl):
        total = 0
        for tc in tr.findall(qn("w:tc")):
            tc_w = tc.find(qn("w:tcPr")).find(qn("w:tcW"))
            assert tc_w.get(qn("w:type")) == "dxa"
            total += int(tc_w.get(qn("w:w")))
        assert total == sum(grid)


def test_every_table_has_fixed_layout_and_grid(tables: list[Any]) -> None:
    for tbl in tables:
        assert_fixed_grid(tbl)


def test_data_table_borders_widths_header_and_groups(
    data_table: Any, report: ReportDocument
) -> None:
    assert_borders(data_table, present=True)
    table = next(b for b in report.body if isinstance(b, Table))
    grid = [int(c.get(qn("w:w"))) for c in data_table.find(qn("w:tblGrid"))]
    assert grid == [round(c.width_mm * 1440 / 25.4) for c in table.columns]
    assert sum(grid) <= TEXT_WIDTH

    header, *data_rows = rows(data_table)
    tr_pr = header.find(qn("w:trPr"))
    assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
    assert [text_of(tc) for tc in header.findall(qn("w:tc"))] == [c.title for c in table.columns]
    for p in paragraphs(header):
        assert jc(p) == "center"
        assert all(is_on(r, "w:b") for r in runs_of(p))

    assert len(data_rows) == len(table.rows)
    for tr, row in zip(data_rows, table.rows, strict=True):
        tcs = tr.findall(qn("w:tc"))
        if row.kind == "group":
            assert len(tcs) == 1
            assert val(tcs[0].find(qn("w:tcPr")), "w:gridSpan") == str(len(table.columns))
            assert text_of(tcs[0]) == row.cells[0]
            assert all(is_on(r, "w:b") for r in runs_of(tcs[0]))
        else:
            assert [text_of(tc) for tc in tcs] == list(row.cells)
            assert not any(is_on(r, "w:b") for tc in tcs for r in runs_of(tc))
            assert jc(paragraphs(tcs[2])[0]) == "right"  # "Kế hoạch" is right-aligned
        for r in tr.iter(qn("w:r")):
            assert size_pt(r) in (12, 13)
    assert sum(row.kind == "group" for row in table.rows) == 2


def test_data_table_caption(body: Any, data_table: Any) -> None:
    caption = data_table.getprevious()
    assert text_of(caption) == "Bảng 1. Kết quả thực hiện các chỉ tiêu chủ yếu"
    assert jc(caption) == "center"
    assert caption.find(qn("w:pPr")).find(qn("w:keepNext")) is not None


def test_wide_table_is_scaled_to_the_text_width() -> None:
    table = Table((Column("A", 120), Column("B", 120)), (TableRow(("x", "y")),))
    report = dataclasses.replace(sample_report(), body=(table, Paragraph.of("Hết.")))
    tbl = load(render_docx(report)).element.body.findall(qn("w:tbl"))[1]
    grid = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid"))]
    assert sum(grid) == TEXT_WIDTH
    assert_fixed_grid(tbl)


# --------------------------------------------------------------------------- images


def test_image_is_centred_with_italic_caption(document: Any, body: Any) -> None:
    drawings = list(body.iter(qn("w:drawing")))
    assert len(drawings) == 1
    p = next(p for p in body.iter(qn("w:p")) if p.find(".//" + qn("w:drawing")) is not None)
    assert jc(p) == "center"
    extent = p.find(".//" + qn("wp:extent"))
    assert int(extent.get("cx")) == pytest.approx(120 * 36000, rel=0.001)  # 120 mm
    caption = p.getnext()
    assert text_of(caption) == "Hình 1. Tỷ lệ hoàn thành kế hoạch theo quý"
    assert jc(caption) == "center"
    assert all(is_on(r, "w:i") for r in runs_of(caption))
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 1
    doc_pr = p.find(".//" + qn("wp:docPr"))
    assert doc_pr.get("id") == "1"


# --------------------------------------------------------------------------- page numbers


def test_page_numbers_centred_in_header_not_on_first_page(document: Any) -> None:
    section = document.sections[0]
    sect_pr = document.element.body.find(qn("w:sectPr"))
    assert sect_pr.find(qn("w:titlePg")) is not None
    assert section.different_first_page_header_footer
    assert not section.header.is_linked_to_previous
    assert not section.first_page_header.is_linked_to_previous

    default = section.header.part.element
    instr = "".join(el.text or "" for el in default.iter(qn("w:instrText")))
    assert instr.strip() == "PAGE"
    kinds = [el.get(qn("w:fldCharType")) for el in default.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    (p,) = paragraphs(default)
    assert jc(p) == "center"
    for r in p.iter(qn("w:r")):
        assert 13 <= size_pt(r) <= 14

    first = section.first_page_header.part.element
    assert text_of(first) == ""
    assert not list(first.iter(qn("w:fldChar"))) and not list(first.iter(qn("w:fldSimple")))


# --------------------------------------------------------------------------- closing


def test_closing_table_borderless_and_unsplittable(closing_table: Any) -> None:
    assert_borders(closing_table, present=False)
    (tr,) = rows(closing_table)
    assert tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    for p in paragraphs(closing_table):
        assert p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None


def test_noi_nhan(closing_table: Any) -> None:
    left = rows(closing_table)[0].findall(qn("w:tc"))[0]
    first, *recipients = paragraphs(left)
    assert text_of(first) == "Nơi nhận:"
    assert all(is_on(r, "w:b") and is_on(r, "w:i") and size_pt(r) == 12 for r in runs_of(first))
    assert [text_of(p) for p in recipients] == [
        "- UBND huyện (b/c);",
        "- Thường trực Đảng ủy, HĐND, UBND xã;",
        "- Các thành viên BCĐ;",
        "- Lưu: VT, VHXH.",
    ]
    for p in recipients:
        assert jc(p) == "left"
        assert all(size_pt(r) == 11 and not is_on(r, "w:b") for r in runs_of(p))


def test_recipient_lines_are_normalised() -> None:
    closing = Closing(
        noi_nhan=("- UBND huyện;", "Đảng ủy xã."), luu="VT.", quyen_han=("TM. UBND",),
        chuc_vu=("CHỦ TỊCH",), ho_ten="Trần Thị B",
    )  # fmt: skip
    report = dataclasses.replace(sample_report(paragraphs=0), closing=closing)
    tbl = load(render_docx(report)).element.body.findall(qn("w:tbl"))[-1]
    left = rows(tbl)[0].findall(qn("w:tc"))[0]
    assert [text_of(p) for p in paragraphs(left)] == [
        "Nơi nhận:",
        "- UBND huyện;",
        "- Đảng ủy xã;",
        "- Lưu: VT.",
    ]


def test_signature_block(closing_table: Any) -> None:
    left, right = rows(closing_table)[0].findall(qn("w:tc"))
    ps = paragraphs(right)
    titles = [p for p in ps if text_of(p)][:-1]
    assert [text_of(p) for p in titles] == [
        "TM. BAN CHỈ ĐẠO",
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN TT",
        "PHÓ CHỦ TỊCH UBND XÃ",
    ]
    for p in titles:
        assert jc(p) == "center"
        assert all(is_on(r, "w:b") and 13 <= size_pt(r) <= 14 for r in runs_of(p))
    name = ps[-1]
    assert text_of(name) == SIGNER
    assert all(is_on(r, "w:b") and 13 <= size_pt(r) <= 14 for r in runs_of(name))
    blanks = ps[ps.index(titles[-1]) + 1 : -1]
    assert len(blanks) >= 3 and all(text_of(p) == "" for p in blanks)
    # "Nơi nhận:" is on the row of the first signature line
    assert text_of(paragraphs(left)[0]) == "Nơi nhận:"
    assert left.getparent() is right.getparent()


def test_closing_is_the_last_block(body: Any, closing_table: Any) -> None:
    after = [el for el in list(body)[list(body).index(closing_table) + 1 :] if el.tag == qn("w:p")]
    assert all(text_of(p) == "" for p in after)


# --------------------------------------------------------------------------- package


def test_core_properties(document: Any) -> None:
    props = document.core_properties
    midnight = dt.datetime(2026, 6, 26, 0, 0)
    for stamp in (props.created, props.modified, props.last_printed):
        assert stamp.replace(tzinfo=None) == midnight
    assert props.revision == 1
    assert props.author == "Ban Chỉ đạo xã Vũ Dương"
    assert props.title == "Báo cáo quý II năm 2026"
    assert props.comments == ""
    assert props.language == "vi-VN"


def test_zip_entries_are_normalised(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names[0] == "[Content_Types].xml"
        assert names[1:] == ["_rels/.rels", *sorted(names[2:])]
        assert not any("thumbnail" in name for name in names)
        assert "word/stylesWithEffects.xml" not in names
        assert any(name.startswith("word/media/") for name in names)
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.create_system == 3 and info.external_attr == 0o644 << 16
            # XML is deflated; a PNG is compressed already and is stored as it is
            picture = info.filename.startswith("word/media/")
            assert info.compress_type == (zipfile.ZIP_STORED if picture else zipfile.ZIP_DEFLATED)
        app = archive.read("docProps/app.xml").decode()
        assert "Macintosh" not in app
        content_types = archive.read("[Content_Types].xml").decode()
        assert "jpeg" not in content_types and "stylesWithEffects" not in content_types


def test_byte_identical_whatever_the_clock(
    report: ReportDocument, data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = time.time() + 3 * 365 * 24 * 3600 + 12345.678
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "localtime", lambda secs=None: time.gmtime(later))
    monkeypatch.setattr(time, "gmtime", lambda secs=None, _g=time.gmtime: _g(later))
    again = render_docx(report)
    assert again == data
    # ...and from an equal but separately built document
    assert render_docx(sample_report()) == data


def test_different_documents_give_different_bytes(data: bytes) -> None:
    assert render_docx(sample_report(so=None)) != data


def test_header_with_wrapped_issuing_body() -> None:
    header = Header(
        chu_quan="UBND huyện Vụ Bản",
        ban_hanh="Ban Chỉ đạo\nxây dựng nông thôn mới",
        so=None,
        ky_hieu="BC-BCĐ",
        dia_danh="Vụ Bản",
        ngay=dt.date(2026, 1, 5),
    )
    report = dataclasses.replace(sample_report(paragraphs=0), header=header)
    tbl = load(render_docx(report)).element.body.find(qn("w:tbl"))
    top_left = rows(tbl)[0].findall(qn("w:tc"))[0]
    cell_width = int(top_left.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w")))
    line = next(p for p in paragraphs(top_left) if has_bottom_border(p))
    longest = min(bold_width_twips("XÂY DỰNG NÔNG THÔN MỚI", 13), cell_width)
    assert 1 / 3 <= rule_length(line, cell_width) / longest <= 1 / 2
    assert "BAN CHỈ ĐẠO" in text_of(top_left)
    assert top_left.find(".//" + qn("w:br")) is not None  # the break asked for, centred


@pytest.mark.parametrize(
    "text",
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BAN CHỈ ĐẠO", TRICH_YEU],
)
def test_width_table_matches_times_metrics(text: str) -> None:
    assert docx_writer.bold_text_width_twips(text, 13) == pytest.approx(
        bold_width_twips(text, 13), abs=2
    )


def test_empty_optional_parts_render() -> None:
    report = ReportDocument(
        header=Header("", "UBND xã Vũ Dương", None, "BC-UBND", "Vũ Dương", dt.date(2026, 3, 31)),
        loai_van_ban="Báo cáo",
        trich_yeu="Tình hình quý I năm 2026",
        body=(),
        closing=Closing((), "", ("TM. UBND XÃ",), ("CHỦ TỊCH",), "Lê Văn C"),
    )
    document = load(render_docx(report))
    texts = [text_of(p) for p in document.element.body.iter(qn("w:p"))]
    assert "./." in texts
    assert "- Lưu: VT." in texts
