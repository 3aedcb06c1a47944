"""The report's wording, from a jinja2 template run in the sandbox.

A template writes lines in a small markup (markup.py); ``render_template`` finds the
template, runs it in the sandbox (sandbox.py: its sizes and its time are capped), checks
its placeholders and parses what it wrote into the blocks of a ``ReportDocument``.

Its loader only sees the template's own folder, refuses symbolic links and ``..``: a
template can neither read other files (``{% include '/etc/passwd' %}``) nor import modules
(``{% import 'os' as os %}`` looks for a template called "os" and finds none).

Every problem is reported as ``templates/bao-cao-quy.md.j2:LINE:COL: lỗi: …``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import KehoachError
from ...vocab.numbers import format_number
from .markup import (
    Placeholder,
    Rendered,
    finalize,
    join_vietnamese,
    parse_markup,
    running_date,
    smart_quotes,
)
from .sandbox import TooSlow, checked_filter, render_limited, sandbox_class, time_limit

TEMPLATE_NAME = "bao-cao-quy.md.j2"
REPO_TEMPLATES = "templates"
BUILTIN_DIR = Path(__file__).resolve().parent.parent.parent / "builtin_templates"
TIME_LIMIT = 5.0  # seconds a template may run (the built-in one takes a few hundredths)

_ANY_PLACEHOLDER_RE = re.compile(r"\[\[([^\[\]]*)\]\]")


class TemplateProblem(KehoachError):
    """A problem in the report template: ``line`` is ``PATH:LINE:COL: lỗi: MESSAGE``."""

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        self.path = path
        self.line = line
        self.col = col
        self.line_text = f"{path}:{line}:{col}: lỗi: {message}"
        super().__init__(self.line_text)



# --------------------------------------------------------------------------- sources


@dataclass(frozen=True, slots=True)
class Source:
    folder: Path
    path: Path
    shown: str  # as printed in messages: "templates/bao-cao-quy.md.j2"
    text: str


def _read(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateProblem(shown, 1, 1, f"không đọc được tệp mẫu ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TemplateProblem(
            shown, line, 1, "tệp mẫu không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8"
        ) from None
    return unicodedata.normalize("NFC", text)


def template_source(root: Path, name: str = TEMPLATE_NAME) -> Source:
    """The template to use: the repo's templates/ first, then the built-in one (each kind
    of report on its own: a repo may keep its own quarterly template and the built-in
    six-month one)."""
    repo_folder = root / REPO_TEMPLATES
    repo_path = repo_folder / name
    shown = f"{REPO_TEMPLATES}/{name}"
    if repo_path.is_symlink() or repo_folder.is_symlink():
        raise TemplateProblem(
            shown, 1, 1, "tệp mẫu là liên kết tượng trưng (symlink); hãy đặt chính tệp mẫu "
            "vào thư mục templates/"
        )
    if repo_path.is_file():
        return Source(repo_folder, repo_path, shown, _read(repo_path, shown))
    path = BUILTIN_DIR / name
    builtin_shown = f"(mẫu có sẵn) {name}"
    return Source(BUILTIN_DIR, path, builtin_shown, _read(path, builtin_shown))


def _loader(folder: Path) -> Any:
    """A loader that only reads regular files inside ``folder``, never through a link."""
    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    class FolderLoader(BaseLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            pieces = split_template_path(template)  # refuses ".."
            path = folder
            for piece in pieces:
                path = path / piece
                if path.is_symlink():
                    raise TemplateNotFound(template)
            if not pieces or not path.is_file():
                raise TemplateNotFound(template)
            text = _read(path, _shown_in(folder, path))
            return text, str(path), lambda: True

    return FolderLoader()


def _shown_in(folder: Path, path: Path) -> str:
    try:
        rel = path.relative_to(folder).as_posix()
    except ValueError:  # pragma: no cover - the loader only builds paths under folder
        return str(path)
    if folder.resolve() == BUILTIN_DIR:
        return f"(mẫu có sẵn) {rel}"
    return f"{REPO_TEMPLATES}/{rel}"


def _position_of(source: str, needle: str) -> tuple[int, int]:
    index = source.find(needle)
    if index < 0:
        return 1, 1
    line = source.count("\n", 0, index) + 1
    col = index - (source.rfind("\n", 0, index) + 1) + 1
    return line, col


def _check_placeholders(src: Source, rendered_text: str, known: Collection[str]) -> None:
    allowed = " và ".join(f"[[{name}]]" for name in sorted(known))
    for raw in rendered_text.splitlines():
        line = " ".join(raw.split())
        for m in _ANY_PLACEHOLDER_RE.finditer(line):
            name = m[1]
            at_line, at_col = _position_of(src.text, m[0])
            if name not in known:
                raise TemplateProblem(
                    src.shown, at_line, at_col,
                    f"không có chỗ trống {m[0]}; mẫu chỉ dùng được {allowed}",
                )
            if line != m[0]:
                raise TemplateProblem(
                    src.shown, at_line, at_col,
                    f"chỗ trống {m[0]} phải đứng riêng một dòng",
                )


_HEADING_RE = re.compile(r"^(#+)(?=[^#\s])")
_BLOCK_TAGS = frozenset({"if", "for", "macro", "call", "filter", "block", "with", "raw"})


def _check_headings(src: Source, rendered_text: str) -> None:
    """``#II. TỒN TẠI`` (no space after the mark) would silently become body text. The
    '#' of data is escaped, so such a line comes from the template itself."""
    for raw in rendered_text.splitlines():
        line = " ".join(raw.split())
        m = _HEADING_RE.match(line)
        if m:
            marks = m[1][:3]
            at_line, at_col = _position_of(src.text, raw.strip()[:40])
            raise TemplateProblem(
                src.shown, at_line, at_col,
                f"đề mục “{line}” thiếu dấu cách sau '{m[1]}': hãy viết "
                f"“{marks} {line[len(m[1]):]}”" + (
                    " (đề mục chỉ có ba cấp: #, ##, ###)" if len(m[1]) > 3 else ""),
            )


def _unclosed_block(env: Any, text: str) -> tuple[str, int] | None:
    """The innermost ``{% if %}``/``{% for %}``… the template never closes, and its line."""
    try:
        tokens = list(env.lex(text))
    except Exception:  # a lexing error is reported by the parser instead
        return None
    stack: list[tuple[str, int]] = []
    after_begin = False
    for lineno, kind, value in tokens:
        if kind == "whitespace":
            continue
        if kind == "block_begin":
            after_begin = True
            continue
        if after_begin and kind == "name":
            if value in _BLOCK_TAGS:
                stack.append((value, lineno))
            elif value.startswith("end") and stack and stack[-1][0] == value[3:]:
                stack.pop()
        after_begin = False
    return stack[-1] if stack else None


def missing_name(context: dict[str, Any]) -> Any:
    """jinja2's StrictUndefined, saying in Vietnamese which name is missing and where,
    with the closest name that exists: ``'chi_tieu' không có 'tongg'; có phải ý bạn là
    'tong'?``."""
    import dataclasses

    from jinja2 import StrictUndefined, UndefinedError
    from jinja2.utils import missing

    from ...vocab.suggest import suggest

    owners = {id(value): name for name, value in context.items()}

    def names_of(obj: Any) -> list[str]:
        if isinstance(obj, dict):
            return [str(k) for k in obj]
        if dataclasses.is_dataclass(obj):
            return [f.name for f in dataclasses.fields(obj)]
        fields = getattr(type(obj), "model_fields", None)
        if isinstance(fields, dict):
            return list(fields)
        return [n for n in dir(obj) if not n.startswith("_")]

    class Missing(StrictUndefined):
        __slots__ = ()

        def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
            if self._undefined_hint:  # the sandbox's refusals carry their own reason
                return super()._fail_with_undefined_error(*args, **kwargs)
            name = str(self._undefined_name)
            obj = self._undefined_obj
            if obj is missing:
                raise UndefinedError(f"không có tên '{name}'" + suggest(name, context))
            owner = owners.get(id(obj))
            where = f"'{owner}'" if owner else f"giá trị kiểu {type(obj).__name__}"
            raise UndefinedError(f"{where} không có '{name}'" + suggest(name, names_of(obj)))

    # jinja2 binds str(), len(), ==… to the base class's function: bind them to ours.
    base = StrictUndefined._fail_with_undefined_error
    for attr in dir(StrictUndefined):
        if attr.startswith("__") and getattr(StrictUndefined, attr, None) is base:
            setattr(Missing, attr, Missing._fail_with_undefined_error)
    return Missing


# --------------------------------------------------------------------------- messages

_JINJA_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"^access to attribute '([^']*)' of '([^']*)' object is unsafe\.?$",
         "thuộc tính '{0}' là phần bên trong của Python, mẫu không được dùng"),
        (r"^'([^']*)' is undefined$", "không có tên '{0}'"),
        (r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']*)'$",
         "đối tượng {0} không có thuộc tính '{1}'"),
        (r"^'(.*)' has no attribute '([^']*)'$", "'{0}' không có thuộc tính '{1}'"),
        (r"^No filter named '([^']*)'\.?$",
         "không có bộ lọc '{0}' (các bộ lọc: xem templates/README.md)"),
        (r"^No test named '([^']*)'\.?$", "không có phép thử '{0}'"),
        (r"^Encountered unknown tag '(end\w*|else|elif)'.*$",
         "thẻ '{{% {0} %}}' không có thẻ mở tương ứng"),
        (r"^Encountered unknown tag '([^']*)'.*$", "không có thẻ '{{% {0} %}}'"),
        (r"^Unexpected end of template\. Jinja was looking for the following tags: "
         r".*'(end\w*)'.*$", "mẫu kết thúc khi khối chưa đóng: thiếu '{{% {0} %}}'"),
        (r"^Unexpected end of template.*$", "mẫu kết thúc khi một khối chưa đóng"),
        (r"^unexpected '(.*)', expected '(.*)'$", "cần '{1}' nhưng gặp '{0}'"),
        (r"^unexpected '(.*)'$", "gặp '{0}' không đúng chỗ"),
        (r"^unexpected char '(.*)' at \d+$", "ký tự '{0}' không đúng chỗ"),
        (r"^Expected an expression, got '(.*)'$", "thiếu biểu thức (gặp '{0}')"),
        (r"^expected token '(.*)', got '(.*)'$", "cần '{0}' nhưng gặp '{1}'"),
        (r"^unexpected end of template.*$", "mẫu kết thúc giữa chừng một biểu thức"),
    )
)


_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "cuối mẫu",
    "name": "một tên",
    "integer": "một số",
    "float": "một số",
    "string": "một chuỗi",
}


def _vietnamese(message: str | None) -> str:
    """jinja2's English message, in Vietnamese when it is a known one."""
    text = " ".join((message or "").split())
    for pattern, template in _JINJA_MESSAGES:
        m = pattern.match(text)
        if m:
            return template.format(*(_TOKENS.get(g, g) for g in m.groups()))
    if not text.isascii():  # already ours, in Vietnamese
        return text
    return f"chi tiết: {text}"


