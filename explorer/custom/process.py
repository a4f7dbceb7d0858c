"""The worker process that imports your file and runs your losses, and its handle here."""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import threading
import time
import traceback
from collections.abc import Generator
from pathlib import Path
from typing import Any

import torch

from explorer.catalog import CATALOG, LossSpec
from explorer.checks import RecipeError
from explorer.custom.family import Custom, custom_key, limit_s, set_heartbeat
from explorer.custom.signature import losses_in, signature_spec
from explorer.messages import Message
from explorer.trust import sha256


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
    torch.set_num_threads(1)
    current = [0]

    def beat() -> None:
        conn.send((current[0], "alive", None))

    set_heartbeat(beat)
    try:
        module = _import(Path(path), digest)
        names = losses_in(module)
        described = {}
        for name in names:
            key = custom_key(path, name)
            try:
                CATALOG[key] = signature_spec(key, getattr(module, name), Custom())
                described[name] = describe(CATALOG[key])
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


def describe(spec: LossSpec) -> dict[str, Any]:
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
