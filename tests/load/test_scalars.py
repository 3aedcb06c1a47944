"""load/scalars.py: scalars by the YAML 1.2 core schema, and tags.

Every test marked @PARSERS runs with both parsers (see yaml_cases.py).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
from tests.load.yaml_cases import PARSERS, load, one_error, problems

from kehoach_cli.load.scalars import InvalidDate

# ---------------------------------------------------------------- scalars (YAML 1.2 core)


SCALARS: list[tuple[str, Any]] = [
    ("yes", "yes"),
    ("no", "no"),
    ("on", "on"),
    ("off", "off"),
    ("Y", "Y"),
    ("true", True),
    ("False", False),
    ("TRUE", True),
    ("12", 12),
    ("+12", 12),
    ("-7", -7),
    ("017", 17),
    ("0o17", 15),
    ("0x1F", 31),
    ("0b11", "0b11"),
    ("1_000", "1_000"),
    ("12.5", 12.5),
    ("1.", 1.0),
    (".5", 0.5),
    ("1e3", 1000.0),
    ("-.inf", -math.inf),
    (".inf", math.inf),
    (".Inf", math.inf),
    ("~", None),
    ("null", None),
    ("", None),
    ("12:30", "12:30"),
    ("2026-06-18", dt.date(2026, 6, 18)),
    ("2026-6-1", dt.date(2026, 6, 1)),
    ("2026-02-30", InvalidDate("2026-02-30")),
    ("2026-13-01", InvalidDate("2026-13-01")),
    ("2026-06-18T10:00:00", "2026-06-18T10:00:00"),
    ("'2026-06-18'", "2026-06-18"),
    ('"12"', "12"),
    ("'yes'", "yes"),
    ("'true'", "true"),
    ("'~'", "~"),
    ("18/06/2026", "18/06/2026"),
]


@PARSERS
@pytest.mark.parametrize(("written", "value"), SCALARS, ids=[s for s, _ in SCALARS])
def test_scalars_follow_the_yaml_1_2_core_schema(fast: bool, written: str, value: Any) -> None:
    doc = load(f"a: {written}\n", fast)
    assert doc.problems == []
    found = doc.data["a"]
    assert type(found) is type(value)
    assert found == value


@PARSERS
def test_nan_is_a_float(fast: bool) -> None:
    doc = load("a: .nan\n", fast)
    assert math.isnan(doc.data["a"])


@PARSERS
def test_an_integer_too_long_to_be_a_figure_is_an_error(fast: bool) -> None:
    doc = load("a: " + "9" * 5000 + "\n", fast)
    assert problems(doc) == [
        (1, 4, "lỗi", "số 99999999999999999999… (5.000 ký tự) quá lớn, vượt giới hạn tính toán; "
                      "hãy kiểm tra lại giá trị này"),
    ]


@PARSERS
def test_keys_are_always_strings(fast: bool) -> None:
    doc = load("1: a\ntrue: b\n~: c\n2026-01-01: d\n", fast)
    assert doc.data == {"1": "a", "true": "b", "~": "c", "2026-01-01": "d"}


# ---------------------------------------------------------------- tags


@PARSERS
@pytest.mark.parametrize(
    ("written", "value"),
    [("!!str 12", "12"), ("!!int 12", 12), ("!!float 12", 12.0), ("!!bool true", True),
     ("!!null ~", None), ("!!timestamp 2026-01-02", dt.date(2026, 1, 2)), ("! 12", 12),
     ("!<tag:yaml.org,2002:str> 12", "12"), ("!!seq [a]", ["a"]), ("!!map {a: 1}", {"a": 1})],
)
def test_standard_tags_are_allowed(fast: bool, written: str, value: Any) -> None:
    doc = load(f"a: {written}\n", fast)
    assert doc.problems == []
    assert doc.data == {"a": value}


REFUSED_TAG = ("thẻ YAML {} không được phép; tệp chỉ được dùng giá trị thông thường "
               "(chuỗi, số, ngày, true/false), bảng khóa và danh sách")


@PARSERS
@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("!!python/object/apply:os.system ['echo hi']", "!!python/object/apply:os.system"),
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!!python/object:collections.OrderedDict {}", "!!python/object:collections.OrderedDict"),
        ("!<tag:yaml.org,2002:python/object:os.system> x", "!!python/object:os.system"),
        ("!!binary aGk=", "!!binary"),
        ("!!set {x, y}", "!!set"),
        ("!!omap [x: 1]", "!!omap"),
        ("!!pairs [x: 1]", "!!pairs"),
        ("!include khac.yaml", "!include"),
        ("!ngay 2026-01-01", "!ngay"),
    ],
)
def test_non_standard_tags_are_refused(fast: bool, written: str, shown: str) -> None:
    assert one_error(load(f"a: {written}\n", fast)) == (1, 4, REFUSED_TAG.format(shown))


@PARSERS
def test_a_tag_declared_with_a_directive_is_refused(fast: bool) -> None:
    text = "%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n"
    assert one_error(load(text, fast)) == (3, 4, REFUSED_TAG.format("tag:example.com,2000:foo"))


@PARSERS
def test_a_standard_tag_that_does_not_fit_its_value_is_an_error(fast: bool) -> None:
    assert one_error(load("a: !!int abc\n", fast)) == (
        1, 4, "giá trị 'abc' không khớp với thẻ !!int"
    )


@PARSERS
def test_python_tags_are_never_constructed(fast: bool, tmp_path: Path) -> None:
    marker = tmp_path / "da-chay"
    payloads = [
        f"a: !!python/object/apply:os.system ['touch {marker}']\n",
        f"a: !!python/object/new:builtins.exec [\"open(r'{marker}', 'w')\"]\n",
        f"a: !!python/object/apply:builtins.eval [\"open(r'{marker}', 'w')\"]\n",
        f"- !!python/object/apply:subprocess.call [[touch, '{marker}']]\n",
    ]
    for text in payloads:
        doc = load(text, fast)
        assert doc.data is None
        assert [p.is_error for p in doc.problems] == [True]
    assert not marker.exists()
