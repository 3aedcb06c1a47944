"""The report's wording, from a jinja2 template run in the sandbox.

A template produces lines in a small markup (see builtin_templates/bao-cao-quy.md.j2 and
templates/README.md); ``parse_markup`` turns them into the blocks of a ``ReportDocument``.

What a template can do is bounded:

- it runs in jinja2's ``SandboxedEnvironment``: no attribute starting with ``_`` (so no way
  to Python internals: ``''.__class__``, ``cycler.__init__.__globals__``), no unsafe
  methods, ``range`` capped;
- it cannot exhaust the machine: every string or list it builds (``*``, ``+``, ``~``, ``%``,
  filters, method calls) is capped at MAX_TEXT, exponents at MAX_EXPONENT, its whole output
  at MAX_OUTPUT, and a watchdog stops it after TIME_LIMIT seconds;
- its loader only sees the template's own folder, refuses symbolic links and ``..``: a
  template can neither read other files (``{% include '/etc/passwd' %}``) nor import
  modules (``{% import 'os' as os %}`` looks for a template called "os" and finds none);
- markup comes from the template's own text only: what ``{{ … }}`` writes (names, notes,
  figures from the YAML files) is escaped, so a unit's note cannot add a heading, a
  placeholder or bold text; straight quotes in it become “…”; a number that is not an
  integer is written by vocab/numbers.py.

Every problem is reported as ``templates/bao-cao-quy.md.j2:LINE:COL: lỗi: …``.
"""

from __future__ import annotations

import _thread
import contextlib
import datetime as dt
import functools
import hashlib
import operator
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from ...errors import KehoachError
from ...vocab.numbers import format_number
from .document import Block, Heading, Paragraph, Run

TEMPLATE_NAME = "bao-cao-quy.md.j2"
REPO_TEMPLATES = "templates"
BUILTIN_DIR = Path(__file__).resolve().parent.parent.parent / "builtin_templates"

PLACEHOLDER_RE = re.compile(r"^\[\[([a-z_]+)\]\]$")
_ANY_PLACEHOLDER_RE = re.compile(r"\[\[([^\[\]]*)\]\]")
_INLINE_RE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
_STRAIGHT_QUOTED_RE = re.compile(r'"([^"\n]*)"')

# Characters of the markup, as they appear in data, are swapped for private-use
# characters while the markup is parsed, then swapped back.
_ESCAPES = {"*": "\ue000", "#": "\ue001", "@": "\ue002", "[": "\ue003", "]": "\ue004"}
_UNESCAPE = str.maketrans({v: k for k, v in _ESCAPES.items()})
_ESCAPE = str.maketrans(_ESCAPES)

MAX_TEXT = 200_000  # characters (or items) of any string or list a template builds
MAX_OUTPUT = 2_000_000  # characters a template may write in all
MAX_EXPONENT = 100
TIME_LIMIT = 5.0  # seconds a template may run (the built-in one takes a few hundredths)
_PRINTF_WIDTH_RE = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?")
_FORMAT_FIELD_RE = re.compile(r"\{[^{}]*\}")
_DIGITS_RE = re.compile(r"\d+")
_NESTED_FIELD_RE = re.compile(r"\{[^{}]*\{")
_SIZED_FILTERS = frozenset({"center", "indent", "truncate", "wordwrap"})
_SIZED_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


class TemplateProblem(KehoachError):
    """A problem in the report template: ``line`` is ``PATH:LINE:COL: lỗi: MESSAGE``."""

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        self.path = path
        self.line = line
        self.col = col
        self.line_text = f"{path}:{line}:{col}: lỗi: {message}"
        super().__init__(self.line_text)


@dataclass(frozen=True, slots=True)
class Placeholder:
    """Where a table or a chart built in code goes: ``[[bang_chi_tieu]]``."""

    name: str


@dataclass(frozen=True, slots=True)
class Rendered:
    trich_yeu: str | None
    blocks: tuple[Block | Placeholder, ...]


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


