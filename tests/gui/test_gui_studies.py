"""The window's studies on the job lane: optimizer paths placed by a click and stepped through,
recordings with progress and cancel, and reports collected with "Add to report" — each equal
to what the command line makes from the same recipe."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import imageio.v2 as imageio
import numpy as np
import torch
from PySide6.QtCore import QTimer

from explorer.studies.paths import PathsSpec, paths
from explorer.studies.recording import parse_vary, record
from tests.conftest import wait_drawn
from ui.window import MainWindow

MSE = {
    "loss": "MSELoss",
    "inputs": {"input": [1.0, 2.0], "target": [0.0, 0.0]},
    "axes": [
        {"slot": "input[0]", "start": -3.0, "stop": 3.0, "num": 32},
        {"slot": "input[1]", "start": -3.0, "stop": 3.0, "num": 32},
    ],
}


def load(qtbot, w: MainWindow, recipe: dict) -> None:
    w.model.load(recipe)
    wait_drawn(qtbot, w)


def test_paths_from_a_click_equal_the_command_lines(qtbot, window: MainWindow) -> None:
    load(qtbot, window, MSE)
    panel = window.paths_panel
    panel.optimizers.setPlainText("sgd:lr=0.1,momentum=0.9\nadam:lr=0.2")
    panel.steps.setValue(30)
    window.views.clicked.emit([2.0, -1.5])  # what a left click on the heatmap sends
    qtbot.waitUntil(lambda: window.views.paths is not None, timeout=20_000)
    assert panel.start.text() == "2, -1.5"
    shown = window.views.paths
    want = paths(MSE, PathsSpec.make(["sgd:lr=0.1,momentum=0.9", "adam:lr=0.2"], [2, -1.5], 30))
    np.testing.assert_array_equal(shown.points, want.points)
    line = window.views._layer.lines[0]
    assert len(line.xData) == 31
    panel.slider.setValue(5)  # stepping through: the drawn path is cut at step 5
    assert len(line.xData) == 6 and panel.step_label.text().startswith("step 5 of 30")
    panel.clear()
    assert window.views.paths is None


def test_paths_follow_a_new_figure_and_errors_stay_beside_the_panel(
    qtbot, window: MainWindow
) -> None:
    load(qtbot, window, MSE)
    window.paths_panel.optimizers.setPlainText("sgd:lr=0.1")
    window.paths_panel.run()
    qtbot.waitUntil(lambda: window.views.paths is not None, timeout=20_000)
    first = window.views.paths
    window.model.set_input("target", [0.5, 0.5])  # a new surface: the paths are rerun on it
    qtbot.waitUntil(
        lambda: window.views.paths is not None and window.views.paths is not first,
        timeout=20_000,
    )
    assert window.views.paths.recipe["inputs"]["target"] == [0.5, 0.5]
    window.paths_panel.optimizers.setPlainText("sgd:lr=-1")
    window.paths_panel.run()
    assert window.paths_panel.error.isVisible()
    assert "Invalid learning rate" in window.paths_panel.error.text()


def test_a_recording_from_the_window_equals_the_command_lines(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    load(qtbot, window, MSE)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    vary = parse_vary("inputs.target[0]=-1:1:8")
    assert window.studies.record(window.shown.result.recipe, vary, tmp_path / "r.gif", 10, 160, 120)
    # the job ends on the GUI thread after its thread wrote r.json: wait for both
    qtbot.waitUntil(lambda: (tmp_path / "r.json").exists() and not window.jobs.busy, timeout=60_000)
    timer.stop()
    assert len(imageio.mimread(tmp_path / "r.gif")) == 8
    data = np.load(tmp_path / "r.npz")
    np.testing.assert_array_equal(data["loss"], record(window.shown.result.recipe, vary).loss)
    assert json.loads((tmp_path / "r.json").read_text())["vary"]["frames"] == 8
    assert len(ticks) >= 8  # the event loop kept turning while it recorded
    assert "Wrote" in window.status.currentMessage()


def test_cancelling_a_recording_writes_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:
    load(qtbot, window, MSE)
    big = {**MSE, "axes": [{**a, "num": 256} for a in MSE["axes"]]}
    vary = parse_vary("inputs.target[0]=-1:1:400")
    with qtbot.waitSignal(window.jobs.progress, timeout=20_000):
        assert window.studies.record(big, vary, tmp_path / "c.gif", 10, 160, 120)
    assert window.cancel_button.isVisible()
    with qtbot.waitSignal(window.jobs.cancelled, timeout=2_000):
        window.cancel_button.click()
    assert not window.jobs.busy
    assert list(tmp_path.iterdir()) == []
    assert "cancelled" in window.status.currentMessage()


def test_a_report_from_the_window(qtbot, window: MainWindow, tmp_path: Path) -> None:
    load(qtbot, window, MSE)
    window.studies.add_figure()
    panel = window.report_panel
    panel.note.setText("the bowl")
    panel.note.textEdited.emit("the bowl")
    window.paths_panel.optimizers.setPlainText("adam:lr=0.2")
    window.paths_panel.run()
    qtbot.waitUntil(lambda: window.views.paths is not None, timeout=20_000)
    window.studies.add_figure()  # the figure with its paths
    assert window.report_dock.isVisible() and panel.list.count() == 2
    panel.list.setCurrentRow(1)
    panel.up.click()  # the paths first
    assert "paths" in panel.entries[0]["raw"]
    panel.columns.setValue(2)
    assert window.studies.export_report(tmp_path / "rep")
    qtbot.waitUntil(lambda: (tmp_path / "rep" / "report.pdf").exists(), timeout=60_000)
    page = (tmp_path / "rep" / "index.html").read_text()
    assert page.count("<figure>") == 2 and "the bowl" in page
    assert page.index("optimizer path(s) of") < page.index("the bowl")
    assert (tmp_path / "rep" / "01-MSELoss" / "01-MSELoss-paths.npz").exists()


def test_one_job_at_a_time(qtbot, window: MainWindow, tmp_path: Path) -> None:
    load(qtbot, window, MSE)
    vary = parse_vary("inputs.target[0]=-1:1:300")
    big = {**MSE, "axes": [{**a, "num": 256} for a in MSE["axes"]]}
    assert window.studies.record(big, vary, tmp_path / "a.gif", 10, 160, 120)
    assert not window.studies.record(big, vary, tmp_path / "b.gif", 10, 160, 120)
    assert window.status.currentMessage().startswith("Busy with Recording")
    with qtbot.waitSignal(window.jobs.cancelled, timeout=2_000):
        window.cancel()


def test_the_landscape_tab_asks_once_then_matches_the_command_line(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from explorer.landscape import store
    from tests.cli.test_landscape import BATCHED_MODEL

    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(tmp_path / "trust.json"))
    asked = []
    monkeypatch.setattr(
        "ui.studies.landscape_tab.ask_trust", lambda *a: asked.append(a[1]) or len(asked) > 1
    )
    m = tmp_path / "m.py"
    m.write_text(BATCHED_MODEL)
    tab = window.landscape_tab
    tab.set_model(m)
    tab.grid.setValue(6)
    assert not tab.start()  # declined: nothing of the file runs
    assert "has not been trusted yet" in tab.error.text() and not window.jobs.busy
    drawn = []
    window.jobs.progress.connect(lambda label, f: drawn.append(f))
    assert tab.start()  # yes this time
    qtbot.waitUntil(lambda: not window.jobs.busy and tab.info.text() != "", timeout=60_000)
    assert len(asked) == 2 and len(drawn) == 6  # one redraw per row
    data = store.read(tmp_path / "m-landscape.h5")
    assert data["rows_done"].all()
    np.testing.assert_array_equal(tab.figure.image.image, data["train_loss"])
    png = tab.export(tmp_path / "l.png")
    assert png.stat().st_size > 1000
    monkeypatch.setattr(
        "ui.studies.landscape_tab.QFileDialog.getSaveFileName",
        lambda *a: (str(tmp_path / "l.txt"), ""),
    )
    tab.export_dialog(".png")  # a suffix no writer knows (the soak found a KeyError): said
    assert "'l.txt': must end in .png, .svg, .pdf, .npz" in tab.error.text()
    assert not (tmp_path / "l.txt").exists()
    tab.add_to_report()
    assert window.report_panel.entries[-1]["raw"] == {"landscape": str(tmp_path / "m-landscape.h5")}
    # the tab's settings are the command line's for the same values
    from explorer.cli import parser
    from explorer.landscape.spec import LandscapeSpec

    argv = ["landscape", str(m), "--grid", "6", "--range=-1.0:1.0"]
    argv += ["--out", str(tmp_path / "m-landscape.h5"), "--trust"]
    want = LandscapeSpec.from_args(parser().parse_args(argv))
    assert tab.spec() == replace(want, trust=False)
    for typed in ("-1", "--grid", "-"):  # typed into the file field: never read as an option
        tab.out.setText(typed)
        assert not tab.start() and "must end in .h5" in tab.error.text()


def test_your_losses_in_the_window_reload_and_hang(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from explorer.custom import custom_key
    from tests.core.test_custom import LOSSES

    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(tmp_path / "trust.json"))
    monkeypatch.setenv("IMPORTED_BY", str(tmp_path / "imported.txt"))
    monkeypatch.setenv("LOSS_EXPLORER_CUSTOM_TIMEOUT", "2")
    asked = []
    monkeypatch.setattr("ui.editors.custom_losses.ask_trust", lambda *a: asked.append(a[3]) or True)
    path = tmp_path / "mine.py"
    path.write_text(LOSSES)
    assert window.custom.load(path)
    key = custom_key(path, "focal")
    qtbot.waitUntil(
        lambda: window.shown is not None and window.shown.result.recipe["loss"] == key,
        timeout=60_000,
    )
    assert asked == [False] and window.browser.items[key].text(0) == "focal (mine.py)"
    assert "params.gamma" in window.params.fields
    assert window.views.surface.figure.plot.titleLabel.text.startswith("focal(")
    first = window.shown.result.loss.copy()
    path.write_text(
        LOSSES.replace("return (w * (1 - pt) ** gamma * bce).sum()", "return 2.0 + 0 * input.sum()")
    )
    window.custom._changed(str(path))  # what the file watcher calls
    qtbot.waitUntil(
        lambda: window.shown is not None and np.all(window.shown.result.loss == 2.0),
        timeout=60_000,
    )
    assert asked == [False, True] and not np.all(first == 2.0)
    window.model.set_loss(custom_key(path, "hangs"))
    with qtbot.waitSignal(window.failed, timeout=30_000) as blocker:
        pass
    assert "did not answer within 2 s" in blocker.args[1]
    assert "did not answer within 2 s" in window.general_error.text()


def test_activation_choice_and_the_twin_statement(qtbot, window: MainWindow) -> None:
    from resources import example_recipes

    path = next(p for p in example_recipes() if p.stem == "nll_after_log_softmax_is_cross_entropy")
    assert window.files.open_recipe(path)
    load(qtbot, window, window.model.recipe)
    assert "NLLLoss after log_softmax equals CrossEntropyLoss" in window.point_label.text()
    combo = window.inputs.fields["activation"].combo
    assert combo.currentText() == "log_softmax"
    combo.setCurrentText("none")  # plain NLLLoss on the same inputs: no twin to compare
    qtbot.waitUntil(lambda: "activation" not in window.shown.result.recipe, timeout=20_000)
    assert "CrossEntropyLoss" not in window.point_label.text()
    assert window.about.name == "NLLLoss" and "log-probabilities" in window.about.toPlainText()


def test_compare_precisions_from_the_window(qtbot, window: MainWindow, tmp_path: Path) -> None:
    load(qtbot, window, {**MSE, "axes": [{**a, "num": 16} for a in MSE["axes"]]})
    assert window.studies.precision()
    qtbot.waitUntil(lambda: window.studies.precision_dialog is not None, timeout=30_000)
    d = window.studies.precision_dialog
    assert d.isVisible() and set(d.p.results) == {"float32", "bfloat16", "float16"}
    # exports: a name without a suffix is a PNG; another suffix is refused in the dialog
    assert d.export(tmp_path / "p") and (tmp_path / "p.png").stat().st_size > 1000
    assert d.export(tmp_path / "p.npz") and np.load(tmp_path / "p.npz")
    assert not d.export(tmp_path / "p.txt") and "must end in .png" in d.error.text()
    assert not (tmp_path / "p.txt").exists()
    d.close()


def test_embedding_vectors_you_can_drag(qtbot, window: MainWindow) -> None:
    window.model.set_loss("TripletMarginLoss")
    load(qtbot, window, window.model.recipe)
    view = window.views.surface
    assert set(view.handles) == {"anchor", "positive", "negative"}
    touch = window.shown.overlay.touch
    assert touch.ball.shape[1] == 2 and "d(a, p) + margin" in touch.note
    h = view.handles["anchor"]
    h.moving = True  # what a drag in progress looks like to the handle
    h.setPos(0.4, -0.3)
    h.moving = False
    qtbot.waitUntil(
        lambda: window.shown.result.recipe["inputs"]["anchor"] == [[0.4, -0.3]], timeout=20_000
    )
    assert window.inputs.fields["inputs.anchor"].edit.text() == "[[0.4, -0.3]]"
    ball = window.shown.overlay.touch.ball
    centre = np.nanmean(ball, axis=0)
    np.testing.assert_allclose(centre, [0.4, -0.3], atol=0.02)  # the boundary follows the anchor
    gx, gy = window.shown.overlay.touch.grads[2]
    neg = torch.tensor([[1.0, -0.5]], dtype=torch.float64, requires_grad=True)
    loss = torch.nn.TripletMarginLoss()(
        torch.tensor([[0.4, -0.3]], dtype=torch.float64),
        torch.tensor([[0.5, 0.5]], dtype=torch.float64),
        neg,
    )
    (g,) = torch.autograd.grad(loss, neg)
    np.testing.assert_allclose([gx, gy], g[0].numpy(), rtol=1e-9)


def test_distributions_follow_the_pointer(qtbot, window: MainWindow) -> None:
    window.model.set_loss("CrossEntropyLoss")
    load(qtbot, window, window.model.recipe)
    panel = window.distributions
    assert panel.isVisible() and "torch's CE" in panel.text.text()
    r = window.shown.result
    k = 40 * len(r.x) + 200
    window.views.surface.hovered(k)  # what a pointer over (x[200], y[40]) sends
    assert "at the pointer" in panel.text.text()
    assert f"{r.surface.reshape(-1)[k]:.6g}" in panel.text.text()


def test_the_job_lane_lets_go_of_what_a_job_held(qtbot, window: MainWindow) -> None:
    """A cancelled job's generator is closed (its suspended frame held tensors and a
    recording's frames), and nothing keeps a finished or cancelled job's callbacks."""
    lane = window.jobs
    closed = []

    def job():
        try:
            while True:
                time.sleep(0.005)
                yield 0.5
        finally:
            closed.append("job")

    assert lane.start("held", job(), lambda result: None)
    qtbot.wait(50)
    with qtbot.waitSignal(lane.cancelled, timeout=5_000):
        lane.cancel()
    qtbot.waitUntil(lambda: closed == ["job"], timeout=5_000)
    assert lane._on_done is None and lane._job is None

    def steps():
        yield 0.5
        yield 1.0

    assert lane.steps("painted", steps(), lambda: None)
    qtbot.waitUntil(lambda: not lane.busy, timeout=5_000)
    assert lane._on_steps_done is None


def test_closing_the_window_takes_a_floating_report_dock_along(new_window) -> None:
    from PySide6.QtWidgets import QApplication

    w = new_window(drawn=False)
    w.report_dock.show()
    w.report_dock.setFloating(True)  # as the dock's float button does: a window of its own
    assert w.report_dock.isVisible()
    w.close()
    assert not [t for t in QApplication.topLevelWidgets() if t.isVisible()]


def test_curvature_in_the_landscape_tab(qtbot, window: MainWindow, tmp_path: Path, monkeypatch):
    """The Curvature box makes what `main.py hessian` makes (on the lane, after the trust
    question), draws the spectrum in the tab, exports it and adds it to the report; a landscape
    with curvature offers its eigenvalue maps."""
    import json

    from explorer.landscape import store
    from explorer.landscape.hessian import HessianSpec, prepare, run
    from explorer.progress import drain
    from tests.cli.test_hessian import MODEL

    monkeypatch.setenv("LOSS_EXPLORER_TRUST", str(tmp_path / "trust.json"))
    monkeypatch.setattr("ui.studies.curvature_panel.ask_trust", lambda *a: True)
    monkeypatch.setattr("ui.studies.landscape_tab.ask_trust", lambda *a: True)
    m = tmp_path / "m.py"
    m.write_text(MODEL)
    tab = window.landscape_tab
    box = tab.curvature_panel
    assert not box.start() and "open a model file first" in box.error.text()
    tab.set_model(m)
    box.top_k.setValue(3)
    box.trace.setChecked(True)
    assert box.start()  # cancelled at once: nothing written, nothing shown
    with qtbot.waitSignal(window.jobs.cancelled, timeout=10_000):
        window.cancel()
    assert box.data is None and not (tmp_path / "m-hessian.json").exists()
    assert box.start()
    qtbot.waitUntil(lambda: not window.jobs.busy and box.data is not None, timeout=60_000)
    assert tab.stack.currentWidget() is box.figure
    saved = json.loads((tmp_path / "m-hessian.json").read_text())
    want = drain(run(prepare(HessianSpec(m, tmp_path / "x.json", 3, trace=True, density=True,
                                         sharpness=0.05))))  # fmt: skip
    np.testing.assert_allclose(saved["eigenvalues"], want["eigenvalues"], rtol=1e-6)
    assert np.load(tmp_path / "m-hessian.npz")["eigenvectors"].shape == (3, saved["parameters"])
    assert "Trace" in box.info.text() and "Sharpness at rho 0.05" in box.info.text()
    assert box.export(tmp_path / "s.svg").stat().st_size > 2000
    box.add_to_report()
    assert window.report_panel.entries[-1]["raw"] == {"hessian": str(tmp_path / "m-hessian.json")}
    # a landscape with curvature: its maps can be shown, and the loss again
    tab.grid.setValue(3)
    tab.directions.setCurrentText("hessian")
    tab.curvature.setChecked(True)
    assert tab.start()
    qtbot.waitUntil(lambda: not window.jobs.busy and tab.info.text() != "", timeout=60_000)
    assert tab.stack.currentWidget() is tab.figure
    data = store.read(tmp_path / "m-landscape.h5")
    tab.quantity.setCurrentIndex(tab.quantity.findData("max_eig"))
    np.testing.assert_array_equal(tab.figure.image.image, data["max_eig"])
    tab.quantity.setCurrentIndex(tab.quantity.findData("train_loss"))
    np.testing.assert_array_equal(tab.figure.image.image, data["train_loss"])


def test_results_of_the_examples_go_to_your_folder_not_the_apps(window: MainWindow, tmp_path):
    """The examples ship inside the app, whose folder may not be writable: what they make is
    written to the window's last folder; your own model's, beside your file."""
    from resources import models_folder

    tab = window.landscape_tab
    window.last_dir = tmp_path
    tab.set_model(models_folder() / "digits_cnn.py")
    assert tab.out.text() == str(tmp_path / "digits_cnn-landscape.h5")
    assert tab.curvature_panel.spec().out == tmp_path / "digits_cnn-hessian.json"
    mine = tmp_path / "own" / "m.py"
    tab.set_model(mine)  # the name made for the example gives way to the new model's
    assert tab.out.text() == str(mine.with_name("m-landscape.h5"))
    assert tab.curvature_panel.spec().out == mine.with_name("m-hessian.json")
