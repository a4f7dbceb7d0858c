"""`main.py soak`: drive the real window through random edits, loss switches, view changes and
keys, as a user clicking about would, and report what went wrong.

It counts uncaught exceptions (sys.excepthook: an exception in a Qt slot on the GUI thread ends
up there), waits for each edit to be drawn or refused, and measures resident memory after a
warm-up, so leaks show as growth. The warm-up begins with a tour (every loss, each of its fields
edited once, each view option once), so that what is loaded once, on first use, is loaded before
the measurement: torch imports sympy (34 MB) the first time a BCELoss gets a weight. Offscreen
unless a display is set.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WEIRD_JSON = [
    "[0.5, -1.0]",
    "[[0.1, 0.2, 0.3]]",
    "[1, 2, 3]",
    "0.5",
    "[]",
    "[[1, 2], [3]]",
    "[" * 5000,
    "[" * 3000 + "]" * 3000,
    "9" * 5000,
    "[1e400]",
    "[NaN]",
    '"text"',
    "null",
    "{}",
    "[true]",
    "[[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]]",
    "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]",
]
SLOTS = [
    "input[0]",
    "input[1]",
    "target[0]",
    "input[0,0]",
    "margin",
    "delta",
    "weight[0]",
    "nope",
    "input[" + "9" * 400 + "]",
    "input[]",
    "",
]


@dataclass
class Report:
    steps: int = 0
    tour_steps: int = 0  # the warm-up's tour of every loss and field, before the random steps
    actions: Counter = field(default_factory=Counter)
    exceptions: list[str] = field(default_factory=list)
    rss_open_mb: float = 0.0  # with the window just open, before the warm-up
    rss_start_mb: float = 0.0
    rss_end_mb: float = 0.0
    slowest_s: float = 0.0
    imported: list[str] = field(default_factory=list)  # modules first imported after warm-up
    cache_mb: tuple[float, float] = (0.0, 0.0)  # results kept for redraws, at start and end
    # the compute process (ui.compute_process), measured with the window: after warm-up, end
    child_mb: tuple[float, float] = (0.0, 0.0)
    child_pids: set[int] = field(default_factory=set)  # more than one: a child was replaced

    @property
    def growth_mb(self) -> float:
        return self.rss_end_mb - self.rss_start_mb


def rss_mb(pid: int | None = None) -> float:
    try:
        with open(f"/proc/{pid or os.getpid()}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # the child is gone
        return 0.0


def _edit_field(w: Any, rng: random.Random) -> str:
    fields = [*w.params.fields.values(), *w.inputs.fields.values()]
    if not fields:
        return "no field"
    return _edit(rng.choice(fields), rng)


def _edit(f: Any, rng: random.Random) -> str:
    from ui.fields import BoolField, ChoiceField, FloatField, IntField, JsonField, TensorField

    if isinstance(f, FloatField):
        lo, hi = f.lo, f.hi
        f.spin.setValue(rng.uniform(lo - (hi - lo), hi + (hi - lo)))
    elif isinstance(f, IntField):
        f.spin.setValue(rng.randint(-5, 5))
    elif isinstance(f, BoolField):
        f.check.toggle()
    elif isinstance(f, ChoiceField):
        f.combo.setCurrentIndex(rng.randrange(f.combo.count()))
    elif isinstance(f, TensorField):
        if rng.random() < 0.3 or not f.spins:
            f.enabled.toggle()
        else:
            rng.choice(f.spins).setValue(rng.uniform(-2, 3))
    elif isinstance(f, JsonField):
        f.edit.setText(rng.choice(WEIRD_JSON))
        f.edit.editingFinished.emit()
    return type(f).__name__


def _edit_axis(w: Any, rng: random.Random) -> str:
    fields = list(w.axes.fields.values())
    a = rng.choice(fields)
    roll = rng.random()
    if roll < 0.3:
        a.num.setValue(rng.choice([1, 2, 16, 64, 256, 1024, 4096]))
    elif roll < 0.5:
        a.start.setValue(rng.uniform(-10, 10))
    elif roll < 0.7:
        a.stop.setValue(rng.uniform(-10, 10))
    elif roll < 0.85:
        a.slot.setCurrentText(
            rng.choice(SLOTS + [a.slot.itemText(i) for i in range(a.slot.count())])
        )
        a.slot.lineEdit().editingFinished.emit()
    elif a.on.isVisible():
        a.on.toggle()
    return "axis"


def _view(w: Any, rng: random.Random) -> str:
    v = w.view_panel
    choice = rng.randrange(6)
    if choice == 0:
        v.colormap.setCurrentIndex(rng.randrange(v.colormap.count()))
    elif choice == 1:
        v.log.toggle()
    elif choice == 2:
        v.contours.setValue(rng.randint(0, 50))
    elif choice == 3:
        v.arrows.setValue(rng.randint(0, 64))
    elif choice == 4:
        v.compare.setText(rng.choice(["L1Loss, MSELoss", "", "Nope", "HuberLoss"]))
        v.compare.editingFinished.emit()
    else:
        v.dtype.setCurrentIndex(rng.randrange(v.dtype.count()))
    return "view"


def _loss(w: Any, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        w._step_loss(rng.choice([1, -1]))
    elif roll < 0.8:
        w.browser.filter.setText(rng.choice(["", "loss", "margin", "zzz", "cross", "ctc"]))
        w.browser.filter.returnPressed.emit()
    else:
        w._step_loss(1)
        w.browser.filter.setText("")
    return "loss"


def _other(w: Any, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        w.views.reset_view()
    elif roll < 0.5:
        w._compare_regression()
    elif roll < 0.7 and w.shown is not None:
        w.cancel()
    else:  # File > Open of a recipe file, sometimes a broken one
        path = Path(tempfile.gettempdir()) / f"loss-explorer-soak-{os.getpid()}.json"
        text = json.dumps(w.model.recipe) if rng.random() < 0.7 else rng.choice(WEIRD_JSON)
        path.write_text(text, encoding="utf-8")
        w.files.open_recipe(path)
        path.unlink()
    return "other"


ACTIONS: list[Callable[[Any, random.Random], str]] = [
    _edit_field,
    _edit_field,
    _edit_field,
    _edit_axis,
    _edit_axis,
    _view,
    _loss,
    _other,
]


def _tour(app: Any, w: Any, rng: random.Random, settle_s: float) -> int:
    """Every loss, each of its fields edited once (a tensor field twice: on, then a value),
    and each view option once. Returns the steps taken."""
    from explorer.catalog import CATALOG
    from explorer.recipes import default_recipe
    from ui.fields import TensorField

    steps = 0
    for name in CATALOG:
        w.model.load(default_recipe(name))
        _settle(app, w, settle_s)
        for key in [*w.params.fields, *w.inputs.fields]:
            f = {**w.params.fields, **w.inputs.fields}.get(key)  # a loss switch rebuilds them
            if f is None:
                continue
            if isinstance(f, TensorField) and not f.enabled.isChecked():
                f.enabled.toggle()
                _settle(app, w, settle_s)
                steps += 1
            _edit(f, rng)
            _settle(app, w, settle_s)
            steps += 1
    for _ in range(12):
        _view(w, rng)
        _settle(app, w, settle_s)
        steps += 1
    return steps


def _settle(app: Any, w: Any, settle_s: float) -> None:
    """Until the edit is drawn or refused; a big grid still computing is cancelled, as a user
    would give up on it."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    deadline = time.perf_counter() + settle_s
    app.processEvents()
    while not w.idle and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)
    if not w.idle:
        w.cancel()
    # what deleteLater() and singleShot(0) scheduled: an event loop would run it between events
    QTimer.singleShot(0, lambda: None)
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run(steps: int, seed: int = 0, warmup: int = 100, settle_s: float = 10.0) -> Report:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from explorer.recipes import default_recipe

    app = QApplication.instance() or QApplication([])
    from ui.window import MainWindow

    rep = Report()
    caught: list[str] = []
    old_hook = sys.excepthook

    def hook(kind, value, tb) -> None:
        caught.append("".join(traceback.format_exception(kind, value, tb))[-1500:])

    sys.excepthook = hook
    with tempfile.TemporaryDirectory() as tmp:
        w = MainWindow(settings=QSettings(str(Path(tmp) / "soak.ini"), QSettings.Format.IniFormat))
        w.resize(1400, 900)
        w.show()
        child = w.worker.process
        if child is not None:  # soak the app as it runs once started
            child.wait_ready()
        rng = random.Random(seed)
        try:

            def baseline() -> tuple[float, float]:
                """Memory with the same small figure on screen and no results kept for
                redraws, so that start and end compare like with like: a 4096x4096 surface on
                screen, or the cache (bounded: tests/test_gui.py) full, at the end is no leak.
                Returns this process's memory, the cache's, and the compute process's."""
                w.model.load(default_recipe("HuberLoss"))
                _settle(app, w, settle_s)
                kept = w.worker.cache_bytes() / 2**20
                w.worker.clear_cache()
                w.model.load(default_recipe("L1Loss"))  # the figure must not be the cache's
                _settle(app, w, settle_s)
                w.model.load(default_recipe("HuberLoss"))
                _settle(app, w, settle_s)
                if child is not None and child.pid:
                    rep.child_pids.add(child.pid)
                return rss_mb(), kept, rss_mb(child.pid) if child and child.pid else 0.0

            _settle(app, w, settle_s)
            rep.rss_open_mb = rss_mb()
            if warmup:
                rep.tour_steps = _tour(app, w, rng, settle_s)
            modules: set[str] = set()  # imported by the end of the warm-up
            kept = child_start = 0.0
            for i in range(steps):
                if i == min(warmup, steps // 2):
                    rep.rss_start_mb, kept, child_start = baseline()
                    modules = set(sys.modules)
                action = rng.choice(ACTIONS)
                t0 = time.perf_counter()
                try:
                    rep.actions[action(w, rng)] += 1
                except Exception:  # the driver's own call raised: a defect of the window too
                    caught.append(traceback.format_exc()[-1500:])
                _settle(app, w, settle_s)
                rep.slowest_s = max(rep.slowest_s, time.perf_counter() - t0)
                rep.steps += 1
            rep.rss_end_mb, kept_end, child_end = baseline()
            rep.cache_mb = (kept, kept_end)
            rep.child_mb = (child_start, child_end)
            rep.imported = sorted(set(sys.modules) - modules) if modules else []
        finally:
            w.close()
            w.deleteLater()
            app.processEvents()
            sys.excepthook = old_hook
    rep.exceptions = caught
    return rep


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="main.py soak", description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--warmup", type=int, default=100, help="steps before memory is measured")
    args = p.parse_args(argv)
    rep = run(args.steps, args.seed, args.warmup)
    for e in rep.exceptions[:20]:
        print(e, file=sys.stderr)
    print(
        f"{rep.steps} steps ({dict(rep.actions)}): {len(rep.exceptions)} uncaught exceptions; "
        f"resident memory {rep.rss_open_mb:.0f} MB at the start, "
        f"{rep.rss_start_mb:.0f} MB after warm-up -> {rep.rss_end_mb:.0f} MB "
        f"({rep.growth_mb:+.0f} MB); slowest step {rep.slowest_s:.2f} s"
    )
    print(
        f"results kept for redraws before each measurement (cleared for it): "
        f"{rep.cache_mb[0]:.0f} MB and {rep.cache_mb[1]:.0f} MB; modules first imported after "
        f"warm-up: {len(rep.imported)} {' '.join(rep.imported[:8])}"
    )
    if rep.child_pids:
        start, end = rep.child_mb
        print(
            f"compute process: {start:.0f} MB after warm-up -> {end:.0f} MB ({end - start:+.0f} MB)"
            f"; {len(rep.child_pids)} process(es) seen"
        )
    return 1 if rep.exceptions else 0