def template_source(root: Path) -> Source:
    """The template to use: the repo's templates/ first, then the built-in one."""
    repo_folder = root / REPO_TEMPLATES
    repo_path = repo_folder / TEMPLATE_NAME
    shown = f"{REPO_TEMPLATES}/{TEMPLATE_NAME}"
    if repo_path.is_symlink() or repo_folder.is_symlink():
        raise TemplateProblem(
            shown, 1, 1, "tệp mẫu là liên kết tượng trưng (symlink); hãy đặt chính tệp mẫu "
            "vào thư mục templates/"
        )
    if repo_path.is_file():
        return Source(repo_folder, repo_path, shown, _read(repo_path, shown))
    path = BUILTIN_DIR / TEMPLATE_NAME
    builtin_shown = f"(mẫu có sẵn) {TEMPLATE_NAME}"
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


# --------------------------------------------------------------------------- the sandbox


def _too_long(what: str) -> Exception:
    from jinja2.exceptions import SecurityError

    return SecurityError(f"{what} quá dài (tối đa {MAX_TEXT} ký tự hoặc phần tử)")


def _checked(value: Any) -> Any:
    """``value`` unless it is a string or a list longer than the limit."""
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT:
        raise _too_long("chuỗi hoặc danh sách")
    return value


def _refuse_big_sizes(values: Iterable[Any]) -> None:
    if any(isinstance(v, int) and not isinstance(v, bool) and v > MAX_TEXT for v in values):
        raise _too_long("chuỗi")


def _refuse_big_printf(fmt: Any) -> None:
    """``"%0300000d"``: a width or precision beyond the limit, before building it."""
    if isinstance(fmt, str):
        for m in _PRINTF_WIDTH_RE.finditer(fmt):
            _refuse_big_sizes(int(g) for g in m.groups() if g)


def _refuse_big_format(fmt: Any) -> None:
    """``"{:>300000}"``: a width in a format field beyond the limit."""
    if isinstance(fmt, str):
        for field in _FORMAT_FIELD_RE.findall(fmt):
            _refuse_big_sizes(int(d) for d in _DIGITS_RE.findall(field))


def _checked_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose arguments and result are size-checked (``center(300000)``,
    ``format``…); jinja2's markers (pass_context…) are copied by ``functools.wraps``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if name in _SIZED_FILTERS:
            _refuse_big_sizes([*args[1:], *kwargs.values()])
        elif name == "format":
            _refuse_big_printf(next((a for a in args if isinstance(a, str)), None))
        return _checked(func(*args, **kwargs))

    return wrapper


# --------------------------------------------------------------------------- the cache


