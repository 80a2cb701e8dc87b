"""Global sensitivity, target ranking, calibration and intervention design, all on the execution engine.

* :mod:`~osteoimmune.analysis.space` — parameter ranges (declared bounds or ×/÷ factor) and internal coordinates.
* :mod:`~osteoimmune.analysis.outcomes_of` — rows of parameters/designs → named outcomes over a scenario or cohort,
  evaluated in chunks through :class:`osteoimmune.engine.Engine`.
* :mod:`~osteoimmune.analysis.sensitivity` — Morris and Sobol (SALib) with bootstrap CIs and convergence tables.
* :mod:`~osteoimmune.analysis.targets` — ranking of druggable nodes by the improvement of an outcome.
* :mod:`~osteoimmune.analysis.calibration` — multi-start least squares in log-parameter space, profile likelihood.
* :mod:`~osteoimmune.analysis.optimize` — intervention dose/timing design by differential evolution.
* :mod:`~osteoimmune.analysis.testfunctions` — the Ishigami function with its analytic indices.

Imports ``scenario``, ``api``/``batch``, ``cohort``, ``engine``, ``outcomes``, ``model``, ``knowledge`` and
``errors``; never the edges (``io``, ``plot``, ``cli``).  See docs/analysis.md.
"""

from .outcomes_of import OUTCOMES, ModelEvaluator, ParameterMapping, check_outcomes, cohort_scenarios, evaluate
from .sensitivity import SensitivityResult, SensitivitySpec, load_sensitivity, model_problem, run_sensitivity
from .space import AnalysisError, ParameterRange, ParameterSpace, build_space

__all__ = ["OUTCOMES", "ModelEvaluator", "ParameterMapping", "check_outcomes", "cohort_scenarios", "evaluate",
           "SensitivityResult", "SensitivitySpec", "load_sensitivity", "model_problem", "run_sensitivity",
           "AnalysisError", "ParameterRange", "ParameterSpace", "build_space"]
