"""The rules across files: references, who may report what, periods, dates, values.

``check_repo`` loads every file of a plan repo, validates each against its model, then
applies the contract's rules across files. It returns the problems and, when the plan
files themselves are sound, the plan as plain values for the attainment engine.

One mistake gives one message: a reference to an item that exists but is itself broken
is not reported again (the item's own error says what to fix), and a unit folder that
names no unit is reported once, not once per entry of its files.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import gc
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ..load.models import (
    FILE_KINDS,
    ID_PATTERN,
    PlanFile,
    ReportInput,
    ResultFile,
    Target,
    TargetResult,
    TargetsFile,
    Task,
    TasksFile,
    Unit,
    UnitsFile,
)
from ..load.plan import Plan
from ..load.repo import PLAN_FILES, RepoFiles, SourceFile, discover, read_source, rel
from ..vocab.dates import roman
from ..vocab.periods import Period
from ..vocab.problems import START, Position, Problem, error, warning
from .schema import plain, suggest, validate_items, validate_model

if TYPE_CHECKING:
    import multiprocessing.context

ID_RE = re.compile(ID_PATTERN)


@dataclass(slots=True)
class CheckOutcome:
    problems: list[Problem]
    plan: Plan | None  # None when the plan files are too broken to compute anything
    files_checked: int = 0
    files: list[str] = field(default_factory=list)  # repo-relative paths of the files read

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


M = TypeVar("M", bound=BaseModel)


@dataclass(slots=True)
class Listed(Generic[M]):
    """One list of the plan (units, targets or tasks), as far as it could be read."""

    src: SourceFile | None
    loaded: bool = False  # the file holds the list, even if some items are broken
    items: dict[str, tuple[int, M]] = field(default_factory=dict)  # valid items by id
    declared: set[str] = field(default_factory=set)  # every id written, valid or not
    # Valid items whose references are wrong: the checks that rely on those references
    # are skipped for them elsewhere, so that one mistake is reported once.
    shaky: set[str] = field(default_factory=set)

    def models(self) -> dict[str, M]:
        return {ma: model for ma, (_, model) in self.items.items()}

    def knows(self, ma: str) -> bool:
        """``ma`` is written in the list, or is what a malformed id there was meant to be
        ('Cong_An' for cong-an): that id's own error says what to fix."""
        if ma in self.declared:
            return True
        return any(not ID_RE.match(d) and plain(d) == plain(ma) for d in self.declared)

    def suggestions(self) -> list[str]:
        """The well-formed ids, to suggest from."""
        return sorted(d for d in self.declared if ID_RE.match(d))


def _load_list(
    out: list[Problem], src: SourceFile | None, key: str, model: type[M], kind: str, what: str
) -> Listed[M]:
    listed: Listed[M] = Listed(src)
    if src is None or not src.doc.ok:
        return listed
    valid, problems = validate_items(src.doc, key, model, FILE_KINDS[kind][1])
    out.extend(problems)
    if valid is None:
        return listed
    listed.loaded = True
    raw = src.doc.data[key]
    seen: dict[str, int] = {}
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("ma"), str):
            continue
        ma = item["ma"]
        listed.declared.add(ma)
        if ma in seen:
            first = src.doc.positions.value((key, seen[ma], "ma"))
            out.append(error(
                src.path, src.doc.positions.value((key, index, "ma")),
                f"mã {what} '{ma}' bị trùng (đã dùng ở dòng {first.line}); "
                "mỗi mã chỉ được dùng một lần", "ma-trung",
            ))
        else:
            seen[ma] = index
    for index, parsed in valid:
        ma = getattr(parsed, "ma")  # noqa: B009 - every listed model has an id
        if seen.get(ma) == index:
            listed.items[ma] = (index, parsed)
    return listed


def _unit_ref(
    out: list[Problem], src: SourceFile, path: tuple[str | int, ...], value: str,
    units: Listed[Unit], role: str,
) -> bool:
    """Report ``value`` if it names no unit; True when it is fine."""
    if units.knows(value):
        return True
    out.append(error(
        src.path, src.doc.positions.value(path),
        f"{role}: không có đơn vị mã '{value}' trong plan/units.yaml"
        + suggest(value, units.suggestions()),
        "tham-chieu",
    ))
    return False


