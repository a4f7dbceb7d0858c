"""The panels around the figure, all generated from the catalog and bound to the RecipeModel."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.catalog import CATALOG, GROUPS, Param, loss_names
from explorer.checks import RecipeError
from explorer.engine import cuda_available
from explorer.losses.compose import ACTIVATIONS
from explorer.recipes import (
    COLORMAPS,
    DTYPES,
    MAX_AXIS_POINTS,
    default_recipe,
    normalize_view,
    sweepable,
)
from ui.editors.fields import ERROR_STYLE, ChoiceField, Field, JsonField, field_for
from ui.editors.model import RecipeModel, compare_defaults
from ui.i18n import message, translate


class LossBrowser(QWidget):
    """The 21 losses by group, with a filter box."""

    chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(translate("panels", "Filter losses…"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        for group in GROUPS:
            g = QTreeWidgetItem(self.tree, [translate("groups", group)])
            g.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for name in loss_names():
                if CATALOG[name].group == group:
                    self._add(g, name, name)
        self.yours: QTreeWidgetItem | None = None  # the group of your own losses, once any
        self.tree.expandAll()
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self._choose_first)
        self.tree.currentItemChanged.connect(self._changed)

    def _add(self, group: QTreeWidgetItem, key: str, label: str) -> None:
        item = QTreeWidgetItem(group, [label])
        item.setData(0, Qt.ItemDataRole.UserRole, key)
        item.setToolTip(0, translate("guide", CATALOG[key].help))
        self.items[key] = item

    def add_custom(self, keys: list[str]) -> None:
        """Your losses, in their own group at the end (again after a reload: replaced)."""
        from explorer.custom import GROUP, short_name

        if self.yours is None:
            self.yours = QTreeWidgetItem(self.tree, [translate("groups", GROUP)])
            self.yours.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for key in keys:
            if key in self.items:
                self.items[key].setToolTip(0, CATALOG[key].help)
                continue
            self._add(self.yours, key, short_name(key))
        self.yours.setExpanded(True)
        self._filter(self.filter.text())

    def remove(self, keys: list[str]) -> None:
        for key in keys:
            item = self.items.pop(key, None)
            if item is not None and item.parent() is not None:
                item.parent().removeChild(item)

    def _filter(self, text: str) -> None:
        text = text.lower()
        for item in self.items.values():
            group = item.parent().text(0) if item.parent() is not None else ""
            item.setHidden(text not in item.text(0).lower() and text not in group)
        for i in range(self.tree.topLevelItemCount()):
            g = self.tree.topLevelItem(i)
            g.setHidden(all(g.child(j).isHidden() for j in range(g.childCount())))

    @staticmethod
    def key_of(item: QTreeWidgetItem | None) -> str | None:
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def _changed(self, item: QTreeWidgetItem | None, _: Any = None) -> None:
        if (key := self.key_of(item)) in self.items:
            self.chosen.emit(key)

    def select(self, name: str) -> None:
        if name not in self.items:
            return
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(self.items[name])
        self.tree.blockSignals(False)

    def step(self, delta: int) -> str | None:
        """The visible loss `delta` places from the current one (None when none is visible)."""
        visible = self._visible()
        if not visible:
            return None
        current = self.key_of(self.tree.currentItem())
        name = current if current is not None else visible[0]
        i = visible.index(name) if name in visible else (0 if delta > 0 else 1)
        return visible[(i + delta) % len(visible)]

    def _choose_first(self) -> None:
        """Enter in the filter box opens the first loss that matches (if the current does not)."""
        current = self.tree.currentItem()
        if current is not None and not current.isHidden() and self.key_of(current) in self.items:
            self.chosen.emit(self.key_of(current))
        elif (name := self.first_visible()) is not None:
            self.chosen.emit(name)

    def _visible(self) -> list[str]:
        return [k for k, item in self.items.items() if not item.isHidden()]

    def first_visible(self) -> str | None:
        return next(iter(self._visible()), None)


class FieldPanel(QGroupBox):
    """A group of fields keyed by the recipe path they edit, such as params.delta."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 6, 6, 6)
        self.fields: dict[str, Field] = {}

    def clear(self) -> None:
        for f in self.fields.values():
            f.setParent(None)
            f.deleteLater()
        self.fields = {}

    def add(self, path: str, field: Field) -> Field:
        self.fields[path] = field
        self.layout_.addWidget(field)
        return field

    def show_error(self, path: str, message: str, warning: bool = False) -> bool:
        """Put `message` under the field `path` names (or its closest parent); True if shown."""
        key = next(
            (
                k
                for k in self.fields
                if path == k or path.startswith(k + "[") or path.startswith(k + ".")
            ),
            None,
        )
        if key is None:
            return False
        self.fields[key].set_error(message, warning)
        return True

    def clear_errors(self) -> None:
        for f in self.fields.values():
            f.set_error("")


