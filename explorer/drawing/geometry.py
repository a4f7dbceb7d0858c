"""What a view draws besides the values: contour lines, the -grad arrow field, the minimum.

Computed here (in the worker) so the GUI thread only hands ready arrays to pyqtgraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import contourpy
import numpy as np

from explorer.catalog import CATALOG
from explorer.engine import Result
from explorer.messages import same

_SLOT = re.compile(r"(\w+)\[([\d,]+)\]")

# What the embedding views say, as templates: the window translates them (ui.i18n collects them)
BALL = "dashed: d(a, p) + margin = {radius} around a"
SWAP_BALL = "dashed: d(a, p) + margin = {radius} around a and p (swap)"
SLICE = "a slice through the negative's other coordinates"
NO_BALL_IN_SLICE = "the negative's other coordinates alone keep it beyond: no cost in this slice"
ZERO_FIXED = (
    "{fixed} is the zero vector: it has no direction, torch's cosine with it is 0, so wherever "
    "{swept} goes the loss is the same; move {fixed} off the origin"
)
SWEPT_AT_ORIGIN = "{swept} is at the origin at the inputs: no direction there (torch's cosine is 0)"
ANGLE = "angle(input1, input2) = {angle} deg, cos = {cos}; only directions count"
MESSAGES = (BALL, SWAP_BALL, SLICE, NO_BALL_IN_SLICE, ZERO_FIXED, SWEPT_AT_ORIGIN, ANGLE)


@dataclass(frozen=True)
class Minimum:
    x: float
    y: float | None
    value: float
    share: float = 0.0  # fraction of the grid at the minimum value (a flat region when large)
    ties: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))  # (k, 2) x, y of ties
    count: int = 1  # grid points sharing the minimum (several: a valley, not a point)


@dataclass(frozen=True)
class Overlay:
    """Contour lines, arrows and the minimum of a result, ready to draw."""

    levels: np.ndarray
    contours: np.ndarray
    arrows: np.ndarray
    minimum: Minimum | None
    points: tuple[tuple[str, float, float], ...] = ()  # embedding vectors in the swept plane
    touch: Touch | None = None  # what dragging those vectors needs, and what to draw with them
    colour: Colour | None = None  # the heatmap's values and range (None: a curve)


@dataclass(frozen=True)
class Touch:
    """Embedding geometry you can touch: where each drawn vector's two plotted coordinates live
    in the inputs, its -gradient there, and the margin boundary of a triplet loss."""

    slots: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]  # (arg, x index, y index)
    grads: tuple[tuple[float, float], ...]  # d loss / d (x, y) of each drawn vector
    ball: np.ndarray  # (k, 2) polyline, NaN-separated: where the negative starts to cost
    notes: tuple[tuple[str, dict[str, str]], ...] = ()  # (template, its values)

    @property
    def note(self) -> str:
        return self.text()

    def text(self, tr: Callable[[str], str] = same) -> str:
        """What the geometry says; `tr` translates the templates (the window's language)."""
        return "; ".join(tr(t).format(**values) for t, values in self.notes)


def _go_on() -> None:
    pass


def overlay(result: Result, check: Callable[[], None] = _go_on) -> Overlay:
    """Everything beyond the values that the recipe's view asks for. `check()` is called
    between its parts and contour levels, so that a caller may stop it by raising there (at
    4096x4096 it takes over a second)."""
    view = result.recipe["view"]
    z = result.surface
    if result.y is None:
        low = minimum(result.x, None, z) if result.x.size else None  # no axes: one point
        return Overlay(np.empty(0), np.empty((0, 2)), np.empty((0, 2)), low)
    levels = contour_levels(z, view["contours"], view["log"])
    lines = contour_lines(result.x, result.y, z, levels, check)
    check()
    arrows = (
        arrow_field(result.x, result.y, result.grad[0], result.grad[1], view["arrows"])
        if view["arrows"]
        else np.empty((0, 2))
    )
    points = embedding_points(result.recipe)
    check()
    return Overlay(
        levels,
        lines,
        arrows,
        minimum(result.x, result.y, z),
        points,
        touch(result.recipe) if points else None,
        colour(z, view["log"]),
    )


def embedding_points(recipe: dict) -> tuple[tuple[str, float, float], ...]:
    """Where the other vectors of a sample sit, when the axes sweep two coordinates of one
    embedding vector (anchor/positive/negative, input1/input2): the plot is then a map of
    where that vector may go. Coordinates are the two swept dimensions (a projection for D > 2).
    """
    spec = CATALOG[recipe["loss"]]
    slots = [ax["slot"] for ax in recipe["axes"]]
    if spec.layout != "samples" or len(slots) != 2:
        return ()
    parsed = [_SLOT.fullmatch(s) for s in slots]
    if not all(parsed) or parsed[0].group(1) != parsed[1].group(1):
        return ()
    name = parsed[0].group(1)
    i0 = [int(v) for v in parsed[0].group(2).split(",")]
    i1 = [int(v) for v in parsed[1].group(2).split(",")]
    if i0[:-1] != i1[:-1] or i0[-1] == i1[-1]:
        return ()  # not two coordinates of one vector
    vectors = [a.name for a in spec.args if a.sample_rank == 1]
    if name not in vectors:
        return ()
    out = []
    for v in vectors:
        arr = np.asarray(recipe["inputs"][v], dtype=float)
        if arr.shape != np.shape(recipe["inputs"][name]):
            continue
        row = arr[tuple(i0[:-1])]
        label = v if v != name else f"{v} (inputs)"
        out.append((label, float(row[i0[-1]]), float(row[i1[-1]])))
    return tuple(out)


def _plane(recipe: dict) -> tuple[str, list[int], list[int], list[str]] | None:
    """The swept vector, the indices of its two plotted coordinates, and the sample's vectors."""
    spec = CATALOG[recipe["loss"]]
    parsed = [_SLOT.fullmatch(ax["slot"]) for ax in recipe["axes"]]
    if len(parsed) != 2 or not all(parsed):
        return None
    i0 = [int(v) for v in parsed[0].group(2).split(",")]
    i1 = [int(v) for v in parsed[1].group(2).split(",")]
    vectors = [a.name for a in spec.args if a.sample_rank == 1]
    name = parsed[0].group(1)
    shape = np.shape(recipe["inputs"][name])
    drawn = [v for v in vectors if np.shape(recipe["inputs"][v]) == shape]
    return name, i0, i1, drawn


def touch(recipe: dict) -> Touch | None:
    """Gradients of every drawn vector at the recipe's own point (torch's module, autograd),
    and for triplet losses the boundary where the swept negative starts to cost."""
    import torch

    from explorer.losses.torch_call import module_for, tensors_for

    plane = _plane(recipe)
    if plane is None:
        return None
    name, i0, i1, drawn = plane
    spec = CATALOG[recipe["loss"]]
    arrays = {k: np.asarray(v) for k, v in recipe["inputs"].items()}
    cpu = torch.device("cpu")
    try:
        t = tensors_for(spec, arrays, cpu, torch.float64)
        for v in drawn:
            t[v].requires_grad_(True)
        module = module_for(spec, recipe["params"], cpu, torch.float64, "sum")
        loss = module(*(t[a.name] for a in spec.args))
        grads = torch.autograd.grad(loss, [t[v] for v in drawn], allow_unused=True)
    except (RuntimeError, ValueError, TypeError):
        return None
    out_grads = []
    for g in grads:
        g = np.zeros(arrays[name].shape) if g is None else g.numpy()
        out_grads.append((float(g[tuple(i0)]), float(g[tuple(i1)])))
    slots = tuple((v, tuple(i0), tuple(i1)) for v in drawn)
    if spec.overlay == "cosine":
        ball, notes = _angles(recipe, name, drawn, i0, i1)
    else:
        ball, notes = _triplet_ball(recipe, name, i0, i1)
    return Touch(slots, tuple(out_grads), ball, notes)


def _angles(
    recipe: dict, swept: str, drawn: list[str], i0: list[int], i1: list[int]
) -> tuple[np.ndarray, tuple[tuple[str, dict[str, str]], ...]]:
    """CosineEmbeddingLoss sees only directions: rays from the origin to each vector, and the
    angle between them; a zero vector has none, which is why its loss would look constant."""
    rows = [np.asarray(recipe["inputs"][v], dtype=float)[tuple(i0[:-1])] for v in drawn]
    parts = []
    for r in rows:
        parts += [np.array([[0.0, 0.0], [r[i0[-1]], r[i1[-1]]]]), np.full((1, 2), np.nan)]
    zero = [v for v, r in zip(drawn, rows, strict=True) if not np.any(r)]
    fixed = [v for v in zero if v != swept]
    if fixed:  # the map would be one colour: say why instead
        note = (ZERO_FIXED, {"fixed": fixed[0], "swept": swept})
    elif zero:
        note = (SWEPT_AT_ORIGIN, {"swept": swept})
    else:
        a, b = rows[0], rows[1]
        cos = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
        angle = float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))
        note = (ANGLE, {"angle": f"{angle:.1f}", "cos": f"{cos:.4g}"})
    return np.vstack(parts), (note,)


