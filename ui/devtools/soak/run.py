"""The run: a warm-up tour, the timer-driven steps, the measurements at both ends."""

from __future__ import annotations

import argparse
import faulthandler
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
import tracemalloc
import warnings
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import (
    QApplication,
)

from ui.devtools.soak.holdings import (
    Report,
    held_tensors,
    holdings,
    rss_mb,
    tensor_buffers,
    traced,
)
from ui.devtools.soak.inputs import make_input
from ui.devtools.soak.stranger import Stranger, controls

# ---- the run


def _tour(app: Any, w: Any, rng: random.Random, settle_s: float) -> int:
    """Every loss, each of its fields edited once (a tensor field twice: on, then a value).
    Returns the steps taken."""
    from explorer.catalog import CATALOG
    from explorer.recipes import default_recipe
    from ui.editors.fields import (
        BoolField,
        ChoiceField,
        FloatField,
        IntField,
        JsonField,
        TensorField,
    )

    steps = _tour_studies(app, w, settle_s)
    for name in CATALOG:
        w.model.load(default_recipe(name))
        _settle(app, w, settle_s)
        for key in [*w.params.fields, *w.inputs.fields]:
            f = {**w.params.fields, **w.inputs.fields}.get(key)  # a loss switch rebuilds them
            if f is None:
                continue
            if isinstance(f, TensorField):
                if not f.enabled.isChecked():
                    f.enabled.toggle()
                    _settle(app, w, settle_s)
                    steps += 1
                if f.spins:
                    rng.choice(f.spins).setValue(rng.uniform(0.1, 3))
            elif isinstance(f, FloatField):
                f.spin.setValue(rng.uniform(f.lo, f.hi))
            elif isinstance(f, IntField):
                f.spin.setValue(rng.randint(-1, 3))
            elif isinstance(f, BoolField):
                f.check.toggle()
            elif isinstance(f, ChoiceField):
                f.combo.setCurrentIndex(rng.randrange(f.combo.count()))
            elif isinstance(f, JsonField):
                f.edit.setText(f.edit.text())
                f.edit.editingFinished.emit()
            _settle(app, w, settle_s)
            steps += 1
    return steps


def _tour_studies(app: Any, w: Any, settle_s: float) -> int:
    """Each kind of work once, small, in the temporary folder: figures in every format, a
    recording as GIF and as MP4, optimizer paths, precisions, a report, the 3-D view, and each
    example model's landscape and Hessian spectrum. What they load on first use (Pillow,
    ffmpeg, Mesa's code, torch's double backward) is then loaded."""
    from explorer.catalog import DEFAULT_LOSS
    from explorer.export import DATA_SUFFIXES
    from explorer.recipes import default_recipe
    from explorer.studies.paths import PathsSpec
    from explorer.studies.recording import parse_vary
    from ui.figures.export import FIGURE_WRITERS
    from ui.studies.record import ANIMATIONS

    r = default_recipe(DEFAULT_LOSS)
    for ax in r["axes"]:
        ax["num"] = 32
    here = Path.cwd()  # the soak's temporary folder
    tab = w.landscape_tab
    vary = parse_vary("params.delta=0.5:2:3")
    works = [
        lambda: w.model.load(r),
        *[
            lambda ext=ext: w.files.export(here / f"tour{ext}", 300, 200)
            for ext in (*FIGURE_WRITERS, *DATA_SUFFIXES)
        ],
        *[
            lambda ext=ext: w.studies.record(w.model.recipe, vary, here / f"tour{ext}", 5, 200, 150)
            for ext in ANIMATIONS
        ],
        lambda: w.studies.run_paths(PathsSpec.make(["sgd:lr=0.1", "adam:lr=0.1"], [1, -1], 10)),
        w.studies.precision,
        w.studies.add_figure,
        lambda: w.studies.export_report(here / "tour-report"),
        lambda: w.three_d.setChecked(True),
        lambda: w.three_d.setChecked(False),
        lambda: w.tabs.setCurrentIndex(1),
        *[work for i in range(tab.example.count()) for work in _model_works(tab, i, here)],
        lambda: w.tabs.setCurrentIndex(0),
    ]
    for work in works:
        work()
        _settle(app, w, settle_s)
    return len(works)


def _model_works(tab: Any, i: int, here: Path) -> list[Any]:
    """The landscape tab's work on example `i`, small: its landscape with curvature and
    BatchNorm statistics recomputed, and its Hessian spectrum with its density (torch's
    double backward, its kernels for these shapes and the model's data load on first use)."""
    from explorer.trust import TrustStore

    def choose() -> None:
        tab.example.setCurrentIndex(i)
        tab.example_button.click()
        TrustStore().trust(tab.model_path)  # the soak's own store: no question asked
        tab.grid.setValue(2)
        tab.curvature.setChecked(True)
        tab.bn_recompute.setChecked(True)
        tab.out.setText(str(here / f"tour-{i}.h5"))
        panel = tab.curvature_panel
        panel.top_k.setValue(1)
        panel.trace.setChecked(False)
        panel.density.setChecked(True)

    def uncheck() -> None:
        tab.curvature.setChecked(False)
        tab.bn_recompute.setChecked(False)

    return [choose, tab.start, tab.curvature_panel.start, uncheck]


