"""The rendered .docx as LibreOffice lays it out: text, fonts, page count, page numbers.

Needs ``soffice`` (LibreOffice) and poppler's ``pdftotext``/``pdfinfo``/``pdffonts``; the test is
skipped where they are not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kehoach_cli.present.report.docx_writer import render_docx

from .sample import SIGNER, sample_report

TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdffonts")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]

pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"needs LibreOffice and poppler-utils; not on PATH: {', '.join(MISSING)}",
)


def run(*args: str, timeout: float = 180) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{args[0]} failed: {done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("nd30")
    source = work / "bao-cao.docx"
    source.write_bytes(render_docx(sample_report()))
    profile = (work / "lo-profile").as_uri()
    run(
        "soffice",
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work),
        str(source),
    )
    out = work / "bao-cao.pdf"
    assert out.exists(), "LibreOffice produced no PDF"
    return out


def page_text(pdf: Path, page: int | None = None, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return run(*args, str(pdf), "-")


def page_count(pdf: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.MULTILINE)
    assert match
    return int(match.group(1))


def test_pdf_contains_the_key_vietnamese_strings(pdf: Path) -> None:
    text = page_text(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Vũ Dương, ngày 26 tháng 6 năm 2026",
        "Số: 15/BC-BCĐ",
        "BÁO CÁO",
        "I. KẾT QUẢ THỰC HIỆN",
        "Nơi nhận:",
        "- Lưu: VT, VHXH.",
        "TM. BAN CHỈ ĐẠO",
        SIGNER,
        "./.",
    ):
        assert expected in text, expected


def test_page_count_is_sensible(pdf: Path) -> None:
    assert 2 <= page_count(pdf) <= 5


def test_only_a_serif_font_with_vietnamese_glyphs_is_used(pdf: Path) -> None:
    """A font without Vietnamese glyphs makes LibreOffice fall back to another family
    (DejaVu, …) for the missing letters: every font in the PDF must be a Times metric one."""
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts if line.strip()}
    assert names, "no fonts in the PDF"
    for name in names:
        assert re.match(r"(LiberationSerif|TimesNewRoman|Times|Tinos)", name), names


def test_page_numbers_from_page_two(pdf: Path) -> None:
    first = page_text(pdf, 1, layout=True).strip().splitlines()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first[0]  # nothing above the header
    for page in range(2, page_count(pdf) + 1):
        lines = [line for line in page_text(pdf, page, layout=True).splitlines() if line.strip()]
        assert lines[0].strip() == str(page)


def test_so_and_date_on_one_line_and_noi_nhan_beside_the_signature(pdf: Path) -> None:
    first = page_text(pdf, 1, layout=True)
    assert re.search(r"Số: 15/BC-BCĐ\s+Vũ Dương, ngày 26 tháng 6 năm 2026", first)
    last = page_text(pdf, page_count(pdf), layout=True)
    assert re.search(r"Nơi nhận:\s+TM\. BAN CHỈ ĐẠO", last)
    # the whole closing block is on the last page
    for line in ("- Lưu: VT, VHXH.", "PHÓ CHỦ TỊCH UBND XÃ", SIGNER):
        assert line in last
