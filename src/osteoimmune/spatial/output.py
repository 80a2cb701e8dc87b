"""Write the output directory of a spatial run, atomically.

``DIR/fields.nc``
    Fields over time (``time``, ``x``, ``y`` [, ``z``]) with units, region and scaffold masks; NetCDF-4 through
    xarray + h5netcdf, chunked one time step per chunk and compressed (classic NetCDF-3 when h5py, which
    h5netcdf needs to write, is not installed; provenance.json records ``fields_nc_format``).
``DIR/outcomes.json``
    Bridging, time to bridging and defect averages (:mod:`.metrics`).
``DIR/defect_timecourse.csv``
    Mean of every output field over the defect, and whether the defect is bridged, at every output time.
``DIR/provenance.json``
    Package/library versions, UTC time, the resolved scenario, the transport parameters with unit and source,
    solver statistics, model and problem digests.
``DIR/*.png``, ``DIR/*.gif``
    Figures, when figure functions are given (drawn by :mod:`osteoimmune.plot.spatial`).

Everything is written into a hidden temporary sibling and renamed into place at the end, so ``DIR`` is complete
or untouched; an existing non-empty ``DIR`` is only replaced with ``force``.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import shutil
import uuid
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from ..errors import OsteoimmuneError
from .geometry import Region
from .metrics import bridging_series

FigureFn = Callable[[Any, Path], None]


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, (np.floating, np.integer)):
        return v.item()
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, Path):
        return str(v)
    return v


def netcdf_format() -> str:
    """``NETCDF4`` (chunked, compressed; needs h5py under h5netcdf) or the ``NETCDF3_64BIT`` fallback (SciPy)."""
    try:
        import h5py  # noqa: F401  (h5netcdf writes through h5py)
    except ImportError:
        return "NETCDF3_64BIT"
    return "NETCDF4"


def write_fields_netcdf(result: Any, path: Path) -> str:
    """Fields to NetCDF; returns the format written.

    With h5py present: NetCDF-4 through h5netcdf, one chunk per time step (``(1, nx, ny[, nz])``), zlib level 4.
    Without it (h5netcdf cannot write then): classic NetCDF-3 through SciPy, which has no chunks.
    """
    ds = result.to_xarray()
    fmt = netcdf_format()
    if fmt == "NETCDF4":
        enc = {name: {"chunksizes": (1,) + tuple(var.shape[1:]), "zlib": True, "complevel": 4}
               for name, var in ds.data_vars.items() if "time" in var.dims}
        ds.to_netcdf(path, engine="h5netcdf", encoding=enc)
    else:
        ds.to_netcdf(path, engine="scipy", format="NETCDF3_64BIT")
    return fmt


def defect_table(result: Any, threshold: float):
    import pandas as pd

    defect = result.geometry.mask(Region.DEFECT)
    data = {"time_days": result.time}
    if result.geometry.kind == "segmental_defect":
        data["bridged"] = bridging_series(result, threshold)
    for name in result.fields:
        data[f"{name}_defect_mean"] = result.mean(name, defect)
    return pd.DataFrame(data)


def provenance(result: Any, scenario: Any, transport: Any, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    import scipy

    import osteoimmune

    return _jsonable({
        "package": "osteoimmune", "version": getattr(osteoimmune, "__version__", "?"),
        "python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
        "created_utc": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "scenario": scenario.model_dump(mode="json"),
        "grid": {"shape": list(result.geometry.grid.shape), "spacing_mm": result.geometry.grid.h,
                 "cells_per_region": result.geometry.description.get("cells_per_region")},
        "transport_parameters": {k: {"value": transport.values[k], "unit": p.unit, "source": p.source,
                                     "description": p.description} for k, p in transport.parameters.items()},
        "solver": result.stats.as_dict(),
        **{k: v for k, v in result.metadata.items() if k != "scenario"},
        **(dict(extra) if extra else {}),
    })


def write_spatial_run(out_dir: str | os.PathLike[str], result: Any, scenario: Any, outcomes: Mapping[str, Any],
                      transport: Any, figures: Mapping[str, FigureFn] | None = None, force: bool = False,
                      extra_provenance: Mapping[str, Any] | None = None) -> Path:
    """Write ``out_dir`` (see the module docstring); returns its path."""
    out = Path(out_dir)
    if out.exists() and not (out.is_dir() and not any(out.iterdir())) and not force:
        raise OsteoimmuneError(f"output directory {str(out)!r} already exists and is not empty; "
                               "choose another --out or pass --force to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        fmt = write_fields_netcdf(result, tmp / "fields.nc")
        extra_provenance = {**(extra_provenance or {}), "fields_nc_format": fmt}
        threshold = float(outcomes.get("bridging_threshold", 0.5))
        defect_table(result, threshold).to_csv(tmp / "defect_timecourse.csv", index=False, float_format="%.17g")
        (tmp / "outcomes.json").write_text(json.dumps(_jsonable(dict(outcomes)), indent=2) + "\n", encoding="utf-8")
        for name, fn in (figures or {}).items():
            fn(result, tmp / name)
        (tmp / "provenance.json").write_text(
            json.dumps(provenance(result, scenario, transport, extra_provenance), indent=2) + "\n", encoding="utf-8")
        if out.exists():
            trash = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:8]}"
            os.replace(out, trash)
            os.replace(tmp, out)
            shutil.rmtree(trash, ignore_errors=True)
        else:
            os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
