"""Render docs/loi-thuong-gap.md from the corpus of staff mistakes (tests/corpus/
mistakes.yaml): what was typed, what validate says, what kehoach sua does.

    python tests/corpus/make_mistakes_doc.py          # rewrite docs/loi-thuong-gap.md
    python tests/corpus/make_mistakes_doc.py --check  # exit 1 if it is out of date

tests/corpus/test_mistakes.py::test_docs_up_to_date fails when the page differs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if __name__ == "__main__":  # run as a script: make `tests` importable
    sys.path.insert(0, str(ROOT))

from tests.corpus.make_doc import cell, code  # noqa: E402
from tests.corpus.mistakes import Mistake, load_mistakes, unescape  # noqa: E402

DOC = ROOT / "docs" / "loi-thuong-gap.md"
_PROBLEM = re.compile(
    r"^[^:]+:(?P<line>\d+):(?P<col>\d+): (?P<level>lỗi|cảnh báo): (?P<message>.*)$")

HEADER = """\
<!-- Tệp này được sinh tự động từ tests/corpus/mistakes.yaml.
     Đừng sửa tay: sửa tệp đó rồi chạy  python tests/corpus/make_mistakes_doc.py  -->

# Lỗi thường gặp khi gõ tệp kế hoạch, tệp kết quả

Những lỗi dưới đây là lỗi hay gặp khi gõ tệp trên Windows, chép từ Word, Excel, Zalo hay lưu
bằng Notepad. Với mỗi lỗi: dòng đã gõ, điều `kehoach validate` báo (lỗi đầu tiên), và điều
`kehoach sua` làm. Lỗi nào có cách sửa chắc chắn thì `kehoach sua` sửa ngay trong tệp (giữ
nguyên chú thích, kiểu xuống dòng CRLF, BOM); lỗi nào có thể hiểu hai cách (`1.250`, tên
đơn vị thay cho mã, dấu % ở chỉ tiêu không tính bằng %) thì phải sửa tay. Xem thêm
[Tự sửa lỗi: `kehoach sua`](sua-tu-dong.md). Ký tự vô hình được viết là {U+XXXX}.

Mỗi dòng là một trường hợp của `tests/corpus/mistakes.yaml`; kiểm thử chạy đúng các lệnh đó
và so sánh từng dòng thông báo và từng byte của tệp sau khi sửa.

| Lỗi | Đã gõ | `kehoach validate` | `kehoach sua` |
|---|---|---|---|
"""


def _changed(case: Mistake) -> list[tuple[str, str]]:
    """The (typed, fixed) lines that differ, when the lines stay in place."""
    assert case.fixed is not None
    old, new = case.text.split("\n"), case.fixed.split("\n")
    if len(old) != len(new):
        return []
    return [(a.strip(), b.strip()) for a, b in zip(old, new, strict=True) if a != b]


def _first_problem(case: Mistake) -> re.Match[str] | None:
    return next((m for m in map(_PROBLEM.match, case.validate) if m), None)


def _row(case: Mistake) -> str:
    first = _first_problem(case)
    told = f"{first['level']}: {cell(first['message'])}" if first else "không có lỗi"
    if case.renamed is not None:
        typed = code(case.file)
        done = f"đổi tên thành {code(case.renamed)}"
    elif case.fixed is not None and _changed(case):
        pairs = _changed(case)
        typed = "<br>".join(code(a) for a, _ in pairs)
        done = "<br>".join(code(b) for _, b in pairs)
    else:
        lines = case.text.split("\n")
        whole_file = first is not None and (first["line"], first["col"]) == ("1", "1")
        at = int(first["line"]) - 1 if first and not whole_file else -1
        typed = code(lines[at].strip()) if 0 <= at < len(lines) else code(case.file)
        done = "không tự sửa: phải sửa tay" if first else "không đổi gì"
    return f"| {cell(unescape(case.description))} | {typed} | {told} | {done} |"


def render(cases: list[Mistake]) -> str:
    return HEADER + "\n".join(_row(case) for case in cases) + "\n"


def main(argv: list[str]) -> int:
    text = render(load_mistakes())
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print("docs/loi-thuong-gap.md đã cũ; chạy: python tests/corpus/make_mistakes_doc.py")
            return 1
        return 0
    DOC.write_bytes(text.encode("utf-8"))
    print(f"đã ghi {DOC.relative_to(ROOT).as_posix()} ({len(load_mistakes())} trường hợp)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
