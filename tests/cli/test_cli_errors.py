"""Every bad input to the command line ends with exit status 2 and one `error:` line, and
nothing half-written is left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands import run

FILES = {
    "empty.npz": b"",
    "corrupt.npz": b"PK\x03\x04 not really a zip",
    "list.json": b"[1, 2, 3]",
    "null.json": b"null",
    "loss-list.json": b'{"loss": ["HuberLoss"]}',
    "deep.json": b"[" * 5000 + b"]" * 5000,
    "binary.json": b"\xff\xfe\x00garbage",
    "huge-int.json": b'{"loss": "HuberLoss", "params": {"delta": ' + b"9" * 5000 + b"}}",
}

CASES = [
    *[
        (["--recipe", name, "--out", "x.csv"], "--recipe" if "loss" not in name else "")
        for name in FILES
    ],
    (["--loss", "HuberLoss", "--out", "afile/x.png"], "--out"),
    (["--loss", "HuberLoss", "--out", "afile/x.csv"], "--out"),
    (["--loss", "HuberLoss", "--out", "/proc/no-such-dir/x.png"], "--out"),
    (["--loss", "HuberLoss", "--out", "/proc/x.csv"], "--out"),
    (["--loss", "HuberLoss", "--width", "0", "--out", "x.png"], "--width"),
    (["--loss", "HuberLoss", "--height", "0", "--out", "x.png"], "--height"),
    (["--loss", "HuberLoss", "--width", "-5", "--out", "x.png"], "--width"),
    (["--loss", "HuberLoss", "--set", "delta=" + "9" * 5000, "--out", "x.csv"], "--set delta"),
    (["--loss", "HuberLoss", "--set", "input=" + "[" * 3000, "--out", "x.csv"], ""),
    (["--loss", "HuberLoss", "--x", "input[0]:-1e308:1e308:5", "--out", "x.csv"], "axes[0]"),
    (
        ["--loss", "HuberLoss", "--x", "input[" + "9" * 3000 + "]:0:1:5", "--out", "x.csv"],
        "axes[0]",
    ),
    (["--loss", "HuberLoss", "--out", "x.gif"], "--out"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "field"), CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str], field: str) -> None:
    for name, data in FILES.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "afile").write_text("a regular file")
    p = run("render", *args, cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: " + field), p.stderr
    assert "Traceback" not in p.stderr and "wrote" not in p.stdout
    left = sorted(f.name for f in tmp_path.iterdir())
    assert left == sorted([*FILES, "afile"]), left  # no output, no temporary file


@pytest.mark.slow
def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    old = tmp_path / "x.csv"
    old.write_text("old contents")
    p = run("render", "--loss", "HuberLoss", "--width", "0", "--out", "x.csv", cwd=tmp_path)
    assert p.returncode == 2 and old.read_text() == "old contents"
    p = run(
        "render", "--loss", "HuberLoss", "--x", "input[0]:0:1:4", "--out", "x.csv", cwd=tmp_path
    )
    assert p.returncode == 0, p.stderr
    assert old.read_text().startswith("axis:input[0]")
    assert sorted(f.name for f in tmp_path.iterdir()) == ["x.csv"]
