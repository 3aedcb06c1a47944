"""present/problems_out.py: problems for people (text), GitHub Actions and tools (JSON)."""

from __future__ import annotations

import io
import json

import pytest

from kehoach_cli.present import problems_out
from kehoach_cli.vocab.problems import Position, Problem, error, warning

ERR = error("units/cong-an/2026-Q2.yaml", Position(5, 14),
            "tu_so: cần một số nguyên, ví dụ 12, nhận được chuỗi \"12\"", "dinh-dang")
WARN = warning("plan/tasks.yaml", Position(17, 10),
               "han: hạn 2025-09-30 thuộc năm trước năm kế hoạch (2026)", "nhiem-vu")


def written(problems: list[Problem], files: int, fmt: str) -> str:
    out = io.StringIO()
    problems_out.write(problems, files, fmt, out)
    return out.getvalue()


def test_formats() -> None:
    assert problems_out.FORMATS == ("text", "github", "json", "sarif", "gitlab")


def test_text_lines_are_path_line_col_severity_message() -> None:
    assert problems_out.text_line(ERR) == (
        'units/cong-an/2026-Q2.yaml:5:14: lỗi: tu_so: cần một số nguyên, ví dụ 12, nhận được '
        'chuỗi "12"'
    )
    assert problems_out.text_line(WARN) == (
        "plan/tasks.yaml:17:10: cảnh báo: han: hạn 2025-09-30 thuộc năm trước năm kế hoạch (2026)"
    )


@pytest.mark.parametrize(
    ("problems", "files", "line"),
    [
        ([], 15, "Đã kiểm tra 15 tệp: không có lỗi."),
        ([ERR], 1, "Đã kiểm tra 1 tệp: 1 lỗi."),
        ([WARN], 6, "Đã kiểm tra 6 tệp: 1 cảnh báo."),
        ([ERR, ERR, WARN], 6, "Đã kiểm tra 6 tệp: 2 lỗi, 1 cảnh báo."),
        ([], 0, "Đã kiểm tra 0 tệp: không có lỗi."),
    ],
)
def test_the_closing_summary(problems: list[Problem], files: int, line: str) -> None:
    assert problems_out.summary(problems, files) == line


def test_text_output_ends_with_the_summary() -> None:
    assert written([WARN, ERR], 6, "text") == (
        "plan/tasks.yaml:17:10: cảnh báo: han: hạn 2025-09-30 thuộc năm trước năm kế hoạch (2026)\n"
        'units/cong-an/2026-Q2.yaml:5:14: lỗi: tu_so: cần một số nguyên, ví dụ 12, nhận được '
        'chuỗi "12"\n'
        "Đã kiểm tra 6 tệp: 1 lỗi, 1 cảnh báo.\n"
    )


def test_github_annotations() -> None:
    assert written([ERR, WARN], 6, "github") == (
        "::error file=units/cong-an/2026-Q2.yaml,line=5,col=14,title=kehoach lỗi::tu_so: cần một "
        'số nguyên, ví dụ 12, nhận được chuỗi "12"\n'
        "::warning file=plan/tasks.yaml,line=17,col=10,title=kehoach cảnh báo::han: hạn "
        "2025-09-30 thuộc năm trước năm kế hoạch (2026)\n"
        "Đã kiểm tra 6 tệp: 1 lỗi, 1 cảnh báo.\n"
    )


def test_github_escapes_data_and_properties() -> None:
    problem = error("units/a,b/2026-Q1:x.yaml", Position(1, 2),
                    "100% sai\r\ndòng hai: a, b", "x")
    assert problems_out.github_line(problem) == (
        "::error file=units/a%2Cb/2026-Q1%3Ax.yaml,line=1,col=2,title=kehoach lỗi::"
        "100%25 sai%0D%0Adòng hai: a, b"
    )


def test_github_escapes_percent_before_the_rest() -> None:
    problem = error("a%2C.yaml", Position(1, 1), "%0A is not a line break", "x")
    assert problems_out.github_line(problem) == (
        "::error file=a%252C.yaml,line=1,col=1,title=kehoach lỗi::%250A is not a line break"
    )


def test_json_is_a_list_with_no_summary() -> None:
    text = written([ERR, WARN], 6, "json")
    assert json.loads(text) == [
        {"path": "units/cong-an/2026-Q2.yaml", "line": 5, "col": 14, "severity": "error",
         "muc_do": "lỗi", "message": 'tu_so: cần một số nguyên, ví dụ 12, nhận được chuỗi "12"',
         "rule": "dinh-dang"},
        {"path": "plan/tasks.yaml", "line": 17, "col": 10, "severity": "warning",
         "muc_do": "cảnh báo",
         "message": "han: hạn 2025-09-30 thuộc năm trước năm kế hoạch (2026)",
         "rule": "nhiem-vu"},
    ]
    assert "lỗi" in text  # not \u-escaped: readable as is
    assert text.endswith("]\n")


def test_json_of_nothing() -> None:
    assert written([], 3, "json") == "[]\n"
