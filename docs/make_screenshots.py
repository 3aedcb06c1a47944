"""Regenerate the pictures of the sample report shown in README.md.

    .venv/bin/python docs/make_screenshots.py

Renders this repo's quarter II report (``kehoach report --quy 2 --pdf``) into a temporary
folder — the repo's own reports/ is not touched — then turns pages of the PDF into PNGs at
100 dpi with poppler's ``pdftoppm``:

- docs/bao-cao-mau-trang-1.png: the first page (header, title, opening);
- docs/bao-cao-mau-trang-<N>.png: the page holding Biểu đồ 1 (N = 4 with the sample data);
- docs/bao-cao-6-thang-trang-1.png, docs/bao-cao-nam-trang-1.png: the first page of the
  six-month review (``--6-thang``, dated 3 July) and of the annual review (``--ca-nam``,
  dated 28 December, quarters III and IV still without data). Neither review has an input
  file in reports/, so each is dated by KEHOACH_TODAY.

Needs LibreOffice (``soffice``) and poppler-utils (``pdftoppm``, ``pdftotext``) on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
DPI = 100
CHART_CAPTION = "Biểu đồ 1."


REVIEWS = (("--6-thang", "2026-07-03", "bao-cao-6-thang-trang-1.png"),
           ("--ca-nam", "2026-12-28", "bao-cao-nam-trang-1.png"))


def run(*args: str, today: str | None = None) -> str:
    env = {**os.environ, "KEHOACH_TODAY": today} if today else None
    done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=False,
                          env=env)  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"{args[0]} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def page_count(pdf: Path) -> int:
    text = run("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    return text.count("\f") or 1


def page_with(pdf: Path, needle: str) -> int | None:
    for page in range(1, page_count(pdf) + 1):
        text = run("pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-")
        if needle in text:
            return page
    return None


def snapshot(pdf: Path, page: int, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "page"
        run("pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page),
            "-singlefile", str(pdf), str(stem))  # fmt: skip
        shutil.copyfile(stem.with_suffix(".png"), target)
    print(target.relative_to(REPO).as_posix())


def main() -> None:
    missing = [tool for tool in ("soffice", "pdftoppm", "pdftotext") if not shutil.which(tool)]
    if missing:
        sys.exit(f"missing on PATH: {', '.join(missing)} (install LibreOffice, poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="kehoach-docs-") as tmp:
        docx = Path(tmp) / "2026-Q2.docx"
        run(sys.executable, "-m", "kehoach_cli", "-C", str(REPO), "report", "--quy", "2",
            "--out", str(docx), "--pdf")  # fmt: skip
        pdf = docx.with_suffix(".pdf")
        for old in DOCS.glob("bao-cao-mau-trang-*.png"):
            old.unlink()
        snapshot(pdf, 1, DOCS / "bao-cao-mau-trang-1.png")
        chart = page_with(pdf, CHART_CAPTION)
        if chart is not None and chart != 1:
            snapshot(pdf, chart, DOCS / f"bao-cao-mau-trang-{chart}.png")
        for kind, today, name in REVIEWS:
            review = Path(tmp) / f"{name}.docx"
            run(sys.executable, "-m", "kehoach_cli", "-C", str(REPO), "report", kind,
                "--out", str(review), "--pdf", today=today)  # fmt: skip
            snapshot(review.with_suffix(".pdf"), 1, DOCS / name)


if __name__ == "__main__":
    main()
