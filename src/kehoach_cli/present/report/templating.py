"""The report's wording, from a jinja2 template run in the sandbox.

A template produces lines in a small markup (see builtin_templates/bao-cao-quy.md.j2);
``parse_markup`` turns them into the blocks of a ``ReportDocument``. The sandbox keeps
a template from reaching Python internals, and the loader only sees the template
folder: a template can neither read files nor import modules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import KehoachError
from .document import Block, Heading, Paragraph, Run

TEMPLATE_NAME = "bao-cao-quy.md.j2"
BUILTIN_DIR = Path(__file__).resolve().parent.parent.parent / "builtin_templates"

PLACEHOLDER_RE = re.compile(r"^\[\[([a-z_]+)\]\]$")
_INLINE_RE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


@dataclass(frozen=True, slots=True)
class Placeholder:
    """Where a table or a chart built in code goes: ``[[bang_chi_tieu]]``."""

    name: str


@dataclass(frozen=True, slots=True)
class Rendered:
    trich_yeu: str | None
    blocks: tuple[Block | Placeholder, ...]


def template_source(root: Path) -> tuple[Path, str]:
    """The template file to use: the repo's templates/ first, then the built-in one."""
    for folder in (root / "templates", BUILTIN_DIR):
        path = folder / TEMPLATE_NAME
        if path.is_file() and not path.is_symlink():
            return path, path.read_text(encoding="utf-8")
    raise KehoachError(f"không tìm thấy mẫu báo cáo {TEMPLATE_NAME}")  # pragma: no cover


def _runs(text: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    for part in _INLINE_RE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            runs.append(Run(part[2:-2], bold=True))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append(Run(part[1:-1], italic=True))
        else:
            runs.append(Run(part))
    return tuple(runs)


def parse_markup(text: str) -> Rendered:
    trich_yeu: str | None = None
    blocks: list[Block | Placeholder] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if line.startswith("@trich_yeu:"):
            trich_yeu = line.split(":", 1)[1].strip()
            continue
        m = PLACEHOLDER_RE.match(line)
        if m:
            blocks.append(Placeholder(m[1]))
        elif line.startswith("### "):
            blocks.append(Heading(3, line[4:]))
        elif line.startswith("## "):
            blocks.append(Heading(2, line[3:]))
        elif line.startswith("# "):
            blocks.append(Heading(1, line[2:]))
        else:
            blocks.append(Paragraph(_runs(line)))
    return Rendered(trich_yeu, tuple(blocks))


def render_template(
    root: Path, context: dict[str, Any], filters: dict[str, Callable[..., Any]]
) -> Rendered:
    """Run the report template in jinja2's sandbox and parse what it wrote."""
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    path, _ = template_source(root)
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(path.parent), followlinks=False),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    shown = _shown(root, path)
    try:
        template = env.get_template(TEMPLATE_NAME)
        text = template.render(**context)
    except TemplateSyntaxError as exc:
        raise KehoachError(
            f"{shown}:{exc.lineno}:1: lỗi: mẫu báo cáo sai cú pháp jinja2 ({exc.message})"
        ) from None
    except SecurityError as exc:
        raise KehoachError(
            f"{shown}:1:1: lỗi: mẫu báo cáo dùng thao tác không được phép ({exc}); mẫu chỉ "
            "được dùng dữ liệu báo cáo và các bộ lọc có sẵn"
        ) from None
    except TemplateError as exc:
        line = _template_line(exc)
        raise KehoachError(
            f"{shown}:{line}:1: lỗi: mẫu báo cáo không chạy được ({exc}); mẫu chỉ được dùng "
            "các tệp trong thư mục templates/ và dữ liệu báo cáo"
        ) from None
    except (AttributeError, TypeError, ValueError, KeyError, IndexError,
            ZeroDivisionError, OverflowError, RecursionError) as exc:
        line = _template_line(exc)
        raise KehoachError(
            f"{shown}:{line}:1: lỗi: mẫu báo cáo gặp lỗi khi chạy "
            f"({type(exc).__name__}: {exc})"
        ) from None
    return parse_markup(text)


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return f"(mẫu có sẵn) {path.name}"


def _template_line(exc: BaseException) -> int:
    """The template line an error came from, read off the traceback when possible."""
    tb = exc.__traceback__
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(TEMPLATE_NAME):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def join_vietnamese(items: Iterable[str]) -> str:
    """``A, B và C``."""
    names = [str(i) for i in items]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]
