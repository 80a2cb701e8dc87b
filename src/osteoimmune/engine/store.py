"""A directory of finished chunk results: one file per key, written atomically, never overwritten.

The store is what makes long runs resumable.  :meth:`ChunkStore.put` writes the value into a hidden temporary
file in the same directory, flushes it to disk and then links it to its final name in one atomic step, so a run that
is killed at any moment leaves either the complete file or no file (plus at most a hidden ``.tmp-*`` file that
readers ignore and :meth:`ChunkStore.remove_temporary` deletes).  A key that is already stored is never rewritten:
a second ``put`` of the same key raises, which is how the engine guarantees that no result is duplicated.

File formats: a :class:`pandas.DataFrame` is stored as Parquet (``KEY.parquet``), so a store of data frames is
directly a Parquet dataset (``pandas.read_parquet(store.directory)``); any other picklable value, and a frame that
Parquet cannot hold (non-string column names, arbitrary Python objects), as a pickle (``KEY.pkl``).
"""

from __future__ import annotations

import os
import pickle
import re
import secrets
from pathlib import Path
from typing import Any, Iterator

#: a key is a file-name-safe name: letters, digits, ``_ . -`` (starting with a letter or digit), at most 200 characters
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$")
_SUFFIXES = (".parquet", ".pkl")
_TMP_PREFIX = ".tmp-"


class KeyExistsError(FileExistsError):
    """``put`` of a key that is already stored (results are never overwritten)."""


def check_key(key: str) -> str:
    """Return ``key`` if it is a valid store key, else raise ``ValueError`` saying what is allowed."""
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise ValueError(f"invalid chunk key {key!r}: allowed are 1-200 characters of letters, digits, '_', '.', '-', "
                         "starting with a letter or digit")
    return key


def _is_dataframe(value: Any) -> bool:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False
    return isinstance(value, pd.DataFrame)


class ChunkStore:
    """One file per finished chunk in ``directory`` (created if missing)."""

    def __init__(self, directory: str | os.PathLike[str]):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    def __repr__(self) -> str:
        return f"ChunkStore({str(self.directory)!r}, {len(self)} chunks)"

    # ------------------------------------------------------------------ reading
    def path(self, key: str) -> Path | None:
        """The file holding ``key``, or ``None`` if it is not stored."""
        check_key(key)
        for suffix in _SUFFIXES:
            p = self.directory / f"{key}{suffix}"
            if p.is_file():
                return p
        return None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and KEY_PATTERN.match(key) is not None and self.path(key) is not None

    def keys(self) -> list[str]:
        """Stored keys, sorted."""
        return sorted(p.name[: -len(p.suffix)] for p in self.files())

    def files(self) -> list[Path]:
        """The stored chunk files (never the temporary ones), sorted by name."""
        return sorted(p for p in self.directory.iterdir()
                      if p.suffix in _SUFFIXES and not p.name.startswith(".") and p.is_file())

    def __len__(self) -> int:
        return len(self.files())

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def get(self, key: str) -> Any:
        """The stored value of ``key`` (``KeyError`` if it is not stored)."""
        p = self.path(key)
        if p is None:
            raise KeyError(f"chunk {key!r} is not in the store {str(self.directory)!r}")
        if p.suffix == ".parquet":
            import pandas as pd

            return pd.read_parquet(p)
        with p.open("rb") as fh:
            return pickle.load(fh)

    # ------------------------------------------------------------------ writing
    def put(self, key: str, value: Any) -> Path:
        """Store ``value`` under ``key`` atomically; raise :class:`KeyExistsError` if ``key`` is already stored."""
        check_key(key)
        if self.path(key) is not None:
            raise KeyExistsError(f"chunk {key!r} is already stored in {str(self.directory)!r} (results are never "
                                 "overwritten)")
        suffix = ".parquet" if _is_dataframe(value) and all(isinstance(c, str) for c in value.columns) else ".pkl"
        tmp = self.directory / f"{_TMP_PREFIX}{key}-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            if suffix == ".parquet":
                try:
                    value.to_parquet(tmp, engine="pyarrow")
                except (ValueError, TypeError, ImportError, ArithmeticError, NotImplementedError):
                    suffix = ".pkl"  # a frame Parquet cannot hold (non-string column names, Python objects)
            if suffix == ".pkl":
                with tmp.open("wb") as fh:
                    pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            final = self.directory / f"{key}{suffix}"
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())
            try:
                os.link(tmp, final)  # atomic, and fails instead of overwriting if another writer got there first
            except FileExistsError:
                raise KeyExistsError(f"chunk {key!r} was stored concurrently in {str(self.directory)!r}") from None
            except OSError:  # file systems without hard links
                os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)
        return final

    def discard(self, key: str) -> bool:
        """Delete ``key`` if stored; return whether it was."""
        p = self.path(key)
        if p is None:
            return False
        p.unlink()
        return True

    def clear(self) -> int:
        """Delete every stored chunk (and temporary file); return how many chunks were deleted."""
        n = 0
        for p in self.files():
            p.unlink()
            n += 1
        self.remove_temporary()
        return n

    def remove_temporary(self) -> int:
        """Delete the hidden temporary files a killed writer may have left; return how many."""
        n = 0
        for p in self.directory.glob(f"{_TMP_PREFIX}*"):
            p.unlink(missing_ok=True)
            n += 1
        return n
