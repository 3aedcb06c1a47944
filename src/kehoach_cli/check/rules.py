"""The rules across files: references, who may report what, periods, dates, values.

``check_repo`` loads every file of a plan repo, validates each against its model, then
applies the contract's rules across files. It returns the problems and, when the plan
files themselves are sound, the plan as plain values for the attainment engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..load.models import (
    FILE_KINDS,
    PlanFile,
    ReportInput,
    ResultFile,
    Target,
    Task,
    TasksFile,
    TargetsFile,
    Unit,
    UnitsFile,
)
from ..load.repo import Period, SourceFile, discover, read_source
from .problems import Position, Problem, error, warning
from .schema import suggest, validate_items, validate_model


@dataclass(slots=True)
class Plan:
    """A checked plan repo: what the attainment engine and the renderers read."""

    root: Path
    plan: PlanFile
    units: dict[str, Unit]
    targets: dict[str, Target]
    tasks: dict[str, Task]
    results: dict[Period, dict[str, ResultFile]] = field(default_factory=dict)
    reports: dict[Period, ReportInput] = field(default_factory=dict)
    result_paths: dict[tuple[Period, str], str] = field(default_factory=dict)


@dataclass(slots=True)
class CheckOutcome:
    problems: list[Problem]
    plan: Plan | None  # None when the plan files are too broken to compute anything
    files_checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def _unit_ref(
    out: list[Problem], src: SourceFile, path: tuple[str | int, ...], value: str,
    units: dict[str, Unit], role: str,
) -> None:
    if value not in units:
        out.append(
            error(
                src.path,
                src.doc.positions.value(path),
                f"{role}: không có đơn vị mã '{value}' trong plan/units.yaml"
                + suggest(value, units),
                "tham-chieu",
            )
        )


def _duplicates(
    out: list[Problem], src: SourceFile, key: str, items: list[object], what: str
) -> None:
    data = src.doc.data
    raw_items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(raw_items, list):
        return
    seen: dict[str, int] = {}
    for index, item in enumerate(raw_items):
        if not isinstance(item, dict) or not isinstance(item.get("ma"), str):
            continue
        ma = item["ma"]
        if ma in seen:
            first = src.doc.positions.value((key, seen[ma], "ma"))
            out.append(
                error(
                    src.path,
                    src.doc.positions.value((key, index, "ma")),
                    f"mã {what} '{ma}' bị trùng (đã dùng ở dòng {first.line}); "
                    "mỗi mã chỉ được dùng một lần",
                    "ma-trung",
                )
            )
        else:
            seen[ma] = index


def _index_of(src: SourceFile, key: str, ma: str) -> int | None:
    data = src.doc.data
    items = data.get(key) if isinstance(data, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict) and item.get("ma") == ma:
                return index
    return None


def _check_targets(
    out: list[Problem], src: SourceFile, targets: list[Target], units: dict[str, Unit]
) -> None:
    for target in targets:
        index = _index_of(src, "chi_tieu", target.ma)
        base: tuple[str | int, ...] = ("chi_tieu", index if index is not None else 0)
        pos = src.doc.positions
        _unit_ref(out, src, (*base, "chu_tri"), target.chu_tri, units, "chu_tri")
        for i, ma in enumerate(target.phoi_hop):
            _unit_ref(out, src, (*base, "phoi_hop", i), ma, units, "phoi_hop")
        for i, ma in enumerate(target.don_vi_bao_cao or []):
            _unit_ref(out, src, (*base, "don_vi_bao_cao", i), ma, units, "don_vi_bao_cao")
        if target.don_vi_bao_cao is not None and not target.don_vi_bao_cao:
            out.append(error(src.path, pos.value((*base, "don_vi_bao_cao")),
                             "don_vi_bao_cao: cần ít nhất một đơn vị báo cáo, "
                             "hoặc bỏ khóa này để đơn vị chủ trì báo cáo", "chi-tieu"))
        percent = target.don_vi_tinh.startswith("%")
        if percent and not 0 <= target.muc_tieu <= 100:
            out.append(error(src.path, pos.value((*base, "muc_tieu")),
                             f"muc_tieu: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, "
                             f"nhận được {target.muc_tieu:g}", "chi-tieu"))
        if target.so_sanh == ">=" and target.muc_tieu <= 0:
            out.append(error(src.path, pos.value((*base, "muc_tieu")),
                             "muc_tieu: với so_sanh \">=\" mục tiêu cần lớn hơn 0 "
                             "(để tính được tỷ lệ đạt)", "chi-tieu"))
        if target.so_sanh == "<=" and target.muc_tieu < 0:
            out.append(error(src.path, pos.value((*base, "muc_tieu")),
                             "muc_tieu: với so_sanh \"<=\" mục tiêu cần lớn hơn hoặc bằng 0",
                             "chi-tieu"))
        if target.cach_tinh == "ty_le" and not percent:
            out.append(error(src.path, pos.value((*base, "don_vi_tinh")),
                             f"don_vi_tinh: chỉ tiêu ty_le được tính ra phần trăm, cần \"%\", "
                             f"nhận được \"{target.don_vi_tinh}\"", "chi-tieu"))
        if target.cach_tinh != "ty_le":
            for key in ("tu_so", "mau_so"):
                if getattr(target, key) is not None:
                    out.append(error(src.path, pos.key((*base, key)),
                                     f"{key}: chỉ dùng cho chỉ tiêu cach_tinh: ty_le, chỉ tiêu "
                                     f"này tính theo {target.cach_tinh}", "chi-tieu"))
        if target.luy_ke and target.cach_tinh != "tong":
            out.append(error(src.path, pos.key((*base, "luy_ke")),
                             "luy_ke: chỉ dùng cho chỉ tiêu cach_tinh: tong", "chi-tieu"))
        if target.cach_tinh == "tong" and target.muc_tieu < 0:
            out.append(error(src.path, pos.value((*base, "muc_tieu")),
                             "muc_tieu: chỉ tiêu tong cần mục tiêu lớn hơn hoặc bằng 0",
                             "chi-tieu"))
        for quarter, value in (target.lo_trinh or {}).items():
            if percent and not 0 <= value <= 100:
                out.append(error(src.path, pos.value((*base, "lo_trinh", quarter)),
                                 f"lo_trinh.{quarter}: chỉ tiêu tính bằng % cần giá trị từ 0 "
                                 f"đến 100, nhận được {value:g}", "chi-tieu"))


def _check_tasks(
    out: list[Problem], src: SourceFile, tasks: list[Task], units: dict[str, Unit], year: int
) -> None:
    for task in tasks:
        index = _index_of(src, "nhiem_vu", task.ma)
        base: tuple[str | int, ...] = ("nhiem_vu", index if index is not None else 0)
        _unit_ref(out, src, (*base, "chu_tri"), task.chu_tri, units, "chu_tri")
        for i, ma in enumerate(task.phoi_hop):
            _unit_ref(out, src, (*base, "phoi_hop", i), ma, units, "phoi_hop")
        if task.han is not None and task.han.year < year:
            out.append(warning(src.path, src.doc.positions.value((*base, "han")),
                               f"han: hạn {task.han.isoformat()} thuộc năm trước năm kế hoạch "
                               f"({year})", "nhiem-vu"))


def _check_result(
    out: list[Problem], src: SourceFile, result: ResultFile, unit_dir: str, period: Period,
    plan: PlanFile, units: dict[str, Unit], targets: dict[str, Target], tasks: dict[str, Task],
    today: dt.date,
) -> bool:
    """The rules of one result file; True when it may count in the attainment."""
    pos = src.doc.positions
    before = len([p for p in out if p.is_error])
    if unit_dir not in units:
        before -= 1  # reported once for the folder; the file still does not count
    if result.don_vi != unit_dir:
        out.append(error(src.path, pos.value(("don_vi",)),
                         f"don_vi: cần trùng tên thư mục '{unit_dir}', nhận được "
                         f"'{result.don_vi}'", "don-vi"))
    if result.ky != str(period):
        out.append(error(src.path, pos.value(("ky",)),
                         f"ky: cần trùng tên tệp '{period}', nhận được '{result.ky}'", "ky"))
    if period.year != plan.nam:
        out.append(error(src.path, pos.value(("ky",)),
                         f"ky: năm {period.year} khác năm của kế hoạch ({plan.nam})", "ky"))
    if result.ngay_gui > today:
        out.append(error(src.path, pos.value(("ngay_gui",)),
                         f"ngay_gui: ngày gửi {result.ngay_gui.isoformat()} ở tương lai "
                         f"(hôm nay là {today.isoformat()})", "ngay"))
    quarter_start = dt.date(period.year, 3 * period.quarter - 2, 1)
    if result.ngay_gui < quarter_start:
        out.append(warning(src.path, pos.value(("ngay_gui",)),
                           f"ngay_gui: ngày gửi {result.ngay_gui.isoformat()} trước khi quý "
                           f"{period.quarter} bắt đầu ({quarter_start.isoformat()})", "ngay"))
    unit = result.don_vi if result.don_vi in units else unit_dir
    for ma, entry in (result.chi_tieu or {}).items():
        key_pos = pos.key(("chi_tieu", ma))
        target = targets.get(ma)
        if target is None:
            out.append(error(src.path, key_pos, f"chi_tieu: không có chỉ tiêu mã '{ma}' trong "
                             "plan/targets.yaml" + suggest(ma, targets), "tham-chieu"))
            continue
        if unit not in target.reporters:
            out.append(error(src.path, key_pos,
                             f"chi_tieu: đơn vị '{unit}' không báo cáo chỉ tiêu '{ma}' "
                             f"(đơn vị báo cáo: {', '.join(target.reporters)})", "quyen"))
        _check_target_entry(out, src, ("chi_tieu", ma), target, entry)
    for ma, task_entry in (result.nhiem_vu or {}).items():
        key_pos = pos.key(("nhiem_vu", ma))
        task = tasks.get(ma)
        if task is None:
            out.append(error(src.path, key_pos, f"nhiem_vu: không có nhiệm vụ mã '{ma}' trong "
                             "plan/tasks.yaml" + suggest(ma, tasks), "tham-chieu"))
            continue
        if unit != task.chu_tri and unit not in task.phoi_hop:
            out.append(error(src.path, key_pos,
                             f"nhiem_vu: đơn vị '{unit}' không chủ trì hay phối hợp nhiệm vụ "
                             f"'{ma}' (chủ trì: {task.chu_tri})", "quyen"))
        del task_entry
    return len([p for p in out if p.is_error]) == before


def _check_target_entry(
    out: list[Problem], src: SourceFile, base: tuple[str, str], target: Target,
    entry: object,
) -> None:
    from ..load.models import TargetResult

    assert isinstance(entry, TargetResult)
    pos = src.doc.positions
    if target.cach_tinh == "ty_le":
        if entry.gia_tri is not None:
            out.append(error(src.path, pos.key((*base, "gia_tri")),
                             f"gia_tri: chỉ tiêu '{target.ma}' tính theo tỷ lệ, cần tu_so và "
                             "mau_so (số nguyên) thay cho gia_tri", "gia-tri"))
        for key in ("tu_so", "mau_so"):
            if getattr(entry, key) is None:
                out.append(error(src.path, pos.key(base),
                                 f"thiếu khóa bắt buộc '{key}' của chỉ tiêu tỷ lệ '{target.ma}' "
                                 f"({getattr(target, key) or 'số nguyên'})", "gia-tri"))
        tu, mau = entry.tu_so, entry.mau_so
        if mau is not None and mau <= 0:
            out.append(error(src.path, pos.value((*base, "mau_so")),
                             f"mau_so: cần số nguyên lớn hơn 0, nhận được {mau}", "gia-tri"))
        if tu is not None and tu < 0:
            out.append(error(src.path, pos.value((*base, "tu_so")),
                             f"tu_so: cần số nguyên từ 0 trở lên, nhận được {tu}", "gia-tri"))
        if tu is not None and mau is not None and mau > 0 and tu > mau:
            out.append(error(src.path, pos.value((*base, "tu_so")),
                             f"tu_so: tử số ({tu}) không được lớn hơn mẫu số ({mau})", "gia-tri"))
        return
    for key in ("tu_so", "mau_so"):
        if getattr(entry, key) is not None:
            out.append(error(src.path, pos.key((*base, key)),
                             f"{key}: chỉ tiêu '{target.ma}' tính theo {target.cach_tinh}, cần "
                             "gia_tri (một số) thay cho tu_so/mau_so", "gia-tri"))
    if entry.gia_tri is None:
        out.append(error(src.path, pos.key(base),
                         f"thiếu khóa bắt buộc 'gia_tri' của chỉ tiêu '{target.ma}' "
                         f"(một số, đơn vị tính {target.don_vi_tinh})", "gia-tri"))
        return
    value = entry.gia_tri
    if target.don_vi_tinh.startswith("%") and not 0 <= value <= 100:
        out.append(error(src.path, pos.value((*base, "gia_tri")),
                         f"gia_tri: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, nhận được "
                         f"{value:g}", "gia-tri"))
    elif target.cach_tinh == "tong" and value < 0:
        out.append(error(src.path, pos.value((*base, "gia_tri")),
                         f"gia_tri: chỉ tiêu tong cần giá trị từ 0 trở lên, nhận được {value:g}",
                         "gia-tri"))


def check_repo(
    root: Path,
    today: dt.date,
    *,
    fast: bool = False,
    sources: dict[str, SourceFile] | None = None,
) -> CheckOutcome:
    """Load and check the whole plan repo at ``root``."""
    found = discover(root)
    problems = list(found.problems)

    def read(path: Path) -> SourceFile:
        if sources is not None:
            key = path.relative_to(root).as_posix()
            if key in sources:
                return sources[key]
        return read_source(root, path, fast=fast)

    plan_sources = {kind: read(path) for kind, path in found.plan.items()}
    result_sources = [(read(path), unit, period) for path, unit, period in found.results]
    report_sources = [(read(path), period) for path, period in found.reports]
    all_sources = [*plan_sources.values(), *(s for s, _, _ in result_sources),
                   *(s for s, _ in report_sources)]
    for src in all_sources:
        problems.extend(src.doc.problems)

    def parsed(src: SourceFile | None) -> bool:
        return src is not None and src.doc.ok

    plan_file: PlanFile | None = None
    units: dict[str, Unit] = {}
    targets: dict[str, Target] = {}
    tasks: dict[str, Task] = {}
    plan_sound = all(kind in plan_sources for kind in ("plan", "units", "targets", "tasks"))

    src = plan_sources.get("plan")
    if src is not None and parsed(src):
        plan_file, found_problems = validate_model(src.doc, PlanFile, FILE_KINDS["plan"][1])
        problems.extend(found_problems)
    plan_sound = plan_sound and plan_file is not None

    src = plan_sources.get("units")
    if src is not None and parsed(src):
        unit_list, found_problems = validate_items(src.doc, "don_vi", Unit, FILE_KINDS["units"][1])
        problems.extend(found_problems)
        plan_sound = plan_sound and unit_list is not None and not found_problems
        _duplicates(problems, src, "don_vi", list(unit_list or []), "đơn vị")
        for unit in unit_list or []:
            units.setdefault(unit.ma, unit)
        _check_accounts(problems, src, unit_list or [])
    else:
        plan_sound = False

    src = plan_sources.get("targets")
    if src is not None and parsed(src):
        target_list, found_problems = validate_items(
            src.doc, "chi_tieu", Target, FILE_KINDS["targets"][1]
        )
        problems.extend(found_problems)
        plan_sound = plan_sound and target_list is not None and not found_problems
        _duplicates(problems, src, "chi_tieu", list(target_list or []), "chỉ tiêu")
        for target in target_list or []:
            targets.setdefault(target.ma, target)
        if units:
            before = len(problems)
            _check_targets(problems, src, list(targets.values()), units)
            plan_sound = plan_sound and not any(p.is_error for p in problems[before:])
    else:
        plan_sound = False

    src = plan_sources.get("tasks")
    if src is not None and parsed(src):
        task_list, found_problems = validate_items(
            src.doc, "nhiem_vu", Task, FILE_KINDS["tasks"][1]
        )
        problems.extend(found_problems)
        plan_sound = plan_sound and task_list is not None and not found_problems
        _duplicates(problems, src, "nhiem_vu", list(task_list or []), "nhiệm vụ")
        for task in task_list or []:
            tasks.setdefault(task.ma, task)
        if units:
            before = len(problems)
            _check_tasks(problems, src, list(tasks.values()), units,
                         plan_file.nam if plan_file else today.year)
            plan_sound = plan_sound and not any(p.is_error for p in problems[before:])
    else:
        plan_sound = False

    if plan_file is not None and units:
        src = plan_sources["plan"]
        if plan_file.co_quan_thuong_truc not in units:
            before = len(problems)
            _unit_ref(problems, src, ("co_quan_thuong_truc",), plan_file.co_quan_thuong_truc,
                      units, "co_quan_thuong_truc")
            plan_sound = plan_sound and len(problems) == before
        _check_admin_accounts(problems, src, plan_file, units)

    if units:
        for unit_dir in found.unit_dirs:
            if unit_dir not in units:
                problems.append(error(f"units/{unit_dir}", Position(1, 1),
                                      f"thư mục units/{unit_dir}/ không ứng với đơn vị nào "
                                      "trong plan/units.yaml" + suggest(unit_dir, units),
                                      "don-vi"))

    results: dict[Period, dict[str, ResultFile]] = {}
    result_paths: dict[tuple[Period, str], str] = {}
    for src, unit_dir, period in result_sources:
        if not parsed(src):
            continue
        result, found_problems = validate_model(src.doc, ResultFile, FILE_KINDS["result"][1])
        problems.extend(found_problems)
        if plan_file is None or not units:
            continue
        if result is None:
            # Check what is sound in the file too, so that a unit sees all its mistakes
            # at once; such a file never counts in the attainment.
            salvaged = _salvage_result(src.doc.data, unit_dir, period)
            if salvaged is not None:
                _check_result(problems, src, salvaged, unit_dir, period, plan_file, units,
                              targets, tasks, today)
            continue
        if _check_result(problems, src, result, unit_dir, period, plan_file, units, targets,
                         tasks, today):
            results.setdefault(period, {})[unit_dir] = result
            result_paths[(period, unit_dir)] = src.path

    reports: dict[Period, ReportInput] = {}
    for src, period in report_sources:
        if not parsed(src):
            continue
        report, found_problems = validate_model(src.doc, ReportInput, FILE_KINDS["report"][1])
        problems.extend(found_problems)
        if report is None:
            continue
        if plan_file is not None and period.year != plan_file.nam:
            problems.append(error(src.path, Position(1, 1),
                                  f"tệp đầu vào báo cáo của năm {period.year} khác năm của kế "
                                  f"hoạch ({plan_file.nam})", "ky"))
            continue
        reports[period] = report

    problems.sort(key=Problem.sort_key)
    plan = None
    if plan_sound and plan_file is not None:
        plan = Plan(root, plan_file, units, targets, tasks, results, reports, result_paths)
    return CheckOutcome(problems, plan, len(all_sources))


def _salvage_result(data: object, unit_dir: str, period: Period) -> ResultFile | None:
    """The sound part of a result file that failed validation: broken entries dropped,
    broken required fields replaced by what the file's place says, so that the checks
    across files still run on the rest without repeating the same mistakes."""
    if not isinstance(data, dict):
        return None
    placeholders: dict[str, object] = {
        "don_vi": unit_dir,
        "ky": str(period),
        "ngay_gui": dt.date(period.year, 3 * period.quarter - 2, 1),
    }
    cleaned: dict[str, object] = {k: v for k, v in data.items() if k in ResultFile.model_fields}
    for _ in range(3):
        try:
            return ResultFile.model_validate(cleaned)
        except ValidationError as exc:
            for err in exc.errors():
                loc = err["loc"]
                head = str(loc[0]) if loc else ""
                section = cleaned.get(head)
                if head in ("chi_tieu", "nhiem_vu") and len(loc) >= 2 and isinstance(
                    section, dict
                ):
                    section.pop(str(loc[1]), None)
                elif head in placeholders:
                    cleaned[head] = placeholders[head]
                else:
                    cleaned.pop(head, None)
            cleaned = {**cleaned}
            for key in ("chi_tieu", "nhiem_vu"):
                if isinstance(data.get(key), dict) and key in cleaned:
                    cleaned[key] = dict(cleaned[key])  # type: ignore[call-overload]
    return None


def _check_accounts(out: list[Problem], src: SourceFile, units: Iterable[Unit]) -> None:
    owner: dict[str, str] = {}
    for unit in units:
        index = _index_of(src, "don_vi", unit.ma)
        for i, login in enumerate(unit.tai_khoan):
            key = login.lower()
            if key in owner and owner[key] != unit.ma:
                out.append(error(src.path, src.doc.positions.value(("don_vi", index or 0,
                                                                    "tai_khoan", i)),
                                 f"tai_khoan: tài khoản '{login}' đã thuộc đơn vị "
                                 f"'{owner[key]}'; mỗi tài khoản chỉ gửi cho một đơn vị",
                                 "tai-khoan"))
            owner.setdefault(key, unit.ma)


def _check_admin_accounts(
    out: list[Problem], src: SourceFile, plan: PlanFile, units: dict[str, Unit]
) -> None:
    unit_logins = {login.lower(): unit.ma for unit in units.values() for login in unit.tai_khoan}
    for i, login in enumerate(plan.quan_tri):
        if login.lower() in unit_logins:
            out.append(warning(src.path, src.doc.positions.value(("quan_tri", i)),
                               f"quan_tri: tài khoản '{login}' cũng là tài khoản của đơn vị "
                               f"'{unit_logins[login.lower()]}'", "tai-khoan"))


__all__ = ["CheckOutcome", "Plan", "TargetsFile", "TasksFile", "UnitsFile", "check_repo"]
