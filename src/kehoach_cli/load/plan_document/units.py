"""Units and their tasks from the organisation section (III. TỔ CHỨC THỰC HIỆN).

Each item of the section names a unit and lists its bullets; the bullets are that
unit's tasks. An item addressed to everyone ("Các cơ quan, đơn vị …", "Các Thành viên
Ban Chỉ đạo …") is no unit: a bullet in it that starts with a unit's name ("Trạm Y tế xã
chủ trì …") makes that unit and its task, the others are kept as notes. An item the
plan only asks of ("Đề nghị Ủy ban Mặt trận …") is a unit that does not report every
quarter. The standing body is the unit marked "(Cơ quan thường trực)".
"""

from __future__ import annotations

import re
import unicodedata

from .draft import Draft, DraftTask, DraftUnit, Note
from .figures import UPPER, due_in
from .ids import slug, task_id, unique
from .outline import ORGANISATION, Line

_CATCH_ALL = re.compile(r"^(các\s+)?(cơ quan, đơn vị|thành viên|phòng, ban|ban, ngành|"
                        r"đơn vị|ngành|cơ quan)\b", re.IGNORECASE)
_ASKED = re.compile(r"^(Đề nghị|Kính đề nghị)\s+", re.IGNORECASE)
_STANDING = re.compile(r"\s*\((?:là\s+)?cơ quan thường trực[^)]*\)|\s+(?:là|làm)\s+cơ quan "
                       r"thường trực\b.*$", re.IGNORECASE)
_DUTY = re.compile(r"[,\s]*(?:có|chịu)\s+trách nhiệm\s*:?\s*$", re.IGNORECASE)
_UNIT_NOUN = re.compile(r"^(?:Trạm|Trường|Ban|Hội|Đoàn|Bưu điện|Công an|Phòng|Trung tâm|"
                        r"Văn phòng|Ủy ban|Mặt trận|Hợp tác xã|Quân sự|Thư viện|Nhà văn hóa|"
                        r"Trưởng|Các thôn|Thôn|Tổ|Đề nghị|Đảng ủy|Chi bộ|UBND|MTTQ)\b")
_NAMED = re.compile(
    r"^(?P<name>(?:Trạm|Trường|Ban|Hội|Đoàn|Bưu điện|Công an|Phòng|Trung tâm|Văn phòng|"
    r"Ủy ban|Hợp tác xã|Ban Chỉ huy|Quân sự|Thư viện|Nhà văn hóa)\b[^,;:]{1,60}?)\s+"
    r"(?P<verb>chủ trì|phối hợp|có trách nhiệm|thực hiện|tổ chức|triển khai|hướng dẫn)\b")
_DEADLINE = re.compile(r"(?:trước|chậm nhất|trước hoặc vào)\s+ngày\s+(\d{1,2})\s+(?:của\s+)?"
                       r"(?:hằng|hàng|mỗi|tháng cuối(?:\s+(?:mỗi|của|hằng))?|cuối)\s+quý",
                       re.IGNORECASE)
_INLINE = re.compile(r"^(?P<name>[^:]{3,90}):\s*(?P<rest>\S.*)$")


