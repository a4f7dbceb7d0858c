"""Recordings: one recipe evaluated with one slot varied over frames.

A slot is `params.NAME` (a float parameter), `params.NAME[i]` (an element of a tensor
parameter) or `inputs.NAME[i,j]` (an element of a forward argument; `inputs.NAME[]` when 0-dim).
Every frame is the recipe with that value set, normalized and evaluated on its own: its data
equals a separate `render` of that recipe. Frames share one colour range unless asked otherwise.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from explorer.checks import RecipeError, as_float, as_int, show
from explorer.engine import Result, iter_evaluate
from explorer.messages import Message
from explorer.progress import drain, scaled
from explorer.recipes import normalize
from explorer.studies.paths import PathsSpec

MAX_FRAMES = 1000
_VARY = re.compile(r"^(params|inputs)\.([A-Za-z_]\w*)(\[[-\d, ]*\])?$")


@dataclass(frozen=True)
class Vary:
    slot: str
    start: float
    stop: float
    frames: int

    @property
    def values(self) -> np.ndarray:
        return np.linspace(self.start, self.stop, self.frames)

    def to_json(self) -> dict[str, Any]:
        return {"slot": self.slot, "start": self.start, "stop": self.stop, "frames": self.frames}

    def run(self, recipe: dict[str, Any]) -> Generator[float, None, Recording]:
        return iter_record(recipe, self)

    @staticmethod
    def from_json(raw: Any, field_name: str = "vary") -> Vary:
        if not isinstance(raw, dict) or set(raw) != {"slot", "start", "stop", "frames"}:
            raise RecipeError(
                field_name,
                Message("must be {{slot, start, stop, frames}}, got {raw}", raw=show(raw)),
            )
        return _checked(
            raw["slot"],
            as_float(f"{field_name}.start", raw["start"]),
            as_float(f"{field_name}.stop", raw["stop"]),
            as_int(f"{field_name}.frames", raw["frames"]),
            field_name,
        )


def parse_vary(text: str) -> Vary:
    """`SLOT=START:STOP:FRAMES`, as on the command line."""
    slot, sep, rng = text.partition("=")
    parts = rng.split(":")
    if not sep or len(parts) != 3:
        raise RecipeError(
            "--vary", Message("must be SLOT=START:STOP:FRAMES, got {text}", text=show(text))
        )
    try:
        start, stop, frames = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        raise RecipeError(
            "--vary",
            Message("START, STOP must be numbers, FRAMES an integer: {text}", text=show(text)),
        ) from None
    return _checked(
        slot.strip(), as_float("--vary", start), as_float("--vary", stop), frames, "--vary"
    )


def _checked(slot: Any, start: float, stop: float, frames: int, where: str) -> Vary:
    if not isinstance(slot, str) or not _VARY.match(slot):
        raise RecipeError(
            where,
            Message(
                "the slot must be params.NAME, params.NAME[i] or inputs.NAME[i,j], got {slot}",
                slot=show(slot),
            ),
        )
    if not 2 <= frames <= MAX_FRAMES:
        raise RecipeError(
            where,
            Message(
                "FRAMES must be in [2, {MAX_FRAMES}], got {frames}",
                MAX_FRAMES=MAX_FRAMES,
                frames=frames,
            ),
        )
    if not math.isfinite(stop - start):
        raise RecipeError(
            where,
            Message(
                "the range [{start}, {stop}] is not finite", start=f"{start:g}", stop=f"{stop:g}"
            ),
        )
    return Vary(slot, start, stop, frames)


def with_value(recipe: dict[str, Any], vary: Vary, value: float) -> dict[str, Any]:
    """The recipe with the varied slot set to `value` (not yet normalized)."""
    m = _VARY.match(vary.slot)
    assert m is not None
    section, name, index = m.group(1), m.group(2), m.group(3)
    r = copy.deepcopy(recipe)
    bag = r.setdefault(section, {})
    if not isinstance(bag, dict) or name not in bag:
        raise RecipeError(
            "--vary",
            Message(
                "{slot}: the recipe has no {section}.{name}",
                slot=vary.slot,
                section=section,
                name=name,
            ),
        )
    if index is None:
        bag[name] = float(value)
        return r
    idx = tuple(int(i) for i in index.strip("[]").split(",") if i.strip())
    try:
        arr = np.array(bag[name], dtype=np.float64)
        arr[idx] = value
    except (IndexError, ValueError, TypeError):
        raise RecipeError(
            "--vary",
            Message(
                "{slot}: no element {idx} in {section}.{name}",
                slot=vary.slot,
                idx=list(idx),
                section=section,
                name=name,
            ),
        ) from None
    bag[name] = arr.tolist()
    return r


@dataclass
class Recording:
    recipe: dict[str, Any]  # the normalized recipe of the first frame
    vary: Vary
    frames: list[Result] = field(default_factory=list)

    @property
    def values(self) -> np.ndarray:
        return self.vary.values

    @property
    def loss(self) -> np.ndarray:
        """(F, ny, nx) or (F, nx): each frame's surface."""
        return np.stack([f.surface for f in self.frames])

    @property
    def levels(self) -> tuple[float, float] | None:
        """One colour range for all frames: the finite range of every frame's loss."""
        z = self.loss
        finite = z[np.isfinite(z)]
        if finite.size == 0:
            return None
        lo, hi = float(finite.min()), float(finite.max())
        return (lo, hi) if lo < hi else (lo - 0.5, hi + 0.5)

    def to_json(self) -> dict[str, Any]:
        """What `record --recipe FILE.json` reads back to make the same recording."""
        return {**self.recipe, "vary": self.vary.to_json()}

    def write_npz(self, path: Any) -> None:
        write_npz(self, path)

    def frame_count(self) -> int:
        return len(self.frames)

    def still(self) -> tuple[Result, str]:
        """The middle frame, and which it is."""
        mid = len(self.frames) // 2
        which = f"{self.vary.slot} = {self.values[mid]:.4g}, frame {mid + 1} of {len(self.frames)}"
        return self.frames[mid], which

    def summary(self) -> str:
        v = self.vary
        return f"{v.frames} frames of {v.slot} from {v.start:g} to {v.stop:g}"


