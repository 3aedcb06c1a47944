"""The report is safe whatever the repo holds.

- The .docx stays valid whatever text a unit writes: a character XML forbids is refused
  by ``validate`` at its position, and ``report`` then refuses to write anything.
- Templates cannot escape the sandbox: reading files, importing modules, reaching Python
  internals fail with a Vietnamese message, exit 1, nothing written.
- Writes never corrupt: a report interrupted mid-write leaves the previous .docx intact
  and no temporary file; two reports written at once never give a broken .docx.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.helpers import RESULTS, make_repo, run_cli, snapshot
from tests.property import profile

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="liên kết tượng trưng của POSIX")
REPORT = ["report", "--quy", "1"]
DOCX = "reports/2026-Q1.docx"
TEMPLATE = "templates/bao-cao-quy.md.j2"
CONG_AN_Q1 = "units/cong-an/2026-Q1.yaml"


def _docx_texts(data: bytes) -> str:
    """Every XML part of a .docx parsed (it must be well-formed); the body's text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))
        body = ElementTree.fromstring(archive.read("word/document.xml"))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "".join(t.text or "" for t in body.iter(f"{ns}t"))


def _with_note(note_yaml: str) -> str:
    """The default cong-an Q1 result file, with a difficulty (kho_khan) added."""
    return RESULTS["cong-an/2026-Q1"] + f"kho_khan:\n  - {note_yaml}\n"


# ---------------------------------------------------------------- XML-illegal text


XML_ILLEGAL = [
    ("\\x01", "U+0001", 1), ("\\b", "U+0008 (BACKSPACE, xóa lùi)", 2),
    ("\\v", "U+000B (tab dọc)", 2), ("\\f", "U+000C (ngắt trang)", 2),
    ("\\e", "U+001B (ESC)", 2), ("\\x1F", "U+001F", 4), ("\\uFFFE", "U+FFFE (không phải ký tự)", 6),
    ("\\uFFFF", "U+FFFF (không phải ký tự)", 6),
    ("\\ud800", "U+D800 (nửa cặp UTF-16 đứng riêng)", 6),
    ("\\uDFFF", "U+DFFF (nửa cặp UTF-16 đứng riêng)", 6),
]


@pytest.mark.parametrize(("escape", "shown", "width"), XML_ILLEGAL,
                         ids=[e for e, _, _ in XML_ILLEGAL])
def test_xml_illegal_text_is_refused_by_validate_and_report(
    tmp_path: Path, escape: str, shown: str, width: int
) -> None:
    note = _with_note(f'"Mất điện{escape} 2 ngày"')
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": note})
    line = RESULTS["cong-an/2026-Q1"].count("\n") + 2
    col = len('  - "Mất điện') + 1
    expected = (
        f"{CONG_AN_Q1}:{line}:{col}: lỗi: giá trị chứa ký tự điều khiển {shown}, không được "
        "phép trong văn bản (tệp .docx sẽ hỏng); hãy xóa ký tự đó"
    )
    code, out, err = run_cli(["validate"], cwd=root)
    assert (code, out.splitlines()[0], err) == (1, expected, "")

    before = snapshot(root)
    code, out, err = run_cli(REPORT, cwd=root)
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        expected,
        "kehoach: lỗi: kho kế hoạch có 1 lỗi nên chưa lập báo cáo; sửa các lỗi trên (xem: "
        "kehoach validate) rồi chạy lại. Không tệp nào được ghi.",
    ]
    assert snapshot(root) == before
    assert not (root / DOCX).exists()


def test_literal_control_characters_are_refused_before_parsing(tmp_path: Path) -> None:
    text = _with_note("Mất điện\x0c 2 ngày")
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": text.encode()})
    line = RESULTS["cong-an/2026-Q1"].count("\n") + 2
    code, _out, err = run_cli(REPORT, cwd=root)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{CONG_AN_Q1}:{line}:13: lỗi: tệp chứa ký tự điều khiển U+000C (ngắt trang), không "
        "được phép trong tệp YAML; hãy xóa ký tự đó"
    )
    assert not (root / DOCX).exists()


# Legal but unusual text: all of it must reach the .docx, which must stay valid XML.
ZOO = (
    "Tab\there, NBSP\u00a0here, “quotes” & <b>tags</b> ]]> <!-- x --> "
    "emoji 😀, Arabic مرحبا, Han 漢字, combining x\u0301, Cyrillic Жж, "
    "symbols ≤ ≥ ± × ÷ ‰ №, C1-free, private-use \ue000, replacement \ufffd"
)


def test_unusual_legal_text_reaches_a_valid_docx(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": _with_note(json.dumps(ZOO,
                                                                                ensure_ascii=False))})
    code, out, err = run_cli(["validate"], cwd=root)
    assert (code, err) == (0, ""), out
    code, out, err = run_cli(REPORT, cwd=root)
    assert (code, out, err) == (0, DOCX + "\n", "")
    text = _docx_texts((root / DOCX).read_bytes())
    for piece in ("<b>tags</b>", "]]>", "😀", "مرحبا", "漢字", "Жж", "\ufffd"):
        assert piece in text, piece


