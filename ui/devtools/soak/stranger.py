"""The stranger: what is on top, which widget, and what is done to it."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
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

from ui.devtools.soak.holdings import Report

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
        self.tried: set[str] = set()  # widgets and menu entries acted on, as describe() names them
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
            elif is_viewport(w):
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
        if is_file_dialog(top):
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
        target = self.curious(widgets, lambda t: describe(owner_of(t)))
        owner = owner_of(target)
        self.report.reached[type(owner).__name__] += 1
        what = describe(owner)
        self.tried.add(what)
        if isinstance(owner, QAbstractButton) and owner.window() is self.w and owner.text():
            self.report.pressed.add(what)
        self.last = what  # while the gesture runs (a dialog it opens runs steps of its own)
        try:
            kind = self.gesture(target, owner)
        except RuntimeError:
            if shiboken6.isValid(target) and shiboken6.isValid(owner):
                raise
            kind = "gone"  # Return rebuilt the panel under the person's hand: the rest is moot
        self.last = f"{kind} on {what}"
        return kind

    def curious(self, items: list[Any], name: Callable[[Any], str]) -> Any:
        """One of `items` at random, those not yet tried three times as likely: a person
        exploring goes for what is new, so a run reaches more than the widgets that are many."""
        weights = [1.0 if name(i) in self.tried else 3.0 for i in items]
        return self.rng.choices(items, weights)[0]

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
            action = self.curious(actions, menu_entry)
            self.tried.add(menu_entry(action))
            if w in self.w.menuBar().findChildren(QMenu):
                self.report.pressed.add(menu_entry(action))
            io.click(w, w.actionGeometry(action).center())
            return "menu"
        if isinstance(w, QTabBar) and w.count():
            io.click(w, w.tabRect(rng.randrange(w.count())).center())
            return "tab"
        if isinstance(w, QLineEdit) or (isinstance(owner, QAbstractSpinBox) and rng.random() < 0.5):
            io.click(w, self._point(r))
            io.keys(w, "Ctrl+A")
            names = FILE_NAMES if is_file_dialog(w.window()) else JUNK
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


def describe(w: Any) -> str:
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


def menu_entry(action: Any) -> str:
    return f"menu '{action.text().replace('&', '')}'"


def controls(window: Any) -> set[str]:
    """The main window's labelled buttons (on every tab and dock, shown or not) and the entries
    of its menus, named as the report names what was acted on."""
    found = {
        describe(b)
        for b in window.findChildren(QAbstractButton)
        if b.text() and b.window() is window
    }
    quit_keys = QKeySequence(QKeySequence.StandardKey.Quit)  # never chosen
    for menu in window.menuBar().findChildren(QMenu):
        found |= {
            menu_entry(a)
            for a in menu.actions()
            if not a.isSeparator() and a.text() and a.shortcut() != quit_keys
        }
    return found


def owner_of(w: Any) -> Any:
    """The widget a person points at: a viewport's scroll area, else the widget itself."""
    return w.parent() if is_viewport(w) else w


def is_viewport(w: Any) -> bool:
    p = w.parent()
    return isinstance(p, QAbstractScrollArea) and w is p.viewport()


def is_file_dialog(w: Any) -> bool:
    return isinstance(w, QFileDialog)