def _triplet_ball(
    recipe: dict, name: str, i0: list[int], i1: list[int]
) -> tuple[np.ndarray, tuple[tuple[str, dict[str, str]], ...]]:
    """{n : d(a, n) = d(a, p) + margin} in the plotted plane of the swept negative, where torch
    has d(a, n) = ||a - n + eps||_p. For D > 2 the plot is a slice: the negative's other
    coordinates stay as they are and use up part of the radius, so the boundary in the slice is
    the ball of radius (R^p - rest^p)^(1/p) around a + eps; it is exact in every dimension.
    With swap the ball around the positive counts too: torch takes min(d(a, n), d(p, n))."""
    params = recipe["params"]
    none = (np.empty((0, 2)), ())
    if name != "negative" or CATALOG[recipe["loss"]].overlay != "triplet":
        return none
    if params.get("distance_function", "pairwise") != "pairwise":  # a distance of your own
        return none
    p = float(params.get("p", 2.0))
    eps = float(params.get("eps", 1e-6))
    row = tuple(i0[:-1])
    a, pos, neg = (np.asarray(recipe["inputs"][v], dtype=float)[row] for v in
                   ("anchor", "positive", "negative"))  # fmt: skip
    plane = [i0[-1], i1[-1]]
    others = np.ones(len(a), dtype=bool)
    others[plane] = False
    theta = np.linspace(0, 2 * np.pi, 181)
    u = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    with np.errstate(all="ignore"):  # an extreme p (1e-9, 1e12) has no drawable ball
        radius = float(np.sum(np.abs(a - pos + eps) ** p) ** (1 / p)) + float(params["margin"])
        u /= (np.sum(np.abs(u) ** p, axis=1) ** (1 / p))[:, None]
    if not (np.isfinite(u).all() and np.isfinite(radius)):
        return none
    centres = [a] + ([pos] if params.get("swap") else [])
    parts = []
    for c in centres:
        with np.errstate(all="ignore"):
            rest = float(np.sum(np.abs(c[others] - neg[others] + eps) ** p))
            r = (radius**p - rest) ** (1 / p) if radius**p > rest else np.nan
        if np.isfinite(r):
            parts += [c[plane] + eps + r * u, np.full((1, 2), np.nan)]
    notes = [(SWAP_BALL if params.get("swap") else BALL, {"radius": f"{radius:.4g}"})]
    if others.any():
        notes.append((SLICE, {}) if parts else (NO_BALL_IN_SLICE, {}))
    return (np.vstack(parts) if parts else np.empty((0, 2))), tuple(notes)