def _check_targets(out: list[Problem], targets: Listed[Target], units: Listed[Unit]) -> None:
    src = targets.src
    assert src is not None
    pos = src.doc.positions
    for ma, (index, target) in targets.items.items():
        base: tuple[str | int, ...] = ("chi_tieu", index)
        refs_ok = _unit_ref(out, src, (*base, "chu_tri"), target.chu_tri, units, "chu_tri")
        for i, unit in enumerate(target.phoi_hop):
            _unit_ref(out, src, (*base, "phoi_hop", i), unit, units, "phoi_hop")
        for i, unit in enumerate(target.don_vi_bao_cao or []):
            refs_ok = _unit_ref(
                out, src, (*base, "don_vi_bao_cao", i), unit, units, "don_vi_bao_cao"
            ) and refs_ok
        if target.don_vi_bao_cao is not None and not target.don_vi_bao_cao:
            refs_ok = False
            out.append(error(src.path, pos.value((*base, "don_vi_bao_cao")),
                             "don_vi_bao_cao: cần ít nhất một đơn vị báo cáo, "
                             "hoặc bỏ khóa này để đơn vị chủ trì báo cáo", "chi-tieu"))
        if not refs_ok:
            targets.shaky.add(ma)
        percent = target.don_vi_tinh.startswith("%")
        goal = target.muc_tieu
        if percent and not 0 <= goal <= 100:
            out.append(error(src.path, pos.value((*base, "muc_tieu")),
                             "muc_tieu: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, "
                             f"nhận được {goal:g}", "chi-tieu"))
        elif target.so_sanh == ">=" and goal <= 0:
            out.append(error(src.path, pos.value((*base, "muc_tieu")),
                             'muc_tieu: với so_sanh ">=" mục tiêu cần lớn hơn 0 (để tính được '
                             f"tỷ lệ đạt), nhận được {goal:g}", "chi-tieu"))
        elif target.so_sanh == "<=" and goal < 0:
            out.append(error(src.path, pos.value((*base, "muc_tieu")),
                             'muc_tieu: với so_sanh "<=" mục tiêu cần lớn hơn hoặc bằng 0, '
                             f"nhận được {goal:g}", "chi-tieu"))
        if target.cach_tinh == "ty_le" and not percent:
            out.append(error(src.path, pos.value((*base, "don_vi_tinh")),
                             'don_vi_tinh: chỉ tiêu ty_le được tính ra phần trăm, cần "%", '
                             f'nhận được "{target.don_vi_tinh}"', "chi-tieu"))
        if target.cach_tinh != "ty_le":
            for key in ("tu_so", "mau_so"):
                if getattr(target, key) is not None:
                    out.append(error(src.path, pos.key((*base, key)),
                                     f"{key}: chỉ dùng cho chỉ tiêu có cach_tinh: ty_le; chỉ "
                                     f"tiêu này có cach_tinh: {target.cach_tinh}", "chi-tieu"))
        if target.luy_ke and target.cach_tinh != "tong":
            out.append(error(src.path, pos.key((*base, "luy_ke")),
                             "luy_ke: chỉ dùng cho chỉ tiêu có cach_tinh: tong; chỉ tiêu này "
                             f"có cach_tinh: {target.cach_tinh}", "chi-tieu"))
        for quarter, value in (target.lo_trinh or {}).items():
            if percent and not 0 <= value <= 100:
                out.append(error(src.path, pos.value((*base, "lo_trinh", quarter)),
                                 f"lo_trinh.{quarter}: chỉ tiêu tính bằng % cần giá trị từ 0 "
                                 f"đến 100, nhận được {value:g}", "chi-tieu"))


def _check_tasks(
    out: list[Problem], tasks: Listed[Task], units: Listed[Unit], year: int | None
) -> None:
    src = tasks.src
    assert src is not None
    for ma, (index, task) in tasks.items.items():
        base: tuple[str | int, ...] = ("nhiem_vu", index)
        refs_ok = _unit_ref(out, src, (*base, "chu_tri"), task.chu_tri, units, "chu_tri")
        for i, unit in enumerate(task.phoi_hop):
            refs_ok = _unit_ref(
                out, src, (*base, "phoi_hop", i), unit, units, "phoi_hop"
            ) and refs_ok
        if not refs_ok:
            tasks.shaky.add(ma)
        if year is not None and task.han is not None and task.han.year < year:
            out.append(warning(src.path, src.doc.positions.value((*base, "han")),
                               f"han: hạn {task.han.isoformat()} thuộc năm trước năm kế hoạch "
                               f"({year})", "nhiem-vu"))


