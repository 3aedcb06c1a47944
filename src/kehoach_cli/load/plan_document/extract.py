"""From blocks to a draft: header, units, targets, tasks, deadline, closing, notes."""

from __future__ import annotations

import itertools
import re

from .draft import Draft, DraftTarget, DraftTask, Note
from .figures import due_in, goals_in, has_figure
from .header import read_closing, read_header
from .ids import slug, task_id, unique
from .outline import (
    APPENDIX,
    CLOSING,
    GENERAL,
    HEADER,
    OTHER,
    PREAMBLE,
    SPECIFIC,
    TASKS,
    Line,
    outline,
)
from .read import Block
from .tables import read_tables
from .units import read_organisation, unit_names, units_in

_LEAD = re.compile(r"\s*\((?:[Đđ]ơn vị\s+)?[Cc]hủ trì\s*:?\s*(?P<inside>[^)]*)\)")
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[tuple[str, str]]:
    words = _WORD.findall(text.lower())
    return set(itertools.pairwise(words))


def _is_subheading(lines: list[Line], i: int) -> bool:
    """A bullet that heads the '+' bullets under it ("- Về hạ tầng, nền tảng, dữ liệu số")."""
    line = lines[i]
    if line.kind != "dash" or has_figure(line.body):
        return False
    nxt = next((ln for ln in lines[i + 1:] if not ln.block.is_row), None)
    return nxt is not None and nxt.kind == "plus"


def _target_id(ten: str, taken: set[str]) -> str:
    base = re.sub(r"^(Tỷ lệ|Tỷ trọng|Số)\s+", "", ten)
    return unique(slug(base), taken)


class _Guess:
    """Which unit leads an item: the one whose own paragraphs share most word pairs."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.texts: dict[str, set[tuple[str, str]]] = {}
        for unit in draft.units:
            text = " ".join([unit.ten, *(t.ten for t in draft.tasks if t.chu_tri == unit.ma)])
            self.texts[unit.ma] = _words(text)

    def lead(self, text: str) -> tuple[str | None, str]:
        named = units_in(text, self.draft.units)
        if named:
            return named[0], "đơn vị được nêu tên trong câu"
        pairs = _words(text)
        scored = sorted(((len(pairs & words), ma) for ma, words in self.texts.items()),
                        key=lambda s: -s[0])
        if scored and scored[0][0] > 0:
            return scored[0][1], "đơn vị có nhiệm vụ gần với nội dung này nhất (mục tổ chức " \
                                 "thực hiện)"
        if self.draft.standing:
            return self.draft.standing, "cơ quan thường trực (không tìm được đơn vị gần hơn)"
        return None, "chưa tìm được đơn vị nào"


def _figure_paragraphs(lines: list[Line], draft: Draft) -> None:
    for i, line in enumerate(lines):
        del i
        if line.zone not in (SPECIFIC,) or line.block.is_row or line.heading:
            continue
        if line.kind == "text" and line.body.endswith(":"):
            continue
        goals = goals_in(line.body)
        for goal in goals:
            target = DraftTarget(source=line.block.text, checks=[*line.checks, *goal.checks],
                                 muc=line.muc, ten=goal.ten, don_vi_tinh=goal.don_vi_tinh,
                                 muc_tieu=goal.muc_tieu, so_sanh=goal.so_sanh,
                                 cach_tinh=goal.cach_tinh, tu_so=goal.tu_so,
                                 mau_so=goal.mau_so, luy_ke=goal.luy_ke)
            draft.targets.append(target)
        if not goals and has_figure(line.body):
            draft.notes.append(Note("có con số nhưng không đọc được thành chỉ tiêu",
                                    line.block.text, line.muc or ""))


def _other_figures(lines: list[Line], draft: Draft) -> None:
    """Figures outside the targets' section: kept as notes (nothing dropped)."""
    used = {draft.deadline_source, *(t.source for t in draft.tasks)}
    for line in lines:
        if line.block.is_row or line.zone in (SPECIFIC, HEADER, PREAMBLE, CLOSING, APPENDIX):
            continue
        if line.heading or line.block.text in used or not has_figure(line.body):
            continue
        draft.notes.append(Note("có con số ngoài mục chỉ tiêu, chưa thành chỉ tiêu",
                                line.block.text, line.muc or ""))


