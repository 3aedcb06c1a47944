"""A plan document as blocks: paragraphs and table rows in reading order.

A .docx is read with python-docx (imported only here, when a document is read): body
paragraphs and tables in the order they stand, a table's rows cell by cell; a merged
cell gives its text to every row and column it spans, as the document shows it. Line
breaks inside a paragraph split it into lines. A .txt is read as UTF-8: a blank line or
a line break ends a paragraph, a line that goes on with a lower-case word continues the
one before it (a sentence a page break or a copy cut in two), and lines written as
``| a | b |`` are table rows, where a cell ``<`` is merged with the cell on its left and
``^`` with the cell above (read, like a .docx, as their text). Markdown emphasis
(``**``, ``*``) is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import KehoachError


@dataclass(frozen=True)
class Block:
    """One paragraph (``cells`` empty) or one table row (``cells`` its cells' texts)."""

    index: int  # 1-based position in the document
    text: str
    cells: tuple[str, ...] = field(default=())
    table: int = 0  # 1-based table number for rows, 0 for paragraphs

    @property
    def is_row(self) -> bool:
        return bool(self.cells)


_EMPHASIS = re.compile(r"\*{1,3}")
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009]+")
_END = ".;:!?"


def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _EMPHASIS.sub("", text)
    return _SPACES.sub(" ", text).strip()


_LABEL = re.compile(r"^(?:[a-zđ]\)|\(\d{1,2}\)|[-+•–])")


def _continues(previous: str, line: str) -> bool:
    """A line cut from the sentence before it: starts lower-case after no full stop."""
    first = line[:1]
    return (bool(previous) and previous[-1] not in _END and first.isalpha()
            and first.islower() and not _LABEL.match(line))


def _paragraphs(lines: list[str]) -> list[str]:
    out: list[str] = []
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        if out and _continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _row_cells(line: str) -> tuple[str, ...]:
    inner = line.strip().strip("|")
    return tuple(clean(cell) for cell in inner.split("|"))


def _merged(cells: tuple[str, ...], above: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for i, cell in enumerate(cells):
        if cell == "<" and out:
            out.append(out[-1])
        elif cell == "^" and i < len(above):
            out.append(above[i])
        else:
            out.append(cell)
    return tuple(out)


def _is_rule_row(cells: tuple[str, ...]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c) and any(cells)


def read_text(text: str) -> list[Block]:
    blocks: list[Block] = []
    pending: list[str] = []
    table = 0
    in_table = False
    previous_row: tuple[str, ...] = ()

    def flush() -> None:
        for para in _paragraphs(pending):
            blocks.append(Block(len(blocks) + 1, para))
        pending.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            flush()
            if not in_table:
                table += 1
                in_table = True
                previous_row = ()
            cells = _merged(_row_cells(stripped), previous_row)
            if not _is_rule_row(cells):
                previous_row = cells
                blocks.append(Block(len(blocks) + 1, " | ".join(cells), cells, table))
            continue
        in_table = False
        pending.append(raw)
    flush()
    return blocks


def _cell_text(text: str) -> str:
    """A cell's text, its lines kept (a header cell holds several lines)."""
    return "\n".join(line for line in (clean(raw) for raw in text.split("\n")) if line)


def _docx_blocks(path: Path) -> list[Block]:
    import docx  # python-docx: imported only when a document is read
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    blocks: list[Block] = []
    pending: list[str] = []  # paragraphs' lines: a sentence cut in two is joined again
    table_no = 0

    def flush() -> None:
        for para in _paragraphs(pending):
            blocks.append(Block(len(blocks) + 1, para))
        pending.clear()

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            pending.extend(item.text.split("\n"))
        elif isinstance(item, Table):
            flush()
            table_no += 1
            for row in item.rows:
                cells = tuple(_cell_text(cell.text) for cell in row.cells)
                text = " | ".join(c.replace("\n", " ") for c in cells)
                blocks.append(Block(len(blocks) + 1, text, cells, table_no))
    flush()
    return blocks


def read_blocks(path: Path) -> list[Block]:
    """The blocks of the .docx or .txt at ``path``; a Vietnamese error when unreadable."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise KehoachError(f"không tìm thấy tệp {path}")
    if suffix == ".docx":
        try:
            return _docx_blocks(path)
        except KehoachError:
            raise
        except Exception as exc:  # a damaged or non-Word file: python-docx raises many kinds
            raise KehoachError(
                f"không đọc được {path} như một tệp Word (.docx): tệp hỏng, hoặc không phải "
                "tệp .docx dù mang đuôi .docx; hãy mở tệp bằng Word và lưu lại dưới dạng "
                "Word Document (.docx)") from exc
    if suffix in (".txt", ".md"):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise KehoachError(
                f"{path} không phải văn bản UTF-8; hãy lưu lại tệp với bảng mã UTF-8") from exc
        return read_text(text)
    if suffix == ".doc":
        raise KehoachError(
            f"{path} là tệp Word cũ (.doc); hãy mở bằng Word và lưu thành .docx rồi chạy lại")
    raise KehoachError(f"chưa đọc được loại tệp {suffix or '(không có đuôi)'}: cần .docx hoặc .txt")