@dataclass(slots=True)
class _Context:
    plan: PlanFile
    units: Listed[Unit]
    targets: Listed[Target]
    tasks: Listed[Task]
    today: dt.date


def _check_result(
    out: list[Problem], src: SourceFile, result: ResultFile, unit_dir: str, period: Period,
    ctx: _Context,
) -> bool:
    """The rules of one result file; True when it may count in the attainment."""
    pos = src.doc.positions
    found: list[Problem] = []
    if result.don_vi != unit_dir:
        found.append(error(src.path, pos.value(("don_vi",)),
                           f"don_vi: cần '{unit_dir}' cho khớp với thư mục units/{unit_dir}/, "
                           f"nhận được '{result.don_vi}'", "don-vi"))
    if result.ky != str(period):
        found.append(error(src.path, pos.value(("ky",)),
                           f"ky: cần '{period}' cho khớp với tên tệp {period}.yaml, "
                           f"nhận được '{result.ky}'", "ky"))
    if period.year != ctx.plan.nam:
        where = pos.value(("ky",)) if result.ky == str(period) else START
        label = "ky" if result.ky == str(period) else f"tên tệp {period}.yaml"
        found.append(error(src.path, where,
                           f"{label}: năm {period.year} khác năm của kế hoạch ({ctx.plan.nam}); "
                           f"tệp kết quả cần có dạng {ctx.plan.nam}-Q<quý>.yaml", "ky"))
    sent = result.ngay_gui
    if sent > ctx.today:
        found.append(error(src.path, pos.value(("ngay_gui",)),
                           f"ngay_gui: ngày {sent.isoformat()} chưa tới (hôm nay là "
                           f"{ctx.today.isoformat()}); cần ghi ngày thực tế gửi báo cáo", "ngay"))
    quarter_start = period.start
    if sent < quarter_start and period.year == ctx.plan.nam:
        found.append(warning(src.path, pos.value(("ngay_gui",)),
                             f"ngay_gui: ngày gửi {sent.isoformat()} trước khi quý "
                             f"{roman(period.quarter)} bắt đầu ({quarter_start.isoformat()})",
                             "ngay"))
    known_unit = ctx.units.knows(unit_dir)
    if ctx.targets.loaded:
        for ma, entry in (result.chi_tieu or {}).items():
            key_pos = pos.key(("chi_tieu", ma))
            if not ctx.targets.knows(ma):
                found.append(error(src.path, key_pos,
                                   f"chi_tieu: không có chỉ tiêu mã '{ma}' trong "
                                   "plan/targets.yaml" + suggest(ma, ctx.targets.suggestions()),
                                   "tham-chieu"))
                continue
            if ma not in ctx.targets.items:
                continue  # the target itself is broken; its own error says so
            _, target = ctx.targets.items[ma]
            if known_unit and ma not in ctx.targets.shaky and unit_dir not in target.reporters:
                found.append(error(src.path, key_pos,
                                   f"chi_tieu: đơn vị '{unit_dir}' không phải đơn vị báo cáo của "
                                   f"chỉ tiêu '{ma}' (đơn vị báo cáo: "
                                   f"{', '.join(target.reporters)}); hãy bỏ mục này", "quyen"))
                continue
            _check_target_entry(found, src, ("chi_tieu", ma), target, entry)
    if ctx.tasks.loaded:
        for ma in result.nhiem_vu or {}:
            key_pos = pos.key(("nhiem_vu", ma))
            if not ctx.tasks.knows(ma):
                found.append(error(src.path, key_pos,
                                   f"nhiem_vu: không có nhiệm vụ mã '{ma}' trong plan/tasks.yaml"
                                   + suggest(ma, ctx.tasks.suggestions()), "tham-chieu"))
                continue
            if ma not in ctx.tasks.items or ma in ctx.tasks.shaky or not known_unit:
                continue
            _, task = ctx.tasks.items[ma]
            if unit_dir != task.chu_tri and unit_dir not in task.phoi_hop:
                helpers = f"; phối hợp: {', '.join(task.phoi_hop)}" if task.phoi_hop else ""
                found.append(error(src.path, key_pos,
                                   f"nhiem_vu: đơn vị '{unit_dir}' không chủ trì, không phối hợp "
                                   f"thực hiện nhiệm vụ '{ma}' (chủ trì: {task.chu_tri}{helpers}); "
                                   "hãy bỏ mục này", "quyen"))
    out.extend(found)
    return known_unit and not any(p.is_error for p in found)


