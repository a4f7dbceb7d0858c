"""What the window does with the job lane: optimizer paths on the figure, recordings, reports.

Evaluations run on the lane's thread; what paints (frames, report figures) runs on the GUI
thread a step per event-loop turn; encoding runs on the lane again. One job at a time: asking
for another while one runs says so in the status bar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog

from explorer.checks import RecipeError
from explorer.recipes import normalize
from explorer.studies.paths import Paths, PathsSpec, iter_paths
from explorer.studies.recording import Recording
from ui.editors.panels import vary_choices
from ui.i18n import message, translate
from ui.studies import report
from ui.studies.record import encode, even_size, frame_count, iter_frames
from ui.studies.record_dialog import RecordDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QStatusBar

    from ui.compute.frame import Outcome
    from ui.figures.views import ViewStack
    from ui.studies.jobs import JobLane
    from ui.studies.paths_panel import PathsPanel
    from ui.studies.report_panel import ReportPanel


class StudiesHost(Protocol):
    """What the studies use of the window (a QWidget: the dialogs' parent)."""

    jobs: JobLane
    views: ViewStack
    paths_panel: PathsPanel
    report_panel: ReportPanel
    report_dock: QDockWidget
    shown: Outcome | None
    last_dir: Path
    status: QStatusBar


def _compute_key(recipe: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in recipe.items() if k != "view"}


class Studies(QObject):
    def __init__(self, window: StudiesHost) -> None:
        super().__init__(window)
        self.w = window
        self.lane = window.jobs
        # what "Add last recording to report" adds: the recording's JSON (a report re-makes
        # the frames), not its frames, which can be gigabytes
        self.last_recording: dict | None = None
        self.precision_dialog: QDialog | None = None
        p = window.paths_panel
        p.run_requested.connect(self.run_paths)
        p.step_changed.connect(self._show_step)
        p.cleared.connect(window.views.clear_paths)
        window.views.clicked.connect(self._clicked)
        window.report_panel.export_requested.connect(self.export_report)

    # ---- optimizer paths on the figure

    def run_paths(self, spec: PathsSpec) -> None:
        if self.w.shown is None:
            self.w.paths_panel.show_error(translate("studies", "nothing drawn yet"))
            return
        recipe = normalize(self.w.shown.result.recipe)
        if not self.start(
            translate("studies", "Optimizer paths"), iter_paths(recipe, spec), self._paths_done
        ):
            return

    def _paths_done(self, rec: Paths) -> None:
        shown = self.w.shown
        if shown is None or _compute_key(shown.result.recipe) != _compute_key(rec.recipe):
            return  # the figure changed meanwhile
        self.w.views.show_paths(rec)
        self.w.paths_panel.show_paths(rec.points.shape[1] - 1, rec.labels, rec.stopped)
        ended = [
            f"{label} {why}" for label, why in zip(rec.labels, rec.stopped, strict=True) if why
        ]
        summary = "; ".join(ended) or translate("studies", "every optimizer ran every step")
        self.w.status.showMessage(
            translate("studies", "Paths: {summary}").format(summary=summary), 8000
        )

    def _show_step(self, step: int) -> None:
        if self.w.views.paths is not None:
            self.w.views.show_paths(self.w.views.paths, step)

    def _clicked(self, coords: list[float]) -> None:
        if self.w.paths_panel.isVisible() and self.w.paths_panel.isEnabled():
            self.w.paths_panel.place_start(coords)

    def figure_changed(self) -> None:
        """A new figure: paths drawn on the old one are rerun on it (or dropped while busy)."""
        paths = self.w.views.paths
        shown = self.w.shown
        if paths is None or shown is None:
            return
        if _compute_key(paths.recipe) == _compute_key(shown.result.recipe):
            self.w.views.show_paths(paths, self.w.paths_panel.slider.value())
            return
        self.w.views.clear_paths()
        if len(shown.result.recipe["axes"]) in (1, 2) and not self.lane.busy:
            self.w.paths_panel.run()

    # ---- recordings

    def record_dialog(self) -> None:
        shown = self.w.shown
        if shown is None:
            return
        try:
            paths: PathsSpec | str = self.w.paths_panel.spec()
        except RecipeError as e:
            paths = translate("studies", "the Optimizer panel: {error}").format(
                error=e.text(message)
            )
        swept = {a["slot"] for a in shown.result.recipe["axes"]}
        slots = [s for s in vary_choices(self.w.model) if s.split(".", 1)[1] not in swept]
        slots.sort(key=lambda s: not s.startswith("params."))  # a parameter is the usual wish
        out = self.w.last_dir / f"{shown.result.recipe['loss']}.gif"
        d = RecordDialog(self.w, slots, paths, out)
        try:
            if d.exec() != QDialog.DialogCode.Accepted:
                return
            chosen = (d.study(), d.out(), d.fps.value(), d.width_px.value(), d.height_px.value())
            fixed = d.fixed.isChecked()
        finally:
            d.deleteLater()  # a child of the window: it would stay until the window goes
        self.record(shown.result.recipe, *chosen, fixed)

    def record(
        self,
        recipe: dict[str, Any],
        study: Any,
        path: Path,
        fps: float,
        width: int,
        height: int,
        fixed: bool = True,
    ) -> bool:
        """Compute (lane), paint each frame (GUI, a frame per turn), encode (lane)."""
        recipe = normalize(recipe)
        width, height = even_size(path, width, height)
        job = study.run(recipe)

        def paint(rec: Recording | Paths) -> None:
            frames: list[Any] = []
            n = frame_count(rec)

            def steps():
                for f in iter_frames(rec, width, height, fixed):
                    frames.append(f)
                    yield len(frames) / n

            self.lane.steps(
                translate("studies", "Recording: drawing frames"),
                steps(),
                lambda: self.start(
                    translate("studies", "Recording: writing"),
                    encode(rec, frames, path, fps),
                    lambda written: self._recorded(rec, written),
                ),
            )

        return self.start(translate("studies", "Recording: computing"), job, paint)

    def _recorded(self, rec: Recording | Paths, written: list[Path]) -> None:
        self.last_recording = rec.to_json()
        self.w.last_dir = written[0].parent
        wrote = translate("files", "Wrote {files}").format(files=", ".join(map(str, written)))
        self.w.status.showMessage(wrote, 10000)

    # ---- precision

    def precision(self) -> bool:
        """The figure's recipe in float16, bfloat16, float32 and float64 (a dialog)."""
        if self.w.shown is None:
            return False
        from explorer.studies.precision import iter_precision

        job = iter_precision(self.w.shown.result.recipe)
        return self.start(translate("studies", "Precision"), job, self._show_precision)

    def _show_precision(self, p) -> None:
        from ui.figures.precision_view import PrecisionDialog

        if self.precision_dialog is not None:  # one at a time: the last one's data go with it
            self.precision_dialog.close()
            self.precision_dialog.deleteLater()
        self.precision_dialog = PrecisionDialog(self.w, p)
        self.precision_dialog.show()

    # ---- the report

    def add_figure(self) -> None:
        shown = self.w.shown
        if shown is None:
            return
        paths = self.w.views.paths
        if paths is not None:
            self.w.report_panel.add(paths.to_json())
        else:
            self.w.report_panel.add(shown.result.recipe)
        self.w.report_dock.show()
        self.w.status.showMessage(translate("studies", "Added to the report"), 4000)

    def add_recording(self) -> None:
        if self.last_recording is None:
            self.w.status.showMessage(
                translate("studies", "No recording yet: File > Record… makes one"), 6000
            )
            return
        self.w.report_panel.add(self.last_recording)
        self.w.report_dock.show()

    def export_report(self, folder: str | Path | None = None) -> bool:
        panel = self.w.report_panel
        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self.w, translate("studies", "Report folder"), str(self.w.last_dir)
            )
            if not folder:
                return False
        out = Path(folder)
        title = panel.title.text() or translate("report_panel", "Loss Explorer report")
        columns = panel.columns.value()

        def write(figures: list[report.Figure]) -> None:
            gen = report.write(figures, out, title, columns, 800, 600)
            self.lane.steps(
                translate("studies", "Report: writing"),
                gen,
                lambda: self.w.status.showMessage(
                    translate("studies", "Wrote {html} and report.pdf").format(
                        html=out / "index.html"
                    ),
                    10000,
                ),
            )

        return self.start(
            translate("studies", "Report: computing"), report.compute(panel.items()), write
        )

    # ---- the lane

    def start(self, label: str, job, done) -> bool:
        if not self.lane.start(label, job, done):
            busy = translate("studies", "Busy with {job}; cancel it first").format(
                job=self.lane.label
            )
            self.w.status.showMessage(busy, 6000)
            return False
        return True