@profile.for_test("test_report_docx_valid_for_any_accepted_text")
@given(note=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40))
def test_report_docx_valid_for_any_accepted_text(
    tmp_path_factory: pytest.TempPathFactory, note: str
) -> None:
    """Any text: either validate refuses it (and report writes nothing), or the .docx
    made from it is valid."""
    root = make_repo(tmp_path_factory.mktemp("zoo"),
                     results={"cong-an/2026-Q1": _with_note(json.dumps(note, ensure_ascii=False))})
    code, _out, err = run_cli(REPORT, cwd=root)
    assert code in (0, 1), err
    assert "Traceback" not in err and "lỗi nội bộ" not in err, err
    if code == 1:
        assert not (root / DOCX).exists()
        assert err.splitlines()[0].startswith(f"{CONG_AN_Q1}:")
    else:
        _docx_texts((root / DOCX).read_bytes())


# ---------------------------------------------------------------- templates

# The sandbox's own wording is the lead's (present/report/templating.py): the tests hold
# its stable start, the position, the closing line, and that nothing English leaks.
SECURITY = "mẫu báo cáo dùng thao tác không được phép"
NOT_FOUND = "mẫu báo cáo đòi đọc '{name}' nhưng không có tệp mẫu nào tên như vậy"
REFUSED_TAIL = (
    "kehoach: lỗi: mẫu báo cáo có lỗi nên chưa lập báo cáo; sửa mẫu (xem templates/README.md) "
    "rồi chạy lại. Không tệp nào được ghi."
)
HOSTILE_TEMPLATES = [
    ("{{ ''.__class__.__mro__ }}", SECURITY),
    ("{{ cycler.__init__.__globals__ }}", SECURITY),
    ("{{ lipsum.__globals__['os'].popen('id').read() }}", SECURITY),
    ("{{ self._TemplateReference__context }}", SECURITY),
    ("{{ ().__class__.__base__.__subclasses__() }}", SECURITY),
    ("{{ namespace.__init__.__globals__['__builtins__']['open']('/etc/passwd').read() }}",
     SECURITY),
    ("{{ 'x' * 10**9 }}", SECURITY),
    ("{% import 'os' as os %}{{ os.system('id') }}", NOT_FOUND.format(name="os")),
    ("{% from 'subprocess' import call %}{{ call('id') }}", NOT_FOUND.format(name="subprocess")),
    ("{% include '/etc/passwd' %}", NOT_FOUND.format(name="/etc/passwd")),
    ("{% include '../plan/plan.yaml' %}", NOT_FOUND.format(name="../plan/plan.yaml")),
    ("{% extends 'C:\\\\Windows\\\\win.ini' %}", NOT_FOUND.format(name="C:\\Windows\\win.ini")),
]
LEAKS = ("Traceback", "unsafe", "is undefined", "Error:", "lỗi nội bộ")


def _hostile_run(root: Path, template: str) -> tuple[int, str, str]:
    (root / "templates").mkdir(exist_ok=True)
    (root / TEMPLATE).write_text(template, encoding="utf-8")
    return run_cli(REPORT, cwd=root)


@pytest.mark.parametrize(("template", "message"), HOSTILE_TEMPLATES,
                         ids=[t for t, _ in HOSTILE_TEMPLATES])
def test_templates_cannot_escape(tmp_path: Path, template: str, message: str) -> None:
    root = make_repo(tmp_path)
    (root / "templates").mkdir()
    (root / TEMPLATE).write_text(template, encoding="utf-8")
    before = snapshot(root)
    code, out, err = run_cli(REPORT, cwd=root)
    assert (code, out) == (1, "")
    first, *rest = err.splitlines()
    assert first.startswith(f"{TEMPLATE}:1:1: lỗi: {message}"), first
    assert rest == [REFUSED_TAIL]
    assert not any(leak in err for leak in LEAKS), err
    assert snapshot(root) == before
    assert not (root / DOCX).exists()


@POSIX
def test_a_template_linked_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    (root / "templates").mkdir()
    (root / TEMPLATE).symlink_to(secret)
    code, _out, err = run_cli(REPORT, cwd=root)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{TEMPLATE}:1:1: lỗi: tệp mẫu là liên kết tượng trưng (symlink); hãy đặt chính tệp mẫu "
        "vào thư mục templates/"
    )
    assert not (root / DOCX).exists()


@POSIX
def test_an_included_link_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "phan.j2").symlink_to(secret)
    code, _out, err = _hostile_run(root, "{% include 'phan.j2' %}")
    assert code == 1
    expected = f"{TEMPLATE}:1:1: lỗi: {NOT_FOUND.format(name='phan.j2')}"
    assert err.splitlines()[0].startswith(expected)
    assert "mật khẩu" not in err


