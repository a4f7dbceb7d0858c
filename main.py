"""Loss Explorer. No arguments: the desktop app. With a command: the CLI (`main.py --help`)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def _qt() -> Iterator[None]:
    """A QApplication for painting files; offscreen when there is none yet (no screen needed)."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication([])
    try:
        yield
    finally:
        del app


def _write_figures(result, overlay, paths: list[Path], width: int, height: int, compare) -> None:
    with _qt():
        from ui.figures.export import render_files

        render_files(result, overlay, paths, width, height, compare)


def _write_recording(rec, path: Path, fps: float, width: int, height: int, fixed: bool):
    with _qt():
        from ui.studies.record import write_recording

        return write_recording(rec, path, fps, width, height, fixed)


def _write_landscape(h5: Path, out: Path, width: int, height: int) -> None:
    with _qt():
        from ui.figures.landscape_view import write_landscape_figure

        write_landscape_figure(h5, out, width, height)


def _write_spectrum(report: Path, out: Path, width: int, height: int, log: bool) -> None:
    with _qt():
        from ui.figures.spectrum_view import write_spectrum_figure

        write_spectrum_figure(report, out, width, height, log)


# Commands with their own parser (most need Qt, which explorer.cli never imports):
# name -> (module whose main(argv) runs it, what `main.py --help` says of it)
MORE_COMMANDS = {
    "report": (
        "ui.studies.report",
        "recipes and recordings as one HTML page and a PDF",
    ),
    "precision": ("ui.figures.precision_view", "one recipe in four dtypes, side by side"),
    "bench": ("explorer.devtools.bench", "time the engine against a per-point loop"),
    "fuzz": ("explorer.devtools.fuzz", "random recipes, valid and broken: count the defects"),
    "bench-gui": ("ui.devtools.bench_gui", "drag a slider in a real window: latency to the screen"),
    "bench-landscape": (
        "explorer.devtools.bench_landscape",
        "time a model's loss landscape three ways",
    ),
    "bench-hessian": (
        "explorer.devtools.bench_hessian",
        "top Hessian eigenvalues: main.py hessian against PyHessian, and ARPACK",
    ),
    "soak": ("ui.devtools.soak", "random use of the real window: errors, memory"),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        from ui.app import run

        return run()
    if argv[0] in MORE_COMMANDS:
        import importlib

        return importlib.import_module(MORE_COMMANDS[argv[0]][0]).main(argv[1:])
    from explorer.cli import main as cli

    return cli(
        argv,
        figure_writer=_write_figures,
        animation_writer=_write_recording,
        landscape_writer=_write_landscape,
        hessian_writer=_write_spectrum,
        more_commands={name: said for name, (_, said) in MORE_COMMANDS.items()},
    )


def _exit_now(code: int) -> None:
    """Leave without the interpreter's teardown, which only frees memory: torch's takes 0.3 s
    (a fifth of a 51x51 landscape's overhead). Files are closed by then; stdio is flushed here."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    code = main()
    # a landscape in one process: nothing is left to finish (under torchrun, ranks tear down)
    if sys.argv[1:2] in (["landscape"], ["hessian"]) and os.environ.get("WORLD_SIZE", "1") == "1":
        _exit_now(code)
    sys.exit(code)
