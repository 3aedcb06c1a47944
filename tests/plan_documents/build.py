"""Word documents built from the plan texts of this folder, the way communes write them.

The header (before "KẾ HOẠCH") goes into a two-column table (bodies and number on the
left, the national motto and the date on the right) and the closing ("Nơi nhận" and the
signature) into another, as Word templates of Nghị định 30 lay them out; ``| … |`` lines
become tables, a cell ``<`` merged with the one on its left and ``^`` with the one above.
"""

from __future__ import annotations

from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
SEED = HERE / "ke-hoach-2026-bcd-xa-vu-duong.txt"
AN_BINH = HERE / "ke-hoach-2026-ubnd-xa-an-binh.txt"
GIA_HUNG = HERE / "ke-hoach-2026-bcd-xa-gia-hung.txt"

_RIGHT = ("CỘNG HÒA", "Độc lập")


def _two_columns(document: object, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0] if lines else ""
        for line in lines[1:]:
            cell.add_paragraph(line)


def _table(document: object, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)  # type: ignore[attr-defined]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text not in ("<", "^"):
                table.cell(r, c).text = text
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == "<":
                table.cell(r, c - 1).merge(table.cell(r, c))
            elif text == "^":
                table.cell(r - 1, c).merge(table.cell(r, c))


def build_docx(source: Path, target: Path, *, tables: bool = True) -> Path:
    """``source`` (a plan text) as a .docx at ``target``; ``tables=False`` keeps the
    header and closing as plain paragraphs."""
    lines = source.read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    title = next(i for i, line in enumerate(lines) if line.strip() == "KẾ HOẠCH")
    head = [line.strip() for line in lines[:title] if line.strip()]
    if tables and head:
        _two_columns(document, [h for h in head if not h.startswith(_RIGHT) and ", ngày" not in h],
                     [h for h in head if h.startswith(_RIGHT) or ", ngày" in h])
    else:
        for line in head:
            document.add_paragraph(line)
    body = lines[title:]
    closing = next((i for i, line in enumerate(body) if line.startswith("Nơi nhận")), len(body))
    appendix = next((i for i, line in enumerate(body) if line.startswith("PHỤ LỤC")), len(body))
    rows: list[list[str]] = []

    def flush_rows() -> None:
        if rows:
            _table(document, rows)
            rows.clear()

    def add(part: list[str]) -> None:
        for line in part:
            stripped = line.strip()
            if stripped.startswith("|"):
                rows.append([c.strip() for c in stripped.strip("|").split("|")])
                continue
            flush_rows()
            if stripped:
                document.add_paragraph(stripped.replace("**", ""))
        flush_rows()

    add(body[:closing])
    end = [line.strip().replace("**", "") for line in body[closing:appendix] if line.strip()]
    if tables and end:
        split = next((i for i, line in enumerate(end) if line.startswith("- Lưu")), len(end) - 1)
        _two_columns(document, end[: split + 1], end[split + 1:])
    else:
        for line in end:
            document.add_paragraph(line)
    add(body[appendix:])
    document.save(str(target))
    return target
