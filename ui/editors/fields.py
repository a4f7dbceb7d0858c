"""One small editor class per parameter kind, chosen by a table (`FIELD_TYPES`).

Each field shows a value, emits `edited(value)` when the user changes it, takes `set_value`
from the model without echoing, and has an error line under it for messages naming its field.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.catalog import DISTANCES, Param
from ui.i18n import translate

SLIDER_STEPS = 1000
ERROR_STYLE = "color: #c0392b;"
UNCLAMPED = 1e12  # the float boxes' range: wider than any sensible value, refused by the check
WARNING_STYLE = "color: #b9770e;"  # torch computes it, but it is likely a mistake


class Field(QWidget):
    """A labelled editor with an error line."""

    edited = Signal(object)

    def __init__(self, name: str, help_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setToolTip(translate("guide", help_text) if help_text else "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 2, 0, 2)
        outer.setSpacing(1)
        self.row = QHBoxLayout()
        self.label = QLabel(name)
        self.label.setMinimumWidth(90)
        self.row.addWidget(self.label)
        outer.addLayout(self.row)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.warning = False  # what the error line shows is a warning (drawn anyway)
        self._said = ("", False)
        outer.addWidget(self.error)

    def set_error(self, message: str, warning: bool = False) -> None:
        """An error (red: not drawn) or a warning (amber: drawn, but likely a mistake)."""
        if (message, warning) == self._said:
            return  # every frame clears every field: a style sheet set costs a re-polish
        self._said = (message, warning)
        self.error.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        self.error.setText((translate("fields", "warning: ") if warning else "") + message)
        self.error.setVisible(bool(message))
        self.warning = warning and bool(message)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


def _decimals(lo: float, hi: float, default: float = 0.0) -> int:
    """Enough decimals to show the range and the default (eps = 1e-6 is not 0.0000)."""
    span = hi - lo if math.isfinite(hi - lo) and hi > lo else 1.0
    smallest = min(abs(v) for v in (lo, hi, span, default) if v != 0) if (lo or hi) else 1.0
    return max(3, min(10, 3 - math.floor(math.log10(smallest)))) if smallest else 3


class FloatField(Field):
    """Slider over the parameter's useful range (log-spaced when it spans decades) + spin box."""

    def __init__(self, p: Param) -> None:
        super().__init__(p.name, p.help)
        self.lo, self.hi = p.slider_range()
        self.log = self.lo > 0 and self.hi / self.lo > 1e3
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.spin = QDoubleSpinBox()
        self.spin.setDecimals(_decimals(self.lo, self.hi, float(p.default)))
        # The box takes any number, inside the domain or not: clamping a typed -1 to 0.00001
        # would change the value silently. The recipe check refuses what torch refuses and
        # says so under the field.
        self.spin.setRange(-UNCLAMPED, UNCLAMPED)
        self.spin.setMinimumWidth(80)
        self.spin.setSingleStep((self.hi - self.lo) / 100 if not self.log else self.lo)
        self.spin.setKeyboardTracking(False)
        self.row.addWidget(self.slider, 2)
        self.row.addWidget(self.spin, 1)
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)

    def _to_pos(self, v: float) -> int:
        if self.log:
            f = (math.log(max(v, self.lo)) - math.log(self.lo)) / (
                math.log(self.hi) - math.log(self.lo)
            )
        else:
            f = (v - self.lo) / (self.hi - self.lo)
        return round(min(max(f, 0.0), 1.0) * SLIDER_STEPS)

    def _from_pos(self, pos: int) -> float:
        f = pos / SLIDER_STEPS
        if self.log:
            return math.exp(math.log(self.lo) + f * (math.log(self.hi) - math.log(self.lo)))
        return self.lo + f * (self.hi - self.lo)

    def _from_slider(self, pos: int) -> None:
        value = self._from_pos(pos)
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self.edited.emit(self.spin.value())

    def _from_spin(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._to_pos(value))
        self.slider.blockSignals(False)
        self.edited.emit(float(value))

    def set_value(self, value: Any) -> None:
        for w in (self.spin, self.slider):
            w.blockSignals(True)
        self.spin.setValue(float(value))
        self.slider.setValue(self._to_pos(float(value)))
        for w in (self.spin, self.slider):
            w.blockSignals(False)


class IntField(Field):
    def __init__(self, p: Param) -> None:
        super().__init__(p.name, p.help)
        self.spin = QSpinBox()
        self.spin.setRange(-(2**31), 2**31 - 1)  # unclamped too: the recipe check names limits
        self.spin.setMinimumWidth(80)
        self.spin.setKeyboardTracking(False)
        self.row.addWidget(self.spin, 1)
        self.spin.valueChanged.connect(lambda v: self.edited.emit(int(v)))

    def set_value(self, value: Any) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(int(value))
        self.spin.blockSignals(False)


