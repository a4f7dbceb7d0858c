"""Writing a recording as an animation (GIF through imageio and Pillow, MP4 through imageio and
imageio-ffmpeg, whose wheel carries ffmpeg), with its data (.npz) and recipe (.json) beside it.

Frames are painted by the export service at the asked size, so each frame is the PNG that
`render` would write for that frame's recipe, but with one colour range over all frames.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Generator
from pathlib import Path

import numpy as np

from explorer.drawing.geometry import overlay
from explorer.export import written
from explorer.progress import drain
from explorer.studies.paths import Paths
from explorer.studies.recording import Recording
from ui.figures.export import image
from ui.figures.figure import figure_for, set_title, show_on
from ui.figures.paths import PathLayer

ANIMATIONS = (".gif", ".mp4")


def frame_count(rec: Recording | Paths) -> int:
    return rec.frame_count()


def iter_frames(
    rec: Recording | Paths, width: int, height: int, fixed: bool = True
) -> Generator[np.ndarray, None, None]:
    """Every frame as an (height, width, 3) uint8 array; paints, so on the GUI thread."""
    if isinstance(rec, Paths):
        yield from _path_frames(rec, width, height)
    else:
        yield from _vary_frames(rec, width, height, fixed)


def _vary_frames(
    rec: Recording, width: int, height: int, fixed: bool
) -> Generator[np.ndarray, None, None]:
    """The recipe's figure at each value, on one reused figure."""
    levels = rec.levels if fixed else None
    fig = None
    try:
        for value, res in zip(rec.values, rec.frames, strict=True):
            if levels is not None and res.y is not None and res.recipe["view"]["levels"] is None:
                view = {**res.recipe["view"], "levels": list(levels)}
                res = dataclasses.replace(res, recipe={**res.recipe, "view": view})
            caption = f"{rec.vary.slot} = {value:.4g}"
            if fig is None:
                fig = figure_for(res, overlay(res), caption=caption)
            else:
                show_on(fig, res, overlay(res), caption=caption)
            if levels is not None and res.y is None:  # curves: one loss axis for all frames
                fig.plot.setYRange(*levels, padding=0.05)
            yield _rgb(image(fig, width, height))
    finally:
        if fig is not None:
            fig.close()
            fig.deleteLater()


def _rgb(img) -> np.ndarray:
    from PySide6.QtGui import QImage

    rgb = img.convertToFormat(QImage.Format.Format_RGB888)  # kept alive while its bits are read
    data = np.frombuffer(rgb.constBits(), np.uint8, count=rgb.sizeInBytes())
    return (
        data.reshape(rgb.height(), rgb.bytesPerLine())[:, : rgb.width() * 3]
        .reshape(rgb.height(), rgb.width(), 3)
        .copy()
    )


def write_recording(
    rec: Recording | Paths,
    path: Path,
    fps: float = 10.0,
    width: int = 900,
    height: int = 700,
    fixed: bool = True,
) -> list[Path]:
    """FILE.gif or FILE.mp4, with FILE.npz and FILE.json beside it; returns what was written.
    A slot varied over frames, or optimizer paths growing over the recipe's figure."""
    width, height = even_size(path, width, height)
    frames = list(iter_frames(rec, width, height, fixed))
    return drain(encode(rec, frames, path, fps))


def even_size(path: Path, width: int, height: int) -> tuple[int, int]:
    """H.264 wants even sides."""
    if path.suffix.lower() == ".mp4":
        return width + width % 2, height + height % 2
    return width, height


def encode(
    rec: Recording | Paths, frames: list[np.ndarray], path: Path, fps: float
) -> Generator[float, None, list[Path]]:
    """Write painted frames, the data and the recipe, yielding the fraction done (no Qt: the
    window runs this on its job lane)."""
    import imageio.v2 as imageio

    with written(path) as tmp:
        if path.suffix.lower() == ".gif":
            imageio.mimsave(tmp, frames, format="GIF", duration=1000.0 / fps, loop=0)
            yield 0.9
        else:
            with imageio.get_writer(
                tmp,
                format="FFMPEG",
                fps=fps,
                codec="libx264",
                macro_block_size=1,
                pixelformat="yuv420p",
                quality=8,
            ) as w:
                for k, f in enumerate(frames):
                    w.append_data(f)
                    yield 0.9 * (k + 1) / len(frames)
    data, recipe = path.with_suffix(".npz"), path.with_suffix(".json")
    with written(data) as tmp:
        rec.write_npz(tmp)
    with written(recipe) as tmp:
        tmp.write_text(json.dumps(rec.to_json(), indent=2) + "\n", encoding="utf-8")
    return [path, data, recipe]


def _path_frames(rec: Paths, width: int, height: int) -> Generator[np.ndarray, None, None]:
    """The surface (or curve) once, the paths growing over it frame by frame."""
    steps = rec.points.shape[1] - 1
    fig = figure_for(rec.surface, overlay(rec.surface))
    layer = PathLayer(fig, rec.labels)
    base = getattr(fig.plot, "_title_html", "")
    try:
        for k in rec.steps_shown():
            layer.show(rec.points, rec.loss, int(k))
            set_title(fig.plot, f"{base}  step {k} of {steps}")
            yield _rgb(image(fig, width, height))
    finally:
        fig.close()
        fig.deleteLater()
