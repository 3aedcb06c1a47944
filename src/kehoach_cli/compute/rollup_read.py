"""Reading the members of a roll-up: each one checked and reduced to a ``MemberSummary``
(in a worker process when there are many), then combined by compute/rollup.py.

A commune is checked like ``kehoach validate`` checks it; one with errors counts in no
sum and says how many errors it has. A member that is itself a roll-up repo is rolled
up first (the same way, in the same process) and gives the level above its sums.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ..check.engine import check_loaded
from ..load.loaded import collection_paused, load_repo
from ..load.models import Target
from ..load.plan import Plan
from ..load.remote import MemberUnreadable, exported, fetch, head_commit, is_git_url, resolve
from ..load.remote import cache_root as git_cache
from ..load.tong_hop import ROLLUP_FILE, LoadedRollup, RollupTarget, is_rollup_repo, load_rollup
from ..vocab.periods import Period
from ..vocab.problems import Problem
from .attainment import compute_submissions, target_value
from .rollup import MemberSummary, Part, Rollup, combine

MAX_MESSAGES = 20  # problems of one member printed; the count says how many there are


@dataclass(frozen=True, slots=True)
class Level:
    """The roll-up's own targets, and where each key of them stands in tong-hop.yaml
    (``PATH:LINE:COL``), for the messages a worker writes."""

    targets: tuple[RollupTarget, ...]
    places: dict[str, str]

    def at(self, ma: str, key: str) -> str:
        return self.places.get(f"{ma}.{key}", self.places.get(ma, ROLLUP_FILE))

    @staticmethod
    def of(loaded: LoadedRollup, prefix: str = "") -> Level:
        assert loaded.model is not None
        places: dict[str, str] = {}
        for i, t in enumerate(loaded.model.chi_tieu):
            for key in (None, "cach_tinh", "don_vi_tinh", "cach_tong_hop"):
                pos = loaded.target_pos(i, key)
                places[t.ma if key is None else f"{t.ma}.{key}"] = (
                    f"{prefix}{ROLLUP_FILE}:{pos.line}:{pos.col}")
        return Level(tuple(loaded.model.chi_tieu), places)


@dataclass(frozen=True, slots=True)
class MemberSpec:
    """What a worker needs to read one member (picklable, small)."""

    ma: str
    ten: str
    kho: str  # as written in tong-hop.yaml
    where: str  # a folder on disk, or the cached bare repo of a git URL
    version: str | None
    shown: str  # how the member's files are named in messages
    unreadable: str | None = None  # why a git member could not be fetched


def _line(problem: Problem, prefix: str) -> str:
    level = "lỗi" if problem.is_error else "cảnh báo"
    return (f"{prefix}{problem.path}:{problem.pos.line}:{problem.pos.col}: {level}: "
            f"{problem.message}")


def read_member(spec: MemberSpec, level: Level, period: Period,
                today: dt.date) -> MemberSummary:
    """Check one member and reduce it to what the level above needs."""
    summary = MemberSummary(spec.ma, spec.ten, spec.kho)
    try:
        if is_git_url(spec.kho):
            commit = resolve(Path(spec.where), spec.version)
            summary.commit = commit
            with exported(Path(spec.where), commit) as root:
                _read_root(summary, root, spec, level, period, today)
        else:
            root = Path(spec.where)
            if not root.is_dir():
                raise MemberUnreadable(f"không có thư mục {spec.kho}")
            summary.commit = head_commit(root)
            _read_root(summary, root, spec, level, period, today)
    except MemberUnreadable as exc:
        summary.status = "khong_doc_duoc"
        summary.errors = max(summary.errors, 1)
        summary.messages = [f"{spec.shown.rstrip(':/')}: lỗi: {exc.message}"]
    return summary


def _read_root(summary: MemberSummary, root: Path, spec: MemberSpec,
               level: Level, period: Period, today: dt.date) -> None:
    if is_rollup_repo(root) and not (root / "plan" / "plan.yaml").exists():
        _read_rollup(summary, root, spec, level, period, today)
        return
    if not (root / "plan" / "plan.yaml").exists():
        raise MemberUnreadable("không phải kho kế hoạch (không có plan/plan.yaml) cũng "
                               f"không phải kho tổng hợp (không có {ROLLUP_FILE})")
    # Collection waits until the loaded repo is gone again (when _reduce returns): then
    # nothing is left for it to walk.
    with collection_paused():
        _reduce(summary, root, spec, level, period, today)


def _reduce(summary: MemberSummary, root: Path, spec: MemberSpec,
            level: Level, period: Period, today: dt.date) -> None:
    """Check the plan repo at ``root`` and keep of it what the level above needs."""
    repo = load_repo(root, fast=True)
    outcome = check_loaded(repo, today)
    errors = outcome.errors
    plan = outcome.plan
    if plan is not None and plan.plan.nam != period.year:
        summary.status = "co_loi"
        summary.errors = len(errors) + 1
        summary.messages = [f"{spec.shown}plan/plan.yaml: lỗi: kế hoạch của năm "
                            f"{plan.plan.nam}, không phải năm {period.year} của cấp tổng hợp"]
        return
    if errors or plan is None:
        summary.status = "co_loi"
        summary.errors = max(len(errors), 1)
        summary.messages = [_line(p, spec.shown) for p in errors[:MAX_MESSAGES]]
        return
    src = repo.targets.src
    defined: dict[str, Target] = {}
    for target in plan.targets.values():
        defined.setdefault(target.ma_cap_tren or target.ma, target)
    for rt in level.targets:
        own = defined.get(rt.ma)
        if own is None:
            continue
        summary.defines.add(rt.ma)
        index = repo.targets.items[own.ma][0]
        for key in ("cach_tinh", "don_vi_tinh"):
            mine, theirs = getattr(rt, key), getattr(own, key)
            if mine != theirs:
                pos = src.doc.positions.value(("chi_tieu", index, key)) if src else None
                at = f"{spec.shown}plan/targets.yaml" + (
                    f":{pos.line}:{pos.col}" if pos else "")
                summary.mismatched.add(rt.ma)
                summary.messages.append(_mismatch(level.at(rt.ma, key), rt.ma, key, mine,
                                                  theirs, at, own.ma))
    _contributions(summary, plan, defined, level.targets, period)
    for s in compute_submissions(plan, period):
        if s.required:
            summary.expected += 1
            summary.received += s.state != "chua_nop"
            summary.on_time += s.state == "dung_han"


def _mismatch(here: str, ma: str, key: str, mine: str, theirs: str, at: str, own: str,
              who: str = "xã") -> str:
    named = f"chỉ tiêu '{own}'" if own == ma else f"chỉ tiêu '{own}' (ma_cap_tren: {ma})"
    return (f"{here}: lỗi: chỉ tiêu '{ma}': {key} ở tong-hop.yaml là '{mine}' nhưng "
            f"{named} ở {at} ghi '{theirs}'; số liệu của {who} này không được tính vào "
            "chỉ tiêu đó")


def _contributions(summary: MemberSummary, plan: Plan, defined: dict[str, Target],
                   targets: tuple[RollupTarget, ...], period: Period) -> None:
    values: dict[str, Fraction] = {}
    tu_mau: dict[str, tuple[int, int]] = {}
    for rt in targets:
        own = defined.get(rt.ma)
        if own is None or rt.ma in summary.mismatched:
            continue
        value = target_value(plan, own, period)
        if value is None:
            continue
        values[rt.ma] = value
        if own.cach_tinh == "ty_le":
            files = plan.results.get(period, {})
            tu = mau = 0
            for unit in own.reporters:
                entry = (files[unit].chi_tieu or {}).get(own.ma) if unit in files else None
                if entry is not None and entry.tu_so is not None and entry.mau_so is not None:
                    tu += entry.tu_so
                    mau += entry.mau_so
            tu_mau[rt.ma] = (tu, mau)
    for rt in targets:
        if rt.ma not in values:
            continue
        if rt.cach_tinh == "ty_le":
            tu, mau = tu_mau[rt.ma]
            summary.parts[rt.ma] = Part(Fraction(tu), Fraction(mau))
        elif rt.cach_tong_hop == "trung_binh_co_trong_so" and rt.trong_so is not None:
            weight = values.get(rt.trong_so)
            if weight is not None and weight > 0:
                summary.parts[rt.ma] = Part(values[rt.ma] * weight, weight)
        else:
            summary.parts[rt.ma] = Part(values[rt.ma], Fraction(1))


def _read_rollup(summary: MemberSummary, root: Path, spec: MemberSpec,
                 level: Level, period: Period, today: dt.date) -> None:
    summary.kind = "tong_hop"
    loaded = load_rollup(root)
    if loaded.model is None:
        summary.status = "co_loi"
        summary.errors = sum(p.is_error for p in loaded.problems)
        summary.messages = [_line(p, spec.shown) for p in loaded.problems if p.is_error]
        return
    if loaded.model.nam != period.year:
        summary.status = "co_loi"
        summary.errors = 1
        summary.messages = [f"{spec.shown}{ROLLUP_FILE}: lỗi: tổng hợp của năm "
                            f"{loaded.model.nam}, không phải năm {period.year}"]
        return
    lower = roll_up(loaded, period, today, jobs=1, prefix=spec.shown)
    summary.expected, summary.received, summary.on_time = (
        lower.expected, lower.received, lower.on_time)
    summary.members_with_errors = len(lower.with_errors)
    own = {t.ma_cap_tren or t.ma: (i, t) for i, t in enumerate(loaded.model.chi_tieu)}
    combined = {c.target.ma: c for c in lower.targets}
    for inner in lower.members:
        summary.messages.extend(inner.messages)
    for rt in level.targets:
        if rt.ma not in own:
            continue
        index, t = own[rt.ma]
        summary.defines.add(rt.ma)
        for key in ("cach_tinh", "don_vi_tinh", "cach_tong_hop"):
            mine, theirs = getattr(rt, key), getattr(t, key)
            if mine != theirs:
                pos = loaded.target_pos(index, key)
                summary.mismatched.add(rt.ma)
                summary.messages.append(_mismatch(
                    level.at(rt.ma, key), rt.ma, key, str(mine), str(theirs),
                    f"{spec.shown}{ROLLUP_FILE}:{pos.line}:{pos.col}", t.ma, "cấp dưới"))
        c = combined[t.ma]
        if rt.ma not in summary.mismatched and c.num is not None and c.den is not None:
            summary.parts[rt.ma] = Part(c.num, c.den)


# ---------------------------------------------------------------- the whole level


FETCH_THREADS = 8  # git fetches at once (they wait on the network, not on a core)


def _fetch_all(cache: Path, urls: list[str], progress: Callable[[str], None] | None
               ) -> dict[str, Path | MemberUnreadable]:
    """Clone or update every git URL into the cache, several at once."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    def one(url: str) -> Path | MemberUnreadable:
        try:
            return fetch(cache, url)
        except MemberUnreadable as exc:
            return exc

    out: dict[str, Path | MemberUnreadable] = {}
    if not urls:
        return out
    with ThreadPoolExecutor(min(FETCH_THREADS, len(urls))) as threads:
        futures = {threads.submit(one, url): url for url in urls}
        for done in as_completed(futures):
            out[futures[done]] = done.result()
            if progress is not None:
                progress(futures[done])
    return out