def _check_target_entry(
    out: list[Problem], src: SourceFile, base: tuple[str, str], target: Target,
    entry: TargetResult,
) -> None:
    pos = src.doc.positions
    ma = target.ma
    if target.cach_tinh == "ty_le":
        if entry.gia_tri is not None:
            out.append(error(src.path, pos.key((*base, "gia_tri")),
                             f"gia_tri: chỉ tiêu '{ma}' có cach_tinh: ty_le, cần tu_so và "
                             "mau_so (số nguyên) thay cho gia_tri", "gia-tri"))
            return
        missing = [k for k in ("tu_so", "mau_so") if getattr(entry, k) is None]
        if missing:
            names = " và ".join(f"'{k}'" for k in missing)
            what = "; ".join(
                f"{k}: {getattr(target, k)}" if len(missing) > 1 else str(getattr(target, k))
                for k in missing if getattr(target, k)
            ) or "số nguyên"
            out.append(error(src.path, pos.key(base),
                             f"thiếu khóa bắt buộc {names} của chỉ tiêu tỷ lệ '{ma}' ({what})",
                             "gia-tri"))
            return
        tu, mau = entry.tu_so, entry.mau_so
        assert tu is not None and mau is not None
        if mau <= 0:
            out.append(error(src.path, pos.value((*base, "mau_so")),
                             f"mau_so: cần số nguyên lớn hơn 0, nhận được {mau}", "gia-tri"))
        if tu < 0:
            out.append(error(src.path, pos.value((*base, "tu_so")),
                             f"tu_so: cần số nguyên từ 0 trở lên, nhận được {tu}", "gia-tri"))
        elif mau > 0 and tu > mau:
            out.append(error(src.path, pos.value((*base, "tu_so")),
                             f"tu_so: tử số ({tu}) không được lớn hơn mẫu số ({mau})",
                             "gia-tri"))
        return
    wrong = [k for k in ("tu_so", "mau_so") if getattr(entry, k) is not None]
    if wrong:
        out.append(error(src.path, pos.key((*base, wrong[0])),
                         f"{wrong[0]}: chỉ tiêu '{ma}' có cach_tinh: {target.cach_tinh}, cần "
                         f"gia_tri (một số) thay cho {' và '.join(wrong)}", "gia-tri"))
        return
    if entry.gia_tri is None:
        out.append(error(src.path, pos.key(base),
                         f"thiếu khóa bắt buộc 'gia_tri' của chỉ tiêu '{ma}' "
                         f"(một số, đơn vị tính: {target.don_vi_tinh})", "gia-tri"))
        return
    value = entry.gia_tri
    if target.don_vi_tinh.startswith("%") and not 0 <= value <= 100:
        out.append(error(src.path, pos.value((*base, "gia_tri")),
                         f"gia_tri: chỉ tiêu tính bằng % cần giá trị từ 0 đến 100, nhận được "
                         f"{value:g}", "gia-tri"))
    elif target.cach_tinh == "tong" and value < 0:
        out.append(error(src.path, pos.value((*base, "gia_tri")),
                         f"gia_tri: chỉ tiêu có cach_tinh: tong cần giá trị từ 0 trở lên, nhận "
                         f"được {value:g}", "gia-tri"))


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """Loading builds hundreds of thousands of small objects and no reference cycles;
    Python's cyclic garbage collector would walk them again and again (a third of the
    time at province size), so it waits until loading is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Below this many result files a second process costs more than it saves.
PARALLEL_MIN_FILES = 200


def check_repo(
    root: Path,
    today: dt.date,
    *,
    fast: bool = False,
    sources: dict[str, SourceFile] | None = None,
    need_results: bool = True,
    jobs: int | None = None,
) -> CheckOutcome:
    """Load and check the whole plan repo at ``root``.

    With ``need_results=False`` (validate only needs the problems), a large repo's result
    files are split between this process and a second one (both cores of a commune
    office PC or a CI runner); the plan is then returned without its results.
    """
    with _collection_paused():
        found = discover(root)
        jobs = jobs if jobs is not None else min(2, os.cpu_count() or 1)
        if (
            need_results
            or sources is not None
            or jobs < 2
            or len(found.results) < PARALLEL_MIN_FILES
            or (context := _fork_context()) is None
        ):
            return _check_repo(root, today, fast=fast, sources=sources, found=found)
        paths = [rel(root, path) for path, _, _ in found.results]
        share = frozenset(paths[len(paths) // 2 :])
        with context.Pool(1) as pool:
            theirs = pool.apply_async(_check_share, (root, today, fast, share))
            outcome = _check_repo(root, today, fast=fast, sources=None, found=found,
                                  skip=share)
            problems, files = theirs.get()
        outcome.problems = sorted([*outcome.problems, *problems], key=Problem.sort_key)
        read = {*outcome.files, *files}
        order = [
            *(rel(root, path) for path in found.plan.values()),
            *paths,
            *(rel(root, path) for path, _ in found.reports),
        ]
        outcome.files = [f for f in order if f in read]
        outcome.files_checked += len(files)
        return outcome


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Forking shares the imported modules with the second process at no cost; where
    there is no fork (Windows), starting Python again would eat the gain. (Imported here:
    small repos and the other commands never need it.)"""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _check_share(
    root: Path, today: dt.date, fast: bool, share: frozenset[str]
) -> tuple[list[Problem], list[str]]:
    """In the second process: check the plan and only the result files of ``share``;
    return the problems of those files."""
    with _collection_paused():
        found = discover(root)
        paths = {rel(root, path) for path, _, _ in found.results}
        outcome = _check_repo(root, today, fast=fast, sources=None, found=found,
                              skip=frozenset(paths - share))
    return [p for p in outcome.problems if p.path in share], sorted(share)


