"""`main.py soak`: a stranger at the real window, and what went wrong.

Each step walks the widget tree of what is on top (an open menu or popup, else a modal dialog,
else the main window), picks one visible, enabled widget at random and does to it what a person
would: clicks, double clicks, right clicks, typed junk and huge numbers, wheel turns, drags,
keyboard shortcuts. The input comes in through the platform's door, as a person's does: under
Xvfb with xdotool as real X events (`--input x`), elsewhere through QTest's QWindow functions,
which hand it to Qt where the platform plugin would (so popups, grabs, focus and shortcuts route
it). Steps run from a timer on the event loop, a few milliseconds to a third of a second apart,
so a dialog's own event loop is driven like the window's, and no step waits for the compute.

It counts uncaught exceptions (sys.excepthook: an exception in a Qt slot ends up there) and
measures resident memory after a warm-up, with the same small figure on screen and no results
kept for redraws at both ends, so that leaks show as growth. The warm-up begins with a tour (every
loss, each of its fields edited once), so that what is loaded once, on first use, is loaded before
the measurement: torch imports sympy (34 MB) the first time a BCELoss gets a weight. File dialogs
are kept in a temporary folder (a person who stays in one folder), the trust store and settings
are temporary too, and Quit is never chosen.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import tracemalloc
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMenu,
    QMenuBar,
    QSplitterHandle,
    QTabBar,
    QWidget,
)

# what a person clicks, types into, turns or drags (viewports of scroll areas besides)
INTERACTIVE = (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMenu,
    QMenuBar,
    QSplitterHandle,
    QTabBar,
)
JUNK = [
    "",
    "0",
    "-1",
    "0.5",
    "1e308",
    "-1e999",
    "1e-320",
    "nan",
    "inf",
    "-inf",
    "abc",
    "1, 2",
    "5, 1",
    "3",
    "1, 2, 3",
    "[0.5, -1.0]",
    "[[0.1, 0.2, 0.3]]",
    "[1, 2",
    "[" * 300,
    "9" * 400,
    "null",
    "{}",
    '"text"',
    "[true]",
    "-0",
    "  2.5  ",
    "１２",
    "L1Loss, MSELoss",
    "Nope",
    "sgd:lr=0.1",
    "adam:lr=1e9, betas=0.9/0.99",
    "lbfgs:lr=50",
    "input[0]",
    "weight[0]",
    "delta",
    "4096",
    "99999999",
]
FILE_NAMES = ["a", "figure.png", "r.json", "x.h5", "junk.txt", "f.svg", "m.py", "out.gif"]
SHORTCUT_KEYS = ["Return", "Tab", "Escape", "Up", "Down", "PgUp", "PgDown", "Space", "Del", "Home"]


@dataclass
class Report:
    steps: int = 0
    tour_steps: int = 0  # the warm-up's tour of every loss and field, before the random steps
    actions: Counter = field(default_factory=Counter)  # gesture kinds
    reached: Counter = field(default_factory=Counter)  # widget classes acted on
    dialogs: Counter = field(default_factory=Counter)  # dialogs and popups that came up
    exceptions: list[str] = field(default_factory=list)
    driver_errors: list[str] = field(default_factory=list)  # the stranger's own mistakes
    warnings: Counter = field(default_factory=Counter)  # Python warnings printed, by where
    input: str = "qt"
    rss_open_mb: float = 0.0  # with the window just open, before the warm-up
    rss_start_mb: float = 0.0
    rss_end_mb: float = 0.0
    seconds: float = 0.0
    imported: list[str] = field(default_factory=list)  # modules first imported after warm-up
    cache_mb: tuple[float, float] = (0.0, 0.0)  # results kept for redraws, at start and end
    # the compute process (ui.compute_process), measured with the window: after warm-up, end
    child_mb: tuple[float, float] = (0.0, 0.0)
    child_pids: set[int] = field(default_factory=set)  # more than one: a child was replaced
    # what Python holds at each measurement (numpy and torch bytes, widgets, generators...),
    # after warm-up and at the end: the holders of a growth
    holdings: tuple[Counter, Counter] = (Counter(), Counter())
    # with trace: where what was allocated after warm-up and is still held was allocated
    # (Python objects and numpy arrays, by tracemalloc), the largest first
    traced: list[str] = field(default_factory=list)
    # where memory grew: (MB, what the step before did), the largest rises between two steps
    rises: list[tuple[float, str]] = field(default_factory=list)

    @property
    def growth_mb(self) -> float:
        return self.rss_end_mb - self.rss_start_mb


def rss_mb(pid: int | None = None) -> float:
    try:
        with open(f"/proc/{pid or os.getpid()}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # the child is gone
        return 0.0


# ---- input: through QTest's QWindow door, or as real X events


def _window_point(w: Any, pos: Any) -> tuple[Any, Any]:
    """The native window holding `w`, and `pos` (in w's coordinates) in that window's, kept
    inside it (a pointer leaving a window is a matter for the X server, not for QTest)."""

    top = w.window()
    p = w.mapTo(top, pos) if w is not top else pos
    r = top.rect()
    return top.windowHandle(), QPoint(
        min(max(p.x(), 0), r.width() - 1), min(max(p.y(), 0), r.height() - 1)
    )


class QtInput:
    """QTest's QWindow functions: events enter where the platform plugin delivers them."""

    name = "qt"

    def __init__(self) -> None:

        self.buttons = {1: Qt.MouseButton.LeftButton, 2: Qt.MouseButton.MiddleButton}
        self.buttons[3] = Qt.MouseButton.RightButton

    def click(self, w: Any, pos: Any, button: int = 1, double: bool = False) -> None:
        win, p = _window_point(w, pos)
        if win is None:
            return
        b = self.buttons[button]
        if double:
            QTest.mouseDClick(win, b, Qt.KeyboardModifier.NoModifier, p)
        else:
            QTest.mouseClick(win, b, Qt.KeyboardModifier.NoModifier, p)

    def drag(self, w: Any, a: Any, b: Any, button: int = 1) -> None:
        win, p = _window_point(w, a)
        _, q = _window_point(w, b)
        if win is None:
            return
        mods = Qt.KeyboardModifier.NoModifier
        QTest.mousePress(win, self.buttons[button], mods, p)
        for k in range(1, 5):
            QTest.mouseMove(win, p + (q - p) * (k / 4))
        QTest.mouseRelease(win, self.buttons[button], mods, q)

    def wheel(self, w: Any, pos: Any, up: bool) -> None:

        win, p = _window_point(w, pos)
        if win is not None:
            QTest.wheelEvent(win, p, QPoint(0, 120 if up else -120))

    def keys(self, w: Any, sequence: str) -> None:
        """A key sequence as Qt writes it ("Ctrl+A", "Return")."""
        win = self._focus_window(w)
        if win is not None:
            QTest.keySequence(win, sequence)

    def type(self, w: Any, text: str) -> None:
        win = self._focus_window(w)
        if win is None:
            return
        click = QTest.KeyAction.Click
        mods = Qt.KeyboardModifier.NoModifier
        for c in text:
            QTest.sendKeyEvent(click, win, Qt.Key.Key_unknown, c, mods)

    @staticmethod
    def _focus_window(w: Any) -> Any:

        return QGuiApplication.focusWindow() or w.window().windowHandle()


class XInput:
    """Real X events through xdotool, to the window under the pointer (Xvfb, no window manager:
    the keyboard follows the pointer)."""

    name = "x"
    # Qt's key names as xdotool's (keysyms); letters are lower-cased
    KEYS: ClassVar[dict[str, str]] = {
        "Ctrl": "ctrl",
        "Shift": "shift",
        "Alt": "alt",
        "PgUp": "Prior",
        "PgDown": "Next",
        "Space": "space",
        "Del": "Delete",
        "Backspace": "BackSpace",
    }

    def __init__(self) -> None:
        self.tool = shutil.which("xdotool")
        if self.tool is None or not os.environ.get("DISPLAY"):
            raise RuntimeError("--input x needs xdotool and an X display (Xvfb)")

    def _run(self, *args: Any) -> None:
        subprocess.run([self.tool, *map(str, args)], check=False, timeout=10)

    def _at(self, w: Any, pos: Any) -> tuple[int, int]:
        """On the screen, as a pointer is (xdotool takes -28 for an option)."""
        g, screen = w.mapToGlobal(pos), QGuiApplication.primaryScreen().geometry()
        return (
            min(max(g.x(), screen.left()), screen.right()),
            min(max(g.y(), screen.top()), screen.bottom()),
        )

    def click(self, w: Any, pos: Any, button: int = 1, double: bool = False) -> None:
        x, y = self._at(w, pos)
        self._run("mousemove", x, y, "click", "--repeat", 2 if double else 1, button)

    def drag(self, w: Any, a: Any, b: Any, button: int = 1) -> None:
        (x0, y0), (x1, y1) = self._at(w, a), self._at(w, b)
        steps = [("mousemove", x0 + (x1 - x0) * k // 4, y0 + (y1 - y0) * k // 4) for k in (1, 2, 3)]
        moves = [v for s in steps for v in s]
        self._run("mousemove", x0, y0, "mousedown", button, *moves)
        self._run("mousemove", x1, y1, "mouseup", button)

    def wheel(self, w: Any, pos: Any, up: bool) -> None:
        x, y = self._at(w, pos)
        self._run("mousemove", x, y, "click", 4 if up else 5)

    def keys(self, w: Any, sequence: str) -> None:
        names = [self.KEYS.get(k, k if len(k) > 1 else k.lower()) for k in sequence.split("+")]
        self._run("key", "+".join(names))

    def type(self, w: Any, text: str) -> None:
        if text:
            self._run("type", "--delay", 1, "--", text)


# ---- the stranger


class Stranger:
    """One step at a time: the widget tree of what is on top, one widget, one gesture."""

    def __init__(
        self, app: Any, window: Any, rng: random.Random, io: Any, sandbox: Path, report: Report
    ) -> None:

        self.app, self.w, self.rng, self.io, self.sandbox = app, window, rng, io, sandbox
        self.report = report
        quit_keys = QKeySequence(QKeySequence.StandardKey.Quit)
        self.shortcuts = sorted(
            {
                a.shortcut().toString()
                for a in window.findChildren(QAction)
                if not a.shortcut().isEmpty() and a.shortcut() != quit_keys
            }
        )
        self.seen: set[int] = set()  # dialogs and popups already counted
        self.last = ""  # what the last step did, for the report of where memory rose

    def top(self) -> Any:
        """What input reaches first: an open popup (menu, list), else a modal dialog, else one
        of the windows on screen (the main window, brought back should anything have hidden
        it, or a dialog that does not block it, such as Compare precisions)."""
        top = self.app.activePopupWidget() or self.app.activeModalWidget()
        if top is not None:
            return top
        if not self.w.isVisible():
            self.w.show()
        others = [
            t
            for t in self.app.topLevelWidgets()
            if t is not self.w and t.isVisible() and isinstance(t, QDialog)
        ]
        if others and self.rng.random() < 0.3:
            return self.rng.choice(others)
        return self.w

    def targets(self, top: Any) -> list[Any]:
        """Every visible, enabled widget a person can act on, found by walking the tree."""
        found = []
        for w in [top, *top.findChildren(QWidget)]:
            if not (w.isVisible() and w.isEnabled()) or w.visibleRegion().isEmpty():
                continue
            if isinstance(w, INTERACTIVE):
                found.append(w)
            elif _is_viewport(w):
                found.append(w)  # figures, lists, trees and text boxes take input here
        return found

    def step(self) -> str:
        top = self.top()
        if id(top) not in self.seen and top is not self.w:
            self.seen.add(id(top))
            self.report.dialogs[type(top).__name__] += 1
        # a person who works in one folder: the window's (an example recipe opened from
        # resources/ moved it there, and a recording's default path followed) and the dialogs'
        self.w.last_dir = self.sandbox
        if _is_file_dialog(top):
            top.setDirectory(str(self.sandbox))
        roll = self.rng.random()
        if roll < 0.04 and top is not self.w:
            self.io.keys(top, "Escape")  # gives up on the dialog or the menu
            self.last = f"escape on {type(top).__name__}"
            return "escape"
        if roll < 0.10 and top is self.w and self.shortcuts:
            self.w.activateWindow()
            keys = self.rng.choice(self.shortcuts)
            self.io.keys(self.w, keys)
            self.last = f"shortcut {keys}"
            return "shortcut"
        widgets = self.targets(top)
        if not widgets:
            self.io.keys(top, "Escape")
            return "escape"
        target = self.rng.choice(widgets)
        owner = target.parent() if _is_viewport(target) else target
        self.report.reached[type(owner).__name__] += 1
        what = _describe(owner)
        self.last = what  # while the gesture runs (a dialog it opens runs steps of its own)
        try:
            kind = self.gesture(target, owner)
        except RuntimeError:
            if shiboken6.isValid(target) and shiboken6.isValid(owner):
                raise
            kind = "gone"  # Return rebuilt the panel under the person's hand: the rest is moot
        self.last = f"{kind} on {what}"
        return kind

    def gesture(self, w: Any, owner: Any) -> str:

        rng, io = self.rng, self.io
        r = w.rect()
        if isinstance(w, (QMenu, QMenuBar)):
            quit_keys = QKeySequence(QKeySequence.StandardKey.Quit)
            actions = [
                a
                for a in w.actions()
                if a.isVisible()
                and not a.isSeparator()
                and a.shortcut() != quit_keys
                and not w.actionGeometry(a).isEmpty()
            ]
            if not actions:
                io.keys(w, "Escape")
                return "escape"
            io.click(w, w.actionGeometry(rng.choice(actions)).center())
            return "menu"
        if isinstance(w, QTabBar) and w.count():
            io.click(w, w.tabRect(rng.randrange(w.count())).center())
            return "tab"
        if isinstance(w, QLineEdit) or (isinstance(owner, QAbstractSpinBox) and rng.random() < 0.5):
            io.click(w, self._point(r))
            io.keys(w, "Ctrl+A")
            names = FILE_NAMES if _is_file_dialog(w.window()) else JUNK
            io.type(w, rng.choice(names))
            io.keys(w, rng.choice(["Return", "Return", "Tab", "Escape"]))
            return "type"
        if isinstance(w, QAbstractSpinBox):
            if rng.random() < 0.5:
                io.wheel(w, self._point(r), rng.random() < 0.5)
                return "wheel"
            io.click(w, self._point(r))
            io.keys(w, rng.choice(["Up", "Down", "PgUp", "PgDown"]))
            return "keys"
        if isinstance(w, (QAbstractSlider, QSplitterHandle)):
            if rng.random() < 0.6:
                io.drag(w, r.center(), self._point(r.adjusted(-40, -40, 40, 40)))
                return "drag"
            io.wheel(w, self._point(r), rng.random() < 0.5)
            return "wheel"
        if isinstance(w, QComboBox):
            if rng.random() < 0.3:
                io.wheel(w, self._point(r), rng.random() < 0.5)
                return "wheel"
            io.click(w, self._point(r))  # opens its list: the next step picks from it
            return "click"
        if isinstance(w, QAbstractButton):
            io.click(w, self._point(r), 3 if rng.random() < 0.05 else 1)
            return "click"
        # a viewport: a figure, a list, a tree, a text box
        roll = rng.random()
        if roll < 0.35:
            io.click(w, self._point(r), rng.choice([1, 1, 1, 3]))
            return "click"
        if roll < 0.5:
            io.click(w, self._point(r), 1, double=True)
            return "double-click"
        if roll < 0.75:
            io.drag(w, self._point(r), self._point(r), rng.choice([1, 1, 2, 3]))
            return "drag"
        if roll < 0.9:
            io.wheel(w, self._point(r), rng.random() < 0.5)
            return "wheel"
        io.click(w, self._point(r))
        io.keys(w, rng.choice([*SHORTCUT_KEYS, "Ctrl+A", "Ctrl+C"]))
        if rng.random() < 0.3:
            io.type(w, rng.choice(JUNK))
        return "keys"

    def _point(self, r: Any) -> Any:

        return QPoint(
            self.rng.randint(r.left() + 1, max(r.left() + 1, r.right() - 1)),
            self.rng.randint(r.top() + 1, max(r.top() + 1, r.bottom() - 1)),
        )

    def close_all(self) -> bool:
        """Close popups and dialogs; True when none is left open."""
        for _ in range(20):
            top = self.app.activePopupWidget() or self.app.activeModalWidget()
            if top is None:
                for t in self.app.topLevelWidgets():  # and the dialogs that did not block
                    if t is not self.w and t.isVisible() and isinstance(t, QDialog):
                        t.close()
                return True
            if isinstance(top, QDialog):
                top.reject()
            else:
                top.close()
        return False


def _traced(top: int = 8) -> list[str]:
    """The largest holdings allocated since tracemalloc started, by where they were made (the
    innermost frames of ours, not the library's)."""
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)]
    )
    out = []
    for stat in snapshot.statistics("traceback")[:top]:
        frames = [f for f in stat.traceback if "/site-packages/" not in f.filename][-3:]
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames))
        out.append(f"{stat.size / 2**20:.1f} MB in {stat.count} blocks at {where or '?'}")
    return out


