"""`main.py` commands, run as a user would: real files, real figures."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

import explorer
from explorer.export import read_recipe
from main import main
from tests.commands import ROOT, run
from tests.pixels import distinct_colours


def test_losses_lists_all_21(capsys) -> None:
    assert main(["losses"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 21 and out[0].startswith("L1Loss") and "delta=1.0" in out[2]
    assert main(["losses", "--formulas"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 42 and out[3] == "    ℓ = (x − y)²"


@pytest.mark.slow
def test_render_writes_every_format(qapp, tmp_path: Path) -> None:
    outs = [tmp_path / f"huber.{ext}" for ext in ("png", "svg", "csv", "npz", "json")]
    p = run(
        "render",
        "--loss",
        "HuberLoss",
        "--set",
        "delta=0.5",
        "--x",
        "input[0]:-2:2:40",
        "--y",
        "target[0]:-1:1:30",
        "--width",
        "640",
        "--height",
        "480",
        *[a for o in outs for a in ("--out", str(o))],
    )
    assert p.returncode == 0, p.stderr
    img = QImage(str(outs[0]))
    assert (img.width(), img.height()) == (640, 480)
    assert distinct_colours(img) > 50  # a real heatmap, not a blank canvas
    svg = outs[1].read_text()
    assert "<svg" in svg and "input[0]" in svg
    header = outs[2].read_text().splitlines()[0]
    assert header == "axis:input[0],axis:target[0],loss,grad:input[0],grad:target[0]"
    assert len(outs[2].read_text().splitlines()) == 1 + 40 * 30
    data = np.load(outs[3])
    assert data["loss"].shape == (30, 40) and data["grad"].shape == (2, 30, 40)
    recipe = json.loads(str(data["recipe"]))
    assert recipe == json.loads(outs[4].read_text())
    assert recipe["params"]["delta"] == 0.5
    # the recipe reproduces the numbers exactly
    again = explorer.evaluate(read_recipe(outs[4]))
    np.testing.assert_array_equal(again.loss, data["loss"])
    np.testing.assert_array_equal(again.grad, data["grad"])


def test_render_from_recipe_file_and_one_axis(tmp_path: Path) -> None:
    r = explorer.default_recipe("CrossEntropyLoss")
    r["inputs"]["target"] = [[0.7, 0.2, 0.1]]  # probability target
    path = tmp_path / "ce.json"
    path.write_text(json.dumps(r))
    out = tmp_path / "ce.npz"
    assert main(["render", "--recipe", str(path), "--y", "none", "--out", str(out)]) == 0
    data = np.load(out)
    assert data["loss"].shape == (256,) and data["y"].size == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--loss", "HuberLoss", "--set", "delta=-1"], "params.delta: must be > 0, got -1"),
        (["--loss", "BCELoss", "--x", "input[0]:0:2:10"], "axes[0].stop"),
        (["--loss", "HuberLoss", "--x", "input[0]:a:2:10"], "--x"),
        (["--recipe", "/nonexistent/recipe.json"], "cannot read"),
        (["--loss", "HuberLoss", "--device", "cuda"], "device"),
    ],
)
def test_bad_input_gives_one_clear_line(tmp_path: Path, args: list[str], words: str) -> None:
    if "cuda" in args:
        import torch

        if torch.cuda.is_available():
            return
    p = run("render", *args, "--out", str(tmp_path / "x.npz"))
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], p.stderr
    assert not (tmp_path / "x.npz").exists()


@pytest.mark.slow
def test_broken_recipe_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"loss": "HuberLoss", "params": ')
    p = run("render", "--recipe", str(bad), "--out", str(tmp_path / "x.png"))
    assert p.returncode == 2 and "is not JSON" in p.stderr


@pytest.mark.slow
def test_bench_reports_a_table() -> None:
    p = run("bench", "--size", "32", "--repeat", "2", "--loss", "HuberLoss", "--loss", "CTCLoss")
    assert p.returncode == 0, p.stderr
    assert "| HuberLoss |" in p.stdout and "| CTCLoss |" in p.stdout


@pytest.mark.slow
def test_compared_curves_are_in_csv_and_npz(tmp_path: Path) -> None:
    recipe = ROOT / "resources" / "recipes" / "regression_losses_compared.json"
    out = [tmp_path / "c.csv", tmp_path / "c.npz"]
    p = run("render", "--recipe", str(recipe), *[a for o in out for a in ("--out", str(o))])
    assert p.returncode == 0, p.stderr
    r = json.loads(recipe.read_text())
    names = [n for n in r["view"]["compare"] if n != r["loss"]]
    header = out[0].read_text().splitlines()[0].split(",")
    for n in names:
        assert f"loss:{n}" in header and f"grad:{n}" in header
    data = np.load(out[1])
    assert list(data["compare_names"]) == names
    assert data["compare_loss"].shape == (len(names), r["axes"][0]["num"])
    for k, n in enumerate(names):  # each compared curve is that loss's own evaluation
        alone = explorer.evaluate(
            {**explorer.default_recipe(n), "inputs": r["inputs"], "axes": r["axes"][:1]}
        )
        np.testing.assert_array_equal(data["compare_loss"][k], alone.loss)


def test_help_lists_every_command_and_each_answers_its_own_help(capsys) -> None:
    from main import MORE_COMMANDS

    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    said = capsys.readouterr().out
    for name in ["losses", "render", "bench", "record", "landscape", "fuzz", *MORE_COMMANDS]:
        assert name in said
    for name in MORE_COMMANDS:  # (the window-side commands: their own parsers)
        with pytest.raises(SystemExit) as stop:
            main([name, "--help"])
        assert stop.value.code == 0
        assert f"usage: main.py {name}" in capsys.readouterr().out


@pytest.mark.slow
def test_an_unknown_command_is_answered_with_every_command_name() -> None:
    p = run("bench-gi")
    assert p.returncode == 2 and "invalid choice: 'bench-gi'" in p.stderr
    assert "'bench-gui'" in p.stderr and "'soak'" in p.stderr and "'render'" in p.stderr


def test_the_cli_refuses_a_command_that_runs_through_main_py(capsys) -> None:
    from explorer.cli import main as cli

    with pytest.raises(SystemExit) as stop:
        cli(["soak", "--steps", "3"], more_commands={"soak": "random use of the window"})
    assert stop.value.code == 2
    assert "soak runs through main.py" in capsys.readouterr().err
