"""Which user files may run: a model file, and later a file of custom losses, is Python code.

A file is trusted by its resolved path and the sha256 of its bytes. Nothing runs because a
recipe or a result file names it; a changed file is refused until it is trusted again. The
store is one JSON file, rewritten whole under a lock and renamed into place, so that several
ranks of one torchrun that trust the same file at once never leave it half-written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from explorer.checks import RecipeError
from explorer.messages import Message


def store_path() -> Path:
    """$LOSS_EXPLORER_TRUST, else the user's config folder."""
    if env := os.environ.get("LOSS_EXPLORER_TRUST"):
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "loss-explorer" / "trusted.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class TrustStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or store_path()

    def load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # none yet, or unreadable: nothing is trusted
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def is_trusted(self, file: Path) -> bool:
        return self.load().get(str(file.resolve())) == sha256(file)

    def trust(self, file: Path) -> str:
        """Remember `file` as it is now; returns its sha256."""
        digest = sha256(file)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            entries = self.load()
            entries[str(file.resolve())] = digest
            fd, tmp = tempfile.mkstemp(prefix=".trusted-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(entries, f, indent=2, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        return digest

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        lock = self.path.with_suffix(".lock")
        with open(lock, "a+") as f:
            try:
                import fcntl
            except ImportError:  # Windows: the rename alone keeps the file whole
                yield
                return
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)


def require_trust(
    file: Path,
    trust: bool = False,
    ask: Callable[[Path, str, bool], bool] | None = None,
    store: TrustStore | None = None,
    field: str = "--trust",
) -> str:
    """The file's sha256 once it may run. `trust` says yes now (the command line's --trust);
    `ask(file, sha256, changed)` asks the user (the window). Otherwise a RecipeError."""
    store = store or TrustStore()
    file = Path(file)
    if not file.is_file():
        raise RecipeError(field, Message("no such file: {file}", file=file))
    digest = sha256(file)
    known = store.load().get(str(file.resolve()))
    if known == digest:
        return digest
    if trust or (ask is not None and ask(file, digest, known is not None)):
        store.trust(file)
        return digest
    why = Message("has changed since it was trusted" if known else "has not been trusted yet")
    raise RecipeError(
        field,
        Message(
            "{name} {why} (sha256 {digest}…); running it runs its code: read it, then pass --trust",
            name=file.name,
            why=why,
            digest=digest[:12],
        ),
    )