def split_recording(raw: dict[str, Any]) -> tuple[dict[str, Any], Vary | PathsSpec | None]:
    """A recipe, or a recording's JSON: a recipe plus `vary` (a slot varied over frames) or
    `paths` (optimizers run on its surface)."""
    if "vary" in raw and "paths" in raw:
        raise RecipeError("recipe", "a recording has vary or paths, not both")
    rest = {k: v for k, v in raw.items() if k not in ("vary", "paths")}
    if "vary" in raw:
        return rest, Vary.from_json(raw["vary"])
    if "paths" in raw:
        return rest, PathsSpec.from_json(raw["paths"])
    return raw, None


def iter_record(recipe: dict[str, Any], vary: Vary) -> Generator[float, None, Recording]:
    """Evaluate every frame, yielding the fraction done after each chunk of each frame."""
    swept = {a.get("slot") for a in recipe.get("axes", []) if isinstance(a, dict)}
    if vary.slot.split(".", 1)[1].replace(" ", "") in swept:
        raise RecipeError(
            "--vary",
            Message("{slot} is swept by an axis, so every frame would be the same", slot=vary.slot),
        )
    rec: Recording | None = None
    for k, value in enumerate(vary.values):
        frame = normalize(with_value(recipe, vary, float(value)))
        result = yield from scaled(iter_evaluate(frame), k, vary.frames)
        if rec is None:
            rec = Recording(frame, vary)
        rec.frames.append(result)
    assert rec is not None
    return rec


def record(recipe: dict[str, Any], vary: Vary) -> Recording:
    return drain(iter_record(recipe, vary))


def write_npz(rec: Recording, path: Any) -> None:
    import json

    last = rec.frames[-1]
    np.savez_compressed(
        path,
        loss=rec.loss,
        values=rec.values,
        x=last.x,
        y=last.y if last.y is not None else np.empty(0),
        recipe=np.array(json.dumps(rec.to_json())),
    )
