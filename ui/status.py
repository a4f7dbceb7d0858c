"""What the status bar and the point label say about an outcome."""

from __future__ import annotations

import numpy as np

from ui.compute.worker import Outcome
from ui.i18n import translate


def not_drawn(message: str) -> str:
    return translate("window", "Not drawn: {message}").format(message=message)


def point_text(point) -> str:
    """'At the inputs: loss 0.417; d/d input[0] = -0.5, ...' for a one-point Result."""
    if point is None:
        return ""
    loss = np.asarray(point.loss).reshape(-1)
    value = (
        f"{loss[0]:.6g}"
        if loss.size == 1
        else translate("window", "sum {sum} ({n} elements)").format(
            sum=f"{loss.sum():.6g}", n=loss.size
        )
    )
    grads = [
        f"d/d {ax['slot']} = {float(np.ravel(g)[0]):.6g}"
        for ax, g in zip(point.recipe["axes"], point.grad, strict=True)
        if np.isfinite(np.ravel(g)[0])
    ]
    text = translate("window", "At the inputs: loss {value}").format(value=value)
    return text + ("; " + ", ".join(grads) if grads else "")


def status_text(out: Outcome) -> str:
    """'cpu, compute process  |  256x256 points  |  computed in 5.4 ms' for a drawn outcome; a
    view-only change says it was redrawn from the kept result, since torch did not run."""
    device, ms = out.result.device, f"{out.seconds * 1e3:.1f}"
    grid = "x".join(str(n) for n in reversed(out.result.grad.shape[1:]))
    where = {
        "process": translate("window", "{device}, compute process"),
        "thread": translate("window", "{device}, in the window's process"),
    }.get(out.where, "{device}").format(device=device)
    if out.evaluations:
        took = translate("window", "computed in {ms} ms").format(ms=ms)
    else:
        took = translate("window", "redrawn from the kept result in {ms} ms").format(ms=ms)
    points = translate("window", "{grid} points").format(grid=grid)
    return f"{where}  |  {points}  |  {took}"