class ParamPanel(FieldPanel):
    def __init__(self, model: RecipeModel) -> None:
        super().__init__(translate("panels", "Parameters"))
        self.model = model

    def rebuild(self) -> None:
        self.clear()
        r = self.model.recipe
        try:
            classes = self.model.spec.classes({k: np.asarray(v) for k, v in r["inputs"].items()})
        except (ValueError, IndexError):
            classes = 1
        for p in self.model.spec.params:
            f = self.add(f"params.{p.name}", field_for(p, classes))
            f.set_value(r["params"][p.name])
            f.edited.connect(lambda v, name=p.name: self.model.set_param(name, v))


class InputsPanel(FieldPanel):
    def __init__(self, model: RecipeModel) -> None:
        super().__init__(translate("panels", "Inputs (forward arguments, JSON)"))
        self.model = model

    def rebuild(self) -> None:
        self.clear()
        for a in self.model.spec.args:
            f = self.add(f"inputs.{a.name}", JsonField(a.name, a.help))
            f.set_value(self.model.recipe["inputs"][a.name])
            f.edited.connect(lambda v, name=a.name: self.model.set_input(name, v))
        first = self.model.spec.args[0]
        if first.name == "input" and not first.index:  # a logit before an activation
            choice = Param(
                "activation",
                "choice",
                "none",
                translate(
                    "panels", "Apply this to the input first: the swept input is then the logit"
                ),
                choices=("none", *ACTIVATIONS),
            )
            f = self.add("activation", ChoiceField(choice))
            f.set_value(self.model.recipe.get("activation") or "none")
            f.edited.connect(lambda v: self.model.set_top("activation", None if v == "none" else v))


def slot_choices(model: RecipeModel) -> list[str]:
    """Every sweepable slot: each element of each float argument, float parameters, weights."""
    return [text for _, text in _slots(model)]


def vary_choices(model: RecipeModel) -> list[str]:
    """The same slots as a recording names them: inputs.NAME[i,j], params.NAME[, [i]]."""
    return [f"{section}.{text}" for section, text in _slots(model)]


def _slots(model: RecipeModel) -> list[tuple[str, str]]:
    r = model.recipe
    return [
        ("params" if slot.is_param else "inputs", slot.text)
        for slot in sweepable(model.spec, r["params"], r["inputs"])
    ]


