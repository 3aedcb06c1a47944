"""Time kehoach as whole processes against the floors it cannot beat.

Generates a synthetic plan repo (benchmarks/generate.py) in a temporary directory, then runs
each command as a separate process, several times, interleaving the kehoach commands with
their floors in every round so that machine noise hits both alike:

    kehoach --version / --help            vs  python -c "import typer"
    kehoach -C REPO validate              vs  parse every YAML file with CSafeLoader (libyaml)
    kehoach -C REPO status --quy 2 --json     (and vs reading the bytes of every file)
    kehoach -C REPO report --quy 2 --out X    vs  import the libraries it uses (typer, pydantic,
                                                  PyYAML, jinja2, python-docx, Pillow) and
                                                  save an empty document and an empty chart

Wall-clock time is measured around each process (best and median of N), peak memory with
os.wait4 from a bare launcher process (POSIX), psutil where that is not available (Windows),
else "n/a".

Usage::

    python benchmarks/run.py [--size commune|district|province] [--repeat N] [--json]
    python benchmarks/run.py --scaling [--counts 150,300,600,1200]
    python benchmarks/run.py --tong-hop [--communes 129,3300]

A command that does not exist yet is reported as "chưa có" instead of failing the run.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SIZES, Generated, generate, size_for_files

REPO_ROOT = Path(__file__).resolve().parent.parent
SRC = REPO_ROOT / "src"
QUARTER = "2"

# Status of a command after its warm-up run.
OK = "ok"
MISSING = "chưa có"
FAILED = "lỗi"

# --------------------------------------------------------------------------- floor scripts

# Every floor walks the repo itself, as kehoach has to.
_WALK = r"""
import os, sys
def yaml_files(root):
    for top in ("plan", "units", "reports"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".yaml", ".yml")):
                    yield os.path.join(dirpath, name)
"""

FLOOR_CPARSE = (
    _WALK
    + r"""
import yaml
try:
    from yaml import CSafeLoader as Loader
except ImportError:
    from yaml import SafeLoader as Loader
n = 0
for path in yaml_files(sys.argv[1]):
    with open(path, "rb") as fh:
        yaml.load(fh.read(), Loader=Loader)
    n += 1
print(n)
"""
)

# The roll-up's floor: parse every YAML file of the first N communes (and tong-hop.yaml)
# with CSafeLoader, on every core through the standard library's process pool, one commune
# per task — what `kehoach tong-hop` has to read, with nothing checked or combined.
FLOOR_CPARSE_POOL = (
    _WALK
    + r"""
import concurrent.futures, yaml
try:
    from yaml import CSafeLoader as Loader
except ImportError:
    from yaml import SafeLoader as Loader
def commune(root):
    n = 0
    for path in yaml_files(root):
        with open(path, "rb") as fh:
            yaml.load(fh.read(), Loader=Loader)
        n += 1
    return n
