"""Quantified goals in a sentence: "đạt 70%", "tối thiểu 80%", "phấn đấu đạt 17,5%",
"100% …", "không quá 5%", "ít nhất 4 lớp".

``goals_in`` cuts a paragraph into clauses (at ';' and at full stops) and reads each
clause's goal: the figure, the comparison, the unit of measure and the words naming
what is measured, drafted as an indicator ("Tỷ lệ …", "Số … ") with, for a percentage
of a count, what its numerator and denominator count. Numbers that are not goals —
years, dates, document numbers ("Nghị quyết số 57-NQ/TW", "Đề án 06"), names such as
"5G" — are masked first; ``has_figure`` says whether a paragraph still holds a figure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

NUM = r"\d+(?:[.,]\d+)?"
_NUMBER = re.compile(rf"(?<![\w.,/-])({NUM})(?![\w/])")

_MASKS = [
    re.compile(r"\bnăm\s+\d{4}\b", re.IGNORECASE),
    re.compile(r"\b(?:ĐA|QĐ|NQ|KH|CT|NĐ|TT)\s+\d+\b"),
    re.compile(r"\b(?:giai đoạn|Giai đoạn)\s+\d{4}\s*[-–]\s*\d{4}\b"),
    re.compile(r"\b\d{4}\s*[-–]\s*\d{4}\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"),
    re.compile(r"\b(?:ngày|Ngày)\s+\d{1,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)?"),
    re.compile(r"\b(?:tháng|Tháng|quý|Quý)\s+\d{1,2}\b"),
    re.compile(r"\bsố\s*:?\s*\d+[\w/.-]*", re.IGNORECASE),
    re.compile(r"\b\d+[-/][A-ZĐ][\w/.-]*"),
    re.compile(r"\b(?:Đề án|Chương trình|Dự án|Nghị định|Nghị quyết|Quyết định|Chỉ thị|"
               r"Thông tư|Kết luận|Kế hoạch|Công văn|Luật|Điều|khoản|Khoản)\s+\d+[\w/.-]*"),
    re.compile(r"\b\d+[A-Za-z]\w*"),  # 5G, 4.0 is kept below
    re.compile(r"\b\d\.0\b"),
    re.compile(r"\b(?:https?://|www\.)\S+"),
    re.compile(r"\b\w+\.(?:vn|gov\.vn|com)\b"),
]

_GE = ("tối thiểu", "ít nhất", "trên", "không thấp hơn", "không dưới", "không ít hơn")
_LE = ("không quá", "tối đa", "dưới", "không vượt quá", "không cao hơn", "còn")
_CMP = "|".join(sorted((*_GE, *_LE), key=len, reverse=True))
_TRIGGER = re.compile(
    rf"(?P<lead>.*?)\s*(?P<cmp>(?:(?:phấn đấu|Phấn đấu)\s+)?(?:(?:đạt|Đạt)\s+)?"
    rf"(?:(?:mức|Mức)\s+)?(?:(?:{_CMP})\s+)?)(?P<num>{NUM})\s*(?P<rest>.*)$",
    re.IGNORECASE)
_VERBS = ("Mở rộng", "Nâng cao", "Nâng", "Tăng", "Đẩy mạnh", "Duy trì", "Bảo đảm", "Đảm bảo",
          "Phấn đấu", "Phát triển", "Hoàn thành", "Tổ chức", "Xây dựng", "Hỗ trợ", "Giảm")
_INDICATOR = re.compile(r"^(Tỷ lệ|Tỷ trọng|Số|Chỉ số|Mức|Tốc độ|Thu nhập|Giá trị|Tổng|"
                        r"Tuổi thọ|Năng suất|Thời gian)\b", re.IGNORECASE)
_SUBJECT_END = (" được ", " chỉ phải ", " hài lòng", " có ", " tham gia ", " sử dụng ",
                " thực hiện ", " đáp ứng ")
UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_COUNT_WORDS = ("lượt người", "hộ gia đình", "mô hình", "sản phẩm", "doanh nghiệp", "hội nghị",
                "câu lạc bộ", "nhiệm vụ", "đề tài", "tin bài", "triệu đồng", "tỷ đồng", "lớp",
                "cuộc", "buổi", "người", "hộ", "lượt", "điểm", "đợt", "thôn", "xóm", "tổ", "km",
                "ha", "tấn", "trường", "cơ sở", "hợp tác xã", "chợ", "cửa hàng")


RATIO_CHECK = "tử số, mẫu số soạn từ câu của kế hoạch"


@dataclass
class Goal:
    clause: str
    ten: str
    muc_tieu: float | int
    so_sanh: str
    don_vi_tinh: str
    cach_tinh: str
    tu_so: str | None = None
    mau_so: str | None = None
    luy_ke: bool = False
    checks: list[str] = field(default_factory=list)


def mask(text: str) -> str:
    for pattern in _MASKS:
        text = pattern.sub(lambda m: "#" * len(m.group(0)), text)
    return text


def has_figure(text: str) -> bool:
    return _NUMBER.search(mask(text)) is not None


def number(text: str) -> float | int:
    """'17,5' and '17.5' are 17.5; '1.000' is a thousand; integers stay integers."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return int(text.replace(".", ""))
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def clauses(text: str) -> list[str]:
    parts = re.split(r";\s+|(?<=[^\d\s.])\.\s+(?=[" + UPPER + "])", text)
    return [p.strip().rstrip(".;:,") for p in parts if p.strip().rstrip(".;:,")]


