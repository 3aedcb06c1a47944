"""`kehoach schema`: JSON Schemas for editors, generated from the models."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import make_repo, sample_plan

from kehoach_cli.commands.schema import DRAFT, SCHEMAS
from kehoach_cli.load.yamlfile import load_bytes

SOURCE = Path(__file__).resolve().parents[2]

NAMES = [
    "ke-hoach.schema.json",
    "don-vi.schema.json",
    "chi-tieu.schema.json",
    "nhiem-vu.schema.json",
    "ket-qua.schema.json",
    "bao-cao.schema.json",
]

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = make_repo(
        tmp_path, name="kho", default_results=False,
        plan=sample_plan("plan"), units=sample_plan("units"),
        targets=sample_plan("targets"), tasks=sample_plan("tasks"),
    )
    monkeypatch.chdir(repo)
    monkeypatch.delenv("KEHOACH_DEBUG", raising=False)
    return repo


VSCODE = ["Đã ghi: .vscode/settings.json\n", "Đã ghi: .vscode/extensions.json\n"]
VSCODE_KEPT = ["Đã có, giữ nguyên: .vscode/settings.json\n",
               "Đã có, giữ nguyên: .vscode/extensions.json\n"]


def test_writes_every_schema(root: Path, run: Run) -> None:
    assert run("schema") == (
        0, "".join([*(f"Đã ghi: schemas/{name}\n" for name in NAMES), *VSCODE]), ""
    )
    assert sorted(p.name for p in (root / "schemas").iterdir()) == sorted(NAMES)
    assert run("schema") == (
        0, "".join([*(f"Không đổi: schemas/{name}\n" for name in NAMES), *VSCODE_KEPT]), ""
    )


def test_editor_settings_are_written_once_and_never_overwritten(root: Path, run: Run) -> None:
    (root / ".vscode").mkdir()
    (root / ".vscode" / "settings.json").write_text('{"editor.fontSize": 16}\n',
                                                    encoding="utf-8")
    code, out, _ = run("schema")
    assert code == 0
    assert out.endswith("Đã có, giữ nguyên: .vscode/settings.json\n"
                        "Đã ghi: .vscode/extensions.json\n")
    assert (root / ".vscode" / "settings.json").read_text(encoding="utf-8") == (
        '{"editor.fontSize": 16}\n')
    assert json.loads((root / ".vscode" / "extensions.json").read_text(encoding="utf-8")) == {
        "recommendations": ["redhat.vscode-yaml"]}


def test_the_committed_editor_settings_map_every_folder() -> None:
    from kehoach_cli.commands.schema import vscode_settings

    committed = json.loads((SOURCE / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert committed == vscode_settings()
    assert committed["yaml.schemas"]["./schemas/ket-qua.schema.json"] == ["units/*/*.yaml"]
    assert sorted(committed["yaml.schemas"]) == sorted(f"./schemas/{n}" for n in NAMES)


def test_a_plan_with_errors_gets_the_contracts_schemas_and_a_warning(
    root: Path, run: Run
) -> None:
    (root / "plan" / "units.yaml").write_text("don_vi: [\n", encoding="utf-8")
    code, _, err = run("schema")
    assert code == 0
    assert err.startswith("kehoach: cảnh báo: kế hoạch (plan/) đang có lỗi nên lược đồ chỉ "
                          "theo hợp đồng chung")
    result = json.loads((root / "schemas" / "ket-qua.schema.json").read_text("utf-8"))
    assert result["properties"]["ky"]["pattern"] == "^[0-9]{4}-Q[1-4]$"


def test_schemas_are_deterministic_json(root: Path, run: Run) -> None:
    assert run("schema")[0] == 0
    for name in NAMES:
        raw = (root / "schemas" / name).read_bytes()
        text = raw.decode("utf-8")
        assert text.endswith("}\n") and not text.endswith("\n\n")
        data = json.loads(text)
        assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        assert data["$schema"] == DRAFT == "https://json-schema.org/draft/2020-12/schema"
        assert data["title"] == SCHEMAS[name][1]
        assert data["type"] == "object"
        assert data["additionalProperties"] is False  # misspelt keys are underlined
        # no English titles generated from Python names are left for the tooltips
        assert '"title"' not in text.replace(f'"title": "{data["title"]}"', "")


def test_titles_and_descriptions_are_vietnamese(root: Path, run: Run) -> None:
    assert run("schema")[0] == 0
    result = json.loads((root / "schemas" / "ket-qua.schema.json").read_text("utf-8"))
    assert result["title"] == "Báo cáo kết quả quý của đơn vị"
    assert result["required"] == ["don_vi", "ky", "ngay_gui"]
    assert result["properties"]["ky"]["pattern"] == "^2026-Q[1-4]$"  # the plan's year
    state = result["$defs"]["TaskResult"]["properties"]["trang_thai"]
    assert state["enum"] == ["hoan_thanh", "dang_thuc_hien", "chua_thuc_hien"]
    assert state["description"] == "hoan_thanh, dang_thuc_hien hoặc chua_thuc_hien"


def test_out_folder(root: Path, run: Run, tmp_path: Path) -> None:
    out = tmp_path / "noi-khac"
    code, text, _ = run("schema", "--out", str(out))
    assert code == 0
    assert text.splitlines()[0] == f"Đã ghi: {out / NAMES[0]}"
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    assert not (root / "schemas").exists()
    assert not (root / ".vscode").exists()  # --out writes the schemas only


def test_outside_a_plan_repo(tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("schema")
    assert (code, out) == (2, "")
    assert err.startswith("kehoach: lỗi: không tìm thấy kho kế hoạch")


def test_committed_schemas_are_current(tmp_path: Path, run: Run) -> None:
    """schemas/ of this repo is what `kehoach schema` writes now: after a model changes,
    run `kehoach schema` and commit the result."""
    assert run("-C", str(SOURCE), "schema", "--out", str(tmp_path))[0] == 0
    for name in NAMES:
        committed = SOURCE / "schemas" / name
        assert committed.is_file(), f"schemas/{name} is missing: run `kehoach schema`"
        assert committed.read_bytes() == (tmp_path / name).read_bytes(), (
            f"schemas/{name} is out of date: run `kehoach schema`"
        )


# ---------------------------------------------------------------- the sample data validates


def _as_json(value: Any) -> Any:
    """YAML values as an editor's language server sees them (dates are strings)."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _samples() -> list[tuple[str, str]]:
    out = [
        ("plan/plan.yaml", "ke-hoach.schema.json"),
        ("plan/units.yaml", "don-vi.schema.json"),
        ("plan/targets.yaml", "chi-tieu.schema.json"),
        ("plan/tasks.yaml", "nhiem-vu.schema.json"),
    ]
    out += [(p.relative_to(SOURCE).as_posix(), "ket-qua.schema.json")
            for p in sorted((SOURCE / "units").glob("*/*.yaml"))]
    out += [(p.relative_to(SOURCE).as_posix(), "bao-cao.schema.json")
            for p in sorted((SOURCE / "reports").glob("*.yaml"))]
    return out


@pytest.mark.parametrize(("relpath", "name"), _samples())
def test_sample_files_satisfy_their_schema(relpath: str, name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from kehoach_cli.commands.schema import build

    model, title, description = SCHEMAS[name]
    schema = build(model, title, description)
    jsonschema.Draft202012Validator.check_schema(schema)
    data = load_bytes(relpath, (SOURCE / relpath).read_bytes()).data
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(_as_json(data))] == []


def test_schema_rejects_what_validate_rejects() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from kehoach_cli.commands.schema import build

    model, title, description = SCHEMAS["ket-qua.schema.json"]
    validator = jsonschema.Draft202012Validator(build(model, title, description))
    good = {"don_vi": "cong-an-xa", "ky": "2026-Q2", "ngay_gui": "2026-06-18"}
    assert list(validator.iter_errors(good)) == []
    for bad in (
        {**good, "Ngay_gui": "2026-06-18"},  # misspelt key
        {**good, "ky": "2026-q2"},
        {**good, "chi_tieu": {"x": {"tu_so": "12"}}},  # a number in quotes
        {**good, "nhiem_vu": {"x": {"trang_thai": "xong"}}},
    ):
        assert list(validator.iter_errors(bad)), bad