def _settle(app: Any, w: Any, settle_s: float) -> None:
    """Until the window's computation and its job are done; what still runs then is cancelled,
    as a person would give up on it."""

    deadline = time.perf_counter() + settle_s
    app.processEvents()
    while not (w.idle and not w.jobs.busy) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)
    if not w.idle or w.jobs.busy:
        w.cancel()
        w.jobs.cancel()
        w.jobs.wait(5000)
    # what deleteLater() and singleShot(0) scheduled: an event loop would run it between events
    QTimer.singleShot(0, lambda: None)
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _drive(app: Any, who: Stranger, steps: int, rep: Report) -> None:
    """`steps` steps from a timer on the event loop (a dialog's loop runs it too), then every
    dialog and popup closed."""

    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    left = [steps]
    last = [rss_mb(), "start"]

    def tick() -> None:
        now = rss_mb()
        if now - last[0] > 1.0:
            rep.rises.append((now - last[0], str(last[1])))
            rep.rises.sort(reverse=True)
            del rep.rises[12:]
        last[0] = now
        if left[0] <= 0:
            if who.close_all():
                loop.quit()
            else:
                timer.start(10)
            return
        left[0] -= 1
        rep.steps += 1
        # armed first: a step that opens a dialog returns only once it is closed, and the
        # dialog's own event loop runs the next steps
        timer.start(who.rng.choice([2, 10, 30, 60, 120, 300]))
        try:
            rep.actions[who.step()] += 1
            last[1] = who.last
        except Exception:  # the stranger's own call raised (a widget deleted under it, ...)
            rep.driver_errors.append(traceback.format_exc()[-1500:])

    timer.timeout.connect(tick)
    timer.start(0)
    loop.exec()
    timer.stop()


