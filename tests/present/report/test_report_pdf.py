"""This repo's own quarter II report, rendered by ``kehoach report --pdf`` and read back from
the PDF LibreOffice makes of it: text, figures, page count, fonts.

Needs ``soffice`` (LibreOffice) and poppler's ``pdftotext``/``pdfinfo``/``pdffonts``; the test
is skipped where they are not installed. Nothing is written inside the repo (``--out``).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from tests.helpers import run_cli

from kehoach_cli.check.engine import check_repo
from kehoach_cli.compute.attainment import compute_quarter
from kehoach_cli.load.plan import Plan
from kehoach_cli.vocab.numbers import format_percent, format_value
from kehoach_cli.vocab.periods import Period

TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdffonts")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]
REPO = Path(__file__).resolve().parents[3]
TODAY = "2026-11-26"

pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"needs LibreOffice and poppler-utils; not on PATH: {', '.join(MISSING)}",
)


def run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, f"{args[0]} failed: {done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("q2")
    code, out, err = run_cli(
        ["-C", str(REPO), "report", "--quy", "2", "--out", str(work / "2026-Q2.docx"), "--pdf"],
        cwd=work, today=TODAY,
    )
    assert (code, err) == (0, ""), err
    assert out == "2026-Q2.docx\n2026-Q2.pdf\n"
    return work / "2026-Q2.pdf"


@pytest.fixture(scope="module")
def text(pdf: Path) -> str:
    raw = run("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    return unicodedata.normalize("NFC", raw)


@pytest.fixture(scope="module")
def words(text: str) -> str:
    """The text with every run of white space made one space (lines wrap anywhere)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def plan() -> Plan:
    outcome = check_repo(REPO, dt.date.fromisoformat(TODAY))
    assert outcome.plan is not None
    return outcome.plan


def test_header_title_and_closing(words: str) -> None:
    for expected in (
        "UBND XÃ VŨ DƯƠNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /BC-BCĐ",  # a draft: the number left blank
        "Vũ Dương, ngày 29 tháng 6 năm 2026",
        "BÁO CÁO",
        "Nơi nhận:",
        "- Lưu: VT, VHXH.",
        "TM. BAN CHỈ ĐẠO",
        "KT. TRƯỞNG BAN",
        "Nguyễn Hồng Quân",
    ):
        assert expected in words, expected
    for word in ("BAN CHỈ ĐẠO VỀ PHÁT TRIỂN", "ĐỀ ÁN 06"):
        assert word in words


def test_trich_yeu(words: str) -> None:
    assert (
        "Kết quả thực hiện Kế hoạch hoạt động năm 2026 của Ban Chỉ đạo của UBND xã Vũ Dương "
        "về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 quý "
        "II năm 2026"
    ) in words


def test_sections_in_order(words: str) -> None:
    headings = [
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Kết quả thực hiện các chỉ tiêu",
        "Bảng 1. Kết quả thực hiện các chỉ tiêu quý II năm 2026",
        "Biểu đồ 1. Tỷ lệ đạt so với mục tiêu năm của các chỉ tiêu (số thứ tự theo Bảng 1), "
        "quý II năm 2026",
        "2. Kết quả thực hiện các nhiệm vụ",
        "3. Tình hình gửi báo cáo của các đơn vị",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ III NĂM 2026",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
    ]
    places = [words.index(h) for h in headings]
    assert places == sorted(places)


def test_every_figure_of_the_table_is_shown(words: str, plan: Plan) -> None:
    q = compute_quarter(plan, Period(2026, 2))
    assert "94,8%" in words
    for t in q.targets:
        if t.value is None:
            continue
        assert format_value(t.value, t.target.don_vi_tinh) in words, t.target.ma
        assert t.ty_le_dat is not None
        assert format_percent(t.ty_le_dat) in words, t.target.ma


def test_the_body_ends_with_the_mark(words: str) -> None:
    body_end = words.index("Nơi nhận:")
    assert words[:body_end].rstrip().endswith("của Ban Chỉ đạo./.")


def test_page_count(pdf: Path) -> None:
    info = run("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])  # type: ignore[index]
    assert 4 <= pages <= 12


def test_only_times_metric_fonts(pdf: Path) -> None:
    """Times New Roman, or Liberation Serif (its metric twin) where it is not installed;
    the chart is a picture and brings no font of its own."""
    listing = run("pdffonts", str(pdf)).splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in listing if line.strip()}
    assert names
    for name in names:
        assert name.startswith(("LiberationSerif", "TimesNewRoman", "Times")), name
