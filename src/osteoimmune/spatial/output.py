"""Write the output directory of a spatial run, atomically.

``DIR/fields.nc``
    Fields over time (``time``, ``x``, ``y`` [, ``z``]) with units, region and scaffold masks; NetCDF-4 (HDF5)
    through xarray + h5netcdf (h5py is a pinned dependency), every time-dependent field chunked one time step per
    chunk (``(1, nx, ny[, nz])``) and compressed (zlib level 4, byte shuffle); provenance.json records
    ``fields_nc_format`` and ``fields_nc_chunking``.
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


#: format of ``fields.nc`` (HDF5-based NetCDF-4 through h5netcdf)
NETCDF_FORMAT = "NETCDF4"
#: zlib level of the time-dependent fields
NETCDF_COMPLEVEL = 4


def netcdf_format() -> str:
    """The format :func:`write_fields_netcdf` writes: always ``NETCDF4`` (h5py and h5netcdf are dependencies)."""
    return NETCDF_FORMAT


def field_chunks(shape: tuple[int, ...]) -> tuple[int, ...]:
    """Chunk shape of a ``(time, *grid)`` field: one time step per chunk, the whole grid in it."""
    return (1,) + tuple(int(n) for n in shape[1:])


def write_fields_netcdf(result: Any, path: Path) -> str:
    """Fields to NetCDF-4 through h5netcdf; returns the format written (``NETCDF4``).

    Every variable with a ``time`` dimension is chunked :func:`field_chunks` (one time step per chunk, so a
    reader of one snapshot decompresses one chunk) and compressed with zlib level :data:`NETCDF_COMPLEVEL` after a
    byte shuffle; the static masks (``region``, ``scaffold``) are stored contiguously.
    """
    ds = result.to_xarray()
    enc = {name: {"chunksizes": field_chunks(var.shape), "zlib": True, "complevel": NETCDF_COMPLEVEL,
                  "shuffle": True}
           for name, var in ds.data_vars.items() if "time" in var.dims}
    ds.to_netcdf(path, engine="h5netcdf", format=NETCDF_FORMAT, encoding=enc)
    return NETCDF_FORMAT


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
        extra_provenance = {**(extra_provenance or {}), "fields_nc_format": fmt,
                            "fields_nc_chunking": "one time step per chunk, zlib level "
                                                  f"{NETCDF_COMPLEVEL} with shuffle"}
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
