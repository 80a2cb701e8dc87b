"""Geometry of the spatial model: a Cartesian grid and the tissue regions of a segmental defect.

Axis 0 is the bone axis (x).  In 2D the grid is the longitudinal section through the bone axis (x, y); in 3D the
cross-section is (y, z) and the radial distance is ``r = sqrt(y² + z²)``.  Cell centres are classified by (x, r):

* ``CORTEX``      ``r_in ≤ r ≤ r_out`` and ``|x| > gap/2``   (the two bone ends; lamellar bone at ``bone_ref``)
* ``MARROW``      ``r < r_in`` and ``|x| > gap/2``            (marrow cavity: BMSC source)
* ``PERIOSTEUM``  ``r_out < r ≤ r_out + t_p``, ``|x| > gap/2`` (periosteal BMSC source; stripped over the gap)
* ``DEFECT``      ``r ≤ r_out`` and ``|x| ≤ gap/2``           (segment removed: hematoma at day 0)
* ``SOFT_TISSUE`` everything else                            (muscle: vessels, oxygen, myokines)

A scaffold, when present, fills the defect (``scaffold`` mask).  The ``box`` geometry labels every cell ``DEFECT``
and keeps the well-mixed sources (used for the spatially uniform limit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np


class Region(IntEnum):
    SOFT_TISSUE = 0
    PERIOSTEUM = 1
    CORTEX = 2
    MARROW = 3
    DEFECT = 4


@dataclass(frozen=True)
class Grid:
    """A uniform cell-centred Cartesian grid (spacing ``h`` in mm); axis 0 is the bone axis."""

    shape: tuple[int, ...]
    h: float
    lower: tuple[float, ...]  # coordinate (mm) of the lower domain corner

    def __post_init__(self) -> None:
        if len(self.shape) not in (1, 2, 3) or min(self.shape) < 1:
            raise ValueError(f"grid shape must have 1-3 positive dimensions, got {self.shape}")
        if self.h <= 0:
            raise ValueError(f"grid spacing must be positive, got {self.h}")

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def n_cells(self) -> int:
        return int(np.prod(self.shape))

    @property
    def cell_volume(self) -> float:
        """mm^ndim (per unit depth in 2D)."""
        return self.h ** self.ndim

    def axes(self) -> list[np.ndarray]:
        """Cell-centre coordinates (mm) along each axis."""
        return [lo + self.h * (np.arange(n) + 0.5) for lo, n in zip(self.lower, self.shape)]

    def centres(self) -> list[np.ndarray]:
        return np.meshgrid(*self.axes(), indexing="ij")


@dataclass(frozen=True)
class DefectGeometry:
    """A segmental defect between two bone ends, with its regions on a grid."""

    grid: Grid
    regions: np.ndarray           # Region codes, grid.shape
    scaffold: np.ndarray          # bool, grid.shape
    gap_mm: float
    diameter_mm: float
    kind: str = "segmental_defect"
    description: dict = field(default_factory=dict)

    def mask(self, *regions: Region) -> np.ndarray:
        return np.isin(self.regions, [int(r) for r in regions])

    @property
    def left_end(self) -> np.ndarray:
        """Bone-end cells (cortex) left of the gap."""
        x = self.grid.centres()[0]
        return (self.regions == Region.CORTEX) & (x < 0)

    @property
    def right_end(self) -> np.ndarray:
        x = self.grid.centres()[0]
        return (self.regions == Region.CORTEX) & (x > 0)


def segmental_defect(gap_mm: float, diameter_mm: float = 4.0, cortical_thickness_mm: float = 0.7,
                     periosteum_thickness_mm: float = 0.2, soft_tissue_mm: float = 1.0, bone_end_mm: float = 1.5,
                     resolution_mm: float = 0.2, dims: int = 2, scaffold: bool = False) -> DefectGeometry:
    """Grid and regions of a segmental defect (all lengths in mm)."""
    if dims not in (2, 3):
        raise ValueError(f"dims must be 2 or 3, got {dims}")
    h = float(resolution_mm)
    r_out = diameter_mm / 2.0
    r_in = r_out - cortical_thickness_mm
    if r_in <= 0:
        raise ValueError("cortical_thickness_mm must be smaller than the radius diameter_mm/2")
    half_x = gap_mm / 2.0 + bone_end_mm
    half_r = r_out + soft_tissue_mm
    nx = max(2, int(round(2 * half_x / h)))
    nr = max(2, int(round(2 * half_r / h)))
    shape = (nx,) + (nr,) * (dims - 1)
    lower = (-nx * h / 2.0,) + (-nr * h / 2.0,) * (dims - 1)
    grid = Grid(shape, h, lower)
    c = grid.centres()
    x = c[0]
    r = np.abs(c[1]) if dims == 2 else np.hypot(c[1], c[2])
    in_gap = np.abs(x) <= gap_mm / 2.0
    regions = np.full(shape, int(Region.SOFT_TISSUE), dtype=np.int8)
    regions[(~in_gap) & (r <= r_out + periosteum_thickness_mm)] = Region.PERIOSTEUM
    regions[(~in_gap) & (r <= r_out)] = Region.CORTEX
    regions[(~in_gap) & (r < r_in)] = Region.MARROW
    regions[in_gap & (r <= r_out)] = Region.DEFECT
    counts = {reg.name: int(np.sum(regions == reg)) for reg in Region}
    for reg in (Region.CORTEX, Region.MARROW, Region.DEFECT):
        if counts[reg.name] == 0:
            raise ValueError(f"resolution_mm = {h} is too coarse: no {reg.name.lower()} cell on the grid "
                             f"(use a resolution below the cortical thickness and the gap)")
    sc = (regions == Region.DEFECT) if scaffold else np.zeros(shape, bool)
    return DefectGeometry(grid, regions, sc, gap_mm, diameter_mm, "segmental_defect",
                          {"r_in_mm": r_in, "r_out_mm": r_out, "cells_per_region": counts})


def uniform_box(shape: tuple[int, ...], resolution_mm: float = 0.2) -> DefectGeometry:
    """Every cell is defect tissue (the spatially uniform limit)."""
    grid = Grid(tuple(int(n) for n in shape), float(resolution_mm), tuple(0.0 for _ in shape))
    regions = np.full(grid.shape, int(Region.DEFECT), dtype=np.int8)
    return DefectGeometry(grid, regions, np.zeros(grid.shape, bool), 0.0, 0.0, "box",
                          {"cells_per_region": {"DEFECT": grid.n_cells}})