def member_specs(loaded: LoadedRollup, fetch_progress: Callable[[str], None] | None = None,
                 prefix: str = "") -> Iterator[MemberSpec]:
    """Where each member is read from; git URLs are fetched (once each) first."""
    assert loaded.model is not None
    urls = list(dict.fromkeys(m.kho for m in loaded.model.xa if is_git_url(m.kho)))
    fetched = _fetch_all(git_cache(loaded.root), urls, fetch_progress)
    for m in loaded.model.xa:
        if is_git_url(m.kho):
            where = fetched[m.kho]
            shown = f"{m.kho}@{m.phien_ban or 'HEAD'}:"  # a URL is named whole
            if isinstance(where, Path):
                yield MemberSpec(m.ma, m.ten, m.kho, str(where), m.phien_ban, shown)
            else:
                yield MemberSpec(m.ma, m.ten, m.kho, "", m.phien_ban, shown, where.message)
        else:
            folder = (loaded.root / m.kho).resolve()
            yield MemberSpec(m.ma, m.ten, m.kho, str(folder), m.phien_ban,
                             prefix + m.kho.rstrip("/") + "/")


def _pool(jobs: int) -> Executor:
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method))


def roll_up(loaded: LoadedRollup, period: Period, today: dt.date, *, jobs: int | None = None,
            on_member: Callable[[int, int], None] | None = None,
            on_fetch: Callable[[str], None] | None = None, prefix: str = "") -> Rollup:
    """Read every member (with ``jobs`` processes; default: every core) and combine."""
    assert loaded.model is not None
    specs = list(member_specs(loaded, on_fetch, "" if is_git_url(prefix) else prefix))
    level = Level.of(loaded, prefix)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    total = len(specs)
    summaries: list[MemberSummary] = []
    if jobs < 2 or total < 4:
        for spec in specs:
            summaries.append(_read_or_unreadable(spec, level, period, today))
            if on_member is not None:
                on_member(len(summaries), total)
    else:
        with _pool(min(jobs, total)) as pool:
            chunk = max(1, min(16, total // (jobs * 8)))
            for summary in pool.map(_read_or_unreadable, specs, [level] * total,
                                    [period] * total, [today] * total, chunksize=chunk):
                summaries.append(summary)
                if on_member is not None:
                    on_member(len(summaries), total)
    return combine(loaded.model.ten, str(period), list(level.targets), summaries)


def _read_or_unreadable(spec: MemberSpec, level: Level, period: Period,
                        today: dt.date) -> MemberSummary:
    if spec.unreadable is not None:
        summary = MemberSummary(spec.ma, spec.ten, spec.kho, status="khong_doc_duoc", errors=1)
        summary.messages = [f"{spec.shown.rstrip(':/')}: lỗi: {spec.unreadable}"]
        return summary
    return read_member(spec, level, period, today)
