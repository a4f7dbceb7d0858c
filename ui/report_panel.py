"""The Report panel: figures and recordings collected with "Add to report", ordered, each with
the user's words, exported as the command line's report (HTML, PDF, every figure's files)."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.report import Item


def _title(raw: dict[str, Any]) -> str:
    if "landscape" in raw:
        return f"model landscape {raw['landscape']}"
    axes = " x ".join(a["slot"] for a in raw.get("axes", []))
    kind = "paths" if "paths" in raw else "recording" if "vary" in raw else "figure"
    what = f"{kind}, {raw['vary']['slot']}" if "vary" in raw else kind
    return f"{raw.get('loss', '?')} over {axes or 'its inputs'} ({what})"


class ReportPanel(QWidget):
    export_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[dict[str, Any]] = []  # {"raw": recipe or recording, "note": str}
        self.list = QListWidget()
        self.note = QLineEdit()
        self.note.setPlaceholderText("your caption for the selected figure")
        self.title = QLineEdit("Loss Explorer report")
        self.columns = QSpinBox()
        self.columns.setRange(1, 6)
        self.columns.setToolTip("Small multiples sharing one colour range when above 1")
        self.up, self.down = QPushButton("Up"), QPushButton("Down")
        self.remove = QPushButton("Remove")
        self.export = QPushButton("Export report…")
        self.export.setToolTip("index.html, report.pdf and each figure's PNG, SVG, data, recipe")
        grid = QGridLayout()
        for k, b in enumerate((self.up, self.down, self.remove)):
            grid.addWidget(b, 0, k)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.note)
        lay.addLayout(grid)
        lay.addWidget(QLabel("title"))
        lay.addWidget(self.title)
        lay.addWidget(QLabel("columns"))
        lay.addWidget(self.columns)
        lay.addWidget(self.export)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.remove.clicked.connect(self._remove)
        self.export.clicked.connect(self.export_requested)
        self.list.currentRowChanged.connect(self._selected)
        self.note.textEdited.connect(self._noted)
        self._refresh()

    def add(self, raw: dict[str, Any]) -> None:
        """A recipe or a recording's JSON, copied: later edits in the window do not change it."""
        self.entries.append({"raw": copy.deepcopy(raw), "note": ""})
        self._refresh(len(self.entries) - 1)

    def items(self) -> list[Item]:
        return [
            Item(f"{k:02d}-{e['raw'].get('loss', 'landscape')}", e["raw"], e["note"])
            for k, e in enumerate(self.entries, 1)
        ]

    def _refresh(self, row: int | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for k, e in enumerate(self.entries, 1):
            note = f": {e['note']}" if e["note"] else ""
            self.list.addItem(f"{k}. {_title(e['raw'])}{note}")
        self.list.blockSignals(False)
        if row is not None and self.entries:
            self.list.setCurrentRow(max(0, min(row, len(self.entries) - 1)))
        self._selected(self.list.currentRow())
        self.export.setEnabled(bool(self.entries))

    def _selected(self, row: int) -> None:
        ok = 0 <= row < len(self.entries)
        for w in (self.note, self.up, self.down, self.remove):
            w.setEnabled(ok)
        self.note.setText(self.entries[row]["note"] if ok else "")

    def _noted(self, text: str) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.entries):
            self.entries[row]["note"] = text
            note = f": {text}" if text else ""
            self.list.item(row).setText(f"{row + 1}. {_title(self.entries[row]['raw'])}{note}")

    def _move(self, delta: int) -> None:
        row = self.list.currentRow()
        to = row + delta
        if 0 <= row < len(self.entries) and 0 <= to < len(self.entries):
            self.entries[row], self.entries[to] = self.entries[to], self.entries[row]
            self._refresh(to)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.entries):
            del self.entries[row]
            self._refresh(row)
