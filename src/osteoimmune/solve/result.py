"""The result of a simulation: trajectories plus solver status and statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class SolverStats:
    """What the solver did (summed over segments)."""

    method: str
    rtol: float
    atol_scale: float
    n_segments: int = 0
    n_steps: int = 0
    n_rhs: int = 0
    n_jac: int = 0
    wall_seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class SimulationResult:
    """Trajectories of every species and assignment at the output times.

    ``y[i, j]`` is species ``species_ids[j]`` at ``time[i]`` (day);
    ``assigned[i, k]`` is assignment ``assignment_ids[k]``.
    """

    time: np.ndarray
    y: np.ndarray
    species_ids: tuple[str, ...]
    assigned: np.ndarray
    assignment_ids: tuple[str, ...]
    units: dict[str, str]
    stats: SolverStats
    status: str = "success"
    message: str = "integration successful"
    parameters: dict[str, float] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def success(self) -> bool:
        return self.status == "success"

    @property
    def columns(self) -> tuple[str, ...]:
        return self.species_ids + self.assignment_ids

    def __getitem__(self, name: str) -> np.ndarray:
        if name in ("time", "time_days"):
            return self.time
        if name in self.species_ids:
            return self.y[:, self.species_ids.index(name)]
        if name in self.assignment_ids:
            return self.assigned[:, self.assignment_ids.index(name)]
        from ..errors import UnknownNameError

        raise UnknownNameError("result column", name, list(self.columns))

    def at(self, name: str, day: float) -> float:
        """Linear interpolation of ``name`` at ``day``."""
        return float(np.interp(day, self.time, self[name]))

    def to_dataframe(self):
        import pandas as pd

        data = {"time_days": self.time}
        for j, s in enumerate(self.species_ids):
            data[s] = self.y[:, j]
        for k, a in enumerate(self.assignment_ids):
            data[a] = self.assigned[:, k]
        return pd.DataFrame(data)

    def to_xarray(self):
        import xarray as xr

        ds = xr.Dataset(coords={"time": ("time", self.time, {"units": "day"})})
        for j, s in enumerate(self.species_ids):
            ds[s] = ("time", self.y[:, j], {"units": self.units.get(s, "")})
        for k, a in enumerate(self.assignment_ids):
            ds[a] = ("time", self.assigned[:, k], {"units": self.units.get(a, "")})
        ds.attrs.update({"status": self.status, "message": self.message, **{f"solver_{k}": v for k, v in self.stats.as_dict().items()}})
        return ds
