"""The JAX/diffrax backend (the GPU path) against the reference solver and against the CPU backend.

On CPU it is correct but slow (XLA compiles the vmapped Kvaerno5 solve for minutes, then about 0.4 s per patient
on the project's 2-core machine), so the CPU check is ``slow``:

    .venv/bin/python -m pytest tests/batched/test_jax_backend.py -m slow

The GPU check runs where ``jax.devices()`` has a GPU (JAX with CUDA installed, e.g. ``jax[cuda12]==0.10.2``):

    .venv/bin/python -m pytest tests/batched/test_jax_backend.py -m gpu
"""

from __future__ import annotations

import pytest

from osteoimmune import batch
from osteoimmune.outcomes import compute_outcomes

from batched_sample import SAMPLE, batched_results, reference_results
from test_accuracy import assert_outcomes_close

pytestmark = pytest.mark.skipif("jax" not in batch.BACKENDS, reason="JAX/diffrax not installed")

#: a plain fracture and IL-4 delivery (segments with input changes; the BMSC bolus is a jump like the injury)
PICK = [i for i, (label, _, _) in enumerate(SAMPLE) if label in ("young-female", "il4-low")]


@pytest.mark.slow
def test_jax_backend_on_cpu_matches_reference():
    import osteoimmune as oi

    scenarios = [oi.load_scenario(SAMPLE[i][1], list(SAMPLE[i][2])) for i in PICK]
    results = batch.simulate_many(scenarios, backend="jax")
    for i, res in zip(PICK, results):
        assert res.success, res.message
        assert_outcomes_close(compute_outcomes(reference_results()[i]), compute_outcomes(res), who=SAMPLE[i][0])


@pytest.mark.gpu
@pytest.mark.skipif(not batch.gpu_available(), reason="no GPU visible to JAX")
def test_jax_backend_on_gpu_matches_cpu_backend_and_reference():
    import jax

    assert any(d.platform == "gpu" for d in jax.devices())
    assert batch.resolve_backend("auto") == "jax"
    gpu = batched_results("jax")
    cpu = batched_results("scipy-bdf")
    for i, (label, _, _) in enumerate(SAMPLE):
        assert gpu[i].success, f"{label}: {gpu[i].message}"
        assert_outcomes_close(compute_outcomes(cpu[i]), compute_outcomes(gpu[i]), who=f"{label} (GPU vs CPU)")
        assert_outcomes_close(compute_outcomes(reference_results()[i]), compute_outcomes(gpu[i]), who=label)