class BoolField(Field):
    def __init__(self, p: Param) -> None:
        super().__init__(p.name, p.help)
        self.check = QCheckBox()
        self.row.addWidget(self.check, 1)
        self.check.toggled.connect(lambda v: self.edited.emit(bool(v)))

    def set_value(self, value: Any) -> None:
        self.check.blockSignals(True)
        self.check.setChecked(bool(value))
        self.check.blockSignals(False)


class ChoiceField(Field):
    def __init__(self, p: Param, choices: tuple[Any, ...] | None = None) -> None:
        super().__init__(p.name, p.help)
        self.choices = list(choices if choices is not None else p.choices)
        self.combo = QComboBox()
        self.combo.addItems([str(c) for c in self.choices])
        self.row.addWidget(self.combo, 1)
        self.combo.currentIndexChanged.connect(lambda i: self.edited.emit(self.choices[i]))

    def set_value(self, value: Any) -> None:
        self.combo.blockSignals(True)
        if value in self.choices:
            self.combo.setCurrentIndex(self.choices.index(value))
        self.combo.blockSignals(False)


class DistanceField(ChoiceField):
    def __init__(self, p: Param) -> None:
        super().__init__(p, tuple(DISTANCES))


class TensorField(Field):
    """A per-class weight: a check box to set it (torch's default is None) and one box per class."""

    def __init__(self, p: Param, classes: int) -> None:
        super().__init__(p.name, p.help)
        self.enabled = QCheckBox(translate("fields", "set"))
        self.row.addWidget(self.enabled)
        self.spins: list[QDoubleSpinBox] = []
        grid = QGridLayout()  # the per-class boxes wrap, four to a row: the panel never widens
        grid.setContentsMargins(0, 0, 0, 0)
        for k in range(classes):
            s = QDoubleSpinBox()
            s.setRange(-1e6, 1e6)  # torch takes negative weights; the recipe check warns
            s.setDecimals(3)
            s.setSingleStep(0.1)
            s.setValue(1.0)
            s.setKeyboardTracking(False)
            s.setMinimumWidth(56)  # below the width its range's text would ask for
            s.setToolTip(f"{p.name}[{k}]")
            s.valueChanged.connect(self._emit)
            grid.addWidget(s, k // 4, k % 4)
            self.spins.append(s)
        self.row.addStretch(1)
        self.layout().insertLayout(1, grid)
        self.enabled.toggled.connect(self._emit)

    def _emit(self, *_: Any) -> None:
        for s in self.spins:
            s.setEnabled(self.enabled.isChecked())
        self.edited.emit([s.value() for s in self.spins] if self.enabled.isChecked() else None)

    def set_value(self, value: Any) -> None:
        widgets = [self.enabled, *self.spins]
        for w in widgets:
            w.blockSignals(True)
        self.enabled.setChecked(value is not None)
        flat = [1.0] * len(self.spins) if value is None else np.ravel(value).tolist()
        for s, v in zip(self.spins, flat, strict=False):
            s.setValue(float(v))
            s.setEnabled(value is not None)
        for w in widgets:
            w.blockSignals(False)


class JsonField(Field):
    """A forward argument as editable JSON (any shape); committed on Enter or leaving the box."""

    def __init__(self, name: str, help_text: str) -> None:
        super().__init__(name, help_text)
        self.edit = QLineEdit()
        self.row.addWidget(self.edit, 1)
        self.edit.editingFinished.connect(self._commit)
        self._last = ""

    def _commit(self) -> None:
        text = self.edit.text()
        if text == self._last:
            return
        self._last = text
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            self.set_error(
                translate("fields", "not valid JSON: {error} at column {column}").format(
                    error=e.msg, column=e.colno
                )
            )
            return
        except RecursionError:
            self.set_error(translate("fields", "nested too deeply"))
            return
        except ValueError:  # an integer past Python's 4,300-digit limit
            self.set_error(translate("fields", "a number is too long"))
            return
        self.set_error("")
        self.edited.emit(value)

    def set_value(self, value: Any) -> None:
        self._last = json.dumps(value)
        self.edit.setText(self._last)


FIELD_TYPES: dict[str, type[Field]] = {
    "float": FloatField,
    "int": IntField,
    "bool": BoolField,
    "choice": ChoiceField,
    "distance": DistanceField,
}


def field_for(p: Param, classes: int) -> Field:
    if p.kind == "tensor":
        return TensorField(p, classes)
    return FIELD_TYPES[p.kind](p)
