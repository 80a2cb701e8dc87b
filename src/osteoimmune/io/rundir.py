"""Write the output directory of one run, atomically.

Layout of ``DIR`` (documented in ``docs/cli.md``):

``timecourse.csv``
    First column ``time_days``, then every species, then every assignment
    (``bone_fraction``, ``rankl``, ``opg``, ...); floats written with full
    (round-trip) precision.
``timecourse.nc``
    The same trajectories as an ``xarray.Dataset`` (NetCDF 3, SciPy engine),
    with units as variable attributes and solver statistics as global
    attributes.  Skipped with a :class:`RuntimeWarning` if it cannot be written.
``outcomes.json``
    The outcome metrics (:mod:`osteoimmune.outcomes`).
``summary.png``
    The summary figure, when a ``figure_fn`` is given.
``provenance.json``
    Versions, timestamp, the resolved scenario, every parameter value with its
    unit and source, solver status and statistics, model digest, and the
    SHA-256 of every other file (:mod:`osteoimmune.io.provenance`).

Everything is written into a hidden temporary sibling of ``DIR`` and renamed
into place at the end: if anything fails, ``DIR`` is left as it was (absent,
or with its previous content).  An existing non-empty ``DIR`` is refused with
:class:`OutputExistsError` unless ``force=True``, which replaces it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
import warnings
from pathlib import Path
from typing import Any, Callable, Mapping

from osteoimmune.errors import OsteoimmuneError
from osteoimmune.io.provenance import build_provenance, jsonable

TIMECOURSE_CSV = "timecourse.csv"
TIMECOURSE_NC = "timecourse.nc"
OUTCOMES_JSON = "outcomes.json"
PROVENANCE_JSON = "provenance.json"
SUMMARY_PNG = "summary.png"

FigureFn = Callable[[Any, Mapping[str, Any]], Any]


class OutputExistsError(OsteoimmuneError):
    """The output directory exists and is not empty (and ``force`` was not given)."""

    def __init__(self, path: Path):
        self.path = path
        what = "is not empty" if path.is_dir() else "is a file, not a directory"
        super().__init__(
            f"output directory {str(path)!r} already exists and {what}; "
            "choose another --out or pass --force to replace it"
        )


class OutputPathError(OsteoimmuneError):
    """The output directory cannot be created where it was asked for."""

    def __init__(self, path: Path, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"cannot write output directory {str(path)!r}: {reason}")


def _is_empty_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and not any(path.iterdir())


def check_output_dir(out_dir: str | os.PathLike[str], force: bool = False) -> Path:
    """Return ``out_dir`` as a Path if it may be written.

    Raises :class:`OutputExistsError` if it exists and is not empty (unless
    ``force``) and :class:`OutputPathError` if its nearest existing ancestor is
    not a writable directory.
    """
    out = Path(out_dir)
    if (out.exists() or out.is_symlink()) and not _is_empty_dir(out) and not force:
        raise OutputExistsError(out)
    ancestor = out.absolute().parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputPathError(out, f"{str(ancestor)!r} is not a directory")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutputPathError(out, f"{str(ancestor)!r} is not writable")
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_json(path: Path, data: Any) -> None:
    text = json.dumps(jsonable(data), indent=2, allow_nan=False, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def write_timecourse_csv(path: Path, result: Any) -> None:
    """``time_days``, species, assignments; floats at round-trip precision."""
    df = result.to_dataframe()
    if list(df.columns[:1]) != ["time_days"]:
        raise ValueError(f"result.to_dataframe() must start with 'time_days', got {list(df.columns[:3])}")
    df.to_csv(path, index=False)  # pandas writes the shortest round-trip repr of each float


def write_timecourse_netcdf(path: Path, result: Any) -> bool:
    """NetCDF 3 via SciPy; returns ``False`` (with a RuntimeWarning) if that is impossible."""
    try:
        ds = result.to_xarray()
        ds.attrs = {k: v for k, v in ds.attrs.items() if isinstance(v, (str, int, float))}
        ds.to_netcdf(path, engine="scipy")
    except (ImportError, ValueError, TypeError) as exc:
        if path.exists():
            path.unlink()
        warnings.warn(f"{path.name} not written: {exc}", RuntimeWarning, stacklevel=3)
        return False
    return True


def _missing_parents(path: Path) -> list[Path]:
    missing = []
    for parent in path.absolute().parents:
        if parent.exists():
            break
        missing.append(parent)
    return missing


def write_run(
    out_dir: str | os.PathLike[str],
    result: Any,
    scenario: Any,
    outcomes: Mapping[str, Any],
    figure_fn: FigureFn | None = None,
    *,
    force: bool = False,
    model_digest: str | None = None,
    extra_provenance: Mapping[str, Any] | None = None,
) -> Path:
    """Write the files of one run into ``out_dir`` atomically and return its path.

    ``figure_fn(result, outcomes)`` must return a matplotlib Figure (e.g.
    :func:`osteoimmune.plot.plot_summary`); without it no ``summary.png`` is
    written.  See the module docstring for the layout.
    """
    out = check_output_dir(out_dir, force=force)
    created = _missing_parents(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:12]}"
    old: Path | None = None
    try:
        tmp.mkdir()
        write_timecourse_csv(tmp / TIMECOURSE_CSV, result)
        write_timecourse_netcdf(tmp / TIMECOURSE_NC, result)
        _write_json(tmp / OUTCOMES_JSON, dict(outcomes))
        if figure_fn is not None:
            fig = figure_fn(result, outcomes)
            fig.savefig(tmp / SUMMARY_PNG, dpi=120)
        files = {p.name: _sha256(p) for p in sorted(tmp.iterdir())}
        provenance = build_provenance(
            result, scenario, model_digest=model_digest, files=files, extra=extra_provenance
        )
        _write_json(tmp / PROVENANCE_JSON, provenance)
        # --- swap into place (re-check: the directory may have appeared meanwhile)
        check_output_dir(out, force=force)
        if out.is_symlink() or out.is_file():
            out.unlink()
        elif _is_empty_dir(out):
            out.rmdir()
        elif out.exists():
            old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:12]}"
            os.rename(out, old)
        try:
            os.rename(tmp, out)
        except BaseException:
            if old is not None:
                os.rename(old, out)
                old = None
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        for parent in created:  # deepest first
            try:
                parent.rmdir()
            except OSError:
                break
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return out