def _comparison(words: str) -> tuple[str, str | None]:
    low = words.lower()
    for word in sorted(_LE, key=len, reverse=True):
        if re.search(rf"\b{word}\b", low):
            note = None
            if word == "dưới":
                note = 'kế hoạch ghi "dưới" (nhỏ hơn hẳn); kehoach so sánh "<=" (không quá)'
            return "<=", note
    for word in ("trên",):
        if re.search(rf"\b{word}\b", low):
            return ">=", f'kế hoạch ghi "{word}" (lớn hơn hẳn); kehoach so sánh ">=" (ít nhất)'
    return ">=", None


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():  # an acronym: CBCCVC, UBND
        return text
    return text[:1].lower() + text[1:]


def _strip_verb(text: str) -> str:
    for verb in _VERBS:
        if text.startswith(verb + " "):
            return text[len(verb) + 1:]
    return text


def _subject(phrase: str) -> str:
    cut = len(phrase)
    if " được " in phrase:
        cut = phrase.index(" được ")
    else:
        for marker in _SUBJECT_END:
            if marker in phrase:
                cut = min(cut, phrase.index(marker))
    return phrase[:cut].strip()


def _ratio(what: str) -> tuple[str, str]:
    """Numerator and denominator of 'Tỷ lệ <what>' (what counts, out of how many)."""
    found = re.search(r"\s+trên tổng số\s+", what)
    if found:
        return f"số {what[:found.start()]}", f"tổng số {what[found.end():]}"
    return f"số {what}", f"tổng số {_subject(what)}"


def _percent_first(clause: str, masked: str) -> Goal | None:
    found = re.match(rf"^(?P<cmp>(?:[^\d#]{{0,30}}?\s)?)(?P<num>{NUM})\s*%\s+(?P<rest>\S.*)$",
                     masked)
    if not found:
        return None
    cmp_words = found.group("cmp").strip()
    if cmp_words and not re.fullmatch(rf"(?:phấn đấu\s*)?(?:đạt\s*)?(?:{_CMP})?", cmp_words,
                                      re.IGNORECASE):
        return None
    what = clause[found.start("rest"):].strip()
    so_sanh, note = _comparison(cmp_words)
    if _INDICATOR.match(what):  # "đạt 17,5% tỷ trọng kinh tế số": the words name it already
        ten = what[:1].upper() + what[1:]
        if not ten.lower().startswith("tỷ lệ"):
            return Goal(clause, ten, number(found.group("num")), so_sanh, "%", "gia_tri",
                        checks=[note] if note else [])
        what = ten[6:].strip()
    tu_so, mau_so = _ratio(_lower_first(what))
    goal = Goal(clause, f"Tỷ lệ {_lower_first(what)}", number(found.group("num")), so_sanh,
                "%", "ty_le", tu_so, mau_so, checks=[RATIO_CHECK])
    if note:
        goal.checks.append(note)
    return goal