def clean_name(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().rstrip(":;.").strip()
    text = re.sub(r"\s*/\s*", "/", text)
    text = text.replace(" & ", " và ")
    return re.sub(r"\s+", " ", text)


def aliases(name: str) -> list[str]:
    base = name.lower()
    out = {base, re.sub(r"\s+(xã|trên địa bàn xã)$", "", base)}
    out.add(base.replace(" và ", " & "))
    out.add(base.replace("hđnd và ubnd", "hđnd & ubnd"))
    first = re.split(r"\s+và\s+các\s+|,\s*", base)[0]
    if len(first) >= 8:
        out.add(first)
    return sorted((a for a in out if len(a) >= 6), key=len, reverse=True)


def unit_names(units: list[DraftUnit]) -> tuple[str, ...]:
    return tuple(a for unit in units for a in aliases(unit.ten))


def units_in(text: str, units: list[DraftUnit], *, skip: str | None = None) -> list[str]:
    """Ids of the units named in ``text``, in order of first mention."""
    low = text.lower().replace(" & ", " và ")
    found: list[tuple[int, str]] = []
    for unit in units:
        if unit.ma == skip:
            continue
        positions = [low.find(a) for a in aliases(unit.ten) if a in low]
        if positions:
            found.append((min(positions), unit.ma))
    return [ma for _, ma in sorted(found)]


def _task_name(text: str) -> str:
    text = text.strip().rstrip(";.,").strip()
    return text[:1].upper() + text[1:]


class _Org:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.unit_ids: set[str] = {u.ma for u in draft.units}
        self.task_ids: set[str] = {t.ma for t in draft.tasks}
        self.current: DraftUnit | None = None
        self.catch_all: str | None = None  # the heading text of a catch-all item
        self.pending: list[tuple[Line, DraftUnit]] = []

    def add_unit(self, name: str, line: Line, *, asked: bool = False) -> DraftUnit:
        for unit in self.draft.units:
            if unit.ten.lower() == name.lower():
                return unit
        unit = DraftUnit(source=line.block.text, ma=unique(slug(name, drop_stop=False),
                                                           self.unit_ids),
                         ten=name, muc=line.muc, bao_cao_dinh_ky=not asked)
        if asked:
            unit.checks.append("kế hoạch chỉ đề nghị phối hợp: đơn vị không phải báo cáo "
                               "hằng quý (bao_cao_dinh_ky: false)")
        self.draft.units.append(unit)
        return unit

    def heading(self, line: Line) -> None:
        raw = line.body
        inline = None
        if line.kind == "text":
            found = _INLINE.match(raw)
            if found:
                raw, inline = found.group("name"), found.group("rest")
        standing = _STANDING.search(raw) is not None
        name = clean_name(_DUTY.sub("", _STANDING.sub("", raw)))
        asked = _ASKED.match(name) is not None
        name = clean_name(_ASKED.sub("", name))
        name = name[:1].upper() + name[1:]
        if _CATCH_ALL.match(name):
            self.current = None
            self.catch_all = line.block.text
            return
        self.catch_all = None
        self.current = self.add_unit(name, line, asked=asked)
        if standing and self.draft.standing is None:
            self.draft.standing = self.current.ma
            self.draft.standing_source = line.block.text
        if inline:
            self.pending.append((line, self.current))

    def bullet(self, line: Line) -> None:
        if self.current is None:
            named = _NAMED.match(line.body)
            if named and not _CATCH_ALL.match(named.group("name")):
                unit = self.add_unit(clean_name(named.group("name")), line)
                self.pending.append((line, unit))
                return
            if not _DEADLINE.search(line.body):
                where = f"mục {line.muc}" if line.muc else (self.catch_all or "")
                self.draft.notes.append(Note(
                    "nội dung giao chung cho nhiều đơn vị, chưa tách thành nhiệm vụ của đơn vị "
                    "nào", line.block.text, where))
            return
        self.pending.append((line, self.current))

    def tasks(self) -> None:
        for line, unit in self.pending:
            body = line.body
            if line.kind == "text":
                found = _INLINE.match(body)
                body = found.group("rest") if found else body
            named = _NAMED.match(body)
            if named and clean_name(named.group("name")).lower() == unit.ten.lower():
                body = body[named.start("verb"):]
            task = DraftTask(source=line.block.text, muc=line.muc, ten=_task_name(body),
                             chu_tri=unit.ma)
            task.ma = task_id(task.ten, self.task_ids, unit_names(self.draft.units))
            task.han = due_in(body, self.draft.header.nam)
            task.phoi_hop = units_in(body, self.draft.units, skip=unit.ma)
            self.draft.tasks.append(task)


def read_organisation(lines: list[Line], draft: Draft) -> None:
    org = _Org(draft)
    section = [ln for ln in lines if ln.zone == ORGANISATION and not ln.block.is_row]
    top = min((ln.block.index for ln in section if ln.kind == "roman" or ln.heading),
              default=None)
    for line in section:
        deadline = _DEADLINE.search(line.block.text)
        if deadline and draft.deadline is None:
            draft.deadline = int(deadline.group(1))
            draft.deadline_source = line.block.text
        if line.block.index == top and (line.kind == "roman" or line.heading):
            continue
        if line.kind == "num" or (line.kind == "text" and _is_unit_line(line.body)):
            org.heading(line)
        elif line.kind in ("dash", "plus", "letter", "paren"):
            org.bullet(line)
        elif line.kind == "text":
            draft.notes.append(Note("đoạn văn trong mục tổ chức thực hiện không thuộc đơn vị "
                                    "nào", line.block.text, line.muc or ""))
    org.tasks()
    if draft.standing is None:
        for line in lines:
            found = re.search(r"([" + UPPER + r"][^,;()]{3,60}?)\s*\((?:là\s+)?cơ quan thường trực",
                              line.block.text, re.IGNORECASE)
            if found:
                named = units_in(found.group(1), draft.units)
                if named:
                    draft.standing = named[-1]
                    draft.standing_source = line.block.text
                    break


def _is_unit_line(text: str) -> bool:
    found = _INLINE.match(text)
    head = found.group("name") if found else text
    head = clean_name(_DUTY.sub("", _STANDING.sub("", head)))
    return (len(head) <= 90 and not head.endswith((".", ";"))
            and (_UNIT_NOUN.match(head) is not None or _CATCH_ALL.match(head) is not None))
