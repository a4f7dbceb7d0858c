"""The window's files: open and save recipes, export figures and data, copy the figure.

Exports go through the export service (`ui/export.py`), the code `main.py render` uses, and
write the recipe beside every file so that it reproduces the figure.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from explorer.export import read_recipe, recipe_text, write_all, write_data
from explorer.recipes import RecipeError
from ui.figures.export import FIGURE_WRITERS, image, render_files
from ui.figures.figure import figure_for
from ui.i18n import translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QStatusBar

    from ui.compute.frame import Outcome
    from ui.editors.model import RecipeModel


class FilesHost(Protocol):
    """What the file actions use of the window (a QWidget: the dialogs' parent)."""

    model: RecipeModel
    shown: Outcome | None
    last_dir: Path
    status: QStatusBar
    general_error: QLabel


class SizeDialog(QDialog):
    def __init__(self, parent: QWidget, width: int, height: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("files", "PNG size"))
        form = QFormLayout(self)
        self.w, self.h = QSpinBox(), QSpinBox()
        for s, v in ((self.w, width), (self.h, height)):
            s.setRange(64, 8192)
            s.setValue(v)
        form.addRow(translate("files", "width (px)"), self.w)
        form.addRow(translate("files", "height (px)"), self.h)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class FileActions(QObject):
    def __init__(self, window: FilesHost) -> None:
        super().__init__(window)
        self.w = window
        self.png_size = (1200, 900)  # the size of figure exports, asked once and remembered

    def open_recipe(self, path: str | Path) -> bool:
        try:
            recipe = read_recipe(path)
            self.w.model.load(recipe)
        except (OSError, ValueError, KeyError) as e:
            if isinstance(e, RecipeError):
                msg = str(e)
            else:
                msg = translate("files", "cannot read {path}: {error}").format(path=path, error=e)
            msg = translate("files", "Recipe not opened: {message}").format(message=msg)
            self.w.general_error.setText(msg)
            self.w.status.showMessage(msg, 8000)
            return False
        self.w.last_dir = Path(path).parent
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w,
            translate("files", "Open recipe"),
            str(self.w.last_dir),
            translate("files", "Recipes (*.json *.npz)"),
        )
        if path:
            self.open_recipe(path)

    def save_recipe_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.w,
            translate("files", "Save recipe"),
            str(self.w.last_dir),
            translate("files", "Recipe (*.json)"),
        )
        if path:
            recipe = self.w.shown.result.recipe if self.w.shown else self.w.model.recipe
            Path(path).write_text(recipe_text(recipe), encoding="utf-8")

    def export(
        self, path: str | Path, width: int | None = None, height: int | None = None
    ) -> list[Path]:
        """Write the figure on screen (PNG/SVG) or its data (CSV/NPZ), and its recipe beside.

        Figures are drawn afresh from the result at the requested size, by the same code as
        `main.py render`, so a recipe reproduces the exported figure exactly.
        """
        path = Path(path)
        if self.w.shown is None:
            raise RuntimeError(translate("files", "nothing drawn yet"))
        out = self.w.shown
        if path.suffix.lower() in FIGURE_WRITERS:
            size = (width or self.png_size[0], height or self.png_size[1])
            write_all(
                [path],
                lambda tmps: render_files(
                    out.result, out.overlay, tmps, *size, compare=out.compare
                ),
            )
        else:
            write_data(out.result, path, out.compare)
        beside = path.with_suffix(".json")
        if beside != path:
            beside.write_text(recipe_text(out.result.recipe), encoding="utf-8")
        return [path, beside]

    def export_dialog(self, ext: str) -> None:
        if self.w.shown is None:
            return
        size = None
        if "." + ext in FIGURE_WRITERS:  # the same size for PNG, SVG and PDF: twins
            d = SizeDialog(self.w, *self.png_size)
            try:
                if d.exec() != QDialog.DialogCode.Accepted:
                    return
                size = self.png_size = (d.w.value(), d.h.value())
            finally:
                d.deleteLater()  # a child of the window: it would stay until the window goes
        name = self.w.model.recipe["loss"] + "." + ext
        path, _ = QFileDialog.getSaveFileName(
            self.w,
            translate("files", "Export {format}").format(format=ext.upper()),
            str(self.w.last_dir / name),
            f"*.{ext}",
        )
        if not path:
            return
        if not Path(path).suffix:  # "figure" typed in the PNG dialog: figure.png
            path += "." + ext
        try:
            written = self.export(path, *(size or (None, None)))
        except (OSError, RecipeError) as e:
            msg = translate("files", "Export failed: {error}").format(error=e)
            self.w.status.showMessage(msg, 8000)
            self.w.general_error.setText(msg)
            return
        self.w.last_dir = Path(path).parent
        wrote = translate("files", "Wrote {files}").format(files=", ".join(map(str, written)))
        self.w.status.showMessage(wrote, 8000)

    def copy_figure(self) -> None:
        if self.w.shown is None:
            return
        fig = figure_for(self.w.shown.result, self.w.shown.overlay, self.w.shown.compare)
        try:
            QApplication.clipboard().setImage(image(fig, *self.png_size))
        finally:
            fig.deleteLater()
        self.w.status.showMessage(translate("files", "Figure copied to the clipboard"), 4000)
