"""check/rules/don_vi.py: a folder that is not a unit is reported on each file inside it
(an annotation on a folder shows nowhere in a pull request), with the folder it should be."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import RESULTS, make_repo, today

from kehoach_cli.check.engine import check_repo
from kehoach_cli.vocab.problems import Problem, Rename

CA1 = RESULTS["cong-an/2026-Q1"]
CA2 = re.sub(r"ngay_gui: \S+", "ngay_gui: 2026-06-18", CA1.replace("ky: 2026-Q1", "ky: 2026-Q2"))

CAPITALS = ("tên thư mục units/{folder}/ phải viết đúng mã đơn vị trong plan/units.yaml (chữ "
            "thường không dấu, nối bằng '-'); hãy đổi tên thư mục thành units/cong-an/")


def problems(root: Path) -> list[Problem]:
    return sorted(check_repo(root, today()).problems, key=Problem.sort_key)


def shown(found: list[Problem]) -> list[str]:
    return [f"{p.path}:{p.pos.line}:{p.pos.col}: {p.severity.value}: {p.message}" for p in found]


def test_a_folder_in_capitals_is_named_in_lower_case_on_each_file(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": None, "Cong-An/2026-Q1": CA1,
                                        "Cong-An/2026-Q2": CA2},
                     files={"units/Cong-An/bien-ban.pdf": b"%PDF"})
    found = problems(root)
    message = CAPITALS.format(folder="Cong-An")
    assert shown(found) == [
        f"units/Cong-An/2026-Q1.yaml:1:1: lỗi: {message}",
        f"units/Cong-An/2026-Q2.yaml:1:1: lỗi: {message}",
        f"units/Cong-An/bien-ban.pdf:1:1: lỗi: {message}",
    ]
    # never told to write don_vi in capitals; the result files move, the attachment too
    # once its name is sure to be free (here it is: no rename of attachments is guessed)
    assert [p.fix for p in found] == [
        Rename("units/cong-an/2026-Q1.yaml"), Rename("units/cong-an/2026-Q2.yaml"), None,
    ]


def test_a_folder_written_with_diacritics_or_underscores_names_the_id(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"cong-an/2026-Q1": None, "Công An/2026-Q1": CA1,
                                        "cong_an/2026-Q2": CA2})
    found = problems(root)
    assert shown(found) == [
        f"units/Công An/2026-Q1.yaml:1:1: lỗi: {CAPITALS.format(folder='Công An')}",
        f"units/cong_an/2026-Q2.yaml:1:1: lỗi: {CAPITALS.format(folder='cong_an')}",
    ]
    assert [p.fix for p in found] == [
        Rename("units/cong-an/2026-Q1.yaml"), Rename("units/cong-an/2026-Q2.yaml"),
    ]


def test_no_move_onto_a_file_that_is_there(tmp_path: Path) -> None:
    root = make_repo(tmp_path, results={"Cong-An/2026-Q1": CA1})
    found = problems(root)
    assert shown(found) == [
        f"units/Cong-An/2026-Q1.yaml:1:1: lỗi: {CAPITALS.format(folder='Cong-An')}",
    ]
    assert found[0].fix is None


def test_an_unknown_folder_is_reported_on_each_file_with_a_guess(tmp_path: Path) -> None:
    text = CA1.replace("don_vi: cong-an", "don_vi: cong-ann")
    root = make_repo(tmp_path, results={"cong-ann/2026-Q1": text,
                                        "cong-ann/2026-Q2": CA2})
    found = problems(root)
    message = ("thư mục units/cong-ann/ không ứng với đơn vị nào trong plan/units.yaml; "
               "có phải ý bạn là 'cong-an'?")
    assert shown(found) == [
        f"units/cong-ann/2026-Q1.yaml:1:1: lỗi: {message}",
        f"units/cong-ann/2026-Q2.yaml:1:1: lỗi: {message}",
    ]
    assert [p.fix for p in found] == [None, None]  # a guess at a typo is not certain


def test_a_folder_with_nothing_to_annotate_is_reported_on_itself(tmp_path: Path) -> None:
    root = make_repo(tmp_path, files={"units/tram-y-te/.gitkeep": ""})
    assert shown(problems(root)) == [
        "units/tram-y-te:1:1: lỗi: thư mục units/tram-y-te/ không ứng với đơn vị nào trong "
        "plan/units.yaml",
    ]