def _check_repo(
    root: Path,
    today: dt.date,
    *,
    fast: bool,
    sources: dict[str, SourceFile] | None,
    found: RepoFiles,
    skip: frozenset[str] = frozenset(),
) -> CheckOutcome:
    problems = list(found.problems)

    def read(path: Path) -> SourceFile:
        if sources is not None:
            key = path.relative_to(root).as_posix()
            if key in sources:
                return sources[key]
        return read_source(root, path, fast=fast)

    plan_sources = {kind: read(path) for kind, path in found.plan.items()}
    result_sources = [
        (read(path), unit, period)
        for path, unit, period in found.results
        if not skip or rel(root, path) not in skip
    ]
    report_sources = [(read(path), period) for path, period in found.reports]
    all_sources = [*plan_sources.values(), *(s for s, _, _ in result_sources),
                   *(s for s, _ in report_sources)]
    for source in all_sources:
        problems.extend(source.doc.problems)

    plan_file: PlanFile | None = None
    plan_src = plan_sources.get("plan")
    if plan_src is not None and plan_src.doc.ok:
        plan_file, plan_problems = validate_model(
            plan_src.doc, PlanFile, FILE_KINDS["plan"][1]
        )
        problems.extend(plan_problems)

    units = _load_list(problems, plan_sources.get("units"), "don_vi", Unit, "units", "đơn vị")
    targets = _load_list(
        problems, plan_sources.get("targets"), "chi_tieu", Target, "targets", "chỉ tiêu"
    )
    tasks = _load_list(
        problems, plan_sources.get("tasks"), "nhiem_vu", Task, "tasks", "nhiệm vụ"
    )
    if units.loaded:
        if targets.loaded:
            _check_targets(problems, targets, units)
        if tasks.loaded:
            _check_tasks(problems, tasks, units, plan_file.nam if plan_file else None)
        if plan_file is not None:
            _unit_ref(problems, plan_sources["plan"], ("co_quan_thuong_truc",),
                      plan_file.co_quan_thuong_truc, units, "co_quan_thuong_truc")
            _check_admin_accounts(problems, plan_sources["plan"], plan_file, units.models())
        _check_accounts(problems, units)
        for unit_dir in found.unit_dirs:
            if not units.knows(unit_dir):
                problems.append(error(f"units/{unit_dir}", START,
                                      f"thư mục units/{unit_dir}/ không ứng với đơn vị nào "
                                      "trong plan/units.yaml"
                                      + suggest(unit_dir, units.suggestions()), "don-vi"))

    results: dict[Period, dict[str, ResultFile]] = {}
    result_paths: dict[tuple[Period, str], str] = {}
    ctx = (
        _Context(plan_file, units, targets, tasks, today)
        if plan_file is not None and units.loaded else None
    )
    for src, unit_dir, period in result_sources:
        if not src.doc.ok:
            continue
        result, result_problems = validate_model(src.doc, ResultFile, FILE_KINDS["result"][1])
        problems.extend(result_problems)
        if ctx is None:
            continue
        if result is None:
            # Check what is sound in the file too, so that a unit sees all its mistakes
            # at once; such a file never counts in the attainment.
            salvaged = _salvage_result(src.doc.data, unit_dir, period)
            if salvaged is not None:
                _check_result(problems, src, salvaged, unit_dir, period, ctx)
            continue
        if _check_result(problems, src, result, unit_dir, period, ctx):
            results.setdefault(period, {})[unit_dir] = result
            result_paths[(period, unit_dir)] = src.path

    reports: dict[Period, ReportInput] = {}
    for src, period in report_sources:
        if not src.doc.ok:
            continue
        report, report_problems = validate_model(src.doc, ReportInput, FILE_KINDS["report"][1])
        problems.extend(report_problems)
        if report is None:
            continue
        if plan_file is not None and period.year != plan_file.nam:
            problems.append(error(src.path, START,
                                  f"tên tệp {period}.yaml: năm {period.year} khác năm của kế "
                                  f"hoạch ({plan_file.nam})", "ky"))
            continue
        reports[period] = report

    problems.sort(key=Problem.sort_key)
    plan_paths = set(PLAN_FILES.values())
    plan_sound = (
        plan_file is not None
        and len(plan_sources) == len(PLAN_FILES)
        and units.loaded and targets.loaded and tasks.loaded
        and not any(p.is_error and p.path in plan_paths for p in problems)
    )
    plan = None
    if plan_sound and plan_file is not None:
        plan = Plan(root, plan_file, units.models(), targets.models(), tasks.models(),
                    results, reports, result_paths)
    return CheckOutcome(problems, plan, len(all_sources), [s.path for s in all_sources])


