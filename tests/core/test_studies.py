"""Every study kind keeps the Study protocol: run with progress, its JSON makes it again, its
NPZ carries that JSON, and one line says what it is."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import explorer
from explorer.progress import drain
from explorer.studies.paths import PathsSpec
from explorer.studies.recording import Vary, split_recording


def small(name: str = "HuberLoss") -> dict:
    r = explorer.default_recipe(name)
    for ax in r["axes"]:
        ax["num"] = 9
    return explorer.normalize(r)


PLANS = {
    "vary": Vary("params.delta", 0.5, 1.5, 3),
    "paths": PathsSpec.make(["sgd:lr=0.1", "adam:lr=0.2"], [2.0, -2.0], 5),
}


@pytest.mark.parametrize("kind", PLANS)
def test_a_study_runs_with_progress_and_its_json_makes_it_again(kind: str, tmp_path: Path) -> None:
    plan = PLANS[kind]
    gen = plan.run(small())
    fractions = []
    try:
        while True:
            fractions.append(next(gen))
    except StopIteration as stop:
        study = stop.value
    assert fractions and fractions == sorted(fractions) and 0 <= fractions[-1] <= 1
    recipe, again = split_recording(json.loads(json.dumps(study.to_json())))
    assert again == plan and explorer.normalize(recipe) == study.recipe
    remade = drain(again.run(explorer.normalize(recipe)))
    study.write_npz(tmp_path / "a.npz")
    remade.write_npz(tmp_path / "b.npz")
    a, b = np.load(tmp_path / "a.npz"), np.load(tmp_path / "b.npz")
    assert json.loads(str(a["recipe"])) == study.to_json()
    np.testing.assert_array_equal(a["loss"], b["loss"])  # reproducible
    line = study.summary()
    assert "\n" not in line and (plan.to_json().get("slot", "optimizer") in line)
    still, which = study.still()
    assert still.recipe["loss"] == "HuberLoss" and study.frame_count() >= 3
    if kind == "vary":  # the middle frame, named
        assert which == "params.delta = 1, frame 2 of 3" and still is study.frames[1]
    else:  # the surface under the paths; one frame a step, 5 steps
        assert which == "" and still is study.surface and study.frame_count() == 6


def test_a_precision_study_keeps_the_protocol(tmp_path: Path) -> None:
    from explorer.studies.precision import iter_precision, precision

    study = drain(iter_precision(small()))
    again = precision(study.to_json())  # its JSON makes it again (each dtype is its own)
    np.testing.assert_array_equal(again.reference.loss, study.reference.loss)
    study.write_npz(tmp_path / "p.npz")
    assert json.loads(str(np.load(tmp_path / "p.npz")["recipe"])) == study.to_json()
    line = study.summary()
    assert "\n" not in line and "float16" in line and "float32" in line
    assert study.frame_count() == 1 and study.still() == (study.reference, "float64")


def test_a_landscape_keeps_the_protocol(tmp_path: Path, monkeypatch) -> None:
    from explorer.landscape.command import Landscape, prepare, run
    from explorer.landscape.spec import LandscapeSpec

    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(tmp_path / "trust.json"))
    example = Path(__file__).resolve().parents[2] / "resources" / "models" / "digits_mlp.py"
    out = tmp_path / "l.h5"
    drain(run(prepare(LandscapeSpec(example, out, grid=(3, 2), trust=True))))
    study = Landscape.read(out)
    assert study.to_json() == study.recipe and study.recipe["grid"] == [3, 2]
    study.write_npz(tmp_path / "l.npz")
    data = np.load(tmp_path / "l.npz")
    assert json.loads(str(data["settings"])) == study.to_json()
    np.testing.assert_array_equal(data["train_loss"], study.data["train_loss"])
    line = study.summary()
    assert "\n" not in line and "digits_mlp.py along random directions, grid 3 x 2" in line
    assert study.frame_count() == 1 and study.still()[0] is study.data