def finite_range(z: np.ndarray) -> tuple[float, float] | None:
    finite = np.isfinite(z)
    if finite.all():  # the usual case, without a copy of the finite values
        return (float(z.min()), float(z.max())) if z.size else None
    kept = z[finite]
    if kept.size == 0:
        return None
    return float(kept.min()), float(kept.max())


@dataclass(frozen=True)
class Colour:
    """What a heatmap's colour shows: the loss, or log10 of it (shifted when not all > 0), and
    the finite range of that. Computed with the overlay, off the GUI thread."""

    values: np.ndarray | None  # None: the surface itself (not sent twice to the window)
    range: tuple[float, float] | None
    log: bool = False
    shift: float | None = None  # log10(loss + shift)


def colour(z: np.ndarray, log: bool) -> Colour:
    rng = finite_range(z)
    if not log or rng is None:
        return Colour(None, rng, log)
    lo, hi = rng
    shift = None if lo > 0 else -lo + max(hi - lo, 1e-12) * 1e-6
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.log10(z if shift is None else z + shift)
    return Colour(values, finite_range(values), True, shift)


def contour_levels(z: np.ndarray, count: int = 8, log: bool = False) -> np.ndarray:
    """`count` levels spread over the finite values, geometrically on a log colour scale."""
    rng = finite_range(z)
    if rng is None or rng[0] == rng[1] or count < 1:
        return np.empty(0)
    lo, hi = rng
    if log and hi > 0:
        lo = max(lo, hi * 1e-6, np.min(z[np.isfinite(z) & (z > 0)], initial=hi))
        return np.geomspace(lo, hi, count + 2)[1:-1]
    return np.linspace(lo, hi, count + 2)[1:-1]


