"""Provenance record of a run: what produced these numbers.

:func:`build_provenance` returns a JSON-ready dict with the package version,
the Python / NumPy / SciPy versions, a UTC timestamp, the resolved scenario,
every parameter value used (with unit, default value and source from the model
declaration), the solver's status, message and statistics, and the compiled
model's digest when known.
"""

from __future__ import annotations

import datetime as _dt
import math
import platform
import sys
from importlib import metadata
from typing import Any, Mapping

#: version of the layout of provenance.json (bump on incompatible changes)
PROVENANCE_SCHEMA = 1


def package_version() -> str:
    """Installed version of osteoimmune (falls back to ``osteoimmune.__version__``)."""
    try:
        return metadata.version("osteoimmune")
    except metadata.PackageNotFoundError:  # running from a source tree
        import osteoimmune

        return str(getattr(osteoimmune, "__version__", "unknown"))


def jsonable(value: Any) -> Any:
    """Convert numpy scalars/arrays, tuples, sets, enums and paths into JSON values.

    Non-finite floats become ``None`` (JSON has no NaN).
    """
    import enum
    import pathlib

    import numpy as np

    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return f if math.isfinite(f) else None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, pathlib.PurePath):
        return str(value)
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if hasattr(value, "model_dump"):
        return jsonable(value.model_dump(mode="json"))
    return str(value)


def scenario_dict(scenario: Any) -> dict[str, Any]:
    """The resolved scenario as a JSON-ready dict."""
    if scenario is None:
        return {}
    if hasattr(scenario, "model_dump"):
        return jsonable(scenario.model_dump(mode="json"))
    return jsonable(scenario)


def _declared_parameters(model_name: str | None) -> Mapping[str, Any]:
    """The parameter records of the declaration a run used: a published reference model or the full model."""
    import osteoimmune as oi
    from osteoimmune import reference

    if model_name in reference.names():
        return reference.declaration(model_name).parameters
    return oi.build_model().parameters


def parameter_table(values: Mapping[str, float], model_name: str | None = None) -> dict[str, dict[str, Any]]:
    """Every parameter value used, with unit, default, description and source of its record.

    ``model_name`` names the declaration the run used (a reference model's name, or the full model when omitted), so a
    reference run never borrows the full model's units or sources for a parameter id both happen to share.
    """
    records = _declared_parameters(model_name)
    table: dict[str, dict[str, Any]] = {}
    for pid in sorted(values):
        rec = records.get(pid)
        entry: dict[str, Any] = {"value": jsonable(values[pid])}
        if rec is not None:
            entry.update(
                unit=rec.unit,
                default=jsonable(rec.value),
                changed=bool(float(values[pid]) != float(rec.value)),
                source=rec.source,
                description=rec.description,
            )
        else:
            entry.update(unit=None, default=None, changed=None, source=None, description=None)
        table[pid] = entry
    return table


#: other distributions whose versions are recorded
RECORDED_DISTRIBUTIONS: tuple[str, ...] = ("sympy", "pydantic", "PyYAML", "pandas", "xarray", "matplotlib", "click")


def _dependency_versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in RECORDED_DISTRIBUTIONS:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def build_provenance(
    result: Any,
    scenario: Any,
    *,
    model_digest: str | None = None,
    files: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The provenance record of ``result`` produced from ``scenario``.

    ``files`` maps written file names to their SHA-256; ``extra`` is merged in
    under ``"extra"`` (e.g. the command line that produced the run).
    """
    import numpy
    import scipy

    meta = dict(getattr(result, "metadata", None) or {})
    resolved = scenario_dict(scenario) or jsonable(meta.get("scenario") or {})
    stats = getattr(result, "stats", None)
    digest = model_digest or meta.get("model_digest") or meta.get("digest")
    return {
        "schema": PROVENANCE_SCHEMA,
        "package": "osteoimmune",
        "version": package_version(),
        "created_utc": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "environment": {
            "python": sys.version.split()[0],
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
            "numpy": numpy.__version__,
            "scipy": scipy.__version__,
            "packages": _dependency_versions(),
        },
        "model_digest": digest,
        "scenario": resolved,
        "solver": {
            "status": getattr(result, "status", None),
            "message": getattr(result, "message", None),
            "stats": jsonable(stats.as_dict()) if stats is not None and hasattr(stats, "as_dict") else None,
        },
        "parameters": parameter_table(getattr(result, "parameters", None) or {}, resolved.get("model")),
        "metadata": jsonable({k: v for k, v in meta.items() if k != "scenario"}),
        "files": dict(files or {}),
        "extra": jsonable(dict(extra or {})),
    }
