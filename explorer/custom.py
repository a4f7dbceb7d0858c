"""Your own losses: a function `(input, target, **params) -> Tensor` or an `nn.Module` subclass
whose constructor takes the parameters, from your `.py` file, listed beside the 21.

A loss is one more catalog entry of the `Custom` family: its forward arguments are the
function's positional parameters without defaults (the Module's forward's), its parameters the
ones with number or flag defaults, and the engine evaluates it like any other, batched through
`torch.func.vmap` where the code allows, point by point where it does not.

The file's code never runs in this process. It runs in a worker process (started with spawn),
once the file is trusted (explorer.trust); what it raises comes back as a RecipeError, and a
worker silent for longer than the time limit (a hang) is killed and started afresh on the next
request. A file changed since it was trusted is refused until trusted again.
"""

from __future__ import annotations

import contextlib
import inspect
import itertools
import multiprocessing as mp
import os
import threading
import time
import traceback
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from explorer.catalog import CATALOG, Arg, LossSpec, Param
from explorer.checks import RecipeError
from explorer.messages import Message
from explorer.trust import require_trust, sha256

GROUP = "your losses"
DEFAULT_LIMIT_S = 10.0
HEARTBEAT_EVERY = 64  # points of a per-point loop between signs of life


def limit_s() -> float:
    try:
        return float(os.environ.get("LOSS_EXPLORER_CUSTOM_TIMEOUT", DEFAULT_LIMIT_S))
    except ValueError:
        return DEFAULT_LIMIT_S


def custom_key(path: str | Path, name: str) -> str:
    """How a recipe names your loss: `/abs/path/file.py:NAME`."""
    return f"{Path(path).resolve()}:{name}"


def split_key(key: Any) -> tuple[Path, str] | None:
    if not isinstance(key, str):
        return None
    path, sep, name = key.rpartition(":")
    if not sep or not path.endswith(".py") or not name.isidentifier():
        return None
    return Path(path), name


# ---- the family: in the worker process it calls your code; here it asks the worker


_VMAP_FAILED: set[str] = set()  # losses whose code does not run under vmap
_heartbeat: Callable[[], None] = lambda: None  # noqa: E731 (set in the worker process)


@dataclass(frozen=True)
class Custom:
    remote: CustomProcess | None = field(default=None, compare=False)
    name: str = "custom"
    owns_reduction: bool = True  # your parameters are passed as they are, reduction too
    scalar_only: bool = True  # one number per point
    # points per chunk: each chunk ends with a progress message, the worker's sign of life, and
    # a point-by-point loss with its backward must not outlast the time limit in one chunk
    max_chunk: int = 4096

    def check(self, spec: Any, params: dict[str, Any], x: dict[str, np.ndarray], warn) -> None:
        pass

    def classes(self, x: dict[str, np.ndarray], spec: Any) -> int | None:
        return None

    def call(
        self, spec: Any, module: torch.nn.Module, args: dict[str, torch.Tensor], n: int
    ) -> torch.Tensor:
        tensors = [args[a.name] for a in spec.args]
        if spec.name not in _VMAP_FAILED:
            try:
                out = torch.func.vmap(lambda *a: torch.as_tensor(module(*a)))(*tensors)
                return _scalar_per_point(spec, out, n)
            except RecipeError:
                raise
            except Exception:
                _VMAP_FAILED.add(spec.name)  # .item(), data-dependent branches, ...: one by one
        outs = []
        for i in range(n):
            outs.append(torch.as_tensor(module(*(t[i] for t in tensors))))
            if i % HEARTBEAT_EVERY == HEARTBEAT_EVERY - 1:
                _heartbeat()
        if any(o.ndim for o in outs):
            shape = next(tuple(o.shape) for o in outs if o.ndim)
            raise RecipeError(
                "loss",
                Message(
                    "{name} returns shape {shape}; a scalar is due", name=spec.name, shape=shape
                ),
            )
        return torch.stack(outs)

    def reduce(
        self, spec: Any, params: dict[str, Any], out: torch.Tensor, base: dict[str, torch.Tensor]
    ) -> torch.Tensor:
        return out


def _scalar_per_point(spec: Any, out: torch.Tensor, n: int) -> torch.Tensor:
    if out.shape != (n,):
        raise RecipeError(
            "loss",
            Message(
                "{name} returns shape {shape} for a point; a scalar is due",
                name=spec.name,
                shape=tuple(out.shape[1:]),
            ),
        )
    return out