def contour_lines(
    x: np.ndarray,
    y: np.ndarray,
    z: np.ndarray,
    levels: np.ndarray,
    check: Callable[[], None] = _go_on,
) -> np.ndarray:
    """All iso-lines as one (M, 2) array of points, NaN rows separating the lines; `check()`
    before each level."""
    if len(levels) == 0 or z.shape[0] < 2 or z.shape[1] < 2:
        return np.empty((0, 2))
    # a mask only where needed: an unmasked grid contours about 25% faster
    finite = np.isfinite(z).all()
    gen = contourpy.contour_generator(
        x,
        y,
        z if finite else np.ma.masked_invalid(z),
        line_type=contourpy.LineType.ChunkCombinedNan,
    )
    parts = []
    for level in levels:
        check()
        (points,) = gen.lines(float(level))[0]
        if points is not None and len(points):
            parts.extend([points, np.full((1, 2), np.nan)])
    return np.concatenate(parts) if parts else np.empty((0, 2))


def arrow_field(
    x: np.ndarray, y: np.ndarray, gx: np.ndarray, gy: np.ndarray, density: int = 24
) -> np.ndarray:
    """Arrows of -grad on a density x density subgrid, as (M, 2) point pairs (shaft, 2 barbs).

    Lengths are proportional to |grad| up to one cell; non-finite ones are left out.
    """
    iy = np.unique(np.linspace(0, len(y) - 1, min(density, len(y))).round().astype(int))
    ix = np.unique(np.linspace(0, len(x) - 1, min(density, len(x))).round().astype(int))
    px, py = np.meshgrid(x[ix], y[iy])
    u, v = -gx[np.ix_(iy, ix)], -gy[np.ix_(iy, ix)]
    ok = np.isfinite(u) & np.isfinite(v)
    px, py, u, v = px[ok], py[ok], u[ok], v[ok]
    mag = np.hypot(u, v)
    if mag.size == 0 or mag.max() == 0:
        return np.empty((0, 2))
    cell = 0.9 * min((x[-1] - x[0]) / max(len(ix), 1), (y[-1] - y[0]) / max(len(iy), 1))
    # Scale by the 90th percentile so one steep spot (a kink, a pole) does not shrink the rest
    # to dots; longer arrows are capped at one cell.
    scale = cell / max(np.percentile(mag, 90), mag.max() * 1e-6)
    cap = np.minimum(1.0, cell / np.maximum(mag * scale, 1e-300))
    u, v = u * cap, v * cap
    tx, ty = px + u * scale, py + v * scale
    head = 0.3 * np.hypot(u * scale, v * scale)
    ang = np.arctan2(v, u)
    pairs = [np.stack([px, py], 1), np.stack([tx, ty], 1)]
    for turn in (np.pi * 5 / 6, -np.pi * 5 / 6):
        pairs += [
            np.stack([tx, ty], 1),
            np.stack([tx + head * np.cos(ang + turn), ty + head * np.sin(ang + turn)], 1),
        ]
    # interleave: shaft start, shaft end, barb1 start, barb1 end, ...
    return np.stack(pairs, 1).reshape(-1, 2)


MAX_TIES = 2048  # tied minimum points kept for drawing


def minimum(x: np.ndarray, y: np.ndarray | None, z: np.ndarray) -> Minimum | None:
    """The smallest finite value; of tied points (a flat valley) the one nearest the centre."""
    finite = np.isfinite(z)
    if not finite.any():
        return None
    low = z.min() if finite.all() else z[finite].min()
    ties = finite & (z <= low + 1e-12 * max(abs(low), 1.0))
    idx = np.argwhere(ties)
    centre = (np.array(z.shape) - 1) / 2
    i = tuple(idx[np.argmin(((idx - centre) ** 2).sum(1))])
    share = len(idx) / z.size
    keep = idx[:: max(1, len(idx) // MAX_TIES)]  # enough to draw the valley, bounded
    if y is None:
        ties = np.column_stack([x[keep[:, 0]], np.full(len(keep), float(z[i]))])
        return Minimum(float(x[i[0]]), None, float(z[i]), share, ties, len(idx))
    ties = np.column_stack([x[keep[:, 1]], y[keep[:, 0]]])
    return Minimum(float(x[i[1]]), float(y[i[0]]), float(z[i]), share, ties, len(idx))