def _trailing(clause: str, masked: str) -> Goal | None:
    found = _TRIGGER.match(masked)
    while found and not found.group("cmp").strip() and found.group("lead"):
        # the figure has no goal word before it: look for a later one
        nxt = _TRIGGER.match(masked, found.end("num"))
        if nxt is None:
            return None
        found = nxt
    if not found or not found.group("cmp").strip():
        return None
    lead = clause[: found.start("cmp")].strip().rstrip(",")
    lead = re.sub(r"\s+(?:năm|đến năm|vào năm)\s+\d{4}$", "", lead).strip()
    lead = re.sub(r"\s+(?:phấn đấu|đạt|giảm xuống còn|giảm xuống|giảm còn|giảm|tăng lên|"
                  r"xuống|còn)$", "", lead).strip()
    rest = clause[found.start("rest"):].strip()
    value = number(found.group("num"))
    so_sanh, note = _comparison(found.group("cmp"))
    checks = [note] if note else []
    if rest.startswith("%"):
        tail = rest[1:].strip()
        if _INDICATOR.match(lead):
            ten = lead
            if ten.lower().startswith("tỷ lệ"):
                tu_so, mau_so = _ratio(_lower_first(ten[6:].strip()))
                if tail.startswith(("tổng số ", "số ")):
                    mau_so = tail
                checks.append(RATIO_CHECK)
                return Goal(clause, ten, value, so_sanh, "%", "ty_le", tu_so, mau_so,
                            checks=checks)
            return Goal(clause, ten, value, so_sanh, "%", "gia_tri", checks=checks)
        action = _lower_first(_strip_verb(lead))
        if tail:
            checks.append("tên chỉ tiêu soạn lại từ câu của kế hoạch")
            return Goal(clause, f"Tỷ lệ {tail} được {action}", value, so_sanh, f"% {tail}",
                        "gia_tri", checks=checks)
        checks.append("tên chỉ tiêu soạn lại từ câu của kế hoạch")
        return Goal(clause, f"Tỷ lệ {action}", value, so_sanh, "%", "gia_tri", checks=checks)
    if not rest:
        return None
    unit = next((w for w in _COUNT_WORDS if re.match(rf"{w}\b", rest.lower())), "")
    if not unit:
        if not _INDICATOR.match(lead):
            return None
        unit = rest.split()[0].rstrip(",.;")
    unit = rest[: len(unit)]
    what = rest[len(unit):].strip()
    if _INDICATOR.match(lead):
        return Goal(clause, lead, value, so_sanh, unit, "gia_tri", checks=checks)
    verb = lead.strip()
    ten = f"Số {unit} {what}".strip()
    if verb:
        ten = f"{ten} được {_lower_first(verb)}"
    checks.append("tên chỉ tiêu soạn lại từ câu; đếm cộng dồn từ đầu năm (tong, luy_ke)")
    return Goal(clause, ten, value, so_sanh, unit, "tong", luy_ke=True, checks=checks)


def goals_in(text: str) -> list[Goal]:
    """The quantified goals of a paragraph, one per clause that states one."""
    found: list[Goal] = []
    for clause in clauses(text):
        masked = mask(clause)
        if not _NUMBER.search(masked):
            continue
        goal = _percent_first(clause, masked) or _trailing(clause, masked)
        if goal is not None:
            found.append(goal)
    return found


_DUE_DATE = re.compile(r"(?:trước|chậm nhất|hoàn thành trước|hoàn thành)\s+(?:ngày\s+)?"
                       r"(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE)
_DUE_QUARTER = re.compile(r"(?:trong|hoàn thành trong|trước hết)\s+quý\s+(IV|I{1,3}|[1-4])\b"
                          r"(?:\s*(?:năm|/)\s*(\d{4}))?", re.IGNORECASE)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}


def due_in(text: str, year: int | None) -> dt.date | None:
    """A task's deadline written in it: "trước ngày 30/6/2026", "trong quý II"."""
    found = _DUE_DATE.search(text)
    if found:
        try:
            return dt.date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        except ValueError:
            return None
    found = _DUE_QUARTER.search(text)
    if found and (found.group(2) or year):
        label = found.group(1).upper()
        quarter = _QUARTERS.get(label) or int(label)
        end = dt.date(int(found.group(2) or year or 0), 3 * quarter, 1) + dt.timedelta(days=31)
        return end.replace(day=1) - dt.timedelta(days=1)
    return None