def _at_run_time(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` as jinja2 calls a filter that needs the template's context, so that it is
    never run while the template is compiled.

    jinja2 evaluates a filter applied to a constant (``{{ 'cong-an' | ten_dv }}``) and the
    ``finalize`` of a constant (``{{ 12.5 }}``) at compile time and writes the result into
    the compiled code. Our filters read the plan (a unit's name) and the number rules: a
    compiled template kept in the cache would go on printing last quarter's names. jinja2
    cannot fold a function marked ``pass_context`` (it does fold ``pass_environment`` and
    ``pass_eval_context`` ones): the wrapper takes the context and hands ``func`` what it
    asked for, if anything.
    """
    from jinja2 import pass_context

    wants = getattr(getattr(func, "jinja_pass_arg", None), "name", None)
    if wants == "context":
        return func

    @functools.wraps(func)
    def at_run_time(context: Any, *args: Any, **kwargs: Any) -> Any:
        if wants == "environment":
            return func(context.environment, *args, **kwargs)
        if wants == "eval_context":
            return func(context.eval_ctx, *args, **kwargs)
        return func(*args, **kwargs)

    return pass_context(at_run_time)  # replaces the mark wraps copied from func


def _bytecode_cache(filter_names: list[str]) -> Any:
    """jinja2's compiled form of the template, kept on disk between runs.

    Compiling the built-in template takes longer than running it (about 35 ms). The cache
    lives in the user's own cache folder (``store.cache_dir``), in a subfolder named after
    everything that shapes the compiled code — this module's own source (the sandbox's
    code generator), jinja2's version, the filters' names and how they are called — so a
    new kehoach, a new jinja2 or a changed sandbox never reuses an old entry; jinja2 itself
    keys each entry by the template's path and checks its text. Nothing that depends on
    the repo's data or on kehoach's number rules is compiled in (``_at_run_time``). A
    damaged or unreadable entry is compiled again; a cache that cannot be written is
    simply not used.
    """
    from jinja2 import __version__ as jinja_version
    from jinja2.bccache import Bucket, FileSystemBytecodeCache

    from ...store import cache_dir, own_private_file

    salt = hashlib.sha256()
    for part in (_own_source(), jinja_version.encode(), "\0".join(filter_names).encode()):
        salt.update(part)
        salt.update(b"\0")
    folder = cache_dir(f"mau-bao-cao-{salt.hexdigest()[:16]}")
    if folder is None:
        return None

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            """Read an entry only if it is the user's own file that nobody else may
            write (what it holds is run); a damaged entry is compiled again."""
            try:
                flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
                fd = os.open(self._get_cache_filename(bucket), flags)
            except OSError:  # none yet, or not to be read
                return
            try:
                if own_private_file(os.fstat(fd)):
                    with os.fdopen(fd, "rb", closefd=False) as entry:
                        bucket.load_bytecode(entry)
            except Exception:
                bucket.reset()
            finally:
                os.close(fd)

        def dump_bytecode(self, bucket: Bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    return QuietCache(str(folder), "%s.cache")


@functools.cache
def _own_source() -> bytes:
    from ... import __version__

    try:
        return __version__.encode() + Path(__file__).read_bytes()
    except OSError:  # pragma: no cover - a frozen install: the version has to do
        return __version__.encode()


def _sandbox_class() -> Any:
    from jinja2.compiler import CodeGenerator
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class CheckedConcat(CodeGenerator):
        """``a ~ b`` is not an operator jinja2 lets a sandbox intercept: wrap it."""

        def visit_Concat(self, node: Any, frame: Any) -> None:
            self.write("environment.checked(")
            super().visit_Concat(node, frame)
            self.write(")")

    class ReportSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "+", "%"})
        code_generator_class = CheckedConcat

        def checked(self, value: Any) -> Any:
            return _checked(value)

        def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
            if op == "**":
                if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
                    raise SecurityError(f"số mũ {right} quá lớn (tối đa {MAX_EXPONENT})")
                return operator.pow(left, right)
            if op == "*":
                for seq, times in ((left, right), (right, left)):
                    if (isinstance(seq, (str, list, tuple)) and isinstance(times, int)
                            and len(seq) * times > MAX_TEXT):  # fmt: skip
                        raise _too_long("lặp chuỗi hoặc danh sách")
                return operator.mul(left, right)
            if op == "%":
                _refuse_big_printf(left)
            return _checked(super().call_binop(context, op, left, right))

        def call(__self, __context: Any, __obj: Any, *args: Any,
                 **kwargs: Any) -> Any:  # fmt: skip
            method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
            owner = getattr(method, "__self__", None)
            if isinstance(owner, str):
                name = getattr(method, "__name__", "")
                if name in _SIZED_METHODS:
                    _refuse_big_sizes([*args, *kwargs.values()])
                elif name in ("format", "format_map"):
                    _refuse_big_format(owner)
                    if _NESTED_FIELD_RE.search(owner):  # "{0:>{1}}": a width from the args
                        _refuse_big_sizes([*args, *kwargs.values()])
            return _checked(super().call(__context, __obj, *args, **kwargs))

    return ReportSandbox


class _TooSlow(Exception):
    """The template ran out of time."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[threading.Event]:
    """Stop a template that runs too long (nested loops): a watchdog interrupts the main
    thread, which then raises KeyboardInterrupt inside the template; ``fired`` tells it
    apart from a real Ctrl+C. Only in the main thread (the one that can be interrupted)."""
    fired = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield fired
        return
    done = threading.Event()

    def watch() -> None:
        if not done.wait(seconds):
            fired.set()
            _thread.interrupt_main()

    watchdog = threading.Thread(target=watch, name="kehoach-template-watchdog", daemon=True)
    watchdog.start()
    try:
        yield fired
    finally:
        done.set()
        watchdog.join()


def _render_limited(template: Any, context: dict[str, Any]) -> str:
    """The template's text, refusing more than MAX_OUTPUT characters."""
    from jinja2.exceptions import SecurityError

    parts: list[str] = []
    size = 0
    for part in template.generate(**context):
        size += len(part)
        if size > MAX_OUTPUT:
            raise SecurityError(f"mẫu sinh ra văn bản quá dài (tối đa {MAX_OUTPUT} ký tự)")
        parts.append(part)
    return "".join(parts)


def smart_quotes(text: str) -> str:
    """Straight double quotes in pairs become “…”."""
    return _STRAIGHT_QUOTED_RE.sub(r"“\1”", text)


def _finalize(value: Any) -> str:
    """What ``{{ … }}`` writes: numbers in Vietnamese form, data escaped from the markup."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "có" if value else "không"
    elif isinstance(value, (Fraction, float, Decimal)):
        text = format_number(value)
    elif isinstance(value, dt.date):
        text = running_date(value)
    else:
        text = str(value)
    return smart_quotes(unicodedata.normalize("NFC", text)).translate(_ESCAPE)


def running_date(d: dt.date) -> str:
    """A date in running text, with the zeros of Nghị định 30: ``05/01/2027``,
    ``20/6/2026`` (days below 10 padded; months only January and February)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{d.day:02d}/{month}/{d.year}"


def _unescape(text: str) -> str:
    return text.translate(_UNESCAPE)


# --------------------------------------------------------------------------- markup


def _runs(text: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    for part in _INLINE_RE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            runs.append(Run(_unescape(part[2:-2]), bold=True))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append(Run(_unescape(part[1:-1]), italic=True))
        else:
            runs.append(Run(_unescape(part)))
    return tuple(runs)


def parse_markup(text: str) -> Rendered:
    """Lines of markup → blocks. A placeholder must stand alone on its line."""
    trich_yeu: str | None = None
    blocks: list[Block | Placeholder] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if line.startswith("@trich_yeu:"):
            trich_yeu = _unescape(line.split(":", 1)[1].strip())
            continue
        m = PLACEHOLDER_RE.match(line)
        if m:
            blocks.append(Placeholder(m[1]))
        elif line.startswith("### "):
            blocks.append(Heading(3, _unescape(line[4:])))
        elif line.startswith("## "):
            blocks.append(Heading(2, _unescape(line[3:])))
        elif line.startswith("# "):
            blocks.append(Heading(1, _unescape(line[2:])))
        else:
            blocks.append(Paragraph(_runs(line)))
    return Rendered(trich_yeu, tuple(blocks))


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
) -> Rendered:
    """Run the report template in the sandbox and parse what it wrote."""
    from jinja2 import StrictUndefined, TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateError

    src = template_source(root)
    env = _sandbox_class()(
        loader=_loader(src.folder),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_at_run_time(_finalize),
        auto_reload=False,
        cache_size=0,
    )
    ours = {name: _at_run_time(func) for name, func in filters.items()}
    env.filters = {
        name: _checked_filter(name, func) for name, func in {**env.filters, **ours}.items()
    }
    env.bytecode_cache = _bytecode_cache(
        sorted(f"{name}:{getattr(f, 'jinja_pass_arg', '')}" for name, f in env.filters.items())
    )
    try:
        template = env.get_template(TEMPLATE_NAME)
        with _time_limit(TIME_LIMIT) as fired:
            try:
                text = _render_limited(template, context)
            except KeyboardInterrupt as interrupt:
                if not fired.is_set():
                    raise
                raise _TooSlow(interrupt) from None
    except TemplateSyntaxError as exc:
        shown = src.shown
        if exc.filename and exc.filename != str(src.path):
            shown = _shown_in(src.folder, Path(exc.filename))
        raise TemplateProblem(
            shown, exc.lineno or 1, 1,
            f"mẫu báo cáo sai cú pháp jinja2: {_vietnamese(exc.message)}",
        ) from None
    except TemplateProblem:
        raise
    except _TooSlow as exc:
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
    return parse_markup(text)


def join_vietnamese(items: Iterable[Any]) -> str:
    """``A, B và C``; only commas when a name itself holds "và" (``Văn phòng HĐND và
    UBND xã``), which would otherwise read as the end of the list."""
    names = [str(i) for i in items]
    if len(names) <= 1:
        return "".join(names)
    if any(" và " in name for name in names):
        return ", ".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


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
