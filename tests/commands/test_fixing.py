"""The fix applier (commands/fixing.py) on problems made by hand: text edits at their
positions, stale fixes skipped, renames never over another file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.helpers import snapshot, write

from kehoach_cli.commands.fixing import apply_fixes
from kehoach_cli.present.fixes_out import result_line
from kehoach_cli.vocab.fixes import FixResult
from kehoach_cli.vocab.problems import Edit, Position, Problem, Rename, error

PATH = "units/cong-an/2026-Q1.yaml"
TEXT = "# Kết quả quý I\nchi_tieu:\n  a: {gia_tri: 2,5}   # số liệu\n  b: {gia_tri: 1,25}\n"


def edit(line: int, col: int, old: str, new: str, path: str = PATH) -> Problem:
    return error(path, Position(line, col), "thông báo", fix=Edit(Position(line, col), old, new))


def rename(new_path: str, path: str = PATH) -> Problem:
    return error(path, Position(1, 1), "tên tệp", fix=Rename(new_path))


def lines(results: list[FixResult], dry_run: bool = False) -> list[str]:
    return [result_line(r, dry_run=dry_run) for r in results]


def test_edits_are_applied_from_the_last_to_the_first(tmp_path: Path) -> None:
    write(tmp_path / PATH, TEXT)
    results = apply_fixes(tmp_path, [edit(3, 16, "2,5", "2.5"), edit(4, 16, "1,25", "1.25")])
    assert lines(results) == [
        f"{PATH}:3:16: đã sửa: 2,5 → 2.5",
        f"{PATH}:4:16: đã sửa: 1,25 → 1.25",
    ]
    assert (tmp_path / PATH).read_bytes() == TEXT.replace("2,5", "2.5").replace(
        "1,25", "1.25").encode()


def test_two_edits_on_one_line_keep_their_positions(tmp_path: Path) -> None:
    write(tmp_path / PATH, "a: {x: 2,5, y: 3,5}\n")
    apply_fixes(tmp_path, [edit(1, 8, "2,5", "2.50"), edit(1, 16, "3,5", "3.5")])
    assert (tmp_path / PATH).read_text(encoding="utf-8") == "a: {x: 2.50, y: 3.5}\n"


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    write(tmp_path / PATH, "ghi_chu: Đường ấy {gia_tri: 2,5}\n")
    apply_fixes(tmp_path, [edit(1, 29, "2,5", "2.5")])
    assert (tmp_path / PATH).read_text(encoding="utf-8") == "ghi_chu: Đường ấy {gia_tri: 2.5}\n"


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode()
    write(tmp_path / PATH, raw)
    apply_fixes(tmp_path, [edit(3, 16, "2,5", "2.5")])
    assert (tmp_path / PATH).read_bytes() == raw.replace(b"2,5", b"2.5")


def test_a_multi_line_fix_gets_the_file_s_crlf(tmp_path: Path) -> None:
    write(tmp_path / PATH, b"a: 1\r\nb: 2\r\n")
    apply_fixes(tmp_path, [edit(1, 4, "1\nb: 2", "1\nc: 2")])
    assert (tmp_path / PATH).read_bytes() == b"a: 1\r\nc: 2\r\n"


def test_a_stale_fix_is_skipped_with_a_message(tmp_path: Path) -> None:
    write(tmp_path / PATH, TEXT.replace("2,5", "2.5"))
    before = snapshot(tmp_path)
    results = apply_fixes(tmp_path, [edit(3, 16, "2,5", "2.5")])
    assert lines(results) == [
        f"{PATH}:3:16: không sửa: ở đây bây giờ là '2.5', không phải '2,5' (tệp đã thay đổi "
        "sau khi kiểm tra)"
    ]
    assert snapshot(tmp_path) == before


def test_a_stale_fix_leaves_the_other_fixes_of_the_file(tmp_path: Path) -> None:
    write(tmp_path / PATH, TEXT)
    results = apply_fixes(tmp_path, [edit(3, 16, "2,6", "2.6"), edit(4, 16, "1,25", "1.25")])
    assert [r.done for r in results] == [False, True]
    assert (tmp_path / PATH).read_text(encoding="utf-8") == TEXT.replace("1,25", "1.25")


def test_a_position_past_the_line_or_the_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / PATH, TEXT)
    results = apply_fixes(tmp_path, [edit(3, 40, "x", "y"), edit(9, 1, "x", "y")])
    assert lines(results) == [
        f"{PATH}:3:40: không sửa: vị trí này không còn trong tệp (tệp đã thay đổi sau khi "
        "kiểm tra)",
        f"{PATH}:9:1: không sửa: vị trí này không còn trong tệp (tệp đã thay đổi sau khi "
        "kiểm tra)",
    ]
    assert (tmp_path / PATH).read_text(encoding="utf-8") == TEXT


def test_overlapping_edits_apply_the_later_one_only(tmp_path: Path) -> None:
    write(tmp_path / PATH, "a: {x: 2,5}\n")
    results = apply_fixes(tmp_path, [edit(1, 8, "2,5", "2.5"), edit(1, 10, "5", "6")])
    assert lines(results) == [
        f"{PATH}:1:8: không sửa: chỗ này chồng lên một chỗ sửa khác trong cùng tệp; chạy "
        "lại kehoach sua để sửa nốt",
        f"{PATH}:1:10: đã sửa: 5 → 6",
    ]
    assert (tmp_path / PATH).read_text(encoding="utf-8") == "a: {x: 2,6}\n"


def test_the_same_fix_twice_is_applied_once(tmp_path: Path) -> None:
    write(tmp_path / PATH, "a: {x: 2,5}\n")
    results = apply_fixes(tmp_path, [edit(1, 8, "2,5", "2.5"), edit(1, 8, "2,5", "2.5")])
    assert len(results) == 1
    assert (tmp_path / PATH).read_text(encoding="utf-8") == "a: {x: 2.5}\n"


def test_a_file_not_in_utf8_is_not_edited(tmp_path: Path) -> None:
    raw = "ghi_chu: Đà\na: {x: 2,5}\n".encode("cp1258")
    write(tmp_path / PATH, raw)
    results = apply_fixes(tmp_path, [edit(2, 8, "2,5", "2.5")])
    assert lines(results) == [
        f"{PATH}:2:8: không sửa: tệp không phải mã UTF-8 nên không sửa tự động (sửa sẽ làm "
        "hỏng chữ); hãy lưu lại tệp bằng mã UTF-8 rồi chạy lại"
    ]
    assert (tmp_path / PATH).read_bytes() == raw


def test_invisible_text_is_shown_spelled_out(tmp_path: Path) -> None:
    write(tmp_path / PATH, "a:\n\u00a0\u00a0b: 1\n")
    results = apply_fixes(tmp_path, [edit(2, 1, "\u00a0\u00a0", "  ")])
    assert lines(results) == [f"{PATH}:2:1: đã sửa: '\\xa0\\xa0' → '  '"]
    assert (tmp_path / PATH).read_text(encoding="utf-8") == "a:\n  b: 1\n"


def test_nothing_is_written_without_write(tmp_path: Path) -> None:
    write(tmp_path / PATH, TEXT)
    before = snapshot(tmp_path)
    results = apply_fixes(tmp_path, [edit(3, 16, "2,5", "2.5"), rename("units/cong-an/x.yaml")],
                          write=False)
    assert lines(results, dry_run=True) == [
        f"{PATH}:3:16: sẽ sửa: 2,5 → 2.5",
        f"{PATH}: sẽ đổi tên thành units/cong-an/x.yaml",
    ]
    assert snapshot(tmp_path) == before


def test_problems_without_a_fix_are_ignored(tmp_path: Path) -> None:
    write(tmp_path / PATH, TEXT)
    assert apply_fixes(tmp_path, [error(PATH, Position(1, 1), "không có cách sửa")]) == []


# ---------------------------------------------------------------- renames


def test_a_rename(tmp_path: Path) -> None:
    write(tmp_path / "units/cong-an/2026-q1.yml", TEXT)
    results = apply_fixes(tmp_path, [rename(PATH, "units/cong-an/2026-q1.yml")])
    assert lines(results) == [f"units/cong-an/2026-q1.yml: đã đổi tên thành {PATH}"]
    assert (tmp_path / PATH).read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in (tmp_path / "units/cong-an").iterdir()) == ["2026-Q1.yaml"]


def test_an_edit_and_a_rename_of_one_file(tmp_path: Path) -> None:
    old = "units/cong-an/2026-q1.yaml"
    write(tmp_path / old, TEXT)
    results = apply_fixes(tmp_path, [rename(PATH, old), edit(3, 16, "2,5", "2.5", old)])
    assert [r.done for r in results] == [True, True]
    assert (tmp_path / PATH).read_text(encoding="utf-8") == TEXT.replace("2,5", "2.5")


def test_a_rename_onto_an_existing_file_is_refused(tmp_path: Path) -> None:
    old = "units/cong-an/2026-q1.yml"
    write(tmp_path / old, "cũ\n")
    write(tmp_path / PATH, "đã có\n")
    before = snapshot(tmp_path)
    for write_ in (True, False):
        results = apply_fixes(tmp_path, [rename(PATH, old)], write=write_)
        assert lines(results) == [
            f"{old}: không đổi tên: đã có tệp {PATH}; không đổi tên để khỏi ghi đè tệp đó — "
            "hãy xem hai tệp rồi tự gộp hoặc xóa một tệp"
        ]
    assert snapshot(tmp_path) == before


def test_two_renames_onto_one_name_rename_the_first_only(tmp_path: Path) -> None:
    write(tmp_path / "units/cong-an/a.yml", "a\n")
    write(tmp_path / "units/cong-an/b.yml", "b\n")
    results = apply_fixes(tmp_path, [rename(PATH, "units/cong-an/a.yml"),
                                     rename(PATH, "units/cong-an/b.yml")], write=False)
    assert [r.done for r in results] == [True, False]
    results = apply_fixes(tmp_path, [rename(PATH, "units/cong-an/a.yml"),
                                     rename(PATH, "units/cong-an/b.yml")])
    assert [r.done for r in results] == [True, False]
    assert (tmp_path / PATH).read_text(encoding="utf-8") == "a\n"
    assert (tmp_path / "units/cong-an/b.yml").read_text(encoding="utf-8") == "b\n"


@pytest.mark.parametrize("new_path", ["../ngoai.yaml", "/etc/x.yaml", "C:/x.yaml",
                                      "units\\x.yaml", ""])
def test_a_rename_out_of_the_repo_is_refused(tmp_path: Path, new_path: str) -> None:
    write(tmp_path / PATH, TEXT)
    results = apply_fixes(tmp_path, [rename(new_path)])
    assert not results[0].done
    assert (results[0].skipped or "").endswith("nằm ngoài kho kế hoạch")
    assert (tmp_path / PATH).exists()


def test_a_rename_of_a_file_gone_is_skipped(tmp_path: Path) -> None:
    results = apply_fixes(tmp_path, [rename("units/cong-an/x.yaml")])
    assert lines(results) == [
        f"{PATH}: không đổi tên: không còn tệp này (có thể đã đổi tên hay xóa)"
    ]


def test_a_case_only_rename(tmp_path: Path) -> None:
    old = "units/cong-an/2026-q1.yaml"
    write(tmp_path / old, TEXT)
    results = apply_fixes(tmp_path, [rename(PATH, old)])
    assert lines(results) == [f"{old}: đã đổi tên thành {PATH}"]
    assert [p.name for p in (tmp_path / "units/cong-an").iterdir()] == ["2026-Q1.yaml"]
    assert (tmp_path / PATH).read_text(encoding="utf-8") == TEXT


class CaseInsensitive:
    """A case-insensitive file system (Windows, macOS) pretended on top of this one:
    a name exists when a name in its folder differs from it by case only."""

    def __init__(self) -> None:
        self.real_lexists = os.path.lexists
        self.real_samefile = os.path.samefile
        self.real_link = os.link

    def _found(self, path: str | os.PathLike[str]) -> Path | None:
        p = Path(path)
        if not p.parent.is_dir():
            return None
        return next((c for c in p.parent.iterdir() if c.name.lower() == p.name.lower()), None)

    def lexists(self, path: str | os.PathLike[str]) -> bool:
        return self._found(path) is not None

    def samefile(self, a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
        fa, fb = self._found(a), self._found(b)
        if fa is None or fb is None:
            raise FileNotFoundError(a)
        return self.real_samefile(fa, fb)

    def link(self, a: str | os.PathLike[str], b: str | os.PathLike[str]) -> None:
        if self.lexists(b):
            raise FileExistsError(b)
        self.real_link(a, b)


def test_a_case_only_rename_on_a_case_insensitive_file_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = "units/cong-an/2026-q1.yaml"
    write(tmp_path / old, TEXT)
    fs = CaseInsensitive()
    monkeypatch.setattr(os.path, "lexists", fs.lexists)
    monkeypatch.setattr(os.path, "samefile", fs.samefile)
    monkeypatch.setattr(os, "link", fs.link)
    results = apply_fixes(tmp_path, [rename(PATH, old)])
    assert lines(results) == [f"{old}: đã đổi tên thành {PATH}"]
    monkeypatch.undo()
    assert [p.name for p in (tmp_path / "units/cong-an").iterdir()] == ["2026-Q1.yaml"]
    assert (tmp_path / PATH).read_text(encoding="utf-8") == TEXT


def test_a_rename_into_a_new_folder(tmp_path: Path) -> None:
    write(tmp_path / "units/Cong-An/2026-Q1.yaml", TEXT)
    results = apply_fixes(tmp_path, [rename(PATH, "units/Cong-An/2026-Q1.yaml")])
    assert results[0].done
    assert (tmp_path / PATH).read_text(encoding="utf-8") == TEXT


def test_a_file_that_cannot_be_written_is_said_and_the_others_are_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = "units/van-phong/2026-Q1.yaml"
    write(tmp_path / PATH, TEXT)
    write(tmp_path / other, TEXT)
    real_replace = os.replace

    def refusing(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) == tmp_path / PATH:
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refusing)
    results = apply_fixes(tmp_path, [edit(3, 16, "2,5", "2.5"), edit(3, 16, "2,5", "2.5", other)])
    monkeypatch.undo()
    assert lines(results) == [
        f"{PATH}:3:16: không sửa: không ghi được {tmp_path / PATH}: không có quyền ghi, hoặc "
        "tệp đang được mở trong chương trình khác (như Word) — hãy đóng tệp rồi chạy lại; tệp "
        "cũ (nếu có) vẫn nguyên vẹn",
        f"{other}:3:16: đã sửa: 2,5 → 2.5",
    ]
    assert (tmp_path / PATH).read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in (tmp_path / PATH).parent.iterdir()) == ["2026-Q1.yaml"]


@pytest.mark.skipif(os.name == "nt", reason="liên kết tượng trưng cần quyền riêng trên Windows")
def test_a_symbolic_link_is_neither_edited_nor_renamed(tmp_path: Path) -> None:
    outside = write(tmp_path / "ngoai.yaml", "a: {x: 2,5}\n")
    (tmp_path / "units/cong-an").mkdir(parents=True)
    (tmp_path / PATH).symlink_to(outside)
    before = snapshot(tmp_path)
    results = apply_fixes(tmp_path, [edit(1, 8, "2,5", "2.5"), rename("units/cong-an/x.yaml")])
    assert [r.skipped for r in results] == [
        "đây là liên kết tượng trưng (symbolic link), không phải tệp thật; không sửa qua "
        "liên kết"] * 2
    assert snapshot(tmp_path) == before
