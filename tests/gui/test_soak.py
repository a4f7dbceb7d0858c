"""`main.py soak`, a stranger at the real window: short runs of what the command does for
minutes. The widget tree is walked, input comes through QTest's QWindow door offscreen and as
real X events under Xvfb, and nothing may raise."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from explorer.catalog import loss_names
from tests.commands import ROOT


@pytest.mark.slow
def test_a_stranger_offscreen_raises_nothing(qapp) -> None:
    from ui.devtools.soak import run

    rep = run(steps=160, seed=3, warmup=20, input_kind="qt")
    assert not rep.exceptions, rep.exceptions[:3]
    assert not rep.driver_errors, rep.driver_errors[:3]
    # a step is counted when it begins, its gesture when it returns: one that opened a dialog
    # may still be inside the dialog's loop when the run ends (the dialog is closed then)
    assert rep.steps == 160 and 150 <= sum(rep.actions.values()) <= 160 and rep.input == "qt"
    assert rep.tour_steps > len(loss_names())  # the warm-up's tour: every loss, each field
    # found by walking the tree, not from a list: many kinds of widget, and the dialogs and
    # popups they open, each acted on with several kinds of gesture
    assert len(rep.reached) >= 8, rep.reached
    assert {"QLineEdit", "QComboBox", "QPushButton"} <= set(rep.reached), rep.reached
    assert rep.dialogs, "no dialog or popup came up"
    assert {"click", "type", "wheel"} <= set(rep.actions), rep.actions
    assert rep.rss_open_mb > 0 and rep.rss_start_mb > 0 and rep.rss_end_mb > 0
    # what it reached of the main window's labelled controls, against all it has (hidden tabs
    # and docks included, Quit left out): the report's "never" list
    assert {"QPushButton 'Run'", "QPushButton 'Play'", "QPushButton 'Step'"} <= rep.labelled
    assert "menu 'Open recipe…'" in rep.labelled and "menu 'Quit'" not in rep.labelled
    assert len(rep.labelled) >= 40 and len(rep.pressed & rep.labelled) >= 3, rep.pressed


@pytest.mark.slow
def test_a_stranger_with_real_x_events_raises_nothing(display: str) -> None:
    if shutil.which("xdotool") is None:
        if os.environ.get("CI"):
            pytest.fail("xdotool is missing: .ci/run installs it")
        pytest.skip("xdotool is not installed (apt-get install xdotool); CI installs it")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    argv = ["soak", "--steps", "120", "--warmup", "10", "--seed", "5", "--input", "x"]
    p = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
        cwd=ROOT,
    )
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-3000:]
    assert "input by x" in p.stdout and "0 uncaught exceptions, 0 errors of the driver" in p.stdout


def test_the_soak_names_who_holds_a_new_tensor() -> None:
    """A growth is chased to its holders: a buffer made after the first look is named with the
    chain that holds it (a suspended generator's frame, an object's attribute); one held
    before is not."""
    import torch

    from ui.devtools.soak.holdings import held_tensors, tensor_buffers

    old = torch.zeros(1024, 512)
    before = set(tensor_buffers())

    class Job:
        pass

    def rows():
        surface = torch.ones(600, 1000)
        yield float(surface[0, 0])

    job = Job()
    job.kept = {"surface": torch.zeros(512, 1024)}
    job.rows = rows()
    next(job.rows)
    found = held_tensors(before)
    assert len(found) == 2, found
    assert found[0].startswith("2.3 MB (600, 1000) torch.float32 held by generator rows")
    assert found[1].startswith("2.0 MB (512, 1024) torch.float32 held by dict of 1 (surface)")
    assert old.numel() and not any("(1024, 512)" in line for line in found)