def holdings() -> Counter:
    """What is held now: glibc's heap (in use, and free but kept), bytes of torch tensors
    (each buffer once), images, generators and frames, and widgets by the window they sit in.
    numpy's arrays are not tracked by gc: `trace` finds them."""
    import gc

    import torch

    from ui.memory import heap_mb, trim

    gc.collect()
    trim()
    held: Counter = Counter(heap_mb())
    objects = gc.get_objects()
    tensors = [o for o in objects if issubclass(type(o), torch.Tensor)]
    buffers: dict[int, int] = {}
    for t in tensors:
        try:
            storage = t.untyped_storage()
            buffers[storage.data_ptr()] = storage.nbytes()
        except RuntimeError:  # no storage (a meta or sparse tensor)
            continue
    held["torch MB"] = sum(buffers.values()) / 2**20
    for o in objects:
        if type(o) is QImage:
            held["QImage MB"] += o.sizeInBytes() / 2**20
        elif type(o).__name__ in ("generator", "frame", "coroutine"):
            held[type(o).__name__ + "s"] += 1
    for w in QApplication.allWidgets():
        held[f"widgets in {type(w.window()).__name__}"] += 1
    held["Python objects"] = len(objects)
    return held


def _describe(w: Any) -> str:
    """A widget as a person would point at it: its class and its text or name."""
    text = ""
    for attr in ("text", "currentText", "windowTitle", "objectName"):
        if hasattr(w, attr):
            try:
                text = str(getattr(w, attr)())
            except TypeError:
                continue
            if text:
                break
    return f"{type(w).__name__} '{text[:40]}'" if text else type(w).__name__