# ---- what a file defines


def _signature_spec(key: str, obj: Any, family: Custom) -> LossSpec:
    """A catalog entry from a function's or a Module's signature."""
    is_module = isinstance(obj, type) and issubclass(obj, torch.nn.Module)
    forward = inspect.signature(obj.forward if is_module else obj)
    ctor = inspect.signature(obj.__init__) if is_module else forward
    positional = [
        p.name
        for p in forward.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        and p.default is p.empty
        and p.name != "self"
    ]
    if not positional:
        raise RecipeError(
            "loss", Message("{key}: a loss needs at least one argument without a default", key=key)
        )
    params = []
    for p in ctor.parameters.values():
        if p.name == "self" or p.default is p.empty or p.name in positional:
            continue
        d = p.default
        if isinstance(d, bool):
            params.append(_param(p.name, "bool", d))
        elif isinstance(d, int):
            params.append(_param(p.name, "int", d))
        elif isinstance(d, float):
            params.append(_param(p.name, "float", d))
        elif p.name == "reduction" and d in ("none", "mean", "sum"):
            params.append(_param(p.name, "choice", d, ("none", "mean", "sum")))
        # other defaults (None, strings, objects) stay as your code sets them
    defaults = ([0.3, -0.2], [1.0, 0.0])
    args = tuple(
        Arg(name, defaults[min(k, 1)], f"argument {k + 1} of your loss")
        for k, name in enumerate(positional)
    )
    second = f"{positional[1]}[0]" if len(positional) > 1 else f"{positional[0]}[1]"
    names = [p.name for p in params]

    def make(**kw: Any) -> torch.nn.Module:
        kw = {k: v for k, v in kw.items() if k in names}
        if is_module:
            return obj(**kw)
        return _FunctionLoss(obj, kw)

    doc = inspect.getdoc(obj) or f"your loss {obj.__name__}"
    return LossSpec(
        name=key,
        group=GROUP,
        help=doc.splitlines()[0],
        params=tuple(params),
        args=args,
        axes=((f"{positional[0]}[0]", -3.0, 3.0), (second, -3.0, 3.0)),
        family=family,
        factory=make,
    )


def _param(name: str, kind: str, default: Any, choices: tuple[Any, ...] = ()) -> Param:
    """A parameter from its default; a slider around it, as no domain is known."""
    span = max(1.0, 4 * abs(default)) if kind in ("float", "int") else 1.0
    ui = (0.0, span) if kind in ("float", "int") and default >= 0 else (-span, span)
    return Param(name, kind, default, "from your signature", choices=choices, ui_range=ui)  # type: ignore[arg-type]


class _FunctionLoss(torch.nn.Module):
    def __init__(self, fn: Callable[..., Any], kw: dict[str, Any]) -> None:
        super().__init__()
        self.fn, self.kw = fn, kw

    def forward(self, *args: torch.Tensor) -> Any:
        return self.fn(*args, **self.kw)


def losses_in(module: Any) -> list[str]:
    """Functions and Module subclasses defined in the file itself (not imported), public."""
    out = []
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(obj) or (isinstance(obj, type) and issubclass(obj, torch.nn.Module)):
            out.append(name)
    return out


