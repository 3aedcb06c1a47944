"""Render a ``ReportDocument`` as a .docx laid out as Nghị định 30/2020/NĐ-CP (Phụ lục I) asks.

The layout of the page and of each block is in layout.py, the OOXML elements it is made of
in ooxml.py; this module sets up the package (styles, page, page numbers, properties),
places the blocks and saves it with python-docx.

The output is reproducible: the same ``ReportDocument`` gives the same bytes whatever the clock
(core properties dated from the report date, fixed zip entry times and order, no thumbnail).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from typing import Any, Final

from docx import Document as _new_document
from docx.document import Document as _DocxDocument
from docx.oxml.ns import qn
from docx.shared import Twips

from kehoach_cli.present.report.document import ReportDocument
from kehoach_cli.present.report.layout import (
    _BODY_FONT,
    BODY_FIRST_LINE_INDENT_TWIPS,
    FONT_NAME,
    HEADER_DISTANCE_TWIPS,
    MARGIN_BOTTOM_TWIPS,
    MARGIN_LEFT_TWIPS,
    MARGIN_RIGHT_TWIPS,
    MARGIN_TOP_TWIPS,
    MOTTO,
    NATIONAL_NAME,
    PAGE_HEIGHT_TWIPS,
    PAGE_WIDTH_TWIPS,
    TEXT_WIDTH_TWIPS,
    _body,
    _closing_table,
    _header_table,
    _title,
)
from kehoach_cli.present.report.ooxml import (
    _XML_SPACE,
    LINE_SINGLE,
    _el,
    _Fmt,
    _Font,
    _one_line,
    _para,
    _rpr,
    _sub,
    _text_el,
    bold_text_width_twips,
)

__all__ = [
    "BODY_FIRST_LINE_INDENT_TWIPS",
    "FONT_NAME",
    "MOTTO",
    "NATIONAL_NAME",
    "TEXT_WIDTH_TWIPS",
    "bold_text_width_twips",
    "render_docx",
]

# Fixed zip entry time: the earliest a zip can store, as many reproducible builds use.
_ZIP_DATE_TIME: Final = (1980, 1, 1, 0, 0, 0)

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


def _saved_entries(document: _DocxDocument) -> dict[str, bytes]:
    """The package's files by name, as python-docx's ``Document.save`` writes them."""
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
    return _normalised_zip(_saved_entries(document))