# --------------------------------------------------------------------------- rendering


def _error_position(exc: BaseException, src: Source) -> tuple[str, int]:
    """The template file and line an error came from, read off the rewritten traceback
    (jinja2 maps its frames to template lines); the innermost template frame wins."""
    shown, line = src.shown, 1
    tb = exc.__traceback__
    folder = str(src.folder)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(folder) and filename.endswith(".j2"):
            line = tb.tb_lineno
            compiled = tb.tb_frame.f_globals.get("__jinja_template__")
            if compiled is not None:  # a frame jinja2 did not rewrite (KeyboardInterrupt)
                line = compiled.get_corresponding_lineno(line)
            shown = _shown_in(src.folder, Path(filename))
        tb = tb.tb_next
    return shown, line


def render_template(
    root: Path,
    context: dict[str, Any],
    filters: dict[str, Callable[..., Any]],
    placeholders: Collection[str] = (),
    name: str = TEMPLATE_NAME,
) -> Rendered:
    """Run the report template ``name`` in the sandbox and parse what it wrote."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateError

    src = template_source(root, name)
    env = sandbox_class()(
        loader=_loader(src.folder),
        undefined=missing_name(context),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
        auto_reload=False,
        cache_size=0,
    )
    env.filters = {
        name: checked_filter(name, func, strict=name in filters)
        for name, func in {**env.filters, **filters}.items()
    }
    try:
        template = env.get_template(name)
        with time_limit(TIME_LIMIT) as fired:
            try:
                text = render_limited(template, context)
            except KeyboardInterrupt as interrupt:
                if not fired.is_set():
                    raise
                raise TooSlow(interrupt) from None
    except TemplateSyntaxError as exc:
        shown = src.shown
        if exc.filename and exc.filename != str(src.path):
            shown = _shown_in(src.folder, Path(exc.filename))
        line, message = exc.lineno or 1, _vietnamese(exc.message)
        raw = exc.message or ""
        unclosed = None
        if shown == src.shown and raw.startswith("Unexpected end of template"):
            unclosed = _unclosed_block(env, src.text)
        elif shown == src.shown and "innermost block that needs to be closed" in raw:
            before = "".join(src.text.splitlines(keepends=True)[: max(line - 1, 0)])
            unclosed = _unclosed_block(env, before)
        if unclosed is not None:  # said at the tag that opened the block, not where it ends
            tag, opened = unclosed
            until = "" if raw.startswith("Unexpected end") else f" trước dòng {line}"
            message = (f"khối '{{% {tag} %}}' mở ở dòng {opened} chưa được đóng: thiếu "
                       f"'{{% end{tag} %}}'{until}")
            line = opened
        raise TemplateProblem(shown, line, 1, f"mẫu báo cáo sai cú pháp jinja2: {message}",
                              ) from None
    except TemplateProblem:
        raise
    except TooSlow as exc:
        shown, line = _error_position(exc.args[0], src)
        raise TemplateProblem(
            shown, line, 1,
            f"mẫu báo cáo chạy quá {format_number(TIME_LIMIT)} giây nên bị dừng (có thể do "
            "các vòng lặp lồng nhau quá lớn)",
        ) from None
    except SecurityError as exc:
        shown, line = _error_position(exc, src)
        raise TemplateProblem(
            shown, line, 1,
            f"mẫu báo cáo dùng thao tác không được phép ({_vietnamese(str(exc))}); mẫu chỉ "
            "được dùng dữ liệu báo cáo và các bộ lọc có sẵn",
        ) from None
    except TemplateNotFound as exc:
        shown, line = _error_position(exc, src)
        raise TemplateProblem(
            shown, line, 1,
            f"mẫu báo cáo đòi đọc '{exc.name}' nhưng không có tệp mẫu nào tên như vậy trong "
            "thư mục templates/; mẫu chỉ được dùng (include, import, extends) các tệp mẫu "
            "trong thư mục đó, không đọc được tệp nào khác",
        ) from None
    except UndefinedError as exc:
        shown, line = _error_position(exc, src)
        raise TemplateProblem(
            shown, line, 1,
            f"mẫu báo cáo dùng tên không có trong dữ liệu báo cáo ({_vietnamese(exc.message)}); "
            "xem danh sách tên trong templates/README.md",
        ) from None
    except (TemplateError, AttributeError, TypeError, ValueError, KeyError, IndexError,
            ArithmeticError, RecursionError, MemoryError) as exc:  # fmt: skip
        shown, line = _error_position(exc, src)
        raise TemplateProblem(
            shown, line, 1,
            f"mẫu báo cáo gặp lỗi khi chạy ({type(exc).__name__}: {exc})",
        ) from None
    _check_placeholders(src, text, placeholders)
    _check_headings(src, text)
    return parse_markup(text)


__all__ = [
    "Placeholder",
    "Rendered",
    "TemplateProblem",
    "join_vietnamese",
    "parse_markup",
    "render_template",
    "running_date",
    "smart_quotes",
    "template_source",
]