class AxisField(Field):
    """One axis: the slot it sweeps, its range and its resolution."""

    def __init__(self, title: str, optional: bool) -> None:
        super().__init__(title)
        self.on = QCheckBox()
        self.on.setVisible(optional)
        self.on.setToolTip(translate("panels", "Off: a 1-D curve instead of a surface"))
        self.slot = QComboBox()
        self.slot.setEditable(True)
        self.start, self.stop = QDoubleSpinBox(), QDoubleSpinBox()
        for s in (self.start, self.stop):
            s.setRange(-1e6, 1e6)
            s.setDecimals(4)
            s.setKeyboardTracking(False)
            s.valueChanged.connect(self._emit)
        self.num = QSpinBox()
        self.num.setRange(1, MAX_AXIS_POINTS)
        self.num.setKeyboardTracking(False)
        self.num.valueChanged.connect(self._emit)
        self.row.addWidget(self.on)
        self.row.addWidget(self.slot, 1)
        second = QHBoxLayout()  # range and resolution under the slot, to keep the panel narrow
        for w in (self.start, self.stop, self.num):
            second.addWidget(w, 1)
        self.layout().insertLayout(1, second)
        self.start.setToolTip(translate("panels", "start"))
        self.stop.setToolTip(translate("panels", "stop"))
        self.num.setToolTip(translate("panels", "points"))
        self.on.toggled.connect(self._emit)
        self.slot.activated.connect(self._emit)
        self.slot.lineEdit().editingFinished.connect(self._emit)

    def _emit(self, *_: Any) -> None:
        for w in (self.slot, self.start, self.stop, self.num):
            w.setEnabled(self.on.isChecked() or not self.on.isVisible())
        if self.on.isVisible() and not self.on.isChecked():
            self.edited.emit(None)
            return
        self.edited.emit(
            {
                "slot": self.slot.currentText().strip(),
                "start": self.start.value(),
                "stop": self.stop.value(),
                "num": self.num.value(),
            }
        )

    def set_value(self, value: Any, slots: list[str] | None = None) -> None:
        ws = (self.on, self.slot, self.start, self.stop, self.num)
        for w in ws:
            w.blockSignals(True)
        if slots is not None:
            self.slot.clear()
            self.slot.addItems(slots)
        self.on.setChecked(value is not None)
        if value is not None:
            self.slot.setCurrentText(value["slot"])
            self.start.setValue(value["start"])
            self.stop.setValue(value["stop"])
            self.num.setValue(value["num"])
        for w in (self.slot, self.start, self.stop, self.num):
            w.setEnabled(value is not None)
        for w in ws:
            w.blockSignals(False)


class AxesPanel(FieldPanel):
    def __init__(self, model: RecipeModel) -> None:
        super().__init__(translate("panels", "Axes: slot, start, stop, points"))
        self.model = model
        self.x = self.add("axes[0]", AxisField("x", optional=False))
        self.y = self.add("axes[1]", AxisField("y", optional=True))
        self.x.edited.connect(lambda v: self.model.set_axis(0, v))
        self.y.edited.connect(self._y_edited)
        self._last_y: dict[str, Any] | None = None

    def _y_edited(self, value: dict[str, Any] | None) -> None:
        if value is not None:
            self._last_y = value
        self.model.set_axis(1, value)

    def rebuild(self) -> None:
        slots = slot_choices(self.model)
        axes = self.model.recipe["axes"]
        self.x.set_value(axes[0], slots)
        if len(axes) > 1:
            self._last_y = axes[1]
            self.y.set_value(axes[1], slots)
            return
        # y is off: keep the last y axis (or the loss's default one) ready for switching it on
        spare = self._last_y
        if spare is None or spare["slot"] == axes[0]["slot"] or spare["slot"] not in slots:
            default = default_recipe(self.model.recipe["loss"])["axes"]
            spare = next((a for a in default if a["slot"] != axes[0]["slot"]), default[-1])
        self.y.set_value(spare, slots)
        self.y.set_value(None)