if __name__ == "__main__":
    rollup, count = sys.argv[1], int(sys.argv[2])
    with open(os.path.join(rollup, "tong-hop.yaml"), "rb") as fh:
        yaml.load(fh.read(), Loader=Loader)
    base = os.path.join(os.path.dirname(rollup), "xa")
    roots = [os.path.join(base, f"xa-{i + 1:04d}") for i in range(count)]
    with concurrent.futures.ProcessPoolExecutor(os.cpu_count()) as pool:
        print(sum(pool.map(commune, roots, chunksize=max(1, min(16, count // 16)))) + 1)
"""
)

FLOOR_BYTES = (
    _WALK
    + r"""
n = size = 0
for path in yaml_files(sys.argv[1]):
    with open(path, "rb") as fh:
        size += len(fh.read())
    n += 1
print(n, size)
"""
)

# The report's floor: import what `kehoach report` imports, then save an empty document
# and an empty chart (a blank PNG of the chart's width, 16 cm at 200 dpi). Its libraries
# import more once they are used than when they are imported — typer reads its parameters
# through pydantic (typer._adapters, pydantic.types), pydantic looks for plugins when it
# builds its first validator (importlib.metadata, email), jinja2 loads its compiler with
# the first template — so the list is not written here but taken from the report itself:
# one run records every module it imported beyond the interpreter's own (RECORD_IMPORTS),
# and the floor imports those, bar kehoach's own (argv[2]; without it, the six libraries by name).
FLOOR_REPORT = r"""
import os, sys
names = ["typer", "yaml", "pydantic", "jinja2.sandbox", "docx", "PIL.Image"]
if len(sys.argv) > 2:
    with open(sys.argv[2], encoding="utf-8") as fh:
        names = fh.read().split()
missed = 0
for name in names:
    try:
        __import__(name)
    except Exception:
        missed += 1
import docx
from PIL import Image
Image.new("RGB", (1260, 1000), "white").save(os.path.join(sys.argv[1], "floor.png"))
docx.Document().save(os.path.join(sys.argv[1], "floor.docx"))
print(len(names), "modules imported,", missed, "could not be")
"""

# Runs kehoach in this process (argv[2:]) and writes to argv[1] the modules it imported
# beyond those the interpreter and this script had already, kehoach's own left out.
RECORD_IMPORTS = r"""
import atexit, runpy, sys
before, out = set(sys.modules), sys.argv[1]
def record():
    with open(out, "w", encoding="utf-8") as fh:
        for name in list(sys.modules):
            if name not in before and name.split(".")[0] != "kehoach_cli":
                fh.write(name + "\n")
atexit.register(record)
sys.argv = ["kehoach", *sys.argv[2:]]
runpy.run_module("kehoach_cli", run_name="__main__", alter_sys=True)
"""


def record_report_imports(args: list[str], env: dict[str, str], path: Path) -> list[str]:
    """The floor's arguments after its folder: ``[path]`` when one report run (``args``:
    kehoach's arguments) recorded its imports there, else none (the six libraries by name)."""
    done = subprocess.run(
        [sys.executable, "-c", RECORD_IMPORTS, str(path), *args],
        env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode == 0 and path.is_file() and path.stat().st_size:
        return [str(path)]
    print("!! could not record what the report imports; its floor imports the six "
          "libraries only", file=sys.stderr)
    return []


# The report's libraries only imported, not used (the report floor as first written; no
# goal: kept to show what the libraries import once they are used).
FLOOR_IMPORTS = r"""
import os, sys
import typer, yaml
from pydantic import BaseModel
from jinja2.sandbox import SandboxedEnvironment
import docx
from PIL import Image, ImageDraw, ImageFont
Image.new("RGB", (1260, 1000), "white").save(os.path.join(sys.argv[1], "floor.png"))
docx.Document().save(os.path.join(sys.argv[1], "floor.docx"))
"""

# The document and chart libraries alone (no goal; shows what is left once kehoach's own
# start-up, validation and templating are counted as work).
FLOOR_DOCX = r"""
import os, sys
import docx
from PIL import Image
Image.new("RGB", (1260, 1000), "white").save(os.path.join(sys.argv[1], "floor.png"))
docx.Document().save(os.path.join(sys.argv[1], "floor.docx"))
"""

# --------------------------------------------------------------------------- measuring


@dataclass
class Run:
    seconds: float
    returncode: int
    peak_rss: int | None  # bytes
    stdout: str
    stderr: str


def _read(f: IO[bytes]) -> str:
    f.seek(0)
    return f.read().decode("utf-8", "replace")


def _psutil() -> Any:
    try:
        return importlib.import_module("psutil")
    except ImportError:
        return None


# Started between run.py and the measured process. A child's ru_maxrss on Linux starts at
# its parent's peak (the parent's memory is counted until exec), so run.py, which holds a
# generated repo in memory, would inflate every figure; this launcher is a bare interpreter
# (its own peak is below any Python process's), spawns the command, and reports its wall time
# and peak memory via wait4.
LAUNCHER = r"""
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
scale = 1 if sys.platform == "darwin" else 1024
with open(out, "w") as fh:
    fh.write(f"{elapsed!r} {usage.ru_maxrss * scale} {code}")
sys.exit(code if 0 <= code < 256 else 1)
"""

HAVE_LAUNCHER = hasattr(os, "posix_spawnp") and hasattr(os, "wait4")


def run_process(argv: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    """Run one process to completion; wall time and peak resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        if HAVE_LAUNCHER:
            fd, report = tempfile.mkstemp(prefix="kehoach-bench-", suffix=".txt")
            os.close(fd)
            try:
                subprocess.run(
                    [sys.executable, "-c", LAUNCHER, report, *argv],
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=err,
                    env=env,
                    cwd=cwd,
                    check=False,
                )
                elapsed, maxrss, code = Path(report).read_text().split()
            finally:
                os.unlink(report)
            return Run(float(elapsed), int(code), int(maxrss), _read(out), _read(err))
        # No posix_spawn/wait4 (Windows): time the process directly, sample its memory
        # with psutil when it is installed.
        psutil = _psutil()
        stop = threading.Event()
        seen: list[int] = []

        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd
        )

        def sample() -> None:
            try:
                p = psutil.Process(proc.pid)
                while not stop.is_set():
                    mem = p.memory_info()
                    seen.append(int(getattr(mem, "peak_wset", mem.rss)))
                    stop.wait(0.005)
            except Exception:  # the process ended between two samples
                return

        sampler = threading.Thread(target=sample, daemon=True) if psutil else None
        if sampler is not None:
            sampler.start()
        proc.wait()
        seconds = time.perf_counter() - start
        stop.set()
        if sampler is not None:
            sampler.join()
        return Run(seconds, proc.returncode, max(seen) if seen else None, _read(out), _read(err))


@dataclass
class Command:
    key: str
    label: str
    argv: list[str]
    env: dict[str, str]
    kind: str  # "kehoach" or "floor"
    expect_rc: int = 0
    before: Callable[[], None] | None = None
    runs: list[Run] = field(default_factory=list)
    status: str = OK
    note: str = ""

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def best(self) -> float | None:
        return min(self.times) if self.runs and self.status == OK else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.runs and self.status == OK else None

    @property
    def peak_rss(self) -> int | None:
        values = [r.peak_rss for r in self.runs if r.peak_rss is not None]
        return max(values) if values else None

    def run(self, cwd: Path) -> Run:
        if self.before is not None:
            self.before()
        return run_process(self.argv, self.env, cwd)


def _not_implemented(run: Run) -> bool:
    text = (run.stdout + run.stderr).lower()
    return (
        "no such command" in text
        or "no such option" in text
        or "không có lệnh" in text
        or "không có tùy chọn" in text
        or "no module named kehoach_cli" in text
        or "is a package and cannot be directly executed" in text
    )


def warm_up(cmd: Command, cwd: Path) -> None:
    """One untimed run: fills OS and bytecode caches and tells whether the command works."""
    run = cmd.run(cwd)
    if run.returncode == cmd.expect_rc:
        return
    if cmd.kind == "kehoach" and _not_implemented(run):
        cmd.status, cmd.note = MISSING, "not implemented yet"
        return
    if cmd.key == "validate" and run.returncode == 1:
        # It did the whole work; the timing stands, but the generated repo should be clean.
        problems = [ln for ln in run.stdout.splitlines() if ": lỗi: " in ln]
        cmd.note = f"{len(problems)} errors reported on generated data"
        print(
            f"!! kehoach validate reported errors on the generated repo ({cmd.note}):",
            file=sys.stderr,
        )
        for line in (run.stdout + run.stderr).splitlines()[:15]:
            print(f"   {line}", file=sys.stderr)
        return
    cmd.status = FAILED
    tail = (run.stderr.strip() or run.stdout.strip()).splitlines()
    cmd.note = f"exit {run.returncode}" + (f": {tail[-1][:120]}" if tail else "")


COMPILE = """
import compileall, importlib.util, os, sys
spec = importlib.util.find_spec("kehoach_cli")
folder = os.path.dirname(spec.origin)
ok = compileall.compile_dir(folder, quiet=1)
print(folder if ok else "")
"""


def compile_bytecode(env: dict[str, str]) -> str:
    """Compile kehoach's modules to bytecode, as pip does when it installs the wheel.

    An editable install (``pip install -e .``) leaves that to the first import, and with
    PYTHONDONTWRITEBYTECODE=1 (set on some CI machines) every timed process would compile
    kehoach's own modules again: a cost no installed kehoach pays. The floors' libraries
    are compiled by pip already. Returns the folder compiled, or "" when it could not be.
    """
    done = subprocess.run(
        [sys.executable, "-c", COMPILE], env=env, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def measure(commands: Sequence[Command], repeat: int, cwd: Path, quiet: bool = False) -> None:
    """Warm every command up, then run them round-robin ``repeat`` times."""
    for cmd in commands:
        warm_up(cmd, cwd)
    active = [c for c in commands if c.status != MISSING and c.status != FAILED]
    for i in range(repeat):
        if not quiet:
            print(f"   round {i + 1}/{repeat}", file=sys.stderr)
        for cmd in active:
            cmd.runs.append(cmd.run(cwd))


# --------------------------------------------------------------------------- the suite


def kehoach_invocation(mode: str = "auto") -> tuple[list[str], dict[str, str], str]:
    """How to start kehoach: the installed script, the installed module, or src/."""
    env = dict(os.environ)
    exe_dir = Path(sys.executable).parent
    if mode in ("auto", "script"):
        for name in ("kehoach", "kehoach.exe"):
            script = exe_dir / name
            if script.is_file():
                return [str(script)], env, f"script {script}"
        if mode == "script":
            raise SystemExit("no kehoach script next to the Python interpreter")
    if mode in ("auto", "module") and importlib.util.find_spec("kehoach_cli") is not None:
        return [sys.executable, "-m", "kehoach_cli"], env, "installed module (-m kehoach_cli)"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    return [sys.executable, "-m", "kehoach_cli"], env, "PYTHONPATH=src (-m kehoach_cli)"


def build_suite(
    repo: Path, work: Path, kehoach: list[str], env: dict[str, str], expect_errors: bool
) -> list[Command]:
    py = sys.executable
    docx_out = work / "x.docx"
    floor_dir = work / "floor"
    floor_dir.mkdir(exist_ok=True)
    base_env = dict(os.environ)

    def unlink_docx() -> None:
        docx_out.unlink(missing_ok=True)

    k = [*kehoach, "-C", str(repo)]
    report_args = ["-C", str(repo), "report", "--quy", QUARTER, "--out", str(docx_out)]
    imported = record_report_imports(report_args, env, work / "report-imports.txt")
    unlink_docx()
    return [
        Command("python", "python -c pass", [py, "-c", "pass"], base_env, "floor"),
        Command("typer", "python -c 'import typer'", [py, "-c", "import typer"], base_env, "floor"),
        Command("version", "kehoach --version", [*kehoach, "--version"], env, "kehoach"),
        Command("help", "kehoach --help", [*kehoach, "--help"], env, "kehoach"),
        Command(
            "cparse",
            "C-parse floor (CSafeLoader)",
            [py, "-c", FLOOR_CPARSE, str(repo)],
            base_env,
            "floor",
        ),
        Command("bytes", "read-bytes floor", [py, "-c", FLOOR_BYTES, str(repo)], base_env, "floor"),
        Command(
            "validate",
            "kehoach validate",
            [*k, "validate"],
            env,
            "kehoach",
            expect_rc=1 if expect_errors else 0,
        ),
        Command(
            "status",
            f"kehoach status --quy {QUARTER} --json",
            [*k, "status", "--quy", QUARTER, "--json"],
            env,
            "kehoach",
        ),
        Command(
            "libs",
            "report-libraries floor",
            [py, "-c", FLOOR_REPORT, str(floor_dir), *imported],
            base_env,
            "floor",
        ),
        Command(
            "imports",
            "report-imports floor",
            [py, "-c", FLOOR_IMPORTS, str(floor_dir)],
            base_env,
            "floor",
        ),
        Command(
            "docx",
            "docx+Pillow floor",
            [py, "-c", FLOOR_DOCX, str(floor_dir)],
            base_env,
            "floor",
        ),
        Command(
            "report",
            f"kehoach report --quy {QUARTER}",
            [*kehoach, *report_args],
            env,
            "kehoach",
            before=unlink_docx,
        ),
    ]


SCOPE_SHOWN = {"custom": "--repo"}


@dataclass(frozen=True)
class Ratio:
    key: str
    label: str
    num: str
    den: str
    goal: float | None
    only_size: str | None = None


RATIOS = [
    Ratio("startup_version", "start-up: --version / import typer", "version", "typer", 1.3),
    Ratio("startup_help", "start-up: --help / import typer", "help", "typer", 1.3),
    Ratio(
        "validate_cparse",
        "validate / C-parse floor",
        "validate",
        "cparse",
        2.0,
        only_size="province",
    ),
    # The report goal is for a commune's repo (--repo .); a generated province's
    # report loads 1,207 files first, which no floor of imports can stand for.
    Ratio("report_libs", "report / report-libraries floor", "report", "libs", 2.0, "custom"),
    Ratio("validate_bytes", "validate / read-bytes floor", "validate", "bytes", None),
    Ratio("status_cparse", "status --json / C-parse floor", "status", "cparse", None),
    Ratio("report_imports", "report / report-imports floor", "report", "imports", None),
    Ratio("report_docx", "report / docx+Pillow floor", "report", "docx", None),
    Ratio("typer_python", "import typer / python -c pass", "typer", "python", None),
]


def compute_ratios(commands: Sequence[Command], size: str) -> list[dict[str, Any]]:
    by_key = {c.key: c for c in commands}
    out: list[dict[str, Any]] = []
    for r in RATIOS:
        num, den = by_key[r.num].best, by_key[r.den].best
        value = num / den if num is not None and den else None
        applies = r.goal is not None and (r.only_size is None or r.only_size == size)
        met = (value <= r.goal) if (applies and value is not None and r.goal) else None
        out.append(
            {
                "key": r.key,
                "label": r.label,
                "ratio": value,
                "goal": r.goal,
                "goal_scope": r.only_size or "all sizes",
                "applies": applies,
                "met": met,
            }
        )
    return out


def command_json(c: Command) -> dict[str, Any]:
    def ms(x: float | None) -> float | None:
        return None if x is None else round(x * 1000, 2)

    return {
        "key": c.key,
        "label": c.label,
        "kind": c.kind,
        "status": c.status,
        "note": c.note,
        "best_ms": ms(c.best),
        "median_ms": ms(c.median),
        "times_ms": [round(t * 1000, 2) for t in c.times],
        "peak_rss_mib": None if c.peak_rss is None else round(c.peak_rss / 2**20, 1),
    }


def machine_json() -> dict[str, Any]:
    yaml_c: bool | None
    try:
        yaml_mod = importlib.import_module("yaml")
        yaml_c = bool(getattr(yaml_mod, "__with_libyaml__", False))
    except ImportError:
        yaml_c = None
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "pyyaml_libyaml": yaml_c,
    }


# --------------------------------------------------------------------------- printing


def fmt_ms(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    ms = seconds * 1000
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}"


def fmt_mib(n: int | None) -> str:
    return "n/a" if n is None else f"{n / 2**20:.0f}"


def _rich_console() -> Any:
    """A rich Console wide enough for the tables even when output is piped; None without rich."""
    try:
        from rich.console import Console
    except ImportError:
        return None
    return Console(width=None if sys.stdout.isatty() else 120)


def print_grid(
    title: str, heads: list[str], rows: list[list[str]], right: set[int], styles: list[str | None]
) -> None:
    """One table, with rich when it is installed, as plain aligned text otherwise."""
    console = _rich_console()
    if console is None:
        if title:
            print(title)
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
        for row in [heads, *rows]:
            cells = (
                v.rjust(w) if i in right else v.ljust(w)
                for i, (v, w) in enumerate(zip(row, widths, strict=True))
            )
            print("  ".join(cells))
        return
    from rich.table import Table

    table = Table(title=title or None)
    for i, h in enumerate(heads):
        table.add_column(h, justify="right" if i in right else "left")
    for row, style in zip(rows, styles, strict=True):
        table.add_row(*row, style=style)
    console.print(table)


def print_tables(title: str, commands: Sequence[Command], ratios: list[dict[str, Any]]) -> None:
    notes: list[str] = []
    cmd_rows = []
    for c in commands:
        status = c.status
        if c.note:
            notes.append(f"[{len(notes) + 1}] {c.label}: {c.note}")
            status += f" [{len(notes)}]"
        cmd_rows.append(
            [
                c.label,
                fmt_ms(c.best),
                fmt_ms(c.median),
                str(len(c.runs)),
                fmt_mib(c.peak_rss),
                status,
            ]
        )
    ratio_rows = []
    styles: list[str | None] = []
    for r in ratios:
        goal = "—" if r["goal"] is None else f"≤ {r['goal']}x"
        if r["goal"] is not None and r["goal_scope"] != "all sizes":
            goal += f" ({SCOPE_SHOWN.get(r['goal_scope'], r['goal_scope'])})"
        verdict = ("met" if r["met"] else "NOT met") if r["met"] is not None else "—"
        value = "n/a" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        ratio_rows.append([r["label"], value, goal, verdict])
        styles.append({"met": "green", "NOT met": "red"}.get(verdict))
    print_grid(
        title,
        ["command", "best ms", "median ms", "runs", "peak MiB", "status"],
        cmd_rows,
        {1, 2, 3, 4},
        [None] * len(cmd_rows),
    )
    for note in notes:
        print(note)
    print_grid("", ["ratio (best / best)", "value", "goal", "verdict"], ratio_rows, {1}, styles)


# --------------------------------------------------------------------------- modes


@contextlib.contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    if keep:
        path = Path(tempfile.mkdtemp(prefix="kehoach-bench-"))
        print(f"-- working directory kept: {path}", file=sys.stderr)
        yield path
    else:
        with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
            yield Path(tmp)


def run_suite(args: argparse.Namespace) -> int:
    kehoach, env, how = kehoach_invocation(args.kehoach)
    compiled = compile_bytecode(env)
    print(f"-- bytecode compiled in {compiled or '(not compiled: read-only?)'}", file=sys.stderr)
    with workdir(args.keep) as work:
        if args.repo:
            repo = Path(args.repo).resolve()
            gen: Generated | None = None
            size_name = "custom"
        else:
            repo = work / "repo"
            t0 = time.perf_counter()
            gen = generate(repo, args.size, errors=args.errors)
            size_name = args.size
            print(
                f"-- generated {args.size} repo: {len(gen.yaml_files)} YAML files "
                f"({len(gen.result_files)} result files, {gen.bytes_written / 1e6:.2f} MB) "
                f"in {time.perf_counter() - t0:.1f} s",
                file=sys.stderr,
            )
        print(f"-- kehoach via {how}; {args.repeat} rounds", file=sys.stderr)
        commands = build_suite(repo, work, kehoach, env, expect_errors=args.errors > 0)
        measure(commands, args.repeat, work)
        cparse = next(c for c in commands if c.key == "cparse")
        if gen is not None and cparse.runs:
            parsed = int(cparse.runs[-1].stdout.split()[0])
            if parsed != len(gen.yaml_files):
                print(
                    f"!! C-parse floor read {parsed} files, expected {len(gen.yaml_files)}",
                    file=sys.stderr,
                )
        ratios = compute_ratios(commands, size_name)
        result = {
            "size": size_name,
            "repeat": args.repeat,
            "errors_injected": args.errors,
            "files": None
            if gen is None
            else {
                "yaml": len(gen.yaml_files),
                "result": len(gen.result_files),
                "bytes": gen.bytes_written,
            },
            "kehoach": how,
            "machine": machine_json(),
            "commands": [command_json(c) for c in commands],
            "ratios": ratios,
        }
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            files = "" if gen is None else f", {len(gen.yaml_files)} YAML files"
            print_tables(
                f"kehoach benchmark — {size_name}{files}, best of {args.repeat}", commands, ratios
            )
    if args.check and any(r["met"] is False for r in ratios):
        return 1
    return 0


def linear_fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float]:
    """Least squares y = a + b x; returns (a, b, r²)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    b = sxy / sxx if sxx else 0.0
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return a, b, (1 - ss_res / ss_tot) if ss_tot else 1.0


def run_scaling(args: argparse.Namespace) -> int:
    counts = [int(c) for c in args.counts.split(",")]
    kehoach, env, how = kehoach_invocation(args.kehoach)
    compiled = compile_bytecode(env)
    print(f"-- bytecode compiled in {compiled or '(not compiled: read-only?)'}", file=sys.stderr)
    py = sys.executable
    with workdir(args.keep) as work:
        pairs: list[tuple[int, Command, Command]] = []
        for n in counts:
            repo = work / f"repo-{n}"
            gen = generate(repo, size_for_files(n))
            print(f"-- generated {len(gen.result_files)} result files", file=sys.stderr)
            pairs.append(
                (
                    len(gen.result_files),
                    Command(
                        "validate",
                        f"validate {n}",
                        [*kehoach, "-C", str(repo), "validate"],
                        env,
                        "kehoach",
                    ),
                    Command(
                        "cparse",
                        f"C-parse {n}",
                        [py, "-c", FLOOR_CPARSE, str(repo)],
                        dict(os.environ),
                        "floor",
                    ),
                )
            )
        print(f"-- kehoach via {how}; {args.repeat} rounds", file=sys.stderr)
        measure([c for _, v, p in pairs for c in (v, p)], args.repeat, work)
    rows: list[dict[str, Any]] = []
    prev: tuple[int, float | None, float | None] | None = None
    for n, v, p in pairs:
        vb, pb = v.best, p.best
        row: dict[str, Any] = {
            "files": n,
            "validate_ms": None if vb is None else vb * 1000,
            "validate_status": v.status,
            "cparse_ms": None if pb is None else pb * 1000,
            "validate_ms_per_file": None if vb is None else vb * 1000 / n,
            "cparse_ms_per_file": None if pb is None else pb * 1000 / n,
            "validate_marginal_ms_per_file": None,
            "cparse_marginal_ms_per_file": None,
            "ratio": None if vb is None or not pb else vb / pb,
            "validate_peak_rss_mib": None if v.peak_rss is None else v.peak_rss / 2**20,
        }
        if prev is not None:
            pn, pvb, ppb = prev
            if vb is not None and pvb is not None:
                row["validate_marginal_ms_per_file"] = (vb - pvb) * 1000 / (n - pn)
            if pb is not None and ppb is not None:
                row["cparse_marginal_ms_per_file"] = (pb - ppb) * 1000 / (n - pn)
        prev = (n, vb, pb)
        rows.append(row)
    fits: dict[str, Any] = {}
    for key in ("validate_ms", "cparse_ms"):
        pts = [(r["files"], r[key]) for r in rows if r[key] is not None]
        if len(pts) >= 2:
            a, b, r2 = linear_fit([x for x, _ in pts], [y for _, y in pts])
            fits[key] = {"intercept_ms": a, "ms_per_file": b, "r2": r2}
    result = {
        "mode": "scaling",
        "repeat": args.repeat,
        "kehoach": how,
        "machine": machine_json(),
        "rows": rows,
        "fits": fits,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0

    def f(x: float | None, nd: int = 2) -> str:
        return "n/a" if x is None else f"{x:,.{nd}f}"

    heads = [
        "files",
        "validate ms",
        "ms/file",
        "Δms/Δfile",
        "C-parse ms",
        "ms/file",
        "Δms/Δfile",
        "ratio",
        "peak MiB",
    ]
    table = [
        [
            str(r["files"]),
            f(r["validate_ms"], 0) if r["validate_status"] == OK else r["validate_status"],
            f(r["validate_ms_per_file"]),
            f(r["validate_marginal_ms_per_file"]),
            f(r["cparse_ms"], 0),
            f(r["cparse_ms_per_file"]),
            f(r["cparse_marginal_ms_per_file"]),
            "n/a" if r["ratio"] is None else f"{r['ratio']:.2f}x",
            f(r["validate_peak_rss_mib"], 0),
        ]
        for r in rows
    ]
    print_grid(
        f"validate scaling — best of {args.repeat} (ratio = validate / C-parse)",
        heads,
        table,
        set(range(9)),
        [None] * len(table),
    )
    for key, fit in fits.items():
        print(
            f"{key.removesuffix('_ms')}: ≈ {fit['intercept_ms']:.0f} ms "
            f"{fit['ms_per_file']:+.3f} ms/file (r² = {fit['r2']:.4f})"
        )
    return 0


def run_rollup(args: argparse.Namespace) -> int:
    """`kehoach tong-hop --json` over N commune repos against the pooled C-parse floor."""
    import rollup as rollup_gen

    counts = sorted({int(c) for c in args.communes.split(",")})
    kehoach, env, how = kehoach_invocation(args.kehoach)
    env = {**env, "KEHOACH_TODAY": "2026-12-04"}
    compiled = compile_bytecode(env)
    print(f"-- bytecode compiled in {compiled or '(not compiled: read-only?)'}", file=sys.stderr)
    py = sys.executable
    with workdir(args.keep) as work:
        out = work / "rollup"
        t0 = time.perf_counter()
        files = rollup_gen.generate(out, max(counts), counts)
        print(f"-- generated {max(counts)} communes ({files} YAML files) in "
              f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
        triples: list[tuple[int, Command, Command]] = []
        for n in counts:
            folder = out / f"tong-hop-{n}"
            triples.append((
                n,
                Command("tong-hop", f"tong-hop --json {n}",
                        [*kehoach, "-C", str(folder), "tong-hop", "--quy", QUARTER, "--json"],
                        env, "kehoach"),
                Command("cparse-pool", f"C-parse (pool) {n}",
                        [py, "-c", FLOOR_CPARSE_POOL, str(folder), str(n)],
                        dict(os.environ), "floor"),
            ))
        print(f"-- kehoach via {how}; {args.repeat} rounds", file=sys.stderr)
        measure([c for _, k, f in triples for c in (k, f)], args.repeat, work)
    rows: list[dict[str, Any]] = []
    for n, k, f in triples:
        kb, fb = k.best, f.best
        rows.append({
            "communes": n,
            "tong_hop_ms": None if kb is None else kb * 1000,
            "tong_hop_status": k.status + (f" ({k.note})" if k.note else ""),
            "cparse_pool_ms": None if fb is None else fb * 1000,
            "ratio": None if kb is None or not fb else kb / fb,
            "ms_per_commune": None if kb is None else kb * 1000 / n,
            "peak_rss_mib": None if k.peak_rss is None else k.peak_rss / 2**20,
        })
    pts = [(r["communes"], r["tong_hop_ms"]) for r in rows if r["tong_hop_ms"] is not None]
    fit = None
    if len(pts) >= 2:
        a, b, r2 = linear_fit([x for x, _ in pts], [y for _, y in pts])
        fit = {"intercept_ms": a, "ms_per_commune": b, "r2": r2}
    result = {"mode": "tong-hop", "repeat": args.repeat, "kehoach": how,
              "machine": machine_json(), "rows": rows, "fit": fit}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        def f2(x: float | None, nd: int = 0) -> str:
            return "n/a" if x is None else f"{x:,.{nd}f}"

        print_grid(
            f"tong-hop --json — best of {args.repeat} (floor: CSafeLoader on every core)",
            ["communes", "tong-hop ms", "floor ms", "ratio", "ms/commune", "peak MiB", "status"],
            [[str(r["communes"]), f2(r["tong_hop_ms"]), f2(r["cparse_pool_ms"]),
              "n/a" if r["ratio"] is None else f"{r['ratio']:.2f}x",
              f2(r["ms_per_commune"], 2), f2(r["peak_rss_mib"]), r["tong_hop_status"]]
             for r in rows],
            {0, 1, 2, 3, 4, 5},
            [None] * len(rows),
        )
        if fit is not None:
            print(f"tong-hop: ≈ {fit['intercept_ms']:.0f} ms {fit['ms_per_commune']:+.2f} "
                  f"ms/commune (r² = {fit['r2']:.4f})")
    goal_missed = any(r["ratio"] is not None and r["communes"] >= 3300 and r["ratio"] > 2.0
                      for r in rows)
    return 1 if args.check and goal_missed else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", choices=sorted(SIZES), default="province")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="inject N errors into the generated repo (times the error path)",
    )
    parser.add_argument(
        "--repo",
        type=Path,
        default=None,
        help="benchmark this existing plan repo instead of a generated one",
    )
    parser.add_argument(
        "--kehoach",
        choices=["auto", "script", "module", "src"],
        default="auto",
        help="how to start kehoach (default: script next to python, else the "
        "installed module, else -m kehoach_cli with PYTHONPATH=src)",
    )
    parser.add_argument(
        "--scaling", action="store_true", help="time validate at several file counts instead"
    )
    parser.add_argument(
        "--counts",
        default="150,300,600,1200",
        help="result-file counts for --scaling (default 150,300,600,1200)",
    )
    parser.add_argument(
        "--tong-hop", dest="tong_hop", action="store_true",
        help="time tong-hop --json over generated commune repos instead",
    )
    parser.add_argument(
        "--communes",
        default="129,3300",
        help="commune counts for --tong-hop (default 129,3300)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when an applicable goal is not met"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.tong_hop:
        return run_rollup(args)
    return run_scaling(args) if args.scaling else run_suite(args)


if __name__ == "__main__":
    sys.exit(main())
