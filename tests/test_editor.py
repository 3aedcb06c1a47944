"""What a unit sees while typing, checked with the clients users have: the schemas of
schemas/ through yaml-language-server (VS Code's YAML extension, over LSP) and
check-jsonschema; the files kehoach writes and this repo's own through yamllint with the
shipped .yamllint; shell completion through a real bash."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from tests.lsp import LanguageServer

from kehoach_cli.commands.schema import FOLDERS, vscode_settings

SOURCE = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SERVER = SOURCE / ".ci" / "lint" / "node_modules" / "yaml-language-server" / "bin" / \
    "yaml-language-server"
MODELINE = "# yaml-language-server: $schema=../../schemas/ket-qua.schema.json\n"
RESULT = SOURCE / "units" / "cong-an-xa" / "2026-Q3.yaml"  # opened in the editor, not written
CAX_TARGET = "tthc-dvctt-toan-trinh-tren-dia-ban"  # the one target Công an xã reports


def tool(name: str) -> str:
    exe = shutil.which(name, path=str(BIN))
    if exe is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return exe


def result_file(body: str) -> str:
    return MODELINE + "don_vi: cong-an-xa\nky: 2026-Q3\nngay_gui: 2026-09-18\n" + body


def samples() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, globs in FOLDERS.items():
        for pattern in globs:
            out += [(p.relative_to(SOURCE).as_posix(), name) for p in sorted(SOURCE.glob(pattern))]
    return out


# ---------------------------------------------------------------- check-jsonschema


@pytest.mark.parametrize(("relpath", "name"), samples())
def test_check_jsonschema_accepts_every_sample_file(relpath: str, name: str) -> None:
    done = subprocess.run([tool("check-jsonschema"), "--schemafile",
                           str(SOURCE / "schemas" / name), str(SOURCE / relpath)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(("body", "key", "validate_says"), [
    (f"chi_tieu:\n  {CAX_TARGET}: {{tu_so: -1, mau_so: 21}}\n", "tu_so",
     "tu_so: cần số nguyên từ 0 trở lên, nhận được -1"),
    ("chi_tieu:\n  chi-tieu-khong-co: {gia_tri: 2}\n", "chi_tieu",
     "không có chỉ tiêu mã 'chi-tieu-khong-co' trong plan/targets.yaml"),
    ("chi_tieu:\n  phu-song-5g: {gia_tri: 90}\n", "chi_tieu", "phu-song-5g"),
    ("nhiem_vu:\n  de-an-06: {trang_thai: xong}\n", "trang_thai",
     "trang_thai: cần 'hoan_thanh', 'dang_thuc_hien' hoặc 'chua_thuc_hien'"),
    ("Nguoi_bao_cao: Phạm Văn Long\n", "Nguoi_bao_cao", "Nguoi_bao_cao"),
])
def test_check_jsonschema_refuses_what_validate_refuses(
    tmp_path: Path, body: str, key: str, validate_says: str
) -> None:
    repo = tmp_path / "kho"
    for folder in ("plan", "schemas"):
        shutil.copytree(SOURCE / folder, repo / folder)
    path = repo / "units" / "cong-an-xa" / "2026-Q3.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(result_file(body), encoding="utf-8")
    done = subprocess.run([str(BIN / "kehoach"), "-C", str(repo), "validate",
                           "units/cong-an-xa/2026-Q3.yaml"],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1 and validate_says in done.stdout, done.stdout
    checked = subprocess.run([tool("check-jsonschema"), "-o", "json", "--schemafile",
                              str(repo / "schemas" / "ket-qua.schema.json"), str(path)],
                             capture_output=True, text=True, encoding="utf-8")
    assert checked.returncode == 1
    errors = json.loads(checked.stdout)["errors"]
    shown = json.dumps(errors, ensure_ascii=False)
    assert key in shown, shown


# ---------------------------------------------------------------- yaml-language-server


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    node = shutil.which("node")
    if node is None or not SERVER.is_file():
        pytest.skip("yaml-language-server is not installed (npm ci --prefix .ci/lint)")
    ls = LanguageServer([node, str(SERVER), "--stdio"], SOURCE,
                        {"validate": True, "completion": True, "hover": True, "schemas": {}})
    yield ls
    ls.close()


def test_the_editor_says_each_mistake_in_vietnamese(server: LanguageServer) -> None:
    text = result_file(
        "chi_tieu:\n"
        f"  {CAX_TARGET}: {{tu_so: -1, mau_so: 0}}\n"
        "  chi-tieu-khong-co: {gia_tri: 2}\n"
        "nhiem_vu:\n"
        "  de-an-06: {trang_thai: xong}\n"
    )
    found = server.diagnostics(RESULT, text)
    assert (6, 47, "tu_so: cần một số nguyên từ 0 trở lên, viết liền không dấu chấm hay dấu "
            "phẩy, ví dụ 12") in found
    assert (6, 59, "mau_so: cần một số nguyên từ 1 trở lên, viết liền không dấu chấm hay dấu "
            "phẩy, ví dụ 12") in found
    assert (7, 3, "đơn vị cong-an-xa không báo cáo chỉ tiêu này; chỉ tiêu của đơn vị: "
            f"{CAX_TARGET}") in found
    assert any(x[:2] == (7, 3) and x[2].startswith("chi_tieu: không có mã này trong kế hoạch; "
                                                    "các mã: kinh-te-so-grdp, ") for x in found)
    assert (9, 26, "trang_thai: cần hoan_thanh, dang_thuc_hien hoặc chua_thuc_hien (chữ không "
            "dấu)") in found
    assert all(x[2][:1].islower() or x[2][:1] in "ĐB" for x in found), found  # no English


def test_a_valid_file_shows_nothing(server: LanguageServer) -> None:
    text = (SOURCE / "units" / "cong-an-xa" / "2026-Q2.yaml").read_text(encoding="utf-8")
    assert server.diagnostics(SOURCE / "units" / "cong-an-xa" / "2026-Q2.yaml", text) == []


def test_the_editor_completes_the_plans_targets(server: LanguageServer) -> None:
    text = result_file("chi_tieu:\n  \n")
    labels = server.completions(RESULT, text, 6, 3)
    targets = [line.split(":", 1)[1].strip()
               for line in (SOURCE / "plan" / "targets.yaml").read_text("utf-8").splitlines()
               if line.startswith("  - ma:")]
    assert CAX_TARGET in labels
    assert set(targets) <= set(labels)


def test_the_folders_of_the_vscode_settings_need_no_modeline(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not SERVER.is_file():
        pytest.skip("yaml-language-server is not installed (npm ci --prefix .ci/lint)")
    mapped = {(SOURCE / path.removeprefix("./")).as_uri(): globs
              for path, globs in vscode_settings()["yaml.schemas"].items()}
    ls = LanguageServer([node, str(SERVER), "--stdio"], SOURCE,
                        {"validate": True, "completion": True, "schemas": mapped})
    try:
        text = result_file("nhiem_vu:\n  de-an-06: {trang_thai: xong}\n").replace(MODELINE, "")
        found = ls.diagnostics(RESULT, text)
    finally:
        ls.close()
    assert [x[2] for x in found] == ["trang_thai: cần hoan_thanh, dang_thuc_hien hoặc "
                                     "chua_thuc_hien (chữ không dấu)"]


def test_the_file_kehoach_new_writes_is_read_by_the_editor(
    server: LanguageServer, tmp_path: Path
) -> None:
    repo = tmp_path / "kho"
    for folder in ("plan", "schemas"):
        shutil.copytree(SOURCE / folder, repo / folder)
    done = subprocess.run([str(BIN / "kehoach"), "-C", str(repo), "new", "--don-vi",
                           "cong-an-xa", "--quy", "3"], capture_output=True, text=True,
                          encoding="utf-8")
    assert done.returncode == 0, done.stderr
    path = repo / "units" / "cong-an-xa" / "2026-Q3.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(MODELINE)
    broken = text.replace("ky: 2026-Q3", "ky: 2026-q3")
    assert [m for _, _, m in server.diagnostics(path, broken) if m.startswith("ky:")] == [
        "ky: cần dạng <năm>-Q<quý> của năm kế hoạch, ví dụ 2026-Q2 (trùng tên tệp)"]


def test_every_editable_sample_file_carries_its_modeline() -> None:
    for relpath, name in samples():
        text = (SOURCE / relpath).read_text(encoding="utf-8")
        if "-Q1." in relpath:
            continue  # quarter I is issued: its files are frozen as they were
        depth = "../" * relpath.count("/")
        assert text.startswith(f"# yaml-language-server: $schema={depth}schemas/{name}\n"), \
            relpath


# ---------------------------------------------------------------- yamllint


def yamllint(*paths: Path) -> list[str]:
    done = subprocess.run([tool("yamllint"), "-c", str(SOURCE / ".yamllint"), "-f", "parsable",
                           *map(str, paths)], capture_output=True, text=True, encoding="utf-8")
    return [x for x in done.stdout.splitlines() if "[error]" in x]


def test_yamllint_finds_no_error_in_this_repos_files() -> None:
    assert yamllint(*(SOURCE / p for p in ("plan", "units", "reports", ".github", ".yamllint",
                                          ".pre-commit-hooks.yaml", ".pre-commit-config.yaml",
                                          "docs/gitlab-ci.example.yml"))) == []


def test_yamllint_finds_no_error_in_what_kehoach_writes(tmp_path: Path) -> None:
    repo = tmp_path / "kho"
    shutil.copytree(SOURCE / "plan", repo / "plan")
    written = []
    for unit in ("cong-an-xa", "tram-y-te", "mttq"):
        done = subprocess.run([str(BIN / "kehoach"), "-C", str(repo), "new", "--don-vi", unit,
                               "--quy", "3"], capture_output=True, text=True, encoding="utf-8")
        assert done.returncode == 0, done.stderr
        written.append(repo / "units" / unit / "2026-Q3.yaml")
    fixed = repo / "units" / "phong-kinh-te" / "2026-Q2.yaml"
    fixed.parent.mkdir(parents=True)
    text = (SOURCE / "units" / "phong-kinh-te" / "2026-Q2.yaml").read_text(encoding="utf-8")
    assert "{tu_so: " in text
    fixed.write_text(text.replace("{tu_so: ", "{tu_so:"), encoding="utf-8")
    subprocess.run([str(BIN / "kehoach"), "-C", str(repo), "sua"], capture_output=True,
                   check=False)
    assert "{tu_so: " in fixed.read_text(encoding="utf-8")  # sua has put the space back
    assert yamllint(*written, fixed) == []


# ---------------------------------------------------------------- shell completion


def bash_complete(words: str, cwd: Path) -> list[str]:
    script = subprocess.run([str(BIN / "kehoach"), "--show-completion", "bash"],
                            capture_output=True, text=True, encoding="utf-8", check=True).stdout
    count = len(words.split(" ")) - 1
    program = (script + f"\nCOMP_WORDS=({words})\nCOMP_CWORD={count}\n"
               "_kehoach_completion kehoach\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    env = {**os.environ, "PATH": str(BIN) + os.pathsep + os.environ["PATH"]}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-c", program], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8")
    return [x for x in done.stdout.splitlines() if x]


@pytest.fixture
def bash() -> None:
    if shutil.which("bash") is None:
        pytest.skip("needs bash")


@pytest.mark.usefixtures("bash")
@pytest.mark.parametrize(("words", "offered"), [
    ("kehoach st", ["status"]),
    ("kehoach validate --for", ["--format"]),
    ("kehoach validate --format s", ["sarif"]),
    ("kehoach status --quy ''", ["1", "2", "3", "4"]),
    ("kehoach new --don-vi tr", ["tram-y-te", "trung-tam-dvsnc", "trung-tam-phvhcc"]),
    ("kehoach report --quy 2 --nam ''", ["2026"]),
])
def test_bash_completes_commands_options_units_and_quarters(words: str, offered: list[str]) -> None:
    assert sorted(bash_complete(words, SOURCE)) == offered


@pytest.mark.usefixtures("bash")
def test_outside_a_plan_repo_no_unit_is_offered_and_nothing_fails(tmp_path: Path) -> None:
    assert bash_complete("kehoach new --don-vi ''", tmp_path) == []


def test_install_completion_for_bash(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run([str(BIN / "kehoach"), "--install-completion", "bash"], env=env,
                          capture_output=True, text=True, encoding="utf-8")
    script = tmp_path / ".bash_completions" / "kehoach.sh"
    assert (done.returncode, done.stdout) == (0, (
        f"Đã cài gợi ý hoàn thành lệnh cho bash: {script}\n"
        "Mở lại cửa sổ lệnh rồi gõ kehoach và nhấn Tab để dùng.\n"))
    assert "_KEHOACH_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def test_install_completion_for_an_unknown_shell(tmp_path: Path) -> None:
    done = subprocess.run([str(BIN / "kehoach"), "--install-completion", "tcsh"],
                          env={**os.environ, "HOME": str(tmp_path)}, capture_output=True,
                          text=True, encoding="utf-8")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kehoach: lỗi: chưa hỗ trợ gợi ý hoàn thành lệnh cho shell 'tcsh'; cần một trong "
        "bash, zsh, fish, powershell, pwsh, ví dụ: kehoach --install-completion bash\n")


def test_pre_commit_accepts_the_projects_own_hooks() -> None:
    config = SOURCE / ".pre-commit-config.yaml"
    done = subprocess.run([tool("pre-commit"), "validate-config", str(config)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stdout + done.stderr
    hooks = [h["id"] for r in yaml.safe_load(config.read_text("utf-8"))["repos"]
             for h in r["hooks"]]
    assert hooks == ["ruff", "mypy", "import-linter", "trailing-whitespace", "end-of-file"]
