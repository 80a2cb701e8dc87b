"""Virtual cohorts: patients sampled reproducibly from a YAML spec, simulated in chunks on the execution engine.

>>> from osteoimmune.cohort import load_cohort, sample_chunk, scenarios_for, run_cohort
>>> spec = load_cohort("young-fracture")                  # doctest: +SKIP
>>> cov = sample_chunk(spec, 0)                           # covariates + sampled parameters of chunk 0
>>> scs = scenarios_for(spec, cov)                        # one Scenario per patient
>>> res = run_cohort(spec, "out/young", engine=None)      # chunks -> Parquet, summary CSV/Markdown

Imports ``scenario``, ``batch`` (simulate_many), ``outcomes``, ``engine``, ``model`` and ``errors``; never the edges
(``io``, ``plot``, ``cli``).  See docs/cohorts.md.
"""

from .covariates import COVARIATES, Covariate
from .run import OUTCOME_COLUMNS, CohortResult, describe, run_cohort, simulate_chunk
from .sampling import SAMPLING_BLOCK, sample_chunk, sample_patients
from .scenarios import scenarios_for
from .spec import PARAM_PREFIX, CohortError, CohortSpec, builtin_cohorts, load_cohort, validate_cohort
from .summary import summarize, wilson_interval

__all__ = ["CohortSpec", "CohortError", "CohortResult", "load_cohort", "validate_cohort", "builtin_cohorts",
           "sample_chunk", "sample_patients", "scenarios_for", "run_cohort", "simulate_chunk", "summarize",
           "wilson_interval", "describe", "COVARIATES", "Covariate", "OUTCOME_COLUMNS", "PARAM_PREFIX",
           "SAMPLING_BLOCK"]
