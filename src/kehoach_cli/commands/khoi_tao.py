"""`kehoach khoi-tao --tu-van-ban KE-HOACH.docx [THƯ_MỤC]`: a new plan repo drafted from
the commune's plan document.

Reads the document (load/plan_document), drafts plan/*.yaml with every item quoting its
paragraph and every guess marked (present/plan_draft.py), lists in plan/CAN-KIEM-TRA.md
what a person must look at, and lays out the rest of a repo ready for units: empty
units/ and reports/, the CI workflow, CODEOWNERS, pre-commit, the editor schemas and
settings. It refuses a folder that already holds plan/, before writing anything; every
file is written atomically, and a file already there outside plan/ is kept.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from importlib import resources
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..errors import EXIT_OK, KehoachError
from ..store import write_atomic, write_new

KEHOACH_SOURCE = "https://github.com/<tổ-chức>/kehoach"
PINNED_INSTALL = f'python -m pip install "kehoach @ git+{KEHOACH_SOURCE}@v{__version__}"'

# (this repo's workflow text, the commune repo's) — kehoach's own repo installs kehoach
# from its checkout; a commune's plan repo installs the pinned release instead.
_WORKFLOW_EDITS: list[tuple[str, str]] = [
    ("kehoach được cài từ nhánh đích (thư mục cong-cu/)",
     "kehoach được cài theo phiên bản đã ghim"),
    ("# Kho này chính là mã nguồn của kehoach nên cài từ thư mục cong-cu/. Kho kế hoạch của một\n"
     "# xã khác dùng nguyên tệp này, chỉ thay hai bước \"Lấy công cụ...\" và "
     "\"Cài kehoach...\" bằng\n"
     "# một bước cài phiên bản đã ghim:\n"
     "#     run: python -m pip install \"kehoach @ git+https://github.com/<tổ-chức>/kehoach@v0.2.0\"\n"
     "# (ghim phiên bản để mỗi lần kiểm tra dùng cùng một bộ quy tắc).\n",
     "# Tệp do `kehoach khoi-tao` chép từ kho mã nguồn kehoach. kehoach được cài theo phiên bản\n"
     "# đã ghim (để mỗi lần kiểm tra dùng cùng một bộ quy tắc): thay <tổ-chức> ở hai bước\n"
     "# \"Cài kehoach\" bằng nơi lưu mã nguồn kehoach mà xã dùng.\n"),
    ("      - name: Lấy công cụ kiểm tra từ nhánh đích\n"
     "        uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n"
     "        with:\n"
     "          path: cong-cu\n"
     "          persist-credentials: false\n", ""),
    ("          # Bộ nhớ đệm của pip theo pyproject.toml của nhánh đích; yêu cầu hợp nhất chưa có\n"
     "          # trên đĩa lúc này và không ghi được vào bộ nhớ đệm này.\n"
     "          cache: pip\n"
     "          cache-dependency-path: cong-cu/pyproject.toml\n", ""),
    ("      - name: Cài kehoach của nhánh đích\n"
     "        run: python -m pip install ./cong-cu\n",
     f"      - name: Cài kehoach (phiên bản đã ghim)\n        run: {PINNED_INSTALL}\n"),
    ("          cache: pip\n          cache-dependency-path: pyproject.toml\n", ""),
    ("      - name: Cài kehoach\n        run: python -m pip install .\n",
     f"      - name: Cài kehoach (phiên bản đã ghim)\n        run: {PINNED_INSTALL}\n"),
]


def builtin_workflow() -> str:
    """This repo's workflow as packaged (src/kehoach_cli/builtin_files/kehoach.yml)."""
    return (resources.files("kehoach_cli") / "builtin_files" / "kehoach.yml").read_text("utf-8")


def commune_workflow() -> str:
    text = builtin_workflow()
    for old, new in _WORKFLOW_EDITS:
        if old not in text:
            raise RuntimeError(f"builtin workflow changed; cannot adapt: {old[:60]!r}")
        text = text.replace(old, new)
    return text


