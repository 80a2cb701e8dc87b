"""Cost of the spatial defect model per voxel and splitting step (issue 8, item 6); not a test.

A thin entry point to :mod:`osteoimmune.spatial.benchmark` (which the package keeps importable so that tests
can exercise it): one JSON line per grid with wall and CPU seconds, µs per voxel-step and the solver's work
counters.  Measurements and their history: docs/spatial.md, "Cost and scaling"::

    python benchmarks/spatial.py --sizes 1000 4096 16384 65536 --days 2   # scaling with the grid
    python benchmarks/spatial.py --shape 128 128 64 --days 120             # the issue's benchmark (≈ 15 min)
    python benchmarks/spatial.py --backend jax --shape 128 128 64 --days 120 --warmup-days 0.5 --jax-cache /tmp/jc
                                                                           # the same on a GPU (≈ 39 s on an H100)
"""

from __future__ import annotations

from osteoimmune.spatial.benchmark import main

if __name__ == "__main__":
    main()
