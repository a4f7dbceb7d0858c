"""How a step's input arrives: through QTest's QWindow door, or as real X events (xdotool)."""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any, ClassVar

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from shiboken6 import isValid

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
        """Each key to the window that has the focus when it comes, as a keyboard sends it: a
        key that closes a popup or a dialog sends the next one elsewhere."""
        click = QTest.KeyAction.Click
        mods = Qt.KeyboardModifier.NoModifier
        for c in text:
            if not isValid(w):
                return
            win = self._focus_window(w)
            if win is None or not isValid(win):
                return
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


def make_input(kind: str) -> Any:
    if kind == "x" or (kind == "auto" and os.environ.get("DISPLAY") and shutil.which("xdotool")):
        return XInput()
    return QtInput()
