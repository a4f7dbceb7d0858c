"""The house's import contracts (pyproject's [tool.importlinter]): the core never imports Qt,
and each layer imports only from those below it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_house_keeps_its_contracts() -> None:
    p = lint(ROOT)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Contracts: 3 kept, 0 broken." in p.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("explorer/messages.py", "import PySide6  # noqa\n", "never imports Qt"),
        ("explorer/catalog/specs.py", "import explorer.engine  # noqa\n", "The core's layers"),
        ("ui/compute/frame.py", "import ui.figures.views  # noqa\n", "The window's layers"),
    ],
)
def test_the_contracts_catch_an_import_up(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    for part in ("explorer", "ui", "resources"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    f = tmp_path / module
    f.write_text(line + f.read_text())
    p = lint(tmp_path)
    assert p.returncode == 1, p.stdout
    assert f"{broken}" in p.stdout.split("Broken contracts")[1]
