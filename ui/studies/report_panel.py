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

from ui.i18n import translate
from ui.studies.report import Item


def _title(raw: dict[str, Any]) -> str:
    if "landscape" in raw:
        return translate("report_panel", "model landscape {file}").format(file=raw["landscape"])
    if "hessian" in raw:
        return translate("report_panel", "Hessian spectrum {file}").format(file=raw["hessian"])
    axes = " x ".join(a["slot"] for a in raw.get("axes", []))
    if "paths" in raw:
        kind = translate("report_panel", "paths")
    elif "vary" in raw:
        kind = translate("report_panel", "recording") + ", " + raw["vary"]["slot"]
    else:
        kind = translate("report_panel", "figure")
    return translate("report_panel", "{loss} over {axes} ({kind})").format(
        loss=raw.get("loss", "?"), axes=axes or translate("report_panel", "its inputs"), kind=kind
    )


class ReportPanel(QWidget):
    export_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[dict[str, Any]] = []  # {"raw": recipe or recording, "note": str}
        self.list = QListWidget()
        self.note = QLineEdit()
        self.note.setPlaceholderText(
            translate("report_panel", "your caption for the selected figure")
        )
        self.title = QLineEdit(translate("report_panel", "Loss Explorer report"))
        self.columns = QSpinBox()
        self.columns.setRange(1, 6)
        self.columns.setToolTip(
            translate("report_panel", "Small multiples sharing one colour range when above 1")
        )
        self.up, self.down = (
            QPushButton(translate("report_panel", "Up")),
            QPushButton(translate("report_panel", "Down")),
        )
        self.remove = QPushButton(translate("report_panel", "Remove"))
        self.export = QPushButton(translate("report_panel", "Export report…"))
        self.export.setToolTip(
            translate(
                "report_panel", "index.html, report.pdf and each figure's PNG, SVG, data, recipe"
            )
        )
        grid = QGridLayout()
        for k, b in enumerate((self.up, self.down, self.remove)):
            grid.addWidget(b, 0, k)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.note)
        lay.addLayout(grid)
        lay.addWidget(QLabel(translate("report_panel", "title")))
        lay.addWidget(self.title)
        lay.addWidget(QLabel(translate("report_panel", "columns")))
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