# Templates that do not escape but would exhaust the machine: every string a template
# builds is capped (MAX_TEXT, 200 000), and so is the work. The sizes here are small
# enough to run safely even if a cap were missing.
@pytest.mark.parametrize("template", [
    "{% set ns = namespace(s='ab') %}{% for i in range(18) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s | length }}",
    "{% set ns = namespace(s='ab') %}{% for i in range(18) %}{% set ns.s = ns.s + ns.s %}"
    "{% endfor %}{{ ns.s | length }}",
    "{{ 'ab' | center(300000) | length }}",
    "{{ '%0300000d' | format(1) | length }}",
], ids=["concat-tilde", "concat-plus", "center", "format"])
def test_templates_cannot_build_huge_strings(tmp_path: Path, template: str) -> None:
    code, _out, err = _hostile_run(make_repo(tmp_path), template)
    assert code == 1, "a 500 000-character string was built (the limit is 200 000)"
    assert err.startswith(f"{TEMPLATE}:1:1: lỗi: {SECURITY}"), err


@POSIX
def test_templates_cannot_loop_forever(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    (root / "templates").mkdir()
    (root / TEMPLATE).write_text(
        "{% for a in range(100000) %}{% for b in range(100000) %}{% for c in range(100000) %}"
        "{% endfor %}{% endfor %}{% endfor %}", encoding="utf-8")
    env = {**os.environ, "KEHOACH_TODAY": "2026-11-26"}
    try:
        done = subprocess.run([sys.executable, "-m", "kehoach_cli", *REPORT], cwd=root, env=env,
                              capture_output=True, text=True, timeout=8)
    except subprocess.TimeoutExpired:
        pytest.fail("the report ran for more than 8 s on a template of three nested loops")
    assert done.returncode == 1
    assert done.stderr.startswith(f"{TEMPLATE}:1:1: lỗi: "), done.stderr
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------- interrupted writes


@pytest.fixture
def reported(tmp_path: Path) -> Path:
    """A repo with a report already written: the 'previous .docx'."""
    root = make_repo(tmp_path)
    code, _out, err = run_cli(REPORT, cwd=root)
    assert (code, err) == (0, "")
    # The next run must differ, so that an overwrite would show.
    (root / "reports" / "2026-Q1.yaml").write_text(
        "danh_gia_chung: Quý I đã triển khai đúng kế hoạch.\n", encoding="utf-8")
    return root


def _litter(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "reports").iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("where", ["replace", "write", "fsync"])
def test_an_interrupted_report_keeps_the_previous_docx(
    reported: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    previous = (reported / DOCX).read_bytes()

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EIO, "Input/output error")

    if where == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fh: Any) -> None:
                self.fh = fh

            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            def write(self, data: bytes) -> int:
                self.fh.write(data[: len(data) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
        reason = "ổ đĩa đã đầy"
    else:
        monkeypatch.setattr(os, where, boom)
        reason = "Input/output error"
    code, out, err = run_cli(REPORT, cwd=reported)
    assert (code, out) == (1, "")
    assert err == (f"kehoach: lỗi: không ghi được {DOCX}: {reason}; tệp cũ (nếu có) vẫn "
                   "nguyên vẹn\n")
    assert (reported / DOCX).read_bytes() == previous
    assert _litter(reported) == []


def test_ctrl_c_during_the_write_keeps_the_previous_docx(
    reported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = (reported / DOCX).read_bytes()

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    code, _out, _err = run_cli(REPORT, cwd=reported)
    assert code == 130
    assert (reported / DOCX).read_bytes() == previous
    assert _litter(reported) == []


def test_a_report_open_in_word_is_a_clear_error(
    reported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows, replacing a .docx that Word holds open fails with PermissionError."""
    previous = (reported / DOCX).read_bytes()

    def locked(*args: Any) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    code, _out, err = run_cli(REPORT, cwd=reported)
    assert code == 1
    assert err == (
        f"kehoach: lỗi: không ghi được {DOCX}: không có quyền ghi, hoặc tệp đang được mở trong "
        "chương trình khác (như Word) — hãy đóng tệp rồi chạy lại; tệp cũ (nếu có) vẫn "
        "nguyên vẹn\n"
    )
    assert (reported / DOCX).read_bytes() == previous
    assert _litter(reported) == []


def test_two_reports_at_once_never_corrupt_the_docx(tmp_path: Path) -> None:
    import docx

    root = make_repo(tmp_path)
    env = {**os.environ, "KEHOACH_TODAY": "2026-11-26"}
    env.pop("KEHOACH_DEBUG", None)
    for _ in range(3):
        procs = [
            subprocess.Popen([sys.executable, "-m", "kehoach_cli", *REPORT], cwd=root, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        results = [p.communicate(timeout=180) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], results
        data = (root / DOCX).read_bytes()
        _docx_texts(data)
        docx.Document(io.BytesIO(data))
        assert _litter(root) == []
