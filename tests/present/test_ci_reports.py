"""SARIF, GitLab Code Quality and the GitHub step summary: exact output, read back."""

from __future__ import annotations

import io
import json

from kehoach_cli.present import ci_reports, problems_out
from kehoach_cli.vocab.problems import Position, Problem, error, warning

SYNTAX = error("units/cong-an-xa/2026-Q3.yaml", Position(2, 7),
               "lỗi cú pháp YAML: thiếu giá trị | ở đây", "cu-phap")
OTHERS = error("units/mttq/2026-Q2.yaml", Position(1, 1),
               "tài khoản 'nguyen-van-a' (đơn vị cong-an-xa) chỉ được thêm hoặc sửa tệp "
               "trong units/cong-an-xa/", "thay-doi")
WARN = warning("plan/tasks.yaml", Position(17, 10),
               "han: hạn 2025-09-30 thuộc năm trước năm kế hoạch (2026)", "nhiem-vu")
ALL = sorted([SYNTAX, OTHERS, WARN], key=Problem.sort_key)


def written(fmt: str) -> str:
    out = io.StringIO()
    problems_out.write(ALL, 3, fmt, out)
    return out.getvalue()


def test_github_annotations_put_who_may_change_what_first() -> None:
    lines = written("github").splitlines()
    assert [x.split(" ", 1)[1].split(",", 1)[0] for x in lines[:3]] == [
        "file=units/mttq/2026-Q2.yaml", "file=plan/tasks.yaml",
        "file=units/cong-an-xa/2026-Q3.yaml",
    ]
    assert lines[3] == "Đã kiểm tra 3 tệp: 2 lỗi, 1 cảnh báo."


def test_sarif_log() -> None:
    log = json.loads(written("sarif"))
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "kehoach"
    assert [r["id"] for r in driver["rules"]] == ["cu-phap", "nhiem-vu", "thay-doi"]
    assert driver["rules"][2]["shortDescription"]["text"].startswith(
        "Yêu cầu hợp nhất của một đơn vị chỉ thêm, sửa tệp")
    assert run["columnKind"] == "unicodeCodePoints"
    first = run["results"][0]
    assert first == {
        "ruleId": "nhiem-vu",
        "ruleIndex": 1,
        "level": "warning",
        "message": {"text": WARN.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "plan/tasks.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 17, "startColumn": 10},
        }}],
        "partialFingerprints": {"kehoach/v1": first["partialFingerprints"]["kehoach/v1"]},
    }
    assert [r["level"] for r in run["results"]] == ["warning", "error", "error"]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_of_nothing_is_a_run_without_results() -> None:
    log = json.loads(ci_reports.to_sarif([]))
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_gitlab_code_quality() -> None:
    issues = json.loads(written("gitlab"))
    assert [{k: v for k, v in i.items() if k != "fingerprint"} for i in issues] == [
        {"description": WARN.message, "check_name": "nhiem-vu", "severity": "minor",
         "location": {"path": "plan/tasks.yaml", "lines": {"begin": 17}}},
        {"description": SYNTAX.message, "check_name": "cu-phap", "severity": "major",
         "location": {"path": "units/cong-an-xa/2026-Q3.yaml", "lines": {"begin": 2}}},
        {"description": OTHERS.message, "check_name": "thay-doi", "severity": "major",
         "location": {"path": "units/mttq/2026-Q2.yaml", "lines": {"begin": 1}}},
    ]
    assert all(len(i["fingerprint"]) == 64 for i in issues)


def test_gitlab_fingerprints_are_unique_and_survive_moved_lines() -> None:
    same = [SYNTAX, error(SYNTAX.path, Position(9, 1), SYNTAX.message, SYNTAX.rule)]
    prints = [i["fingerprint"] for i in json.loads(ci_reports.to_gitlab(same))]
    assert len(set(prints)) == 2
    moved = error(SYNTAX.path, Position(40, 3), SYNTAX.message, SYNTAX.rule)
    assert json.loads(ci_reports.to_gitlab([moved]))[0]["fingerprint"] == prints[0]


def test_step_summary_table() -> None:
    text = ci_reports.step_summary(ALL, "Đã kiểm tra 3 tệp: 2 lỗi, 1 cảnh báo.")
    assert text == (
        "## Kết quả kiểm tra của kehoach\n\nĐã kiểm tra 3 tệp: 2 lỗi, 1 cảnh báo.\n\n"
        "| Tệp | Dòng | Cột | Mức | Nội dung | Quy tắc |\n"
        "| --- | ---: | ---: | --- | --- | --- |\n"
        f"| `units/mttq/2026-Q2.yaml` | 1 | 1 | lỗi | {OTHERS.message} | `thay-doi` |\n"
        f"| `plan/tasks.yaml` | 17 | 10 | cảnh báo | {WARN.message} | `nhiem-vu` |\n"
        "| `units/cong-an-xa/2026-Q3.yaml` | 2 | 7 | lỗi | lỗi cú pháp YAML: thiếu giá trị "
        "\\| ở đây | `cu-phap` |\n"
    )


def test_step_summary_escapes_markup() -> None:
    odd = error("units/a`b.yaml", Position(1, 1), "<script> a\nb", "dinh-dang")
    row = ci_reports.step_summary([odd], "x").splitlines()[-1]
    assert row == "| `units/ab.yaml` | 1 | 1 | lỗi | &lt;script&gt; a<br>b | `dinh-dang` |"


def test_step_summary_without_problems() -> None:
    assert ci_reports.step_summary([], "Đã kiểm tra 9 tệp: không có lỗi.") == (
        "## Kết quả kiểm tra của kehoach\n\nĐã kiểm tra 9 tệp: không có lỗi.\n"
    )


def test_step_summary_stops_before_githubs_limit() -> None:
    many = [error(f"units/x/{i}.yaml", Position(1, 1), "x" * 1000) for i in range(2000)]
    text = ci_reports.step_summary(many, "s")
    assert len(text.encode("utf-8")) < 1024 * 1024
    assert text.rstrip().splitlines()[-1].startswith("… và ")
    assert text.rstrip().endswith("vấn đề nữa: xem nhật ký của bước này hoặc chạy kehoach "
                                  "validate trên máy.")
