"""The name a result file was meant to have, read from a near miss.

Units save their quarterly file from Notepad, Word or a browser download, and the name
that lands in ``units/<unit>/`` is often close to ``<year>-Q<n>.yaml`` without being it:
``2026-Q3.yaml.txt`` (Notepad's default type), ``2026-Q3 (1).yaml`` (a second download),
``2026-q3.yaml``, ``2026-Q03.yaml``, ``2026 - Q3.yaml``, ``2026_Q3.yaml``, ``Q3-2026.yaml``,
``2026-Q3.yml``, ``2026-Q3.YAML``. :func:`near_result_name` reads the year and quarter
from the user's own name and says what is wrong with it, so that the message (and the
rename ``kehoach sua`` makes) names the file it should be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Extensions: one or more .yaml/.yml, then perhaps Notepad's .txt; or .txt alone.
_EXT = re.compile(r"(?P<yaml>(?:\.ya?ml)+)?(?P<txt>\.txt)?$", re.IGNORECASE)
# What Windows, browsers and phones add to a copy: " (1)", " - Copy", " - Bản sao".
_COPY = re.compile(r"\s*(?:\(\d+\)|-\s*(?:copy|bản sao|sao chép)|copy)\s*$", re.IGNORECASE)
_YEAR_FIRST = re.compile(r"^\s*(?P<year>\d{4})(?P<sep>\s*[-_.]?\s*)[Qq]\s*(?P<q>\d+)\s*$")
_QUARTER_FIRST = re.compile(r"^\s*[Qq]\s*(?P<q>\d+)(?P<sep>\s*[-_.]?\s*)(?P<year>\d{4})\s*$")


@dataclass(frozen=True, slots=True)
class NearName:
    """A name close to a result file's: the year and quarter written in it, the name it
    should have (None when the quarter does not exist) and what differs, in Vietnamese."""

    year: int
    quarter: int
    right: str | None
    reasons: tuple[str, ...]


def near_result_name(name: str) -> NearName | None:
    """The result file ``name`` was meant to be, or None when it is not close to one."""
    ext = _EXT.search(name)
    assert ext is not None  # the pattern matches the empty end of any name
    yaml_ext, txt = ext["yaml"], ext["txt"]
    stem = name[: ext.start()]
    reasons: list[str] = []
    if yaml_ext is None and txt is None:
        if "." in name:
            return None
        reasons.append("thiếu đuôi .yaml")
    copy = _COPY.search(stem)
    if copy:
        stem = stem[: copy.start()]
    m = _YEAR_FIRST.match(stem)
    reversed_order = m is None
    if m is None:
        m = _QUARTER_FIRST.match(stem)
    if m is None:
        return None
    year, quarter = int(m["year"]), int(m["q"])
    if reversed_order:
        reasons.append("đặt quý trước năm")
    sep = m["sep"]
    if " " in stem:
        reasons.append("có dấu cách")
    if sep.strip() in ("_", "."):
        reasons.append(f"nối năm và quý bằng '{sep.strip()}' thay cho '-'")
    elif sep == "":
        reasons.append("thiếu dấu '-' giữa năm và quý")
    digits = m["q"]
    if digits != str(quarter):
        reasons.append(f"viết quý '{digits}' thay cho '{quarter}'")
    if "q" in stem:
        reasons.append("viết chữ q thường thay cho Q hoa")
    if copy:
        reasons.append(f"có thêm '{copy[0].strip()}' mà máy tự thêm khi sao chép hoặc tải về")
    if yaml_ext is not None:
        parts = yaml_ext.split(".")[1:]
        if len(parts) > 1:
            reasons.append("có đuôi .yaml hai lần")
        if any(p.lower() == "yml" for p in parts):
            reasons.append("dùng đuôi .yml thay cho .yaml")
        if any(p != p.lower() for p in parts):
            reasons.append("viết hoa đuôi tệp")
    if txt is not None:
        if yaml_ext is None:
            reasons.append("dùng đuôi .txt thay cho .yaml")
        else:
            reasons.append("có thêm đuôi .txt mà Notepad tự thêm khi lưu")
        if txt != txt.lower():
            reasons.append("viết hoa đuôi tệp")
    right = f"{year}-Q{quarter}.yaml" if 1 <= quarter <= 4 else None
    if right == name:
        return None
    return NearName(year, quarter, right, tuple(dict.fromkeys(reasons)))