def precommit_config() -> str:
    return (
        "# Kiểm tra tự động trước mỗi commit (docs/huong-dan-don-vi.md, mục 2):\n"
        "# pip install pre-commit, rồi chạy một lần `pre-commit install`.\n"
        "# Thay <tổ-chức> bằng nơi lưu mã nguồn kehoach mà xã dùng.\n"
        "repos:\n"
        f"  - repo: {KEHOACH_SOURCE}\n"
        f"    rev: v{__version__}\n"
        "    hooks:\n"
        "      - id: kehoach-validate\n"
    )


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _codeowners(root: Path, admin: str) -> str:
    """CODEOWNERS from the drafted plan; a minimal one while the plan still has errors."""
    from .codeowners import render
    from .common import load_checked

    try:
        _, outcome = load_checked(root)
        if outcome.plan is not None and not outcome.errors:
            return render(outcome.plan)
    except KehoachError:
        pass
    return (
        "# Tệp tạm do `kehoach khoi-tao` ghi: kế hoạch còn chỗ cần hoàn thiện.\n"
        "# Sửa plan/ cho đến khi `kehoach validate` không còn lỗi, rồi chạy\n"
        "# `kehoach codeowners --write` để ghi lại tệp này theo tài khoản của từng đơn vị.\n"
        "\n"
        f"* @{admin}\n"
    )


def khoi_tao(document: Path, folder: Path | None = None, *, out: TextIO | None = None) -> int:
    from ..load.plan_document.extract import extract
    from ..load.plan_document.read import read_blocks
    from ..present import plan_draft, plan_draft_notes
    from .schema import schema

    out = out or sys.stdout
    root = folder if folder is not None else Path(".")
    if (root / "plan").exists():
        raise KehoachError(
            f"{_shown(root / 'plan')} đã có: không ghi đè một kế hoạch đã có. Chọn thư mục "
            "khác (kehoach khoi-tao --tu-van-ban TỆP THƯ_MỤC) hoặc xóa thư mục plan/ trước")
    if root.exists() and not root.is_dir():
        raise KehoachError(f"{_shown(root)} là một tệp, không phải thư mục")
    draft = extract(read_blocks(document))
    source = f"{document.name} ngày {dt.date.today().strftime('%d/%m/%Y')}"
    files: dict[str, str] = {
        "plan/plan.yaml": plan_draft.plan_yaml(draft, source),
        "plan/units.yaml": plan_draft.units_yaml(draft, source),
        "plan/targets.yaml": plan_draft.targets_yaml(draft, source),
        "plan/tasks.yaml": plan_draft.tasks_yaml(draft, source),
        "plan/CAN-KIEM-TRA.md": plan_draft_notes.notes_md(draft, source),
    }
    extras: dict[str, str] = {
        "units/.gitkeep": "",
        "reports/.gitkeep": "",
        ".github/workflows/kehoach.yml": commune_workflow(),
        ".pre-commit-config.yaml": precommit_config(),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
        out.write(f"Đã ghi: {_shown(path)}\n")
    for name, text in extras.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if write_new(path, text.encode("utf-8")):
            out.write(f"Đã ghi: {_shown(path)}\n")
        else:
            out.write(f"Đã có, giữ nguyên: {_shown(path)}\n")
    owners = root / ".github" / "CODEOWNERS"
    if write_new(owners, _codeowners(root, plan_draft.PLACEHOLDER_ADMIN).encode("utf-8")):
        out.write(f"Đã ghi: {_shown(owners)}\n")
    else:
        out.write(f"Đã có, giữ nguyên: {_shown(owners)}\n")
    quiet = io.StringIO()
    saved, sys.stderr = sys.stderr, quiet  # the draft's errors are for validate to name
    try:
        schema(root, stream=out)
    finally:
        sys.stderr = saved
    out.write(
        f"\nĐã soạn bản nháp: {len(draft.units)} đơn vị, {len(draft.targets)} chỉ tiêu, "
        f"{len(draft.tasks)} nhiệm vụ; {len(draft.notes)} đoạn chưa xếp được.\n"
        "Việc tiếp theo:\n"
        f"  1. Đọc {_shown(root / 'plan' / 'CAN-KIEM-TRA.md')} và sửa các chỗ "
        "\"cần kiểm tra\" trong plan/.\n"
        f"  2. Chạy: kehoach -C {_shown(root)} validate\n"
        "  3. Xem docs/bat-dau.md để đưa kho lên GitHub hoặc GitLab.\n")
    return EXIT_OK
