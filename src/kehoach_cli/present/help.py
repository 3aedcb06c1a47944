"""Help text in Vietnamese, drawn from the command definitions in ``cli.py``.

typer and click print their headings in English ("Usage", "Options"); commune staff
read Vietnamese, so the help is laid out here from the same parameters.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

WIDTH = 80

# Options typer adds itself, with English help.
_OWN_HELP = {
    "install_completion": "Cài gợi ý hoàn thành lệnh bằng phím Tab (lệnh, tùy chọn, mã đơn "
                          "vị, quý) cho shell đang dùng: bash, zsh, fish hoặc PowerShell; mở "
                          "lại cửa sổ lệnh để dùng.",
    "show_completion": "In đoạn mã gợi ý hoàn thành lệnh của shell đang dùng, để tự chép vào "
                       "tệp cấu hình của shell.",
}


def _wrap(text: str, width: int) -> list[str]:
    """Lines of ``text`` no wider than ``width``, never broken at a hyphen or inside a
    placeholder such as ``<đơn vị>``."""
    kept = re.sub(r"<[^<>]*>", lambda m: m.group().replace(" ", "\0"), text)
    return [line.replace("\0", " ") for line in textwrap.wrap(kept, width, break_on_hyphens=False)]


def _option_label(param: Any) -> str:
    names = ", ".join([*param.opts, *getattr(param, "secondary_opts", [])])
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return names
    metavar = param.metavar or param.name.upper()
    return f"{names} {metavar}"


def _rows(rows: list[tuple[str, str]]) -> list[str]:
    if not rows:
        return []
    left = min(max(len(label) for label, _ in rows), 30) + 4
    lines: list[str] = []
    for label, text in rows:
        wrapped = _wrap(text, WIDTH - left) or [""]
        if len(label) + 4 > left:
            lines.append(f"  {label}")
            lines.extend(" " * left + w for w in wrapped)
        else:
            lines.append(f"  {label.ljust(left - 2)}{wrapped[0]}")
            lines.extend(" " * left + w for w in wrapped[1:])
    return lines


def render(command: Any, path: list[str]) -> str:
    """The help of ``command`` (a click command or group) reached by ``path``."""
    is_group = hasattr(command, "commands")
    lines: list[str] = []
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    options = [p for p in command.params if p.param_type_name == "option" and not p.hidden]
    usage = ["kehoach", *path]
    if options or is_group:
        usage.append("[TÙY CHỌN]")
    if is_group:
        usage.append("LỆNH [THAM SỐ]...")
    usage.extend(a.metavar or a.name.upper() for a in arguments)
    lines.append("Cách dùng: " + " ".join(usage))
    lines.append("")
    doc = (command.help or "").strip()
    if doc:
        lines.extend("  " + w for w in _wrap(doc, WIDTH - 2))
        lines.append("")
    if arguments:
        lines.append("Tham số:")
        lines.extend(_rows([(a.metavar or a.name.upper(), a.help or "") for a in arguments]))
        lines.append("")
    rows = [(_option_label(o), _OWN_HELP.get(o.name, o.help or "")) for o in options]
    rows.append(("-h, --help", "In hướng dẫn này rồi thoát."))
    lines.append("Tùy chọn:")
    lines.extend(_rows(rows))
    if is_group:
        lines.append("")
        lines.append("Lệnh:")
        lines.extend(
            _rows(
                [
                    (name, sub.short_help or " ".join((sub.help or "").split("\n\n")[0].split()))
                    for name, sub in command.commands.items()
                    if not getattr(sub, "hidden", False)
                ]
            )
        )
        lines.append("")
        lines.append("Xem hướng dẫn của từng lệnh: kehoach LỆNH --help")
    return "\n".join(lines) + "\n"