def _salvage_result(data: object, unit_dir: str, period: Period) -> ResultFile | None:
    """The sound part of a result file that failed validation: broken entries dropped,
    broken required fields replaced by what the file's place says, so that the checks
    across files still run on the rest without repeating the same mistakes."""
    if not isinstance(data, dict):
        return None
    placeholders: dict[str, object] = {
        "don_vi": unit_dir,
        "ky": str(period),
        "ngay_gui": period.start,
    }
    cleaned: dict[str, Any] = {
        k: copy.copy(v) for k, v in data.items() if k in ResultFile.model_fields
    }
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
    return None


def _check_accounts(out: list[Problem], units: Listed[Unit]) -> None:
    src = units.src
    assert src is not None
    owner: dict[str, str] = {}
    for ma, (index, unit) in units.items.items():
        for i, login in enumerate(unit.tai_khoan):
            key = login.lower()
            if key in owner and owner[key] != ma:
                out.append(error(src.path,
                                 src.doc.positions.value(("don_vi", index, "tai_khoan", i)),
                                 f"tai_khoan: tài khoản '{login}' đã thuộc đơn vị "
                                 f"'{owner[key]}'; mỗi tài khoản chỉ gửi cho một đơn vị",
                                 "tai-khoan"))
            owner.setdefault(key, ma)


def _check_admin_accounts(
    out: list[Problem], src: SourceFile, plan: PlanFile, units: dict[str, Unit]
) -> None:
    unit_logins: dict[str, str] = {}
    for unit in units.values():
        for login in unit.tai_khoan:
            unit_logins.setdefault(login.lower(), unit.ma)  # its first owner, as _check_accounts
    for i, login in enumerate(plan.quan_tri):
        if login.lower() in unit_logins:
            out.append(warning(src.path, src.doc.positions.value(("quan_tri", i)),
                               f"quan_tri: tài khoản '{login}' cũng là tài khoản của đơn vị "
                               f"'{unit_logins[login.lower()]}'", "tai-khoan"))


__all__ = [
    "CheckOutcome", "Listed", "Plan", "Position", "TargetsFile", "TasksFile", "UnitsFile",
    "check_repo",
]