class ViewPanel(FieldPanel):
    """Colour map, log scale, contours, arrows, compared losses, device and dtype."""

    def __init__(self, model: RecipeModel) -> None:
        super().__init__(translate("panels", "View and device"))
        self.model = model
        form = QFormLayout()
        self.colormap = QComboBox()
        self.colormap.addItems(COLORMAPS)
        self.log = QCheckBox(translate("panels", "log colour scale"))
        self.equal = QCheckBox(translate("panels", "equal aspect (a circle stays round)"))
        self.log_y = QCheckBox(translate("panels", "log loss axis (curves)"))
        self.levels = QLineEdit()
        self.levels.setPlaceholderText(translate("panels", "auto, or low, high"))
        self.levels.setToolTip(
            translate("panels", "A fixed colour range, to compare figures side by side")
        )
        self.contours = QSpinBox()
        self.contours.setRange(0, 50)
        self.arrows = QSpinBox()
        self.arrows.setRange(0, 64)
        self.arrows.setToolTip(translate("panels", "Arrows of -grad per side (0: none)"))
        self.compare = QLineEdit()
        self.compare.setPlaceholderText(translate("panels", "e.g. L1Loss, MSELoss"))
        self.compare.setToolTip(
            translate("panels", "Other losses drawn beside a 1-D curve, on the same inputs")
        )
        self.device = QComboBox()
        self.device.addItems(["auto", "cpu", "cuda"])
        if not cuda_available():
            self.device.model().item(2).setEnabled(False)
            self.device.setItemData(
                2,
                translate("panels", "No CUDA device on this machine"),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.dtype = QComboBox()
        self.dtype.addItems(list(DTYPES))
        form.addRow(translate("panels", "colour map"), self.colormap)
        form.addRow("", self.log)
        form.addRow("", self.equal)
        form.addRow("", self.log_y)
        form.addRow(translate("panels", "colour range"), self.levels)
        form.addRow(translate("panels", "contour lines"), self.contours)
        form.addRow(translate("panels", "arrow density"), self.arrows)
        form.addRow(translate("panels", "compare (1-D)"), self.compare)
        form.addRow(translate("panels", "device"), self.device)
        form.addRow(translate("panels", "dtype"), self.dtype)
        self.layout_.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.layout_.addWidget(self.error)
        self.colormap.currentTextChanged.connect(lambda v: model.set_view("colormap", v))
        self.log.toggled.connect(lambda v: model.set_view("log", bool(v)))
        self.equal.toggled.connect(lambda v: model.set_view("equal_aspect", bool(v)))
        self.log_y.toggled.connect(lambda v: model.set_view("log_y", bool(v)))
        self.levels.editingFinished.connect(self._levels_edited)
        self.contours.valueChanged.connect(lambda v: model.set_view("contours", int(v)))
        self.arrows.valueChanged.connect(lambda v: model.set_view("arrows", int(v)))
        self.compare.editingFinished.connect(self._compare_edited)
        self.device.currentTextChanged.connect(lambda v: model.set_top("device", v))
        self.dtype.currentTextChanged.connect(lambda v: model.set_top("dtype", v))

    def _levels_edited(self) -> None:
        text = self.levels.text().strip()
        value: Any = None
        if text and text.lower() != "auto":
            try:
                value = [float(v) for v in text.replace(";", ",").split(",")]
            except ValueError:
                value = text  # the check below names the problem
        self._set_checked("levels", value)

    def _compare_edited(self) -> None:
        names = [n.strip() for n in self.compare.text().replace(";", ",").split(",") if n.strip()]
        self._set_checked("compare", names)

    def _set_checked(self, key: str, value: Any) -> None:
        """Into the recipe only once the core accepts it; otherwise the panel says why and the
        recipe (and the figure) stay as they were."""
        view = self.model.recipe["view"]
        try:
            checked = normalize_view({**view, key: value})[key]
        except RecipeError as e:
            self.error.setText(e.text(message))
            return
        self.error.setText("")
        if checked != view[key]:
            self.model.set_view(key, checked)

    def use_regression_set(self) -> None:
        self.model.set_view("compare", compare_defaults(self.model.recipe["loss"]))
        self.rebuild()

    def rebuild(self) -> None:
        r = self.model.recipe
        widgets = (
            self.colormap,
            self.log,
            self.equal,
            self.log_y,
            self.levels,
            self.contours,
            self.arrows,
            self.compare,
            self.device,
            self.dtype,
        )
        for w in widgets:
            w.blockSignals(True)
        self.colormap.setCurrentText(r["view"]["colormap"])
        self.log.setChecked(r["view"]["log"])
        self.equal.setChecked(r["view"]["equal_aspect"])
        self.log_y.setChecked(r["view"]["log_y"])
        levels = r["view"]["levels"]
        self.levels.setText("" if levels is None else f"{levels[0]:g}, {levels[1]:g}")
        self.contours.setValue(r["view"]["contours"])
        self.arrows.setValue(r["view"]["arrows"])
        self.compare.setText(", ".join(r["view"]["compare"]))
        self.device.setCurrentText(r["device"])
        self.dtype.setCurrentText(r["dtype"])
        for w in widgets:
            w.blockSignals(False)

    def show_error(self, path: str, message: str, warning: bool = False) -> bool:
        if path.startswith(("view", "device", "dtype")):
            self.error.setText(message)
            return True
        return False

    def clear_errors(self) -> None:
        self.error.setText("")
