"""`kehoach tong-hop --quy N`: a roll-up repo's communes (or lower levels) read, checked
and combined — on the terminal, as JSON, as a long CSV.

Exit 0 when the roll-up was made (communes with errors are listed and left out, which is
the data's state, not the command's failure); 1 when tong-hop.yaml has errors (nothing is
combined) or a target is defined differently at two levels (the roll-up is still shown,
without that commune's figures for that target); 2 on a usage error.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from ..console import _isatty, use_color
from ..errors import EXIT_OK, EXIT_PROBLEMS, KehoachError, UsageError
from ..load.tong_hop import ROLLUP_FILE, load_rollup
from ..present import problems_out
from ..store import write_atomic
from ..vocab.periods import Period
from .common import today

ProgressHooks = tuple[Callable[[int, int], None] | None, Callable[[str], None] | None]


def find_rollup_root(start: Path) -> Path:
    """The folder holding tong-hop.yaml: ``start`` or its nearest parent."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ROLLUP_FILE).is_file():
            return folder
    raise UsageError(
        f"không tìm thấy kho tổng hợp: không có tệp {ROLLUP_FILE} trong thư mục "
        f"{start} hay các thư mục cha; chạy lệnh trong kho tổng hợp hoặc dùng -C ĐƯỜNG_DẪN"
    )


@contextlib.contextmanager
def _progress(err: TextIO) -> Iterator[ProgressHooks]:
    """A bar counting the communes read, on a terminal only (stderr)."""
    if not (use_color(err) and _isatty(err)):
        yield None, None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    # Redrawn by hand, without rich's refresh thread: the worker processes are forked
    # while the bar is up, and a fork must not copy a thread holding a lock.
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=Console(file=err), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("Đang đọc các xã", total=None)
        bar.refresh()

        def member(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description="Đã đọc các xã")
            bar.refresh()

        def fetched(url: str) -> None:
            bar.update(task, description=f"Đang lấy {url}")
            bar.refresh()

        yield member, fetched


def tong_hop(
    start: Path,
    quarter: int,
    year: int | None = None,
    *,
    as_json: bool = False,
    csv_path: Path | None = None,
    docx_path: Path | None = None,
    excel_path: Path | None = None,
    jobs: int | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    if not 1 <= quarter <= 4:
        raise UsageError(f"--quy: cần số từ 1 đến 4, nhận được {quarter}")
    root = find_rollup_root(start)
    loaded = load_rollup(root)
    if loaded.model is None:
        for problem in loaded.problems:
            err.write(problems_out.text_line(problem) + "\n")
        raise KehoachError(f"{ROLLUP_FILE} có lỗi nên chưa tổng hợp được; sửa các lỗi trên "
                           "rồi chạy lại")
    chosen = loaded.model.nam if year is None else year
    if chosen != loaded.model.nam:
        raise UsageError(f"--nam: kho tổng hợp này là của năm {loaded.model.nam}, không có "
                         f"số liệu năm {chosen}")
    from ..compute.rollup_read import roll_up

    when = today()
    with _progress(err) as (on_member, on_fetch):
        rollup = roll_up(loaded, Period(chosen, quarter), when, jobs=jobs,
                         on_member=on_member, on_fetch=on_fetch)
    messages = [line for m in rollup.members for line in m.messages]
    mismatched = any(m.mismatched for m in rollup.members)
    if csv_path is not None:
        from ..present.rollup_out import csv_text

        write_atomic(csv_path, csv_text(rollup).encode("utf-8"))
    if docx_path is not None:
        from ..present.report.docx_writer import render_docx
        from ..present.report.rollup_report import build_rollup_document

        write_atomic(docx_path, render_docx(build_rollup_document(loaded.model, rollup, when)))
    if excel_path is not None:
        from ..present.rollup_excel import build_rollup_table
        from ..present.workbook import save_bytes

        write_atomic(excel_path, save_bytes(build_rollup_table(rollup), when))
    if as_json:
        from ..present.rollup_out import dumps

        for line in messages:
            err.write(line + "\n")
        out.write(dumps(rollup) + "\n")
    else:
        from ..present.rollup_view import render_rollup

        render_rollup(rollup, out, messages)
    if not as_json:
        for path in (csv_path, docx_path, excel_path):
            if path is not None:
                out.write(f"Đã ghi {path}\n")
    return EXIT_PROBLEMS if mismatched else EXIT_OK
