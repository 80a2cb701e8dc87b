"""Reproducible sampling of virtual patients, independent of chunking and parallelism.

Patient ``i`` is always the same patient, whatever the chunk size, the number of workers or the cohort size:
its standard-normal draws come from row ``i mod B`` of sampling block ``b = i // B`` (``B`` =
:data:`SAMPLING_BLOCK`), and block ``b`` is drawn by its own generator,
``numpy.random.Generator(PCG64(SeedSequence(seed, spawn_key=(b,))))`` — the ``b``-th child of the cohort's seed
sequence (:meth:`numpy.random.SeedSequence.spawn` gives the same children).  A chunk draws only the blocks it
overlaps, so chunks can be sampled anywhere, in any order.

Correlations use a Gaussian copula: the normal draws ``z`` of the random variables are correlated as ``x = L z``
(``L L^T`` = the correlation matrix), turned into uniforms ``u = Φ(x)`` and then into each variable's marginal by
its inverse CDF (:mod:`osteoimmune.cohort.distributions`).  The correlation is that of the underlying normals; the
correlation of the marginals themselves is somewhat weaker for skewed or discrete marginals.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.special import ndtr

from .covariates import estrogen_status
from .spec import CohortSpec

#: patients per sampling block (fixed: changing it would change every cohort)
SAMPLING_BLOCK = 1024


def _block_normals(seed: int, block: int, dim: int) -> np.ndarray:
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))
    return rng.standard_normal((SAMPLING_BLOCK, dim))


def normals(spec: CohortSpec, start: int, stop: int) -> np.ndarray:
    """Independent standard-normal draws of patients ``[start, stop)``, one column per random variable."""
    dim = len(spec.random_variables())
    if stop <= start or dim == 0:
        return np.zeros((max(0, stop - start), dim))
    first, last = start // SAMPLING_BLOCK, (stop - 1) // SAMPLING_BLOCK
    z = np.concatenate([_block_normals(spec.seed, b, dim) for b in range(first, last + 1)])
    offset = first * SAMPLING_BLOCK
    return z[start - offset: stop - offset]


def sample_patients(spec: CohortSpec, start: int, stop: int) -> pd.DataFrame:
    """Covariates and sampled parameters of patients ``[start, stop)`` (``patient`` column: their index)."""
    z = normals(spec, start, stop)
    if spec.correlations:
        z = z @ np.linalg.cholesky(spec.correlation_matrix()).T
    u = np.clip(ndtr(z), 1e-16, 1.0 - 1e-16)
    n = stop - start
    columns: dict[str, Any] = {"patient": np.arange(start, stop, dtype=np.int64)}
    j = 0
    for name, dist in spec.variables():
        if dist.random:
            values = dist.ppf(u[:, j])
            j += 1
        else:
            values = dist.ppf(np.zeros(n))
        kind = dist.produces
        columns[name] = (pd.array(values, dtype="str") if kind == "category"
                         else np.asarray(values, dtype=bool) if kind == "bool"
                         else np.asarray(values, dtype=float))
    df = pd.DataFrame(columns)
    if "menopause_age_years" in spec.covariates:
        base_patient = dict(spec.base_scenario_dict().get("patient") or {})
        df["estrogen_status"] = pd.array([
            estrogen_status({"menopause_age_years": m},
                            {**base_patient, **({"age_years": a} if a is not None else {}), **({"sex": s} if s else {})})
            for m, a, s in zip(df["menopause_age_years"],
                               df["age_years"] if "age_years" in df else [None] * n,
                               df["sex"] if "sex" in df else [None] * n)], dtype="str")
    return df


def sample_chunk(spec: CohortSpec, chunk_index: int) -> pd.DataFrame:
    """Covariates and sampled parameters of the patients of chunk ``chunk_index`` (see :meth:`CohortSpec.chunk_range`)."""
    start, stop = spec.chunk_range(chunk_index)
    return sample_patients(spec, start, stop)
