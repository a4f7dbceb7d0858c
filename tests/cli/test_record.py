"""`main.py record`: a slot varied over frames, written as GIF or MP4 with its data and recipe;
every frame's data is a separate evaluation of the recipe with that value set."""

from __future__ import annotations

import json
from pathlib import Path

import imageio.v2 as imageio
import numpy as np
import pytest

import explorer
from explorer.checks import RecipeError
from explorer.studies.recording import parse_vary, record, with_value
from tests.commands import run


def small(name: str, n: int = 24) -> dict:
    r = explorer.default_recipe(name)
    for ax in r["axes"]:
        ax["num"] = n
    return r


@pytest.mark.slow
def test_gif_npz_and_json_and_replay(tmp_path: Path) -> None:
    recipe = small("TripletMarginLoss")
    (tmp_path / "t.json").write_text(json.dumps(recipe))
    p = run(
        "record",
        "--recipe",
        "t.json",
        "--vary",
        "params.margin=0.1:2:6",
        "--out",
        "m.gif",
        "--width",
        "320",
        "--height",
        "240",
        cwd=tmp_path,
    )
    assert p.returncode == 0, p.stderr
    frames = imageio.mimread(tmp_path / "m.gif")
    assert len(frames) == 6 and frames[0].shape[:2] == (240, 320)
    assert not np.array_equal(frames[0], frames[-1])  # the margin changes the picture
    data = np.load(tmp_path / "m.npz")
    assert data["loss"].shape == (6, 24, 24)
    np.testing.assert_allclose(data["values"], np.linspace(0.1, 2, 6))
    for k in (0, 5):  # each frame equals its own evaluation
        alone = explorer.evaluate(
            with_value(recipe, parse_vary("params.margin=0.1:2:6"), float(data["values"][k]))
        )
        np.testing.assert_array_equal(data["loss"][k], alone.loss)
    saved = json.loads((tmp_path / "m.json").read_text())
    assert saved["vary"] == {"slot": "params.margin", "start": 0.1, "stop": 2.0, "frames": 6}
    again = run(
        "record",
        "--recipe",
        "m.json",
        "--out",
        "again.gif",
        "--width",
        "320",
        "--height",
        "240",
        cwd=tmp_path,
    )
    assert again.returncode == 0, again.stderr
    np.testing.assert_array_equal(np.load(tmp_path / "again.npz")["loss"], data["loss"])


@pytest.mark.slow
def test_mp4_of_an_input_element_on_a_curve(tmp_path: Path) -> None:
    recipe = small("HuberLoss", 40)
    recipe["axes"] = recipe["axes"][:1]
    (tmp_path / "h.json").write_text(json.dumps(recipe))
    p = run(
        "record",
        "--recipe",
        "h.json",
        "--vary",
        "inputs.target[1]=-1:1:8",
        "--out",
        "h.mp4",
        "--fps",
        "4",
        "--width",
        "321",
        "--height",
        "240",
        cwd=tmp_path,
    )
    assert p.returncode == 0, p.stderr
    reader = imageio.get_reader(tmp_path / "h.mp4")
    assert reader.count_frames() == 8 and reader.get_meta_data()["size"] == (322, 240)  # even
    assert np.load(tmp_path / "h.npz")["loss"].shape == (8, 40)


def test_one_colour_range_for_all_frames() -> None:
    rec = record(small("HuberLoss"), parse_vary("params.delta=0.2:3:4"))
    lo, hi = rec.levels
    z = rec.loss
    assert lo == z.min() and hi == z.max()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("vary", "words"),
    [
        ("params.margin", "SLOT=START:STOP:FRAMES"),
        ("params.margin=0:1:1", "FRAMES must be in [2"),
        ("margin=0:1:5", "params.NAME"),
        ("params.nope=0:1:5", "no params.nope"),
        ("inputs.negative[7,7]=0:1:5", "no element"),
        ("params.margin=-1:1:5", "params.margin: must be > 0"),
    ],
)
def test_bad_vary_exits_2_with_one_line(tmp_path: Path, vary: str, words: str) -> None:
    (tmp_path / "t.json").write_text(json.dumps(small("TripletMarginLoss", 8)))
    p = run("record", "--recipe", "t.json", "--vary", vary, "--out", "x.gif", cwd=tmp_path)
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 2 and len(lines) == 1 and words in lines[0], p.stderr
    assert sorted(f.name for f in tmp_path.iterdir()) == ["t.json"]


def test_varying_a_swept_slot_is_refused() -> None:
    r = small("HuberLoss")
    slot = r["axes"][0]["slot"]
    with pytest.raises(RecipeError, match="swept by an axis"):
        record(r, parse_vary(f"inputs.{slot}=0:1:3"))
