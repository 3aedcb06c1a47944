"""The outline of a plan document: each block's heading kind, its label and the
section path it stands in (``I.2.c.(1)``), and the zone of the plan it belongs to.

Vietnamese plans (Nghị định 30 layout) number their parts ``I.``, ``1.``, ``a)``,
``(1)``, then bullets ``-`` and ``+``. Plans without numbers are followed by their
headings' words instead (MỤC TIÊU, TỔ CHỨC THỰC HIỆN, ...). A lettered heading that
repeats the letter before it (``d)`` after ``d)``) is read as the next letter of the
Vietnamese alphabet (``đ)``) and flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .read import Block

ALPHABET = "abcdđeghiklmnopqrstuvxy"
LEVEL = {"roman": 0, "num": 1, "letter": 2, "paren": 3, "dash": 4, "plus": 5}

_ROMAN = re.compile(r"^([IVX]{1,5})[.)]\s*(\S.*)$")
_NUM = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
_LETTER = re.compile(r"^([a-zđ])\)\s*(\S.*)$")
_PAREN = re.compile(r"^\((\d{1,2})\)\s*(\S.*)$")
_DASH = re.compile(r"^[-–—•]\s*(\S.*)$")
_PLUS = re.compile(r"^\+\s*(\S.*)$")

# zones of the plan
HEADER, PREAMBLE, GENERAL, SPECIFIC, TASKS, ORGANISATION, OTHER, CLOSING, APPENDIX = (
    "header", "preamble", "general", "specific", "tasks", "organisation", "other",
    "closing", "appendix")

_TOP_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(MỤC ĐÍCH|QUAN ĐIỂM)", re.IGNORECASE), GENERAL),
    (re.compile(r"^(MỤC TIÊU|CHỈ TIÊU)", re.IGNORECASE), SPECIFIC),
    (re.compile(r"^(NHIỆM VỤ|CÁC NHIỆM VỤ|GIẢI PHÁP)", re.IGNORECASE), TASKS),
    (re.compile(r"^(TỔ CHỨC THỰC HIỆN|PHÂN CÔNG|TRÁCH NHIỆM)", re.IGNORECASE), ORGANISATION),
    (re.compile(r"^(KINH PHÍ|CHẾ ĐỘ BÁO CÁO|THÔNG TIN BÁO CÁO)", re.IGNORECASE), OTHER),
]
_SUB_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(mục tiêu chung|mục đích|yêu cầu)\b", re.IGNORECASE), GENERAL),
    (re.compile(r"^(mục tiêu cụ thể|chỉ tiêu cụ thể|các chỉ tiêu|chỉ tiêu chủ yếu)",
                re.IGNORECASE), SPECIFIC),
]
_APPENDIX = re.compile(r"^PHỤ LỤC\b", re.IGNORECASE)
_CLOSING = re.compile(r"^(Trên đây là|Nơi nhận\s*:)")


@dataclass
class Line:
    block: Block
    kind: str  # roman num letter paren dash plus text row
    label: str
    body: str  # the text after the label
    muc: str | None = None  # section path of the heading it stands under (itself included)
    zone: str = PREAMBLE
    checks: list[str] = field(default_factory=list)
    heading: bool = False  # a section heading (not a bullet, not prose)


def classify(text: str) -> tuple[str, str, str]:
    for kind, pattern in (("roman", _ROMAN), ("paren", _PAREN), ("letter", _LETTER),
                          ("num", _NUM), ("dash", _DASH), ("plus", _PLUS)):
        found = pattern.match(text)
        if found:
            if kind == "dash":
                return kind, "-", found.group(1)
            if kind == "plus":
                return kind, "+", found.group(1)
            return kind, found.group(1), found.group(2)
    return "text", "", text


def _is_title(text: str) -> bool:
    return text.upper() == text and re.fullmatch(r"KẾ HOẠCH\.?", text.strip()) is not None


def _bare_heading(text: str) -> bool:
    """A line standing as a heading without a number: short, no final full stop."""
    return len(text) <= 90 and not text.endswith((".", ";", ","))


def _top_zone(body: str) -> str | None:
    for pattern, zone in _TOP_WORDS:
        if pattern.match(body):
            return zone
    return None


def _sub_zone(body: str) -> str | None:
    for pattern, zone in _SUB_WORDS:
        if pattern.match(body):
            return zone
    return None


def outline(blocks: list[Block]) -> list[Line]:
    lines: list[Line] = []
    title_seen = not any(_is_title(b.text) for b in blocks if not b.is_row)
    zone = HEADER if not title_seen else PREAMBLE
    stack: list[tuple[str, str]] = []
    last_letter: str | None = None
    for block in blocks:
        if block.is_row:
            lines.append(Line(block, "row", "", block.text, _muc(stack), zone))
            continue
        text = block.text
        if not title_seen:
            if _is_title(text):
                title_seen = True
                zone = PREAMBLE
            lines.append(Line(block, "text", "", text, None, HEADER))
            continue
        if _CLOSING.match(text) and zone != APPENDIX:
            zone = CLOSING
            stack = []
        elif _APPENDIX.match(text):
            zone = APPENDIX
            stack = []
        kind, label, body = classify(text)
        line = Line(block, kind, label, body, None, zone)
        if zone in (CLOSING, APPENDIX):
            line.muc = None
            lines.append(line)
            continue
        top = _top_zone(body) if kind in ("roman", "text") else None
        if kind == "roman" or (kind == "text" and top and _bare_heading(body)
                               and body.upper() == body):
            stack = [("roman", label)] if kind == "roman" else []
            zone = top or OTHER
            last_letter = None
            line.heading = True
        elif kind == "text" and _sub_zone(body) and _bare_heading(body):
            stack = [s for s in stack if s[0] == "roman"]
            zone = _sub_zone(body) or zone
            line.heading = True
        elif kind in ("num", "letter", "paren"):
            if kind == "letter":
                label = _letter(label, last_letter, line)
                last_letter = label
            elif kind == "num":
                last_letter = None
            stack = [s for s in stack if LEVEL[s[0]] < LEVEL[kind]]
            stack.append((kind, label))
            line.label = label
            line.heading = True
            sub = _sub_zone(body)
            if kind == "num" and zone in (GENERAL, SPECIFIC) and sub:
                zone = sub
        line.zone = zone
        line.muc = _muc(stack)
        lines.append(line)
    return lines


def _letter(label: str, last: str | None, line: Line) -> str:
    if last is not None and label == last and label in ALPHABET[:-1]:
        fixed = ALPHABET[ALPHABET.index(label) + 1]
        line.checks.append(f'mục đánh "{label})" trùng với mục trước; đã đọc là "{fixed})"')
        return fixed
    return label


def _muc(stack: list[tuple[str, str]]) -> str | None:
    parts = [f"({label})" if kind == "paren" else label for kind, label in stack]
    return ".".join(parts) if parts else None
