"""Identifiers drawn from Vietnamese words: ascii, lower case, words joined by '-'."""

from __future__ import annotations

import re
import unicodedata

# words that carry no meaning in an identifier
_STOP = frozenset(("của", "và", "các", "được", "trên", "tại", "trong", "cho", "với", "có",
                   "về", "để", "những", "một", "đã", "là", "thì", "từ", "khi", "đến",
                   "bằng", "như", "do", "mà", "này", "đó"))


def ascii_words(text: str) -> list[str]:
    text = text.replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", folded.lower())


def slug(text: str, *, words: int = 6, drop_stop: bool = True) -> str:
    kept: list[str] = []
    for raw in re.findall(r"[\w]+", text.lower()):
        if drop_stop and raw in _STOP:
            continue
        kept.extend(ascii_words(raw))
        if len(kept) >= words:
            break
    return "-".join(kept[:words]) or "muc"


def unique(base: str, taken: set[str]) -> str:
    candidate = base
    n = 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


_TASK_LEAD = re.compile(r"^(?:(?:Chủ trì|Phối hợp|Chủ động|Thường xuyên|Tích cực|Kịp thời|"
                        r"Định kỳ|Tham mưu)\b[,\s]*)+(?:với\s+)?", re.IGNORECASE)


_PARTNERS = re.compile(r"^(?:và\s+)?(?:các\s+)?(?:cơ quan, đơn vị|đơn vị|cơ quan)"
                       r"(?:\s+có liên quan|\s+liên quan)?[,\s]*", re.IGNORECASE)


def task_id(ten: str, taken: set[str], names: tuple[str, ...] = ()) -> str:
    """An id from a task's words, without its opening verbs ("Chủ trì, phối hợp với …")
    and the units it names right after them (``names``, lower case)."""
    base = _TASK_LEAD.sub("", ten) or ten
    changed = True
    while changed:
        changed = False
        low = base.lower()
        if low.startswith("và "):
            base, low, changed = base[3:], low[3:], True
        for name in sorted(names, key=len, reverse=True):
            if low.startswith(name):
                base = base[len(name):].lstrip(" ,")
                changed = True
                break
        stripped = _PARTNERS.sub("", base)
        if stripped != base:
            base, changed = stripped, True
    return unique(slug(base or ten), taken)
