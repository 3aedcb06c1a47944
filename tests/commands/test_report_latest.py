"""`kehoach report --moi-nhat`: the latest quarter with data, chosen from the data; an
issued one is never made again — its official .docx is copied (what CI attaches)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import run_cli

SOURCE = Path(__file__).resolve().parents[2]


def repo_with(tmp_path: Path, quarters: list[str]) -> Path:
    root = tmp_path / "kho"
    shutil.copytree(SOURCE / "plan", root / "plan")
    (root / "reports").mkdir()
    for q in quarters:
        for path in SOURCE.glob(f"units/*/2026-{q}.yaml"):
            target = root / path.relative_to(SOURCE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        for path in SOURCE.glob(f"reports/2026-{q}.*"):
            shutil.copyfile(path, root / "reports" / path.name)
    return root


def test_the_latest_quarter_with_data_is_made(tmp_path: Path) -> None:
    root = repo_with(tmp_path, ["Q1", "Q2"])
    out = tmp_path / "bao-cao.docx"
    code, text, _ = run_cli(["report", "--moi-nhat", "--out", str(out)], cwd=root)
    assert code == 0
    assert text.splitlines()[0] == "Quý mới nhất có số liệu: quý II năm 2026"
    assert out.is_file()
    official = (root / "reports" / "2026-Q1.docx").read_bytes()
    assert official == (SOURCE / "reports" / "2026-Q1.docx").read_bytes()  # untouched


def test_an_issued_latest_quarter_is_copied_never_made_again(tmp_path: Path) -> None:
    root = repo_with(tmp_path, ["Q1"])
    out = tmp_path / "bao-cao.docx"
    before = (root / "reports" / "2026-Q1.docx").stat().st_mtime_ns
    code, text, _ = run_cli(["report", "--moi-nhat", "--out", str(out)], cwd=root)
    assert code == 0
    assert text.splitlines() == [
        "Báo cáo quý I năm 2026 đã ban hành (số 03/BC-BCĐ): không lập lại; văn bản chính "
        "thức: reports/2026-Q1.docx",
        f"Đã chép văn bản chính thức sang {out}",
    ]
    assert out.read_bytes() == (root / "reports" / "2026-Q1.docx").read_bytes()
    assert (root / "reports" / "2026-Q1.docx").stat().st_mtime_ns == before


def test_an_issued_quarter_without_its_official_docx_is_an_error(tmp_path: Path) -> None:
    root = repo_with(tmp_path, ["Q1"])
    (root / "reports" / "2026-Q1.docx").unlink()
    code, text, err = run_cli(["report", "--moi-nhat", "--out", str(tmp_path / "x.docx")],
                              cwd=root)
    assert (code, text) == (1, "")
    assert err == (
        "kehoach: lỗi: báo cáo quý I năm 2026 đã ban hành (số 03/BC-BCĐ) nhưng chưa có văn "
        "bản chính thức reports/2026-Q1.docx; kehoach không lập lại văn bản đã ban hành — "
        "hãy commit tệp .docx đã ký vào reports/\n")
    assert not (tmp_path / "x.docx").exists()


def test_no_data_yet_makes_quarter_one(tmp_path: Path) -> None:
    root = repo_with(tmp_path, [])
    code, text, err = run_cli(["report", "--moi-nhat", "--out", str(tmp_path / "x.docx")],
                              cwd=root)
    assert code == 0
    assert text.splitlines()[0] == "Quý mới nhất có số liệu: quý I năm 2026"
    assert "chưa có đơn vị nào gửi kết quả" in err


def test_moi_nhat_alone(tmp_path: Path) -> None:
    root = repo_with(tmp_path, ["Q1"])
    assert run_cli(["report", "--moi-nhat", "--quy", "2"], cwd=root) == (
        2, "", "kehoach: lỗi: --moi-nhat tự chọn quý theo số liệu: không dùng cùng --quy, "
        "--6-thang, --ca-nam hay --force\n")
