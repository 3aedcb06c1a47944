"""Tables of a plan (appendices of targets and tasks), read cell by cell.

The header row names the columns (Nội dung / Chỉ tiêu, Đơn vị tính, Mục tiêu, Chủ trì,
Phối hợp, Thời hạn); a merged cell has given its text to every row it spans. A row
whose cells all say the same (merged across) or whose number is a Roman numeral or a
letter heads a group; a row with a figure in the goal column is a target, one with a
lead unit a task; any other row is kept as a note.
"""

from __future__ import annotations

import datetime as dt
import re

from .draft import Draft, DraftTarget, DraftTask, DraftUnit, Note
from .figures import NUM, number
from .ids import slug, task_id, unique
from .outline import Line
from .units import clean_name, units_in

_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("stt", re.compile(r"^(stt|tt|số tt|số thứ tự)$", re.IGNORECASE)),
    ("dvt", re.compile(r"(đơn vị tính|^đvt$)", re.IGNORECASE)),
    ("lead", re.compile(r"chủ trì", re.IGNORECASE)),
    ("support", re.compile(r"phối hợp", re.IGNORECASE)),
    ("due", re.compile(r"(thời hạn|thời gian|hoàn thành)", re.IGNORECASE)),
    ("goal", re.compile(r"(mục tiêu|kế hoạch năm|chỉ tiêu năm|năm \d{4}|giá trị|mức phấn đấu)",
                        re.IGNORECASE)),
    ("content", re.compile(r"(nội dung|nhiệm vụ|chỉ tiêu|tên|giải pháp)", re.IGNORECASE)),
    ("note", re.compile(r"ghi chú", re.IGNORECASE)),
]
_GOAL = re.compile(rf"^(?P<cmp>[^\d]*?)\s*(?P<num>{NUM})\s*(?P<unit>%|\S.*)?$")
_GROUP_LABEL = re.compile(r"^([IVX]{1,5}|[A-Z]|[a-zđ])\.?$")
_DUE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _roles(cells: tuple[str, ...]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, cell in enumerate(cells):
        text = cell.replace("\n", " ").strip()
        for role, pattern in _ROLES:
            if pattern.search(text) and role not in roles:
                roles[role] = i
                break
    return roles


def _cell(cells: tuple[str, ...], roles: dict[str, int], role: str) -> str:
    i = roles.get(role)
    return cells[i].replace("\n", " ").strip() if i is not None and i < len(cells) else ""


def _unit_for(name: str, draft: Draft, line: Line) -> list[str]:
    named = units_in(name, draft.units)
    if named:
        return named
    out: list[str] = []
    for part in re.split(r"[;,\n]|\s+và\s+", name):
        part = clean_name(part)
        if len(part) < 4:
            continue
        taken = {u.ma for u in draft.units}
        unit = DraftUnit(source=line.block.text, ma=unique(slug(part, drop_stop=False), taken),
                         ten=part[:1].upper() + part[1:], muc=None)
        unit.checks.append("đơn vị chỉ có tên trong bảng, không có trong mục tổ chức thực hiện")
        draft.units.append(unit)
        out.append(unit.ma)
    return out


def _support(cells: tuple[str, ...], roles: dict[str, int], draft: Draft,
             checks: list[str]) -> list[str]:
    text = _cell(cells, roles, "support")
    found = units_in(text, draft.units)
    for part in re.split(r"[;,]\s*", text):
        if part.strip() and not units_in(part, draft.units):
            checks.append(f"đơn vị phối hợp \"{part.strip()}\" chưa có trong danh sách đơn vị")
    return found


def _goal(text: str) -> tuple[float | int, str, str | None] | None:
    text = text.replace("≥", "tối thiểu ").replace(">=", "tối thiểu ")
    text = text.replace("≤", "không quá ").replace("<=", "không quá ")
    found = _GOAL.match(text.strip())
    if not found:
        return None
    cmp_words = found.group("cmp").lower()
    le = any(w in cmp_words for w in ("không quá", "tối đa", "dưới", "không vượt"))
    return number(found.group("num")), "<=" if le else ">=", (found.group("unit") or None)


def _table(rows: list[Line], draft: Draft, number_of: int) -> None:
    header_at = next((i for i, r in enumerate(rows)
                      if "content" in _roles(r.block.cells) and len(_roles(r.block.cells)) >= 2),
                     None)
    if header_at is None:
        for row in rows:
            draft.notes.append(Note(f"dòng của bảng {number_of} (bảng không có dòng tiêu đề "
                                    "nhận ra được)", row.block.text))
        return
    header = rows[header_at].block.cells
    roles = _roles(header)
    group = ""
    target_ids = {t.ma for t in draft.targets}
    task_ids = {t.ma for t in draft.tasks}
    for row in rows[header_at + 1:]:
        cells = row.block.cells
        if cells == header or all(re.fullmatch(r"\(?\d+\)?", c) for c in cells if c):
            continue  # a repeated header row, or the row numbering the columns (1) (2) ...
        distinct = {c for c in cells if c}
        stt = _cell(cells, roles, "stt")
        content = _cell(cells, roles, "content")
        if not distinct:
            continue
        rest = {c for i, c in enumerate(cells) if c and i != roles.get("stt")}
        if len(distinct) == 1 or (_GROUP_LABEL.match(stt) and len(rest) <= 1):
            label = stt if _GROUP_LABEL.match(stt) else ""
            group = label
            title = content or next(iter(distinct))
            if label:
                draft.sections.append((f"PL{number_of}.{label}", title))
            continue
        muc = ".".join(p for p in (f"PL{number_of}", group, stt) if p)
        lead = _cell(cells, roles, "lead")
        goal = _goal(_cell(cells, roles, "goal")) if "goal" in roles else None
        if goal is not None and content:
            value, so_sanh, unit_text = goal
            dvt = _cell(cells, roles, "dvt") or (unit_text or "").strip() or "%"
            target = DraftTarget(source=row.block.text, muc=muc, ten=content, muc_tieu=value,
                                 so_sanh=so_sanh, don_vi_tinh=dvt,
                                 cach_tinh="ty_le" if dvt.startswith("%") else "gia_tri")
            target.ma = unique(slug(re.sub(r"^(Tỷ lệ|Tỷ trọng|Số)\s+", "", content)),
                               target_ids)
            if target.cach_tinh == "ty_le":
                what = re.sub(r"^Tỷ lệ\s+", "", content)
                target.tu_so, target.mau_so = f"số {what[:1].lower() + what[1:]}", "tổng số"
                target.checks.append("tử số, mẫu số cần viết lại (bảng chỉ ghi tên chỉ tiêu)")
            else:
                target.checks.append("cách tính: gia_tri (con số hiện có) hay tong (cộng các "
                                     "quý, luy_ke: true để cộng dồn)")
            if lead:
                ids = _unit_for(lead, draft, row)
                target.chu_tri = ids[0] if ids else None
                target.phoi_hop = [*ids[1:], *_support(cells, roles, draft, target.checks)]
            draft.targets.append(target)
        elif content and lead:
            ids = _unit_for(lead, draft, row)
            task = DraftTask(source=row.block.text, muc=muc, ten=content,
                             chu_tri=ids[0] if ids else None)
            task.ma = task_id(content, task_ids)
            task.phoi_hop = [u for u in [*ids[1:], *_support(cells, roles, draft, task.checks)]
                             if u != task.chu_tri]
            due = _DUE.search(_cell(cells, roles, "due"))
            if due:
                try:
                    task.han = dt.date(int(due.group(3)), int(due.group(2)), int(due.group(1)))
                except ValueError:
                    task.checks.append("thời hạn ghi trong bảng không phải ngày có thật")
            elif _cell(cells, roles, "due"):
                task.checks.append(f"thời hạn trong bảng: \"{_cell(cells, roles, 'due')}\" — "
                                   "chưa đổi được thành ngày")
            draft.tasks.append(task)
        else:
            draft.notes.append(Note(f"dòng của bảng {number_of} chưa xếp được (không có "
                                    "mục tiêu bằng số, cũng không có đơn vị chủ trì)",
                                    row.block.text, muc))


def read_tables(lines: list[Line], draft: Draft) -> None:
    tables: dict[int, list[Line]] = {}
    for line in lines:
        if line.block.is_row and line.zone not in ("header", "closing"):
            tables.setdefault(line.block.table, []).append(line)
    for n, (_, rows) in enumerate(sorted(tables.items()), start=1):
        _table(rows, draft, n)
