"""fields.nc: NetCDF-4 (HDF5) written through h5netcdf, one time step per chunk, compressed (issue 8 item 5)."""

from __future__ import annotations

import h5py
import numpy as np
import pytest
import xarray as xr

from osteoimmune.spatial.geometry import segmental_defect
from osteoimmune.spatial.output import NETCDF_COMPLEVEL, field_chunks, write_fields_netcdf
from osteoimmune.spatial.solver import SpatialResult, SpatialStats


def _result(dims: int, n_times: int = 4) -> SpatialResult:
    g = segmental_defect(1.0, resolution_mm=0.5, dims=dims, bone_end_mm=0.5, soft_tissue_mm=0.5,
                         cortical_thickness_mm=0.5, periosteum_thickness_mm=0.5, diameter_mm=3.0)
    rng = np.random.default_rng(dims)
    fields = {name: rng.random((n_times,) + g.grid.shape) for name in ("bone_fraction", "m1_macrophage")}
    return SpatialResult(np.linspace(0.0, 3.0, n_times), fields, g, {"bone_fraction": "1", "m1_macrophage": "cell/mL"},
                         SpatialStats())


@pytest.mark.parametrize("dims", [2, 3])
def test_fields_file_is_netcdf4_chunked_one_time_step_per_chunk(tmp_path, dims):
    res = _result(dims)
    path = tmp_path / "fields.nc"
    assert write_fields_netcdf(res, path) == "NETCDF4"
    assert path.read_bytes()[:8] == b"\x89HDF\r\n\x1a\n"  # HDF5 signature: NetCDF-4, not classic NetCDF-3
    shape = res.geometry.grid.shape
    with h5py.File(path, "r") as f:
        assert "_NCProperties" in f.attrs  # the netCDF-4 provenance attribute h5netcdf writes
        for name in res.fields:
            d = f[name]
            assert d.shape == (len(res.time),) + shape
            assert d.chunks == (1,) + shape == field_chunks(d.shape)
            assert d.compression == "gzip" and d.compression_opts == NETCDF_COMPLEVEL and d.shuffle
        assert f["region"].chunks is None  # static masks are contiguous
    with xr.open_dataset(path, engine="h5netcdf") as ds:
        for name, arr in res.fields.items():
            assert ds[name].encoding["chunksizes"] == (1,) + shape
            assert ds[name].encoding["zlib"] and ds[name].encoding["complevel"] == NETCDF_COMPLEVEL
            assert ds[name].attrs["units"] == res.units[name]
            np.testing.assert_array_equal(ds[name].values, arr)  # lossless
        assert ds["bone_fraction"].dims == ("time", "x", "y", "z")[: dims + 1]


def test_critical_size_figure_marks_bridged_runs_and_the_threshold():
    from osteoimmune.plot.spatial import plot_critical_size

    rows = [{"run": f"gap-{g:g}mm", "gap_mm": g, "bridging_path_bone_fraction": v, "bridged": v >= 0.5,
             "bridging_threshold": 0.5, "days": 84.0} for g, v in ((1.0, 0.64), (2.0, 0.61), (5.0, 0.004))]
    rows.append({"run": "rat-femur-5mm-bmsc-scaffold", "gap_mm": 5.0, "bridging_path_bone_fraction": 0.54,
                 "bridged": True, "bridging_threshold": 0.5, "days": 84.0})
    ax = plot_critical_size(rows).axes[0]
    assert ax.get_xlabel() == "gap length (mm)" and "day 84" in ax.get_ylabel()
    assert [line.get_ydata()[0] for line in ax.lines if line.get_linestyle() == ":"] == [0.5]
    points = ax.collections  # one marker per run, in order
    filled = [tuple(pc.get_facecolor()[0]) != (1.0, 1.0, 1.0, 1.0) for pc in points]
    assert filled == [True, True, False, True]
    assert "bmsc-scaffold" in [t.get_text() for t in ax.get_legend().get_texts()]
