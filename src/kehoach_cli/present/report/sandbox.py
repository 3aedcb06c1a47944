"""What a report template may do: jinja2's sandbox, with every size capped.

- it runs in jinja2's ``SandboxedEnvironment``: no attribute starting with ``_`` (so no way
  to Python internals: ``''.__class__``, ``cycler.__init__.__globals__``), no unsafe
  methods, ``range`` capped;
- it cannot exhaust the machine's memory: every string or list it builds (``*``, ``+``,
  ``~``, ``%``, filters, method calls) is capped at MAX_TEXT, exponents at MAX_EXPONENT, its
  whole output at MAX_OUTPUT;
- it cannot run for ever: ``time_limit`` stops it (nested loops over capped ranges can
  still run for hours while writing nothing).

The messages are jinja2's ``SecurityError``; templating.py turns them into a
``TemplateProblem`` with the template's line.
"""

from __future__ import annotations

import _thread
import contextlib
import functools
import operator
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MAX_TEXT = 200_000  # characters (or items) of any string or list a template builds
MAX_OUTPUT = 2_000_000  # characters a template may write in all
MAX_EXPONENT = 100
_PRINTF_WIDTH_RE = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?")
_FORMAT_FIELD_RE = re.compile(r"\{[^{}]*\}")
_DIGITS_RE = re.compile(r"\d+")
_NESTED_FIELD_RE = re.compile(r"\{[^{}]*\{")
_SIZED_FILTERS = frozenset({"center", "indent", "truncate", "wordwrap"})
_SIZED_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


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


def checked_filter(name: str, func: Callable[..., Any], *, strict: bool = False,
                   ) -> Callable[..., Any]:  # fmt: skip
    """A filter whose arguments and result are size-checked (``center(300000)``,
    ``format``…); jinja2's markers (pass_context…) are copied by ``functools.wraps``.
    ``strict`` (kehoach's own filters): a missing name given to it is told as missing,
    rather than failing inside the filter."""
    from jinja2 import Undefined

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if strict:
            for value in (*args, *kwargs.values()):
                if isinstance(value, Undefined):
                    value._fail_with_undefined_error()
        if name in _SIZED_FILTERS:
            _refuse_big_sizes([*args[1:], *kwargs.values()])
        elif name == "format":
            _refuse_big_printf(next((a for a in args if isinstance(a, str)), None))
        return _checked(func(*args, **kwargs))

    return wrapper



def sandbox_class() -> Any:
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


class TooSlow(Exception):
    """The template ran out of time."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[threading.Event]:
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


def render_limited(template: Any, context: dict[str, Any]) -> str:
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



__all__ = [
    "MAX_EXPONENT",
    "MAX_OUTPUT",
    "MAX_TEXT",
    "TooSlow",
    "checked_filter",
    "render_limited",
    "sandbox_class",
    "time_limit",
]