def _is_viewport(w: Any) -> bool:
    p = w.parent()
    return isinstance(p, QAbstractScrollArea) and w is p.viewport()


def _is_file_dialog(w: Any) -> bool:
    return isinstance(w, QFileDialog)


# ---- the run


def _tour(app: Any, w: Any, rng: random.Random, settle_s: float) -> int:
    """Every loss, each of its fields edited once (a tensor field twice: on, then a value).
    Returns the steps taken."""
    from explorer.catalog import CATALOG
    from explorer.recipes import default_recipe
    from ui.fields import BoolField, ChoiceField, FloatField, IntField, JsonField, TensorField

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
    recording as GIF and as MP4, optimizer paths, precisions, a report, the 3-D view and the
    landscape tab. What they load on first use (Pillow, ffmpeg, Mesa's code) is then loaded."""
    from explorer.export import DATA_SUFFIXES
    from explorer.recipes import default_recipe
    from explorer.studies.paths import PathsSpec
    from explorer.studies.recording import parse_vary
    from ui.export import FIGURE_WRITERS
    from ui.record import ANIMATIONS

    r = default_recipe("HuberLoss")
    for ax in r["axes"]:
        ax["num"] = 32
    here = Path.cwd()  # the soak's temporary folder
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
        lambda: w.tabs.setCurrentIndex(0),
    ]
    for work in works:
        work()
        _settle(app, w, settle_s)
    return len(works)


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

    from explorer.recipes import default_recipe

    app = QApplication.instance() or QApplication([])
    from ui.memory import give_back
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
        io = _input(input_kind)
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
                """Memory with the same small figure on screen and no results kept for
                redraws, so that start and end compare like with like: a 4096x4096 surface on
                screen, or the cache (bounded: tests/test_gui.py) full, at the end is no leak.
                Returns this process's memory, the cache's, and the compute process's."""
                _settle(app, w, settle_s)
                w.tabs.setCurrentIndex(0)
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
                give_back()  # what the window's idle trim does a second after the last frame
                return rss_mb(), kept, rss_mb(child.pid) if child and child.pid else 0.0

            _settle(app, w, settle_s)
            rep.rss_open_mb = rss_mb()
            if warmup:
                rep.tour_steps = _tour(app, w, rng, settle_s)
                _drive(app, who, min(warmup, steps), rep)
            rep.rss_start_mb, kept, child_start = baseline()
            start_held = holdings()
            modules = set(sys.modules)
            if trace:
                tracemalloc.start(12)
            _drive(app, who, steps - rep.steps, rep)
            rep.rss_end_mb, kept_end, child_end = baseline()
            rep.holdings = (start_held, holdings())
            if trace:
                rep.traced = _traced()
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


def _input(kind: str) -> Any:
    if kind == "x" or (kind == "auto" and os.environ.get("DISPLAY") and shutil.which("xdotool")):
        return XInput()
    return QtInput()


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
    if rep.child_pids:
        start, end = rep.child_mb
        print(
            f"compute process: {start:.0f} MB after warm-up -> {end:.0f} MB ({end - start:+.0f} MB)"
            f"; {len(rep.child_pids)} process(es) seen"
        )
    return 1 if rep.exceptions or rep.driver_errors else 0