def _import(path: Path, digest: str) -> Any:
    import importlib.util
    import sys

    if sha256(path) != digest:
        raise RecipeError(
            "loss", Message("{name} changed since it was trusted; trust it again", name=path.name)
        )
    mod_name = f"loss_explorer_custom_{digest[:16]}"
    spec = importlib.util.spec_from_file_location(mod_name, path)
    if spec is None or spec.loader is None:
        raise RecipeError("loss", Message("{name} is not a Python file", name=path.name))
    module = importlib.util.module_from_spec(spec)
    sys.modules[mod_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as e:
        raise RecipeError(
            "loss",
            Message(
                "{name} raised {name2} on import: {e}", name=path.name, name2=type(e).__name__, e=e
            ),
        ) from e
    return module


# ---- the worker process


def _child(conn: Any, path: str, digest: str) -> None:
    """Import the file, register its losses here, answer requests until told to stop."""
    global _heartbeat
    torch.set_num_threads(1)
    current = [0]

    def beat() -> None:
        conn.send((current[0], "alive", None))

    _heartbeat = beat
    try:
        module = _import(Path(path), digest)
        names = losses_in(module)
        described = {}
        for name in names:
            key = custom_key(path, name)
            try:
                CATALOG[key] = _signature_spec(key, getattr(module, name), Custom())
                described[name] = _describe(CATALOG[key])
            except (RecipeError, ValueError, TypeError):
                continue  # not a loss we can draw (no arguments, say)
        conn.send((0, "ready", described))
    except Exception as e:
        conn.send((0, "error", _error(e)))
        return
    from explorer.engine import iter_evaluate

    while True:
        try:
            rid, cmd, payload = conn.recv()
        except (EOFError, OSError):
            return
        current[0] = rid
        try:
            if cmd == "stop":
                return
            if cmd == "evaluate":
                gen = iter_evaluate(payload)
                while True:
                    try:
                        f = next(gen)
                    except StopIteration as stop:
                        conn.send((rid, "ok", stop.value))
                        break
                    conn.send((rid, "progress", f))
                    if conn.poll() and conn.recv()[1] == "cancel":
                        conn.send((rid, "cancelled", None))
                        break
        except Exception as e:
            conn.send((rid, "error", _error(e)))


def _describe(spec: LossSpec) -> dict[str, Any]:
    return {
        "help": spec.help,
        "args": [(a.name, a.default) for a in spec.args],
        "params": [(p.name, p.kind, p.default, p.choices) for p in spec.params],
        "axes": spec.axes,
    }


def _error(e: BaseException) -> tuple[str, Message]:
    """What goes back over the pipe: a field and a Message (it pickles with its template)."""
    if isinstance(e, RecipeError):
        return e.field, e.message
    tb = traceback.extract_tb(e.__traceback__)
    where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(tb)), "")
    text = " ".join(str(e).split())[:300] + (f" ({where})" if where else "")
    return "loss", Message("your loss raised {name}: {reason}", name=type(e).__name__, reason=text)


_ids = itertools.count(1)


class CustomProcess:
    """The worker process of one trusted file."""

    def __init__(self, path: Path, digest: str) -> None:
        self.path, self.digest = path, digest
        self._proc: Any = None
        self._conn: Any = None
        self.described: dict[str, Any] = {}
        # one request at a time on the pipe: the compute worker and the job lane may both ask
        self._lock = threading.Lock()

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(
            target=_child, args=(child, str(self.path), self.digest), daemon=True
        )
        self._proc.start()
        child.close()
        kind, payload = self._wait(0, startup=True)
        if kind == "error":
            self.stop()
            raise RecipeError(*payload)
        self.described = payload

    def ensure(self) -> None:
        if self._proc is None or not self._proc.is_alive():
            self._start()

    def stop(self) -> None:
        if self._proc is not None:
            with contextlib.suppress(OSError, ValueError):
                self._conn.send((0, "stop", None))
            self._proc.join(0.5)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join(1)
        self._proc = self._conn = None

    def _wait(self, rid: int, startup: bool = False):
        deadline = time.monotonic() + limit_s() * (3 if startup else 1)  # spawn imports torch
        while True:
            if self._conn.poll(0.05):
                try:
                    got, kind, payload = self._conn.recv()
                except (EOFError, OSError):
                    self._crashed()
                if got != rid and not startup:
                    continue  # an answer to a request that was cancelled
                if kind == "alive":
                    deadline = time.monotonic() + limit_s()
                    continue
                return kind, payload
            self._check_alive(deadline)

    def _check_alive(self, deadline: float) -> None:
        """Stop, with a message, a worker that died or has not answered by `deadline`."""
        if not self._proc.is_alive():
            self._crashed()
        if time.monotonic() > deadline:
            self._dead(
                Message(
                    "did not answer within {limit} s (a hang?); it was stopped",
                    limit=f"{limit_s():g}",
                )
            )

    def _crashed(self) -> None:
        self._dead(Message("stopped (it may have crashed the interpreter)"))

    def _dead(self, why: str) -> None:
        self.stop()
        raise RecipeError(
            "loss", Message("the worker running {name} {why}", name=self.path.name, why=why)
        )

    def evaluate(self, recipe: dict[str, Any]) -> Generator[float, None, Any]:
        """The engine's evaluation, run in the worker; yields progress (and while waiting, so
        that a caller can stop it); closing the generator cancels the evaluation there."""
        self._lock.acquire()
        try:
            self.ensure()
            rid = next(_ids)
            self._conn.send((rid, "evaluate", recipe))
        except BaseException:
            self._lock.release()
            raise
        done = False
        fraction = 0.0
        deadline = time.monotonic() + limit_s()
        try:
            while True:
                if not self._conn.poll(0.05):
                    self._check_alive(deadline)
                    yield fraction
                    continue
                try:
                    got, kind, payload = self._conn.recv()
                except (EOFError, OSError):
                    self._crashed()
                if got != rid:
                    continue
                deadline = time.monotonic() + limit_s()
                if kind == "progress":
                    fraction = payload
                    yield fraction
                elif kind == "alive":
                    yield fraction
                elif kind == "ok":
                    done = True
                    return payload
                elif kind == "error":
                    done = True
                    raise RecipeError(*payload)
                elif kind == "cancelled":
                    done = True
                    raise RecipeError("loss", "cancelled")
        finally:
            if not done and self._conn is not None:
                with contextlib.suppress(OSError, ValueError):
                    self._conn.send((rid, "cancel", None))
            self._lock.release()