def _unplaced(lines: list[Line], draft: Draft) -> None:
    """Paragraphs of the tasks section that gave no task, and of the plan's other parts
    (funding, ...): named as notes, so that nothing is dropped unseen."""
    used = {t.source for t in draft.tasks} | {n.text for n in draft.notes}
    has_tables = any(line.block.is_row and line.zone not in (HEADER, CLOSING)
                     for line in lines)
    for line in lines:
        if line.block.is_row or line.heading or line.block.text in used:
            continue
        if line.zone == TASKS:
            if re.search(r"phụ lục", line.body, re.IGNORECASE) and not has_tables:
                reason = ("kế hoạch nhắc tới phụ lục mà văn bản không có bảng nào: thêm các "
                          "nhiệm vụ, chỉ tiêu của phụ lục (hoặc chạy lại với tệp có phụ lục)")
            else:
                reason = "đoạn của phần nhiệm vụ chưa thành nhiệm vụ"
            draft.notes.append(Note(reason, line.block.text, line.muc or ""))
        elif line.zone == OTHER:
            draft.notes.append(Note("phần khác của kế hoạch, chưa đưa vào tệp nào",
                                    line.block.text, line.muc or ""))


def _plan_tasks(lines: list[Line], draft: Draft, guess: _Guess) -> None:
    """Bullets of the objectives and tasks sections that state no figure are tasks."""
    taken = {t.ma for t in draft.tasks}
    for i, line in enumerate(lines):
        if line.zone not in (SPECIFIC, TASKS) or line.block.is_row or line.heading:
            continue
        if line.kind not in ("dash", "plus", "text") or has_figure(line.body):
            continue
        if _is_subheading(lines, i) or (line.kind == "text" and line.zone == TASKS
                                        and not line.body.endswith(".")):
            continue
        if line.kind == "text" and line.zone == TASKS and re.match(
                r"^(Chi tiết|Có phụ lục|Theo phụ lục)", line.body):
            continue
        body = line.body.rstrip(";.,")
        task = DraftTask(source=line.block.text, muc=line.muc, checks=list(line.checks))
        lead = _LEAD.search(body)
        if lead:
            inside = lead.group("inside")
            parts = re.split(r";\s*(?:đơn vị\s+)?phối hợp\s*:?\s*", inside, maxsplit=1,
                             flags=re.IGNORECASE)
            names = units_in(parts[0], draft.units)
            body = (body[: lead.start()] + body[lead.end():]).strip().rstrip(";.,")
            if names:
                task.chu_tri = names[0]
            else:
                task.checks.append(f"đơn vị chủ trì \"{parts[0].strip()}\" chưa có trong "
                                   "danh sách đơn vị")
            if len(parts) > 1:
                task.phoi_hop = [u for u in units_in(parts[1], draft.units)
                                 if u != task.chu_tri]
                if not task.phoi_hop:
                    task.checks.append(f"đơn vị phối hợp \"{parts[1].strip()}\" chưa có trong "
                                       "danh sách đơn vị")
        if task.chu_tri is None:
            task.chu_tri, why = guess.lead(body)
            task.checks.append(f"đơn vị chủ trì là đoán: {why}")
        task.ten = body[:1].upper() + body[1:]
        task.ma = task_id(task.ten, taken, unit_names(draft.units))
        task.han = due_in(line.body, draft.header.nam)
        draft.tasks.append(task)


def _sections(lines: list[Line], draft: Draft) -> None:
    seen: set[str] = set()
    for line in lines:
        if line.heading and line.muc and line.kind in ("letter", "paren", "num") \
                and line.zone not in (GENERAL,) and line.muc not in seen:
            seen.add(line.muc)
            draft.sections.append((line.muc, line.body.rstrip(":")))


def extract(blocks: list[Block]) -> Draft:
    draft = Draft()
    lines = outline(blocks)
    read_header(lines, draft.header)
    read_closing(lines, draft.report)
    read_organisation(lines, draft)
    guess = _Guess(draft)
    _figure_paragraphs(lines, draft)
    _plan_tasks(lines, draft, guess)
    read_tables(lines, draft)
    taken: set[str] = set()
    for target in draft.targets:
        target.ma = target.ma or _target_id(target.ten, taken)
        if target.ma not in taken:
            taken.add(target.ma)
        if target.chu_tri is None:
            target.chu_tri, why = guess.lead(target.ten)
            target.checks.append(f"đơn vị chủ trì là đoán: {why}")
        if not target.don_vi_bao_cao and target.chu_tri:
            target.don_vi_bao_cao = [target.chu_tri]
            target.checks.append("đơn vị báo cáo số liệu: tạm ghi đơn vị chủ trì")
    _other_figures(lines, draft)
    _unplaced(lines, draft)
    _sections(lines, draft)
    symbol = draft.header.ky_hieu or ""
    if symbol.startswith("KH-"):
        draft.report.ky_hieu = "BC-" + symbol[3:]
    elif symbol:
        draft.report.ky_hieu = "BC-" + symbol.split("-")[-1]
    return draft