def run(
    steps: int,
    seed: int = 0,
    warmup: int = 100,
    settle_s: float = 10.0,
    input_kind: str = "auto",
    trace: bool = False,
) -> Report:
    """A stranger's `steps` steps after `warmup` steps of warm-up (and the tour, unless warmup
    is 0). `input_kind`: "qt", "x" (xdotool on $DISPLAY), or "auto" (x where it can)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "")
    sandbox = Path(tempfile.mkdtemp(prefix="loss-explorer-soak-"))
    saved = {k: os.environ.get(k) for k in ("LOSS_EXPLORER_TRUST",)}
    os.environ["LOSS_EXPLORER_TRUST"] = str(sandbox / "trust.json")
    cwd = Path.cwd()
    os.chdir(sandbox)

    from explorer.catalog import DEFAULT_LOSS
    from explorer.recipes import default_recipe

    app = QApplication.instance() or QApplication([])
    from ui.compute.memory import give_back
    from ui.window import MainWindow

    rep = Report()
    caught: list[str] = []
    old_hook = sys.excepthook

    def hook(kind, value, tb) -> None:
        caught.append("".join(traceback.format_exception(kind, value, tb))[-1500:])

    sys.excepthook = hook
    old_show = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        rep.warnings[f"{category.__name__}: {message} ({Path(filename).name}:{lineno})"] += 1

    warnings.showwarning = show
    try:
        io = make_input(input_kind)
        rep.input = io.name
        w = MainWindow(settings=QSettings(str(sandbox / "soak.ini"), QSettings.Format.IniFormat))
        w.last_dir = sandbox
        w.resize(1400, 900)
        w.show()
        w.activateWindow()
        child = w.worker.process
        if child is not None:  # soak the app as it runs once started
            child.wait_ready()
        rng = random.Random(seed)
        who = Stranger(app, w, rng, io, sandbox, rep)
        t0 = time.perf_counter()
        try:

            def baseline() -> tuple[float, float, float]:
                """Memory with the same small figure on screen, no 3-D view and no results
                kept for redraws, so that start and end compare like with like: a 4096x4096
                surface on screen, a 3-D view, or the cache (bounded: tests/gui/test_gui.py)
                full, at the end is no leak.
                Returns this process's memory, the cache's, and the compute process's."""
                _settle(app, w, settle_s)
                w.tabs.setCurrentIndex(0)
                # no 3-D view at either end: its GL widget and Mesa's buffers are a view on
                # screen, not a leak
                w.three_d.setChecked(False)
                w.landscape_tab.three_d.setChecked(False)
                w.model.load(default_recipe(DEFAULT_LOSS))
                _settle(app, w, settle_s)
                kept = w.worker.cache_bytes() / 2**20
                w.worker.clear_cache()
                w.model.load(default_recipe("L1Loss"))  # the figure must not be the cache's
                _settle(app, w, settle_s)
                w.model.load(default_recipe(DEFAULT_LOSS))
                _settle(app, w, settle_s)
                if child is not None and child.pid:
                    rep.child_pids.add(child.pid)
                give_back()  # what the window's idle trim does a second after the last frame
                return rss_mb(), kept, rss_mb(child.pid) if child and child.pid else 0.0

            _settle(app, w, settle_s)
            rep.rss_open_mb = rss_mb()
            if warmup:
                rep.tour_steps = _tour(app, w, rng, settle_s)
                _drive(app, who, min(warmup, steps), rep)
            rep.rss_start_mb, kept, child_start = baseline()
            start_held = holdings()
            start_buffers = set(tensor_buffers())
            modules = set(sys.modules)
            if trace:
                tracemalloc.start(12)
            _drive(app, who, steps - rep.steps, rep)
            rep.rss_end_mb, kept_end, child_end = baseline()
            rep.holdings = (start_held, holdings())
            rep.held_tensors = held_tensors(start_buffers)
            rep.labelled = controls(w)
            if trace:
                rep.traced = traced()
                tracemalloc.stop()
            rep.cache_mb = (kept, kept_end)
            rep.child_mb = (child_start, child_end)
            rep.imported = sorted(set(sys.modules) - modules)
        finally:
            rep.seconds = time.perf_counter() - t0
            who.close_all()
            w.close()
            w.deleteLater()
            app.processEvents()
    finally:
        sys.excepthook = old_hook
        warnings.showwarning = old_show
        os.chdir(cwd)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(sandbox, ignore_errors=True)
    rep.exceptions = caught
    return rep


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="main.py soak", description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--warmup", type=int, default=300, help="steps before memory is measured")
    p.add_argument(
        "--input",
        choices=("auto", "qt", "x"),
        default="auto",
        help="x: real X events by xdotool (needs $DISPLAY, e.g. xvfb-run); qt: QTest; "
        "auto: x where it can",
    )
    p.add_argument(
        "--trace",
        action="store_true",
        help="trace Python's and numpy's allocations after warm-up: where what is still held "
        "was made (slower)",
    )
    args = p.parse_args(argv)
    faulthandler.enable()  # a crash in Qt's C++ prints the Python stack that led to it
    if args.steps < 1 or args.warmup < 0:
        print("error: --steps must be >= 1 and --warmup >= 0", file=sys.stderr)
        return 2
    try:
        rep = run(args.steps, args.seed, args.warmup, input_kind=args.input, trace=args.trace)
    except RuntimeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for e in (rep.exceptions + rep.driver_errors)[:20]:
        print(e, file=sys.stderr)
    print(
        f"{rep.steps} steps in {rep.seconds:.0f} s, input by {rep.input} "
        f"({dict(rep.actions.most_common())}): {len(rep.exceptions)} uncaught exceptions, "
        f"{len(rep.driver_errors)} errors of the driver; resident memory "
        f"{rep.rss_open_mb:.0f} MB at the start, {rep.rss_start_mb:.0f} MB after warm-up -> "
        f"{rep.rss_end_mb:.0f} MB ({rep.growth_mb:+.0f} MB)"
    )
    print(f"widgets acted on: {dict(rep.reached.most_common())}")
    if rep.labelled:
        never = sorted(rep.labelled - rep.pressed)
        print(
            f"the main window's labelled buttons and menu entries acted on: "
            f"{len(rep.labelled & rep.pressed)} of {len(rep.labelled)}; never: "
            + (", ".join(never[:40]) + (f" and {len(never) - 40} more" if len(never) > 40 else ""))
        )
    shown = "; ".join(f"{text} x{n}" for text, n in rep.warnings.most_common(5))
    print(f"Python warnings printed: {sum(rep.warnings.values())} {shown}")
    rises = "; ".join(f"+{mb:.0f} MB after {what}" for mb, what in rep.rises[:6])
    print(f"largest rises of memory between two steps: {rises or 'none over 1 MB'}")
    print(f"dialogs and popups that came up: {dict(rep.dialogs.most_common())}")
    start, end = rep.holdings
    grew = sorted(((end[k] - start[k], k) for k in set(start) | set(end)), reverse=True)
    print(
        "what is held, after warm-up -> at the end: "
        + "; ".join(f"{k} {start[k]:.0f} -> {end[k]:.0f}" for d, k in grew[:10] if d > 0)
    )
    print(
        f"results kept for redraws before each measurement (cleared for it): "
        f"{rep.cache_mb[0]:.0f} MB and {rep.cache_mb[1]:.0f} MB; modules first imported after "
        f"warm-up: {len(rep.imported)} {' '.join(rep.imported[:8])}"
    )
    for line in rep.traced:
        print(f"held at the end, allocated after warm-up: {line}")
    for line in rep.held_tensors:
        print(f"torch buffer made after warm-up, held at the end: {line}")
    if rep.child_pids:
        start, end = rep.child_mb
        print(
            f"compute process: {start:.0f} MB after warm-up -> {end:.0f} MB ({end - start:+.0f} MB)"
            f"; {len(rep.child_pids)} process(es) seen"
        )
    return 1 if rep.exceptions or rep.driver_errors else 0