# ---- loading, here


_PROCESSES: dict[Path, CustomProcess] = {}


def load_file(
    path: str | Path,
    trust: bool = False,
    ask: Callable[[Path, str, bool], bool] | None = None,
) -> list[str]:
    """Register every loss the (trusted) file defines; returns their catalog keys. A file that
    changed is re-read; one no longer trusted is refused."""
    path = Path(path).resolve()
    digest = require_trust(path, trust, ask, field="loss")
    old = _PROCESSES.get(path)
    if old is not None and old.digest == digest:
        with old._lock:
            old.ensure()
        proc = old
    else:
        if old is not None:
            old.stop()
            unload(path)
        proc = CustomProcess(path, digest)
        proc.ensure()
        _PROCESSES[path] = proc
    keys = []
    for name, d in proc.described.items():
        key = custom_key(path, name)
        CATALOG[key] = _remote_spec(key, d, proc)
        keys.append(key)
    if not keys:
        raise RecipeError(
            "loss",
            Message(
                "{name} defines no loss: a function (input, target, **params) "
                "or an nn.Module subclass",
                name=path.name,
            ),
        )
    return keys


def unload(path: Path) -> None:
    for key in [k for k in CATALOG if (s := split_key(k)) and s[0] == path]:
        del CATALOG[key]


def ensure_loaded(key: str) -> None:
    """A recipe names your loss: load it if its file is trusted as it is now (never asks)."""
    where = split_key(key)
    if where is None or key in CATALOG:
        return
    try:
        load_file(where[0])
    except RecipeError as e:
        if "trusted" not in str(e):
            raise
        raise RecipeError(
            "loss",
            Message(
                "{name} is not trusted as it is now; a recipe alone never "
                "runs code: run `main.py render --custom {where}:{where2} "
                "--trust ...` once, or open it in the window",
                name=where[0].name,
                where=where[0],
                where2=where[1],
            ),
        ) from None
    if key not in CATALOG:
        raise RecipeError(
            "loss",
            Message("{name} defines no loss named {where}", name=where[0].name, where=where[1]),
        )


def _remote_spec(key: str, d: dict[str, Any], proc: CustomProcess) -> LossSpec:
    def not_here(**_: Any) -> torch.nn.Module:
        raise RuntimeError("your code runs in its worker process, not here")

    return LossSpec(
        name=key,
        group=GROUP,
        help=d["help"],
        params=tuple(_param(n, kind, default, tuple(ch)) for n, kind, default, ch in d["params"]),
        args=tuple(Arg(n, default, "an argument of your loss") for n, default in d["args"]),
        axes=tuple(tuple(a) for a in d["axes"]),
        family=Custom(remote=proc),
        factory=not_here,
    )


def stop_all() -> None:
    """Stop every worker and forget their losses (the window is closing)."""
    for path, p in _PROCESSES.items():
        p.stop()
        unload(path)
    _PROCESSES.clear()


def short_name(key: str) -> str:
    """`focal (my_losses.py)` for a key, the name itself for a built-in loss."""
    where = split_key(key)
    return f"{where[1]} ({where[0].name})" if where else key
